"""Goods at the border on moto with the template provisioned (C1-C3): the importer's list is one
DynamoDB Query per page, cleared goods leave it, border posts register once per message and per
barcode, and a delivery deadline passed uncleared alerts customs once.

(Provisions the whole template: moves to tests/functional/customs/ with the other such files.)
"""

from __future__ import annotations

import os
import uuid
from datetime import timedelta
from typing import Any

import boto3
import pytest

from egov.customs import registry
from egov.platform import accounts, audit, auth, clock, mobile_id
from tests.conftest import LocalAws
from tests.helpers import Calls, call, jump_clock, secret_value, tell
from tests.unit.test_customs_rules import registration

HEAD_FIN = "5ZK8M2P"  # heads "Göygöl Aqro" MMC, VÖEN 1400500071, in the tax simulator
IMPORTER = "1400500071"
OTHER = "1700400081"  # "Şəki İpək" ASC, headed by someone else


def citizen(fin: str | None) -> str:
    user_id = accounts.create(
        accounts.NewAccount(
            username=f"importer-{uuid.uuid4().hex[:8]}",
            password="Importer-password-2026",
            role="citizen",
            name="Məmmədov Elşən",
        ),
        audit.Actor.system("test"),
    )
    if fin:
        # The link an ASAN İmza login makes between the account and the person's FIN (C1).
        mobile_id.link_fin(user_id, fin)
    return token_of(user_id)


def officer(agency: str = "DGK") -> str:
    user_id = accounts.create(
        accounts.NewAccount(
            username=f"officer-{uuid.uuid4().hex[:8]}",
            password="Officer-password-2026",
            role="officer",
            name="Gömrük əməkdaşı",
            agency=agency,
        ),
        audit.Actor.system("test"),
    )
    return token_of(user_id)


def token_of(user_id: str) -> str:
    stored = auth.account(user_id)
    assert stored is not None
    return auth.issue_token(auth.Principal.of(stored))


def register(local_aws: LocalAws, token: str, **changes: Any) -> tuple[int, Any]:
    return call(local_aws, "POST", "/customs/goods", token=token, body=registration(**changes))[:2]


def goods_list(
    local_aws: LocalAws, token: str, voen: str = IMPORTER, **query: str
) -> tuple[int, Any]:
    return call(local_aws, "GET", "/customs/goods", token=token, query={"voen": voen, **query})[:2]


def clear(local_aws: LocalAws, token: str, barcode: str) -> tuple[int, Any]:
    path = f"/customs/goods/{barcode}/clearance"
    return call(local_aws, "POST", path, token=token, body={})[:2]


def test_c2_c3_the_list_is_one_query_and_cleared_goods_leave_it(local_aws: LocalAws) -> None:
    staff = officer()
    for n in range(3):
        status, _ = register(local_aws, staff, barcode=f"AZ20261201{n:05d}")
        assert status == 201
    assert register(local_aws, staff, barcode="AZ2026120199999", importerVoen=OTHER)[0] == 201
    person = citizen(HEAD_FIN)
    goods_list(local_aws, person)  # warm: cold-start reads (keys, endpoints) are not per page

    calls = Calls()
    status, page = goods_list(local_aws, person, limit="2")
    assert status == 200
    dynamodb = {op: n for op, n in calls.seen.items() if op.startswith("dynamodb.")}
    # The account (token check), its FIN link and one Query of the importer's partition, however many
    # importers and goods there are: no Scan, no per-item reads (C2, DESIGN rule 4).
    assert dynamodb == {"dynamodb.GetItem": 2, "dynamodb.Query": 1}, calls.seen

    assert page["importer"]["name"] == '"Göygöl Aqro" MMC'
    assert [g["barcode"] for g in page["items"]] == ["AZ2026120100000", "AZ2026120100001"]
    first = page["items"][0]
    for field in (
        "barcode",
        "hsCode",
        "description",
        "invoiceValue",
        "currency",
        "weightKg",
        "packages",
        "exporter",
        "waybill",
        "invoice",
        "transport",
        "registeringOffice",
        "destinationOffice",
        "deliveryHours",
        "deliveryDeadline",
    ):
        assert field in first, field
    deadline = clock.parse(first["deliveryDeadline"]) - clock.parse(first["registeredAt"])
    assert deadline == timedelta(hours=36)

    status, rest = goods_list(local_aws, person, limit="2", cursor=page["cursor"])
    assert [g["barcode"] for g in rest["items"]] == ["AZ2026120100002"] and not rest["cursor"]

    assert clear(local_aws, staff, "AZ2026120100001")[0] == 200
    status, again = clear(local_aws, staff, "AZ2026120100001")
    assert status == 409 and again["errors"][0]["field"] == "barcode"
    listed = [g["barcode"] for g in goods_list(local_aws, person)[1]["items"]]
    assert listed == ["AZ2026120100000", "AZ2026120100002"]


