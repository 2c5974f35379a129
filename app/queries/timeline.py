"""Events in date order, partial dates honoured, tentative events marked."""

from dataclasses import replace
from typing import Any

from pydantic import Field
from sqlmodel import Session

from app.domain.vocab import EventStatus
from app.queries.events import list_events
from app.queries.paging import ListQuery
from app.store.models.common import Listed, as_json
from app.store.models.event import EventPublic


class TimelineEntry(EventPublic):
    tentative: bool = Field(description="True for an event hoped for or proposed, not yet held.")


def timeline(session: Session, params: ListQuery) -> Listed[dict[str, Any]]:
    """A date ('2024-H2') sorts by its earliest day, after August 2023 and before 2025;
    among events that start alike, the source's order; undated events come last."""
    # Already validated: copy the fields over as they are (an export pages past 100).
    as_events = replace(params, sort="start")
    events = list_events(session, as_events)
    tentative = EventStatus.tentative.value
    items = [{**e, "tentative": e["status"] == tentative} for e in map(as_json, events.items)]
    return Listed(items, events.total, events.next_cursor)
