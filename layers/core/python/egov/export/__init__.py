"""The export single window of www.azexport.az (seed 001 part 2, X1-X5).

`catalogue` holds the goods produced in Azerbaijan and their producers (X1); `contracts` and
`contract_documents` the e-contracts between a local taxpayer and its foreign partner (X2);
`eservices` the cross-border e-services, transactional or informational (X3). The rules are
documented for people in docs/export.md.
"""