def test_c1_g8_only_the_head_of_the_voen_sees_its_goods(local_aws: LocalAws) -> None:
    person = citizen(HEAD_FIN)
    status, problem = goods_list(local_aws, person, voen=OTHER)
    assert status == 403 and problem["errors"][0]["field"] == "voen"
    assert goods_list(local_aws, citizen(None))[0] == 403
    assert goods_list(local_aws, person, voen="1400500073")[0] == 422
    status, _ = goods_list(local_aws, officer())
    assert status == 403


def test_c3_only_customs_officers_register_and_clear(local_aws: LocalAws) -> None:
    assert register(local_aws, officer("MKT"))[0] == 403
    assert register(local_aws, citizen(HEAD_FIN))[0] == 403
    assert clear(local_aws, officer("MKT"), "AZ2026120100017")[0] == 403


def test_c3_a_barcode_is_registered_once(local_aws: LocalAws) -> None:
    staff = officer()
    assert register(local_aws, staff)[0] == 201
    status, same = register(local_aws, staff)
    assert status == 200 and same["barcode"] == "AZ2026120100017"
    status, problem = register(local_aws, staff, invoiceValue=1)
    assert status == 409 and problem["errors"][0]["field"] == "barcode"
    status, problem = register(local_aws, staff, barcode="AZ2026120100018", hsCode="123")
    assert status == 422 and problem["errors"][0]["field"] == "hsCode"
    entries = audit.trail(registry.goods_pk("AZ2026120100017")).items
    assert [e["action"] for e in entries] == ["goods-registered"]


def border_message(
    local_aws: LocalAws, body: dict[str, Any], message_id: str, key: str | None = None
) -> int:
    secret = key or secret_value(local_aws, "BorderPostSecret")
    return tell(local_aws, "/customs/border-messages", body, message_id, secret.encode()).status


def test_c3_g3_border_posts_register_with_signed_messages_handled_once(
    local_aws: LocalAws,
) -> None:
    body = {"type": "goods.registered", "data": registration()}
    assert border_message(local_aws, body, "msg-1", key="not-the-key") == 401
    assert border_message(local_aws, body, "msg-1") == 204
    assert border_message(local_aws, body, "msg-1") == 204  # a replay changes nothing
    assert border_message(local_aws, body, "msg-2") == 204  # the same goods told again
    bad = {"type": "goods.registered", "data": registration(currency="XXX1")}
    assert border_message(local_aws, bad, "msg-3") == 422
    entries = audit.trail(registry.goods_pk("AZ2026120100017")).items
    assert [(e["action"], e["actorId"]) for e in entries] == [
        ("goods-registered", "system:border-post:ASTARA")
    ]
    listed = goods_list(local_aws, citizen(HEAD_FIN))[1]["items"]
    assert [g["barcode"] for g in listed] == ["AZ2026120100017"]


def test_c2_g4_a_passed_delivery_deadline_alerts_customs_once(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = officer()
    register(local_aws, staff, barcode="AZ2026120100001", deliveryHours=24)
    register(local_aws, staff, barcode="AZ2026120100002", deliveryHours=24)
    register(local_aws, staff, barcode="AZ2026120100003", deliveryHours=48)
    clear(local_aws, staff, "AZ2026120100002")
    sweep = {"detail-type": "Scheduled Event", "source": "aws.events", "detail": {}}
    assert local_aws.invoke("CustomsOverdueFunction", sweep) == {"alerted": 0}

    jump_clock(monkeypatch, clock.now() + timedelta(hours=25))
    assert local_aws.invoke("CustomsOverdueFunction", sweep) == {"alerted": 1}
    assert local_aws.invoke("CustomsOverdueFunction", sweep) == {"alerted": 0}
    entries = audit.trail(registry.goods_pk("AZ2026120100001")).items
    assert [e["action"] for e in entries] == ["goods-registered", "goods-overdue"]
    sent = [m for m in webhooks_queued() if registry.OVERDUE in m]
    assert len(sent) == 1 and "AZ2026120100001" in sent[0] and '"DGK"' in sent[0]
    # Still on the importer's list until cleared: the alert is for customs (C3).
    listed = goods_list(local_aws, citizen(HEAD_FIN))[1]["items"]
    assert [g["barcode"] for g in listed] == ["AZ2026120100001", "AZ2026120100003"]
    assert listed[0]["alertedAt"]


def webhooks_queued() -> list[str]:
    queue = boto3.client("sqs")
    url = os.environ["WEBHOOK_QUEUE_URL"]
    got = queue.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [m["Body"] for m in got]
