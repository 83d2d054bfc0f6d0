"""E-signature certificates for non-residents through the embassies (seed 001 §1–2, E1–E11)."""
