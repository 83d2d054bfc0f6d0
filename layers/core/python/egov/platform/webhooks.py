"""Outgoing webhooks to agencies (G3, DESIGN rule 6), as the Standard Webhooks spec describes.

Every webhook carries `webhook-id` (stable across retries, so the agency can drop duplicates),
`webhook-timestamp` (Unix seconds of this attempt) and `webhook-signature` over
`{id}.{timestamp}.{body}`:

- `v1a` (the default): Ed25519. The private key's 32-byte seed is the SHA-256 of the
  `WebhookSigningKey` secret; agencies verify with the public key published at
  `GET /.well-known/webhook-keys`, so no secret is shared.
- `v1`: HMAC-SHA256 (the `standardwebhooks` package) with a `whsec_` secret the platform
  generates when an operator registers an agency that asks for it; the secret lives in Secrets
  Manager and is shown once, to the operator.

Where each agency receives them is a small registry in PLATFORM_TABLE (`AGENCY-WEBHOOKS` /
`<agency>`), kept by operators. An agency with no entry falls back to the `agency` base URL of the
adapter endpoint map (DESIGN rule 14): the local stack points that at the agency simulator;
production has no such entry, so every real agency must be registered.

Delivery (`deliver`, the WebhookQueue consumer's work) posts once per queue receive. 2xx only is
success. A failure sets the message's visibility to the spec's retry schedule (with jitter, scaled
by the demo clock) so SQS redelivers it and, after `MAX_ATTEMPTS`, moves it to the dead-letter
queue; 429/503 with `Retry-After` wait at least that long. 410 means the agency retired the URL:
the endpoint is disabled, the operator alerted, and the message parked in the dead-letter queue
for a redelivery once the operator has registered a new URL. Every attempt is kept as evidence.

Pause (X11): while an agency's webhooks are paused (`pause`, its suspension by the operator),
`deliver` keeps each one in the registry (`HELD-WEBHOOKS#<agency>`) instead of sending it, and
alerts the operator once about each one that concerns a decision; `resume` puts them back on the
WebhookQueue, so nothing sent during the pause is lost. A webhook `through_pause` (the notice of
the pause itself) is sent all the same. The release is an outbox-style effect: `resume` writes a
release order (`AGENCY-WEBHOOKS-RELEASING` / `<agency>`) in the transaction that ends the pause;
`release_now` performs it right after the commit, and if that stops partway (a throttle, a
timeout) the OutboxSweepFunction finishes it (`finish_releases`), batch by batch, until nothing
is held; only then is the order deleted.
"""

import base64
import functools
import hashlib
import json
import random
import re
import secrets as random_secrets
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from botocore.exceptions import ClientError
from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints
from pydantic.alias_generators import to_camel

from egov.platform import audit, aws, clock, evidence, i18n, notify, outbox, queues, secrets
from egov.platform.adapters import base as adapter_base
from egov.platform.models import View
from egov.platform.observability import CORRELATION_HEADER, correlation_id, logger
from egov.platform.problems import Invalid
from egov.platform.repository import Table, Transaction

# httpx, standardwebhooks and cryptography load where a webhook is signed or sent, not in every
# function that queues one or lists deliveries (issue 18).
if TYPE_CHECKING:
    import httpx
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PLATFORM = Table("PLATFORM_TABLE")
REGISTRY_PK = "AGENCY-WEBHOOKS"
PAUSED_PK = "AGENCY-WEBHOOKS-PAUSED"
RELEASING_PK = "AGENCY-WEBHOOKS-RELEASING"
RELEASE_BATCH = 25  # held webhooks put back per transaction (each a delete, all one outbox item)
AGENCY_PATTERN = r"^[A-Za-z][A-Za-z0-9-]{1,31}$"  # the platform's codes: DIN, XIN, DTX, ...

Scheme = Literal["v1a", "v1"]

