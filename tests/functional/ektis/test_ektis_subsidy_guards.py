"""A real farm's subsidy application: hundreds of animals, each subsidised once a season, through
the handlers on moto (A3, A7; the defect "a holding with more than ~90 lines and animals cannot
apply", `ektis.subsidy.too-many-lines`).

Seed 004 §3.2.3 tracks each animal ("heyvanların ... qeydiyyatının aparılması, onların
hərəkətlərinin izlənilməsi") and §7.1.1.6 lets the farmer apply on the declaration EKTİS draws
up from them: a flock of 250 sheep is an ordinary holding. The guards (one per ear tag and
season) are claimed in chunks before the application's transaction (`egov.ektis.guards`), so a
crash between the two must lock no animal for ever, and a refusal, withdrawal or correction must
free every guard of a large holding.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import pytest

from egov.ektis import guards, subsidy
from egov.ektis.subjects import TABLE
from egov.platform import clock
from egov.platform.repository import Transaction
from tests.conftest import LocalAws
from tests.functional.ektis import kit
from tests.functional.ektis.test_ektis_declarations import corrected, withdraw
from tests.functional.ektis.test_ektis_subsidy import apply, decide, declaration, farm
from tests.helpers import jump_clock

SEASON = 2026
FLOCK = 250


def flock(subject_id: str, serials: Iterable[int]) -> list[str]:
    """Sheep kept by the subject, written as the livestock registry keeps them (`KEEPS#` index):
    registering 250 animals through their handler would be most of this file's time."""
    tags = [kit.ear_tag(n) for n in serials]
    for tag in tags:
        TABLE.put(
            {
                "pk": f"ANIMAL#{tag}",
                "sk": "ANIMAL",
                "gsi1pk": f"KEEPS#{subject_id}",
                "gsi1sk": f"ANIMAL#{tag}",
                "earTag": tag,
                "species": "sheep",
                "version": 1,
            }
        )
    return tags


def owner_of(tag: str) -> str | None:
    guard = TABLE.get(subsidy.animal_guard_key(tag, SEASON), "GUARD")
    return None if guard is None else str(guard["owner"])


def sheep_line(drawn: dict[str, Any]) -> dict[str, Any]:
    (line,) = [line for line in drawn["lines"] if line["name"] == "sheep"]
    return line


def holding(local_aws: LocalAws, fin: str, serials: Iterable[int]) -> tuple[str, str, list[str]]:
    token, subject_id, _ = kit.subject(local_aws, fin, "farmer")
    return token, subject_id, flock(subject_id, serials)


def test_a3_a7_a_holding_of_250_sheep_applies_and_every_animal_is_counted_and_guarded(
    local_aws: LocalAws,
) -> None:
    """A3, A7: the whole flock is on the application, each ear tag guarded by it for the
    season (before: 422 `ektis.subsidy.too-many-lines` past 90 lines and animals)."""
    token, _, tags = holding(local_aws, kit.ELSHAN, range(1, FLOCK + 1))
    drawn = declaration(local_aws, token)
    status, applied = apply(local_aws, token, drawn["declarationId"])
    assert status == 201, applied
    line = sheep_line(applied)
    assert (line["quantity"], len(line["heads"])) == (str(FLOCK), FLOCK)
    assert {owner_of(tag) for tag in tags} == {applied["subsidyId"]}


def test_a3_a7_another_holding_applying_for_the_same_animals_is_refused_and_changes_nothing(
    local_aws: LocalAws,
) -> None:
    """A3, A7: Günay keeps 150 sheep of his own and 100 of Elşən's flock, moved to him after
    Elşən applied. His application is refused with the double subsidy's 409 naming
    `declarationId`; the chunk of his own sheep claimed before the clash is given back, so
    nothing of his application remains."""
    elshan, _, tags = holding(local_aws, kit.ELSHAN, range(1001, 1001 + FLOCK))
    status, first = apply(local_aws, elshan, declaration(local_aws, elshan)["declarationId"])
    assert status == 201, first
    gunay, gunay_id, own = holding(local_aws, kit.GUNAY, range(1, 151))
    moved = tags[-100:]
    for tag in moved:
        TABLE.update(f"ANIMAL#{tag}", "ANIMAL", {"gsi1pk": f"KEEPS#{gunay_id}"})
    drawn = declaration(local_aws, gunay)
    assert len(sheep_line(drawn)["heads"]) == 250
    status, refused = apply(local_aws, gunay, drawn["declarationId"])
    assert status == 409, refused
    assert (refused["code"], refused["errors"][0]["field"]) == (
        "ektis.subsidy.animal-already",
        "declarationId",
    )
    assert {owner_of(tag) for tag in own} == {None}
    assert {owner_of(tag) for tag in tags} == {first["subsidyId"]}
    assert TABLE.get(f"SUBSIDISED#livestock#{gunay_id}:sheep#{SEASON}", "GUARD") is None
    assert list(TABLE.query_all(f"SUBSIDIES#{gunay_id}", index="gsi1")) == []


