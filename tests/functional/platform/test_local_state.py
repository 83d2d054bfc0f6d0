"""The local stack's snapshot (infra/devstack/state.py, issue 9): what it keeps across a restart,
and that a save interrupted half-way never replaces the snapshot that was there."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest
from moto.core.base_backend import BackendDict

from devstack import state
from devstack.provision import provision
from tests.conftest import LocalAws, forget_cold_start_state

CLOCK = state.Clock(virtual_now=1_900_000_000.0, scale=1440.0)


def reborn(local_aws: LocalAws, directory: Path) -> list[str] | None:
    """An empty back end with the template provisioned again, and the snapshot restored."""
    BackendDict.reset()
    forget_cold_start_state()
    provision(local_aws.template)
    return state.restore(directory)


def test_issue9_items_objects_secrets_parameters_and_queued_messages_survive(
    local_aws: LocalAws, tmp_path: Path
) -> None:
    t = local_aws.template
    ddb, s3, sqs = boto3.client("dynamodb"), boto3.client("s3"), boto3.client("sqs")
    secrets, ssm = boto3.client("secretsmanager"), boto3.client("ssm")
    table, bucket = t.physical_name("PlatformTable"), t.physical_name("AttachmentsBucket")
    item = {"pk": {"S": "KEPT#1"}, "sk": {"S": "X"}, "raw": {"B": b"\x00\xff"}, "n": {"N": "7"}}
    ddb.put_item(TableName=table, Item=item)
    s3.put_object(
        Bucket=bucket,
        Key="uploads/a b/ç.pdf",
        Body=b"%PDF",
        ContentType="application/pdf",
        Metadata={"owner": "u1"},
    )
    uploads = t.ref("AttachmentQueue")
    for message in sqs.receive_message(QueueUrl=uploads, MaxNumberOfMessages=10).get(
        "Messages", []
    ):
        sqs.delete_message(QueueUrl=uploads, ReceiptHandle=message["ReceiptHandle"])
    secrets.create_secret(Name="egov-webhook-secret-DIN", SecretString="made at runtime")
    ssm.put_parameter(
        Name=t.physical_name("AdapterEndpoints"), Value='{"x": 1}', Type="String", Overwrite=True
    )
    queue = t.ref("NotificationQueue")
    sqs.send_message(
        QueueUrl=queue,
        MessageBody="queued",
        MessageAttributes={"kind": {"DataType": "String", "StringValue": "sms"}},
    )
    sqs.send_message(QueueUrl=queue, MessageBody="in flight")
    in_flight = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, VisibilityTimeout=600)
    assert in_flight["Messages"]
    token_key = secrets.get_secret_value(SecretId=t.physical_name("TokenSigningKey"))

    state.save(tmp_path / "state", CLOCK)
    assert reborn(local_aws, tmp_path / "state") == []

    assert ddb.get_item(TableName=table, Key={"pk": item["pk"], "sk": item["sk"]})["Item"] == item
    stored = s3.get_object(Bucket=bucket, Key="uploads/a b/ç.pdf")
    assert stored["Body"].read() == b"%PDF" and stored["ContentType"] == "application/pdf"
    assert stored["Metadata"] == {"owner": "u1"}
    # A restored object is no new upload; the bucket's notifications are back for the next one.
    events = sqs.receive_message(QueueUrl=uploads, MaxNumberOfMessages=10).get("Messages", [])
    assert not [m for m in events if "Records" in json.loads(m["Body"])], events
    assert s3.get_bucket_notification_configuration(Bucket=bucket)["QueueConfigurations"]
    restored_key = secrets.get_secret_value(SecretId=t.physical_name("TokenSigningKey"))
    assert restored_key["SecretString"] == token_key["SecretString"]
    assert (
        secrets.get_secret_value(SecretId="egov-webhook-secret-DIN")["SecretString"]
        == "made at runtime"
    )
    parameter = ssm.get_parameter(Name=t.physical_name("AdapterEndpoints"))["Parameter"]
    assert parameter["Value"] == '{"x": 1}'
    received = sqs.receive_message(
        QueueUrl=queue, MaxNumberOfMessages=10, MessageAttributeNames=["All"]
    )["Messages"]
    assert sorted(m["Body"] for m in received) == ["in flight", "queued"]
    (queued,) = [m for m in received if m["Body"] == "queued"]
    assert queued["MessageAttributes"]["kind"]["StringValue"] == "sms"
    assert state.saved_clock(tmp_path / "state") == CLOCK


def test_issue9_a_save_that_fails_half_way_keeps_the_previous_snapshot(
    local_aws: LocalAws, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "state"
    state.save(directory, CLOCK)
    kept = json.loads((directory / "manifest.json").read_text())

    def crash() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(state, "_executions", crash)
    with pytest.raises(KeyboardInterrupt):
        state.save(directory, state.Clock(0.0, 1.0))
    assert json.loads((directory / "manifest.json").read_text()) == kept
    assert [p.name for p in tmp_path.iterdir()] == ["state"]


def test_issue9_a_save_stopped_between_its_renames_is_found_and_fresh_forgets_it(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "state"
    previous = tmp_path / "state.previous"
    previous.mkdir()
    (previous / "manifest.json").write_text(
        json.dumps({"format": state.FORMAT, "clock": {"virtualNow": 5.0, "scale": 2.0}})
    )
    assert state.location(directory) == previous
    assert state.saved_clock(directory) == state.Clock(5.0, 2.0)
    state.discard(directory)
    assert state.location(directory) is None and not previous.exists()


def test_issue9_a_message_to_a_waiting_task_is_not_kept_but_a_dead_letter_is(
    local_aws: LocalAws, tmp_path: Path
) -> None:
    """Its token dies with the run: the restarted execution sends the step again with its own,
    and the stale message must not hand the step the dead token after it."""
    t, sqs = local_aws.template, boto3.client("sqs")
    body = json.dumps({"taskToken": "of-the-previous-run", "agency": "DIN"})
    sqs.send_message(QueueUrl=t.ref("DecisionRequestQueue"), MessageBody=body)
    sqs.send_message(QueueUrl=t.ref("DecisionRequestDeadLetterQueue"), MessageBody=body)

    state.save(tmp_path / "state", CLOCK)
    reborn(local_aws, tmp_path / "state")

    assert "Messages" not in sqs.receive_message(QueueUrl=t.ref("DecisionRequestQueue"))
    kept = sqs.receive_message(QueueUrl=t.ref("DecisionRequestDeadLetterQueue"))["Messages"]
    assert [m["Body"] for m in kept] == [body]