# Seconds to wait after the n-th failed attempt (Standard Webhooks' example schedule). The first
# attempt plus these eight retries are the WebhookQueue's maxReceiveCount of 9.
RETRY_SCHEDULE = (0, 5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600)
MAX_ATTEMPTS = len(RETRY_SCHEDULE) + 1
JITTER = 0.1  # up to 10% more, so agencies recovering from an outage are not hit in step
RETRY_AFTER_STATUSES = frozenset({429, 503})
MAX_VISIBILITY_SECONDS = 12 * 3600  # SQS's limit
TIMEOUT_SECONDS, CONNECT_SECONDS = 5.0, 2.0
RESPONSE_EXCERPT = 2000

i18n.register(
    {
        "webhooks.agency-invalid": {
            "az": "Qurum kodu latın hərfləri, rəqəmlər və defisdən ibarət olmalıdır",
            "en": "An agency code is latin letters, digits and hyphens",
        },
        "notice.webhook-endpoint-disabled.title": {
            "az": "Qurumun webhook ünvanı söndürüldü: {agency}",
            "en": "An agency's webhook endpoint was disabled: {agency}",
        },
        "notice.webhook-endpoint-disabled.body": {
            "az": "{agency} qurumu {url} ünvanına göndərişə 410 (Gone) cavabı verdi. Ünvan "
            "söndürüldü; yeni ünvanı qeydə alın və dayandırılmış göndərişləri yenidən göndərin.",
            "en": "{agency} answered 410 (Gone) at {url}. The endpoint was disabled; register the "
            "new URL and redeliver the parked webhooks.",
        },
        "webhooks.held-twice": {
            "az": "Bu webhook artıq saxlanılır",
            "en": "This webhook is already held",
        },
        "webhooks.not-paused": {
            "az": "Bu qurumun webhook-ları dayandırılmayıb",
            "en": "This agency's webhooks are not paused",
        },
        "notice.webhook-held.title": {
            "az": "Fəaliyyəti dayandırılmış quruma qərar sorğusu: {agency}",
            "en": "A decision request for a suspended agency: {agency}",
        },
        "notice.webhook-held.body": {
            "az": "{agency} qurumunun portaldakı fəaliyyəti dayandırılıb; {decisionId} qərarı "
            "barədə {type} webhook-u göndərilmədi, bərpadan sonra göndəriləcək. Qərarı "
            "izləyin (lazım olsa, müddətini uzadın).",
            "en": "{agency}'s activity on the portal is suspended; the {type} webhook about "
            "decision {decisionId} was not sent and will be sent once it is reinstated. Follow "
            "the decision (extend its deadline if need be).",
        },
    }
)


# ---------------------------------------------------------------- signing


@functools.cache
def _signing_key(secret: str) -> "Ed25519PrivateKey":
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(secret.encode()).digest())


def signing_key() -> "Ed25519PrivateKey":
    return _signing_key(secrets.secret("WEBHOOK_KEY_SECRET"))


class WebhookKey(View):
    kid: str = Field(description="SHA-256 of the raw public key, first 16 hex digits")
    scheme: Literal["v1a"] = "v1a"
    alg: Literal["Ed25519"] = "Ed25519"
    public_key: str = Field(description="`whpk_` + base64 of the raw 32-byte public key")
    jwk: dict[str, str] = Field(description="The same key as an RFC 8037 OKP JWK")


class WebhookKeys(View):
    keys: list[WebhookKey]


def published_keys() -> WebhookKeys:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = signing_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    kid = hashlib.sha256(raw).hexdigest()[:16]
    jwk = {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": base64.urlsafe_b64encode(raw).rstrip(b"=").decode(),
        "kid": kid,
        "use": "sig",
    }
    return WebhookKeys(
        keys=[WebhookKey(kid=kid, public_key="whpk_" + base64.b64encode(raw).decode(), jwk=jwk)]
    )


