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
    let interval = state.start && state.end ? intervalFor((parseDay(state.end) - parseDay(state.start)) / DAY) : "month";
    try {
      let result = await getJson("timeline", "/api/stats/timeline", filterParams(state, { interval }));
      if (!(state.start && state.end) && result.buckets.length) {
        // Without a date range, size the buckets to the data's own span.
        const first = parseDay(result.buckets[0].date);
        const last = bucketEnd(parseDay(result.buckets[result.buckets.length - 1].date), "month");
        const finer = intervalFor((last - first) / DAY);
        if (finer !== "month") {
          interval = finer;
          result = await getJson("timeline", "/api/stats/timeline", filterParams(state, { interval }));
        }
      }
      this.data = { interval, buckets: result.buckets };
    } catch (error) {
      if (!isAbort(error)) this.status.textContent = error.message;
      return;
    }
    this.draw();
  }

  draw() {
    const { interval, buckets } = this.data;
    const root = select(this.container);
    root.selectAll("*").remove();
    const width = Math.max(200, this.container.clientWidth);
    const height = Math.max(120, this.container.clientHeight);
    const total = buckets.reduce((sum, b) => sum + b.n, 0);
    this.status.textContent = `${formatNumber(total)} dated events, per ${interval}`;
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
      .selectAll("rect").data((s) => s.map((d) => ({ d, key: s.key }))).join("rect")
      .attr("x", ({ d }) => x(d.data.date)).attr("width", x.bandwidth())
      .attr("y", ({ d }) => y(d[1])).attr("height", ({ d }) => Math.max(0, y(d[0]) - y(d[1])))
      .append("title").text(({ d, key }) => `${d.data.date} · ${key}: ${formatNumber(d.data[key] || 0)}`);
    const every = Math.ceil(dates.length / Math.max(2, Math.floor(width / 90)));
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - MARGIN.bottom})`)
      .call(axisBottom(x).tickValues(dates.filter((_, i) => i % every === 0)).tickFormat((d) => (interval === "month" ? d.slice(0, 7) : d)));
    svg.append("g").attr("class", "axis").attr("transform", `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(4).tickSizeOuter(0));
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

function fillGaps(dates, interval) {
  if (dates.length < 2) return dates;
  const out = [];
  const last = parseDay(dates[dates.length - 1]);
  for (let d = parseDay(dates[0]); d <= last && out.length < 5000; d = new Date(bucketEnd(d, interval).getTime() + DAY)) {
    out.push(isoDay(d));
  }
  return out;
}
