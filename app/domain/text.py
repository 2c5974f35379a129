"""Text folding shared by the loader (what is stored) and the queries (what is asked)."""

import unicodedata


class _Marks(dict[int, int | None]):
    """A str.translate table that drops combining marks, filled in as characters are met
    (a lookup per character in C, instead of a Python call per character)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text`: NFKD, combining marks dropped, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        decomposed = decomposed.translate(_MARKS)
    return " ".join(decomposed.casefold().split())
