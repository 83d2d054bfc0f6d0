"""Lazily created boto3 clients.

Clients are made on first use, not at import, so that cold starts stay short and moto is
already listening when tests create them. The endpoint comes from boto3's own
`AWS_ENDPOINT_URL` setting: unset on AWS, the moto server locally, LocalStack where chosen.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import boto3
from botocore.config import Config

_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 3}, connect_timeout=5, read_timeout=30
)


@functools.cache
def client(service: str) -> Any:
    return boto3.client(service, config=_CONFIG)  # type: ignore[call-overload]


@functools.cache
def dynamodb() -> Any:
    return boto3.resource("dynamodb", config=_CONFIG)


def setting(env_var: str) -> str:
    """A value the template sets in the function's environment (empty is a value). Missing, it
    fails loudly: a default here would hide a function whose template entry forgot it."""
    try:
        return os.environ[env_var]
    except KeyError as missing:
        raise RuntimeError(f"{env_var} is not set: the template must pass it") from missing


def resource_name(env_var: str) -> str:
    """Names and ARNs of resources come only from the environment the template sets."""
    return setting(env_var)


def reset_clients() -> None:
    """Forget cached clients (tests switch endpoints between runs)."""
    client.cache_clear()
    dynamodb.cache_clear()
