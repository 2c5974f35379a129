"""One test per curated page: its key facts, read through the API over the whole of data/.

Each page is a public news or profile page of the Changchun Municipal Foreign Affairs Office's
English site; the seed's page has its own, longer test module (tests/test_facts.py).
"""

from typing import Any

from fastapi.testclient import TestClient

CCFAO = "changchun-municipal-foreign-affairs-office"


def get(client: TestClient, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text)
    return response.json()


def titles(client: TestClient, person: str) -> set[tuple[str, str | None, str | None]]:
    """(title, organization or place id, date) of every position a person holds."""
    out = set()
    for p in get(client, f"/v1/delegates/{person}")["positions"]:
        at = p["organization"] or p["place"] or {}
        out.add((p["title"], at.get("id"), (p["date"] or {}).get("value")))
    return out


def people(event: dict[str, Any]) -> set[tuple[str, str, str | None]]:
    return {(p["person"]["id"], p["role"], p["side"]) for p in event["people"]}


def organizations(event: dict[str, Any]) -> set[tuple[str, str]]:
    return {(o["organization"]["id"], o["role"]) for o in event["organizations"]}


def areas(event: dict[str, Any]) -> set[str]:
    return {a["id"] for a in event["cooperation_areas"]}


def other_names(record: dict[str, Any]) -> set[str]:
    return {o["name"] for o in record["other_names"]}


def friendship(client: TestClient, a: str, b: str) -> dict[str, Any]:
    links: list[dict[str, Any]] = get(client, f"/v1/places/{a}")["friendship_cities"]
    [link] = [f for f in links if f["place"]["id"] == b]
    return link


def test_2017_03_wang_junzheng_meets_american_guests(registry: TestClient) -> None:
    assert ("Mayor", "changchun", "2017-03-13") in titles(registry, "liu-changlong")
    charge = "Charge d\u2019Affaires"  # the page's apostrophe
    assert (charge, "united-states", "2017-03-13") in titles(registry, "david-rank")
    delegation = get(registry, "/v1/delegations/david-rank-delegation-2017")
    assert [o["id"] for o in delegation["origins"]] == ["united-states"]
    assert [d["id"] for d in delegation["destinations"]] == ["changchun"]
    assert {(m["person"]["id"], m["role"]) for m in delegation["members"]} >= {
        ("david-rank", "leader")
    }
    meeting = get(
        registry, "/v1/events/wang-junzheng-liu-changlong-meet-david-rank-delegation-2017-03-13"
    )
    assert (meeting["classification"], meeting["status"]) == ("meeting", "passed")
    assert meeting["start"]["value"] == "2017-03-13"
    assert {"wang-junzheng", "liu-changlong"} <= {
        p for p, role, _ in people(meeting) if role == "host"
    }
    assert {"education", "trade", "culture"} <= areas(meeting)


def test_2018_01_liu_changlong_meets_rok_guests(registry: TestClient) -> None:
    assert ("Mayor", "changchun", "2018-01-04") in titles(registry, "liu-changlong")
    meeting = get(registry, "/v1/events/liu-changlong-meets-incheon-delegation-2018-01-04")
    assert meeting["start"]["value"] == "2018-01-04"
    assert ("liu-changlong", "host", "host") in people(meeting)
    assert {"economy", "trade", "tourism", "culture"} <= areas(meeting)
    delegation = get(registry, "/v1/delegations/incheon-delegation-2018")
    assert [o["id"] for o in delegation["origins"]] == ["incheon"]
    incheon = get(registry, "/v1/places/incheon")
    assert incheon["country"]["id"] == "south-korea"
    assert "ROK" in other_names(get(registry, "/v1/places/south-korea"))


