"""The one way the platform talks to an external system (DESIGN rule 14).

Every system (population registry, tax registry, mobile operators' registry, SMS and e-mail
gateways, payment provider, agencies) is reached over HTTP by a `SystemClient` whose base URL
comes from the JSON map in the SSM parameter named by `ADAPTER_ENDPOINTS_PARAMETER` (read through
`egov.platform.secrets`, so a changed URL reaches running functions). Production points the map at the real systems; the local stack and the tests point it
at the simulators (infra/devstack/simulators), so the same client code runs everywhere.

Failures reach callers as problems (G7): a record the system does not know is `NotFound` naming
the caller's field; a system that times out, cannot be reached or answers 5xx is `Unavailable`
(503: nothing was changed, the caller may try again). Only idempotent GETs are retried, with
exponential backoff; a POST is sent once, because repeating it could send an SMS twice.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from egov.platform import i18n, secrets
from egov.platform.observability import CORRELATION_HEADER, correlation_id, logger
from egov.platform.problems import NotFound, Unavailable

if TYPE_CHECKING:
    import httpx

TIMEOUT_SECONDS, CONNECT_SECONDS = 5.0, 2.0
GET_ATTEMPTS = 3
BACKOFF_SECONDS = 0.2

SYSTEM_NAMES: dict[str, dict[i18n.Lang, str]] = {
    "population": {"az": "Əhali reyestri (İAMAS)", "en": "The population registry (IAMAS)"},
    "tax": {"az": "Vergi reyestri", "en": "The tax registry"},
    "mobile": {"az": "Mobil operatorların reyestri", "en": "The mobile operators' registry"},
    "sms": {"az": "SMS şlüzü", "en": "The SMS gateway"},
    "email": {"az": "E-poçt şlüzü", "en": "The e-mail gateway"},
}


def unavailable_key(system: str) -> str:
    return f"adapter.{system}.unavailable"


def register_system(system: str, names: dict[i18n.Lang, str]) -> None:
    """Give a system the texts of its 503 problem (a new adapter calls this at import)."""
    i18n.register(
        {
            unavailable_key(system): {
                "az": f"{names['az']} müvəqqəti cavab vermir; bir az sonra yenidən cəhd edin",
                "en": f"{names['en']} is not answering at the moment; please try again shortly",
            }
        }
    )


for _system, _names in SYSTEM_NAMES.items():
    register_system(_system, _names)


def endpoints() -> dict[str, str]:
    """The base URL of every external system, from SSM."""
    parsed = secrets.parameter_json("ADAPTER_ENDPOINTS_PARAMETER")
    if not isinstance(parsed, dict):
        raise RuntimeError("ADAPTER_ENDPOINTS_PARAMETER must name a JSON object of base URLs")
    return {str(k): str(v).rstrip("/") for k, v in parsed.items()}


@functools.cache
def _http(base_url: str) -> httpx.Client:
    # httpx loads with the first call to an external system, not with every function (issue 18).
    import httpx

    return httpx.Client(
        base_url=base_url, timeout=httpx.Timeout(TIMEOUT_SECONDS, connect=CONNECT_SECONDS)
    )


# What an adapter keeps for the container's lifetime besides connections (ASAN İmza's CRL).
_held: list[Callable[[], None]] = []


def hold(forget_it: Callable[[], None]) -> None:
    """Have `forget` also call `forget_it` (an adapter's state kept between requests)."""
    _held.append(forget_it)


def forget() -> None:
    """Forget the endpoint map, connections and what adapters hold (tests repoint the systems)."""
    secrets.forget()
    _http.cache_clear()
    for forget_it in _held:
        forget_it()


class SystemClient:
    """HTTP to one external system, with its failures mapped to problems."""

    def __init__(self, system: str) -> None:
        self.system = system

    @property
    def base_url(self) -> str:
        try:
            return endpoints()[self.system]
        except KeyError as missing:
            raise RuntimeError(f"no endpoint configured for {self.system}") from missing

    def get(
        self,
        path: str,
        *,
        field: str,
        not_found: str,
        params: Mapping[str, str] | None = None,
    ) -> Any:
        """GET a record; 404 is `NotFound(not_found, field=field)`. Retried, being idempotent."""
        for attempt in range(GET_ATTEMPTS - 1):
            try:
                return self._get_once(path, field=field, not_found=not_found, params=params)
            except Unavailable:
                # Full jitter keeps many cold starts from retrying in step.
                time.sleep(random.uniform(0, BACKOFF_SECONDS * 2**attempt))
        return self._get_once(path, field=field, not_found=not_found, params=params)

    def _get_once(
        self, path: str, *, field: str, not_found: str, params: Mapping[str, str] | None
    ) -> Any:
        response = self._send("GET", path, field=field, params=params)
        if response.status_code == 404:
            raise NotFound(not_found, field=field)
        return self._json(response)

    def post(self, path: str, body: Mapping[str, Any], *, field: str) -> Any:
        """POST once (not idempotent); the answer's JSON."""
        response = self._send("POST", path, field=field, json=dict(body))
        return self._json(response)

    def _send(self, method: str, path: str, *, field: str, **kwargs: Any) -> httpx.Response:
        import httpx

        headers = {CORRELATION_HEADER: correlation_id()}
        try:
            response = _http(self.base_url).request(method, path, headers=headers, **kwargs)
        except httpx.TransportError as error:  # timeouts, refused or dropped connections
            logger.warning(
                "external system unreachable",
                extra={"system": self.system, "path": path, "error": repr(error)},
            )
            raise Unavailable(unavailable_key(self.system), field=field) from error
        if response.status_code >= 500:
            logger.warning(
                "external system failed",
                extra={"system": self.system, "path": path, "status": response.status_code},
            )
            raise Unavailable(unavailable_key(self.system), field=field)
        return response

    def _json(self, response: httpx.Response) -> Any:
        if response.status_code >= 400:
            # Our input is validated before it leaves; a 4xx here is a defect, not the caller's.
            raise RuntimeError(
                f"{self.system} refused {response.request.method} {response.request.url.path}: "
                f"{response.status_code} {response.text[:200]}"
            )
        return response.json()
