"use strict";
// The registry's browser: a small single page that uses only the public API.
// The API base is this page's origin, or `?api=https://...` when the page is served elsewhere.

const API = (new URLSearchParams(location.search).get("api") || "").replace(/\/$/, "");
const main = document.getElementById("main");

const RESOURCES = {
  delegates: "Delegates",
  organizations: "Organizations",
  "cooperation-areas": "Cooperation areas",
  events: "Events",
  places: "Places",
  delegations: "Delegations",
  sources: "Sources",
};
const KIND_RESOURCE = {
  delegate: "delegates",
  organization: "organizations",
  "cooperation-area": "cooperation-areas",
  event: "events",
  place: "places",
  delegation: "delegations",
  source: "sources",
};
// Which resource a linked record belongs to, by the field that links it.
const FIELD_RESOURCE = {
  country: "places", place: "places", origins: "places", destinations: "places",
  friendship_cities: "places", delegations_from: "delegations", delegations_to: "delegations",
  related: "events", organization: "organizations", organizations: "organizations",
  venue: "organizations", person: "delegates", people: "delegates", members: "delegates",
  event: "events", events: "events", delegation: "delegations", delegations: "delegations",
  cooperation_areas: "cooperation-areas", source: "sources",
};
const LABELS = {
  other_names: "Also known as", side: "Side", classification: "Classification",
  parent: "Part of", country: "Country", place: "Place", venue: "Venue", status: "Status",
  start: "Date", end: "Until", time_of_day: "Time of day", sequence: "Order", kind: "Kind",
  description: "Description", title: "Title", publisher: "Publisher", updated: "Updated",
  published: "Published", url: "Address", language: "Language", positions: "Positions",
  events: "Events", delegations: "Delegations", children: "Includes", people: "People",
  organizations: "Organizations", cooperation_areas: "Cooperation areas",
  topics: "Presentation topics", friendship_cities: "Friendship cities",
  delegations_from: "Delegations from here", delegations_to: "Delegations to here",
  members: "Members", origins: "From", destinations: "To", related: "Related events",
  size: "Members (as counted)", complete: "Stored copy complete", note: "Note",
  records: "Records citing this source",
};
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

// ---------------------------------------------------------------- helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const words = (value) => String(value).replaceAll("_", " ");

// "1 source", "2 sources": the noun agrees with its number.
const IRREGULAR = { people: "person", cooperation_areas: "cooperation area" };
function count(n, plural) {
  const many = words(plural);
  const one = IRREGULAR[plural] || many.replace(/s$/, "");
  return `${n} ${n === 1 ? one : many}`;
}

// Each navigation gets its own signal: a view still loading when the reader moves on is
// cancelled, so it can never draw over the page that replaced it.
let navigation = new AbortController();
class Superseded extends Error {}

async function api(path) {
  const { signal } = navigation;
  const response = await fetch(API + path, { headers: { Accept: "application/json" }, signal })
    .catch((error) => { throw signal.aborted ? new Superseded() : error; });
  const body = await response.json().catch(() => null);
  if (signal.aborted) throw new Superseded();
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : `the server answered ${response.status}`;
    throw Object.assign(new Error(detail), { status: response.status });
  }
  return body;
}

function link(resource, summary) {
  return el("a", { href: `#/${resource}/${encodeURIComponent(summary.id)}` }, summary.name);
}

function formatDate(date) {
  if (!date) return "date unknown";
  const [year, part, day] = date.value.split("-");
  switch (date.precision) {
    case "day": return `${Number(day)} ${MONTHS[Number(part) - 1]} ${year}`;
    case "month": return `${MONTHS[Number(part) - 1]} ${year}`;
    case "half": return `${part === "H1" ? "first" : "second"} half of ${year}`;
    case "quarter": return `${part} ${year}`;
    default: return year;
  }
}

function when(event) {
  let text = formatDate(event.start);
  if (event.end) text += ` – ${formatDate(event.end)}`;
  if (event.time_of_day) text += `, ${event.time_of_day}`;
  return text;
}

function statusBadge(status) {
  if (!status) return null;
  return el("span", { class: `badge ${status === "tentative" ? "planned" : ""}` }, status);
}

