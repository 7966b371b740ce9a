// Stacked event counts per day, week or month and type; brushing a span sets the date filters.
import { select } from "d3-selection";
import { scaleBand, scaleLinear } from "d3-scale";
import { axisBottom, axisLeft } from "d3-axis";
import { stack } from "d3-shape";
import { brushX } from "d3-brush";
import { getJson, isAbort } from "./api.js";
import { filterParams } from "./state.js";
import { TYPE_NAMES, colourOf } from "./types.js";
import { formatNumber } from "./dom.js";

const DAY = 86400000;
const MARGIN = { top: 8, right: 12, bottom: 22, left: 40 };

function parseDay(iso) {
  return new Date(`${iso}T00:00:00Z`);
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

// Bucket size for a span of days: bars stay wide enough to read and brush.
function intervalFor(days) {
  if (days <= 120) return "day";
  if (days <= 3 * 365) return "week";
  return "month";
}

function bucketEnd(start, interval) {
  const d = new Date(start);
  if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return new Date(d.getTime() - DAY);
}

export class Timeline {
  constructor(container, status, { onRange }) {
    this.container = container;
    this.status = status;
    this.onRange = onRange;
    new ResizeObserver(() => this.data && this.draw()).observe(container);
  }

  async update(state) {
    const ranged = Boolean(state.start && state.end);
    let interval = ranged ? intervalFor((parseDay(state.end) - parseDay(state.start)) / DAY) : "month";
    let outside = 0;
    try {
      let result = await getJson("timeline", "/api/stats/timeline", filterParams(state, { interval }));
      if (!ranged && result.buckets.length) {
        // Without a date range, show the span holding the bulk of the events (a few stray dates
        // years away would squeeze everything else into one bar) in buckets sized to that span.
        const [first, last, dropped] = bulkOf(result.buckets);
        const finer = intervalFor((bucketEnd(parseDay(last), "month") - parseDay(first)) / DAY);
        if (finer !== "month" || dropped) {
          interval = finer;
          outside = dropped;
          const window = { start: state.start || first, end: state.end || isoDay(bucketEnd(parseDay(last), "month")) };
          result = await getJson("timeline", "/api/stats/timeline", filterParams({ ...state, ...window }, { interval }));
        }
      }
      this.data = { interval, buckets: result.buckets, outside };
    } catch (error) {
      if (!isAbort(error)) this.status.textContent = error.message;
      return;
    }
    this.draw();
  }

  draw() {
    const { interval, buckets, outside } = this.data;
    const root = select(this.container);
    root.selectAll("*").remove();
    const width = Math.max(200, this.container.clientWidth);
    const height = Math.max(120, this.container.clientHeight);
    const total = buckets.reduce((sum, b) => sum + b.n, 0);
    const hidden = outside ? ` (${formatNumber(outside)} more outside this span)` : "";
    this.status.textContent = `${formatNumber(total)} dated events, per ${interval}${hidden}`;
    if (!buckets.length) {
      root.append("p").attr("class", "empty").text("No dated events match these filters.");
      return;
    }
    // One row per bucket, one column per type (missing buckets inside the span are drawn empty).
    const rows = new Map();
    for (const b of buckets) {
      if (!rows.has(b.date)) rows.set(b.date, { date: b.date });
      rows.get(b.date)[b.type] = b.n;
    }
    const dates = fillGaps([...rows.keys()].sort(), interval);
    const table = dates.map((d) => rows.get(d) || { date: d });
    const present = TYPE_NAMES.filter((t) => buckets.some((b) => b.type === t));
    const series = stack().keys(present).value((row, key) => row[key] || 0)(table);
    const x = scaleBand().domain(dates).range([MARGIN.left, width - MARGIN.right]).paddingInner(dates.length > 60 ? 0 : 0.15);
    const maxY = Math.max(1, ...table.map((row) => present.reduce((s, t) => s + (row[t] || 0), 0)));
    const y = scaleLinear().domain([0, maxY]).nice().range([height - MARGIN.bottom, MARGIN.top]);
    const svg = root.append("svg").attr("width", width).attr("height", height).attr("role", "img")
      .attr("aria-label", `Events per ${interval}, stacked by type`);
    svg.append("g").selectAll("g").data(series).join("g")
      .attr("fill", (s) => colourOf(s.key)).attr("data-type", (s) => s.key)
      .selectAll("rect").data((s) => s.filter((d) => d[1] > d[0]).map((d) => ({ d, key: s.key }))).join("rect")
      .attr("x", ({ d }) => x(d.data.date)).attr("width", x.bandwidth())
      .attr("y", ({ d }) => y(d[1])).attr("height", ({ d }) => Math.max(0, y(d[0]) - y(d[1])))
      .append("title").text(({ d, key }) => `${d.data.date} · ${key}: ${formatNumber(d.data[key] || 0)}`);
    const every = Math.ceil(dates.length / Math.max(2, Math.floor(width / 90)));
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - MARGIN.bottom})`)
      .call(axisBottom(x).tickValues(dates.filter((_, i) => i % every === 0)).tickFormat((d) => (interval === "month" ? d.slice(0, 7) : d)));
    svg.append("g").attr("class", "axis").attr("transform", `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(Math.min(4, maxY)).tickFormat((v) => (Number.isInteger(v) ? formatNumber(v) : "")).tickSizeOuter(0));
    const brush = brushX().extent([[MARGIN.left, MARGIN.top], [width - MARGIN.right, height - MARGIN.bottom]])
      .on("end", (event) => {
        if (!event.selection || !event.sourceEvent) return;
        const [x0, x1] = event.selection;
        const inside = dates.filter((d) => x(d) + x.bandwidth() > x0 && x(d) < x1);
        if (!inside.length) return;
        this.onRange(inside[0], isoDay(bucketEnd(parseDay(inside[inside.length - 1]), interval)));
      });
    svg.append("g").attr("class", "brush").call(brush);
  }
}

// The first and last month holding the middle 98% of the events, and how many fall outside them.
function bulkOf(buckets) {
  const months = new Map();
  for (const b of buckets) months.set(b.date, (months.get(b.date) || 0) + b.n);
  const sorted = [...months.keys()].sort();
  const total = [...months.values()].reduce((a, b) => a + b, 0);
  const tail = Math.floor(total * 0.01);
  let [lo, hi, below, above] = [0, sorted.length - 1, 0, 0];
  while (lo < hi && below + months.get(sorted[lo]) <= tail) below += months.get(sorted[lo++]);
  while (hi > lo && above + months.get(sorted[hi]) <= tail) above += months.get(sorted[hi--]);
  // Trim only stragglers: when the bulk still covers half the span, show everything.
  const span = (iso) => parseDay(iso).getTime();
  const full = span(sorted[sorted.length - 1]) - span(sorted[0]);
  if (span(sorted[hi]) - span(sorted[lo]) >= full / 2) return [sorted[0], sorted[sorted.length - 1], 0];
  return [sorted[lo], sorted[hi], below + above];
}

function fillGaps(dates, interval) {
  if (dates.length < 2) return dates;
  const out = [];
  const last = parseDay(dates[dates.length - 1]);
  for (let d = parseDay(dates[0]); d <= last && out.length < 5000; d = new Date(bucketEnd(d, interval).getTime() + DAY)) {
    out.push(isoDay(d));
  }
  return out;
}
