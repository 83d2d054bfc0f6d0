"""AWS API calls per action, counted at botocore's `before-send` event, against the minimum.

Every action runs in-process against moto with the template provisioned (as the tests do), and
each AWS request its handler makes is counted by service and operation. The expected minimum
for each action is written next to it, with the reason; a count above it is printed as such, so
a change that adds a round trip to a hot path shows up here. Prints a table; never fails on a
number.
"""

from __future__ import annotations

import json
import os
import socket
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
from moto import mock_aws

from devstack.events import rest_event
from devstack.provision import provision
from devstack.pump import Pump
from devstack.runtime import Functions, apply_environment
from devstack.stack import aws_environment
from devstack.template import REGION, Template
from egov.platform import aws


@dataclass
class Action:
    name: str
    function: str
    event: Callable[[], dict[str, Any]]
    expected_minimum: int
    why: str
    prepare: Callable[[Functions], None] | None = None


BENCH_USER = "bench.citizen"
BENCH_PASSWORD = "bench-parol-2026"


def _citizen(functions: Functions) -> None:
    from egov.platform import accounts, audit

    accounts.ensure(
        accounts.NewAccount(
            username=BENCH_USER, password=BENCH_PASSWORD, role="citizen", name="Bench Vətəndaş"
        ),
        audit.Actor.system("bench"),
    )


def _login_event() -> dict[str, Any]:
    return rest_event(
        "POST", "/auth/login", body={"username": BENCH_USER, "password": BENCH_PASSWORD}
    )


def _authorised(method: str, path: str) -> Callable[[], dict[str, Any]]:
    def event() -> dict[str, Any]:
        from egov.platform import auth

        user_id = auth.user_id_of_username(BENCH_USER)
        assert user_id is not None
        account = auth.account(user_id)
        assert account is not None
        token = auth.issue_token(auth.Principal.of(account))
        return rest_event(method, path, headers={"Authorization": f"Bearer {token}"})

    return event


def _importer(functions: Functions) -> None:
    """The bench citizen heads "Göygöl Aqro" MMC (tax simulator) and has 30 goods at the border,
    with 30 of another importer beside them: the page must not read the others."""
    from egov.customs import registry
    from egov.customs.goods import Registration
    from egov.platform import auth
    from egov.platform.repository import Transaction

    _citizen(functions)
    user_id = auth.user_id_of_username(BENCH_USER)
    tx = Transaction()
    tx.put(auth.PLATFORM, {"pk": f"USER#{user_id}", "sk": "FIN", "fin": "5ZK8M2P"}, new=False)
    tx.commit()
    for n in range(60):
        registry.register(
            Registration(
                barcode=f"BENCH{n:010d}",
                importer_voen="1400500071" if n % 2 else "1700400081",
                hs_code="8479820000",
                description="Avadanlıq",
                invoice_value=1000,
                currency="EUR",
                weight_kg=10,
                packages=1,
                exporter="Exporter",
                waybill="JX1",
                transport="10AB123",
                registering_office="ASTARA",
                destination_office="BAKI",
                delivery_hours=36,
            ),
            registry.SYSTEM,
        )


def _catalogue(functions: Functions) -> None:
    from egov.export import catalogue
    from egov.platform import audit

    if catalogue.search(limit=1).items:
        return
    for n in range(30):
        catalogue.add(
            catalogue.NewEntry(
                name_az=f"Fındıq ləpəsi {n}",
                name_en=f"Hazelnut kernels {n}",
                hs_code="0802220000",
                producer_voen="1400500071",
            ),
            audit.Actor.system("bench"),
        )


def _farmer(functions: Functions) -> None:
    """The bench citizen is an EKTİS farmer with a wheat field near Şəki."""
    import contextlib

    from egov.ektis import parcels, subjects
    from egov.ektis.models import Contacts, ParcelDeclaration, Registration
    from egov.platform import auth
    from egov.platform.problems import Conflict

    _citizen(functions)
    user_id = auth.user_id_of_username(BENCH_USER)
    assert user_id is not None
    caller = auth.Principal(user_id=user_id, role="citizen", name="Bench Vətəndaş")
    with contextlib.suppress(Conflict):
        subjects.register(
            Registration(
                person_kind="natural",
                fin="4JW6S1L",
                kinds=["farmer"],
                activities=["crops"],
                contacts=Contacts(mobile="+994514567890"),
            ),
            caller,
        )
    ring = [[47.3, 41.2], [47.304, 41.2], [47.304, 41.204], [47.3, 41.204], [47.3, 41.2]]
    with contextlib.suppress(Conflict):
        parcels.declare(
            ParcelDeclaration(
                cadastre_id="BENCH-0001",
                area_ha=14.99,
                category="agricultural",
                use="arable",
                crop="buğda",
                geometry={"type": "Polygon", "coordinates": [ring]},
            ),
            caller,
        )


_SEASONS = iter((2026, 2027))


def _subsidy_event() -> dict[str, Any]:
    """An application on a fresh declaration: the warm-up takes one season, the count the
    next (each parcel is subsidised once a season)."""
    from egov.ektis import subsidy
    from egov.ektis.models import DeclarationRequest
    from egov.platform import auth

    headers = _authorised("POST", "/ektis/subsidies")()["headers"]
    user_id = auth.user_id_of_username(BENCH_USER)
    assert user_id is not None
    caller = auth.Principal(user_id=user_id, role="citizen", name="Bench Vətəndaş")
    drawn = subsidy.draw_up(DeclarationRequest(season=next(_SEASONS)), caller)
    return rest_event(
        "POST",
        "/ektis/subsidies",
        body={"declarationId": drawn.declaration_id},
        headers={"Authorization": headers["Authorization"]},
    )


