"""The external-system adapters against the simulators over real HTTP (DESIGN rule 14, G7).

Each adapter is the production client; the `local_aws` fixture points the SSM endpoint map at
the session's simulators, so these tests exercise the same code a Lambda runs on AWS.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import boto3
import httpx
import pytest

from egov.platform import adapters, secrets
from egov.platform.adapters import base
from egov.platform.problems import Invalid, NotFound, Unavailable
from tests.conftest import LocalAws, free_port


@pytest.fixture
def systems(local_aws: LocalAws) -> Iterator[LocalAws]:
    adapters.forget()
    secrets.forget()
    yield local_aws
    adapters.forget()
    secrets.forget()


def test_population_returns_the_person_with_azerbaijani_letters(systems: LocalAws) -> None:
    person = adapters.population().person("2hq4r7t")
    assert person.fin == "2HQ4R7T"
    assert (person.surname, person.name, person.patronymic) == ("Əliyeva", "Günay", "İlham qızı")
    assert person.gender == "female"
    assert person.birth_date == date(1992, 11, 2)
    assert person.address.startswith("Sumqayıt şəhəri, Hacı Zeynalabdin qəsəbəsi")


def test_unknown_fin_is_not_found_naming_the_callers_field(systems: LocalAws) -> None:
    """G7: the 404 of the registry becomes a problem on the field the form used."""
    with pytest.raises(NotFound) as caught:
        adapters.population().person("0000000", field="head.fin")
    assert caught.value.key == "fin.unknown"
    assert caught.value.errors[0].field == "head.fin"


def test_malformed_fin_is_refused_before_any_call(systems: LocalAws) -> None:
    """G7: bad input is a 422 naming the field, and the registry is not asked."""
    with pytest.raises(Invalid) as caught:
        adapters.population().person("ABC-12")
    assert (caught.value.key, caught.value.errors[0].field) == ("fin.invalid", "fin")


def test_failing_registry_is_unavailable_after_retrying(
    systems: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr(base.time, "sleep", sleeps.append)
    with pytest.raises(Unavailable) as caught:
        adapters.population().person("UNAVAIL")
    assert caught.value.status == 503
    assert caught.value.key == "adapter.population.unavailable"
    assert len(sleeps) == base.GET_ATTEMPTS - 1


def test_unreachable_system_is_unavailable(
    systems: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base.time, "sleep", lambda _: None)
    name = systems.template.physical_name("AdapterEndpoints")
    nowhere = {"tax": f"http://127.0.0.1:{free_port()}/tax"}
    boto3.client("ssm").put_parameter(
        Name=name, Value=json.dumps(nowhere), Type="String", Overwrite=True
    )
    adapters.forget()
    with pytest.raises(Unavailable) as caught:
        adapters.tax().taxpayer("1400500071")
    assert caught.value.errors[0].field == "voen"


def test_tax_registry_returns_the_taxpayer_and_its_head(systems: LocalAws) -> None:
    taxpayer = adapters.tax().taxpayer("1400500071")
    assert taxpayer.name == '"Göygöl Aqro" MMC'
    assert taxpayer.head.fin == "5ZK8M2P"
    assert taxpayer.status == "active"
    assert adapters.tax().taxpayer("9901000071").status == "liquidated"


def test_voen_is_checked_by_stdnum(systems: LocalAws) -> None:
    """DESIGN rule 9: a VÖEN with a wrong check digit never reaches the registry."""
    with pytest.raises(Invalid) as caught:
        adapters.tax().taxpayer("1400500081")
    assert caught.value.key == "voen.invalid"
    with pytest.raises(NotFound):
        adapters.tax().taxpayer("3000100031")  # valid, but not registered


def test_mobile_registry_names_the_owner_and_operator(systems: LocalAws) -> None:
    subscription = adapters.mobile_registry().subscription("+994 55 234 56 78")
    assert subscription.number == "+994552345678"
    assert (subscription.owner_fin, subscription.operator) == ("2HQ4R7T", "Bakcell")
    with pytest.raises(Invalid) as caught:
        adapters.mobile_registry().subscription("+994124901234")  # a Baku landline
    assert caught.value.key == "mobile.invalid"
    with pytest.raises(NotFound):
        adapters.mobile_registry().subscription("+994509999999")


def test_sms_is_accepted_and_visible_in_the_inspection_route(
    systems: LocalAws, simulators: str
) -> None:
    gateway_id = adapters.sms().send(
        "+994501234567", "Kod: 123456", "ref-sms-1", "http://127.0.0.1:9/receipts"
    )
    sent = httpx.get(f"{simulators}/sms/messages", params={"to": "+994501234567"}).json()
    ours = [m for m in sent["messages"] if m["reference"] == "ref-sms-1"]
    assert [m["id"] for m in ours] == [gateway_id]
    assert ours[0]["text"] == "Kod: 123456"


def test_gateway_outage_is_unavailable_and_not_retried(systems: LocalAws, simulators: str) -> None:
    """A POST is sent once: repeating it could send the message twice."""
    with pytest.raises(Unavailable):
        adapters.email().send("ops@outage.example", "S", "T", "ref-out-1", "http://127.0.0.1:9/")
    with pytest.raises(Unavailable):
        adapters.sms().send("+994500000003", "T", "ref-out-2", "http://127.0.0.1:9/")


def test_greylisted_email_fails_once_then_is_delivered_on_resubmission(
    systems: LocalAws, simulators: str
) -> None:
    """The simulated temporary failure is deterministic: first attempt of a reference only."""
    for _ in range(2):
        adapters.email().send("aygun@greylist.example", "S", "T", "ref-grey", "http://127.0.0.1:9/")
    sent = httpx.get(f"{simulators}/email/messages", params={"reference": "ref-grey"}).json()
    assert [m["receipt"]["status"] for m in sent["messages"]] == ["deferred", "delivered"]
