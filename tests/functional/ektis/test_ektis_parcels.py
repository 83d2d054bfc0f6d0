"""EKTİS through its handlers on moto (A1–A3, A8): subjects registered from the registries, the
cabinet, parcels mapped, overlaps flagged on both sides, the map read through the cell index."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from egov.ektis import cells, geometry
from egov.platform import audit, auth, aws
from tests.conftest import LocalAws
from tests.helpers import account, call, identified
from tests.unit.test_ektis_geometry import square

ELSHAN = "5ZK8M2P"
GUNAY = "2HQ4R7T"
GOYGOL = "1400500071"


def register(local_aws: LocalAws, token: str, **body: Any) -> tuple[int, dict[str, Any]]:
    status, payload, _ = call(
        local_aws,
        "POST",
        "/ektis/subjects",
        token=token,
        body={
            "personKind": "natural",
            "kinds": ["farmer"],
            "activities": ["crops"],
            "contacts": {"mobile": "+994501234567"},
            **body,
        },
    )
    return status, payload


def farmer(local_aws: LocalAws, fin: str) -> str:
    _, token = identified(fin)
    status, body = register(local_aws, token, fin=fin)
    assert status == 201, body
    return token


def declare(
    local_aws: LocalAws,
    token: str,
    geojson: dict[str, Any],
    cadastre: str,
    area_ha: float | None = None,
) -> tuple[int, dict[str, Any]]:
    if area_ha is None:
        area_ha = round(geometry.parse(geojson).area_m2 / 10_000, 2)
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/parcels",
        token=token,
        body={
            "cadastreId": cadastre,
            "areaHa": area_ha,
            "category": "agricultural",
            "use": "arable",
            "geometry": geojson,
        },
    )
    return status, body


def cabinet(local_aws: LocalAws, token: str) -> dict[str, Any]:
    status, body, _ = call(local_aws, "GET", "/ektis/subjects/me", token=token)
    assert status == 200, body
    return body


def test_a2_person_and_legal_entity_come_from_the_registries(local_aws: LocalAws) -> None:
    _, token = identified(ELSHAN)
    status, body = register(local_aws, token, fin=ELSHAN, kinds=["farmer", "supplier"])
    assert status == 201, body
    assert body["person"]["surname"] and body["person"]["address"]
    assert body["kinds"] == ["farmer", "supplier"]
    assert cabinet(local_aws, token)["subject"]["subjectId"] == body["subjectId"]

    status, again = register(local_aws, token, fin=ELSHAN)
    assert (status, again["errors"][0]["field"]) == (409, "fin")  # one per FIN (and account)

    status, body = register(local_aws, identified(GUNAY)[1], personKind="legal")
    assert (status, body["errors"][0]["field"]) == (422, "voen")


def test_a2_a_legal_entity_is_registered_by_its_head(local_aws: LocalAws) -> None:
    status, body = register(
        local_aws,
        identified(ELSHAN)[1],  # the tax registry's head of Göygöl Aqro
        personKind="legal",
        voen=GOYGOL,
        kinds=["procurer"],
        activities=["procurement"],
    )
    assert status == 201, body
    entity = body["legalEntity"]
    assert entity["voen"] == GOYGOL and entity["representatives"][0]["fin"] == ELSHAN


def test_a1_only_an_identified_person_registers_and_only_as_themself(local_aws: LocalAws) -> None:
    """Seed 004 §4.9, §7.2: users are identified through ASAN Login before they use EKTİS, so
    the FIN registered is the one the login proved; a company is registered by its head. A
    stranger's FIN or VÖEN is refused (403, audited) and nothing is registered."""
    company = {
        "personKind": "legal",
        "voen": GOYGOL,
        "kinds": ["procurer"],
        "activities": ["procurement"],
    }
    unidentified_id, unidentified = account("citizen")
    status, problem = register(local_aws, unidentified, fin=ELSHAN)
    assert (status, problem["errors"][0]["code"]) == (403, "ektis.subject.not-identified")
    assert register(local_aws, unidentified, **company)[0] == 403

    gunay_id, gunay = identified(GUNAY)
    status, problem = register(local_aws, gunay, fin=ELSHAN)
    assert (status, problem["errors"][0]) == (
        403,
        problem["errors"][0] | {"code": "ektis.subject.not-yours", "field": "fin"},
    )
    status, problem = register(local_aws, gunay, **company)  # Günay does not head Göygöl Aqro
    assert (status, problem["errors"][0]["field"]) == (403, "voen")

    # Nothing registered for Elşən or the company: each registers after, as themself.
    assert register(local_aws, identified(ELSHAN)[1], fin=ELSHAN)[0] == 201
    refused = [
        entry
        for user in (unidentified_id, gunay_id)
        for entry in audit.trail(auth.access_subject(user)).items
        if entry["action"] == auth.ACCESS_REFUSED
    ]
    assert len(refused) == 4


