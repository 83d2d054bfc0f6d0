"""EKTİS over HTTP against the local stack (A2, A3, A6, A7, A8, G8; docs/ektis.md walks the
same way): Səbinə Qasımova logs in with ASAN İmza, registers as a farmer from the population
registry, maps a parcel (which the ministry's parcel map page shows), registers a herd and
animals and sends one to the demo farmer Elşən Məmmədov, who confirms its arrival and sees the
movement; Şəbnəm Bağırova registers as a vet and enters the health
document of Səbinə's newborn calf, which only Səbinə and the ministry read.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from stdnum import luhn

from tests.e2e.conftest import RunningStack
from tests.e2e.test_renewal import SABINA, SHABNAM, mobile_login
from tests.e2e.test_uploads import log_in


def ear_tag(serial: int) -> str:
    digits = f"{serial:011d}"
    return f"AZ{digits}{luhn.calc_check_digit(digits)}"


def register(token: str, stack: RunningStack, fin: str, kind: str, activity: str) -> str:
    with stack.client(token) as http:
        answer = http.post(
            "/ektis/subjects",
            json={
                "personKind": "natural",
                "fin": fin,
                "kinds": [kind],
                "activities": [activity],
                "contacts": {"mobile": "+994514567890"},
            },
        )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["subjectId"])


def test_a2_a3_a6_a7_a8_a_farmer_from_registration_to_a_vets_newborn_record(
    stack: RunningStack,
) -> None:
    today = stack.now().astimezone(ZoneInfo("Asia/Baku")).date()
    farmer_token = mobile_login(stack, SABINA)
    subject_id = register(farmer_token, stack, "4JW6S1L", "farmer", "livestock")
    farmer = stack.client(farmer_token)

    # A mapped parcel near Qəbələ (A8): a 0.005° square, its area as the projection gives it.
    ring = [[47.85, 40.98], [47.855, 40.98], [47.855, 40.985], [47.85, 40.985], [47.85, 40.98]]
    parcel = farmer.post(
        "/ektis/parcels",
        json={
            "cadastreId": "AZ-QEBELE-0001",
            "areaHa": 23.36,
            "category": "agricultural",
            "use": "pasture",
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        },
    )
    assert parcel.status_code == 201, parcel.text
    # The parcel map page, served by the stack, and the request it makes as the ministry (A8).
    with stack.client() as anyone:
        page = anyone.get("/ektis/map")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Leaflet 1.9.4" in page.text and "'sha256-" in page.headers["content-security-policy"]
    with stack.client(log_in(stack, "mkt.officer")) as officer:
        mapped = officer.get("/ektis/parcels", params={"bbox": "47.84,40.97,47.86,40.99"})
    assert mapped.status_code == 200, mapped.text
    assert "AZ-QEBELE-0001" in [p["cadastreId"] for p in mapped.json()["parcels"]]
    cabinet = farmer.get("/ektis/subjects/me").json()
    assert cabinet["subject"]["person"]["surname"] == "Qasımova"
    assert [p["cadastreId"] for p in cabinet["parcels"]] == ["AZ-QEBELE-0001"]

    # A herd, a cow and a heifer (A7).
    herd = farmer.post("/ektis/herds", json={"name": "Qəbələ sürüsü", "species": "cattle"})
    assert herd.status_code == 201, herd.text
    cow, heifer = ear_tag(7001), ear_tag(7002)
    for tag, born in ((cow, 1200), (heifer, 500)):
        answer = farmer.post(
            "/ektis/animals",
            json={
                "earTag": tag,
                "species": "cattle",
                "sex": "female",
                "birthDate": (today - timedelta(days=born)).isoformat(),
                "purpose": "dairy",
                "herdId": herd.json()["herdId"],
                "origin": {"kind": "bought", "seller": "Qəbələ heyvan bazarı"},
            },
        )
        assert answer.status_code == 201, answer.text

    # The heifer is sent to Elşən's FIN; he confirms its arrival; both holdings see the movement.
    moved = farmer.post(
        f"/ektis/animals/{heifer}/movements",
        json={"to": "5ZK8M2P", "movedOn": today.isoformat(), "reason": "sale"},
    )
    assert moved.status_code == 201, moved.text
    with stack.client(log_in(stack, "fermer.elshan")) as elshan:
        incoming = elshan.get("/ektis/livestock").json()["incoming"]
        assert [m["movementId"] for m in incoming] == [moved.json()["movementId"]]
        arrived = elshan.post(f"/ektis/animals/{heifer}/arrival")
        assert arrived.status_code == 200, arrived.text
        theirs = elshan.get("/ektis/livestock").json()
        assert [m["movementId"] for m in theirs["movements"]] == [moved.json()["movementId"]]
        assert [a["earTag"] for a in theirs["animals"]] == [heifer]
        # The cow stays Səbinə's: Elşən cannot read its record (G8).
        assert elshan.get(f"/ektis/animals/{cow}").status_code == 403
    mine = farmer.get("/ektis/livestock").json()
    assert [a["earTag"] for a in mine["animals"]] == [cow]
    assert mine["movements"][0]["toName"] == "Məmmədov Elşən Rəşid oğlu"

    # A calf is born; Şəbnəm, a registered vet, enters its newborn health document (A6).
    calf = ear_tag(7003)
    born = farmer.post(
        "/ektis/animals",
        json={
            "earTag": calf,
            "species": "cattle",
            "sex": "male",
            "birthDate": (today - timedelta(days=2)).isoformat(),
            "purpose": "meat",
            "origin": {"kind": "born", "damEarTag": cow},
        },
    )
    assert born.status_code == 201, born.text
    vet_token = mobile_login(stack, SHABNAM)
    register(vet_token, stack, "3MB7K4Y", "vet", "veterinary")
    with stack.client(vet_token) as vet:
        found = vet.get("/ektis/directory", params={"kind": "vet"}).json()["entries"]
        assert [e["displayName"] for e in found] == ["Bağırova Şəbnəm Rövşən qızı"]
        document = vet.post(
            f"/ektis/animals/{calf}/health",
            json={
                "kind": "newborn",
                "date": today.isoformat(),
                "findings": "Sağlam, çəkisi 38 kq",
                "documentNumber": "QB-2026-114",
            },
        )
        assert document.status_code == 201, document.text
        assert vet.get(f"/ektis/animals/{calf}").status_code == 403
    record = farmer.get(f"/ektis/animals/{calf}").json()
    assert record["animal"]["origin"]["damEarTag"] == cow
    assert record["animal"]["keeperSubjectId"] == subject_id
    assert [(d["kind"], d["vetName"]) for d in record["health"]] == [
        ("newborn", "Bağırova Şəbnəm Rövşən qızı")
    ]
    with stack.client(log_in(stack, "mkt.officer")) as ministry:
        assert ministry.get(f"/ektis/animals/{calf}").status_code == 200
    farmer.close()
