"""E-contracts between a local taxpayer and a foreign partner (X2) on moto with the template
provisioned, the registries and ASAN İmza from their simulators over real HTTP; and the ASAN
İmza login serving the export and customs services (C1, X3).

Seed 001 part 2, §10.3.1: "elektron müqavilə pəncərəsində istifadəçiyə aid zəruri məlumatlar
... portal tərəfindən iştirakçıların informasiya sistemlərindən götürülərək əks olunur; sistem
məlumatların tamlığını yoxlayır ...; elektron imza ilə təsdiqlənir; ... qarşı tərəfin elektron
kabinetinə göndərilir və bu barədə onun elektron poçt ünvanına bildiriş və (və ya) mobil
telefonuna SMS göndərilir; xarici biznes tərəfdaşlarının tərtib etdiyi elektron müqavilə ...
təsdiqlənir".
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from egov.certificates import issuance, registry
from egov.certificates.models import Basis, Carrier, Holder, IssueRequest
from egov.export import contracts
from egov.platform import accounts, adapters, audit, auth, mobile_id, secrets
from egov.platform.repository import Table
from tests.conftest import LocalAws
from tests.helpers import call

ELSHAN_SIM = {"phoneNumber": "+994501234567", "userId": "315402"}  # FIN 5ZK8M2P, confirms
GUNAY_SIM = {"phoneNumber": "+994552345678", "userId": "240117"}  # FIN 2HQ4R7T, heads nothing
GOYGOL = "1400500071"  # "Göygöl Aqro" MMC, headed by 5ZK8M2P in the tax simulator
TERMS = {
    "subject": "Qovrulmuş fındıq ləpəsi",
    "hsCode": "0802220000",
    "quantity": "12.5",
    "unit": "t",
    "amount": "87500.00",
    "currency": "EUR",
    "incoterm": "FCA",
    "deliveryBy": "2031-03-31",
}


@pytest.fixture
def systems(local_aws: LocalAws, simulators: str) -> Iterator[LocalAws]:
    adapters.forget()
    secrets.forget()
    yield local_aws
    adapters.forget()
    secrets.forget()


def asan_login(local_aws: LocalAws, sim: dict[str, str]) -> tuple[str, str]:
    """C1, X3: the ASAN İmza login (PIN1) through the platform's routes; (token, user id)."""
    status, challenge, _ = call(local_aws, "POST", "/auth/mobile-id", body=sim)
    assert status == 201
    for _ in range(10):  # the simulator answers after a set number of polls
        status, answer, _ = call(local_aws, "POST", f"/auth/mobile-id/{challenge['sessionId']}")
        if status != 202:
            assert status == 200, answer
            return answer["accessToken"], answer["userId"]
    raise AssertionError("the login never left pending")


