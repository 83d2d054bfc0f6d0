"""Notifications (G2, A9, DESIGN rule 10): the cabinet inbox at once, e-mail and SMS from a queue.

    notify.send(user_id, "notice.document-placed", {"document": "..."},
                email="...", sms="+994...", agency="customs", subject_ref="APP#...")

writes the inbox item (time placed, unread) and one message record per channel in one
transaction, then queues each message on the NotificationQueue. The consumer
(functions/platform/send_notification.py) hands it to the gateway; the gateway's signed receipt
(functions/platform/delivery_receipt.py) settles it. Every message's status is in GOV.UK Notify's
vocabulary with the time of each change, shown with its inbox item and, when it was sent on behalf
of an agency, to that agency (A9).

Language (G2, DESIGN rule 12): every notice to a person is in the language that person chose: the
caller names it when it knows it (an application's language, chosen on its form or by
Accept-Language at filing), and otherwise `send` takes the one kept on the person's account
(chosen at registration); Azerbaijani when neither says. The inbox keeps both texts.

A text is an i18n key with `<key>.title` (inbox title, e-mail subject) and `<key>.body` (inbox
text, e-mail text, SMS) in Azerbaijani and English; services register their own.

Functions that call `send` need write access to PLATFORM_TABLE and AUDIT_TABLE and
`sqs:SendMessage` on the NotificationQueue.

Storage (PLATFORM_TABLE): the inbox item `USER#<user>` / `INBOX#<itemId>` (item ids sort by time),
in the sparse index `gsi1` under `UNREAD#<user>` while unread; the message `NOTIFICATION#<id>` /
`MESSAGE`, in `gsi1` under `AGENCY#<agency>#NOTIFICATIONS` when an agency sent it. The inbox item
keeps a copy of each message's delivery, written in the same transaction as the message.
"""

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError
from pydantic import Field

from egov.platform import adapters, audit, auth, aws, clock, i18n, inbound, outbox
from egov.platform.adapters._model import checked
from egov.platform.adapters.gateways import (
    NEXT,
    Channel,
    Receipt,
    Status,
    check_email,
    receipt_of,
    receipt_signer,
)
from egov.platform.adapters.mobile import check_mobile
from egov.platform.clock import BAKU
from egov.platform.models import View
from egov.platform.observability import logger
from egov.platform.problems import Invalid, NotFound, Unavailable
from egov.platform.repository import Table, Transaction

PLATFORM = Table("PLATFORM_TABLE")
# Stands for the delivery time in a follow-up's texts until the receipt gives it.
DELIVERED_AT = "\u2063deliveredAt\u2063"
MAX_RECEIVES = 5  # the NotificationQueue's maxReceiveCount: the last try before the DLQ
_UPDATE_TRIES = 5

i18n.register(
    {
        "notice.document-placed.title": {
            "az": "Kabinetinizə yeni sənəd daxil oldu",
            "en": "A new document has arrived in your cabinet",
        },
        "notice.document-placed.body": {
            "az": "{agency} tərəfindən göndərilən «{document}» kabinetinizdə yerləşdirildi.",
            "en": "“{document}” sent by {agency} has been placed in your cabinet.",
        },
        "inbox.item-unknown": {
            "az": "Bu bildiriş tapılmadı",
            "en": "This notice was not found",
        },
        "notification.unknown": {
            "az": "Bu istinadla mesaj tapılmadı",
            "en": "No message has this reference",
        },
    }
)


class Change(View):
    status: Status
    at: datetime
    reason: str | None = None


class Delivery(View):
    """One message of a notice on one channel, as its recipient and agency see it."""

    message_id: str
    channel: Channel
    to: str = Field(description="The address, partly masked")
    status: Status
    created_at: datetime
    sent_at: datetime | None = None
    completed_at: datetime | None = None
    reason: str | None = None
    history: list[Change]


class InboxItem(View):
    item_id: str
    placed_at: datetime
    read: bool
    read_at: datetime | None = None
    title: str
    body: str
    subject_ref: str | None = None
    agency: str | None = None
    deliveries: list[Delivery]


class Inbox(View):
    items: list[InboxItem]
    unread: int
    cursor: str | None = None


class AgencyMessage(Delivery):
    key: str
    subject_ref: str | None = None


class AgencyMessages(View):
    items: list[AgencyMessage]
    cursor: str | None = None


# ---------------------------------------------------------------- sending


