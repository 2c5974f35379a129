"""Delegates: every named person.

With 100,000 people this is the registry's largest list, so its pages and details are plain
SQL on the session's own connection (`app.queries.rows`), built as JSON-ready dicts: measured
with `wrk -c32` on 1,000 generated visits, the same statements in SQLAlchemy Core answered
25-40% fewer requests per second (first page 606-699 vs 427-470 req/s, detail 1,059-1,292 vs
676-880, `q=kelly` 42-45 vs 26-36, `role=member` 262-404 vs 209-227). Its filters are declared
once (`FILTERS`): the pages read them as SQL (`rows.filter_sql`), the facets through Core
(`filters.facets_of`), so that both select the same people. The
response models in `app.store.models.delegate` still define (and document) their shape.
"""

from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from app.queries.filters import Filter, facets_of, given
from app.queries.matches import (
    Wanted,
    count_matches,
    first_matches,
    kind_rows,
    matching,
    needle_of,
)
from app.queries.paging import (
    AnySelect,
    ListQuery,
    decode_cursor,
    encode_cursor,
    keys_page,
    table_total,
)
from app.queries.rows import fetch, filter_sql, json_value, placeholders
from app.store.models.common import Document, Listed, date_json
from app.store.models.delegate import Person, Position
from app.store.models.delegation import Delegation, DelegationMember
from app.store.models.event import Event, EventPerson
from app.store.models.organization import Organization
from app.store.search_index import SEARCH_INDEX

# event, role and side hold on one participation: the part played and the side taken there
FILTERS = {
    "organization": Filter(link=(Position.person_id, Position.organization_id), names=Organization),
    "event": Filter(
        link=(EventPerson.person_id, EventPerson.event_id), names=Event, group="took_part"
    ),
    "role": Filter(link=(EventPerson.person_id, EventPerson.role), group="took_part"),
    "side": Filter(link=(EventPerson.person_id, EventPerson.side), group="took_part"),
    "delegation": Filter(
        link=(DelegationMember.person_id, DelegationMember.delegation_id), names=Delegation
    ),
}


def _summary(record_id: str | None, name: str | None) -> dict[str, str] | None:
    return None if record_id is None or name is None else {"id": record_id, "name": name}