class Partner:
    """A non-resident with a portal account and the Ed25519 key of its e-signature certificate,
    registered in the certificate registry (E12) unless `certified` is False."""

    def __init__(self, *, certified: bool = True) -> None:
        self.username = f"frischmarkt-{uuid.uuid4().hex[:6]}"
        self.email = f"anna.berger.{uuid.uuid4().hex[:6]}@frischmarkt.example"
        self.user_id = accounts.create(
            accounts.NewAccount(
                username=self.username,
                password="Partner-password-2026",
                role="citizen",
                name="Anna Berger",
                email=self.email,
            ),
            audit.Actor.system("test"),
        )
        stored = auth.account(self.user_id)
        assert stored is not None
        self.token = auth.issue_token(auth.Principal.of(stored))
        self.key = Ed25519PrivateKey.generate()
        self.serial = self.certify(self.key) if certified else None

    def public_der(self, key: Ed25519PrivateKey | None = None) -> bytes:
        public = (key or self.key).public_key()
        return public.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)

    def certify(self, key: Ed25519PrivateKey, holder_user_id: str | None = None) -> str:
        """An E-imza token certificate of the key, issued to this partner (or to another)."""
        request = IssueRequest(
            center="EIMZA",
            holder=Holder(
                name="Anna Berger",
                virtual_fin="V7BERG1",
                user_id=holder_user_id or self.user_id,
            ),
            carrier=Carrier(kind="token", id="T-8811"),
            use="business",
            public_key=base64.b64encode(self.public_der(key)).decode(),
            disclosure_consent=False,
            embassy="EMB-DE",
            application_id=f"APP-{time.monotonic_ns()}",
        )
        return issuance.issue(request, audit.Actor.system("test")).serial

    def party(self) -> dict[str, str]:
        return {
            "company": "Frischmarkt GmbH",
            "country": "DE",
            "registrationNumber": "HRB 123456",
            "representative": "Anna Berger",
            "email": self.email,
        }

    def invitation(self) -> str:
        """X2 (§10.3.1.4): the code in the e-mail the partner got with the contract (tests may
        scan; request paths never do)."""
        sent = [
            m
            for m in Table("PLATFORM_TABLE").scan_prefix("NOTIFICATION#")
            if m.get("key") == "notice.export-contract-invitation" and m["to"] == self.email
        ]
        assert len(sent) == 1, sent
        found = re.search(r"[:] ([A-Za-z0-9_-]{20,64})\.", sent[0]["text"])
        assert found, sent[0]["text"]
        return found.group(1)

    def accept(self, local_aws: LocalAws) -> Any:
        body = {"code": self.invitation()}
        status, accepted, _ = call(
            local_aws, "POST", "/export/contracts/acceptance", token=self.token, body=body
        )
        assert status == 200, accepted
        return accepted

    def signature(self, sha256_hex: str) -> dict[str, str]:
        public = self.key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        return {
            "publicKey": base64.b64encode(public).decode(),
            "signature": base64.b64encode(self.key.sign(bytes.fromhex(sha256_hex))).decode(),
        }


def asan_sign(local_aws: LocalAws, token: str, contract_id: str) -> tuple[int, Any]:
    path = f"/export/contracts/{contract_id}/asan-signature"
    status, challenge, _ = call(local_aws, "POST", path, token=token)
    if status != 201:
        return status, challenge
    assert len(challenge["verificationCode"]) == 4
    for _ in range(10):
        status, answer, _ = call(local_aws, "POST", f"{path}/{challenge['sessionId']}", token=token)
        if status != 202:
            return status, answer
    raise AssertionError("the signature never left pending")


def drawn_and_signed(local_aws: LocalAws, token: str, partner: Partner | None = None) -> Any:
    """A complete contract of Göygöl Aqro drawn up and signed with ASAN İmza by its head (token
    of `asan_login(ELSHAN_SIM)`); confirmed too when a partner is given. The contract as shown."""
    partner_body = (partner or Partner()).party()
    body = {"author": "local", "localVoen": GOYGOL, "foreign": partner_body, "terms": TERMS}
    status, drawn, _ = call(local_aws, "POST", "/export/contracts", token=token, body=body)
    assert status == 201, drawn
    status, signed = asan_sign(local_aws, token, drawn["id"])
    assert status == 200, signed
    if partner is None:
        return signed
    partner.accept(local_aws)
    path = f"/export/contracts/{drawn['id']}/certificate-signature"
    confirm = partner.signature(signed["sha256"])
    status, both, _ = call(local_aws, "POST", path, token=partner.token, body=confirm)
    assert status == 200 and both["status"] == "signed", both
    return both


