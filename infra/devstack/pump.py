"""The event pump: what Lambda's event source mappings and schedules do on AWS.

moto cannot run Lambda code without Docker, so queue messages reach their functions here, with
Lambda's semantics: a batch per invocation; an exception leaves the whole batch for a retry after
the visibility timeout; `ReportBatchItemFailures` leaves only the failed messages; the queue's
redrive policy moves a message that keeps failing to its dead-letter queue (moto does that part).
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import boto3

from devstack.alarms import Alarms
from devstack.runtime import Functions
from devstack.template import REGION

# A scaled `rate(1 minute)` would run many times a second; nothing needs it that often.
SCHEDULE_FLOOR_SECONDS = 5.0
# Sweeps due hourly or less often on AWS (the audit chain check, e-sign's daily dispatch check)
# would run at the floor too under the demo clock (an hour is 2.5 s at 1440x): every 5 s was
# most of the idle stack's CPU (issue 18 item 3). No test waits on them: they find what is
# overdue or tampered with, and once a minute finds it as surely.
SLOW_SCHEDULE_SECONDS = 3600
SLOW_SCHEDULE_FLOOR_SECONDS = 60.0
# CloudWatch evaluates a standard alarm once a minute (the template's alarms have 5-minute
# periods); checking every dead-letter queue every 5 s only burnt the idle stack's CPU.
ALARM_SECONDS = 60.0
# Long polls, as Lambda's pollers do: a message is delivered as soon as it arrives, and an idle
# queue costs one request per 20 s instead of one per second.
LONG_POLL_SECONDS = 20

_RATE_UNITS = {
    "minute": 60,
    "minutes": 60,
    "hour": 3600,
    "hours": 3600,
    "day": 86400,
    "days": 86400,
}


@dataclass
class Subscription:
    function: str
    queue_id: str
    queue_url: str
    queue_arn: str
    batch_size: int
    partial: bool


def schedule_seconds(expression: str) -> float:
    """`rate(5 minutes)` → 300. cron() schedules are run hourly locally."""
    if expression.startswith("rate(") and expression.endswith(")"):
        amount, unit = expression[5:-1].split()
        return int(amount) * _RATE_UNITS[unit]
    return 3600.0


def local_period(expression: str, clock_scale: float) -> float:
    """Real seconds between two runs of a schedule on the local stack's clock, floored."""
    period = schedule_seconds(expression)
    floor = (
        SLOW_SCHEDULE_FLOOR_SECONDS if period >= SLOW_SCHEDULE_SECONDS else SCHEDULE_FLOOR_SECONDS
    )
    return max(period / clock_scale, floor)


class Pump:
    def __init__(
        self,
        functions: Functions,
        clock_scale: float = 1.0,
        invoke: Callable[[str, dict[str, Any]], Any] | None = None,
    ) -> None:
        self.functions = functions
        # The local stack passes its worker pool, so consumers run in their own processes as
        # Lambda runs them; tests call handlers in this process.
        self.invoke = invoke or functions.invoke
        self.clock_scale = clock_scale
        template = functions.template
        self.subscriptions = [
            Subscription(
                fn.logical_id,
                queue_id,
                template.ref(queue_id),
                template.arn(queue_id),
                batch,
                partial,
            )
            for fn in template.functions.values()
            for queue_id, batch, partial in fn.queues
        ]
        # One client for every poll of every thread (building one costs ~10 ms of CPU, and
        # boto3 builds clients thread-unsafely).
        self.sqs: Any = boto3.client("sqs")
        self.alarms = Alarms(template, self.sqs)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.errors: list[str] = []

    # ------------------------------------------------------------ one step
    def poll(self, sub: Subscription, wait_seconds: int = 0) -> int:
        """Deliver one batch from the queue to its function; returns how many messages it had."""
        received = self.sqs.receive_message(
            QueueUrl=sub.queue_url,
            MaxNumberOfMessages=min(sub.batch_size, 10),
            WaitTimeSeconds=wait_seconds,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
        messages = received.get("Messages", [])
        if not messages:
            return 0
        event = {"Records": [self._record(sub, m) for m in messages]}
        failed: set[str] = set()
        try:
            result = self.invoke(sub.function, event)
        except Exception:
            self.errors.append(traceback.format_exc())
            traceback.print_exc()
            return len(messages)
        if sub.partial and isinstance(result, dict):
            failed = {f["itemIdentifier"] for f in result.get("batchItemFailures", [])}
        done = [m for m in messages if m["MessageId"] not in failed]
        if done:
            self.sqs.delete_message_batch(
                QueueUrl=sub.queue_url,
                Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)
                ],
            )
        return len(messages)

    @staticmethod
    def _record(sub: Subscription, message: dict[str, Any]) -> dict[str, Any]:
        attributes = {
            name: {
                "stringValue": value.get("StringValue"),
                "binaryValue": value.get("BinaryValue"),
                "stringListValues": [],
                "binaryListValues": [],
                "dataType": value["DataType"],
            }
            for name, value in message.get("MessageAttributes", {}).items()
        }
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": message.get("Attributes", {}),
            "messageAttributes": attributes,
            "md5OfBody": message.get("MD5OfBody"),
            "eventSource": "aws:sqs",
            "eventSourceARN": sub.queue_arn,
            "awsRegion": REGION,
        }

    def drain(self, timeout: float = 30.0, quiet_rounds: int = 2) -> None:
        """Deliver until every subscribed queue is empty (tests use this instead of threads)."""
        deadline = time.monotonic() + timeout
        quiet = 0
        while quiet < quiet_rounds:
            if time.monotonic() > deadline:
                raise TimeoutError("queues did not drain")
            delivered = sum(self.poll(sub) for sub in self.subscriptions)
            quiet = quiet + 1 if delivered == 0 else 0

    def run_schedule(self, function: str) -> Any:
        event = {
            "version": "0",
            "id": "local",
            "detail-type": "Scheduled Event",
            "source": "aws.events",
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "region": REGION,
            "resources": [],
            "detail": {},
        }
        return self.invoke(function, event)

    # ------------------------------------------------------------ background
    def start(self) -> None:
        for sub in self.subscriptions:
            self._spawn(self._queue_loop, sub)
        for fn in self.functions.template.functions.values():
            for expression in fn.schedules:
                self._spawn(
                    self._schedule_loop,
                    fn.logical_id,
                    local_period(expression, self.clock_scale),
                )
        self._spawn(self._alarm_loop, "alarms")

    def _spawn(self, target: Any, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name=f"pump-{args[0]}")
        thread.start()
        self._threads.append(thread)

    def _queue_loop(self, sub: Subscription) -> None:
        while not self._stop.is_set():
            try:
                self.poll(sub, wait_seconds=LONG_POLL_SECONDS)
            except Exception:
                traceback.print_exc()
                self._stop.wait(1)

    def _schedule_loop(self, function: str, every: float) -> None:
        while not self._stop.wait(every):
            try:
                self.run_schedule(function)
            except Exception:
                traceback.print_exc()

    def _alarm_loop(self, _: str) -> None:
        while not self._stop.wait(ALARM_SECONDS):
            try:
                self.alarms.evaluate()
            except Exception:
                traceback.print_exc()

    def stop(self, grace_seconds: float = 1.0) -> None:
        """Stop polling; a thread still in a long poll is a daemon and ends with the process."""
        self._stop.set()
        deadline = time.monotonic() + grace_seconds
        for thread in self._threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))

    def subscriptions_of(self, function: str) -> Iterator[Subscription]:
        return (s for s in self.subscriptions if s.function == function)
