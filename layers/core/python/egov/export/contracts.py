"""E-contracts between a local taxpayer and a foreign partner (X2; seed 001 part 2, §10.3.1).

Either side may author. The author names the two parties as the form does: the local party by
its VÖEN, which the platform fills from the registries (company name, legal form, address and
head from the tax registry; the head's surname, name and patronymic from the population registry)
and checks (an unknown VÖEN is a 404, an inactive taxpayer a 422, both naming `localVoen`); the
foreign partner by what it is abroad (company, country, registration number, representative,
e-mail), since no registry of ours holds foreign companies. A local author must be the head the
tax registry names for the VÖEN, known by the FIN an ASAN İmza login linked to their account
(`mobile_id.fin_of`); a foreign author is the signed-in non-resident, and the local party's cabinet
is then the account of the VÖEN's head (made on the spot, as the renewal's head's is).

No account is looked up by what the author types about the partner, so the answer is the same
whether the partner has an account or not (brief rule 7: no existence oracle). When the local
author has signed, the contract goes to the partner's e-mail with a one-time code; the partner,
signed in, accepts it with the code (`accept`) and it enters that cabinet. Only the code's SHA-256
is stored. The partner then signs with the key of its e-signature certificate, which must be its
own and `good` in the certificate registry at that moment (`certificates.queries`, E14).

The author completes the terms (a draft may be saved incomplete); signing checks completeness
and answers a 422 naming the first empty field. The author's signature freezes the document
(`contract_documents`), sends it to the other party's cabinet with an e-mail/SMS, and the other
party confirms with its own signature over the same digest: the local party with ASAN İmza PIN2
(`mobile_id.start_signing` / `signature`), the foreign party with the key of its e-signature
certificate. Both signed: `signed`, and `signed_contract` hands it to the export application.

Storage (ExportTable, base keys only):
- `CONTRACT#<id>` / `CONTRACT`: the contract, its parties' account ids (the foreign one once
  known) and its `version`.
- `PARTY#<userId>` / `CONTRACT#<createdAt>#<id>`: one item per party account (the cabinet's
  list, newest first): the author's at drafting, the other party's when the author has signed
  (the foreign partner's when it accepts the contract).
- `INVITATION#<sha256 of the code>` / `INVITATION`: the contract waiting for its partner.
Every change is one transaction with its audit entry (subject `EXPORT-CONTRACT#<id>`) and its
notice; only the two parties see a contract (G8), a stranger gets 404 and an audited refusal.
"""

import base64
import hashlib
import secrets
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from egov.export import texts as _texts  # noqa: F401  (registers the texts raised here)
from egov.export.contract_documents import (
    Base64,
    PartySignature,
    Side,
    Verification,
    digest,
    signs,
    verify,
)
from egov.platform import adapters, audit, auth, calendar, clock, i18n, mobile_id, notify
from egov.platform.adapters.gateways import check_email
from egov.platform.adapters.tax import Voen
from egov.platform.problems import Conflict, Forbidden, Invalid, NotFound
from egov.platform.repository import Item, Table, Transaction
from egov.platform.text import Text
from egov.platform.trade import Currency, HsCode

if TYPE_CHECKING:
    from egov.certificates.queries import SigningCertificate

EXPORT = Table("EXPORT_TABLE")
PAGE = 20
Status = Literal["draft", "awaiting-local", "awaiting-foreign", "signed"]
Incoterm = Literal[
    "EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"
]  # Incoterms 2020
Unit = Literal["kg", "t", "l", "m3", "pcs"]
OTHER: dict[Side, Side] = {"local": "foreign", "foreign": "local"}


def _country(value: str) -> str:
    import phonenumbers  # where a country is checked: ~60 modules no e-contract read needs

    if value not in phonenumbers.SUPPORTED_REGIONS:
        raise PydanticCustomError("country.invalid", "Not an ISO 3166-1 alpha-2 country code")
    if value == "AZ":
        raise PydanticCustomError("export.contract.foreign-country", "The partner is foreign")
    return value


Country = Annotated[str, Field(pattern="^[A-Z]{2}$"), AfterValidator(_country)]
Email = Annotated[str, Field(max_length=254), AfterValidator(check_email)]
Amount = Annotated[Decimal, Field(gt=0, max_digits=18, decimal_places=3)]


