"""Documents from other systems in the EKTİS cabinet, through their handlers on moto (issue 17
item 3; A9, G3, G8).

Seed 004 §7.8: "sənədlər (məlumatlar) EHİS vasitəsilə EKTİS-ə daxil olduqda həmin sənədlər
(məlumatlar) EKTİS tərəfindən real vaxt rejimində istifadəçilərin elektron kabinetlərində
yerləşdirilir (yerləşdirilmə vaxtı göstərilməklə) və bu barədə onların elektron ünvanlarına
(olduğu halda) və mobil telefon nömrələrinə (qısa mesaj – SMS vasitəsilə) məlumatlar göndərilir";
§7.9: "SMS-lərin göndərilməsinin nəticələri barədə məlumatlar … aidiyyəti dövlət qurumlarına
ötürülür. Həmçinin SMS məlumatların istifadəçilərə çatdırıldığı vaxt barədə məlumatlar onların
elektron kabinetlərində yerləşdirilir".
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from typing import Any

import boto3
import pytest
import requests

from devstack.simulators import ehis
from egov.ektis import documents
from egov.ektis.models import IncomingDocument
from egov.platform import audit, aws, clock
from tests.conftest import LocalAws
from tests.functional.ektis.kit import ELSHAN, GUNAY, subject
from tests.helpers import account, call, secret_value, settle, tell, wait_for

PDF = b"%PDF-1.7\n% Arayis: vergi borcu yoxdur\n%%EOF\n"


def document(**overrides: Any) -> dict[str, Any]:
    content = overrides.pop("raw", PDF)
    return {
        "agency": "DVX",
        "documentId": "DVX-2026-000123",
        "subject": ELSHAN,
        "kind": "tax-certificate",
        "title": "Vergi borcunun olmaması barədə arayış",
        "fileName": "arayış.pdf",
        "contentType": "application/pdf",
        "content": base64.b64encode(content).decode(),
        "sha256": hashlib.sha256(content).hexdigest(),
        "issuedAt": "2026-12-01T09:00:00+04:00",
        **overrides,
    }


def send(
    local_aws: LocalAws,
    data: dict[str, Any],
    message_id: str,
    *,
    key: str | None = None,
    kind: str = "document.issued",
) -> tuple[int, Any]:
    """The exchange (EHİS) carries an agency's document: a Standard Webhooks v1 message."""
    secret = key or secret_value(local_aws, "EktisExchangeSecret")
    body = {"type": kind, "data": data}
    return tell(local_aws, "/ektis/documents", body, message_id, secret.encode())[:2]


def listed(local_aws: LocalAws, token: str) -> list[dict[str, Any]]:
    status, body, _ = call(local_aws, "GET", "/ektis/documents", token=token)
    assert status == 200, body
    return list(body["items"])


def test_a9_g3_a_signed_document_is_placed_once_with_the_time_placed(
    local_aws: LocalAws,
) -> None:
    """A9: placed in the cabinet at once with the time placed; the exchange's message is
    verified (401 otherwise) and handled once per message id and per the agency's document id."""
    token, subject_id, _ = subject(local_aws, ELSHAN)
    before = clock.now()
    assert send(local_aws, document(), "ehis-1", key="not-the-key")[0] == 401
    assert listed(local_aws, token) == []
    assert send(local_aws, document(), "ehis-1")[0] == 204
    assert send(local_aws, document(), "ehis-1")[0] == 204  # a replay changes nothing
    assert send(local_aws, document(), "ehis-2")[0] == 204  # the same document told again
    (placed,) = listed(local_aws, token)
    assert (placed["agency"], placed["agencyDocumentId"], placed["title"]) == (
        "DVX",
        "DVX-2026-000123",
        "Vergi borcunun olmaması barədə arayış",
    )
    assert before <= clock.parse(placed["placedAt"]) <= clock.now()
    assert placed["sha256"] == hashlib.sha256(PDF).hexdigest() and placed["size"] == len(PDF)
    assert sorted(d["channel"] for d in placed["deliveries"]) == ["email", "sms"]
    entries = audit.trail(f"SUBJECT#{subject_id}").items
    placed_entries = [e for e in entries if e["action"] == "ektis-document-placed"]
    assert [e["actorId"] for e in placed_entries] == ["system:ehis:DVX"]
    _, inbox, _ = call(local_aws, "GET", "/me/inbox", token=token)
    (notice,) = [i for i in inbox["items"] if i["subjectRef"] == f"DOCUMENT#{placed['documentId']}"]
    assert "Vergi borcunun olmaması barədə arayış" in notice["body"]


