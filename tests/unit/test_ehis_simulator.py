"""The exchange simulator (infra/devstack/simulators/ehis.py) dates documents by the platform's
clock, as the ASAN İmza simulator does (review finding; A9, G4): a demo or test that moves the
clock sees a document issued in its own time, not the machine's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from devstack.simulators import ehis
from egov.platform import clock
from tests.helpers import jump_clock


def test_a9_g4_the_exchange_dates_a_document_by_the_platform_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    posted: list[dict[str, Any]] = []
    monkeypatch.setattr(ehis, "post_signed", lambda url, body, *args, **kw: posted.append(body))
    jump_clock(monkeypatch, datetime(2031, 3, 20, 8, 0, tzinfo=UTC))
    exchange = ehis.make("http://platform.invalid").test_client()
    sent = exchange.post("/documents", json={"subject": "5ZK8M2P", "text": "Borc yoxdur"})
    assert sent.status_code == 201
    issued = clock.parse(posted[0]["data"]["issuedAt"])
    assert abs(issued - clock.now()) < timedelta(minutes=1)
    assert issued.year == 2031  # the wall clock says otherwise
