"""Guards of DESIGN rule 7 over the whole code base (issue 10, item 7).

- Every effect a service causes (a notice, a webhook, a queue message) is written into the
  transaction of the change it follows, through the outbox, so a failure after the commit can
  never lose it: an AST walk of the layer finds every call and checks it.
- Every handler that answers 201 creates something, and a retried POST must not create it
  twice: it runs its work through `idempotency.once`.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYER = ROOT / "layers" / "core" / "python" / "egov"
FUNCTIONS = ROOT / "functions"

# Calls that cause an effect and take the change's transaction as `tx=`.
NEEDS_TX = {("notify", "send"), ("notify", "send_to_address"), ("webhooks", "enqueue")}
# Direct sends to a queue, allowed only where the send is not the effect of a change.
DIRECT = {("queues", "send"), ("queues", "send_batch")}
DIRECT_ALLOWED = {
    # The outbox itself performs the effects written into transactions.
    "platform/outbox.py",
    # A webhook with no endpoint is parked in the dead-letter queue by the delivering consumer;
    # if that fails, SQS hands the same message to the consumer again.
    "platform/webhooks.py",
}


def _calls(path: Path) -> list[tuple[str, str, ast.Call]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
        ):
            found.append((node.func.value.id, node.func.attr, node))
    return found


def test_rule7_every_notice_webhook_and_queue_message_is_part_of_a_transaction() -> None:
    offenders = []
    for path in sorted(LAYER.rglob("*.py")):
        where = path.relative_to(LAYER).as_posix()
        for module, name, call in _calls(path):
            if (module, name) in NEEDS_TX and not any(k.arg == "tx" for k in call.keywords):
                offenders.append(f"{where}:{call.lineno} {module}.{name} without tx=")
            if (module, name) in DIRECT and where not in DIRECT_ALLOWED:
                offenders.append(f"{where}:{call.lineno} {module}.{name} outside the outbox")
    assert offenders == []


# Handlers that answer 201 without an Idempotency-Key, and why that is safe.
CREATES_WITHOUT_KEY: dict[str, str] = {
    "customs/register.py": "the barcode is the natural key: the same registration again is a 200 "
    "with the goods as recorded, other details under the barcode a 409 (C3)",
    "platform/auth_mobile_id.py": "an anonymous login start: a repeat is a new request the "
    "person makes on the phone, each limited per number (egov.platform.mobile_id)",
}


def test_rule7_every_handler_that_creates_honours_an_idempotency_key() -> None:
    offenders = []
    for path in sorted(FUNCTIONS.rglob("*.py")):
        source = path.read_text()
        where = path.relative_to(FUNCTIONS).as_posix()
        creates = "created(" in source or "status_code=201" in source
        if creates and "idempotency.once(" not in source and where not in CREATES_WITHOUT_KEY:
            offenders.append(where)
    assert offenders == []
