"""Mobile-ID: logging in and signing with ASAN İmza (R1, R6; the customs and export services'
login too, C1, X3).

A login is one round trip with the ASAN İmza service (`egov.platform.adapters.asan_imza`):
`start_login` sends the person's number, their 6-digit user ID and a fresh random hash; the page
shows the verification code the phone shows; the person confirms with PIN1; `complete_login`
polls until the service answers, checks that the certificate in the answer chains to ASXM's CA
(the trust anchor in the SSM parameter named by ASAN_IMZA_CA_PARAMETER), is valid today and is not
on the CA's revocation list, checks the Ed25519 signature over our hash by that certificate's key,
and issues the platform's session for the account of the FIN in that
certificate (made on the first login: a citizen account without a password, linked to the FIN by
the guard `FIN#<fin>`). Signing a document (PIN2) is the same round trip with the document's
SHA-256: `start_signing` / `signature`, and only the signed-in person can sign for themselves;
the signer's certificate is checked as a login's is (ASXM's chain, validity at the moment of
signing, the CA's current revocation list), so a forged or wrongly chained signature is refused
before any service (renewal, export contracts) keeps it.

A session is ours, not the provider's: `MOBILEID#<id>` / `SESSION` in PLATFORM_TABLE, under an
unguessable id, holding the hash, the number, the purpose and the owner, forgotten by the table's
TTL after `SESSION_SECONDS`. Its answer is claimed once (pending → the result, conditionally), so
one confirmation gives one token or one signature. A number gets at most `REQUESTS_PER_NUMBER`
requests in `REQUEST_WINDOW` seconds (429 after), since each one rings the person's phone.
"""

import base64
import hashlib
import secrets
from datetime import timedelta
from typing import Literal

from pydantic import ConfigDict, Field

from egov.platform import adapters, audit, auth, clock, i18n, login, ratelimit
from egov.platform.adapters.asan import (
    Session,
    UserId,
    certificate_problem,
    trust_anchor,
    verification_code,
    verified,
    verify_signature,
)
from egov.platform.adapters.mobile import MobileNumber
from egov.platform.models import View
from egov.platform.problems import Conflict, Forbidden, Gone, NotFound, Problem, Unauthorized
from egov.platform.repository import Item, Transaction
from egov.platform.secrets import parameter

SESSION_SECONDS = 5 * 60
# Each request rings the person's phone: a stranger who knows the number must not flood it.
REQUESTS_PER_NUMBER = 5
REQUEST_WINDOW = 15 * 60
Purpose = Literal["login", "sign"]
MOBILE_ID = audit.Actor.system("mobile-id")

i18n.register(
    {
        "mobile-id.session-unknown": {
            "az": "Bu ASAN İmza sorğusu tapılmadı və ya vaxtı bitib; yenidən başlayın",
            "en": "No such ASAN İmza request, or it has expired; please start again",
        },
        "mobile-id.session-used": {
            "az": "Bu ASAN İmza sorğusunun cavabı artıq alınıb",
            "en": "This ASAN İmza request has already been answered",
        },
        "mobile-id.refused": {
            "az": "Sorğu telefonda imtina edildi",
            "en": "The request was refused on the phone",
        },
        "mobile-id.timeout": {
            "az": "Telefonda vaxtında təsdiq edilmədi; yenidən cəhd edin",
            "en": "The request was not confirmed on the phone in time; please try again",
        },
        "mobile-id.sim-not-active": {
            "az": "Bu nömrədə ASAN İmza xidməti aktiv deyil; mobil operatora müraciət edin",
            "en": "ASAN İmza is not active on this number; please contact your mobile operator",
        },
        "mobile-id.not-client": {
            "az": "Mobil nömrə və ya istifadəçi ID-si düzgün deyil",
            "en": "The mobile number or the user ID is not correct",
        },
        "mobile-id.signature-invalid": {
            "az": "ASAN İmza cavabındakı imza yoxlanışdan keçmədi",
            "en": "The signature in the ASAN İmza answer does not verify",
        },
        "mobile-id.certificate-untrusted": {
            "az": "ASAN İmza sertifikatı ASXM tərəfindən verilməyib",
            "en": "The ASAN İmza certificate was not issued by ASXM",
        },
        "mobile-id.certificate-expired": {
            "az": "ASAN İmza sertifikatının müddəti bitib və ya hələ başlamayıb",
            "en": "The ASAN İmza certificate has expired or is not yet valid",
        },
        "mobile-id.certificate-revoked": {
            "az": "ASAN İmza sertifikatı ləğv edilib",
            "en": "The ASAN İmza certificate has been revoked",
        },
        "mobile-id.other-signer": {
            "az": "İmza daxil olmuş şəxsin ASAN İmzası ilə verilməlidir",
            "en": "The signature must be given with the signed-in person's own ASAN İmza",
        },
        "mobile-id.too-many-requests": {
            "az": "Bu nömrəyə çox sayda sorğu göndərilib; {seconds} saniyədən sonra yoxlayın",
            "en": "Too many requests to this number; try again in {seconds} s",
        },
        "mobile-id.login.text": {
            "az": "e-gov.az portalına giriş",
            "en": "Sign in to e-gov.az",
        },
    }
)