def test_a8_bow_tie_and_wrong_area_are_refused_naming_the_field(local_aws: LocalAws) -> None:
    token = farmer(local_aws, ELSHAN)
    bow_tie = {
        "type": "Polygon",
        "coordinates": [[[47.0, 40.0], [47.01, 40.01], [47.01, 40.0], [47.0, 40.01], [47.0, 40.0]]],
    }
    status, body = declare(local_aws, token, bow_tie, "AZ-0001", area_ha=1)
    assert (status, body["errors"][0]["field"]) == (422, "geometry")
    status, body = declare(local_aws, token, square(47.0, 40.0), "AZ-0001", area_ha=90)
    assert (status, body["errors"][0]["field"]) == (422, "areaHa")
    status, body = declare(local_aws, token, square(47.0, 40.0, 0.25), "AZ-0001")
    assert (status, body["errors"][0]["field"]) == (422, "geometry")  # 36 cells: not one parcel
    assert cabinet(local_aws, token)["parcels"] == []


def test_a8_overlap_with_another_subject_is_flagged_on_both_touching_is_not(
    local_aws: LocalAws,
) -> None:
    elshan, gunay = farmer(local_aws, ELSHAN), farmer(local_aws, GUNAY)
    status, first = declare(local_aws, elshan, square(47.0, 40.0, 0.002), "AZ-1001")
    assert status == 201, first
    status, own = declare(local_aws, elshan, square(47.001, 40.0, 0.002), "AZ-1002")
    assert status == 201 and own["overlaps"] == []  # one subject's own parcels: not a dispute
    status, touching = declare(local_aws, gunay, square(47.003, 40.0, 0.002), "AZ-2001")
    assert status == 201 and touching["overlaps"] == []  # shares AZ-1002's edge only
    status, over = declare(local_aws, gunay, square(47.0, 39.999, 0.002), "AZ-2002")
    assert status == 201, over
    assert {o["parcelId"] for o in over["overlaps"]} == {first["parcelId"], own["parcelId"]}

    mine = {p["parcelId"]: p for p in cabinet(local_aws, elshan)["parcels"]}
    assert [o["parcelId"] for o in mine[first["parcelId"]]["overlaps"]] == [over["parcelId"]]
    half = geometry.parse(square(47.0, 40.0, 0.002)).area_m2 / 2
    assert mine[first["parcelId"]]["overlaps"][0]["areaM2"] == pytest.approx(half, rel=1e-3)

    status, body = declare(local_aws, gunay, square(47.01, 40.01, 0.002), "AZ-1001")
    assert (status, body["errors"][0]["field"]) == (409, "cadastreId")


def test_a8_the_map_reads_only_the_cells_of_the_box(local_aws: LocalAws) -> None:
    """A box query costs one Query per covering cell and one BatchGetItem, however many parcels
    the registry holds elsewhere; no Scan."""
    token = farmer(local_aws, ELSHAN)
    for n, west in enumerate((47.0, 47.2, 47.4, 48.0, 49.0)):
        status, body = declare(local_aws, token, square(west, 40.0, 0.002), f"AZ-3{n:03}")
        assert status == 201, body
    _, officer = account("officer", "MKT")
    box = (46.99, 39.99, 47.21, 40.01)
    calls: Counter[str] = Counter()
    table = local_aws.template.physical_name("EktisTable")

    def count(params: dict[str, Any], model: Any, **_: Any) -> None:
        if params.get("TableName") == table or table in params.get("RequestItems", {}):
            calls[model.name] += 1

    client = aws.client("dynamodb")
    client.meta.events.register("before-parameter-build.dynamodb", count)
    try:
        status, body, _ = call(
            local_aws,
            "GET",
            "/ektis/parcels",
            token=officer,
            query={"bbox": ",".join(map(str, box))},
        )
    finally:
        client.meta.events.unregister("before-parameter-build.dynamodb", count)
    assert status == 200, body
    assert [p["cadastreId"] for p in sorted(body["parcels"], key=lambda p: p["bbox"])] == [
        "AZ-3000",
        "AZ-3001",
    ]
    assert body["cells"] == cells.count(box) == 12  # 6 columns × 2 rows
    assert calls == Counter({"Query": cells.count(box), "BatchGetItem": 1})


@pytest.mark.parametrize("bbox", ["47,40,46,41", "a,b,c,d", "47,40,47.1"])
def test_g7_bad_box_is_refused_naming_bbox(local_aws: LocalAws, bbox: str) -> None:
    _, officer = account("officer", "MKT")
    status, body, _ = call(local_aws, "GET", "/ektis/parcels", token=officer, query={"bbox": bbox})
    assert (status, body["errors"][0]["field"]) == (422, "bbox")


def test_a8_a_box_wider_than_the_cell_limit_is_refused(local_aws: LocalAws) -> None:
    _, officer = account("officer", "MKT")
    status, body, _ = call(
        local_aws, "GET", "/ektis/parcels", token=officer, query={"bbox": "44.8,38.4,50.6,41.9"}
    )
    assert (status, body["errors"][0]["field"]) == (422, "bbox")
