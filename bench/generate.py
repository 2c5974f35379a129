"""A synthetic registry in the fixture format, for benchmarks.

    python bench/generate.py --out /tmp/registry-large            # 1,000 visits
    python bench/generate.py --out /tmp/small --visits 10

One file of shared places and cooperation areas, then one file per visit, each with its
source, organizations, delegates (with positions), a delegation, and a visit with two
sub-events and their participants. Names are realistic and accented; the output is the same
for the same arguments.
"""

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

GIVEN = [
    "José",
    "María",
    "Zoë",
    "Łukasz",
    "Søren",
    "Nguyễn Văn",
    "Ana",
    "Chloé",
    "Björn",
    "Aiyana",
    "Jürgen",
    "Inés",
    "Hiroshi",
    "Oluwaseun",
    "Małgorzata",
    "François",
    "Žofia",
    "Ömer",
    "Ngozi",
    "Li",
    "Wei",
    "Emily",
    "Tomás",
    "Ayşe",
    "Raúl",
    "Dvořák",
    "Kateřina",
    "Timothy",
    "Chia Hsi",
]
FAMILY = [
    "García",
    "Müller",
    "Nováková",
    "Østergaard",
    "Kelly",
    "Chu",
    "Ou",
    "Zhang",
    "Wang",
    "Fernández",
    "Yılmaz",  # noqa: RUF001 - a Turkish name, dotless i and all
    "Kowalczyk",
    "Dubois",
    "Nakamura",
    "Okafor",
    "Šimková",
    "Hernández",
    "O'Brien",
    "Nguyễn",
    "Lefèvre",
    "Grünewald",
    "Pérez",
    "Sørensen",
    "Çelik",
    "Ibáñez",
]
TITLES = ["President", "Director", "Deputy Director", "President and CEO", "Chair", "Adviser"]
ORG_WORDS = [
    ("Compañía", "company"),
    ("Cámara de Comercio", "chamber_of_commerce"),
    ("Banco", "bank"),
    ("Consultoría", "consultancy"),
    ("Municipal Office", "government_office"),
    ("Development Corporation", "company"),
]
TOWNS = [
    "São Paulo",
    "Zürich",
    "Kraków",
    "Mérida",
    "Düsseldorf",
    "Tijuana",
    "Changchun",
    "Reykjavík",
    "Malmö",
    "Córdoba",
    "Québec",
    "Łódź",
    "Île-de-France",
    "Aarhus",
    "Genève",
    "Montréal",
]
COUNTRIES = [
    "Brazil",
    "Switzerland",
    "Poland",
    "Mexico",
    "Germany",
    "China",
    "Iceland",
    "Sweden",
    "Argentina",
    "Canada",
    "France",
    "Denmark",
    "United States",
    "Japan",
    "Türkiye",
    "Nigeria",
]
AREAS = [
    "Industrial cooperation",
    "Cross-border investments",
    "Import-export products",
    "Overseas business expansion",
    "Tourism",
    "Education exchange",
    "Green energy",
    "Logistics",
    "Agriculture",
    "Health care",
    "Culture",
    "Sport",
    "Science and technology",
    "Finance",
    "Urban planning",
    "Water management",
    "Aviation",
    "Automotive",
    "Textiles",
    "Food safety",
]


def slug(*parts: object) -> str:
    return "-".join(str(p) for p in parts)


def cite(source: str, paragraph: int) -> list[dict[str, Any]]:
    return [{"source": source, "paragraph": paragraph}]


def shared(rng: random.Random, cities_per_country: int) -> dict[str, Any]:
    places: list[dict[str, Any]] = []
    source = "bench-gazetteer"
    for i, country in enumerate(COUNTRIES):
        places.append(
            {
                "id": slug("country", i),
                "name": country,
                "kind": "country",
                "sources": cite(source, 1),
            }
        )
        for j in range(cities_per_country):
            town = f"{rng.choice(TOWNS)} {j + 1}"
            places.append(
                {
                    "id": slug("city", i, j),
                    "name": town,
                    "kind": "city",
                    "parent": slug("country", i),
                    "country": slug("country", i),
                    "sources": cite(source, 2),
                }
            )
    areas = [
        {"id": slug("area", i), "name": name, "sources": cite(source, 3)}
        for i, name in enumerate(AREAS)
    ]
    return {
        "sources": [
            {"id": source, "title": "Synthetic gazetteer for benchmarks", "publisher": "bench"}
        ],
        "places": places,
        "cooperation_areas": areas,
    }


