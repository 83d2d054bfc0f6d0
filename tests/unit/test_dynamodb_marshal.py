"""The repository writes DynamoDB's wire format itself (issue 18: no boto3 in a handler), so it
must write exactly what boto3's TypeSerializer wrote before: the stored bytes do not change."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from egov.platform.repository import marshal, storable, unmarshal

ITEM: dict[str, Any] = {
    "pk": "APP#1",
    "sk": "APP",
    "version": 3,
    "fee": Decimal("12.50"),
    "share": 0.25,
    "paid": True,
    "refused": False,
    "nothing": None,
    "raw": b"\x00\xff",
    "tags": {"a", "b"},
    "numbers": {1, 2},
    "blobs": {b"x", b"y"},
    "form": {"name": "Ali", "children": [{"age": 7, "note": None}], "empty": {}},
    "list": ["x", 1, Decimal("-0.5"), [True, None]],
    "big": 10**37,
}


def test_marshal_writes_what_boto3_wrote() -> None:
    boto3_wrote = {
        k: TypeSerializer().serialize(storable(v)) for k, v in ITEM.items() if v is not None
    }
    assert marshal(ITEM) == boto3_wrote


def test_unmarshal_reads_what_boto3_read() -> None:
    wire = marshal(ITEM)
    boto3_read = {k: TypeDeserializer().deserialize(v) for k, v in wire.items()}
    assert unmarshal(wire) == {**boto3_read, "fee": 12.5, "share": 0.25, "version": 3}
    assert unmarshal(wire)["list"] == ["x", 1, -0.5, [True, None]]


@pytest.mark.parametrize(
    "value", [float("nan"), Decimal("Infinity"), set(), object(), Decimal(10**40 + 1)]
)
def test_what_dynamodb_cannot_store_is_refused_before_the_call(value: Any) -> None:
    with pytest.raises((TypeError, ArithmeticError)):
        marshal({"pk": "X", "value": value})