def test_2018_04_changchun_delegation_in_krasnoyarsk(registry: TestClient) -> None:
    visit = get(registry, "/v1/events/changchun-delegation-krasnoyarsk-visit-2018")
    assert (visit["classification"], visit["status"]) == ("visit", "passed")
    assert visit["start"]["value"] == "2018-04-11"
    assert visit["place"]["id"] == "krasnoyarsk"
    assert ("government-of-krasnoyarsk", "inviter") in organizations(visit)
    assert "krasnoyarsk-economic-forum-2018" in {r["event"]["id"] for r in visit["related"]}
    forum = get(registry, "/v1/events/krasnoyarsk-economic-forum-2018")
    assert forum["parent"] is None  # related to the visit, not part of it
    delegation = get(registry, "/v1/delegations/changchun-delegation-krasnoyarsk-2018")
    assert [o["id"] for o in delegation["origins"]] == ["changchun"]  # outbound
    assert [d["id"] for d in delegation["destinations"]] == ["krasnoyarsk"]
    source = get(registry, "/v1/sources/ccfao-2018-04-16-changchun-delegation-krasnoyarsk")
    assert source["updated"] is None  # the stored page has no dateline


def test_2018_05_changchun_youth_delegation_in_germany(registry: TestClient) -> None:
    # the page dates only the delegation's formation (1 May 2018): the title, the trip and the
    # conference stay undated
    assert ("Deputy Secretary", "changchun-municipal-youth-league", None) in titles(
        registry, "wu-wei"
    )
    conference = get(registry, "/v1/events/international-youth-conference-berlin-wolfsburg")
    assert (conference["classification"], conference["start"]) == ("conference", None)
    formation = get(registry, "/v1/events/changchun-youth-delegation-formation-2018")
    assert formation["start"]["value"] == "2018-05-01"
    delegation = get(registry, "/v1/delegations/changchun-youth-delegation-germany-2018")
    assert delegation["size"] == 5
    assert ("wu-wei", "leader") in {(m["person"]["id"], m["role"]) for m in delegation["members"]}
    berlin = get(registry, "/v1/places/berlin")
    assert (berlin["kind"], berlin["parent"]["id"]) == ("city", "germany")
    friendship(registry, "changchun", "wolfsburg")


def test_2018_05_qi_guohua_meets_a_jilin_media_company(registry: TestClient) -> None:
    assert any(
        t == "Director General" and at == CCFAO for t, at, _ in titles(registry, "qi-guohua")
    )
    company = get(registry, "/v1/organizations/jilin-province-zhongyan-culture-and-media-company")
    assert "Jilin Province Zhongyang Culture and Media Company" in other_names(company)
    hits = get(registry, "/v1/organizations?q=zhongyang")["items"]
    assert [h["id"] for h in hits] == [company["id"]]  # q finds the other spelling
    meeting = get(registry, "/v1/events/qi-guohua-meets-zhongyan-culture-and-media-company-2018")
    assert meeting["start"] is None  # the page gives no date
    assert ("qi-guohua", "host", "host") in people(meeting)
    assert ("zhang-yan", "leader", "visiting") in people(meeting)


def test_2018_08_shuangyang_district_delegation(registry: TestClient) -> None:
    assert ("Deputy Director General", CCFAO, None) in titles(registry, "chen-li")
    delegation = get(registry, "/v1/delegations/shuangyang-district-government-delegation-2018")
    assert [o["id"] for o in delegation["origins"]] == ["shuangyang-district"]
    assert {m["person"]["id"] for m in delegation["members"]} == {"li-gang", "zhao-wanjin"}
    visit = get(registry, "/v1/events/shuangyang-district-government-delegation-visit-ccfao-2018")
    assert visit["venue"]["id"] == CCFAO
    assert visit["start"] is None
    assert ("chen-li", "host", "host") in people(visit)


def test_2018_11_qi_guohua_visits_three_embassies(registry: TestClient) -> None:
    assert ("Director General", CCFAO, "2018-11-02") in titles(registry, "qi-guohua")
    visit = get(registry, "/v1/events/qi-guohua-delegation-visits-embassies-2018-11-02")
    assert visit["start"]["value"] == "2018-11-02"
    assert ("qi-guohua", "leader", "visiting") in people(visit)
    embassy = get(registry, "/v1/organizations/embassy-of-latvia-in-china")
    assert embassy["classification"] == "embassy"
    # the same official hosts a visit in Changchun and leads one to the embassies
    sides = {e["side"] for e in get(registry, "/v1/delegates/qi-guohua")["events"]}
    assert {"host", "visiting"} <= sides


