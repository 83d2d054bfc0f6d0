"""EKTİS, the "Electronic agriculture" information system (seed 004): subjects and land parcels."""
