/* casus dashboard: map, dyad timeline, events table and event view over the casus REST API.
 * Everything it loads is served by casus itself (no CDN). */
(function () {
  "use strict";
  var QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  var MAP_PAGE = 1000, MAP_PAGES = 5, TABLE_PAGE = 100;
  var HOWTO = "Store articles with `casus ingest FILE --db DB`, then reload this page.";

  var $ = function (id) { return document.getElementById(id); };
  var state = { map: null, cluster: null, events: [], more: null, shown: 0, filters: {}, selected: null, labels: {} };

  /* --- helpers ---------------------------------------------------------------------- */

  function ApiError(status, error, detail) {
    this.status = status; this.error = error; this.detail = detail;
    this.message = (error || "error") + ": " + (detail || "");
  }

  function api(path) {
    return fetch(path, { headers: { Accept: "application/json" } }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (!res.ok) throw new ApiError(res.status, body.error || res.statusText, body.detail || "");
        return body;
      });
    }, function () {
      throw new ApiError(0, "no connection", "the casus server did not answer: is `casus serve` still running?");
    });
  }

  /* Show a message in a status line; text inside backticks is shown as code. */
  function say(id, message, isError) {
    var node = $(id);
    node.textContent = "";
    node.classList.toggle("error", !!isError);
    String(message || "").split("`").forEach(function (part, i) {
      if (i % 2) { var c = document.createElement("code"); c.textContent = part; node.appendChild(c); }
      else node.appendChild(document.createTextNode(part));
    });
  }

  function explain(err) {
    if (err && err.status === 503) {
      return err.detail ? err.detail + ". Then reload this page." : "The database is not available. " + HOWTO;
    }
    if (err && err.status === 422) return "A filter value was not accepted: " + err.detail;
    return (err && err.message) ? err.message : String(err);
  }

  function query(params) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      if (params[k] !== undefined && params[k] !== null && params[k] !== "") q.set(k, params[k]);
    });
    var s = q.toString();
    return s ? "?" + s : "";
  }

  /* "RUSGOV (Russian President Vladimir Putin)": the code with the actor's display name from
   * the API's ``labels`` (for a pronoun the first full mention in the article), else its text. */
  function who(p, e, role) {
    if (!p) return "—";
    var named = e && state.labels[e.event_id] && state.labels[e.event_id][role];
    var name = named || p.text || p.name;
    return p.code + (name && name !== p.code ? " (" + name + ")" : "");
  }
  /* A table cell with ``value`` (inside a span of class ``cls`` when given); ``col`` names
   * the column for the layout (style.css: dates never wrap, actors wrap in a narrow column). */
  function cell(row, value, cls, col) {
    var td = document.createElement("td");
    if (cls) { var s = document.createElement("span"); s.className = cls; s.textContent = value; td.appendChild(s); }
    else td.textContent = value;
    if (col) td.className = col;
    row.appendChild(td);
  }

  /* --- filters ---------------------------------------------------------------------- */

  function readFilters() {
    var f = $("filters");
    return {
      actor: f.actor.value.trim(), since: f.since.value, until: f.until.value, quad: f.quad.value,
      plover: f.plover.value.trim().toUpperCase(), place: f.place.value.trim(), q: f.q.value.trim()
    };
  }

  function applyFilters() {
    state.filters = readFilters();
    closeEvent(false);
    loadData();
  }

  /* --- map -------------------------------------------------------------------------- */

  function initMap(config) {
    var map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 18, zoomSnap: 0.25 }).setView([25, 20], 2);
    map.createPane("outlines");
    map.getPane("outlines").style.zIndex = 150; /* below the tiles: seen when they fail */
    fetch("/static/vendor/world-atlas/countries-110m.geojson").then(function (r) { return r.json(); })
      .then(function (geo) {
        L.geoJSON(geo, { pane: "outlines", interactive: false,
          style: { color: "#6c757d", weight: 1, fillColor: "#f8f9fa", fillOpacity: 1 } }).addTo(map);
      }).catch(function () { say("map-status", "The bundled country outlines could not load.", true); });
    if (!config.tiles) {
      /* the default: nothing is fetched from outside, the outlines are the map */
      $("map").classList.add("no-tiles");
      state.tileNote = "Map of country outlines (for tiles: `casus serve --tiles URL`).";
    } else {
      var failed = false;
      L.tileLayer(config.tiles, { maxZoom: 18, attribution: config.attribution || "" })
        .on("tileerror", function () {
          if (failed) return;
          failed = true;
          $("map").classList.add("no-tiles");
          state.tileNote = "Map tiles could not load (offline?): showing country outlines.";
          say("map-status", ($("map-status").textContent + " " + state.tileNote).trim());
        }).addTo(map);
    }
    state.cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40,
      iconCreateFunction: function (cluster) {
        var counts = [0, 0, 0, 0, 0];
        cluster.getAllChildMarkers().forEach(function (mk) { counts[mk.options.quad || 0] += 1; });
        var top = 1;
        for (var q = 2; q <= 4; q++) if (counts[q] >= counts[top]) top = q;
        return L.divIcon({ html: "<div><span>" + cluster.getChildCount() + "</span></div>",
          className: "marker-cluster cluster-q" + top, iconSize: L.point(40, 40) });
      } });
    map.addLayer(state.cluster);
    state.map = map;
  }

  function addMarkers(events) {
    var placed = 0;
    events.forEach(function (e) {
      var loc = e.location;
      if (!loc || loc.lat === null || loc.lon === null || loc.lat === undefined) return;
      var label = (e.date || "") + " " + who(e.source, e, "source") + " → " + who(e.target, e, "target") + ": CAMEO " + e.cameo +
        (e.plover ? " " + e.plover : "") + " in " + loc.name;
      var icon = L.divIcon({ className: "event-marker", iconSize: [16, 16],
        html: '<span class="dot q' + e.quad_class + '"></span>' });
      var mk = L.marker([loc.lat, loc.lon], { icon: icon, title: label, alt: label, keyboard: true, quad: e.quad_class });
      mk.on("click", function () { showEvent(e.event_id); });
      mk.on("add", function () {
        var node = mk.getElement();
        if (node) { node.setAttribute("data-event-id", e.event_id); node.setAttribute("aria-label", label); }
      });
      state.cluster.addLayer(mk);
      placed += 1;
    });
    return placed;
  }

  /* Load every matching event (cursor pages of 1000, at most 5000), then draw the map and
   * the table from the same list. */
  function loadData() {
    var all = [];
    say("map-status", "Loading events…");
    say("events-status", "Loading events…");
    function page(after, n) {
      var params = Object.assign({}, state.filters, { limit: MAP_PAGE, after: after });
      return api("/api/events" + query(params)).then(function (body) {
        all = all.concat(body.events);
        Object.assign(state.labels, body.labels || {});
        if (body.next && n + 1 < MAP_PAGES) return page(body.next, n + 1);
        return body.next;
      });
    }
    page(null, 0).then(function (more) {
      all.sort(function (x, y) {
        var dx = x.date || "", dy = y.date || "";
        return dx < dy ? 1 : dx > dy ? -1 : (x.event_id < y.event_id ? -1 : 1);
      });
      state.events = all;
      state.more = more;
      renderMap(all, more);
      renderTable(true);
    }).catch(function (err) {
      say("map-status", explain(err), true);
      say("events-status", explain(err), true);
      $("events-table").tBodies[0].textContent = "";
      $("more").hidden = true;
    });
  }

  /* Zoom to the events shown (a small margin, no closer than a region for one place). */
  function fitMap() {
    var bounds = state.cluster.getBounds();
    if (!bounds.isValid()) return;
    state.map.invalidateSize();
    state.map.fitBounds(bounds, { padding: [28, 28], maxZoom: 6, animate: false });
  }

  function renderMap(events, more) {
    if (!state.map) return;
    state.cluster.clearLayers();
    var placed = addMarkers(events), total = events.length;
    fitMap();
    var msg;
    if (!total) msg = "No events match. Clear the filters, or " + HOWTO.charAt(0).toLowerCase() + HOWTO.slice(1);
    else if (!placed) msg = total + " events, none with a known place: the table below lists them.";
    else msg = placed + " events on the map" + (total > placed ? " (" + (total - placed) + " without a place)" : "") +
      (more ? "; showing the first " + total + ", narrow the filters to see the rest." : ".");
    say("map-status", msg + (state.tileNote ? " " + state.tileNote : ""));
    $("map").setAttribute("data-markers", String(placed));
  }

  /* --- events table ----------------------------------------------------------------- */

  /* Newest first, TABLE_PAGE rows at a time ("Show more" adds the next ones). */
  function renderTable(reset) {
    var tbody = $("events-table").tBodies[0];
    if (reset) { tbody.textContent = ""; state.shown = 0; }
    var events = state.events || [];
    var upto = Math.min(events.length, state.shown + TABLE_PAGE);
    for (var i = state.shown; i < upto; i++) tbody.appendChild(eventRow(events[i]));
    state.shown = upto;
    $("more").hidden = upto >= events.length;
    say("events-status", events.length
      ? "Showing " + upto + " of " + events.length + (state.more ? "+" : "") + " events, newest first. Press Enter on a row to read its sentence."
      : "No events match. Clear the filters, or " + HOWTO.charAt(0).toLowerCase() + HOWTO.slice(1));
  }

  function eventRow(e) {
    var tr = document.createElement("tr");
    tr.tabIndex = 0;
    tr.setAttribute("data-event-id", e.event_id);
    tr.setAttribute("data-source", e.source ? (e.source.country || e.source.code) : "");
    tr.setAttribute("data-target", e.target ? (e.target.country || e.target.code) : "");
    tr.setAttribute("data-quad", String(e.quad_class));
    tr.setAttribute("data-date", e.date || "");
    tr.setAttribute("data-place", e.location ? e.location.name : "");
    cell(tr, e.date || "?", "", "c-date");
    cell(tr, who(e.source, e, "source"), "name", "c-actor");
    cell(tr, e.cameo + (e.plover ? " " + e.plover : "") + (e.evidence.trigger ? " · " + e.evidence.trigger : ""), "", "c-event");
    cell(tr, who(e.target, e, "target"), "name", "c-actor");
    cell(tr, e.location ? e.location.name : "", "name", "c-place");
    cell(tr, String(e.quad_class), "q q" + e.quad_class, "c-quad");
    tr.title = QUAD_NAMES[e.quad_class] || "";
    tr.addEventListener("click", function () { showEvent(e.event_id); });
    tr.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); showEvent(e.event_id); }
      if (ev.key === "ArrowDown" && tr.nextElementSibling) { ev.preventDefault(); tr.nextElementSibling.focus(); }
      if (ev.key === "ArrowUp" && tr.previousElementSibling) { ev.preventDefault(); tr.previousElementSibling.focus(); }
    });
    return tr;
  }

  /* --- event view ------------------------------------------------------------------- */

  function meta(dl, term, value) {
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = term; dd.textContent = value;
    dl.appendChild(dt); dl.appendChild(dd);
  }

  /* The article text with the event's sentence outlined and its spans marked. */
  function renderArticle(node, article, event, spans) {
    node.textContent = "";
    if (article.title) { var h = document.createElement("h3"); h.textContent = article.title; node.appendChild(h); }
    var text = article.text, ev = event.evidence;
    var s0 = ev.start, s1 = ev.end;
    if (!(s0 >= 0 && s1 > s0 && s1 <= text.length)) { s0 = 0; s1 = 0; }
    var marks = spans.filter(function (s) {
      return s.event_id === event.event_id && s.kind !== "sentence" && s.start >= s0 && s.end <= s1;
    }).sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    node.appendChild(document.createTextNode(text.slice(0, s0)));
    var box = document.createElement("span");
    box.className = "evidence";
    box.id = "evidence";
    var pos = s0;
    marks.forEach(function (s) {
      if (s.start < pos) return; /* overlaps a span already marked */
      box.appendChild(document.createTextNode(text.slice(pos, s.start)));
      var mk = document.createElement("mark");
      mk.className = s.kind;
      mk.textContent = text.slice(s.start, s.end);
      mk.title = s.kind + (s.label ? ": " + s.label : "");
      box.appendChild(mk);
      pos = s.end;
    });
    box.appendChild(document.createTextNode(text.slice(pos, s1)));
    node.appendChild(box);
    node.appendChild(document.createTextNode(text.slice(s1)));
    return box;
  }

  function showEvent(id) {
    var panel = $("event-panel");
    panel.hidden = false;
    document.body.classList.add("event-open");
    say("event-status", "Loading event…");
    var ask = state.eventAsked = (state.eventAsked || 0) + 1; /* a later click or hash wins */
    api("/api/events/" + encodeURIComponent(id)).then(function (body) {
      if (ask !== state.eventAsked) return;
      var e = body.event, dl = $("event-meta");
      Object.assign(state.labels, body.labels || {});
      dl.textContent = "";
      meta(dl, "Date", (e.date || "unknown") + (e.date_precision ? " (" + e.date_precision + ")" : ""));
      meta(dl, "Source", who(e.source, e, "source"));
      meta(dl, "Event", "CAMEO " + e.cameo + (e.plover ? " · PLOVER " + e.plover : "") + " · quad " +
        e.quad_class + " (" + (QUAD_NAMES[e.quad_class] || "?") + ") · Goldstein " + e.goldstein);
      meta(dl, "Target", who(e.target, e, "target"));
      meta(dl, "Place", e.location ? e.location.name + (e.location.country ? ", " + e.location.country : "") : "not known");
      meta(dl, "Article", body.article.id + (body.article.date ? " of " + body.article.date : "") +
        (body.article.source ? " · " + body.article.source : ""));
      var box = renderArticle($("event-article"), body.article, e, body.spans);
      say("event-status", "The outlined sentence is the evidence; marks show source, trigger, target and place. Esc closes.");
      $("event-h").textContent = "Event: " + who(e.source, e, "source") + " → " + who(e.target, e, "target");
      document.querySelectorAll("tr.selected").forEach(function (r) { r.classList.remove("selected"); });
      var row = document.querySelector('tr[data-event-id="' + id + '"]');
      if (row) row.classList.add("selected");
      state.selected = id;
      if (location.hash !== "#event=" + id) history.replaceState(null, "", "#event=" + id);
      panel.setAttribute("data-event-id", id);
      $("event-h").focus({ preventScroll: true });
      /* the evidence in view inside the panel (its own scroller); the page stays put, except
       * to lift the row above the panel where it is a sheet over the table (narrow screens) */
      panel.scrollTop += box.getBoundingClientRect().top - panel.getBoundingClientRect().top - 120;
      if (row) {
        var over = row.getBoundingClientRect().bottom - panel.getBoundingClientRect().top;
        if (over > 0 && getComputedStyle(panel).position === "fixed") window.scrollBy(0, over + 16);
      }
    }).catch(function (err) {
      if (ask !== state.eventAsked) return;
      $("event-article").textContent = "";
      say("event-status", err.status === 404 ? "This event is no longer stored: it may have been re-coded. Pick another one from the table."
        : explain(err), true);
    });
  }

  function closeEvent(focusBack) {
    var panel = $("event-panel");
    if (panel.hidden) return;
    state.eventAsked = (state.eventAsked || 0) + 1; /* drop an answer still on its way */
    panel.hidden = true;
    panel.removeAttribute("data-event-id");
    document.body.classList.remove("event-open");
    if (location.hash.indexOf("#event=") === 0) history.replaceState(null, "", location.pathname);
    if (focusBack && state.selected) {
      var row = document.querySelector('tr[data-event-id="' + state.selected + '"]');
      if (row) row.focus();
    }
  }

  /* --- dyad timeline ---------------------------------------------------------------- */

  function loadDyads() {
    api("/api/dyads?limit=50").then(function (body) {
      var pick = $("dyad-pick");
      body.dyads.forEach(function (d) {
        var opt = document.createElement("option");
        opt.value = d.a + "," + d.b;
        opt.textContent = d.a + "–" + d.b + " (" + d.events + ")";
        pick.appendChild(opt);
      });
      /* open on the busiest pair (the list is ordered by events), unless one was chosen */
      var top = body.dyads[0];
      if (top && !$("dyad-a").value && !$("dyad-b").value && !state.dyadAsked) {
        pick.value = top.a + "," + top.b;
        $("dyad-a").value = top.a; $("dyad-b").value = top.b;
        drawDyad();
      }
    }).catch(function () { /* the map and table already say what is wrong */ });
  }

  function drawDyad() {
    var a = $("dyad-a").value.trim().toUpperCase(), b = $("dyad-b").value.trim().toUpperCase();
    if (!a || !b) { say("timeline-status", "Enter two actor codes, e.g. ISR and IRN.", true); return; }
    say("timeline-status", "Loading " + a + "–" + b + "…");
    var ask = state.dyadAsked = (state.dyadAsked || 0) + 1; /* only the latest answer is drawn */
    var params = { since: state.filters.since, until: state.filters.until, directed: $("dyad-directed").checked ? "true" : "" };
    api("/api/dyads/" + encodeURIComponent(a) + "/" + encodeURIComponent(b) + "/series" + query(params))
      .then(function (body) {
        if (ask !== state.dyadAsked) return;
        var n = window.casusTimeline.draw($("timeline"), body.series, a + "–" + b);
        $("timeline").setAttribute("data-dyad", a + "-" + b);
        say("timeline-status", n ? n + " periods with events between " + a + " and " + b + ". Tab to a point for its numbers."
          : "No events between " + a + " and " + b + ". Pick a pair from the list, or clear the date filters.");
      }).catch(function (err) {
        if (ask !== state.dyadAsked) return;
        $("timeline").textContent = ""; say("timeline-status", explain(err), true);
      });
  }

  /* --- start -------------------------------------------------------------------------- */

  function start() {
    $("filters").addEventListener("submit", function (ev) { ev.preventDefault(); applyFilters(); });
    $("filters").addEventListener("reset", function () { setTimeout(applyFilters, 0); });
    $("more").addEventListener("click", function () { renderTable(false); });
    $("event-close").addEventListener("click", function () { closeEvent(true); });
    document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") closeEvent(true); });
    $("dyad-form").addEventListener("submit", function (ev) { ev.preventDefault(); drawDyad(); });
    $("dyad-pick").addEventListener("change", function () {
      var v = this.value.split(",");
      if (v.length === 2) { $("dyad-a").value = v[0]; $("dyad-b").value = v[1]; drawDyad(); }
    });
    state.filters = readFilters();
    api("/api/config").catch(function () { return { tiles: null }; }).then(function (config) {
      try { initMap(config); } catch (err) { say("map-status", "The map could not start: " + (err && err.message ? err.message : err), true); }
      loadData();
    });
    loadDyads();
    window.addEventListener("hashchange", followHash);
    followHash();
  }

  /* ``#event=ID`` opens that event, on load and whenever the hash changes (a link, the back
   * button, an edited address); an empty hash closes the view. Other anchors are left alone. */
  function followHash() {
    var m = /^#event=([0-9a-f]+)$/.exec(location.hash), panel = $("event-panel");
    if (m) { if (panel.hidden || panel.getAttribute("data-event-id") !== m[1]) showEvent(m[1]); }
    else if (!location.hash) closeEvent(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