def test_2018_12_qian_wancheng_visits_hjorring(registry: TestClient) -> None:
    visit = get(registry, "/v1/events/qian-wancheng-delegation-visits-hjoerring-2018-12-17")
    assert (visit["start"]["value"], visit["place"]["id"]) == ("2018-12-17", "hjorring")
    assert ("qian-wancheng", "leader", "visiting") in people(visit)
    hjorring = get(registry, "/v1/places/hjorring")
    assert hjorring["name"] == "Hjørring"
    assert "Hjoerring" in other_names(hjorring)  # as this page spells it
    assert [h["id"] for h in get(registry, "/v1/places?q=hjoerring")["items"]] == ["hjorring"]
    source = get(registry, "/v1/sources/ccfao-2018-12-19-qian-wancheng-visits-hjoerring")
    assert source["complete"] is False
    # "the mayor of Hjoerring", unnamed: his government takes part, with a note; no person
    meeting = get(registry, "/v1/events/qian-wancheng-meets-mayor-of-hjoerring-2018-12-17")
    (host,) = [o for o in meeting["organizations"] if o["side"] == "host"]
    assert (host["organization"]["id"], host["role"]) == ("government-of-hjoerring", "host")
    assert "does not name" in host["note"]
    assert {p for p, _, _ in people(meeting)} == {"qian-wancheng"}


def test_2019_09_ryazan_student_representatives(registry: TestClient) -> None:
    assert ("Deputy Director General", None, "2019-09-18") in titles(registry, "ou-shuo")
    delegation = get(registry, "/v1/delegations/ryazan-student-representatives-2019")
    assert delegation["size"] == 13
    assert [o["id"] for o in delegation["origins"]] == ["ryazan"]
    visit = get(registry, "/v1/events/ryazan-student-representatives-changchun-visit-2019")
    assert visit["start"]["value"] == "2019-09-18"
    assert (CCFAO, "organizer") in organizations(visit)
    # "friendly cooperative relations" (paragraph 1) is not a friendship-city link
    links = get(registry, "/v1/places/changchun")["friendship_cities"]
    assert "ryazan" not in {f["place"]["id"] for f in links}
    assert get(registry, "/v1/places/ryazan")["country"] is None  # the page does not say


def test_2020_08_japanese_chamber_of_commerce(registry: TestClient) -> None:
    assert ("Director General", CCFAO, "2020-07-28") in titles(registry, "xue-chunzhi")
    chamber = get(registry, "/v1/organizations/japanese-chamber-of-commerce-in-changchun-city")
    assert chamber["classification"] == "chamber_of_commerce"
    meeting = get(registry, "/v1/events/xue-chunzhi-meets-japanese-chamber-of-commerce-2020-07-28")
    assert meeting["parent"]["id"] == "japanese-chamber-of-commerce-visit-to-ccfao-2020-07-28"
    assert ("xue-chunzhi", "host", "host") in people(meeting)
    source = get(registry, "/v1/sources/ccfao-2020-08-03-japanese-chamber-of-commerce-changchun")
    assert source["complete"] is False


def test_2020_08_zhang_zhijun_meets_consuls_general(registry: TestClient) -> None:
    assert ("Mayor", "changchun", "2020-08-13") in titles(registry, "zhang-zhijun")
    meeting = get(
        registry, "/v1/events/zhang-zhijun-meets-consulates-general-delegations-2020-08-13"
    )
    assert len(meeting["delegations"]) == 5
    assert {d["side"] for d in meeting["delegations"]} == {"visiting"}
    [japan] = [
        o
        for o in meeting["organizations"]
        if o["organization"]["id"] == "consulate-general-of-japan-to-shenyang"
    ]
    assert japan["note"]  # the consul general is not named: no person is invented
    visit = get(registry, "/v1/events/consulates-general-shenyang-delegations-visit-2020")
    assert "19th-changchun-agriculture-expo" in {r["event"]["id"] for r in visit["related"]}


def test_2023_05_ou_shuo_research_visits(registry: TestClient) -> None:
    assert ("Deputy Director", CCFAO, "2023-05-11") in titles(registry, "ou-shuo")
    visits = get(registry, "/v1/events/ccfao-research-visits-2023-05-11")
    assert (visits["classification"], visits["time_of_day"]) == ("research_visit", "afternoon")
    assert ("ou-shuo", "leader") in {(p, r) for p, r, _ in people(visits)}
    assert {c["id"] for c in visits["children"]} == {
        "ccfao-research-visit-jilin-deyin-trading-2023-05-11",
        "ccfao-research-visit-changchun-american-international-school-2023-05-11",
    }
    company = get(registry, "/v1/organizations/jilin-deyin-trading-co-ltd")
    assert company["name"] == "Jilin Deyin Trading Co., Ltd."


