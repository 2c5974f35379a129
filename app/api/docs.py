"""What the OpenAPI document adds to FastAPI's: the Problem schema, real examples, and the
query parameters of the routes whose model app.api.query_model resolves."""

from typing import Any

from fastapi import FastAPI

from app.api import query_model
from app.api.errors import problem_responses
from app.api.linked_data import MEDIA_TYPE
from app.api.problems import Problem
from app.queries.filters import FACET_RECORDS_MAX
from app.store.models.common import FacetValue
from app.store.models.examples import EXAMPLES

HEADER = {"schema": {"type": "string"}}
SUCCESS_HEADERS = {
    "ETag": {**HEADER, "description": "Strong validator of this representation."},
    "Cache-Control": {**HEADER, "description": "public, max-age, stale-while-revalidate."},
    "Last-Modified": {**HEADER, "description": "When the serving process loaded the data."},
    "X-Request-ID": {**HEADER, "description": "The request's id, echoed or generated."},
}
LINK = {**HEADER, "description": 'RFC 8288 link to the next page: `<url>; rel="next"`.'}


def _page_options(schema: dict[str, Any]) -> None:
    """A page may carry `facets`, and items shaped by `fields` or `include`."""
    properties = schema["properties"]
    properties["items"]["items"] = {
        "anyOf": [
            properties["items"]["items"],
            {
                "type": "object",
                "description": "With `fields`: only those fields; with `include`: "
                "linked summaries expanded into full records.",
            },
        ]
    }
    properties["facets"] = {
        "type": "object",
        "description": (
            "With `facets=`: per field, counts per value of the records that the search and "
            "the other filters select (a facet ignores its own filter), each value with an "
            "`href` to its list."
        ),
        "additionalProperties": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/FacetValue"},
        },
    }
    properties["facets_not_counted"] = {
        "type": "array",
        "items": {"type": "string"},
        "description": (
            f"The facets asked for but not counted, absent when every one was: under a search "
            f"or filters, a facet counts at most {FACET_RECORDS_MAX:,} records (narrow the "
            "list, or ask the whole list's facets, which are always counted)."
        ),
    }


def _http_contract(operation: dict[str, Any]) -> None:
    """Declare what the HTTP middleware adds to every GET: headers, 304 and its errors."""
    responses = operation["responses"]
    ok = responses["200"]
    ok["headers"] = dict(SUCCESS_HEADERS)
    schema: dict[str, Any] = ok.get("content", {}).get("application/json", {}).get("schema", {})
    if str(schema.get("$ref", "")).startswith("#/components/schemas/Page_"):
        ok["headers"]["Link"] = LINK
        ok["content"]["text/csv"] = {
            "schema": {"type": "string", "description": "Every page, one row per item."}
        }
        ok["content"]["application/x-ndjson"] = {
            "schema": {"type": "string", "description": "Every page, one JSON item per line."}
        }
        ok["description"] = (
            "A page of items (JSON), or with `format=csv|ndjson` or such an `Accept`, every page."
        )
    elif operation.get("operationId", "").endswith("-get"):
        ok["content"][MEDIA_TYPE] = {
            "schema": {"type": "object", "description": "The record as JSON-LD (schema.org)."}
        }
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
            schemas["FacetValue"] = FacetValue.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
            for name, example in EXAMPLES.items():
                schemas[name]["examples"] = [example]
            for name, schema in schemas.items():
                if name.startswith("Page_"):
                    _page_options(schema)
            document: dict[str, Any] = app.openapi_schema or {}
            for item in document.get("paths", {}).values():
                if "get" in item:
                    query_model.document(item["get"])
                    _http_contract(item["get"])
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
