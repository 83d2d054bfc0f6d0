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

The mobile operator's counter (R8): `POST /sims/<phone>/activation` is the holder getting a
duplicate SIM with the service activated for the next 3 years: the SIM's next `generation` (new
keys) is active, and the operator's report `{phoneNumber, fin, operator, activatedAt, publicKey}`
(the new signing key) is POSTed to `<api>/renewal/operator-activations`, signed with Standard
Webhooks `v1` under the secret named by `OPERATOR_CALLBACK_SECRET`; a 5xx or no answer is
retried twice. The answer tells how the report's delivery went.
"""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from flask import Flask, abort, jsonify, request

from devstack.simulators._data import load
from devstack.simulators._signing import post_signed
from egov.platform.adapters.asan import verification_code

Usage = Literal["authentication", "signing"]
PHONE = re.compile(r"\+994[0-9]{9}")
USER_ID = re.compile(r"[0-9]{6}")
SCENARIOS = ("confirm", "refuse", "timeout")
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
                key = private_key(phone, usage, found["generation"])
                sim = sims[phone]
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
                }
        return jsonify(answer)

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
            polls = body.get("pendingPolls", sim["pendingPolls"])
            if not isinstance(polls, int) or not 0 <= polls <= 100:
                abort(400)
            sim.update(
                scenario=body.get("scenario", sim["scenario"]),
                status=body.get("status", sim["status"]),
                pendingPolls=polls,
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
                "activatedAt": datetime.now(UTC).isoformat(timespec="seconds"),
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
