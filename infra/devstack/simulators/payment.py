"""ASAN ödəniş, the payment provider: a payment, a pay page, a signed confirmation (G6).

`POST /payments` accepts `{amount (qəpik), currency: "AZN", reference, description, returnUrl,
callbackUrl}` with 201, the provider's id and `payUrl`, the page where the person pays. The
merchant's `reference` makes it idempotent, as real providers' order ids do: a repeat with the
same reference and amount gets the first payment (200), another amount is a 409.
`GET /pay/<id>` is that page (a card number form); `POST /pay/<id>/confirm` with `cardNumber`
(form or JSON) is what paying does: cards listed in data/failures.json under `payment.declined`
are declined, any other card of 16 digits pays. The confirmation `{id, reference, status,
amount, currency, at, reason}` is POSTed to the callback URL before the answer, signed with
Standard Webhooks `v1` under the secret named by `PAYMENT_CALLBACK_SECRET` (read from Secrets
Manager, as the real provider is configured with it); it is retried on 5xx or no answer. The
answer tells how the callback went and where to return. A payment is confirmed once.

`GET /payments/<id>` shows a payment with its confirmation and callback delivery (tests read it).
There is no refund: state fees are not refundable (seed 001 §2.20).
"""

from __future__ import annotations

import html
import re
import threading
import uuid
from typing import Any

from flask import Flask, abort, jsonify, request

from devstack.simulators._data import failures
from devstack.simulators._signing import post_signed
from egov.platform import clock

CALLBACK_ATTEMPTS = 3
CALLBACK_BACKOFF_SECONDS = 0.2


def _deliver(payment: dict[str, Any]) -> None:
    post_signed(
        payment["callbackUrl"],
        payment["confirmation"],
        "PAYMENT_CALLBACK_SECRET",
        "pay",
        record=lambda state: payment.__setitem__("callbackDelivery", state),
        attempts=CALLBACK_ATTEMPTS,
        backoff_seconds=CALLBACK_BACKOFF_SECONDS,
    )


_PAGE = """<!doctype html><html lang="az"><meta charset="utf-8"><title>ASAN ödəniş</title>
<h1>ASAN ödəniş</h1><p>{description}</p><p>Məbləğ / Amount: {amount} AZN</p>
<form method="post" action="{confirm}"><label>Kart nömrəsi / Card number
<input name="cardNumber" inputmode="numeric" pattern="[0-9]{{16}}" required></label>
<button>Ödə / Pay</button></form></html>"""


def make(api_url: str) -> Flask:
    declined = set(failures("payment")["declined"])
    payments: dict[str, dict[str, Any]] = {}
    by_reference: dict[str, dict[str, Any]] = {}
    lock = threading.Lock()
    app = Flask("simulator-payment")
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    def find(payment_id: str) -> dict[str, Any]:
        with lock:
            payment = payments.get(payment_id)
        if payment is None:
            abort(404)
        return payment

    @app.post("/payments")
    def create() -> Any:
        body = request.get_json(force=True)
        keys = ("amount", "currency", "reference", "description", "returnUrl", "callbackUrl")
        if not all(body.get(k) for k in keys) or body["currency"] != "AZN":
            abort(400)
        if not isinstance(body["amount"], int) or body["amount"] <= 0:
            abort(400)
        payment_id = f"asan-{uuid.uuid4().hex[:16]}"
        payment = {
            "id": payment_id,
            **{k: body[k] for k in keys},
            "payUrl": f"{request.url_root}pay/{payment_id}",
            "createdAt": clock.now().isoformat(timespec="seconds"),
            "confirmation": None,
        }
        with lock:
            first = by_reference.setdefault(body["reference"], payment)
            payments.setdefault(first["id"], first)
        if first is not payment:
            if first["amount"] != body["amount"]:
                abort(409)
            return jsonify({"id": first["id"], "payUrl": first["payUrl"]}), 200
        return jsonify({"id": payment_id, "payUrl": payment["payUrl"]}), 201

    @app.get("/pay/<payment_id>")
    def page(payment_id: str) -> Any:
        payment = find(payment_id)
        return _PAGE.format(
            description=html.escape(payment["description"]),
            amount=f"{payment['amount'] // 100}.{payment['amount'] % 100:02d}",
            confirm=f"{request.url_root}pay/{payment_id}/confirm",
        )

    @app.post("/pay/<payment_id>/confirm")
    def confirm(payment_id: str) -> Any:
        payment = find(payment_id)
        card = (request.get_json(silent=True) or request.form).get("cardNumber", "")
        if not re.fullmatch(r"\d{16}", card):
            abort(400)
        with lock:
            if payment["confirmation"] is not None:
                abort(409)
            paid = card not in declined
            confirmation = payment["confirmation"] = {
                "id": payment_id,
                "reference": payment["reference"],
                "status": "paid" if paid else "declined",
                "amount": payment["amount"],
                "currency": "AZN",
                "at": clock.now().isoformat(timespec="seconds"),
                "reason": None if paid else "card declined by the issuer",
            }
        _deliver(payment)
        return jsonify(
            {
                "status": confirmation["status"],
                "returnUrl": payment["returnUrl"],
                "callbackDelivery": payment.get("callbackDelivery"),
            }
        )

    @app.get("/payments/<payment_id>")
    def inspect(payment_id: str) -> Any:
        return jsonify(find(payment_id))

    return app
