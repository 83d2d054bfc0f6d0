"""A citizen's FIN is looked up in the population registry, and his register item is never
overwritten (issue 12 item 7; E6, E7, G7).

Seed 001 §2.8: "Xaricdə daimi yaşayan Azərbaycan Respublikasının vətəndaşlarına verilmiş “virtual
FİN” onların şəxsiyyət vəsiqələrinin mövcud fərdi identifikasiya nömrəsi (FİN) ilə eynilik təşkil
edir."
"""

from __future__ import annotations

from egov.esign import vfin
from egov.esign.records import ESIGN
from egov.platform import clock
from egov.platform.repository import Transaction
from tests.conftest import LocalAws
from tests.workflow.test_esign_review import draft, pay_fee, sample_form, stored, submit

ELSHAN = {"category": "citizen-abroad", "citizenship": "AZ", "fin": "5ZK8M2P"}


def submitted(local_aws: LocalAws, **applicant: str) -> tuple[int, dict]:
    application_id, _, token = draft(local_aws, sample_form(**applicant))
    pay_fee(local_aws, application_id, token)
    status, body = submit(local_aws, application_id, token)
    return status, body | {"applicationId": application_id}


def test_e6_an_unknown_fin_is_refused_naming_it_and_nothing_changes(
    local_aws: LocalAws, simulators: str
) -> None:
    """E6, G7: a FIN the population registry does not know is a 422 naming applicant.fin; the
    application stays a draft."""
    status, problem = submitted(local_aws, **{**ELSHAN, "fin": "9ZZ9ZZ9"}, birthDate="1985-03-14")
    assert status == 422, problem
    assert [e["field"] for e in problem["errors"]] == ["applicant.fin"]
    assert problem["errors"][0]["code"] == "esign.applicant.fin-unknown"
    assert stored(problem["applicationId"])["status"] == "draft"


def test_e6_a_fin_of_someone_else_is_refused(local_aws: LocalAws, simulators: str) -> None:
    """E6: the registry's person with that FIN was born on another day: not this applicant."""
    status, problem = submitted(local_aws, **ELSHAN, birthDate="1980-04-12")
    assert status == 422, problem
    assert [e["field"] for e in problem["errors"]] == ["applicant.fin"]
    assert problem["errors"][0]["code"] == "esign.applicant.fin-not-this-person"
    assert stored(problem["applicationId"])["status"] == "draft"


def test_e6_the_registrys_person_is_accepted(local_aws: LocalAws, simulators: str) -> None:
    """E6: FIN and birth date as IAMAS has them: registered."""
    status, body = submitted(local_aws, **ELSHAN, birthDate="1985-03-14")
    assert status == 200, body
    assert body["status"] == "registered"


def test_e7_a_citizens_register_item_is_never_overwritten(local_aws: LocalAws) -> None:
    """E7 (§1.2.7: the subsystem keeps "“virtual FİN” verilmiş qeyri-rezidentlərin reyestri"): a
    second application of the same citizen leaves the first one's register item as it is and
    records its own use; cancelling the second (§2.13) marks its use, not the first's item."""
    first_at = clock.now_iso()
    tx = Transaction()
    vfin.register(tx, "5ZK8M2P", "first", "citizen-fin", first_at)
    tx.commit()
    tx = Transaction()
    vfin.register(tx, "5ZK8M2P", "second", "citizen-fin", clock.now_iso())
    tx.commit()
    item = ESIGN.get(*vfin.key("5ZK8M2P"))
    assert item is not None
    assert (item["owner"], item["issuedAt"], item["status"]) == ("first", first_at, "active")
    use = ESIGN.get("VFIN#5ZK8M2P", "APPLICATION#second")
    assert use is not None and use["status"] == "active"

    tx = Transaction()
    vfin.cancel(tx, "5ZK8M2P", "second")
    tx.commit()
    assert ESIGN.get(*vfin.key("5ZK8M2P"))["status"] == "active"  # type: ignore[index]
    assert ESIGN.get("VFIN#5ZK8M2P", "APPLICATION#second")["status"] == "cancelled"  # type: ignore[index]