function positionText(p) {
  if (!p) return "";
  const at = (p.organization || p.place || {}).name;
  return `${p.title}${at ? `, ${at}` : ""}${p.date ? ` (${formatDate(p.date)})` : ""}`;
}

function citations(sources) {
  if (!sources || sources.length === 0) return null;
  return el("p", { class: "sources" }, "Source: ",
    sources.map((cite, i) => [i ? "; " : "", link("sources", cite.source),
      cite.paragraph === null ? "" : cite.paragraph === 0 ? " (headline)" : ` (paragraph ${cite.paragraph})`]));
}

let firstView = true; // the first page keeps the browser's focus; later views take it

function show(...children) {
  main.replaceChildren(...children.flat(Infinity).filter(Boolean));
  drawCharts(); // charts.js: they take the width the page gives them
  main.setAttribute("aria-busy", "false");
  const heading = main.querySelector("h1");
  const moveFocus = !firstView;
  firstView = false;
  if (heading && moveFocus) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
}

function loading(what) {
  forgetCharts();
  main.setAttribute("aria-busy", "true");
  main.replaceChildren(el("p", { class: "status", role: "status" }, `Loading ${what}…`));
}

function failed(error) {
  show(el("h1", {}, "Something went wrong"),
    el("p", { class: "error", role: "alert" }, `Could not load this page: ${error.message}`),
    el("p", {}, el("a", { href: "#/" }, "Back to the start")));
}

// ---------------------------------------------------------------- lists

function summaryLine(resource, item) {
  switch (resource) {
    case "delegates":
      return positionText(item.position);
    case "organizations":
      return [words(item.classification), item.country && item.country.name].filter(Boolean).join(" · ");
    case "events":
      return when(item);
    case "places":
      return [item.kind, item.country && item.country.id !== item.id && item.country.name].filter(Boolean).join(" · ");
    case "delegations":
      return item.origins.length ? `from ${item.origins.map((o) => o.name).join(" and ")}` : "";
    case "sources":
      return [item.publisher, item.updated && `updated ${item.updated}`].filter(Boolean).join(" · ");
    default:
      return "";
  }
}

function pager(route, page, params) {
  const cursor = params.get("cursor");
  const previous = el("button", { type: "button", disabled: cursor ? null : "disabled" }, "Previous page");
  previous.addEventListener("click", () => history.back());
  const next = el("button", { type: "button", disabled: page.next_cursor ? null : "disabled" }, "Next page");
  next.addEventListener("click", () => {
    const nextParams = new URLSearchParams(params);
    nextParams.set("cursor", page.next_cursor);
    location.hash = `#/${route}?${nextParams}`;
  });
  return el("div", { class: "pager" }, previous, next);
}

// The filters each list can also count by (its `facets`): a filtered list asks for them, to
// name the value it is filtered to ("organization Changchun ...", not its id).
const FACETED = {
  delegates: ["side", "organization", "event", "role", "delegation"],
  organizations: ["classification", "country", "place", "parent", "event", "role", "cooperation_area"],
  "cooperation-areas": ["event"],
  events: ["year", "origin", "status", "classification", "place", "parent", "delegation",
    "cooperation_area", "organization", "delegate"],
  places: ["kind", "country", "parent", "friendship_city"],
  delegations: ["origin", "destination", "event", "member"],
  sources: ["publisher"],
};

async function listView(resource, params) {
  loading(RESOURCES[resource].toLowerCase());
  const query = new URLSearchParams({ limit: "10" });
  // filters (a chart's or a facet's link) pass through to the API as they are
  for (const [key, value] of params) if (key !== "limit") query.set(key, value);
  const filters = [...params].filter(([key]) => key !== "cursor");
  const named = filters.map(([key]) => key).filter((key) => FACETED[resource].includes(key));
  if (named.length) query.set("facets", named.join(","));
  const page = await api(`/v1/${resource}?${query}`);
  const label = (key, value) => {
    const found = ((page.facets || {})[key] || []).find((v) => String(v.value) === value);
    return `${words(key)} ${found ? found.label : value}`;
  };
  const items = page.items.map((item) => el("li", {},
    link(resource, item),
    resource === "events" ? statusBadge(item.status) : null,
    el("div", { class: "meta" }, summaryLine(resource, item))));
  const csv = `${API}/v1/${resource}?format=csv`;
  show(el("h1", {}, RESOURCES[resource],
      filters.length ? `: ${filters.map(([k, v]) => label(k, v)).join(", ")}` : ""),
    el("p", { class: "meta" }, `${count(page.total, resource.replaceAll("-", "_"))}`,
      filters.length ? " · " : " in the registry · ",
      el("a", { href: csv, download: `${resource}.csv` }, "Download all as CSV")),
    items.length ? el("ul", { class: "items" }, items) : el("p", { class: "status" }, "None recorded."),
    pager(resource, page, params));
}

