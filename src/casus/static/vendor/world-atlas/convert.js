const tc = require('./topojson-client-3.1.0/package/dist/topojson-client.js');
const topo = require('./world-atlas-2.0.2/package/countries-110m.json');
const fc = tc.feature(topo, topo.objects.countries);
const r = (x) => Math.round(x * 100) / 100;
function round(c) { return typeof c[0] === 'number' ? [r(c[0]), r(c[1])] : c.map(round); }
fc.features = fc.features.filter(f => f.properties.name !== "Antarctica").map(f => ({type: 'Feature', id: f.id, properties: {name: f.properties.name}, geometry: {type: f.geometry.type, coordinates: round(f.geometry.coordinates)}}));
process.stdout.write(JSON.stringify(fc));
