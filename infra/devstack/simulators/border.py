"""The border posts' system (DGK): goods that cross the border are told to the platform (C3, G3).

`POST /crossings` with a registration (the fields of `egov.customs.goods.Registration`, camelCase)
is a consignment crossing at a post: the simulator sends the platform
`{"type": "goods.registered", "data": …}` at `<api>/customs/border-messages`, signed with
Standard Webhooks `v1` under the secret named by `BORDER_POST_SECRET` (read from Secrets Manager,
as the real system is configured with it), retried on 5xx, and answers with how it went (the
platform's status). `GET /crossings` lists what was sent and how each delivery went.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, abort, jsonify, request

from devstack.simulators._signing import post_signed


def make(api_url: str) -> Flask:
    crossings: list[dict[str, Any]] = []
    lock = threading.Lock()
    app = Flask("simulator-border")
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    @app.post("/crossings")
    def cross() -> Any:
        goods = request.get_json(force=True)
        if not isinstance(goods, dict) or not goods.get("barcode"):
            abort(400)
        crossing: dict[str, Any] = {"goods": goods}
        with lock:
            crossings.append(crossing)
        post_signed(
            f"{api_url.rstrip('/')}/customs/border-messages",
            {"type": "goods.registered", "data": goods},
            "BORDER_POST_SECRET",
            "border",
            record=lambda state: crossing.__setitem__("delivery", state),
        )
        return jsonify(crossing), 201

    @app.get("/crossings")
    def sent() -> Any:
        with lock:
            return jsonify({"crossings": list(crossings)})

    return app
