"""RFC 9457 problem details: the one shape every error takes."""

from http import HTTPStatus
from typing import Literal

import orjson
from pydantic import BaseModel, Field

PROBLEM_TYPE = "https://delegation-registry.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


class ProblemParam(BaseModel):
    """One bad parameter: its name, where it was sent, and why it was refused."""

    name: str
    # 'in' is a Python keyword: the field is `location`, serialised as "in".
    location: Literal["query", "path", "header", "cookie", "body"] = Field(alias="in")
    reason: str


class Problem(BaseModel):
    """An error, as application/problem+json."""

    type: str = Field(description="A URI naming the kind of problem.")
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[ProblemParam] = Field(default_factory=list)


def problem_body(
    status: int, title: str, detail: str, path: str, errors: list[dict[str, str]]
) -> bytes:
    """A problem's JSON: the one builder, for the routes' refusals (app.api.errors), the HTTP
    layer's own and its 500."""
    slug = HTTPStatus(status).phrase.lower().replace(" ", "-").replace("'", "")
    body = {
        "type": PROBLEM_TYPE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": path,
        "errors": errors,
    }
    return orjson.dumps(body)
