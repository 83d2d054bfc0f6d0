"""The deadline calculator over HTTP, without a login (G4)."""

from tests.e2e.conftest import RunningStack


def test_g4_public_deadline_over_qurban_bayrami(stack: RunningStack) -> None:
    with stack.client() as http:
        response = http.get(
            "/calendar/deadline",
            params={"start": "2026-05-26T10:00:00Z", "days": 1, "kind": "business"},
            headers={"Accept-Language": "en"},
        )
    assert response.status_code == 200
    body = response.json()
    assert body["lastDay"] == "2026-06-01"
    assert [d["date"] for d in body["skippedDays"]] == [
        "2026-05-27",
        "2026-05-28",
        "2026-05-29",
        "2026-05-30",
        "2026-05-31",
    ]
    assert "Eid al-Adha" in body["skippedDays"][0]["name"]


def test_g7_bad_days_is_a_problem_over_http(stack: RunningStack) -> None:
    with stack.client() as http:
        response = http.get("/calendar/deadline", params={"days": "many"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "days"
