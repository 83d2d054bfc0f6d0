"""The population registry (IAMAS), the tax registry and the mobile operators' registry.

Each answers `GET /<collection>/<key>` with the record, 404 for a key it does not hold, 400 for a
malformed key, and 503 for the keys listed as unavailable in data/failures.json.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, abort, jsonify

from devstack.simulators._data import failures, load


def _registry(system: str, collection: str, data: str, key: str, pattern: str) -> Flask:
    records: dict[str, Any] = {record[key]: record for record in load(data)}
    unavailable = set(failures(system)["unavailable"])
    well_formed = re.compile(pattern)
    app = Flask(f"simulator-{system}")
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    @app.get(f"/{collection}/<value>")
    def lookup(value: str) -> Any:
        if not well_formed.fullmatch(value):
            abort(400)
        if value in unavailable:
            abort(503)
        if value not in records:
            abort(404)
        return jsonify(records[value])

    return app


def population(api_url: str) -> Flask:
    return _registry("population", "persons", "persons", "fin", r"[0-9A-Z]{7}")


def tax(api_url: str) -> Flask:
    return _registry("tax", "taxpayers", "taxpayers", "voen", r"[0-9]{10}")


def mobile(api_url: str) -> Flask:
    return _registry("mobile", "subscriptions", "subscriptions", "number", r"\+994[0-9]{9}")


def cadastre(api_url: str) -> Flask:
    return _registry("cadastre", "parcels", "cadastre", "cadastreId", r"[0-9A-Z][0-9A-Z:/-]{4,39}")
