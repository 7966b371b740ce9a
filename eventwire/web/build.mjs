// Builds the dashboard into ./static: bundles src/ with esbuild, converts world-atlas's TopoJSON
// country outlines to GeoJSON (the offline basemap), and copies Swagger UI for the offline /docs.
// Usage (in eventwire/web): npm ci && npm run build
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "static");
const modules = join(here, "node_modules");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "swagger"), { recursive: true });

await build({
  entryPoints: { app: join(here, "src", "main.js"), style: join(here, "src", "app.css") },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: out,
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "assets/[name]-[hash]",
  legalComments: "linked",
  logLevel: "warning",
});

// 1:110m outlines keep the basemap small (a few hundred kB) while staying recognisable at country level.
const topology = JSON.parse(readFileSync(join(modules, "world-atlas", "countries-110m.json"), "utf8"));
const countries = feature(topology, topology.objects.countries);
for (const f of countries.features) {
  f.properties = { name: f.properties.name };
  // Round coordinates to 0.01° (about 1 km): plenty for 1:110m and halves the file.
  f.geometry.coordinates = round(f.geometry.coordinates);
}
writeFileSync(join(out, "countries.geojson"), JSON.stringify(countries));

for (const name of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"]) {
  copyFileSync(join(modules, "swagger-ui-dist", name), join(out, "swagger", name));
}
copyFileSync(join(here, "src", "index.html"), join(out, "index.html"));
copyFileSync(join(here, "src", "favicon.svg"), join(out, "favicon.svg"));

function round(value) {
  return Array.isArray(value) ? value.map(round) : Math.round(value * 100) / 100;
}
