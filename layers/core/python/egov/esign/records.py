"""The e-signature application record in `EsignTable` and what its owner sees of it (E2–E10).

Keys (ESIGN_TABLE):
- `APPLICATION#<id>` / `APPLICATION`: the form, its attachments, status, registration number,
  deadlines and decisions; `version` guards racing changes.
- `COUNTER#REGISTRATION#<year>` / `COUNTER`: the sequence of registration numbers (E5).
- `VFIN#<code>` / `GUARD` and `VFINS-OF#<id>` (see `egov.esign.vfin`): the virtual FIN register.

Every status change also advances the cabinet's copy (`egov.platform.applications`) and writes
an audit entry, in the transaction of the change.
"""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field
from pydantic_core import PydanticCustomError

from egov.esign.form import STORED, ApplicationForm, Section
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


class DataChange(View):
    """E15: a change the holder made to this (issued) application's data, by which change."""

    at: str
    application_id: str
    fields: list[str]


class StoredInvitation(View):
    at: str
    place: str


class CarrierHandedOver(View):
    kind: str
    id: str
    at: str


class ApplicationRecord(View):
    """`APPLICATION#<id>` / `APPLICATION` as stored: the form and every step's attributes, under
    the camelCase names the items have always had (issue 11 item 7). Timestamps stay the strings
    `clock.iso` wrote; `gsi1pk`/`gsi1sk` place it in its embassy's task list (E9, E10); the
    workflow's parked task (`taskToken`, `waitingFor`) is kept by `egov.platform.tasks.park`."""

    application_id: str
    owner: str
    status: Status
    form: Draft
    created_at: str
    updated_at: str
    version: int
    language: i18n.Lang | None = None
    fee_payment_id: str | None = None
    registration_number: str | None = None
    submitted_at: str | None = None
    review_deadline: str | None = None
    refused_by: str | None = None
    reason_key: str | None = None
    reason_text: str | None = None
    virtual_fin: str | None = None
    virtual_fin_issued_at: str | None = None
    opinions: list[Opinion] | None = None
    center_decision: dict[str, Any] | None = None
    contract_number: str | None = None
    at_embassy_at: str | None = None
    invite_deadline: str | None = None
    task: Literal["invite", "check"] | None = None
    invitation: StoredInvitation | None = None
    invited_at: str | None = None
    invited_by: str | None = None
    invited_late: bool | None = None
    check_deadline: str | None = None
    last_alert_at: str | None = None
    certificate_serial: str | None = None
    certificate_valid_to: str | None = None
    contracts_signed_at: str | None = None
    carrier_handed_over: CarrierHandedOver | None = None
    checked_by: str | None = None
    mismatch: str | None = None
    virtual_fin_cancelled_at: str | None = None
    data_changes: list[DataChange] | None = None
    initial_application_id: str | None = None
    changed_fields: list[str] | None = None
    task_token: str | None = None
    waiting_for: str | None = None
    # Index keys keep their lower-case names (camelCase would make them `gsi1Pk`).
    gsi1pk: str | None = Field(None, alias="gsi1pk")
    gsi1sk: str | None = Field(None, alias="gsi1sk")

    @property
    def stored_form(self) -> dict[str, Any]:
        """The form as the item holds it (what agencies and the embassy are shown)."""
        return stored_form(self.form)

    @property
    def embassy_country(self) -> str:
        """The applicant's country of residence: whose embassy meets him (§2.1)."""
        assert self.form.applicant is not None  # complete once submitted (rules)
        return self.form.applicant.country_of_residence


def stored_form(draft: Draft) -> dict[str, Any]:
    return draft.model_dump(mode="json", by_alias=True, exclude_none=True)


def key(application_id: str) -> tuple[str, str]:
    return f"APPLICATION#{application_id}", "APPLICATION"


def stored_item(record: ApplicationRecord) -> Item:
    pk, sk = key(record.application_id)
    return {"pk": pk, "sk": sk, **record.model_dump(mode="json", by_alias=True, exclude_none=True)}


