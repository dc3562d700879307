/* tidings map: Leaflet over Natural Earth country shapes (vendored TopoJSON, no tile server). */
(function () {
  "use strict";
  var box = document.getElementById("map");
  if (!box || !window.L || !window.topojson) return;
  var map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 10, attributionControl: true }).setView([25, 10], 2);
  map.attributionControl.setPrefix("Leaflet").addAttribution("Natural Earth");

  function getJSON(url) {
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(url + ": HTTP " + r.status); return r.json(); });
  }
  function shade(n, max) {
    if (!n) return "#f4f1ea";
    var t = Math.sqrt(n / max);
    var c = [[254, 229, 217], [252, 146, 114], [203, 24, 29]];
    var a = t < 0.5 ? c[0] : c[1], b = t < 0.5 ? c[1] : c[2], u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    return "rgb(" + [0, 1, 2].map(function (i) { return Math.round(a[i] + (b[i] - a[i]) * u); }).join(",") + ")";
  }
  function sep(url) { return url.indexOf("?") < 0 ? "?" : (/[?&]$/.test(url) ? "" : "&"); }

  Promise.all([getJSON(box.dataset.shapes), getJSON(box.dataset.countries), getJSON(box.dataset.geo)]).then(function (res) {
    var topo = res[0], counts = {}, max = 1;
    res[1].data.forEach(function (c) { if (c.iso_numeric) { counts[c.iso_numeric] = c; max = Math.max(max, c.events); } });
    var shapes = topojson.feature(topo, topo.objects.countries);
    // rings that cross the antimeridian jump from +180 to -180: unwrap them (no stripes across the map);
    // Antarctica (010) circles the pole and is left out
    shapes.features = shapes.features.filter(function (f) { return f.id !== "010"; });
    shapes.features.forEach(function (f) {
      var g = f.geometry; if (!g) return;
      var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      polys.forEach(function (poly) {
        poly.forEach(function (ring) {
          var shift = 0;
          for (var i = 1; i < ring.length; i++) {
            var d = ring[i][0] + shift - ring[i - 1][0];
            if (d > 180) shift -= 360; else if (d < -180) shift += 360;
            ring[i] = [ring[i][0] + shift, ring[i][1]];
          }
        });
      });
    });
    L.geoJSON(shapes, {
      style: function (f) {
        var c = counts[f.id];
        return { color: "#8a8f98", weight: 0.6, fillColor: shade(c ? c.events : 0, max), fillOpacity: 1 };
      },
      onEachFeature: function (f, layer) {
        var c = counts[f.id];
        layer.bindTooltip((f.properties && f.properties.name || "") + (c ? ": " + c.events + " events" : ""), { sticky: true });
      }
    }).addTo(map);
    var pmax = 1;
    res[2].features.forEach(function (f) { pmax = Math.max(pmax, f.properties.events); });
    var layer = L.layerGroup().addTo(map);
    res[2].features.forEach(function (f) {
      var p = f.properties, ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      var href = box.dataset.events + sep(box.dataset.events) + "place=" + encodeURIComponent(p.name);
      var m = L.circleMarker(ll, { radius: 4 + 14 * Math.sqrt(p.events / pmax), color: "#14213d", weight: 1,
        fillColor: p.conflict * 2 > p.events ? "#b2182b" : "#2b6cb0", fillOpacity: 0.75, className: "place-marker" });
      var div = document.createElement("div"), a = document.createElement("a");
      a.href = href; a.textContent = p.name + ": " + p.events + " event" + (p.events === 1 ? "" : "s");
      div.appendChild(a);
      m.bindPopup(div);
      m.addTo(layer);
      var path = m.getElement && m.getElement();
      if (path) {
        path.setAttribute("tabindex", "0");
        path.setAttribute("role", "button");
        path.setAttribute("aria-label", p.name + ", " + p.events + " events");
        path.setAttribute("data-href", href);
        path.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { m.openPopup(); a.focus(); } });
      }
    });
    box.setAttribute("data-drawn", "true");
  }).catch(function (e) {
    var p = document.createElement("p"); p.className = "error"; p.setAttribute("role", "alert");
    p.textContent = "Could not draw the map: " + e.message;
    box.parentNode.insertBefore(p, box);
  });
})();
