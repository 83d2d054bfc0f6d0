"""GET /openapi.json and GET /docs: one API description merged from every handler.

This function is packaged with the whole `functions/` tree so that Powertools' OpenAPIMerge can
load each handler's resolver: the document comes from the routes and pydantic models the
handlers really declare, never from a hand-kept file. The Swagger UI assets ship inside
Powertools and are inlined, so the page works offline.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from egov.platform.adapters.base import unavailable_key
from egov.platform.http import PROBLEM_JSON, ProblemDocument, api, entry, problem_body
from egov.platform.problems import Invalid, Unauthorized, Unavailable

import aws_lambda_powertools.event_handler.openapi as openapi_package
from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.merge import OpenAPIMerge
from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer, Server, Tag
from aws_lambda_powertools.event_handler.openapi.swagger_ui import generate_swagger_html

HERE = Path(__file__).parent
SWAGGER_UI = Path(openapi_package.__file__).parent / "swagger_ui"
TITLE = "Azərbaycan e-hökumət platforması / Azerbaijan e-government platform"
DESCRIPTION = (
    "Every action of every service. Errors are RFC 9457 problem documents "
    "(application/problem+json) naming the field; texts in Azerbaijani by default, "
    "English with `Accept-Language: en`."
)

# One tag per service, the folder its handlers live in (functions/<service>/).
TAGS = {
    "producers": "Kənd təsərrüfatı istehsalçılarının qeydiyyatı / Agricultural producers (seed 000)",
    "esign": "Qeyri-rezidentlər üçün elektron imza, səfirliklər vasitəsilə / "
    "E-signature for non-residents via embassies (seed 001 §1–2)",
    "certificates": "Sertifikatlar reyestri, Merkle jurnalı və yoxlama / "
    "Certificate registry, its Merkle log and verification (seed 001 §3)",
    "export": "İxrac portalı: Azərbaycan malları kataloqu / "
    "Export single window: catalogue of goods made in Azerbaijan (seed 001 part 2)",
    "customs": "Gömrük: sərhəd məntəqələrində qeydə alınan mallar / "
    "Customs: goods registered at the border posts (seed 003)",
    "ektis": "Elektron kənd təsərrüfatı (EKTİS): subyektlər və torpaq sahələrinin xəritəsi / "
    "Electronic agriculture (EKTİS): subjects and mapped land parcels (seed 004)",
    "renewal": "Qüvvədə olan ASAN İmza sertifikatlarının onlayn yenilənməsi / "
    "Online renewal of ASAN İmza certificates (seed 002)",
    "platform": "Giriş, kabinet, yükləmələr, ödənişlər, qurumlarla mübadilə, operator / "
    "Login, cabinet, uploads, payments, agency exchange, operator",
}

app = api()


def handler_files() -> list[Path]:
    """Every handler module that builds a resolver with our HTTP glue."""
    return sorted(
        path
        for path in HERE.rglob("*.py")
        if path.name != Path(__file__).name and "app = api(" in path.read_text(encoding="utf-8")
    )


@functools.cache
def document() -> str:
    merge = OpenAPIMerge(
        title=TITLE,
        version="1.0.0",
        description=DESCRIPTION,
        servers=[Server(url="/")],
        security_schemes={"bearer": HTTPBearer(bearerFormat="JWT")},
        tags=[Tag(name=name, description=text) for name, text in TAGS.items()],
        on_conflict="error",
    )
    for schema in with_distinct_names({path: handler_schema(path) for path in handler_files()}):
        merge.add_schema(schema)
    return json.dumps(with_problems(json.loads(merge.get_openapi_json_schema())), indent=2)


# The calls by which a handler demands a bearer token (egov.platform.auth); a handler that
# makes none is public or authenticated otherwise (signed callbacks, client credentials).
AUTHENTICATING = re.compile(r"\bauth\.(require|principal|caller_account)\(")


def handler_schema(path: Path) -> dict[str, Any]:
    single = OpenAPIMerge(title=TITLE, version="1.0.0")
    single.add_file(path)
    schema = dict(json.loads(single.get_openapi_json_schema()))
    secured = AUTHENTICATING.search(path.read_text(encoding="utf-8"))
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            operation["tags"] = [path.parent.name]
            if secured:
                operation["security"] = [{"bearer": []}]
    return schema


def with_distinct_names(schemas: dict[Path, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each handler's schemas, two different models of one name told apart by their service.

    Powertools names a component after its model's class and, merging handlers, keeps the last
    of two components with one name: `Application` of the cabinet and of e-sign would describe
    both routes with one of them. Such names become `<Service><Name>` (`EsignApplication`) in
    every handler that uses them, references included.
    """
    clashing = _clashing(schemas.values())
    renamed = []
    for path, schema in schemas.items():
        names = {
            name: path.parent.name.capitalize() + name
            for name in clashing & set(_components(schema))
        }
        text = json.dumps(schema)
        for name, qualified in names.items():
            text = text.replace(f'"{REF}{name}"', f'"{REF}{qualified}"')
        qualified_schema = json.loads(text)
        components = qualified_schema.get("components", {}).get("schemas", {})
        for name, qualified in names.items():
            components[qualified] = components.pop(name)
        renamed.append(qualified_schema)
    if still := _clashing(renamed):
        raise RuntimeError(f"different models of one name within a service: {sorted(still)}")
    return renamed


