"""What a request asked that the registry cannot answer: raised by the queries (a cursor this
API never issued, an id nothing has), answered by the api as RFC 9457 problem details with
the status each carries."""

from typing import Any


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
