"""Cooperation areas: the fields of cooperation a meeting explored."""

from sqlmodel import Field

from app.domain.vocab import OrgRole
from app.store.models.common import FIRST_LINKED, Citation, Out, Record, Summary


class CooperationArea(Record, table=True):
    __tablename__ = "cooperation_area"


class CooperationAreaPublic(Out):
    id: str
    name: str


class AreaOrganization(Out):
    """An organization at an event that explored the area, with its role there."""

    organization: Summary
    event: Summary
    role: OrgRole


class CooperationAreaDetail(CooperationAreaPublic):
    events: list[Summary] = Field(
        description=f"The first {FIRST_LINKED} events that explored this area, by name."
    )
    events_total: int = Field(
        description="How many events explored this area; all of them, page by page, at "
        "`/v1/cooperation-areas/{id}/events`."
    )
    organizations: list[AreaOrganization] = Field(
        description=f"The first {FIRST_LINKED} organizations at those events, each with the "
        "event and its role there, by organization name, then event name, then role."
    )
    organizations_total: int = Field(
        description="How many (organization, event, role) entries `organizations` has in all; "
        "every one, page by page, at `/v1/cooperation-areas/{id}/participations` (the "
        "organizations alone, each once, at `/v1/cooperation-areas/{id}/organizations`)."
    )
    sources: list[Citation]
