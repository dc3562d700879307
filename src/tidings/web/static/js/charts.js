/* tidings: small hand-written SVG charts (no library). Every mark is focusable and links to the
   events behind it; the data each chart is drawn from is in a table next to it. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }

  function text(parent, x, y, s, anchor) {
    var t = el("text", { x: x, y: y, "text-anchor": anchor || "middle" }, parent);
    t.textContent = s;
    return t;
  }

  function niceMax(v) {
    if (v <= 0) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(v))), m = v / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  function periodEnd(start, by) {
    var d = new Date(start + "T00:00:00Z");
    if (by === "day") return start;
    if (by === "week") d.setUTCDate(d.getUTCDate() + 6);
    else {
      d.setUTCMonth(d.getUTCMonth() + ({ month: 1, quarter: 3, year: 12 }[by] || 1));
      d.setUTCDate(d.getUTCDate() - 1);
    }
    return d.toISOString().slice(0, 10);
  }

  function linkify(node, href, label) {
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "link");
    node.setAttribute("aria-label", label);
    el("title", {}, node).textContent = label;
    if (!href) return;
    node.setAttribute("data-href", href);
    node.addEventListener("click", function () { window.location.href = href; });
    node.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); window.location.href = href; }
    });
  }

  function frame(fig, height, margin) {
    var width = Math.max(480, Math.min(1300, fig.clientWidth - 20 || 900));
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "group", "aria-label": fig.querySelector("figcaption") ? fig.querySelector("figcaption").textContent : "chart" });
    fig.appendChild(svg);
    return { svg: svg, w: width - margin.l - margin.r, h: height - margin.t - margin.b, m: margin };
  }

  function xLabels(f, cats, x0, band) {
    var step = Math.max(1, Math.ceil(cats.length / Math.floor(f.w / 80)));
    cats.forEach(function (c, i) {
      if (i % step === 0) text(f.svg, f.m.l + x0(i) + band / 2, f.m.t + f.h + 14, c);
    });
  }

  function yAxis(f, max, right, fmt) {
    el("line", { x1: right ? f.m.l + f.w : f.m.l, x2: right ? f.m.l + f.w : f.m.l, y1: f.m.t, y2: f.m.t + f.h, "class": "axis" }, f.svg);
    var n = (!fmt && max.hi - max.lo < 4) ? Math.max(1, max.hi - max.lo) : 4;
    for (var i = 0; i <= n; i++) {
      var v = max.lo + (max.hi - max.lo) * i / n, y = f.m.t + f.h - f.h * i / n;
      text(f.svg, right ? f.m.l + f.w + 4 : f.m.l - 4, y + 4, fmt ? fmt(v) : String(Math.round(v)), right ? "start" : "end");
    }
  }

  function legend(f, items) {
    var g = el("g", { "class": "legend" }, f.svg), x = f.m.l;
    items.forEach(function (it) {
      if (it.line) el("line", { x1: x, x2: x + 14, y1: 8, y2: 8, stroke: it.color, "stroke-width": 3 }, g);
      else el("rect", { x: x, y: 2, width: 12, height: 12, fill: it.color }, g);
      var t = text(g, x + 17, 12, it.label, "start");
      x += 24 + it.label.length * 6.3;
    });
  }

  /* Stacked bars: cats (x), groups (bars side by side in each category), series (stacked keys).
     value(cat, group, key) → number; href(cat, group) → link; lines: [{label, color, value(cat) → number|null}]
     drawn on a right axis from -10 to 10 (Goldstein). */
  function stackedBars(fig, o) {
    var f = frame(fig, o.height || 300, { l: 44, r: o.lines ? 40 : 12, t: 24, b: 24 });
    var cats = o.cats, groups = o.groups || [null];
    var band = f.w / Math.max(1, cats.length), gap = Math.min(6, band * 0.2);
    var barW = Math.max(1, Math.min(40, (band - gap) / groups.length));
    var inner = barW * groups.length, pad = (band - gap - inner) / 2;
    var max = 0;
    cats.forEach(function (c) {
      groups.forEach(function (g) {
        var s = 0; o.series.forEach(function (k) { s += o.value(c, g, k.key) || 0; }); max = Math.max(max, s);
      });
    });
    max = niceMax(max);
    var y = function (v) { return f.h * v / max; };
    var x0 = function (i) { return i * band + gap / 2; };
    yAxis(f, { lo: 0, hi: max });
    el("line", { x1: f.m.l, x2: f.m.l + f.w, y1: f.m.t + f.h, y2: f.m.t + f.h, "class": "axis" }, f.svg);
    var bars = el("g", { "class": "bars" }, f.svg);
    cats.forEach(function (c, i) {
      groups.forEach(function (g, j) {
        var total = 0, parts = [];
        o.series.forEach(function (k) { var v = o.value(c, g, k.key) || 0; total += v; parts.push(k.label + " " + v); });
        if (!total) return;
        var grp = el("g", { "class": "bar", "data-period": c, "data-group": g || "", "data-value": total }, bars);
        var acc = 0;
        o.series.forEach(function (k) {
          var v = o.value(c, g, k.key) || 0;
          if (!v) return;
          el("rect", { x: f.m.l + x0(i) + pad + j * barW, y: f.m.t + f.h - y(acc + v), width: Math.max(1, barW - 1), height: y(v), fill: k.color, "data-key": k.key, "data-value": v }, grp);
          acc += v;
        });
        linkify(grp, o.href ? o.href(c, g) : null, c + (g ? " " + g : "") + ": " + total + " events (" + parts.join(", ") + ")");
      });
    });
    if (o.lines) {
      yAxis(f, { lo: -10, hi: 10 }, true, function (v) { return v.toFixed(0); });
      var yl = function (v) { return f.m.t + f.h / 2 - f.h / 2 * v / 10; };
      // the zero line and the Goldstein line lie over the bars: they must not take the bars' clicks
      el("line", { x1: f.m.l, x2: f.m.l + f.w, y1: yl(0), y2: yl(0), stroke: "#bbb", "stroke-dasharray": "3 3", "pointer-events": "none" }, f.svg);
      o.lines.forEach(function (ln) {
        var d = "", pen = false;
        cats.forEach(function (c, i) {
          var v = ln.value(c);
          if (v === null || v === undefined || isNaN(v)) { pen = false; return; }
          d += (pen ? "L" : "M") + (f.m.l + x0(i) + (band - gap) / 2) + " " + yl(v) + " ";
          pen = true;
          el("circle", { cx: f.m.l + x0(i) + (band - gap) / 2, cy: yl(v), r: 3, fill: ln.color, "class": "pt", "data-period": c, "data-value": v.toFixed(2) }, f.svg);
        });
        el("path", { d: d, stroke: ln.color, "class": "line", "pointer-events": "none" }, f.svg);
      });
    }
    xLabels(f, cats, x0, band - gap);
    legend(f, o.series.map(function (k) { return { label: k.label, color: k.color }; })
      .concat((o.lines || []).map(function (l) { return { label: l.label, color: l.color, line: true }; })));
    return f.svg;
  }

  /* Lines with focusable points: series [{key, label, color, value(cat) → number, href(cat)}] */
  function lines(fig, o) {
    var f = frame(fig, o.height || 280, { l: 44, r: 12, t: 24, b: 24 });
    var cats = o.cats, max = 0;
    o.series.forEach(function (s) { cats.forEach(function (c) { max = Math.max(max, s.value(c) || 0); }); });
    max = niceMax(max);
    var band = f.w / Math.max(1, cats.length);
    var x = function (i) { return f.m.l + i * band + band / 2; };
    var y = function (v) { return f.m.t + f.h - f.h * v / max; };
    yAxis(f, { lo: 0, hi: max });
    el("line", { x1: f.m.l, x2: f.m.l + f.w, y1: f.m.t + f.h, y2: f.m.t + f.h, "class": "axis" }, f.svg);
    o.series.forEach(function (s) {
      var d = "";
      cats.forEach(function (c, i) { d += (i ? "L" : "M") + x(i) + " " + y(s.value(c) || 0) + " "; });
      var attrs = { d: d, stroke: s.color, "class": "line", "data-series": s.key };
      if (s.dash) attrs["stroke-dasharray"] = s.dash;
      el("path", attrs, f.svg);
      cats.forEach(function (c, i) {
        var v = s.value(c) || 0;
        var p = el("circle", { cx: x(i), cy: y(v), r: v ? 4 : 2, fill: s.color, "class": "bar pt", "data-period": c, "data-group": s.key, "data-value": v }, f.svg);
        if (v) linkify(p, s.href ? s.href(c) : null, c + " " + s.label + ": " + v + " events");
      });
    });
    xLabels(f, cats, function (i) { return i * band; }, band);
    legend(f, o.series.map(function (s) { return { label: s.label, color: s.color, line: true }; }));
    return f.svg;
  }

  window.TidingsCharts = { stackedBars: stackedBars, lines: lines, periodEnd: periodEnd };
})();