# One schema for a model read and answered (amounts are strings either way), so the API
# document names each model once whichever handler describes it.
class Model(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_mode_override="validation",
        defer_build=True,
    )


class View(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        json_schema_mode_override="validation",
        defer_build=True,
    )


class ForeignParty(Model):
    """The foreign partner as the author gives it (the platform has no registry of them); the
    contract reaches it at `email`, whatever account it has or will have on the portal."""

    company: Text
    country: Country
    registration_number: Annotated[Text, Field(max_length=40)] = Field(
        description="The partner's registration number in its own country"
    )
    representative: Text = Field(description="Who signs for the partner")
    email: Email


class Terms(Model):
    """What the parties agree; each member may be empty in a draft, none when signing."""

    subject: Text | None = None
    hs_code: HsCode | None = None
    quantity: Amount | None = None
    unit: Unit | None = None
    amount: Amount | None = Field(None, description="The contract's total value")
    currency: Currency | None = None
    incoterm: Incoterm | None = None
    delivery_by: date | None = None


class NewContract(Model):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "author": "local",
                    "localVoen": "1400500071",
                    "foreign": {
                        "company": "Frischmarkt GmbH",
                        "country": "DE",
                        "registrationNumber": "HRB 123456",
                        "representative": "Anna Berger",
                        "email": "anna.berger@frischmarkt.example",
                    },
                    "terms": {"subject": "Fındıq ləpəsi", "hsCode": "0802220000"},
                }
            ]
        }
    )

    author: Side
    local_voen: Voen
    foreign: ForeignParty
    terms: Terms = Field(default_factory=Terms)


class CertificateSignature(Model):
    """The non-resident's signature over the contract's digest with its certificate's key."""

    public_key: Base64 = Field(description="Ed25519 public key, base64 DER", max_length=200)
    signature: Base64 = Field(
        description="Ed25519 signature over the SHA-256, base64", max_length=200
    )


class Invitation(Model):
    """The code the partner received by e-mail with the contract (X2, §10.3.1.4)."""

    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{20,64}$")]


class LocalHead(View):
    """The head as the form shows him: by name, never by FIN (X2; a foreign author may name any
    VÖEN, brief rule 7)."""

    surname: str
    name: str
    patronymic: str


class Person(LocalHead):
    fin: str


class LocalParty(View):
    voen: str
    company: str
    legal_form: str
    address: str
    head: LocalHead


class LocalRecord(LocalParty):
    """The local party as stored: the head's FIN kept for the signature checks."""

    head: Person


class Contract(View):
    """A contract as its parties see it, with its signatures checked now."""

    id: str
    number: str
    status: Status
    author: Side
    your_side: Side
    local: LocalParty
    foreign: ForeignParty
    terms: Terms
    document: dict[str, Any] = Field(description="The canonical document the signatures cover")
    sha256: str
    signatures: list[PartySignature]
    verification: Verification
    created_at: str


class Summary(View):
    id: str
    number: str
    status: Status
    your_side: Side
    counterpart: str
    created_at: str


class Contracts(View):
    items: list[Summary]
    cursor: str | None = None


def _key(contract_id: str) -> tuple[str, str]:
    return f"CONTRACT#{contract_id}", "CONTRACT"


def _subject(contract_id: str) -> str:
    return f"EXPORT-CONTRACT#{contract_id}"


def _listing(item: Item, side: Side) -> tuple[str, str]:
    return f"PARTY#{item[side + 'User']}", f"CONTRACT#{item['createdAt']}#{item['id']}"


def _invitation_key(code: str) -> tuple[str, str]:
    return f"INVITATION#{hashlib.sha256(code.encode()).hexdigest()}", "INVITATION"


def _local_party(voen: str) -> LocalRecord:
    taxpayer = adapters.tax().taxpayer(voen, field="localVoen")
    if taxpayer.status != "active":
        raise Invalid("export.contract.taxpayer-inactive", field="localVoen")
    person = adapters.population().person(taxpayer.head.fin, field="localVoen")
    return LocalRecord(
        voen=taxpayer.voen,
        company=taxpayer.name,
        legal_form=taxpayer.legal_form,
        address=taxpayer.address,
        head=Person(
            fin=person.fin, surname=person.surname, name=person.name, patronymic=person.patronymic
        ),
    )


