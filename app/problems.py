"""RFC 9457 problem details: the one shape every error takes."""

from typing import Any, Literal

from pydantic import BaseModel, Field


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


class ProblemError(Exception):
    """Raised anywhere to answer with a problem."""

    def __init__(
        self, status: int, title: str, detail: str, errors: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors or []


class ParameterError(ProblemError):
    """A parameter the API cannot use: 422 naming it."""

    def __init__(self, name: str, location: str, reason: str) -> None:
        super().__init__(
            422,
            "Invalid parameter",
            f"{location} parameter {name!r}: {reason}",
            [{"name": name, "in": location, "reason": reason}],
        )


class NotFoundError(ProblemError):
    def __init__(self, kind: str, record_id: str) -> None:
        super().__init__(404, "Not found", f"no {kind} has the id {record_id!r}")
