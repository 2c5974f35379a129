"use strict";
// The views that draw: home (charts of the registry's facets), the timeline, friendship
// cities, the network, and a person's or an organization's history strip. Each chart comes
// with its text equivalent (charts.js).

// ---------------------------------------------------------------- home

// A chart and its table, under one heading; `param` is the events filter each value links to.
function facetFigure(id, title, note, chart, table) {
  return el("section", { class: "figure", "aria-labelledby": id },
    el("h2", { id }, title), note ? el("p", { class: "meta" }, note) : null, chart, table);
}

function eventsLink(param, value) {
  return `#/events?${new URLSearchParams({ [param]: value })}`;
}

function rankFigure(id, title, values, param, color, top = 8) {
  const known = values.filter((v) => v.value !== null);
  if (!known.length) return null;
  const rows = known.slice(0, top).map((v) => ({ label: v.label, count: v.count, href: eventsLink(param, v.value) }));
  const more = known.length - rows.length;
  return facetFigure(id, title, more > 0 ? `The ${rows.length} most frequent of ${known.length}.` : null,
    rankChart(rows, color),
    figuresTable(title, ["Name", "Events"], rows.map((r) => [el("a", { href: r.href }, r.label), r.count])));
}

async function homeView() {
  loading("the registry");
  const [meta, facets] = await Promise.all([api("/v1/meta"),
    api("/v1/events?facets=year,origin,organization,delegate&limit=1")]);
  const counts = Object.entries(meta.counts).map(([kind, n]) => el("li", {},
    el("a", { href: `#/${kind.replaceAll("_", "-")}` }, count(n, kind))));
  const years = facets.facets.year.filter((v) => v.value !== null).map((v) => [Number(v.value), v.count]);
  const undated = facets.facets.year.filter((v) => v.value === null).reduce((n, v) => n + v.count, 0);
  const byYear = new Map(years);
  const yearRows = [];
  if (years.length) {
    const [first, last] = [Math.min(...byYear.keys()), Math.max(...byYear.keys())];
    for (let year = first; year <= last; year += 1) {
      yearRows.push({ year: String(year), count: byYear.get(year) || 0, href: eventsLink("year", String(year)) });
    }
  }
  show(el("h1", {}, "Delegation Registry"),
    el("p", {}, "Curated records of official delegation visits: who came, on whose behalf, whom they met, where and when, what they discussed, what they planned next, and which source says so."),
    el("ul", { class: "items counts" }, counts),
    el("p", {}, el("a", { href: "#/timeline" }, "See the timeline"), " · ",
      el("a", { href: "#/network" }, "See the network"), " · ",
      el("a", { href: "#/friendship-cities" }, "See the friendship cities")),
    el("div", { class: "figures-grid" },
      yearRows.length ? facetFigure("chart-years", "Events per year",
        `Visits and the meetings within them, by the year they began${undated ? `; ${count(undated, "events")} with no known date not shown` : ""}. Each bar links to its events.`,
        yearChart(yearRows),
        figuresTable("Events per year", ["Year", "Events"], yearRows.filter((r) => r.count)
          .map((r) => [el("a", { href: r.href }, r.year), r.count]))) : null,
      rankFigure("chart-origins", "Events by delegation origin", facets.facets.origin, "origin", "#2f7d32"),
      rankFigure("chart-organizations", "Organizations taking part most often", facets.facets.organization,
        "organization", "#6b3fa0"),
      rankFigure("chart-people", "People taking part most often", facets.facets.delegate, "delegate", "#b3261e")),
    el("p", { class: "meta" }, `Data version ${meta.data_version}`));
}

// ---------------------------------------------------------------- timeline

function statusOf(event) {
  return event.tentative ? "tentative" : event.status || "unknown";
}

