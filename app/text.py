"""Text folding shared by the loader (what is stored) and the queries (what is asked)."""

import unicodedata


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text`: NFKD, combining marks dropped, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
