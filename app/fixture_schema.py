"""The fixture format as a JSON Schema, for editors (`yaml-language-server`) and curators.

    python -m app.fixture_schema --output schema/fixture.schema.json

Generated from the pydantic models that validate fixtures (`app.fixture.FixtureFile`); a test
keeps the committed file equal to what this prints. The checks that span records (references,
dates within their parent, one record per id across files) are `python -m app check`'s.
"""

import argparse
import json
from pathlib import Path
from typing import Any

from app.fixture import FixtureFile


def fixture_schema() -> dict[str, Any]:
    schema = FixtureFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "delegation-registry visit fixture"
    schema["description"] = (
        "One visit: its sources and the places, organizations, people, delegations, "
        "cooperation areas and events they state. Every record cites {source, paragraph}."
    )
    return schema


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    text = json.dumps(fixture_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if args.output:
        args.output.write_text(text)
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
