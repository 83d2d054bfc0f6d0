"""The local stack as a developer runs it (issue 18 item 3): idle CPU, and registrations per second
through the local gateway.

Starts the local stack as the e2e tests do (`devstack.launcher`: `python -m devstack` on free ports
with a fresh state of its own, never the developer's `.devstack/state`), then:

- **idle CPU**: the CPU time of the stack's whole process group (gateway, workers, moto, the
  simulators, the pump) over a quiet window, as a share of one core. Issue 18 measured 17 % before
  the pump kept one SQS client;
- **registrations per second**: the race of issue 18 (and of `tests/e2e/test_producers.py`): 50
  producer registrations sent at once for one FIN, each with its own mobile and its own SMS code
  (the codes are fetched first, untimed). Exactly one may win (P4); the rate counts every answer,
  since losing racers cost the gateway as much as the winner until the guard refuses them.

Prints the figures; never fails on a number. Takes about two minutes on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from devstack import launcher

PERSONS = launcher.ROOT / "infra" / "devstack" / "simulators" / "data" / "persons.json"
FLEET_FIN = "9KF3T7A"  # holds +994507000000 … +994507000049 (docs/simulators.md)
FLEET = [f"+9945070000{i:02d}" for i in range(50)]
CEILING = 600.0  # seconds: a ceiling for a stuck stack, not a measure
TICKS = os.sysconf("SC_CLK_TCK")


def group_cpu_seconds(group: int) -> float:
    """User + system CPU of every live process of the group, with what their ended children used."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        if int(fields[2]) == group:  # pgrp
            total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    return total / TICKS


def sms_code(simulators: httpx.Client, message_id: str) -> str:
    deadline = time.monotonic() + CEILING
    while time.monotonic() < deadline:
        answer = simulators.get("/sms/messages", params={"reference": message_id})
        for message in answer.json()["messages"]:
            if found := re.search(r"\b(\d{6})\b", message["text"]):
                return found.group(1)
        time.sleep(0.1)
    sys.exit(f"no SMS for {message_id}")


def registrations(api: str, simulators_url: str, racers: int) -> dict[str, object]:
    document = {p["fin"]: p["documentNumber"] for p in json.loads(PERSONS.read_text())}[FLEET_FIN]
    with (
        httpx.Client(base_url=api, timeout=CEILING) as http,
        httpx.Client(base_url=simulators_url, timeout=CEILING) as simulators,
    ):

        def confirmed(mobile: str) -> dict[str, str]:
            answer = http.post(
                "/producers/mobile-confirmations",
                json={
                    "personKind": "natural",
                    "fin": FLEET_FIN,
                    "documentNumber": document,
                    "mobile": mobile,
                },
            )
            answer.raise_for_status()
            body = answer.json()
            return {
                "confirmationId": body["confirmationId"],
                "code": sms_code(simulators, body["smsMessageId"]),
            }

        with ThreadPoolExecutor(max_workers=10) as pool:
            codes = list(pool.map(confirmed, FLEET[:racers]))
    bodies = [
        {
            "kind": "potential-producer",
            "personKind": "natural",
            "fin": FLEET_FIN,
            "username": f"bench.racer{i}",
            "password": "Bol-məhsul-2026",
            "mobile": mobile,
            **code,
        }
        for i, (mobile, code) in enumerate(zip(FLEET[:racers], codes, strict=True))
    ]

    def post(body: dict[str, str]) -> tuple[int, float]:
        headers = {"Idempotency-Key": uuid.uuid4().hex}
        with httpx.Client(base_url=api, timeout=CEILING) as http:
            sent = time.monotonic()
            for _ in range(4):  # the gateway's small backlog may reset a connection: retry
                try:
                    answer = http.post("/producers", json=body, headers=headers)
                    return answer.status_code, time.monotonic() - sent
                except httpx.TransportError:
                    time.sleep(1)
            return 0, time.monotonic() - sent

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        answers = list(pool.map(post, bodies))
    elapsed = time.monotonic() - started
    return {
        "sent": len(bodies),
        "seconds": round(elapsed, 2),
        "per second": round(len(bodies) / elapsed, 1),
        "median latency s": round(statistics.median(s for _, s in answers), 2),
        "answers": dict(Counter(status for status, _ in answers)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    parser.add_argument(
        "--idle-only", action="store_true", help="measure the idle CPU, not the registration race"
    )
    parser.add_argument(
        "--no-demo", action="store_true", help="start without the demo data (a smoke run)"
    )
    parser.add_argument("--workers", type=int, help="the stack's handler processes (its default)")
    parser.add_argument(
        "--racers", type=int, default=len(FLEET), help="registrations at once (at most 50)"
    )
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="bench-stack-") as directory,
        launcher.launched(
            Path(directory),
            arguments=[
                *(["--no-demo"] if args.no_demo else []),
                *(["--workers", str(args.workers)] if args.workers is not None else []),
            ],
        ) as stack,
    ):
        print(f"stack ready ({stack.log})", file=sys.stderr)
        time.sleep(5)  # the demo's last writes and the first sweeps settle
        before, wall = group_cpu_seconds(stack.process.pid), time.monotonic()
        time.sleep(args.idle_seconds)
        used = group_cpu_seconds(stack.process.pid) - before
        idle = 100 * used / (time.monotonic() - wall)
        print(f"idle CPU of the local stack: {idle:.1f} % of one core (issue 18 before: 17 %)")
        if args.idle_only:
            return
        race = registrations(stack.api, stack.simulators, args.racers)
        print(
            f"registrations through the local gateway: {race['per second']} per second "
            f"({race['sent']} at once in {race['seconds']} s, median answer "
            f"{race['median latency s']} s, answers {race['answers']}; P4 lets one win)"
        )


if __name__ == "__main__":
    main()
