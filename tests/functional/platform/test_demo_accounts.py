"""The demo seed writes through the account code and is idempotent."""

from __future__ import annotations

from devstack import demo
from egov.platform import audit, auth
from tests.conftest import LocalAws


def test_a_seed_step_run_twice_creates_its_accounts_once(local_aws: LocalAws) -> None:
    """Seeding a stack again (kept data, a restart) changes nothing (G1: one creation entry)."""
    demo.internal_affairs()
    first = auth.user_id_of_username("din.officer"), auth.user_id_of_client("din-system")
    demo.internal_affairs()
    assert (auth.user_id_of_username("din.officer"), auth.user_id_of_client("din-system")) == first
    for user_id in first:
        assert user_id is not None
        created = [e for e in audit.trail(f"USER#{user_id}").items]
        assert [e["action"] for e in created] == ["account-created"]
        assert created[0]["actorId"] == "system:demo"
