"""The certificate registry through its handlers, on moto with the template provisioned (E12–E15)."""

from __future__ import annotations

import ast
import base64
import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from egov.certificates import (
    center_compromise,
    issuance,
    log,
    merkle,
    registry,
    verify,
)
from egov.certificates.models import Carrier, Contact, Holder, IssueRequest
from egov.certificates.note import Verifier, verify_bytes
from egov.certificates.queries import RevocationList, signed_bytes
from egov.platform import audit, auth, calendar, webhooks
from tests.conftest import LocalAws
from tests.functional.platform.test_access import template_routes
from tests.helpers import (
    Agency,
    account,
    call,
    scale_clock,
    serve_agency,
    settle,
    verified_body,
    wait_for,
)

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- helpers
class Person:
    def __init__(self, role: auth.Role, agency: str | None = None) -> None:
        self.user_id, self.token = account(role, agency)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def public_key() -> str:
    key = Ed25519PrivateKey.generate().public_key()
    return base64.b64encode(
        key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    ).decode()


def issue(
    aws: LocalAws,
    staff: Person,
    holder: Person,
    *,
    center: str = "ASXM",
    consent: bool = True,
    key: str | None = None,
    embassy: str | None = "EMB-FR",
) -> dict[str, Any]:
    """A certificate registered as the embassy check registers it (E10), with the registry's
    own request; the Center's route takes no holder data (issue 10 item 4)."""
    request = IssueRequest(
        center=center,
        holder=Holder(name="Jean Dupont", virtual_fin="V1234AB", user_id=holder.user_id),
        contact=Contact(email="jean@example.org", mobile="+994501234567"),
        carrier=Carrier(kind="asan-sim" if center == "ASXM" else "token", id="8999401"),
        use="personal",
        public_key=key or public_key(),
        disclosure_consent=consent,
        embassy=embassy,
        application_id=f"APP-{time.monotonic_ns()}",
    )
    cert = issuance.issue(request, audit.Actor(staff.user_id, "center"))
    return cert.model_dump(mode="json", by_alias=True)


def act(
    aws: LocalAws, staff: Person, serial: str, action: str, basis: dict[str, str], **extra: str
) -> tuple[int, Any]:
    status, body, _ = call(
        aws,
        "POST",
        f"/certificates/{serial}/{action}",
        token=staff.token if staff else None,
        body={"basis": basis, **extra},
    )
    return status, body


def apply(aws: LocalAws, holder: Person, serial: str, **body: Any) -> tuple[int, Any]:
    status, answer, _ = call(
        aws, "POST", f"/certificates/{serial}/applications", token=holder.token, body=body
    )
    return status, answer


def lookup(aws: LocalAws, serial: str, ip: str = "10.0.0.1") -> tuple[int, Any, dict[str, str]]:
    return call(aws, "GET", f"/certificates/{serial}", ip=ip)


def get(aws: LocalAws, path: str, query: dict[str, str] | None = None) -> Any:
    status, body, _ = call(aws, "GET", path, query=query)
    assert status == 200, body
    return body


def vkey(aws: LocalAws) -> Verifier:
    return Verifier.parse(get(aws, "/certificates/log/key")["vkey"])


@pytest.fixture
def people(local_aws: LocalAws) -> dict[str, Person]:
    return {
        "ASXM": Person("center", "ASXM"),
        "eimza": Person("center", "EIMZA"),
        "holder": Person("citizen"),
        "other": Person("citizen"),
        "officer": Person("officer", "MKT"),
    }


# ---------------------------------------------------------------- issuance and authorisation
def test_issued_certificate_is_valid_three_years_and_logged(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """E12: validity ends 3 years after issuance, on the Baku calendar (issue 12 item 10; the
    29 February rule is tests/unit/test_certificate_dates.py); E15: the record, audit and log
    leaf together."""
    cert = issue(local_aws, people["ASXM"], people["holder"])
    start, end = datetime.fromisoformat(cert["validFrom"]), datetime.fromisoformat(cert["validTo"])
    assert end == calendar.add_years(start, 3)
    assert cert["status"] == "active" and cert["history"][0]["basis"]["kind"] == "application"
    assert log.head().size == 1
    trail = boto3.resource("dynamodb").Table(local_aws.template.physical_name("AuditTable"))
    entries = trail.query(
        KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": f"CERT#{cert['serial']}"}
    )["Items"]
    assert [e["action"] for e in entries] == ["certificate-issued"]
    assert str(entries[0]["basis"]).startswith("application:")
    inbox = boto3.resource("dynamodb").Table(local_aws.template.physical_name("PlatformTable"))
    notices = inbox.query(
        KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
        ExpressionAttributeValues={":p": f"USER#{people['holder'].user_id}", ":s": "INBOX#"},
    )["Items"]
    assert [n["key"] for n in notices] == ["notice.certificate-issued"]


def test_a_certificate_is_registered_only_by_the_embassy_check() -> None:
    """Issue 10 item 4, E8–E10: no route lets a Center register a certificate; the registry's
    `issuance.issue` is called from the embassy's matching check, where the review, the contract
    and the applicant in person are known to have passed, and from the renewal's activation step
    (R9), reached only after the holder's signed application, the operator's signed activation
    report and ASXM's decision at the exchange (egov.renewal.activation)."""
    assert "POST /certificates" not in template_routes()
    callers = []
    for source in ROOT.glob("**/*.py"):
        if {"layers", "functions"}.isdisjoint(source.relative_to(ROOT).parts[:1]):
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "issue"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "issuance"
            ):
                callers.append(source.relative_to(ROOT).as_posix())
    assert sorted(callers) == [
        "layers/core/python/egov/esign/embassy.py",
        "layers/core/python/egov/renewal/issuance.py",
    ]


