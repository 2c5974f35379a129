"""Schemathesis hooks (loaded by schemathesis.toml, `hooks = ...`): the deviations that the
configuration cannot express, each with its reason. Nothing else is filtered."""

import json
from typing import Any

import schemathesis
from schemathesis import Case, HookContext, Response
from schemathesis.core.failures import Failure

# What the API answers to a well-formed cursor that it never issued (app.queries.paging).
NOT_ISSUED = [{"name": "cursor", "in": "query", "reason": "not a cursor this API issued"}]


def rejected_422(failure: Failure, response: Response) -> dict[str, Any] | None:
    """The problem body of a "schema-valid request rejected" failure (positive_data_acceptance)
    answered with 422; None for any other failure."""
    if failure.code != "ST202" or response.status_code != 422:
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def refuses_only_a_cursor_it_never_issued(failure: Failure, response: Response) -> bool:
    """The 422 that names `cursor` alone, as not issued by this API."""
    body = rejected_422(failure, response)
    return body is not None and body.get("errors") == NOT_ISSUED


# What the API answers to a graph larger than the `limit` asked for (app.queries.graph).
GRAPH_TOO_LARGE = "Graph too large"


def refuses_only_a_graph_too_large(failure: Failure, response: Response) -> bool:
    """The 422 the graph gives when its scope holds more nodes than `limit`, every error
    naming a scope or `limit`."""
    body = rejected_422(failure, response)
    if body is None or body.get("title") != GRAPH_TOO_LARGE:
        return False
    errors = body.get("errors")
    scopes = {"event", "place", "organization", "delegate", "limit"}
    return (
        isinstance(errors, list)
        and bool(errors)
        and all(
            isinstance(e, dict) and e.get("in") == "query" and e.get("name") in scopes
            for e in errors
        )
    )


@schemathesis.hook
def filter_failure(
    context: HookContext, failure: Failure, case: Case[Any], response: Response
) -> bool:
    """Keep every failure but two documented deviations.

    Reason: a cursor is opaque (README, Lists). The document declares its alphabet and its
    length, which is all a schema can say; only the cursors the API issued (a page's
    `next_cursor`) name a place in a list, so any other well-formed cursor, such as those
    schemathesis draws, is refused with 422 naming `cursor`. That refusal, and only it, is not
    a failure: any other error in the same answer, or another status, still is.

    Reason: a graph is bounded (README, Network). Whether a scope holds more nodes than
    `limit` depends on the data, not on the request's form, so no schema can say it; such a
    request is refused with 422 "Graph too large" naming the scopes (or `limit`)."""
    return not (
        refuses_only_a_cursor_it_never_issued(failure, response)
        or refuses_only_a_graph_too_large(failure, response)
    )
