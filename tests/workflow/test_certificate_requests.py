"""A holder's request reaches the Center; the Center acts on it or on its own initiative; a
suspension has its dates (issue 12 items 2 and 5; E13, E15).

Seed 001 §3.2: "İmza sahibi sertifikatın qüvvəsinin dayandırılması, bərpası və ya ləğvi üçün
portal vasitəsilə diplomatik nümayəndəliyə və ya birbaşa sertifikatı vermiş Mərkəzə müraciət
etməlidir." §3.3: "Diplomatik nümayəndəlik ... daxil olan müraciəti dərhal ... müvafiq Mərkəzə
göndərir." §3.4: "Mərkəz ... dərhal müvafiq tədbir görür". §5.4: "... 1 (bir) iş günündən gec
olmayaraq təmin etməlidir." §5.5.1: "Reyestrə məlumatları yalnız müvafiq səlahiyyətli işçilər
daxil etməlidirlər." Annex, item 5.5: "Dayandırılsın “__” ______ 20___ - dən “__” ______20___ -
dək".
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import boto3
import pytest

from egov.certificates import registry
from egov.platform import audit, calendar, clock, webhooks
from tests.conftest import LocalAws
from tests.helpers import Agency, call, jump_clock, scale_clock, serve_agency, settle, wait_for
from tests.workflow.test_certificates import Person, act, apply, issue, people

__all__ = ["people"]  # the fixture, used by name


@pytest.fixture
def center(local_aws: LocalAws) -> Iterator[Agency]:
    """The ASXM Center's webhook endpoint, registered as an operator would."""
    with serve_agency() as (agency, url):
        webhooks.register("ASXM", webhooks.Registration(url=url), audit.Actor.system("tests"))
        yield agency


def task_list(aws: LocalAws, who: Person) -> tuple[int, Any]:
    status, body, _ = call(aws, "GET", "/certificates/requests", token=who.token)
    return status, body


def test_e13_a_holders_application_reaches_the_center_at_once(
    local_aws: LocalAws, people: dict[str, Person], center: Agency
) -> None:
    """E13 (§3.2–3.4, §5.4): the application is a signed webhook to the Center at once and an
    entry of its task list with the deadline of one business day; the registry is unchanged
    until Center staff act (§5.5.1); the act takes it off the list."""
    staff, holder = people["ASXM"], people["holder"]
    serial = issue(local_aws, staff, holder)["serial"]
    status, application = apply(
        local_aws, holder, serial, action="revoke", reason="superseded", addressedTo="center"
    )
    assert status == 201, application
    expected_deadline = calendar.add_business_days(
        clock.parse(application["receivedAt"].replace("+00:00", "Z")), 1
    )
    assert clock.parse(application["deadline"].replace("+00:00", "Z")) == expected_deadline
    assert registry.load(serial)[0].status == "active"

    settle(local_aws.pump)
    [sent] = center.bodies("certificate.request-received")
    assert sent["data"]["serial"] == serial and sent["data"]["action"] == "revoke"
    assert sent["data"]["applicationId"] == application["applicationId"]
    assert sent["data"]["deadline"] == application["deadline"]

    status, listed = task_list(local_aws, staff)
    assert status == 200
    [entry] = [r for r in listed["requests"] if r["serial"] == serial]
    assert (entry["kind"], entry["id"], entry["action"]) == (
        "application",
        application["applicationId"],
        "revoke",
    )
    assert entry["overdue"] is False
    assert task_list(local_aws, people["eimza"])[1]["requests"] == []  # another Center's list
    assert task_list(local_aws, holder)[0] == 403

    basis = {"kind": "application", "id": application["applicationId"]}
    status, cert = act(local_aws, staff, serial, "revoke", basis, reason="superseded")
    assert status == 200 and cert["history"][-1]["by"] == "center"
    assert task_list(local_aws, staff)[1]["requests"] == []


