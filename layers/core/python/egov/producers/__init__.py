"""The agricultural producer portal (seed 000, requirements P1–P9).

One module per domain concept: `models` (fields and their rules), `check` (registry lookups,
P2), `confirmations` (SMS one-time codes, P3), `registry` (the producer record and its guards,
P1/P4/P6/P8), `verification` (the ministry's decision, P5), `catalog` (the product classifier,
P9). The rules are documented for people in docs/producers.md.
"""
