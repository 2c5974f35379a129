"""Controlled vocabularies shared by the fixture schema, the tables and the API."""

from enum import StrEnum


class Side(StrEnum):
    visiting = "visiting"
    host = "host"


class EventStatus(StrEnum):
    """Popolo's event statuses, plus 'cancelled'."""

    planned = "planned"
    confirmed = "confirmed"
    passed = "passed"
    cancelled = "cancelled"


class EventClassification(StrEnum):
    expo = "expo"
    visit = "visit"
    site_visit = "site_visit"
    meeting = "meeting"
    ceremony = "ceremony"
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


class OrgClassification(StrEnum):
    government_office = "government_office"
    division = "division"
    chamber_of_commerce = "chamber_of_commerce"
    chamber_chapter = "chamber_chapter"
    economic_development_corporation = "economic_development_corporation"
    company = "company"
    bank = "bank"
    consultancy = "consultancy"
    venue = "venue"
    organizing_committee = "organizing_committee"


class OrgRole(StrEnum):
    """An organization's part in an event."""

    inviter = "inviter"
    organizer = "organizer"
    arranger = "arranger"
    host = "host"
    presenter = "presenter"
    present = "present"


class PersonRole(StrEnum):
    """A person's part in an event."""

    accompanying = "accompanying"
    leader = "leader"
    host = "host"
    speaker = "speaker"
    proponent = "proponent"
    participant = "participant"


class DelegationRole(StrEnum):
    """A person's part in a delegation."""

    leader = "leader"
    accompanying = "accompanying"
    member = "member"
