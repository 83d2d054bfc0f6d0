"""The catalogue of goods made in Azerbaijan (X1) on moto with the template provisioned: public,
searched by name (Azerbaijani-aware), HS code and producer, one DynamoDB Query per page; the
producer named from the producer registry where it is registered, else from the tax registry.

(Provisions the whole template: moves to tests/functional/export/ with the other such files.)
"""

from __future__ import annotations

from typing import Any

from egov.producers.records import PRODUCERS
from tests.conftest import LocalAws
from tests.functional.customs.test_customs_goods import citizen, token_of
from tests.helpers import Calls, call

GOYGOL = "1400500071"  # in the tax simulator; made a registered producer below
SEKI = "1700400081"  # in the tax simulator only

ENTRIES = [
    ("Fındıq ləpəsi, qovrulmuş", "Roasted hazelnut kernels", "0802220000", GOYGOL),
    ("Nar şirəsi", "Pomegranate juice", "2009890000", GOYGOL),
    ("Şəki ipəyi, xam", "Raw Shaki silk", "5002000000", SEKI),
    ("İpək kəlağayı", "Silk kelaghayi headscarf", "6214100000", SEKI),
]


def operator_token() -> str:
    from egov.platform import accounts, audit

    user_id = accounts.create(
        accounts.NewAccount(
            username="catalogue.operator",
            password="Operator-password-2026",
            role="operator",
            name="Operator",
        ),
        audit.Actor.system("test"),
    )
    return token_of(user_id)


def add(local_aws: LocalAws, token: str, az: str, en: str, hs: str, voen: str) -> tuple[int, Any]:
    body = {"nameAz": az, "nameEn": en, "hsCode": hs, "producerVoen": voen}
    return call(local_aws, "POST", "/export/catalogue", token=token, body=body)[:2]


def search(local_aws: LocalAws, **query: str) -> tuple[int, Any]:
    return call(local_aws, "GET", "/export/catalogue", query=query or None)[:2]


def registered_producer(voen: str, name: str) -> None:
    PRODUCERS.put({"pk": f"VOEN#{voen}", "sk": "GUARD", "owner": "p-goygol"})
    PRODUCERS.put(
        {
            "pk": "PRODUCER#p-goygol",
            "sk": "PROFILE",
            "id": "p-goygol",
            "displayName": name,
            "status": "approved",
        }
    )


def names(page: dict[str, Any]) -> list[str]:
    return [e["nameAz"] for e in page["items"]]


def test_x1_public_search_by_name_hs_code_and_producer(local_aws: LocalAws) -> None:
    registered_producer(GOYGOL, "Göygöl Aqro")
    token = operator_token()
    for entry in ENTRIES:
        assert add(local_aws, token, *entry)[0] == 201

    status, page = search(local_aws)  # no login: public (X1, X3)
    assert status == 200
    assert names(page) == [
        "Fındıq ləpəsi, qovrulmuş",
        "İpək kəlağayı",
        "Nar şirəsi",
        "Şəki ipəyi, xam",
    ]

    # Azerbaijani-aware: İ/I/ı/i one letter, ə ş ç typed as e s c, any word of either name.
    for q in ("ipək", "IPEK", "İpək kəl"):
        assert names(search(local_aws, q=q)[1]) == ["İpək kəlağayı"], q
    assert names(search(local_aws, q="ipe")[1]) == ["İpək kəlağayı", "Şəki ipəyi, xam"]
    assert names(search(local_aws, q="seki ipeyi")[1]) == ["Şəki ipəyi, xam"]
    assert names(search(local_aws, q="ləpəsi QOV")[1]) == ["Fındıq ləpəsi, qovrulmuş"]
    assert names(search(local_aws, q="silk")[1]) == ["İpək kəlağayı", "Şəki ipəyi, xam"]

    assert names(search(local_aws, hs="0802")[1]) == ["Fındıq ləpəsi, qovrulmuş"]
    assert names(search(local_aws, hs="50")[1]) == ["Şəki ipəyi, xam"]

    by_producer = search(local_aws, producer=GOYGOL)[1]["items"]
    assert {e["producer"]["name"] for e in by_producer} == {"Göygöl Aqro"}
    assert {e["producer"]["producerId"] for e in by_producer} == {"p-goygol"}
    tax_only = search(local_aws, producer=SEKI)[1]["items"]
    assert [e["producer"]["name"] for e in tax_only] == ['"Şəki İpək" ASC', '"Şəki İpək" ASC']
    assert all(e["producer"].get("producerId") is None for e in tax_only)


def test_x1_each_page_is_one_query_whatever_the_catalogue_holds(local_aws: LocalAws) -> None:
    token = operator_token()
    for entry in ENTRIES:
        add(local_aws, token, *entry)
    search(local_aws, q="ipek")  # warm: the cursor key is read once per cold start
    for query in ({}, {"q": "ipek", "limit": "1"}, {"hs": "0802"}, {"producer": SEKI}):
        calls = Calls()
        status, _ = search(local_aws, **query)
        assert status == 200
        assert dict(calls.seen) == {"dynamodb.Query": 1}, (query, calls.seen)
    first = search(local_aws, limit="3")[1]
    rest = search(local_aws, limit="3", cursor=first["cursor"])[1]
    assert len(first["items"]) == 3 and names(rest) == ["Şəki ipəyi, xam"]


def test_x1_bad_searches_and_additions_are_refused_naming_the_field(local_aws: LocalAws) -> None:
    status, problem = search(local_aws, q="ipek", hs="50")
    assert status == 422 and problem["errors"][0]["field"] == "hs"
    assert search(local_aws, q="i")[1]["errors"][0]["field"] == "q"
    assert search(local_aws, hs="7700")[1]["errors"][0]["field"] == "hs"
    assert search(local_aws, producer="1400500073")[1]["errors"][0]["field"] == "producer"
    token = operator_token()
    status, problem = add(local_aws, token, "Alma", "Apple", "08081080", GOYGOL)
    assert status == 422 and problem["errors"][0]["field"] == "hsCode"
    assert add(local_aws, citizen(None), "Alma", "Apple", "0808108000", GOYGOL)[0] == 403
    assert search(local_aws)[1]["items"] == []
