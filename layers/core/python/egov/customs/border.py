"""Goods registered by a border post's own system (C3, G3).

The border posts' system sends one Standard Webhooks message per consignment that crossed,
signed `v1` with the key shared with the platform (`BORDER_POST_SECRET`), body
`{"type": "goods.registered", "data": <Registration>}`. `egov.platform.inbound` verifies it
(401 otherwise) and handles each `webhook-id` once; a consignment told again under a new id is
still recorded once, by its barcode (`registry.register`). Bad data is a 422 naming the field,
so the sender's retry of a wrong message stays refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from pydantic import ValidationError

from egov.customs import registry
from egov.customs.goods import Registration
from egov.platform import audit, i18n, inbound, secrets
from egov.platform.http import validation_problem
from egov.platform.problems import Invalid

if TYPE_CHECKING:
    from standardwebhooks import Webhook

SOURCE = "border-post"

i18n.register(
    {
        "customs.border.signature-invalid": {
            "az": "Sərhəd məntəqəsinin mesajının imzası yoxlanışdan keçmədi",
            "en": "The border post's message signature does not verify",
        },
        "customs.border.type": {
            "az": "Mesajın növü tanınmır",
            "en": "The message type is not known",
        },
    }
)


def signer() -> Webhook:
    from standardwebhooks import Webhook

    return Webhook(secrets.secret("BORDER_POST_SECRET").encode())


def receive(body: str, headers: Mapping[str, str]) -> None:
    inbound.once(SOURCE, signer(), body, headers, "customs.border.signature-invalid", handle)


def handle(payload: dict[str, Any]) -> None:
    if payload.get("type") != "goods.registered":
        raise Invalid("customs.border.type", field="type")
    try:
        registration = Registration.model_validate(payload.get("data"))
    except ValidationError as bad:
        raise validation_problem(RequestValidationError(bad.errors())) from bad
    registry.register(
        registration, audit.Actor.system(f"{SOURCE}:{registration.registering_office}")
    )
