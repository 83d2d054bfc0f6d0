"""The subsidy guards: a parcel, a holding's species and an animal subsidised once a season (A3,
A7; issue: a holding's application refused past 90 lines and animals).

One guard item per (source record, season) of a line that carries an amount and one per animal
counted (its ear tag and the season, whatever holding keeps it), owned by the subsidy
application's id. A farm keeps hundreds of sheep, more than one DynamoDB transaction takes (100
parts), so the guards are not parts of the application's transaction:

- `claim`, before the application's (or a correction's) transaction `tx`, puts them in
  transactions of at most `CHUNK`, each all or nothing. A guard held by another live application
  refuses the claim with that application's 409 (`taken`, naming `declarationId`); the chunks
  this claim took are given back first. `commit` commits `tx` and gives the guards claimed for
  it back if it was cancelled.
- `release`, after the refusal, withdrawal or correction that frees them has committed, deletes
  them in chunks too, each only while its owner still holds it.

A crash between the two steps (or between a decision and its release) leaves guards whose owner
does not hold them for real. Nothing is locked forever: a guard is free to take over (`free`, a
put conditional on the owner and the moment read) when its owner
- is the claimer itself (a correction tried again),
- was refused or withdrawn (its release did not finish), or
- is missing or does not list the guard, and the guard is older than a function's run
  (`FUNCTION_TIMEOUT_SECONDS`, the template's `FunctionTimeoutSeconds`): the function that
  claimed it ended by then, so its transaction can no longer commit.
A guard of an application that exists and lists it (pending, overdue, granted, failed) is never
taken over.

Items (EKTIS_TABLE):
    SUBSIDISED#<kind>#<id>#<season> / GUARD   owner: the subsidy id; claimedAt
    SUBSIDISED#animal#<tag>#<season> / GUARD  owner: the subsidy id; claimedAt
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from botocore.exceptions import ClientError

from egov.ektis import texts  # noqa: F401  (registers the problems' texts)
from egov.ektis.subjects import TABLE
from egov.platform import clock
from egov.platform.problems import Conflict, Problem
from egov.platform.repository import Item, Transaction

# DynamoDB's limit on the parts of one transaction.
CHUNK = 100
# An owner whose release did not finish holds nothing.
RELEASED = ("refused", "withdrawn")
# Takeovers of one chunk raced by other claims: after this many, the claim is refused.
TRIES = 4
# Where a transaction keeps the guards claimed for it: [(owner, keys)].
CLAIMED = "ektis.guards.claimed"


def subsidy_pk(subsidy_id: str) -> str:
    return f"SUBSIDY#{subsidy_id}"


def taken(key: str) -> Conflict:
    """The 409 of a guard held by another live application."""
    kind = "animal-already" if key.startswith("SUBSIDISED#animal#") else "already"
    return Conflict(f"ektis.subsidy.{kind}", field="declarationId")


def _chunks(keys: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(keys), CHUNK):
        yield keys[start : start + CHUNK]


def claim(tx: Transaction, keys: list[str], owner: str) -> None:
    """Claim every guard of `keys` for `owner` before `tx` commits, or none: the first held by
    another live application refuses the claim (`taken`) after the chunks claimed are given
    back."""
    tx.context.setdefault(CLAIMED, []).append((owner, keys))
    claimed: list[str] = []
    try:
        for chunk in _chunks(keys):
            _claim_chunk(chunk, owner)
            claimed += chunk
    except Exception:
        release(claimed, owner)
        raise


def _claim_chunk(chunk: list[str], owner: str) -> None:
    """One transaction: a new guard where there is none, a takeover conditional on the owner
    and moment read where the guard is free; tried again once the guards that stopped it are
    read."""
    stale: dict[str, Item] = {}
    owners: dict[str, Item | None] = {}
    for _ in range(TRIES):
        tx = Transaction()
        now = clock.now_iso()
        for key in chunk:
            guard = {"pk": key, "sk": "GUARD", "owner": owner, "claimedAt": now}
            if key in stale:
                read = stale[key]
                expected = {"owner": read["owner"], "claimedAt": read.get("claimedAt")}
                tx.put(TABLE, guard, expected=expected, conflict=taken(key))
            else:
                tx.put(TABLE, guard, conflict=taken(key))
        try:
            tx.commit()
            return
        except Conflict:
            pass
        except ClientError as error:
            # Another transaction on the same guards at that moment: read them and try again.
            if error.response["Error"]["Code"] != "TransactionCanceledException":
                raise
        # Only a cancelled claim reads its guards: the usual application reads none.
        for key in chunk:
            found = TABLE.get(key, "GUARD")
            if found is None:
                stale.pop(key, None)
            elif free(found, owner, owners):
                stale[key] = found
            else:
                raise taken(key)
    raise taken(chunk[0])


def free(guard: Item, claimer: str, owners: dict[str, Item | None]) -> bool:
    """Whether `claimer` may take the guard over (the module's rule); `owners` caches the
    owning applications read."""
    owner = str(guard["owner"])
    if owner == claimer:
        return True
    if owner not in owners:
        owners[owner] = TABLE.get(subsidy_pk(owner), "SUBSIDY")
    application = owners[owner]
    if application is not None and application["status"] in RELEASED:
        return True
    if application is not None and guard["pk"] in application.get("guards", []):
        return False
    return _older_than_a_run(guard)


def _older_than_a_run(guard: Item) -> bool:
    """Claimed before the longest run of the function that claimed it; a guard written before
    guards carried their moment is older than any run still going."""
    claimed_at = guard.get("claimedAt")
    if claimed_at is None:
        return True
    age = (clock.now() - clock.parse(str(claimed_at))).total_seconds()
    return clock.real_seconds(age) > float(os.environ["FUNCTION_TIMEOUT_SECONDS"])


def release(keys: list[str], owner: str) -> None:
    """Delete the guards of `keys` that `owner` still holds, a chunk per transaction; a chunk
    with a guard taken over meanwhile goes guard by guard."""
    for chunk in _chunks(keys):
        tx = Transaction()
        for key in chunk:
            tx.release(TABLE, key, owner)
        try:
            tx.commit()
        except Conflict:
            for key in chunk:
                one = Transaction()
                one.release(TABLE, key, owner)
                with contextlib.suppress(Conflict):
                    one.commit()


def commit(tx: Transaction) -> None:
    """Commit `tx`; cancelled, it gives back the guards claimed for it. Not when its answer was
    only lost (it may have committed): those wait for `free`'s rule."""
    try:
        tx.commit()
    except (ClientError, Problem) as error:
        cause = error if isinstance(error, ClientError) else error.__cause__
        if isinstance(cause, ClientError) and (
            cause.response["Error"]["Code"] == "TransactionCanceledException"
        ):
            for owner, keys in tx.context.get(CLAIMED, []):
                release(keys, owner)
        raise
