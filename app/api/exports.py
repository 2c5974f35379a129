"""Lists beyond one JSON page: every page as CSV or NDJSON, `include` and `fields`."""

import csv
import io
import json
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from fastapi import Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlmodel import Session

from app.api.params import ListParams
from app.api.serving import pinned
from app.queries import events, organizations, places
from app.queries.paging import ListQuery
from app.store.models.common import Listed, PartialDateOut, Summary, as_json
from app.store.models.delegate import DelegatePublic
from app.store.models.delegation import DelegationPublic
from app.store.models.event import EventPublic
from app.store.models.organization import OrganizationPublic
from app.store.models.place import PlacePublic

# A list's query function: one page of what a ListQuery asks for.
Fetch = Callable[[Session, ListQuery], Listed[Any]]
EXPORT_PAGE = 500
MEDIA = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}

Expander = Callable[[Session, list[str]], Mapping[str, BaseModel | dict[str, Any]]]
# What `include` can expand, per kind of item: a path to summaries, and the records they become.
INCLUDES: dict[type[BaseModel], dict[str, Expander]] = {
    DelegatePublic: {
        "position.organization": organizations.public_by_ids,
        "position.place": places.public_by_ids,
    },
    OrganizationPublic: {
        "parent": organizations.public_by_ids,
        "country": places.public_by_ids,
        "place": places.public_by_ids,
    },
    EventPublic: {
        "parent": events.public_by_ids,
        "place": places.public_by_ids,
        "venue": organizations.public_by_ids,
    },
    PlacePublic: {"parent": places.public_by_ids, "country": places.public_by_ids},
    DelegationPublic: {"origins": places.public_by_ids, "destinations": places.public_by_ids},
}


def expand(
    request: Request, session: Session, items: list[dict[str, Any]], paths: list[str]
) -> None:
    """Replace the summaries at each path (`parent`, `position.organization`) by records."""
    expanders = INCLUDES[item_model(request)]
    for path in paths:
        *steps, last = path.split(".")
        holders: list[dict[str, Any]] = list(items)
        for step in steps:
            found = [item.get(step) for item in holders]
            holders = [h for v in found if v for h in (v if isinstance(v, list) else [v])]
        values = [h[last] for h in holders if h.get(last)]
        flat = [v for value in values for v in (value if isinstance(value, list) else [value])]
        records = expanders[path](session, [v["id"] for v in flat])
        for holder in holders:
            value = holder.get(last)
            if isinstance(value, list):
                holder[last] = [as_json(records[v["id"]]) for v in value]
            elif value:
                holder[last] = as_json(records[value["id"]])


def only(item: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    return {name: item[name] for name in fields if name in item}


def item_model(request: Request) -> type[BaseModel]:
    page_model = request.scope["route"].response_model
    (item,) = typing.get_args(page_model.model_fields["items"].annotation)
    model: type[BaseModel] = item
    return model


def _base(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        return inner
    return annotation


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        named = [v["name"] for v in value.values() if isinstance(v, dict) and "name" in v]
        if "title" in value and named:
            return f"{value['title']}, {named[0]}"
        if "name" in value:
            return str(value["name"])
        if "field" in value and "text" in value:
            return f"{value['field']}: {value['text']}"
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    return str(value)


Reader = Callable[[dict[str, Any]], str]


def _part(name: str, key: str) -> Reader:
    """The `key` of the object in field `name` (empty when the field is null)."""

    def read(item: dict[str, Any]) -> str:
        value = item.get(name) or {}
        return str(value.get(key, ""))

    return read


def _whole(name: str) -> Reader:
    def read(item: dict[str, Any]) -> str:
        return _cell(item.get(name))

    return read


def _columns(model: type[BaseModel], fields: list[str] | None) -> list[tuple[str, Reader]]:
    """CSV columns for `model`: linked records as `<field>_id` and `<field>_name`, partial
    dates as `<field>` and `<field>_precision`, lists joined with '; '."""
    columns: list[tuple[str, Reader]] = []
    for name, field in model.model_fields.items():
        if fields and name not in fields:
            continue
        base = _base(field.annotation)
        if base is Summary:
            columns += [(f"{name}_id", _part(name, "id")), (f"{name}_name", _part(name, "name"))]
        elif base is PartialDateOut:
            columns += [
                (name, _part(name, "value")),
                (f"{name}_precision", _part(name, "precision")),
            ]
        else:
            columns.append((name, _whole(name)))
    return columns


def _pages(request: Request, params: ListParams, fetch: Fetch) -> Iterator[list[dict[str, Any]]]:
    """The items of every page, a page at a time (at least one, maybe empty), read in one
    session of its own (in place of the request's own, which never connects: the request's
    session slot, app.api.deps, stands for it)."""
    version = pinned(request.scope)  # every page from the version the request was pinned to
    database = version.database if version else request.app.state.database
    query = replace(params.query(), limit=EXPORT_PAGE, facets=())
    with Session(database.engine) as session:
        cursor: str | None = None
        while True:
            page = fetch(session, replace(query, cursor=cursor))
            yield [as_json(item) for item in page.items]
            cursor = page.next_cursor
            if cursor is None:
                return


def stream(request: Request, params: ListParams, fetch: Fetch, media: str) -> StreamingResponse:
    """Every page of the list, with the same filters and search, as CSV or NDJSON."""
    fields_param: str | None = getattr(params, "fields", None)
    fields = fields_param.split(",") if fields_param else None
    pages = _pages(request, params, fetch)
    name = request.url.path.strip("/").removeprefix("v1/").replace("/", "-")
    # One chunk a page: each chunk is read in a worker thread, and a hop a row (100,000 for
    # the delegates) took most of an export's time.
    if media == "csv":
        columns = _columns(item_model(request), fields)

        def chunks() -> Iterator[str]:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow([header for header, _ in columns])
            for items in pages:
                writer.writerows([read(item) for _, read in columns] for item in items)
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()

        body: Iterator[str] = chunks()
    else:
        body = (
            "".join(
                json.dumps(only(item, fields) if fields else item, ensure_ascii=False) + "\n"
                for item in items
            )
            for items in pages
        )
    return StreamingResponse(
        body,
        media_type=MEDIA[media],
        headers={"Content-Disposition": f'attachment; filename="{name}.{media}"'},
    )
