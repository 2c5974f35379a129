"""Schemathesis hooks (loaded by schemathesis.toml, `hooks = ...`): the deviations that the
configuration cannot express, each with its reason. Nothing else is filtered."""

import json
from typing import Any

import schemathesis
from schemathesis import Case, HookContext, Response
from schemathesis.core.failures import Failure

# What the API answers to a well-formed cursor that it never issued (app.queries.paging).
NOT_ISSUED = [{"name": "cursor", "in": "query", "reason": "not a cursor this API issued"}]


def refuses_only_a_cursor_it_never_issued(failure: Failure, response: Response) -> bool:
    """A "schema-valid request rejected" failure (positive_data_acceptance) whose answer is
    the 422 that names `cursor` alone, as not issued by this API."""
    if failure.code != "ST202" or response.status_code != 422:
        return False
    try:
        body = json.loads(response.content)
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("errors") == NOT_ISSUED


@schemathesis.hook
def filter_failure(
    context: HookContext, failure: Failure, case: Case[Any], response: Response
) -> bool:
    """Keep every failure but one documented deviation.

    Reason: a cursor is opaque (README, Lists). The document declares its alphabet and its
    length, which is all a schema can say; only the cursors the API issued (a page's
    `next_cursor`) name a place in a list, so any other well-formed cursor, such as those
    schemathesis draws, is refused with 422 naming `cursor`. That refusal, and only it, is not
    a failure: any other error in the same answer, or another status, still is."""
    return not refuses_only_a_cursor_it_never_issued(failure, response)
