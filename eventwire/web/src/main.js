// The analyst's workbench: filters, map, timeline, table and evidence view over the eventwire API.
// Every panel asks the server for aggregates or one page, so it stays quick however many events match.
import { readState, writeState, filterParams, FILTER_KEYS } from "./state.js";
import { getJson } from "./api.js";
import { TYPES } from "./types.js";
import { el } from "./dom.js";
import { EventMap } from "./map.js";
import { Timeline } from "./timeline.js";
import { EventTable } from "./table.js";
import { EvidenceView } from "./evidence.js";
import { TopLists } from "./tops.js";

const $ = (selector) => document.querySelector(selector);
let state = readState();
const form = $("#filters");

const evidence = new EvidenceView($("#evidence"), $("#evidence-body"), {
  onClose: () => {
    delete state.event;
    writeState(state);
  },
});

function openEvent(id) {
  state.event = id;
  writeState(state);
  for (const row of document.querySelectorAll("tr.event-row")) row.classList.toggle("selected", row.dataset.id === id);
  evidence.open(id);
}

const map = new EventMap($("#map"), $("#map-status"), {
  onEvent: openEvent,
  onMove: (view) => {
    state.view = view;
    writeState(state);
  },
});
const timeline = new Timeline($("#timeline"), $("#timeline-status"), {
  onRange: (start, end) => setFilters({ start, end }),
});
const table = new EventTable(
  { body: $("#events tbody"), status: $("#table-status"), prev: $("#prev"), next: $("#next"), label: $("#page-label") },
  { onEvent: openEvent },
);

const tops = new TopLists($("#tops"), {
  onActor: (actor) => setFilters({ actor }),
  onPlace: (place) => map.map.setView([place.lat, place.lon], 6),
});
for (const tab of document.querySelectorAll(".tab")) {
  tab.addEventListener("click", () => {
    const kind = tab.dataset.tab;
    for (const other of document.querySelectorAll(".tab")) other.setAttribute("aria-selected", String(other === tab));
    $("#events-wrap").hidden = $("#pager").hidden = kind !== "events";
    $("#tops").hidden = kind === "events";
    $("#sort").parentElement.hidden = kind !== "events";
    if (kind === "events") tops.kind = null;
    else tops.show(kind, state);
  });
}

// The type chips are both the legend and the type filter.
const typeBar = $("#types");
for (const [name, colour] of TYPES) {
  typeBar.append(
    el("button", { type: "button", class: "type-chip", "data-type": name, style: `--c:${colour}`, "aria-pressed": "false",
      onclick: () => toggleType(name) }, el("i", { class: "swatch" }), name),
  );
}
typeBar.append(el("button", { type: "button", class: "link", id: "all-types", onclick: () => setFilters({ types: [] }) }, "all types"));

function toggleType(name) {
  const types = state.types.includes(name) ? state.types.filter((t) => t !== name) : [...state.types, name];
  setFilters({ types });
}

function setFilters(changes) {
  state = { ...state, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === "" || value === null) delete state[key];
  refresh();
}

function syncControls() {
  for (const key of FILTER_KEYS) {
    const input = form.elements.namedItem(key);
    if (input) input.value = state[key] || "";
  }
  for (const chip of typeBar.querySelectorAll(".type-chip")) {
    const on = state.types.includes(chip.dataset.type);
    chip.classList.toggle("on", on);
    chip.classList.toggle("dim", state.types.length > 0 && !on);
    chip.setAttribute("aria-pressed", String(on));
  }
  $("#sort").value = state.sort || "date_desc";
  $("#size-by").value = state.size || "sources";
  $("#clear-dates").hidden = !(state.start || state.end);
}

function refresh() {
  writeState(state);
  syncControls();
  map.sizeBy = state.size || "sources";
  table.update(state);
  tops.update(state);
  map.update(state);
  timeline.update(state);
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const changes = {};
  for (const key of ["start", "end", "country", "actor", "q", "min_confidence"]) {
    changes[key] = form.elements.namedItem(key).value.trim();
  }
  if (changes.country) changes.country = changes.country.toUpperCase();
  setFilters(changes);
});
$("#reset").addEventListener("click", () => {
  state = { types: [], view: state.view };
  refresh();
});
$("#clear-dates").addEventListener("click", () => setFilters({ start: "", end: "" }));
$("#sort").addEventListener("change", (e) => setFilters({ sort: e.target.value === "date_desc" ? "" : e.target.value }));
$("#size-by").addEventListener("change", (e) => setFilters({ size: e.target.value === "sources" ? "" : e.target.value }));
$("#tiles").addEventListener("change", (e) => map.setTiles(e.target.checked));

getJson("countries", "/api/countries", filterParams({ types: [] }, { limit: 100 })).then(({ countries }) => {
  $("#country-list").replaceChildren(...countries.map((c) => el("option", { value: c.code }, `${c.n} events`)));
});

map.setView(state.view);
refresh();
if (state.event) openEvent(state.event);