_OUTCOMES: dict[str, Problem] = {
    "USER_REFUSED": Unauthorized("mobile-id.refused", field="sessionId"),
    "TIMEOUT": Unauthorized("mobile-id.timeout", field="sessionId"),
    "SIM_NOT_ACTIVE": Forbidden("mobile-id.sim-not-active", field="phoneNumber"),
    "NOT_CLIENT": Unauthorized("mobile-id.not-client", field="userId"),
}


class Start(View):
    """The ASAN İmza number and the SIM's user ID, as the login page asks for them (R1)."""

    model_config = ConfigDict(
        defer_build=True,
        json_schema_extra={"examples": [{"phoneNumber": "+994552345678", "userId": "240117"}]},
    )

    phone_number: MobileNumber
    user_id: UserId


class Challenge(View):
    session_id: str = Field(description="Poll this session until it is answered")
    verification_code: str = Field(description="Show it: the phone shows the same four digits")
    expires_at: str


class Pending(View):
    status: Literal["pending"] = "pending"
    verification_code: str


class Signature(View):
    """A document hash signed with the person's ASAN İmza (PIN2), verifiable by anyone."""

    digest: str = Field(description="SHA-256 of the signed document, base64")
    signature: str = Field(description="Ed25519 signature over the digest, base64")
    public_key: str = Field(description="The signer's public key, base64 DER")
    fin: str
    name: str
    phone_number: str
    signed_at: str


def _key(session_id: str) -> tuple[str, str]:
    return f"MOBILEID#{session_id}", "SESSION"


def fin_guard(fin: str) -> str:
    return f"FIN#{fin}"


def _link(user_id: str) -> tuple[str, str]:
    return f"USER#{user_id}", "FIN"


def link_fin(
    user_id: str, fin: str, sim: Start | None = None, *, tx: Transaction | None = None
) -> None:
    """Link an account to the person's FIN (and the SIM they log in with), as an ASAN İmza login
    does: the item `fin_of` and `sim_of` read. In `tx` if given, else at once; the FIN's guard
    is the caller's (a login writes it, a test or demo account may share a FIN)."""
    item: Item = {"pk": _link(user_id)[0], "sk": _link(user_id)[1], "fin": fin}
    if sim is not None:
        item |= {"phoneNumber": sim.phone_number, "userId": sim.user_id}
    if tx is None:
        auth.PLATFORM.put(item)
    else:
        tx.put(auth.PLATFORM, item, new=False)


def _start(body: Start, purpose: Purpose, digest: bytes, text: str, owner: str | None) -> Challenge:
    ratelimit.take(
        auth.PLATFORM,
        f"MOBILEID-NUMBER#{body.phone_number}",
        limit=REQUESTS_PER_NUMBER,
        window_seconds=REQUEST_WINDOW,
        key="mobile-id.too-many-requests",
        field="phoneNumber",
    )
    provider = adapters.asan_imza()
    if purpose == "login":
        provider_session = provider.authenticate(body.phone_number, body.user_id, digest, text)
    else:
        provider_session = provider.sign(body.phone_number, body.user_id, digest, text)
    session_id = secrets.token_urlsafe(24)
    expires = clock.real_now() + timedelta(seconds=SESSION_SECONDS)
    auth.PLATFORM.put(
        {
            "pk": _key(session_id)[0],
            "sk": _key(session_id)[1],
            "purpose": purpose,
            "owner": owner,
            "phoneNumber": body.phone_number,
            "userId": body.user_id,
            "providerSession": provider_session,
            "digest": base64.b64encode(digest).decode(),
            "state": "pending",
            "expiresAt": int(expires.timestamp()),
        }
    )
    return Challenge(
        session_id=session_id,
        verification_code=verification_code(digest),
        expires_at=clock.iso(expires),
    )


def _answer(session_id: str, purpose: Purpose, owner: str | None) -> tuple[Item, Session | None]:
    """The session and the provider's answer (None while the person has not answered), claimed
    once; a refusal, a timeout, a bad signature or a certificate not good at this moment (R1,
    R6) is the problem the caller gets."""
    stored = auth.PLATFORM.get(*_key(session_id))
    if (
        stored is None
        or stored["purpose"] != purpose
        or stored.get("owner") != owner
        or int(stored["expiresAt"]) < clock.real_now().timestamp()
    ):
        raise NotFound("mobile-id.session-unknown", field="sessionId")
    if stored["state"] != "pending":
        raise Gone("mobile-id.session-used", field="sessionId")
    answer = adapters.asan_imza().session(stored["providerSession"])
    if answer.state == "RUNNING":
        return stored, None
    moment = clock.now()
    if answer.result == "OK":
        # The CA's current list before the claim: if none can be had (503), the answer stays
        # unclaimed and the same session can be completed once the CA publishes again.
        anchor = trust_anchor(parameter("ASAN_IMZA_CA_PARAMETER"))
        revoked = adapters.asan_imza().revoked(anchor, moment)
    result = answer.result or "TIMEOUT"
    auth.PLATFORM.update(
        *_key(session_id),
        {"state": result},
        expected={"state": "pending"},
        conflict=Gone("mobile-id.session-used", field="sessionId"),
    )
    if result in _OUTCOMES:
        raise _OUTCOMES[result]
    digest = base64.b64decode(stored["digest"])
    if (
        not verified(answer, digest)
        or answer.cert is None
        or answer.cert.phone_number != stored["phoneNumber"]
    ):
        raise Unauthorized("mobile-id.signature-invalid", field="sessionId")
    # The answer is the moment of the login or of the signing: the certificate must chain to
    # ASXM's CA (the configured anchor, never one from the answer), be valid then, not revoked.
    problem = certificate_problem(answer.cert, anchor, revoked, moment)
    if problem is not None:
        raise Unauthorized(f"mobile-id.certificate-{problem}", field="sessionId")
    return stored, answer


