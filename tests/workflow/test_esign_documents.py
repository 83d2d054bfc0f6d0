"""The documents reach the people who must check them (issue 12 item 1; E3, E5, E6, E8, E10, G8).

Seed 001 §2.6–2.7: "ərizə … ona əlavə olunmuş sənədlərlə birlikdə “e-qeyri-rezident” altsisteminə
yönəldilir" and "Ərizə və ona əlavə olunmuş sənədlər … Daxili İşlər Nazirliyinə, Xarici İşlər
Nazirliyinə, Dövlət Təhlükəsizliyi Xidmətinə və Xarici Kəşfiyyat Xidmətinə yönəldilir"; §2.9
"Təqdim olunmuş sənədlərdə çatışmazlıq aşkar edilmədikdə, Mərkəz …"; §2.12 "Diplomatik
nümayəndəlik sənədlərin əsli ilə portalda real vaxt rejimində təqdim olunmuş sənədlərin
autentikliyini yoxladıqdan sonra …".

Each reviewer is told of the files with their SHA-256 in the signed request (or the task list),
fetches each through a link valid a few minutes to that exact version, and every link handed out
is an audit entry on the attachment; nobody else gets one.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import parse_qs, urlparse

import boto3
import pytest

from egov.platform import attachments, audit
from tests.conftest import LocalAws
from tests.helpers import call, verified_body, wait_for
from tests.workflow import test_esign_issuance as issuance
from tests.workflow.test_esign_issuance import (  # noqa: F401 (the fixtures)
    agency_endpoints,
    approved_by_center,
    center_task,
    decide,
    embassy_act,
    embassy_tasks,
    invitation,
    reviewed,
)
from tests.workflow.test_esign_review import (
    AGENCIES,
    JPEG,
    PDF,
    account,
    answer,
    file_application,
    pending_requests,
    stored,
)


@pytest.fixture
def tokens() -> dict[str, str]:
    """The agencies' systems, the two Centers' staff and two embassies' officers."""
    found = {agency: account("agency", agency)[1] for agency in AGENCIES}
    found |= {center: account("center", center)[1] for center in ("EIMZA", "ASXM")}
    return found | {emb: account("officer", emb)[1] for emb in ("EMB-DE", "EMB-FR")}


HASHES = {
    "passport-copy": hashlib.sha256(PDF).hexdigest(),
    "photo": hashlib.sha256(JPEG).hexdigest(),
}


def agency_document(
    local_aws: LocalAws, agency: str, token: str, decision_id: str, attachment_id: str
) -> tuple[int, dict[str, Any]]:
    return call(
        local_aws,
        "GET",
        f"/agencies/{agency}/decisions/{decision_id}/documents/{attachment_id}",
        token=token,
    )[:2]


def embassy_document(
    local_aws: LocalAws, embassy: str, token: str, application_id: str, attachment_id: str
) -> tuple[int, dict[str, Any]]:
    return call(
        local_aws,
        "GET",
        f"/esign/embassies/{embassy}/applications/{application_id}/documents/{attachment_id}",
        token=token,
    )[:2]


def fetched(link: dict[str, Any]) -> bytes:
    """What the presigned link serves: the object version it names."""
    url = urlparse(link["download"]["url"])
    assert url.path.endswith(attachments.object_key(link["attachmentId"]))
    version = parse_qs(url.query)["versionId"][0]
    body = boto3.client("s3").get_object(
        Bucket=attachments._bucket(),
        Key=attachments.object_key(link["attachmentId"]),
        VersionId=version,
    )["Body"]
    return bytes(body.read())


def downloads(attachment_id: str) -> list[dict[str, Any]]:
    entries = audit.AUDIT.query_all(f"ATTACHMENT#{attachment_id}")
    return [e for e in entries if e["action"] == "attachment-downloaded"]


def test_e5_e6_the_four_agencies_get_the_documents_with_their_hashes_in_the_signed_request(
    local_aws: LocalAws, tokens: dict[str, str]
) -> None:
    """E5, E6, G8 (seed 001 §2.7 "Ərizə və ona əlavə olunmuş sənədlər … yönəldilir"): each
    agency's signed request lists the passport copy and the photo with their SHA-256; the agency
    gets a short-lived link to exactly that file, audited; another agency, a stranger and the
    same agency after answering get none."""
    filed = file_application(local_aws)
    application_id = filed["applicationId"]
    decisions = wait_for(
        lambda: (d := pending_requests(application_id)) and len(d) == 4 and d, pump=local_aws.pump
    )

    def requests_received() -> list[dict[str, Any]]:
        with issuance.ENDPOINTS.lock:
            received = list(issuance.ENDPOINTS.received)
        return [
            body
            for body in map(verified_body, received)
            if body["type"] == "decision.requested"
            and body["data"]["subject"] == f"ESIGN#{application_id}"
        ]

    requested = wait_for(lambda: len(r := requests_received()) == 4 and r, pump=local_aws.pump)
    for body in requested:
        documents = body["data"]["documents"]
        assert {d["purpose"]: d["sha256"] for d in documents} == HASHES

    din = decisions["DIN"]
    documents = {d["purpose"]: d for d in stored_documents(din)}
    photo = documents["photo"]["attachmentId"]
    status, link = agency_document(local_aws, "DIN", tokens["DIN"], din, photo)
    assert status == 200, link
    assert link["sha256"] == HASHES["photo"]
    assert hashlib.sha256(fetched(link)).hexdigest() == HASHES["photo"]
    logged = downloads(photo)
    assert [(e["basis"], e["actorRole"]) for e in logged] == [(f"DECISION#{din}", "agency")]
    assert logged[0]["gsi1pk"] == f"OWNER#{filed['owner']}"  # the owner reads it (G1)

    # Another agency on DIN's decision: refused by the access table (G8).
    assert agency_document(local_aws, "DIN", tokens["XIN"], din, photo)[0] == 403
    # A file that is not this application's: unknown.
    _, other_token = account("citizen")
    other = file_application(local_aws)
    theirs = wait_for(
        lambda: (d := pending_requests(other["applicationId"])) and d.get("DIN"),
        pump=local_aws.pump,
    )
    their_photo = {d["purpose"]: d for d in stored_documents(theirs)}["photo"]["attachmentId"]
    assert agency_document(local_aws, "DIN", tokens["DIN"], din, their_photo)[0] == 404
    # A citizen has no role on the route at all.
    assert agency_document(local_aws, "DIN", other_token, din, photo)[0] == 403
    # Once the agency has answered, the documents are closed to it.
    assert answer(local_aws, tokens["DIN"], "DIN", din, "approve")[0] == 200
    status, problem = agency_document(local_aws, "DIN", tokens["DIN"], din, photo)
    assert (status, problem["errors"][0]["field"]) == (409, "decisionId")
    assert len(downloads(photo)) == 1


