#!/usr/bin/env bash
# Refresh static/geo/ from the npm registry: the maps draw from these files, never from a CDN.
#
#   world_110m.json, world_50m.json  UN boundaries as topojson, exactly what plotly's CDN serves
#                                    (plotly.js's dist/plotly-geo-assets.js), for the choropleth
#                                    and for figure export;
#   world_110m.geojson               the same 110m countries as GeoJSON (topojson-client's
#                                    feature()), coordinates rounded to 0.01°, for pydeck.
#
# Usage: scripts/fetch_geo_assets.sh   (needs node and npm; run from anywhere)
set -euo pipefail
PLOTLY_JS=4.1.1
TOPOJSON_CLIENT=3.1.0
out="$(cd "$(dirname "$0")/.." && pwd)/static/geo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "plotly.js@$PLOTLY_JS" "topojson-client@$TOPOJSON_CLIENT" >/dev/null
tar xzf "plotly.js-$PLOTLY_JS.tgz" package/dist/plotly-geo-assets.js
mkdir client && tar xzf "topojson-client-$TOPOJSON_CLIENT.tgz" -C client
mkdir -p "$out"
node - "$out" <<'JS'
const fs = require("fs");
globalThis.window = globalThis;
const assets = require("./package/dist/plotly-geo-assets.js");
const topojson = require("./client/package/dist/topojson-client.js");
const out = process.argv[2];
for (const name of ["world_110m", "world_50m"]) {
  fs.writeFileSync(`${out}/${name}.json`, JSON.stringify(assets.topojson[name]));
}
const world = assets.topojson.world_110m;
const round = (value) => (Array.isArray(value) ? value.map(round) : Math.round(value * 100) / 100);
const countries = topojson.feature(world, world.objects.countries);
for (const feature of countries.features) {
  feature.properties = { iso3: feature.id, centroid: feature.properties.ct };
  feature.geometry.coordinates = round(feature.geometry.coordinates);
}
fs.writeFileSync(`${out}/world_110m.geojson`, JSON.stringify(countries));
console.log(`plotly.js ${assets.version}: ${countries.features.length} countries written to ${out}`);
JS