def canonical_sha256(document: dict[str, Any]) -> str:
    """Recomputed here as a relying party would, without the platform's code."""
    data = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def test_x2_local_author_signs_the_foreign_partner_confirms(systems: LocalAws) -> None:
    """X2: registries fill the local party; completeness named by field; PIN2; the partner's
    cabinet and e-mail; the partner's certificate signature; a document anyone can verify."""
    token, user_id = asan_login(systems, ELSHAN_SIM)
    partner = Partner()
    body = {
        "author": "local",
        "localVoen": GOYGOL,
        "foreign": partner.party(),
        "terms": {"subject": TERMS["subject"]},
    }
    status, drawn, _ = call(systems, "POST", "/export/contracts", token=token, body=body)
    assert status == 201, drawn
    assert drawn["status"] == "draft" and drawn["yourSide"] == "local"
    assert drawn["local"] == {
        "voen": GOYGOL,
        "company": '"Göygöl Aqro" MMC',
        "legalForm": "Məhdud Məsuliyyətli Cəmiyyət",
        "address": "Bakı şəhəri, Yasamal rayonu, Şərifzadə küçəsi 120",
        "head": {
            "surname": "Məmmədov",
            "name": "Elşən",
            "patronymic": "Rəşid oğlu",
        },
    }
    contract_id = drawn["id"]

    # Completeness: an incomplete draft is not signed, the problem names the first empty field.
    status, problem = asan_sign(systems, token, contract_id)
    assert (status, problem["code"], problem["errors"][0]["field"]) == (
        422,
        "export.contract.incomplete",
        "terms.hsCode",
    )
    # The partner is not told about a draft.
    assert call(systems, "GET", "/export/contracts", token=partner.token)[1]["items"] == []

    terms_path = f"/export/contracts/{contract_id}/terms"
    status, _, _ = call(systems, "PUT", terms_path, token=partner.token, body=TERMS)
    assert status == 404  # not a party before it accepts what the author sent
    status, completed, _ = call(systems, "PUT", terms_path, token=token, body=TERMS)
    assert status == 200 and completed["terms"]["amount"] == "87500.00"

    # The partner has no part in the contract before the author sent it.
    early = partner.signature(completed["sha256"])
    status, problem, _ = call(
        systems,
        "POST",
        f"/export/contracts/{contract_id}/certificate-signature",
        token=partner.token,
        body=early,
    )
    assert (status, problem["code"]) == (404, "export.contract.unknown")

    status, signed = asan_sign(systems, token, contract_id)
    assert status == 200, signed
    assert signed["status"] == "awaiting-foreign"
    (local_signature,) = signed["signatures"]
    assert local_signature["method"] == "asan-imza" and local_signature["signer"].startswith(
        "5ZK8M2P"
    )
    assert signed["verification"]["signatures"][0]["valid"] is True
    assert signed["verification"]["valid"] is False  # one party only
    assert canonical_sha256(signed["document"]) == signed["sha256"]
    # Signed, the document is frozen: the terms are no longer editable.
    status, problem, _ = call(systems, "PUT", terms_path, token=token, body=TERMS)
    assert (status, problem["code"]) == (409, "export.contract.not-editable")

    # §10.3.1.4: to the partner's e-mail with a code; accepted with it, into its cabinet.
    code = partner.invitation()
    status, problem, _ = call(
        systems, "POST", "/export/contracts/acceptance", token=token, body={"code": code}
    )
    assert (status, problem["errors"][0]["field"]) == (422, "code")  # not to the author itself
    accepted = partner.accept(systems)
    assert accepted["status"] == "awaiting-foreign" and accepted["yourSide"] == "foreign"
    status, problem, _ = call(
        systems, "POST", "/export/contracts/acceptance", token=partner.token, body={"code": code}
    )
    assert (status, problem["code"]) == (404, "export.contract.invitation-unknown")  # used
    status, listed, _ = call(systems, "GET", "/export/contracts", token=partner.token)
    assert status == 200
    assert [(c["id"], c["status"], c["yourSide"], c["counterpart"]) for c in listed["items"]] == [
        (contract_id, "awaiting-foreign", "foreign", '"Göygöl Aqro" MMC')
    ]

    # A signature over another document does not verify over this one.
    sign_path = f"/export/contracts/{contract_id}/certificate-signature"
    forged = partner.signature(hashlib.sha256(b"another contract").hexdigest())
    status, problem, _ = call(systems, "POST", sign_path, token=partner.token, body=forged)
    assert (status, problem["errors"][0]["field"]) == (422, "signature")
    status, problem, _ = call(
        systems, "POST", sign_path, token=token, body=partner.signature(signed["sha256"])
    )
    assert status == 403  # the local side does not sign for the partner

    replayed = {k: local_signature[k] for k in ("publicKey", "signature")}
    status, problem, _ = call(systems, "POST", sign_path, token=partner.token, body=replayed)
    assert (status, problem["errors"][0]["field"]) == (422, "publicKey")  # not its own signature

    status, both, _ = call(
        systems, "POST", sign_path, token=partner.token, body=partner.signature(signed["sha256"])
    )
    assert status == 200, both
    assert both["status"] == "signed" and both["verification"]["valid"] is True
    assert [s["side"] for s in both["signatures"]] == ["local", "foreign"]
    inbox = call(systems, "GET", "/me/inbox", token=token)[1]["items"]
    assert "Elektron müqavilə hər iki tərəfcə imzalandı" in [i["title"] for i in inbox]

    # Anyone verifies: the public route recomputes from what it is sent, no login.
    check = {"document": both["document"], "signatures": both["signatures"]}
    status, verified, _ = call(systems, "POST", "/export/contracts/verification", body=check)
    assert status == 200 and verified["valid"] is True and verified["sha256"] == both["sha256"]
    tampered = json.loads(json.dumps(check))
    tampered["document"]["terms"]["amount"] = "8750.00"
    status, verified, _ = call(systems, "POST", "/export/contracts/verification", body=tampered)
    assert status == 200 and verified["valid"] is False
    assert [s["valid"] for s in verified["signatures"]] == [False, False]

    # X4/X5 take the contract from here, only for its own VÖEN.
    attached = contracts.signed_contract(contract_id, GOYGOL)
    assert attached is not None and attached["sha256"] == both["sha256"]
    assert contracts.signed_contract(contract_id, "1700400081") is None

    # Audited, with each step's actor.
    trail = audit.trail(f"EXPORT-CONTRACT#{contract_id}").items
    assert [e["action"] for e in trail] == [
        "export-contract-drawn-up",
        "export-contract-terms",
        "export-contract-signed",
        "export-contract-accepted",
        "export-contract-signed",
    ]
    assert trail[0]["actorId"] == user_id


