"""The search index: every searchable text of every record, folded."""

from sqlalchemy import Index
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


class SearchRecord(SQLModel, table=True):
    """One row per searchable record: its folded texts (search_text) joined by a line break,
    which neither a folded text nor a folded needle holds, so no match spans two texts.

    Rows are numbered in the order (kind, sort_name, record_id), byte-wise: each kind's records
    are one range of rows, in the order of their lists by name. The first matches of a page
    are then the first matching rows of the range (the trigram index walks its matches in row
    order and stops there), and counting them reads only the index."""

    __tablename__ = "search_record"

    row: int = Field(primary_key=True)
    kind: str
    record_id: str
    name: str
    sort_name: str
    folded: str


# Where a cursor falls in a kind's range: the first row whose (sort_name, record_id) follows
# the cursor's, found by a seek (app.queries.matches), in byte order on either database.
_record = SearchRecord.__table__  # type: ignore[attr-defined]
Index(
    "ix_search_record_kind_sort_name_record_id",
    _record.c.kind,
    _record.c.sort_name,
    _record.c.record_id,
).ddl_if(dialect="sqlite")
Index(
    "ix_search_record_kind_sort_name_record_id_c",
    _record.c.kind,
    _record.c.sort_name.collate("C"),
    _record.c.record_id.collate("C"),
).ddl_if(dialect="postgresql")


class Match(Out):
    field: str
    text: str


class SearchHit(Out):
    kind: str
    id: str
    name: str
    matches: list[Match]
