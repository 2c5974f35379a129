"use strict";
// Charts, drawn with Observable Plot and d3 (vendor/, served by the app itself).
// A chart is a picture for the eye: hidden from assistive technology and out of the tab order,
// its marks still links for a pointer. Next to each one a table or a list carries the same
// figures and the same links, for keyboard and screen-reader users alike.

const DAY = 24 * 60 * 60 * 1000;
const INK = "#1b1f24";
const LINE = "#c9d1da";
// Event status: solid marks for what happened or is fixed, dashed outlines for what is hoped.
const STATUS_COLORS = {
  passed: "#0b5cad", confirmed: "#2f7d32", cancelled: "#5f6b76", unknown: "#7a8794", tentative: "#8a4b00",
};
const SIDE_COLORS = { visiting: "#b3261e", host: "#0b5cad", other: "#5f6b76" };
const TITLE_COLOR = "#6b3fa0";

// ---------------------------------------------------------------- the charts of a view

let charts = []; // [{box, draw, width}] of the view on screen

function forgetCharts() {
  charts = [];
}

// A box that holds a chart drawn for its own width, and again when that width changes.
function chartBox(draw, className = "") {
  const box = el("div", { class: `plot ${className}`.trim(), "aria-hidden": "true" });
  charts.push({ box, draw, width: 0 });
  return box;
}

function drawCharts() {
  for (const chart of charts) {
    const width = Math.floor(chart.box.clientWidth);
    if (!chart.box.isConnected || width === chart.width || width === 0) continue;
    chart.width = width;
    chart.box.replaceChildren(quiet(chart.draw(width)));
  }
}

let resizing = null;
window.addEventListener("resize", () => {
  clearTimeout(resizing);
  resizing = setTimeout(drawCharts, 150);
});

// Out of the accessibility tree and the tab order: the text equivalent beside it serves both.
function quiet(svg) {
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  for (const a of svg.querySelectorAll("a")) a.setAttribute("tabindex", "-1");
  return svg;
}

function truncate(text, chars) {
  return text.length > chars ? `${text.slice(0, Math.max(1, chars - 1))}…` : text;
}

// ---------------------------------------------------------------- text equivalents

// A table of the figures a chart draws: rows of cells, a cell a string or a node.
function figuresTable(caption, headers, rows) {
  return el("table", { class: "figures" },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, headers.map((h, i) =>
      el("th", { scope: "col", class: rows.length && typeof rows[0][i] === "number" ? "number" : null }, h)))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((cell, i) =>
      i === 0 ? el("th", { scope: "row" }, cell)
        : el("td", { class: typeof cell === "number" ? "number" : null }, cell))))));
}

// A legend in HTML (Plot's own legends bring inline styles): [{key, label}] where key names a
// swatch's look in style.css.
function legend(label, entries) {
  return el("ul", { class: "legend", "aria-label": label }, entries.map(({ key, label: text }) =>
    el("li", {}, el("span", { class: "key", "data-key": key }), text)));
}

// ---------------------------------------------------------------- counts

// Years across (every year from the first to the last, none left out), a bar per year.
function yearChart(rows) {
  return chartBox((width) => {
    const narrow = width < 420;
    const max = Math.max(...rows.map((r) => r.count));
    return Plot.plot({
      width, height: 190, marginTop: 18, marginBottom: 24, marginLeft: 4, marginRight: 4,
      x: { type: "band", domain: rows.map((r) => r.year), label: null, tickSize: 0, padding: 0.2,
        tickFormat: (year) => (narrow ? `’${year.slice(2)}` : year) },
      y: { domain: [0, max], axis: null },
      marks: [
        Plot.barY(rows, { x: "year", y: "count", fill: STATUS_COLORS.passed, href: (r) => (r.count ? r.href : null),
          title: (r) => `${r.year}: ${count(r.count, "events")}` }),
        Plot.text(rows.filter((r) => r.count > 0), { x: "year", y: "count", text: (r) => String(r.count),
          dy: -7, fill: INK }),
        Plot.ruleY([0], { stroke: INK }),
      ],
    });
  });
}

// Values down, a bar each, its name above it (names stay readable at a phone's width).
function rankChart(rows, color) {
  return chartBox((width) => {
    const max = Math.max(...rows.map((r) => r.count));
    const chars = Math.floor((width - 8) / 6.8);
    const keyed = rows.map((r, i) => ({ ...r, key: String(i), short: truncate(r.label, chars) }));
    return Plot.plot({
      width, height: keyed.length * 38 + 4, marginTop: 4, marginBottom: 0, marginLeft: 1, marginRight: 34,
      x: { domain: [0, max], axis: null },
      y: { domain: keyed.map((r) => r.key), axis: null, padding: 0 },
      marks: [
        Plot.barX(keyed, { x: "count", y: "key", fill: color, insetTop: 20, insetBottom: 4, href: "href",
          title: (r) => `${r.label}: ${count(r.count, "events")}` }),
        Plot.text(keyed, { y: "key", text: "short", frameAnchor: "left", textAnchor: "start", dy: -9,
          fill: INK, href: "href" }),
        Plot.text(keyed, { x: "count", y: "key", text: (r) => String(r.count), textAnchor: "start",
          dx: 4, dy: 7, fill: INK }),
      ],
    });
  });
}

// ---------------------------------------------------------------- time

