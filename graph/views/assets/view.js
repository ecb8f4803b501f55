/* fynd view: panel, chain highlight, filters, search, legend, column headings, tabs and
 * group expansion over pyvis' vis-network globals `network`, `nodes` and `edges`.
 * Every text from the data goes through textContent (or a plain-string title): none of
 * it is ever parsed as markup. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("fynd-data").textContent);
  var W = D.words;
  var F = D.findings;
  var LINEAGE = { persists: true, evolves: true };
  Object.keys(F).forEach(function (id) {  // empty lists are left out of the file
    var f = F[id];
    if (!f.themes) { f.themes = []; }
    if (!f.restatedIn) { f.restatedIn = []; }
    if (!f.section) { f.section = ""; }
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function fmt(key, fields) {
    var s = W[key] || key;
    Object.keys(fields || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(fields[k])); });
    return s;
  }
  function cut(text, n) {
    text = String(text);
    return text.length <= n ? text : text.slice(0, n - 1).replace(/\s+\S*$/, "") + "…";
  }
  function reportOf(id) {
    for (var i = 0; i < D.reports.length; i++) { if (D.reports[i].id === id) { return D.reports[i]; } }
    return { id: id, title: "", year: "" };
  }

  // ------------------------------------------------------------------ links by finding
  var linksOf = {};
  D.links.forEach(function (l) {
    (linksOf[l.from] = linksOf[l.from] || []).push(l);
    (linksOf[l.to] = linksOf[l.to] || []).push(l);
  });

  // ------------------------------------------------------------------ page layout
  var graphBox = document.getElementById("mynetwork").parentElement;
  graphBox.id = "fynd-graph";
  graphBox.removeAttribute("style");
  var bar = el("header", "fynd-bar");
  document.body.insertBefore(bar, document.body.firstChild);
  var top = el("div", "fynd-top");
  top.appendChild(el("h1", "", W.view_title));
  var tabs = el("nav", "fynd-tabs");
  var tabGraph = el("button", "active", W.tab_graph);
  var tabPictures = el("button", "", W.tab_pictures);
  tabGraph.id = "fynd-tab-graph";
  tabPictures.id = "fynd-tab-pictures";
  tabs.appendChild(tabGraph);
  tabs.appendChild(tabPictures);
  top.appendChild(tabs);
  top.appendChild(el("p", "fynd-help", W.help));
  bar.appendChild(top);

  var filters = el("div", "fynd-filters");
  bar.appendChild(filters);
  function select(id, label, options) {
    var wrap = el("label", "", label + " ");
    var s = el("select");
    s.id = id;
    var all = el("option", "", W.all);
    all.value = "";
    s.appendChild(all);
    options.forEach(function (o) {
      var opt = el("option", "", o[1]);
      opt.value = o[0];
      s.appendChild(opt);
    });
    wrap.appendChild(s);
    filters.appendChild(wrap);
    return s;
  }
  var present = { type: {}, theme: {}, status: {}, report: {} };
  Object.keys(F).forEach(function (id) {
    var f = F[id];
    present.type[f.type] = true;
    present.report[f.report] = true;
    if (f.status) { present.status[f.status] = true; }
    f.themes.forEach(function (t) { present.theme[t] = true; });
  });
  var selReport = select("fynd-report", W.filter_report, D.reports.filter(function (r) {
    return present.report[r.id];
  }).map(function (r) { return [r.id, r.id + " (" + r.year + ")"]; }));
  var selType = select("fynd-type", W.filter_type, Object.keys(D.types).filter(function (t) {
    return present.type[t];
  }).map(function (t) { return [t, D.types[t].plural]; }));
  var selTheme = select("fynd-theme", W.filter_theme, Object.keys(present.theme).map(function (t) {
    return [t, D.themes[t] || t];
  }).sort(function (a, b) { return a[1].localeCompare(b[1]); }));
  var selStatus = select("fynd-status", W.filter_status, Object.keys(D.statuses).filter(function (s) {
    return present.status[s];
  }).map(function (s) { return [s, D.statuses[s].label]; }));
  var search = el("input");
  search.id = "fynd-search";
  search.type = "search";
  search.placeholder = W.search;
  search.setAttribute("aria-label", W.search);
  filters.appendChild(search);
  var withinBox = el("label", "fynd-check");
  var within = el("input");
  within.type = "checkbox";
  within.id = "fynd-within";
  withinBox.appendChild(within);
  withinBox.appendChild(document.createTextNode(" " + W.within_links));
  filters.appendChild(withinBox);
  var reset = el("button", "fynd-reset", W.reset);
  reset.id = "fynd-reset";
  filters.appendChild(reset);
  var count = el("span", "fynd-count");
  count.id = "fynd-count";
  filters.appendChild(count);

  var panel = el("aside", "fynd-panel");
  panel.id = "fynd-panel";
  document.body.appendChild(panel);
  var columns = el("div", "fynd-columns");
  graphBox.appendChild(columns);
  var legendBox = el("details", "fynd-legend");
  legendBox.id = "fynd-legend";
  legendBox.open = true;
  legendBox.appendChild(el("summary", "", W.legend));
  var legend = el("div");
  legendBox.appendChild(legend);
  graphBox.appendChild(legendBox);
  var pictures = el("section", "fynd-pictures");
  pictures.id = "fynd-pictures";
  pictures.hidden = true;
  document.body.appendChild(pictures);

  // ------------------------------------------------------------------ legend
  function swatchLine(colour, dash) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "34");
    svg.setAttribute("height", "10");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5");
    line.setAttribute("x2", "33"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", colour);
    line.setAttribute("stroke-width", "2");
    if (dash) { line.setAttribute("stroke-dasharray", dash); }
    svg.appendChild(line);
    return svg;
  }
  function legendRow(swatch, text) {
    var row = el("div", "fynd-legend-row");
    row.appendChild(swatch);
    row.appendChild(el("span", "", text));
    legend.appendChild(row);
  }
  legend.appendChild(el("strong", "", W.legend_types));
  Object.keys(D.types).forEach(function (t) {
    var s = el("span", "fynd-shape fynd-shape-" + D.types[t].shape);
    s.style.setProperty("--c", D.types[t].color);
    legendRow(s, D.types[t].plural);
  });
  legend.appendChild(el("strong", "", W.legend_links));
  legendRow(swatchLine("#37474f", ""), D.kinds.persists);
  legendRow(swatchLine("#37474f", "6 4"), D.kinds.evolves);
  legendRow(swatchLine("#8e24aa", ""), W.legend_curated);
  legendRow(swatchLine("#26a69a", "2 3"), D.kinds.drawsOn);
  legendRow(swatchLine("#ef6c00", "2 3"), D.kinds.answers);
  legend.appendChild(el("strong", "", W.legend_status));
  Object.keys(D.statuses).forEach(function (s) {
    var b = el("span", "fynd-badge", D.statuses[s].badge);
    b.style.borderColor = D.statuses[s].color;
    b.style.color = D.statuses[s].color;
    legendRow(b, D.statuses[s].label);
  });

  // ------------------------------------------------------------------ titles (plain text)
  function findingTitle(id) {
    var f = F[id];
    var r = reportOf(f.report);
    return f.label + "\n" + D.types[f.type].label + " · " + r.id + " (" + r.year + ")";
  }
  function groupTitle(gid) {
    var g = D.groups[gid];
    return (D.themes[g.theme] || W.none) + "\n" + fmt("group", { count: g.members.length }) +
      " · " + W.group_hint;
  }
  nodes.update(nodes.get().map(function (n) {
    return { id: n.id, title: D.aggregated && D.groups[n.id] ? groupTitle(n.id) : findingTitle(n.id) };
  }));
  function noteOf(l) { return (l.notes && l.notes[D.lang]) || l.note; }
  function linkTitle(l) {
    var t = (D.kinds[l.kind] || l.kind) + " " + Number(l.score).toFixed(2) + ", " +
      (D.methods[l.method] || l.method);
    if (l.shared && l.shared.length) { t += "\n" + l.shared.join(", "); }
    if (l.note) { t += "\n" + noteOf(l); }
    return t;
  }
  var linkById = {};
  D.links.forEach(function (l) { linkById[l.id] = l; });
  // group edges (large graphs) are not links: they keep their count label as title
  edges.update(edges.get().filter(function (e) { return linkById[e.id]; }).map(function (e) {
    return { id: e.id, title: linkTitle(linkById[e.id]) };
  }));

  // ------------------------------------------------------------------ colours and dimming
  var base = {};
  function remember(n) { base[n.id] = { color: n.color, font: n.font || {} }; }
  nodes.get().forEach(remember);
  var edgeBase = {};
  edges.get().forEach(function (e) { edgeBase[e.id] = e.color; });
  var dimmed = false;
  function undim() {
    if (!dimmed) { return; }
    nodes.update(nodes.get().map(function (n) {
      return { id: n.id, color: base[n.id].color, font: base[n.id].font };
    }));
    edges.update(edges.get().map(function (e) { return { id: e.id, color: edgeBase[e.id] }; }));
    dimmed = false;
    dimSet = null;
  }
  function chainOf(id) {
    var seen = {}, todo = [id];
    seen[id] = true;
    while (todo.length) {
      var cur = todo.pop();
      (linksOf[cur] || []).forEach(function (l) {
        if (!LINEAGE[l.kind]) { return; }
        [l.from, l.to].forEach(function (o) { if (!seen[o]) { seen[o] = true; todo.push(o); } });
      });
    }
    return seen;
  }
  function highlight(id) {
    var chain = chainOf(id);
    nodes.update(nodes.get().map(function (n) {
      if (chain[n.id]) { return { id: n.id, color: base[n.id].color, font: base[n.id].font }; }
      return { id: n.id, color: { background: "#e6e6e6", border: "#d0d0d0" },
        font: Object.assign({}, base[n.id].font, { color: "#b8b8b8" }) };
    }));
    edges.update(edges.get().map(function (e) {
      var l = linkById[e.id];
      var on = l && chain[l.from] && chain[l.to];
      return { id: e.id, color: on ? edgeBase[e.id] : { color: "#e8e8e8", inherit: false } };
    }));
    dimmed = true;
    dimSet = chain;
  }

  // ------------------------------------------------------------------ side panel
  function clearPanel() {
    panel.textContent = "";
    panel.appendChild(el("p", "fynd-empty", W.panel_empty));
  }
  function field(name, value) {
    var p = el("p", "fynd-field");
    p.appendChild(el("span", "fynd-key", name + ": "));
    p.appendChild(el("span", "", value));
    panel.appendChild(p);
  }
  function show(id) {
    var f = F[id];
    var r = reportOf(f.report);
    panel.textContent = "";
    var h = el("h2", "fynd-label", f.label);
    h.id = "fynd-panel-label";
    panel.appendChild(h);
    var meta = el("p", "fynd-meta");
    var type = el("span", "fynd-type", D.types[f.type].label);
    type.style.background = D.types[f.type].color;
    meta.appendChild(type);
    if (f.status) {
      var st = el("span", "fynd-status", D.statuses[f.status].label);
      st.style.borderColor = D.statuses[f.status].color;
      st.style.color = D.statuses[f.status].color;
      meta.appendChild(st);
    }
    panel.appendChild(meta);
    field(W.panel_id, id);
    field(W.panel_report, r.id + " (" + r.year + ") " + r.title);
    field(W.panel_document, f.document + (f.restatedIn.length ? " · " + W.panel_restated + ": " +
      f.restatedIn.join(", ") : ""));
    if (f.section) { field(W.panel_section, f.section); }
    if (f.status === "dropped" && f.lastSeen) { field(W.last_seen, f.lastSeen); }
    if (f.themes.length) {
      field(W.panel_themes, f.themes.map(function (t) { return D.themes[t] || t; }).join(", "));
    }
    panel.appendChild(el("h3", "", W.panel_quote));
    f.quotes.forEach(function (q) {
      var b = el("blockquote", "fynd-quote", q[3]);
      panel.appendChild(b);
      panel.appendChild(el("p", "fynd-where", q[0] + " · " + fmt("panel_position", { start: q[1], end: q[2] })));
    });
    panel.appendChild(el("h3", "", W.panel_links));
    var mine = linksOf[id] || [];
    if (!mine.length) { panel.appendChild(el("p", "fynd-empty", W.panel_no_links)); }
    var list = el("ul", "fynd-links");
    mine.forEach(function (l) {
      var other = l.from === id ? l.to : l.from;
      var o = F[other];
      var li = el("li");
      var go = el("button", "fynd-go", (l.from === id ? "→ " : "← ") + other);
      go.title = o ? o.label : other;
      go.addEventListener("click", function () { focus(other); });
      li.appendChild(go);
      li.appendChild(el("span", "fynd-other", o ? " " + cut(o.label, 70) : ""));
      var how = (D.kinds[l.kind] || l.kind) + " " + Number(l.score).toFixed(2) + " · " +
        (D.methods[l.method] || l.method);
      li.appendChild(el("div", l.method === "curated" ? "fynd-how fynd-curated" : "fynd-how", how));
      if (l.shared && l.shared.length) {
        li.appendChild(el("div", "fynd-shared", W.shared + ": " + l.shared.join(", ")));
      }
      if (l.note) { li.appendChild(el("div", "fynd-note", W.note + ": " + noteOf(l))); }
      list.appendChild(li);
    });
    panel.appendChild(list);
  }
  // Fit nodes and the labels drawn to their right, below the column headings.
  function fitBox(ids, maxScale) {
    var pos = network.getPositions(ids);
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    Object.keys(pos).forEach(function (k) {
      minX = Math.min(minX, pos[k].x); maxX = Math.max(maxX, pos[k].x);
      minY = Math.min(minY, pos[k].y); maxY = Math.max(maxY, pos[k].y);
    });
    if (minX === Infinity) { return; }
    minX -= D.aggregated ? 200 : 30; maxX += D.aggregated ? 200 : 350; minY -= 60; maxY += 40;
    var box = document.getElementById("mynetwork").getBoundingClientRect();
    var head = 56;
    var s = Math.min((box.width - 20) / (maxX - minX), (box.height - head - 20) / (maxY - minY),
      maxScale || 1.2);
    network.moveTo({ position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 - head / 2 / s },
      scale: s, animation: false });
  }
  function focus(id) {
    if (!nodes.get(id) && F[id] && F[id].group) { expand(F[id].group); }
    if (!nodes.get(id)) { return; }
    network.selectNodes([id]);
    show(id);
    highlight(id);
    var chain = Object.keys(chainOf(id)).filter(function (n) { return nodes.get(n); });
    if (chain.length > 1) {
      fitBox(chain, 1);
    } else {
      network.focus(id, { scale: Math.max(network.getScale(), 0.7), animation: false });
    }
  }

  // ------------------------------------------------------------------ groups (large graphs)
  function styleFinding(id, x, y) {
    var f = F[id];
    var t = D.types[f.type];
    var border = f.status ? D.statuses[f.status].color : "#555555";
    return { id: id, x: x, y: y, shape: t.shape, size: 9, fixed: true,
      physics: false, borderWidth: 3, title: findingTitle(id),
      color: { background: t.color, border: border, highlight: { background: t.color, border: "#000000" } },
      font: { size: 14 } };
  }
  function expand(gid) {
    var g = D.groups[gid];
    if (!g || g.open) { return; }
    g.open = true;
    var shift = g.members.length * D.row;
    nodes.update(nodes.get({ filter: function (n) {
      return n.x >= g.x - 1 && n.x < g.x + D.column - 1 && n.y > g.y; } })
      .map(function (n) { return { id: n.id, y: n.y + shift }; }));
    var added = g.members.map(function (id, i) { return styleFinding(id, g.x, g.y + (i + 1) * D.row); });
    nodes.add(added);
    added.forEach(remember);
    var newEdges = [];
    g.members.forEach(function (id) {
      (linksOf[id] || []).forEach(function (l) {
        if (edges.get(l.id)) { return; }
        var a = nodes.get(l.from) ? l.from : (F[l.from] && F[l.from].group);
        var b = nodes.get(l.to) ? l.to : (F[l.to] && F[l.to].group);
        if (!a || !b || a === b) { return; }
        var dashed = l.kind !== "persists";
        var colour = l.method === "curated" ? "#8e24aa" : "#37474f";
        newEdges.push({ id: l.id, from: a, to: b, arrows: "to", dashes: dashed ? [8, 6] : false,
          hidden: !LINEAGE[l.kind] && !within.checked, title: linkTitle(l),
          color: { color: colour, inherit: false } });
      });
    });
    edges.add(newEdges);
    newEdges.forEach(function (e) { edgeBase[e.id] = e.color; });
    applyFilters();
    fitBox(g.members.slice(0, 25), 1);
  }

  // ------------------------------------------------------------------ filters and search
  var haystack = {};
  function matches(id, q) {
    if (!q) { return true; }
    if (haystack[id] === undefined) {
      var f = F[id];
      haystack[id] = (f.label + "\n" + f.quotes.map(function (x) { return x[3]; }).join("\n")).toLowerCase();
    }
    return haystack[id].indexOf(q) >= 0;
  }
  function passes(id, q) {
    var f = F[id];
    return (!selReport.value || f.report === selReport.value) &&
      (!selType.value || f.type === selType.value) &&
      (!selTheme.value || f.themes.indexOf(selTheme.value) >= 0) &&
      (!selStatus.value || f.status === selStatus.value) && matches(id, q);
  }
  function applyFilters() {
    var q = search.value.trim().toLowerCase();
    var shown = 0, total = Object.keys(F).length;
    var updates = [];
    nodes.get().forEach(function (n) {
      var ok;
      if (D.aggregated && D.groups[n.id]) {
        var g = D.groups[n.id];
        var k = g.members.filter(function (id) { return passes(id, q); }).length;
        ok = k > 0 && !g.open;
        if (!g.open) { shown += k; }
      } else {
        ok = passes(n.id, q);
        if (ok) { shown += 1; }
      }
      if (Boolean(n.hidden) === ok) { updates.push({ id: n.id, hidden: !ok }); }
    });
    nodes.update(updates);
    edges.update(edges.get().filter(function (e) {
      var l = linkById[e.id];
      return l && !LINEAGE[l.kind];
    }).map(function (e) { return { id: e.id, hidden: !within.checked }; }));
    count.textContent = fmt("shown", { shown: shown, total: total });
  }
  [selReport, selType, selTheme, selStatus, within].forEach(function (s) {
    s.addEventListener("change", applyFilters);
  });
  search.addEventListener("input", applyFilters);
  reset.addEventListener("click", function () {
    [selReport, selType, selTheme, selStatus].forEach(function (s) { s.value = ""; });
    search.value = "";
    within.checked = false;
    undim();
    network.unselectAll();
    clearPanel();
    applyFilters();
    fit();
  });

  // ------------------------------------------------------------------ clicks
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (D.aggregated && D.groups[id]) { expand(id); return; }
      show(id);
      highlight(id);
    } else {
      undim();
      clearPanel();
    }
  });

  // ------------------------------------------------------------------ column headings, lanes
  var heads = D.reports.map(function (r) {
    var h = el("div", "fynd-column");
    h.appendChild(el("strong", "", r.id + " · " + r.year));
    var t = el("span", "", r.title);
    h.title = r.title + " (" + r.issued + ")";
    h.appendChild(t);
    columns.appendChild(h);
    return h;
  });
  network.on("afterDrawing", function () {
    var scale = network.getScale();
    var width = Math.max(90, Math.min(380, D.column * scale - 10));
    D.reports.forEach(function (r, i) {
      var p = network.canvasToDOM({ x: r.x - 14, y: 0 });
      heads[i].style.left = p.x + "px";
      heads[i].style.width = width + "px";
    });
  });
  network.on("beforeDrawing", function (ctx) {
    if (!D.lanes.length || D.aggregated) { return; }
    var left = D.reports.length ? D.reports[0].x - 14 : 0;
    var right = D.reports.length ? D.reports[D.reports.length - 1].x + D.column - 30 : 0;
    ctx.save();
    D.lanes.forEach(function (lane) {
      ctx.strokeStyle = "#d7dde5";
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(left, lane.y - 24);
      ctx.lineTo(right, lane.y - 24);
      ctx.stroke();
      ctx.fillStyle = "#5f6b7a";
      ctx.font = "bold 22px system-ui, sans-serif";
      ctx.textAlign = "left";
      ctx.fillText(lane.label, left, lane.y - 34);
    });
    ctx.restore();
  });

  // Finding labels are drawn beside their nodes (one line each, cut to the column), with
  // the status badge first; canvas text is never markup.
  var LABEL_FONT = "15px system-ui, sans-serif";
  var labelText = {};
  var dimSet = null;
  function fitted(ctx, id) {
    if (labelText[id] === undefined) {
      var text = String(F[id].label).replace(/\s+/g, " ");
      if (ctx.measureText(text).width > 330) {
        var lo = 0, hi = text.length;
        while (lo < hi) {
          var mid = (lo + hi + 1) >> 1;
          if (ctx.measureText(text.slice(0, mid) + "…").width <= 330) { lo = mid; } else { hi = mid - 1; }
        }
        text = text.slice(0, lo).replace(/\s+\S*$/, "") + "…";
      }
      labelText[id] = text;
    }
    return labelText[id];
  }
  network.on("afterDrawing", function (ctx) {
    if (window.fynd) { window.fynd.drawn = true; }
    if (network.getScale() * 15 < 3) { return; }
    ctx.save();
    ctx.font = LABEL_FONT;
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";
    nodes.forEach(function (n) {
      var f = F[n.id];
      if (n.hidden || !f || (D.aggregated && D.groups[n.id])) { return; }
      var dim = dimSet && !dimSet[n.id];
      var x = n.x + 16;
      if (f.status) {
        ctx.font = "bold " + LABEL_FONT;
        ctx.fillStyle = dim ? "#c8c8c8" : D.statuses[f.status].color;
        ctx.fillText(D.statuses[f.status].badge, x, n.y);
        x += 14;
        ctx.font = LABEL_FONT;
      }
      var text = fitted(ctx, n.id);
      ctx.lineWidth = 4;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(text, x, n.y);
      ctx.fillStyle = dim ? "#b8b8b8" : "#1f2933";
      ctx.fillText(text, x, n.y);
    });
    ctx.restore();
  });

  // ------------------------------------------------------------------ tabs and pictures
  D.pictures.forEach(function (p) {
    var fig = el("figure");
    var img = el("img");
    img.src = p[1];
    img.alt = p[0];
    fig.appendChild(img);
    fig.appendChild(el("figcaption", "", p[0]));
    pictures.appendChild(fig);
  });
  if (!D.pictures.length) { pictures.appendChild(el("p", "", W.no_pictures)); }
  function showTab(graph) {
    tabGraph.className = graph ? "active" : "";
    tabPictures.className = graph ? "" : "active";
    graphBox.hidden = !graph;
    panel.hidden = !graph;
    pictures.hidden = graph;
    if (graph) { network.redraw(); }
  }
  tabGraph.addEventListener("click", function () { showTab(true); });
  tabPictures.addEventListener("click", function () { showTab(false); });

  // ------------------------------------------------------------------ start
  clearPanel();
  applyFilters();
  function fit() {
    network.setSize("100%", "100%");
    network.redraw();
    fitBox(nodes.getIds({ filter: function (n) { return !n.hidden; } }), 1.2);
  }
  fit();
  window.addEventListener("resize", fit);
  window.fynd = {
    visibleCount: function () { return nodes.get({ filter: function (n) { return !n.hidden; } }).length; },
    focus: focus,
    expand: expand,
    ready: true,
    drawn: false
  };
  network.redraw();
}());