def _full_name(person: Person) -> str:
    return f"{person.surname} {person.name} {person.patronymic}"


def _refuse(caller: auth.Principal, contract_id: str) -> NotFound:
    """A stranger learns nothing, not even that the contract exists; the attempt is kept (G8)."""
    audit.append(
        auth.access_subject(caller.user_id),
        auth.ACCESS_REFUSED,
        caller.actor,
        owner=caller.user_id,
        after={"contract": contract_id},
    )
    return NotFound("export.contract.unknown", field="contractId")


def _load(contract_id: str, caller: auth.Principal) -> tuple[Item, Side]:
    item = EXPORT.get(*_key(contract_id))
    if item is None:
        raise NotFound("export.contract.unknown", field="contractId")
    for side in ("local", "foreign"):
        if item.get(f"{side}User") == caller.user_id:
            return item, side
    raise _refuse(caller, contract_id)


def _document(item: Item) -> dict[str, Any]:
    """The contract as signed: frozen at the author's signature, drawn from the draft before."""
    if item.get("document"):
        return dict(item["document"])
    return {
        "type": "export-contract",
        "id": item["id"],
        "number": item["number"],
        "title": "Xarici ticarət müqaviləsi / Foreign trade contract",
        "author": item["author"],
        "drawnUpAt": item["createdAt"],
        "parties": {"local": _without_fin(item["local"]), "foreign": item["foreign"]},
        "terms": item["terms"],
    }


def _without_fin(local: Item) -> Item:
    """The local party as the form shows it: the head by name only (X2, brief rule 7)."""
    return {**local, "head": {k: v for k, v in local["head"].items() if k != "fin"}}


def _check_head(caller: auth.Principal, voen: str) -> None:
    """The caller heads `voen` in the tax registry today (known by their ASAN İmza FIN), else 403."""
    fin = mobile_id.fin_of(caller.user_id)
    taxpayer = adapters.tax().taxpayer(voen, field="localVoen")
    if fin is None or taxpayer.head.fin != fin:
        audit.append(
            auth.access_subject(caller.user_id),
            auth.ACCESS_REFUSED,
            caller.actor,
            owner=caller.user_id,
            after={"service": "export-contract", "voen": voen},
        )
        raise Forbidden("export.contract.not-head", field="localVoen")


def draw_up(body: NewContract, caller: auth.Principal) -> Contract:
    """X2: the author's draft with both parties filled in and checked; nothing is sent yet."""
    local = _local_party(body.local_voen)
    users: dict[str, str] = {}
    if body.author == "local":
        _check_head(caller, local.voen)
        users["localUser"] = caller.user_id
    else:
        users["foreignUser"] = caller.user_id
        users["localUser"] = mobile_id.account_of(local.head.fin, _full_name(local.head))
        if users["localUser"] == caller.user_id:
            raise Invalid("export.contract.same-party", field="localVoen")
    now = clock.now_iso()
    contract_id = secrets.token_hex(8)
    item: Item = {
        "pk": _key(contract_id)[0],
        "sk": _key(contract_id)[1],
        "id": contract_id,
        "number": f"EM-{now[:4]}-{contract_id[:8].upper()}",
        "status": "draft",
        "author": body.author,
        "local": local.model_dump(mode="json", by_alias=True),
        "foreign": body.foreign.model_dump(mode="json", by_alias=True, exclude_none=True),
        "terms": body.terms.model_dump(mode="json", by_alias=True, exclude_none=True),
        **users,
        "signatures": {},
        "createdAt": now,
        "version": 1,
    }
    tx = Transaction()
    tx.put(EXPORT, item)
    tx.put(EXPORT, _list_item(item, body.author))
    audit.record(
        tx,
        _subject(contract_id),
        "export-contract-drawn-up",
        caller.actor,
        owner=caller.user_id,
        after={"number": item["number"], "author": body.author, "localVoen": local.voen},
    )
    tx.commit()
    return _shown(item, body.author)


