"""GET /.well-known/webhook-keys: the public key agencies verify our v1a webhooks with (G3)."""

from __future__ import annotations

from egov.platform import webhooks
from egov.platform.http import api, entry, ok

from aws_lambda_powertools.event_handler import Response

app = api()


@app.get(
    "/.well-known/webhook-keys",
    summary="Vebhuk açarları / Webhook keys",
    description="v1a vebhuk imzalarımızın Ed25519 açıq açarı."
    "\n\nThe Ed25519 public key of our v1a webhook signatures.",
)
def webhook_keys() -> Response[webhooks.WebhookKeys]:
    return ok(webhooks.published_keys())


lambda_handler = entry(app)