class Crash(Exception):
    """The function stopped (timeout, out of memory) where the test puts it."""


def crash(*_: object, **__: object) -> None:
    raise Crash


def owner_timeout() -> timedelta:
    """The template's FunctionTimeoutSeconds, as the functions' environment carries it."""
    return timedelta(seconds=float(os.environ["FUNCTION_TIMEOUT_SECONDS"]))


def test_a3_a7_a_crash_between_the_claim_and_the_application_locks_no_animal_for_ever(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A3, A7: the function stops after claiming the flock's guards, before the application's
    transaction. Nothing was acknowledged; while that run could still be committing the flock
    stays locked (another application is refused), and once a function's timeout has passed
    the guards of the application that never came are taken over."""
    token, _, tags = holding(local_aws, kit.ELSHAN, range(1, FLOCK + 1))
    drawn = declaration(local_aws, token)
    with monkeypatch.context() as patched:
        patched.setattr(guards, "commit", crash)
        status, failed = apply(local_aws, token, drawn["declarationId"])
    assert status == 500, failed
    (ghost,) = {owner_of(tag) for tag in tags}
    assert ghost is not None and TABLE.get(subsidy.subsidy_pk(ghost), "SUBSIDY") is None

    status, early = apply(local_aws, token, drawn["declarationId"])
    assert (status, early["code"]) == (409, "ektis.subsidy.already"), early
    jump_clock(monkeypatch, clock.now() + owner_timeout() + timedelta(seconds=1))
    status, applied = apply(local_aws, token, drawn["declarationId"])
    assert status == 201, applied
    assert {owner_of(tag) for tag in tags} == {applied["subsidyId"]}


def test_a3_a7_a_cancelled_application_gives_its_guards_back_at_once(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A3, A7: the application's transaction is cancelled (the declaration changed between the
    read and the write): the 409 comes with every guard claimed for it given back, and the
    application made again goes through at once."""
    token, _, tags = holding(local_aws, kit.ELSHAN, range(1, FLOCK + 1))
    drawn = declaration(local_aws, token)
    commit = Transaction.commit

    def declaration_moves_on(tx: Transaction) -> None:
        if any(
            part.get("Put", {}).get("Item", {}).get("sk") == {"S": "SUBSIDY"} for part in tx.parts
        ):
            TABLE.update(f"DECLARATION#{drawn['declarationId']}", "DECLARATION", {"version": 99})
        commit(tx)

    with monkeypatch.context() as patched:
        patched.setattr(Transaction, "commit", declaration_moves_on)
        status, refused = apply(local_aws, token, drawn["declarationId"])
    assert (status, refused["code"]) == (409, "ektis.declaration.changed"), refused
    assert {owner_of(tag) for tag in tags} == {None}
    status, applied = apply(local_aws, token, drawn["declarationId"])
    assert status == 201, applied


def test_a3_a7_a_refusal_frees_every_animal_of_a_large_holding(local_aws: LocalAws) -> None:
    """A3, A7: the ministry refuses; all 250 guards are released after the refusal."""
    token, _, tags = holding(local_aws, kit.ELSHAN, range(1, FLOCK + 1))
    status, applied = apply(local_aws, token, declaration(local_aws, token)["declarationId"])
    assert status == 201, applied
    decide(applied["subsidyId"], "reject", "Sənədlər natamamdır")
    assert {owner_of(tag) for tag in tags} == {None}


def test_a3_a7_a_refusal_whose_release_crashed_locks_no_animal(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A3, A7: the refusal committed, the release after it did not run: the guards of a refused
    application are free, and another holding keeping the flock now applies at once."""
    elshan, _, tags = holding(local_aws, kit.ELSHAN, range(1, FLOCK + 1))
    status, applied = apply(local_aws, elshan, declaration(local_aws, elshan)["declarationId"])
    assert status == 201, applied
    with monkeypatch.context() as patched:
        patched.setattr(guards, "release", crash)
        with pytest.raises(Crash):
            decide(applied["subsidyId"], "reject", "Sənədlər natamamdır")
    assert subsidy.load(applied["subsidyId"])["status"] == "refused"
    assert {owner_of(tag) for tag in tags} == {applied["subsidyId"]}

    gunay, gunay_id, _ = holding(local_aws, kit.GUNAY, ())
    for tag in tags:
        TABLE.update(f"ANIMAL#{tag}", "ANIMAL", {"gsi1pk": f"KEEPS#{gunay_id}"})
    status, second = apply(local_aws, gunay, declaration(local_aws, gunay)["declarationId"])
    assert status == 201, second
    assert {owner_of(tag) for tag in tags} == {second["subsidyId"]}


def test_a3_a7_a_withdrawal_frees_every_animal_of_a_large_holding(local_aws: LocalAws) -> None:
    """A3, A7: the applicant withdraws; all 250 guards are released after the withdrawal."""
    token, _, tags = holding(local_aws, kit.ELSHAN, range(1, FLOCK + 1))
    status, applied = apply(local_aws, token, declaration(local_aws, token)["declarationId"])
    assert status == 201, applied
    status, body = withdraw(local_aws, token, applied["subsidyId"])
    assert (status, body["status"]) == (200, "withdrawn"), body
    assert {owner_of(tag) for tag in tags} == {None}


def test_a3_a5_a7_a_correction_that_drops_the_flock_frees_every_animal(
    local_aws: LocalAws,
) -> None:
    """A3, A5, A7: a complaint's correction sets the sheep line of a pending application's
    declaration to no heads: the application is relined and all 250 animal guards released,
    the wheat field's guard kept."""
    token, drawn = farm(local_aws)  # wheat, saffron (no rate)
    tags = flock(drawn["subjectId"], range(1, FLOCK + 1))
    drawn = declaration(local_aws, token)
    status, applied = apply(local_aws, token, drawn["declarationId"])
    assert status == 201, applied
    place = [line["name"] for line in drawn["lines"]].index("sheep")
    status, body, _ = corrected(
        local_aws,
        token,
        drawn["declarationId"],
        [
            {
                "field": f"lines[{place}].quantity",
                "before": sheep_line(drawn)["quantity"],
                "after": "0",
            }
        ],
    )
    assert (status, body["status"]) == (200, "corrected"), body
    relined = subsidy.load(applied["subsidyId"])
    assert [line["name"] for line in relined["lines"]] == ["buğda"]
    assert {owner_of(tag) for tag in tags} == {None}
    wheat = subsidy.guard_key(subsidy.Source(**drawn["lines"][0]["source"]), SEASON)
    assert TABLE.get(wheat, "GUARD")["owner"] == applied["subsidyId"]


def test_a3_a5_a7_a_correction_whose_release_crashed_locks_no_animal_for_ever(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A3, A5, A7: the correction dropping the flock committed, the release after it did not
    run: the pending application no longer lists the sheep, so once a function's run has passed
    another holding keeping them applies; the wheat field stays the application's."""
    token, drawn = farm(local_aws)
    tags = flock(drawn["subjectId"], range(1, FLOCK + 1))
    drawn = declaration(local_aws, token)
    status, applied = apply(local_aws, token, drawn["declarationId"])
    assert status == 201, applied
    place = [line["name"] for line in drawn["lines"]].index("sheep")
    change = {"field": f"lines[{place}].quantity", "before": sheep_line(drawn)["quantity"]}
    with monkeypatch.context() as patched:
        patched.setattr(guards, "release", crash)
        status, _, _ = corrected(
            local_aws, token, drawn["declarationId"], [change | {"after": "0"}]
        )
    assert status == 500
    assert [line["name"] for line in subsidy.load(applied["subsidyId"])["lines"]] == ["buğda"]
    assert {owner_of(tag) for tag in tags} == {applied["subsidyId"]}

    gunay, gunay_id, _ = holding(local_aws, kit.GUNAY, ())
    for tag in tags:
        TABLE.update(f"ANIMAL#{tag}", "ANIMAL", {"gsi1pk": f"KEEPS#{gunay_id}"})
    jump_clock(monkeypatch, clock.now() + owner_timeout() + timedelta(seconds=1))
    status, second = apply(local_aws, gunay, declaration(local_aws, gunay)["declarationId"])
    assert status == 201, second
    assert {owner_of(tag) for tag in tags} == {second["subsidyId"]}
    wheat = subsidy.guard_key(subsidy.Source(**drawn["lines"][0]["source"]), SEASON)
    assert TABLE.get(wheat, "GUARD")["owner"] == applied["subsidyId"]
