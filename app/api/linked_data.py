"""Details as JSON-LD: schema.org types and terms, Popolo's where schema.org has none.

The context is inline, so a consumer can expand a document with no network.
"""

from typing import Any

from fastapi import Request
from pydantic import BaseModel

from app.store.models.common import as_json

MEDIA_TYPE = "application/ld+json"
SCHEMA = "https://schema.org/"
POPOLO = "http://www.popoloproject.com/schemas/"

CONTEXT: dict[str, Any] = {
    "schema": SCHEMA,
    "popolo": POPOLO,
    "registry": "https://delegation-registry.example/vocab#",
    "name": "schema:name",
    "alternateName": "schema:alternateName",
    "description": "schema:description",
    "identifier": "schema:identifier",
    "url": {"@id": "schema:url", "@type": "@id"},
    "startDate": "schema:startDate",
    "endDate": "schema:endDate",
    "eventStatus": {"@id": "schema:eventStatus", "@type": "@id"},
    "location": {"@id": "schema:location", "@type": "@id"},
    "superEvent": {"@id": "schema:superEvent", "@type": "@id"},
    "subEvent": {"@id": "schema:subEvent", "@type": "@id"},
    "organizer": {"@id": "schema:organizer", "@type": "@id"},
    "attendee": {"@id": "schema:attendee", "@type": "@id"},
    "about": {"@id": "schema:about", "@type": "@id"},
    "jobTitle": "schema:jobTitle",
    "affiliation": {"@id": "schema:affiliation", "@type": "@id"},
    "parentOrganization": {"@id": "schema:parentOrganization", "@type": "@id"},
    "subOrganization": {"@id": "schema:subOrganization", "@type": "@id"},
    "containedInPlace": {"@id": "schema:containedInPlace", "@type": "@id"},
    "member": {"@id": "schema:member", "@type": "@id"},
    "publisher": "schema:publisher",
    "dateModified": "schema:dateModified",
    "inLanguage": "schema:inLanguage",
    "citation": {"@id": "schema:citation", "@type": "@id"},
    "classification": "popolo:classification",
    "memberships": {"@id": "popolo:memberships", "@container": "@set"},
    "role": "popolo:role",
    "organization": {"@id": "popolo:organization", "@type": "@id"},
    "participations": {"@id": "registry:participation", "@container": "@set"},
    "event": {"@id": "registry:event", "@type": "@id"},
    "activity": "registry:activity",
    "side": "registry:side",
    "datePrecision": "registry:datePrecision",
    "statedFor": "registry:titleStatedFor",
    "friendshipCity": {"@id": "registry:friendshipCity", "@type": "@id"},
    "origin": {"@id": "registry:origin", "@type": "@id"},
    "cooperationArea": {"@id": "registry:cooperationArea", "@type": "@id"},
    "topic": "registry:presentationTopic",
}

PLACE_TYPES = {
    "country": "schema:Country",
    "state": "schema:State",
    "province": "schema:State",
    "city": "schema:City",
}
# schema.org has no term for a tentative event (hoped for, not scheduled): it gets none.
STATUS = {
    "confirmed": "schema:EventScheduled",
    "passed": "schema:EventScheduled",
    "cancelled": "schema:EventCancelled",
}
# The roles that make a person or organization an attendee (not a proponent of an event, nor
# the one that invited or arranged it).
ATTENDING = {
    "leader",
    "deputy_leader",
    "member",
    "accompanying",
    "host",
    "speaker",
    "participant",
    "attendee",
    "presenter",
    "present",
    "visited",
}
ORGANIZING = ("organizer", "arranger", "host")


def _iri(base: str, resource: str, record_id: str) -> str:
    return f"{base}/v1/{resource}/{record_id}"


def _date(value: dict[str, Any] | None) -> str | None:
    """ISO 8601 where the precision allows (a day, a month, a year); else nothing."""
    if value and value["precision"] in ("day", "month", "year"):
        return str(value["value"])
    return None


