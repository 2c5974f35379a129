"""What the OpenAPI document says a parameter accepts is what the server accepts: patterns
that leave out control characters, slugs for ids, the cursor's alphabet and length, partial
dates; and sub-collections do not offer the filter that their path already fixes."""

import re
import sys
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.api.params import ListParams
from app.domain.dates import PARTIAL_DATE_PATTERN, parse_partial_date
from app.domain.patterns import CONTROL, CURSOR, CURSOR_MAX, SEARCH, SLUG, SPACE, TEXT, has_control
from tests.test_openapi_contract import concrete, operations

# Filters whose value is a record's id.
ID_FILTERS = {
    "cooperation_area",
    "country",
    "delegate",
    "delegation",
    "destination",
    "event",
    "friendship_city",
    "member",
    "organization",
    "origin",
    "parent",
    "place",
}
# Every other string parameter, and the pattern it must declare.
PATTERNS = {
    "id": SLUG,
    "q": SEARCH,
    "cursor": CURSOR,
    "from": PARTIAL_DATE_PATTERN,
    "to": PARTIAL_DATE_PATTERN,
    "year": "^[0-9]{4}$",
    "publisher": TEXT,
} | dict.fromkeys(ID_FILTERS, SLUG)
NAME_LISTS = {"facets", "include", "fields", "kind"}  # comma-separated names, enumerated
NAME_LIST = re.compile(r"^\^\(([-a-z_.|\\]+)\)\(,\(\1\)\)\*\$$")

# Sub-collection -> (the whole list, the filter its path fixes).
SUB_COLLECTIONS = {
    "/v1/organizations/{id}/delegates": ("/v1/delegates", "organization"),
    "/v1/organizations/{id}/events": ("/v1/events", "organization"),
    "/v1/cooperation-areas/{id}/organizations": ("/v1/organizations", "cooperation_area"),
    "/v1/events/{id}/delegates": ("/v1/delegates", "event"),
    "/v1/events/{id}/events": ("/v1/events", "parent"),
    "/v1/places/{id}/events": ("/v1/events", "place"),
    # and, beyond the filter, the organizations whose country it is (tests/test_details.py)
    "/v1/places/{id}/organizations": ("/v1/organizations", "place"),
    "/v1/delegations/{id}/members": ("/v1/delegates", "delegation"),
    "/v1/cooperation-areas/{id}/events": ("/v1/events", "cooperation_area"),
    "/v1/organizations/{id}/organizations": ("/v1/organizations", "parent"),
    "/v1/places/{id}/places": ("/v1/places", "parent"),
    "/v1/places/{id}/delegations-from": ("/v1/delegations", "origin"),
    "/v1/places/{id}/delegations-to": ("/v1/delegations", "destination"),
}
NOT_A_FILTERED_LIST = {
    "/v1/events/{id}/participants",  # people and organizations together
    "/v1/sources/{id}/records",  # records of every kind citing the source
    # entries of a detail's list (a record with the event and role, or the title), not records
    "/v1/cooperation-areas/{id}/participations",
    "/v1/organizations/{id}/positions",
    "/v1/organizations/{id}/participations",
}

CONTROLS = ["%00", "%01", "%09", "%0A", "%1F", "%7F", "%C2%80", "%C2%85", "%C2%9F"]


def string_schemas(parameter: dict[str, Any]) -> list[dict[str, Any]]:
    schema = parameter["schema"]
    return [s for s in schema.get("anyOf", [schema]) if s.get("type") == "string"]