def _positions(session: Session, person_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """{person id: [position]} in date order (undated first), each with its organization
    and place summaries."""
    out: dict[str, list[dict[str, Any]]] = {pid: [] for pid in person_ids}
    if not person_ids:
        return out
    rows = fetch(
        session,
        "SELECT p.person_id, p.title, o.id, o.name, pl.id, pl.name, p.date, p.date_precision,"
        " p.date_earliest, p.date_latest, p.sources FROM position p"
        " LEFT JOIN organization o ON o.id = p.organization_id"
        " LEFT JOIN place pl ON pl.id = p.place_id"
        f" WHERE p.person_id IN ({placeholders(len(person_ids))})"
        " ORDER BY p.person_id, coalesce(p.date_earliest, ''), p.row",
        person_ids,
    )
    for person_id, title, org_id, org_name, place_id, place_name, *date, sources in rows:
        out[person_id].append(
            {
                "title": title,
                "organization": _summary(org_id, org_name),
                "place": _summary(place_id, place_name),
                "date": date_json(*date),
                "sources": json_value(sources),
            }
        )
    return out


def _found(session: Session, q: str) -> tuple[str, list[Any]]:
    """The condition on search_record rows of delegates that match `q`, and its parameters."""
    indexed, needle = needle_of(session, q)  # an FTS5 phrase, or a LIKE pattern
    first, last = kind_rows(session, "delegate")
    if indexed:  # the trigram index (SQLite)
        index = SEARCH_INDEX.name
        return (
            f"row IN (SELECT rowid FROM {index} WHERE {index} MATCH ? AND rowid BETWEEN ? AND ?)",
            [needle, first, last],
        )
    return "row BETWEEN ? AND ? AND folded LIKE ? ESCAPE '\\'", [first, last, needle]


def list_delegates(session: Session, params: ListQuery) -> Listed[Document]:
    values = given(FILTERS, params)
    conditions, args = filter_sql("p", FILTERS, values)
    if params.q:
        found, found_args = _found(session, params.q)
        conditions.append(f"p.id IN (SELECT record_id FROM search_record WHERE {found})")
        args += found_args
    keys = ["p.id"] if params.sort.removeprefix("-") == "id" else ["p.sort_name", "p.id"]
    after = decode_cursor(params.cursor, params.sort, len(keys)) if params.cursor else None
    if params.q and not values and all(isinstance(v, str) for v in after or []):
        rows, total = _search_page(session, params, after)
    else:
        rows, total = _page(session, params, conditions, args, keys, after)
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    cursor = None
    if more and rows:
        last = rows[-1]
        cursor = encode_cursor(params.sort, [last[0]] if len(keys) == 1 else [last[2], last[0]])
    facets = None
    if params.facets:  # counted through Core, over the same filters
        base: AnySelect = sa_select(Person)
        if params.q:
            base = base.where(col(Person.id).in_(matching(session, "delegate", params.q)))
        facets = facets_of(session, base, Person, FILTERS, params, int(total))
    items = [Document(row[1]) for row in rows]  # as rendered at load (listed_people)
    return Listed[Document](items, int(total), cursor, facets)


def _page(
    session: Session,
    params: ListQuery,
    conditions: list[str],
    args: list[Any],
    keys: list[str],
    after: list[Any] | None,
) -> tuple[list[Any], int]:
    """Up to limit + 1 people after `after` in the list's order, and the total."""
    if conditions:
        where = " WHERE " + " AND ".join(conditions)
        total = fetch(session, f"SELECT count(*) FROM person p{where}", args)[0][0]
    else:
        total = table_total(session.connection(), Person.__table__)  # type: ignore[attr-defined]
    descending = params.sort.startswith("-")
    page_conditions, page_args = list(conditions), list(args)
    if after is not None:
        row_key = f"({', '.join(f'{k}{{C}}' for k in keys)})"
        page_conditions.append(
            f"{row_key} {'<' if descending else '>'} ({placeholders(len(keys))})"
        )
        page_args += after
    order = ", ".join(f"{k}{{C}}{' DESC' if descending else ''}" for k in keys)
    rows = fetch(
        session,
        "SELECT p.id, p.listed, p.sort_name FROM person p"
        + (" WHERE " + " AND ".join(page_conditions) if page_conditions else "")
        + f" ORDER BY {order} LIMIT ?",
        [*page_args, params.limit + 1],
    )
    return rows, int(total)


def _search_page(
    session: Session, params: ListQuery, after: list[Any] | None
) -> tuple[list[Any], int]:
    """`_page` when `q` is the only filter. By name, the page is the first matching rows of
    the delegates' range of search_record (numbered in name order), and the total a count
    over the index (app.queries.matches): neither reads every match. By id, every match is
    read once and ordered and cut in Python (`keys_page`)."""
    assert params.q is not None
    if params.sort.removeprefix("-") == "id":
        found, args = _found(session, params.q)
        ids = fetch(session, f"SELECT record_id FROM search_record WHERE {found}", args)
        first, _ = keys_page(((i,) for (i,) in ids), params.sort, params.limit + 1, after)
        page, total = [key[0] for key in first], len(ids)
    else:
        descending = params.sort.startswith("-")
        wanted: list[Wanted] = [("delegate", after, "key")]
        hits = first_matches(session, params.q, params.limit + 1, wanted, descending)
        page = [hit.record_id for hit in hits]
        total = count_matches(session, "delegate", params.q)
    if not page:
        return [], total
    people = {
        row[0]: row
        for row in fetch(
            session,
            "SELECT p.id, p.listed, p.sort_name FROM person p"
            f" WHERE p.id IN ({placeholders(len(page))})",
            page,
        )
    }
    return [people[pid] for pid in page], total


def get_delegate(session: Session, delegate_id: str) -> dict[str, Any] | None:
    """A DelegateDetail dict: titles and events in date order (with the side taken at each),
    delegations, sources."""
    found = fetch(
        session, "SELECT id, name, other_names, sources FROM person WHERE id = ?", [delegate_id]
    )
    if not found:
        return None
    person_id, name, other_names, sources = found[0]
    took_part = fetch(
        session,
        "SELECT e.id, e.name, e.start, e.start_precision, e.start_earliest, e.start_latest,"
        " ep.role, ep.side, ep.activity, ep.sources FROM event_person ep"
        " JOIN event e ON e.id = ep.event_id WHERE ep.person_id = ?"
        " ORDER BY coalesce(e.start_earliest, '9999-12-31'), e.sort_name, ep.role",
        [person_id],
    )
    memberships = fetch(
        session,
        "SELECT d.id, d.name, dm.role, dm.sources FROM delegation_member dm"
        " JOIN delegation d ON d.id = dm.delegation_id WHERE dm.person_id = ?"
        " ORDER BY d.sort_name, d.id",
        [person_id],
    )
    positions = _positions(session, [person_id])[person_id]
    return {
        "id": person_id,
        "name": name,
        "other_names": json_value(other_names),
        "position": positions[-1] if positions else None,
        "positions": positions,
        "events": [
            {
                "event": {"id": event_id, "name": event_name},
                "start": date_json(*start),
                "role": role,
                "side": side,
                "activity": activity,
                "sources": json_value(cited),
            }
            for event_id, event_name, *start, role, side, activity, cited in took_part
        ],
        "delegations": [
            {
                "delegation": {"id": delegation_id, "name": delegation_name},
                "role": role,
                "sources": json_value(cited),
            }
            for delegation_id, delegation_name, role, cited in memberships
        ],
        "sources": json_value(sources),
    }