def _list_item(item: Item, side: Side) -> Item:
    pk, sk = _listing(item, side)
    other = OTHER[side]
    counterpart = item["local"]["company"] if other == "local" else item["foreign"]["company"]
    return {
        "pk": pk,
        "sk": sk,
        "id": item["id"],
        "number": item["number"],
        "status": item["status"],
        "yourSide": side,
        "counterpart": counterpart,
        "createdAt": item["createdAt"],
    }


def complete_terms(contract_id: str, terms: Terms, caller: auth.Principal) -> Contract:
    """X2: the author fills in the terms of the draft (the whole set, replaced)."""
    item, side = _load(contract_id, caller)
    if side != item["author"]:
        raise Forbidden("export.contract.not-author", field="contractId")
    if item["status"] != "draft":
        raise Conflict("export.contract.not-editable", field="contractId")
    stored = terms.model_dump(mode="json", by_alias=True, exclude_none=True)
    tx = Transaction()
    tx.update(
        EXPORT,
        *_key(contract_id),
        {"terms": stored, "version": item["version"] + 1},
        expected={"version": item["version"], "status": "draft"},
        conflict=Conflict("export.contract.changed", field="contractId"),
    )
    audit.record(
        tx, _subject(contract_id), "export-contract-terms", caller.actor, owner=caller.user_id
    )
    tx.commit()
    return _shown({**item, "terms": stored, "version": item["version"] + 1}, side)


def _check_complete(item: Item) -> None:
    terms = item["terms"]
    for name, info in Terms.model_fields.items():
        alias = info.alias or name
        if terms.get(alias) in (None, ""):
            raise Invalid("export.contract.incomplete", field=f"terms.{alias}")
    if date.fromisoformat(terms["deliveryBy"]) < calendar.today():
        raise Invalid("export.contract.delivery-past", field="terms.deliveryBy")


def _signable(item: Item, side: Side) -> None:
    """The side may sign now: the author a complete draft, the other party once the author has."""
    waiting = "draft" if side == item["author"] else f"awaiting-{side}"
    if item["status"] != waiting:
        raise Conflict("export.contract.not-your-turn", field="contractId")
    if item["status"] == "draft":
        _check_complete(item)


def start_asan_signature(
    contract_id: str, caller: auth.Principal, language: i18n.Lang
) -> mobile_id.Challenge:
    """X2: the local party's head is asked on their phone to sign the document's SHA-256 (PIN2)."""
    item, side = _load(contract_id, caller)
    if side != "local":
        raise Forbidden("export.contract.other-signer", field="contractId")
    _signable(item, side)
    _check_head(caller, item["local"]["voen"])
    sim = mobile_id.sim_of(caller.user_id)
    if sim is None:
        raise Forbidden("export.contract.asan-login-required")
    return mobile_id.start_signing(
        sim,
        digest(_document(item)),
        caller.user_id,
        i18n.text("export.contract.sign.text", language, {"number": item["number"]}),
    )


def complete_asan_signature(
    contract_id: str, session_id: str, caller: auth.Principal
) -> Contract | mobile_id.Pending:
    """X2: the head's PIN2 signature, checked over the document as it is now, is applied."""
    item, side = _load(contract_id, caller)
    if side != "local":
        raise Forbidden("export.contract.other-signer", field="contractId")
    signed = mobile_id.signature(session_id, caller.user_id)
    if isinstance(signed, mobile_id.Pending):
        return signed
    if signed.fin != item["local"]["head"]["fin"]:
        raise Forbidden("export.contract.other-signer", field="sessionId")
    signature = PartySignature(
        side="local",
        method="asan-imza",
        digest=signed.digest,
        signature=signed.signature,
        public_key=signed.public_key,
        signer=f"{signed.fin} {signed.name}",
        signed_at=signed.signed_at,
    )
    return _apply(item, side, signature, caller, mismatch=Conflict("export.contract.changed"))


