"""What the OpenAPI document adds to FastAPI's: the Problem schema and real examples."""

from typing import Any

from fastapi import FastAPI

from app.api.errors import problem_responses
from app.models.examples import EXAMPLES
from app.problems import Problem

HEADER = {"schema": {"type": "string"}}
SUCCESS_HEADERS = {
    "ETag": {**HEADER, "description": "Strong validator of this representation."},
    "Cache-Control": {**HEADER, "description": "public, max-age, stale-while-revalidate."},
    "Last-Modified": {**HEADER, "description": "When the serving process loaded the data."},
    "X-Request-ID": {**HEADER, "description": "The request's id, echoed or generated."},
}
LINK = {**HEADER, "description": 'RFC 8288 link to the next page: `<url>; rel="next"`.'}


def _http_contract(operation: dict[str, Any]) -> None:
    """Declare what the HTTP middleware adds to every GET: headers, 304 and its errors."""
    responses = operation["responses"]
    ok = responses["200"]
    ok["headers"] = dict(SUCCESS_HEADERS)
    schema: dict[str, Any] = ok.get("content", {}).get("application/json", {}).get("schema", {})
    if str(schema.get("$ref", "")).startswith("#/components/schemas/Page_"):
        ok["headers"]["Link"] = LINK
    responses["304"] = {
        "description": "Not Modified: the `If-None-Match` ETag is current.",
        "headers": {"ETag": SUCCESS_HEADERS["ETag"]},
    }
    for status, entry in problem_responses(400, 406, 414, 431, 500).items():
        responses.setdefault(str(status), entry)


def document(app: FastAPI) -> None:
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schemas = build().setdefault("components", {}).setdefault("schemas", {})
            problem = Problem.model_json_schema(
                by_alias=True, ref_template="#/components/schemas/{model}"
            )
            schemas.update(problem.pop("$defs", {}))
            schemas["Problem"] = problem
            for name, example in EXAMPLES.items():
                schemas[name]["examples"] = [example]
            document: dict[str, Any] = app.openapi_schema or {}
            for item in document.get("paths", {}).values():
                if "get" in item:
                    _http_contract(item["get"])
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
