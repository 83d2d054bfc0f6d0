"""Animals and herds of a holding (A7: seed 004 §3.2.3): registration with an ear tag, origin
and purpose, movements between holdings, and the animal's record with its health documents
and inseminations (entered by vets and insemination specialists, veterinary.py).

A holding is its keeper's EKTİS subject. A movement is sent to the receiving keeper's FIN or
VÖEN and takes effect when that keeper confirms the arrival: the sender's answer is the same
whether the FIN or VÖEN is in EKTİS or not (G8). An animal is in one place at a time: sending
and arriving are writes conditional on the animal's version and keeper (and no other movement
under way), so of two movements read at once only one commits (the other is a 409 and changes
nothing). Both holdings list the movement.

A movement nobody confirms does not hold the animal for ever: the sender may withdraw it
(`withdraw`, a FIN mistyped), and it lapses by itself at the end of the confirmation period
(`calendar.PERIODS["ektis.movement-confirmation"]`, a service level: seed 004 sets none), told
by EKTİS's timer workflow (`movement-lapsed`, `lapse`). Either way the animal stays with the
sender, free to be sent again, and the receiver no longer sees it as incoming; a lapse is told
to the sender (`ektis.movement-lapsed`). A confirmation, a withdrawal and the lapse are
conditional on the same version, so only the first counts.

Items (EKTIS_TABLE):
    ANIMAL#<tag> / ANIMAL                     gsi1 KEEPS#<keeperId> / ANIMAL#<tag>; version
    ANIMAL#<tag> / HEALTH#<at>#<id>           a health document (veterinary.py)
    ANIMAL#<tag> / INSEMINATION#<date>#<id>   an insemination of this dam (veterinary.py)
    ANIMAL#<tag> / MOVE#<at>#<id>             a movement
    HERD#<id> / HERD                          gsi1 KEEPS#<keeperId> / HERD#<id>
    MOVES#<subjectId> / <at>#<id>             the movement, for the sender and, once it
                                              arrived, the receiving holding
    ARRIVING#FIN#<fin> / <at>#<id>            a movement sent to a FIN or VÖEN (VOEN#<voen>)
                                              and not yet confirmed: the receiver's to confirm
    INSEMINATION#<id> / INSEMINATION          the insemination a calf's record links to
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import date
from typing import Any, Literal

from egov.ektis import subjects
from egov.ektis.delegation import refuse, require_kind
from egov.ektis.models import (
    Animal,
    AnimalRecord,
    AnimalRegistration,
    HealthDocument,
    Herd,
    HerdRegistration,
    Insemination,
    Livestock,
    ManualMark,
    Move,
    Movement,
    Sire,
    Subject,
    Transit,
)
from egov.ektis.subjects import TABLE, display_name, record, subject_pk
from egov.platform import audit, calendar, clock, notify, outbox, tasks
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Transaction

# The ministry's officers (the operator of EKTİS, §1.2) read any animal's record (G8).
READERS = ("MKT",)
CONFIRMATION = "ektis.movement-confirmation"
TIMER = audit.Actor.system("ektis-movement-timer")


def animal_pk(tag: str) -> str:
    return f"ANIMAL#{tag}"


def today() -> date:
    return clock.now().astimezone(clock.BAKU).date()


def not_future(day: date, field: str) -> None:
    if day > today():
        raise Invalid("ektis.animal.future-date", field=field)


def load(tag: str) -> dict[str, Any]:
    stored = TABLE.get(animal_pk(tag), "ANIMAL")
    if not stored:
        raise NotFound("ektis.animal.missing", field="earTag")
    return stored


def animal_of(stored: dict[str, Any]) -> Animal:
    return Animal.model_validate(record(stored))


# ---------------------------------------------------------------- herds
def register_herd(body: HerdRegistration, caller: Principal) -> Herd:
    keeper = subjects.of_owner(caller.user_id)
    require_kind(keeper, "farmer")
    herd = Herd(
        herd_id=uuid.uuid4().hex,
        name=body.name,
        species=body.species,
        keeper_subject_id=keeper.subject_id,
        registered_at=clock.now(),
    )
    stored = herd.model_dump(mode="json", by_alias=True)
    tx = Transaction()
    tx.put(
        TABLE,
        {
            "pk": f"HERD#{herd.herd_id}",
            "sk": "HERD",
            "gsi1pk": f"KEEPS#{keeper.subject_id}",
            "gsi1sk": f"HERD#{herd.herd_id}",
            **stored,
        },
    )
    audit.record(
        tx,
        subject_pk(keeper.subject_id),
        "ektis-herd-registered",
        caller.actor,
        owner=caller.user_id,
        after=stored,
    )
    tx.commit()
    return herd


# ---------------------------------------------------------------- animals
def _origin(body: AnimalRegistration, keeper: Subject) -> Sire | None:
    """Check what the origin claims (the dam on this holding, her insemination before the
    birth); the sire a calf's record takes from that insemination."""
    origin = body.origin
    if origin.kind == "imported" and not origin.country:
        raise Invalid("ektis.animal.origin", field="origin.country")
    if origin.kind != "born":
        return None
    if not origin.dam_ear_tag:
        raise Invalid("ektis.animal.origin", field="origin.damEarTag")
    dam = TABLE.get(animal_pk(origin.dam_ear_tag), "ANIMAL")
    if (
        not dam
        or dam["sex"] != "female"
        or dam["species"] != body.species
        or dam["keeperSubjectId"] != keeper.subject_id
    ):
        raise Invalid("ektis.animal.dam", field="origin.damEarTag")
    if not origin.insemination_id:
        return None
    found = TABLE.get(f"INSEMINATION#{origin.insemination_id}", "INSEMINATION")
    if (
        not found
        or found["damEarTag"] != origin.dam_ear_tag
        or found["date"] >= str(body.birth_date)
    ):
        raise Invalid("ektis.animal.insemination", field="origin.inseminationId")
    return Sire(breed=found["sireBreed"], sire_id=found["sireId"])