def certificate_signature(
    contract_id: str, body: CertificateSignature, caller: auth.Principal
) -> Contract:
    """X2: the non-resident signs with its e-signature certificate's key; checked at once."""
    item, side = _load(contract_id, caller)
    if side != "foreign":
        raise Forbidden("export.contract.other-signer", field="contractId")
    _signable(item, side)
    holder = _certificate_holder(body.public_key, caller)
    signature = PartySignature(
        side="foreign",
        method="certificate",
        digest=base64.b64encode(digest(_document(item))).decode(),
        signature=body.signature,
        public_key=body.public_key,
        signer=f"{holder.holder_name}, {item['foreign']['company']}",
        signed_at=clock.now_iso(),
        certificate=holder.serial,
    )
    mismatch = Invalid("export.contract.signature-invalid", field="signature")
    return _apply(item, side, signature, caller, mismatch=mismatch)


def _certificate_holder(public_key: str, caller: auth.Principal) -> "SigningCertificate":
    """X2, E14: the key is that of an e-signature certificate in the registry, `good` now (not
    suspended, revoked or expired), issued to the caller; else a 422 naming `publicKey`."""
    from egov.certificates import queries  # one route needs the registry (cold start)

    try:
        der = base64.b64decode(public_key, validate=True)
    except ValueError:
        raise Invalid("export.contract.signature-invalid", field="publicKey") from None
    found = queries.signing_certificate(hashlib.sha256(der).hexdigest())
    if found is None or found.status.cert_status == "unknown":
        raise Invalid("export.contract.certificate-unknown", field="publicKey")
    if found.status.cert_status != "good":
        raise Invalid(
            "export.contract.certificate-not-good",
            field="publicKey",
            params={"status": found.status.registry_status or found.status.cert_status},
        )
    if found.holder_user_id != caller.user_id:
        raise Invalid("export.contract.certificate-not-yours", field="publicKey")
    return found


def _apply(
    item: Item,
    side: Side,
    signature: PartySignature,
    caller: auth.Principal,
    *,
    mismatch: Invalid | Conflict,
) -> Contract:
    """One signature applied in one transaction: the contract, both parties' lists, the audit
    entry and the notice to the other party."""
    _signable(item, side)
    document = _document(item)
    if not signs(signature, document):
        raise mismatch
    if any(s["publicKey"] == signature.public_key for s in item["signatures"].values()):
        # The other party's signature copied from the contract would verify too.
        raise Invalid("export.contract.same-key", field="publicKey")
    other = OTHER[side]
    status: Status = "signed" if item["signatures"] else f"awaiting-{other}"  # type: ignore[assignment]
    signatures = {
        **item["signatures"],
        side: signature.model_dump(mode="json", by_alias=True, exclude_none=True),
    }
    after: Item = {
        **item,
        "status": status,
        "document": document,
        "signatures": signatures,
        "version": item["version"] + 1,
    }
    tx = Transaction()
    tx.update(
        EXPORT,
        *_key(item["id"]),
        {
            "status": status,
            "document": document,
            "signatures": signatures,
            "version": after["version"],
        },
        expected={"version": item["version"], "status": item["status"]},
        conflict=Conflict("export.contract.changed", field="contractId"),
    )
    tx.update(EXPORT, *_listing(item, side), {"status": status})
    if status == "signed":
        tx.update(EXPORT, *_listing(item, other), {"status": status})
    elif after.get(f"{other}User"):
        tx.put(EXPORT, _list_item(after, other))
    audit.record(
        tx,
        _subject(item["id"]),
        "export-contract-signed",
        caller.actor,
        owner=caller.user_id,
        after={"side": side, "method": signature.method, "status": status},
    )
    _notify(tx, after, other, signer=signature.signer)
    tx.commit()
    return _shown(after, side)


def _notify(tx: Transaction, item: Item, to: Side, *, signer: str) -> None:
    """X2 (§10.3.1.4): the other party's cabinet, and its e-mail and/or SMS; a partner not yet
    known gets the contract at its e-mail with the code that accepts it."""
    user_id = item.get(f"{to}User")
    if user_id is None:
        _invite(tx, item, signer=signer)
        return
    account = auth.account(user_id) or {}
    email = item["foreign"]["email"] if to == "foreign" else account.get("email")
    key = (
        "notice.export-contract-signed"
        if item["status"] == "signed"
        else ("notice.export-contract-received")
    )
    notify.send(
        user_id,
        key,
        {"number": item["number"], "author": signer, "signer": signer},
        email=email,
        sms=account.get("mobile"),
        subject_ref=_subject(item["id"]),
        tx=tx,
    )


