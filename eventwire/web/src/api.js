// Fetching JSON from the API; a newer request of the same panel aborts the older one.
const controllers = new Map();

export class ApiError extends Error {}

export async function getJson(panel, path, params) {
  controllers.get(panel)?.abort();
  const controller = new AbortController();
  controllers.set(panel, controller);
  const url = params && [...params].length ? `${path}?${params}` : path;
  const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(body.message || body.detail || `HTTP ${response.status}`);
  }
  return body;
}

export function isAbort(error) {
  return error && error.name === "AbortError";
}
