"""Secrets from AWS Secrets Manager, read once per cold start (DESIGN rule 13)."""

from __future__ import annotations

import functools

from egov.platform import aws


@functools.cache
def secret(env_var: str) -> str:
    """The secret named by `env_var` (an ARN or name the template passes)."""
    response = aws.client("secretsmanager").get_secret_value(SecretId=aws.resource_name(env_var))
    return str(response["SecretString"])


def forget() -> None:
    secret.cache_clear()