def stored_documents(decision_id: str) -> list[dict[str, Any]]:
    from egov.platform.repository import Table

    decision = Table("PLATFORM_TABLE").get(f"DECISION#{decision_id}", "DECISION")
    assert decision is not None
    return list(decision["documents"])


def test_e8_the_center_sees_the_documents_it_must_check(
    local_aws: LocalAws, tokens: dict[str, str]
) -> None:
    """E8 (§2.9 "Təqdim olunmuş sənədlərdə çatışmazlıq aşkar edilmədikdə, Mərkəz … qərar qəbul
    edir"): the Center's task lists the files with their hashes; its staff fetch them."""
    filed = reviewed(local_aws, tokens)
    task = center_task(local_aws, "EIMZA", tokens["EIMZA"], filed["applicationId"])
    assert {d["purpose"]: d["sha256"] for d in task["documents"]} == HASHES
    passport = {d["purpose"]: d for d in task["documents"]}["passport-copy"]["attachmentId"]
    status, link = agency_document(
        local_aws, "EIMZA", tokens["EIMZA"], task["decisionId"], passport
    )
    assert status == 200, link
    assert hashlib.sha256(fetched(link)).hexdigest() == HASHES["passport-copy"]
    assert [e["actorRole"] for e in downloads(passport)] == ["center"]
    # ASXM's staff are not the Center asked.
    assert (
        agency_document(local_aws, "EIMZA", tokens["ASXM"], task["decisionId"], passport)[0] == 403
    )


def test_e10_the_embassy_compares_the_originals_with_the_files_filed_online(
    local_aws: LocalAws, tokens: dict[str, str]
) -> None:
    """E10 (§2.12 "sənədlərin əsli ilə portalda real vaxt rejimində təqdim olunmuş sənədlərin
    autentikliyini yoxladıqdan sonra"): the embassy's task lists the files with their hashes; the
    officer of that embassy fetches them until the check; another embassy learns nothing."""
    filed = approved_by_center(local_aws, tokens)
    application_id = filed["applicationId"]
    status, page = embassy_tasks(local_aws, "EMB-DE", tokens["EMB-DE"])
    assert status == 200, page
    task = next(t for t in page["items"] if t["applicationId"] == application_id)
    assert {d["purpose"]: d["sha256"] for d in task["documents"]} == HASHES
    photo = {d["purpose"]: d for d in task["documents"]}["photo"]["attachmentId"]

    status, link = embassy_document(local_aws, "EMB-DE", tokens["EMB-DE"], application_id, photo)
    assert status == 200, link
    assert hashlib.sha256(fetched(link)).hexdigest() == HASHES["photo"]
    assert [e["basis"] for e in downloads(photo)] == ["EMBASSY#EMB-DE"]
    assert embassy_document(local_aws, "EMB-FR", tokens["EMB-DE"], application_id, photo)[0] == 403
    assert embassy_document(local_aws, "EMB-FR", tokens["EMB-FR"], application_id, photo)[0] == 404

    assert (
        embassy_act(
            local_aws, "invitation", "EMB-DE", tokens["EMB-DE"], application_id, invitation()
        )[0]
        == 200
    )
    assert embassy_document(local_aws, "EMB-DE", tokens["EMB-DE"], application_id, photo)[0] == 200
    mismatch = {"outcome": "mismatch", "reason": "Photo differs"}
    assert (
        embassy_act(local_aws, "check", "EMB-DE", tokens["EMB-DE"], application_id, mismatch)[0]
        == 200
    )
    assert stored(application_id)["status"] == "embassy-refused"
    status, problem = embassy_document(local_aws, "EMB-DE", tokens["EMB-DE"], application_id, photo)
    assert (status, problem["errors"][0]["field"]) == (409, "applicationId")
    assert len(downloads(photo)) == 2


def test_g8_the_agency_list_of_requests_carries_the_documents(
    local_aws: LocalAws, tokens: dict[str, str]
) -> None:
    """E6, G8: the agencies' task list shows each request's documents (no link, no content)."""
    filed = file_application(local_aws)
    decisions = wait_for(
        lambda: (d := pending_requests(filed["applicationId"])) and len(d) == 4 and d,
        pump=local_aws.pump,
    )
    assert set(decisions) == set(AGENCIES)
    status, page = call(local_aws, "GET", "/agencies/XIN/decisions", token=tokens["XIN"])[:2]
    assert status == 200, page
    mine = next(d for d in page["items"] if d["decisionId"] == decisions["XIN"])
    assert {d["purpose"]: d["sha256"] for d in mine["documents"]} == HASHES
    assert all("download" not in d for d in mine["documents"])
