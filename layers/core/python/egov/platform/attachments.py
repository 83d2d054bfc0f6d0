"""Attachments (G5): files a person uploads straight to S3 and services link to applications.

1. `request_upload` records a `pending` attachment and returns a presigned POST whose policy
   admits exactly the declared content type and size (DESIGN rule 3), valid for a few minutes.
2. S3 sends `s3:ObjectCreated:*` to a queue; `verify_stored` reads the object back and compares
   size, type (the file's magic bytes) and SHA-256 with what the uploader declared. A match makes
   the attachment `stored`, pinned to the object's version id; a mismatch makes it `rejected`
   with the reason. Both are final: a second event (a duplicate delivery or a reused upload form)
   changes nothing.
3. From `stored` on the file is never lost: the bucket is versioned, retained on stack deletion,
   and no route or policy deletes objects.
4. A service links a stored attachment to its application with `link(tx, ...)` inside the
   transaction that files the application; only the owner's stored, unlinked attachments link.
   The link also files a copy of the file's description (purpose, name, type, size, SHA-256,
   version) under the subject (`ATTACHMENTS-OF#<subject>`), its `documents`.
5. The people who must check the documents (E5, E6, E8, E10: the agencies and the Center
   through the agency exchange, the embassy's officers) get them only through `for_reviewer`:
   the reviewing service says the reviewer may see that subject now; the file must be one of the
   subject's documents; the answer is a link to that exact version, valid `DOWNLOAD_SECONDS`,
   and each link handed out is an audit entry on the attachment, which its owner can read (G1,
   G8). Nobody else gets a link: the bucket is private and only these two paths sign one.
"""

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import quote

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from egov.platform import audit, aws, clock, i18n
from egov.platform.audit import Actor
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Item, Table, Transaction
from egov.platform.text import clean

PLATFORM = Table("PLATFORM_TABLE")
BUCKET_ENV = "ATTACHMENTS_BUCKET"
KEY_PREFIX = "uploads/"
UPLOAD_SECONDS = 15 * 60
DOWNLOAD_SECONDS = 5 * 60
PENDING_TTL = timedelta(days=2)  # an upload never made is forgotten (table TTL on expiresAt)
_CHUNK = 1024 * 1024
MB = 1024 * 1024

Purpose = Literal[
    "passport-copy", "photo", "power-of-attorney", "contract", "permit", "certificate"
]
ContentType = Literal["application/pdf", "image/jpeg", "image/png"]
Status = Literal["pending", "stored", "rejected"]

_IMAGES: tuple[ContentType, ...] = ("image/jpeg", "image/png")
_DOCUMENTS: tuple[ContentType, ...] = ("application/pdf", *_IMAGES)


# A plain record, not a model: the rules are constants, and a model's instances built here would
# make every importer build its validator (and pydantic load its plugins) at cold start.
@dataclass(frozen=True)
class Rule:
    types: tuple[ContentType, ...]
    max_bytes: int


RULES: dict[str, Rule] = {
    # E3: a colour biometric photo; a scan of a 3.5×4.5 cm photo is far below 5 MB.
    "photo": Rule(types=_IMAGES, max_bytes=5 * MB),
    "passport-copy": Rule(types=_DOCUMENTS, max_bytes=10 * MB),
    "power-of-attorney": Rule(types=_DOCUMENTS, max_bytes=10 * MB),
    "contract": Rule(types=_DOCUMENTS, max_bytes=20 * MB),
    "permit": Rule(types=_DOCUMENTS, max_bytes=20 * MB),
    "certificate": Rule(types=_DOCUMENTS, max_bytes=20 * MB),
}

# The first bytes of each accepted format: what the file is, whatever its name says.
_MAGIC: dict[ContentType, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}

