"""Each list's filters, declared once: the same definition narrows its page, counts its
total and counts its facets, so that a facet value's count is the total of the list its
link opens.

A filter is a column of the listed table (`column`), or a link table's (owner, value)
columns (`link`), the owner being the listed record's id. Filters of one `group` hold on
the same link row: `event`, `role` and `side` of a delegate are one participation (the part
played and the side taken at that event), not three independent ones.

Facets are counted as lists with facets usually are ("disjunctive" facets): a facet's
counts read every filter but its own (and, for a facet of a group, the group's other
filters on the same link row), so a value's count is what choosing that value would list.
"""

import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, func
from sqlmodel import Session, col, select

from app.queries.common import summaries
from app.queries.paging import AnySelect, ListQuery
from app.store.models.common import FacetValue, Record

FACET_SIZE = 50  # values per facet, the most frequent first
# The most records a facet of a searched or filtered list counts: beyond, it is not counted
# (and the page says so), so that its cost does not grow with the registry. The facets of a
# whole list are always counted (once per database).
FACET_RECORDS_MAX = 10_000


@dataclass(frozen=True)
class Filter:
    """One filter of a list, and its facet."""

    column: Any = None  # a column of the listed table
    link: tuple[Any, Any] | None = None  # a link table's (owner, value) columns
    on: Any = None  # how the link's owner and value tables join, when they are two
    names: type[Record] | None = None  # label the values (ids) with this table's names
    group: str | None = None  # filters of one group hold on the same link row


Filters = Mapping[str, Filter]


def given(filters: Filters, params: ListQuery) -> dict[str, Any]:
    """{name: value} of the declared filters that `params` sets."""
    return {name: params.filters[name] for name in filters if name in params.filters}


def _on_link(spec: Filter, value: Any) -> list[ColumnElement[bool]]:
    """Conditions on a link row: its value is `value`."""
    assert spec.link is not None
    conditions = [col(spec.link[1]) == value]
    if spec.on is not None:
        conditions.append(spec.on)
    return conditions


def narrow(
    stmt: AnySelect,
    model: type[Record],
    filters: Filters,
    values: Mapping[str, Any],
    skip: frozenset[str] = frozenset(),
) -> AnySelect:
    """`stmt` (a select of `model`) with every filter in `values` applied but those in `skip`."""
    groups: dict[str, list[ColumnElement[bool]]] = {}
    owners: dict[str, Any] = {}
    for name, value in values.items():
        spec = filters[name]
        if name in skip:
            continue
        if spec.link is None:
            stmt = stmt.where(col(spec.column) == value)
        elif spec.group is None:
            having = select(spec.link[0]).where(*_on_link(spec, value))
            stmt = stmt.where(col(model.id).in_(having))
        else:
            groups.setdefault(spec.group, []).extend(_on_link(spec, value))
            owners[spec.group] = spec.link[0]
    for group, conditions in groups.items():
        stmt = stmt.where(col(model.id).in_(select(owners[group]).where(*conditions)))
    return stmt


# The facets of whole lists (no `q`, no filter but the facet's own), per engine (database):
# they cannot change once loaded, and counting them reads every link row of the table.
_WHOLE_LIST_FACETS: weakref.WeakKeyDictionary[
    Engine, dict[tuple[str, str], tuple[FacetValue, ...]]
] = weakref.WeakKeyDictionary()


