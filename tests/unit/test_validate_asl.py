"""The state-machine gate refuses what moto or our rules would not accept."""

from devstack.validate_asl import problems_of

WAIT = {
    "Type": "Task",
    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    "Parameters": {"QueueUrl": "q", "MessageBody": {"t.$": "$$.Task.Token"}},
    "End": True,
}


def test_a_wait_without_timeout_or_catch_is_refused() -> None:
    found = problems_of("M", {"StartAt": "Ask", "States": {"Ask": WAIT}})
    assert any("without a timeout" in f for f in found)
    assert any("no Catch" in f for f in found)


def test_a_wait_with_timeout_and_catch_passes() -> None:
    ask = {
        **WAIT,
        "TimeoutSecondsPath": "$.timeout",
        "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Late"}],
    }
    definition = {"StartAt": "Ask", "States": {"Ask": ask, "Late": {"Type": "Succeed"}}}
    assert problems_of("M", definition) == []


def test_unresolved_substitution_and_broken_asl_are_refused() -> None:
    definition = {
        "StartAt": "Nowhere",
        "States": {"A": {"Type": "Pass", "Result": "${Missing}", "End": True}},
    }
    found = problems_of("M", definition)
    assert any("${Missing}" in f for f in found)
    assert any("not valid ASL" in f for f in found)
