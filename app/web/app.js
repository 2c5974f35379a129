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

async function api(path) {
  const response = await fetch(API + path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : `the server answered ${response.status}`;
    throw new Error(detail);
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

async function listView(resource, params) {
  loading(RESOURCES[resource].toLowerCase());
  const query = new URLSearchParams({ limit: "10" });
  // filters (a chart's or a facet's link) pass through to the API as they are
  for (const [key, value] of params) if (key !== "limit") query.set(key, value);
  const filters = [...params].filter(([key]) => key !== "cursor");
  const page = await api(`/v1/${resource}?${query}`);
  const items = page.items.map((item) => el("li", {},
    link(resource, item),
    resource === "events" ? statusBadge(item.status) : null,
    el("div", { class: "meta" }, summaryLine(resource, item))));
  const csv = `${API}/v1/${resource}?format=csv`;
  show(el("h1", {}, RESOURCES[resource],
      filters.length ? `: ${filters.map(([k, v]) => `${words(k)} ${v}`).join(", ")}` : ""),
    el("p", { class: "meta" }, `${page.total} in the registry · `,
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
    if (item.role) parts.push(el("span", { class: "badge" }, words(item.role)));
    if (item.side) parts.push(el("span", { class: "badge" }, `${item.side} side`));
    const dated = item.date || item.start;
    if (dated) parts.push(el("span", { class: "meta" }, ` ${formatDate(dated)}`));
    const rest = Object.entries(item).filter(([k, v]) => isSummary(v) && k !== field);
    for (const [k, v] of rest) parts.push(" at ", link(FIELD_RESOURCE[k] || self, v));
  } else if (item.topic) {
    parts.push(item.topic);
  } else if (item.title) {
    parts.push(positionText(item));
  }
  if (item.activity) parts.push(el("div", { class: "meta" }, item.activity));
  if (item.note) parts.push(el("div", { class: "meta" }, item.note));
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
    if (["id", "name", "sources", "position", ...SECTIONS].includes(key)) continue;
    const shown = factValue(key, value, resource);
    if (shown !== null) facts.push(el("dt", {}, LABELS[key] || words(key)), el("dd", {}, shown));
  }
  const sections = SECTIONS.filter((key) => key in record).map((key) => [
    el("h2", {}, LABELS[key] || words(key)),
    record[key].length
      ? el("ul", { class: "items" }, record[key].map((item) => entry(key, item, resource)))
      : el("p", { class: "status" }, "None recorded."),
  ]);
  show(el("p", { class: "meta" }, el("a", { href: `#/${resource}` }, RESOURCES[resource])),
    el("h1", {}, record.name, resource === "events" ? statusBadge(record.status) : null),
    facts.length ? el("dl", { class: "facts" }, facts) : null,
    sections,
    record.sources ? [el("h2", {}, "Sources"), citations(record.sources)] : null);
}

// ---------------------------------------------------------------- timeline and home

async function timelineView() {
  loading("the timeline");
  const events = (await api("/v1/timeline?limit=100")).items;
  const participants = await Promise.all(
    events.map((e) => api(`/v1/events/${encodeURIComponent(e.id)}/participants?limit=100`)));
  let year = null;
  const items = events.map((event, i) => el("li", { class: event.tentative ? "planned" : event.status || "" },
    event.start && event.start.value.slice(0, 4) !== year
      ? el("p", { class: "year" }, (year = event.start.value.slice(0, 4)))
      : null,
    el("p", { class: "meta" }, when(event)),
    el("h2", {}, link("events", event), statusBadge(event.status)),
    event.parent ? el("p", { class: "meta" }, "Part of ", link("events", event.parent)) : null,
    participants[i].items.length
      ? el("ul", {}, participants[i].items.map((p) => el("li", {},
          link(KIND_RESOURCE[p.kind], p), el("span", { class: "badge" }, words(p.role)),
          p.side ? el("span", { class: "badge" }, `${p.side} side`) : null)))
      : null));
  show(el("h1", {}, "Timeline"),
    el("p", { class: "meta" }, "Events in date order across the years; a date the source gives only in part stays partial. Tentative events (hoped for, not held) are marked."),
    el("ol", { class: "timeline" }, items));
}

const KIND_COLORS = {
  delegate: "#0b5cad", organization: "#6b3fa0", place: "#2f7d32", event: "#b3261e",
  delegation: "#8a4b00", "cooperation-area": "#37474f",
};

async function networkView(params) {
  loading("the network");
  const query = new URLSearchParams();
  if (params.get("event")) query.set("event", params.get("event"));
  const graph = await api(`/v1/graph?${query}`);
  const [width, height] = [1000, 820];
  const center = width / 2;
  const kinds = Object.keys(KIND_COLORS);
  const position = {};
  graph.nodes.forEach((node, i) => {
    // One ellipse, nodes grouped by kind around it: a plain, deterministic layout.
    const angle = (2 * Math.PI * i) / graph.nodes.length - Math.PI / 2;
    position[node.id] = [center + 250 * Math.cos(angle), height / 2 + 360 * Math.sin(angle)];
  });
  const svgNS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Network of ${graph.nodes.length} records and ${graph.edges.length} links; the same links are listed below.`);
  svg.setAttribute("class", "network");
  for (const edge of graph.edges) {
    const [x1, y1] = position[edge.source];
    const [x2, y2] = position[edge.target];
    const line = document.createElementNS(svgNS, "line");
    Object.entries({ x1, y1, x2, y2, class: `edge ${edge.type}` }).forEach(([k, v]) => line.setAttribute(k, v));
    svg.append(line);
  }
  for (const node of graph.nodes) {
    const [x, y] = position[node.id];
    const a = document.createElementNS(svgNS, "a");
    a.setAttribute("href", `#/${KIND_RESOURCE[node.kind]}/${encodeURIComponent(node.record_id)}`);
    const circle = document.createElementNS(svgNS, "circle");
    Object.entries({ cx: x, cy: y, r: 7, fill: KIND_COLORS[node.kind] }).forEach(([k, v]) => circle.setAttribute(k, v));
    const label = document.createElementNS(svgNS, "text");
    const right = x >= center;
    Object.entries({ x: x + (right ? 10 : -10), y: y + 4, "text-anchor": right ? "start" : "end" })
      .forEach(([k, v]) => label.setAttribute(k, v));
    label.textContent = node.name.length > 30 ? `${node.name.slice(0, 28)}…` : node.name;
    const title = document.createElementNS(svgNS, "title");
    title.textContent = `${node.name} (${words(node.kind)})`;
    a.append(circle, label, title);
    svg.append(a);
  }
  const names = Object.fromEntries(graph.nodes.map((n) => [n.id, n]));
  const legend = el("ul", { class: "legend" }, kinds.map((kind) =>
    el("li", {}, el("span", { class: "swatch", "data-kind": kind }), words(kind))));
  const links = el("ul", { class: "items" }, graph.edges.map((edge) => {
    const from = names[edge.source];
    const to = names[edge.target];
    return el("li", {}, link(KIND_RESOURCE[from.kind], { id: from.record_id, name: from.name }),
      ` — ${words(edge.type)}${edge.label ? ` (${words(edge.label)})` : ""} → `,
      link(KIND_RESOURCE[to.kind], { id: to.record_id, name: to.name }));
  }));
  show(el("h1", {}, "Network"),
    el("p", { class: "meta" }, `${graph.nodes.length} records, ${graph.edges.length} links`),
    legend, svg, el("h2", {}, "Links"), links);
}

function facetList(label, values, param) {
  if (!values || !values.length) return null;
  return [el("h2", {}, label), el("ul", { class: "items facet" }, values.map((v) => el("li", {},
    v.value === null ? v.label : el("a", { href: `#/events?${param}=${encodeURIComponent(v.value)}` }, v.label),
    ` ${v.count} event${v.count === 1 ? "" : "s"}`)))];
}

async function homeView() {
  loading("the registry");
  const [meta, facets] = await Promise.all([api("/v1/meta"),
    api("/v1/events?facets=year,origin&limit=1")]);
  const counts = Object.entries(meta.counts).map(([kind, n]) => el("li", {},
    el("a", { href: `#/${kind.replaceAll("_", "-")}` }, `${n} ${words(kind)}`)));
  const years = [...facets.facets.year].sort((a, b) => String(a.value).localeCompare(String(b.value)));
  show(el("h1", {}, "Delegation Registry"),
    el("p", {}, "Curated records of official delegation visits: who came, on whose behalf, whom they met, where and when, what they discussed, what they planned next, and which source says so."),
    el("ul", { class: "items" }, counts),
    el("p", {}, el("a", { href: "#/timeline" }, "See the timeline"), " · ",
      el("a", { href: "#/network" }, "See the network")),
    facetList("Events by year", years, "year"),
    facetList("Events by delegation origin", facets.facets.origin, "origin"),
    el("p", { class: "meta" }, `Data version ${meta.data_version}`));
}

// ---------------------------------------------------------------- routing

async function route() {
  const [path, queryString] = location.hash.replace(/^#\/?/, "").split("?");
  const params = new URLSearchParams(queryString || "");
  const [resource, id] = path.split("/").map(decodeURIComponent);
  try {
    if (!resource) await homeView();
    else if (resource === "search") await searchView(params);
    else if (resource === "timeline") await timelineView();
    else if (resource === "network") await networkView(params);
    else if (resource in RESOURCES && id) await detailView(resource, id);
    else if (resource in RESOURCES) await listView(resource, params);
    else throw new Error(`there is no page “${path}”`);
  } catch (error) {
    failed(error);
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
route();
