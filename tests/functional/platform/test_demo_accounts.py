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


def test_customs_and_catalogue_demo_data_seed_once(local_aws: LocalAws) -> None:
    """The importer's goods (C2) and the catalogue (X1) seeded twice are there once."""
    from egov.customs import registry
    from egov.customs.goods import Importer
    from egov.export import catalogue

    for _ in range(2):
        demo.customs()
        demo.export_catalogue()
    importer = Importer(voen="1400500071", name="Göygöl Aqro", address="Bakı")
    assert len(registry.uncleared(importer).items) == 3
    assert len(catalogue.search().items) == 5


def test_the_ektis_demo_farmers_are_seeded_once_with_an_overlap(local_aws: LocalAws) -> None:
    """A2, A8: the demo farmers come from the population registry, each with a parcel, the
    second overlapping the first; a second seed adds nothing."""
    from egov.ektis import parcels, subjects

    demo.ektis_farmers()
    demo.ektis_farmers()
    found = []
    for username, *_ in demo.EKTIS_FARMERS:
        user_id = auth.user_id_of_username(username)
        assert user_id is not None
        subject = subjects.of_owner(user_id)
        assert subject.person and subject.person.surname
        found.extend(parcels.of_subject(subject.subject_id))
    assert len(found) == 2
    assert all(len(parcel.overlaps) == 1 for parcel in found)