async function searchView(params) {
  const q = params.get("q") || "";
  document.getElementById("q").value = q;
  loading("results");
  const query = new URLSearchParams({ q, limit: "10" });
  if (params.get("cursor")) query.set("cursor", params.get("cursor"));
  const page = await api(`/v1/search?${query}`);
  const items = page.items.map((hit) => el("li", {},
    link(KIND_RESOURCE[hit.kind], hit),
    el("span", { class: "badge" }, words(hit.kind)),
    el("div", { class: "meta" }, hit.matches.map((m) => `${words(m.field)}: ${m.text}`).join(" · "))));
  show(el("h1", {}, `Search: ${q}`),
    el("p", { class: "meta" }, `${page.total} result${page.total === 1 ? "" : "s"}`),
    items.length ? el("ul", { class: "items" }, items) : el("p", { class: "status" }, `Nothing matches “${q}”.`),
    pager("search", page, params));
}

// ---------------------------------------------------------------- details

function isSummary(value) {
  return value && typeof value === "object" && "id" in value && "name" in value && Object.keys(value).length === 2;
}

function factValue(key, value, self) {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  if (isSummary(value)) return link(FIELD_RESOURCE[key] || self, value);
  if (typeof value === "object" && "precision" in value) return formatDate(value);
  if (Array.isArray(value)) return value.map((v) => (v && typeof v === "object" ? v.name : v)).join("; ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (key === "url") return el("a", { href: value, rel: "noopener" }, value);
  return words(value);
}

// A participant with two roles at one event (an office that arranged a meeting and hosted it)
// is one entry with both roles, its sides and citations combined.
function mergeParticipations(items) {
  const merged = new Map();
  for (const item of items) {
    const linked = Object.entries(item).find(([, v]) => isSummary(v));
    if (!("role" in item) || !linked) {
      merged.set(Symbol("single"), item);
      continue;
    }
    // the same records (an organization at the same event), not just the first of them
    const key = Object.entries(item).filter(([, v]) => isSummary(v)).map(([k, v]) => `${k}:${v.id}`).join(" ");
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { ...item, roles: [item.role].filter(Boolean), sides: [item.side].filter(Boolean),
        notes: [item.activity, item.note].filter(Boolean), sources: [...(item.sources || [])] });
      continue;
    }
    if (item.role && !seen.roles.includes(item.role)) seen.roles.push(item.role);
    if (item.side && !seen.sides.includes(item.side)) seen.sides.push(item.side);
    for (const text of [item.activity, item.note]) if (text && !seen.notes.includes(text)) seen.notes.push(text);
    for (const cite of item.sources || []) {
      if (!seen.sources.some((c) => c.source.id === cite.source.id && c.paragraph === cite.paragraph)) seen.sources.push(cite);
    }
  }
  return [...merged.values()];
}

const joined = (values) => values.map(words).join(", ");

