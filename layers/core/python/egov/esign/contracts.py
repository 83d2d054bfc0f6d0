"""The certificate contract between the Center and the non-resident (E8, E10, E11; §2.9–2.16).

The Center's decision to issue comes with the contract, which travels to the embassy (E8). It is
a generated record rather than a file: the contract number, the two parties and the applicant's
data as filed; for ASAN İmza it also covers the SIM contract with the mobile operator (§2.14).
The embassy has it signed at the in-person check (E10); the signed second copies then travel to
the Ministry of Foreign Affairs in dispatch batches (E11, `egov.esign.dispatch`).

Keys (ESIGN_TABLE): `CONTRACT#<number>` / `CONTRACT`, the `Contract` model under its camelCase
names. A signed contract waiting for a batch is in `gsi1` under
`EMBASSY#<embassy>#CONTRACTS#signed`, sorted by signing time; a dispatched one moves to
`EMBASSY#<embassy>#CONTRACTS#dispatched`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from egov.esign.form import Person
from egov.esign.records import ESIGN, ApplicationRecord
from egov.esign.texts import CENTER_NAMES
from egov.platform import clock
from egov.platform.models import View
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction

Status = Literal["prepared", "signed", "dispatched"]
_HOLDER_FIELDS = {
    "surname",
    "name",
    "patronymic",
    "birth_date",
    "birth_place",
    "citizenship",
    "country_of_residence",
    "permanent_address",
    "id_document",
    "email",
}


class Party(View):
    role: Literal["center", "holder", "mobile-operator"]
    code: str | None = None
    name: str
    data: dict[str, Any] | None = None


class Contract(View):
    """The contract as stored, and as the embassy is sent it."""

    contract_number: str
    application_id: str
    registration_number: str
    center: str
    embassy: str
    carrier: str
    virtual_fin: str
    parties: list[Party]
    status: Status
    prepared_at: datetime
    signed_at: datetime | None = None
    certificate_serial: str | None = None
    batch_id: str | None = None


def key(number: str) -> tuple[str, str]:
    return f"CONTRACT#{number}", "CONTRACT"


def signed_index(embassy: str) -> str:
    return f"EMBASSY#{embassy}#CONTRACTS#signed"


def dispatched_index(embassy: str) -> str:
    return f"EMBASSY#{embassy}#CONTRACTS#dispatched"


def number_for(center: str, registration_number: str) -> str:
    """`EIMZA-MQ-2026-000042`: the Center's contract under the application's sequence number."""
    return f"{center}-MQ-{registration_number.split('-', 1)[1]}"


def holder_name(applicant: Person) -> str:
    return " ".join(
        part for part in (applicant.surname, applicant.name, applicant.patronymic) if part
    )


def prepare(
    tx: Transaction, application: ApplicationRecord, center: str, embassy: str, at: str
) -> Contract:
    """E8: the Center's contract for an application it decided to issue, put into `tx`."""
    form = application.form
    applicant, carrier = form.applicant, form.carrier
    assert applicant is not None and carrier is not None  # complete when submitted
    assert application.registration_number is not None and application.virtual_fin is not None
    number = number_for(center, application.registration_number)
    parties = [
        Party(role="center", code=center, name=CENTER_NAMES[center]["az"]),
        Party(
            role="holder",
            name=holder_name(applicant),
            data=applicant.model_dump(
                mode="json", by_alias=True, exclude_none=True, include=_HOLDER_FIELDS
            )
            | {"virtualFin": application.virtual_fin},
        ),
    ]
    if carrier.kind == "asan-sim":
        assert carrier.operator is not None  # an ASAN İmza carrier names its SIM (rules)
        parties.append(
            Party(
                role="mobile-operator",
                name=carrier.operator,
                data={"mobile": carrier.mobile},
            )
        )
    contract = Contract(
        contract_number=number,
        application_id=application.application_id,
        registration_number=application.registration_number,
        center=center,
        embassy=embassy,
        carrier=carrier.kind,
        virtual_fin=application.virtual_fin,
        parties=parties,
        status="prepared",
        prepared_at=clock.parse(at),
    )
    pk, sk = key(number)
    item = {
        "pk": pk,
        "sk": sk,
        **contract.model_dump(mode="json", by_alias=True, exclude_none=True),
    }
    tx.put(ESIGN, item, conflict=Conflict("esign.contract-exists", field="contractNumber"))
    return contract


def sign(tx: Transaction, number: str, embassy: str, serial: str, at: str) -> None:
    """E10: the contracts signed at the embassy; the second copy waits for a batch (E11)."""
    tx.update(
        ESIGN,
        *key(number),
        {
            "status": "signed",
            "signedAt": at,
            "certificateSerial": serial,
            "gsi1pk": signed_index(embassy),
            "gsi1sk": f"{at}#{number}",
        },
        expected={"status": "prepared"},
        conflict=Conflict("esign.contract-not-open", field="contractNumber"),
    )


def load(number: str) -> Contract | None:
    item = ESIGN.get(*key(number))
    return Contract.model_validate(item) if item else None


def signed_ones(embassy: str, limit: int) -> list[Contract]:
    """The embassy's signed contracts waiting for a batch, oldest signed first (E11)."""
    items = ESIGN.query(signed_index(embassy), index="gsi1", limit=limit).items
    return [Contract.model_validate(item) for item in items]