def add_animal(
    tx: Transaction,
    body: AnimalRegistration,
    keeper: Subject,
    actor: audit.Actor,
    entry: ManualMark | None = None,
) -> Animal:
    """The parts registering an animal on `keeper`'s holding (its ear tag once, 409)."""
    not_future(body.birth_date, "birthDate")
    if body.herd_id:
        herd = TABLE.get(f"HERD#{body.herd_id}", "HERD")
        if (
            not herd
            or herd["keeperSubjectId"] != keeper.subject_id
            or herd["species"] != body.species
        ):
            raise Invalid("ektis.herd.missing", field="herdId")
    sire = _origin(body, keeper)
    animal = Animal(
        **body.model_dump(),
        sire=sire,
        keeper_subject_id=keeper.subject_id,
        registered_at=clock.now(),
        entry=entry,
    )
    stored = animal.model_dump(mode="json", by_alias=True)
    tx.put(
        TABLE,
        {
            "pk": animal_pk(animal.ear_tag),
            "sk": "ANIMAL",
            "gsi1pk": f"KEEPS#{keeper.subject_id}",
            "gsi1sk": f"ANIMAL#{animal.ear_tag}",
            "version": 1,
            **stored,
        },
        conflict=Conflict("ektis.animal.taken", field="earTag"),
    )
    audit.record(
        tx,
        subject_pk(keeper.subject_id),
        "ektis-animal-registered",
        actor,
        owner=keeper.owner,
        after=stored,
    )
    return animal


def register(body: AnimalRegistration, caller: Principal) -> Animal:
    keeper = subjects.of_owner(caller.user_id)
    require_kind(keeper, "farmer")
    tx = Transaction()
    animal = add_animal(tx, body, keeper, caller.actor)
    tx.commit()
    return animal


# ---------------------------------------------------------------- movements
def _movement_sk(movement: Movement) -> str:
    return f"{clock.iso(movement.recorded_at)}#{movement.movement_id}"


def move(tag: str, body: Move, caller: Principal) -> Movement:
    """The keeper sends an animal to a FIN or VÖEN; the same answer whether or not it is an
    EKTİS subject (G8): the receiving keeper confirms the arrival (`arrive`), and only then is the
    holding named and the animal moved. One movement at a time, conditional on what was read."""
    keeper = subjects.of_owner(caller.user_id)
    stored = load(tag)
    if stored["keeperSubjectId"] != keeper.subject_id:
        refuse(caller, animal_pk(tag), "move")
    if subjects.party_key(body.to) in subjects.parties(keeper):
        raise Invalid("ektis.animal.same-holding", field="to")
    not_future(body.moved_on, "movedOn")
    if body.moved_on < date.fromisoformat(stored["birthDate"]):
        raise Invalid("ektis.animal.before-birth", field="movedOn")
    if stored.get("transit"):
        raise Conflict("ektis.animal.in-transit", field="earTag")
    now = clock.now()
    confirm_by = calendar.due(CONFIRMATION, now)
    movement = Movement(
        movement_id=uuid.uuid4().hex,
        ear_tag=tag,
        status="sent",
        from_subject_id=keeper.subject_id,
        from_name=display_name(keeper),
        to=body.to,
        moved_on=body.moved_on,
        reason=body.reason,
        recorded_at=now,
        confirm_by=confirm_by,
    )
    sent = movement.model_dump(mode="json", by_alias=True)
    sk = _movement_sk(movement)
    transit = Transit(
        movement_id=movement.movement_id,
        to=body.to,
        recorded_at=movement.recorded_at,
        confirm_by=confirm_by,
    )
    tx = Transaction()
    tx.update(
        TABLE,
        animal_pk(tag),
        "ANIMAL",
        {
            "transit": transit.model_dump(mode="json", by_alias=True),
            "version": stored["version"] + 1,
        },
        expected={
            "version": stored["version"],
            "keeperSubjectId": keeper.subject_id,
            "transit": None,
        },
        conflict=Conflict("ektis.animal.moved", field="earTag"),
    )
    tx.put(TABLE, {"pk": animal_pk(tag), "sk": f"MOVE#{sk}", **sent})
    tx.put(TABLE, {"pk": f"MOVES#{keeper.subject_id}", "sk": sk, **sent})
    tx.put(TABLE, {"pk": f"ARRIVING#{subjects.party_key(body.to)}", "sk": sk, **sent})
    audit.record(
        tx,
        subject_pk(keeper.subject_id),
        "ektis-animal-sent",
        caller.actor,
        owner=keeper.owner,
        after=sent,
    )
    outbox.start(
        tx,
        "EKTIS_TIMER_ARN",
        f"movement-{movement.movement_id}",
        {
            "message": {
                "event": "movement-lapsed",
                "earTag": tag,
                "movementId": movement.movement_id,
            },
            **tasks.until(confirm_by),
        },
    )
    tx.commit()
    return movement


