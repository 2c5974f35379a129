"""The start-up baseline the issue names: PyYAML's C loader, then inserts through the ORM.

python bench/baseline_load.py DATA_DIR      # prints {"parse_s": ..., "insert_s": ...}
"""

import json
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import yaml
from sqlalchemy import JSON
from sqlmodel import Session, SQLModel, create_engine

import app.store.models  # noqa: F401  (registers every table)
from app.ingest.columns import columns_of
from app.ingest.rows import build_rows
from app.ingest.validate import validate

# Every table's model, however many the registry grows (each mapped class knows its table).
TABLES: dict[str, type[SQLModel]] = {
    str(mapper.class_.__tablename__): mapper.class_ for mapper in SQLModel._sa_registry.mappers
}


def plain(table: str, names: tuple[str, ...], row: tuple[Any, ...]) -> dict[str, Any]:
    """A row as the ORM takes it: a dict of Python values (JSON columns decoded from the
    JSON text our loader keeps them in)."""
    columns = SQLModel.metadata.tables[table].c
    return {
        name: orjson.loads(value) if isinstance(columns[name].type, JSON) else value
        for name, value in zip(names, row, strict=True)
    }


def main() -> None:
    data = Path(sys.argv[1])
    started = time.perf_counter()
    for path in sorted(data.glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    parsed = time.perf_counter()
    # The rows themselves come from our own validated registry (not timed), so that the ORM
    # inserts exactly what the API's loader inserts.
    tables = build_rows(validate([data]))
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    before_insert = time.perf_counter()
    with Session(engine) as session:
        for table in SQLModel.metadata.sorted_tables:
            model = TABLES[table.name]
            names = columns_of(table.name)
            session.add_all(
                model(**plain(table.name, names, row)) for row in tables.get(table.name, [])
            )
        session.commit()
    inserted = time.perf_counter()
    result: dict[str, Any] = {
        "parse_s": round(parsed - started, 2),
        "insert_s": round(inserted - before_insert, 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
