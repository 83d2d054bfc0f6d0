"""Public certificate lookups at 1k vs 10k (or 100k) certificates: AWS calls and time (E14).

The registry is filled in-process (moto, template provisioned) with BatchWriteItem, then each
public route's handler answers random lookups. AWS calls are counted at botocore's
`before-send` event: a lookup should cost the same at any registry size (the rate-limit counter
plus one keyed read), and the proof of the record against the signed log (issue 10 item 5) adds
to the first lookup of a record in a container the checkpoint of its leaf and one BatchGetItem
of O(log n) nodes; a lookup of a record proven before adds nothing (pass `again`). Times are moto's, in this process: they show the shape, not DynamoDB's
latency. moto answers a Query on a secondary index by walking the table, so the by-key time
grows here where DynamoDB's does not; the call count is the portable figure.

    python bench/certificate_lookup.py [--sizes 1000,10000] [--lookups 300]

The default stops at 10k: moto takes about 4 ms per item written, so 100k certificates need some
seven minutes of filling (`--sizes 1000,100000` does it).

Prints a table; never fails on a number.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import time
import warnings
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import boto3
from moto import mock_aws

from devstack.events import rest_event
from devstack.provision import provision
from devstack.runtime import Functions, apply_environment
from devstack.stack import LOCAL_PARAMETERS, aws_environment
from devstack.template import REGION, Template
from egov.certificates import log, merkle, registry
from egov.certificates.models import Basis, Carrier, Certificate, Change, Holder
from egov.certificates.note import Checkpoint
from egov.platform import aws

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def certificate(n: int) -> Certificate:
    serial = f"{n:032X}"
    status = "revoked" if n % 50 == 0 else "active"
    basis = Basis(kind="application", id=f"bench-{n}")
    history = [Change(at=START, status="active", basis=basis, by="center")]
    if status == "revoked":
        history.append(
            Change(at=START, status="revoked", reason="superseded", basis=basis, by="center")
        )
    cert = Certificate(
        serial=serial,
        center="ASXM" if n % 2 else "EIMZA",
        holder=Holder(name=f"Holder {n}", virtual_fin=f"V{n:07d}"[-8:], user_id=f"user-{n}"),
        carrier=Carrier(kind="asan-sim" if n % 2 else "token", id=str(n)),
        use="personal",
        key_fingerprint=hashlib.sha256(serial.encode()).hexdigest(),
        valid_from=START,
        valid_to=START.replace(year=START.year + 3),
        status=status,
        disclosure_consent=n % 3 != 0,
        history=history,
        version=len(history),
        log_index=n,
        leaf_format=registry.LEAF_FORMAT,
    )
    return cert


def fill(table: Any, start: int, end: int) -> None:
    """Records and their log: leaf n is certificate n, with every node and signed checkpoint
    an append would have written, so the lookups prove each record as in production."""
    current = log.head()
    frontier, signer = list(current.frontier), log.signer()
    with table.batch_writer() as batch:  # BatchWriteItem, 25 items a request
        for n in range(start, end):
            cert = certificate(n)
            data = registry.leaf_data(cert)
            batch.put_item(Item=registry.stored_item(cert))
            leaf_hash = merkle.leaf_hash(data)
            for node, value in merkle.append(frontier, n, leaf_hash):
                pk, sk = log.node_key(node)
                item: dict[str, Any] = {"pk": pk, "sk": sk, "hash": value.hex()}
                if node.level == 0:
                    item.update({"leaf": data.decode(), "serial": cert.serial, "index": n})
                batch.put_item(Item=item)
            pk, sk = log.latest_key(cert.serial)  # a record is told only if it is this leaf
            batch.put_item(Item={"pk": pk, "sk": sk, "index": n, "hash": leaf_hash.hex()})
            root = merkle.frontier_root(frontier)
            pk, sk = log.checkpoint_key(n + 1)
            signed = signer.sign(Checkpoint(log.ORIGIN, n + 1, root).text)
            batch.put_item(Item={"pk": pk, "sk": sk, "size": n + 1, "checkpoint": signed})
    head = {
        "size": end,
        "frontier": [[level, value.hex()] for level, value in frontier],
        "root": root.hex(),
        "checkpoint": signed,
    }
    table.put_item(Item={"pk": log.HEAD[0], "sk": log.HEAD[1], **head})


class CallCounter:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def __call__(self, **kwargs: Any) -> None:
        self.calls[kwargs["event_name"].split(".", 2)[-1]] += 1


def routes(size: int, rng: random.Random) -> dict[str, tuple[str, Any]]:
    n = rng.randrange(size)
    serial = f"{n:032X}"
    fingerprint = hashlib.sha256(serial.encode()).hexdigest()
    return {
        "GET /certificates/{serial}": (
            "CertificateLookupFunction",
            rest_event(
                "GET",
                f"/certificates/{serial}",
                resource="/certificates/{serial}",
                path_parameters={"serial": serial},
            ),
        ),
        "GET /certificates/{serial}/status": (
            "CertificateStatusFunction",
            rest_event(
                "GET",
                f"/certificates/{serial}/status",
                resource="/certificates/{serial}/status",
                path_parameters={"serial": serial},
            ),
        ),
        "GET /certificates/keys/{fingerprint}": (
            "CertificateKeyLookupFunction",
            rest_event(
                "GET",
                f"/certificates/keys/{fingerprint}",
                resource="/certificates/keys/{fingerprint}",
                path_parameters={"fingerprint": fingerprint},
            ),
        ),
    }


def measure(functions: Functions, size: int, lookups: int) -> None:
    rng = random.Random(size)
    for name in routes(size, rng):
        counter = CallCounter()
        aws.reset_clients()
        aws.session().register("before-send", counter)
        function, event = routes(size, rng)[name]
        functions.invoke(function, event)  # warm: the first call also reads the key secret
        batch = [routes(size, rng)[name] for _ in range(lookups)]
        # First the proof of each record against the log, then the same lookups proven before.
        for when in ("first", "again"):
            counter.calls.clear()
            began = time.perf_counter()
            for function, event in batch:
                answer = functions.invoke(function, event)
                if answer["statusCode"] != 200 or '"unknown"' in answer["body"]:
                    raise RuntimeError(f"{name}: {answer['statusCode']} {answer['body']}")
            per_lookup = (time.perf_counter() - began) / lookups * 1000
            calls = sum(counter.calls.values()) / lookups
            detail = ", ".join(f"{op} {n / lookups:g}" for op, n in sorted(counter.calls.items()))
            print(
                f"{size:>8} {name:38} {when:>5} {calls:6.1f} {per_lookup:9.2f} "
                f"{1000 / per_lookup:7.0f}  {detail}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--lookups", type=int, default=300)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    warnings.filterwarnings("ignore", message="No application metrics to publish")
    os.environ.update({k: v for k, v in aws_environment("").items() if k != "AWS_ENDPOINT_URL"})
    os.environ.pop("AWS_ENDPOINT_URL", None)
    with mock_aws():
        template = Template(overrides=LOCAL_PARAMETERS)
        template.endpoint = f"https://sqs.{REGION}.amazonaws.com"
        provision(template)
        apply_environment(template, {"CERTIFICATE_QUERIES_PER_MINUTE": str(10**9)})
        boto3.client("ssm").put_parameter(
            Name=template.physical_name("AdapterEndpoints"),
            Value=json.dumps({}),
            Type="String",
            Overwrite=True,
        )
        functions = Functions(template)
        table = boto3.resource("dynamodb").Table(template.physical_name("CertificatesTable"))
        print(
            f"{'certs':>8} {'lookup':38} {'pass':>5} {'calls':>6} {'ms/lookup':>9} "
            f"{'per s':>7}  by operation"
        )
        filled = 0
        for size in sizes:
            began = time.perf_counter()
            fill(table, filled, size)
            print(
                f"{'':>8} (wrote {size - filled} certificates in {time.perf_counter() - began:.0f} s)"
            )
            filled = size
            measure(functions, size, args.lookups)


if __name__ == "__main__":
    main()
