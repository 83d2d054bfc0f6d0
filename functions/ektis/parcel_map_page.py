"""GET /ektis/map: the parcel map page (A8), a static page that draws the parcels of a box.

The page holds no data: it signs the officer in with POST /auth/login and reads GET
/ektis/parcels (the cell-index query, MKT officers and the operator only) with that token. Leaflet
is vendored from the npm registry (map/leaflet/VENDORED.md) and inlined with the page's own script,
as /docs inlines Swagger UI: one answer, no CDN, nothing fetched but the API and the tiles. The
tile server is configuration (`PARCEL_MAP_TILES`, empty for none); the parcels draw without it.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from egov.platform.http import api, entry

from aws_lambda_powertools.event_handler import Response

HERE = Path(__file__).parent / "map"
LEAFLET = HERE / "leaflet"
# A tile URL template: https (a page with a token draws nothing over plain http), Leaflet's
# {z}/{x}/{y} placeholders.
TILE_URL = re.compile(r"^https://(\{s\}\.)?[A-Za-z0-9.-]+(:[0-9]+)?/[^\s\"'<>]*\{z\}[^\s\"'<>]*$")


class Page(NamedTuple):
    html: str
    policy: str


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def _css_with_images() -> str:
    """leaflet.css with its images as data: URLs, so the page needs no second request."""

    def inline(match: re.Match[str]) -> str:
        data = base64.b64encode((LEAFLET / match.group(1)).read_bytes()).decode()
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[a-z0-9-]+\.png)\)", inline, _read(LEAFLET / "leaflet.css"))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def render(tiles: str, attribution: str) -> Page:
    """The page and its Content-Security-Policy: only its own scripts run, only the API is
    called, images only from the tile server."""
    if tiles and not TILE_URL.match(tiles):
        raise ValueError(f"PARCEL_MAP_TILES is not an https tile URL template: {tiles!r}")
    config = json.dumps({"tiles": tiles or None, "attribution": attribution}, ensure_ascii=False)
    scripts = [_read(LEAFLET / "leaflet.js"), _read(HERE / "page.js")]
    pieces = {
        "LEAFLET_CSS": _css_with_images(),
        "CONFIG": config.replace("</", "<\\/"),
        "LEAFLET_JS": scripts[0],
        "PAGE_JS": scripts[1],
    }
    html = re.sub(r"@@([A-Z_]+)@@", lambda m: pieces[m.group(1)], _read(HERE / "page.html"))
    tile_origin = ""
    if tiles:
        url = urlsplit(tiles)
        # {s} subdomains ({s}.tile.example.org) are any subdomain of that host.
        tile_origin = f" {url.scheme}://{url.netloc.replace('{s}', '*')}"
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_hash(s) for s in scripts),
            # Leaflet positions its panes and tiles with inline styles.
            "style-src 'unsafe-inline'",
            f"img-src 'self' data:{tile_origin}",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )
    return Page(html=html, policy=policy)


@functools.cache
def configured() -> Page:
    """Rendered once per container, at the first request: /openapi.json loads this module in
    its own function, whose environment has no tile settings."""
    return render(os.environ["PARCEL_MAP_TILES"], os.environ["PARCEL_MAP_ATTRIBUTION"])


app = api()


@app.get(
    "/ektis/map",
    summary="Torpaq sahələrinin xəritə səhifəsi / Parcel map page",
    description="Nazirliyin əməkdaşı üçün HTML səhifə: giriş edir və GET /ektis/parcels ilə "
    "qutudakı sahələri və üst-üstə düşmə qeydlərini xəritədə çəkir (A8). Səhifədə məlumat yoxdur."
    "\n\nAn HTML page for the ministry's officers: it signs in and draws the parcels of a box "
    "and their flagged overlaps from GET /ektis/parcels (A8). The page itself holds no data.",
    responses={
        200: {
            "description": "The page (Leaflet inlined; Content-Security-Policy)",
            "content": {"text/html": {"schema": {"type": "string"}}},
        }
    },
)
def parcel_map_page() -> Response[str]:
    page = configured()
    return Response(
        status_code=200,
        content_type="text/html; charset=utf-8",
        body=page.html,
        headers={"Content-Security-Policy": page.policy, "X-Content-Type-Options": "nosniff"},
    )


lambda_handler = entry(app)
