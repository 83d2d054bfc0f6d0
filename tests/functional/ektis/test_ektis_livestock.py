"""Livestock of EKTİS through its handlers (A6, A7, G8): animals and herds with ear tags,
movements between holdings (sent, confirmed by the receiver, then seen by both; one place at
a time), a vet's newborn document, an
insemination a calf's record links to, and who may read an animal's record.

Seed 004 §3.2.3: "heyvanların və heyvan qruplarının qeydiyyatının aparılması, onların
hərəkətlərinin izlənilməsi, mənşəyinin, təsərrüfat əhəmiyyətinin və istifadə təyinatının
müəyyənləşdirilməsi, heyvanların xəstəlik tarixçəsinin, vaksinasiyasının ... qeydiyyatının
aparılması, habelə heyvanların süni mayalandırılması işinin təşkili".
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from egov.ektis import livestock
from egov.platform import audit, auth
from tests.conftest import LocalAws
from tests.functional.ektis.kit import (
    ELSHAN,
    GUNAY,
    SABINA,
    ULVI,
    animal,
    days_ago,
    ear_tag,
    register_animal,
    subject,
)
from tests.helpers import account, call


def holding(local_aws: LocalAws, token: str) -> dict[str, Any]:
    status, body, _ = call(local_aws, "GET", "/ektis/livestock", token=token)
    assert status == 200, body
    return dict(body)


def refusals(user_id: str) -> list[dict[str, Any]]:
    return [
        e
        for e in audit.trail(auth.access_subject(user_id)).items
        if e["action"] == auth.ACCESS_REFUSED
    ]


def test_a7_ear_tag_format_is_checked_and_registered_once(local_aws: LocalAws) -> None:
    token, _, _ = subject(local_aws, ELSHAN)
    for bad, key in (
        ("AZ12345", "ektis.ear-tag.format"),
        ("TR031000000013", "ektis.ear-tag.format"),
        ("AZ031000000018", "ektis.ear-tag.check-digit"),  # one digit mistyped
    ):
        status, body, _ = call(local_aws, "POST", "/ektis/animals", token=token, body=animal(bad))
        assert status == 422, body
        assert body["errors"][0]["field"] == "earTag", body
        assert body["errors"][0]["code"] == key, body
    spaced = register_animal(local_aws, token, tag="az 0310 0000 0013")
    assert spaced["earTag"] == "AZ031000000013"
    status, body, _ = call(
        local_aws, "POST", "/ektis/animals", token=token, body=animal("AZ031000000013")
    )
    assert (status, body["errors"][0]["field"]) == (409, "earTag")


def test_a7_herds_origin_and_purpose(local_aws: LocalAws) -> None:
    token, subject_id, _ = subject(local_aws, ELSHAN)
    status, herd, _ = call(
        local_aws,
        "POST",
        "/ektis/herds",
        token=token,
        body={"name": "Süd sürüsü", "species": "cattle"},
    )
    assert status == 201, herd
    cow = register_animal(local_aws, token, tag=ear_tag(1), herdId=herd["herdId"])
    assert cow["keeperSubjectId"] == subject_id and cow["purpose"] == "dairy"
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/animals",
        token=token,
        body=animal(ear_tag(2), species="sheep", herdId=herd["herdId"]),
    )
    assert (status, body["errors"][0]["field"]) == (422, "herdId")
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/animals",
        token=token,
        body=animal(ear_tag(3), origin={"kind": "imported"}),
    )
    assert (status, body["errors"][0]["field"]) == (422, "origin.country")
    imported = register_animal(
        local_aws, token, tag=ear_tag(4), origin={"kind": "imported", "country": "GE"}
    )
    assert imported["origin"]["country"] == "GE"
    mine = holding(local_aws, token)
    assert [h["herdId"] for h in mine["herds"]] == [herd["herdId"]]
    assert {a["earTag"] for a in mine["animals"]} == {ear_tag(1), ear_tag(4)}


def send(local_aws: LocalAws, tag: str, token: str, body: dict[str, Any]) -> tuple[int, Any]:
    status, answer, _ = call(
        local_aws, "POST", f"/ektis/animals/{tag}/movements", token=token, body=body
    )
    return status, answer


def arrival(local_aws: LocalAws, tag: str, token: str) -> tuple[int, dict[str, Any]]:
    status, body, _ = call(local_aws, "POST", f"/ektis/animals/{tag}/arrival", token=token)
    return status, body


def test_a7_a_movement_is_confirmed_by_the_receiver_then_seen_by_both_holdings(
    local_aws: LocalAws,
) -> None:
    elshan, elshan_id, elshan_user = subject(local_aws, ELSHAN)
    gunay, gunay_id, _ = subject(local_aws, GUNAY)
    ulvi, _, _ = subject(local_aws, ULVI)
    _, herd, _ = call(
        local_aws, "POST", "/ektis/herds", token=elshan, body={"name": "Dana", "species": "cattle"}
    )
    tag = register_animal(local_aws, elshan, tag=ear_tag(10), herdId=herd["herdId"])["earTag"]
    move = {"to": GUNAY, "movedOn": days_ago(1), "reason": "sale"}
    status, sent = send(local_aws, tag, elshan, move)
    assert status == 201, sent
    assert (sent["status"], sent["fromSubjectId"], sent["to"]) == ("sent", elshan_id, GUNAY)
    assert sent["toSubjectId"] is None and sent["toName"] is None  # G8: not named to the sender
    # Until Günay confirms, the animal is Elşən's, in transit, and moves nowhere else.
    (kept,) = holding(local_aws, elshan)["animals"]
    assert kept["transit"]["movementId"] == sent["movementId"]
    status, body = send(local_aws, tag, elshan, {**move, "to": ULVI})
    assert (status, body["errors"][0]["field"]) == (409, "earTag")
    assert [m["movementId"] for m in holding(local_aws, gunay)["incoming"]] == [sent["movementId"]]
    # Only the keeper of the FIN it was sent to confirms: the sender and a third keeper get the
    # answer an animal with no movement gets.
    for token in (elshan, ulvi):
        status, body = arrival(local_aws, tag, token)
        assert (status, body["code"], body["errors"][0]["field"]) == (
            404,
            "ektis.movement.missing",
            "earTag",
        )
    status, arrived = arrival(local_aws, tag, gunay)
    assert status == 200, arrived
    assert (arrived["status"], arrived["toSubjectId"], arrived["movementId"]) == (
        "arrived",
        gunay_id,
        sent["movementId"],
    )
    assert arrived["toName"].startswith("Əliyeva Günay")
    for token in (elshan, gunay):
        assert [(m["movementId"], m["status"]) for m in holding(local_aws, token)["movements"]] == [
            (sent["movementId"], "arrived")
        ]
    assert holding(local_aws, gunay)["incoming"] == []
    assert holding(local_aws, elshan)["animals"] == []
    (kept,) = holding(local_aws, gunay)["animals"]
    assert kept["earTag"] == tag and kept["herdId"] is None  # the herd was Elşən's
    assert kept["transit"] is None
    assert arrival(local_aws, tag, gunay)[0] == 404  # once
    # Elşən no longer keeps it: he cannot move it again nor read its later record (G8).
    status, _ = send(local_aws, tag, elshan, {**move, "to": ULVI})
    assert status == 403
    status, _, _ = call(local_aws, "GET", f"/ektis/animals/{tag}", token=elshan)
    assert status == 403
    assert len(refusals(elshan_user)) == 2
    status, record, _ = call(local_aws, "GET", f"/ektis/animals/{tag}", token=gunay)
    assert status == 200 and [m["toSubjectId"] for m in record["movements"]] == [gunay_id]
    # The holding it is on is refused naming `to`.
    status, body = send(local_aws, tag, gunay, move)
    assert (status, body["errors"][0]["field"]) == (422, "to"), body


def withdrawal(local_aws: LocalAws, tag: str, token: str) -> tuple[int, dict[str, Any]]:
    status, body, _ = call(
        local_aws, "POST", f"/ektis/animals/{tag}/movements/withdrawal", token=token
    )
    return status, body


def test_a7_the_sender_withdraws_a_movement_nobody_confirmed_and_the_animal_stays(
    local_aws: LocalAws,
) -> None:
    """A7: seed 004 §3.2.3 tracks the animals' movements ("hərəkətlərinin izlənilməsi"); a
    movement sent to a mistyped FIN must not hold the animal in transit for ever. The sender
    withdraws it before anyone confirms: the animal stays, may be sent again, and the FIN it was
    sent to no longer sees it; nobody else may withdraw it (one 404 for all, G8)."""
    elshan, elshan_id, _ = subject(local_aws, ELSHAN)
    gunay, _, _ = subject(local_aws, GUNAY)
    ulvi, _, _ = subject(local_aws, ULVI)
    tag = register_animal(local_aws, elshan, tag=ear_tag(30))["earTag"]
    move = {"to": GUNAY, "movedOn": days_ago(1), "reason": "sale"}
    status, sent = send(local_aws, tag, elshan, move)
    assert status == 201, sent
    assert sent["confirmBy"] > sent["recordedAt"]
    for token in (gunay, ulvi):  # the receiver confirms or not; only the sender withdraws
        status, body = withdrawal(local_aws, tag, token)
        assert (status, body["code"], body["errors"][0]["field"]) == (
            404,
            "ektis.movement.missing",
            "earTag",
        )
    status, ended = withdrawal(local_aws, tag, elshan)
    assert status == 200, ended
    assert (ended["movementId"], ended["status"]) == (sent["movementId"], "withdrawn")
    assert ended["endedAt"]
    (kept,) = holding(local_aws, elshan)["animals"]
    assert kept["transit"] is None and kept["keeperSubjectId"] == elshan_id
    assert [(m["movementId"], m["status"]) for m in holding(local_aws, elshan)["movements"]] == [
        (sent["movementId"], "withdrawn")
    ]
    assert holding(local_aws, gunay)["incoming"] == []
    assert arrival(local_aws, tag, gunay)[0] == 404  # too late to confirm
    assert withdrawal(local_aws, tag, elshan)[0] == 404  # nothing under way any more
    actions = [e["action"] for e in audit.trail(f"SUBJECT#{elshan_id}").items]
    assert "ektis-animal-movement-withdrawn" in actions
    status, again = send(local_aws, tag, elshan, {**move, "to": ULVI})
    assert status == 201, again


def test_a7_an_unconfirmed_movement_lapses_at_the_end_of_its_confirmation_period(
    local_aws: LocalAws,
) -> None:
    """A7: the timer's message at the end of the confirmation period (a service level,
    `ektis.movement-confirmation`: seed 004 sets none) ends a movement still unconfirmed; the
    message for a movement confirmed before, or delivered twice, changes nothing."""
    elshan, elshan_id, _ = subject(local_aws, ELSHAN)
    gunay, _, _ = subject(local_aws, GUNAY)
    stays, goes = ear_tag(31), ear_tag(32)
    for tag in (stays, goes):
        register_animal(local_aws, elshan, tag=tag)
    move = {"to": GUNAY, "movedOn": days_ago(1), "reason": "sale"}
    sent = {tag: send(local_aws, tag, elshan, move)[1] for tag in (stays, goes)}
    assert arrival(local_aws, goes, gunay)[0] == 200
    for tag in (stays, goes, stays):
        livestock.lapse(
            livestock.Lapsed(
                event="movement-lapsed", ear_tag=tag, movement_id=sent[tag]["movementId"]
            )
        )
    statuses = {m["earTag"]: m["status"] for m in holding(local_aws, elshan)["movements"]}
    assert statuses == {stays: "lapsed", goes: "arrived"}
    (kept,) = holding(local_aws, elshan)["animals"]
    assert (kept["earTag"], kept["transit"]) == (stays, None)
    assert holding(local_aws, gunay)["incoming"] == []
    assert [a["earTag"] for a in holding(local_aws, gunay)["animals"]] == [goes]
    assert arrival(local_aws, stays, gunay)[0] == 404
    actions = [e["action"] for e in audit.trail(f"SUBJECT#{elshan_id}").items]
    assert actions.count("ektis-animal-movement-lapsed") == 1
    # The sender is told once that the animal is his again; the arrived one tells him nothing.
    inbox = call(local_aws, "GET", "/me/inbox", token=elshan, language="en")
    lapsed = [n for n in inbox[1]["items"] if "has lapsed" in n["body"]]
    assert [n["body"] for n in lapsed] == [
        f"The movement of the animal with ear tag {stays} to {GUNAY} was not confirmed in time "
        "and has lapsed; the animal stays in your holding."
    ]


def test_a7_two_movements_read_at_once_one_commits(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both movements read the animal before either writes (a barrier holds them there); the
    conditional write lets exactly one through and the other is a 409 that changes nothing."""
    elshan, _, _ = subject(local_aws, ELSHAN)
    subject(local_aws, GUNAY)
    subject(local_aws, ULVI)
    tag = register_animal(local_aws, elshan, tag=ear_tag(20))["earTag"]
    both_read = threading.Barrier(2, timeout=30)
    read = livestock.load

    def load_then_wait(ear_tag: str) -> dict[str, Any]:
        stored = read(ear_tag)
        both_read.wait()
        return stored

    monkeypatch.setattr(livestock, "load", load_then_wait)

    def move_to(fin: str) -> tuple[int, Any]:
        body = {"to": fin, "movedOn": days_ago(0), "reason": "sale"}
        status, answer, _ = call(
            local_aws, "POST", f"/ektis/animals/{tag}/movements", token=elshan, body=body
        )
        return status, answer

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(move_to, (GUNAY, ULVI)))
    monkeypatch.setattr(livestock, "load", read)
    assert sorted(s for s, _ in results) == [201, 409], results
    loser = next(a for s, a in results if s == 409)
    assert loser["errors"][0]["field"] == "earTag"
    winner = next(a for s, a in results if s == 201)
    stored = livestock.load(tag)
    assert stored["transit"]["to"] == winner["to"] in (GUNAY, ULVI)
    assert stored["version"] == 2
    assert len(list(livestock.TABLE.query_all(f"ANIMAL#{tag}", sk_prefix="MOVE#"))) == 1


