"""From YAML to rows: the fixture files read with their positions (yamlsource), checked
against the fixture format (fixture, fixture_schema) and across files (validate, merge), turned
into rows (rows, columns) and loaded in one transaction (loader), or published as a PostgreSQL
data version (publish). Imports app.store and app.domain, never the queries or the api."""
