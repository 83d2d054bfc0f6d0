"""The in-process stack provisions the template and runs handlers (foundation of every test)."""

import json

import boto3

from tests.conftest import LocalAws, rest_event


def test_health_handler_runs_against_provisioned_tables(local_aws: LocalAws) -> None:
    response = local_aws.invoke("HealthFunction", rest_event("GET", "/health"))
    assert response["statusCode"] == 200
    assert '"status":"ok"' in response["body"]


def test_the_shared_grants_are_provisioned_with_their_resources_resolved(
    local_aws: LocalAws,
) -> None:
    """Issue 11 item 3: the template's managed policies exist locally, each naming the ARNs
    of the resources the stack created (a reference the devstack cannot resolve fails here)."""
    iam = boto3.client("iam")
    template = local_aws.template
    for logical_id in template.of_type("AWS::IAM::ManagedPolicy"):
        arn = template.ref(logical_id)
        version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
        document = iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]
        text = json.dumps(document["Document"])
        assert "Ref" not in text and "GetAtt" not in text, logical_id
    answer = template.ref("AnswerWaitingWorkflowsPolicy")
    assert answer.endswith(":policy/egov-AnswerWaitingWorkflowsPolicy")
