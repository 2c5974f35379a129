"""Source documents: where the registry's facts come from."""

from sqlmodel import Field

from app.models.common import Out, Record


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


class CitingRecord(Out):
    kind: str
    id: str
    name: str
    paragraphs: list[int | None]


class SourceDetail(SourcePublic):
    records: list[CitingRecord]
