"""Subjects of EKTİS (A1, A2): a person or a legal entity registers once, with the data the
population or the tax registry holds, and sees it in the cabinet.

Only an identified person registers, and only as themself or as the legal entity they head
(seed 004 §4.9, §7.2: users are identified through ASAN Login before they use the cabinets):
the FIN comes from the account's ASAN İmza login, so nobody can register a stranger's FIN and
then receive what others send to it or apply for subsidies in their name.
"""

from __future__ import annotations

import uuid
from typing import Any

from egov.ektis.models import (
    DirectoryEntry,
    LegalEntity,
    Person,
    Registration,
    Representative,
    Subject,
)
from egov.platform import adapters, audit, auth, clock
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, Forbidden, Invalid, NotFound
from egov.platform.repository import Table, Transaction

TABLE = Table("EKTIS_TABLE")
KEYS = frozenset({"pk", "sk", "gsi1pk", "gsi1sk", "version"})


# The kinds a farmer looks up to contact (seed 004 §7.1.1.9–10), each a directory partition.
LISTED = ("vet", "inseminator", "supplier")


def subject_pk(subject_id: str) -> str:
    return f"SUBJECT#{subject_id}"


def owner_key(owner: str) -> str:
    return f"OWNER#{owner}"


def _refuse(caller: Principal, key: str, field: str, tried: str | None) -> Forbidden:
    audit.append(
        auth.access_subject(caller.user_id),
        auth.ACCESS_REFUSED,
        caller.actor,
        owner=caller.user_id,
        after={"service": "ektis-registration", field: tried},
    )
    return Forbidden(key, field=field)


def _identified(caller: Principal) -> str:
    """The FIN the caller's ASAN İmza login proved, or 403: EKTİS registers no one unidentified."""
    # Only registration asks; imported here so that mobile_id (the ASAN İmza client, its models
    # and texts) stays out of the cold start of every other EKTİS handler, all of which import
    # this module.
    from egov.platform import mobile_id

    fin = mobile_id.fin_of(caller.user_id)
    if fin is None:
        raise _refuse(caller, "ektis.subject.not-identified", "fin", None)
    return fin


def _person(body: Registration, caller: Principal) -> tuple[Person, str]:
    if not body.fin:
        raise Invalid("ektis.subject.needs-fin", field="fin")
    if body.fin.upper() != _identified(caller).upper():
        raise _refuse(caller, "ektis.subject.not-yours", "fin", body.fin)
    found = adapters.population().person(body.fin)
    person = Person(
        fin=found.fin,
        surname=found.surname,
        name=found.name,
        patronymic=found.patronymic,
        address=found.address,
    )
    return person, f"FIN#{found.fin}"


def _legal_entity(voen: str | None, caller: Principal) -> tuple[LegalEntity, str]:
    if not voen:
        raise Invalid("ektis.subject.needs-voen", field="voen")
    fin = _identified(caller)
    found = adapters.tax().taxpayer(voen)
    if found.head.fin.upper() != fin.upper():
        raise _refuse(caller, "ektis.subject.not-yours", "voen", voen)
    if found.status != "active":
        raise Invalid("ektis.subject.liquidated", field="voen")
    entity = LegalEntity(
        voen=found.voen,
        name=found.name,
        legal_form=found.legal_form,
        address=found.address,
        representatives=[Representative(fin=found.head.fin, full_name=found.head.full_name)],
    )
    return entity, f"VOEN#{found.voen}"


