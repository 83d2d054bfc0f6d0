"""An issued export permit as a signed document of its own (X4, X5; seed 001 part 2, §10.3.3.6:
"icazə onu verən orqanın rəhbəri və ya onun həvalə etdiyi vəzifəli şəxs tərəfindən elektron imza
ilə təsdiqlənərək istifadəçinin elektron kabinetinə göndərilir"; §10.3.3.8: the system attaches
it to the customs declaration).

When the agency's answer issues a permit, the permit is written as a JSON document in the one
canonical form the free-sale certificate and the e-contract use (keys sorted, no spaces, UTF-8 as
is), bilingual where it speaks: the exporter, the goods it covers, the agency, the deciding
official (the answering account, the head or their delegate) and the decision it rests on. It is
signed Ed25519 over its SHA-256 with the agency's permit key: a seed derived (HKDF-SHA256, the
agency code in `info`) from the Secrets Manager secret `EXPORT_PERMIT_SIGNING_KEY_SECRET`, never
stored, so each agency's key is its own and one agency's key cannot sign another's permit.
Whoever holds the document and the agency's public key recomputes the digest and checks the
signature (`holds`); a document altered after signing does not verify.

A permit deemed issued by the agency's silence (the rules table's `onSilence`, the Law on
Licences and Permits) has a document too, of type `export-permit-deemed`: no official signed
it, so it names the deadline that passed and the law, and the platform signs it with a key of
its own (derived the same way, `platform` in `info`), never with the agency's.

Stored in ExportTable beside the application (as the free-sale certificate is):
`PERMIT#<applicationId>#<code>` / `DOCUMENT` with the document, its signature and its owner.
The application's permit carries `{number, sha256}`, and the customs declaration the same, by
reference (X5).
"""

from __future__ import annotations

import base64
import functools
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import Field

from egov.export import free_sale_document as canonical_form
from egov.export import records
from egov.export import texts as _texts  # noqa: F401  (registers the texts raised here)
from egov.export.models import Application, Model, Permit, PermitDocumentRef
from egov.platform import audit, auth, clock, secrets
from egov.platform.problems import NotFound
from egov.platform.repository import Transaction

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_SECRET = "EXPORT_PERMIT_SIGNING_KEY_SECRET"
ALGORITHM = "Ed25519"
ISSUED, DEEMED = "export-permit", "export-permit-deemed"
# The key holder of a permit no official signed; the signature's `agency` names the holder.
PLATFORM = "platform"


class PermitDocument(Model):
    """An issued permit as the exporter downloads it: the document, the agency's signature
    block, and whether that signature holds over this very document now."""

    number: str
    document: dict[str, Any] = Field(description="The canonical document the signature covers")
    signature: dict[str, str] = Field(
        description="algorithm, digest (SHA-256, base64), signature and the agency's publicKey"
    )
    valid: bool


def key(application_id: str, code: str) -> tuple[str, str]:
    return f"PERMIT#{application_id}#{code}", "DOCUMENT"


def number_of(application_id: str, code: str) -> str:
    return f"ICZ-{application_id}-{code}"


