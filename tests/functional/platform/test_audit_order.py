"""The audit trail keeps entries in the order they happened, even within one second (G1)."""

from egov.platform import audit
from tests.conftest import LocalAws


def test_entries_of_the_same_second_keep_their_order(local_aws: LocalAws) -> None:
    actor = audit.Actor.system("test")
    for step in range(20):
        audit.append("THING#1", f"step-{step:02d}", actor)
    actions = [entry["action"] for entry in audit.trail("THING#1").items]
    assert actions == [f"step-{step:02d}" for step in range(20)]
