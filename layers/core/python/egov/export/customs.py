"""The State Customs Committee's declaration system (X5; §4.2.6): the adapter (DESIGN rule 14).

`POST /declarations` takes an export customs declaration under our reference and answers with
customs' result: `released`, or `refused` with the reason. The reference makes a repeat safe:
customs answers a declaration it already has with the result it recorded. A system that times
out or answers 5xx is `Unavailable` (503 to the person, nothing changed on our side).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from egov.export.models import Verdict
from egov.platform.adapters.base import SystemClient, register_system

register_system(
    "customs",
    {"az": "Dövlət Gömrük Komitəsinin sistemi", "en": "The State Customs Committee's system"},
)


class CustomsDeclarations:
    def __init__(self, client: SystemClient) -> None:
        self.client = client

    def declare(self, declaration: Mapping[str, Any]) -> Verdict:
        return Verdict.model_validate(
            self.client.post("/declarations", declaration, field="applicationId")
        )


def declarations() -> CustomsDeclarations:
    return CustomsDeclarations(SystemClient("customs"))
