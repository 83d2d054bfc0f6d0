"""The parcel map page (A8: "land parcels ... mapped as geometry"; seed 004 §3.2.1 "torpaq
sahələrinin xəritələşdirilməsi"): GET /ektis/map serves one static page with Leaflet vendored
and inlined (no CDN), and the request the page makes, GET /ektis/parcels with the officer's
token, answers the parcels and their flagged overlaps (G8: only to the ministry's officers)."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from urllib.parse import urljoin, urlsplit

import pytest

from devstack.gateway import find_route
from tests.conftest import LocalAws
from tests.functional.ektis.kit import ELSHAN, GUNAY, subject
from tests.functional.ektis.test_ektis_parcels import declare
from tests.helpers import account, call, log_in, person
from tests.unit.test_ektis_geometry import square

MAP = Path(__file__).parents[3] / "functions" / "ektis" / "map"
LEAFLET = MAP / "leaflet"


class _Parts(HTMLParser):
    """What a browser would load or run from the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self.labels: dict[str, str] = {}
        self._label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "script":
            self._in_script = found
        if tag == "label":
            self._label = found.get("for")

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self.scripts.append((self._in_script, data))
            self._in_script = None
        if self._label:
            self.labels[self._label] = self.labels.get(self._label, "") + data


def _page(local_aws: LocalAws) -> tuple[str, dict[str, str], _Parts]:
    status, body, headers = call(local_aws, "GET", "/ektis/map")
    assert status == 200, body
    parts = _Parts()
    parts.feed(body)
    return body, headers, parts


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _handler() -> ModuleType:
    """The page's module, loaded as the runtime loads a handler (by file, under its own name)."""
    spec = importlib.util.spec_from_file_location(
        "parcel_map_page", MAP.parent / "parcel_map_page.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a8_the_page_is_served_whole_with_leaflet_inlined_and_nothing_from_a_cdn(
    local_aws: LocalAws,
) -> None:
    body, headers, parts = _page(local_aws)
    assert headers["Content-Type"].startswith("text/html")
    # Nothing loaded from elsewhere: no script or stylesheet by URL, the marker images inlined.
    assert not [attrs for tag, attrs in parts.tags if tag == "script" and attrs.get("src")]
    assert not [attrs for tag, attrs in parts.tags if tag == "link"]
    assert "url(images/" not in body and "url(data:image/png;base64," in body
    code = [text for attrs, text in parts.scripts if attrs.get("type") != "application/json"]
    assert code[0] == (LEAFLET / "leaflet.js").read_text(encoding="utf-8")
    assert code[1] == (MAP / "page.js").read_text(encoding="utf-8")
    # Only these two scripts may run (CSP hashes); the page calls only its own origin.
    policy = dict(
        rule.strip().split(" ", 1) for rule in headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"].split() == [_sha256(text) for text in code]
    assert policy["connect-src"] == "'self'" and policy["default-src"] == "'none'"
    # The tile server is the configured one (OpenStreetMap by default), allowed for images.
    (config,) = [json.loads(t) for a, t in parts.scripts if a.get("type") == "application/json"]
    assert config["tiles"] == local_aws.template.parameters["ParcelMapTileUrl"]
    assert config["tiles"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "https://tile.openstreetmap.org" in policy["img-src"].split()


def test_a8_every_field_of_the_page_has_a_label_in_azerbaijani_and_english(
    local_aws: LocalAws,
) -> None:
    _, _, parts = _page(local_aws)
    html = next(attrs for tag, attrs in parts.tags if tag == "html")
    assert html["lang"] == "az"
    inputs = [attrs["id"] for tag, attrs in parts.tags if tag == "input"]
    assert inputs == ["username", "password", "west", "south", "east", "north", "subject"]
    for field in inputs:
        assert field in parts.labels, field
        azerbaijani, english = parts.labels[field].split("/", 1)
        assert azerbaijani.strip() and english.strip(), field
    (live,) = [attrs for tag, attrs in parts.tags if attrs.get("id") == "status"]
    assert live["role"] == "status" and live["aria-live"] == "polite"


def test_a8_the_vendored_leaflet_is_the_released_one_with_its_licence() -> None:
    listed = re.findall(r"^([0-9a-f]{64})  (\S+)$", (LEAFLET / "VENDORED.md").read_text(), re.M)
    assert {path for _, path in listed} == {
        str(p.relative_to(LEAFLET)) for p in LEAFLET.rglob("*") if p.is_file()
    } - {"VENDORED.md"}
    for digest, path in listed:
        assert hashlib.sha256((LEAFLET / path).read_bytes()).hexdigest() == digest, path
    assert "Leaflet 1.9.4" in (LEAFLET / "leaflet.js").read_text(encoding="utf-8")[:200]
    assert "BSD 2-Clause" in (LEAFLET / "LICENSE").read_text(encoding="utf-8")


def test_a8_without_a_tile_server_the_page_still_draws_and_loads_no_tiles(
    local_aws: LocalAws,
) -> None:
    page = _handler()
    bare = page.render("", "")
    assert '"tiles": null' in bare.html
    assert "img-src 'self' data:;" in bare.policy
    assert "if (config.tiles)" in bare.html  # the tile layer is the only thing config.tiles adds
    other = page.render("https://{s}.tiles.example.az/{z}/{x}/{y}.png", "© example")
    assert "img-src 'self' data: https://*.tiles.example.az;" in other.policy
    for bad in ("http://tile.example.az/{z}/{x}/{y}.png", "https://tile.example.az/a.png"):
        with pytest.raises(ValueError):
            page.render(bad, "")


def test_a8_g8_the_pages_data_request_answers_parcels_and_flagged_overlaps(
    local_aws: LocalAws,
) -> None:
    """The page signs in at ../auth/login and reads parcels?bbox= relative to /ektis/map, with
    the token as a bearer: those requests, made as the page makes them."""
    page_url = "https://api.egov.az/dev/ektis/map"
    body, _, _ = _page(local_aws)
    assert 'send("../auth/login"' in body and "send(`parcels?bbox=" in body
    assert "Authorization: `Bearer ${token}`" in body
    login_path = urlsplit(urljoin(page_url, "../auth/login")).path.removeprefix("/dev")
    box = "47.09,40.09,47.12,40.11"
    data_path = urlsplit(urljoin(page_url, f"parcels?bbox={box}")).path.removeprefix("/dev")
    assert find_route(local_aws.template, "POST", login_path)[0] == "LoginFunction"
    assert find_route(local_aws.template, "GET", data_path)[0] == "EktisParcelMapFunction"

    elshan, elshan_id, _ = subject(local_aws, ELSHAN, "farmer")
    gunay, gunay_id, _ = subject(local_aws, GUNAY, "farmer")
    declared = {}
    for token, west, cadastre in ((elshan, 47.1, "AZ-5001"), (gunay, 47.101, "AZ-5002")):
        status, parcel = declare(local_aws, token, square(west, 40.1, 0.002), cadastre)
        assert status == 201, parcel
        declared[cadastre] = parcel["parcelId"]

    person("xerite.mkt")
    officer = log_in(local_aws, "xerite.mkt")
    status, answer, _ = call(local_aws, "GET", data_path, token=officer, query={"bbox": box})
    assert status == 200, answer
    found = {p["cadastreId"]: p for p in answer["parcels"]}
    assert {c: p["subjectId"] for c, p in found.items()} == {
        "AZ-5001": elshan_id,
        "AZ-5002": gunay_id,
    }
    assert [o["parcelId"] for o in found["AZ-5001"]["overlaps"]] == [declared["AZ-5002"]]
    assert [o["parcelId"] for o in found["AZ-5002"]["overlaps"]] == [declared["AZ-5001"]]
    assert found["AZ-5001"]["geometry"]["type"] == "Polygon"

    # G8: a farmer with the page in hand reads nothing; nor does a stranger without a token.
    status, refused, _ = call(local_aws, "GET", data_path, token=elshan, query={"bbox": box})
    assert status == 403, refused
    status, refused, _ = call(local_aws, "GET", data_path, query={"bbox": box})
    assert status == 401, refused
    _, dgk = account("officer", "DGK")
    status, refused, _ = call(local_aws, "GET", data_path, token=dgk, query={"bbox": box})
    assert status == 403, refused


@pytest.mark.skipif(shutil.which("node") is None, reason="no Node.js on this machine")
def test_a8_the_pages_script_parses() -> None:
    """A syntax error would leave the page inert with no test noticing; the suite has no browser."""
    checked = subprocess.run(
        ["node", "--check", str(MAP / "page.js")], capture_output=True, text=True, timeout=60
    )
    assert checked.returncode == 0, checked.stderr
