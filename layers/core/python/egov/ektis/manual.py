"""Data entered by hand (A11: seed 004 §5.3): where the exchange with another system cannot run
in real time, an authorised officer of the ministry enters the animal or the health document
from the paper, which is attached (G5). The record is marked as entered by hand, with the
officer, the system it should have come from, the document and the reason; the entry is in the
keeper's audit trail and in the agency's trail of manual entries (G1).
"""

from __future__ import annotations

from egov.ektis import livestock, subjects, veterinary
from egov.ektis.models import ManualEntry, ManualMark, ManualResult
from egov.platform import attachments, audit, clock
from egov.platform.auth import Principal
from egov.platform.problems import Invalid
from egov.platform.repository import Transaction


def trail(agency: str) -> str:
    """The audit subject listing an agency's manual entries."""
    return f"EKTIS-MANUAL#{agency}"


def enter(body: ManualEntry, caller: Principal) -> ManualResult:
    mark = ManualMark(
        officer=caller.user_id,
        agency=caller.agency or "",
        source_system=body.source_system,
        source_document=body.source_document,
        reason=body.reason,
        entered_at=clock.now(),
    )
    tx = Transaction()
    if body.kind == "animal":
        if not (body.animal and body.keeper):
            raise Invalid("ektis.manual.incomplete", field="animal" if body.keeper else "keeper")
        keeper = subjects.registered(body.keeper)
        # One problem for a FIN or VÖEN nobody registered and for one whose subject keeps no
        # animals: the officer learns only what entering the animal needs, a farmer's holding.
        if keeper is None or "farmer" not in keeper.kinds:
            raise Invalid("ektis.party.unknown", field="keeper")
        animal = livestock.add_animal(tx, body.animal, keeper, caller.actor, entry=mark)
        result = ManualResult(kind="animal", animal=animal)
        tag = animal.ear_tag
    else:
        if not (body.health and body.ear_tag):
            raise Invalid("ektis.manual.incomplete", field="health" if body.ear_tag else "earTag")
        document = veterinary.add_health(tx, body.ear_tag, body.health, caller.actor, entry=mark)
        result = ManualResult(kind="health", health=document)
        tag = body.ear_tag
    attachments.link(
        tx, body.source_document, caller.user_id, livestock.animal_pk(tag), field="sourceDocument"
    )
    audit.record(
        tx,
        trail(mark.agency),
        "ektis-manual-entry",
        caller.actor,
        after={"kind": body.kind, "earTag": tag, **mark.model_dump(mode="json", by_alias=True)},
    )
    tx.commit()
    return result