def document(request: Request, resource: str, record: BaseModel | dict[str, Any]) -> dict[str, Any]:
    base = str(request.base_url).rstrip("/")
    data = as_json(record)

    def ref(target: str, summary: dict[str, Any] | None) -> str | None:
        return _iri(base, target, summary["id"]) if summary else None

    def refs(target: str, summaries: list[dict[str, Any]]) -> list[str]:
        return [_iri(base, target, s["id"]) for s in summaries]

    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": _iri(base, resource, data["id"]),
        "identifier": data["id"],
        "name": data["name"],
        "citation": sorted({ref("sources", c["source"]) for c in data.get("sources", [])}),
    }
    if data.get("other_names"):
        out["alternateName"] = [other["name"] for other in data["other_names"]]
    if resource == "delegates":
        positions = data["positions"]
        out["@type"] = ["schema:Person", "popolo:Person"]
        out["jobTitle"] = list(dict.fromkeys(p["title"] for p in positions))
        affiliated = {
            p["organization"]["id"]: p["organization"] for p in positions if p["organization"]
        }
        out["affiliation"] = refs("organizations", list(affiliated.values()))
        out["memberships"] = [
            {
                "role": p["title"],
                "organization": ref("organizations", p["organization"]),
                "statedFor": p["date"]["value"] if p["date"] else None,
            }
            for p in positions
        ]
        out["participations"] = [
            {
                "event": ref("events", e["event"]),
                "role": e["role"],
                "side": e["side"],
                "activity": e["activity"],
            }
            for e in data["events"]
        ]
    elif resource == "organizations":
        out["@type"] = ["schema:Organization", "popolo:Organization"]
        out["classification"] = data["classification"]
        out["parentOrganization"] = ref("organizations", data["parent"])
        out["subOrganization"] = refs("organizations", data["children"])
        out["location"] = ref("places", data["place"] or data["country"])
        out["member"] = refs("delegates", [p["person"] for p in data["people"]])
    elif resource == "events":
        out["@type"] = ["schema:Event", "popolo:Event"]
        out["classification"] = data["classification"]
        out["startDate"] = _date(data["start"])
        out["endDate"] = _date(data["end"])
        out["datePrecision"] = data["start"]["precision"] if data["start"] else None
        out["eventStatus"] = STATUS.get(data["status"])
        out["location"] = ref("places", data["place"])
        out["superEvent"] = ref("events", data["parent"])
        out["subEvent"] = refs("events", data["children"])
        organizers = [o for o in data["organizations"] if o["role"] in ORGANIZING]
        out["organizer"] = list(
            dict.fromkeys(ref("organizations", o["organization"]) for o in organizers)
        )
        attending = [p["person"] for p in data["people"] if p["role"] in ATTENDING]
        out["attendee"] = list(
            dict.fromkeys(
                refs("delegates", attending)
                + [
                    _iri(base, "organizations", o["organization"]["id"])
                    for o in data["organizations"]
                    if o["role"] in ATTENDING and o["role"] not in ORGANIZING
                ]
            )
        )
        out["cooperationArea"] = refs("cooperation-areas", data["cooperation_areas"])
        out["topic"] = [t["topic"] for t in data["topics"]]
        out["description"] = data["description"]
    elif resource == "places":
        kind = PLACE_TYPES.get(data["kind"] or "")
        out["@type"] = [kind, "schema:Place"] if kind else "schema:Place"
        out["containedInPlace"] = ref("places", data["parent"])
        out["friendshipCity"] = refs("places", [f["place"] for f in data["friendship_cities"]])
    elif resource == "delegations":
        out["@type"] = ["schema:Organization", "registry:Delegation"]
        out["origin"] = refs("places", data["origins"])
        out["member"] = refs("delegates", [m["person"] for m in data["members"]])
        out["description"] = data["description"]
    elif resource == "cooperation-areas":
        out["@type"] = "schema:DefinedTerm"
    elif resource == "sources":
        out["@type"] = "schema:NewsArticle"
        out["publisher"] = data["publisher"]
        out["dateModified"] = data["updated"]
        out["inLanguage"] = data["language"]
        out["url"] = data["url"]
    return {key: value for key, value in out.items() if value not in (None, [])}
