"""Starting and stopping the whole local platform in this process."""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from devstack import localstack, state
from devstack.simulators import asan_imza
from devstack.template import REGION, Template

# Where the local stack departs from a deployment's defaults (`--parameter` overrides these).
# The local ASXM CA is the ASAN İmza simulator's: its certificates chain to it (R1).
LOCAL_PARAMETERS = {"PasswordHashProfile": "CHEAPEST", "AsanImzaCaCertificate": asan_imza.ca_pem()}


def aws_environment(endpoint: str) -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_DEV": "false",
    }


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((host, port)) != 0


@dataclass
class Stack:
    gateway_port: int = 8000
    moto_port: int = 5050
    simulator_port: int = 8001
    clock_scale: float = 1.0
    demo: bool = True
    workers: int = 4
    host: str = "127.0.0.1"
    parameters: dict[str, str] = field(default_factory=dict)
    # Where the data is kept across an orderly restart (devstack.state); None keeps nothing.
    state_dir: Path | None = None
    restored: bool = False
    saved: bool = False
    # The executions the snapshot restarted, until they have asked their agencies again.
    _restarted: list[str] = field(default_factory=list)
    _stoppers: list[Any] = field(default_factory=list)
    _started: bool = False

    @property
    def api_url(self) -> str:
        return f"http://{self.host}:{self.gateway_port}"

    @property
    def simulator_url(self) -> str:
        return f"http://{self.host}:{self.simulator_port}"

    def start(self) -> None:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        warnings.filterwarnings("ignore", message="No application metrics to publish")
        for port in (self.gateway_port, self.moto_port, self.simulator_port):
            if not port_free(port, self.host):
                raise SystemExit(f"port {port} is in use: is another local stack running?")
        endpoint = localstack.endpoint()
        if endpoint:
            self.state_dir = None  # LocalStack keeps its own state
        else:
            endpoint = self._start_moto()
        os.environ.update(aws_environment(endpoint))
        os.environ["EGOV_CLOCK_SCALE"] = str(self.clock_scale)
        os.environ.setdefault("EGOV_CLOCK_EPOCH", str(time.time()))
        kept = state.saved_clock(self.state_dir) if self.state_dir else None
        if kept:
            # The clock goes on from the moment of the stop: nothing happened while it was down.
            epoch = float(os.environ["EGOV_CLOCK_EPOCH"])
            ran = (time.time() - epoch) * self.clock_scale
            os.environ["EGOV_CLOCK_OFFSET"] = str(kept.virtual_now - epoch - ran)

        from devstack import simulators
        from devstack.provision import provision
        from devstack.runtime import Functions, apply_environment

        template = Template(
            overrides={
                **LOCAL_PARAMETERS,
                **self.parameters,
                "ClockScale": str(self.clock_scale),
                "PublicApiUrl": self.api_url,
            }
        )
        template.endpoint = endpoint
        provision(template)
        apply_environment(template, {"EGOV_CLOCK_SCALE": str(self.clock_scale)})
        if self.state_dir:
            restarted = state.restore(self.state_dir)
            self.restored = restarted is not None
            self._restarted = restarted or []
        self._point_adapters_at_simulators(template)

        sim = simulators.serve(self.host, self.simulator_port, api_url=self.api_url)
        self._stoppers.append(sim.shutdown)

        functions = Functions(template)
        from devstack import gateway
        from devstack.pump import Pump

        pool = None
        if self.workers:
            from devstack.workers import WorkerPool

            pool = WorkerPool(functions, self.workers)
            self._stoppers.append(pool.shutdown)

        pump = Pump(functions, clock_scale=self.clock_scale, invoke=pool.invoke if pool else None)
        pump.start()
        self._stoppers.append(pump.stop)
        if self._restarted and not state.wait_until_asked_again(
            self._restarted, template.ref("DecisionRequestQueue")
        ):
            print("the restarted workflows are still catching up; opening the API anyway")

        ready = threading.Event()
        server = gateway.server(functions, self.host, self.gateway_port, workers=pool, ready=ready)
        thread = threading.Thread(target=server.serve_forever, daemon=True, name="gateway")
        thread.start()
        self._stoppers.append(server.shutdown)

        if self.demo:
            from devstack import demo

            demo.seed(self.api_url)
        ready.set()
        self._started = True

    def _start_moto(self) -> str:
        # moto's Step Functions engine calls other services through this port.
        os.environ["MOTO_PORT"] = str(self.moto_port)
        from moto.core.config import default_user_config
        from moto.server import ThreadedMotoServer

        from devstack.moto_patches import list_moto_services_once, make_dynamodb_writes_atomic

        make_dynamodb_writes_atomic()
        list_moto_services_once()

        default_user_config["stepfunctions"] = {"execute_state_machine": True}
        server = ThreadedMotoServer(ip_address=self.host, port=self.moto_port, verbose=False)
        server.start()

        def stop_moto() -> None:
            # The last thing before the back end goes (everything that writes to it has
            # stopped); only a stack that started completely, so a failed start never replaces
            # a good snapshot.
            if self._started and self.state_dir:
                self.save()
            server.stop()

        self._stoppers.append(stop_moto)
        return f"http://{self.host}:{self.moto_port}"

    def save(self) -> None:
        from egov.platform import clock

        assert self.state_dir is not None
        state.save(self.state_dir, state.Clock(clock.now().timestamp(), self.clock_scale))
        self.saved = True

    def _point_adapters_at_simulators(self, template: Template) -> None:
        name = template.physical_name("AdapterEndpoints")
        from devstack.simulators import endpoints

        boto3.client("ssm").put_parameter(
            Name=name,
            Value=json.dumps(endpoints(self.simulator_url)),
            Type="String",
            Overwrite=True,
        )

    def stop(self) -> None:
        for stop in reversed(self._stoppers):
            try:
                stop()
            except Exception as error:  # stopping is best effort; report and go on
                print(f"while stopping: {error!r}")
        self._stoppers.clear()
