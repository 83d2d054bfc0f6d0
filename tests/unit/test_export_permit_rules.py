"""The rules of a permit's events (X8) and the forms of complaints and requests (X9), without
AWS: the table in egov/export/data/permit_events.json and what it allows the exporter."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from egov.export import permit_events, permits
from egov.export.complaints import ComplaintForm
from egov.export.models import Application, Exporter, GoodsItem, Head, Permit, PermitEvent
from egov.export.requests import RequestForm

AT = datetime(2026, 12, 1, 9, tzinfo=UTC)
JUICE = {
    "hsCode": "2009890000",
    "description": "Nar şirəsi",
    "quantity": "4000",
    "unit": "l",
    "value": "9600.00",
    "currency": "USD",
    "origin": "AZ",
    "flags": ["origin-certificate"],
}


def permit(status: str = "issued") -> Permit:
    found = permits.required([GoodsItem.model_validate(JUICE)], AT)[0]
    return found.model_copy(update={"status": status})


def event(kind: str, before: str, after: str) -> PermitEvent:
    return PermitEvent.model_validate(
        {
            "eventId": f"m-{kind}",
            "kind": kind,
            "statusBefore": before,
            "statusAfter": after,
            "at": AT,
            "noticeId": "n",
        }
    )


def test_x8_every_event_of_the_seed_is_in_the_table() -> None:
    """X8 (§6.0.9): issued, refused (through the exchange), addendum, duplicate, re-issued,
    suspended, restored, revoked (from the agency's system)."""
    events = permit_events.rules()["events"]
    assert {k: v["source"] for k, v in events.items()} == {
        "issued": "exchange",
        "refused": "exchange",
        "addendum": "agency",
        "duplicate": "agency",
        "reissued": "agency",
        "suspended": "agency",
        "restored": "agency",
        "revoked": "agency",
    }


@pytest.mark.parametrize(
    ("status", "kind", "reason", "after"),
    [
        ("issued", "suspended", "yoxlama", "suspended"),
        ("deemed-issued", "suspended", "yoxlama", "suspended"),
        ("deemed-issued", "addendum", None, "deemed-issued"),
        ("suspended", "duplicate", None, "suspended"),
        ("suspended", "reissued", None, "issued"),
        ("suspended", "revoked", "saxta", "revoked"),
    ],
)
def test_x8_the_status_an_event_leaves(
    status: str, kind: str, reason: str | None, after: str
) -> None:
    assert permit_events.next_status(permit(status), kind, reason) == after


def test_x8_a_restoration_gives_back_the_status_before_the_suspension() -> None:
    held = permit("suspended").model_copy(
        update={"events": [event("suspended", "deemed-issued", "suspended")]}
    )
    assert permit_events.next_status(held, "restored", None) == "deemed-issued"


@pytest.mark.parametrize(
    ("status", "kind", "reason", "code"),
    [
        ("revoked", "restored", None, "export.permit-event.not-allowed"),
        ("issued", "restored", None, "export.permit-event.not-allowed"),
        ("refused", "addendum", None, "export.permit-event.not-allowed"),
        ("issued", "suspended", None, "export.permit-event.reason-required"),
        ("issued", "revoked", "", "export.permit-event.reason-required"),
    ],
)
def test_x8_an_event_the_status_or_the_rules_do_not_allow_is_refused(
    status: str, kind: str, reason: str | None, code: str
) -> None:
    with pytest.raises(Exception) as refused:
        permit_events.next_status(permit(status), kind, reason)
    assert getattr(refused.value, "key", None) == code


def application(*statuses: str, status: str = "ready") -> Application:
    return Application(
        application_id="exp_1",
        owner="u1",
        status=status,  # type: ignore[arg-type]
        exporter=Exporter(
            voen="1400500071",
            name="Göygöl Aqro",
            legal_form="MMC",
            address="Göygöl",
            head=Head(fin="5ZK8M2P", full_name="Elşən"),
        ),
        destination="DE",
        goods=[],
        export_incentive=False,
        permits=[permit(s).model_copy(update={"code": f"p{i}"}) for i, s in enumerate(statuses)],
        created_at=AT,
    )


def test_x8_x9_the_status_page_says_what_the_permits_allow() -> None:
    """X8: the declaration only with every permit in force; X9: a complaint against each
    refused, suspended or revoked permit."""
    page = permit_events.status_page(application("issued", "deemed-issued"))
    assert (page.may_declare, page.not_in_force, page.may_complain) == (True, [], [])
    page = permit_events.status_page(application("issued", "suspended"))
    assert (page.may_declare, page.not_in_force, page.may_complain) == (False, ["p1"], ["p1"])
    page = permit_events.status_page(application("revoked", "refused", status="refused"))
    assert page.may_declare is False and page.may_complain == ["p0", "p1"]
    with pytest.raises(Exception) as blocked:
        permit_events.check_in_force(application("issued", "revoked"))
    assert getattr(blocked.value, "field", None) == "permits.1"


def test_x4_the_status_page_speaks_one_language() -> None:
    """X4, DESIGN rule 12: the status page names each permit and why it is needed in the
    reader's language only, Azerbaijani by default (issue 14: it showed az and en side by
    side)."""
    stored = application("issued").permits[0]
    page = permit_events.status_page(application("issued"))
    shown = page.permits[0]
    assert page.language == "az"
    assert (shown.name, shown.why) == (stored.name.az, stored.why.az)
    english = permit_events.status_page(application("issued"), "en")
    assert english.language == "en"
    assert (english.permits[0].name, english.permits[0].why) == (stored.name.en, stored.why.en)
    assert isinstance(english.model_dump(by_alias=True)["permits"][0]["name"], str)


def test_x9_forms() -> None:
    """X9: a complaint names a permit and says why; a request names its kind and a valid
    e-mail address for the answer."""
    assert ComplaintForm.model_validate({"permit": "cites", "text": "Kvota var."}).permit == "cites"
    with pytest.raises(ValidationError):
        ComplaintForm.model_validate({"permit": "CITES!", "text": "x"})
    with pytest.raises(ValidationError):
        ComplaintForm.model_validate({"permit": "cites", "text": "x", "extra": 1})
    asked = RequestForm.model_validate(
        {"kind": "suggestion", "email": "Info@Goygol-Aqro.az", "text": "PDF"}
    )
    assert asked.email == "info@goygol-aqro.az"
    for bad in ({"kind": "complaint"}, {"email": "no-at-sign"}):
        with pytest.raises(ValidationError):
            RequestForm.model_validate(
                {"kind": "information", "email": "a@b.az", "text": "x"} | bad
            )
