"""AWS API calls per action, counted at botocore's `before-send` event, against the minimum.

Every action runs in-process against moto with the template provisioned (as the tests do), and
each AWS request its handler makes is counted by service and operation. The expected minimum
for each action is written next to it, with the reason; a count above it is printed as such, so
a change that adds a round trip to a hot path shows up here. Prints a table; never fails on a
number.
"""

from __future__ import annotations

import argparse
import json
import os
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
from moto import mock_aws

from devstack.events import rest_event
from devstack.launcher import free_port
from devstack.provision import provision
from devstack.pump import Pump
from devstack.runtime import Functions, apply_environment
from devstack.stack import LOCAL_PARAMETERS, aws_environment
from devstack.template import REGION, Template
from egov.platform import aws, outbox


@dataclass
class Action:
    name: str
    function: str
    event: Callable[[], dict[str, Any]]
    expected_minimum: int
    why: str
    prepare: Callable[[Functions], None] | None = None


# The sweep's reads when nothing waits (egov.platform.outbox.sweep, webhooks.finish_releases).
SWEEP_QUERIES = outbox.SHARDS + 1
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
    from egov.platform import auth, mobile_id

    _citizen(functions)
    user_id = auth.user_id_of_username(BENCH_USER)
    assert user_id is not None
    mobile_id.link_fin(user_id, "5ZK8M2P")
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


BENCH_OPERATOR = "bench.operator"


def _operator_headers() -> dict[str, str]:
    from egov.platform import auth

    user_id = auth.user_id_of_username(BENCH_OPERATOR)
    account = auth.account(user_id) if user_id else None
    assert account is not None
    return {"Authorization": f"Bearer {auth.issue_token(auth.Principal.of(account))}"}


def _free_sale_queue(functions: Functions) -> None:
    """The operator and 20 free-sale applications awaiting the decision (X7). The items are
    written as filing writes them (the application and its queue item), without the catalogue,
    producer and uploads that filing checks first."""
    from egov.export.catalogue import EXPORT
    from egov.platform import accounts, audit

    accounts.ensure(
        accounts.NewAccount(
            username=BENCH_OPERATOR, password=BENCH_PASSWORD, role="operator", name="Bench Operator"
        ),
        audit.Actor.system("bench"),
    )
    for n in range(20):
        application_id = f"bench{n:04d}"
        submitted = f"2026-12-0{1 + n % 5}T08:00:00Z"
        deadline = f"2026-12-0{2 + n % 5}T19:59:59Z"
        EXPORT.put(
            {
                "pk": f"FREESALE#{application_id}",
                "sk": "FREESALE",
                "applicationId": application_id,
                "status": "submitted",
                "goods": [{"id": "e1"}, {"id": "e2"}],
                "submittedAt": submitted,
                "decisionDeadline": deadline,
            }
        )
        EXPORT.put(
            {
                "pk": "FREESALE-QUEUE#decision",
                "sk": f"{deadline}#{application_id}",
                "applicationId": application_id,
                "deadline": deadline,
                "submittedAt": submitted,
                "goods": 2,
            }
        )


def _farmer(functions: Functions) -> None:
    """The bench citizen is an EKTİS farmer with a wheat field near Şəki."""
    import contextlib

    from egov.ektis import parcels, subjects
    from egov.ektis.models import Contacts, ParcelDeclaration, Registration
    from egov.platform import auth, mobile_id
    from egov.platform.problems import Conflict

    _citizen(functions)
    user_id = auth.user_id_of_username(BENCH_USER)
    assert user_id is not None
    # EKTİS registers identified persons only (seed 004 §4.9): the link an ASAN İmza login makes.
    mobile_id.link_fin(user_id, "4JW6S1L")
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


# The renewal (seed 002): Günay, signed in with ASAN İmza, renews personal certificates that
# expire in the next weeks. Each certificate is on a carrier number of its own, so each
# application has its own link for the operator's report (R8) and its own renewal guard.
RENEWER = {"phoneNumber": "+994552345678", "userId": "240117"}
RENEWER_FIN, RENEWER_NAME = "2HQ4R7T", "Əliyeva Günay İlham qızı"
_CARRIERS = iter(range(10, 100))
_RENEWED: list[str] = []


def _renewer() -> Any:
    """The holder as a signed-in principal, linked to her FIN and SIM as her login links them."""
    from egov.platform import auth, mobile_id

    user_id = mobile_id.account_of(RENEWER_FIN, RENEWER_NAME, RENEWER["phoneNumber"])
    mobile_id.link_fin(user_id, RENEWER_FIN, mobile_id.Start.model_validate(RENEWER))
    account = auth.account(user_id)
    assert account is not None
    return auth.Principal.of(account)


