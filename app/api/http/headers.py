"""Reading request headers: one header's value, and what an Accept-style header accepts."""

from collections.abc import Iterable

Headers = list[tuple[bytes, bytes]]


def header_value(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def accepts(header: str | None, offered: Iterable[str]) -> dict[str, float]:
    """{offered media type or coding: q} for what `header` accepts (q > 0)."""
    if header is None:
        return dict.fromkeys(offered, 1.0)
    ranges: list[tuple[str, float]] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for param in fields[1:]:
            if param.lower().startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    out: dict[str, float] = {}
    for item in offered:
        major = item.split("/")[0]
        best = None
        for value, q in ranges:
            if value == item:
                best = q
                break
            if value in (f"{major}/*", "*/*", "*") and best is None:
                best = q
        if best:
            out[item] = best
    return out
