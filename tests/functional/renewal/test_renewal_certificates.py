"""R2, R3: the holder's ASAN İmza certificates from the certificate registry, with the window."""

from __future__ import annotations

from datetime import datetime

import pytest

from devstack import demo
from egov.platform import auth, mobile_id
from egov.platform.clock import BAKU
from tests.conftest import LocalAws
from tests.helpers import call, jump_clock

GUNAY = ("+994552345678", "2HQ4R7T", "Əliyeva Günay İlham qızı")


def _token(fin: str, name: str) -> str:
    user_id = mobile_id.account_of(fin, name)
    account = auth.account(user_id)
    assert account
    return auth.issue_token(auth.Principal.of(account))


def _list(local_aws: LocalAws, token: str) -> list[dict]:
    status, body, _ = call(local_aws, "GET", "/renewal/certificates", token=token)
    assert status == 200, body
    return list(body["certificates"])


def test_certificates_list_personal_and_business_with_the_window(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R2: name, number, issue and expiry date, status; R3: Apply only in the window."""
    expires = datetime(2026, 12, 20, 12, tzinfo=BAKU)
    personal = demo.asan_certificate(*GUNAY, "personal", expires)
    business = demo.asan_certificate(
        *GUNAY,
        "state",
        datetime(2027, 6, 1, 12, tzinfo=BAKU),
        info=demo.business("1700400081", '"Şəki İpək" ASC', "Mühasib", "Maliyyə"),
    )
    assert personal and business
    token = _token(GUNAY[1], GUNAY[2])

    jump_clock(monkeypatch, datetime(2026, 11, 19, 12, tzinfo=BAKU))
    rows = {row["serial"]: row for row in _list(local_aws, token)}
    first = rows[personal.serial]
    assert first["name"] == "Şəxsi sertifikat" and first["type"] == "personal"
    assert first["asanNumber"] == "+994552345678" and first["status"] == "active"
    assert (first["expiresOn"], first["window"]["opensOn"]) == ("2026-12-20", "2026-11-20")
    assert not first["window"]["open"] and "2026-11-20" in first["closedReason"]
    state = rows[business.serial]
    assert state["name"] == '"Şəki İpək" ASC' and state["type"] == "state"

    jump_clock(monkeypatch, datetime(2026, 11, 20, 0, 1, tzinfo=BAKU))
    rows = {row["serial"]: row for row in _list(local_aws, token)}
    assert rows[personal.serial]["window"]["open"]
    assert rows[personal.serial]["closedReason"] is None
    assert not rows[business.serial]["window"]["open"]


def test_someone_elses_certificates_are_not_listed(local_aws: LocalAws) -> None:
    """G8: the list is the caller's own."""
    demo.asan_certificate(*GUNAY, "personal", datetime(2026, 12, 20, 12, tzinfo=BAKU))
    other = _token("5ZK8M2P", "Məmmədov Elşən Rəşid oğlu")
    assert _list(local_aws, other) == []