def withdraw(tag: str, caller: Principal) -> Movement:
    """The sender withdraws a movement the receiver has not confirmed: the animal stays. Anyone
    else, and an animal with no movement under way, get the same 404 as a stranger's arrival."""
    stored = TABLE.get(animal_pk(tag), "ANIMAL") or {}
    transit = Transit.model_validate(stored["transit"]) if stored.get("transit") else None
    if not transit:
        raise NotFound("ektis.movement.missing", field="earTag")
    sender = subjects.load(stored["keeperSubjectId"])
    if sender.owner != caller.user_id:
        raise NotFound("ektis.movement.missing", field="earTag")
    ended = _end(stored, transit, sender, "withdrawn", caller.actor)
    if ended is None:
        raise NotFound("ektis.movement.missing", field="earTag")
    return ended


class Lapsed(tasks.Event):
    event: Literal["movement-lapsed"]
    ear_tag: str
    movement_id: str


def lapse(event: Lapsed) -> None:
    """The confirmation period of a movement ended (EKTİS's timer): one still unconfirmed lapses;
    one confirmed or withdrawn before, or a redelivered message, changes nothing."""
    stored = TABLE.get(animal_pk(event.ear_tag), "ANIMAL") or {}
    transit = Transit.model_validate(stored["transit"]) if stored.get("transit") else None
    if not transit or transit.movement_id != event.movement_id:
        return
    with contextlib.suppress(Conflict):  # confirmed or withdrawn meanwhile: that counts
        _end(stored, transit, subjects.load(stored["keeperSubjectId"]), "lapsed", TIMER)


def _end(
    stored: dict[str, Any],
    transit: Transit,
    sender: Subject,
    status: Literal["withdrawn", "lapsed"],
    actor: audit.Actor,
) -> Movement | None:
    """End a movement under way without its arrival: the animal stays with the sender, free to
    be sent again; the sent copies carry the ending; the receiver's incoming entry goes."""
    tag = stored["earTag"]
    sk = f"{clock.iso(transit.recorded_at)}#{transit.movement_id}"
    sent = TABLE.get(animal_pk(tag), f"MOVE#{sk}")
    if not sent:
        return None
    movement = Movement.model_validate(record(sent)).model_copy(
        update={"status": status, "ended_at": clock.now()}
    )
    ended = movement.model_dump(mode="json", by_alias=True)
    conflict = Conflict("ektis.animal.moved", field="earTag")
    tx = Transaction()
    tx.update(
        TABLE,
        animal_pk(tag),
        "ANIMAL",
        {"transit": None, "version": stored["version"] + 1},
        expected={"version": stored["version"], "keeperSubjectId": sender.subject_id},
        conflict=conflict,
    )
    for key in (
        {"pk": animal_pk(tag), "sk": f"MOVE#{sk}"},
        {"pk": f"MOVES#{sender.subject_id}", "sk": sk},
    ):
        tx.put(TABLE, {**key, **ended}, new=False, expected={"status": "sent"}, conflict=conflict)
    tx.delete(TABLE, f"ARRIVING#{subjects.party_key(transit.to)}", sk)
    audit.record(
        tx,
        subject_pk(sender.subject_id),
        f"ektis-animal-movement-{status}",
        actor,
        owner=sender.owner,
        before={"status": "sent"},
        after=ended,
    )
    if status == "lapsed":
        # The sender withdrew nothing, so nothing else tells him the animal is his again.
        notify.send(
            sender.owner,
            "ektis.movement-lapsed",
            {"earTag": tag, "to": transit.to},
            subject_ref=subject_pk(sender.subject_id),
            tx=tx,
        )
    tx.commit()
    return movement


