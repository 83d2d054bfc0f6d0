"""The single export application (X4; seed 001 part 2, §10.3.3.1-5): the exporter's data from
the tax registry, the goods, the export incentive (non-oil goods only), the permits the goods
need, and the review started at the permit agencies, all at once.

One transaction stores the application, puts it in the applicant's cabinet, audits it and
leaves the start of `statemachines/export_application.asl.json` to the outbox; the workflow
asks every agency at once (a Map over the permits) through the agency exchange.
"""

from __future__ import annotations

import uuid
from typing import Any

from egov.export import permits, records
from egov.export.models import Application, ApplicationForm, Exporter, Goods
from egov.platform import (
    adapters,
    applications,
    audit,
    auth,
    calendar,
    clock,
    outbox,
    tasks,
)
from egov.platform.observability import correlation_id
from egov.platform.problems import Conflict, Forbidden, Invalid, NotFound
from egov.platform.repository import Transaction

STATE_MACHINE_ENV = "EXPORT_APPLICATION_STATE_MACHINE"
PERMIT_PERIOD = "export.permit-decision"
OIL_CHAPTER = "27"  # HS chapter 27: mineral fuels, mineral oils and their products


def _incentive_allowed(form: ApplicationForm) -> None:
    """§10.3.3.4, §1.1: the export incentive is paid for non-oil goods only."""
    if form.export_incentive and any(
        permits.chapter(item.hs_code) == OIL_CHAPTER for item in form.goods
    ):
        raise Invalid("export.incentive.oil", field="exportIncentive")
    if form.export_incentive and form.incentive_account is None:
        # X6 (§10.3.3.4): the account the incentive is paid into is part of the request.
        raise Invalid("export.incentive.account-required", field="incentiveAccount")


def _exporter(form: ApplicationForm, caller: auth.Principal) -> Exporter:
    """§10.3.3.1: the applicant's data from the tax registry; only its head applies for it."""
    # Imported here: only filing needs the FIN link, and the export workflow's consumer, which
    # imports this module for its complaints, would load the ASAN İmza client with it.
    from egov.platform import mobile_id

    fin = mobile_id.fin_of(caller.user_id)
    taxpayer = adapters.tax().taxpayer(form.voen) if fin else None
    if taxpayer is None or taxpayer.head.fin != fin:
        audit.append(
            auth.access_subject(caller.user_id),
            auth.ACCESS_REFUSED,
            caller.actor,
            owner=caller.user_id,
            after={"path": "/export/applications", "voen": form.voen},
        )
        raise Forbidden("export.voen.not-yours", field="voen")
    if taxpayer.status != "active":
        raise Invalid("export.taxpayer-closed", field="voen")
    return Exporter.model_validate(taxpayer.model_dump())


def file(form: ApplicationForm, caller: auth.Principal) -> Application:
    _incentive_allowed(form)
    exporter = _exporter(form, caller)
    now = clock.now()
    wait = tasks.until(calendar.due(PERMIT_PERIOD, now))
    needed = permits.required(form.goods, clock.parse(wait["deadline"]))
    application = Application(
        application_id="exp_" + uuid.uuid4().hex[:20],
        owner=caller.user_id,
        status="under-review" if needed else "ready",
        exporter=exporter,
        destination=form.destination,
        goods=[Goods.of(item) for item in form.goods],
        export_incentive=form.export_incentive,
        incentive_account=form.incentive_account if form.export_incentive else None,
        permits=needed,
        created_at=now,
    )
    tx = Transaction()
    tx.put(records.EXPORT, records.item_of(application))
    applications.track(
        tx,
        caller.user_id,
        application.application_id,
        records.SERVICE,
        application.status,
        "export.title",
        actor=caller.actor,
        title_params={"goods": form.goods[0].description},
        link=f"/export/applications/{application.application_id}",
    )
    audit.record(
        tx,
        records.subject(application.application_id),
        "export-applied",
        caller.actor,
        owner=caller.user_id,
        after={"voen": exporter.voen, "permits": [p.code for p in needed]},
    )
    if needed:
        outbox.start(
            tx, STATE_MACHINE_ENV, application.application_id, workflow_input(application, wait)
        )
    tx.commit()
    return application


def workflow_input(application: Application, wait: dict[str, Any]) -> dict[str, Any]:
    """The execution input: one entry per permit, each the request its agency receives."""
    goods = application.model_dump(mode="json", by_alias=True)["goods"]
    return {
        "applicationId": application.application_id,
        "owner": application.owner,
        "correlationId": correlation_id(),
        "permits": [
            {
                "code": permit.code,
                "agency": permit.agency,
                "kind": f"export-{permit.code}",
                "subject": records.permit_subject(application.application_id, permit.code),
                "onSilence": permit.on_silence,
                "deadline": wait["deadline"],
                "waitSeconds": wait["waitSeconds"],
                "payload": {
                    "applicationId": application.application_id,
                    "permit": permit.code,
                    "clause": permit.clause,
                    "exporter": application.exporter.model_dump(by_alias=True),
                    "destination": application.destination,
                    "goods": [goods[index] for index in permit.items],
                },
            }
            for permit in application.permits
        ],
    }


def owned(application_id: str, caller: auth.Principal) -> Application:
    """The caller's application; another person's is as unknown as a missing one."""
    application = records.load(application_id)
    if application.owner != caller.user_id:
        raise NotFound("export.application.unknown", field="applicationId")
    return application


def changed() -> Conflict:
    return Conflict("export.changed", field="applicationId")
