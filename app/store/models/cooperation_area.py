"""Cooperation areas: the fields of cooperation a meeting explored."""

from app.domain.vocab import OrgRole
from app.store.models.common import Citation, Out, Record, Summary


class CooperationArea(Record, table=True):
    __tablename__ = "cooperation_area"


class CooperationAreaPublic(Out):
    id: str
    name: str


class AreaOrganization(Out):
    organization: Summary
    event: Summary
    role: OrgRole


class CooperationAreaDetail(CooperationAreaPublic):
    events: list[Summary]
    organizations: list[AreaOrganization]
    sources: list[Citation]
