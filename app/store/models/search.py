"""The search index: every searchable text of every record, folded."""

from sqlmodel import Field, SQLModel

from app.store.models.common import Out


class SearchText(SQLModel, table=True):
    __tablename__ = "search_text"

    row: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)
    record_id: str = Field(index=True)
    name: str
    sort_name: str = Field(index=True)
    field: str
    text: str
    folded: str


class Match(Out):
    field: str
    text: str


class SearchHit(Out):
    kind: str
    id: str
    name: str
    matches: list[Match]
