"""Drafts and submission of an e-signature application (E2–E5, the fee of E4).

- `create` saves a draft (any sections, each valid in itself; the rules between the sections
  present hold); its route honours an `Idempotency-Key` through `egov.platform.idempotency`.
- `update` replaces the draft while it is a draft.
- `submit` is the applicant's confirmation (§2.6): completeness and every rule of the annex,
  the attachments of E3 (linked to the application in the same transaction, so an upload cannot
  serve two applications), the fee paid where one is set (E4, `egov.esign.fee`; 402 if not),
  then at once a registration number, the silent-consent deadline of
  E6 (end of the 3rd business day, shown to the applicant), the review workflow started, the
  cabinet updated and the applicant told.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from egov.esign import fee, rules
from egov.esign.records import (
    ESIGN,
    SERVICE,
    ApplicationRecord,
    Draft,
    contacts,
    owned,
    read,
    save,
    stored_item,
    subject,
)
from egov.platform import (
    adapters,
    applications,
    attachments,
    audit,
    audit_read,
    calendar,
    clock,
    i18n,
    notify,
    outbox,
    tasks,
)
from egov.platform.auth import Principal
from egov.platform.observability import correlation_id
from egov.platform.problems import Conflict, FieldError, Invalid, NotFound
from egov.platform.repository import Transaction

STATE_MACHINE_ENV = "ESIGN_REVIEW_STATE_MACHINE"
CENTERS = {"token": "EIMZA", "asan-sim": "ASXM"}
# E6: Internal Affairs, Foreign Affairs, State Security, Foreign Intelligence; the review workflow
# asks each one in a Map over this list, so the list is the only place that names them.
REVIEWERS = ("DIN", "XIN", "DTX", "XKX")
"""E8: the token CA issues E-imza certificates, ASXM the ASAN İmza ones."""
_PURPOSES = {
    "passportCopy": "passport-copy",
    "photo": "photo",
    "powerOfAttorney": "power-of-attorney",
}


def embassy_of(country: str) -> str:
    """The agency code of the embassy serving a country of residence (§2.1), e.g. `EMB-DE`."""
    return f"EMB-{country}"


def _handling(application_id: str) -> tuple[str, ...]:
    """The embassy that meets the applicant and the Center that issues (G8, E8–E10)."""
    record = read(application_id)
    if record is None:
        return ()
    assert record.form.carrier is not None  # no draft is handled by others
    return embassy_of(record.embassy_country), CENTERS[record.form.carrier.kind]


audit_read.handled_by("ESIGN", _handling)


def create(draft: Draft, caller: Principal) -> ApplicationRecord:
    """Save a new draft (E5), shown in the applicant's cabinet at once."""
    rules.check(draft, calendar.today(), complete=False)
    application_id = uuid.uuid4().hex
    now = clock.now_iso()
    record = ApplicationRecord(
        application_id=application_id,
        owner=caller.user_id,
        status="draft",
        form=draft,
        created_at=now,
        updated_at=now,
        version=1,
    )
    tx = Transaction()
    tx.put(
        ESIGN, stored_item(record), conflict=Conflict("application.exists", field="applicationId")
    )
    applications.track(
        tx,
        caller.user_id,
        application_id,
        SERVICE,
        "draft",
        "esign.title",
        actor=caller.actor,
        link=f"/esign/applications/{application_id}",
    )
    audit.record(
        tx, subject(application_id), "esign-draft-created", caller.actor, owner=caller.user_id
    )
    tx.commit()
    return record


def update(application_id: str, draft: Draft, caller: Principal) -> ApplicationRecord:
    """Replace the draft's form (E5: a draft is completed later); only while it is a draft."""
    current = owned(application_id, caller.user_id)
    if current.status != "draft":
        raise Conflict("esign.not-a-draft", field="applicationId")
    rules.check(draft, calendar.today(), complete=False)
    tx = Transaction()
    saved = save(tx, current, form=draft, updated_at=clock.now_iso())
    audit.record(
        tx, subject(application_id), "esign-draft-saved", caller.actor, owner=caller.user_id
    )
    tx.commit()
    return saved


def _attachment_ids(draft: Draft) -> dict[str, str]:
    given = draft.attachments.model_dump(by_alias=True) if draft.attachments else {}
    return {name: value for name, value in given.items() if value}


def _attachment_problems(draft: Draft, owner: str) -> list[FieldError]:
    """E3: passport/ID copy and photo always, the power of attorney iff a representative acts."""
    given = _attachment_ids(draft)
    needed = {"passportCopy", "photo"} | ({"powerOfAttorney"} if draft.representative else set())
    errors = [
        FieldError(f"attachments.{name}", "field.required")
        for name in sorted(needed - given.keys())
    ]
    for name, attachment_id in given.items():
        if name not in needed:
            errors.append(FieldError(f"attachments.{name}", "esign.power-of-attorney-not-needed"))
            continue
        stored = attachments.get(attachment_id)
        if stored is None or stored["owner"] != owner:
            errors.append(FieldError(f"attachments.{name}", "attachment.not-found"))
        elif stored["purpose"] != _PURPOSES[name]:
            errors.append(FieldError(f"attachments.{name}", "esign.attachment-purpose"))
    return errors


def review_deadline(submitted: datetime) -> datetime:
    """E6: silence is consent once the 3rd business day after submission has ended (Baku)."""
    return calendar.due("esign.review", submitted)


def _next_registration_number(now: datetime) -> str:
    """E5: registration numbers run per year, `EIMZA-2026-000042`; an atomic counter."""
    year = calendar.baku_day(now).year  # E12: a legal date is a Baku date
    pk = f"COUNTER#REGISTRATION#{year}"
    number = ESIGN.increment(pk, "COUNTER", "next")
    return f"EIMZA-{year}-{number:06d}"


