"""What the OpenAPI document adds to FastAPI's: the Problem schema and real examples."""

from typing import Any

from fastapi import FastAPI

from app.models.examples import EXAMPLES
from app.problems import Problem


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
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