REF = "#/components/schemas/"


def _components(schema: dict[str, Any]) -> dict[str, Any]:
    return dict(schema.get("components", {}).get("schemas", {}))


def _clashing(schemas: Iterable[dict[str, Any]]) -> set[str]:
    seen: dict[str, list[Any]] = {}
    for schema in schemas:
        for name, definition in _components(schema).items():
            if definition not in seen.setdefault(name, []):
                seen[name].append(definition)
    return {name for name, definitions in seen.items() if len(definitions) > 1}


def with_problems(openapi: dict[str, Any]) -> dict[str, Any]:
    """Every error answer is a problem document, whatever the route (egov.platform.http).

    Powertools documents a 422 as its own `HTTPValidationError` in application/json, which our
    glue never sends; it is replaced, and the other 4xx and 5xx answers every route may give
    (401, 403, 404, 409, ..., 500, 503) are declared by range. Its other validation schemas
    go with it, or their references would dangle.
    """
    problem = ProblemDocument.model_json_schema(
        by_alias=True, ref_template="#/components/schemas/{model}"
    )
    schemas = openapi.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    for unused in ("HTTPValidationError", "ValidationError", "ResponseValidationError"):
        schemas.pop(unused, None)
    for operations in openapi["paths"].values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_ANSWERS.items():
                responses[status] = {
                    "description": description,
                    "content": {
                        PROBLEM_JSON: {
                            "schema": {"$ref": "#/components/schemas/Problem"},
                            "example": problem_example(status),
                        }
                    },
                }
    return openapi


def problem_example(status: str) -> dict[str, Any]:
    """What the glue really writes for a typical problem of the range, in Azerbaijani."""
    problem = {
        "422": Invalid("field.required", field="mobile"),
        "4XX": Unauthorized("auth.token-invalid"),
        "5XX": Unavailable(unavailable_key("population"), field="fin"),
    }[status]
    return {**problem_body(problem, "az"), "correlationId": "0f8fad5b-d9cb-469f-a165-70867728950e"}


ERROR_ANSWERS = {
    "422": "Invalid input: the problem names each field (`errors`)",
    "4XX": "Refused (unauthenticated, forbidden, not found, conflict, ...)",
    "5XX": "Failed on our side or in an external system; nothing was changed",
}


@app.get("/openapi.json", include_in_schema=False)
def openapi_document() -> Response[str]:
    return Response(status_code=200, content_type="application/json", body=document())


@app.get("/docs", include_in_schema=False)
def docs_page() -> Response[str]:
    # Powertools' own Swagger route answers `?format=json` with the document; so does ours.
    if app.current_event.get_query_string_value("format") == "json":
        return openapi_document()
    page = generate_swagger_html(
        document().replace("</", "<\\/"),
        (SWAGGER_UI / "swagger-ui-bundle.min.js").read_text(encoding="utf-8"),
        (SWAGGER_UI / "swagger-ui.min.css").read_text(encoding="utf-8"),
        swagger_base_url="",
        oauth2_config=None,
    )
    return Response(status_code=200, content_type="text/html", body=page)


lambda_handler = entry(app)
