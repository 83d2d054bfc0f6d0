"""Transactional outbox: the effects of a committed change are never lost (DESIGN rule 7).

A change that must be followed by a queue message or a workflow start (a notice to send, a
ministry verification or an e-sign review to begin) cannot put them in its DynamoDB
transaction. Done after the commit, a crash, a throttle or a timeout in between would leave an
acknowledged change without its effect. So the effect is written as an `OUTBOX#` item in the same
transaction, performed right after the commit, and its item deleted once it is done. If that
fails, the `OutboxSweepFunction` (every minute) finds the items older than a minute and performs
them again.

Effects may therefore happen more than once. They are chosen to tolerate it: queue consumers
tolerate duplicates (rule 7) and a workflow starts under a fixed execution name, so a second
start finds the first.
"""

from __future__ import annotations

import json
import uuid
import zlib
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, Literal

from botocore.exceptions import ClientError
from pydantic import BaseModel, Field

from egov.platform import aws, clock, queues
from egov.platform.observability import correlation_id, logger, metrics
from egov.platform.repository import Table, Transaction

PLATFORM = Table("PLATFORM_TABLE")

SHARDS = 8  # index partitions, so that a busy hour does not write to one hot key
STALE_SECONDS = 60  # what the sweeper leaves to the request that is still performing it


class Effect(BaseModel):
    """One pending effect, as stored."""

    effect_id: str = Field(alias="effectId")
    kind: Literal["queue", "start"]
    target: str  # the environment variable naming the queue URL or state machine ARN
    # The queue URL or state machine ARN itself, resolved by the function that wrote the effect,
    # so that the sweeper needs no environment naming every queue and workflow of the platform.
    resource: str | None = None
    bodies: list[dict[str, Any]] = Field(default_factory=list)
    name: str | None = None
    input: dict[str, Any] | None = None
    correlation_id: str = Field(alias="correlationId")
    created_at: str = Field(alias="createdAt")
    attempts: int = 0

    model_config = {"populate_by_name": True, "defer_build": True}


def _key(effect_id: str) -> tuple[str, str]:
    return f"OUTBOX#{effect_id}", "OUTBOX"


def _shard(effect_id: str) -> str:
    return f"OUTBOX#{zlib.crc32(effect_id.encode()) % SHARDS}"


def _add(tx: Transaction, effect: Effect) -> None:
    pk, sk = _key(effect.effect_id)
    tx.put(
        PLATFORM,
        {
            "pk": pk,
            "sk": sk,
            **effect.model_dump(by_alias=True, exclude_none=True),
            "gsi1pk": _shard(effect.effect_id),
            "gsi1sk": f"{effect.created_at}#{effect.effect_id}",
        },
    )
    tx.then(lambda: _perform_now(effect))


def _new(
    kind: Literal["queue", "start"], target: str, resource: str | None = None, **fields: Any
) -> Effect:
    now = clock.real_now().isoformat(timespec="microseconds")
    return Effect(
        effect_id=uuid.uuid4().hex,
        kind=kind,
        target=target,
        resource=resource or aws.resource_name(target),
        correlation_id=correlation_id(),
        created_at=now,
        **fields,
    )


def queue(
    tx: Transaction,
    queue_url_env: str,
    bodies: list[Mapping[str, Any]],
    *,
    queue_url: str | None = None,
) -> None:
    """Send `bodies` to the queue once `tx` has committed; `queue_url` when the caller has the
    URL but not the variable (the sweeper finishing another function's work)."""
    # The correlation id is fixed now: a sweeper sending them later has its own.
    stamped = [{"correlationId": correlation_id(), **b} for b in bodies]
    if stamped:
        _add(tx, _new("queue", queue_url_env, queue_url, bodies=stamped))


def start(tx: Transaction, state_machine_env: str, name: str, data: Mapping[str, Any]) -> None:
    """Start the workflow `name` with `data` once `tx` has committed (once, whatever happens).

    Relative waits in `data` (TimeoutSecondsPath) count from the real start: a start the sweeper
    performs a minute late ends its wait a minute late, never early."""
    _add(tx, _new("start", state_machine_env, name=name, input=dict(data)))


# ---------------------------------------------------------------- performing


def start_execution(state_machine_env: str, name: str, data: Mapping[str, Any]) -> None:
    """Start the workflow `name` now; one already started under that name is left as it is."""
    _start(aws.resource_name(state_machine_env), name, data)


def _start(state_machine_arn: str, name: str, data: Mapping[str, Any]) -> None:
    try:
        aws.client("stepfunctions").start_execution(
            stateMachineArn=state_machine_arn,
            name=name,
            input=json.dumps(data, ensure_ascii=False),
        )
    except ClientError as error:
        if error.response["Error"]["Code"] != "ExecutionAlreadyExists":
            raise


def _perform(effect: Effect) -> None:
    # An effect written before `resource` was stored names only its variable.
    resource = effect.resource or aws.resource_name(effect.target)
    if effect.kind == "queue":
        queues.send_batch_to(resource, effect.bodies)
    else:
        _start(resource, str(effect.name), effect.input or {})


def _perform_now(effect: Effect) -> None:
    """Right after the commit. A failure is the sweeper's to retry, not the caller's problem:
    the change it follows is committed and will be acknowledged."""
    try:
        _perform(effect)
    except Exception:
        logger.exception("effect left to the outbox sweeper", extra={"effectId": effect.effect_id})
        metrics.add_metric(name="OutboxEffectDeferred", unit="Count", value=1)
        return
    PLATFORM.delete(*_key(effect.effect_id))


def pending(shard: int, *, older_than: float) -> list[Effect]:
    """The effects of one shard written more than `older_than` seconds ago, oldest first."""
    before = (clock.real_now() - timedelta(seconds=older_than)).isoformat(timespec="microseconds")
    page = PLATFORM.query(f"OUTBOX#{shard}", sk_between=("0", before), index="gsi1", limit=100)
    return [Effect.model_validate(item) for item in page.items]


def _count_attempt(effect: Effect) -> None:
    try:
        PLATFORM.update(*_key(effect.effect_id), {"attempts": effect.attempts + 1})
    except ClientError as error:
        # Performed and deleted meanwhile by the request that wrote it: nothing left to count.
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise


def sweep() -> dict[str, int]:
    """Perform again the effects older than STALE_SECONDS (the OutboxSweepFunction's work); at
    most 100 per shard a run, so a backlog drains over a few runs."""
    done = failed = 0
    for shard in range(SHARDS):
        for effect in pending(shard, older_than=STALE_SECONDS):
            pk, sk = _key(effect.effect_id)
            try:
                _perform(effect)
            except Exception:
                failed += 1
                logger.exception(
                    "effect failed again",
                    extra={"effectId": effect.effect_id, "attempts": effect.attempts + 1},
                )
                _count_attempt(effect)
                continue
            PLATFORM.delete(pk, sk)
            done += 1
    if failed:
        metrics.add_metric(name="OutboxEffectFailed", unit="Count", value=failed)
    return {"performed": done, "failed": failed}
