"""Pieces every resource shares: table columns, summaries, citations, the list envelope."""

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any, Generic, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict
from sqlalchemy import JSON
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel

from app.domain.dates import Precision


def enum_type(enum: type[StrEnum]) -> Any:
    """A VARCHAR column for `enum`: the same text and order on SQLite and PostgreSQL."""
    return SAEnum(
        enum, native_enum=False, length=40, values_callable=lambda e: [m.value for m in e]
    )


class Record(SQLModel):
    """Columns of every top-level record table."""

    id: str = Field(primary_key=True, max_length=120)
    name: str
    # Indexed together with `id` (the paging key), in app.store.models.
    sort_name: str = Field(description="Folded name, the default sort key.")
    fixture: str = Field(description="The fixture file that defines the record.")
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


# How many linked records a detail lists in each of its lists that grow with the registry; its
# `<list>_total` counts them all, and a sub-collection pages through every one.
FIRST_LINKED = 50


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Summary(Out):
    """A linked record, named."""

    id: str
    name: str


class Citation(Out):
    """Where a source states a fact: paragraph 0 is the headline, 1 the first body paragraph."""

    source: Summary
    paragraph: int | None


class OtherName(Out):
    """Another name a source gives the record: another spelling, an abbreviation."""

    name: str
    sources: list[Citation]


class PartialDateOut(Out):
    """A date at the precision the source gives, with the span of days it may denote."""

    value: str
    precision: Precision
    earliest: str
    latest: str


T = TypeVar("T")


class FacetValue(Out):
    """How many records of the filtered list have this value; `href` lists just those."""

    value: str | None
    label: str
    count: int
    href: str | None = None


class Page(Out, Generic[T]):
    """One page of a list; follow `next_cursor` (or the Link header) for the next."""

    items: list[T]
    total: int
    next_cursor: str | None


@dataclass
class Listed(Generic[T]):
    """One page of a list as the queries return it: its items (response models, or JSON-ready
    dicts built straight from rows), the total, the next cursor and the facets asked for.
    Routes send it as `Page` of their item model (its schema), with `facets` beside."""

    items: list[T]
    total: int
    next_cursor: str | None
    facets: dict[str, list[FacetValue] | None] | None = None  # None: a facet not counted


class Document:
    """A record's JSON text as rendered at load (a list item, e.g. person.listed): a page
    sends it as it is (`sendable`), and only a page that is reshaped (`fields`, `include`,
    exports) decodes it (`as_json`)."""

    __slots__ = ("text",)

    def __init__(self, text: str | bytes) -> None:
        self.text = text


def as_json(record: BaseModel | dict[str, Any] | Document) -> dict[str, Any]:
    """A record as JSON-ready data: a model as FastAPI would send it, a dict (built straight
    from rows by the queries) as it is, a rendered document decoded."""
    if isinstance(record, dict):
        return record
    if isinstance(record, Document):
        decoded: dict[str, Any] = orjson.loads(record.text)
        return decoded
    return record.model_dump(mode="json", by_alias=True)


def sendable(record: BaseModel | dict[str, Any] | Document) -> Any:
    """A record as orjson sends it: a rendered document as its text, untouched."""
    return orjson.Fragment(record.text) if isinstance(record, Document) else as_json(record)


def citations(sources: list[dict[str, Any]]) -> list[Citation]:
    return [Citation.model_validate(s) for s in sources]


def other_names(values: list[dict[str, Any]]) -> list[OtherName]:
    return [OtherName.model_validate(v) for v in values]


def date_json(text: str | None, precision: Any, earliest: Any, latest: Any) -> Any:
    """A partial date's JSON (PartialDateOut) from its columns; None when unknown. (The
    queries read it per request; the loader renders list items with it, app.ingest.derived.)"""
    if text is None or earliest is None or latest is None:
        return None
    value = precision.value if isinstance(precision, Enum) else precision
    return {"value": text, "precision": value, "earliest": earliest, "latest": latest}


def partial_date(
    text: str | None, precision: Any, earliest: str | None, latest: str | None
) -> PartialDateOut | None:
    """A partial date from its columns; None when unknown."""
    if text is None or earliest is None or latest is None:
        return None
    return PartialDateOut(value=text, precision=precision, earliest=earliest, latest=latest)
