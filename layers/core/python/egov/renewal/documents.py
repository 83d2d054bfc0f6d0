"""The renewal's documents (R6, R9): signed JSON, not PDF/A (docs/renewal.md says why).

Each document is a JSON object in one canonical form (keys sorted, no spaces, UTF-8 kept as is,
so that "Məmmədov" is the bytes a person reads, and no null members), and its SHA-256 is what a signature covers.
Several documents signed at once (the application and the contract, R6) are bound by a
*manifest* listing each document's name and hash, as an ASiC container's manifest does: one PIN2
confirmation signs the manifest, and whoever holds the documents can recompute every hash.

What ASXM hands back (the new certificate, the countersigned contract, the activation notice;
R9) is sealed by ASXM's key (`ASXM_SEAL_KEY_SECRET`, an Ed25519 seed in Secrets Manager), whose
public half `seal_public_key` anyone may use to check the seal.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from typing import TYPE_CHECKING, Any

from egov.platform import secrets
from egov.platform.adapters.asan import verify_signature

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

CONTRACT_TITLE = "Sertifikat xidmətlərinin göstərilməsinə dair Müqavilə"
CONTRACT_TERMS = [
    "1. ASXM İstifadəçiyə «Asan İmza» sertifikatlarını və onlarla bağlı sertifikat xidmətlərini "
    "«Elektron imza və elektron sənəd haqqında» Azərbaycan Respublikasının Qanununa uyğun "
    "göstərir.",
    "2. Sertifikat mobil operatorda xidmətin aktivləşdirildiyi gündən 3 (üç) il müddətinə "
    "etibarlıdır.",
    "3. İstifadəçi PİN və PUK kodlarını gizli saxlamağa, SİM-kartın itirilməsi və ya kodların "
    "başqasına məlum olması halında dərhal ASXM-ə müraciət etməyə borcludur.",
    "4. Köhnə sertifikatın müddəti bitdikdən sonra 30 gün ərzində xidmət mobil operatorda "
    "aktivləşdirilmədikdə müraciət ləğv olunur.",
    "5. Müqavilə İstifadəçinin qüvvədə olan «Asan İmza»sı ilə imzalandığı andan qüvvəyə minir.",
]


def _pruned(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def canonical(document: dict[str, Any]) -> bytes:
    """The bytes a signature covers; an absent member and a null one are the same (the
    registry keeps no nulls)."""
    return json.dumps(
        _pruned(document), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


def sha256(document: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(document)).hexdigest()


def manifest(documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What one signature over several documents covers: each one's name and hash."""
    return {
        "type": "manifest",
        "documents": [{"name": name, "sha256": sha256(doc)} for name, doc in documents.items()],
    }


def contract(number: str, parties: dict[str, Any], certificate: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "contract",
        "number": number,
        "title": CONTRACT_TITLE,
        "parties": parties,
        "certificate": certificate,
        "terms": CONTRACT_TERMS,
    }


def attorney(number: str, given_to: dict[str, Any], organisation: dict[str, Any]) -> dict[str, Any]:
    """R7: the power of attorney the head signs as it is; the head never edits it."""
    return {
        "type": "power-of-attorney",
        "number": number,
        "title": "Etibarnamə",
        "organisation": organisation["taxpayer"],
        "head": organisation["head"],
        "givenTo": given_to,
        "purpose": "«Asan İmza» sertifikatının yenilənməsi üçün ASXM-ə müraciət",
    }


def signed_by_holder(documents: dict[str, dict[str, Any]], signature: dict[str, Any]) -> bool:
    """Whether the holder's ASAN İmza signature covers exactly these documents' manifest."""
    digest = hashlib.sha256(canonical(manifest(documents))).digest()
    return base64.b64encode(digest).decode() == signature["digest"] and verify_signature(
        signature["publicKey"], signature["signature"], digest
    )


@functools.cache
def _seal_key(seed: str) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed.encode()).digest())


def seal_public_key() -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = _seal_key(secrets.secret("ASXM_SEAL_KEY_SECRET")).public_key()
    return base64.b64encode(
        raw.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    ).decode()


def seal(document: dict[str, Any]) -> dict[str, Any]:
    """The document with ASXM's seal: Ed25519 over the SHA-256 of its canonical form."""
    digest = hashlib.sha256(canonical(document)).digest()
    key = _seal_key(secrets.secret("ASXM_SEAL_KEY_SECRET"))
    return {
        "document": document,
        "seal": {
            "by": "ASXM",
            "algorithm": "Ed25519",
            "digest": base64.b64encode(digest).decode(),
            "signature": base64.b64encode(key.sign(digest)).decode(),
            "publicKey": seal_public_key(),
        },
    }


def seal_holds(sealed: dict[str, Any]) -> bool:
    digest = hashlib.sha256(canonical(sealed["document"])).digest()
    seal_ = sealed["seal"]
    return base64.b64encode(digest).decode() == seal_["digest"] and verify_signature(
        seal_["publicKey"], seal_["signature"], digest
    )