def send(
    user_id: str,
    key: str,
    params: Mapping[str, object] | None = None,
    *,
    email: str | None = None,
    sms: str | None = None,
    language: i18n.Lang | None = None,
    agency: str | None = None,
    subject_ref: str | None = None,
    sms_receipt: str | None = None,
    tx: Transaction | None = None,
) -> str:
    """Place a notice in the user's cabinet now and queue it to `email` and `sms`; its item id.

    Without `language`, the language kept on the user's account. Given the caller's
    transaction `tx`, the notice is part of that change (and is committed by the caller);
    otherwise it is committed here.

    `sms_receipt`, with both addresses: the text key of an e-mail telling `email` when the SMS
    reached the person, sent once its gateway reports it `delivered` (seed 004 §7.9); its texts
    take `{deliveredAt}` (Baku time) besides `params`. They are written now, in the caller's
    language and with the caller's texts registered, so the receipt's function needs neither."""
    language = language or language_of(user_id)
    texts = _texts(key, params)
    now = clock.now()
    item_id = f"{int(now.timestamp() * 1000):012x}{uuid.uuid4().hex[:12]}"
    messages = _messages(key, texts, language, email, sms, agency, subject_ref, user_id, item_id)
    if sms_receipt and email:
        later = _texts(sms_receipt, {**(params or {}), "deliveredAt": DELIVERED_AT})
        for message in messages:
            if message["channel"] == "sms":
                message["followUp"] = {
                    "key": sms_receipt,
                    "to": checked(check_email, email, "email"),
                    "subject": later["title"][language],
                    "text": later["body"][language],
                }
    item: dict[str, Any] = {
        "pk": f"USER#{user_id}",
        "sk": f"INBOX#{item_id}",
        "itemId": item_id,
        "userId": user_id,
        "key": key,
        "texts": texts,
        "placedAt": clock.iso(now),
        "read": False,
        "subjectRef": subject_ref,
        "agency": agency,
        "gsi1pk": f"UNREAD#{user_id}",
        "gsi1sk": item_id,
        **{_delivery_attr(m["channel"]): _delivery(m) for m in messages},
    }
    change = tx if tx is not None else Transaction()
    change.put(PLATFORM, item)
    for message in messages:
        change.put(PLATFORM, message)
    audit.record(
        change,
        f"USER#{user_id}",
        "notice-placed",
        audit.Actor.system("notify"),
        owner=user_id,
        after={"itemId": item_id, "key": key, "channels": [m["channel"] for m in messages]},
    )
    _enqueue(change, messages)
    if tx is None:
        change.commit()
    return item_id


def language_of(user_id: str) -> i18n.Lang:
    """The language the person chose for notices (kept on the account), Azerbaijani by default."""
    chosen = (auth.account(user_id) or {}).get("language")
    return "en" if chosen == "en" else i18n.DEFAULT


def send_to_address(
    key: str,
    params: Mapping[str, object] | None = None,
    *,
    email: str | None = None,
    sms: str | None = None,
    language: i18n.Lang = i18n.DEFAULT,
    agency: str | None = None,
    subject_ref: str | None = None,
    tx: Transaction | None = None,
) -> list[str]:
    """Queue a notice to someone without a cabinet (e.g. an operator alert); the message ids.

    Given the caller's transaction `tx`, the notice is part of that change, as with `send`."""
    messages = _messages(
        key, _texts(key, params), language, email, sms, agency, subject_ref, None, None
    )
    change = tx if tx is not None else Transaction()
    for message in messages:
        change.put(PLATFORM, message)
    _enqueue(change, messages)
    if tx is None:
        change.commit()
    return [m["messageId"] for m in messages]


def _texts(key: str, params: Mapping[str, object] | None) -> dict[str, dict[str, str]]:
    return {
        part: {lang: i18n.text(f"{key}.{part}", lang, params) for lang in ("az", "en")}
        for part in ("title", "body")
    }


def _messages(
    key: str,
    texts: dict[str, dict[str, str]],
    language: i18n.Lang,
    email: str | None,
    sms: str | None,
    agency: str | None,
    subject_ref: str | None,
    user_id: str | None,
    item_id: str | None,
) -> list[dict[str, Any]]:
    addresses: list[tuple[Channel, str]] = []
    if email:
        addresses.append(("email", checked(check_email, email, "email")))
    if sms:
        addresses.append(("sms", checked(check_mobile, sms, "sms")))
    if not addresses and item_id is None:
        raise Invalid("field.required", field="email")
    now = clock.now_iso()
    messages = []
    for channel, to in addresses:
        message_id = uuid.uuid4().hex
        message: dict[str, Any] = {
            "pk": f"NOTIFICATION#{message_id}",
            "sk": "MESSAGE",
            "messageId": message_id,
            "channel": channel,
            "to": to,
            "subject": texts["title"][language],
            "text": texts["body"][language],
            "key": key,
            "userId": user_id,
            "itemId": item_id,
            "agency": agency,
            "subjectRef": subject_ref,
            "status": "created",
            "createdAt": now,
            "history": [{"status": "created", "at": now}],
            "version": 0,
        }
        if agency:
            message["gsi1pk"] = f"AGENCY#{agency}#NOTIFICATIONS"
            message["gsi1sk"] = f"{now}#{message_id}"
        messages.append(message)
    return messages


