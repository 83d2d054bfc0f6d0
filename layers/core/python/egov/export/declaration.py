"""The export customs declaration (X5; seed 001 part 2, §10.3.3.7-8, §4.2.6): filled from the
application, with the foreign contract and every permit attached, sent to customs, whose
result is recorded and reaches the applicant's cabinet.
"""

from __future__ import annotations

from typing import Any

from egov.export import contracts, customs, incentive, permit_events, records
from egov.export.filing import owned
from egov.export.models import Application, Declaration, DeclarationForm
from egov.platform import applications, audit, auth, clock, notify
from egov.platform.problems import Conflict, Invalid
from egov.platform.repository import Transaction


def contract_of(contract_id: str | None, application: Application) -> dict[str, str] | None:
    """The foreign contract attached to the declaration (§10.3.3.7): one both parties signed on
    the portal whose local party is the application's exporter (the caller owns the application,
    `owned`). Its hash is attached with it: it proves which document customs received."""
    if contract_id is None:
        return None
    signed = contracts.signed_contract(contract_id, application.exporter.voen)
    if signed is None:
        raise Invalid("export.declaration.contract", field="contractId")
    return {"contractId": signed["id"], "number": signed["number"], "sha256": signed["sha256"]}


def draft(application: Application, contract: dict[str, str] | None) -> dict[str, Any]:
    """The declaration as customs receives it, filled from the application (§10.3.3.7-8)."""
    shown = application.model_dump(mode="json", by_alias=True)
    return {
        "declarationId": f"dcl_{application.application_id}",
        "exporter": {"voen": application.exporter.voen, "name": application.exporter.name},
        "destination": application.destination,
        "goods": shown["goods"],
        "contract": contract,
        "permits": [
            {
                "permit": p["code"],
                "agency": p["agency"],
                "status": p["status"],
                "decisionId": p.get("decisionId") or "",
                "decidedAt": p.get("decidedAt") or "",
                **(
                    {"document": p["document"]["number"], "sha256": p["document"]["sha256"]}
                    if p.get("document")
                    else {}
                ),
            }
            for p in shown["permits"]
        ],
    }


def declare(application_id: str, form: DeclarationForm, caller: auth.Principal) -> Application:
    application = owned(application_id, caller)
    if application.declaration is not None:
        raise Conflict("export.declared", field="applicationId")
    if application.status != "ready":
        raise Conflict("export.not-ready", field="applicationId")
    permit_events.check_in_force(application)
    contract = contract_of(form.contract_id, application)
    sent = draft(application, contract)
    verdict = customs.declarations().declare(sent)
    status = "released" if verdict.status == "released" else "customs-refused"
    declaration = Declaration(
        declaration_id=sent["declarationId"],
        contract=contract,
        permits=sent["permits"],
        sent_at=clock.now(),
        verdict=verdict,
    )
    after = application.model_copy(update={"status": status, "declaration": declaration})
    tx = Transaction()
    if status == "released":
        after = incentive.open_request(after, tx)  # X6 (§10.3.3.9): to the Ministry of Economy
    records.save(application, after, tx)
    params = {"number": verdict.declaration_number, "reason": verdict.reason or "-"}
    applications.advance(
        tx,
        application.owner,
        application_id,
        records.SERVICE,
        status,
        actor=caller.actor,
        note="export.note.customs",
        note_params=params,
    )
    audit.record(
        tx,
        records.subject(application_id),
        f"export-{status}",
        caller.actor,
        owner=application.owner,
        after={"declaration": verdict.declaration_number, "reason": verdict.reason},
    )
    notify.send(
        application.owner,
        "notice.export-customs",
        params | {"status": verdict.status},
        subject_ref=records.subject(application_id),
        tx=tx,
    )
    tx.commit()
    return after
