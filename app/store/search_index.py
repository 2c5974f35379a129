"""The full-text index over the records' folded texts (search_record.folded), so that `q` (a
substring, case- and accent-folded) is found through an index instead of a scan (see
app.queries.matches).

SQLite: an FTS5 table with the trigram tokenizer over search_record's own rows (external
content), whose rowids are search_record's row numbers. PostgreSQL: a trigram GIN index,
through which `LIKE '%needle%'` finds its rows.
"""

from sqlalchemy import Connection, Integer, column, table, text

SEARCH_INDEX = table("search_fts", column("rowid", Integer))
SEARCH_INDEX_DDL = (
    f"CREATE VIRTUAL TABLE {SEARCH_INDEX.name} USING fts5("
    "folded, content='search_record', content_rowid='row', tokenize='trigram')"
)
TRIGRAM_INDEX = "ix_search_record_folded_trigram"  # PostgreSQL's counterpart (_trigram_index)


def drop_search_index(connection: Connection) -> None:
    """Before the tables are dropped: SQLite's FTS table is not part of the metadata."""
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DROP TABLE IF EXISTS {SEARCH_INDEX.name}"))


def fill_search_records(connection: Connection) -> None:
    """search_record's rows, from search_text's (once it holds its rows): one per record, its
    distinct folded texts joined by a line break, numbered in (kind, sort_name, record_id)
    order, byte-wise (SQLite's BINARY; PostgreSQL's COLLATE "C"). In SQL, so that the
    grouping never holds the texts in Python's memory."""
    if connection.dialect.name == "postgresql":
        c, joined = ' COLLATE "C"', "string_agg(folded, E'\\n')"
    else:
        c, joined = "", "group_concat(folded, char(10))"
    connection.execute(
        text(
            "INSERT INTO search_record (row, kind, record_id, name, sort_name, folded)"
            f" SELECT row_number() OVER (ORDER BY kind{c}, min(sort_name{c}), record_id{c}),"
            f" kind, record_id, min(name), min(sort_name{c}), {joined}"
            f" FROM (SELECT kind, record_id, min(name) AS name, min(sort_name{c}) AS sort_name,"
            " folded FROM search_text GROUP BY kind, record_id, folded) AS texts"
            " GROUP BY kind, record_id"
        )
    )


def create_search_index(connection: Connection) -> None:
    """Once search_record holds its rows: build the index over them."""
    if connection.dialect.name == "sqlite":
        connection.execute(text(SEARCH_INDEX_DDL))
        fts = SEARCH_INDEX.name
        connection.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))
    elif connection.dialect.name == "postgresql":
        _trigram_index(connection)


def _trigram_index(connection: Connection) -> None:
    """PostgreSQL: a trigram GIN index over the folded search texts, through which `LIKE
    '%needle%'` (the same substring match as SQLite's FTS5 trigram index) finds its rows
    without a scan, for needles of 3 characters or more. Needs the pg_trgm extension, which
    app.store.pgstore creates; without it, `q` still works, by a scan."""
    found = connection.execute(
        text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = 'pg_trgm'"
        )
    ).scalar()
    if found is None:
        return
    schema = '"' + str(found).replace('"', '""') + '"'
    connection.execute(
        text(
            f"CREATE INDEX {TRIGRAM_INDEX} ON search_record"
            f" USING gin (folded {schema}.gin_trgm_ops)"
        )
    )
