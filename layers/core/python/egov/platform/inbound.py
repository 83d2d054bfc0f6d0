"""The one way a signed inbound message is accepted: verified, then handled once (G3, G6, G2).

Every route that receives a Standard Webhooks message from outside (the gateways' delivery
receipts, the payment provider's confirmations) goes through `once`:

    inbound.once("receipt", receipt_signer(), body, headers, "receipt.signature-invalid",
                 lambda payload: notify.record_receipt(...))

The signature and timestamp are checked (401 otherwise; the `standardwebhooks` package refuses
a timestamp more than 5 minutes away), then the sender's `webhook-id` is claimed by a
conditional put of `INBOUND#<source>#<webhook-id>` / `SEEN` in PLATFORM_TABLE. A message whose
id was already claimed is a replay or a retry of one handled before: it is acknowledged and
changes nothing. The claim outlives the timestamp tolerance many times over (`RETAIN_SECONDS`,
then the table's TTL removes it), so a replay after the claim is gone is refused by its old
timestamp instead. If handling fails, the claim is given back so the sender's retry is handled.

Functions using it need PutItem and DeleteItem on PLATFORM_TABLE.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from egov.platform import clock
from egov.platform.problems import Unauthorized
from egov.platform.repository import Table

if TYPE_CHECKING:
    from standardwebhooks import Webhook

PLATFORM = Table("PLATFORM_TABLE")
RETAIN_SECONDS = 7 * 24 * 3600


def claim_key(source: str, webhook_id: str) -> tuple[str, str]:
    return f"INBOUND#{source}#{webhook_id}", "SEEN"


def once(
    source: str,
    signer: Webhook,
    body: str,
    headers: Mapping[str, str],
    invalid_key: str,
    handle: Callable[[dict[str, Any]], object],
) -> bool:
    """Verify the message and run `handle` on its payload unless its id was seen; True if run."""
    # The caller made the signer, so the package is loaded by now; importing it here keeps it
    # out of the handlers that only import this module's neighbours (cold start, issue 18 §1).
    from standardwebhooks.webhooks import WebhookVerificationError

    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        payload = signer.verify(body, lowered)
    except WebhookVerificationError as bad:
        raise Unauthorized(invalid_key) from bad
    pk, sk = claim_key(source, lowered["webhook-id"])
    fresh = PLATFORM.put_new(
        {
            "pk": pk,
            "sk": sk,
            "receivedAt": clock.now_iso(),
            "expiresAt": int(time.time()) + RETAIN_SECONDS,
        }
    )
    if not fresh:
        return False
    try:
        handle(payload)
    except Exception:
        PLATFORM.delete(pk, sk)
        raise
    return True
