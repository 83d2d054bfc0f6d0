"""Reads per EKTİS reconciliation report at two registry sizes (issue 17 item 4, A10).

The same report (one district, one year: 120 parcels, 40 purchases, 40 sales of produce) runs
in-process against moto with the template provisioned, once in a registry holding 2,000 other
facts and once in one holding 20,000 (other districts, other years). Every DynamoDB request of
the report's steps is counted at botocore's events, with the items its queries returned, and
the cadastre lookups from the report's progress. The figures stay the same at both sizes: a
report reads the partitions of its districts and years, between its first and last day, and
nothing else. Prints a table; never fails on a number.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import uuid
import warnings
from collections import Counter
from datetime import date, timedelta
from typing import Any

import boto3
from moto import mock_aws

from devstack.provision import provision
from devstack.runtime import apply_environment
from devstack.stack import LOCAL_PARAMETERS, aws_environment
from devstack.template import REGION, Template

TARGET_REGION, TARGET_YEAR = "AZ-SAK", 2026
PARCELS, TRADES = 120, 40
SIZES = (2_000, 20_000)


class Reads:
    """DynamoDB requests by operation, and the items the queries gave back."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.items = 0

    def before(self, **kwargs: Any) -> None:
        self.calls[kwargs["event_name"].split(".", 2)[-1]] += 1

    def after(self, **kwargs: Any) -> None:
        self.items += int(kwargs["parsed"].get("Count", 0))


def _facts(count: int, region: str, year: int, seed: int) -> list[dict[str, Any]]:
    from egov.ektis import ledger
    from egov.ektis.report_models import Fact

    made: list[dict[str, Any]] = []
    for n in range(count):
        day = date(year, 1, 1) + timedelta(days=(n * 7 + seed) % 365)
        kind = "parcel" if n % (PARCELS + 2 * TRADES) < PARCELS else ("purchase", "sale")[n % 2]
        common = {
            "recordId": uuid.uuid4().hex,
            "subjectId": f"s{n % 50}",
            "region": region,
            "date": day,
            "party": "4JW6S1L",
        }
        if kind == "parcel":
            fact = Fact(
                kind="parcel",
                subject_kind="farmer",
                crop=("wheat", "barley", "cotton")[n % 3],
                cadastre_id=("AZ-SEKI-0101", "AZ-SEKI-0102", "AZ-SEKI-9999")[n % 3],
                area_ha=3.5,
                category="agricultural",
                **common,
            )
        else:
            fact = Fact(
                kind=kind,
                subject_kind="procurer" if kind == "purchase" else "farmer",
                farmer_subject_id=f"s{n % 50}",
                buyer_subject_id="buyer",
                lines=[
                    {
                        "product": "produce",
                        "name": "buğda",
                        "crop": "wheat",
                        "kilograms": 1000,
                        "quantity": 1,
                        "unit": "t",
                    }
                ],
                **common,
            )
        sk = f"{day.isoformat()}#{kind}#{fact.record_id}"
        made.append(
            {
                "pk": ledger.partition(region, year),
                "sk": sk,
                **fact.model_dump(mode="json", by_alias=True),
            }
        )
    return made


def _fill(table: Any, items: list[dict[str, Any]]) -> None:
    from egov.platform.repository import storable

    with table.batch_writer() as batch:
        for item in items:
            batch.put_item(Item=storable(item))


def _others(count: int) -> list[dict[str, Any]]:
    from egov.ektis import regions

    places = [(r, y) for r in regions.codes() for y in (2025, 2026, 2027)]
    places.remove((TARGET_REGION, TARGET_YEAR))
    per = count // len(places) + 1
    return [i for n, (r, y) in enumerate(places) for i in _facts(per, r, y, n)][:count]


def _report() -> tuple[Reads, dict[str, Any]]:
    from egov.ektis import reports
    from egov.ektis.report_models import ReportRequest
    from egov.ektis.subjects import TABLE
    from egov.platform import aws
    from egov.platform.auth import Principal

    officer = Principal(user_id="bench-officer", role="officer", agency="MKT", name="Bench")
    asked = reports.request(
        ReportRequest.model_validate(
            {"regions": [TARGET_REGION], "from": f"{TARGET_YEAR}-01", "to": f"{TARGET_YEAR}-12"}
        ),
        officer,
    )
    reads = Reads()
    aws.reset_clients()
    events = aws.session()
    events.register("before-send.dynamodb", reads.before)
    events.register("after-call.dynamodb.Query", reads.after)
    number = 0
    while True:
        reports.step({"reportId": asked.report_id, "step": number})
        number += 1
        stored = TABLE.get(reports.report_pk(asked.report_id), "REPORT", consistent=True)
        if stored and stored["status"] == "done":
            events.unregister("before-send.dynamodb", reads.before)
            events.unregister("after-call.dynamodb.Query", reads.after)
            return reads, stored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES))
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No application metrics to publish")
    os.environ.update({k: v for k, v in aws_environment("").items() if k != "AWS_ENDPOINT_URL"})
    os.environ.pop("AWS_ENDPOINT_URL", None)
    print(
        f"{'other facts':>11} {'facts read':>10} {'pages':>5} {'cadastre':>8} {'items':>6} "
        f"{'reads':>5}  by operation"
    )
    for size in (int(size) for size in args.sizes.split(",")):
        with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
            template = Template(overrides=LOCAL_PARAMETERS)
            template.endpoint = f"https://sqs.{REGION}.amazonaws.com"
            provision(template)
            apply_environment(template)
            from devstack import simulators

            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            server = simulators.serve("127.0.0.1", port, api_url="http://127.0.0.1:9")
            boto3.client("ssm").put_parameter(
                Name=template.physical_name("AdapterEndpoints"),
                Value=json.dumps(simulators.endpoints(f"http://127.0.0.1:{port}")),
                Type="String",
                Overwrite=True,
            )
            from egov.platform import adapters, aws

            adapters.forget()
            table = boto3.resource("dynamodb").Table(os.environ["EKTIS_TABLE"])
            _fill(table, _facts(PARCELS + 2 * TRADES, TARGET_REGION, TARGET_YEAR, 0))
            _fill(table, _others(size))
            reads, stored = _report()
            progress = stored["progress"]
            dynamo_reads = sum(
                n for op, n in reads.calls.items() if op in ("Query", "GetItem", "BatchGetItem")
            )
            detail = ", ".join(f"{op} {n}" for op, n in sorted(reads.calls.items()))
            print(
                f"{size:11,d} {progress['factsRead']:10d} {progress['pages']:5d} "
                f"{progress['cadastreLookups']:8d} {reads.items:6d} {dynamo_reads:5d}  {detail}"
            )
            server.shutdown()
            aws.reset_clients()


if __name__ == "__main__":
    main()