def _review_payload(draft: Draft) -> dict[str, Any]:
    """What the four agencies (E6) and the Center (E8) are shown: who asks, and for what."""
    assert draft.carrier is not None and draft.applicant is not None  # complete when submitted
    representative = draft.representative
    return {
        "carrier": draft.carrier.kind,
        "use": draft.use,
        "applicant": draft.applicant.model_dump(
            mode="json",
            by_alias=True,
            exclude_none=True,
            exclude={"secret_question", "secret_answer", "bank_account"},
        ),
        "representative": representative.model_dump(mode="json", by_alias=True, exclude_none=True)
        if representative
        else None,
    }


def workflow_input(record: ApplicationRecord) -> dict[str, Any]:
    """The execution input of the review workflow (statemachines/esign_review.asl.json)."""
    draft = record.form
    assert record.review_deadline is not None  # set at registration
    assert draft.carrier is not None and draft.applicant is not None  # complete when submitted
    return {
        "applicationId": record.application_id,
        "owner": record.owner,
        "subject": subject(record.application_id),
        "registrationNumber": record.registration_number,
        "carrier": draft.carrier.kind,
        "center": CENTERS[draft.carrier.kind],
        "embassy": embassy_of(record.embassy_country),
        "citizenFin": draft.applicant.fin,
        "payload": _review_payload(draft),
        "correlationId": correlation_id(),
        "review": {
            **tasks.until(clock.parse(record.review_deadline)),
            "reviewers": list(REVIEWERS),
        },
    }


def _check_citizen_fin(draft: Draft) -> None:
    """E6 (§2.8: the citizen's virtual FIN "şəxsiyyət vəsiqələrinin mövcud fərdi identifikasiya
    nömrəsi (FİN) ilə eynilik təşkil edir"): the FIN of a citizen living abroad must be one the
    population registry (IAMAS) knows, of a person born on the birth date filed. Names are not
    compared: a passport abroad may spell them otherwise (Mammadov / Məmmədov). A registry that
    does not answer is a 503 and nothing changes."""
    applicant = draft.applicant
    if applicant is None or applicant.category != "citizen-abroad" or not applicant.fin:
        return
    try:
        person = adapters.population().person(applicant.fin, field="applicant.fin")
    except NotFound as unknown:
        raise Invalid("esign.applicant.fin-unknown", field="applicant.fin") from unknown
    if person.birth_date != applicant.birth_date:
        raise Invalid("esign.applicant.fin-not-this-person", field="applicant.fin")


def submit(
    application_id: str, caller: Principal, language: i18n.Lang = i18n.DEFAULT
) -> ApplicationRecord:
    """The applicant confirms (E5): check, register at once, start the review, tell him.

    The notices about the application are in the language chosen on the form, else in the one
    the submission asked for (`language`, its Accept-Language): G2."""
    current = owned(application_id, caller.user_id)
    if current.status == "registered":
        # A repeated confirmation: the review runs once, under the application's name.
        outbox.start_execution(STATE_MACHINE_ENV, application_id, workflow_input(current))
        return current
    if current.status != "draft":
        raise Conflict("esign.not-a-draft", field="applicationId")
    draft = current.form
    if draft.service == "change-data":
        errors = rules.problems(draft, calendar.today(), complete=True)
        if errors:
            raise Invalid(errors[0].key, params=errors[0].params, errors=errors)
        # Imported here: a change of data is the one submission that reads the certificate
        # registry, which no other handler of this module needs at its cold start (issue 18).
        from egov.esign import changes as data_changes

        return data_changes.apply(current, caller, language)
    if draft.service not in (None, "issue"):
        raise Invalid("esign.service-at-center", field="service")
    errors = rules.problems(draft, calendar.today(), complete=True)
    errors += _attachment_problems(draft, caller.user_id)
    if errors:
        raise Invalid(errors[0].key, params=errors[0].params, errors=errors)
    _check_citizen_fin(draft)
    paid_with = fee.require_paid(current)

    now = clock.now()
    deadline = review_deadline(now)
    number = _next_registration_number(now)
    tx = Transaction()
    registered = save(
        tx,
        current,
        status="registered",
        registration_number=number,
        submitted_at=clock.iso(now),
        review_deadline=clock.iso(deadline),
        language=draft.language or language,
        updated_at=clock.iso(now),
    )
    for name, attachment_id in _attachment_ids(draft).items():
        attachments.link(
            tx, attachment_id, caller.user_id, subject(application_id), f"attachments.{name}"
        )
    applications.advance(
        tx,
        caller.user_id,
        application_id,
        SERVICE,
        "registered",
        actor=caller.actor,
        note="esign.note.registered",
        note_params={"number": number},
    )
    audit.record(
        tx,
        subject(application_id),
        "esign-registered",
        caller.actor,
        owner=caller.user_id,
        before={"status": "draft"},
        after={
            "status": "registered",
            "registrationNumber": number,
            "reviewDeadline": registered.review_deadline,
            "feePaymentId": paid_with,
        },
    )
    outbox.start(tx, STATE_MACHINE_ENV, application_id, workflow_input(registered))
    notify.send(
        caller.user_id,
        "esign.registered",
        {"number": number, "deadline": deadline.astimezone(clock.BAKU).strftime("%d.%m.%Y %H:%M")},
        **contacts(registered),
        subject_ref=subject(application_id),
        tx=tx,
    )
    tx.commit()
    return registered
