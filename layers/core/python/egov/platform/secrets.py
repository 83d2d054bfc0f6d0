"""Secrets and settings from AWS Secrets Manager and SSM Parameter Store (DESIGN rule 13).

The one way the layer reads them: Powertools parameters, each value kept for the template's
`POWERTOOLS_PARAMETERS_MAX_AGE` seconds rather than for the life of the instance, so a rotated key
or a changed endpoint reaches running functions within that time.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from egov.platform import aws

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.parameters import SecretsProvider, SSMProvider


@functools.cache
def _secrets() -> SecretsProvider:
    # Imported on first use: most requests never read a secret.
    from aws_lambda_powertools.utilities.parameters import SecretsProvider

    return SecretsProvider(boto3_client=aws.client("secretsmanager"))


@functools.cache
def _ssm() -> SSMProvider:
    from aws_lambda_powertools.utilities.parameters import SSMProvider

    return SSMProvider(boto3_client=aws.client("ssm"))


def secret(env_var: str) -> str:
    """The secret named by `env_var` (an ARN or name the template passes)."""
    return secret_named(aws.resource_name(env_var))


def secret_named(name: str) -> str:
    """A secret whose name the code derives (an agency's webhook secret)."""
    return str(_secrets().get(name))


def parameter(env_var: str) -> str:
    """The text value of the SSM parameter named by `env_var`."""
    return str(_ssm().get(aws.resource_name(env_var)))


def parameter_json(env_var: str) -> Any:
    """The JSON value of the SSM parameter named by `env_var`."""
    return _ssm().get(aws.resource_name(env_var), transform="json")


def forget() -> None:
    """Drop every cached value (a secret just written; tests that switch back ends)."""
    _secrets.cache_clear()
    _ssm.cache_clear()
