"""Registering a producer (P1, P3, P4, P6): one transaction claims every unique value.

The producer record, the login account, the guards of username, mobile number and FIN (or VÖEN),
the used SMS confirmation and the audit entry are written in ONE TransactWriteItems, so 50
registrations racing for one username, number or FIN leave exactly one producer; each loser gets
a 409 naming the value that was taken. Guards are ordered username, mobile, FIN/VÖEN: when
several are taken at once the problem names the first, the one a person can most easily change.

A self-registered potential producer waits for the ministry (P5, `pending-verification`); a
seller needs no verification, and an officer's registration is approved at once (P6).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from egov.platform import audit, auth, clock, i18n
from egov.platform.problems import Conflict, Forbidden
from egov.platform.repository import Transaction
from egov.producers import activation, check, confirmations, verification
from egov.producers.models import (
    AssistedRegistration,
    Contact,
    Decision,
    Identity,
    Registered,
    RegistrantKind,
    Registration,
    Status,
)
from egov.producers.records import (
    PRODUCERS,
    ProducerRecord,
    fin_guard,
    mobile_guard,
    producer_pk,
    region_of,
    stored_item,
    voen_guard,
)

ASSISTING_AGENCIES = ("MKT", "ASAN")
"""P6: local offices of the Ministry of Agriculture and ASAN service centres."""


def display_name(identity: Identity) -> str:
    if identity.person_kind == "legal" and identity.company_name:
        return identity.company_name
    return f"{identity.name} {identity.surname}"


def _record(
    producer_id: str,
    kind: RegistrantKind,
    identity: Identity,
    contact: Contact,
    status: Status,
    **extra: Any,
) -> ProducerRecord:
    address = identity.company_address or identity.address
    return ProducerRecord(
        id=producer_id,
        kind=kind,
        status=status,
        identity=identity,
        display_name=display_name(identity),
        username=contact.username,
        email=contact.email,
        mobile=contact.mobile,
        education=contact.education,
        job=contact.job,
        language=contact.language or i18n.DEFAULT,
        region=region_of(address),
        registered_at=clock.now_iso(),
        version=0,
        **extra,
    )


def _guards(record: ProducerRecord) -> list[tuple[str, Conflict]]:
    """The producer's unique values (mobile, then FIN or VÖEN) and the 409 each gives."""
    identity = record.identity
    if identity.person_kind == "legal":
        unique = (voen_guard(str(identity.voen)), Conflict("producers.voen-taken", field="voen"))
    else:
        unique = (fin_guard(identity.fin), Conflict("producers.fin-taken", field="fin"))
    mobile = (mobile_guard(record.mobile), Conflict("producers.mobile-taken", field="mobile"))
    return [mobile, unique]


def _refuse_taken(record: ProducerRecord, guards: list[tuple[str, Conflict]]) -> None:
    """409 for the first taken value, in the order the transaction would name it."""
    probes: list[tuple[Callable[[], bool], Conflict]] = [
        (lambda: auth.username_taken(record.username), auth.username_conflict()),
        *[
            (lambda pk=pk: PRODUCERS.get(pk, "GUARD") is not None, conflict)
            for pk, conflict in guards
        ],
    ]
    for index, (taken, conflict) in enumerate(probes):
        if taken():
            # A racing registration may have committed between two reads: the values read as
            # free before are read again, so that the 409 names the first one taken.
            earlier = next((c for again, c in probes[:index] if again()), None)
            raise earlier or conflict


def claim(tx: Transaction, record: ProducerRecord, password: str | None) -> None:
    """The account, the guards and the record, in the order the module docstring explains.

    Taken values are refused first by reading their guards: hashing the password is most of a
    registration's cost, and a refused one should not pay it. The guards written below still
    decide a race."""
    guards = _guards(record)
    _refuse_taken(record, guards)
    auth.add_account(
        tx,
        user_id=record.id,
        username=record.username,
        password=password,
        role="citizen",
        name=record.display_name,
        email=record.email,
        mobile=record.mobile,
        language=record.language,
    )
    for pk, conflict in guards:
        tx.guard(PRODUCERS, pk, record.id, conflict)
    tx.put(PRODUCERS, stored_item(record))


def _audit_view(record: ProducerRecord) -> dict[str, Any]:
    fields = {"kind", "status", "username", "mobile", "email", "region", "registered_by"}
    return record.model_dump(mode="json", by_alias=True, include=fields)


def register(body: Registration, language: i18n.Lang) -> Registered:
    """Self-registration (P1, P3, P4); a potential producer goes to the ministry (P5)."""
    identity = check.identify(body)
    confirmation = confirmations.verify(
        body.confirmation_id, body.code, mobile=body.mobile, owner_fin=identity.fin
    )
    producer_id = auth.new_user_id()
    status: Status = "pending-verification" if body.kind == "potential-producer" else "approved"
    # G2: the language chosen on the form, else the one the person's browser asked for.
    chosen = body.model_copy(update={"language": body.language or language})
    record = _record(producer_id, body.kind, identity, chosen, status)
    tx = Transaction()
    claim(tx, record, body.password.get_secret_value())
    confirmations.consume(tx, confirmation, body.confirmation_id, producer_id)
    verification.track(tx, record)
    verification.start_if_needed(tx, record)
    audit.record(
        tx,
        producer_pk(producer_id),
        "producer-registered",
        audit.Actor(producer_id, "citizen"),
        owner=producer_id,
        after=_audit_view(record),
    )
    activation.announce_active(tx, record)
    tx.commit()
    message = (
        "producers.registered.pending" if status != "approved" else "producers.registered.approved"
    )
    return Registered(
        id=producer_id,
        username=record.username,
        status=status,
        message=i18n.text(message, language),
    )


def register_assisted(
    body: AssistedRegistration, officer: auth.Principal, language: i18n.Lang
) -> Registered:
    """P6: an officer of a ministry office or ASAN centre adds a person who came in person.

    The person showed an identity document to the officer, so no SMS code is asked; the number
    must still be the person's own by the operators' registry. The record is approved at once,
    with the officer and office recorded; the account waits for the person to set a password.
    """
    if officer.agency not in ASSISTING_AGENCIES:
        raise Forbidden("auth.role-required")
    identity = check.identify(body)
    confirmations.ensure_owner(body.mobile, identity.fin)
    producer_id = auth.new_user_id()
    record = _record(
        producer_id,
        body.kind,
        identity,
        body,
        "approved",
        registered_by=officer.user_id,
        office=officer.office or officer.agency,
        agency=officer.agency,
        decision=Decision(
            outcome="approve", reason=None, decided_at=clock.now_iso(), decided_by=officer.user_id
        ),
    )
    tx = Transaction()
    claim(tx, record, None)
    verification.track(tx, record)
    audit.record(
        tx,
        producer_pk(producer_id),
        "producer-registered-assisted",
        officer.actor,
        owner=producer_id,
        after={**_audit_view(record), "office": record.office, "agency": officer.agency},
    )
    activation.send_notice(tx, record)
    tx.commit()
    return Registered(
        id=producer_id,
        username=record.username,
        status="approved",
        message=i18n.text("producers.registered.assisted", language),
    )