def test_a9_the_document_is_stored_in_s3_with_its_hash_and_only_its_subject_reads_it(
    local_aws: LocalAws,
) -> None:
    """A9, G8: the file is kept as sent (its SHA-256 checked on arrival and kept); the subject
    downloads it from the cabinet, no one else finds it."""
    token, subject_id, _ = subject(local_aws, ELSHAN)
    assert send(local_aws, document(), "ehis-1")[0] == 204
    (placed,) = listed(local_aws, token)
    path = f"/ektis/documents/{placed['documentId']}"
    status, opened, _ = call(local_aws, "GET", path, token=token)
    assert status == 200, opened
    assert opened["sha256"] == placed["sha256"]
    downloaded = requests.get(opened["download"]["url"], timeout=10)
    assert downloaded.status_code == 200
    assert hashlib.sha256(downloaded.content).hexdigest() == placed["sha256"]
    stored = boto3.client("s3").head_object(
        Bucket=local_aws.template.physical_name("EktisDocumentsBucket"),
        Key=f"ektis/{subject_id}/{placed['documentId']}",
    )
    assert stored["Metadata"]["sha256"] == placed["sha256"]
    neighbour, _, _ = subject(local_aws, GUNAY)
    assert listed(local_aws, neighbour) == []
    status, problem, _ = call(local_aws, "GET", path, token=neighbour)
    assert (status, problem["errors"][0]["field"]) == (404, "documentId")
    _, agency_token = account("agency", "DVX")
    assert call(local_aws, "GET", path, token=agency_token)[0] == 403


def test_g7_a9_bad_documents_are_refused_naming_the_field_and_nothing_is_placed(
    local_aws: LocalAws,
) -> None:
    token, _, _ = subject(local_aws, ELSHAN)
    wrong_hash = document(sha256="0" * 64)
    cases = [
        (document(sha256="0" * 64), "data.sha256"),
        (document(content="***not base64***"), "data.content"),
        (document(subject="1AB2CD3"), "data.subject"),
        ({**document(), "contentType": "text/html"}, "data.contentType"),
    ]
    for n, (data, field) in enumerate(cases):
        status, problem = send(local_aws, data, f"ehis-bad-{n}")
        assert (status, problem["errors"][0]["field"]) == (422, field), problem
    assert send(local_aws, document(), "ehis-type", kind="document.revoked")[0] == 422
    assert listed(local_aws, token) == []
    # A refused message gives its id back: the exchange's corrected retry is placed.
    assert send(local_aws, wrong_hash, "ehis-retry")[0] == 422
    assert send(local_aws, document(), "ehis-retry")[0] == 204
    assert len(listed(local_aws, token)) == 1


def test_a9_g8_the_agency_reads_the_sms_results_of_its_own_documents_only(
    platform: LocalAws,
) -> None:
    """A9 (§7.9): the SMS and e-mail results go to the agency that sent the document, with
    their times, and into the subject's cabinet beside the document; another agency reads
    neither its list nor its results."""
    token, _, _ = subject(platform, ELSHAN)
    assert send(platform, document(), "ehis-1")[0] == 204
    assert send(platform, document(agency="EMDK", documentId="E-1"), "ehis-2")[0] == 204
    settle(platform.pump)
    _, dvx = account("agency", "DVX")
    _, other = account("agency", "EMDK")

    def results(agency: str, agency_token: str) -> list[dict[str, Any]]:
        status, body, _ = call(
            platform, "GET", f"/agencies/{agency}/notifications", token=agency_token
        )
        assert status == 200, body
        return list(body["items"])

    def delivered() -> bool:
        return {m["status"] for m in results("DVX", dvx)} == {"delivered"}

    wait_for(delivered, what="the DVX notices delivered")
    (placed, _) = sorted(listed(platform, token), key=lambda d: d["agency"] != "DVX")
    mine = results("DVX", dvx)
    assert sorted(m["channel"] for m in mine) == ["email", "sms"]
    assert {m["subjectRef"] for m in mine} == {f"DOCUMENT#{placed['documentId']}"}
    (sms,) = [m for m in mine if m["channel"] == "sms"]
    assert sms["completedAt"] and [h["status"] for h in sms["history"]][-1] == "delivered"
    assert "+994501234567" not in json.dumps(mine)  # the address is masked
    # The other agency: 403 on DVX's results, and its own list holds only its own document.
    assert call(platform, "GET", "/agencies/DVX/notifications", token=other)[0] == 403
    theirs = results("EMDK", other)
    assert len(theirs) == 2 and f"DOCUMENT#{placed['documentId']}" not in {
        m["subjectRef"] for m in theirs
    }
    # The cabinet shows when the SMS reached the person, beside the document.
    (in_cabinet,) = [d for d in listed(platform, token) if d["agency"] == "DVX"]
    (sms_copy,) = [d for d in in_cabinet["deliveries"] if d["channel"] == "sms"]
    assert (sms_copy["status"], sms_copy["completedAt"]) == ("delivered", sms["completedAt"])


