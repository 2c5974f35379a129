"""The query parameters of every route, validated and documented for HTTP (the OpenAPI
document is built from them); `query()` hands the queries what they read, a `ListQuery`."""

import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

from app.domain.patterns import CURSOR, CURSOR_MAX, SEARCH, SLUG, SLUG_MAX, TEXT
from app.queries.paging import ListQuery

# What every list reads beside its filters (ListQuery's own fields), and what only HTTP does
# with a page (its media type, linked records, fields).
SHAPE = frozenset({"format", "limit", "cursor", "q", "sort", "facets", "include", "fields"})


def to_query(params: BaseModel) -> ListQuery:
    """What `params` asks of a query: sort, page, search, facets, and every filter it sets."""
    values = {name: getattr(params, name) for name in type(params).model_fields}
    facets = values.get("facets")
    return ListQuery(
        sort=values.get("sort") or "name",
        limit=values["limit"],
        cursor=values.get("cursor"),
        q=values.get("q"),
        facets=tuple(facets.split(",")) if facets else (),
        filters={k: v for k, v in values.items() if k not in SHAPE and v is not None},
    )


# ---------------------------------------------------------------- paging


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

    def query(self) -> ListQuery:
        return to_query(self)


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