async function timelineView() {
  loading("the timeline");
  // One request for every participation (the graph's edges), not one per event.
  // A registry too large for one graph (a 422) shows the timeline without participants.
  const [timeline, graph] = await Promise.all([api("/v1/timeline?limit=100"),
    api("/v1/graph?kind=event,delegate,organization,delegation&limit=2000")
      .catch((error) => {
        if (error.status !== 422) throw error;
        return { nodes: [], edges: [] };
      })]);
  const events = timeline.items;
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const participants = new Map(); // event id -> Map(node id -> roles)
  for (const edge of graph.edges) {
    if (edge.type !== "participation") continue;
    const byNode = participants.get(edge.target) || new Map();
    const roles = byNode.get(edge.source) || [];
    if (edge.label && !roles.includes(edge.label)) roles.push(edge.label);
    byNode.set(edge.source, roles);
    participants.set(edge.target, byNode);
  }
  const dated = events.filter((e) => e.start);
  const items = dated.map((e) => {
    const status = statusOf(e);
    return { lane: "all", ...span(e.start, e.end), color: STATUS_COLORS[status], dashed: status === "tentative",
      href: `#/events/${encodeURIComponent(e.id)}`, title: `${e.name}\n${when(e)} · ${words(status)}` };
  });
  let year;
  const entries = events.map((event) => {
    const heading = event.start ? event.start.value.slice(0, 4) : "Date unknown";
    const who = [...(participants.get(`event:${event.id}`) || new Map())].map(([id, roles]) => [nodes.get(id), roles]);
    return [
      heading !== year ? el("li", { class: "year" }, el("h2", {}, (year = heading))) : null,
      el("li", { class: event.tentative ? "planned" : event.status || "" },
        el("p", { class: "meta" }, when(event)),
        el("h3", {}, link("events", event), statusBadge(event.status)),
        event.parent ? el("p", { class: "meta" }, "Part of ", link("events", event.parent)) : null,
        who.length ? el("ul", { class: "people" }, who.map(([node, roles]) => el("li", {},
          link(KIND_RESOURCE[node.kind], { id: node.record_id, name: node.name }),
          roles.length ? el("span", { class: "badge" }, joined(roles)) : null))) : null),
    ];
  });
  const undated = events.length - dated.length;
  show(el("h1", {}, "Timeline"),
    el("p", { class: "meta" }, "Events on a time axis across the years, then in date order below. A date the source gives only in part stays partial: a year is drawn as a year, the second half of 2024 as half a year. Tentative events (hoped for, not held) are dashed."),
    dated.length ? [statusLegend(new Set(dated.map(statusOf))), timeStrip([{ key: "all" }], items),
      el("p", { class: "meta" }, `${count(dated.length, "events")} drawn${undated ? `; ${count(undated, "events")} with no known date are listed at the end` : ""}. The list below says the same.`)] : null,
    el("ol", { class: "timeline" }, entries));
}

// ---------------------------------------------------------------- friendship cities

// pairs: [{a, b, established}], a and b place summaries, established the sources' claims.
// On a place's own page the claims are listed below under Friendship cities: no table there.
function friendshipFigure(pairs, withTable = true) {
  const name = (p) => `${p.a.name} – ${p.b.name}`;
  const lanes = pairs.map((p) => ({ key: name(p), label: name(p) }));
  const items = pairs.flatMap((p) => p.established.filter((c) => c.date).map((c) => ({
    lane: name(p), ...span(c.date), color: "#2f7d32", dashed: false,
    href: `#/places/${encodeURIComponent(p.b.id)}`,
    title: `${name(p)}: established ${formatDate(c.date)} (${c.sources.map((s) => s.source.name).join("; ")})`,
  })));
  const rows = pairs.map((p) => [
    [link("places", p.a), " – ", link("places", p.b)],
    p.established.length
      ? el("ul", { class: "claims" }, p.established.map((c) => el("li", {}, formatDate(c.date), citations(c.sources))))
      : "not stated by a source",
  ]);
  return el("section", { class: "figure", "aria-labelledby": "chart-friendship" },
    el("h2", { id: "chart-friendship" }, "Friendship cities over time"),
    el("p", { class: "meta" }, `When each link was established, as each source dates it: a dot for a day, a bar for a year; where sources disagree, each claim is drawn.${withTable ? "" : " The same dates are listed below under Friendship cities."}`),
    items.length ? timeStrip(lanes, items) : null,
    withTable ? figuresTable("Friendship cities and when they were established", ["Cities", "Established"], rows) : null);
}

