"""Create every resource of the template in the AWS back end (moto locally, LocalStack optionally).

The template is the only list of resources (DESIGN rule 2): this module walks it. Resource kinds
it does not know are reported, not silently skipped, so a new kind in the template is noticed.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

import boto3

from devstack.template import Template

IGNORED = {
    "AWS::Serverless::Function",  # handlers run in-process (gateway and pump)
    "AWS::Serverless::LayerVersion",
    "AWS::Serverless::Api",
    "AWS::Logs::LogGroup",
    "AWS::CloudWatch::Alarm",
    "AWS::IAM::Role",
    "AWS::SQS::QueuePolicy",
    "AWS::SNS::Subscription",
    "AWS::Lambda::Permission",
    "AWS::Events::Rule",  # rules with queue targets are created after the buses, below
}


def _aws(service: str) -> Any:
    """An untyped client: the template hands us plain dicts, not boto3-stubs TypedDicts."""
    return boto3.client(service)  # type: ignore[call-overload]


ROLE_ARN = "arn:aws:iam::123456789012:role/egov-local-states"


def provision(template: Template) -> dict[str, list[str]]:
    created: dict[str, list[str]] = {}
    order = [
        ("AWS::DynamoDB::Table", _table),
        ("AWS::SQS::Queue", _queue),
        ("AWS::S3::Bucket", _bucket),
        ("AWS::SecretsManager::Secret", _secret),
        ("AWS::SSM::Parameter", _parameter),
        ("AWS::SNS::Topic", _topic),
        ("AWS::Events::EventBus", _bus),
        ("AWS::IAM::ManagedPolicy", _managed_policy),
        ("AWS::Serverless::StateMachine", _state_machine),
        ("AWS::StepFunctions::StateMachine", _state_machine),
    ]
    handled = {kind for kind, _ in order} | IGNORED
    unknown = {r["Type"] for r in template.resources.values()} - handled
    if unknown:
        raise RuntimeError(f"the local stack cannot provision {sorted(unknown)} yet")
    # Queues referenced as dead-letter targets must exist first.
    for kind, create in order:
        items = sorted(
            template.of_type(kind).items(),
            key=lambda kv: "RedrivePolicy" in kv[1].get("Properties", {}),
        )
        for logical_id, resource in items:
            create(template, logical_id, resource.get("Properties", {}))
            created.setdefault(kind, []).append(logical_id)
    for logical_id, resource in template.of_type("AWS::Events::Rule").items():
        _rule(template, logical_id, resource["Properties"])
        created.setdefault("AWS::Events::Rule", []).append(logical_id)
    for logical_id, resource in template.of_type("AWS::S3::Bucket").items():
        _bucket_notifications(template, logical_id, resource.get("Properties", {}))
    return created


def _table(t: Template, logical_id: str, props: dict[str, Any]) -> None:
    ddb = _aws("dynamodb")
    kwargs: dict[str, Any] = {
        "TableName": t.physical_name(logical_id),
        "AttributeDefinitions": props["AttributeDefinitions"],
        "KeySchema": props["KeySchema"],
        "BillingMode": props.get("BillingMode", "PAY_PER_REQUEST"),
    }
    if props.get("GlobalSecondaryIndexes"):
        kwargs["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
    if props.get("StreamSpecification"):
        kwargs["StreamSpecification"] = {"StreamEnabled": True, **props["StreamSpecification"]}
    ddb.create_table(**kwargs)
    ttl = props.get("TimeToLiveSpecification")
    if ttl:
        ddb.update_time_to_live(TableName=kwargs["TableName"], TimeToLiveSpecification=ttl)


def _queue(t: Template, logical_id: str, props: dict[str, Any]) -> None:
    attributes: dict[str, str] = {}
    for key in (
        "VisibilityTimeout",
        "MessageRetentionPeriod",
        "DelaySeconds",
        "ReceiveMessageWaitTimeSeconds",
    ):
        if key in props:
            attributes[key] = str(props[key])
    if "RedrivePolicy" in props:
        attributes["RedrivePolicy"] = json.dumps(t.resolve(props["RedrivePolicy"]))
    name = t.physical_name(logical_id)
    if props.get("FifoQueue"):
        name += ".fifo"
        attributes["FifoQueue"] = "true"
    _aws("sqs").create_queue(QueueName=name, Attributes=attributes)


# CloudFormation's names of a CorsRule's properties where the S3 API names them differently.
_S3_CORS_NAMES = {"MaxAge": "MaxAgeSeconds", "ExposedHeaders": "ExposeHeaders", "Id": "ID"}


def _bucket(t: Template, logical_id: str, props: dict[str, Any]) -> None:
    s3 = _aws("s3")
    name = t.physical_name(logical_id)
    s3.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": s3.meta.region_name}
    )
    if props.get("VersioningConfiguration"):
        s3.put_bucket_versioning(
            Bucket=name, VersioningConfiguration=props["VersioningConfiguration"]
        )
    if props.get("PublicAccessBlockConfiguration"):
        s3.put_public_access_block(
            Bucket=name, PublicAccessBlockConfiguration=props["PublicAccessBlockConfiguration"]
        )
    if props.get("CorsConfiguration"):
        s3.put_bucket_cors(
            Bucket=name,
            CORSConfiguration={
                "CORSRules": [
                    {_S3_CORS_NAMES.get(k, k): v for k, v in rule.items()}
                    for rule in t.resolve(props["CorsConfiguration"]["CorsRules"])
                ]
            },
        )


def _bucket_notifications(t: Template, logical_id: str, props: dict[str, Any]) -> None:
    notification = props.get("NotificationConfiguration")
    if not notification:
        return
    queues = [
        {
            "QueueArn": t.resolve(q["Queue"]),
            "Events": [q["Event"]],
            **({"Filter": _s3_filter(q["Filter"])} if "Filter" in q else {}),
        }
        for q in notification.get("QueueConfigurations", [])
    ]
    _aws("s3").put_bucket_notification_configuration(
        Bucket=t.physical_name(logical_id),
        NotificationConfiguration={"QueueConfigurations": queues},
    )


def _s3_filter(cfn_filter: dict[str, Any]) -> dict[str, Any]:
    """CloudFormation spells it `S3Key.Rules`; the S3 API `Key.FilterRules`."""
    return {"Key": {"FilterRules": cfn_filter.get("S3Key", {}).get("Rules", [])}}


def _secret(t: Template, logical_id: str, props: dict[str, Any]) -> None:
    value = props.get("SecretString") or secrets.token_urlsafe(48)
    _aws("secretsmanager").create_secret(
        Name=t.physical_name(logical_id), SecretString=t.resolve(value)
    )


def _parameter(t: Template, logical_id: str, props: dict[str, Any]) -> None:
    _aws("ssm").put_parameter(
        Name=t.physical_name(logical_id),
        Value=str(t.resolve(props["Value"])),
        Type="String",
        Overwrite=True,
    )


def _topic(t: Template, logical_id: str, props: dict[str, Any]) -> None:
    _aws("sns").create_topic(Name=t.physical_name(logical_id))


def _bus(t: Template, logical_id: str, props: dict[str, Any]) -> None:
    _aws("events").create_event_bus(Name=t.physical_name(logical_id))


def _rule(t: Template, logical_id: str, props: dict[str, Any]) -> None:
    events = _aws("events")
    bus = t.resolve(props.get("EventBusName", "default"))
    name = t.physical_name(logical_id)
    kwargs: dict[str, Any] = {
        "Name": name,
        "EventBusName": bus,
        "State": props.get("State", "ENABLED"),
    }
    if "EventPattern" in props:
        kwargs["EventPattern"] = json.dumps(t.resolve(props["EventPattern"]))
    if "ScheduleExpression" in props:
        kwargs["ScheduleExpression"] = props["ScheduleExpression"]
    events.put_rule(**kwargs)
    targets = [
        {"Id": target["Id"], "Arn": t.resolve(target["Arn"])} for target in props.get("Targets", [])
    ]
    if targets:
        events.put_targets(Rule=name, EventBusName=bus, Targets=targets)


def _managed_policy(t: Template, logical_id: str, props: dict[str, Any]) -> None:
    """Created so that its document resolves (every resource it names exists); the functions
    run in-process, so nothing enforces it locally: tests/unit/test_least_privilege.py reads it."""
    _aws("iam").create_policy(
        PolicyName=t.physical_name(logical_id),
        PolicyDocument=json.dumps(t.resolve(props["PolicyDocument"])),
        Description=props.get("Description", ""),
    )


def _state_machine(t: Template, logical_id: str, props: dict[str, Any]) -> None:
    definition = t.state_machine_definition(logical_id)
    _aws("stepfunctions").create_state_machine(
        name=t.physical_name(logical_id),
        definition=json.dumps(definition),
        roleArn=ROLE_ARN,
        type=props.get("Type", "STANDARD"),
    )