i18n.register(
    {
        "attachment.type-not-allowed": {
            "az": "Bu sənəd üçün yalnız bu fayl növləri qəbul edilir: {allowed}",
            "en": "Only these file types are accepted for this document: {allowed}",
        },
        "attachment.too-large": {
            "az": "Fayl {maxMb} MB-dan böyük ola bilməz",
            "en": "The file may not be larger than {maxMb} MB",
        },
        "attachment.file-name": {
            "az": "Fayl adı 1–200 simvol olmalı, qovluq və idarəetmə simvolları olmamalıdır",
            "en": "A file name has 1–200 characters and no folders or control characters",
        },
        "attachment.sha256": {
            "az": "SHA-256 cəmi 64 onaltılıq simvoldan ibarət olmalıdır",
            "en": "The SHA-256 checksum must be 64 hexadecimal characters",
        },
        "attachment.not-found": {"az": "Əlavə tapılmadı", "en": "Attachment not found"},
        "attachment.not-linkable": {
            "az": "Əlavə hələ yüklənməyib, sizə aid deyil və ya artıq başqa müraciətə əlavə olunub",
            "en": "The attachment is not uploaded yet, is not yours or is already attached to "
            "another application",
        },
        "attachment.size-mismatch": {
            "az": "Yüklənmiş faylın ölçüsü bildirilən ölçü ilə üst-üstə düşmür",
            "en": "The uploaded file's size differs from the size declared",
        },
        "attachment.type-mismatch": {
            "az": "Yüklənmiş faylın məzmunu bildirilən fayl növünə uyğun deyil",
            "en": "The uploaded file's content does not match the declared file type",
        },
        "attachment.checksum-mismatch": {
            "az": "Yüklənmiş faylın SHA-256 cəmi bildirilən cəm ilə üst-üstə düşmür",
            "en": "The uploaded file's SHA-256 checksum differs from the one declared",
        },
    }
)

_FILE_NAME = re.compile(r"^[^/\\\x00-\x1f\x7f]{1,200}$")


def _file_name(value: str) -> str:
    if not _FILE_NAME.match(value) or value.strip() in ("", ".", ".."):
        raise PydanticCustomError("attachment.file-name", "invalid file name")
    return clean(value)


def _sha256(value: str) -> str:
    if not re.fullmatch(r"[0-9a-fA-F]{64}", value):
        raise PydanticCustomError("attachment.sha256", "invalid SHA-256")
    return value.lower()


class UploadRequest(BaseModel):
    """What the uploader declares before sending the file."""

    model_config = ConfigDict(
        defer_build=True,
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "purpose": "passport-copy",
                    "fileName": "pasport.pdf",
                    "contentType": "application/pdf",
                    "size": 482133,
                    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                }
            ]
        },
    )

    purpose: Purpose
    fileName: Annotated[str, AfterValidator(_file_name)]
    contentType: ContentType
    size: Annotated[int, Field(gt=0)]
    sha256: Annotated[str, AfterValidator(_sha256)]


class UploadForm(BaseModel):
    """A presigned S3 POST: send `fields` and then the file as multipart/form-data to `url`."""

    model_config = ConfigDict(defer_build=True)

    url: str
    fields: dict[str, str]
    expiresAt: datetime


class UploadTicket(BaseModel):
    model_config = ConfigDict(defer_build=True)

    attachmentId: str
    status: Status
    upload: UploadForm


class Download(BaseModel):
    model_config = ConfigDict(defer_build=True)

    url: str
    expiresAt: datetime


class Attachment(BaseModel):
    model_config = ConfigDict(defer_build=True)

    attachmentId: str
    purpose: Purpose
    fileName: str
    contentType: ContentType
    size: int
    sha256: str
    status: Status
    reason: str | None = None
    reasonCode: str | None = None
    createdAt: datetime
    storedAt: datetime | None = None
    download: Download | None = None


def _key(attachment_id: str) -> tuple[str, str]:
    return f"ATTACHMENT#{attachment_id}", "ATTACHMENT"


def _bucket() -> str:
    return aws.resource_name(BUCKET_ENV)


def object_key(attachment_id: str) -> str:
    return KEY_PREFIX + attachment_id


