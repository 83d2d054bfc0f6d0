"""Platform capabilities every service stands on: HTTP glue, identity, registries, exchange."""
