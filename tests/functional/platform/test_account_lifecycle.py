"""The login account's lifecycle in `egov.platform.auth`: activation, password, contact data,
closing (G8, P6, P8), each a part of the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from egov.platform import auth
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction
from tests.conftest import LocalAws
from tests.helpers import PASSWORD, call, client, log_in, person

NEW_PASSWORD = "another horse battery"


def _commit(part: Callable[[Transaction], object]) -> None:
    """Run one lifecycle call in a transaction of its own."""
    tx = Transaction()
    part(tx)
    tx.commit()


def _stored(user_id: str) -> dict[str, Any]:
    stored = auth.account(user_id)
    assert stored is not None
    return stored


def _session(user_id: str) -> int:
    return int(_stored(user_id)["session"])


def _profile_status(local_aws: LocalAws, token: str) -> int:
    return call(local_aws, "GET", "/me", token=token)[0]


def test_activate_sets_the_first_password_once(local_aws: LocalAws) -> None:
    """P6/G8: an account made without a password logs in only after activation, once."""
    user_id = auth.new_user_id()
    _commit(
        lambda tx: auth.add_account(
            tx,
            user_id=user_id,
            username="new.citizen",
            password=None,
            role="citizen",
            name="Günel Həsənova",
        )
    )
    _commit(lambda tx: auth.activate(tx, user_id, PASSWORD))
    stored = _stored(user_id)
    assert stored["status"] == "active"
    assert _profile_status(local_aws, log_in(local_aws, "new.citizen")) == 200
    refused = Conflict("test.refused", field="code")
    with pytest.raises(Conflict) as raised:
        _commit(lambda tx: auth.activate(tx, user_id, NEW_PASSWORD, conflict=refused))
    assert raised.value is refused
    assert auth.password_matches(_stored(user_id)["passwordHash"], PASSWORD)


def test_set_password_ends_every_session(local_aws: LocalAws) -> None:
    """G8/P8: the new password works, the old one does not, and earlier tokens die at once."""
    user_id = person("samir.officer")
    token = log_in(local_aws, "samir.officer")
    session = _session(user_id)
    _commit(lambda tx: auth.set_password(tx, user_id, NEW_PASSWORD, expected_session=session))
    assert _session(user_id) == session + 1
    assert _profile_status(local_aws, token) == 401
    assert _profile_status(local_aws, log_in(local_aws, "samir.officer", NEW_PASSWORD)) == 200
    status, _, _ = call(
        local_aws, "POST", "/auth/login", body={"username": "samir.officer", "password": PASSWORD}
    )
    assert status == 401


def test_set_password_refuses_a_stale_session(local_aws: LocalAws) -> None:
    """G8: a logout between the old-password check and the change fails the change."""
    user_id = person("nigar.officer")
    session = _session(user_id)
    _commit(lambda tx: auth.end_sessions(tx, user_id, expected_session=session))
    with pytest.raises(Conflict) as raised:
        _commit(lambda tx: auth.set_password(tx, user_id, NEW_PASSWORD, expected_session=session))
    assert raised.value.key == "account.changed"
    assert auth.password_matches(_stored(user_id)["passwordHash"], PASSWORD)


def test_change_contact_sets_removes_and_keeps(local_aws: LocalAws) -> None:
    """P8: e-mail and mobile change independently; `None` removes, an omitted one stays."""
    user_id = person("elvin.officer", email="elvin@mkt.gov.az", mobile="+994501112233")
    _commit(lambda tx: auth.change_contact(tx, user_id, email="elvin.m@mkt.gov.az"))
    stored = _stored(user_id)
    assert (stored["email"], stored["mobile"]) == ("elvin.m@mkt.gov.az", "+994501112233")
    _commit(lambda tx: auth.change_contact(tx, user_id, email=None, mobile="+994551112233"))
    stored = _stored(user_id)
    assert "email" not in stored and stored["mobile"] == "+994551112233"
    assert stored["session"] == 0  # contact data is not a credential: sessions go on


def test_close_ends_sessions_and_releases_the_username(local_aws: LocalAws) -> None:
    """P8 (docs/producers.md rule): closed for good, tokens dead, username free for another."""
    user_id = person("orxan.officer")
    token = log_in(local_aws, "orxan.officer")
    _commit(lambda tx: auth.close(tx, user_id, expected_session=_session(user_id)))
    stored = _stored(user_id)
    assert stored["status"] == "closed"
    assert _profile_status(local_aws, token) == 401
    assert auth.user_id_of_username("orxan.officer") is None
    status, _, _ = call(
        local_aws, "POST", "/auth/login", body={"username": "orxan.officer", "password": PASSWORD}
    )
    assert status == 401
    successor = person("orxan.officer")
    assert successor != user_id and auth.user_id_of_username("orxan.officer") == successor


def test_close_releases_an_agency_systems_client_id(local_aws: LocalAws) -> None:
    """G8: a closed agency system's client id can be registered again."""
    user_id = client("din-gateway", "DIN")
    _commit(lambda tx: auth.close(tx, user_id, expected_session=0))
    assert auth.user_id_of_client("din-gateway") is None


def test_close_refuses_a_stale_session_and_changes_nothing(local_aws: LocalAws) -> None:
    """G7/G8: a session ended meanwhile fails the close; the username stays held."""
    user_id = person("kamala.officer")
    _commit(lambda tx: auth.end_sessions(tx, user_id, expected_session=0))
    with pytest.raises(Conflict):
        _commit(lambda tx: auth.close(tx, user_id, expected_session=0))
    stored = _stored(user_id)
    assert stored["status"] == "active"
    assert auth.user_id_of_username("kamala.officer") == user_id
