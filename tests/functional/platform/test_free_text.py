"""Free text in every input model refuses control and invisible characters and is stored NFC
(issue 10 item 10, G7, DESIGN rule 12).

The walk starts from the body models of every route in the template, follows nested models,
and for every field that takes a string tries a value carrying a refused character: whatever
the field's own rule (a pattern, a list of choices, the free-text type), it must refuse it.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from collections.abc import Iterator
from typing import Any, Union

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from devstack.runtime import Functions
from devstack.template import Template
from egov.platform.text import Text
from tests.conftest import EVENTS, rest_event
from tests.helpers import account

REFUSED = ("\x00", "\x1b", "\u202e", "\u200b", "\ufeff")
# Fields that may take any character, and why.
ANY_CHARACTER = {
    # Credentials are compared with what was set, never shown or sent on; a password may hold
    # any character a keyboard types (NIST SP 800-63B). Usernames get their own folding (#14).
    "egov.platform.login.Credentials.username",
    "egov.platform.login.Credentials.password",
    "egov.platform.login.ClientCredentials.clientId",
    "egov.platform.login.ClientCredentials.clientSecret",
}


def _input_models() -> set[type[BaseModel]]:
    template = Template()
    functions = Functions(template)
    found: set[type[BaseModel]] = set()
    for logical_id, fn in template.functions.items():
        if not fn.routes:
            continue
        functions.handler(logical_id)
        app = sys.modules[f"_lambda_{logical_id}"].app
        for route in [*app._static_routes, *app._dynamic_routes]:
            hints = typing.get_type_hints(route.func, include_extras=True)
            hints.pop("return", None)
            for hint in hints.values():
                found |= set(_models_in(hint))
    return found


def _models_in(hint: Any) -> Iterator[type[BaseModel]]:
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        yield hint
        for field in hint.model_fields.values():
            yield from _models_in(field.annotation)
    for arg in typing.get_args(hint):
        yield from _models_in(arg)


def _samples(hint: Any, bad: str) -> Iterator[Any]:
    """Values of the field's shape whose strings carry `bad`."""
    origin = typing.get_origin(hint)
    if hint is str:
        yield f"Ab{bad}cd"
    elif origin is typing.Annotated:
        yield from _samples(typing.get_args(hint)[0], bad)
    elif origin in (Union, types.UnionType):
        for arg in typing.get_args(hint):
            yield from _samples(arg, bad)
    elif origin in (list, set, frozenset, tuple):
        for sample in _samples(typing.get_args(hint)[0], bad):
            yield [sample]
    elif origin is dict:
        key, value = typing.get_args(hint)
        for sample in _samples(key, bad):
            yield {sample: None}
        for sample in _samples(value, bad):
            yield {"k": sample}


def _accepting() -> list[str]:
    accepting = []
    for model in sorted(_input_models(), key=lambda m: m.__qualname__):
        for name, field in model.model_fields.items():
            if f"{model.__module__}.{model.__qualname__}.{name}" in ANY_CHARACTER:
                continue
            annotated = (
                typing.Annotated[(field.annotation, *field.metadata)]
                if field.metadata
                else field.annotation
            )
            adapter = TypeAdapter(annotated)
            for bad in REFUSED:
                for sample in _samples(field.annotation, bad):
                    try:
                        adapter.validate_python(sample)
                    except ValidationError:
                        continue
                    accepting.append(f"{model.__module__}.{model.__qualname__}.{name} {bad!r}")
    return accepting


def test_g7_no_input_field_takes_control_or_invisible_characters(local_aws: Any) -> None:
    assert _accepting() == []


@pytest.mark.parametrize("bad", REFUSED)
def test_g7_the_problem_names_the_field_and_the_character(local_aws: Any, bad: str) -> None:
    """A refused character in a nested free-text field is a 422 naming that field."""
    _, token = account()
    form = json.loads((EVENTS / "esign_application.json").read_text())
    form["applicant"]["surname"] = f"Məmməd{bad}ova"
    response = Functions(Template()).invoke(
        "EsignCreateApplicationFunction",
        rest_event(
            "POST", "/esign/applications", body=form, headers={"Authorization": f"Bearer {token}"}
        ),
    )
    assert response["statusCode"] == 422
    problem = json.loads(response["body"])
    assert problem["errors"][0]["field"] == "applicant.surname"
    assert problem["errors"][0]["code"] == "text.invisible-character"
    assert f"U+{ord(bad):04X}" in problem["errors"][0]["detail"]


def test_rule12_text_is_stored_in_nfc() -> None:
    """ "ə" typed as "e" + combining mark is not "ə"; NFC makes the two one (and İ stays İ)."""
    decomposed = "Ba\u0301ki\u0307 "
    assert TypeAdapter(Text).validate_python(decomposed) == "Báki̇"
    assert TypeAdapter(Text).validate_python("Əli İsmayıl") == "Əli İsmayıl"
