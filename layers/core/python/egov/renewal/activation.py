"""Activation: at the mobile operator (R8), then ASXM's (R9).

R8: after the old certificate expires the holder gets a duplicate SIM at the operator and the
service is activated for the next 3 years. The operator reports it with a signed message
(Standard Webhooks `v1`, secret `OPERATOR_CALLBACK_SECRET`) to `POST /renewal/operator-
activations`: the number, the holder's FIN, the moment, and the new SIM's signing key. The
report is kept on the application that renews a certificate of that number, and the workflow's
wait (`AwaitActivation`) is answered with it and ASXM's deadline.

R9: once ASXM's officer approved the activated application (through the agency exchange), the
new certificate is registered in the certificate registry (and so in its log) with the new key,
and the certificate, the contract and the activation notice, sealed by ASXM, land in the
holder's "Incoming documents", with the e-mail or SMS the applicant chose.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from egov.certificates.models import Contact
from egov.platform import audit, clock, i18n, inbound, secrets
from egov.platform.adapters.mobile import MobileNumber
from egov.platform.adapters.population import Fin
from egov.platform.problems import Conflict, NotFound
from egov.platform.repository import Item, Transaction
from egov.renewal import documents, issuance, workflow
from egov.renewal.records import RENEWAL, key, load, subject
from egov.renewal.workflow import WORKFLOW

OPERATOR = audit.Actor.system("mobile-operator")

i18n.register(
    {
        "renewal.operator-signature-invalid": {
            "az": "Operatorun aktivləşdirmə bildirişinin imzası etibarsızdır",
            "en": "The operator's activation report is not validly signed",
        },
        "renewal.no-renewal-for-number": {
            "az": "Bu nömrə üzrə aktivləşdirmə gözləyən yenilənmə müraciəti yoxdur",
            "en": "No renewal application of this number awaits activation",
        },
        "renewal.activated.title": {
            "az": "Yeni ASAN İmza sertifikatınız aktivləşdirildi",
            "en": "Your new ASAN İmza certificate has been activated",
        },
        "renewal.activated.body": {
            "az": "{number} nömrəli müraciət üzrə yeni sertifikat ({serial}) {validTo} tarixinədək "
            "qüvvədədir. Sertifikat, müqavilə və aktivləşdirmə bildirişi kabinetinizin «Gələn "
            "sənədlər» bölməsindədir.",
            "en": "The new certificate ({serial}) of application {number} is valid until "
            "{validTo}. The certificate, the contract and the activation notice are in your "
            "cabinet's Incoming documents.",
        },
    }
)


class Report(BaseModel):
    """The mobile operator's activation report (R8)."""

    model_config = ConfigDict(defer_build=True, alias_generator=to_camel, populate_by_name=True)

    phone_number: MobileNumber
    fin: Fin
    operator: str = Field(min_length=1, max_length=40)
    activated_at: str
    public_key: str = Field(description="The new SIM's signing key, base64 DER")


def _signer() -> Any:
    from standardwebhooks import Webhook

    return Webhook(secrets.secret("OPERATOR_CALLBACK_SECRET").encode())


def receive(body: str, headers: Mapping[str, str]) -> None:
    """R8: the operator's signed report, verified and applied once per `webhook-id`."""
    inbound.once(
        "operator-activation",
        _signer(),
        body,
        headers,
        "renewal.operator-signature-invalid",
        lambda payload: reported(Report.model_validate(payload)),
    )


def reported(report: Report) -> None:
    waiting = list(RENEWAL.query_all(f"ACTIVATION#{report.phone_number}"))
    if not waiting:
        raise NotFound("renewal.no-renewal-for-number", field="phoneNumber")
    for link in waiting:
        item = load(link["applicationId"])
        if item["personal"]["fin"] != report.fin or item.get("activation"):
            continue  # another person's SIM, or reported before
        if item["status"] in ("awaiting-attorney", "awaiting-activation"):
            # ASXM's deadline counts from receipt on the platform's clock, not the operator's.
            accept(
                item,
                {**report.model_dump(mode="json", by_alias=True), "receivedAt": clock.now_iso()},
            )


def accept(item: Item, report: dict[str, Any]) -> None:
    """Keep the report; past the head's approval the application goes to ASXM's processing."""
    tx = Transaction()
    if item["status"] == "awaiting-activation":
        item = workflow.transition(
            tx,
            item,
            "with-asxm",
            {"activation": report},
            actor=OPERATOR,
            action="renewal-activated-at-operator",
        )
    else:
        tx.update(
            RENEWAL,
            *key(item["applicationId"]),
            {"activation": report},
            expected={"version": item["version"]},
            conflict=Conflict("renewal.changed"),
        )
        audit.record(
            tx,
            subject(item["applicationId"]),
            "renewal-activated-at-operator",
            OPERATOR,
            owner=item["owner"],
            after={"activation": report},
        )
    tx.commit()
    # Read after the change: a wait parked meanwhile is answered here, a later one by itself.
    workflow.answer_waiting(
        load(item["applicationId"]), "activation", workflow.activation_answer(report)
    )


