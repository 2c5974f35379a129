"""Search across every kind of record."""

from typing import Literal

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from app.queries.common import text_contains
from app.queries.paging import ListQuery, paginate
from app.store.models.common import Listed
from app.store.models.search import Match, SearchHit, SearchText

Kind = Literal[
    "delegate", "organization", "cooperation-area", "event", "place", "delegation", "source"
]


def search(session: Session, params: ListQuery) -> Listed[SearchHit]:
    """Records of any kind (or of `kind`) whose names, other names or titles contain `q`."""
    if not params.q:
        raise ValueError("search needs q")  # SearchParams requires it
    hit = text_contains(session, params.q)
    stmt = select(SearchText.kind, SearchText.record_id, SearchText.name).where(hit)
    if params.get("kind"):
        stmt = stmt.where(col(SearchText.kind) == params.get("kind"))
    stmt = stmt.group_by(
        col(SearchText.kind),
        col(SearchText.record_id),
        col(SearchText.name),
        col(SearchText.sort_name),
    )
    keys = [col(SearchText.sort_name), col(SearchText.kind), col(SearchText.record_id)]
    rows, total, cursor = paginate(session, stmt, keys, "name", params.limit, params.cursor)
    matches: dict[tuple[str, str], list[Match]] = {(r[0], r[1]): [] for r in rows}
    if rows:
        found = session.exec(
            select(SearchText)
            .where(
                hit,
                or_(
                    *(
                        and_(col(SearchText.kind) == k, col(SearchText.record_id) == i)
                        for k, i in matches
                    )
                ),
            )
            .order_by(col(SearchText.row))
        ).all()
        for text in found:
            matches[(text.kind, text.record_id)].append(Match(field=text.field, text=text.text))
    items = [SearchHit(kind=r[0], id=r[1], name=r[2], matches=matches[(r[0], r[1])]) for r in rows]
    return Listed[SearchHit](items=items, total=total, next_cursor=cursor)