def _enqueue(tx: Transaction, messages: list[dict[str, Any]]) -> None:
    outbox.queue(tx, "NOTIFICATION_QUEUE_URL", [{"messageId": m["messageId"]} for m in messages])


# ---------------------------------------------------------------- delivering


def deliver(message_id: str, receive_count: int) -> None:
    """Hand a queued message to its gateway (the NotificationQueue consumer's work).

    A duplicate delivery of the queue message finds the message past `created` and does nothing.
    A gateway that does not answer raises `Unavailable` so the queue retries; on the last try the
    message is recorded as a technical failure instead.
    """
    message = PLATFORM.get(f"NOTIFICATION#{message_id}", "MESSAGE")
    if message is None or message["status"] != "created":
        logger.info("message already handed over", extra={"messageId": message_id})
        return
    callback = f"{aws.resource_name('PUBLIC_API_URL')}/platform/delivery-receipts/"
    try:
        if message["channel"] == "sms":
            gateway_id = adapters.sms().send(
                message["to"], message["text"], message_id, callback + "sms"
            )
        else:
            gateway_id = adapters.email().send(
                message["to"], message["subject"], message["text"], message_id, callback + "email"
            )
    except Unavailable:
        if receive_count < MAX_RECEIVES:
            raise
        _change(message_id, "technical-failure", clock.now(), "gateway unavailable", None)
        return
    _change(message_id, "sending", clock.now(), None, gateway_id, only_from="created")


def receive_receipt(channel: Channel, body: str, headers: Mapping[str, str]) -> None:
    """A gateway's signed receipt, verified and applied once per `webhook-id` (a replay is
    acknowledged and changes nothing)."""
    inbound.once(
        "receipt",
        receipt_signer(),
        body,
        headers,
        "receipt.signature-invalid",
        lambda payload: record_receipt(receipt_of(channel, payload)),
    )


def record_receipt(receipt: Receipt) -> None:
    """Settle a message from its gateway's verified receipt; a repeated receipt changes nothing."""
    message = PLATFORM.get(f"NOTIFICATION#{receipt.reference}", "MESSAGE")
    if message is None or message["channel"] != receipt.channel:
        raise NotFound("notification.unknown", field="reference")
    _change(receipt.reference, receipt.status, receipt.at, receipt.reason, receipt.gateway_id)


def _change(
    message_id: str,
    status: Status,
    at: datetime,
    reason: str | None,
    gateway_id: str | None,
    *,
    only_from: Status | None = None,
) -> None:
    """Move a message to `status`, with its inbox copy, under optimistic locking."""
    for _ in range(_UPDATE_TRIES):
        message = PLATFORM.get(f"NOTIFICATION#{message_id}", "MESSAGE")
        if message is None:
            raise NotFound("notification.unknown", field="reference")
        current = message["status"]
        if status not in NEXT[current] or (only_from and current != only_from):
            return  # a repeat, a final status, or a receipt that overtook the bookkeeping
        changes: dict[str, Any] = {
            "status": status,
            "history": [
                *message["history"],
                {"status": status, "at": clock.iso(at), "reason": reason},
            ],
            "version": message["version"] + 1,
        }
        if gateway_id:
            changes["gatewayId"] = gateway_id
        if status == "sending":
            changes["sentAt"] = clock.iso(at)
        else:
            changes["completedAt"] = clock.iso(at)
        if reason:
            changes["reason"] = reason
        tx = Transaction()
        tx.update(
            PLATFORM,
            f"NOTIFICATION#{message_id}",
            "MESSAGE",
            changes,
            expected={"version": message["version"]},
        )
        follow_up = message.get("followUp") if status == "delivered" else None
        if follow_up:
            _follow_up(tx, message, follow_up, at)
        if message.get("itemId"):
            updated = {**message, **changes}
            tx.update(
                PLATFORM,
                f"USER#{message['userId']}",
                f"INBOX#{message['itemId']}",
                {_delivery_attr(message["channel"]): _delivery(updated)},
            )
        try:
            tx.commit()
        except ClientError as error:
            if error.response["Error"]["Code"] != "TransactionCanceledException":
                raise
            continue  # another update won the race: read again
        return
    raise RuntimeError(f"message {message_id} kept changing under us")


