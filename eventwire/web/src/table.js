// The events table, paged with the API's cursors (a stack of them lets "Previous" go back).
import { getJson, isAbort } from "./api.js";
import { filterParams } from "./state.js";
import { colourOf } from "./types.js";
import { el, formatNumber } from "./dom.js";

const PAGE = 50;

export class EventTable {
  constructor({ body, status, prev, next, label }, { onEvent }) {
    Object.assign(this, { body, status, prevButton: prev, nextButton: next, label, onEvent });
    this.cursors = [null];
    prev.addEventListener("click", () => this.go(-1));
    next.addEventListener("click", () => this.go(1));
  }

  update(state) {
    this.state = state;
    this.cursors = [null];
    this.load();
  }

  go(step) {
    if (step > 0 && this.page?.next) this.cursors.push(this.page.next);
    if (step < 0 && this.cursors.length > 1) this.cursors.pop();
    this.load();
  }

  async load() {
    const cursor = this.cursors[this.cursors.length - 1];
    const params = filterParams(this.state, { limit: PAGE, sort: this.state.sort, cursor });
    try {
      this.page = await getJson("table", "/api/events", params);
    } catch (error) {
      if (!isAbort(error)) {
        this.status.textContent = error.message;
        this.body.replaceChildren();
      }
      return;
    }
    this.render();
  }

  render() {
    const { events, total, total_exact: exact } = this.page;
    this.body.replaceChildren(...events.map((event) => this.row(event)));
    if (!events.length) {
      this.body.append(el("tr", {}, el("td", { colspan: 7, class: "empty" }, "No events match these filters.")));
    }
    const first = (this.cursors.length - 1) * PAGE + 1;
    const shown = events.length ? `${formatNumber(first)}–${formatNumber(first + events.length - 1)}` : "0";
    this.status.textContent = `${exact ? "" : "at least "}${formatNumber(total)} events`;
    this.label.textContent = `${shown} of ${exact ? "" : "≥ "}${formatNumber(total)}`;
    this.prevButton.disabled = this.cursors.length <= 1;
    this.nextButton.disabled = !this.page.next;
  }

  row(event) {
    const [type] = event.event;
    const loc = event.event_loc;
    const where = loc ? [loc.name || loc.text, loc.country_code].filter(Boolean).join(", ") : "";
    const parties = [actorCell(event.actor), actorCell(event.recipient)].filter(Boolean);
    const actors = parties.length === 2 ? [parties[0], " → ", parties[1]] : parties;
    return el(
      "tr",
      { "data-id": event.id, tabindex: 0, class: "event-row", onclick: () => this.onEvent(event.id),
        onkeydown: (e) => e.key === "Enter" && this.onEvent(event.id) },
      el("td", { class: "nowrap" }, event.date || "—"),
      el("td", {}, el("span", { class: "chip", style: `--c:${colourOf(type)}` }, type)),
      el("td", { class: "actors", title: event.text }, actors.length ? actors : el("span", { class: "muted" }, event.text.slice(0, 80))),
      el("td", {}, where),
      el("td", { class: "num" }, event.size?.dead ?? ""),
      el("td", { class: "num" }, event.n_sources),
      el("td", { class: "num" }, event.confidence.toFixed(2)),
    );
  }
}

function actorCell(actors) {
  if (!actors || !actors.length) return null;
  const a = actors[0];
  const code = [a.code, a.sector].filter(Boolean).join(" ");
  return el("span", {}, a.entity_text, code ? el("span", { class: "code" }, code) : null);
}