async function friendshipView() {
  loading("the friendship cities");
  const graph = await api("/v1/graph?kind=place&limit=2000");
  const names = new Map(graph.nodes.map((n) => [n.id, { id: n.record_id, name: n.name }]));
  let links = graph.edges.filter((e) => e.type === "friendship");
  // The claims are on a place's record: read the fewest places that cover every link.
  const pairs = [];
  while (links.length) {
    const degree = new Map();
    for (const e of links) for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) || 0) + 1);
    const hub = [...degree].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0][0];
    const place = await api(`/v1/places/${encodeURIComponent(names.get(hub).id)}`);
    for (const f of place.friendship_cities) {
      if (links.some((e) => [e.source, e.target].includes(`place:${f.place.id}`) && [e.source, e.target].includes(hub))) {
        pairs.push({ a: names.get(hub), b: f.place, established: f.established });
      }
    }
    links = links.filter((e) => e.source !== hub && e.target !== hub);
  }
  const first = (p) => Math.min(...p.established.map((c) => Date.parse(c.date.earliest)), Infinity);
  pairs.sort((x, y) => first(x) - first(y) || x.b.name.localeCompare(y.b.name));
  show(el("h1", {}, "Friendship cities"),
    el("p", { class: "meta" }, `${count(pairs.length, "links")} between cities, each with the dates its sources give for it.`),
    pairs.length ? friendshipFigure(pairs) : el("p", { class: "status" }, "None recorded."));
}

// ---------------------------------------------------------------- history of a person or an organization

// Titles held (each with the date a source states it for) and events by the side taken there.
function historyFigure(resource, record) {
  const lanes = [];
  const items = [];
  const titled = resource === "delegates"
    ? record.positions.map((p) => ({ title: p.title, at: p.organization || p.place, date: p.date, who: null }))
    : record.people.map((p) => ({ title: p.title, at: null, date: p.date, who: p.person }));
  if (resource === "delegates") {
    for (const title of new Set(titled.filter((t) => t.date).map((t) => t.title))) {
      lanes.push({ key: `title:${title}`, label: `Title: ${title}` });
    }
  } else if (titled.some((t) => t.date)) {
    lanes.push({ key: "titles", label: "Titles stated for its people" });
  }
  for (const t of titled.filter((x) => x.date)) {
    items.push({ lane: resource === "delegates" ? `title:${t.title}` : "titles", ...span(t.date),
      color: TITLE_COLOR, dashed: false,
      href: t.who ? `#/delegates/${encodeURIComponent(t.who.id)}` : null,
      title: `${t.who ? `${t.who.name}: ` : ""}${t.title}${t.at ? `, ${t.at.name}` : ""} (${formatDate(t.date)})` });
  }
  const sideLanes = { visiting: "Events on the visiting side", host: "Events on the host side", other: "Events, side not stated" };
  const events = mergeParticipations(record.events || []);
  for (const [side, label] of Object.entries(sideLanes)) {
    const mine = events.filter((e) => e.start && ((e.sides || []).includes(side) || (side === "other" && !(e.sides || []).length)));
    if (!mine.length) continue;
    lanes.push({ key: side, label: `${label} (${mine.length})` });
    for (const e of mine) {
      items.push({ lane: side, ...span(e.start), color: SIDE_COLORS[side], dashed: false,
        href: `#/events/${encodeURIComponent(e.event.id)}`,
        title: `${e.event.name}\n${formatDate(e.start)} · ${joined(e.roles)}` });
    }
  }
  if (!items.length) return null;
  const undated = titled.filter((t) => !t.date).length + events.filter((e) => !e.start).length;
  const cut = ["people", "events"].some((key) => record[`${key}_total`] > (record[key] || []).length);
  return el("section", { class: "figure", "aria-labelledby": "chart-history" },
    el("h2", { id: "chart-history" }, "Over time"),
    el("p", { class: "meta" }, `Titles with the dates their sources give, and events by the side taken there; the same are listed below under ${resource === "delegates" ? "Positions" : "People"} and Events.${undated ? ` Not drawn: ${undated} without a date.` : ""}${cut ? " Drawn from the first of each list only: each links to all of them." : ""}`),
    timeStrip(lanes, items));
}

// ---------------------------------------------------------------- a detail's whole lists

