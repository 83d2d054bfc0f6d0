"""ASAN İmza, the mobile e-signature service (R1, R6), shaped after the Mobile-ID REST interface
that such services publish: the relying party (the platform) starts a session, the person's SIM
shows a verification code and asks for a PIN, and the relying party polls the session.

`POST /authentication` (PIN1) and `POST /signature` (PIN2) take `{phoneNumber, userId, hash,
hashType: "SHA256", displayText}` (`hash` base64, 32 bytes) and answer `{sessionId}`. The phone
displays the verification code computed from the hash (the public Mobile-ID rule, the same
four digits the platform's page shows). `GET /session/<id>` is `{"state": "RUNNING"}` while the
person has not answered, then `{"state": "COMPLETE", "result": ...}`:

| result           | when                                                                  |
|------------------|-----------------------------------------------------------------------|
| `OK`             | confirmed with the PIN: `signature` (Ed25519 over the hash, base64)    |
|                  | and `cert` (public key as base64 DER, FIN, name, phone, key usage)     |
| `USER_REFUSED`   | the person pressed "cancel" on the phone                              |
| `TIMEOUT`        | the person never answered                                             |
| `SIM_NOT_ACTIVE` | the SIM's ASAN İmza service is not active (not yet, or no longer)      |
| `NOT_CLIENT`     | no ASAN İmza on this number, or the user ID is not this SIM's          |

A wrong user ID answers like an unknown number, so the service tells no stranger which numbers
have ASAN İmza. What a SIM's holder does is its `scenario` in data/asan_imza.json (`confirm`,
`refuse`, `timeout`); the session stays `RUNNING` for `pendingPolls` polls (default 1) before its
result, so a client must poll, as with the real service, and tests need no clock.

Every SIM has two real Ed25519 key pairs, authentication (PIN1) and signing (PIN2), derived from
the number and the SIM's `generation`, so the local stack's certificate registry can hold their
public keys (`public_key_der`). `GET /sims/<phone>` shows a SIM and its public keys;
`POST /sims/<phone>` sets `scenario`, `pendingPolls`, `status` for a demo or a test;
`GET /session/<id>/display` is what the phone shows (the verification code and text).

Certificates (R1): every answer's `cert.certificate` is the signer's X.509 certificate (DER,
base64), issued by the local ASXM CA (`ca_certificate`, an Ed25519 key fixed by a seed, so its
certificate is the same on every start and the stack can hand it to the platform as the trust
anchor) for the SIM's current key, subject name and FIN. `GET /crl` is the CA's signed
certificate revocation list (`{"crl": base64 DER}`), issued now on the stack's clock with its next
update a day later; `POST /crl` `{"state": "stale"}` serves instead one whose next update passed a
day ago (a CA that stopped publishing), `"down"` answers 503, `"fresh"` is the default again. A
SIM's `certificate` (`POST /sims/<phone>`) makes its certificate `valid`, `expired` (ended
yesterday), `not-yet-valid` (begins tomorrow), `revoked` (listed in the CRL) or `untrusted` (the
same names signed by another key, as a forger's would be); its `signature` `forged` makes every
answer's signature one by another key than the certificate's (R6: the failures a relying party
must refuse, each one producible).

The mobile operator's counter (R8): `POST /sims/<phone>/activation` is the holder getting a
duplicate SIM with the service activated for the next 3 years: the SIM's next `generation` (new
keys) is active, and the operator's report `{phoneNumber, fin, operator, activatedAt, publicKey}`
(the new signing key) is POSTed to `<api>/renewal/operator-activations`, signed with Standard
Webhooks `v1` under the secret named by `OPERATOR_CALLBACK_SECRET`; a 5xx or no answer is
retried twice. The answer tells how the report's delivery went.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.x509.oid import NameOID
from flask import Flask, abort, jsonify, request

from devstack.simulators._data import load
from devstack.simulators._signing import post_signed
from egov.platform import clock
from egov.platform.adapters.asan import verification_code

Usage = Literal["authentication", "signing"]
PHONE = re.compile(r"\+994[0-9]{9}")
USER_ID = re.compile(r"[0-9]{6}")
SCENARIOS = ("confirm", "refuse", "timeout")
CERTIFICATES = ("valid", "expired", "not-yet-valid", "revoked", "untrusted")
SIGNATURES = ("genuine", "forged")
CRL_STATES = ("fresh", "stale", "down")
CA_NAME = x509.Name(
    [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "AZ"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ASXM"),
        x509.NameAttribute(NameOID.COMMON_NAME, "ASXM Local Root CA"),
    ]
)
# A certificate's life when the SIM's data names none: long enough for any virtual clock.
VALID_FROM, VALID_TO = datetime(2020, 1, 1, tzinfo=UTC), datetime(2045, 1, 1, tzinfo=UTC)
OUTCOME = {"confirm": "OK", "refuse": "USER_REFUSED", "timeout": "TIMEOUT"}


def private_key(phone: str, usage: Usage, generation: int = 1) -> Ed25519PrivateKey:
    """The SIM's key: fixed by number, usage and generation, so demo data can name it."""
    seed = hashlib.sha256(f"asan-imza-sim:{phone}:{usage}:{generation}".encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_der(phone: str, usage: Usage, generation: int = 1) -> bytes:
    return (
        private_key(phone, usage, generation)
        .public_key()
        .public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    )


def known(table: dict[str, dict[str, Any]], key: str) -> dict[str, Any]:
    """The session or SIM under `key`, else the 404 the service answers for an unknown one."""
    found = table.get(key)
    if found is None:
        abort(404)
    return found


def _seeded(label: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label.encode()).digest())