def test_a6_inseminator_and_vet_enter_data_and_the_calf_links_to_the_insemination(
    local_aws: LocalAws,
) -> None:
    farmer, _, _ = subject(local_aws, ELSHAN)
    vet, vet_id, _ = subject(local_aws, SABINA, "vet", activities=("veterinary",))
    inseminator, _, _ = subject(local_aws, ULVI, "inseminator", activities=("insemination",))
    dam = register_animal(local_aws, farmer, tag=ear_tag(30))["earTag"]
    status, insemination, _ = call(
        local_aws,
        "POST",
        "/ektis/inseminations",
        token=inseminator,
        body={
            "damEarTag": dam,
            "date": days_ago(290),
            "sireBreed": "Holşteyn",
            "sireId": "DE0948201345",
            "semenBatch": "2025-17",
        },
    )
    assert status == 201, insemination
    # Only an insemination specialist enters one; only a female is inseminated.
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/inseminations",
        token=vet,
        body={"damEarTag": dam, "date": days_ago(1), "sireBreed": "x", "sireId": "y"},
    )
    assert (status, body["errors"][0]["field"]) == (403, "kinds")
    bull = register_animal(local_aws, farmer, tag=ear_tag(31), sex="male")["earTag"]
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/inseminations",
        token=inseminator,
        body={"damEarTag": bull, "date": days_ago(1), "sireBreed": "x", "sireId": "y"},
    )
    assert (status, body["errors"][0]["field"]) == (422, "damEarTag")

    born = {"kind": "born", "damEarTag": dam, "inseminationId": insemination["inseminationId"]}
    calf = register_animal(
        local_aws,
        farmer,
        tag=ear_tag(32),
        birthDate=days_ago(5),
        origin=born,
        sex="male",
        purpose="meat",
    )
    assert calf["origin"]["inseminationId"] == insemination["inseminationId"]
    assert calf["sire"] == {"breed": "Holşteyn", "sireId": "DE0948201345"}
    # A calf cannot claim another dam's insemination.
    other_dam = register_animal(local_aws, farmer, tag=ear_tag(33))["earTag"]
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/animals",
        token=farmer,
        body=animal(ear_tag(34), birthDate=days_ago(5), origin={**born, "damEarTag": other_dam}),
    )
    assert (status, body["errors"][0]["field"]) == (422, "origin.inseminationId")

    newborn = {
        "kind": "newborn",
        "date": days_ago(3),
        "findings": "Sağlamdır",
        "documentNumber": "B-17",
    }
    status, document, _ = call(
        local_aws, "POST", f"/ektis/animals/{calf['earTag']}/health", token=vet, body=newborn
    )
    assert status == 201, document
    assert document["vetSubjectId"] == vet_id and document["entry"] is None
    # The newborn's document is for a newborn; a farmer is not a vet.
    status, body, _ = call(
        local_aws, "POST", f"/ektis/animals/{dam}/health", token=vet, body=newborn
    )
    assert (status, body["errors"][0]["field"]) == (422, "date")
    status, body, _ = call(
        local_aws, "POST", f"/ektis/animals/{calf['earTag']}/health", token=farmer, body=newborn
    )
    assert status == 403
    vaccination = {"kind": "vaccination", "date": days_ago(1), "batch": "Ş-1"}
    status, body, _ = call(
        local_aws, "POST", f"/ektis/animals/{dam}/health", token=vet, body=vaccination
    )
    assert (status, body["errors"][0]["field"]) == (422, "vaccine")
    status, _, _ = call(
        local_aws,
        "POST",
        f"/ektis/animals/{dam}/health",
        token=vet,
        body={**vaccination, "vaccine": "Şap (FMD)"},
    )
    assert status == 201

    _, record, _ = call(local_aws, "GET", f"/ektis/animals/{calf['earTag']}", token=farmer)
    assert [d["kind"] for d in record["health"]] == ["newborn"]
    _, record, _ = call(local_aws, "GET", f"/ektis/animals/{dam}", token=farmer)
    assert [i["inseminationId"] for i in record["inseminations"]] == [
        insemination["inseminationId"]
    ]
    assert [d["vaccine"] for d in record["health"]] == ["Şap (FMD)"]


def test_g8_an_animal_record_is_for_its_keeper_and_the_ministry(local_aws: LocalAws) -> None:
    farmer, _, _ = subject(local_aws, ELSHAN)
    neighbour, _, neighbour_user = subject(local_aws, GUNAY)
    vet, _, vet_user = subject(local_aws, SABINA, "vet", activities=("veterinary",))
    tag = register_animal(local_aws, farmer, tag=ear_tag(40))["earTag"]
    for token, user in ((neighbour, neighbour_user), (vet, vet_user)):
        status, body, _ = call(local_aws, "GET", f"/ektis/animals/{tag}", token=token)
        assert status == 403 and "keeperSubjectId" not in str(body)
        assert refusals(user)[0]["after"]["subject"] == f"ANIMAL#{tag}"
    _, mkt = account("officer", "MKT")
    _, customs = account("officer", "DGK")
    _, operator = account("operator")
    for token, expected in ((mkt, 200), (operator, 200), (customs, 403)):
        status, _, _ = call(local_aws, "GET", f"/ektis/animals/{tag}", token=token)
        assert status == expected
    status, _, _ = call(local_aws, "GET", "/ektis/livestock", token=mkt)
    assert status == 403