def _renewer_headers() -> dict[str, str]:
    from egov.platform import auth

    return {"Authorization": f"Bearer {auth.issue_token(_renewer())}"}


def _renewable() -> str:
    """A fresh certificate of the holder in its renewal window (R3): its serial. Her phone is
    rung more often here than a person may ring it (`mobile_id.REQUESTS_PER_NUMBER`): its
    count starts again, outside what any action counts."""
    from datetime import timedelta

    from devstack import demo
    from egov.platform import auth, clock

    auth.PLATFORM.delete(f"RATE#MOBILEID-NUMBER#{RENEWER['phoneNumber']}", "RATE")
    carrier = next(_CARRIERS)
    cert = demo.asan_certificate(
        f"+9945500000{carrier:02d}",
        RENEWER_FIN,
        RENEWER_NAME,
        "personal",
        clock.now() + timedelta(days=19),
    )
    assert cert is not None
    return cert.serial


def _renewal_form() -> dict[str, Any]:
    return {
        "centre": "ASXM-SUMQAYIT",
        "secretQuestion": "first-school",
        "secretAnswer": "Sumqayıt 5 saylı məktəb",
        "numberOwner": "personal",
        "channel": "email",
        "email": "gunay.aliyeva@example.az",
        "confirmed": True,
    }


def _filed() -> tuple[str, str]:
    """An application filed and its phone asked (R6), the phone's first poll spent here so the
    next one has the answer (the simulator answers after one poll): (application, session)."""
    from egov.platform import mobile_id
    from egov.renewal import filing
    from egov.renewal.form import RenewalForm

    caller = _renewer()
    form = RenewalForm.model_validate(_renewal_form())
    started = filing.file(_renewable(), form, caller, "az")
    assert isinstance(mobile_id.signature(started.session_id, caller.user_id), mobile_id.Pending)
    return started.application_id, started.session_id


def _renewal_prepare(functions: Functions) -> None:
    _renewer()


def _apply_event() -> dict[str, Any]:
    serial = _renewable()
    return rest_event(
        "POST",
        f"/renewal/certificates/{serial}/applications",
        resource="/renewal/certificates/{serial}/applications",
        path_parameters={"serial": serial},
        body=_renewal_form(),
        headers=_renewer_headers(),
    )


def _sign_event() -> dict[str, Any]:
    application_id, session_id = _filed()
    _RENEWED.append(application_id)
    return rest_event(
        "POST",
        f"/renewal/applications/{application_id}/signature/{session_id}",
        resource="/renewal/applications/{applicationId}/signature/{sessionId}",
        path_parameters={"applicationId": application_id, "sessionId": session_id},
        headers=_renewer_headers(),
    )


def _application_event() -> dict[str, Any]:
    application_id = _RENEWED[-1]
    return rest_event(
        "GET",
        f"/renewal/applications/{application_id}",
        resource="/renewal/applications/{applicationId}",
        path_parameters={"applicationId": application_id},
        headers=_renewer_headers(),
    )


def _activation_event() -> dict[str, Any]:
    """R8: the operator's signed report for the number of an application just sent, signed as
    the simulated operator signs it."""
    import base64

    from devstack.simulators import asan_imza
    from devstack.simulators._signing import signed_headers
    from egov.platform import clock
    from egov.renewal import filing
    from egov.renewal.records import load

    application_id, session_id = _filed()
    filing.complete(application_id, session_id, _renewer())
    number = load(application_id)["asan"]["number"]
    report = {
        "phoneNumber": number,
        "fin": RENEWER_FIN,
        "operator": "Azercell",
        "activatedAt": clock.now_iso(),
        "publicKey": base64.b64encode(asan_imza.public_key_der(number, "signing", 2)).decode(),
    }
    body = json.dumps(report)
    headers = signed_headers(body, "OPERATOR_CALLBACK_SECRET", "act")
    event = rest_event("POST", "/renewal/operator-activations", headers=headers)
    event["body"] = body
    return event