def string_parameters(openapi: dict[str, Any]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(path, parameter, its string schema) for every string parameter of every operation."""
    return [
        (path, parameter, schema)
        for path, operation in operations(openapi)
        for parameter in operation.get("parameters", [])
        for schema in string_schemas(parameter)
    ]


def test_every_string_parameter_declares_what_it_accepts(openapi: dict[str, Any]) -> None:
    found = string_parameters(openapi)
    assert len(found) > 200
    for path, parameter, schema in found:
        name = parameter["name"]
        where = f"{path} {name}"
        assert "maxLength" in schema or "enum" in schema, where
        if "enum" in schema:
            assert all(isinstance(v, str) and not has_control(v) for v in schema["enum"]), where
        elif name in NAME_LISTS:
            assert NAME_LIST.match(schema["pattern"]), where
        else:
            assert schema.get("pattern") == PATTERNS[name], where


def test_no_declared_pattern_admits_a_control_character(openapi: dict[str, Any]) -> None:
    samples = ["", "a", "ab", "2024", "event", "changchun"]
    for path, parameter, schema in string_parameters(openapi):
        if "pattern" not in schema:
            continue
        pattern = re.compile(schema["pattern"])
        for control in ["\x00", "\x01", "\t", "\n", "\x1f", "\x7f", "\x80", "\x85", "\x9f"]:
            for sample in samples:
                for text in (control, sample + control, control + sample, "a" + control + "b"):
                    # JSON Schema's `$` ends the text (ECMA-262); Python's also matches
                    # before a final newline, so the whole text is matched here.
                    assert not pattern.fullmatch(text), (path, parameter["name"], text)


def test_the_control_class_is_every_control_character() -> None:
    controls = re.compile(f"[{CONTROL}]")
    for code in range(0x250):
        char = chr(code)
        is_control = code < 0x20 or 0x7F <= code <= 0x9F
        assert bool(controls.fullmatch(char)) == is_control == has_control(char), hex(code)


def test_the_space_class_is_every_other_white_space() -> None:
    spaces = re.compile(f"[{SPACE}]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        expected = char.isspace() and not has_control(char)
        assert bool(spaces.fullmatch(char)) == expected, hex(code)


@pytest.mark.parametrize("control", CONTROLS)
def test_control_characters_are_refused_naming_the_parameter(
    client: TestClient, openapi: dict[str, Any], control: str
) -> None:
    for path, parameter, _ in string_parameters(openapi):
        if parameter["in"] != "query":
            continue
        url = concrete(path, next(op for p, op in operations(openapi) if p == path))
        name = parameter["name"]
        response = client.get(f"{url}?{name}=a{control}b")
        assert response.status_code == 400, (url, name, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["errors"] == [
            {"name": name, "in": "query", "reason": "contains a control character"}
        ]


@pytest.mark.parametrize("control", CONTROLS)
def test_control_characters_in_a_path_are_refused(client: TestClient, control: str) -> None:
    response = client.get(f"/v1/places/chang{control}chun")
    assert response.status_code == 400, response.text
    assert response.json()["errors"] == [
        {"name": "path", "in": "path", "reason": "contains a control character"}
    ]


def test_search_text_is_accepted_exactly_as_declared() -> None:
    pattern = re.compile(SEARCH)
    texts = [chr(code) for code in range(0x3100)] + [
        "a b",
        " \u3000x",
        "\u00b4",  # a spacing accent alone: folds to nothing, and matches every record
        "\u0301",
        "\u2003\u2003",
        "x" * 200,
        "x" * 201,
        "",
    ]
    for text in texts:
        try:
            ListParams.model_validate({"q": text})
            accepted = True
        except ValidationError:
            accepted = False
        declared = bool(pattern.fullmatch(text)) and 1 <= len(text) <= 200
        assert accepted == declared, repr(text)


def test_the_partial_date_pattern_is_what_the_parser_accepts() -> None:
    pattern = re.compile(PARTIAL_DATE_PATTERN)
    years = [*range(0, 12), *range(396, 404), *range(1896, 1905), *range(1999, 2002)]
    years += [*range(2096, 2105), *range(2396, 2405), 9999]
    for year in (f"{y:04d}" for y in years):
        texts = [year, "", "24", f"{year}-", f"{year}-H", f"{year}-Q", f"{year}-H1-01"]
        texts += [f"{year}-H{n}" for n in range(4)] + [f"{year}-Q{n}" for n in range(6)]
        texts += [f"{year}-{m:02d}" for m in range(14)]
        texts += [f"{year}-{m:02d}-{d:02d}" for m in range(14) for d in range(33)]
        for text in texts:
            try:
                parse_partial_date(text)
                parsed = True
            except ValueError:
                parsed = False
            assert bool(pattern.fullmatch(text)) == parsed, text


def test_dates_are_refused_with_their_reason(client: TestClient) -> None:
    body = client.get("/v1/events?from=2023-02-29").json()
    [error] = body["errors"]
    assert error["name"] == "from"
    assert "February 2023 has 28 days" in error["reason"]
    assert client.get("/v1/events?from=2024-02-29").status_code == 200


def test_issued_cursors_are_in_the_declared_alphabet(registry: TestClient) -> None:
    pattern = re.compile(CURSOR)
    seen = 0
    for url in ["/v1/events?limit=1&sort=-start", "/v1/sources?limit=2", "/v1/delegates?limit=1"]:
        body = registry.get(url).json()
        while body["next_cursor"]:
            cursor = body["next_cursor"]
            assert pattern.fullmatch(cursor), cursor
            assert len(cursor) <= CURSOR_MAX, cursor
            seen += 1
            body = registry.get(f"{url}&cursor={cursor}").json()
    assert seen > 50


@pytest.mark.parametrize("cursor", ["abc%2B", "abc%3D", "a%20b", "x" * (CURSOR_MAX + 1)])
def test_a_cursor_outside_the_alphabet_is_refused(client: TestClient, cursor: str) -> None:
    response = client.get(f"/v1/places?cursor={cursor}")
    assert response.status_code == 422
    assert [e["name"] for e in response.json()["errors"]] == ["cursor"]


def test_a_well_formed_cursor_never_issued_is_refused(client: TestClient) -> None:
    response = client.get("/v1/places?cursor=AAAA")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"name": "cursor", "in": "query", "reason": "not a cursor this API issued"}
    ]


def test_every_sub_collection_is_known(openapi: dict[str, Any]) -> None:
    subs = {path for path in openapi["paths"] if re.fullmatch(r"/v1/[a-z-]+/\{id\}/[a-z-]+", path)}
    assert subs == set(SUB_COLLECTIONS) | NOT_A_FILTERED_LIST


def test_sub_collections_do_not_offer_the_filter_their_path_fixes(
    openapi: dict[str, Any],
) -> None:
    for path, (whole, fixed) in SUB_COLLECTIONS.items():
        listed = {p["name"]: p for p in openapi["paths"][path]["get"]["parameters"]}
        offered = {p["name"]: p for p in openapi["paths"][whole]["get"]["parameters"]}
        assert fixed not in listed, path
        assert fixed in offered, whole
        assert set(offered) - set(listed) == {fixed}, path
        [facets] = string_schemas(listed["facets"])
        assert not re.fullmatch(facets["pattern"], fixed), path  # nor as a facet
        [whole_facets] = string_schemas(offered["facets"])
        assert re.fullmatch(whole_facets["pattern"], fixed), whole


def test_sub_collections_refuse_the_fixed_filter_as_an_unknown_parameter(
    client: TestClient, openapi: dict[str, Any]
) -> None:
    for path, (_, fixed) in SUB_COLLECTIONS.items():
        url = concrete(path, openapi["paths"][path]["get"])
        own_id = url.split("/")[3]
        for value in (own_id, "another-id"):
            response = client.get(f"{url}?{fixed}={value}")
            assert response.status_code == 422, (url, response.text)
            assert response.json()["errors"] == [
                {"name": fixed, "in": "query", "reason": "unknown parameter"}
            ]
            unknown = client.get(f"{url}?bogus={value}").json()
            assert unknown["errors"] == [
                {"name": "bogus", "in": "query", "reason": "unknown parameter"}
            ]
        facets = client.get(f"{url}?facets={fixed}")
        assert facets.status_code == 422, url


def test_sub_collections_list_what_the_whole_list_filtered_lists(
    registry: TestClient, openapi: dict[str, Any]
) -> None:
    for path, (whole, fixed) in SUB_COLLECTIONS.items():
        url = concrete(path, openapi["paths"][path]["get"])
        own_id = url.split("/")[3]
        sub = registry.get(f"{url}?limit=100&sort=id").json()
        filtered = registry.get(f"{whole}?{fixed}={own_id}&limit=100&sort=id").json()
        assert sub == filtered, path
        assert sub["total"] > 0, path
