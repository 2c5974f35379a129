"""Examples for the OpenAPI document, taken from the seed data.

EXAMPLES[name] is the first item of the list at EXAMPLE_SOURCES[name]; a test keeps each equal
to what the API really returns, so the documentation cannot drift from the data.
"""

from typing import Any

EXAMPLE_SOURCES: dict[str, str] = {
    "DelegatePublic": "/v1/delegates?q=kelly",
    "OrganizationPublic": "/v1/organizations?q=imperial",
    "CooperationAreaPublic": "/v1/cooperation-areas?q=cross-border",
    "EventPublic": "/v1/events?status=tentative",
    "PlacePublic": "/v1/places?q=changchun",
    "DelegationPublic": "/v1/delegations?q=tijuana",
    "SourcePublic": "/v1/sources",
    "SearchHit": "/v1/search?q=kelly",
    "Participant": (
        "/v1/events/changchun-mfao-discussion-and-negotiation-meeting-2023-08-23"
        "/participants?q=shuo"
    ),
}

EXAMPLES: dict[str, dict[str, Any]] = {
    "DelegatePublic": {
        "id": "timothy-kelly",
        "name": "Timothy Kelly",
        "other_names": [],
        "position": {
            "title": "President and CEO",
            "organization": {"id": "imperial-valley-edc", "name": "Imperial Valley EDC"},
            "place": None,
            "date": {
                "value": "2023-08-22",
                "precision": "day",
                "earliest": "2023-08-22",
                "latest": "2023-08-22",
            },
            "sources": [
                {
                    "source": {
                        "id": "ccfao-2023-08-28-california-baja-california-delegation",
                        "name": "Joint Delegation from "
                        "American California and "
                        "Mexican Baja California "
                        "Visits Changchun Municipal "
                        "Foreign Affairs Office",
                    },
                    "paragraph": 1,
                }
            ],
        },
    },
    "OrganizationPublic": {
        "id": "imperial-valley-edc",
        "name": "Imperial Valley EDC",
        "other_names": [],
        "classification": None,
        "parent": None,
        "country": None,
        "place": None,
    },
    "CooperationAreaPublic": {"id": "cross-border-investments", "name": "Cross-border investments"},
    "EventPublic": {
        "id": "tijuana-government-officials-visit-to-changchun-2024",
        "name": "Proposed visit of a delegation of Tijuana government officials to Changchun",
        "classification": "visit",
        "status": "tentative",
        "parent": None,
        "sequence": None,
        "start": {
            "value": "2024-H2",
            "precision": "half",
            "earliest": "2024-07-01",
            "latest": "2024-12-31",
        },
        "end": None,
        "time_of_day": None,
        "place": {"id": "changchun", "name": "Changchun"},
        "venue": None,
        "description": "Chia Hsi Chu expressed his hope to facilitate this visit in "
        "the latter half of 2024.",
    },
    "PlacePublic": {
        "id": "changchun",
        "name": "Changchun",
        "other_names": [],
        "kind": "city",
        "parent": None,
        "country": None,
    },
    "DelegationPublic": {
        "id": "tijuana-government-officials-delegation-2024",
        "name": "Delegation of government officials from Tijuana, Mexico",
        "description": None,
        "size": None,
        "origins": [{"id": "tijuana", "name": "Tijuana"}],
        "destinations": [{"id": "changchun", "name": "Changchun"}],
    },
    "SourcePublic": {
        "id": "ccfao-2023-08-28-california-baja-california-delegation",
        "name": "Joint Delegation from American California and Mexican Baja "
        "California Visits Changchun Municipal Foreign Affairs Office",
        "title": "Joint Delegation from American California and Mexican Baja "
        "California Visits Changchun Municipal Foreign Affairs Office",
        "publisher": "CCFAO",
        "updated": "2023-08-28",
        "published": None,
        "url": "http://en.changchun.gov.cn/xw/ycxw/202308/t20230828_3221629.html",
        "language": "en",
        "complete": True,
        "note": None,
    },
    "SearchHit": {
        "kind": "delegate",
        "id": "timothy-kelly",
        "name": "Timothy Kelly",
        "matches": [{"field": "name", "text": "Timothy Kelly"}],
    },
    "Participant": {
        "kind": "delegate",
        "id": "ou-shuo",
        "name": "Ou Shuo",
        "role": "host",
        "side": "host",
        "activity": "Welcomed the delegation and gave a short overview of Changchun; stressed "
        "the city's long record of friendly ties with both the United States and Mexico; "
        "pointed to its friendly-city links with Little Rock and Tijuana; hoped for closer "
        "contact and more delegations travelling both ways between Changchun and US and "
        "Mexican cities.",
    },
}