def register(body: Registration, caller: Principal) -> Subject:
    """Register the caller's subject; one per account and one per FIN or VÖEN (409 naming it)."""
    person = entity = None
    if body.person_kind == "natural":
        person, guard = _person(body, caller)
        taken_field = "fin"
    else:
        entity, guard = _legal_entity(body.voen, caller)
        taken_field = "voen"
    if body.person_kind == "natural" and body.voen:
        # An entrepreneur's VÖEN (§5.1.1.3) is stored only if the tax registry knows it.
        adapters.tax().taxpayer(body.voen)
    subject = Subject(
        subject_id=uuid.uuid4().hex,
        owner=caller.user_id,
        person_kind=body.person_kind,
        person=person,
        legal_entity=entity,
        voen=body.voen,
        kinds=sorted(set(body.kinds)),
        activities=sorted(set(body.activities)),
        contacts=body.contacts,
        registered_at=clock.now(),
    )
    stored: dict[str, Any] = subject.model_dump(mode="json", by_alias=True)
    pk = subject_pk(subject.subject_id)
    tx = Transaction()
    tx.guard(TABLE, guard, subject.subject_id, Conflict("ektis.subject.taken", field=taken_field))
    tx.guard(
        TABLE,
        owner_key(caller.user_id),
        subject.subject_id,
        Conflict("ektis.subject.exists", field="personKind"),
    )
    tx.put(TABLE, {"pk": pk, "sk": "SUBJECT", **stored})
    for kind in LISTED:
        if kind in subject.kinds:
            tx.put(TABLE, directory_item(subject, kind))
    audit.record(
        tx, pk, "ektis-subject-registered", caller.actor, owner=caller.user_id, after=stored
    )
    tx.commit()
    return subject


def of_owner(owner: str) -> Subject:
    """The subject of the caller's account, or 404 (register first)."""
    guard = TABLE.get(owner_key(owner), "GUARD")
    stored = TABLE.get(subject_pk(guard["owner"]), "SUBJECT") if guard else None
    if not stored:
        raise NotFound("ektis.subject.missing")
    return Subject.model_validate(record(stored))


def record(stored: dict[str, Any], *internal: str) -> dict[str, Any]:
    """A stored item without its keys (and `internal` attributes), as its model reads it."""
    return {k: v for k, v in stored.items() if k not in KEYS and k not in internal}


def load(subject_id: str) -> Subject:
    """A subject by its id, or 404."""
    stored = TABLE.get(subject_pk(subject_id), "SUBJECT")
    if not stored:
        raise NotFound("ektis.subject.missing", field="subjectId")
    return Subject.model_validate(record(stored))


def party_key(party: str) -> str:
    """A FIN (7 characters) or VÖEN (10 digits) as the key of its registration guard."""
    return f"{'VOEN' if len(party) == 10 else 'FIN'}#{party}"


def parties(subject: Subject) -> list[str]:
    """The keys others name this subject by: a person's FIN, a legal entity's VÖEN (the
    identifiers its registration guards; an entrepreneur's VÖEN is not guarded)."""
    if subject.legal_entity:
        return [party_key(subject.legal_entity.voen)]
    return [party_key(subject.person.fin)] if subject.person else []


def registered(party: str) -> Subject | None:
    """The subject registered with this FIN or VÖEN, for the platform's own use: whether there
    is one is never told to the caller who named it (G8), or the answer would tell a stranger
    who is in EKTİS."""
    guard = TABLE.get(party_key(party), "GUARD")
    return load(guard["owner"]) if guard else None


def display_name(subject: Subject) -> str:
    if subject.legal_entity:
        return subject.legal_entity.name
    person = subject.person
    return f"{person.surname} {person.name} {person.patronymic}" if person else subject.subject_id


def directory_item(subject: Subject, kind: str) -> dict[str, Any]:
    """The directory's row of a listed subject: what a directory shows, nothing more (G8)."""
    entry = DirectoryEntry(
        subject_id=subject.subject_id,
        display_name=display_name(subject),
        kinds=subject.kinds,
        activities=subject.activities,
        contacts=subject.contacts,
    )
    return {
        "pk": f"DIRECTORY#{kind}",
        "sk": f"{entry.display_name.casefold()}#{subject.subject_id}",
        **entry.model_dump(mode="json", by_alias=True),
    }
