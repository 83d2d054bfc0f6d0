"""The portal's cross-border e-services (X3; seed 001 part 2, §10.3.2, §10.1-10.2).

Kept as data: each service is one route of the platform. A *transactional* service changes
something on the user's behalf: it needs a signed-in user (§10.1: an account made with an
electronic signature) and its result is confirmed with an electronic signature (§10.3.2.3). An
*informational* or query service needs neither login nor confirmation (§10.2, §10.3.2.4). The
kind is not a second rule beside the access table: `egov.platform.access.RULES` enforces it, and
tests/functional/export/test_export_eservices.py proves both agree and that each route answers
a stranger as its kind says.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from egov.export import texts as _texts  # noqa: F401  (registers the service names)
from egov.platform import i18n

Kind = Literal["transactional", "informational"]
# §1.3.7: an electronic signature is an E-imza (token certificate) or an ASAN İmza.
Signature = Literal["asan-imza", "certificate", "electronic", "none"]


class EService(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=True)

    id: str
    kind: Kind
    route: str = Field(description="METHOD and path of the platform's API")
    agency: str = Field(description="Who provides it")
    signature: Signature

    @property
    def needs_login(self) -> bool:
        return self.kind == "transactional"


class Shown(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    id: str
    name: str
    kind: Kind
    needs_login: bool
    signature: Signature
    method: str
    path: str
    agency: str


class EServices(BaseModel):
    items: list[Shown]


ESERVICES: tuple[EService, ...] = (
    EService(
        id="contract",
        kind="transactional",
        route="POST /export/contracts",
        agency="İTKM",
        signature="electronic",
    ),
    EService(
        id="contract-asan-signature",
        kind="transactional",
        route="POST /export/contracts/{contractId}/asan-signature",
        agency="İTKM",
        signature="asan-imza",
    ),
    EService(
        id="contract-certificate-signature",
        kind="transactional",
        route="POST /export/contracts/{contractId}/certificate-signature",
        agency="İTKM",
        signature="certificate",
    ),
    EService(
        id="certificate-renewal",
        kind="transactional",
        route="POST /renewal/certificates/{serial}/applications",
        agency="ASXM",
        signature="asan-imza",
    ),
    EService(
        id="catalogue",
        kind="informational",
        route="GET /export/catalogue",
        agency="İTKM",
        signature="none",
    ),
    EService(
        id="contract-verification",
        kind="informational",
        route="POST /export/contracts/verification",
        agency="İTKM",
        signature="none",
    ),
    EService(
        id="certificate-status",
        kind="informational",
        route="GET /certificates/{serial}/status",
        agency="RİNN",
        signature="none",
    ),
    EService(
        id="certificate-by-key",
        kind="informational",
        route="GET /certificates/keys/{fingerprint}",
        agency="RİNN",
        signature="none",
    ),
)


def listed(kind: Kind | None, language: i18n.Lang) -> EServices:
    """X3: the e-services, each with whether it needs a login and a signature; public."""
    return EServices(
        items=[
            Shown(
                id=s.id,
                name=i18n.text(f"export.eservice.{s.id}", language),
                kind=s.kind,
                needs_login=s.needs_login,
                signature=s.signature,
                method=s.route.split(" ", 1)[0],
                path=s.route.split(" ", 1)[1],
                agency=s.agency,
            )
            for s in ESERVICES
            if kind is None or s.kind == kind
        ]
    )
