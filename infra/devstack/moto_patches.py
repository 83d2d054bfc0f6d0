"""Make moto's DynamoDB as atomic as DynamoDB.

DynamoDB serialises conditional writes and transactions on the same items: of fifty concurrent
`TransactWriteItems` claiming one username, exactly one succeeds. moto evaluates the condition
and applies the write in two Python steps without a lock, so under threads (the moto server, or
tests with a thread pool) two writers can both pass `attribute_not_exists`. One lock around
every write operation restores the guarantee the platform's uniqueness rules rely on (DESIGN
rule 4). Reads are not locked.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from moto.dynamodb.models import DynamoDBBackend

_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item")
_lock = threading.RLock()


def make_dynamodb_writes_atomic() -> None:
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
