"""Guard items are only as good as the conditional write under concurrency (DESIGN rule 4)."""

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from moto.dynamodb.models.dynamo_type import Item

from egov.platform.problems import Conflict
from egov.platform.repository import Table, Transaction
from tests.conftest import LocalAws


def test_fifty_concurrent_claims_of_one_value_make_one_winner(local_aws: LocalAws) -> None:
    table = Table("PLATFORM_TABLE")

    def claim(n: int) -> str:
        tx = Transaction()
        tx.put(table, {"pk": f"THING#{n}", "sk": "RECORD"})
        tx.guard(
            table, "USERNAME#same", f"owner-{n}", Conflict("auth.username-taken", field="username")
        )
        try:
            tx.commit()
        except Conflict:
            return "conflict"
        return "won"

    with ThreadPoolExecutor(max_workers=50) as pool:
        outcomes = list(pool.map(claim, range(50)))
    assert outcomes.count("won") == 1
    assert outcomes.count("conflict") == 49
    winner = table.get("USERNAME#same", "GUARD")
    assert winner is not None
    assert table.get(f"THING#{winner['owner'].split('-')[1]}", "RECORD") is not None


def test_a_cancelled_transaction_leaves_every_item_as_it_was(local_aws: LocalAws) -> None:
    table = Table("PLATFORM_TABLE")
    table.put_new({"pk": "THING#kept", "sk": "RECORD", "n": 1})
    tx = Transaction()
    tx.guard(table, "USERNAME#first", "owner-1", Conflict("auth.username-taken"))
    tx.commit()

    tx = Transaction()
    tx.put(table, {"pk": "THING#new", "sk": "RECORD"})
    tx.update(table, "THING#kept", "RECORD", {"n": 2})
    tx.guard(table, "USERNAME#first", "owner-2", Conflict("auth.username-taken"))
    with pytest.raises(Conflict):
        tx.commit()
    assert table.get("THING#new", "RECORD") is None
    assert table.get("THING#kept", "RECORD") == {"pk": "THING#kept", "sk": "RECORD", "n": 1}
    assert table.get("USERNAME#first", "GUARD") == {
        "pk": "USERNAME#first",
        "sk": "GUARD",
        "owner": "owner-1",
    }


def test_a_transaction_copies_only_the_items_it_touches(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """moto deep-copied whole tables per transaction, which slowed the local stack down as
    its registries filled (issue 18)."""
    table = Table("PLATFORM_TABLE")
    for n in range(200):
        table.put_new({"pk": f"THING#{n}", "sk": "RECORD"})
    copies = 0
    deepcopy_item = Item.__deepcopy__

    def counting(self: Item, memo: dict[int, Any]) -> Item:
        nonlocal copies
        copies += 1
        return deepcopy_item(self, memo)

    monkeypatch.setattr(Item, "__deepcopy__", counting)
    tx = Transaction()
    tx.put(table, {"pk": "THING#0", "sk": "RECORD", "n": 1}, new=False)
    tx.guard(table, "USERNAME#x", "owner", Conflict("auth.username-taken"))
    tx.commit()
    assert copies <= 2