// The span a partial date covers, end included: a day is a day, `2024-H2` half a year,
// `2018` a year. With an `end`, up to its last day.
function span(start, end) {
  if (!start) return null;
  const from = Date.parse(start.earliest);
  const to = Date.parse((end || start).latest) + DAY;
  return { from, to, day: !end && start.precision === "day" };
}

// Marks on a time axis, in labelled lanes: lanes [{key, label}], top to bottom; items
// [{lane, from, to, day, color, dashed, href, title}]. A day is a dot; a longer span a bar
// (at least a few pixels wide). Marks that would overlap in a lane take rows of their own.
function timeStrip(lanes, items) {
  return chartBox((width) => {
    const margin = { left: 18, right: 18, top: 4, bottom: 26 };
    const inner = width - margin.left - margin.right;
    const first = d3.utcYear.floor(new Date(Math.min(...items.map((i) => i.from))));
    const last = d3.utcYear.ceil(new Date(Math.max(...items.map((i) => i.to))));
    const perMs = inner / (last - first);
    const ROW = 20;
    const LABEL = 18;
    const rows = [];
    const labels = [];
    const separators = [];
    let y = margin.top;
    for (const lane of lanes) {
      const mine = items.filter((i) => i.lane === lane.key).sort((a, b) => a.from - b.from);
      if (!mine.length) continue;
      if (lane.label) {
        separators.push(y);
        labels.push({ y: y + LABEL / 2 + 1, text: lane.label });
        y += LABEL;
      }
      const ends = []; // per row: where its last mark ends, in pixels
      for (const item of mine) {
        let x1 = (item.from - first) * perMs;
        let x2 = (item.to - first) * perMs;
        if (!item.day && x2 - x1 < 4) [x1, x2] = [(x1 + x2) / 2 - 2, (x1 + x2) / 2 + 2];
        const [left, right] = item.day ? [(x1 + x2) / 2 - 7, (x1 + x2) / 2 + 7] : [x1 - 2, x2 + 2];
        let row = ends.findIndex((end) => end <= left);
        if (row === -1) row = ends.push(right) - 1;
        ends[row] = right;
        rows.push({ ...item, x1: first.getTime() + x1 / perMs, x2: first.getTime() + x2 / perMs,
          y: y + row * ROW + ROW / 2 });
      }
      y += ends.length * ROW + 6;
    }
    const height = y + margin.bottom;
    const bars = rows.filter((r) => !r.day);
    const dots = rows.filter((r) => r.day);
    const common = { href: "href", title: "title" };
    const mid = (r) => new Date((r.x1 + r.x2) / 2);
    return Plot.plot({
      width, height, marginLeft: margin.left, marginRight: margin.right, marginTop: margin.top,
      marginBottom: margin.bottom,
      x: { type: "utc", domain: [first, last], label: null, grid: true, ...yearTicks(first, last, inner) },
      y: { type: "identity", axis: null },
      marks: [
        Plot.ruleY(separators, { y: (d) => d, stroke: LINE }),
        Plot.text(labels, { y: "y", text: "text", frameAnchor: "left", textAnchor: "start", fill: INK,
          fontWeight: 600 }),
        Plot.rect(bars.filter((r) => !r.dashed), { ...common, x1: (r) => new Date(r.x1),
          x2: (r) => new Date(r.x2), y1: (r) => r.y - 6, y2: (r) => r.y + 6, fill: "color" }),
        Plot.rect(bars.filter((r) => r.dashed), { ...common, x1: (r) => new Date(r.x1),
          x2: (r) => new Date(r.x2), y1: (r) => r.y - 6, y2: (r) => r.y + 6, fill: "#fff7ec",
          stroke: "color", strokeWidth: 2, strokeDasharray: "5,3" }),
        Plot.dot(dots.filter((r) => !r.dashed), { ...common, x: mid, y: "y", r: 5, fill: "color",
          stroke: "white" }),
        Plot.dot(dots.filter((r) => r.dashed), { ...common, x: mid, y: "y", r: 5.5, fill: "#fff7ec",
          stroke: "color", strokeWidth: 2, strokeDasharray: "3,2" }),
      ],
    });
  }, "strip");
}

// Over two years or more, a tick every year (or every 2, 5, 10... as the width allows).
function yearTicks(first, last, inner) {
  const years = d3.utcYear.count(first, last);
  const room = Math.max(2, Math.floor(inner / 52));
  if (years < 2) return { ticks: Math.max(2, Math.floor(inner / 90)) };
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => years / s <= room) || 100;
  return { ticks: d3.utcYear.every(step), tickFormat: "%Y" };
}

const STATUS_LEGEND = {
  passed: "held (passed)", confirmed: "confirmed", cancelled: "cancelled",
  unknown: "status not stated", tentative: "tentative: hoped for, not held (dashed)",
};

// How a timeline's marks look, for the statuses it shows, and what a dot and a bar mean.
function statusLegend(statuses) {
  const shown = Object.keys(STATUS_LEGEND).filter((s) => statuses.has(s));
  return legend("Legend", [
    ...shown.map((s) => ({ key: `status-${s}`, label: STATUS_LEGEND[s] })),
    { key: "day", label: "a dot: one day" },
    { key: "span", label: "a bar: a month, a half-year or a year, as the source dates it" },
  ]);
}
