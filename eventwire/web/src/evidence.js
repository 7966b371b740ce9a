// The evidence view: a canonical event, and for each reporting article its evidence sentence with
// every labelled span highlighted (actor, recipient, trigger, place, date, counts, quotes), a link
// to the article, and the whole article text on request.
import { getJson, isAbort } from "./api.js";
import { SPAN_LABELS, colourOf } from "./types.js";
import { actorLabel, el, formatNumber } from "./dom.js";

const PRIORITY = SPAN_LABELS.map(([label]) => label);

export class EvidenceView {
  constructor(panel, body, { onClose }) {
    this.panel = panel;
    this.body = body;
    this.onClose = onClose;
    panel.querySelector("#close-evidence").addEventListener("click", () => this.close());
    document.addEventListener("keydown", (e) => e.key === "Escape" && !panel.hidden && this.close());
  }

  close() {
    this.panel.hidden = true;
    this.onClose();
  }

  async open(eventId) {
    this.panel.hidden = false;
    this.body.replaceChildren(el("p", { class: "muted" }, "Loading…"));
    let event;
    try {
      event = await getJson("evidence", `/api/events/${encodeURIComponent(eventId)}`);
    } catch (error) {
      if (!isAbort(error)) this.body.replaceChildren(el("p", { class: "error" }, error.message));
      return;
    }
    const sources = await Promise.all(
      event.evidence.map((source) =>
        getJson(`article-${source.article_id}`, `/api/articles/${encodeURIComponent(source.article_id)}`).catch(() => null),
      ),
    );
    this.body.replaceChildren(summary(event), legend(), ...event.evidence.map((source, i) => sourceBlock(source, sources[i])));
  }
}

function summary(event) {
  const [type] = event.event;
  const loc = event.event_loc;
  const size = Object.entries(event.size || {}).filter(([, n]) => n !== null);
  const facts = [
    ["Date", `${event.date || "unknown"}${event.date_precision && event.date_precision !== "day" ? ` (${event.date_precision})` : ""}`],
    ["Actor", actorLabel(event.actor) || "—"],
    ["Recipient", actorLabel(event.recipient) || "—"],
    ["Where", loc ? [loc.name || loc.text, loc.country_code].filter(Boolean).join(", ") : "—"],
    ["Counts", size.length ? size.map(([what, n]) => `${what} ${formatNumber(n)}${rangeOf(event, what)}`).join(", ") : "—"],
    ["Mode", (event.mode || []).join(", ") || "—"],
    ["CAMEO / ACLED", [event.cameo, event.acled && `${event.acled.event_type}: ${event.acled.sub_event_type}`].filter(Boolean).join(" · ") || "—"],
    ["Confidence", event.confidence.toFixed(2)],
    ["Sources", `${event.n_sources} (first ${event.first_reported || "?"}, last ${event.last_reported || "?"})`],
  ];
  if (event.merge_reasons?.length) facts.push(["Merged because", event.merge_reasons.join("; ")]);
  return el(
    "section",
    { class: "summary" },
    el("div", {}, el("span", { class: "chip", style: `--c:${colourOf(type)}` }, type), " ", el("code", { class: "muted" }, event.id)),
    el("dl", {}, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
  );
}

function rangeOf(event, what) {
  const range = event.size_range?.[what];
  return range ? ` (reports: ${range[0]}–${range[1]})` : "";
}

function legend() {
  return el(
    "div",
    { class: "legend", "aria-label": "Highlight legend" },
    SPAN_LABELS.map(([label, name]) => el("span", { class: `hl hl-${label}` }, name)),
  );
}

function sourceBlock(source, article) {
  const mention = source.event;
  const title = source.title || article?.title || source.article_id;
  const head = el(
    "div",
    { class: "source-head" },
    source.url ? el("a", { href: source.url, target: "_blank", rel: "noopener noreferrer" }, title) : el("strong", {}, title),
    el("span", { class: "muted" }, ` · ${source.published || "undated"}`),
  );
  if (!mention) return el("section", { class: "source" }, head, el("p", { class: "muted" }, "The per-article event is no longer stored."));
  const spans = article ? articleSpans(article, mention) : mention.spans || [];
  const text = article?.text;
  const { start, end } = mention.text_info;
  const sentence = el("blockquote", { class: "sentence" });
  if (text) sentence.append(...highlight(text, start, end, spans));
  else sentence.append(...highlight(mention.text, 0, mention.text.length, shift(mention.spans || [], -start)));
  const block = el("section", { class: "source" }, head, sentence);
  if (text) {
    const full = el("div", { class: "fulltext", hidden: true });
    const toggle = el("button", { type: "button", class: "link" }, "show the whole article");
    toggle.addEventListener("click", () => {
      if (!full.childNodes.length) full.append(...highlight(text, 0, text.length, allSpans(article)));
      full.hidden = !full.hidden;
      toggle.textContent = full.hidden ? "show the whole article" : "hide the article";
    });
    block.append(toggle, full);
  }
  return block;
}

function shift(spans, by) {
  return spans.map((s) => ({ ...s, start: s.start + by, end: s.end + by }));
}

// The event's own spans, plus the article's places, counts and quotes (and speakers).
function articleSpans(article, mention) {
  return [...(mention.spans || []), ...mentionSpans(article)];
}

function allSpans(article) {
  return [...article.events.flatMap((e) => e.spans || []), ...mentionSpans(article)];
}

function mentionSpans(article) {
  const spans = [];
  for (const p of article.places) spans.push({ label: "place", start: p.start, end: p.end, text: p.text });
  for (const c of article.counts) spans.push({ label: "count", start: c.start, end: c.end, text: c.text });
  for (const q of article.quotes) {
    spans.push({ label: "quote", start: q.start, end: q.end, text: q.text });
    if (q.speaker) spans.push({ label: "speaker", start: q.speaker.start, end: q.speaker.end, text: q.speaker.entity_text });
  }
  return spans;
}

// Text nodes and <mark>s for text[from, to): cut at every span boundary, each piece marked with the
// highest-priority label covering it (a quote also shows as italics under other labels).
export function highlight(text, from, to, spans) {
  const inside = spans
    .filter((s) => s.end > from && s.start < to && s.end > s.start)
    .map((s) => ({ ...s, start: Math.max(s.start, from), end: Math.min(s.end, to) }));
  const cuts = [...new Set([from, to, ...inside.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const piece = text.slice(a, b);
    const labels = [...new Set(inside.filter((s) => s.start <= a && s.end >= b).map((s) => s.label))];
    if (!labels.length) {
      nodes.push(document.createTextNode(piece));
      continue;
    }
    const primary = PRIORITY.find((p) => labels.includes(p) && p !== "quote") || labels[0];
    const quoted = labels.includes("quote") && primary !== "quote";
    nodes.push(el("mark", { class: `hl hl-${primary}${quoted ? " in-quote" : ""}`, "data-labels": labels.join(" "), title: labels.join(", ") }, piece));
  }
  return nodes;
}
