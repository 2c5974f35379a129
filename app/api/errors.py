"""Every error as RFC 9457 application/problem+json; never a stack trace."""

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.problems import PROBLEM_MEDIA_TYPE, problem_body
from app.domain.errors import ProblemError
from app.domain.patterns import MEANING


def problem_response(
    request: Request,
    status: int,
    title: str,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The problem+json answer for a route's refusal (built by the one problem builder)."""
    body = problem_body(status, title, detail, request.url.path, errors or [])
    return Response(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries declaring problem+json bodies for `statuses`."""
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        location = (
            loc[0] if loc and loc[0] in {"query", "path", "header", "cookie", "body"} else "query"
        )
        name = ".".join(loc[1:]) if len(loc) > 1 else (loc[0] if loc else "")
        reason = str(err.get("msg", "invalid"))
        if err.get("type") == "extra_forbidden":
            reason = "unknown parameter"
        elif err.get("type") == "string_pattern_mismatch":
            reason = MEANING.get(str(err.get("ctx", {}).get("pattern")), reason)
        out.append({"name": name, "in": location, "reason": reason})
    return out


def install(app: FastAPI) -> None:
    """Every refusal as problem+json. An unhandled error never reaches these handlers: the
    HTTP middleware (app.api.http.middleware) answers it, the one 500 path, and logs it."""

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        errors = _validation_errors(exc)
        names = ", ".join(sorted({e["name"] for e in errors}))
        return problem_response(request, 422, "Invalid parameter", f"invalid: {names}", errors)

    @app.exception_handler(ProblemError)
    async def on_problem(request: Request, exc: ProblemError) -> Response:
        return problem_response(request, exc.status, exc.title, exc.detail, exc.errors)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        phrase = HTTPStatus(exc.status_code).phrase
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else phrase
        if exc.status_code == 404 and detail == phrase:
            detail = f"no resource at {request.url.path}"
        return problem_response(
            request,
            exc.status_code,
            phrase,
            detail,
            headers=dict(exc.headers) if exc.headers else None,
        )