@functools.cache
def _key(material: str, agency: str) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    seed = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=f"egov.az export permit Ed25519 {agency}".encode(),
    ).derive(material.encode())
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key(agency: str) -> str:
    """The agency's permit key, raw 32 bytes in base64."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = (
        _key(secrets.secret(KEY_SECRET), agency)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )
    return base64.b64encode(raw).decode()


def sign(document: dict[str, Any], agency: str) -> dict[str, str]:
    hashed = canonical_form.digest(document)
    signature = _key(secrets.secret(KEY_SECRET), agency).sign(hashed)
    return {
        "algorithm": ALGORITHM,
        "agency": agency,
        "digest": base64.b64encode(hashed).decode(),
        "signature": base64.b64encode(signature).decode(),
        "publicKey": public_key(agency),
    }


def holds(document: dict[str, Any], signature: dict[str, str]) -> bool:
    """Whether `signature` is over exactly `document` by whoever must sign it: the permit's
    agency for an issued permit, the platform for one deemed issued."""
    signer = PLATFORM if document.get("type") == DEEMED else document.get("agency", {}).get("code")
    if not signer or signature.get("agency") != signer:
        return False
    return canonical_form.signed_by(document, signature, public_key(signer))


def _about(application: Application, permit: Permit) -> dict[str, Any]:
    """What any permit document says: which permit, to whom, for which goods."""
    goods = application.model_dump(mode="json", by_alias=True)["goods"]
    return {
        "number": number_of(application.application_id, permit.code),
        "applicationId": application.application_id,
        "permit": permit.code,
        "title": permit.name.model_dump(),
        "clause": permit.clause,
        "agency": {"code": permit.agency},
        "exporter": {"voen": application.exporter.voen, "name": application.exporter.name},
        "destination": application.destination,
        "goods": [
            {k: goods[i][k] for k in ("hsCode", "description", "quantity", "unit")}
            for i in permit.items
        ],
    }


def document(application: Application, permit: Permit, answer: dict[str, Any]) -> dict[str, Any]:
    """The permit as the agency issues it: what, to whom, for which goods, on which decision."""
    decided_at: datetime = (
        clock.parse(answer["decidedAt"]) if answer.get("decidedAt") else clock.now()
    )
    return {
        "type": ISSUED,
        **_about(application, permit),
        "decisionId": answer.get("decisionId") or "",
        "issuedAt": clock.iso(decided_at),
        "signedBy": {
            "userId": answer.get("decidedBy") or "",
            "position": {
                "az": "Orqanın rəhbəri və ya həvalə etdiyi vəzifəli şəxs",
                "en": "The agency's head or a delegated official",
            },
        },
    }


def deemed(application: Application, permit: Permit) -> dict[str, Any]:
    """A permit the agency's silence issued: nobody at the agency signed it, so the platform
    attests what the law rests on, the request and the deadline that passed unanswered."""
    return {
        "type": DEEMED,
        **_about(application, permit),
        "deadline": permit.model_dump(mode="json", by_alias=True)["deadline"],
        "deemedIssuedAt": clock.now_iso(),
        "basis": {
            "az": "«Lisenziyalar və icazələr haqqında» Azərbaycan Respublikasının Qanunu: "
            "icazə verən orqan müəyyən edilmiş müddətdə cavab vermədikdə icazə verilmiş hesab "
            "olunur (susma razılıq əlamətidir)",
            "en": "Law of the Republic of Azerbaijan on Licences and Permits: a permit the "
            "agency has not answered within the set period is deemed issued (silence is "
            "consent)",
        },
        "signedBy": {
            "position": {
                "az": "Elektron hökumət platformasının operatoru (orqanın susmasını təsdiq edir)",
                "en": "The e-government platform's operator (attesting the agency's silence)",
            },
        },
    }


def issue(
    tx: Transaction, application: Application, permit: Permit, answer: dict[str, Any]
) -> PermitDocumentRef:
    """X4: the issued permit written and signed as part of the answer's transaction."""
    return _store(tx, application, document(application, permit, answer), permit.agency)


def deem(tx: Transaction, application: Application, permit: Permit) -> PermitDocumentRef:
    """X4: a permit deemed issued by silence, attested and signed by the platform as part of
    the transaction that records it, so customs gets a document for it as for any other."""
    return _store(tx, application, deemed(application, permit), PLATFORM)


def _store(
    tx: Transaction, application: Application, signed: dict[str, Any], signer: str
) -> PermitDocumentRef:
    pk, sk = key(application.application_id, signed["permit"])
    tx.put(
        records.EXPORT,
        {
            "pk": pk,
            "sk": sk,
            "owner": application.owner,
            "number": signed["number"],
            "document": signed,
            "signature": sign(signed, signer),
        },
    )
    return PermitDocumentRef(number=signed["number"], sha256=canonical_form.digest(signed).hex())


def download(application: Application, code: str, caller: auth.Principal) -> PermitDocument:
    """X4, G8: the owner's permit document (the caller owns `application`), its reading audited;
    a permit with no document (pending, refused) is a 404 naming `code`."""
    stored = records.EXPORT.get(*key(application.application_id, code))
    if stored is None or stored["owner"] != caller.user_id:
        raise NotFound("export.permit.no-document", field="code")
    audit.append(
        records.subject(application.application_id),
        "export-permit-document-read",
        caller.actor,
        owner=application.owner,
        after={"permit": code, "number": stored["number"]},
    )
    return PermitDocument(
        number=stored["number"],
        document=stored["document"],
        signature=stored["signature"],
        valid=holds(stored["document"], stored["signature"]),
    )
