"""The e-signature application record in `EsignTable` and what its owner sees of it (E2–E10).

Keys (ESIGN_TABLE):
- `APPLICATION#<id>` / `APPLICATION`: the form, its attachments, status, registration number,
  deadlines and decisions; `version` guards racing changes.
- `COUNTER#REGISTRATION#<year>` / `COUNTER`: the sequence of registration numbers (E5).
- `VFIN#<code>` / `GUARD` and `VFINS-OF#<id>` (see `egov.esign.vfin`): the virtual FIN register.

Every status change also advances the cabinet's copy (`egov.platform.applications`) and writes
an audit entry, in the transaction of the change.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field
from pydantic_core import PydanticCustomError

from egov.esign.form import ApplicationForm, Section
from egov.esign.texts import STATUS_TEXTS  # (and registers the texts for every module)
from egov.platform import calendar, clock, i18n
from egov.platform.adapters.mobile import check_mobile
from egov.platform.models import View
from egov.platform.problems import Conflict, NotFound
from egov.platform.repository import Item, Table, Transaction

ESIGN = Table("ESIGN_TABLE")
SERVICE = "esign"

Status = Literal[
    "draft",
    "registered",
    "refused",
    "virtual-fin-issued",
    "center-refused",
    "at-embassy",
    "invited",
    "issued",
    "embassy-refused",
    "data-changed",
]
AttachmentId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]


class Attachments(Section):
    """E3: the uploads (ids from `POST /uploads`) that go with the form."""

    passport_copy: AttachmentId | None = None
    photo: AttachmentId | None = None
    power_of_attorney: AttachmentId | None = None


class Draft(ApplicationForm):
    """What the applicant saves: the annex form and the attachments' ids."""

    attachments: Attachments | None = None
    language: i18n.Lang | None = Field(
        None,
        description="G2: the language of every notice about the application (az or en); when "
        "not chosen, the Accept-Language of the submission",
    )


class Opinion(View):
    agency: str
    outcome: Literal["approve", "reject", "silent"]


class Invitation(View):
    at: datetime
    place: str


class Application(View):
    """The applicant's view of his application."""

    application_id: str
    status: Status
    status_text: str
    form: Draft
    fee_payment_id: str | None = Field(
        None, description="E4: the fee's payment (GET /payments/{id})"
    )
    registration_number: str | None = None
    submitted_at: datetime | None = None
    review_deadline: datetime | None = Field(
        None, description="E6: end of the 3rd business day; silence until then is consent"
    )
    deadlines: list[calendar.Deadline] = Field(
        default_factory=list,
        description="G4: each period the application has entered, explained day by day, with "
        "whether law or a service level of the portal sets it",
    )
    virtual_fin: str | None = None
    opinions: list[Opinion] = Field(default_factory=list)
    invitation: Invitation | None = None
    certificate_serial: str | None = None
    reason: str | None = None
    created_at: datetime
    updated_at: datetime


def key(application_id: str) -> tuple[str, str]:
    return f"APPLICATION#{application_id}", "APPLICATION"


def save(
    tx: Transaction, item: Item, changes: Mapping[str, Any], *, field: str = "applicationId"
) -> None:
    """Write `changes` to the application in `tx` only if it is still as `item` was read (its
    version and status), else 409 `application.changed` naming `field`."""
    tx.update(
        ESIGN,
        *key(item["applicationId"]),
        changes,
        expected={"version": item["version"], "status": item["status"]},
        conflict=Conflict("application.changed", field=field),
    )


def subject(application_id: str) -> str:
    """The audit and exchange subject of an application."""
    return f"ESIGN#{application_id}"


def load(application_id: str) -> Item:
    item = ESIGN.get(*key(application_id))
    if item is None:
        raise NotFound("esign.application-unknown", field="applicationId")
    return item


def owned(application_id: str, user_id: str) -> Item:
    """The application if `user_id` filed it; others learn nothing, not even that it exists."""
    item = ESIGN.get(*key(application_id))
    if item is None or item["owner"] != user_id:
        raise NotFound("esign.application-unknown", field="applicationId")
    return item


def _deadlines(item: Item, lang: i18n.Lang) -> list[calendar.Deadline]:
    """The periods started so far: the review (law), the Center's and the check (service levels)."""
    starts = [
        ("esign.review", item.get("submittedAt")),
        ("esign.center-decision", item.get("virtualFinIssuedAt")),
        ("esign.embassy-check", (item.get("invitation") or {}).get("at")),
    ]
    return [
        calendar.explain_period(name, clock.parse(start), lang) for name, start in starts if start
    ]


def view(item: Item, lang: i18n.Lang) -> Application:
    data: dict[str, Any] = {
        "application_id": item["applicationId"],
        "status": item["status"],
        "status_text": STATUS_TEXTS[item["status"]][lang],
        "form": Draft.model_validate(item.get("form") or {}),
        "fee_payment_id": item.get("feePaymentId"),
        "registration_number": item.get("registrationNumber"),
        "submitted_at": item.get("submittedAt"),
        "review_deadline": item.get("reviewDeadline"),
        "deadlines": _deadlines(item, lang),
        "virtual_fin": item.get("virtualFin"),
        "opinions": item.get("opinions") or [],
        "invitation": item.get("invitation"),
        "certificate_serial": item.get("certificateSerial"),
        "reason": i18n.text(item["reasonKey"], lang)
        if item.get("reasonKey")
        else item.get("reasonText"),
        "created_at": item["createdAt"],
        "updated_at": item["updatedAt"],
    }
    return Application.model_validate(data)


def contacts(item: Item) -> dict[str, Any]:
    """Where and in which language the applicant is told (G2; §2.6, §2.9, §3.4: "elektron poçt
    ünvanına bildiriş və (və ya) mobil nömrəsinə SMS"): the e-mail of the form, an SMS to its
    mobile (3.11) when the SMS gateway reaches it (an Azerbaijani mobile), the chosen language."""
    applicant = (item.get("form") or {}).get("applicant") or {}
    mobile = (applicant.get("phones") or {}).get("mobile")
    try:
        sms = check_mobile(mobile) if mobile else None
    except PydanticCustomError:
        sms = None
    return {"email": applicant.get("email"), "sms": sms, "language": item.get("language")}