def test_x2_the_author_learns_nothing_of_the_partners_account(systems: LocalAws) -> None:
    """X2, brief rule 7: the partner is named as the form names it (company, country,
    registration number, representative, e-mail), never by a portal account, so drawing up and
    signing answer the same whether the partner has an account or not; the contract reaches the
    partner's e-mail with a code either way. Nothing is looked up by what the author typed."""
    token, _ = asan_login(systems, ELSHAN_SIM)
    known = Partner()  # has an account whose e-mail is the one named
    unknown = {**known.party(), "email": f"nobody.{uuid.uuid4().hex[:6]}@elsewhere.example"}
    shown = []
    for foreign in (known.party(), unknown):
        body = {"author": "local", "localVoen": GOYGOL, "foreign": foreign, "terms": TERMS}
        status, drawn, _ = call(systems, "POST", "/export/contracts", token=token, body=body)
        status_signed, signed = asan_sign(systems, token, drawn["id"])
        shown.append((status, drawn, status_signed, signed))
    (s1, drawn1, t1, signed1), (s2, drawn2, t2, signed2) = shown
    assert (s1, t1) == (s2, t2) == (201, 200)
    varying = {"id", "number", "createdAt", "document", "sha256", "signatures", "verification"}

    def same(answer: dict[str, Any]) -> dict[str, Any]:
        answer = {k: v for k, v in answer.items() if k not in varying}
        return answer | {"foreign": {**answer["foreign"], "email": "…"}}

    assert same(drawn1) == same(drawn2) and same(signed1) == same(signed2)
    assert sorted(drawn1) == sorted(drawn2) and sorted(signed1) == sorted(signed2)
    # The unknown address gets the same e-mail; the code is all it takes.
    assert known.invitation()
    status, problem, _ = call(
        systems, "POST", "/export/contracts/acceptance", token=known.token, body={"code": "x" * 32}
    )
    assert (status, problem["code"]) == (404, "export.contract.invitation-unknown")


