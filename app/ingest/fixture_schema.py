"""The fixture format as a JSON Schema, for editors (`yaml-language-server`) and curators.

    python -m app.ingest.fixture_schema --output schema/fixture.schema.json
    python -m app.ingest.fixture_schema --check data     # exit 1 if stale or a file breaks it

Generated from the pydantic models that validate fixtures (`app.ingest.fixture.FixtureFile`); a test
keeps the committed file equal to what this prints. The checks that span records (references,
dates within their parent, one record per id across files) are `python -m app check`'s.
"""

import argparse
import json
from pathlib import Path
from typing import Any

from app.ingest.fixture import FixtureFile


def fixture_schema() -> dict[str, Any]:
    schema = FixtureFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "delegation-registry visit fixture"
    schema["description"] = (
        "One visit: its sources and the places, organizations, people, delegations, "
        "cooperation areas and events they state. Every record cites {source, paragraph}."
    )
    return schema


COMMITTED = Path(__file__).resolve().parents[2] / "schema" / "fixture.schema.json"
HEADER = "# yaml-language-server: $schema=../schema/fixture.schema.json"


def check(folder: Path) -> list[str]:
    """Why the committed schema or a data file in `folder` falls short of it (none: fine)."""
    import jsonschema  # a dev tool: only the check needs it
    import yaml

    problems = []
    schema = fixture_schema()
    if not COMMITTED.exists() or json.loads(COMMITTED.read_text()) != schema:
        problems.append(f"{COMMITTED}: stale, run `make schema`")
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text()
        if text.splitlines()[:1] != [HEADER]:
            problems.append(f"{path}:1: the first line must be {HEADER!r}")
        for error in jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(text)):
            where = ".".join(str(part) for part in error.absolute_path)
            problems.append(f"{path}: {where}: {error.message}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path)
    parser.add_argument("--check", type=Path, metavar="FOLDER")
    args = parser.parse_args(argv)
    if args.check:
        problems = check(args.check)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    text = json.dumps(fixture_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if args.output:
        args.output.write_text(text)
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