def _invite(tx: Transaction, item: Item, *, signer: str) -> None:
    code = secrets.token_urlsafe(24)
    pk, sk = _invitation_key(code)
    tx.put(EXPORT, {"pk": pk, "sk": sk, "contractId": item["id"], "createdAt": clock.now_iso()})
    notify.send_to_address(
        "notice.export-contract-invitation",
        {"number": item["number"], "author": signer, "code": code},
        email=item["foreign"]["email"],
        subject_ref=_subject(item["id"]),
        tx=tx,
    )


def accept(body: Invitation, caller: auth.Principal) -> Contract:
    """X2 (§10.3.1.4): the partner, signed in, accepts the contract with the code it received by
    e-mail; the contract enters its cabinet and waits for its certificate signature. An unknown
    or used code is a 404 naming `code`, whoever asks."""
    invitation = EXPORT.get(*_invitation_key(body.code))
    item = EXPORT.get(*_key(invitation["contractId"])) if invitation else None
    if item is None or item.get("foreignUser") or item["status"] != "awaiting-foreign":
        raise NotFound("export.contract.invitation-unknown", field="code")
    if item["localUser"] == caller.user_id:
        raise Invalid("export.contract.same-party", field="code")
    after: Item = {**item, "foreignUser": caller.user_id, "version": item["version"] + 1}
    tx = Transaction()
    tx.update(
        EXPORT,
        *_key(item["id"]),
        {"foreignUser": caller.user_id, "version": after["version"]},
        expected={"version": item["version"], "status": "awaiting-foreign"},
        conflict=NotFound("export.contract.invitation-unknown", field="code"),
    )
    tx.delete(EXPORT, *_invitation_key(body.code))
    tx.put(EXPORT, _list_item(after, "foreign"))
    audit.record(
        tx,
        _subject(item["id"]),
        "export-contract-accepted",
        caller.actor,
        owner=caller.user_id,
        after={"side": "foreign"},
    )
    tx.commit()
    return _shown(after, "foreign")


def _signatures(item: Item) -> list[PartySignature]:
    return [
        PartySignature.model_validate(item["signatures"][side])
        for side in ("local", "foreign")
        if side in item["signatures"]
    ]


def _shown(item: Item, side: Side) -> Contract:
    document = _document(item)
    signatures = _signatures(item)
    return Contract(
        id=item["id"],
        number=item["number"],
        status=item["status"],
        author=item["author"],
        your_side=side,
        local=LocalParty.model_validate(item["local"]),
        foreign=ForeignParty.model_validate(item["foreign"]),
        terms=Terms.model_validate(item["terms"]),
        document=document,
        sha256=digest(document).hex(),
        signatures=signatures,
        verification=verify(document, signatures),
        created_at=item["createdAt"],
    )


def contract(contract_id: str, caller: auth.Principal) -> Contract:
    """X2, G8: the contract, only to its two parties; its signatures checked as it is read."""
    item, side = _load(contract_id, caller)
    return _shown(item, side)


def of_party(caller: auth.Principal, cursor: str | None = None, limit: int = PAGE) -> Contracts:
    """The caller's contracts, newest first: one Query."""
    page = EXPORT.query(
        f"PARTY#{caller.user_id}",
        sk_prefix="CONTRACT#",
        cursor=cursor,
        limit=limit,
        newest_first=True,
    )
    return Contracts(items=[Summary.model_validate(i) for i in page.items], cursor=page.cursor)


def signed_contract(contract_id: str, owner_voen: str) -> dict[str, Any] | None:
    """For the export application and the customs declaration (X4, X5): the contract both parties
    signed whose local party is `owner_voen`, as `{id, number, sha256, document, signatures}`
    (signatures in the stored camelCase form); None if there is none such. The caller checks that
    its own user may act for `owner_voen`."""
    item = EXPORT.get(*_key(contract_id))
    if item is None or item["status"] != "signed" or item["local"]["voen"] != owner_voen:
        return None
    document = _document(item)
    return {
        "id": item["id"],
        "number": item["number"],
        "sha256": digest(document).hex(),
        "document": document,
        "signatures": [item["signatures"]["local"], item["signatures"]["foreign"]],
    }
