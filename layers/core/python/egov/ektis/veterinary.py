"""What vets and insemination specialists enter (A6: seed 004 §7.1.4.3, §7.1.5.3): health
documents of animals (newborns' first, vaccinations, diseases, treatments) and inseminations,
which a calf's registration links to (livestock.py).

A registered vet or insemination specialist enters data for any animal by its ear tag, as the
keeper calls them; reading the animal's whole record stays with its keeper and the ministry.
"""

from __future__ import annotations

import uuid
from datetime import date

from egov.ektis import subjects
from egov.ektis.delegation import require_kind
from egov.ektis.livestock import animal_pk, load, not_future
from egov.ektis.models import (
    HealthDocument,
    HealthEntry,
    Insemination,
    InseminationEntry,
    ManualMark,
)
from egov.ektis.subjects import TABLE, display_name, subject_pk
from egov.platform import audit, clock
from egov.platform.auth import Principal
from egov.platform.problems import Invalid
from egov.platform.repository import Transaction

# A newborn's health document is entered within this many days of the birth: the first
# examination the seed asks of the vet (§7.1.4.3); the neonatal period of farm animals.
NEWBORN_DAYS = 30


def add_health(
    tx: Transaction,
    tag: str,
    body: HealthEntry,
    actor: audit.Actor,
    vet: tuple[str, str] | None = None,
    entry: ManualMark | None = None,
) -> HealthDocument:
    """The parts adding a health document to the animal's record; `vet` (id, name) who made it."""
    stored = load(tag)
    not_future(body.date, "date")
    born = date.fromisoformat(stored["birthDate"])
    if body.date < born:
        raise Invalid("ektis.animal.before-birth", field="date")
    if body.kind == "newborn" and (body.date - born).days > NEWBORN_DAYS:
        raise Invalid("ektis.animal.not-newborn", field="date", params={"days": NEWBORN_DAYS})
    if (body.kind in ("disease", "treatment") and not body.disease) or (
        body.kind == "vaccination" and not body.vaccine
    ):
        raise Invalid(
            "ektis.health.detail-required",
            field="vaccine" if body.kind == "vaccination" else "disease",
        )
    document = HealthDocument(
        **body.model_dump(),
        document_id=uuid.uuid4().hex,
        ear_tag=tag,
        vet_subject_id=vet[0] if vet else None,
        vet_name=vet[1] if vet else None,
        recorded_at=clock.now(),
        entry=entry,
    )
    kept = document.model_dump(mode="json", by_alias=True)
    tx.put(
        TABLE,
        {"pk": animal_pk(tag), "sk": f"HEALTH#{kept['recordedAt']}#{document.document_id}", **kept},
    )
    keeper = subjects.load(stored["keeperSubjectId"])
    audit.record(
        tx,
        subject_pk(keeper.subject_id),
        "ektis-health-document-entered",
        actor,
        owner=keeper.owner,
        after=kept,
    )
    return document


def health(tag: str, body: HealthEntry, caller: Principal) -> HealthDocument:
    vet = subjects.of_owner(caller.user_id)
    require_kind(vet, "vet")
    tx = Transaction()
    document = add_health(tx, tag, body, caller.actor, vet=(vet.subject_id, display_name(vet)))
    tx.commit()
    return document


def inseminate(body: InseminationEntry, caller: Principal) -> Insemination:
    specialist = subjects.of_owner(caller.user_id)
    require_kind(specialist, "inseminator")
    dam = load(body.dam_ear_tag)
    if dam["sex"] != "female":
        raise Invalid("ektis.insemination.female", field="damEarTag")
    not_future(body.date, "date")
    if body.date < date.fromisoformat(dam["birthDate"]):
        raise Invalid("ektis.animal.before-birth", field="date")
    insemination = Insemination(
        **body.model_dump(),
        insemination_id=uuid.uuid4().hex,
        inseminator_subject_id=specialist.subject_id,
        inseminator_name=display_name(specialist),
        recorded_at=clock.now(),
    )
    kept = insemination.model_dump(mode="json", by_alias=True)
    keeper = subjects.load(dam["keeperSubjectId"])
    tx = Transaction()
    tx.put(
        TABLE,
        {"pk": f"INSEMINATION#{insemination.insemination_id}", "sk": "INSEMINATION", **kept},
    )
    tx.put(
        TABLE,
        {
            "pk": animal_pk(body.dam_ear_tag),
            "sk": f"INSEMINATION#{kept['date']}#{insemination.insemination_id}",
            **kept,
        },
    )
    audit.record(
        tx,
        subject_pk(keeper.subject_id),
        "ektis-insemination-entered",
        caller.actor,
        owner=keeper.owner,
        after=kept,
    )
    tx.commit()
    return insemination
