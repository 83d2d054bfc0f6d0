"""The exchange (EHİS) carrying agencies' documents to EKTİS (A9; seed 004 §1.7, §7.8).

`POST /documents` with `{"agency", "documentId", "subject", "kind", "title", "text"}` (or
`content`, base64, with `fileName` and `contentType`) is an agency's system issuing a document
for a subject: the simulator sends the platform `{"type": "document.issued", "data": …}` at
`<api>/ektis/documents`, with the file's SHA-256, signed with Standard Webhooks `v1` under the
secret named by `EKTIS_EXCHANGE_SECRET` (read from Secrets Manager, as the real exchange is
configured with it), retried on 5xx, and answers with how it went (the platform's status).
`GET /documents` lists what was sent and how each delivery went.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from typing import Any

from flask import Flask, abort, jsonify, request

from devstack.simulators._signing import post_signed
from egov.platform import clock


def make(api_url: str) -> Flask:
    sent: list[dict[str, Any]] = []
    lock = threading.Lock()
    app = Flask("simulator-ehis")
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    @app.post("/documents")
    def issue() -> Any:
        given = request.get_json(force=True)
        if not isinstance(given, dict) or not given.get("subject"):
            abort(400)
        # A text stands for the agency's PDF: small, and readable when downloaded in a demo.
        content = (
            base64.b64decode(given["content"])
            if given.get("content")
            else f"%PDF-1.7\n% {given.get('title', '')}\n{given.get('text', '')}\n%%EOF\n".encode()
        )
        data = {
            "agency": given.get("agency", "DVX"),
            "documentId": given.get("documentId") or hashlib.sha256(content).hexdigest()[:16],
            "subject": given["subject"],
            "kind": given.get("kind", "certificate"),
            "title": given.get("title", "Arayış"),
            "fileName": given.get("fileName", "arayis.pdf"),
            "contentType": given.get("contentType", "application/pdf"),
            "content": base64.b64encode(content).decode(),
            "sha256": hashlib.sha256(content).hexdigest(),
            # The platform's clock, as the platform dates what it receives: a demo or test that
            # moves the clock sees documents issued in its own time.
            "issuedAt": given.get("issuedAt") or clock.now_iso(),
        }
        document: dict[str, Any] = {"document": {k: v for k, v in data.items() if k != "content"}}
        with lock:
            sent.append(document)
        post_signed(
            f"{api_url.rstrip('/')}/ektis/documents",
            {"type": "document.issued", "data": data},
            "EKTIS_EXCHANGE_SECRET",
            "ehis",
            record=lambda state: document.__setitem__("delivery", state),
        )
        return jsonify(document), 201

    @app.get("/documents")
    def listed() -> Any:
        with lock:
            return jsonify({"documents": list(sent)})

    return app