def test_only_center_staff_write_the_registry(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """E15: citizens, officers and the other Center are refused (403); nothing is written."""
    cert = issue(local_aws, people["ASXM"], people["holder"])
    size = log.head().size
    basis = {"kind": "application", "id": "x"}
    for who in (people["holder"], people["officer"], people["eimza"]):
        status, body = act(local_aws, who, cert["serial"], "suspend", basis)
        assert status == 403, body
    status, _ = act(local_aws, None, cert["serial"], "revoke", basis)  # type: ignore[arg-type]
    assert status == 401
    assert log.head().size == size


# ---------------------------------------------------------------- lifecycle (E13)
def test_holder_applications_and_center_actions(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """E13: apply via the embassy (forwarded at once) or the Center; the Center acts on it."""
    staff, holder = people["ASXM"], people["holder"]
    serial = issue(local_aws, staff, holder)["serial"]

    status, application = apply(
        local_aws, holder, serial, action="suspend", addressedTo="embassy", embassy="EMB-DE"
    )
    assert status == 201, application
    assert application["forwardedAt"] == application["receivedAt"]
    status, cert = act(
        local_aws,
        staff,
        serial,
        "suspend",
        {"kind": "application", "id": application["applicationId"]},
    )
    assert status == 200, cert
    assert (cert["status"], cert["history"][-1]["reason"]) == ("suspended", "certificateHold")
    status, again = act(
        local_aws,
        staff,
        serial,
        "suspend",
        {"kind": "application", "id": application["applicationId"]},
    )
    assert status == 409, again

    status, application = apply(local_aws, holder, serial, action="restore", addressedTo="center")
    assert status == 201 and application["forwardedAt"] is None
    status, cert = act(
        local_aws,
        staff,
        serial,
        "restore",
        {"kind": "application", "id": application["applicationId"]},
    )
    assert (cert["status"], cert["history"][-1]["reason"]) == ("active", "removeFromCRL")

    status, application = apply(
        local_aws, holder, serial, action="revoke", addressedTo="center", reason="superseded"
    )
    basis = {"kind": "application", "id": application["applicationId"]}
    status, problem = act(local_aws, staff, serial, "revoke", basis)
    assert status == 422 and problem["errors"][0]["field"] == "reason"
    status, cert = act(local_aws, staff, serial, "revoke", basis, reason="superseded")
    assert (cert["status"], cert["history"][-1]["reason"]) == ("revoked", "superseded")
    assert [c["status"] for c in cert["history"]] == ["active", "suspended", "active", "revoked"]
    assert log.head().size == 4

    status, _ = apply(local_aws, people["other"], serial, action="suspend", addressedTo="center")
    assert status == 403


def test_refused_transitions_are_409_and_change_nothing(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """E13: restore of an active or revoked certificate, suspend of a revoked one: 409."""
    staff, holder = people["ASXM"], people["holder"]
    serial = issue(local_aws, staff, holder)["serial"]
    status, problem = apply(local_aws, holder, serial, action="restore", addressedTo="center")
    assert status == 409 and problem["code"] == "certificates.transition-refused"

    status, report, _ = call(
        local_aws,
        "POST",
        f"/certificates/{serial}/compromise-reports",
        token=holder.token,
        body={"event": "suspected-leak"},
    )
    report_basis = {"kind": "compromise-report", "id": report["reportId"]}
    status, cert = act(local_aws, staff, serial, "revoke", report_basis, reason="keyCompromise")
    assert cert["status"] == "revoked"
    size = log.head().size
    for action in ("restore", "suspend", "revoke"):
        status, problem = act(
            local_aws, staff, serial, action, report_basis, reason="keyCompromise"
        )
        assert status == 409, problem
        assert problem["status"] == 409 and problem["code"] == "certificates.transition-refused"
    status, problem = act(
        local_aws, staff, serial, "suspend", {"kind": "application", "id": "nope"}
    )
    assert status == 404 and problem["errors"][0]["field"] == "basis.id"
    assert log.head().size == size


def test_compromise_report_asks_the_center_to_suspend(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """E13 (seed 001 §3.5: "imza sahibi dərhal diplomatik nümayəndəliyi və ya ... birbaşa
    Mərkəzi məlumatlandırmalıdır"; §5.5.1: "Reyestrə məlumatları yalnız müvafiq səlahiyyətli
    işçilər daxil etməlidirlər"): carrier lost, leak, tampering… reported by the holder reach
    the Center's task list; the registry is unchanged until Center staff suspend on the report,
    which then stays the basis of a revocation with keyCompromise (issue 12 item 2)."""
    staff, holder = people["ASXM"], people["holder"]
    serial = issue(local_aws, staff, holder)["serial"]
    path = f"/certificates/{serial}/compromise-reports"
    status, _, _ = call(
        local_aws, "POST", path, token=people["other"].token, body={"event": "carrier-lost"}
    )
    assert status == 403
    status, report, _ = call(
        local_aws, "POST", path, token=holder.token, body={"event": "carrier-lost"}
    )
    assert status == 201, report
    assert report["certificate"]["status"] == "active" and report["deadline"]
    assert len(report["certificate"]["history"]) == 1
    basis = {"kind": "compromise-report", "id": report["reportId"]}
    status, cert = act(local_aws, staff, serial, "suspend", basis)
    assert status == 200 and cert["status"] == "suspended"
    assert cert["history"][-1]["basis"] == basis and cert["history"][-1]["by"] == "center"
    status, report2, _ = call(
        local_aws, "POST", path, token=holder.token, body={"event": "codes-known"}
    )
    assert status == 201 and report2["certificate"]["status"] == "suspended"
    status, cert = act(local_aws, staff, serial, "revoke", basis, reason="keyCompromise")
    assert status == 200 and cert["history"][-1]["reason"] == "keyCompromise"
    status, problem, _ = call(
        local_aws, "POST", path, token=holder.token, body={"event": "lost-my-mind"}
    )
    assert status == 422 and problem["errors"][0]["field"] == "event"


def test_center_key_compromise_revokes_its_certificates_with_free_replacement(
    local_aws: LocalAws, people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    """E13 (seed 001 §3.6): every certificate of the Center revoked with cACompromise, each
    holder owed a free replacement; the other Center's certificates untouched."""
    monkeypatch.setattr(center_compromise, "CENTER_PAGE", 2)  # several pages through the queue
    staff, holder = people["ASXM"], people["holder"]
    serials = [issue(local_aws, staff, holder)["serial"] for _ in range(5)]
    other = issue(local_aws, people["eimza"], holder, center="EIMZA")["serial"]
    status, body, _ = call(
        local_aws,
        "POST",
        "/certificates/center-compromise",
        token=people["holder"].token,
        body={"incidentId": "INC-1"},
    )
    assert status == 403
    status, body, _ = call(
        local_aws,
        "POST",
        "/certificates/center-compromise",
        token=staff.token,
        body={"incidentId": "INC-1"},
    )
    assert status == 202, body

    def revoked_and_owed(serial: str) -> bool:
        cert, _ = registry.load(serial)
        owed = registry.CERTIFICATES.get(f"CERT#{serial}", "REPLACEMENT#INC-1")
        return cert.status == "revoked" and owed is not None

    # The job goes page by page through the queue: wait until it reached the last certificate.
    wait_for(
        lambda: all(revoked_and_owed(s) for s in serials),
        what="every certificate of the Center revoked",
        pump=local_aws.pump,
    )
    settle(local_aws.pump)  # and whatever else it queued, before looking at the other Center
    for serial in serials:
        cert, _ = registry.load(serial)
        assert (cert.status, cert.last.reason) == ("revoked", "cACompromise")
        replacement = registry.CERTIFICATES.get(f"CERT#{serial}", "REPLACEMENT#INC-1")
        assert replacement and replacement["freeOfCharge"] is True
    assert registry.load(other)[0].status == "active"


def test_expiry_runs_the_real_workflow(
    local_aws: LocalAws, people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    """E12: the expiry workflow (real ASL in moto) waits until validTo and the certificate
    expires; with the clock scaled three years pass in about a second."""
    scale_clock(monkeypatch, 1 / (3 * 365))
    serial = issue(local_aws, people["ASXM"], people["holder"])["serial"]
    sfn = boto3.client("stepfunctions")
    machine = local_aws.template.arn("CertificateExpiryStateMachine")

    def ended() -> Any:
        executions = sfn.list_executions(stateMachineArn=machine)["executions"]
        return (
            executions if executions and all(e["status"] != "RUNNING" for e in executions) else None
        )

    executions = wait_for(ended, what="the expiry workflow to finish")
    assert [e["status"] for e in executions] == ["SUCCEEDED"]
    wait_for(
        lambda: registry.load(serial)[0].status != "active",
        what="the expiry recorded",
        pump=local_aws.pump,
    )
    cert, _ = registry.load(serial)
    assert cert.status == "expired"
    assert cert.last.basis.kind == "validity-end"
    status, _problem = act(
        local_aws, people["ASXM"], serial, "suspend", {"kind": "application", "id": "x"}
    )
    assert status in (404, 409)


# ---------------------------------------------------------------- public queries (E14)
def test_public_query_respects_consent(local_aws: LocalAws, people: dict[str, Person]) -> None:
    """E14: holder, status and validity without login; without consent only that the serial
    exists (seed 001 §4.2: "İmza sahibinin razılığının olmadığı hallar istisna edilməklə, ...
    sertifikatın məxsus olduğu şəxs, sertifikatın statusu ... verə bilər")."""
    key = public_key()
    open_cert = issue(local_aws, people["ASXM"], people["holder"], key=key)
    private = issue(local_aws, people["ASXM"], people["other"], consent=False)

    status, body, _ = lookup(local_aws, open_cert["serial"])
    assert status == 200
    assert body["holder"] == "Jean Dupont" and body["status"] == "active" and body["disclosed"]
    assert body["validTo"] == open_cert["validTo"]
    assert "virtualFin" not in json.dumps(body)

    status, body, _ = lookup(local_aws, private["serial"])
    assert status == 200
    # Seed 001 §4.2: without consent not even "sertifikatın statusu" (issue 12 item 9).
    assert {k for k, v in body.items() if v is not None} == {"serial", "disclosed"}
    assert body["disclosed"] is False

    fingerprint = open_cert["keyFingerprint"]
    status, found, _ = call(local_aws, "GET", f"/certificates/keys/{fingerprint}")
    assert status == 200 and found["certificates"][0]["holder"] == "Jean Dupont"
    fingerprint = private["keyFingerprint"]
    status, found, _ = call(local_aws, "GET", f"/certificates/keys/{fingerprint}")
    assert found["certificates"][0]["holder"] is None
    status, _, _ = lookup(local_aws, "0" * 32)
    assert status == 404


def test_status_answers_like_ocsp_and_the_revocation_list_is_signed(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """E14: good / revoked (time, reason) / unknown with thisUpdate/nextUpdate; signed list."""
    staff = people["ASXM"]
    good = issue(local_aws, staff, people["holder"])["serial"]
    held = issue(local_aws, staff, people["holder"])["serial"]
    _status, application = apply(
        local_aws, people["holder"], held, action="suspend", addressedTo="center"
    )
    act(
        local_aws,
        staff,
        held,
        "suspend",
        {"kind": "application", "id": application["applicationId"]},
    )

    def ocsp(serial: str) -> Any:
        return get(local_aws, f"/certificates/{serial}/status")

    assert ocsp(good)["certStatus"] == "good"
    answer = ocsp(held)
    assert (answer["certStatus"], answer["revocationReason"]) == ("revoked", "certificateHold")
    assert answer["revocationTime"] and answer["nextUpdate"] > answer["thisUpdate"]
    assert ocsp("ABCDEF0123456789")["certStatus"] == "unknown"

    crl = get(local_aws, "/certificates/revocations")
    assert [e["serial"] for e in crl["entries"]] == [held]
    verifier = Verifier.parse(crl["key"])
    assert verifier == vkey(local_aws)
    parsed = RevocationList.model_validate(crl)
    assert verify_bytes(verifier, signed_bytes(parsed), crl["signature"])
    parsed.entries = []
    assert not verify_bytes(verifier, signed_bytes(parsed), crl["signature"])


def test_public_queries_are_rate_limited_per_client(
    local_aws: LocalAws, people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    """E14: free but rate-limited per client: 429 problem with Retry-After, others unaffected."""
    monkeypatch.setenv("CERTIFICATE_QUERIES_PER_MINUTE", "3")
    serial = issue(local_aws, people["ASXM"], people["holder"])["serial"]
    answers = [lookup(local_aws, serial, ip="192.0.2.7") for _ in range(6)]
    statuses = [a[0] for a in answers]
    # A minute boundary may fall inside the loop: then the count starts again once.
    assert 429 in statuses and statuses.count(200) in (3, 6 - statuses.count(429))
    limited = next(a for a in answers if a[0] == 429)
    assert limited[1]["code"] == "certificates.rate-limited"
    assert 1 <= int(limited[2]["Retry-After"]) <= 60
    assert lookup(local_aws, serial, ip="192.0.2.8")[0] == 200


# ---------------------------------------------------------------- tamper evidence (E15)
def test_proofs_through_the_handlers_verify(local_aws: LocalAws, people: dict[str, Person]) -> None:
    """E15: the checkpoint is signed by the published key; every certificate's latest record
    has an inclusion proof to it; every earlier size is consistent with the newest."""
    staff = people["ASXM"]
    serials = [issue(local_aws, staff, people["holder"])["serial"] for _ in range(4)]
    status, application = apply(
        local_aws, people["holder"], serials[1], action="suspend", addressedTo="center"
    )
    act(
        local_aws,
        staff,
        serials[1],
        "suspend",
        {"kind": "application", "id": application["applicationId"]},
    )
    verifier = vkey(local_aws)
    note = get(local_aws, "/certificates/log/checkpoint")
    head = verify.signed_checkpoint(note, verifier)
    assert head.size == 5
    for serial in serials:
        proof = get(
            local_aws,
            "/certificates/log/proof/inclusion",
            {"serial": serial},
        )
        assert verify.check_inclusion(proof, verifier) == []
        assert json.loads(proof["leaf"])["serial"] == serial
    assert proof["treeSize"] == 5
    for old in range(1, 6):
        proof = get(
            local_aws,
            "/certificates/log/proof/consistency",
            {"from": str(old)},
        )
        assert verify.check_consistency(proof, verifier) == []
    forged = dict(proof, hashes=list(reversed(proof["hashes"])))
    assert verify.check_consistency(forged, verifier) != [] or len(proof["hashes"]) < 2
    status, problem, _ = call(
        local_aws, "GET", "/certificates/log/proof/consistency", query={"from": "9"}
    )
    assert status == 422 and problem["errors"][0]["field"] == "from"


def test_editing_the_table_behind_the_registry_is_detected(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """E15: a revoked certificate set back to active directly in DynamoDB fails verification,
    and so does rewriting the logged leaf to match (the signed root does not move)."""
    staff, holder = people["ASXM"], people["holder"]
    serial = issue(local_aws, staff, holder)["serial"]
    issue(local_aws, staff, holder)
    _status, application = apply(
        local_aws, holder, serial, action="revoke", addressedTo="center", reason="superseded"
    )
    act(
        local_aws,
        staff,
        serial,
        "revoke",
        {"kind": "application", "id": application["applicationId"]},
        reason="superseded",
    )

    def verification() -> Any:
        return get(local_aws, f"/certificates/{serial}/verify")

    assert verification()["verified"] is True
    table = boto3.resource("dynamodb").Table(local_aws.template.physical_name("CertificatesTable"))
    table.update_item(
        Key={"pk": f"CERT#{serial}", "sk": "CERT"},
        UpdateExpression="SET #s = :a",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":a": "active"},
    )
    result = verification()
    assert result["verified"] is False
    assert (result["recordMatchesLeaf"], result["inclusionVerified"]) == (False, True)

    cert, _ = registry.load(serial)
    forged_leaf = registry.leaf_data(cert)

    table.update_item(
        Key={"pk": f"LOG#NODE#0#{cert.log_index}", "sk": "NODE"},
        UpdateExpression="SET #h = :h, leaf = :l",
        ExpressionAttributeNames={"#h": "hash"},
        ExpressionAttributeValues={
            ":h": merkle.leaf_hash(forged_leaf).hex(),
            ":l": forged_leaf.decode(),
        },
    )
    result = verification()
    assert result["recordMatchesLeaf"] is True and result["inclusionVerified"] is False
    assert result["verified"] is False
    proof = get(
        local_aws,
        "/certificates/log/proof/inclusion",
        {"serial": serial},
    )
    assert verify.check_inclusion(proof, vkey(local_aws)) != []


def test_holder_sees_their_own_certificates(local_aws: LocalAws, people: dict[str, Person]) -> None:
    """E13/E15: the holder reads their certificates with the full dated history; others do not."""
    serial = issue(local_aws, people["ASXM"], people["holder"], consent=False)["serial"]

    def mine(who: Person) -> tuple[int, Any]:
        status, body, _ = call(local_aws, "GET", "/certificates/mine", token=who.token)
        return status, body

    status, body = mine(people["holder"])
    assert status == 200
    assert [c["serial"] for c in body["certificates"]] == [serial]
    assert body["certificates"][0]["holder"]["virtualFin"] == "V1234AB"
    assert mine(people["other"])[1]["certificates"] == []
    assert mine(people["ASXM"])[0] == 403


# ---------------------------------------------------------------- the embassy is told (E13)
EMBASSIES = ("EMB-FR", "EMB-DE")


@pytest.fixture
def embassies(local_aws: LocalAws) -> Iterator[Agency]:
    """Both embassies' webhook endpoints, registered as an operator would."""
    with serve_agency() as (agency, url):
        for code in EMBASSIES:
            webhooks.register(
                code, webhooks.Registration(url=f"{url}/{code}"), audit.Actor.system("tests")
            )
        yield agency


def queued_webhooks(local_aws: LocalAws) -> list[dict[str, Any]]:
    """The WebhookQueue's messages, looked at without taking them."""
    sqs = boto3.client("sqs")
    found = sqs.receive_message(
        QueueUrl=local_aws.template.ref("WebhookQueue"),
        MaxNumberOfMessages=10,
        VisibilityTimeout=0,
    ).get("Messages", [])
    return [json.loads(m["Body"]) for m in found]


def told(local_aws: LocalAws, embassies: Agency, event_type: str) -> dict[str, str]:
    """Deliver the queued webhooks; the embassies that received `event_type`, with serials.

    Every body is checked against its v1a signature on the way (DESIGN rule 6)."""
    settle(local_aws.pump)
    with embassies.lock:
        received = list(embassies.received)
    return {
        r["path"].strip("/"): body["data"]["serial"]
        for r in received
        if (body := verified_body(r))["type"] == event_type
    }


def inbox_keys(holder: Person) -> list[str]:
    inbox = boto3.resource("dynamodb").Table(os.environ["PLATFORM_TABLE"])
    notices = inbox.query(
        KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
        ExpressionAttributeValues={":p": f"USER#{holder.user_id}", ":s": "INBOX#"},
    )["Items"]
    return [str(n["key"]) for n in notices]


def test_e13_embassies_are_told_of_suspension_restoration_and_revocation(
    local_aws: LocalAws, people: dict[str, Person], embassies: Agency
) -> None:
    """E13: the Center's change reaches, with the holder's notice, a signed webhook to the
    embassy the certificate came through and to the one the application was addressed to."""
    staff, holder = people["ASXM"], people["holder"]
    serial = issue(local_aws, staff, holder)["serial"]  # issued through EMB-FR
    status, application = apply(
        local_aws, holder, serial, action="suspend", addressedTo="embassy", embassy="EMB-DE"
    )
    assert status == 201, application
    status, cert = act(
        local_aws,
        staff,
        serial,
        "suspend",
        {"kind": "application", "id": application["applicationId"]},
    )
    assert status == 200, cert
    queued = [w for w in queued_webhooks(local_aws) if w["agency"] in EMBASSIES]
    assert sorted((w["agency"], w["type"]) for w in queued) == [
        ("EMB-DE", "certificate.suspended"),
        ("EMB-FR", "certificate.suspended"),
    ]
    assert told(local_aws, embassies, "certificate.suspended") == {e: serial for e in EMBASSIES}
    body = next(verified_body(r) for r in embassies.received if r["path"] == "/EMB-FR")
    assert body["data"] == {
        "subject": f"CERT#{serial}",
        "serial": serial,
        "center": "ASXM",
        "virtualFin": "V1234AB",
        "status": "suspended",
        "reason": "certificateHold",
        "at": cert["history"][-1]["at"].replace("+00:00", "Z"),
        "basis": {"kind": "application", "id": application["applicationId"]},
        "issuedThroughThisEmbassy": True,
    }
    assert "notice.certificate-suspended" in inbox_keys(holder)

    # Restoration applied for at the Center: the issuing embassy alone is told.
    status, application = apply(local_aws, holder, serial, action="restore", addressedTo="center")
    basis = {"kind": "application", "id": application["applicationId"]}
    assert act(local_aws, staff, serial, "restore", basis)[0] == 200
    assert told(local_aws, embassies, "certificate.restored") == {"EMB-FR": serial}
    assert "notice.certificate-active" in inbox_keys(holder)

    # A compromise reported through EMB-DE reaches the Center, which revokes on it.
    status, report, _ = call(
        local_aws,
        "POST",
        f"/certificates/{serial}/compromise-reports",
        token=holder.token,
        body={"event": "carrier-lost", "addressedTo": "embassy", "embassy": "EMB-DE"},
    )
    assert status == 201, report
    basis = {"kind": "compromise-report", "id": report["reportId"]}
    assert act(local_aws, staff, serial, "revoke", basis, reason="keyCompromise")[0] == 200
    assert told(local_aws, embassies, "certificate.revoked") == {e: serial for e in EMBASSIES}
    assert "notice.certificate-revoked" in inbox_keys(holder)
    ids = [r["headers"]["webhook-id"] for r in embassies.received]
    assert len(ids) == len(set(ids)) == 5
    assert Counter(b["type"] for b in embassies.bodies()) == {
        "certificate.suspended": 2,  # both embassies
        "certificate.restored": 1,
        "certificate.revoked": 2,
    }


def test_e13_no_embassy_no_webhook_and_embassies_go_by_agency_code(
    local_aws: LocalAws, people: dict[str, Person], embassies: Agency
) -> None:
    """E13: a certificate with no embassy in its story tells none; an embassy is named by its
    agency code (EMB-<country>), anything else is a 422 naming `embassy` (G7)."""
    staff, holder = people["ASXM"], people["holder"]
    serial = issue(local_aws, staff, holder, embassy=None)["serial"]
    status, application = apply(local_aws, holder, serial, action="suspend", addressedTo="center")
    basis = {"kind": "application", "id": application["applicationId"]}
    assert act(local_aws, staff, serial, "suspend", basis)[0] == 200
    assert [w["agency"] for w in queued_webhooks(local_aws)] == ["ASXM"]  # the request only
    assert "notice.certificate-suspended" in inbox_keys(holder)
    status, problem = apply(
        local_aws, holder, serial, action="restore", addressedTo="embassy", embassy="Paris"
    )
    assert status == 422 and problem["errors"][0]["field"] == "embassy"
    settle(local_aws.pump)
    assert embassies.received == []


def revoke_one(local_aws: LocalAws, people: dict[str, Person]) -> str:
    staff, holder = people["ASXM"], people["holder"]
    serial = issue(local_aws, staff, holder)["serial"]
    _status, application = apply(
        local_aws, holder, serial, action="revoke", addressedTo="center", reason="superseded"
    )
    status, _ = act(
        local_aws,
        staff,
        serial,
        "revoke",
        {"kind": "application", "id": application["applicationId"]},
        reason="superseded",
    )
    assert status == 200
    return serial


@pytest.fixture
def tamper_alarms(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    raised: list[str] = []
    monkeypatch.setattr(
        "egov.platform.alarms.tamper_detected", lambda what, **_: raised.append(what)
    )
    return raised


def test_public_answers_are_checked_against_the_log(
    local_aws: LocalAws, people: dict[str, Person], tamper_alarms: list[str]
) -> None:
    """Issue 10 item 5: a revoked certificate set back to active in DynamoDB (status and the
    revocation-list index) is never served as good: status and lookup say unknown, the signed
    revocation list still lists it (it comes from the log), and the operator is alarmed."""
    serial = revoke_one(local_aws, people)
    good = issue(local_aws, people["ASXM"], people["holder"])["serial"]
    crl = get(local_aws, "/certificates/revocations")
    assert [e["serial"] for e in crl["entries"]] == [serial]

    table = boto3.resource("dynamodb").Table(local_aws.template.physical_name("CertificatesTable"))
    table.update_item(
        Key={"pk": f"CERT#{serial}", "sk": "CERT"},
        UpdateExpression="SET #s = :a REMOVE gsi4pk, gsi4sk",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":a": "active"},
    )
    status = get(local_aws, f"/certificates/{serial}/status")
    assert status["certStatus"] == "unknown"
    assert lookup(local_aws, serial)[1] == {
        "serial": serial,
        "status": "unknown",
        "disclosed": False,
        **{k: None for k in ("holder", "use", "center", "keyFingerprint", "validFrom")},
        **{k: None for k in ("validTo", "statusSince", "reason")},
    }
    crl = get(local_aws, "/certificates/revocations")
    assert [e["serial"] for e in crl["entries"]] == [serial]
    assert get(local_aws, f"/certificates/{good}/status")["certStatus"] == "good"
    assert tamper_alarms == ["certificate record not in the signed log"] * 2


def test_a_record_put_back_as_an_older_version_is_not_served(
    local_aws: LocalAws, people: dict[str, Person], tamper_alarms: list[str]
) -> None:
    """Issue 10 item 5 (whole-record rollback): the record as it was when issued, every field
    of that version, put back over the revoked one. Its leaf is in the signed log, but it is not
    the certificate's newest: status and lookup say unknown (even where the old leaf's proof was
    cached), /verify says recordIsLatest false, the inclusion proof is of the newest leaf
    (revoked), and the operator is alarmed."""
    staff, holder = people["ASXM"], people["holder"]
    serial = issue(local_aws, staff, holder)["serial"]
    table = boto3.resource("dynamodb").Table(local_aws.template.physical_name("CertificatesTable"))
    issued = table.get_item(Key={"pk": f"CERT#{serial}", "sk": "CERT"})["Item"]
    status_path = f"/certificates/{serial}/status"
    assert get(local_aws, status_path)["certStatus"] == "good"
    _status, application = apply(
        local_aws, holder, serial, action="revoke", addressedTo="center", reason="superseded"
    )
    basis = {"kind": "application", "id": application["applicationId"]}
    assert act(local_aws, staff, serial, "revoke", basis, reason="superseded")[0] == 200
    assert get(local_aws, status_path)["certStatus"] == "revoked"

    table.put_item(Item=issued)
    assert get(local_aws, status_path)["certStatus"] == "unknown"
    assert lookup(local_aws, serial)[1]["status"] == "unknown"
    result = get(local_aws, f"/certificates/{serial}/verify")
    assert (result["recordMatchesLeaf"], result["inclusionVerified"]) == (True, True)
    assert (result["recordIsLatest"], result["verified"]) == (False, False)
    proof = get(
        local_aws,
        "/certificates/log/proof/inclusion",
        {"serial": serial},
    )
    assert proof["leafIndex"] > int(issued["logIndex"])
    assert json.loads(proof["leaf"])["status"] == "revoked"
    assert verify.check_inclusion(proof, vkey(local_aws)) == []
    assert tamper_alarms == ["certificate record is not its latest logged version"] * 2


def test_a_leaf_only_edit_fails_inclusion_and_the_revocation_list(
    local_aws: LocalAws, people: dict[str, Person], tamper_alarms: list[str]
) -> None:
    """Issue 10 item 5: a logged leaf rewritten (data and hash) while the record is untouched:
    /verify says inclusionVerified false, and no revocation list is signed over it (503)."""
    serial = revoke_one(local_aws, people)
    cert, _ = registry.load(serial)
    edited = registry.leaf_data(cert.model_copy(update={"status": "active"}))
    table = boto3.resource("dynamodb").Table(local_aws.template.physical_name("CertificatesTable"))
    table.update_item(
        Key={"pk": f"LOG#NODE#0#{cert.log_index}", "sk": "NODE"},
        UpdateExpression="SET #h = :h, leaf = :l",
        ExpressionAttributeNames={"#h": "hash"},
        ExpressionAttributeValues={
            ":h": merkle.leaf_hash(edited).hex(),
            ":l": edited.decode(),
        },
    )
    result = get(local_aws, f"/certificates/{serial}/verify")
    assert (result["inclusionVerified"], result["verified"]) == (False, False)
    status, problem, _ = call(local_aws, "GET", "/certificates/revocations")
    assert (status, problem["code"]) == (503, "certificates.log-inconsistent")
    assert tamper_alarms == ["log leaves do not lead to the signed checkpoint"]
    # The record itself is still the logged one: its status stays provable.
    answer = get(local_aws, f"/certificates/{serial}/status")
    assert answer["certStatus"] == "revoked"


def test_the_public_leaf_discloses_only_the_public_status(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """Issue 10 item 13: the anonymous inclusion proof's leaf carries serial, status, since,
    reason, validity end and version, and a commitment to the rest; no holder, FIN, account,
    embassy or application id, whether or not the holder consented."""
    for consent in (True, False):
        cert = issue(local_aws, people["ASXM"], people["holder"], consent=consent)
        proof = get(
            local_aws,
            "/certificates/log/proof/inclusion",
            {"serial": cert["serial"]},
        )
        leaf = json.loads(proof["leaf"])
        assert set(leaf) == {
            "v",
            "serial",
            "status",
            "since",
            "reason",
            "validTo",
            "version",
            "commitment",
        }
        for private in (
            cert["holder"]["userId"],
            cert["holder"]["virtualFin"],
            cert["holder"]["name"],
            cert["embassy"],
            cert["history"][0]["basis"]["id"],
        ):
            assert private not in proof["leaf"]
        assert verify.check_inclusion(proof, vkey(local_aws)) == []


def test_a_record_logged_in_the_first_format_still_verifies(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """Leaf format 1 (the whole record) stays provable for records logged before format 2;
    its data is not served; the record's next change logs format 2."""
    cert, _ = registry.load(issue(local_aws, people["ASXM"], people["holder"])["serial"])
    old = cert.model_copy(update={"leaf_format": 1})
    tx = registry.Transaction()
    head = log.head()
    old.log_index = head.size
    log.append(tx, head, registry.leaf_data(old), old.serial)
    tx.put(registry.CERTIFICATES, registry.stored_item(old), new=False)
    tx.commit()
    assert registry.leaf_data(old) == registry.canonical(old)
    assert "leafFormat" not in registry.canonical(old).decode()
    status = get(local_aws, f"/certificates/{old.serial}/status")
    assert status["certStatus"] == "good"
    assert get(local_aws, f"/certificates/{old.serial}/verify")["verified"]
    proof = get(
        local_aws,
        "/certificates/log/proof/inclusion",
        {"serial": old.serial},
    )
    assert proof["leaf"] is None and verify.check_inclusion(proof, vkey(local_aws)) == []