def test_e13_a_request_left_past_its_deadline_is_alerted(
    local_aws: LocalAws,
    people: dict[str, Person],
    center: Agency,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """E13, §5.4 (1 business day): the request-deadline timer (the real ASL in moto) wakes at
    the deadline; the request still open is alerted to the Center (webhook, lastAlertAt,
    audit) and stays on the list, marked overdue."""
    staff, holder = people["ASXM"], people["holder"]
    serial = issue(local_aws, staff, holder)["serial"]
    scale_clock(monkeypatch, 3)  # a day in 3 real seconds, only for the wait
    status, application = apply(local_aws, holder, serial, action="suspend", addressedTo="center")
    assert status == 201, application

    def alerted() -> Any:
        listed = task_list(local_aws, staff)[1]["requests"]
        return [r for r in listed if r["lastAlertAt"]]

    [entry] = wait_for(alerted, what="the overdue alert", pump=local_aws.pump)
    assert entry["overdue"] is True and entry["id"] == application["applicationId"]
    overdue = wait_for(
        lambda: center.bodies("certificate.request-overdue"),
        what="the overdue webhook",
        pump=local_aws.pump,
    )
    assert overdue[0]["data"]["request"] == f"APP#{application['applicationId']}"
    deadline = clock.parse(application["deadline"].replace("+00:00", "Z"))
    assert overdue[0]["data"]["deadline"] == clock.iso(deadline)
    trail = boto3.resource("dynamodb").Table(local_aws.template.physical_name("AuditTable"))
    actions = [
        e["action"]
        for e in trail.query(
            KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": f"CERT#{serial}"}
        )["Items"]
    ]
    assert "certificate-request-overdue" in actions
    assert registry.load(serial)[0].status == "active"  # nobody but the Center writes


def test_e13_the_center_acts_on_its_own_initiative_with_grounds(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """E13, §3.1 ("Mərkəz ... Qanununun 13-cü və 14-cü maddələrində müəyyən edilmiş hallarda
    onun qüvvəsini dayandıra, bərpa və ya ləğv edə bilər"): without a holder's request, with the
    case of the Law as grounds (422 naming `grounds` without), kept with the decision."""
    staff = people["ASXM"]
    serial = issue(local_aws, staff, people["holder"])["serial"]
    basis = {"kind": "center-initiative", "id": "ASXM-2026-17"}
    status, problem = act(local_aws, staff, serial, "revoke", basis, reason="privilegeWithdrawn")
    assert status == 422 and problem["errors"][0]["field"] == "grounds"
    assert registry.load(serial)[0].status == "active"

    grounds = "Qanunun 14-cü maddəsi: məhkəmə qərarı / Article 14: a court order"
    status, cert = act(
        local_aws, staff, serial, "revoke", basis, reason="privilegeWithdrawn", grounds=grounds
    )
    assert status == 200, cert
    assert cert["history"][-1]["basis"] == basis and cert["history"][-1]["by"] == "center"
    kept = registry.CERTIFICATES.get(f"CERT#{serial}", "INITIATIVE#ASXM-2026-17")
    assert kept is not None and kept["grounds"] == grounds and kept["by"] == staff.user_id
    assert act(local_aws, people["eimza"], serial, "revoke", basis, grounds=grounds)[0] == 403


def test_annex_5_5_a_suspension_has_its_dates_and_ends_by_a_timer(
    local_aws: LocalAws, people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    """E13, annex item 5.5 "Dayandırılsın __-dən __-dək": the application carries the first and
    last day (Baku); the Center cannot suspend before the first; the suspension records its last
    day, and once that day is over the suspension-end timer (the real ASL in moto) restores the
    certificate, told to the holder like any restoration."""
    staff, holder = people["ASXM"], people["holder"]
    jump_clock(monkeypatch, datetime(2026, 12, 7, 8, 0, tzinfo=UTC))  # Monday, 12:00 in Baku
    serial = issue(local_aws, staff, holder)["serial"]

    status, problem = apply(
        local_aws, holder, serial, action="suspend", addressedTo="center", **{"from": "2026-12-01"}
    )
    assert status == 422 and problem["errors"][0]["field"] == "from"
    status, problem = apply(
        local_aws,
        holder,
        serial,
        action="suspend",
        addressedTo="center",
        **{"from": "2026-12-09", "until": "2026-12-08"},
    )
    assert status == 422
    status, problem = apply(
        local_aws, holder, serial, action="revoke", addressedTo="center", until="2026-12-09"
    )
    assert status == 422

    status, application = apply(
        local_aws,
        holder,
        serial,
        action="suspend",
        addressedTo="center",
        **{"from": "2026-12-08", "until": "2026-12-09"},
    )
    assert status == 201, application
    assert (application["from"], application["until"]) == ("2026-12-08", "2026-12-09")
    # The deadline counts from the first day: the end of the next business day after it.
    assert calendar.baku_day(clock.parse(application["deadline"].replace("+00:00", "Z"))) == date(
        2026, 12, 9
    )
    basis = {"kind": "application", "id": application["applicationId"]}
    status, problem = act(local_aws, staff, serial, "suspend", basis)
    assert status == 409 and problem["code"] == "certificates.not-yet"

    # From here a day passes in 3 real seconds, so that the timer armed by the suspension
    # wakes within the test; the Center acts at 00:30 on 8 December in Baku.
    scale_clock(monkeypatch, 3)
    jump_clock(monkeypatch, datetime(2026, 12, 7, 20, 30, tzinfo=UTC))
    status, cert = act(local_aws, staff, serial, "suspend", basis)
    assert status == 200, cert
    assert cert["status"] == "suspended" and cert["suspendedUntil"] == "2026-12-09"
    assert registry.load(serial)[0].suspended_until == date(2026, 12, 9)

    wait_for(
        lambda: registry.load(serial)[0].status == "active",
        what="the suspension's end",
        pump=local_aws.pump,
    )
    restored, _ = registry.load(serial)
    assert restored.last.basis.kind == "suspension-end" and restored.last.basis.id == "2026-12-09"
    assert restored.last.at >= calendar.end_of_day(date(2026, 12, 9)) - timedelta(seconds=1)
    assert restored.suspended_until is None
    assert get_verified(local_aws, serial)


def get_verified(aws: LocalAws, serial: str) -> bool:
    status, body, _ = call(aws, "GET", f"/certificates/{serial}/verify")
    return status == 200 and bool(body["verified"])


def test_annex_5_5_a_center_suspension_on_its_own_initiative_may_end(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """Annex 5.5, §3.1: the Center may suspend with a last day on its own initiative; a last
    day on any other decision is refused naming `until`."""
    staff = people["ASXM"]
    serial = issue(local_aws, staff, people["holder"])["serial"]
    last = (calendar.today() + timedelta(days=30)).isoformat()
    basis = {"kind": "center-initiative", "id": "ASXM-2026-18"}
    status, problem = act(
        local_aws, staff, serial, "revoke", basis, reason="unspecified", grounds="x", until=last
    )
    assert status == 422 and problem["errors"][0]["field"] == "until"
    status, cert = act(local_aws, staff, serial, "suspend", basis, grounds="Maddə 13", until=last)
    assert status == 200 and cert["suspendedUntil"] == last