def facet_counts(
    session: Session,
    base: AnySelect,
    model: type[Record],
    filters: Filters,
    values: Mapping[str, Any],
    name: str,
    total: int | None = None,
) -> list[FacetValue] | None:
    """The `FACET_SIZE` most frequent values of facet `name` among the records `base` (a
    select of `model`) and the filters in `values` select, each with how many records
    choosing it would list; None (not counted) when they are more than `FACET_RECORDS_MAX`.
    `total`, the list's, is how many they are when no filter of the facet's own is set.

    A facet of the whole list is counted once per database and kept, as whole-table totals
    are: it reads every link row (100,000 positions for the delegates' organizations)."""
    spec = filters[name]
    skipped = own_filters(filters, name)
    on_fellows = [f for f in sorted(skipped - {name}) if f in values]
    whole = all(n in skipped for n in values) and base.compare(select(model))
    if not whole:
        listed = narrow(base, model, filters, values, skipped)
        if total is not None and not skipped & values.keys():  # the list's own records
            too_many = total > FACET_RECORDS_MAX
        else:
            too_many = _more_than(
                session, listed.with_only_columns(col(model.id)), FACET_RECORDS_MAX
            )
        if too_many:
            return None
        return _counted(session, listed, model, filters, values, name)
    if on_fellows:  # the whole list, on the link rows of the same participation only
        assert spec.link is not None
        conditions = [c for f in on_fellows for c in _on_link(filters[f], values[f])]
        if _more_than(session, select(spec.link[0]).where(*conditions), FACET_RECORDS_MAX):
            return None
        return _counted(session, None, model, filters, values, name)
    kept = _WHOLE_LIST_FACETS.setdefault(session.connection().engine, {})
    key = (str(model.__table__.name), name)  # type: ignore[attr-defined]
    if key not in kept:
        kept[key] = tuple(_counted(session, None, model, filters, values, name))
    return list(kept[key])


def _more_than(session: Session, rows: AnySelect, most: int) -> bool:
    """Whether `rows` selects more than `most` rows: a count that stops after `most` + 1."""
    bounded = rows.order_by(None).limit(most + 1).subquery()
    found = session.connection().execute(select(func.count()).select_from(bounded)).scalar_one()
    return int(found) > most


def own_filters(filters: Filters, name: str) -> frozenset[str]:
    """The filters facet `name` reads none of: its own, and its group's (the other filters of
    the same link row)."""
    group = filters[name].group
    return frozenset(
        {name} | {n for n, s in filters.items() if group is not None and s.group == group}
    )


def _counted(
    session: Session,
    listed: AnySelect | None,
    model: type[Record],
    filters: Filters,
    values: Mapping[str, Any],
    name: str,
) -> list[FacetValue]:
    """`facet_counts`, counted over `listed` (a select of `model`, narrowed by every filter
    but the facet's own: `narrow(..., own_filters(filters, name))`), and on the link rows
    its group's filters in `values` hold on; `listed` None: over the whole table (every link
    row's owner is one of its records: a foreign key)."""
    spec = filters[name]
    fellows = own_filters(filters, name) - {name}
    ids = None if listed is None else listed.order_by(None).subquery()
    if spec.link is not None:
        owner, value = spec.link
        stmt = select(value, func.count(func.distinct(owner))).group_by(value)
        if ids is not None:
            stmt = stmt.where(owner.in_(select(ids.c.id)))
        if spec.on is not None:
            stmt = stmt.where(spec.on)
        for fellow in sorted(fellows):
            if fellow in values:
                stmt = stmt.where(*_on_link(filters[fellow], values[fellow]))
    else:
        source = model.__table__ if ids is None else ids  # type: ignore[attr-defined]
        value = source.c[spec.column.key]
        stmt = select(value, func.count()).select_from(source).group_by(value)
    # The most frequent values only: a facet over a large registry (organizations of 100,000
    # delegates) would otherwise list thousands.
    stmt = stmt.order_by(func.count().desc(), value).limit(FACET_SIZE)
    counts = [
        (None if v is None else str(v), int(n)) for v, n in session.connection().execute(stmt)
    ]
    names = summaries(session, spec.names, (v for v, _ in counts)) if spec.names else {}
    found = [
        FacetValue(value=v, label=names[v].name if v in names else (v or "unknown"), count=n)
        for v, n in counts
    ]
    return sorted(found, key=lambda f: (-f.count, f.label))


def facets_of(
    session: Session,
    base: AnySelect,
    model: type[Record],
    filters: Filters,
    params: ListQuery,
    total: int | None = None,
) -> dict[str, list[FacetValue] | None] | None:
    """The facets `params.facets` asks for (None when it asks for none); a facet over more
    than `FACET_RECORDS_MAX` records of a searched or filtered list is None: not counted.
    `total` is the list's (its page's total), when known."""
    if not params.facets:
        return None
    values = given(filters, params)
    return {
        name: facet_counts(session, base, model, filters, values, name, total)
        for name in params.facets
    }