def on_wait(event: workflow.Event) -> dict[str, Any] | None:
    """The workflow waits for the activation: at once if the report came while the head had
    not yet signed."""
    item = load(event.application_id)
    if item.get("status") == "awaiting-activation" and item.get("activation"):
        tx = Transaction()
        workflow.transition(
            tx, item, "with-asxm", {}, actor=OPERATOR, action="renewal-activated-at-operator"
        )
        tx.commit()
    return workflow.wait(event, "activation")


def _incoming(tx: Transaction, owner: str, name: str, sealed: dict[str, Any]) -> str:
    document_id = uuid.uuid4().hex
    tx.put(
        RENEWAL,
        {
            "pk": f"DOC#{owner}",
            "sk": f"{clock.now_iso()}#{document_id}",
            "documentId": document_id,
            "name": name,
            "sealed": sealed,
        },
    )
    return document_id


def activate(event: workflow.Decided) -> dict[str, Any]:
    """R9: the new certificate issued; three sealed documents in the incoming documents."""
    item = load(event.application_id)
    if item["status"] == "activated":
        return {"serial": item["newSerial"]}
    report = item["activation"]
    form = item["form"]
    business = form.get("business")
    cert = _issue_once(item, report, business, form)
    contract = documents.seal(
        {**item["documents"]["contract"], "holderSignature": item["signature"]}
    )
    certificate = documents.seal(
        {
            "type": "certificate",
            "serial": cert.serial,
            "holder": cert.holder.name,
            "fin": item["personal"]["fin"],
            "asanNumber": cert.carrier.id,
            "use": cert.use,
            "publicKey": report["publicKey"],
            "validFrom": clock.iso(cert.valid_from),
            "validTo": clock.iso(cert.valid_to),
            "organisation": business,
        }
    )
    notice = documents.seal(
        {
            "type": "activation-notice",
            "title": "Sertifikatların aktivləşdirilməsi barədə Bildiriş",
            "registrationNumber": item["registrationNumber"],
            "serial": cert.serial,
            "asanNumber": cert.carrier.id,
            "userId": item["asan"]["userId"],
            "activatedAt": clock.now_iso(),
            "decidedBy": event.decision.get("decidedBy"),
        }
    )
    tx = Transaction()
    done = workflow.transition(
        tx,
        item,
        "activated",
        {"newSerial": cert.serial, "activatedAt": clock.now_iso()},
        actor=WORKFLOW,
        action="renewal-certificate-activated",
    )
    tx.release(RENEWAL, f"RENEWING#{item['certificateSerial']}", item["applicationId"])
    tx.delete(RENEWAL, *workflow.activation_link(item))
    for name, sealed in (
        ("certificate", certificate),
        ("contract", contract),
        ("activation-notice", notice),
    ):
        _incoming(tx, item["owner"], name, sealed)
    workflow.tell(
        tx,
        done,
        "renewal.activated",
        {
            "number": item["registrationNumber"],
            "serial": cert.serial,
            "validTo": clock.iso(cert.valid_to)[:10],
        },
    )
    tx.commit()
    return {"serial": cert.serial}


def _issue_once(
    item: Item, report: dict[str, Any], business: dict[str, Any] | None, form: dict[str, Any]
) -> Any:
    """The registry refuses a second certificate on one basis: a redelivered step reads it."""
    from egov.certificates import holder_requests

    basis = f"renewal-{item['applicationId']}"
    existing = [
        c for c in holder_requests.of_holder(item["owner"]) if c.history[0].basis.id == basis
    ]
    if existing:
        return existing[0]
    info = None
    if business:
        info = {
            "voen": business["voen"],
            "organisation": business["name"],
            "position": business["position"],
            "unit": business["unit"],
            "sealText": business["sealText"],
            "scope": business["scope"],
        }
    return issuance.register(
        user_id=item["owner"],
        fin=item["personal"]["fin"],
        name=f"{item['personal']['surname']} {item['personal']['name']} "
        f"{item['personal']['patronymic']}",
        phone=item["asan"]["number"],
        use=item["type"],
        public_key=report["publicKey"],
        basis=basis,
        actor=WORKFLOW,
        info=info,
        contact=Contact(email=form.get("email"), mobile=form.get("contactMobile")),
    )
