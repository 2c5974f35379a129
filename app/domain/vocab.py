"""Controlled vocabularies shared by the fixture schema, the tables and the API."""

from enum import StrEnum


class Side(StrEnum):
    """The side a participant is on at one event: it belongs to the participation, not to the
    person (one official hosts one visit and leads another abroad)."""

    visiting = "visiting"
    host = "host"


class EventStatus(StrEnum):
    """Open Civic Data's event statuses. Null when no source gives one."""

    tentative = "tentative"
    confirmed = "confirmed"
    passed = "passed"
    cancelled = "cancelled"


class EventClassification(StrEnum):
    visit = "visit"
    meeting = "meeting"
    site_visit = "site_visit"
    talks = "talks"
    ceremony = "ceremony"
    forum = "forum"
    conference = "conference"
    signing = "signing"
    presentation = "presentation"
    festival = "festival"
    expo = "expo"
    exchange = "exchange"
    research_visit = "research_visit"
    anniversary = "anniversary"
    other = "other"


class TimeOfDay(StrEnum):
    morning = "morning"
    afternoon = "afternoon"
    evening = "evening"


class PlaceKind(StrEnum):
    country = "country"
    state = "state"
    province = "province"
    region = "region"
    city = "city"
    district = "district"


class OrgClassification(StrEnum):
    government = "government"
    government_office = "government_office"
    division = "division"
    embassy = "embassy"
    consulate = "consulate"
    chamber_of_commerce = "chamber_of_commerce"
    chamber_chapter = "chamber_chapter"
    company = "company"
    bank = "bank"
    consultancy = "consultancy"
    school = "school"
    college = "college"
    university = "university"
    museum = "museum"
    party_committee = "party_committee"
    legislature = "legislature"
    representative_office = "representative_office"
    media = "media"
    association = "association"
    venue = "venue"
    organizing_committee = "organizing_committee"
    other = "other"


class OrgRole(StrEnum):
    """An organization's part in an event."""

    inviter = "inviter"
    organizer = "organizer"
    arranger = "arranger"
    host = "host"
    presenter = "presenter"
    present = "present"
    visited = "visited"
    participant = "participant"
    leader = "leader"
    reporter = "reporter"


class PersonRole(StrEnum):
    """A person's part in an event."""

    leader = "leader"
    deputy_leader = "deputy_leader"
    member = "member"
    accompanying = "accompanying"
    host = "host"
    speaker = "speaker"
    participant = "participant"
    proponent = "proponent"
    attendee = "attendee"


class DelegationRole(StrEnum):
    """A person's part in a delegation."""

    leader = "leader"
    deputy_leader = "deputy_leader"
    member = "member"
    accompanying = "accompanying"