def test_x2_e14_the_partners_certificate_is_checked_in_the_registry(systems: LocalAws) -> None:
    """X2: "qeyri-rezidentin elektron imza sertifikatı"; E14: the signing key's certificate must
    be in the registry, `good` at the moment of signing (not suspended, revoked or expired), and
    the signer's own. Each refusal is a 422 naming `publicKey`, and nothing changes."""
    token, _ = asan_login(systems, ELSHAN_SIM)
    partner = Partner()
    body = {"author": "local", "localVoen": GOYGOL, "foreign": partner.party(), "terms": TERMS}
    drawn = call(systems, "POST", "/export/contracts", token=token, body=body)[1]
    sent = asan_sign(systems, token, drawn["id"])[1]
    partner.accept(systems)
    path = f"/export/contracts/{drawn['id']}/certificate-signature"
    digest = bytes.fromhex(sent["sha256"])

    def sign_with(key: Ed25519PrivateKey) -> tuple[int, Any]:
        body = {
            "publicKey": base64.b64encode(partner.public_der(key)).decode(),
            "signature": base64.b64encode(key.sign(digest)).decode(),
        }
        status, answer, _ = call(systems, "POST", path, token=partner.token, body=body)
        return status, answer

    def refused(status: int, answer: Any) -> tuple[int, str, str]:
        return status, answer["code"], answer["errors"][0]["field"]

    unregistered = Ed25519PrivateKey.generate()
    assert refused(*sign_with(unregistered)) == (
        422,
        "export.contract.certificate-unknown",
        "publicKey",
    )
    someone_elses = Ed25519PrivateKey.generate()
    partner.certify(someone_elses, holder_user_id="someone-else")
    assert refused(*sign_with(someone_elses)) == (
        422,
        "export.contract.certificate-not-yours",
        "publicKey",
    )
    for action in ("suspend", "revoke", "expire"):
        key = Ed25519PrivateKey.generate()
        cert, _ = registry.load(partner.certify(key))
        basis = Basis(kind="application", id=f"APP-{action}")
        after = registry.transition(cert, action, basis, "center", "keyCompromise")
        registry.commit(cert, after, f"certificate-{action}", audit.Actor.system("test"))
        assert refused(*sign_with(key)) == (
            422,
            "export.contract.certificate-not-good",
            "publicKey",
        )
    assert call(systems, "GET", f"/export/contracts/{drawn['id']}", token=token)[1]["status"] == (
        "awaiting-foreign"
    )

    status, both = sign_with(partner.key)
    assert status == 200 and both["status"] == "signed", both
    foreign = both["signatures"][1]
    assert foreign["certificate"] == partner.serial
    assert foreign["signer"] == "Anna Berger, Frischmarkt GmbH"


def test_x2_the_foreign_partner_authors_and_the_head_confirms(systems: LocalAws) -> None:
    """X2 (§10.3.1.5): a contract the foreign partner drew up goes to the cabinet of the
    VÖEN's head, who confirms it with ASAN İmza."""
    partner = Partner()
    body = {"author": "foreign", "localVoen": GOYGOL, "foreign": partner.party(), "terms": TERMS}
    status, drawn, _ = call(systems, "POST", "/export/contracts", token=partner.token, body=body)
    assert status == 201, drawn
    # The form fills the head's name, company and VÖEN, never his FIN: the author may be anyone
    # who names the VÖEN (brief rule 7).
    assert drawn["local"]["head"]["surname"] and "5ZK8M2P" not in json.dumps(drawn)
    status, sent, _ = call(
        systems,
        "POST",
        f"/export/contracts/{drawn['id']}/certificate-signature",
        token=partner.token,
        body=partner.signature(drawn["sha256"]),
    )
    assert status == 200 and sent["status"] == "awaiting-local"

    token, _ = asan_login(systems, ELSHAN_SIM)  # the head's cabinet: the account of his FIN
    listed = call(systems, "GET", "/export/contracts", token=token)[1]["items"]
    assert [(c["id"], c["yourSide"]) for c in listed] == [(drawn["id"], "local")]
    terms_path = f"/export/contracts/{drawn['id']}/terms"
    status, _, _ = call(systems, "PUT", terms_path, token=token, body=TERMS)
    assert status == 403  # only the author completes the terms
    status, signed = asan_sign(systems, token, drawn["id"])
    assert status == 200 and signed["status"] == "signed"
    assert signed["verification"]["valid"] is True


