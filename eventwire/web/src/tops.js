// Top actors and places for the current filters: a click narrows the view to one of them.
import { getJson, isAbort } from "./api.js";
import { filterParams } from "./state.js";
import { el, formatNumber } from "./dom.js";

export class TopLists {
  constructor(container, { onActor, onPlace }) {
    Object.assign(this, { container, onActor, onPlace });
    this.kind = null;
  }

  show(kind, state) {
    this.kind = kind;
    this.update(state);
  }

  async update(state) {
    if (!this.kind) return;
    const kind = this.kind;
    let body;
    try {
      body = await getJson("tops", `/api/${kind}`, filterParams(state, { limit: 50 }));
    } catch (error) {
      if (!isAbort(error)) this.container.replaceChildren(el("p", { class: "error" }, error.message));
      return;
    }
    const rows = kind === "actors" ? body.actors.map((a) => this.actorRow(a)) : body.places.map((p) => this.placeRow(p));
    const head = kind === "actors" ? ["Code", "Sector", "For example", "Events"] : ["Place", "Country", "Events"];
    this.container.replaceChildren(
      el("table", { class: "tops" },
        el("thead", {}, el("tr", {}, head.map((h, i) => el("th", { class: i === head.length - 1 ? "num" : "" }, h)))),
        el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", { colspan: head.length, class: "empty" }, "Nothing matches these filters."))),
      ),
    );
  }

  actorRow(actor) {
    const query = actor.code || actor.example || "";
    return el("tr", { class: "event-row", title: query ? `Filter by actor "${query}"` : "", onclick: () => query && this.onActor(query) },
      el("td", {}, actor.code || "—"), el("td", {}, actor.sector || "—"), el("td", { class: "muted" }, actor.example || ""),
      el("td", { class: "num" }, formatNumber(actor.n)));
  }

  placeRow(place) {
    return el("tr", { class: "event-row", title: "Show on the map", onclick: () => this.onPlace(place) },
      el("td", {}, place.name || "—"), el("td", {}, place.country || "—"), el("td", { class: "num" }, formatNumber(place.n)));
  }
}
