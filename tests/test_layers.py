"""The layout shows the flow, and the imports follow it (read from the source, nothing imported):

    ingest -> store -> domain        api -> queries -> store -> domain

Each package of `app` may import itself and the packages listed for it in LAYERS; the wiring
modules at the top of `app` (main, lifecycle, settings, __main__) may import anything. Imports
inside functions count as well. No module is over MAX_LINES lines.
"""

import ast
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb

APP = Path(__file__).resolve().parent.parent / "app"
MAX_LINES = 400

# What each package may import besides itself; "app" is the package's own __init__ (its
# __version__), never a module at the top of app.
LAYERS: dict[str, set[str]] = {
    "domain": set(),
    "store": {"domain", "app"},
    "ingest": {"store", "domain"},
    "queries": {"store", "domain"},
    "api": {"queries", "store", "domain", "app"},
}
WIRING = {"__init__", "__main__", "main", "lifecycle", "settings"}


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([root.name, *parts])


def imported(root: Path, path: Path) -> set[str]:
    """Every module of the `app` package `path` imports, as a dotted name."""
    package = module_name(root, path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from app.x import y` names the module app.x.y when there is one.
                name = f"{base}.{alias.name}"
                target = root.parent.joinpath(*name.split("."))
                is_module = target.with_suffix(".py").exists() or (target / "__init__.py").exists()
                found.add(name if is_module else base)
    return {name for name in found if name == root.name or name.startswith(root.name + ".")}


def layer(root: Path, name: str) -> str:
    """`app.store.models.event` -> "store"; the package itself -> "app"."""
    parts = name.split(".")
    if len(parts) == 1:
        return root.name
    if (root / parts[1]).is_dir():
        return parts[1]
    return parts[1] if parts[1] in WIRING else f"top-level module {parts[1]}"


def violations(root: Path) -> list[str]:
    """Each import that runs against the flow, and each module over MAX_LINES lines."""
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            found.append(f"{relative}: {lines} lines, over {MAX_LINES}")
        name = module_name(root, path)
        own = layer(root, name)
        if own in WIRING or own == root.name:
            continue
        allowed = LAYERS.get(own)
        if allowed is None:
            found.append(f"{relative}: {own!r} is not a layer of LAYERS (nor wiring)")
            continue
        for target in sorted(imported(root, path)):
            other = layer(root, target)
            if other != own and other not in allowed:
                found.append(f"{relative}: {own} imports {target} ({other})")
    return found


def copy_of_app(tmp_path: Path) -> Path:
    """A copy of app's Python modules, to add a line the checks must find."""
    copy = tmp_path / "app"
    shutil.copytree(APP, copy, ignore=shutil.ignore_patterns("__pycache__", "web"))
    return copy


def test_imports_follow_the_flow_and_modules_stay_small() -> None:
    assert violations(APP) == []


def test_every_layer_is_a_package_of_app() -> None:
    packages = {p.parent.name for p in APP.glob("*/__init__.py")}
    assert packages == set(LAYERS)
    modules = {p.stem for p in APP.glob("*.py")}
    assert modules == WIRING


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        ("domain/text.py", "from app.store import db", "domain imports app.store.db (store)"),
        ("store/db.py", "from app.ingest import loader", "store imports app.ingest.loader"),
        ("store/db.py", "from app.queries.paging import X", "store imports app.queries.paging"),
        ("queries/rows.py", "import app.api.deps", "queries imports app.api.deps (api)"),
        ("queries/rows.py", "from app.main import X", "queries imports app.main (main)"),
        ("ingest/merge.py", "from app.api import deps", "ingest imports app.api.deps (api)"),
        ("ingest/merge.py", "from ..queries import rows", "ingest imports app.queries.rows"),
        ("api/deps.py", "from app.ingest.loader import X", "api imports app.ingest.loader"),
        ("api/http/logs.py", "from app import lifecycle", "api imports app.lifecycle"),
    ],
)
def test_an_import_against_the_flow_is_found(
    tmp_path: Path, module: str, line: str, expected: str
) -> None:
    """The check can fail: a copy of app with one import added against the flow, inside a
    function as well as at the top."""
    copy = copy_of_app(tmp_path)
    target = copy / module
    target.write_text(target.read_text() + f"\n\ndef _late() -> None:\n    {line}\n")
    found = violations(copy)
    assert len(found) == 1
    assert found[0].startswith(module)
    assert expected in found[0]


def test_a_long_module_is_found(tmp_path: Path) -> None:
    copy = copy_of_app(tmp_path)
    (copy / "domain" / "long.py").write_text("X = 1\n" * (MAX_LINES + 1))
    assert violations(copy) == [f"domain/long.py: {MAX_LINES + 1} lines, over {MAX_LINES}"]


# Third-party packages of HTTP: the queries read a ListQuery, whatever asked for it.
HTTP_PACKAGES = ("fastapi", "starlette")


def http_in_queries(root: Path) -> list[str]:
    """Each import of an HTTP package, and each request-parameter class, in app/queries."""
    found: list[str] = []
    for path in sorted((root / "queries").rglob("*.py")):
        relative = path.relative_to(root)
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            found += [f"{relative}: imports {n}" for n in names if n.split(".")[0] in HTTP_PACKAGES]
            if isinstance(node, ast.ClassDef) and node.name.endswith("Params"):
                found.append(f"{relative}: defines {node.name}")
    return found


def test_queries_hold_no_http_types(tmp_path: Path) -> None:
    assert http_in_queries(APP) == []
    copy = copy_of_app(tmp_path)
    rows = copy / "queries" / "rows.py"
    rows.write_text(
        rows.read_text() + "\nfrom fastapi import Query\n\n\nclass PageParams:\n    pass\n"
    )
    assert http_in_queries(copy) == [
        "queries/rows.py: imports fastapi",
        "queries/rows.py: defines PageParams",
    ]


def orm_reads(root: Path) -> list[str]:
    """Each read through the ORM session (`session.get`, `session.exec`) in app/queries and
    app/api: their one style is SQLAlchemy Core on the session's connection (and plain SQL
    where a benchmark showed it faster, app/queries/rows.py)."""
    found: list[str] = []
    for package in ("queries", "api"):
        for path in sorted((root / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr in {"get", "exec", "query", "scalars"}
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "session"
                ):
                    found.append(f"{path.relative_to(root)}:{node.lineno}: session.{node.attr}")
    return found


def test_one_query_style(tmp_path: Path) -> None:
    assert orm_reads(APP) == []
    copy = copy_of_app(tmp_path)
    places = copy / "queries" / "places.py"
    places.write_text(places.read_text() + "\n\ndef _late(session):\n    session.get(1, 2)\n")
    lines = len(places.read_text().splitlines())
    assert orm_reads(copy) == [f"queries/places.py:{lines}: session.get"]
