"""Command line: `python -m app serve | check [PATH...] | openapi [--output FILE]`."""

import argparse
import json
import sys
from pathlib import Path

from app.invalid import FixtureInvalid
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
    from app.fixture import validate

    try:
        registry = validate(paths)
    except FixtureInvalid as exc:
        return refused(exc)
    names = ", ".join(str(f.document.path) for f in registry.files)
    print(f"ok: {len(registry.files)} file(s) valid: {names}")
    return 0


def serve(host: str, port: int, settings: Settings) -> int:
    import uvicorn

    from app.logs import config
    from app.main import create_app, open_database

    # Load (or validate and load) before any socket opens: broken fixtures are refused here,
    # with every error, and the application starts on the database loaded once.
    try:
        loaded = open_database(settings)
    except FixtureInvalid as exc:
        return refused(exc)
    uvicorn.run(
        create_app(settings, loaded),
        host=host,
        port=port,
        proxy_headers=True,
        workers=1,
        log_config=config(settings.log_format),
    )
    return 0


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
    check_cmd = commands.add_parser("check", help="validate fixtures: exit 0 valid, 1 invalid")
    check_cmd.add_argument("paths", nargs="*", type=Path)
    openapi_cmd = commands.add_parser("openapi", help="print or write the OpenAPI document")
    openapi_cmd.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    settings = Settings()
    if args.command == "check":
        return check(args.paths or [settings.data_dir])
    if args.command == "serve":
        return serve(args.host, args.port, settings)
    return openapi(args.output)


if __name__ == "__main__":
    sys.exit(main())
