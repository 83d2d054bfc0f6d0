"""The cabinet: the caller's profile and the applications of every service in one list."""

from __future__ import annotations

import pytest

from egov.platform import applications, audit, i18n
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction
from tests.conftest import LocalAws
from tests.helpers import call, log_in, person

i18n.register(
    {
        "demo.title": {"az": "İxrac icazəsi: {goods}", "en": "Export permit: {goods}"},
        "demo.status.submitted": {"az": "Təqdim edilib", "en": "Submitted"},
        "demo.status.approved": {"az": "Təsdiqlənib", "en": "Approved"},
        "demo.note.checked": {"az": "Sənədlər yoxlanıldı", "en": "Documents checked"},
    }
)
CITIZEN = audit.Actor(id="citizen", role="citizen")
OFFICER = audit.Actor(id="officer", role="officer")


def _file(owner: str, application_id: str, goods: str) -> None:
    tx = Transaction()
    applications.track(
        tx,
        owner,
        application_id,
        "demo",
        "submitted",
        "demo.title",
        actor=CITIZEN,
        title_params={"goods": goods},
        reference=application_id.upper(),
    )
    tx.commit()


def test_profile_shows_the_officers_agency_and_office(local_aws: LocalAws) -> None:
    """The cabinet profile: name, username, role, contacts, language, agency and office."""
    user_id = person(
        "sevinc.officer",
        name="Sevinc Quliyeva",
        office="MKT-SHEKI",
        email="sevinc@agro.gov.az",
        mobile="+994501234567",
        language="en",
    )
    status, profile, _ = call(local_aws, "GET", "/me", token=log_in(local_aws, "sevinc.officer"))
    assert status == 200
    assert profile == {
        "userId": user_id,
        "role": "officer",
        "name": "Sevinc Quliyeva",
        "status": "active",
        "username": "sevinc.officer",
        "clientId": None,
        "email": "sevinc@agro.gov.az",
        "mobile": "+994501234567",
        "language": "en",
        "agency": "MKT",
        "office": "MKT-SHEKI",
    }
    assert call(local_aws, "GET", "/me")[0] == 401


def test_applications_of_every_service_in_one_list_with_history(local_aws: LocalAws) -> None:
    """A3 (track applications): the owner sees their applications newest first, each with its
    status history in their language; another user sees none of them."""
    owner = person("farid.citizen", role="citizen", agency=None)
    person("other.citizen", role="citizen", agency=None)
    _file(owner, "app-1", "fındıq")
    _file(owner, "app-2", "nar")
    tx = Transaction()
    applications.advance(
        tx, owner, "app-1", "demo", "approved", actor=OFFICER, note="demo.note.checked"
    )
    tx.commit()

    status, page, _ = call(
        local_aws,
        "GET",
        "/me/applications",
        token=log_in(local_aws, "farid.citizen"),
        language="en",
    )
    assert status == 200
    assert [a["applicationId"] for a in page["items"]] == ["app-2", "app-1"]
    first = page["items"][1]
    assert first["title"] == "Export permit: fındıq"
    assert first["status"] == "approved" and first["statusText"] == "Approved"
    assert [(s["status"], s["actorRole"]) for s in first["history"]] == [
        ("submitted", "citizen"),
        ("approved", "officer"),
    ]
    assert first["history"][1]["note"] == "Documents checked"

    _, other, _ = call(
        local_aws, "GET", "/me/applications", token=log_in(local_aws, "other.citizen")
    )
    assert other["items"] == []


def test_a_change_on_a_stale_read_is_refused(local_aws: LocalAws) -> None:
    """DESIGN rule 4: two changes racing on one application cannot lose a history step."""
    owner = person("aysel.citizen", role="citizen", agency=None)
    _file(owner, "app-9", "alma")
    first, second = Transaction(), Transaction()
    applications.advance(first, owner, "app-9", "demo", "approved", actor=OFFICER)
    applications.advance(second, owner, "app-9", "demo", "approved", actor=OFFICER)
    first.commit()
    with pytest.raises(Conflict):
        second.commit()


def test_application_texts_must_exist_in_both_languages(local_aws: LocalAws) -> None:
    """DESIGN rule 12: a status without registered az/en texts cannot be recorded."""
    with pytest.raises(KeyError):
        applications.track(
            Transaction(), "someone", "app-x", "demo", "unheard-of", "demo.title", actor=CITIZEN
        )
