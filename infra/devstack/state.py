"""The local stack's data kept across an orderly restart (issue 9).

moto keeps everything in memory, so `python -m devstack` saves a snapshot when it is stopped
(SIGTERM, Ctrl-C) and restores it on the next start, after provisioning the template and before
the demo data (whose steps are idempotent) and before any consumer runs:

- DynamoDB: every item of every table (Scan, BatchWriteItem);
- S3: the current version of every object, with its content type and metadata (older versions
  are not kept); restored with the bucket's notifications off, so no upload event is replayed;
- Secrets Manager: every secret's current value, those made at runtime too (an agency's webhook
  secret); the generated signing keys among them, so tokens and webhook keys stay valid;
- SSM: every parameter's value; the stack then applies its start-up configuration over it (the
  simulators' endpoints, which depend on this run's ports);
- SQS: every message still in a queue, in flight or delayed included, with its attributes;
  re-sent on restore (receive counts start again from zero); except a workflow's message to a
  task that waits for its token (see `_for_a_task`);
- the platform clock: the virtual moment of the stop and the scale; the clock goes on from that
  moment (nothing happened while the stack was down);
- Step Functions: each running execution's state machine, name and input; restored by starting it
  again under the same name with the same input. Every step is safe to repeat (the consumers
  answer a repeated step from what they stored, the exchange gives a decision asked again its new
  token or its recorded answer), so the workflow goes through its finished steps again and waits
  where it waited. A wait restarted this way lasts its whole length again (`TimeoutSeconds` is
  in the input); deadlines do not move, and an answer after one is late as before.

SQS offers no way to read a queue without receiving (which would hide in-flight messages and
count receipts towards the dead-letter queue), so messages are read from moto's queue objects,
read-only; moto runs in this process. Everything else goes through the AWS APIs.

The snapshot is written to a temporary directory and renamed into place, so a stop interrupted
while saving leaves the previous snapshot whole. A crash (kill -9, power loss) saves nothing: the
next start restores the snapshot of the last orderly stop. Against LocalStack there is no
snapshot: LocalStack keeps its own state (its `PERSISTENCE`).
"""

from __future__ import annotations

import base64
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3

from devstack.template import ACCOUNT, REGION

DEFAULT_DIRECTORY = Path(".devstack/state")
FORMAT = 1
_BYTES = "$b64"  # how a binary value is written in the snapshot's JSON
_SQS_MAX_DELAY_SECONDS = 900
RESTART_CEILING_SECONDS = 120.0
QUIET_POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Clock:
    virtual_now: float
    scale: float


def _aws(service: str) -> Any:
    return boto3.client(service)  # type: ignore[call-overload]


# ---------------------------------------------------------------- the files


def _encode(value: Any) -> Any:
    if isinstance(value, bytes | bytearray):
        return {_BYTES: base64.b64encode(value).decode()}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_encode(v) for v in value]
    return value


def _decode(value: dict[str, Any]) -> Any:
    if len(value) == 1 and isinstance(value.get(_BYTES), str):
        return base64.b64decode(value[_BYTES])
    return value


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_encode(data), ensure_ascii=False), encoding="utf-8")


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"), object_hook=_decode)


def _previous(directory: Path) -> Path:
    return directory.with_name(directory.name + ".previous")


def location(directory: Path) -> Path | None:
    """The snapshot to restore: `directory`, or the previous one if a save stopped between its
    two renames; None if there is none."""
    for candidate in (directory, _previous(directory)):
        if (candidate / "manifest.json").is_file():
            return candidate
    return None


def discard(directory: Path) -> None:
    """Forget the kept state (`--fresh`)."""
    for path in (directory, _previous(directory)):
        shutil.rmtree(path, ignore_errors=True)


def saved_clock(directory: Path) -> Clock | None:
    found = location(directory)
    if found is None:
        return None
    clock = _read(found / "manifest.json")["clock"]
    return Clock(float(clock["virtualNow"]), float(clock["scale"]))


# ---------------------------------------------------------------- saving