def start_login(body: Start, language: i18n.Lang = "az") -> Challenge:
    """R1: ask the person's phone to confirm a login with PIN1."""
    return _start(
        body, "login", secrets.token_bytes(32), i18n.text("mobile-id.login.text", language), None
    )


def complete_login(session_id: str) -> login.AccessToken | Pending:
    """R1: the platform's session once the person confirmed; `Pending` until then."""
    stored, answer = _answer(session_id, "login", None)
    if answer is None or answer.cert is None:
        return Pending(verification_code=verification_code(base64.b64decode(stored["digest"])))
    user_id = account_of(answer.cert.fin, answer.cert.name, answer.cert.phone_number)
    # The SIM the person logs in with is the one a later signature (PIN2) is asked of.
    auth.PLATFORM.update(
        *_link(user_id), {"phoneNumber": stored["phoneNumber"], "userId": stored["userId"]}
    )
    account = auth.account(user_id)
    if account is None or account["status"] == "closed":
        raise Unauthorized("mobile-id.not-client", field="userId")
    if account["status"] == "restricted":
        raise Forbidden("auth.restricted")
    return login.access_token(account)


def account_of(fin: str, name: str, mobile: str | None = None) -> str:
    """The user id of the FIN's account; a citizen account is made for a first login."""
    for _ in range(2):
        found = auth.PLATFORM.get(fin_guard(fin), "GUARD")
        if found:
            return str(found["owner"])
        user_id = auth.new_user_id()
        tx = Transaction()
        auth.add_account(
            tx,
            user_id=user_id,
            username=f"asan.{fin.lower()}",
            password=None,
            role="citizen",
            name=name,
            mobile=mobile,
        )
        tx.guard(auth.PLATFORM, fin_guard(fin), user_id, Conflict("account.changed", field="fin"))
        link_fin(user_id, fin, tx=tx)
        audit.record(
            tx,
            f"USER#{user_id}",
            "account-created",
            MOBILE_ID,
            owner=user_id,
            after={"via": "asan-imza"},
        )
        try:
            tx.commit()
        except Conflict:
            continue  # a parallel first login made it: read it
        return user_id
    raise Conflict("account.changed", field="fin")


def fin_of(user_id: str) -> str | None:
    """The FIN an account was linked to by an ASAN İmza login, if any."""
    found = auth.PLATFORM.get(*_link(user_id))
    return str(found["fin"]) if found else None


def sim_of(user_id: str) -> Start | None:
    """The ASAN İmza number and user ID the person last logged in with, if any."""
    found = auth.PLATFORM.get(*_link(user_id))
    if not found or not found.get("userId"):
        return None
    return Start(phone_number=found["phoneNumber"], user_id=found["userId"])


def start_signing(body: Start, digest: bytes, owner: str, text: str) -> Challenge:
    """R6: ask the signed-in person's phone to sign `digest` (SHA-256) with PIN2."""
    return _start(body, "sign", digest, text, owner)


def signature(session_id: str, owner: str) -> Signature | Pending:
    """R6: the signature once given (by the owner's own ASAN İmza); `Pending` until then."""
    stored, answer = _answer(session_id, "sign", owner)
    if answer is None or answer.cert is None or answer.signature is None:
        return Pending(verification_code=verification_code(base64.b64decode(stored["digest"])))
    holder = auth.PLATFORM.get(fin_guard(answer.cert.fin), "GUARD")
    if holder is None or holder["owner"] != owner:
        raise Forbidden("mobile-id.other-signer", field="phoneNumber")
    return Signature(
        digest=stored["digest"],
        signature=answer.signature.value,
        public_key=answer.cert.public_key,
        fin=answer.cert.fin,
        name=answer.cert.name,
        phone_number=answer.cert.phone_number,
        signed_at=clock.now_iso(),
    )


def digest_of(document: bytes) -> bytes:
    return hashlib.sha256(document).digest()


def check(signed: Signature, document: bytes) -> bool:
    """Whether `signed` is a valid signature of `document` (anyone can check it later)."""
    digest = digest_of(document)
    return base64.b64encode(digest).decode() == signed.digest and verify_signature(
        signed.public_key, signed.signature, digest
    )