def sign(
    webhook_id: str, timestamp: int, body: str, scheme: Scheme, hmac_secret: str | None = None
) -> dict[str, str]:
    """The three Standard Webhooks headers of one attempt."""
    if scheme == "v1":
        import standardwebhooks

        if not hmac_secret:
            raise RuntimeError("a v1 endpoint needs its shared secret")
        signature = standardwebhooks.Webhook(hmac_secret).sign(
            webhook_id, datetime.fromtimestamp(timestamp, UTC), body
        )
    else:
        signed = signing_key().sign(f"{webhook_id}.{timestamp}.{body}".encode())
        signature = "v1a," + base64.b64encode(signed).decode()
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature,
    }


# ---------------------------------------------------------------- the endpoint registry


class Endpoint(View):
    agency: str
    url: str
    scheme: Scheme
    status: Literal["active", "disabled"] = "active"
    registered: bool = Field(
        default=True, description="False for a local default (the agency simulator)"
    )
    updated_at: datetime | None = None
    disabled_at: datetime | None = None
    disabled_reason: str | None = None
    alert_messages: list[str] | None = Field(
        default=None, description="The notification messages that alerted the operator"
    )


class Endpoints(View):
    items: list[Endpoint]


class Registration(View):
    model_config = ConfigDict(
        defer_build=True, extra="forbid", alias_generator=to_camel, populate_by_name=True
    )

    url: AnyHttpUrl
    scheme: Scheme = "v1a"


class Registered(Endpoint):
    secret: str | None = Field(
        default=None, description="The v1 shared secret, shown only in this answer"
    )


def check_agency(agency: str) -> str:
    if not re.fullmatch(AGENCY_PATTERN, agency):
        raise Invalid("webhooks.agency-invalid", field="agency")
    return agency


def _secret_name(agency: str) -> str:
    return f"{aws.resource_name('WEBHOOK_KEY_SECRET').rsplit(':', 1)[-1]}-agency-{agency}"


def _endpoint(item: Mapping[str, Any]) -> Endpoint:
    return Endpoint.model_validate(item)


def endpoint(agency: str) -> Endpoint | None:
    """Where `agency` receives webhooks: its registry entry, else the local default, else None."""
    item = PLATFORM.get(REGISTRY_PK, agency)
    if item:
        return _endpoint(item)
    base = adapter_base.endpoints().get("agency")
    if base is None:
        return None
    return Endpoint(agency=agency, url=f"{base}/{agency}/webhook", scheme="v1a", registered=False)


def registry() -> Endpoints:
    return Endpoints(items=[_endpoint(i) for i in PLATFORM.query_all(REGISTRY_PK)])


def register(agency: str, registration: Registration, actor: audit.Actor) -> Registered:
    """Register or replace an agency's endpoint (active again if it was disabled)."""
    check_agency(agency)
    before = PLATFORM.get(REGISTRY_PK, agency)
    secret = None
    if registration.scheme == "v1":
        secret = "whsec_" + base64.b64encode(random_secrets.token_bytes(32)).decode()
        _store_secret(agency, secret)
    item = {
        "pk": REGISTRY_PK,
        "sk": agency,
        "agency": agency,
        "url": str(registration.url),
        "scheme": registration.scheme,
        "status": "active",
        "registered": True,
        "updatedAt": clock.now_iso(),
    }
    tx = Transaction()
    tx.put(PLATFORM, item, new=False)
    audit.record(
        tx,
        f"AGENCY#{agency}",
        "webhook-endpoint-registered",
        actor,
        before=_public(before),
        after=_public(item),
    )
    tx.commit()
    return Registered.model_validate({**item, "secret": secret})


