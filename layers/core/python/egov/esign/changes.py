"""Service 2 of the annex: "ilkin ərizə məlumatlarında dəyişiklik edilməsi" (E2, E15).

The seed names the service on the form and nothing more; what it may change, who asks and until
when follow from the clauses around it, read so:

- **By whom**: the holder of the certificate, on the portal (§3.2: the holder applies "portal
  vasitəsilə"); §5.5.2 "məlumatlarda imza sahibinin icazəsi olmadan dəyişiklik edilməməlidir":
  nobody else can change them, and the holder's own signed-in application is his permission.
  The change application names the certificate (annex 5.1, required by `rules`); a serial that
  is not the caller's is refused as unknown (he learns nothing of others' certificates).
- **What**: the data of the initial application the holder keeps up to date: addresses (3.8,
  3.9), phones (3.11), e-mail (3.12), employment (3.14), seal data (3.15–3.16), bank account
  (3.17), user ID and VÖEN (3.18–3.19), the secret question and answer (3.20–3.21), the
  representative (4), the company and scopes (5.2–5.4), the notices' language. Not what the four
  agencies reviewed, the embassy compared with the originals (§2.12–2.14) and the certificate
  and its registry carry (§5.2.2 holder data, virtual FIN): the carrier and use (1, 2), the
  applicant's identity 3.1–3.7, 3.10, 3.13, category and FIN. Those are a new issue (service 1);
  a change of one is a 422 naming it (`FIXED`).
- **Until when**: while the certificate lives (active or suspended, before its end, §2.19);
  an ended certificate has no data left to keep up to date (409).

The change is the holder's own, so it is made at once, in one transaction: the initial
application's form (versioned), the certificate's contact for its notices (not registry data:
`CERT#<serial>` / `CONTACT`, outside the log), the change application closed as
`data-changed`, the cabinet, an audit entry naming the fields changed (not their values: the
secret answer is a password), and the holder told at the addresses now on record.
"""

from __future__ import annotations

from typing import Any

from egov.certificates import registry as certificates
from egov.certificates.registry import CERTIFICATES, LIVE
from egov.esign.records import (
    SERVICE,
    ApplicationRecord,
    DataChange,
    Draft,
    contacts,
    read,
    save,
    stored_form,
    subject,
)
from egov.platform import applications, audit, clock, i18n, notify
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, FieldError, Invalid, NotFound
from egov.platform.repository import Transaction

SERIAL_FIELD = "other.certificateSerial"
FIXED: dict[str, tuple[str, ...]] = {
    "carrier": (),
    "use": (),
    "applicant": (
        "category",
        "surname",
        "name",
        "patronymic",
        "birthDate",
        "birthPlace",
        "gender",
        "citizenship",
        "countryOfResidence",
        "idDocument",
        "fin",
    ),
}
"""What the change cannot touch: a whole section (empty tuple) or these fields of it."""
CHANGEABLE_OTHER = ("company", "sealScope", "signingScope")


def _issued_application(serial: str, caller: Principal) -> tuple[str, ApplicationRecord]:
    """The certificate's initial application, if the caller holds a living certificate."""
    try:
        cert, _ = certificates.load(serial)
    except NotFound as unknown:
        raise Invalid("esign.change.certificate-unknown", field=SERIAL_FIELD) from unknown
    if cert.holder.user_id != caller.user_id:
        raise Invalid("esign.change.certificate-unknown", field=SERIAL_FIELD)
    if cert.status not in LIVE or cert.valid_to <= clock.now():
        raise Conflict(
            "esign.change.certificate-ended", field=SERIAL_FIELD, params={"status": cert.status}
        )
    initial = read(cert.history[0].basis.id)
    if initial is None or initial.status != "issued":
        raise Invalid("esign.change.certificate-unknown", field=SERIAL_FIELD)
    return serial, initial


def _fixed_changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldError]:
    errors = []
    for section, fields in FIXED.items():
        was, now = before.get(section) or {}, after.get(section) or {}
        if not fields:
            if was != now:
                errors.append(FieldError(section, "esign.change.fixed-field"))
            continue
        errors += [
            FieldError(f"{section}.{name}", "esign.change.fixed-field")
            for name in fields
            if was.get(name) != now.get(name)
        ]
    return errors


def _new_form(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The initial form with the changeable parts of the change application."""
    form = {**before, "applicant": after["applicant"]}
    form.pop("representative", None)
    if "representative" in after:
        form["representative"] = after["representative"]
    other = {k: v for k, v in (before.get("other") or {}).items() if k not in CHANGEABLE_OTHER}
    other |= {k: v for k, v in (after.get("other") or {}).items() if k in CHANGEABLE_OTHER}
    form.pop("other", None)
    if other:
        form["other"] = other
    return form


def _changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    names = []
    for section in ("applicant", "representative", "other"):
        was, now = before.get(section) or {}, after.get(section) or {}
        names += [
            f"{section}.{k}" for k in sorted(was.keys() | now.keys()) if was.get(k) != now.get(k)
        ]
    return names


def apply(change: ApplicationRecord, caller: Principal, language: i18n.Lang) -> ApplicationRecord:
    """File and make the change the holder asks for (module docstring); the closed change."""
    draft = change.form
    assert draft.other is not None and draft.other.certificate_serial  # `rules` required it
    serial, initial = _issued_application(draft.other.certificate_serial, caller)
    # The rules compare the sections as stored (camelCase dicts): what differs, by name.
    was, asked = initial.stored_form, change.stored_form
    errors = _fixed_changes(was, asked)
    if errors:
        raise Invalid(errors[0].key, errors=errors)
    new_form = Draft.model_validate(_new_form(was, asked))
    fields = _changed_fields(was, stored_form(new_form))
    now = clock.now_iso()
    initial_changes: dict[str, Any] = {
        "form": new_form,
        "updated_at": now,
        "data_changes": [
            *(initial.data_changes or []),
            DataChange(at=now, application_id=change.application_id, fields=fields),
        ],
    }
    if draft.language:
        initial_changes["language"] = draft.language
    tx = Transaction()
    updated = save(tx, initial, field=SERIAL_FIELD, **initial_changes)
    closed = save(
        tx,
        change,
        status="data-changed",
        certificate_serial=serial,
        initial_application_id=initial.application_id,
        changed_fields=fields,
        submitted_at=now,
        language=draft.language or initial.language or language,
        updated_at=now,
    )
    assert new_form.applicant is not None and initial.form.applicant is not None
    tx.update(
        CERTIFICATES,
        f"CERT#{serial}",
        "CONTACT",
        {"email": new_form.applicant.email},
    )
    applications.advance(
        tx, caller.user_id, change.application_id, SERVICE, "data-changed", actor=caller.actor
    )
    audit.record(
        tx,
        subject(initial.application_id),
        "esign-data-changed",
        caller.actor,
        owner=caller.user_id,
        before={"version": initial.version},
        after={
            "version": updated.version,
            "fields": fields,
            "basis": change.application_id,
        },
    )
    told = contacts(updated)
    old_email = initial.form.applicant.email
    if old_email != told["email"]:
        # The address given up hears of it too: a change the holder did not make is noticed.
        notify.send_to_address(
            "esign.data-changed",
            {"number": initial.registration_number or "", "serial": serial},
            email=old_email,
            language=told["language"] or i18n.DEFAULT,
            subject_ref=subject(initial.application_id),
            tx=tx,
        )
    notify.send(
        caller.user_id,
        "esign.data-changed",
        {"number": initial.registration_number or "", "serial": serial},
        **told,
        subject_ref=subject(initial.application_id),
        tx=tx,
    )
    tx.commit()
    return closed