def arrive(tag: str, caller: Principal) -> Movement:
    """The keeper a movement was sent to (by FIN or VÖEN) confirms the animal arrived: it moves
    to that holding, out of the sender's herd, and both holdings list the movement. Anyone else,
    and an animal with no movement to the caller, get the same 404."""
    receiver = subjects.of_owner(caller.user_id)
    stored = TABLE.get(animal_pk(tag), "ANIMAL") or {}
    transit = Transit.model_validate(stored["transit"]) if stored.get("transit") else None
    if not transit or subjects.party_key(transit.to) not in subjects.parties(receiver):
        raise NotFound("ektis.movement.missing", field="earTag")
    require_kind(receiver, "farmer")
    sender = subjects.load(stored["keeperSubjectId"])
    sk = f"{clock.iso(transit.recorded_at)}#{transit.movement_id}"
    sent = TABLE.get(animal_pk(tag), f"MOVE#{sk}")
    if not sent:
        raise NotFound("ektis.movement.missing", field="earTag")
    movement = Movement.model_validate(record(sent)).model_copy(
        update={
            "status": "arrived",
            "to_subject_id": receiver.subject_id,
            "to_name": display_name(receiver),
            "arrived_at": clock.now(),
        }
    )
    moved = movement.model_dump(mode="json", by_alias=True)
    conflict = Conflict("ektis.animal.moved", field="earTag")
    tx = Transaction()
    # The herd is the sender's: the animal leaves it.
    tx.update(
        TABLE,
        animal_pk(tag),
        "ANIMAL",
        {
            "keeperSubjectId": receiver.subject_id,
            "gsi1pk": f"KEEPS#{receiver.subject_id}",
            "version": stored["version"] + 1,
            "herdId": None,
            "transit": None,
        },
        expected={"version": stored["version"], "keeperSubjectId": sender.subject_id},
        conflict=conflict,
    )
    # The sent copies become the arrived movement; the receiver's listing is new.
    for key in (
        {"pk": animal_pk(tag), "sk": f"MOVE#{sk}"},
        {"pk": f"MOVES#{sender.subject_id}", "sk": sk},
    ):
        tx.put(TABLE, {**key, **moved}, new=False, expected={"status": "sent"}, conflict=conflict)
    tx.put(TABLE, {"pk": f"MOVES#{receiver.subject_id}", "sk": sk, **moved})
    tx.delete(TABLE, f"ARRIVING#{subjects.party_key(transit.to)}", sk)
    for side in (sender, receiver):
        audit.record(
            tx,
            subject_pk(side.subject_id),
            "ektis-animal-moved",
            caller.actor,
            owner=side.owner,
            before={"keeperSubjectId": sender.subject_id},
            after=moved,
        )
    tx.commit()
    return movement


# ---------------------------------------------------------------- reading
def can_read(stored: dict[str, Any], caller: Principal) -> bool:
    """The keeper's account, the ministry's officers and the operator (G8)."""
    if caller.role == "operator" or (caller.role == "officer" and caller.agency in READERS):
        return True
    if caller.role != "citizen":
        return False
    keeper = subjects.load(stored["keeperSubjectId"])
    return keeper.owner == caller.user_id


def record_of(tag: str, caller: Principal) -> AnimalRecord:
    stored = load(tag)
    if not can_read(stored, caller):
        refuse(caller, animal_pk(tag), "read")
    items = list(TABLE.query_all(animal_pk(tag)))

    def part(prefix: str) -> list[dict[str, Any]]:
        return [record(i) for i in items if i["sk"].startswith(prefix)]

    return AnimalRecord(
        animal=animal_of(stored),
        health=[HealthDocument.model_validate(i) for i in part("HEALTH#")],
        movements=[Movement.model_validate(i) for i in part("MOVE#")],
        inseminations=[Insemination.model_validate(i) for i in part("INSEMINATION#")],
    )


def of_keeper(caller: Principal) -> Livestock:
    keeper = subjects.of_owner(caller.user_id)
    kept = list(TABLE.query_all(f"KEEPS#{keeper.subject_id}", index="gsi1"))
    return Livestock(
        subject_id=keeper.subject_id,
        herds=[Herd.model_validate(record(i)) for i in kept if i["sk"] == "HERD"],
        animals=[animal_of(i) for i in kept if i["sk"] == "ANIMAL"],
        movements=[
            Movement.model_validate(record(i))
            for i in TABLE.query_all(f"MOVES#{keeper.subject_id}")
        ],
        incoming=[
            Movement.model_validate(record(i))
            for party in subjects.parties(keeper)
            for i in TABLE.query_all(f"ARRIVING#{party}")
        ],
    )