@functools.cache
def ca_certificate() -> x509.Certificate:
    """The local ASXM CA's self-signed certificate (Ed25519 signs deterministically: same bytes
    on every start)."""
    key = _seeded("asan-imza-sim:ASXM-CA")
    return (
        x509.CertificateBuilder()
        .subject_name(CA_NAME)
        .issuer_name(CA_NAME)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(VALID_FROM)
        .not_valid_after(datetime(2050, 1, 1, tzinfo=UTC))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, None)
    )


def ca_pem() -> str:
    """The trust anchor the platform is configured with (ASAN_IMZA_CA_PARAMETER)."""
    return ca_certificate().public_bytes(Encoding.PEM).decode()


def serial_of(phone: str, usage: Usage, generation: int) -> int:
    digest = hashlib.sha256(f"asan-imza-cert:{phone}:{usage}:{generation}".encode()).digest()
    return int.from_bytes(digest[:16]) | 1


def certificate(sim: dict[str, Any], usage: Usage) -> x509.Certificate:
    """The SIM's current certificate for `usage`, as its `certificate` setting makes it."""
    phone, generation = sim["phoneNumber"], sim["generation"]
    kind = sim.get("certificate", "valid")
    valid_from, valid_to = VALID_FROM, VALID_TO
    if kind == "expired":
        valid_to = clock.now() - timedelta(days=1)
        valid_from = min(VALID_FROM, valid_to - timedelta(days=1))
    elif kind == "not-yet-valid":
        valid_from = clock.now() + timedelta(days=1)
    issuer = _seeded("asan-imza-sim:rogue-CA" if kind == "untrusted" else "asan-imza-sim:ASXM-CA")
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "AZ"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, sim["fin"]),
            x509.NameAttribute(NameOID.COMMON_NAME, sim["name"]),
        ]
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(CA_NAME)
        .public_key(private_key(phone, usage, generation).public_key())
        .serial_number(serial_of(phone, usage, generation))
        .not_valid_before(valid_from)
        .not_valid_after(valid_to)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(issuer, None)
    )


def revocation_list(
    sims: list[dict[str, Any]], stale: bool = False
) -> x509.CertificateRevocationList:
    """The CA's list, on the stack's clock (the platform's clock is the world's in a demo)."""
    now = clock.now() - timedelta(days=2 if stale else 0)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(CA_NAME)
        .last_update(now)
        .next_update(now + timedelta(days=1))
    )
    for sim in sims:
        if sim.get("certificate") != "revoked":
            continue
        for usage in ("authentication", "signing"):
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(serial_of(sim["phoneNumber"], usage, sim["generation"]))
                .revocation_date(now)
                .build()
            )
    return builder.sign(_seeded("asan-imza-sim:ASXM-CA"), None)


