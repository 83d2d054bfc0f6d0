"""Make moto's DynamoDB as atomic as DynamoDB, and its transactions cheap.

DynamoDB serialises conditional writes and transactions on the same items: of fifty concurrent
`TransactWriteItems` claiming one username, exactly one succeeds. moto evaluates the condition
and applies the write in two Python steps without a lock, so under threads (the moto server, or
tests with a thread pool) two writers can both pass `attribute_not_exists`. One lock around
every write operation restores the guarantee the platform's uniqueness rules rely on (DESIGN
rule 4). Reads are not locked.

moto makes a transaction all-or-nothing by deep-copying every table it touches before the first
write and putting the copy back on failure: 13 ms per transaction at 100 items, 650 ms at 6,000,
so the local stack slowed down as its registries filled. A transaction touches at most 100
items; we keep copies of those items only and put them back in place on failure (the tables
are not replaced, so no reader holds a stale one).

moto's server finds the service of every request by listing its own package directory (a
`listdir` and ~150 `isdir` calls) while holding the dispatcher's lock, so every request of the
local stack paid for it in turn. The package does not change while the stack runs: it is listed
once (`list_moto_services_once`).
"""

from __future__ import annotations

import copy
import functools
import threading
import types
from typing import Any

import moto.backends
import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table

_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item")
_lock = threading.RLock()


def make_dynamodb_writes_atomic() -> None:
    _snapshot_touched_items_only()
    for name in _WRITES:
        original = getattr(DynamoDBBackend, name)
        if getattr(original, "_egov_atomic", False):
            continue

        @functools.wraps(original)
        def atomic(
            self: DynamoDBBackend, *args: Any, __original: Any = original, **kwargs: Any
        ) -> Any:
            with _lock:
                return __original(self, *args, **kwargs)

        atomic._egov_atomic = True  # type: ignore[attr-defined]
        setattr(DynamoDBBackend, name, atomic)


def list_moto_services_once() -> None:
    listed = moto.backends.list_of_moto_modules
    if not getattr(listed, "_egov_once", False):
        services = tuple(listed())
        once = functools.wraps(listed)(lambda: services)
        once._egov_once = True  # type: ignore[attr-defined]
        moto.backends.list_of_moto_modules = once


def _keep_tables(value: Any, memo: dict[int, Any] | None = None) -> Any:
    """`copy.deepcopy` for moto's DynamoDB backend module, except that a table is not copied:
    its `transact_write_items` backup then costs nothing, and its rollback (putting the "copy"
    back) changes nothing; `_restore` below undoes the writes instead."""
    return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def _snapshot_touched_items_only() -> None:
    original = DynamoDBBackend.transact_write_items
    if getattr(original, "_egov_snapshot", False):
        return
    dynamodb_models.copy = types.SimpleNamespace(deepcopy=_keep_tables)  # type: ignore[assignment]

    @functools.wraps(original)
    def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
        before = _touched(self, transact_items)
        try:
            original(self, transact_items)
        except Exception:
            _restore(before)
            raise

    transact_write_items._egov_snapshot = True  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]


Snapshot = list[tuple[Table, DynamoType, DynamoType | None, Item | None]]


def _touched(backend: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> Snapshot:
    """A copy of each item the transaction names (None where there is none yet)."""
    found: Snapshot = []
    for entry in transact_items:
        for op_type, op in entry.items():
            table = backend.tables.get(op.get("TableName", ""))
            key = op.get("Item") if op_type == "Put" else op.get("Key")
            if table is None or not key or table.hash_key_attr not in key:
                continue  # moto refuses the operation before writing anything
            range_attr = table.range_key_attr
            if range_attr is not None and range_attr not in key:
                continue
            hash_value = DynamoType(key[table.hash_key_attr])
            range_value = DynamoType(key[range_attr]) if range_attr else None
            current = table.get_item(hash_value, range_value)
            found.append((table, hash_value, range_value, copy.deepcopy(current)))
    return found


def _restore(before: Snapshot) -> None:
    for table, hash_value, range_value, item in reversed(before):
        if item is None:
            table.delete_item(hash_value, range_value)
        elif range_value is not None:
            table.items[hash_value][range_value] = item
        else:
            table.items[hash_value] = item  # type: ignore[assignment]
