"""The one repository pattern: keyed reads, queries and guarded transactions on DynamoDB.

Every table has a string partition key `pk` and sort key `sk`; secondary indexes are named
`gsi1`, `gsi2`, … with keys `gsi1pk`/`gsi1sk`, … Every request path uses GetItem, Query or
TransactWriteItems (DESIGN rule 4). Uniqueness is a *guard item* (`pk = "USERNAME#ali"`) put
with `attribute_not_exists(pk)` in the same transaction as the record it protects; when the
transaction is cancelled, the guard that failed names the field in the 409.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from aws_lambda_powertools.shared.dynamodb_deserializer import DYNAMODB_CONTEXT, TypeDeserializer
from botocore.exceptions import ClientError

from egov.platform import aws, i18n, secrets
from egov.platform.problems import BadRequest, Conflict, Problem

_deserializer = TypeDeserializer()
REFRESH_TRIES = 8
BATCH_GET = 100  # DynamoDB's limit of keys per BatchGetItem
BATCH_ROUNDS = 8

Item = dict[str, Any]

i18n.register(
    {
        "cursor.invalid": {
            "az": "Səhifə kursoru yanlışdır; siyahını əvvəldən istəyin",
            "en": "The page cursor is invalid; ask for the list from its start",
        }
    }
)


def plain(value: Any) -> Any:
    """DynamoDB numbers come back as Decimal; callers get int/float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def storable(value: Any) -> Any:
    """A value as DynamoDB keeps it: floats as Decimal, no empty (None) members."""
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: storable(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [storable(v) for v in value]
    return value


def _attribute(value: Any) -> dict[str, Any]:
    """One value in DynamoDB's wire format, as boto3's TypeSerializer writes it (boto3 itself
    is not imported, see `egov.platform.aws`); floats were made Decimal by `storable`."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int | Decimal):
        return {"N": _number(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, bytes | bytearray):
        return {"B": bytes(value)}
    if isinstance(value, set | frozenset) and value:
        members = list(value)
        if all(isinstance(m, str) for m in members):
            return {"SS": members}
        if all(isinstance(m, int | Decimal) and not isinstance(m, bool) for m in members):
            return {"NS": [_number(m) for m in members]}
        if all(isinstance(m, bytes | bytearray) for m in members):
            return {"BS": [bytes(m) for m in members]}
    if isinstance(value, Mapping):
        return {"M": {str(k): _attribute(v) for k, v in value.items()}}
    if isinstance(value, list | tuple):
        return {"L": [_attribute(v) for v in value]}
    raise TypeError(f"DynamoDB cannot store {type(value).__name__}: {value!r}")


def _number(value: int | Decimal) -> str:
    # DynamoDB's 38 digits: the context raises rather than round a number that has more.
    number = str(DYNAMODB_CONTEXT.create_decimal(value))
    if number in ("Infinity", "-Infinity", "NaN", "sNaN"):
        raise TypeError(f"DynamoDB cannot store the number {number}")
    return number


def marshal(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _attribute(storable(v)) for k, v in item.items() if v is not None}


def unmarshal(item: Mapping[str, Any]) -> Item:
    return plain({k: _deserializer.deserialize(v) for k, v in item.items()})


@dataclass
class Page:
    items: list[Item]
    cursor: str | None


CURSOR_KEY_ENV = "CURSOR_KEY_SECRET"
# What encode_cursor writes (URL-safe base64 of the key, a dot, its MAC); routes declare it so
# clients see the rule.
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$"


def _cursor_mac(scope: str, data: bytes) -> str:
    key = secrets.secret(CURSOR_KEY_ENV).encode()
    mac = hmac.new(key, scope.encode() + b"\0" + data, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def encode_cursor(key: Mapping[str, Any] | None, scope: str) -> str | None:
    """The opaque cursor of a page's last key, signed for the query `scope` it continues, so a
    crafted or borrowed cursor never reaches DynamoDB."""
    if not key:
        return None
    data = json.dumps(plain(dict(key)), separators=(",", ":"), sort_keys=True).encode()
    body = base64.urlsafe_b64encode(data).decode().rstrip("=")
    return f"{body}.{_cursor_mac(scope, data)}"


def decode_cursor(cursor: str | None, scope: str) -> dict[str, Any] | None:
    """The key a cursor of `scope` carries; anything else is a 400 naming `cursor`."""
    if not cursor:
        return None
    refused = BadRequest("cursor.invalid", field="cursor")
    body, _, mac = cursor.partition(".")
    try:
        data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (ValueError, TypeError) as bad:
        raise refused from bad
    if not hmac.compare_digest(mac.encode(), _cursor_mac(scope, data).encode()):
        raise refused
    decoded = json.loads(data)
    if not isinstance(decoded, dict):
        raise refused
    return decoded


class Table:
    """A table named by an environment variable the template sets (e.g. `PLATFORM_TABLE`)."""

    def __init__(self, env_var: str) -> None:
        self.env_var = env_var

    @property
    def name(self) -> str:
        return aws.resource_name(self.env_var)

    @property
    def _client(self) -> Any:
        return aws.client("dynamodb")

    def _key(self, pk: str, sk: str) -> dict[str, Any]:
        return {"pk": {"S": pk}, "sk": {"S": sk}}

    def get(self, pk: str, sk: str, *, consistent: bool = True) -> Item | None:
        found = self._client.get_item(
            TableName=self.name, Key=self._key(pk, sk), ConsistentRead=consistent
        )
        item = found.get("Item")
        return unmarshal(item) if item else None

    def query(
        self,
        pk: str,
        *,
        sk_prefix: str | None = None,
        sk_between: tuple[str, str] | None = None,
        index: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
        newest_first: bool = False,
        consistent: bool = False,
    ) -> Page:
        scope = f"{self.name}/{index or ''}/{pk}"
        kwargs = self._key_condition(pk, sk_prefix=sk_prefix, sk_between=sk_between, index=index)
        kwargs.update(Limit=limit, ScanIndexForward=not newest_first)
        if consistent:
            kwargs["ConsistentRead"] = True  # the base table only; an index cannot
        start = decode_cursor(cursor, scope)
        if start:
            kwargs["ExclusiveStartKey"] = marshal(start)
        result = self._client.query(**kwargs)
        last = result.get("LastEvaluatedKey")
        return Page(
            [unmarshal(i) for i in result.get("Items", [])],
            encode_cursor(unmarshal(last) if last else None, scope),
        )

    def count(self, pk: str, *, index: str | None = None) -> int:
        """How many items a partition (of the table or an index) holds, without reading them."""
        request = {**self._key_condition(pk, index=index), "Select": "COUNT"}
        return sum(int(page["Count"]) for page in self._pages(self._client.query, request))

    @staticmethod
    def _pages(operation: Callable[..., Any], request: dict[str, Any]) -> Iterator[Any]:
        """Every page of a Query or Scan, each asked from where the one before stopped."""
        while True:
            page = operation(**request)
            yield page
            if "LastEvaluatedKey" not in page:
                return
            request = {**request, "ExclusiveStartKey": page["LastEvaluatedKey"]}

    def _key_condition(
        self,
        pk: str,
        *,
        sk_prefix: str | None = None,
        sk_between: tuple[str, str] | None = None,
        index: str | None = None,
    ) -> dict[str, Any]:
        """A Query's table, index and key condition (one partition, optionally a range of it)."""
        pk_name, sk_name = (f"{index}pk", f"{index}sk") if index else ("pk", "sk")
        condition = "#pk = :pk"
        names = {"#pk": pk_name}
        values: dict[str, Any] = {":pk": pk}
        if sk_prefix is not None:
            condition += " AND begins_with(#sk, :sk)"
            values[":sk"] = sk_prefix
        if sk_between is not None:
            condition += " AND #sk BETWEEN :from AND :to"
            values[":from"], values[":to"] = sk_between
        if len(values) > 1:
            names["#sk"] = sk_name
        kwargs: dict[str, Any] = {
            "TableName": self.name,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": marshal(values),
        }
        if index:
            kwargs["IndexName"] = index
        return kwargs

    def query_all(
        self,
        pk: str,
        *,
        sk_prefix: str | None = None,
        sk_between: tuple[str, str] | None = None,
        index: str | None = None,
        consistent: bool = False,
    ) -> Iterator[Item]:
        cursor: str | None = None
        while True:
            page = self.query(
                pk,
                sk_prefix=sk_prefix,
                sk_between=sk_between,
                index=index,
                cursor=cursor,
                limit=100,
                consistent=consistent,
            )
            yield from page.items
            if not page.cursor:
                return
            cursor = page.cursor

    def scan_prefix(self, prefix: str, *more: str) -> Iterator[Item]:
        """Every item whose partition key starts with `prefix` (or one of `more`), in one Scan:
        for sweeps and reports only."""
        prefixes = (prefix, *more)
        kwargs: dict[str, Any] = {
            "TableName": self.name,
            "FilterExpression": " OR ".join(
                f"begins_with(#pk, :p{i})" for i in range(len(prefixes))
            ),
            "ExpressionAttributeNames": {"#pk": "pk"},
            "ExpressionAttributeValues": marshal({f":p{i}": p for i, p in enumerate(prefixes)}),
        }
        for page in self._pages(self._client.scan, kwargs):
            yield from (unmarshal(item) for item in page["Items"])

    def get_many(self, keys: Iterable[tuple[str, str]]) -> list[Item]:
        """The stored items of these (pk, sk) keys, in any order, with BatchGetItem (100 keys a
        call, unprocessed keys asked again); keys with no item are left out."""
        wanted = [self._key(pk, sk) for pk, sk in dict.fromkeys(keys)]
        items: list[Item] = []
        for start in range(0, len(wanted), BATCH_GET):
            request: dict[str, Any] = {
                self.name: {"Keys": wanted[start : start + BATCH_GET], "ConsistentRead": True}
            }
            for _ in range(BATCH_ROUNDS):
                answer = self._client.batch_get_item(RequestItems=request)
                items.extend(unmarshal(i) for i in answer["Responses"].get(self.name, []))
                request = answer.get("UnprocessedKeys") or {}
                if not request:
                    break
            else:
                raise RuntimeError(f"DynamoDB left keys of {self.name} unprocessed")
        return items

    def put(self, item: Item) -> None:
        self._client.put_item(TableName=self.name, Item=marshal(item))

    def put_new(self, item: Item, conflict: Problem | None = None) -> bool:
        """Put unless an item with the key exists; False (or `conflict` raised) if it does."""
        try:
            self._client.put_item(
                TableName=self.name,
                Item=marshal(item),
                ConditionExpression="attribute_not_exists(pk)",
            )
        except ClientError as error:
            if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
            if conflict:
                raise conflict from error
            return False
        return True

    def update(
        self,
        pk: str,
        sk: str,
        changes: Mapping[str, Any],
        *,
        expected: Mapping[str, Any] | None = None,
        conflict: Problem | None = None,
        remove: tuple[str, ...] = (),
    ) -> Item:
        """Set attributes, optionally only if others still have the `expected` values."""
        expression, names, values = _update_expression(changes, remove)
        kwargs: dict[str, Any] = {
            "TableName": self.name,
            "Key": self._key(pk, sk),
            "UpdateExpression": expression,
            "ExpressionAttributeNames": names,
            "ReturnValues": "ALL_NEW",
        }
        condition = _condition(expected, names, values)
        kwargs["ConditionExpression"] = condition
        if values:
            kwargs["ExpressionAttributeValues"] = marshal(values)
        try:
            result = self._client.update_item(**kwargs)
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException" and conflict:
                raise conflict from error
            raise
        return unmarshal(result["Attributes"])

    def delete(self, pk: str, sk: str) -> None:
        self._client.delete_item(TableName=self.name, Key=self._key(pk, sk))

    def increment(self, pk: str, sk: str, attribute: str) -> int:
        """Add one to the item's `attribute` atomically (the item is made if missing); the new
        value (a counter, e.g. of registration numbers)."""
        result = self._client.update_item(
            TableName=self.name,
            Key=self._key(pk, sk),
            UpdateExpression="ADD #n :one",
            ExpressionAttributeNames={"#n": attribute},
            ExpressionAttributeValues={":one": {"N": "1"}},
            ReturnValues="UPDATED_NEW",
        )
        return int(unmarshal(result["Attributes"])[attribute])


def _update_expression(
    changes: Mapping[str, Any], remove: tuple[str, ...]
) -> tuple[str, dict[str, str], dict[str, Any]]:
    """SET each change and REMOVE each of `remove`; a change to None removes the attribute too,
    as the item would be stored without it (`storable` drops None members)."""
    names: dict[str, str] = {}
    values: dict[str, Any] = {}
    sets = []
    for i, (attr, value) in enumerate(changes.items()):
        if value is None:
            continue
        names[f"#s{i}"] = attr
        values[f":s{i}"] = storable(value)
        sets.append(f"#s{i} = :s{i}")
    cleared = tuple(attr for attr, value in changes.items() if value is None)
    removes = []
    for i, attr in enumerate(dict.fromkeys((*remove, *cleared))):
        names[f"#r{i}"] = attr
        removes.append(f"#r{i}")
    expression = ("SET " + ", ".join(sets)) if sets else ""
    if removes:
        expression += " REMOVE " + ", ".join(removes)
    return expression.strip(), names, values


def _condition(
    expected: Mapping[str, Any] | None, names: dict[str, str], values: dict[str, Any]
) -> str:
    clauses = ["attribute_exists(pk)"]
    for i, (attr, value) in enumerate((expected or {}).items()):
        names[f"#c{i}"] = attr
        if value is None:
            clauses.append(f"attribute_not_exists(#c{i})")
        else:
            values[f":c{i}"] = storable(value)
            clauses.append(f"#c{i} = :c{i}")
    return " AND ".join(clauses)


@dataclass
class Transaction:
    """TransactWriteItems with a Problem attached to every conditional part."""

    parts: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem | None] = field(default_factory=list)
    committed: list[Callable[[], None]] = field(default_factory=list)
    refreshers: dict[str, list[Callable[[], None]]] = field(default_factory=dict)
    # What a helper adding several related parts keeps between its calls on this transaction.
    context: dict[str, Any] = field(default_factory=dict)

    def then(self, effect: Callable[[], None]) -> None:
        """Run `effect` once the transaction has committed (see `egov.platform.outbox`)."""
        self.committed.append(effect)

    def put(
        self,
        table: Table,
        item: Item,
        *,
        new: bool = True,
        expected: Mapping[str, Any] | None = None,
        conflict: Problem | None = None,
        at: int | None = None,
    ) -> int:
        """Put a new item, or replace one whose attributes still have the `expected` values;
        the part's place (`at` rewrites the part there). Returns the place."""
        part: dict[str, Any] = {"TableName": table.name, "Item": marshal(item)}
        if expected is not None:
            names: dict[str, str] = {}
            values: dict[str, Any] = {}
            part["ConditionExpression"] = _condition(expected, names, values)
            part["ExpressionAttributeNames"] = names
            if values:
                part["ExpressionAttributeValues"] = marshal(values)
        elif new:
            part["ConditionExpression"] = "attribute_not_exists(pk)"
        if at is not None:
            self.parts[at], self.problems[at] = {"Put": part}, conflict
            return at
        self.parts.append({"Put": part})
        self.problems.append(conflict)
        return len(self.parts) - 1

    def guard(self, table: Table, pk: str, owner: str, conflict: Problem) -> None:
        """Claim a unique value (username, mobile, FIN…) for `owner`."""
        self.put(table, {"pk": pk, "sk": "GUARD", "owner": owner}, conflict=conflict)

    def release(self, table: Table, pk: str, owner: str) -> None:
        """Free a unique value, but only if `owner` holds it."""
        self.parts.append(
            {
                "Delete": {
                    "TableName": table.name,
                    "Key": marshal({"pk": pk, "sk": "GUARD"}),
                    "ConditionExpression": "#o = :o",
                    "ExpressionAttributeNames": {"#o": "owner"},
                    "ExpressionAttributeValues": marshal({":o": owner}),
                }
            }
        )
        self.problems.append(Conflict("field.invalid", field=pk.split("#", 1)[0].lower()))

    def delete(self, table: Table, pk: str, sk: str) -> None:
        """Remove an item (unconditionally) as part of the transaction."""
        self.parts.append(
            {"Delete": {"TableName": table.name, "Key": marshal({"pk": pk, "sk": sk})}}
        )
        self.problems.append(None)

    def update(
        self,
        table: Table,
        pk: str,
        sk: str,
        changes: Mapping[str, Any],
        *,
        expected: Mapping[str, Any] | None = None,
        conflict: Problem | None = None,
        remove: tuple[str, ...] = (),
    ) -> None:
        expression, names, values = _update_expression(changes, remove)
        condition = _condition(expected, names, values)
        part: dict[str, Any] = {
            "TableName": table.name,
            "Key": marshal({"pk": pk, "sk": sk}),
            "UpdateExpression": expression,
            "ConditionExpression": condition,
            "ExpressionAttributeNames": names,
        }
        if values:
            part["ExpressionAttributeValues"] = marshal(values)
        self.parts.append({"Update": part})
        self.problems.append(conflict)

    def rewrite(
        self,
        table: Table,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        *,
        expected: Mapping[str, Any] | None = None,
        conflict: Problem | None = None,
    ) -> None:
        """Turn the stored item `before` into `after` (both with their keys): set what changed,
        remove what `after` lacks; nothing when nothing changes."""
        changed = {k: v for k, v in after.items() if before.get(k) != v}
        removed = tuple(k for k in before if k not in after)
        if changed or removed:
            self.update(
                table,
                str(before["pk"]),
                str(before["sk"]),
                changed,
                expected=expected,
                conflict=conflict,
                remove=removed,
            )

    def refresh_on(self, key: str, refresh: Callable[[], None]) -> None:
        """If the transaction is cancelled only by conditions whose problem has `key`, call
        `refresh` (which rewrites those parts from what is stored now) and try again. For
        parts that follow shared state rather than decide anything, e.g. an audit chain head."""
        self.refreshers.setdefault(key, []).append(refresh)

    def commit(self) -> None:
        if not self.parts:
            return
        for attempt in range(REFRESH_TRIES):
            try:
                aws.client("dynamodb").transact_write_items(TransactItems=self.parts)
                break
            except ClientError as error:
                if error.response["Error"]["Code"] != "TransactionCanceledException":
                    raise
                reasons = error.response.get("CancellationReasons") or []
                failed = [
                    problem
                    for reason, problem in zip(reasons, self.problems, strict=False)
                    if reason.get("Code") == "ConditionalCheckFailed"
                ]
                keys = {problem.key if problem else None for problem in failed}
                if failed and keys <= self.refreshers.keys() and attempt < REFRESH_TRIES - 1:
                    for key in keys:
                        for refresh in self.refreshers[str(key)]:
                            refresh()
                    continue
                # The change's own reason first; a head that kept moving only after it.
                for problem in sorted(failed, key=lambda p: p is None or p.key in self.refreshers):
                    if problem is not None:
                        raise problem from error
                raise
        for effect in self.committed:
            effect()
