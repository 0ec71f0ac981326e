// Make countries-110m.geojson (bundled map outlines) from the npm packages world-atlas 2.0.2
// and topojson-client 3.1.0 unpacked beside this script: TopoJSON -> GeoJSON, without
// Antarctica, rings unwrapped across the antimeridian, coordinates rounded to 0.01 degrees.
const tc = require('./topojson-client-3.1.0/package/dist/topojson-client.js');
const topo = require('./world-atlas-2.0.2/package/countries-110m.json');
const fc = tc.feature(topo, topo.objects.countries);
const r = (x) => Math.round(x * 100) / 100;
function ring(points) {
  let shift = 0;
  return points.map((p, i) => {
    if (i > 0) {
      const d = p[0] + shift - (points[i - 1][0] + shiftPrev);
      if (d > 180) shift -= 360; else if (d < -180) shift += 360;
    }
    shiftPrev = shift;
    return [r(p[0] + shift), r(p[1])];
  });
}
let shiftPrev = 0;
function polygon(rings) { return rings.map((ringPts) => { shiftPrev = 0; return ring(ringPts); }); }
fc.features = fc.features.filter(f => f.properties.name !== "Antarctica").map(f => ({
  type: 'Feature', id: f.id, properties: {name: f.properties.name},
  geometry: {type: f.geometry.type, coordinates: f.geometry.type === 'Polygon'
    ? polygon(f.geometry.coordinates) : f.geometry.coordinates.map(polygon)}}));
process.stdout.write(JSON.stringify(fc));
