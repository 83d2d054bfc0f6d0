"""G8 ("personal data is only visible to its owner and to the officers whose role needs it"):
naming a FIN or VÖEN in a livestock movement, a procurer's purchase or an officer's manual entry
does not tell the caller whether that person or company is registered in EKTİS.

Each test names three parties, a registered farmer (Elşən), a registered subject that is no
farmer (Səbinə, a supplier) and a FIN nobody registered (Ruslan), and proves the answers are
the same but for what is fresh per request (ids, times) or echoes the request. Movements and
purchases are accepted and resolved later (seed 004 §3.2.3 tracks movements between holdings,
which the receiving holding confirms; §7.1.3.4 and §7.1.3.7: the procurer enters what he bought
and the farmer may complain); the officer's manual entry, which needs a farmer's holding, gets
one problem for the unregistered and the registered non-farmer."""

from __future__ import annotations

from typing import Any

from egov.platform import audit
from tests.conftest import LocalAws
from tests.functional.ektis.kit import (
    ELSHAN,
    GUNAY,
    RUSLAN,
    SABINA,
    animal,
    days_ago,
    ear_tag,
    register_animal,
    subject,
)
from tests.functional.platform.test_attachments import PDF, uploaded
from tests.helpers import account, call

PARTIES = (ELSHAN, SABINA, RUSLAN)
# Fresh on every request, or the caller's own input given back.
PER_REQUEST = {
    "movementId",
    "recordedAt",
    "registeredAt",
    "earTag",
    "to",
    "transactionId",
    "counterparty",
}


def alike(answer: Any) -> Any:
    if isinstance(answer, dict):
        return {k: alike(v) for k, v in answer.items() if k not in PER_REQUEST}
    if isinstance(answer, list):
        return [alike(v) for v in answer]
    return answer


def registered_parties(local_aws: LocalAws) -> dict[str, str]:
    """Elşən a farmer, Səbinə a supplier, Ruslan nobody: their tokens (Ruslan's account has no
    subject yet)."""
    elshan, _, _ = subject(local_aws, ELSHAN)
    sabina, _, _ = subject(local_aws, SABINA, "supplier", activities=("inputs",))
    return {ELSHAN: elshan, SABINA: sabina}


def test_g8_a7_a_movement_answers_alike_whoever_the_fin_names_and_resolves_on_arrival(
    local_aws: LocalAws,
) -> None:
    tokens = registered_parties(local_aws)
    keeper, keeper_id, _ = subject(local_aws, GUNAY)
    answers = []
    for n, party in enumerate(PARTIES):
        tag = register_animal(local_aws, keeper, tag=ear_tag(900 + n))["earTag"]
        answer = call(
            local_aws,
            "POST",
            f"/ektis/animals/{tag}/movements",
            token=keeper,
            body={"to": party, "movedOn": days_ago(1), "reason": "sale"},
        )
        answers.append(answer)
    assert [a.status for a in answers] == [201, 201, 201]
    assert alike(answers[0].body) == alike(answers[1].body) == alike(answers[2].body)
    assert len({frozenset(a.headers) for a in answers}) == 1
    # What the keeper reads afterwards is alike too: three animals in transit, three sent.
    _, mine, _ = call(local_aws, "GET", "/ektis/livestock", token=keeper)
    assert len({str(alike(a)) for a in mine["animals"]}) == 1
    assert len({str(alike(m)) for m in mine["movements"]}) == 1
    actions = [e["action"] for e in audit.trail(f"SUBJECT#{keeper_id}").items]
    assert actions.count("ektis-animal-sent") == 3

    # Resolved later: Ruslan registers, finds the animal sent to his FIN, and confirms it.
    ruslan, ruslan_id, _ = subject(local_aws, RUSLAN)
    _, his, _ = call(local_aws, "GET", "/ektis/livestock", token=ruslan)
    (incoming,) = his["incoming"]
    assert incoming["movementId"] == answers[2].body["movementId"]
    status, arrived, _ = call(
        local_aws, "POST", f"/ektis/animals/{incoming['earTag']}/arrival", token=ruslan
    )
    assert (status, arrived["toSubjectId"]) == (200, ruslan_id), arrived
    # Səbinə keeps no animals: the movement to her is hers to see, not to take in.
    _, hers, _ = call(local_aws, "GET", "/ektis/livestock", token=tokens[SABINA])
    (to_her,) = hers["incoming"]
    status, body, _ = call(
        local_aws, "POST", f"/ektis/animals/{to_her['earTag']}/arrival", token=tokens[SABINA]
    )
    assert (status, body["errors"][0]["field"]) == (403, "kinds")


def test_g8_a5_a_purchase_answers_alike_whoever_the_fin_names_and_the_seller_sees_it(
    local_aws: LocalAws,
) -> None:
    tokens = registered_parties(local_aws)
    procurer, _, _ = subject(local_aws, GUNAY, "procurer", activities=("procurement",))
    lines = [{"product": "produce", "name": "Fındıq", "quantity": 2, "unit": "t", "priceAzn": 6200}]
    answers = [
        call(
            local_aws,
            "POST",
            "/ektis/transactions",
            token=procurer,
            body={"kind": "purchase", "counterparty": party, "date": days_ago(3), "lines": lines},
        )
        for party in PARTIES
    ]
    assert [a.status for a in answers] == [201, 201, 201]
    assert alike(answers[0].body) == alike(answers[1].body) == alike(answers[2].body)
    _, listed, _ = call(local_aws, "GET", "/ektis/transactions", token=procurer)
    assert len({str(alike(t)) for t in listed["transactions"]}) == 1
    assert len(listed["transactions"]) == 3

    # Each party named sees the purchase under its own FIN, Ruslan once he registers.
    ruslan, _, _ = subject(local_aws, RUSLAN)
    for party, token in (*tokens.items(), (RUSLAN, ruslan)):
        _, theirs, _ = call(local_aws, "GET", "/ektis/transactions", token=token)
        assert [t["counterparty"] for t in theirs["transactions"]] == [party]


def test_g8_a11_a_manual_entry_gets_one_problem_for_an_unknown_fin_and_a_non_farmer(
    local_aws: LocalAws,
) -> None:
    registered_parties(local_aws)
    _, officer = account("officer", "MKT")
    answers = []
    for n, party in enumerate((SABINA, RUSLAN)):
        passport = uploaded(local_aws, officer, PDF + bytes([n]), purpose="certificate")
        answers.append(
            call(
                local_aws,
                "POST",
                "/ektis/manual-entries",
                token=officer,
                body={
                    "kind": "animal",
                    "keeper": party,
                    "animal": animal(ear_tag(950 + n)),
                    "sourceSystem": "AQTA baytarlıq reyestri",
                    "sourceDocument": passport,
                    "reason": "Reyestrlə əlaqə kəsilib; kağız pasport əsasında",
                },
            )
        )
    problems = [{k: v for k, v in a.body.items() if k != "correlationId"} for a in answers]
    assert [a.status for a in answers] == [422, 422]
    assert problems[0] == problems[1]
    assert problems[0]["code"] == "ektis.party.unknown"
    assert problems[0]["errors"][0]["field"] == "keeper"