function entry(key, item, self) {
  if (isSummary(item)) return el("li", {}, link(FIELD_RESOURCE[key] || self, item));
  const linked = Object.entries(item).find(([, v]) => isSummary(v));
  const parts = [];
  if (key === "records") {
    parts.push(link(KIND_RESOURCE[item.kind], item), el("span", { class: "badge" }, words(item.kind)),
      el("span", { class: "meta" }, ` paragraphs ${item.paragraphs.join(", ")}`));
  } else if (linked) {
    const [field, summary] = linked;
    if (item.title) parts.push(`${item.title}, `);
    parts.push(link(FIELD_RESOURCE[field] || self, summary));
    const roles = item.roles || [item.role].filter(Boolean);
    const sides = item.sides || [item.side].filter(Boolean);
    if (roles.length) parts.push(el("span", { class: "badge" }, joined(roles)));
    if (sides.length) parts.push(el("span", { class: "badge" }, `${sides.join(" and ")} side`));
    const dated = item.date || item.start;
    if (dated) parts.push(el("span", { class: "meta" }, ` ${formatDate(dated)}`));
    const rest = Object.entries(item).filter(([k, v]) => isSummary(v) && k !== field);
    for (const [k, v] of rest) parts.push(" at ", link(FIELD_RESOURCE[k] || self, v));
  } else if (item.topic) {
    parts.push(item.topic);
  } else if (item.title) {
    parts.push(positionText(item));
  }
  for (const text of item.notes || [item.activity, item.note].filter(Boolean)) {
    parts.push(el("div", { class: "meta" }, text));
  }
  if (item.established && item.established.length) {
    // each source's date, side by side when sources disagree
    parts.push(el("ul", { class: "claims" }, item.established.map((claim) => el("li", {},
      `Established ${formatDate(claim.date)}`, citations(claim.sources)))));
  }
  return el("li", {}, parts, citations(item.sources));
}

const SECTIONS = ["positions", "people", "members", "organizations", "events", "delegations",
  "children", "related", "cooperation_areas", "topics", "friendship_cities", "delegations_from",
  "delegations_to", "origins", "destinations", "records"];

async function detailView(resource, id) {
  loading("the record");
  const record = await api(`/v1/${resource}/${encodeURIComponent(id)}`);
  const facts = [];
  for (const [key, value] of Object.entries(record)) {
    if (["id", "name", "sources", "position", ...SECTIONS].includes(key) || key.endsWith("_total")) continue;
    const shown = factValue(key, value, resource);
    if (shown !== null) facts.push(el("dt", {}, LABELS[key] || words(key)), el("dd", {}, shown));
  }
  const sections = SECTIONS.filter((key) => key in record).map((key) => [
    el("h2", {}, LABELS[key] || words(key)),
    record[key].length
      ? el("ul", { class: "items" }, mergeParticipations(record[key]).map((item) => entry(key, item, resource)))
      : el("p", { class: "status" }, "None recorded."),
    moreOf(resource, record, key), // views.js: "and N more", when the detail lists the first only
  ]);
  show(el("p", { class: "meta" }, el("a", { href: `#/${resource}` }, RESOURCES[resource])),
    el("h1", {}, record.name, resource === "events" ? statusBadge(record.status) : null),
    facts.length ? el("dl", { class: "facts" }, facts) : null,
    resource === "delegates" || resource === "organizations" ? historyFigure(resource, record) : null,
    resource === "places" && record.friendship_cities.length
      ? friendshipFigure(record.friendship_cities.map((f) => ({ a: record, b: f.place, established: f.established })), false)
      : null,
    sections,
    record.sources ? [el("h2", {}, "Sources"), citations(record.sources)] : null);
}

// ---------------------------------------------------------------- routing

async function route() {
  navigation.abort();
  navigation = new AbortController();
  const [path, queryString] = location.hash.replace(/^#\/?/, "").split("?");
  const params = new URLSearchParams(queryString || "");
  const [resource, id, sub] = path.split("/").map(decodeURIComponent);
  try {
    if (!resource) await homeView();
    else if (resource === "search") await searchView(params);
    else if (resource === "timeline") await timelineView();
    else if (resource === "friendship-cities") await friendshipView();
    else if (resource === "network") await networkView(params);
    else if (resource in RESOURCES && id && sub) await fullListView(resource, id, sub, params);
    else if (resource in RESOURCES && id) await detailView(resource, id);
    else if (resource in RESOURCES) await listView(resource, params);
    else throw new Error(`there is no page “${path}”`);
  } catch (error) {
    if (!(error instanceof Superseded)) failed(error);
  }
}

document.getElementById("search").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (q) location.hash = `#/search?${new URLSearchParams({ q })}`;
});
if (API) {
  for (const a of document.querySelectorAll("footer a")) a.href = `${API}/${a.getAttribute("href")}`;
}
window.addEventListener("hashchange", route);
// charts.js and views.js load after this file (all deferred, in order): route once they have.
document.addEventListener("DOMContentLoaded", route);
