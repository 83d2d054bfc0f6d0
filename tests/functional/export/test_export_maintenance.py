"""The export status page shows the exporter a permit agency's announced maintenance (X11, X4).

Əsasnamə 7.0.5: a participant tells the operator of its technical works at least 5 business days
ahead. An exporter whose permit is still pending at that agency sees, on the application's status
page, that the step will wait during the works and that its deadline does not move for them (the
clause asks for notice, it gives no extension; the operator may extend a decision).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from egov.export import permits, records
from egov.export.models import Application, Exporter, Goods, GoodsItem, Head
from egov.platform import auth, calendar, clock
from tests.conftest import LocalAws
from tests.functional.export.test_export_permit_events import JUICE
from tests.helpers import account, call, jump_clock

MONDAY = datetime.fromisoformat("2026-12-07T10:00:00+04:00")  # Baku
WORKS = {
    "start": "2026-12-14T20:00:00Z",  # after the 5th business day from Monday 7 December
    "end": "2026-12-15T02:00:00Z",
    "note": "Verilənlər bazasının yenilənməsi / Database upgrade",
}


def pending_application(owner: str) -> Application:
    """An export application whose permits (food safety at AQTA, origin) are all pending."""
    goods = [GoodsItem.model_validate(JUICE)]
    application = Application(
        application_id=f"exp_{auth.new_user_id()[:20]}",
        owner=owner,
        status="under-review",
        exporter=Exporter(
            voen="1400500071",
            name='"Göygöl Aqro" MMC',
            legal_form="MMC",
            address="Göygöl",
            head=Head(fin="5ZK8M2P", full_name="Məmmədov Elşən Rəşid oğlu"),
        ),
        destination="DE",
        goods=[Goods.of(item) for item in goods],
        export_incentive=False,
        permits=permits.required(goods, calendar.add_business_days(clock.now(), 10)),
        created_at=clock.now(),
    )
    records.EXPORT.put(records.item_of(application))
    return application


def test_x11_x4_the_status_page_shows_a_permit_agencys_maintenance_and_its_deadline(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    jump_clock(monkeypatch, MONDAY)
    owner, token = account("citizen")
    application = pending_application(owner)
    food = next(p for p in application.permits if p.code == "food-safety")
    others = {p.agency for p in application.permits} - {food.agency}
    assert others, "the goods need a permit of another agency"
    path = f"/export/applications/{application.application_id}"

    status, page = call(local_aws, "GET", path, token=token)[:2]
    assert status == 200 and page["waits"] == [], page

    agency = account("agency", food.agency)[1]
    status, window = call(
        local_aws, "POST", f"/agencies/{food.agency}/maintenance", token=agency, body=WORKS
    )[:2]
    assert status == 201, window

    status, page = call(local_aws, "GET", path, token=token, language="en")[:2]
    assert status == 200, page
    (wait,) = page["waits"]
    assert (wait["agency"], wait["kind"]) == (food.agency, "export-food-safety")
    assert (wait["start"], wait["end"]) == (WORKS["start"], WORKS["end"])
    assert wait["deadline"] == clock.iso(food.deadline)
    baku = food.deadline.astimezone(clock.BAKU).strftime("%Y-%m-%d %H:%M")
    assert "will wait" in wait["note"] and "does not move" in wait["note"]
    assert baku in wait["note"] and "7.0.5" in wait["note"]
    in_azerbaijani = call(local_aws, "GET", path, token=token)[1]["waits"][0]["note"]
    assert "gözləyəcək" in in_azerbaijani and "dəyişmir" in in_azerbaijani

    # Once the works are over, nothing waits on them.
    jump_clock(monkeypatch, clock.parse("2026-12-15T02:00:01Z"))
    assert call(local_aws, "GET", path, token=token)[1]["waits"] == []
