"""A supplier's requests for the approbation of a seed or seedling field and for a seed
certificate (A4: seed 004 §7.1.2.8, §7.1.2.10), tracked in the cabinet (§7.1.2.14).

Items (EKTIS_TABLE):
    APPROBATION#<id> / APPROBATION    gsi1 APPROBATIONS#<subjectId> / <filedAt>#<id>
"""

from __future__ import annotations

import uuid

from egov.ektis.delegation import acting_for, require_kind
from egov.ektis.models import Approbation, ApprobationFiling
from egov.ektis.subjects import TABLE, subject_pk
from egov.platform import applications, audit, clock
from egov.platform.auth import Principal
from egov.platform.problems import Invalid
from egov.platform.repository import Transaction

SERVICE = "ektis-seeds"


def file(body: ApprobationFiling, caller: Principal) -> Approbation:
    subject = acting_for(caller, body.subject_id, "approbations")
    require_kind(subject, "supplier")
    area_ha = None
    if body.kind == "field-approbation":
        parcel = TABLE.get(f"PARCEL#{body.parcel_id}", "PARCEL") if body.parcel_id else None
        if not parcel or parcel["subjectId"] != subject.subject_id:
            raise Invalid("ektis.approbation.parcel-required", field="parcelId")
        area_ha = parcel["areaHa"]
    elif body.quantity_kg is None:
        raise Invalid("ektis.approbation.quantity-required", field="quantityKg")
    approbation = Approbation(
        approbation_id=uuid.uuid4().hex,
        subject_id=subject.subject_id,
        kind=body.kind,
        crop=body.crop,
        variety=body.variety,
        parcel_id=body.parcel_id,
        area_ha=area_ha,
        quantity_kg=body.quantity_kg,
        lot_number=body.lot_number,
        status="submitted",
        filed_by=caller.user_id,
        filed_at=clock.now(),
    )
    stored = approbation.model_dump(mode="json", by_alias=True)
    tx = Transaction()
    tx.put(
        TABLE,
        {
            "pk": f"APPROBATION#{approbation.approbation_id}",
            "sk": "APPROBATION",
            "gsi1pk": f"APPROBATIONS#{subject.subject_id}",
            "gsi1sk": f"{stored['filedAt']}#{approbation.approbation_id}",
            "version": 1,
            **stored,
        },
    )
    # The supplier's own cabinet tracks it, whoever of its people filed it.
    applications.track(
        tx,
        subject.owner,
        approbation.approbation_id,
        SERVICE,
        "submitted",
        f"{SERVICE}.title.{body.kind}",
        actor=caller.actor,
        title_params={"crop": body.crop, "variety": body.variety},
    )
    audit.record(
        tx,
        subject_pk(subject.subject_id),
        "ektis-approbation-filed",
        caller.actor,
        owner=subject.owner,
        after=stored,
    )
    tx.commit()
    return approbation
