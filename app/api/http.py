"""HTTP helpers the routers share: RFC 8288 Link headers and 404s."""

from typing import Any, TypeVar

from fastapi import Request, Response

from app.models.common import Page
from app.problems import NotFoundError, ParameterError

T = TypeVar("T")


def listed(request: Request, response: Response, page: Page[Any]) -> Page[Any]:
    """Add the `Link: <...>; rel="next"` header for a page that has a next one."""
    if page.next_cursor is not None:
        url = request.url.include_query_params(cursor=page.next_cursor)
        response.headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'
    return page


def found(kind: str, record_id: str, record: T | None) -> T:
    if record is None:
        raise NotFoundError(kind, record_id)
    return record


P = TypeVar("P", bound=Any)


def scoped(params: P, field: str, value: str) -> P:
    """`params` with `field` fixed to the path's id; a conflicting query value is a 422."""
    given = getattr(params, field)
    if given is not None and given != value:
        raise ParameterError(field, "query", "conflicts with the id in the path")
    return params.model_copy(update={field: value})  # type: ignore[no-any-return]
