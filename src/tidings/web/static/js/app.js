/* tidings pages: draw the charts from the API and wire the article highlights. */
(function () {
  "use strict";
  var C = window.TidingsCharts;
  var css = getComputedStyle(document.documentElement);
  function color(name) { return css.getPropertyValue(name).trim(); }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  function failed(fig, err) {
    var p = document.createElement("p");
    p.className = "error";
    p.setAttribute("role", "alert");
    p.textContent = "Could not draw the chart: " + err.message + ". The data table below still holds the figures.";
    fig.appendChild(p);
  }

  function seriesChart(fig) {
    var by = fig.dataset.by;
    return getJSON(fig.dataset.src).then(function (res) {
      var rows = {}; res.data.forEach(function (r) { rows[r.period] = r; });
      C.stackedBars(fig, {
        cats: res.data.map(function (r) { return r.period; }),
        series: [
          { key: "cooperation", label: "cooperation", color: color("--q2") },
          { key: "conflict", label: "conflict", color: color("--q4") },
          { key: "other", label: "other", color: "#9aa3b2" }],
        value: function (c, g, k) {
          var r = rows[c]; if (!r) return 0;
          return k === "other" ? r.events - r.cooperation - r.conflict : r[k];
        },
        href: function (c) { return "/events?since=" + c + "&until=" + C.periodEnd(c, by); }
      });
    });
  }

  function dyadChart(fig) {
    var a = fig.dataset.a, b = fig.dataset.b, by = fig.dataset.by;
    return getJSON(fig.dataset.src).then(function (res) {
      var rows = {}, cats = [];
      res.data.forEach(function (r) {
        rows[r.period + "|" + r.direction] = r;
        if (cats.indexOf(r.period) < 0) cats.push(r.period);
      });
      var dirs = [a + "->" + b, b + "->" + a];
      C.stackedBars(fig, {
        cats: cats, groups: dirs, height: 320,
        series: [
          { key: "q1_verbal_coop", label: "verbal coop.", color: color("--q1") },
          { key: "q2_material_coop", label: "material coop.", color: color("--q2") },
          { key: "q3_verbal_conflict", label: "verbal conflict", color: color("--q3") },
          { key: "q4_material_conflict", label: "material conflict", color: color("--q4") }],
        value: function (c, g, k) { var r = rows[c + "|" + g]; return r ? r[k] : 0; },
        href: function (c, g) {
          var p = g.split("->");
          return "/events?source=" + p[0] + "&target=" + p[1] + "&since=" + c + "&until=" + C.periodEnd(c, by) +
            "&modality=asserted&negated=false";
        },
        lines: dirs.map(function (d, i) {
          return { label: "Goldstein " + d, color: i ? color("--tgt") : color("--src"),
            value: function (c) { var r = rows[c + "|" + d]; return r && r.events ? r.goldstein_mean : null; } };
        })
      });
    });
  }

  function timelineChart(fig) {
    var actor = fig.dataset.actor, by = fig.dataset.by;
    return getJSON(fig.dataset.src).then(function (res) {
      var rows = {}, cats = [];
      res.data.forEach(function (r) {
        rows[r.period + "|" + r.role] = r;
        if (cats.indexOf(r.period) < 0) cats.push(r.period);
      });
      function series(role, label, col, side) {
        return { key: role, label: label, color: col, dash: role === "target" ? "6 4" : null,
          value: function (c) { var r = rows[c + "|" + role]; return r ? r.events : 0; },
          href: function (c) {
            return "/events?" + side + "=" + actor + "&since=" + c + "&until=" + C.periodEnd(c, by) + "&modality=asserted&negated=false";
          } };
      }
      C.lines(fig, { cats: cats, series: [series("source", actor + " as source", color("--src"), "source"),
                                           series("target", actor + " as target (dashed)", color("--tgt"), "target")] });
    });
  }

  var charts = { series: seriesChart, dyad: dyadChart, timeline: timelineChart };
  document.querySelectorAll("figure[data-chart]").forEach(function (fig) {
    var draw = charts[fig.dataset.chart];
    if (draw) draw(fig).then(function () { fig.setAttribute("data-drawn", "true"); })
      .catch(function (e) { failed(fig, e); });
  });

  // article page: toggle highlight kinds; focus the spans of one event
  document.querySelectorAll("#legend input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.kind, !box.checked);
    });
  });
  document.querySelectorAll("button.ev-focus").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var on = btn.getAttribute("aria-pressed") !== "true";
      document.querySelectorAll("button.ev-focus").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
      document.querySelectorAll("mark.focus").forEach(function (m) { m.classList.remove("focus"); });
      if (!on) return;
      btn.setAttribute("aria-pressed", "true");
      var first = null;
      document.querySelectorAll("mark[data-ev]").forEach(function (m) {
        if (m.dataset.ev.split(" ").indexOf(btn.dataset.ev) >= 0) { m.classList.add("focus"); first = first || m; }
      });
      if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
    });
  });
})();