def make(api_url: str) -> Flask:
    sims: dict[str, dict[str, Any]] = {
        sim["phoneNumber"]: {"pendingPolls": 1, "generation": 1, **sim} for sim in load("asan_imza")
    }
    sessions: dict[str, dict[str, Any]] = {}
    lock = threading.Lock()
    app = Flask("simulator-asan-imza")
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    def start(usage: Usage) -> Any:
        body = request.get_json(force=True, silent=True) or {}
        phone, user_id = str(body.get("phoneNumber", "")), str(body.get("userId", ""))
        try:
            digest = base64.b64decode(str(body.get("hash", "")), validate=True)
        except ValueError:
            abort(400)
        if not PHONE.fullmatch(phone) or not USER_ID.fullmatch(user_id):
            abort(400)
        if body.get("hashType") != "SHA256" or len(digest) != 32:
            abort(400)
        session_id = str(uuid.uuid4())
        with lock:
            sim = sims.get(phone)
            if sim is None or sim["userId"] != user_id:
                result = "NOT_CLIENT"
            elif sim["status"] != "active":
                result = "SIM_NOT_ACTIVE"
            else:
                result = OUTCOME[sim["scenario"]]
            sessions[session_id] = {
                "phone": phone,
                "usage": usage,
                "digest": digest,
                "result": result,
                # A refusal by the network comes at once; the person's answer takes polls.
                "polls": sim["pendingPolls"] if result in OUTCOME.values() and sim else 0,
                "generation": sim["generation"] if sim else 1,
                "display": {
                    "verificationCode": verification_code(digest),
                    "text": str(body.get("displayText", ""))[:200],
                },
            }
        return jsonify({"sessionId": session_id})

    @app.post("/authentication")
    def authentication() -> Any:
        return start("authentication")

    @app.post("/signature")
    def signature() -> Any:
        return start("signing")

    @app.get("/session/<session_id>")
    def session(session_id: str) -> Any:
        with lock:
            found = known(sessions, session_id)
            if found["polls"] > 0:
                found["polls"] -= 1
                return jsonify({"state": "RUNNING"})
            answer: dict[str, Any] = {"state": "COMPLETE", "result": found["result"]}
            if found["result"] == "OK":
                phone, usage = found["phone"], found["usage"]
                sim = sims[phone]
                key = (
                    _seeded("asan-imza-sim:forger")
                    if sim.get("signature") == "forged"
                    else private_key(phone, usage, found["generation"])
                )
                answer["signature"] = {
                    "value": base64.b64encode(key.sign(found["digest"])).decode(),
                    "algorithm": "Ed25519",
                }
                answer["cert"] = {
                    "publicKey": base64.b64encode(
                        public_key_der(phone, usage, found["generation"])
                    ).decode(),
                    "fin": sim["fin"],
                    "name": sim["name"],
                    "phoneNumber": phone,
                    "keyUsage": usage,
                    "certificate": base64.b64encode(
                        certificate({**sim, "generation": found["generation"]}, usage).public_bytes(
                            Encoding.DER
                        )
                    ).decode(),
                }
        return jsonify(answer)

    crl_state = {"state": "fresh"}

    @app.get("/crl")
    def crl() -> Any:
        with lock:
            if crl_state["state"] == "down":
                abort(503)
            listed = revocation_list(list(sims.values()), stale=crl_state["state"] == "stale")
        return jsonify({"crl": base64.b64encode(listed.public_bytes(Encoding.DER)).decode()})

    @app.post("/crl")
    def publish() -> Any:
        body = request.get_json(force=True, silent=True) or {}
        if body.get("state") not in CRL_STATES:
            abort(400)
        with lock:
            crl_state["state"] = body["state"]
        return jsonify(crl_state)

    @app.get("/session/<session_id>/display")
    def display(session_id: str) -> Any:
        with lock:
            return jsonify(known(sessions, session_id)["display"])

    def shown(sim: dict[str, Any]) -> dict[str, Any]:
        keys = {
            usage: base64.b64encode(
                public_key_der(sim["phoneNumber"], usage, sim["generation"])
            ).decode()
            for usage in ("authentication", "signing")
        }
        return {**sim, "publicKeys": keys}

    @app.get("/sims/<phone>")
    def inspect(phone: str) -> Any:
        with lock:
            return jsonify(shown(known(sims, phone)))

    @app.post("/sims/<phone>")
    def configure(phone: str) -> Any:
        body = request.get_json(force=True, silent=True) or {}
        with lock:
            sim = known(sims, phone)
            if body.get("scenario", sim["scenario"]) not in SCENARIOS:
                abort(400)
            if body.get("status", sim["status"]) not in ("active", "inactive"):
                abort(400)
            if body.get("certificate", sim.get("certificate", "valid")) not in CERTIFICATES:
                abort(400)
            if body.get("signature", sim.get("signature", "genuine")) not in SIGNATURES:
                abort(400)
            polls = body.get("pendingPolls", sim["pendingPolls"])
            if not isinstance(polls, int) or not 0 <= polls <= 100:
                abort(400)
            sim.update(
                scenario=body.get("scenario", sim["scenario"]),
                status=body.get("status", sim["status"]),
                pendingPolls=polls,
                certificate=body.get("certificate", sim.get("certificate", "valid")),
                signature=body.get("signature", sim.get("signature", "genuine")),
            )
            return jsonify(shown(sim))

    @app.post("/sims/<phone>/activation")
    def activate(phone: str) -> Any:
        with lock:
            sim = known(sims, phone)
            sim.update(generation=sim["generation"] + 1, status="active")
            report = {
                "phoneNumber": phone,
                "fin": sim["fin"],
                "operator": sim.get("operator", "Azercell"),
                "activatedAt": clock.now().isoformat(timespec="seconds"),
                "publicKey": shown(sim)["publicKeys"]["signing"],
            }
        delivery: dict[str, Any] = {}
        post_signed(
            f"{api_url}/renewal/operator-activations",
            report,
            "OPERATOR_CALLBACK_SECRET",
            "act",
            record=delivery.update,
        )
        return jsonify({"report": report, "delivery": delivery})

    return app