def test_g8_only_the_parties_see_a_contract_and_only_the_head_authors(
    systems: LocalAws,
) -> None:
    """G8: a stranger gets 404 (audited), a person who does not head the VÖEN gets 403."""
    token, _ = asan_login(systems, ELSHAN_SIM)
    partner = Partner()
    body = {"author": "local", "localVoen": GOYGOL, "foreign": partner.party()}
    contract_id = call(systems, "POST", "/export/contracts", token=token, body=body)[1]["id"]

    stranger, stranger_id = asan_login(systems, GUNAY_SIM)
    status, problem, _ = call(systems, "GET", f"/export/contracts/{contract_id}", token=stranger)
    assert (status, problem["code"]) == (404, "export.contract.unknown")
    refused = audit.trail(auth.access_subject(stranger_id)).items
    assert refused[-1]["action"] == auth.ACCESS_REFUSED
    assert call(systems, "GET", f"/export/contracts/{contract_id}", token=token)[0] == 200

    status, problem, _ = call(systems, "POST", "/export/contracts", token=stranger, body=body)
    assert (status, problem["code"], problem["errors"][0]["field"]) == (
        403,
        "export.contract.not-head",
        "localVoen",
    )
    # Logged in by password, with no FIN linked: not the head either.
    status, _, _ = call(systems, "POST", "/export/contracts", token=partner.token, body=body)
    assert status == 403
    assert call(systems, "GET", "/export/contracts")[0] == 401


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"localVoen": "1900000021"}, 404, "localVoen"),  # valid, not in the tax registry
        ({"localVoen": "9901000071"}, 422, "localVoen"),  # liquidated
        ({"foreign": {"username": "frischmarkt"}}, 422, "foreign.username"),  # not on the form
        ({"foreign": {"email": None}}, 422, "foreign.email"),
        ({"foreign": {"country": "AZ"}}, 422, "foreign.country"),
        ({"foreign": {"country": "XX"}}, 422, "foreign.country"),
        ({"foreign": {"email": "not-an-address"}}, 422, "foreign.email"),
        ({"terms": {"currency": "ABC"}}, 422, "terms.currency"),
        ({"terms": {"hsCode": "7700000000"}}, 422, "terms.hsCode"),
    ],
)
def test_x2_party_data_are_checked_and_named(
    systems: LocalAws, change: dict[str, Any], status: int, field: str
) -> None:
    """X2 (§10.3.1.2), G7: every refusal is a problem naming its field; nothing is stored."""
    token, _ = asan_login(systems, ELSHAN_SIM)
    partner = Partner()
    body: dict[str, Any] = {"author": "local", "localVoen": GOYGOL, "foreign": partner.party()}
    for name, value in change.items():
        body[name] = {**body.get(name, {}), **value} if isinstance(value, dict) else value
    body["foreign"] = {k: v for k, v in body["foreign"].items() if v is not None}
    answered, problem, _ = call(systems, "POST", "/export/contracts", token=token, body=body)
    assert (answered, problem["errors"][0]["field"]) == (status, field), problem
    assert call(systems, "GET", "/export/contracts", token=token)[1]["items"] == []


def test_c1_x3_the_asan_imza_login_serves_customs_and_export(systems: LocalAws) -> None:
    """C1: "ASAN imza (mobil imza)" is one of the customs list's logins; X3/§10.1: the portal's
    transactional services are entered with an electronic signature. One ASAN İmza login gives
    a session both services accept, and the FIN it links is the one customs checks."""
    token, user_id = asan_login(systems, ELSHAN_SIM)
    assert mobile_id.fin_of(user_id) == "5ZK8M2P"
    status, goods, _ = call(systems, "GET", "/customs/goods", token=token, query={"voen": GOYGOL})
    assert status == 200 and goods["importer"]["voen"] == GOYGOL
    assert call(systems, "GET", "/export/contracts", token=token)[0] == 200
