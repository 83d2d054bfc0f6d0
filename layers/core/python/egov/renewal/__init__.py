"""Online renewal of ASAN İmza certificates (seed 002, R1–R9): the holder's certificates and the
renewal window, the application and the certificate-services contract signed with the current
ASAN İmza, the head's power of attorney, activation at the mobile operator, and ASXM's
processing that issues the new certificate. See docs/renewal.md."""
