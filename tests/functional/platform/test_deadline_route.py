"""GET /calendar/deadline: the calendar as a public, explained answer (G4, G7)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from egov.platform import calendar
from tests.conftest import LocalAws, rest_event


def get(local_aws: LocalAws, query: dict[str, str], lang: str = "az") -> dict[str, Any]:
    event = rest_event("GET", "/calendar/deadline", query=query, headers={"Accept-Language": lang})
    return local_aws.invoke("DeadlineFunction", event)


def test_g4_deadline_over_novruz_is_explained(local_aws: LocalAws) -> None:
    response = get(local_aws, {"start": "2026-03-19T08:00:00Z", "days": "1"}, lang="en")
    assert response["statusCode"] == 200
    body = json.loads(response["body"])
    assert body["deadline"] == "2026-03-31T19:59:59.999999Z"
    assert body["kind"] == "business"
    assert body["countedDays"] == ["2026-03-31"]
    assert body["skippedDays"][0] == {
        "date": "2026-03-20",
        "reason": "holiday",
        "name": "Eid al-Fitr; Spring Festival",
    }


def test_g4_calendar_days_are_available(local_aws: LocalAws) -> None:
    response = get(
        local_aws, {"start": "2026-03-19T08:00:00+04:00", "days": "3", "kind": "calendar"}
    )
    body = json.loads(response["body"])
    assert body["lastDay"] == "2026-03-22"
    assert body["skippedDays"] == []
    assert "təqvim günü" in body["rule"]


def test_g4_without_a_start_the_deadline_counts_from_now(local_aws: LocalAws) -> None:
    response = get(local_aws, {"days": "0"})
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["days"] == 0


def test_g7_a_start_without_time_zone_is_a_problem_naming_start(local_aws: LocalAws) -> None:
    response = get(local_aws, {"start": "2026-03-19T08:00:00", "days": "1"})
    assert response["statusCode"] == 422
    problem = json.loads(response["body"])
    assert [e["field"] for e in problem["errors"]] == ["start"]


def test_g7_bad_days_and_kind_are_named(local_aws: LocalAws) -> None:
    response = get(local_aws, {"days": "-1", "kind": "lunar"})
    assert response["statusCode"] == 422
    fields = {e["field"] for e in json.loads(response["body"])["errors"]}
    assert fields == {"days", "kind"}
    missing = get(local_aws, {})
    assert [e["field"] for e in json.loads(missing["body"])["errors"]] == ["days"]


def test_g4_a_named_service_level_is_shown_as_such(local_aws: LocalAws) -> None:
    """G4 (issue 12 item 11): where a seed sets no deadline the platform's period is a named
    template parameter, and the explanation the applicant reads says it is not law; seed 001
    §2.12 "sənədlərin autentikliyini yoxladıqdan sonra" sets no period for the embassy's check."""
    response = get(
        local_aws, {"start": "2026-11-14T12:00:00+04:00", "period": "esign.embassy-check"}, "en"
    )
    assert response["statusCode"] == 200
    body = json.loads(response["body"])
    assert (body["period"], body["basis"], body["days"]) == (
        "esign.embassy-check",
        "service-level",
        1,
    )
    assert "EmbassyCheckBusinessDays" in body["basisText"]
    assert "not law" in body["basisText"]
    assert body["countsFrom"] == "2026-11-15"
    assert body["lastDay"] == "2026-11-16"


def test_g4_a_period_the_seed_sets_is_law(local_aws: LocalAws) -> None:
    """E6, G4: §2.8 "3 (üç) iş günü müddətində": Saturday 14 Nov 2026 → Wednesday 18 Nov."""
    body = json.loads(
        get(local_aws, {"start": "2026-11-14T12:00:00+04:00", "period": "esign.review"})["body"]
    )
    assert (body["basis"], body["lastDay"]) == ("law", "2026-11-18")
    unknown = get(local_aws, {"period": "esign.lunch"})
    assert [e["field"] for e in json.loads(unknown["body"])["errors"]] == ["period"]


@pytest.mark.parametrize("period", calendar.PERIODS)
def test_g4_every_named_period_is_explained_with_the_function_s_own_environment(
    local_aws: LocalAws, period: str
) -> None:
    """G4: a service level's length is a template parameter; the calendar route explains every
    named period, so each parameter reaches it (an export period once answered 500 here)."""
    response = get(local_aws, {"period": period, "start": "2026-11-16T08:00:00+04:00"}, "en")
    assert response["statusCode"] == 200, response["body"]
    body = json.loads(response["body"])
    assert body["period"] == period
    assert body["days"] == calendar.period(period).days
