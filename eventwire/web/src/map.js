// The map: country outlines drawn from a bundled GeoJSON (no tile server), server-clustered markers
// on top. Markers are fetched for the current filters, zoom and view; a cell of one event opens its
// evidence, a bigger cell zooms in.
import L from "leaflet";
import { getJson, isAbort } from "./api.js";
import { filterParams } from "./state.js";
import { colourOf } from "./types.js";
import { el, formatNumber } from "./dom.js";

const TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

export class EventMap {
  constructor(container, status, { onEvent, onMove }) {
    this.status = status;
    this.onEvent = onEvent;
    this.onMove = onMove;
    this.sizeBy = "sources";
    this.map = L.map(container, { minZoom: 1, maxZoom: 12, worldCopyJump: false, zoomSnap: 1, attributionControl: true });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
    this.map.setView([20, 10], 2);
    this.markers = L.layerGroup().addTo(this.map);
    this.tiles = null;
    this.map.on("moveend", () => {
      this.onMove(this.view());
      this.refresh();
    });
    fetch("/static/countries.geojson")
      .then((r) => r.json())
      .then((countries) => {
        this.outlines = L.geoJSON(countries, {
          style: { color: "#b8c2cc", weight: 0.7, fillColor: "#f7f7f4", fillOpacity: 1 },
          interactive: false,
        }).addTo(this.map);
        this.outlines.bringToBack();
      });
  }

  view() {
    const c = this.map.getCenter();
    return `${this.map.getZoom()}/${c.lat.toFixed(2)}/${c.lng.toFixed(2)}`;
  }

  setView(view) {
    const [z, lat, lon] = (view || "").split("/").map(Number);
    if ([z, lat, lon].every(Number.isFinite)) this.map.setView([lat, lon], z, { animate: false });
  }

  setTiles(on) {
    if (on && !this.tiles) {
      this.tiles = L.tileLayer(TILE_URL, { maxZoom: 12, attribution: "© OpenStreetMap contributors" }).addTo(this.map);
    } else if (!on && this.tiles) {
      this.tiles.remove();
      this.tiles = null;
    }
    if (this.outlines) this.outlines.setStyle({ fillOpacity: on ? 0 : 1 });
  }

  update(state) {
    this.state = state;
    this.refresh();
  }

  bbox() {
    const b = this.map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const west = clamp(b.getWest(), -180, 180);
    const east = clamp(b.getEast(), -180, 180);
    const south = clamp(b.getSouth(), -90, 90);
    const north = clamp(b.getNorth(), -90, 90);
    return [west, south, east, north].map((v) => v.toFixed(3)).join(",");
  }

  async refresh() {
    if (!this.state) return;
    const params = filterParams(this.state, { zoom: this.map.getZoom(), bbox: this.bbox() });
    let grid;
    try {
      grid = await getJson("map", "/api/stats/map", params);
    } catch (error) {
      if (!isAbort(error)) this.status.textContent = error.message;
      return;
    }
    this.draw(grid);
  }

  draw(grid) {
    this.markers.clearLayers();
    const weight = (cell) => (this.sizeBy === "casualties" ? cell.dead + cell.injured : cell.sources);
    const top = Math.max(1, ...grid.cells.map(weight));
    for (const cell of grid.cells) {
      const [dominant] = Object.keys(cell.types);
      const radius = 4 + 22 * Math.sqrt(weight(cell) / top);
      const marker = L.circleMarker([cell.lat, cell.lon], {
        radius,
        color: "#ffffff",
        weight: 1,
        fillColor: colourOf(dominant),
        fillOpacity: 0.8,
        className: "event-marker",
      });
      marker.bindTooltip(() => tooltip(cell), { direction: "top", sticky: false });
      marker.on("click", () => {
        if (cell.event_id) this.onEvent(cell.event_id);
        else this.map.setView([cell.lat, cell.lon], Math.min(this.map.getMaxZoom(), this.map.getZoom() + 2));
      });
      marker.addTo(this.markers);
    }
    this.status.textContent = `${formatNumber(grid.n)} located events in view`;
  }
}

function tooltip(cell) {
  const rows = Object.entries(cell.types).map(([type, n]) =>
    el("div", { class: "tip-row" }, el("i", { class: "swatch", style: `background:${colourOf(type)}` }), `${type} ${formatNumber(n)}`),
  );
  const casualties = cell.dead || cell.injured ? `, ${formatNumber(cell.dead)} dead, ${formatNumber(cell.injured)} injured` : "";
  return el(
    "div",
    { class: "tip" },
    el("strong", {}, `${formatNumber(cell.n)} event${cell.n === 1 ? "" : "s"}`),
    el("div", { class: "muted" }, `${formatNumber(cell.sources)} sources${casualties}`),
    rows,
    el("div", { class: "muted" }, cell.event_id ? "click for the evidence" : "click to zoom in"),
  );
}