// The lists a detail gives the first entries of (`<list>_total` counts them all), and the
// sub-collection that pages through each; `records`: the resource of its items when they are
// whole records, listed as a list lists them (else they are the detail's own entries).
const FULL_LISTS = {
  "cooperation-areas": {
    events: { path: "events", records: "events", noun: "events" },
    organizations: { path: "participations", noun: "organizations at its events" },
  },
  places: {
    children: { path: "places", records: "places", noun: "places it includes" },
    events: { path: "events", records: "events", noun: "events" },
    organizations: { path: "organizations", records: "organizations", noun: "organizations" },
    delegations_from: { path: "delegations-from", records: "delegations", noun: "delegations from here" },
    delegations_to: { path: "delegations-to", records: "delegations", noun: "delegations to here" },
  },
  organizations: {
    children: { path: "organizations", records: "organizations", noun: "organizations it includes" },
    people: { path: "positions", noun: "titles held here" },
    events: { path: "participations", noun: "parts at events" },
  },
  sources: { records: { path: "records", noun: "records citing it" } },
};

// Under a list the detail cut short: how many more, and a link to all of them.
function moreOf(resource, record, key) {
  const list = (FULL_LISTS[resource] || {})[key];
  const total = record[`${key}_total`];
  if (!list || typeof total !== "number" || total <= record[key].length) return null;
  return el("p", { class: "more" }, `and ${total - record[key].length} more: `,
    el("a", { href: `#/${resource}/${encodeURIComponent(record.id)}/${list.path}` }, `all ${total} ${list.noun}`));
}

async function fullListView(resource, id, path, params) {
  const [key, list] = Object.entries(FULL_LISTS[resource] || {}).find(([, l]) => l.path === path) || [];
  if (!list) throw new Error(`there is no page “${resource}/${id}/${path}”`);
  loading(list.noun);
  const query = new URLSearchParams({ limit: "20" });
  if (params.get("cursor")) query.set("cursor", params.get("cursor"));
  const base = `/v1/${resource}/${encodeURIComponent(id)}`;
  const [record, page] = await Promise.all([api(base), api(`${base}/${path}?${query}`)]);
  const items = list.records
    ? page.items.map((item) => el("li", {}, link(list.records, item),
      list.records === "events" ? statusBadge(item.status) : null,
      el("div", { class: "meta" }, summaryLine(list.records, item))))
    : mergeParticipations(page.items).map((item) => entry(key, item, resource));
  const noun = list.noun[0].toUpperCase() + list.noun.slice(1);
  show(el("p", { class: "meta" }, el("a", { href: `#/${resource}/${encodeURIComponent(id)}` }, record.name)),
    el("h1", {}, `${record.name}: ${noun}`),
    el("p", { class: "meta" }, `${page.total} ${list.noun}`),
    items.length ? el("ul", { class: "items" }, items) : el("p", { class: "status" }, "None recorded."),
    pager(`${resource}/${encodeURIComponent(id)}/${path}`, page, params));
}

// ---------------------------------------------------------------- network

const KIND_COLORS = {
  delegate: "#0b5cad", organization: "#6b3fa0", place: "#2f7d32", event: "#b3261e",
  delegation: "#8a4b00", "cooperation-area": "#37474f",
};

async function networkView(params) {
  loading("the network");
  const query = new URLSearchParams();
  for (const scope of ["event", "place", "organization", "delegate"]) {
    if (params.get(scope)) query.set(scope, params.get(scope));
  }
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
  // A group, not an image: its nodes are links (an image's content is not interactive).
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", `Network of ${count(graph.nodes.length, "records")} and ${count(graph.edges.length, "links")}; the same links are listed below.`);
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
  const legendList = el("ul", { class: "legend" }, kinds.map((kind) =>
    el("li", {}, el("span", { class: "swatch", "data-kind": kind }), words(kind))));
  const links = el("ul", { class: "items" }, graph.edges.map((edge) => {
    const from = names[edge.source];
    const to = names[edge.target];
    return el("li", {}, link(KIND_RESOURCE[from.kind], { id: from.record_id, name: from.name }),
      ` — ${words(edge.type)}${edge.label ? ` (${words(edge.label)})` : ""} → `,
      link(KIND_RESOURCE[to.kind], { id: to.record_id, name: to.name }));
  }));
  show(el("h1", {}, "Network"),
    el("p", { class: "meta" }, `${count(graph.nodes.length, "records")}, ${count(graph.edges.length, "links")}`),
    legendList, svg, el("h2", {}, "Links"), links);
}
