"""The events of a permit after the request (X8; seed 001 part 2, Əsasnamə §6.0.9, §6.0.14).

Every event of a permit (issued, refused, addendum, duplicate, re-issued, suspended, restored,
revoked) reaches the exporter's cabinet, e-mail and mobile through `egov.platform.notify`, whose
message records keep each channel's delivery result (GOV.UK Notify's statuses, from the
gateways' signed receipts). The notice is sent on behalf of the permit's agency, so the agency
sees the delivery results too (`GET /agencies/{agency}/notifications`).

Issued and refused are the agency's answer to the permit request through the exchange, recorded
by the export workflow (`workflow.record_permit`). The events after the decision come from the
agency's own system: one Standard Webhooks message per event, body
`{"type": "permit.<kind>", "data": {"applicationId", "permit", "agency", "reason"?,
"document"?}}`, signed `v1` with the key of the agency it names (`agency_key`): each agency has
its own, HMAC-SHA256 of `export-permit-events:<agency>` under the platform's secret
(`EXPORT_PERMIT_EVENT_SECRET`, which never leaves the platform), so no agency can sign in another
one's name. `egov.platform.inbound` verifies it with that key (401 otherwise, and for a body that
names no agency) and handles each `webhook-id` once per agency; the event also keeps that id, so
a message told again under the same id changes nothing. A message naming a permit another agency
decides is a 403.

What each event does to the permit, and which statuses let the exporter send the customs
declaration or complain, is data (`data/permit_events.json`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from pydantic import Field, ValidationError

from egov.export import records, texts  # noqa: F401  (texts: the texts)
from egov.export.models import (
    Application,
    ApplicationState,
    Form,
    Model,
    Permit,
    PermitEvent,
    PermitEventKind,
    PermitState,
    PermitStatus,
)
from egov.platform import (
    applications,
    audit,
    auth,
    clock,
    i18n,
    inbound,
    notify,
    participants,
    secrets,
)
from egov.platform.http import validation_problem
from egov.platform.problems import Conflict, Forbidden, Invalid, Unauthorized
from egov.platform.repository import Transaction
from egov.platform.text import LongText, Text
from egov.platform.webhooks import AGENCY_PATTERN

if TYPE_CHECKING:
    from standardwebhooks import Webhook

SOURCE = "export-permit"
RULES_FILE = Path(__file__).parent / "data" / "permit_events.json"
ATTEMPTS = 8


@cache
def rules() -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(RULES_FILE.read_text(encoding="utf-8")))


def in_force(status: str) -> bool:
    return status in rules()["inForce"]


def complainable(status: str) -> bool:
    return status in rules()["complainable"]


class Told(Form):
    """What the agency's system tells about one permit (the message's `data`)."""

    application_id: str
    permit: str
    agency: str
    reason: LongText | None = None
    document: Text | None = None


# ---------------------------------------------------------------- the agency's messages


def agency_key(agency: str) -> str:
    """The agency's own signing key, in the `whsec_` form the Standard Webhooks libraries take:
    derived, so a new permit agency needs no new secret, and one agency's key tells nothing of
    another's."""
    digest = hmac.new(
        secrets.secret("EXPORT_PERMIT_EVENT_SECRET").encode(),
        f"export-permit-events:{agency}".encode(),
        hashlib.sha256,
    ).digest()
    return "whsec_" + base64.b64encode(digest).decode()


class EventKey(Model):
    """A permit agency's own key, handed to it by the operator (shown in this answer only)."""

    agency: str
    scheme: str = "v1"
    key: str = Field(description="`whsec_…`: the Standard Webhooks v1 key to sign events with")


def hand_over_key(agency: str, operator: auth.Principal) -> EventKey:
    """The operator hands an agency its key; audited on the agency's trail, without the key."""
    tx = Transaction()
    audit.record(
        tx,
        participants.audit_subject(agency),
        "permit-event-key-handed-over",
        operator.actor,
        after={"agency": agency, "scheme": "v1"},
    )
    tx.commit()
    return EventKey(agency=agency, key=agency_key(agency))


def signer(agency: str) -> Webhook:
    from standardwebhooks import Webhook

    return Webhook(agency_key(agency))


def _claimed_agency(body: str) -> str:
    """The agency the (not yet verified) body names: only which key to verify with."""
    try:
        agency = json.loads(body)["data"]["agency"]
    except (ValueError, TypeError, KeyError):
        agency = None
    if not isinstance(agency, str) or not re.fullmatch(AGENCY_PATTERN, agency):
        raise Unauthorized("export.permit-event.signature-invalid")
    return agency


def receive(body: str, headers: Mapping[str, str]) -> None:
    """A permit agency's signed message, verified with the key of the agency it names and
    applied once per `webhook-id`."""
    lowered = {k.lower(): v for k, v in headers.items()}
    agency = _claimed_agency(body)
    inbound.once(
        f"{SOURCE}#{agency}",
        signer(agency),
        body,
        headers,
        "export.permit-event.signature-invalid",
        lambda payload: handle(str(lowered.get("webhook-id", "")), payload),
    )


def handle(event_id: str, payload: dict[str, Any]) -> Application:
    kind = str(payload.get("type", "")).removeprefix("permit.")
    rule = rules()["events"].get(kind)
    if rule is None or rule["source"] != "agency":
        raise Invalid("export.permit-event.type", field="type")
    try:
        told = Told.model_validate(payload.get("data"))
    except ValidationError as bad:
        raise validation_problem(RequestValidationError(bad.errors())) from bad
    return apply(event_id, cast(PermitEventKind, kind), told)


