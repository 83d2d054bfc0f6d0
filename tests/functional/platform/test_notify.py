"""Notifications end to end in moto: inbox at once, e-mail/SMS through the gateway simulators,
signed receipts back through the local API gateway (G2, A9, G7, DESIGN rule 10)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import boto3
import httpx
import pytest

from egov.platform import i18n, inbound, notify
from egov.platform.adapters import gateways
from egov.platform.problems import Invalid
from tests.conftest import LocalAws, rest_event
from tests.helpers import account, call, settle, wait_for

i18n.register(
    {
        "notice.test.title": {"az": "Sınaq bildirişi", "en": "Test notice"},
        "notice.test.body": {"az": "Salam, {name}!", "en": "Hello, {name}!"},
    }
)


def message(message_id: str) -> dict[str, Any]:
    item = notify.PLATFORM.get(f"NOTIFICATION#{message_id}", "MESSAGE")
    assert item is not None
    return item


def deliveries_of(platform: LocalAws, token: str) -> dict[str, dict[str, Any]]:
    status, inbox = call(platform, "GET", "/me/inbox", token=token)[:2]
    assert status == 200
    return {d["channel"]: d for d in inbox["items"][0]["deliveries"]}


def settled(platform: LocalAws, token: str, channels: int = 2) -> Callable[[], bool]:
    def check() -> bool:
        found = deliveries_of(platform, token)
        return len(found) == channels and all(d["status"] in gateways.FINAL for d in found.values())

    return check


def test_g2_notice_is_in_the_inbox_at_once_then_delivered_by_email_and_sms(
    platform: LocalAws, simulators: str
) -> None:
    """G2: inbox item with the time placed before any sending; e-mail and SMS delivered, with
    each status and its time visible with the item (DESIGN rule 10)."""
    user_id, token = account()
    item_id = notify.send(
        user_id, "notice.test", {"name": "Günay"}, email="gunay@mail.az", sms="+994552345678"
    )
    status, inbox = call(platform, "GET", "/me/inbox", token=token)[:2]
    assert status == 200
    assert inbox["unread"] == 1
    [item] = inbox["items"]
    assert (item["itemId"], item["read"], item["title"], item["body"]) == (
        item_id,
        False,
        "Sınaq bildirişi",
        "Salam, Günay!",
    )
    assert item["placedAt"]
    assert {d["status"] for d in item["deliveries"]} == {"created"}

    settle(platform.pump)
    wait_for(settled(platform, token))
    found = deliveries_of(platform, token)
    assert found["email"]["status"] == found["sms"]["status"] == "delivered"
    assert [c["status"] for c in found["sms"]["history"]] == ["created", "sending", "delivered"]
    assert found["sms"]["sentAt"] and found["sms"]["completedAt"]
    assert found["sms"]["to"] == "+99455***78"
    sent = httpx.get(f"{simulators}/sms/messages", params={"to": "+994552345678"}).json()
    assert [m["text"] for m in sent["messages"] if m["reference"] == found["sms"]["messageId"]] == [
        "Salam, Günay!"
    ]


def test_g2_failures_are_recorded_in_notify_vocabulary(platform: LocalAws) -> None:
    """G2: a permanent SMS failure and a greylisted (temporary) e-mail failure, with reasons."""
    user_id, token = account()
    notify.send(
        user_id,
        "notice.test",
        {"name": "Tofiq"},
        email="tofiq@greylist.example",
        sms="+994500000001",
        language="en",
    )
    settle(platform.pump)
    wait_for(settled(platform, token))
    found = deliveries_of(platform, token)
    assert found["sms"]["status"] == "permanent-failure"
    assert found["sms"]["reason"] == "number not in service"
    assert found["email"]["status"] == "temporary-failure"
    assert found["email"]["completedAt"]


def test_g2_gateway_outage_is_retried_then_a_technical_failure(
    platform: LocalAws, simulators: str
) -> None:
    """G2: the queue retries while the gateway is down; the last try records technical-failure."""
    [down] = notify.send_to_address("notice.test", {"name": "Ops"}, sms="+994500000003")
    [fine] = notify.send_to_address("notice.test", {"name": "Ops"}, sms="+994501234567")

    def consume(receive_count: int) -> Any:
        records = [
            {
                "messageId": message_id,
                "receiptHandle": "h",
                "body": json.dumps({"messageId": message_id, "correlationId": "t"}),
                "attributes": {"ApproximateReceiveCount": str(receive_count)},
                "messageAttributes": {},
                "eventSource": "aws:sqs",
                "eventSourceARN": platform.template.arn("NotificationQueue"),
            }
            for message_id in (down, fine)
        ]
        return platform.invoke("SendNotificationFunction", {"Records": records})

    assert consume(1) == {"batchItemFailures": [{"itemIdentifier": down}]}
    assert (message(down)["status"], message(fine)["status"]) == ("created", "sending")
    assert consume(notify.MAX_RECEIVES) == {"batchItemFailures": []}
    assert message(down)["status"] == "technical-failure"


def test_g2_a_duplicate_queue_message_sends_once(platform: LocalAws, simulators: str) -> None:
    """DESIGN rule 7: at-least-once delivery of the queue never sends the SMS twice."""
    [message_id] = notify.send_to_address("notice.test", {"name": "Ali"}, sms="+994703456789")
    notify.deliver(message_id, 1)
    notify.deliver(message_id, 2)
    sent = httpx.get(f"{simulators}/sms/messages", params={"reference": message_id}).json()
    assert len(sent["messages"]) == 1
    settle(platform.pump)  # the queued copy is a duplicate too
    assert (
        len(
            httpx.get(f"{simulators}/sms/messages", params={"reference": message_id}).json()[
                "messages"
            ]
        )
        == 1
    )


def test_g2_unsigned_or_forged_receipt_is_refused(platform: LocalAws, simulators: str) -> None:
    """G2: only the gateway can settle a message: a bad signature is 401 and changes nothing."""
    [message_id] = notify.send_to_address("notice.test", {"name": "Ali"}, email="ali@mail.az")
    body = json.dumps(
        {"id": "x", "reference": message_id, "status": "delivered", "at": "2026-01-01T00:00:00Z"}
    )
    forged = {
        "webhook-id": "rcpt_1",
        "webhook-timestamp": str(int(time.time())),
        "webhook-signature": "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    }
    for headers in (forged, {}):
        event = rest_event(
            "POST",
            "/platform/delivery-receipts/email",
            resource="/platform/delivery-receipts/{channel}",
            path_parameters={"channel": "email"},
            headers=headers,
        )
        event["body"] = body
        response = platform.invoke("DeliveryReceiptFunction", event)
        assert response["statusCode"] == 401
        assert json.loads(response["body"])["code"] == "receipt.signature-invalid"
    assert message(message_id)["status"] == "created"


def test_g2_inbox_newest_first_paginated_and_read(platform: LocalAws) -> None:
    """G2: newest first with a cursor; reading one lowers the unread count; another person's
    item is not found (G8)."""
    user_id, token = account()
    ids = [notify.send(user_id, "notice.test", {"name": str(n)}) for n in range(3)]
    status, first = call(platform, "GET", "/me/inbox", token=token, query={"limit": "2"})[:2]
    assert [i["itemId"] for i in first["items"]] == [ids[2], ids[1]]
    assert first["unread"] == 3
    _, second = call(
        platform, "GET", "/me/inbox", token=token, query={"limit": "2", "cursor": first["cursor"]}
    )[:2]
    assert [i["itemId"] for i in second["items"]] == [ids[0]]

    path = f"/me/inbox/{ids[1]}/read"
    status, item = call(platform, "POST", path, token=token)[:2]
    assert (status, item["read"]) == (200, True)
    assert call(platform, "POST", path, token=token)[0] == 200
    _, inbox = call(platform, "GET", "/me/inbox", token=token)[:2]
    assert inbox["unread"] == 2

    _, stranger = account()
    status, problem = call(platform, "POST", path, token=stranger)[:2]
    assert (status, problem["errors"][0]["field"]) == (404, "itemId")


def test_a9_agency_reads_the_delivery_results_of_its_own_messages(platform: LocalAws) -> None:
    """A9: SMS results of a document notice are passed on to the agency concerned, and only
    to it."""
    user_id, _ = account()
    notify.send(
        user_id,
        "notice.document-placed",
        {"document": "Fitosanitar sertifikat", "agency": "AQTA"},
        sms="+994514567890",
        agency="aqta",
        subject_ref="CERT#1",
    )
    settle(platform.pump)
    _, agency_token = account("agency", "aqta")
    path = "/agencies/aqta/notifications"

    def delivered() -> bool:
        status, body = call(platform, "GET", path, token=agency_token)[:2]
        return status == 200 and body["items"][0]["status"] == "delivered"

    wait_for(delivered)
    _, body = call(platform, "GET", path, token=agency_token)[:2]
    [result] = body["items"]
    assert (result["channel"], result["subjectRef"], result["key"]) == (
        "sms",
        "CERT#1",
        "notice.document-placed",
    )
    _, other = account("agency", "customs")
    assert call(platform, "GET", path, token=other)[0] == 403


def test_g7_bad_address_is_refused_and_nothing_is_written(platform: LocalAws) -> None:
    """G7: an invalid mobile number names the field; no inbox item, no queued message."""
    user_id, token = account()
    with pytest.raises(Invalid) as caught:
        notify.send(user_id, "notice.test", {"name": "x"}, email="a@mail.az", sms="+99412")
    assert caught.value.errors[0].field == "sms"
    _, inbox = call(platform, "GET", "/me/inbox", token=token)[:2]
    assert inbox == {"items": [], "unread": 0, "cursor": None}
    queue = boto3.client("sqs").get_queue_attributes(
        QueueUrl=platform.template.ref("NotificationQueue"),
        AttributeNames=["ApproximateNumberOfMessages"],
    )
    assert queue["Attributes"]["ApproximateNumberOfMessages"] == "0"


def signed_receipt(
    platform: LocalAws, message_id: str, status: str, webhook_id: str
) -> dict[str, Any]:
    """A receipt as the e-mail gateway signs it, POSTed through the receipt function."""
    body = json.dumps(
        {"id": "gw-1", "reference": message_id, "status": status, "at": "2026-01-01T00:00:00Z"}
    )
    now = datetime.now(UTC)
    headers = {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": gateways.receipt_signer().sign(webhook_id, now, body),
    }
    event = rest_event(
        "POST",
        "/platform/delivery-receipts/email",
        resource="/platform/delivery-receipts/{channel}",
        path_parameters={"channel": "email"},
        headers=headers,
    )
    event["body"] = body
    response: dict[str, Any] = platform.invoke("DeliveryReceiptFunction", event)
    return response


def test_g2_a_replayed_receipt_changes_nothing(platform: LocalAws) -> None:
    """Issue 10 item 8: the same signed receipt (same webhook-id) sent again is acknowledged
    and dropped; its id is claimed once, with a retention period."""
    [message_id] = notify.send_to_address("notice.test", {"name": "Ali"}, email="ali@mail.az")
    assert signed_receipt(platform, message_id, "delivered", "rcpt_a")["statusCode"] == 204
    history = message(message_id)["history"]
    assert signed_receipt(platform, message_id, "delivered", "rcpt_a")["statusCode"] == 204
    assert message(message_id)["history"] == history
    claim = notify.PLATFORM.get(*inbound.claim_key("receipt", "rcpt_a"))
    assert claim is not None and claim["expiresAt"] > time.time() + 24 * 3600


def test_g2_a_final_status_is_final(platform: LocalAws) -> None:
    """Issue 10 item 8, DESIGN rule 10: delivered → permanent-failure → delivered is refused;
    a final status stays as the first receipt set it, whatever validly signed receipts follow."""
    [message_id] = notify.send_to_address("notice.test", {"name": "Ali"}, email="ali@mail.az")
    for n, status in enumerate(("delivered", "bounced", "delivered", "deferred")):
        assert signed_receipt(platform, message_id, status, f"rcpt_{n}")["statusCode"] == 204
    settled_message = message(message_id)
    assert settled_message["status"] == "delivered"
    assert [h["status"] for h in settled_message["history"]] == ["created", "delivered"]
    assert gateways.NEXT["created"] and not any(gateways.NEXT[s] for s in gateways.FINAL)
