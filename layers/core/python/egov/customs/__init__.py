"""Customs: goods registered at the border posts and not yet cleared (seed 003, C1–C3).

`goods` holds the fields of a consignment and their rules (C2), `registry` how goods are kept,
registered by a border post or an officer, cleared by customs, listed for their importer and
swept for missed delivery deadlines (C2, C3), `importers` which VÖEN a signed-in person may list
(C1). The rules are documented for people in docs/export.md.
"""
