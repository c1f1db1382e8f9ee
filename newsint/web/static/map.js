// The map page /map: Natural Earth country outlines as an offline basemap, the located events from the API's GeoJSON
// clustered and coloured by ACLED event type, and the resolved places as small grey circles.
//
// Article text is hostile: every piece of data reaches the page through textContent, attributes set by property,
// or Leaflet options, never parsed as markup. A file, not an inline script, so the page keeps its CSP.
(function () {
  "use strict";

  var PALETTE = [
    ["Battles", "#c0392b"],
    ["Explosions/Remote violence", "#e67e22"],
    ["Violence against civilians", "#8e44ad"],
    ["Protests", "#2471a3"],
    ["Riots", "#b7950b"],
    ["Strategic developments", "#17806d"],
  ];
  var OTHER = "#4d5156";
  var FILTERS = ["type", "since", "until", "place", "story", "actor"];
  var LIMIT = 500;

  function colour(acledType) {
    for (var i = 0; i < PALETTE.length; i++) {
      if (PALETTE[i][0] === acledType) return PALETTE[i][1];
    }
    return OTHER;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function status(text, isError) {
    var node = document.getElementById("map-status");
    if (!node) return;
    node.textContent = text;
    node.className = isError ? "error" : "note";
  }

  // The page's filters, passed through to the API as they are (the API validates them).
  function eventsUrl() {
    var page = new URLSearchParams(window.location.search);
    var api = new URLSearchParams();
    FILTERS.forEach(function (name) {
      page.getAll(name).forEach(function (value) {
        if (value.trim()) api.append(name, value.trim());
      });
    });
    api.set("format", "geojson");
    api.set("limit", String(LIMIT));
    return "/api/v1/events?" + api.toString();
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (answer) {
      return answer.json().then(
        function (body) {
          if (!answer.ok) {
            var detail = body && body.detail;
            if (Array.isArray(detail)) {
              detail = detail
                .map(function (d) {
                  return (d.loc || []).slice(-1).join("") + ": " + d.msg;
                })
                .join("; ");
            }
            throw new Error(String(detail || answer.status));
          }
          return body;
        },
        function () {
          throw new Error(url + " answered " + answer.status);
        }
      );
    });
  }

  function evidenceLink(span) {
    var start = Number(span.start);
    var end = Number(span.end);
    var range = start + "-" + end;
    return "/documents/" + encodeURIComponent(span.doc) + "?s=" + range + "#s-" + range;
  }

  function row(list, label, value) {
    if (value === undefined || value === null || value === "") return;
    var item = el("div", "map-row");
    item.appendChild(el("span", "map-label", label + " "));
    item.appendChild(el("span", null, value));
    list.appendChild(item);
  }

  function popup(p) {
    var box = el("div", "map-popup");
    box.appendChild(el("p", "map-summary", p.summary || p.trigger || "(no summary)"));
    var facts = el("div", "map-facts");
    var when = p.date ? p.date + (p.date_precision ? " (" + p.date_precision + ")" : "") : "undated";
    row(facts, "Date", when);
    if (p.date_from_published) {
      facts.appendChild(el("div", "map-flag", "No date in the text: this is the article's publication date."));
    }
    var type = p.acled_type || "no ACLED type";
    if (p.acled_subtype) type += " · " + p.acled_subtype;
    row(facts, "Type", type + " (" + p.type + (p.plover ? ", " + p.plover : "") + ")");
    var actors = (p.actors || []).join(", ");
    var targets = (p.targets || []).join(", ");
    if (actors || targets) row(facts, "Who", (actors || "?") + " → " + (targets || "?"));
    row(facts, "Place", p.place);
    if (p.fatalities !== null && p.fatalities !== undefined) row(facts, "Fatalities", p.fatalities);
    if (p.negated) facts.appendChild(el("div", "map-flag", "Negated: the text says this did not happen."));
    if (p.hypothetical) facts.appendChild(el("div", "map-flag", "Hypothetical: the text does not say it happened."));
    box.appendChild(facts);
    var evidence = p.evidence || [];
    if (evidence.length) {
      box.appendChild(el("div", "map-label", "Evidence"));
      var list = el("ol", "map-evidence");
      evidence.forEach(function (span) {
        var item = el("li");
        var link = el("a", null, span.text || span.doc + " " + span.start + "–" + span.end);
        link.href = evidenceLink(span);
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }

  function placePopup(p) {
    var box = el("div", "map-popup");
    box.appendChild(el("p", "map-summary", p.name));
    var facts = el("div", "map-facts");
    row(facts, "Kind", p.kind);
    row(facts, "Mentions", p.mentions);
    box.appendChild(facts);
    var docs = p.documents || [];
    if (docs.length) {
      var list = el("ul", "map-evidence");
      docs.slice(0, 10).forEach(function (doc) {
        var item = el("li");
        var link = el("a", null, doc.title || doc.id);
        link.href = "/documents/" + encodeURIComponent(doc.id);
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }

  function legend() {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = el("div", "map-legend");
      box.appendChild(el("div", "map-label", "ACLED event type"));
      PALETTE.concat([["No ACLED type", OTHER]]).forEach(function (entry) {
        var item = el("div", "map-legend-item");
        var swatch = el("span", "map-swatch");
        swatch.style.backgroundColor = entry[1]; // CSSOM, which the CSP allows (not a style attribute in HTML)
        item.appendChild(swatch);
        item.appendChild(el("span", null, entry[0]));
        box.appendChild(item);
      });
      var place = el("div", "map-legend-item");
      place.appendChild(el("span", "map-swatch map-swatch-place"));
      place.appendChild(el("span", null, "Resolved place"));
      box.appendChild(place);
      var cluster = el("div", "map-legend-item");
      cluster.appendChild(el("span", "map-swatch map-swatch-cluster", "n"));
      cluster.appendChild(el("span", null, "n events: click to zoom or spread"));
      box.appendChild(cluster);
      return box;
    };
    return control;
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? 30 : count < 100 ? 36 : 44;
    return L.divIcon({
      html: el("span", null, count),
      className: "map-cluster",
      iconSize: L.point(size, size),
    });
  }

  function start() {
    var node = document.getElementById("map");
    if (!node || typeof L === "undefined") return;
    var map = L.map(node, { worldCopyJump: true, minZoom: 2, maxZoom: 12, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Country outlines: Natural Earth");
    map.setView([48.5, 31.5], 5);
    // Panes keep the drawing order whichever answer comes first: outlines, then places, then events.
    map.createPane("basemap").style.zIndex = "250";
    map.createPane("places").style.zIndex = "390";
    legend().addTo(map);

    var basemap = getJson("/static/vendor/world-atlas/countries-50m.json").then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, {
        interactive: false,
        pane: "basemap",
        style: { color: "#a3a9b0", weight: 0.7, fillColor: "#f4f3ee", fillOpacity: 1 },
      }).addTo(map);
    });

    var placesLayer = L.layerGroup().addTo(map);
    var places = getJson("/api/v1/places?format=geojson&limit=" + LIMIT).then(function (found) {
      (found.features || []).forEach(function (f) {
        var c = f.geometry && f.geometry.coordinates;
        if (!c) return;
        L.circleMarker([c[1], c[0]], {
          pane: "places",
          radius: 4,
          color: "#6b6f74",
          weight: 1,
          fillColor: "#9aa0a6",
          fillOpacity: 0.8,
        })
          .bindPopup(placePopup(f.properties || {}))
          .addTo(placesLayer);
      });
    });

    var clusters = L.markerClusterGroup({
      iconCreateFunction: clusterIcon,
      showCoverageOnHover: false,
      maxClusterRadius: 40,
    });
    var byId = {};
    var events = getJson(eventsUrl()).then(function (found) {
      var features = found.features || [];
      var points = [];
      features.forEach(function (f) {
        var c = f.geometry && f.geometry.coordinates;
        if (!c) return;
        var p = f.properties || {};
        var marker = L.circleMarker([c[1], c[0]], {
          radius: 8,
          color: "#ffffff",
          weight: 1.5,
          fillColor: colour(p.acled_type),
          fillOpacity: 0.95,
        });
        marker.bindPopup(popup(p), { maxWidth: 360 });
        marker.bindTooltip(String(p.place || "") + (p.date ? " · " + p.date : ""));
        clusters.addLayer(marker);
        if (p.id) byId[p.id] = { marker: marker, properties: p };
        points.push([c[1], c[0]]);
      });
      clusters.addTo(map);
      if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 7, animate: false });
      return features.length;
    });

    // `#event=ID` opens that event's popup, so a link can point at one event on the map.
    function openFromHash() {
      var match = /^#event=(.+)$/.exec(window.location.hash);
      var found = match && byId[decodeURIComponent(match[1])];
      if (!found) return;
      // A popup of its own at the event's point: events at the same place stay clustered at every zoom.
      var at = found.marker.getLatLng();
      map.setView(at, Math.max(map.getZoom(), 8), { animate: false });
      L.popup({ maxWidth: 360 }).setLatLng(at).setContent(popup(found.properties)).openOn(map);
    }
    window.addEventListener("hashchange", openFromHash);

    Promise.all([basemap, places, events]).then(
      function (results) {
        var n = results[2];
        var more = n >= LIMIT ? " (the first " + LIMIT + ")" : "";
        status(n + " located event" + (n === 1 ? "" : "s") + more + ".", false);
        openFromHash();
      },
      function (error) {
        status("The map could not load: " + error.message, true);
      }
    );
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
