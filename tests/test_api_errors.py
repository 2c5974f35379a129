"""Errors through HTTP: 404 for unknown ids, 422 naming the bad parameter."""

import pytest
from fastapi.testclient import TestClient


def problem(client: TestClient, url: str, status: int) -> dict[str, object]:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["status"] == status
    assert {"type", "title", "status", "detail"} <= set(body)
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize(
    "url",
    [
        "/v1/delegates/nobody",
        "/v1/organizations/nothing",
        "/v1/cooperation-areas/nothing",
        "/v1/events/nothing",
        "/v1/places/nowhere",
        "/v1/delegations/nothing",
        "/v1/sources/nothing",
        "/v1/organizations/nothing/delegates",
        "/v1/organizations/nothing/events",
        "/v1/events/nothing/participants",
        "/v1/events/nothing/delegates",
        "/v1/events/nothing/events",
        "/v1/places/nowhere/events",
        "/v1/places/nowhere/organizations",
        "/v1/cooperation-areas/nothing/organizations",
        "/v1/delegations/nothing/members",
        "/v2/delegates",
    ],
)
def test_unknown_ids_are_404(client: TestClient, url: str) -> None:
    problem(client, url, 404)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/v1/delegates?limit=0", "limit"),
        ("/v1/delegates?limit=101", "limit"),
        ("/v1/delegates?limit=ten", "limit"),
        ("/v1/delegates?sides=host", "sides"),
        ("/v1/delegates?side=guest", "side"),
        ("/v1/delegates?role=boss", "role"),
        ("/v1/delegates?sort=age", "sort"),
        ("/v1/delegates?cursor=garbage", "cursor"),
        ("/v1/delegates?q=", "q"),
        ("/v1/delegates?q=%20%20", "q"),
        ("/v1/organizations?classification=club", "classification"),
        ("/v1/events?from=2023-02-30", "from"),
        ("/v1/events?to=yesterday", "to"),
        ("/v1/events?status=done", "status"),
        ("/v1/places?kind=planet", "kind"),
        ("/v1/search", "q"),
        ("/v1/search?q=a&kind=person", "kind"),
        ("/v1/delegates/Timothy%20Kelly", "id"),
        ("/v1/organizations/imperial-valley-edc/delegates?organization=base-bank", "organization"),
    ],
)
def test_bad_parameters_are_422_naming_them(client: TestClient, url: str, name: str) -> None:
    body = problem(client, url, 422)
    errors = body["errors"]
    assert isinstance(errors, list)
    assert name in {e["name"] for e in errors}
    assert all(e["in"] in {"query", "path"} and e["reason"] for e in errors)


def test_cursor_from_another_sort_is_refused(client: TestClient) -> None:
    cursor = client.get("/v1/places?limit=1&sort=id").json()["next_cursor"]
    body = problem(client, f"/v1/places?limit=1&sort=name&cursor={cursor}", 422)
    assert "sort='id'" in str(body["detail"])


def test_forged_cursor_is_refused(client: TestClient) -> None:
    import base64

    forged = base64.urlsafe_b64encode(b'["name",[{"x":1},"y"]]').decode().rstrip("=")
    problem(client, f"/v1/places?cursor={forged}", 422)
    truncated = client.get("/v1/places?limit=1").json()["next_cursor"][:-5]
    problem(client, f"/v1/places?cursor={truncated}", 422)
