"""Lazily created AWS clients, from botocore alone.

Clients are made on first use, not at import, so that cold starts stay short and moto is
already listening when tests create them. They come from botocore without boto3: boto3 adds
its resource layer, its documentation classes and s3transfer (about 60 modules, a tenth of a
handler's import, issue 18) and nothing our code needs; DynamoDB items are marshalled by
`egov.platform.repository`. The endpoint comes from botocore's own `AWS_ENDPOINT_URL` setting:
unset on AWS, the moto server locally, LocalStack where chosen.
"""

from __future__ import annotations

import functools
import os
import threading
from typing import Any

from botocore.config import Config
from botocore.session import Session, get_session

_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 3}, connect_timeout=5, read_timeout=30
)
# A botocore session is not thread-safe while it creates clients (the local gateway runs
# handlers on threads); the clients it makes are.
_CREATING = threading.Lock()


@functools.cache
def session() -> Session:
    """The one session every client comes from (benches register their counters on it)."""
    return get_session()


@functools.cache
def client(service: str) -> Any:
    with _CREATING:
        return session().create_client(service, config=_CONFIG)


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
    """Forget the session and its clients (tests switch endpoints between runs)."""
    client.cache_clear()
    session.cache_clear()
