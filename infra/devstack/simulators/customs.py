"""The State Customs Committee's declaration system (DGK; X5, §4.2.6).

`POST /declarations` takes an export customs declaration (`declarationId`, exporter, goods,
permits, contract) and answers at once with customs' result, as the real system does once
customs control is done: `released`, or `refused` with the reason. Goods whose HS code starts
with a prefix in data/customs.json are refused with its reason; a declaration with a permit not
issued is refused too. A repeated `declarationId` gets the result recorded the first time.

Failures like the real thing: a declaration whose goods include a code starting with a prefix in
`failures.json` → `customs.unavailable-once` answers 503 the first time it is sent (the platform
answers 503 and the person sends again); `POST /failures` with `{"status": 500|503, "times": n}`
makes the next n declarations fail. `GET /declarations` lists what arrived and the answers.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, abort, jsonify, request

from devstack.simulators._data import failures, load
from egov.platform import clock


def make(api_url: str) -> Flask:
    refused_prefixes = [(r["hsPrefix"], r["reason"]) for r in load("customs")["refused"]]
    fail_once = set(failures("customs")["unavailable-once"])
    failed_once: set[str] = set()
    told: dict[str, int] = {"times": 0, "status": 503}
    recorded: dict[str, dict[str, Any]] = {}
    received: list[dict[str, Any]] = []
    lock = threading.Lock()
    app = Flask("simulator-customs")
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    def verdict(declaration: dict[str, Any], number: str) -> dict[str, Any]:
        result = {"declarationNumber": number, "status": "released", "reason": ""}
        for permit in declaration.get("permits") or []:
            if permit.get("status") not in ("issued", "deemed-issued"):
                result |= {"status": "refused", "reason": f"İcazə yoxdur: {permit.get('permit')}"}
                return result
        for item in declaration.get("goods") or []:
            for prefix, reason in refused_prefixes:
                if str(item.get("hsCode", "")).startswith(prefix):
                    return result | {"status": "refused", "reason": reason}
        return result

    @app.post("/declarations")
    def declare() -> Any:
        declaration = request.get_json(force=True)
        if not isinstance(declaration, dict) or not declaration.get("declarationId"):
            abort(400)
        reference = str(declaration["declarationId"])
        codes = [str(i.get("hsCode", "")) for i in declaration.get("goods") or []]
        with lock:
            received.append({"declaration": declaration})
            if told["times"]:
                told["times"] -= 1
                received[-1]["answeredWith"] = told["status"]
                return jsonify({"error": "told to fail"}), told["status"]
            flaky = any(c.startswith(p) for c in codes for p in fail_once)
            if flaky and reference not in failed_once:
                failed_once.add(reference)
                received[-1]["answeredWith"] = 503
                return jsonify({"error": "temporarily unavailable"}), 503
            if reference not in recorded:
                number = f"AZ-EX-{clock.now():%Y%m%d}-{len(recorded) + 1:05d}"
                recorded[reference] = verdict(declaration, number) | {
                    "decidedAt": clock.now().isoformat()
                }
            answer = recorded[reference]
            received[-1]["answer"] = answer
        return jsonify(answer), 200

    @app.post("/failures")
    def set_failure() -> Any:
        body = request.get_json(force=True) or {}
        status, times = body.get("status", 503), body.get("times", 1)
        if status not in (500, 503) or not isinstance(times, int) or not 1 <= times <= 100:
            abort(422)
        with lock:
            told.update(status=status, times=times)
        return jsonify(told)

    @app.get("/declarations")
    def listed() -> Any:
        with lock:
            return jsonify({"declarations": list(received)})

    return app