RENEWAL_ACTIONS = [
    Action(
        "GET /renewal/certificates",
        "RenewalCertificatesFunction",
        lambda: rest_event("GET", "/renewal/certificates", headers=_renewer_headers()),
        2,
        "the account (token check) and one Query of the holder's certificates in the registry; "
        "the window is computed from each (R2, R3)",
        prepare=_renewal_prepare,
    ),
    Action(
        "POST /renewal/.../applications",
        "RenewalApplyFunction",
        _apply_event,
        8,
        "the account (token check), the certificate, the renewal guard, the FIN and SIM link "
        "(4 GetItem); the number's rate limit read and written (a phone is rung); the mobile-ID "
        "session and the application (2 PutItem); registries and the phone over HTTP (R3-R6). "
        "filing.file reads the FIN link twice (fin_of, sim_of): one read would do",
        prepare=_renewal_prepare,
    ),
    Action(
        "POST /renewal/.../signature/{id}",
        "RenewalSignFunction",
        _sign_event,
        12,
        "the account, the application, the mobile-ID session, the signer's FIN guard, the audit "
        "heads of the application and of the cabinet (6 GetItem); the session claimed (1 "
        "UpdateItem); one TransactWriteItems (application, activation link, guard, cabinet, "
        "audit, notice outbox); after it the notice sent, StartExecution and the 2 outbox "
        "items removed. The CA's CRL is HTTP and held until its nextUpdate, the trust anchor "
        "(SSM) read once per container: neither counts per signature (R6, R7)",
        prepare=_renewal_prepare,
    ),
    Action(
        "GET /renewal/applications/{id}",
        "RenewalApplicationFunction",
        _application_event,
        2,
        "the account (token check) and the application",
        prepare=_renewal_prepare,
    ),
    Action(
        "POST /renewal/operator-activations",
        "RenewalOperatorActivationFunction",
        _activation_event,
        8,
        "the webhook id kept once (1 PutItem); one Query of the number's waiting applications; "
        "the application, its cabinet entry and its audit head (3 GetItem); one "
        "TransactWriteItems; the application read after the change and its parked wait "
        "answered through the workflow queue (R8)",
        prepare=_renewal_prepare,
    ),
    Action(
        "GET /renewal/documents",
        "RenewalDocumentsFunction",
        lambda: rest_event("GET", "/renewal/documents", headers=_renewer_headers()),
        2,
        "the account (token check) and one Query of the holder's incoming documents (R9)",
        prepare=_renewal_prepare,
    ),
]


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
        "GET /export/free-sale-queue",
        "ExportFreeSaleQueueFunction",
        lambda: rest_event(
            "GET",
            "/export/free-sale-queue",
            query={"step": "decision"},
            headers=_operator_headers(),
        ),
        2,
        "the account (token check) and one Query of the step's queue, whose items carry what "
        "the list shows (X7; issue 15 review item 3): no read per application",
        prepare=_free_sale_queue,
    ),
    Action(
        "POST /ektis/subsidies (one parcel)",
        "EktisApplySubsidyFunction",
        _subsidy_event,
        9,
        "the account (token check), the owner guard and the subject, the declaration (4 "
        "GetItem); the audit chain's head (1 GetItem); one TransactWriteItems claiming the "
        "guards (a guard per parcel and per animal, 100 a transaction: one here); one "
        "TransactWriteItems (application, cabinet entry, audit, outbox); the workflow's "
        "StartExecution and the outbox item's removal after the commit",
        prepare=_farmer,
    ),
    Action(
        "outbox sweep (every minute)",
        "OutboxSweepFunction",
        lambda: {"detail-type": "Scheduled Event", "source": "aws.events", "detail": {}},
        SWEEP_QUERIES,
        f"when nothing is pending, one Query per outbox index shard ({outbox.SHARDS}) and one "
        f"of the held webhooks' release orders: {SWEEP_QUERIES} a minute, about "
        f"{round(SWEEP_QUERIES * 60 * 24 * 30 / 1000)}k a month",
    ),
    *RENEWAL_ACTIONS,
]


def _with_query(event: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
    event["queryStringParameters"] = query
    event["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()}
    return event


class CallCounter:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def __call__(self, **kwargs: Any) -> None:
        self.calls[kwargs["event_name"].split(".", 2)[-1]] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="actions whose name contains this")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No application metrics to publish")
    os.environ.update({k: v for k, v in aws_environment("").items() if k != "AWS_ENDPOINT_URL"})
    os.environ.pop("AWS_ENDPOINT_URL", None)
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        template = Template(overrides=LOCAL_PARAMETERS)
        template.endpoint = f"https://sqs.{REGION}.amazonaws.com"
        provision(template)
        apply_environment(template)
        from devstack import simulators

        port = free_port()  # any free port: other stacks may run on this machine
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
        for action in (a for a in ACTIONS if args.only in a.name):
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
            aws.session().register("before-send", counter)
            functions.invoke(action.function, event)
            total = sum(counter.calls.values())
            flag = "" if total <= action.expected_minimum else "  ABOVE MINIMUM"
            detail = ", ".join(f"{op} {n}" for op, n in sorted(counter.calls.items()))
            print(f"{action.name:34} {total:5d} {action.expected_minimum:7d}  {detail}{flag}")
            print(f"{'':34} {'':5} {'':7}  minimum: {action.why}")
        server.shutdown()


if __name__ == "__main__":
    main()
