"""An issued permit as a signed document of its own (X4, X5), on moto with the template
provisioned.

Seed 001 part 2, §10.3.3.6: "icazə onu verən orqanın rəhbəri və ya onun həvalə etdiyi vəzifəli
şəxs tərəfindən elektron imza ilə təsdiqlənərək istifadəçinin elektron kabinetinə göndərilir";
§10.3.3.8: "icazə tələb olunduğu hallarda, sistem tərəfindən icazə ixrac gömrük bəyannaməsinə
əlavə olunur". The permit is answered as the export workflow's step records it (the workflow
itself: tests/workflow/test_export_application.py).
"""

from __future__ import annotations

import base64
import copy
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from egov.export import declaration, permit_document, records, workflow
from egov.export.free_sale_document import digest
from egov.platform import audit, clock
from tests.conftest import LocalAws
from tests.functional.export.test_export_permit_events import exporter, ready_application
from tests.helpers import account, call


def _answered(owner: str, outcome: str = "approve") -> tuple[str, str, str]:
    """An application whose food-safety permit AQTA has just issued (or, `silent`, let its
    deadline pass) and whose origin certificate still waits: (application id, that permit's
    code, pending code)."""
    stored = ready_application(owner)
    pending = [p.model_copy(update={"status": "pending"}) for p in stored.permits]
    application = stored.model_copy(update={"status": "under-review", "permits": pending})
    records.EXPORT.put(records.item_of(application))
    issued, waiting = (p.code for p in pending)
    answer = {
        "decisionId": "dec_aqta_1",
        "agency": "AQTA",
        "outcome": "approve",
        "decidedAt": clock.now_iso(),
        "decidedBy": "aqta-head-delegate",
    }
    event = workflow.PermitAnswered(
        event="permit",
        application_id=application.application_id,
        code=issued,
        outcome=outcome,
        answer=answer if outcome == "approve" else {"outcome": outcome},
    )
    workflow.record_permit(event)
    return application.application_id, issued, waiting


def test_x4_x5_an_issued_permit_is_a_signed_document_in_the_cabinet(local_aws: LocalAws) -> None:
    """X4: the issued permit is a document signed with its agency's key that verifies; the
    exporter downloads it from the status page's reference, and the reading is audited (G8);
    X5: the customs declaration attaches it by number and SHA-256."""
    owner, token = exporter()
    application_id, issued, waiting = _answered(owner)

    path = f"/export/applications/{application_id}"
    status, page, _ = call(local_aws, "GET", path, token=token)
    assert status == 200
    shown = {p["code"]: p for p in page["permits"]}
    reference = shown[issued]["document"]
    assert shown[waiting]["document"] is None
    assert reference["number"] == f"ICZ-{application_id}-{issued}"

    status, got, _ = call(local_aws, "GET", f"{path}/permits/{issued}/document", token=token)
    assert status == 200, got
    assert got["valid"] is True and got["number"] == reference["number"]
    document, signature = got["document"], got["signature"]
    assert document["agency"] == {"code": "AQTA"}
    assert document["signedBy"]["userId"] == "aqta-head-delegate"
    assert document["decisionId"] == "dec_aqta_1"
    assert [g["hsCode"] for g in document["goods"]] == ["2009890000"]
    # A relying party checks it without the platform: SHA-256 of the canonical JSON, then
    # Ed25519 with the agency's public key.
    hashed = digest(document)
    assert hashed.hex() == reference["sha256"]
    Ed25519PublicKey.from_public_bytes(base64.b64decode(signature["publicKey"])).verify(
        base64.b64decode(signature["signature"]), hashed
    )
    trail = audit.trail(records.subject(application_id)).items
    assert "export-permit-document-read" in [e["action"] for e in trail]

    # X5: attached to the customs declaration by reference.
    sent = declaration.draft(records.load(application_id), None)
    attached = {p["permit"]: p for p in sent["permits"]}
    assert attached[issued]["document"] == reference["number"]
    assert attached[issued]["sha256"] == reference["sha256"]
    assert "document" not in attached[waiting]


def test_x4_a_tampered_or_misattributed_permit_does_not_verify(local_aws: LocalAws) -> None:
    """X4: an altered permit, or the signature of another agency's key, does not verify."""
    owner, _ = exporter()
    application_id, issued, _ = _answered(owner)
    stored = records.EXPORT.get(*permit_document.key(application_id, issued))
    assert stored is not None
    document: dict[str, Any] = stored["document"]
    signature: dict[str, str] = stored["signature"]
    assert permit_document.holds(document, signature)

    tampered = copy.deepcopy(document)
    tampered["goods"][0]["quantity"] = "40000"
    assert not permit_document.holds(tampered, signature)

    other_agency = {**document, "agency": {"code": "IN"}}
    assert not permit_document.holds(other_agency, signature)
    signed_by_other = permit_document.sign(document, "IN")
    assert not permit_document.holds(document, signed_by_other)


def test_x4_x5_a_permit_deemed_issued_by_silence_has_a_document_the_platform_signs(
    local_aws: LocalAws,
) -> None:
    """X4 (the Law on Licences and Permits: silence is consent): no official signed the permit,
    so its document names the deadline that passed and the law, and is signed with the
    platform's key, not the agency's; X5: customs gets it by reference like any other."""
    owner, token = exporter()
    application_id, deemed, _ = _answered(owner, "silent")
    path = f"/export/applications/{application_id}"
    shown = {p["code"]: p for p in call(local_aws, "GET", path, token=token)[1]["permits"]}
    assert shown[deemed]["status"] == "deemed-issued"
    reference = shown[deemed]["document"]
    status, got, _ = call(local_aws, "GET", f"{path}/permits/{deemed}/document", token=token)
    assert status == 200, got
    document, signature = got["document"], got["signature"]
    assert got["valid"] is True and document["type"] == "export-permit-deemed"
    assert document["deadline"] == shown[deemed]["deadline"]
    assert "Lisenziyalar və icazələr haqqında" in document["basis"]["az"]
    assert "decisionId" not in document and "userId" not in document["signedBy"]
    assert signature["agency"] == "platform"
    assert signature["publicKey"] != permit_document.public_key("AQTA")
    assert digest(document).hex() == reference["sha256"]
    # The agency's key did not sign it, and a deemed document cannot pass as the agency's.
    assert not permit_document.holds(document, permit_document.sign(document, "AQTA"))
    as_issued = {**document, "type": "export-permit"}
    assert not permit_document.holds(as_issued, signature)

    sent = declaration.draft(records.load(application_id), None)
    attached = {p["permit"]: p for p in sent["permits"]}
    assert attached[deemed]["document"] == reference["number"]
    assert attached[deemed]["sha256"] == reference["sha256"]


def test_g8_a_stranger_gets_404_and_an_unissued_permit_has_no_document(
    local_aws: LocalAws,
) -> None:
    """G8: another person's permit document is as unknown as a missing one; a permit not issued
    has no document (404 naming `code`)."""
    owner, token = exporter()
    application_id, issued, waiting = _answered(owner)
    _, stranger = account(name="Kənar Şəxs")
    path = f"/export/applications/{application_id}/permits"
    status, problem, _ = call(local_aws, "GET", f"{path}/{issued}/document", token=stranger)
    assert (status, problem["code"]) == (404, "export.application.unknown")
    status, problem, _ = call(local_aws, "GET", f"{path}/{waiting}/document", token=token)
    assert (status, problem["code"], problem["errors"][0]["field"]) == (
        404,
        "export.permit.no-document",
        "code",
    )
    assert call(local_aws, "GET", f"{path}/{issued}/document")[0] == 401