def messages_keyed(key: str) -> list[dict[str, Any]]:
    """The platform's messages of a text key (a test may scan)."""
    table = boto3.resource("dynamodb").Table(aws.resource_name("PLATFORM_TABLE"))
    page: dict[str, Any] = table.scan()
    items = list(page["Items"])
    while "LastEvaluatedKey" in page:
        page = table.scan(ExclusiveStartKey=page["LastEvaluatedKey"])
        items += page["Items"]
    return [i for i in items if i.get("sk") == "MESSAGE" and i.get("key") == key]


def test_a9_the_time_the_sms_reached_the_person_is_sent_to_their_e_mail(
    platform: LocalAws,
) -> None:
    """A9 (§7.9): "SMS məlumatların istifadəçilərə çatdırıldığı vaxt barədə məlumatlar onların
    elektron kabinetlərində yerləşdirilir və elektron ünvanlarına (olduğu halda) göndərilir".
    Once the gateway reports the SMS delivered, an e-mail to the subject's address gives the
    time it reached the phone (Baku time), once."""
    subject(platform, ELSHAN)
    assert send(platform, document(), "ehis-receipt")[0] == 204
    settle(platform.pump)
    (follow_up,) = wait_for(
        lambda: messages_keyed(documents.SMS_DELIVERED), what="the SMS delivery e-mail"
    )
    (sms,) = [m for m in messages_keyed(documents.NOTICE) if m["channel"] == "sms"]
    assert (follow_up["followsUp"], sms["status"]) == (sms["messageId"], "delivered")
    assert (follow_up["channel"], follow_up["to"]) == ("email", "ferma@example.az")
    assert follow_up["subjectRef"] == sms["subjectRef"]
    reached = clock.parse(sms["completedAt"]).astimezone(clock.BAKU).strftime("%d.%m.%Y %H:%M")
    assert f"{reached} (Bakı vaxtı)" in follow_up["text"]
    assert "Vergi borcunun olmaması barədə arayış" in follow_up["text"]
    settle(platform.pump)
    assert len(messages_keyed(documents.SMS_DELIVERED)) == 1
    assert messages_keyed(documents.SMS_DELIVERED)[0]["status"] != "created"  # sent on


def test_a9_the_exchange_simulator_carries_an_agencys_document_signed(
    platform: LocalAws,
) -> None:
    """The local stack's EHİS (infra/devstack/simulators/ehis.py) sends what the real exchange
    sends: the platform verifies it and places the document; an unknown subject is refused and
    the simulator shows the platform's answer."""
    token, _, _ = subject(platform, ELSHAN)
    exchange = ehis.make(os.environ["PUBLIC_API_URL"]).test_client()
    sent = exchange.post(
        "/documents",
        json={"agency": "DVX", "subject": ELSHAN, "title": "Arayış", "text": "Borc yoxdur"},
    ).get_json()
    assert sent["delivery"]["status"] == 204, sent
    refused = exchange.post("/documents", json={"subject": "1AB2CD3", "text": "x"}).get_json()
    assert refused["delivery"]["status"] == 422
    (placed,) = listed(platform, token)
    assert (placed["title"], placed["sha256"]) == ("Arayış", sent["document"]["sha256"])


def test_a9_a_document_raced_by_a_second_message_is_placed_once(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two messages with the same document, both past the "placed before?" read: the record's
    conditional put lets one place it; the other is acknowledged, with no second notice."""
    token, _, _ = subject(local_aws, ELSHAN)
    incoming = IncomingDocument.model_validate(document())
    documents.place(incoming)
    read = documents.TABLE.get
    monkeypatch.setattr(
        documents.TABLE,
        "get",
        lambda pk, sk: None if pk.startswith("DOCUMENT#") else read(pk, sk),
    )
    documents.place(incoming)
    monkeypatch.undo()
    (placed,) = listed(local_aws, token)
    _, inbox, _ = call(local_aws, "GET", "/me/inbox", token=token)
    ref = f"DOCUMENT#{placed['documentId']}"
    assert [i["subjectRef"] for i in inbox["items"]].count(ref) == 1