ACTIONS = [
    Action(
        "GET /health",
        "HealthFunction",
        lambda: rest_event("GET", "/health"),
        0,
        "liveness from the platform alone (issue 10 item 16); the components are probed by "
        "GET /operator/health, for the operator, kept 30 s",
    ),
    Action(
        "GET /calendar/deadline",
        "DeadlineFunction",
        lambda: rest_event(
            "GET", "/calendar/deadline", query={"start": "2026-03-18T10:00:00Z", "days": "3"}
        ),
        0,
        "pure computation over the holidays calendar",
    ),
    Action(
        "POST /auth/login",
        "LoginFunction",
        _login_event,
        2,
        "username guard + account (2 GetItem); the failure count is written only when it "
        "changes, the signing key is cached after the cold start",
        prepare=_citizen,
    ),
    Action(
        "GET /me",
        "ProfileFunction",
        _authorised("GET", "/me"),
        1,
        "the account, read once for both the token check and the profile",
        prepare=_citizen,
    ),
    Action(
        "GET /me/inbox",
        "InboxFunction",
        _authorised("GET", "/me/inbox"),
        3,
        "the account (token check) + one Query for the page + one for the unread count",
        prepare=_citizen,
    ),
    Action(
        "GET /customs/goods (a page of 20)",
        "CustomsGoodsListFunction",
        lambda: _with_query(
            _authorised("GET", "/customs/goods")(), {"voen": "1400500071", "limit": "20"}
        ),
        3,
        "the account (token check), its FIN link, one Query of the importer's partition of "
        "the sparse index of goods not yet cleared (C2); the head's VÖEN is checked at the tax "
        "registry over HTTP, not AWS",
        prepare=_importer,
    ),
    Action(
        "GET /export/catalogue?q= (a page)",
        "ExportCatalogueFunction",
        lambda: rest_event("GET", "/export/catalogue", query={"q": "findiq lep", "limit": "20"}),
        1,
        "one Query of the name index partition: each index item carries the entry (X1)",
        prepare=_catalogue,
    ),
    Action(
        "POST /ektis/subsidies (one parcel)",
        "EktisApplySubsidyFunction",
        _subsidy_event,
        8,
        "the account (token check), the owner guard and the subject, the declaration (4 "
        "GetItem); the audit chain's head (1 GetItem); one TransactWriteItems (application, "
        "guard per parcel, cabinet entry, audit, outbox); the workflow's StartExecution and "
        "the outbox item's removal after the commit",
        prepare=_farmer,
    ),
    Action(
        "outbox sweep (every minute)",
        "OutboxSweepFunction",
        lambda: {"detail-type": "Scheduled Event", "source": "aws.events", "detail": {}},
        8,
        "one Query per index shard when nothing is pending: 8 a minute, about 350k a month",
    ),
]


def _with_query(event: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
    event["queryStringParameters"] = query
    event["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()}
    return event


class CallCounter:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def __call__(self, request: Any, **kwargs: Any) -> None:
        self.calls[kwargs["event_name"].split(".", 2)[-1]] += 1


def main() -> None:
    warnings.filterwarnings("ignore", message="No application metrics to publish")
    os.environ.update({k: v for k, v in aws_environment("").items() if k != "AWS_ENDPOINT_URL"})
    os.environ.pop("AWS_ENDPOINT_URL", None)
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        template = Template()
        template.endpoint = f"https://sqs.{REGION}.amazonaws.com"
        provision(template)
        apply_environment(template)
        from devstack import simulators

        with socket.socket() as probe:  # any free port: other stacks may run on this machine
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = simulators.serve("127.0.0.1", port, api_url="http://127.0.0.1:9")
        boto3.client("ssm").put_parameter(
            Name=template.physical_name("AdapterEndpoints"),
            Value=json.dumps(simulators.endpoints(f"http://127.0.0.1:{port}")),
            Type="String",
            Overwrite=True,
        )
        functions = Functions(template)
        Pump(functions)
        print(f"{'action':34} {'calls':>5} {'minimum':>7}  by operation")
        for action in ACTIONS:
            if action.function not in template.functions:
                print(
                    f"{action.name:34} {'-':>5} {action.expected_minimum:7d}  (not in the template)"
                )
                continue
            if action.prepare:
                action.prepare(functions)
            functions.invoke(
                action.function, action.event()
            )  # warm: cold-start reads are not per action
            event = action.event()
            counter = CallCounter()
            aws.reset_clients()
            boto3.setup_default_session()
            boto3.DEFAULT_SESSION.events.register("before-send", counter)  # type: ignore[union-attr]
            functions.invoke(action.function, event)
            total = sum(counter.calls.values())
            flag = "" if total <= action.expected_minimum else "  ABOVE MINIMUM"
            detail = ", ".join(f"{op} {n}" for op, n in sorted(counter.calls.items()))
            print(f"{action.name:34} {total:5d} {action.expected_minimum:7d}  {detail}{flag}")
            print(f"{'':34} {'':5} {'':7}  minimum: {action.why}")
        server.shutdown()


if __name__ == "__main__":
    main()
