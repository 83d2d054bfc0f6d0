"""The API description is generated from the handlers and covers every route of the template."""

import json
import re
from pathlib import Path
from typing import Any

from openapi_spec_validator import validate

from egov.platform.http import PROBLEM_JSON, ProblemDocument
from tests.conftest import LocalAws, rest_event

FUNCTIONS = Path(__file__).resolve().parents[3] / "functions"


def test_openapi_document_lists_every_template_route(local_aws: LocalAws) -> None:
    response = local_aws.invoke("ApiDocsFunction", rest_event("GET", "/openapi.json"))
    assert response["statusCode"] == 200
    document = json.loads(response["body"])
    assert document["openapi"].startswith("3.1")
    documented = {(m.upper(), p) for p, ops in document["paths"].items() for m in ops}
    declared = {
        (route.method, route.path)
        for fn in local_aws.template.functions.values()
        for route in fn.routes
        if fn.logical_id != "ApiDocsFunction"
    }
    assert declared <= documented, f"undocumented: {sorted(declared - documented)}"


def test_openapi_document_is_valid_openapi_3_1(local_aws: LocalAws) -> None:
    """Issue 9: every `$ref` resolves and the document validates, so generators accept it."""
    response = local_aws.invoke("ApiDocsFunction", rest_event("GET", "/openapi.json"))
    validate(json.loads(response["body"]))


def test_docs_page_answers_the_document_as_json_when_asked(local_aws: LocalAws) -> None:
    response = local_aws.invoke(
        "ApiDocsFunction", rest_event("GET", "/docs", query={"format": "json"})
    )
    assert response["statusCode"] == 200
    assert response["multiValueHeaders"]["Content-Type"] == ["application/json"]
    assert json.loads(response["body"])["openapi"].startswith("3.1")


def test_every_operation_is_tagged_with_its_service(local_aws: LocalAws) -> None:
    """Issue 9: Swagger groups the operations by service, not all under "default"."""
    response = local_aws.invoke("ApiDocsFunction", rest_event("GET", "/openapi.json"))
    document = json.loads(response["body"])
    services = {tag["name"] for tag in document["tags"]}
    assert services == {path.name for path in FUNCTIONS.iterdir() if path.is_dir()} - {
        "__pycache__"
    }
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert len(operation["tags"]) == 1, (method, path)
            assert operation["tags"][0] in services, (method, path)


AZERBAIJANI_LETTERS = re.compile("[əğıöşçüƏĞİÖŞÇÜ]")


