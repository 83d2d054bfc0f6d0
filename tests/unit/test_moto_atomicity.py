"""Guard items are only as good as the conditional write under concurrency (DESIGN rule 4)."""

from concurrent.futures import ThreadPoolExecutor

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
