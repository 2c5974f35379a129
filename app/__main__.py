"""Command line: `python -m app serve | load | check [PATH...] | openapi [--output FILE]`."""

import argparse
import json
import sys
from pathlib import Path

from app.ingest.invalid import FixtureInvalid
from app.settings import Settings


def refused(exc: FixtureInvalid) -> int:
    """Print every fixture error, then their count, on stderr; the exit status is 1."""
    for error in exc.errors:
        print(error, file=sys.stderr)
    count = len(exc.errors)
    print(f"{count} error{'s' if count != 1 else ''}", file=sys.stderr)
    return 1


def check(paths: list[Path]) -> int:
    """Validate fixtures without serving: 0 when valid, 1 when not (errors on stderr)."""
    from app.ingest.validate import validate

    try:
        registry = validate(paths)
    except FixtureInvalid as exc:
        return refused(exc)
    names = ", ".join(str(f.document.path) for f in registry.files)
    print(f"ok: {len(registry.files)} file(s) valid: {names}")
    return 0


def serve(host: str, port: int, settings: Settings) -> int:
    import uvicorn

    from app.api.http.logs import config
    from app.lifecycle import RefusedToServe, open_database
    from app.main import create_app

    # Load (or validate and load) before any socket opens: broken fixtures are refused here,
    # with every error, and the application starts on the database loaded once.
    try:
        loaded = open_database(settings)
    except FixtureInvalid as exc:
        return refused(exc)
    except RefusedToServe as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 1
    uvicorn.run(
        create_app(settings, loaded),
        host=host,
        port=port,
        proxy_headers=True,
        workers=1,
        log_config=config(settings.log_format),
    )
    return 0


LOAD_HELP = """Validate the fixtures and publish them as the current data version.

PostgreSQL (DATABASE_URL=postgresql+psycopg://...): the rows go into a new schema named by the
fixtures' content hash, and a one-row pointer is switched to it in the same transaction, so
servers see the old version or the new one, never part of one. The previous version is kept
(for rollback, and for clients still paging through it); older ones are dropped. Loading a
version that is already there only moves the pointer back to it. Servers started with
REGISTRY_LOAD=false follow the pointer (by polling, and at once on SIGHUP) with a role that
may only read: give it with --reader (or REGISTRY_READER_ROLES) to be granted SELECT.

Embedded SQLite (the default): builds the database file of these fixtures in the snapshot
folder, so that the next `serve` starts warm.

Exit status: 0 loaded (or already current), 1 fixtures invalid (errors on stderr, nothing
changed), 2 usage or database error."""


def load(args: argparse.Namespace, settings: Settings) -> int:
    from app.lifecycle import open_database
    from app.store.db import is_postgresql

    paths = args.paths or [settings.data_dir]
    try:
        if args.rollback:
            if not is_postgresql(settings.database_url):
                print("--rollback needs a PostgreSQL DATABASE_URL", file=sys.stderr)
                return 2
            from app.store import pgstore

            pointer = pgstore.rollback(settings.database_url)
            print(f"rolled back: current {pointer.current}, previous {pointer.previous}")
            return 0
        if is_postgresql(settings.database_url):
            from app.ingest import publish

            readers = args.reader or settings.reader_roles
            loaded = publish.load(settings.database_url, paths, readers, keep=args.keep)
            how = "loaded" if loaded.inserted else "already loaded (now current)"
            print(
                f"{how}: data version {loaded.result.data_version} in schema {loaded.schema} "
                f"({', '.join(f'{k} {v}' for k, v in loaded.result.counts.items())})"
                + (f"; dropped {', '.join(loaded.pruned)}" if loaded.pruned else "")
            )
            return 0
        if len(paths) != 1 or not paths[0].is_dir():
            print("the embedded database loads one folder of fixtures", file=sys.stderr)
            return 2
        database, result = open_database(settings.model_copy(update={"data_dir": paths[0]}))
        database.close()
        print(f"loaded: data version {result.data_version} ({settings.snapshot_dir})")
        return 0
    except FixtureInvalid as exc:
        return refused(exc)
    except (LookupError, ValueError) as exc:
        print(f"load: {exc}", file=sys.stderr)
        return 2


def openapi(output: Path | None) -> int:
    from app.main import create_app

    document = json.dumps(create_app().openapi(), indent=2, sort_keys=True) + "\n"
    if output is None:
        sys.stdout.write(document)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(document)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_cmd = commands.add_parser("serve", help="serve the API (validates fixtures first)")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    load_cmd = commands.add_parser(
        "load",
        help="validate fixtures and publish them as the current data version",
        description=LOAD_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    load_cmd.add_argument("paths", nargs="*", type=Path, help="fixture folders or files")
    load_cmd.add_argument(
        "--reader",
        action="append",
        metavar="ROLE",
        help="PostgreSQL role to grant read access to (repeatable; default REGISTRY_READER_ROLES)",
    )
    load_cmd.add_argument(
        "--keep", type=int, default=2, help="versions kept, current included (default 2, min 2)"
    )
    load_cmd.add_argument(
        "--rollback",
        action="store_true",
        help="make the previous version current again (PostgreSQL; loads nothing)",
    )
    check_cmd = commands.add_parser("check", help="validate fixtures: exit 0 valid, 1 invalid")
    check_cmd.add_argument("paths", nargs="*", type=Path)
    openapi_cmd = commands.add_parser("openapi", help="print or write the OpenAPI document")
    openapi_cmd.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    settings = Settings()
    if args.command == "check":
        return check(args.paths or [settings.data_dir])
    if args.command == "load":
        return load(args, settings)
    if args.command == "serve":
        return serve(args.host, args.port, settings)
    return openapi(args.output)


if __name__ == "__main__":
    sys.exit(main())
