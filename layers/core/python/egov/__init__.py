"""Shared code of the e-government platform, shipped as the `core` Lambda layer."""