def _public(item: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not item:
        return None
    return {k: item[k] for k in ("url", "scheme", "status") if k in item}


def _store_secret(agency: str, secret: str) -> None:
    client = aws.client("secretsmanager")
    name = _secret_name(agency)
    try:
        client.put_secret_value(SecretId=name, SecretString=secret)
    except ClientError as error:
        if error.response["Error"]["Code"] != "ResourceNotFoundException":
            raise
        client.create_secret(Name=name, SecretString=secret)
    secrets.forget()  # this instance signs with the new secret at once, others within max age


def _hmac_secret(agency: str) -> str:
    return secrets.secret_named(_secret_name(agency))


def _disable(target: Endpoint, reason: str, status: int) -> None:
    """410 from the agency: stop sending there, record it, alert the operator."""
    tx = Transaction()
    alerts = _alert_operator(tx, target)
    now = clock.now_iso()
    item = {
        "pk": REGISTRY_PK,
        "sk": target.agency,
        **target.model_dump(mode="json", by_alias=True, exclude_none=True),
        "status": "disabled",
        "disabledAt": now,
        "disabledReason": reason,
        "alertMessages": alerts,
        "updatedAt": now,
    }
    tx.put(PLATFORM, item, new=False)
    audit.record(
        tx,
        f"AGENCY#{target.agency}",
        "webhook-endpoint-disabled",
        audit.Actor.system("webhooks"),
        before=_public(target.model_dump()),
        after={**(_public(item) or {}), "httpStatus": status},
    )
    tx.commit()


def _alert_operator(tx: Transaction, target: Endpoint) -> list[str]:
    return notify.send_to_address(
        "notice.webhook-endpoint-disabled",
        {"agency": target.agency, "url": target.url},
        email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
        tx=tx,
    )


# ---------------------------------------------------------------- queueing


class Webhook(View):
    """One WebhookQueue message: the body is fixed here so every retry signs the same bytes."""

    webhook_id: str
    agency: str
    type: str
    body: str
    decision_id: str | None = None
    correlation_id: str | None = None
    parked: str | None = Field(
        default=None, description="Why it was put straight into the dead-letter queue"
    )
    through_pause: bool = Field(
        default=False, description="Sent even while the agency's webhooks are paused (X11)"
    )


def message(
    agency: str,
    event_type: str,
    data: Mapping[str, Any],
    *,
    webhook_id: str,
    decision_id: str | None = None,
    through_pause: bool = False,
) -> Webhook:
    """A webhook to queue; `decision_id` files its evidence with that decision, else under the
    webhook's own id (a notice such as a certificate's change, E13); `through_pause` sends it
    even while the agency's webhooks are paused (the notice of the pause itself)."""
    body = {"type": event_type, "timestamp": clock.now_iso(), "data": dict(data)}
    return Webhook(
        webhook_id=webhook_id,
        agency=agency,
        type=event_type,
        body=json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        decision_id=decision_id,
        correlation_id=correlation_id(),
        through_pause=through_pause,
    )


def enqueue(webhook: Webhook, *, tx: Transaction | None = None) -> None:
    """Queue `webhook` through the outbox: as part of the caller's change `tx` (committed by the
    caller), or on its own."""
    change = tx if tx is not None else Transaction()
    outbox.queue(change, "WEBHOOK_QUEUE_URL", [webhook.model_dump(mode="json", by_alias=True)])
    if tx is None:
        change.commit()


# ---------------------------------------------------------------- delivering


class Outcome(BaseModel):
    """What the consumer does with the queue message after an attempt."""

    model_config = ConfigDict(defer_build=True)

    done: bool
    retry_in: int = 0  # seconds of visibility before SQS hands the message out again


def retry_delay(attempt: int, retry_after: float | None = None) -> int:
    """Real seconds to wait after the `attempt`-th failure (1-based)."""
    if attempt >= MAX_ATTEMPTS:
        return 0  # the next receive moves it to the dead-letter queue: no reason to wait
    base = RETRY_SCHEDULE[attempt - 1]
    delay = clock.real_seconds(base + random.uniform(0, base * JITTER))
    if retry_after is not None:
        delay = max(delay, retry_after)  # the agency's own word is real time, never scaled
    return min(MAX_VISIBILITY_SECONDS, round(delay))


def _retry_after(response: "httpx.Response") -> float | None:
    """The agency's Retry-After (seconds or an HTTP date) on 429/503, in seconds from now."""
    if response.status_code not in RETRY_AFTER_STATUSES:
        return None
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, moment.timestamp() - time.time())


