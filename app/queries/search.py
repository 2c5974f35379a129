"""Search across every kind of record."""

from typing import Any, Literal

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.queries.common import text_contains
from app.queries.paging import ListQuery, decode_cursor, encode_cursor, keys_page
from app.store.models.common import Listed
from app.store.models.search import SearchText

Kind = Literal[
    "delegate", "organization", "cooperation-area", "event", "place", "delegation", "source"
]


def search(session: Session, params: ListQuery) -> Listed[dict[str, Any]]:
    """Records of any kind (or of `kind`) whose names, other names or titles contain `q`, by
    name (then kind and id), each with the texts that matched (SearchHit, as JSON).

    Every matching record is read once, with its sort key, and counted, ordered and cut in
    Python (`keys_page`), instead of resolving the matches twice in SQL (for the total, then
    for the page)."""
    if not params.q:
        raise ValueError("search needs q")  # SearchParams requires it
    hit = text_contains(session, params.q)
    stmt = select(
        SearchText.kind, SearchText.record_id, SearchText.name, func.min(SearchText.sort_name)
    ).where(hit)
    if params.get("kind"):
        stmt = stmt.where(col(SearchText.kind) == params.get("kind"))
    stmt = stmt.group_by(col(SearchText.kind), col(SearchText.record_id), col(SearchText.name))
    connection = session.connection()
    rows = connection.execute(stmt).all()
    records = {(kind, rid): name for kind, rid, name, _ in rows}
    keys = ((sort_name, kind, rid) for kind, rid, _, sort_name in rows)
    after = decode_cursor(params.cursor, "name", 3) if params.cursor else None
    page, more = keys_page(keys, "name", params.limit, after)
    cursor = encode_cursor("name", list(page[-1])) if more else None
    matches: dict[tuple[str, str], list[dict[str, str]]] = {(k, r): [] for _, k, r in page}
    if page:
        texts = connection.execute(
            select(SearchText.kind, SearchText.record_id, SearchText.field, SearchText.text)
            .where(hit, col(SearchText.record_id).in_({r for _, _, r in page}))
            .order_by(col(SearchText.row))
        )
        for kind, rid, field, text in texts:
            if (kind, rid) in matches:
                matches[(kind, rid)].append({"field": field, "text": text})
    items = [
        {"kind": k, "id": r, "name": records[(k, r)], "matches": matches[(k, r)]}
        for _, k, r in page
    ]
    return Listed(items, len(rows), cursor)
