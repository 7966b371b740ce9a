// The view's state lives in the query string, so every view can be bookmarked and shared.
const KEYS = ["start", "end", "type", "country", "actor", "q", "min_confidence", "min_sources", "sort", "event", "size", "view"];
export const FILTER_KEYS = ["start", "end", "type", "country", "actor", "q", "min_confidence", "min_sources"];

export function readState() {
  const params = new URLSearchParams(window.location.search);
  const state = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  state.types = state.type ? state.type.split(",").filter(Boolean) : [];
  delete state.type;
  return state;
}

export function writeState(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = key === "type" ? state.types.join(",") : state[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  const url = query ? `?${query}` : window.location.pathname;
  window.history.replaceState(null, "", url);
}

// The API's query parameters for the current filters (plus `extra`).
export function filterParams(state, extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = key === "type" ? state.types.join(",") : state[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, value);
  }
  return params;
}
