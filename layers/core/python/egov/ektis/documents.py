"""Documents from other systems (A9; seed 004 §5.1, §7.8, §7.9).

An agency's system sends a document for a subject through the exchange (EHİS, §1.7): a Standard
Webhooks message, `v1`-signed with the key the platform shares with the exchange
(`EKTIS_EXCHANGE_SECRET`), body `{"type": "document.issued", "data": <IncomingDocument>}`.
`egov.platform.inbound` verifies it (401 otherwise) and handles each `webhook-id` once; a
document told again under a new message id is still placed once, by the agency's own document id
(the stored id is derived from it, so the item's conditional put refuses the second).

Placing (§7.8) is one transaction after the file is in S3 (`EKTIS_DOCUMENTS_BUCKET`, stored
with its SHA-256 as S3 checksum and metadata; the sender's hash must match the content, 422
otherwise): the document's record with the time placed, the audit entry in the subject's trail,
and the notice (`notify.send`: the cabinet inbox at once, e-mail and SMS through the outbox) sent
on behalf of the issuing agency. Every message's delivery result (GOV.UK Notify's statuses, with
times) is therefore in the agency's own list, `GET /agencies/{agency}/notifications` (§7.9: "SMS-
lərin göndərilməsinin nəticələri … aidiyyəti dövlət qurumlarına ötürülür"), which only that
agency's staff and system read; and beside the document in the subject's cabinet. Once the SMS
is delivered, an e-mail tells the subject's address (if any) when it reached the phone
(`ektis.notice.sms-delivered`, §7.9: "elektron ünvanlarına (olduğu halda) göndərilir").

The subject lists the documents (`GET /ektis/documents`, newest first, one Query) and opens one
(`GET /ektis/documents/{documentId}`: its record, its notices' deliveries and a link valid a few
minutes to the stored version of the file).

Items (EKTIS_TABLE):
    DOCUMENT#<id> / DOCUMENT     gsi1 DOCUMENTS#<subjectId> / <placedAt>#<id>
    id = the first 32 hex of SHA-256("<agency>#<agency's document id>")
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from pydantic import ValidationError

from egov.ektis import subjects
from egov.ektis.models import (
    DocumentDownload,
    DocumentList,
    IncomingDocument,
    Notice,
    PlacedDocument,
)
from egov.ektis.subjects import TABLE, record, subject_pk
from egov.platform import audit, aws, clock, inbound, notify, secrets
from egov.platform.attachments import Download
from egov.platform.auth import Principal
from egov.platform.http import validation_problem
from egov.platform.observability import logger
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Item, Transaction

if TYPE_CHECKING:
    from standardwebhooks import Webhook

SOURCE = "ehis"
TYPE = "document.issued"
BUCKET = "EKTIS_DOCUMENTS_BUCKET"
# The file travels base64 in a JSON body, within Lambda's 6 MB request.
MAX_BYTES = 4 * 1024 * 1024
DOWNLOAD_SECONDS = 300
PAGE = 50
NOTICE = "notice.document-placed"
# §7.9: "SMS məlumatların istifadəçilərə çatdırıldığı vaxt barədə məlumatlar ... elektron
# ünvanlarına (olduğu halda) göndərilir".
SMS_DELIVERED = "ektis.notice.sms-delivered"
PLACED = "ektis.document.placed"


def document_pk(document_id: str) -> str:
    return f"DOCUMENT#{document_id}"


def document_id_of(agency: str, agency_document_id: str) -> str:
    return hashlib.sha256(f"{agency}#{agency_document_id}".encode()).hexdigest()[:32]


def signer() -> Webhook:
    from standardwebhooks import Webhook

    return Webhook(secrets.secret("EKTIS_EXCHANGE_SECRET").encode())


def receive(body: str, headers: Mapping[str, str]) -> None:
    inbound.once(SOURCE, signer(), body, headers, "ektis.document.signature-invalid", handle)


def handle(payload: dict[str, Any]) -> None:
    if payload.get("type") != TYPE:
        raise Invalid("ektis.document.type", field="type")
    try:
        incoming = IncomingDocument.model_validate(payload.get("data"))
    except ValidationError as bad:
        # Named as in the message's body: `data.<field>`.
        errors = [{**error, "loc": ("data", *error["loc"])} for error in bad.errors()]
        raise validation_problem(RequestValidationError(errors)) from bad
    place(incoming)


def _content(incoming: IncomingDocument) -> bytes:
    limit = {"limit": MAX_BYTES}
    try:
        content = base64.b64decode(incoming.content, validate=True)
    except (binascii.Error, ValueError) as bad:
        raise Invalid("ektis.document.content", field="data.content", params=limit) from bad
    if not content or len(content) > MAX_BYTES:
        raise Invalid("ektis.document.content", field="data.content", params=limit)
    if hashlib.sha256(content).hexdigest() != incoming.sha256:
        raise Invalid("ektis.document.hash", field="data.sha256")
    return content


def place(incoming: IncomingDocument) -> PlacedDocument:
    """Store the file and place it in the subject's cabinet with its notices; once per
    (agency, agency's document id)."""
    # The exchange is told when no subject has this FIN or VÖEN (its sender then delivers the
    # document by hand, §5.3): it is the state's gateway, not a stranger probing the registry.
    subject = subjects.registered(incoming.subject)
    if subject is None:
        raise Invalid("ektis.party.unknown", field="data.subject")
    content = _content(incoming)
    document_id = document_id_of(incoming.agency, incoming.document_id)
    pk = document_pk(document_id)
    if (existing := TABLE.get(pk, "DOCUMENT")) is not None:
        logger.info("document placed before", extra={"documentId": document_id})
        return _model(existing)
    stored_as = aws.client("s3").put_object(
        Bucket=aws.resource_name(BUCKET),
        Key=f"ektis/{subject.subject_id}/{document_id}",
        Body=content,
        ContentType=incoming.content_type,
        ChecksumSHA256=base64.b64encode(bytes.fromhex(incoming.sha256)).decode(),
        Metadata={"sha256": incoming.sha256, "agency": incoming.agency},
    )
    document = PlacedDocument(
        document_id=document_id,
        agency=incoming.agency,
        agency_document_id=incoming.document_id,
        kind=incoming.kind,
        title=incoming.title,
        file_name=incoming.file_name,
        content_type=incoming.content_type,
        size=len(content),
        sha256=incoming.sha256,
        issued_at=incoming.issued_at,
        placed_at=clock.now(),
    )
    fields = document.model_dump(mode="json", by_alias=True, exclude={"deliveries"})
    tx = Transaction()
    notice = notify.send(
        subject.owner,
        NOTICE,
        {"agency": incoming.agency, "document": incoming.title},
        email=subject.contacts.email,
        sms=subject.contacts.mobile,
        agency=incoming.agency,
        subject_ref=pk,
        sms_receipt=SMS_DELIVERED,
        tx=tx,
    )
    tx.put(
        TABLE,
        {
            "pk": pk,
            "sk": "DOCUMENT",
            "gsi1pk": f"DOCUMENTS#{subject.subject_id}",
            "gsi1sk": f"{fields['placedAt']}#{document_id}",
            "owner": subject.owner,
            "subjectId": subject.subject_id,
            "objectKey": f"ektis/{subject.subject_id}/{document_id}",
            "versionId": stored_as.get("VersionId"),
            "noticeId": notice,
            **fields,
        },
        conflict=Conflict(PLACED),
    )
    audit.record(
        tx,
        subject_pk(subject.subject_id),
        "ektis-document-placed",
        audit.Actor.system(f"{SOURCE}:{incoming.agency}"),
        owner=subject.owner,
        after={k: fields[k] for k in ("documentId", "agency", "agencyDocumentId", "title")}
        | {"sha256": incoming.sha256, "size": len(content), "placedAt": fields["placedAt"]},
    )
    try:
        tx.commit()
    except Conflict as refused:
        if refused.key != PLACED:
            raise
        # The same document in a message that raced this one: placed once, by the other.
        logger.info("document placed concurrently", extra={"documentId": document_id})
    return document


INTERNAL = ("owner", "subjectId", "objectKey", "versionId", "noticeId")


def _model(item: Item, *, deliveries: bool = False) -> PlacedDocument:
    found = notify.deliveries(item["owner"], item["noticeId"]) if deliveries else []
    notices = [
        Notice(
            channel=d.channel,
            to=d.to,
            status=d.status,
            created_at=d.created_at,
            sent_at=d.sent_at,
            completed_at=d.completed_at,
            reason=d.reason,
        )
        for d in found
    ]
    return PlacedDocument.model_validate({**record(item, *INTERNAL), "deliveries": notices})


def of_caller(caller: Principal, *, cursor: str | None = None) -> DocumentList:
    """The documents placed in the caller's cabinet, newest first, with their notices."""
    subject = subjects.of_owner(caller.user_id)
    page = TABLE.query(
        f"DOCUMENTS#{subject.subject_id}",
        index="gsi1",
        cursor=cursor,
        limit=PAGE,
        newest_first=True,
    )
    return DocumentList(
        items=[_model(item, deliveries=True) for item in page.items], cursor=page.cursor
    )


def view(document_id: str, caller: Principal) -> DocumentDownload:
    """One of the caller's documents with a short-lived link to the stored file; 404 to anyone
    else (G8)."""
    item = TABLE.get(document_pk(document_id), "DOCUMENT")
    if item is None or item["owner"] != caller.user_id:
        raise NotFound("ektis.document.missing", field="documentId")
    params: dict[str, Any] = {
        "Bucket": aws.resource_name(BUCKET),
        "Key": item["objectKey"],
        "ResponseContentType": item["contentType"],
        "ResponseContentDisposition": "attachment; filename*=UTF-8''" + quote(item["fileName"]),
    }
    if item.get("versionId"):
        params["VersionId"] = item["versionId"]
    url = aws.client("s3").generate_presigned_url(
        "get_object", Params=params, ExpiresIn=DOWNLOAD_SECONDS
    )
    download = Download(url=url, expiresAt=clock.now() + timedelta(seconds=DOWNLOAD_SECONDS))
    placed = _model(item, deliveries=True)
    return DocumentDownload(**dict(placed), download=download)
