"""The head's side of a power of attorney (R7): the list in the cabinet, approving by signing
the document as it is (PIN2), or refusing. There is no way to edit it (seed 002 §3.2.2, 13).

The head is the person the tax registry names for the VÖEN; their cabinet is the account of
that FIN (egov.platform.mobile_id). Either answer completes the workflow's `AwaitHead` wait;
an answer after the 30 days (the wait timed out, the application cancelled) changes nothing.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from egov.platform import audit, clock, i18n, mobile_id
from egov.platform.auth import Principal
from egov.platform.models import View
from egov.platform.problems import Conflict, Forbidden, NotFound, Unauthorized
from egov.platform.repository import Item, Transaction
from egov.platform.text import Text
from egov.renewal import documents, workflow
from egov.renewal.records import RENEWAL, key, load, subject

i18n.register(
    {
        "renewal.attorney-closed": {
            "az": "Bu etibarnamə artıq təsdiq gözləmir",
            "en": "This power of attorney no longer awaits approval",
        },
        "renewal.attorney-sign.text": {
            "az": "Etibarnamənin imzalanması",
            "en": "Signing a power of attorney",
        },
    }
)


class PowerOfAttorney(View):
    application_id: str
    registration_number: str
    status: Literal["awaiting-approval", "approved", "refused", "closed"]
    deadline: str | None
    document: dict[str, Any]
    application: dict[str, Any]


class PowersOfAttorney(View):
    items: list[PowerOfAttorney]


class Refusal(View):
    reason: Text = Field(description="Why the head refuses (told to the applicant)")


def _view(item: Item) -> PowerOfAttorney:
    state: Literal["awaiting-approval", "approved", "refused", "closed"] = "closed"
    if item.get("attorneyOutcome") == "approve":
        state = "approved"
    elif item.get("attorneyOutcome") == "reject":
        state = "refused"
    elif item["status"] == "awaiting-attorney":
        state = "awaiting-approval"
    return PowerOfAttorney(
        application_id=item["applicationId"],
        registration_number=item["registrationNumber"],
        status=state,
        deadline=item.get("attorneyDeadline"),
        document=item["attorneyDocument"],
        application=item["documents"]["application"],
    )


def pending(head: Principal) -> PowersOfAttorney:
    """R7: the powers of attorney awaiting the head, soonest due first."""
    page = RENEWAL.query(f"HEAD#{head.user_id}", index="gsi1", limit=50)
    return PowersOfAttorney(items=[_view(load(i["applicationId"])) for i in page.items])


def _open(application_id: str, head: Principal) -> Item:
    item = load(application_id)
    if item.get("headUserId") != head.user_id:
        raise NotFound("renewal.unknown", field="applicationId")
    if item["status"] != "awaiting-attorney" or item.get("attorneyOutcome"):
        raise Conflict("renewal.attorney-closed", field="applicationId")
    if clock.now() > clock.parse(item["attorneyDeadline"]):
        raise Conflict("renewal.attorney-closed", field="applicationId")
    return item


def start_approval(application_id: str, head: Principal, lang: i18n.Lang) -> mobile_id.Challenge:
    """R7: the head signs the power of attorney exactly as it was filed (PIN2)."""
    item = _open(application_id, head)
    sim = mobile_id.sim_of(head.user_id)
    if sim is None:
        raise Forbidden("renewal.asan-login-required")
    digest = mobile_id.digest_of(documents.canonical(item["attorneyDocument"]))
    return mobile_id.start_signing(
        sim, digest, head.user_id, i18n.text("renewal.attorney-sign.text", lang)
    )


def _decide(item: Item, head: Principal, outcome: str, changes: dict[str, Any]) -> Item:
    tx = Transaction()
    tx.update(
        RENEWAL,
        *key(item["applicationId"]),
        {"attorneyOutcome": outcome, "attorneyDecidedAt": clock.now_iso(), **changes},
        expected={"version": item["version"], "status": "awaiting-attorney"},
        conflict=Conflict("renewal.attorney-closed", field="applicationId"),
        remove=("gsi1pk", "gsi1sk"),
    )
    audit.record(
        tx,
        subject(item["applicationId"]),
        f"renewal-attorney-{'approved' if outcome == 'approve' else 'refused'}",
        head.actor,
        owner=item["owner"],
        after={"outcome": outcome, **{k: v for k, v in changes.items() if k == "attorneyReason"}},
    )
    tx.commit()
    # Read after the change: a wait parked meanwhile is answered here, a later one by itself.
    decided = load(item["applicationId"])
    workflow.answer_waiting(decided, "head", {"outcome": outcome})
    return decided


def approved(
    application_id: str, session_id: str, head: Principal
) -> PowerOfAttorney | mobile_id.Pending:
    item = _open(application_id, head)
    signed = mobile_id.signature(session_id, head.user_id)
    if isinstance(signed, mobile_id.Pending):
        return signed
    if not mobile_id.check(signed, documents.canonical(item["attorneyDocument"])):
        raise Unauthorized("mobile-id.signature-invalid", field="sessionId")
    signature = signed.model_dump(mode="json", by_alias=True)
    return _view(_decide(item, head, "approve", {"attorneySignature": signature}))


def refuse(application_id: str, refusal: Refusal, head: Principal) -> PowerOfAttorney:
    item = _open(application_id, head)
    return _view(_decide(item, head, "reject", {"attorneyReason": refusal.reason}))
