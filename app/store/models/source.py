"""Source documents: where the registry's facts come from."""

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from app.store.models.common import Out, Record


class Source(Record, table=True):
    __tablename__ = "source"

    title: str
    publisher: str | None = None
    updated: str | None = Field(default=None, description="Partial date of the last update.")
    published: str | None = None
    url: str | None = Field(default=None, description="The page's address.")
    language: str | None = None
    complete: bool | None = Field(
        default=None, description="Whether the stored copy of the page is complete."
    )
    note: str | None = None


class SourcePublic(Out):
    id: str
    name: str
    title: str
    publisher: str | None
    updated: str | None
    published: str | None
    url: str | None
    language: str | None
    complete: bool | None
    note: str | None


class SourceRecord(SQLModel, table=True):
    """A record citing a source, with the paragraphs it cites: built at load, so that a
    source's records are read page by page through one index, in the order they list in."""

    __tablename__ = "source_record"

    source_id: str = Field(foreign_key="source.id", primary_key=True)
    rank: int = Field(primary_key=True)  # the kind's place in CITING_KINDS
    sort_name: str = Field(primary_key=True)
    record_id: str = Field(primary_key=True)
    kind: str
    name: str
    paragraphs: list[int | None] = Field(default_factory=list, sa_type=JSON)


# The kinds of record that cite sources, in the order a source's records list them.
CITING_KINDS = ("event", "delegation", "delegate", "organization", "cooperation-area", "place")


class CitingRecord(Out):
    kind: str
    id: str
    name: str
    paragraphs: list[int | None]


class SourceDetail(SourcePublic):
    records: list[CitingRecord] = Field(
        description="The first records citing this source, in kind and name order; all of "
        "them, page by page, at `/v1/sources/{id}/records`."
    )
    records_total: int = Field(
        description="How many records cite this source; all of them, page by page, at "
        "`/v1/sources/{id}/records`."
    )