def apply(event_id: str, kind: PermitEventKind, told: Told) -> Application:
    """Apply one event to its permit: the status the rules give, the exporter told, audited."""
    actor = audit.Actor.system(f"permit-agency:{told.agency}")
    for attempt in range(ATTEMPTS):
        application = records.load(told.application_id)
        permit = next((p for p in application.permits if p.code == told.permit), None)
        if permit is None:
            raise Invalid("export.permit-event.unknown-permit", field="data.permit")
        if permit.agency != told.agency:
            raise Forbidden("export.permit-event.other-agency", field="data.agency")
        if any(e.event_id == event_id for e in permit.events):
            return application
        status = next_status(permit, kind, told.reason)
        tx = Transaction()
        event = tell(application, permit, kind, status, tx, event_id, told.reason, told.document)
        changed = permit.model_copy(update={"status": status, "events": [*permit.events, event]})
        after = application.model_copy(
            update={
                "permits": [changed if p.code == permit.code else p for p in application.permits]
            }
        )
        records.save(application, after, tx)
        audit.record(
            tx,
            records.subject(application.application_id),
            f"export-permit-{kind}",
            actor,
            owner=application.owner,
            before={"permit": permit.code, "status": permit.status},
            after={"permit": permit.code, "status": status, "reason": told.reason},
        )
        applications.remark(
            tx,
            application.owner,
            application.application_id,
            records.SERVICE,
            actor=actor,
            note="export.note.permit-event",
            note_params={
                "event": i18n.text(f"export.permit-event.{kind}", "az"),
                "eventEn": i18n.text(f"export.permit-event.{kind}", "en"),
                "permit": permit.name.az,
                "permitEn": permit.name.en,
            },
        )
        try:
            tx.commit()
        except Conflict:
            # Another event or the workflow changed the application meanwhile: read it again.
            if attempt == ATTEMPTS - 1:
                raise
            continue
        return after
    raise AssertionError("unreachable")


def next_status(permit: Permit, kind: str, reason: str | None) -> PermitStatus:
    """The permit's status after the event, by the rules table; 409 if the event cannot follow
    the permit's status, 422 if it needs a reason and has none."""
    rule = rules()["events"][kind]
    if permit.status not in rule["from"]:
        raise Conflict("export.permit-event.not-allowed", field="type")
    if rule["reason"] and not reason:
        raise Invalid("export.permit-event.reason-required", field="data.reason")
    target = rule["to"]
    if target == "keep":
        return permit.status
    if target == "before-suspension":
        suspension = next(e for e in reversed(permit.events) if e.kind == "suspended")
        return suspension.status_before
    return cast(PermitStatus, target)


def tell(
    application: Application,
    permit: Permit,
    kind: PermitEventKind,
    status: PermitStatus,
    tx: Transaction,
    event_id: str,
    reason: str | None = None,
    document: str | None = None,
    key: str | None = None,
) -> PermitEvent:
    """§6.0.9: the event to the exporter's cabinet, e-mail and mobile, as part of `tx`."""
    account = auth.account(application.owner) or {}
    notice_id = notify.send(
        application.owner,
        key or f"notice.export-permit-event-{kind}",
        {
            "permit": permit.name.az,
            "agency": permit.agency,
            "applicationId": application.application_id,
            "reason": reason or "",
        },
        email=account.get("email"),
        sms=account.get("mobile"),
        agency=permit.agency,
        subject_ref=records.subject(application.application_id),
        tx=tx,
    )
    return PermitEvent(
        event_id=event_id,
        kind=kind,
        status_before=permit.status,
        status_after=status,
        reason=reason,
        document=document,
        at=clock.now(),
        notice_id=notice_id,
    )


# ---------------------------------------------------------------- what the exporter may do


class ShownPermit(PermitState):
    """A permit on the status page: its name and why in the reader's language (X4)."""

    name: str
    why: str


class StatusPage(ApplicationState):
    """The status page (X4) in one language, with what the permits' present states allow (X8,
    X9): the customs declaration only while every permit is in force; a complaint against each
    adverse act."""

    language: i18n.Lang = Field(description="The language of the texts: Accept-Language, az first")
    permits: list[ShownPermit]
    may_declare: bool
    not_in_force: list[str]
    may_complain: list[str]
    waits: list[applications.Wait] = Field(
        default_factory=list,
        description="Pending permits whose agency announced maintenance before their deadline "
        "(X11, Regulation 7.0.5), and what it means for the deadline",
    )


def status_page(application: Application, language: i18n.Lang = i18n.DEFAULT) -> StatusPage:
    """X4, DESIGN rule 12: every permit with its agency, deadline and why, in one language."""
    blocking = [p.code for p in application.permits if not in_force(p.status)]
    pending = [
        {"agency": p.agency, "kind": f"export-{p.code}", "deadline": clock.iso(p.deadline)}
        for p in application.permits
        if p.status == "pending"
    ]
    return StatusPage.model_validate(
        application.model_dump(exclude={"permits"})
        | {
            "language": language,
            "permits": [
                p.model_dump(exclude={"name", "why"})
                | {"name": getattr(p.name, language), "why": getattr(p.why, language)}
                for p in application.permits
            ],
            "may_declare": application.status == "ready"
            and application.declaration is None
            and not blocking,
            "not_in_force": blocking,
            "may_complain": [p.code for p in application.permits if complainable(p.status)],
            "waits": participants.waits(pending, language) if pending else [],
        }
    )


def check_in_force(application: Application) -> None:
    """No customs declaration with a suspended or revoked permit (§10.3.3.8 attaches them)."""
    for index, permit in enumerate(application.permits):
        if not in_force(permit.status):
            raise Conflict("export.permit.not-valid", field=f"permits.{index}")