def test_every_operation_is_summarised_and_described_in_azerbaijani_and_english(
    local_aws: LocalAws,
) -> None:
    """Issue 9, DESIGN rule 12: "az / en" summaries and an az paragraph then an en one, written
    on the route decorators; no summary is Powertools' default, the method and path again."""
    response = local_aws.invoke("ApiDocsFunction", rest_event("GET", "/openapi.json"))
    paths = json.loads(response["body"])["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            where = (method, path)
            azerbaijani, english = operation["summary"].split(" / ")
            assert AZERBAIJANI_LETTERS.search(azerbaijani), where
            assert english and english != azerbaijani, where
            assert path not in operation["summary"], where
            az_text, en_text = operation["description"].split("\n\n")
            assert AZERBAIJANI_LETTERS.search(az_text), where
            assert en_text and en_text != az_text, where


def test_docs_page_works_offline(local_aws: LocalAws) -> None:
    response = local_aws.invoke("ApiDocsFunction", rest_event("GET", "/docs"))
    assert response["statusCode"] == 200
    assert "SwaggerUIBundle" in response["body"]
    assert 'src="http' not in response["body"]
    assert 'href="http' not in response["body"]


def test_every_error_answer_is_documented_as_a_problem(local_aws: LocalAws) -> None:
    """G7: the 422 the glue sends is a problem, not Powertools' HTTPValidationError, and every
    other 4xx and 5xx of every operation is declared as one too."""
    response = local_aws.invoke("ApiDocsFunction", rest_event("GET", "/openapi.json"))
    document = json.loads(response["body"])
    problem = {"$ref": "#/components/schemas/Problem"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status in ("422", "4XX", "5XX"):
                content = operation["responses"][status]["content"]
                assert list(content) == [PROBLEM_JSON], (method, path, status)
                assert content[PROBLEM_JSON]["schema"] == problem, (method, path, status)
                example = ProblemDocument.model_validate(content[PROBLEM_JSON]["example"])
                assert str(example.status)[0] == status[0], (method, path, status)
    assert "HTTPValidationError" not in document["components"]["schemas"]
    refused = local_aws.invoke(
        "LoginFunction", rest_event("POST", "/auth/login", body={"username": "x"})
    )
    ProblemDocument.model_validate_json(refused["body"])
    assert set(document["components"]["schemas"]["Problem"]["required"]) >= {
        "type",
        "title",
        "status",
        "detail",
    }


SENT = {"return created(": "201", "status=202)": "202", "Response(status_code=204)": "204"}


def test_each_route_documents_the_success_status_it_sends(local_aws: LocalAws) -> None:
    """G7: a create is documented with the 201 it answers (202, 204 likewise), not a 200."""
    response = local_aws.invoke("ApiDocsFunction", rest_event("GET", "/openapi.json"))
    paths = json.loads(response["body"])["paths"]
    checked = 0
    for handler in FUNCTIONS.rglob("*.py"):
        source = handler.read_text(encoding="utf-8")
        sent = [status for marker, status in SENT.items() if marker in source]
        if sent and re.search(r"^\s*return ok\((?![^\n]*status=)", source, re.M):
            sent.append("200")  # a route that also answers 200 (e.g. 202 while pending)
        route = re.search(r'@app\.(\w+)\(\s*"([^"]+)"', source)
        if not sent or route is None:
            continue
        method, path = route.group(1), re.sub(r"<(\w+)>", r"{\1}", route.group(2))
        documented = {s for s in paths[path][method]["responses"] if s.startswith("2")}
        assert documented == set(sent), (method, path, documented)
        checked += 1
    assert checked >= 15


def test_models_of_one_name_in_two_services_keep_their_own_schemas(local_aws: LocalAws) -> None:
    """G7: e-sign's `Application` and the cabinet's, the producers' `Registered` and the
    webhook endpoint's, each route documented with its own model, not the last one merged."""
    response = local_aws.invoke("ApiDocsFunction", rest_event("GET", "/openapi.json"))
    document = json.loads(response["body"])
    schemas = document["components"]["schemas"]

    def answer(method: str, path: str, status: str) -> dict[str, Any]:
        content = document["paths"][path][method]["responses"][status]["content"]
        return dict(schemas[content["application/json"]["schema"]["$ref"].split("/")[-1]])

    assert "form" in answer("post", "/esign/applications", "201")["properties"]
    cabinet = answer("get", "/me/applications", "200")["properties"]["items"]["items"]["$ref"]
    assert "history" in schemas[cabinet.split("/")[-1]]["properties"]
    assert answer("post", "/producers", "201") != answer(
        "put", "/operator/webhooks/endpoints/{agency}", "200"
    )


def test_operations_that_demand_a_token_say_so_and_the_others_answer_without_one(
    local_aws: LocalAws,
) -> None:
    """G8: `security: bearer` is on exactly the operations that refuse a call without a token.
    Checked by calling every GET operation of the template without one."""
    response = local_aws.invoke("ApiDocsFunction", rest_event("GET", "/openapi.json"))
    document = json.loads(response["body"])
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    checked = 0
    for fn in local_aws.template.functions.values():
        for route in fn.routes:
            if route.method != "GET" or fn.logical_id == "ApiDocsFunction":
                continue
            operation = document["paths"][route.path]["get"]
            path = re.sub(r"\{[^}]+\}", "X1", route.path)
            answer = local_aws.invoke(fn.logical_id, rest_event("GET", path))["statusCode"]
            secured = operation.get("security") == [{"bearer": []}]
            assert (answer == 401) == secured, (route.path, answer, operation.get("security"))
            checked += 1
    assert checked > 20
