/* casus dashboard: the dyad timeline, drawn as plain SVG (no library).
 * Bars: events per period stacked by quad class; line: mean Goldstein score (right axis). */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var QUADS = [1, 2, 3, 4];
  var QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(parent, x, y, value, anchor) {
    var t = el("text", { x: x, y: y, "text-anchor": anchor || "middle" }, parent);
    t.textContent = value;
    return t;
  }

  function dayNumber(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / 86400000); }

  function numberOr(value, fallback) {
    var n = Number(value);
    return value === null || value === undefined || isNaN(n) ? fallback : n;
  }

  /* A series row from /api/dyads/{a}/{b}/series → {date, counts[1..4], total, goldstein}. */
  function normalise(row) {
    var date = row.period || row.date || row.day || row.start;
    var counts = {};
    var named = { 1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict" };
    QUADS.forEach(function (q) {
      counts[q] = numberOr(row[named[q]], numberOr(row["q" + q], numberOr(row["quad" + q], 0)));
    });
    var total = numberOr(row.events, numberOr(row.n, numberOr(row.count,
      counts[1] + counts[2] + counts[3] + counts[4])));
    var gs = row.goldstein_mean !== undefined ? row.goldstein_mean
      : (row.mean_goldstein !== undefined ? row.mean_goldstein : row.goldstein);
    return { date: String(date).slice(0, 10), counts: counts, total: total,
      goldstein: gs === null || gs === undefined ? null : Number(gs) };
  }

  function draw(container, rawRows, label) {
    var rows = rawRows.map(normalise).filter(function (r) { return r.date && r.date !== "undefined"; });
    rows.sort(function (a, b) { return a.date < b.date ? -1 : 1; });
    container.textContent = "";
    if (!rows.length) return 0;
    var W = Math.max(container.clientWidth || 600, 320), H = 240;
    var m = { l: 40, r: 40, t: 14, b: 40 };
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": "tl-title" }, container);
    var title = el("title", { id: "tl-title" }, svg);
    title.textContent = "Events per day for " + label + " by quad class, with mean Goldstein score";
    var d0 = dayNumber(rows[0].date), d1 = dayNumber(rows[rows.length - 1].date);
    var span = d1 - d0 + 1; /* half a day of room on each side */
    var iw = W - m.l - m.r, ih = H - m.t - m.b;
    var maxN = Math.max.apply(null, rows.map(function (r) { return r.total; }).concat([1]));
    var barW = Math.max(2, Math.min(28, iw / span * 0.7));
    function x(iso) { return m.l + (dayNumber(iso) - d0 + 0.5) / span * iw; }
    function y(n) { return m.t + ih - n / maxN * ih; }
    function yg(g) { return m.t + 6 + (10 - g) / 20 * (ih - 12); }

    var axes = el("g", { "class": "axis" }, svg);
    el("line", { x1: m.l, y1: m.t + ih, x2: m.l + iw, y2: m.t + ih }, axes);
    el("line", { x1: m.l, y1: m.t, x2: m.l, y2: m.t + ih }, axes);
    el("line", { x1: m.l + iw, y1: m.t, x2: m.l + iw, y2: m.t + ih }, axes);
    text(axes, m.l - 4, y(maxN) + 4, String(maxN), "end");
    text(axes, m.l - 4, y(0) + 4, "0", "end");
    text(axes, m.l + iw + 4, yg(10) + 4, "+10", "start");
    text(axes, m.l + iw + 4, yg(0) + 4, "0", "start");
    text(axes, m.l + iw + 4, yg(-10) + 4, "−10", "start");
    el("line", { "class": "zero", x1: m.l, y1: yg(0), x2: m.l + iw, y2: yg(0) }, svg);
    var ticks = Math.min(6, rows.length);
    var step = Math.max(1, Math.ceil(rows.length / ticks));
    rows.forEach(function (r, i) {
      if (i % step === 0 || i === rows.length - 1) text(axes, x(r.date), H - m.b + 16, r.date);
    });
    text(axes, m.l, H - 6, "events per day (bars)", "start");
    text(axes, m.l + iw, H - 6, "mean Goldstein (line)", "end");

    var bars = el("g", { "class": "bars" }, svg);
    rows.forEach(function (r) {
      var base = 0;
      QUADS.forEach(function (q) {
        var n = r.counts[q];
        if (!n) return;
        var rect = el("rect", { "class": "bar q" + q, "data-date": r.date, "data-quad": q,
          x: x(r.date) - barW / 2, y: y(base + n), width: barW, height: Math.max(1, y(base) - y(base + n)) }, bars);
        el("title", {}, rect).textContent = r.date + ": " + n + " " + QUAD_NAMES[q];
        base += n;
      });
    });

    var pts = rows.filter(function (r) { return r.goldstein !== null && !isNaN(r.goldstein); });
    if (pts.length) {
      el("path", { "class": "gs-line", d: pts.map(function (r, i) {
        return (i ? "L" : "M") + x(r.date).toFixed(1) + "," + yg(r.goldstein).toFixed(1);
      }).join(" ") }, svg);
      pts.forEach(function (r) {
        var desc = r.date + ": " + r.total + " events, mean Goldstein " + r.goldstein.toFixed(1);
        var c = el("circle", { "class": "gs-point", "data-date": r.date, cx: x(r.date), cy: yg(r.goldstein),
          r: 5, tabindex: 0, role: "img", "aria-label": desc }, svg);
        el("title", {}, c).textContent = desc;
      });
    }
    return rows.length;
  }

  window.casusTimeline = { draw: draw, normalise: normalise };
})();