@functools.cache
def _http() -> "httpx.Client":
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(TIMEOUT_SECONDS, connect=CONNECT_SECONDS), follow_redirects=False
    )


def deliver(webhook: Webhook, attempt: int) -> Outcome:
    """One attempt at `webhook`; `attempt` is the queue message's receive count."""
    import httpx

    if not webhook.through_pause and _hold(webhook):
        return Outcome(done=True)
    target = endpoint(webhook.agency)
    if target is None or target.status == "disabled":
        _park(webhook, attempt, "endpoint-disabled" if target else "endpoint-unknown")
        return Outcome(done=True)
    secret = _hmac_secret(target.agency) if target.scheme == "v1" else None
    # The spec's timestamp is the real moment of sending, checked by the agency against its clock.
    headers = sign(webhook.webhook_id, int(time.time()), webhook.body, target.scheme, secret)
    if webhook.correlation_id:
        # Lets the agency quote the id of the request that caused this one (DESIGN rule 11).
        headers[CORRELATION_HEADER] = webhook.correlation_id
    started = time.perf_counter()
    status: int | None = None
    excerpt: str | None = None
    error: str | None = None
    response: httpx.Response | None = None
    try:
        response = _http().post(
            target.url,
            content=webhook.body.encode(),
            headers={**headers, "content-type": "application/json"},
        )
        status, excerpt = response.status_code, response.text[:RESPONSE_EXCERPT]
    except httpx.HTTPError as failure:
        error = type(failure).__name__
    if status is not None and (200 <= status < 300 or status == 410):
        outcome = Outcome(done=True)
    else:
        delay = retry_delay(attempt, _retry_after(response) if response is not None else None)
        outcome = Outcome(done=False, retry_in=delay)
    evidence.record(
        evidence.Exchange(
            decision_id=webhook.decision_id,
            webhook_id=webhook.webhook_id,
            direction="out",
            channel="webhook",
            agency=webhook.agency,
            actor="system:webhooks",
            method="POST",
            url=target.url,
            request_headers=headers,
            request_body=webhook.body,
            response_status=status,
            response_body=excerpt,
            duration_ms=round((time.perf_counter() - started) * 1000, 1),
            attempt=attempt,
            error=error,
            next_attempt_in=None if outcome.done else outcome.retry_in,
        )
    )
    if status == 410:
        _disable(target, f"410 Gone at {target.url}", status)
        _park(webhook, attempt, "endpoint-gone")
    elif not outcome.done:
        logger.warning(
            "webhook not accepted",
            extra={
                "webhookId": webhook.webhook_id,
                "agency": webhook.agency,
                "status": status,
                "error": error,
                "attempt": attempt,
                "retryIn": outcome.retry_in,
            },
        )
    return outcome


def _park(webhook: Webhook, attempt: int, reason: str) -> None:
    """Put a webhook straight into the dead-letter queue (no endpoint to send it to)."""
    parked = webhook.model_copy(update={"parked": reason})
    queues.send("WEBHOOK_DLQ_URL", parked.model_dump(mode="json", by_alias=True))
    logger.warning(
        "webhook parked in the dead-letter queue",
        extra={"webhookId": webhook.webhook_id, "agency": webhook.agency, "reason": reason},
    )


def postpone(receipt_handle: str, seconds: int) -> None:
    aws.client("sqs").change_message_visibility(
        QueueUrl=aws.resource_name("WEBHOOK_QUEUE_URL"),
        ReceiptHandle=receipt_handle,
        VisibilityTimeout=seconds,
    )


# ---------------------------------------------------------------- pause (X11)


def _held_pk(agency: str) -> str:
    return f"HELD-WEBHOOKS#{agency}"


def paused(agency: str) -> bool:
    return PLATFORM.get(PAUSED_PK, agency) is not None


def pause(tx: Transaction, agency: str, basis: str) -> None:
    """From the commit of `tx` on, `agency`'s webhooks are held, not sent."""
    tx.put(
        PLATFORM,
        {"pk": PAUSED_PK, "sk": agency, "agency": agency, "since": clock.now_iso(), "basis": basis},
        new=False,
    )