def test_2024_05_changchun_ulsan_30th_anniversary(registry: TestClient) -> None:
    assert ("Mayor", "ulsan", "2024-05-24") in titles(registry, "kim-doo-gyum")
    event = get(registry, "/v1/events/changchun-ulsan-sister-city-30th-anniversary-event-2024")
    assert (event["classification"], event["start"]["value"]) == ("anniversary", "2024-05-24")
    ulsan = get(registry, "/v1/places/ulsan")
    assert ulsan["country"]["id"] == "south-korea"
    friendship(registry, "changchun", "ulsan")


def test_2024_08_windsor_international_relations_committee(registry: TestClient) -> None:
    ou = titles(registry, "ou-shuo")
    assert ("Deputy Director", CCFAO, "2024-08-01") in ou
    # the latest of Ou Shuo's titles is the one his list item shows
    [item] = [
        i for i in get(registry, "/v1/delegates?q=ou%20shuo")["items"] if i["id"] == "ou-shuo"
    ]
    assert item["position"]["date"]["value"] == max(d for _, _, d in ou if d)
    meeting = get(registry, "/v1/events/ou-shuo-meets-windsor-irc-delegation-2024-08-01")
    assert ("ou-shuo", "host", "host") in people(meeting)
    assert ("l-t-zhao", "leader", "visiting") in people(meeting)
    assert "electric-vehicles-and-batteries" in areas(meeting)
    delegation = get(
        registry, "/v1/delegations/windsor-international-relations-committee-delegation-2024"
    )
    assert delegation["size"] == 3
    source = get(registry, "/v1/sources/ccfao-2024-08-09-windsor-irc-delegation")
    assert source["url"] is None  # the stored copy gives no address


def test_2025_05_krasnoyarsk_education_delegation(registry: TestClient) -> None:
    visit = get(registry, "/v1/events/krasnoyarsk-education-delegation-visit-2025-05")
    assert (visit["start"]["value"], visit["end"]["value"]) == ("2025-05-12", "2025-05-14")
    assert "education" in areas(visit)
    delegation = get(registry, "/v1/delegations/krasnoyarsk-education-delegation-2025")
    assert delegation["size"] == 5
    assert ("marina-akshonova", "leader") in {
        (m["person"]["id"], m["role"]) for m in delegation["members"]
    }
    meeting = get(registry, "/v1/events/krasnoyarsk-education-delegation-meeting-ccfao-2025-05")
    assert "zhao-haiying" in {p for p, role, _ in people(meeting) if role == "host"}
    friendship(registry, "changchun", "krasnoyarsk")


def test_2026_02_cpme_delegation(registry: TestClient) -> None:
    cpme = get(
        registry, "/v1/organizations/french-confederation-of-small-and-medium-sized-enterprises"
    )
    assert "CPME" in other_names(cpme)
    meeting = get(registry, "/v1/events/zhang-enhui-gu-gang-meet-cpme-delegation")
    # "On January 29": the page names no year, so the meeting has no date
    assert meeting["start"] is None
    assert {"zhang-enhui", "gu-gang"} <= {p for p, role, _ in people(meeting) if role == "host"}
    assert [d["delegation"]["id"] for d in meeting["delegations"]] == ["cpme-delegation"]
    assert "33rd-winter-universiade" in {r["event"]["id"] for r in meeting["related"]}


def test_friendship_city_profiles(registry: TestClient) -> None:
    def claims(city: str) -> set[str]:
        return {c["date"]["value"] for c in friendship(registry, "changchun", city)["established"]}

    assert claims("little-rock") == {"1994-06-02"}
    assert claims("windsor") == {"1992-08-25"}
    assert claims("tijuana") == {"2009-04-01"}
    # two pages, two precisions: both claims are kept, each with its own source
    sendai = friendship(registry, "changchun", "sendai")["established"]
    assert {c["date"]["value"] for c in sendai} == {"1980", "1980-10-27"}
    assert len({c["sources"][0]["source"]["id"] for c in sendai}) == 2