def check_rules(request: UploadRequest) -> None:
    """The purpose decides the file types and the largest size accepted (G7)."""
    rule = RULES[request.purpose]
    if request.contentType not in rule.types:
        raise Invalid(
            "attachment.type-not-allowed",
            field="contentType",
            params={"allowed": ", ".join(rule.types)},
        )
    if request.size > rule.max_bytes:
        raise Invalid("attachment.too-large", field="size", params={"maxMb": rule.max_bytes // MB})


def request_upload(request: UploadRequest, owner: Actor) -> UploadTicket:
    """Record a pending attachment and return the form that uploads exactly the declared file."""
    check_rules(request)
    attachment_id = uuid.uuid4().hex
    now = clock.now()
    form = aws.client("s3").generate_presigned_post(
        Bucket=_bucket(),
        Key=object_key(attachment_id),
        Fields={"Content-Type": request.contentType},
        Conditions=[
            {"Content-Type": request.contentType},
            ["content-length-range", request.size, request.size],
        ],
        ExpiresIn=UPLOAD_SECONDS,
    )
    item: Item = {
        "pk": _key(attachment_id)[0],
        "sk": _key(attachment_id)[1],
        "attachmentId": attachment_id,
        "owner": owner.id,
        **request.model_dump(),
        "status": "pending",
        "createdAt": clock.iso(now),
        "expiresAt": int((now + PENDING_TTL).timestamp()),
    }
    tx = Transaction()
    tx.put(PLATFORM, item)
    audit.record(
        tx,
        f"ATTACHMENT#{attachment_id}",
        "attachment-requested",
        owner,
        owner=owner.id,
        after={k: item[k] for k in ("purpose", "fileName", "contentType", "size", "sha256")},
    )
    tx.commit()
    return UploadTicket(
        attachmentId=attachment_id,
        status="pending",
        upload=UploadForm(
            url=form["url"],
            fields=form["fields"],
            expiresAt=now + timedelta(seconds=UPLOAD_SECONDS),
        ),
    )


def get(attachment_id: str) -> Item | None:
    return PLATFORM.get(*_key(attachment_id))


def of_owner(attachment_id: str, owner: str) -> Item:
    """The attachment if `owner` uploaded it; others learn nothing, not even that it exists."""
    item = get(attachment_id)
    if not item or item["owner"] != owner:
        raise NotFound("attachment.not-found", field="attachmentId")
    return item


def view(item: Item, lang: i18n.Lang = "az") -> Attachment:
    """The owner's view; a stored file comes with a short-lived link to that exact version."""
    download = _download(item) if item["status"] == "stored" else None
    reason_code = item.get("reason")
    return Attachment(
        attachmentId=item["attachmentId"],
        purpose=item["purpose"],
        fileName=item["fileName"],
        contentType=item["contentType"],
        size=item["size"],
        sha256=item["sha256"],
        status=item["status"],
        reasonCode=reason_code,
        reason=i18n.text(reason_code, lang) if reason_code else None,
        createdAt=clock.parse(item["createdAt"]),
        storedAt=clock.parse(item["storedAt"]) if item.get("storedAt") else None,
        download=download,
    )


class Document(BaseModel):
    """One file of an application as its reviewers are told of it; `sha256` is what they must
    find in the file they download (the signed request carries it, so the evidence proves what
    they were shown)."""

    model_config = ConfigDict(defer_build=True)

    attachmentId: str
    purpose: Purpose
    fileName: str
    contentType: ContentType
    size: int
    sha256: str


class ReviewerDownload(Document):
    download: Download


def _documents_key(subject: str) -> str:
    return f"ATTACHMENTS-OF#{subject}"


def documents(subject: str) -> list[Document]:
    """The files linked to `subject`, in a stable order (by attachment id)."""
    return [Document.model_validate(row) for row in PLATFORM.query_all(_documents_key(subject))]


def _download(row: Item) -> Download:
    url = aws.client("s3").generate_presigned_url(
        "get_object",
        Params={
            "Bucket": _bucket(),
            "Key": object_key(row["attachmentId"]),
            "VersionId": row["versionId"],
            "ResponseContentType": row["contentType"],
            "ResponseContentDisposition": "attachment; filename*=UTF-8''" + quote(row["fileName"]),
        },
        ExpiresIn=DOWNLOAD_SECONDS,
    )
    return Download(url=url, expiresAt=clock.now() + timedelta(seconds=DOWNLOAD_SECONDS))


def for_reviewer(
    subject: str, attachment_id: str, reviewer: Actor, basis: str, field: str = "attachmentId"
) -> ReviewerDownload:
    """A short-lived link to one of `subject`'s files for a reviewer the caller has admitted,
    audited on the attachment with the reviewer and `basis` (the decision or task)."""
    row = PLATFORM.get(_documents_key(subject), attachment_id)
    if row is None:
        raise NotFound("attachment.not-found", field=field)
    tx = Transaction()
    audit.record(
        tx,
        f"ATTACHMENT#{attachment_id}",
        "attachment-downloaded",
        reviewer,
        owner=row["owner"],
        basis=basis,
        after={"subject": subject, "sha256": row["sha256"], "versionId": row["versionId"]},
    )
    tx.commit()
    return ReviewerDownload.model_validate({**row, "download": _download(row)})


class StoredObject(BaseModel):
    """An object S3 reported created (from an `s3:ObjectCreated:*` record)."""

    model_config = ConfigDict(defer_build=True)

    key: str
    versionId: str | None = None


def _inspect(key: str, version_id: str | None) -> tuple[str, int, bytes, str]:
    """Version id, size, first bytes and SHA-256 of the object, streamed (files reach 20 MB)."""
    s3 = aws.client("s3")
    args: dict[str, Any] = {"Bucket": _bucket(), "Key": key}
    if version_id:
        args["VersionId"] = version_id
    response = s3.get_object(**args)
    digest = hashlib.sha256()
    head = b""
    size = 0
    for chunk in response["Body"].iter_chunks(_CHUNK):
        if len(head) < 16:
            head += chunk[: 16 - len(head)]
        digest.update(chunk)
        size += len(chunk)
    return str(response.get("VersionId") or version_id), size, head, digest.hexdigest()


def _mismatch(item: Item, size: int, head: bytes, sha256: str) -> str | None:
    if size != item["size"]:
        return "attachment.size-mismatch"
    if not head.startswith(_MAGIC[item["contentType"]]):
        return "attachment.type-mismatch"
    if sha256 != item["sha256"]:
        return "attachment.checksum-mismatch"
    return None


def verify_stored(stored: StoredObject) -> Status | None:
    """Check an uploaded object against its declaration and settle the attachment (G5).

    Returns the new status, or None when there is nothing to do: not one of our keys, an
    attachment forgotten since, or one already settled (duplicate or repeated upload).
    """
    if not stored.key.startswith(KEY_PREFIX):
        return None
    attachment_id = stored.key[len(KEY_PREFIX) :]
    item = get(attachment_id)
    if not item or item["status"] != "pending":
        return None
    # S3 names the version in the event; moto's events do not, and then the object read
    # reports the version it returned, which is the one recorded.
    version_id, size, head, sha256 = _inspect(stored.key, stored.versionId)
    reason = _mismatch(item, size, head, sha256)
    status: Status = "rejected" if reason else "stored"
    changes: Item = {"status": status, "versionId": version_id, "storedAt": clock.now_iso()}
    if reason:
        changes["reason"] = reason
    tx = Transaction()
    tx.update(
        PLATFORM,
        *_key(attachment_id),
        changes,
        expected={"status": "pending"},
        conflict=Conflict("attachment.not-found"),
        remove=("expiresAt",),
    )
    audit.record(
        tx,
        f"ATTACHMENT#{attachment_id}",
        f"attachment-{status}",
        Actor.system("attachments"),
        owner=item["owner"],
        before={"status": "pending"},
        after={"status": status, "versionId": version_id, "size": size, "sha256": sha256}
        | ({"reason": reason} if reason else {}),
    )
    try:
        tx.commit()
    except Conflict:
        return None  # another delivery of the same event settled it first
    return status


def link(
    tx: Transaction, attachment_id: str, owner: str, subject: str, field: str = "attachmentId"
) -> None:
    """Attach a stored attachment of `owner` to `subject` inside the caller's transaction.

    The transaction fails with a 409 naming `field` unless the attachment is stored, belongs to
    `owner` and is not linked to anything yet. The file's description joins the subject's
    `documents`, as stored (the conditions make sure it is this stored file).
    """
    item = get(attachment_id)
    if item is not None and item.get("versionId"):
        tx.put(
            PLATFORM,
            {
                "pk": _documents_key(subject),
                "sk": attachment_id,
                "owner": owner,
                "versionId": item["versionId"],
                **{k: item[k] for k in Document.model_fields},
            },
        )
    tx.update(
        PLATFORM,
        *_key(attachment_id),
        {"linkedTo": subject, "linkedAt": clock.now_iso()},
        expected={"status": "stored", "owner": owner, "linkedTo": None},
        conflict=Conflict("attachment.not-linkable", field=field),
    )