def _hold(webhook: Webhook) -> bool:
    """Keep `webhook` while its agency is paused; False (send it) if the agency is not.

    The hold is conditional on the pause still being there, so a webhook is never held after
    `resume` has released the others: it is either released with them or sent now."""
    if not paused(webhook.agency):
        return False
    tx = Transaction()
    tx.put(
        PLATFORM,
        {
            "pk": _held_pk(webhook.agency),
            "sk": webhook.webhook_id,
            "heldAt": clock.now_iso(),
            "webhook": webhook.model_dump(mode="json", by_alias=True),
        },
        conflict=_HeldTwice("webhooks.held-twice"),
    )
    tx.update(
        PLATFORM,
        PAUSED_PK,
        webhook.agency,
        {"lastHeldAt": clock.now_iso()},
        expected={"agency": webhook.agency},
        conflict=_NotPaused("webhooks.not-paused"),
    )
    if webhook.decision_id:
        notify.send_to_address(
            "notice.webhook-held",
            {"agency": webhook.agency, "decisionId": webhook.decision_id, "type": webhook.type},
            email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
            tx=tx,
        )
    try:
        tx.commit()
    except _HeldTwice:
        pass  # the queue delivered it again: held once, the operator alerted once
    except _NotPaused:
        return False
    logger.info("webhook held", extra={"webhookId": webhook.webhook_id, "agency": webhook.agency})
    return True


class _HeldTwice(Invalid):
    pass


class _NotPaused(Invalid):
    pass


def held(agency: str) -> list[Webhook]:
    return [Webhook.model_validate(i["webhook"]) for i in PLATFORM.query_all(_held_pk(agency))]


def resume(tx: Transaction, agency: str) -> None:
    """End the pause with `tx`, and order the release of what was held: `release_now` after the
    commit, the sweep (`finish_releases`) if that stops partway."""
    tx.delete(PLATFORM, PAUSED_PK, agency)
    tx.put(
        PLATFORM,
        {
            "pk": RELEASING_PK,
            "sk": agency,
            "agency": agency,
            "orderedAt": clock.real_now().isoformat(timespec="microseconds"),
            # The sweeper has no variable per queue: the order carries the URL (as outbox does).
            "queueUrl": aws.resource_name("WEBHOOK_QUEUE_URL"),
        },
        new=False,
    )


def release_now(agency: str) -> list[str] | None:
    """`release` right after the pause ended; None if it stopped partway: the rest stays held
    under its release order, and the sweep finishes it."""
    try:
        return release(agency)
    except Exception:
        logger.exception("release left to the outbox sweeper", extra={"agency": agency})
        return None


def finish_releases(older_than: float) -> dict[str, int]:
    """The sweep's part (every minute): finish the releases ordered more than `older_than`
    seconds ago that did not complete; one that fails again is left for the next run."""
    before = (clock.real_now() - timedelta(seconds=older_than)).isoformat(timespec="microseconds")
    done = failed = 0
    for order in PLATFORM.query_all(RELEASING_PK):
        if order["orderedAt"] > before:
            continue  # still the lifting request's to perform
        try:
            release(str(order["agency"]))
        except Exception:
            failed += 1
            logger.exception("release failed again", extra={"agency": order["agency"]})
            continue
        done += 1
    return {"released": done, "failed": failed}


def release(agency: str) -> list[str]:
    """Queue again the held webhooks of an agency no longer paused, batch by batch (each batch's
    queueing and deletion one transaction, so running it again after a break sends only the
    rest), then delete the release order; the webhook ids released."""
    if paused(agency):
        return []
    order = PLATFORM.get(RELEASING_PK, agency)
    queue_url = str(order["queueUrl"]) if order else None
    released: list[str] = []
    batch: list[Mapping[str, Any]] = []
    # Read consistently: a webhook held just before the pause ended must be in the list.
    for item in [*PLATFORM.query_all(_held_pk(agency), consistent=True), None]:
        if item is not None:
            batch.append(item)
        if batch and (item is None or len(batch) == RELEASE_BATCH):
            tx = Transaction()
            outbox.queue(
                tx, "WEBHOOK_QUEUE_URL", [i["webhook"] for i in batch], queue_url=queue_url
            )
            for one in batch:
                tx.delete(PLATFORM, one["pk"], one["sk"])
            tx.commit()
            released += [str(i["sk"]) for i in batch]
            batch = []
    if order:
        PLATFORM.delete(RELEASING_PK, agency)
    return released


