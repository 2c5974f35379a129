"""What a parameter may contain: each pattern defined once, for the OpenAPI document (which
declares it) and the server (which refuses anything else).

Patterns are written so that JSON Schema (ECMA-262), Python's `re` and pydantic's Rust
engine read them alike: character classes and `\\xHH` / `\\uHHHH` escapes only.
"""

import re

# C0 controls, DEL and C1 controls: never part of a name, an id or a search. The HTTP layer
# refuses them anywhere in a query string or a path (400); the schemas exclude them.
CONTROL = r"\x00-\x1f\x7f-\x9f"
# What `str.isspace()` calls white space, beyond the control characters above.
SPACE = r" \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

TEXT = rf"^[^{CONTROL}]*$"
"""Free text: anything but control characters."""

SEARCH = rf"^[^{CONTROL}]*[^{CONTROL}{SPACE}][^{CONTROL}]*$"
"""Text to search: no control characters, and something other than white space."""

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""A record id: lower-case letters and digits in hyphen-separated runs."""
SLUG_MAX = 120

CURSOR = r"^[A-Za-z0-9_-]+$"
"""A cursor: unpadded URL-safe base64 (app.queries.paging)."""
CURSOR_MAX = 1000

# What each pattern means, said to a client whose value does not match it.
MEANING = {
    TEXT: "must not contain control characters",
    SEARCH: "must contain a character other than white space, and no control characters",
    SLUG: "not an id: lower-case letters and digits in hyphen-separated runs",
    CURSOR: "not a cursor this API issued",
}

_CONTROL = re.compile(f"[{CONTROL}]")


def has_control(text: str) -> bool:
    """Whether `text` holds a control character (C0, DEL or C1)."""
    return _CONTROL.search(text) is not None
