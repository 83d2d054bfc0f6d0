"""Simulators of the external systems, served over HTTP for the adapters' production clients.

One server, one path prefix per system: `/population`, `/tax`, `/mobile`, `/sms`, `/email`,
`/payment`, `/agency`, `/border`, `/asan-imza`, `/customs`, `/cadastre`.
`endpoints(base_url)` is the map the local stack writes into the SSM parameter the adapters read
(`ADAPTER_ENDPOINTS_PARAMETER`), so `adapters.population()` in a handler reaches
`<base_url>/population`.

Adding a simulator is one line in `SIMULATORS`: the system's name (its key in the endpoint map
and its path prefix) and a factory `make(api_url) -> WSGI app` (Flask is at hand); `api_url` is
the platform's API, for simulators that call back (agencies, payments). Demo data and deliberate
failures live in `data/*.json` and are described in docs/simulators.md.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from werkzeug.middleware.dispatcher import DispatcherMiddleware

from devstack.serving import Listening
from devstack.simulators import (
    agency,
    asan_imza,
    border,
    customs,
    ehis,
    gateways,
    payment,
    registries,
)

WsgiApp = Callable[..., Any]

SIMULATORS: dict[str, Callable[[str], WsgiApp]] = {
    "population": registries.population,
    "tax": registries.tax,
    "mobile": registries.mobile,
    "sms": gateways.sms,
    "email": gateways.email,
    "payment": payment.make,
    "agency": agency.make,
    "border": border.make,
    "asan-imza": asan_imza.make,
    "customs": customs.make,
    "cadastre": registries.cadastre,
    "ehis": ehis.make,
}


class _ThreadingServer(Listening, ThreadingMixIn, WSGIServer):
    pass


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


def endpoints(base_url: str) -> dict[str, str]:
    base = base_url.rstrip("/")
    return {name: f"{base}/{name}" for name in SIMULATORS}


def _not_found(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("404 Not Found", [("Content-Type", "application/json")])
    return [b'{"error": "no simulator at this path"}']


def app(api_url: str) -> WsgiApp:
    """Every simulator under its prefix; each call makes fresh state (sent messages, attempts)."""
    mounts = {f"/{name}": make(api_url) for name, make in SIMULATORS.items()}
    return DispatcherMiddleware(_not_found, mounts)


def serve(host: str, port: int, api_url: str) -> WSGIServer:
    server = make_server(
        host, port, app(api_url), server_class=_ThreadingServer, handler_class=_QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True, name="simulators").start()
    return server