def save(directory: Path, clock: Clock) -> None:
    """Write the back end's state to `directory`, replacing the snapshot there only once the
    new one is complete."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    for stale in directory.parent.glob(f"{directory.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a save that was itself interrupted
    work = Path(tempfile.mkdtemp(prefix=f"{directory.name}.tmp-", dir=directory.parent))
    try:
        _write(work / "dynamodb.json", dict(_tables()))
        _save_objects(work / "s3")
        _write(work / "secrets.json", dict(_secrets()))
        _write(work / "parameters.json", dict(_parameters()))
        _write(work / "sqs.json", dict(_queues()))
        _write(work / "executions.json", list(_executions()))
        _write(
            work / "manifest.json",
            {
                "format": FORMAT,
                "savedAt": time.time(),
                "clock": {"virtualNow": clock.virtual_now, "scale": clock.scale},
            },
        )
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    previous = _previous(directory)
    shutil.rmtree(previous, ignore_errors=True)
    if directory.exists():
        directory.rename(previous)
    work.rename(directory)
    shutil.rmtree(previous, ignore_errors=True)


def _tables() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    ddb = _aws("dynamodb")
    for page in ddb.get_paginator("list_tables").paginate():
        for table in page["TableNames"]:
            items: list[dict[str, Any]] = []
            for scanned in ddb.get_paginator("scan").paginate(TableName=table):
                items.extend(scanned["Items"])
            yield table, items


def _save_objects(directory: Path) -> None:
    s3 = _aws("s3")
    for bucket in s3.list_buckets()["Buckets"]:
        name = bucket["Name"]
        index: list[dict[str, Any]] = []
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=name):
            for listed in page.get("Contents", []):
                stored = s3.get_object(Bucket=name, Key=listed["Key"])
                # Keys may hold any character: the files are numbered, the index names them.
                file = f"{len(index):06d}"
                (directory / name).mkdir(parents=True, exist_ok=True)
                (directory / name / file).write_bytes(stored["Body"].read())
                index.append(
                    {
                        "key": listed["Key"],
                        "file": file,
                        "contentType": stored.get("ContentType"),
                        "metadata": stored.get("Metadata", {}),
                    }
                )
        _write(directory / f"{name}.json", index)


def _secrets() -> Iterator[tuple[str, str]]:
    client = _aws("secretsmanager")
    for page in client.get_paginator("list_secrets").paginate():
        for secret in page["SecretList"]:
            yield secret["Name"], client.get_secret_value(SecretId=secret["ARN"])["SecretString"]


def _parameters() -> Iterator[tuple[str, dict[str, str]]]:
    ssm = _aws("ssm")
    for page in ssm.get_paginator("describe_parameters").paginate():
        for described in page["Parameters"]:
            value = ssm.get_parameter(Name=described["Name"], WithDecryption=True)["Parameter"]
            yield described["Name"], {"value": value["Value"], "type": value["Type"]}


def _queues() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    from moto.sqs.models import sqs_backends

    now_ms = time.time() * 1000
    queues = sqs_backends[ACCOUNT][REGION].queues
    dead_letter = {
        q.redrive_policy["deadLetterTargetArn"].rsplit(":", 1)[1]
        for q in queues.values()
        if q.redrive_policy
    }
    for name, queue in queues.items():
        yield (
            name,
            [
                {
                    "body": message.body,
                    "attributes": message.message_attributes,
                    "groupId": message.group_id,
                    "deduplicationId": message.deduplication_id,
                    "delaySeconds": max(0, round((message.delayed_until - now_ms) / 1000)),
                }
                for message in list(queue._messages)
                if name in dead_letter or not _for_a_task(message.body)
            ],
        )


def _for_a_task(body: str) -> bool:
    """A workflow's message to a waiting task: its token dies with this run, and the restarted
    execution sends the step again with its own. Delivered after that one, the stale message
    would hand the step the dead token (a dead letter is kept for the operator as it is)."""
    try:
        data = json.loads(body)
    except ValueError:
        return False
    return isinstance(data, dict) and "taskToken" in data


def _executions() -> Iterator[dict[str, str]]:
    sfn = _aws("stepfunctions")
    for page in sfn.get_paginator("list_state_machines").paginate():
        for machine in page["stateMachines"]:
            running = sfn.get_paginator("list_executions").paginate(
                stateMachineArn=machine["stateMachineArn"], statusFilter="RUNNING"
            )
            for listed in running:
                for execution in listed["executions"]:
                    described = sfn.describe_execution(executionArn=execution["executionArn"])
                    yield {
                        "stateMachine": machine["name"],
                        "name": execution["name"],
                        "input": described.get("input", "{}"),
                    }


# ---------------------------------------------------------------- restoring


def restore(directory: Path) -> list[str] | None:
    """Put the snapshot in `directory` (if any) into the freshly provisioned back end; the
    restarted executions, None if there was no snapshot. The executions start last, so every
    record they read is back."""
    found = location(directory)
    if found is None:
        return None
    manifest = _read(found / "manifest.json")
    if manifest.get("format") != FORMAT:
        raise SystemExit(
            f"{found} holds a snapshot of another format; start with --fresh to discard it"
        )
    _restore_tables(_read(found / "dynamodb.json"))
    _restore_objects(found / "s3")
    _restore_secrets(_read(found / "secrets.json"))
    _restore_parameters(_read(found / "parameters.json"))
    _restore_queues(_read(found / "sqs.json"))
    return _restore_executions(_read(found / "executions.json"))


def _restore_tables(tables: dict[str, list[dict[str, Any]]]) -> None:
    ddb = _aws("dynamodb")
    for table, items in tables.items():
        for start in range(0, len(items), 25):
            requests = {table: [{"PutRequest": {"Item": i}} for i in items[start : start + 25]]}
            while requests:
                requests = ddb.batch_write_item(RequestItems=requests).get("UnprocessedItems")


def _restore_objects(directory: Path) -> None:
    if not directory.is_dir():
        return
    s3 = _aws("s3")
    for index_file in directory.glob("*.json"):
        bucket = index_file.stem
        # A restored object is not a new upload: its ObjectCreated event must not run again.
        notifications = s3.get_bucket_notification_configuration(Bucket=bucket)
        notifications.pop("ResponseMetadata", None)
        s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={})
        try:
            for entry in _read(index_file):
                s3.put_object(
                    Bucket=bucket,
                    Key=entry["key"],
                    Body=(directory / bucket / entry["file"]).read_bytes(),
                    Metadata=entry["metadata"],
                    **({"ContentType": entry["contentType"]} if entry["contentType"] else {}),
                )
        finally:
            s3.put_bucket_notification_configuration(
                Bucket=bucket, NotificationConfiguration=notifications
            )


def _restore_secrets(values: dict[str, str]) -> None:
    client = _aws("secretsmanager")
    for name, value in values.items():
        try:
            client.put_secret_value(SecretId=name, SecretString=value)
        except client.exceptions.ResourceNotFoundException:
            client.create_secret(Name=name, SecretString=value)


def _restore_parameters(parameters: dict[str, dict[str, str]]) -> None:
    ssm = _aws("ssm")
    for name, parameter in parameters.items():
        ssm.put_parameter(
            Name=name, Value=parameter["value"], Type=parameter["type"], Overwrite=True
        )


def _restore_queues(queues: dict[str, list[dict[str, Any]]]) -> None:
    sqs = _aws("sqs")
    for name, messages in queues.items():
        url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        for message in messages:
            kwargs: dict[str, Any] = {"QueueUrl": url, "MessageBody": message["body"]}
            if message["attributes"]:
                kwargs["MessageAttributes"] = message["attributes"]
            if message["groupId"]:
                kwargs["MessageGroupId"] = message["groupId"]
                if message["deduplicationId"]:
                    kwargs["MessageDeduplicationId"] = message["deduplicationId"]
            elif message["delaySeconds"]:
                kwargs["DelaySeconds"] = min(message["delaySeconds"], _SQS_MAX_DELAY_SECONDS)
            sqs.send_message(**kwargs)


def _restore_executions(executions: list[dict[str, str]]) -> list[str]:
    sfn = _aws("stepfunctions")
    machines = {
        m["name"]: m["stateMachineArn"]
        for page in sfn.get_paginator("list_state_machines").paginate()
        for m in page["stateMachines"]
    }
    return [
        sfn.start_execution(
            stateMachineArn=machines[execution["stateMachine"]],
            name=execution["name"],
            input=execution["input"],
        )["executionArn"]
        for execution in executions
    ]


def wait_until_asked_again(
    executions: list[str], request_queue_url: str, ceiling: float = RESTART_CEILING_SECONDS
) -> bool:
    """Until the restarted executions have gone back through their finished steps and their
    decision requests are consumed (the exchange has given each waiting decision its new token),
    so that an agency's answer is not sent to a token of the stack's previous life, which
    Step Functions refuses as closed (the answer would be kept as late). Quiet means: no new
    history event in any of them and no request in the queue, twice in a row. False if the
    ceiling passed first (a very busy machine); the stack then opens anyway."""
    sfn, sqs = _aws("stepfunctions"), _aws("sqs")
    counts = ("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")
    deadline = time.monotonic() + ceiling
    seen, quiet = -1, 0
    while quiet < 2:
        if time.monotonic() > deadline:
            return False
        time.sleep(QUIET_POLL_SECONDS)
        events = sum(
            len(sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"])
            for arn in executions
        )
        queued = sqs.get_queue_attributes(QueueUrl=request_queue_url, AttributeNames=counts)
        waiting = sum(int(v) for v in queued["Attributes"].values())
        quiet = quiet + 1 if events == seen and waiting == 0 else 0
        seen = events
    return True
