"""Sub-collections: a list under a record's path (`/v1/places/{id}/events`), a 404 problem when
no record has that id. Each is declared by one call instead of a route function written out
again; the OpenAPI document sees an ordinary route."""

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from app.api import query_model
from app.api.deps import SessionDep, id_path
from app.api.errors import problem_responses
from app.api.negotiation import listed
from app.api.params import ListParams, fixed_by_path
from app.domain.errors import NotFoundError
from app.queries.common import record_exists
from app.queries.paging import ListQuery
from app.store.models.common import Listed, Page, Record

# One page of a record's list: (session, the record's id, what is asked) -> the page.
OwnedFetch = Callable[[Any, str, ListQuery], Listed[Any]]


def _kind(model: type[Record]) -> str:
    """`CooperationArea` -> "cooperation area", as a 404 names it."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower()


def owned_list(
    router: APIRouter,
    path: str,
    *,
    owner: type[Record],
    example: str,
    name: str,
    item: type[BaseModel],
    parameters: type[ListParams],
    fetch: OwnedFetch,
    doc: str,
) -> None:
    """GET `path`: `fetch`'s pages for the record of `owner` whose id the path names, taking
    the query parameters `parameters`."""
    kind = _kind(owner)

    def route(id: str, params: ListParams, session: SessionDep, request: Request) -> Response:
        if not record_exists(session, owner, id):
            raise NotFoundError(kind, id)
        return listed(request, session, params, lambda s, q: fetch(s, id, q))

    # The annotations FastAPI reads: the path's id (with its example) and the query model.
    route.__annotations__["id"] = Annotated[str, id_path(example)]
    route.__annotations__["params"] = Annotated[parameters, Query()]
    route.__doc__ = doc
    route.__name__ = name.replace("-", "_")
    page: Any = Page[item]  # type: ignore[valid-type]
    query_model.get(
        router, path, response_model=page, name=name, responses=problem_responses(404, 422)
    )(route)


def filtered_list(
    router: APIRouter,
    path: str,
    *,
    owner: type[Record],
    example: str,
    name: str,
    item: type[BaseModel],
    whole: type[ListParams],
    field: str,
    fetch: Callable[[Any, ListQuery], Listed[Any]],
    doc: str,
) -> None:
    """GET `path`: the list `fetch` serves, with its filter `field` set to the id in the path;
    its parameters are `whole`'s less `field` (app.api.params.fixed_by_path), so that a
    request still sending it is refused as any unknown parameter is."""
    less = type(
        f"{whole.__name__}By{field.title().replace('_', '')}",
        (whole,),
        {"__doc__": f"`{whole.__name__}` less `{field}`, which the path fixes."},
    )
    owned_list(
        router,
        path,
        owner=owner,
        example=example,
        name=name,
        item=item,
        parameters=fixed_by_path(field)(less),
        fetch=lambda s, i, q: fetch(s, replace(q, filters={**q.filters, field: i})),
        doc=doc,
    )