# ---------------------------------------------------------------- the dead-letter queue


class DeadLetter(View):
    webhook_id: str
    agency: str
    type: str
    decision_id: str | None = None
    reason: str = Field(description="retries-exhausted, endpoint-gone, endpoint-disabled, ...")
    dead_lettered_at: datetime | None = None


class DeadLetters(View):
    items: list[DeadLetter]


class Redelivery(View):
    model_config = ConfigDict(
        defer_build=True, extra="forbid", alias_generator=to_camel, populate_by_name=True
    )

    webhook_ids: (
        list[Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,200}$")]] | None
    ) = Field(default=None, description="Only these webhooks; all dead letters when absent")


class Redelivered(View):
    webhook_ids: list[str]


PEEK_ROUNDS = 10


def _peek(visibility: int) -> list[dict[str, Any]]:
    """The dead-letter queue's messages (SQS hands out at most 10 a call, in no fixed order)."""
    sqs = aws.client("sqs")
    seen: dict[str, dict[str, Any]] = {}
    for _ in range(PEEK_ROUNDS):
        received = sqs.receive_message(
            QueueUrl=aws.resource_name("WEBHOOK_DLQ_URL"),
            MaxNumberOfMessages=10,
            VisibilityTimeout=visibility,
            AttributeNames=["All"],
        ).get("Messages", [])
        fresh = [m for m in received if m["MessageId"] not in seen]
        if not fresh:
            break
        seen.update({m["MessageId"]: m for m in fresh})
    return list(seen.values())


def dead_letters() -> DeadLetters:
    items = []
    for raw in _peek(visibility=0):
        webhook = Webhook.model_validate_json(raw["Body"])
        sent = raw.get("Attributes", {}).get("SentTimestamp")
        items.append(
            DeadLetter(
                webhook_id=webhook.webhook_id,
                agency=webhook.agency,
                type=webhook.type,
                decision_id=webhook.decision_id,
                reason=webhook.parked or "retries-exhausted",
                dead_lettered_at=datetime.fromtimestamp(int(sent) / 1000, UTC) if sent else None,
            )
        )
    return DeadLetters(items=sorted(items, key=lambda d: d.webhook_id))


def redeliver(request: Redelivery, actor: audit.Actor) -> Redelivered:
    """Move dead letters back to the WebhookQueue, with a fresh count of attempts."""
    wanted = set(request.webhook_ids) if request.webhook_ids is not None else None
    sqs = aws.client("sqs")
    moved: list[str] = []
    for raw in _peek(visibility=60):
        webhook = Webhook.model_validate_json(raw["Body"])
        if wanted is not None and webhook.webhook_id not in wanted:
            sqs.change_message_visibility(
                QueueUrl=aws.resource_name("WEBHOOK_DLQ_URL"),
                ReceiptHandle=raw["ReceiptHandle"],
                VisibilityTimeout=0,
            )
            continue
        enqueue(webhook.model_copy(update={"parked": None}))
        sqs.delete_message(
            QueueUrl=aws.resource_name("WEBHOOK_DLQ_URL"), ReceiptHandle=raw["ReceiptHandle"]
        )
        audit.append(
            f"WEBHOOK#{webhook.webhook_id}",
            "webhook-redelivered",
            actor,
            after={"agency": webhook.agency, "decisionId": webhook.decision_id},
        )
        moved.append(webhook.webhook_id)
    return Redelivered(webhook_ids=sorted(moved))
