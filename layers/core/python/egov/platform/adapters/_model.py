"""The base of the adapters' models: camelCase on the wire, snake_case in Python."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from egov.platform.problems import Invalid


class Record(BaseModel):
    model_config = ConfigDict(
        defer_build=True, alias_generator=to_camel, populate_by_name=True, frozen=True
    )


def checked(check: Callable[[str], str], value: str, field: str) -> str:
    """Run a pydantic-style validator outside a model, as a 422 naming `field` (G7)."""
    try:
        return check(value)
    except PydanticCustomError as bad:
        raise Invalid(bad.type, field=field) from bad