def save(
    tx: Transaction,
    before: ApplicationRecord,
    *,
    field: str = "applicationId",
    versioned: bool = True,
    **fields: Any,
) -> ApplicationRecord:
    """Write in `tx` the application `before` with `fields` changed: only the attributes that
    change (a field set to None is removed). A `versioned` change takes the next version and
    applies only while the application is still at `before`'s version and status, else 409
    `application.changed` naming `field`. The record as written."""
    unknown = fields.keys() - ApplicationRecord.model_fields.keys()
    if unknown:
        raise TypeError(f"not an application attribute: {sorted(unknown)}")
    if versioned:
        fields["version"] = before.version + 1
    after = before.model_copy(update=fields)
    tx.rewrite(
        ESIGN,
        stored_item(before),
        stored_item(after),
        expected={"version": before.version, "status": before.status} if versioned else None,
        conflict=Conflict("application.changed", field=field),
    )
    return after


def subject(application_id: str) -> str:
    """The audit and exchange subject of an application."""
    return f"ESIGN#{application_id}"


def from_item(item: Item) -> ApplicationRecord:
    """A stored application, its form taken as it was checked when written (`form.STORED`)."""
    return ApplicationRecord.model_validate(item, context=STORED)


def read(application_id: str) -> ApplicationRecord | None:
    item = ESIGN.get(*key(application_id))
    return from_item(item) if item else None


def load(application_id: str) -> ApplicationRecord:
    record = read(application_id)
    if record is None:
        raise NotFound("esign.application-unknown", field="applicationId")
    return record


def owned(application_id: str, user_id: str) -> ApplicationRecord:
    """The application if `user_id` filed it; others learn nothing, not even that it exists."""
    record = read(application_id)
    if record is None or record.owner != user_id:
        raise NotFound("esign.application-unknown", field="applicationId")
    return record


def _deadlines(record: ApplicationRecord, lang: i18n.Lang) -> list[calendar.Deadline]:
    """The periods started so far: the review (law), the Center's and the check (service levels)."""
    starts = [
        ("esign.review", record.submitted_at),
        ("esign.center-decision", record.virtual_fin_issued_at),
        ("esign.embassy-check", record.invitation.at if record.invitation else None),
    ]
    return [
        calendar.explain_period(name, clock.parse(start), lang) for name, start in starts if start
    ]


def view(record: ApplicationRecord, lang: i18n.Lang) -> Application:
    data: dict[str, Any] = {
        "application_id": record.application_id,
        "status": record.status,
        "status_text": STATUS_TEXTS[record.status][lang],
        "form": record.form,
        "fee_payment_id": record.fee_payment_id,
        "registration_number": record.registration_number,
        "submitted_at": record.submitted_at,
        "review_deadline": record.review_deadline,
        "deadlines": _deadlines(record, lang),
        "virtual_fin": record.virtual_fin,
        "opinions": record.opinions or [],
        "invitation": record.invitation.model_dump() if record.invitation else None,
        "certificate_serial": record.certificate_serial,
        "reason": i18n.text(record.reason_key, lang) if record.reason_key else record.reason_text,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }
    return Application.model_validate(data)


def contacts(record: ApplicationRecord) -> dict[str, Any]:
    """Where and in which language the applicant is told (G2; §2.6, §2.9, §3.4: "elektron poçt
    ünvanına bildiriş və (və ya) mobil nömrəsinə SMS"): the e-mail of the form, an SMS to its
    mobile (3.11) when the SMS gateway reaches it (an Azerbaijani mobile), the chosen language."""
    applicant = record.form.applicant
    mobile = applicant.phones.mobile if applicant else None
    try:
        sms = check_mobile(mobile) if mobile else None
    except PydanticCustomError:
        sms = None
    return {
        "email": applicant.email if applicant else None,
        "sms": sms,
        "language": record.language,
    }