def visit(rng: random.Random, n: int, people: int, orgs: int, cities: int) -> dict[str, Any]:
    source = slug("bench-source", n)
    country = n % len(COUNTRIES)
    city = slug("city", country, n % cities)
    host_city = slug("city", (country + 5) % len(COUNTRIES), (n * 7) % cities)
    organizations = []
    for o in range(orgs):
        word, classification = rng.choice(ORG_WORDS)
        organizations.append(
            {
                "id": slug("org", n, o),
                "name": f"{word} {rng.choice(FAMILY)} {rng.choice(TOWNS)} {n}-{o}",
                "classification": classification,
                "country": slug("country", country),
                "sources": cite(source, 1),
            }
        )
    year, month, day = 2015 + n % 10, 1 + n % 12, 1 + n % 28
    date = f"{year}-{month:02d}-{day:02d}"
    persons = []
    for p in range(people):
        persons.append(
            {
                "id": slug("person", n, p),
                "name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {n}-{p}",
                "positions": [
                    {
                        "title": rng.choice(TITLES),
                        "organization": slug("org", n, p % orgs),
                        "date": date,
                        "sources": cite(source, 1),
                    }
                ],
                "sources": cite(source, 1),
            }
        )
    delegation = slug("delegation", n)
    visit_id = slug("visit", n)
    events: list[dict[str, Any]] = [
        {
            "id": visit_id,
            "name": f"Visit {n} of the {COUNTRIES[country]} delegation",
            "classification": "visit",
            "status": "passed" if n % 20 else "tentative",
            "start": date if n % 20 else f"{year + 1}-H2",
            "place": host_city,
            "delegations": [
                {"delegation": delegation, "side": "visiting", "sources": cite(source, 1)}
            ],
            "people": [
                {
                    "person": slug("person", n, p),
                    "role": "accompanying",
                    "side": "host" if p % 20 == 0 else "visiting",
                    "sources": cite(source, 1),
                }
                for p in range(0, people, 10)
            ],
            "sources": cite(source, 1),
        }
    ]
    if n % 20:
        for s, kind in enumerate(("site_visit", "meeting"), start=1):
            events.append(
                {
                    "id": slug("visit", n, kind.replace("_", "-")),
                    "name": f"{kind.replace('_', ' ').title()} {n}-{s}",
                    "classification": kind,
                    "status": "passed",
                    "parent": visit_id,
                    "sequence": s,
                    "start": date,
                    "time_of_day": "afternoon",
                    "place": host_city,
                    "venue": slug("org", n, 0),
                    "people": [
                        {
                            "person": slug("person", n, p),
                            "role": "speaker",
                            "activity": "Spoke.",
                            "sources": cite(source, 2),
                        }
                        for p in range(s, people, 25)
                    ],
                    "organizations": [
                        {
                            "organization": slug("org", n, o),
                            "role": "presenter",
                            "sources": cite(source, 2),
                        }
                        for o in range(orgs)
                    ],
                    "cooperation_areas": [
                        {"area": slug("area", (n + a) % len(AREAS)), "sources": cite(source, 2)}
                        for a in range(3)
                    ],
                    "topics": [{"topic": "Business scopes", "sources": cite(source, 2)}],
                    "sources": cite(source, 2),
                }
            )
    return {
        "sources": [
            {
                "id": source,
                "title": f"Synthetic news item {n}",
                "publisher": "bench",
                "updated": date,
            }
        ],
        "organizations": organizations,
        "people": persons,
        "delegations": [
            {
                "id": delegation,
                "name": f"Delegation {n} from {COUNTRIES[country]}",
                "origins": [city],
                "members": [
                    {"person": slug("person", n, p), "role": "member", "sources": cite(source, 1)}
                    for p in range(0, people, 10)
                ],
                "sources": cite(source, 1),
            }
        ],
        "events": events,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--delegates-per-visit", type=int, default=100)
    parser.add_argument("--organizations-per-visit", type=int, default=10)
    parser.add_argument("--cities-per-country", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.yaml"):
        old.unlink()
    dump = yaml.CSafeDumper
    (args.out / "0000-shared.yaml").write_text(
        yaml.dump(
            shared(rng, args.cities_per_country), Dumper=dump, allow_unicode=True, sort_keys=False
        )
    )
    for n in range(1, args.visits + 1):
        document = visit(
            rng, n, args.delegates_per_visit, args.organizations_per_visit, args.cities_per_country
        )
        (args.out / f"visit-{n:04d}.yaml").write_text(
            yaml.dump(
                document,
                Dumper=dump,
                allow_unicode=True,
                sort_keys=False,
                default_flow_style=None,
                width=100,
            )
        )


if __name__ == "__main__":
    main()
