"""One keyset paginator for every list: opaque cursors, stable under ties, exact totals."""

import base64
import binascii
import json
import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo
from sqlalchemy import Connection, Engine, Select, String, Table, func, select, tuple_
from sqlmodel import Session

from app.domain.errors import ParameterError
from app.domain.patterns import CURSOR, CURSOR_MAX, SEARCH, SLUG, SLUG_MAX, TEXT

AnySelect = Select[*tuple[Any, ...]]


def id_param(description: str, **extra: Any) -> Any:
    """A filter naming a record by its id (a slug)."""
    return Field(None, max_length=SLUG_MAX, pattern=SLUG, description=description, **extra)


def text_param(description: str, max_length: int = 200) -> Any:
    """A filter by free text (anything but control characters)."""
    return Field(None, max_length=max_length, pattern=TEXT, description=description)


def search_param(
    default: Any = None,
    description: str = "Case- and accent-insensitive search over names, other names and titles.",
) -> Any:
    """`q`: text to search, with something other than white space in it."""
    return Field(default, min_length=1, max_length=200, pattern=SEARCH, description=description)


def names_param(what: str, names: Iterable[str]) -> Any:
    """A comma-separated list of `names`, enumerated in the OpenAPI document."""
    allowed = sorted(names)
    odd = [n for n in allowed if not re.fullmatch(r"[a-z]+(?:[_.-][a-z]+)*", n)]
    if odd:
        raise ValueError(f"names the pattern below does not escape: {odd}")
    # Names are lower-case words joined by "_", "-" or "."; only "." needs escaping, and
    # ECMA-262 (JSON Schema's regular expressions, Unicode mode) refuses a needless "\-".
    one = "|".join(n.replace(".", r"\.") for n in allowed)
    return Field(
        None,
        max_length=500,
        pattern=f"^({one})(,({one}))*$",
        description=f"{what} Comma-separated, from: {', '.join(allowed)}.",
    )


def facets_param(*names: str) -> Any:
    return names_param(
        "Count the filtered records per value of these fields (the 50 most frequent values of "
        "each).",
        names,
    )


def include_param(*paths: str) -> Any:
    return names_param("Expand these linked summaries into full records.", paths)


def fields_param(model: type[BaseModel]) -> Any:
    return names_param("Return only these fields of each item.", model.model_fields)


class ListParams(BaseModel):
    """Parameters every list takes."""

    model_config = ConfigDict(extra="forbid")

    facet_names: ClassVar[tuple[str, ...]] = ()
    """What `facets` may name: filters of the same names (a facet value's link sets one)."""

    format: Literal["json", "csv", "ndjson"] | None = Field(
        None,
        description="Export every page as CSV or NDJSON (overrides `Accept`); `json` is a page.",
    )

    limit: int = Field(20, ge=1, le=100, description="Items per page (1-100).")
    cursor: str | None = Field(
        None,
        max_length=CURSOR_MAX,
        pattern=CURSOR,
        description="Opaque cursor from a previous page's `next_cursor`; omit for the first page.",
    )
    q: str | None = search_param()


P = TypeVar("P", bound=ListParams)
OPTIONAL_TEXT: Any = str | None


def fixed_by_path(field: str) -> Callable[[type[P]], type[P]]:
    """A class decorator for the parameters of a sub-collection whose path fixes the filter
    `field`: they offer neither that parameter nor its facet (whose links would set it), and
    a request that still sends it is refused as any unknown parameter is (extra="forbid")."""

    def fix(scoped: type[P]) -> type[P]:
        fields = scoped.__pydantic_fields__
        del fields[field]
        names = tuple(name for name in scoped.facet_names if name != field)
        if names != scoped.facet_names:
            scoped.facet_names = names
            facets = FieldInfo.from_annotated_attribute(OPTIONAL_TEXT, facets_param(*names))
            fields["facets"] = facets
        scoped.model_rebuild(force=True)
        return scoped

    return fix


# The data version answering the current request (app.api.serving.pin sets it): sealed in the
# cursors it issues, so that the next page is read from the same version.
SERVING_VERSION: ContextVar[str | None] = ContextVar("serving_version", default=None)