def _follow_up(
    tx: Transaction, message: Mapping[str, Any], follow_up: Mapping[str, str], at: datetime
) -> None:
    """The e-mail that tells when the SMS was delivered, queued with the delivery itself (a
    repeated receipt finds the SMS delivered already and sends nothing)."""
    when = at.astimezone(BAKU).strftime("%d.%m.%Y %H:%M")
    subject, text = (follow_up[part].replace(DELIVERED_AT, when) for part in ("subject", "text"))
    now = clock.now_iso()
    message_id = uuid.uuid4().hex
    email: dict[str, Any] = {
        "pk": f"NOTIFICATION#{message_id}",
        "sk": "MESSAGE",
        "messageId": message_id,
        "channel": "email",
        "to": follow_up["to"],
        "subject": subject,
        "text": text,
        "key": follow_up["key"],
        "userId": message.get("userId"),
        "itemId": None,
        "agency": None,
        "subjectRef": message.get("subjectRef"),
        "followsUp": message["messageId"],
        "status": "created",
        "createdAt": now,
        "history": [{"status": "created", "at": now}],
        "version": 0,
    }
    tx.put(PLATFORM, email)
    _enqueue(tx, [email])


def _delivery_attr(channel: str) -> str:
    # One attribute per channel, so the SMS and e-mail receipts never overwrite each other.
    return f"delivery_{channel}"


def _delivery(message: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "messageId": message["messageId"],
        "channel": message["channel"],
        "to": _mask(message["channel"], message["to"]),
        "status": message["status"],
        "createdAt": message["createdAt"],
        "sentAt": message.get("sentAt"),
        "completedAt": message.get("completedAt"),
        "reason": message.get("reason"),
        "history": message["history"],
    }


def _mask(channel: str, to: str) -> str:
    if channel == "sms":
        return f"{to[:6]}***{to[-2:]}"
    local, _, domain = to.partition("@")
    return f"{local[:1]}***@{domain}"


# ---------------------------------------------------------------- reading


def inbox(user_id: str, lang: i18n.Lang, *, cursor: str | None = None, limit: int = 20) -> Inbox:
    """The user's notices, newest first, with the number still unread (G2)."""
    page = PLATFORM.query(
        f"USER#{user_id}", sk_prefix="INBOX#", cursor=cursor, limit=limit, newest_first=True
    )
    return Inbox(
        items=[_item(i, lang) for i in page.items], unread=_unread(user_id), cursor=page.cursor
    )


def mark_read(user_id: str, item_id: str, lang: i18n.Lang) -> InboxItem:
    """Mark a notice read (again is fine); another user's or a missing item is 404."""
    item = PLATFORM.get(f"USER#{user_id}", f"INBOX#{item_id}")
    if item is None:
        raise NotFound("inbox.item-unknown", field="itemId")
    if not item["read"]:
        item = PLATFORM.update(
            f"USER#{user_id}",
            f"INBOX#{item_id}",
            {"read": True, "readAt": clock.now_iso()},
            remove=("gsi1pk", "gsi1sk"),
        )
    return _item(item, lang)


def deliveries(user_id: str, item_id: str) -> list[Delivery]:
    """The delivery results of one of the user's notices, for the service that placed it (A9:
    the time an SMS reached the person, shown beside what it announced)."""
    item = PLATFORM.get(f"USER#{user_id}", f"INBOX#{item_id}")
    if item is None:
        return []
    return _item(item, i18n.DEFAULT).deliveries


def agency_messages(agency: str, *, cursor: str | None = None, limit: int = 50) -> AgencyMessages:
    """Delivery results of the messages sent on behalf of `agency`, newest first (A9)."""
    page = PLATFORM.query(
        f"AGENCY#{agency}#NOTIFICATIONS",
        index="gsi1",
        cursor=cursor,
        limit=limit,
        newest_first=True,
    )
    items = [
        AgencyMessage.model_validate(
            {**_delivery(m), "key": m["key"], "subjectRef": m.get("subjectRef")}
        )
        for m in page.items
    ]
    return AgencyMessages(items=items, cursor=page.cursor)


def _unread(user_id: str) -> int:
    return PLATFORM.count(f"UNREAD#{user_id}", index="gsi1")


def _item(item: Mapping[str, Any], lang: i18n.Lang) -> InboxItem:
    deliveries = [item[a] for a in (_delivery_attr("email"), _delivery_attr("sms")) if a in item]
    return InboxItem.model_validate(
        {
            "itemId": item["itemId"],
            "placedAt": item["placedAt"],
            "read": item["read"],
            "readAt": item.get("readAt"),
            "title": item["texts"]["title"][lang],
            "body": item["texts"]["body"][lang],
            "subjectRef": item.get("subjectRef"),
            "agency": item.get("agency"),
            "deliveries": deliveries,
        }
    )
