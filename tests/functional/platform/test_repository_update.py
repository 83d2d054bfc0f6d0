"""`update` with a None value removes the attribute (issue 16 gap): the item reads as a model
that left the field out, as a fresh put of the same record would store it (`storable` drops None
members). Before, the None became an undefined `:sN` and DynamoDB refused the whole update."""

from egov.platform.repository import Table, Transaction
from tests.conftest import LocalAws


def test_a_none_change_removes_the_attribute_alone(local_aws: LocalAws) -> None:
    table = Table("PLATFORM_TABLE")
    table.put({"pk": "THING#a", "sk": "RECORD", "herdId": "h1", "note": "x", "n": 1})

    after = table.update("THING#a", "RECORD", {"herdId": None, "n": 2}, expected={"n": 1})

    assert after == {"pk": "THING#a", "sk": "RECORD", "note": "x", "n": 2}
    assert table.get("THING#a", "RECORD") == after


def test_only_none_changes_and_an_explicit_remove_of_the_same_name(local_aws: LocalAws) -> None:
    table = Table("PLATFORM_TABLE")
    table.put({"pk": "THING#b", "sk": "RECORD", "herdId": "h1", "note": "x"})

    table.update("THING#b", "RECORD", {"herdId": None}, remove=("herdId", "note"))

    assert table.get("THING#b", "RECORD") == {"pk": "THING#b", "sk": "RECORD"}


def test_a_none_change_in_a_transaction_removes_the_attribute(local_aws: LocalAws) -> None:
    table = Table("PLATFORM_TABLE")
    table.put({"pk": "THING#c", "sk": "RECORD", "herdId": "h1", "version": 1})

    tx = Transaction()
    tx.update(table, "THING#c", "RECORD", {"herdId": None, "version": 2}, expected={"version": 1})
    tx.put(table, {"pk": "THING#d", "sk": "RECORD"})
    tx.commit()

    assert table.get("THING#c", "RECORD") == {"pk": "THING#c", "sk": "RECORD", "version": 2}
    assert table.get("THING#d", "RECORD") is not None