def encode_cursor(sort: str, values: Sequence[Any]) -> str:
    version = SERVING_VERSION.get()
    sealed = [sort, list(values)] if version is None else [sort, list(values), version]
    raw = json.dumps(sealed, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decoded(cursor: str) -> Any:
    padded = cursor + "=" * (-len(cursor) % 4)
    return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))


def cursor_version(cursor: str) -> str | None:
    """The data version a cursor was issued from (None: not said, or not a cursor)."""
    try:
        decoded = _decoded(cursor)
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        return None
    if isinstance(decoded, list) and len(decoded) == 3 and isinstance(decoded[2], str):
        return decoded[2]
    return None


def decode_cursor(cursor: str, sort: str, size: int) -> list[Any]:
    try:
        decoded: Any = _decoded(cursor)
        sort_in, values, *version = decoded
        if len(version) > 1 or not all(isinstance(v, str) for v in version):
            raise ValueError("not a cursor")
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        raise ParameterError("cursor", "query", "not a cursor this API issued") from None
    serving = SERVING_VERSION.get()
    if version and serving is not None and version[0] != serving:
        raise ParameterError(
            "cursor",
            "query",
            f"the cursor was issued for data version {version[0]}, which is no longer "
            "served: start again from the first page",
        )
    if sort_in != sort:
        raise ParameterError("cursor", "query", f"the cursor was issued for sort={sort_in!r}")
    valid = isinstance(values, list) and len(values) == size
    if not valid or not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values):
        raise ParameterError("cursor", "query", "not a cursor this API issued")
    return list(values)


def paginate(
    session: Session,
    stmt: AnySelect,
    keys: Sequence[Any],
    sort: str,
    limit: int,
    cursor: str | None,
    total: int | None = None,
) -> tuple[list[Any], int, str | None]:
    """Run `stmt` ordered by `keys` (ending in a unique column), one page after `cursor`.

    `sort` names the order (a leading '-' means descending); it is sealed in the cursor so a
    cursor cannot be replayed under another order. Returns (rows, total, next cursor); each row
    has the columns `stmt` selects, by name (the key columns are left out).

    Rows are read with SQLAlchemy Core, not the ORM: building entities cost more than the
    query. `total`, when the caller knows it, saves counting, as does a first page that holds
    every row.
    """
    descending = sort.startswith("-")
    if session.get_bind().dialect.name == "postgresql":
        # Byte order, as on SQLite: the same pages whatever the database's collation.
        keys = [k.collate("C") if isinstance(k.type, String) else k for k in keys]
    connection = session.connection()
    labels = [f"_key{i}" for i in range(len(keys))]
    page = stmt.add_columns(*(key.label(label) for key, label in zip(keys, labels, strict=True)))
    if cursor is not None:
        after = decode_cursor(cursor, sort, len(keys))
        row_key, cursor_key = tuple_(*keys), tuple_(*after)
        page = page.where(row_key < cursor_key if descending else row_key > cursor_key)
    page = page.order_by(*(key.desc() if descending else key.asc() for key in keys))
    rows = list(connection.execute(page.limit(limit + 1)).all())
    more = len(rows) > limit
    rows = rows[:limit]
    if total is None and cursor is None and not more:
        total = len(rows)  # a first page that holds every row has counted them
    if total is None:
        counted = select(func.count()).select_from(stmt.order_by(None).subquery())
        total = connection.execute(counted).scalar_one()
    next_cursor = (
        encode_cursor(sort, [getattr(rows[-1], label) for label in labels])
        if more and rows
        else None
    )
    return rows, int(total), next_cursor


# Whole-table totals per engine (database), which cannot change once loaded.
_TABLE_TOTALS: weakref.WeakKeyDictionary[Engine, dict[str, int]] = weakref.WeakKeyDictionary()


def table_total(connection: Connection, table: Table) -> int:
    """The number of rows in `table`, counted once per database."""
    totals = _TABLE_TOTALS.setdefault(connection.engine, {})
    if table.name not in totals:
        count = connection.execute(select(func.count()).select_from(table)).scalar_one()
        totals[table.name] = int(count)
    return totals[table.name]
