"""Attachments: declared, uploaded by presigned POST, checked, kept (G5, G7, G8)."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from typing import Any

import boto3
import pytest
import requests

from devstack.template import Template
from egov.platform import attachments, audit
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction
from tests.conftest import LocalAws
from tests.helpers import account, call, settle

PDF = b"%PDF-1.7\n" + b"contract text " * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 300


def declare(content: bytes, **overrides: Any) -> dict[str, Any]:
    return {
        "purpose": "contract",
        "fileName": "müqavilə №1.pdf",
        "contentType": "application/pdf",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        **overrides,
    }


def request_upload(local_aws: LocalAws, token: str | None, body: dict[str, Any]) -> tuple[int, Any]:
    return call(local_aws, "POST", "/uploads", token=token, body=body)[:2]


def status(
    local_aws: LocalAws, token: str, attachment_id: str, lang: str = "en"
) -> tuple[int, Any]:
    return call(local_aws, "GET", f"/uploads/{attachment_id}", token=token, language=lang)[:2]


def send_file(ticket: dict[str, Any], content: bytes) -> None:
    form = ticket["upload"]
    response = requests.post(
        form["url"], data=form["fields"], files={"file": ("f", content)}, timeout=10
    )
    assert response.status_code in (200, 201, 204)


def uploaded(
    local_aws: LocalAws, token: str, content: bytes, sent: bytes | None = None, **declared: Any
) -> str:
    code, ticket = request_upload(local_aws, token, declare(content, **declared))
    assert code == 201
    send_file(ticket, content if sent is None else sent)
    settle(local_aws.pump)
    return str(ticket["attachmentId"])


def trail_actions(attachment_id: str) -> list[str]:
    """The audit actions of an attachment (sorted: entries of the same second have no order)."""
    return sorted(e["action"] for e in audit.trail(f"ATTACHMENT#{attachment_id}").items)


# ---------------------------------------------------------------- declaring


def test_g5_the_upload_form_admits_exactly_the_declared_type_and_size(local_aws: LocalAws) -> None:
    _, token = account()
    code, ticket = request_upload(local_aws, token, declare(PDF))
    assert code == 201
    assert ticket["status"] == "pending"
    policy = json.loads(base64.b64decode(ticket["upload"]["fields"]["policy"]))
    assert {"Content-Type": "application/pdf"} in policy["conditions"]
    assert ["content-length-range", len(PDF), len(PDF)] in policy["conditions"]
    assert {"key": f"uploads/{ticket['attachmentId']}"} in policy["conditions"]
    assert trail_actions(ticket["attachmentId"]) == ["attachment-requested"]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"purpose": "photo"}, "contentType", "attachment.type-not-allowed"),
        ({"size": 11 * 1024 * 1024, "purpose": "passport-copy"}, "size", "attachment.too-large"),
        ({"sha256": "abc"}, "sha256", "attachment.sha256"),
        ({"fileName": "../etc/passwd"}, "fileName", "attachment.file-name"),
        ({"contentType": "text/html"}, "contentType", "field.invalid"),
        ({"purpose": "selfie"}, "purpose", "field.invalid"),
        ({"size": 0}, "size", "field.invalid"),
    ],
)
def test_g7_a_bad_declaration_names_the_field_and_records_nothing(
    local_aws: LocalAws, overrides: dict[str, Any], field: str, code: str
) -> None:
    user_id, token = account()
    status_code, problem = request_upload(local_aws, token, declare(PDF, **overrides))
    assert status_code == 422
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [(field, code)]
    assert audit.trail_of_owner(user_id).items == []


def test_g8_uploading_needs_a_login(local_aws: LocalAws) -> None:
    code, problem = request_upload(local_aws, None, declare(PDF))
    assert code == 401
    assert problem["code"] == "auth.token-invalid"


# ---------------------------------------------------------------- checking


def test_g5_a_file_that_matches_is_stored_with_its_version(local_aws: LocalAws) -> None:
    _, token = account()
    attachment_id = uploaded(local_aws, token, PDF)
    code, view = status(local_aws, token, attachment_id)
    assert code == 200
    assert view["status"] == "stored"
    assert view["sha256"] == hashlib.sha256(PDF).hexdigest()
    item = attachments.get(attachment_id)
    assert item is not None and "expiresAt" not in item
    versions = boto3.client("s3").list_object_versions(
        Bucket=Template().physical_name("AttachmentsBucket"), Prefix=f"uploads/{attachment_id}"
    )["Versions"]
    assert item["versionId"] == versions[0]["VersionId"]
    download = requests.get(view["download"]["url"], timeout=10)
    assert download.content == PDF
    assert trail_actions(attachment_id) == ["attachment-requested", "attachment-stored"]


@pytest.mark.parametrize(
    ("declared", "sent", "reason"),
    [
        (declare(PDF), PDF + b"!", "attachment.size-mismatch"),
        (declare(PNG, contentType="application/pdf"), PNG, "attachment.type-mismatch"),
        (
            declare(PDF, sha256=hashlib.sha256(b"other").hexdigest()),
            PDF,
            "attachment.checksum-mismatch",
        ),
    ],
)
def test_g5_a_file_that_differs_from_its_declaration_is_rejected_with_the_reason(
    local_aws: LocalAws, declared: dict[str, Any], sent: bytes, reason: str
) -> None:
    _, token = account()
    code, ticket = request_upload(local_aws, token, declared)
    assert code == 201
    send_file(ticket, sent)
    settle(local_aws.pump)
    _, view = status(local_aws, token, ticket["attachmentId"])
    assert view["status"] == "rejected"
    assert view["reasonCode"] == reason
    assert view["reason"] and view["download"] is None


def test_g5_duplicates_and_repeated_uploads_change_nothing(local_aws: LocalAws) -> None:
    _, token = account()
    code, ticket = request_upload(local_aws, token, declare(PDF))
    assert code == 201
    send_file(ticket, PDF)
    queue = local_aws.template.ref("AttachmentQueue")
    sqs = boto3.client("sqs")
    received = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    events = [m for m in received if "Records" in json.loads(m["Body"])]
    assert len(events) == 1
    for message in received:
        sqs.change_message_visibility(
            QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
        )
    sqs.send_message(QueueUrl=queue, MessageBody=events[0]["Body"])  # at-least-once delivery
    settle(local_aws.pump)
    stored = attachments.get(ticket["attachmentId"])
    send_file(ticket, b"%PDF- replaced within the form's lifetime")
    settle(local_aws.pump)
    assert attachments.get(ticket["attachmentId"]) == stored
    assert trail_actions(ticket["attachmentId"]) == ["attachment-requested", "attachment-stored"]


def test_g8_only_the_owner_sees_an_upload(local_aws: LocalAws) -> None:
    _, owner = account()
    _, stranger = account(name="Leyla Məmmədova")
    attachment_id = uploaded(local_aws, owner, PDF)
    code, problem = status(local_aws, stranger, attachment_id)
    assert code == 404
    assert problem["errors"][0]["field"] == "attachmentId"


def test_g5_rejection_reason_is_in_azerbaijani_by_default(local_aws: LocalAws) -> None:
    _, token = account()
    attachment_id = uploaded(local_aws, token, PDF, sent=PDF[:-1])
    _, view = status(local_aws, token, attachment_id, lang="az")
    assert view["reason"].startswith("Yüklənmiş faylın ölçüsü")


# ---------------------------------------------------------------- linking


def _link(attachment_id: str, owner: str, subject: str) -> Callable[[], None]:
    def run() -> None:
        tx = Transaction()
        attachments.link(tx, attachment_id, owner, subject, field="passportCopy")
        tx.commit()

    return run


def test_g5_only_a_stored_attachment_of_the_owner_links_once(local_aws: LocalAws) -> None:
    owner, token = account()
    stranger, _ = account(name="Leyla Məmmədova")
    stored = uploaded(local_aws, token, PDF)
    _, pending = request_upload(local_aws, token, declare(PDF))
    for attempt in (
        _link(stored, stranger, "APP#1"),
        _link(pending["attachmentId"], owner, "APP#1"),
        _link("no-such-attachment", owner, "APP#1"),
    ):
        with pytest.raises(Conflict) as refused:
            attempt()
        assert refused.value.errors[0].field == "passportCopy"
    _link(stored, owner, "APP#1")()
    assert (attachments.get(stored) or {})["linkedTo"] == "APP#1"
    with pytest.raises(Conflict):
        _link(stored, owner, "APP#2")()


# ---------------------------------------------------------------- never lost


def test_g5_nothing_can_delete_an_acknowledged_upload() -> None:
    template = Template()
    bucket = template.resources["AttachmentsBucket"]
    assert bucket["DeletionPolicy"] == "Retain"
    assert bucket["Properties"]["VersioningConfiguration"] == {"Status": "Enabled"}
    assert not any(
        route.method == "DELETE" and route.path.startswith("/uploads")
        for fn in template.functions.values()
        for route in fn.routes
    )
    policies = json.dumps(
        [r.get("Properties", {}).get("Policies") for r in template.resources.values()]
    )
    assert "s3:DeleteObject" not in policies and "S3CrudPolicy" not in policies
