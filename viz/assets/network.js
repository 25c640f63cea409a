/* innograph network page: search, type filter, neighbour highlight, side panel, tooltips, 中文/English.
 * Every piece of graph text reaches the page through textContent, never as HTML. */
(function () {
  "use strict";

  var G = window.INNOGRAPH, P = G.page, M = P.meta;
  var DIM_FONT = "rgba(43,45,66,0.18)";
  var DIM_NODES_MAX = 400, DIM_EDGES_MAX = 1200;  // above these, highlighting is vis-network's selection only
  var UI = {
    zh: {connections: "连接", aliases: "别名", evidence: "证据", relations: "关系", centre: "以此为中心",
         details: "详情页", clickHint: "单击查看关系与证据", more: "另有 {n} 条证据", none: "无",
         layout: "正在布局…", doc: "文件", notFound: "未找到"},
    en: {connections: "connections", aliases: "aliases", evidence: "evidence", relations: "Relations",
         centre: "Centre the network here", details: "Details page", clickHint: "click for relations and evidence",
         more: "{n} more piece(s) of evidence", none: "none", layout: "Laying out…", doc: "document",
         notFound: "no match"}
  };
  var ATTR_NAMES = {
    zh: {value: "数值", unit: "单位", period: "期间", kind: "类别", year: "年份", qualifier: "限定",
         relation: "关系", role: "角色", note: "备注", action: "动作"},
    en: {}
  };

  var state = {lang: "zh", selected: null, hiddenTypes: {}, ready: false, readyMs: null,
               scriptMs: performance.now(), dataMs: null};
  var container = document.getElementById("network");
  var nodes = new vis.DataSet(G.nodes);
  var edges = new vis.DataSet(G.edges);
  var edgeIndex = {};        // vis edge id -> meta edge
  var incident = {};         // node id -> [vis edge id]
  G.edges.forEach(function (e) {
    var m = M.edges[Number(e.id.slice(1))];
    edgeIndex[e.id] = m;
    (incident[m.s] = incident[m.s] || []).push(e.id);
    (incident[m.t] = incident[m.t] || []).push(e.id);
  });
  var edgeLabels = G.edges.length > 0 && G.edges[0].label !== undefined;

  // ---- helpers ----------------------------------------------------------------

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function ui(key) { return UI[state.lang][key]; }
  function name(id, lang) {
    var n = M.nodes[id];
    if (!n) { return id; }
    lang = lang || state.lang;
    return (lang === "zh" ? (n.zh || n.en) : (n.en || n.zh)) || id;
  }
  function otherName(id) {
    var n = M.nodes[id], first = name(id), second = state.lang === "zh" ? n.en : n.zh;
    return second && second !== first ? second : "";
  }
  /* A name over 36 characters keeps its head and its tail, cut between words: "Beijing Economic-Technological
     … (BDA) Plan", not "Beijing Economic-Technological Deve…", which read as the zone itself. The centre keeps
     its whole name: it is what the page is about. */
  function label(id) {
    var text = name(id);
    if (text.length > 36 && id !== P.center) { text = shorten(text, 30, 14); }
    if (/[\u3400-\u9fff]/.test(text) && text.length <= 24 && text.indexOf("\n") < 0 && tooWide(id, text)) {
      return balanced(text);  // two even lines, not a full line and one character ("…重点支持项" / "目")
    }
    // a long hyphenated word breaks after its hyphen, not where the width runs out ("Technologica l")
    return text.replace(/([A-Za-z]{6,}-)([A-Za-z]{6,})/g, function (word, head, tail) {
      return word.length > 16 ? head + "\n" + tail : word;
    });
  }
  /* How many Chinese characters one line of a node's name holds: its width limit (the page's options:
     170 px, a zone 240, the centre 300) over its font size, which vis-network scales with the node's
     value from 13 to 24 px (linearly, as its default scaling does). */
  /* Whether a name runs past its line: its width at the node's font (vis-network scales the font with the
     node's value) against the node's width limit (170 px, a zone 240, the centre 300), plus the 14 px
     vis-network was seen to allow (a 14-character name at 13 px stays on one line). */
  var measurer = null;
  function tooWide(id, text) {
    var body = network && network.body && network.body.nodes[id];
    if (!body) { return false; }
    var width = ((body.options.widthConstraint || {}).maximum) || 170;
    var font = body.labelModule.fontOptions;
    measurer = measurer || document.createElement("canvas").getContext("2d");
    measurer.font = font.size + "px " + font.face;
    return measurer.measureText(text).width > width + 14;
  }
  /* A Chinese name that is too long for one line, in two lines of about equal length: vis-network fills
     the first line and left the last one or two characters alone ("怀柔科学城首批重点支持项" / "目").
     The break goes after a list mark (、，) or beside a quote near the middle when there is one, never
     inside a quoted term. */
  function balanced(text) {
    var middle = Math.ceil(text.length / 2);
    function fits(at) {  // a break after a list mark or a closing quote, or before an opening quote
      return at > 0 && at < text.length &&
        ("、，,”」".indexOf(text.charAt(at - 1)) >= 0 || "“「".indexOf(text.charAt(at)) >= 0);
    }
    function quoted(at) {  // inside “…”: a break there would split the quoted term (“三 / 城一区”)
      var before = text.slice(0, at);
      return before.lastIndexOf("“") > before.lastIndexOf("”");
    }
    for (var d = 0; d <= 4; d += 1) {
      if (fits(middle - d)) { return text.slice(0, middle - d) + "\n" + text.slice(middle - d); }
      if (fits(middle + d)) { return text.slice(0, middle + d) + "\n" + text.slice(middle + d); }
    }
    var at = middle;
    while (quoted(at) && at > 1) { at -= 1; }
    return text.slice(0, at) + "\n" + text.slice(at);
  }
  function shorten(text, headMax, tailMax) {
    var words = text.split(" ");
    if (words.length < 3) { return text.slice(0, headMax) + "…" + text.slice(text.length - tailMax); }
    var head = [], tail = [], i = 0, j = words.length - 1;
    while (i < j && (head.join(" ") + " " + words[i]).trim().length <= headMax) { head.push(words[i]); i += 1; }
    while (j >= i && (words[j] + " " + tail.join(" ")).trim().length <= tailMax) { tail.unshift(words[j]); j -= 1; }
    if (!head.length) { head = [words[0].slice(0, headMax)]; }
    var kept = head.join(" ") + " … " + tail.join(" ");
    return j < i || text.length - kept.length < 12 ? text : kept;  // a word or two saved: the whole name
  }
  function typeName(t) { var nt = M.nodeTypes[t]; return nt ? nt[state.lang] : t; }
  function attrName(k) {
    var names = (M.attrNames || {})[k];
    return names ? names[state.lang === "zh" ? 0 : 1] : (ATTR_NAMES[state.lang][k] || k);
  }
  function docTitle(docId) {
    var d = M.docs[docId];
    if (!d) { return docId; }
    return (state.lang === "zh" ? d[0] : d[1]) + (d[2] ? " (" + d[2] + ")" : "");
  }
  function normalise(text) {
    return String(text || "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function swatch(t) {
    var nt = M.nodeTypes[t] || {color: "#999"};
    var s = el("span", "chip");
    var dot = el("span");
    dot.style.cssText = "display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;background:" + nt.color;
    s.appendChild(dot);
    s.appendChild(document.createTextNode(typeName(t)));
    return s;
  }
  function attrsTable(pairs) {
    var table = el("table", "attrs");
    pairs.forEach(function (p) {
      var tr = el("tr");
      tr.appendChild(el("th", "", attrName(p[0])));
      tr.appendChild(el("td", "", state.lang === "en" && p.length > 2 ? p[2] : p[1]));  // [key, value, English]
      table.appendChild(tr);
    });
    return table;
  }
  /* "{s} 支持 {t}" with the two names as elements (buttons when `onPick` is given). */
  function phrase(m, onPick) {
    var et = M.edgeTypes[m.ty] || {};
    var template = (state.lang === "zh" ? et.pzh : et.pen) || "{s} " + m.ty + " {t}";
    var span = el("span", "phrase");
    template.split(/(\{s\}|\{t\})/).forEach(function (part) {
      if (part === "{s}" || part === "{t}") {
        var id = part === "{s}" ? m.s : m.t;
        var b;
        if (onPick) {
          b = el("button", "linkish", name(id));
          b.type = "button";
          b.addEventListener("click", function () { onPick(id); });
        } else {
          b = el("b", "", name(id));
        }
        span.appendChild(b);
      } else if (part) {
        span.appendChild(document.createTextNode(part));
      }
    });
    return span;
  }
  function evidence(ev) {
    var q = el("blockquote", "ev", ev[1]);
    q.appendChild(el("cite", "", "— " + docTitle(ev[0])));
    return q;
  }

  // ---- the network ------------------------------------------------------------

  var network = new vis.Network(container, {}, G.options);
  var status = document.getElementById("status");
  var progress = document.getElementById("progress");

  function markReady() {
    if (state.ready) { return; }
    state.ready = true;
    state.readyMs = performance.now();
    status.classList.add("done");
    document.body.setAttribute("data-ready", "1");
  }
  network.on("stabilizationProgress", function (p) {
    progress.textContent = Math.round(100 * p.iterations / p.total) + "%";
  });
  var settled = !P.physics || !G.nodes.length;  // nothing to stabilise: usable once drawn and labelled
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    settled = true;
    cullDirty = true;
    network.redraw();
  });

  // ---- labels by importance and zoom ------------------------------------------------
  /* Labels that would cover another label or another node are not drawn; the most important
     (the centre, the selected node and its neighbours, zones, then by connections, then relation
     names) are placed first, so zooming in shows more. Each label keeps its box current while
     hidden. Zoomed out, names keep a readable size (MIN_LABEL_PX) and fewer fit. This reads vis-network 9.1.2's node and label objects (body.nodes, labelModule.size);
     without them every label is drawn as before. */
  var MIN_LABEL_PX = 11;  // a node's name is drawn at least this large on screen, or not at all
  var GAP_X = 6, GAP_Y = 3;  // screen pixels kept clear between two names
  /* screen pixels a Chinese name's glyphs reach below the box vis-network measures for it (its height is the
     font size): counted, so a name is not placed a pixel above another name or a node (the whole graph is drawn
     without physics, network.py, and its nodes can sit that close) */
  var DESCENT = 2;
  var hiddenLabels = {}, cullDirty = true, culling = false;
  function tagLabels() {
    if (!network.body || !network.body.nodes) { return; }
    var proto = null;
    Object.keys(network.body.nodes).forEach(function (id) {
      var lm = network.body.nodes[id].labelModule;
      if (lm) { lm._igKey = "n" + id; proto = proto || Object.getPrototypeOf(lm); }
    });
    Object.keys(network.body.edges).forEach(function (id) {
      var lm = network.body.edges[id].labelModule;
      if (lm) { lm._igKey = "e" + id; }
    });
    if (!proto || typeof proto.draw !== "function" || typeof proto.calculateLabelSize !== "function") { return; }
    if (!proto._igWrapped) {
      var draw = proto.draw, measure = proto.calculateLabelSize;
      /* Run fn with a node label's font raised to MIN_LABEL_PX on screen (re-measured), then put back. */
      var boosted = function (label, fn) {
        var keep = label.fontOptions.size, floor = MIN_LABEL_PX / label.body.view.scale;
        var boost = culling && !label.isEdgeLabel && label._igKey && keep < floor;
        var wide = label.fontOptions.maxWdt, narrow = label.fontOptions.minWdt;
        if (boost) {  // the wrapping width grows with the font, so a name wraps as it does unzoomed
          label.fontOptions.size = floor;
          if (wide > 0) { label.fontOptions.maxWdt = wide * floor / keep; }
          if (narrow > 0) { label.fontOptions.minWdt = narrow * floor / keep; }
          label.labelDirty = true;
        }
        try { return fn(); } finally {
          if (boost) {
            label.fontOptions.size = keep;
            label.fontOptions.maxWdt = wide;
            label.fontOptions.minWdt = narrow;
            label.labelDirty = true;
          }
        }
      };
      /* A node label the culler moved off its default place (_igDx, _igDy: canvas units) is measured and drawn there. */
      proto.calculateLabelSize = function (ctx, selected, hover, x, y, baseline) {
        var self = this, args = Array.prototype.slice.call(arguments);
        if ((this._igDx || this._igDy) && !this._igInDraw && args.length > 4) {
          args[3] = (x || 0) + (this._igDx || 0);
          args[4] = (y || 0) + (this._igDy || 0);
        }
        return boosted(this, function () { return measure.apply(self, args); });
      };
      proto.draw = function (ctx, x, y, selected, hover, baseline) {
        var self = this, args = Array.prototype.slice.call(arguments);
        return boosted(this, function () {
          if (self._igKey && hiddenLabels[self._igKey]) {
            return self.calculateLabelSize(ctx, selected, hover, x, y, baseline || "middle");
          }
          if (self._igDx || self._igDy) { args[1] = x + (self._igDx || 0); args[2] = y + (self._igDy || 0); }
          self._igInDraw = true;  // draw() measures again at the y it was given: do not move it twice
          try { return draw.apply(self, args); } finally { self._igInDraw = false; }
        });
      };
      proto._igWrapped = true;
    }
    culling = true;
  }
  /* After the zones, the centre's own ties are named before the rest of its neighbourhood, and the report's
     author (P.context) after everything: in the Huairou view on its zone page the zone's first supporter
     (怀柔科学城发展战略专家组) went unnamed while the commission was named, the tie broken by id. */
  var contextIds = {};
  (P.context || []).forEach(function (id) { contextIds[id] = true; });
  function importance(id, near, ties) {
    var n = M.nodes[id];
    return (id === P.center ? 4e9 : 0) + (id === state.selected ? 2e9 : 0) + (near[id] ? 1e9 : 0) +
           (n.t === "Zone" ? 1e6 : 0) + (ties[id] ? 1e5 : 0) - (contextIds[id] ? 2e6 : 0) + n.d;
  }
  function drawable(lm, scale) {
    if (!lm || lm.elementOptions.label === undefined || !lm.elementOptions.label) { return false; }
    var onScreen = lm.fontOptions.size * scale;
    if (!lm.isEdgeLabel) { onScreen = Math.max(onScreen, MIN_LABEL_PX); }
    if (onScreen < lm.elementOptions.scaling.label.drawThreshold - 1) { return false; }
    return lm.size && lm.size.width > 0 && lm.size.height > 0;
  }
  function cull() {
    /* Two names closer than GAP_X / GAP_Y screen pixels read as one ("空间科学物质科学"): keep them apart. */
    var scale = network.getScale(), padX = GAP_X / scale, padY = GAP_Y / scale, pad = 2 / scale, descent = DESCENT / scale;
    var body = network.body, hidden = {}, placed = [], bodies = [];
    var flipped = false;
    var near = state.selected ? neighbourhood(state.selected) : {};
    var centreTies = P.center && M.nodes[P.center] ? neighbourhood(P.center) : {};
    var ids = Object.keys(body.nodes).filter(function (id) { return M.nodes[id] && !body.nodes[id].options.hidden; });
    ids.forEach(function (id) {
      var n = body.nodes[id], r = n.options.size || 10;
      bodies.push([n.x - r, n.y - r, n.x + r, n.y + r, id]);
    });
    /* A name that would run past the canvas's edge is cut there ("uairou Science City" on a phone): it is
       placed on another side of its node, or not drawn, like a name that would cover another. */
    var wrap = network.canvas && network.canvas.frame ? network.canvas.frame.canvas : null;
    var tl = wrap ? network.DOMtoCanvas({x: 0, y: 0}) : null;
    var br = wrap ? network.DOMtoCanvas({x: wrap.clientWidth, y: wrap.clientHeight}) : null;
    function hits(box, own) {
      var i, b;
      if (tl && br && (box[0] < tl.x || box[1] < tl.y || box[2] > br.x || box[3] > br.y)) { return true; }
      for (i = 0; i < placed.length; i++) {
        b = placed[i];
        if (box[0] < b[2] + padX && b[0] < box[2] + padX && box[1] < b[3] + padY && b[1] < box[3] + padY) { return true; }
      }
      for (i = 0; i < bodies.length; i++) {
        b = bodies[i];
        if (b[4] !== own && box[0] < b[2] + pad && b[0] < box[2] + pad && box[1] < b[3] + pad && b[1] < box[3] + pad) { return true; }
      }
      return false;
    }
    /* Below the node if there is room, else above, right or left of it (node labels), else not at all. */
    function place(key, lm, own, node) {
      if (!drawable(lm, scale)) { return; }
      var top = lm.size.top - (lm._igDy || 0), left = lm.size.left - (lm._igDx || 0);
      var w = lm.size.width, h = lm.size.height, gap = 4 / scale, shifts = [[0, 0]];
      if (node) {  // measured from where the label is drawn by default, so any shape's offset is kept
        var r = node.options.size || 10, centre = left + w / 2, middle = node.y - h / 2 - top;
        shifts.push([node.x - centre, node.y - r - gap - h - descent - top],
                    [node.x + r + gap + w / 2 - centre, middle], [node.x - r - gap - w / 2 - centre, middle]);
        if (M.nodes[own] && (M.nodes[own].t === "Zone" || centreTies[own])) {  // a zone's name, or a tie of the centre, is worth a corner: four more places
          var below = shifts[0][1], above = shifts[1][1], side = r + gap + w / 2;
          shifts.push([node.x + side - centre, below], [node.x - side - centre, below],
                      [node.x + side - centre, above], [node.x - side - centre, above]);
        }
      }
      for (var i = 0; i < shifts.length; i++) {
        var box = [left + shifts[i][0], top + shifts[i][1], left + shifts[i][0] + w, top + shifts[i][1] + h + descent];
        if (!hits(box, own)) { placed.push(box); moved[key] = shifts[i]; return; }
      }
      hidden[key] = true;
    }
    var moved = {};
    ids.sort(function (a, b) { return importance(b, near, centreTies) - importance(a, near, centreTies) || (a < b ? -1 : 1); });
    ids.forEach(function (id) { place("n" + id, body.nodes[id].labelModule, id, body.nodes[id]); });
    ids.forEach(function (id) {
      var lm = body.nodes[id].labelModule, shift = moved["n" + id] || [0, 0];
      if (lm && ((lm._igDx || 0) !== shift[0] || (lm._igDy || 0) !== shift[1])) {
        lm._igDx = shift[0];
        lm._igDy = shift[1];
        flipped = true;
      }
    });
    if (edgeLabels) {
      var mine = {};
      (incident[state.selected] || []).forEach(function (eid) { mine[eid] = true; });
      Object.keys(body.edges).sort(function (a, b) { return (mine[b] ? 1 : 0) - (mine[a] ? 1 : 0) || (a < b ? -1 : 1); })
        .forEach(function (eid) {
          var e = body.edges[eid];
          if (e.options.hidden || !e.from || !e.to || e.from.options.hidden || e.to.options.hidden) { return; }
          place("e" + eid, e.labelModule, null, null);
        });
    }
    var changed = flipped || Object.keys(hidden).length !== Object.keys(hiddenLabels).length ||
                  Object.keys(hidden).some(function (k) { return !hiddenLabels[k]; });
    hiddenLabels = hidden;
    return changed;
  }
  function labelStats() {
    var total = 0;
    Object.keys(network.body.nodes).forEach(function (id) { if (!network.body.nodes[id].options.hidden) { total++; } });
    var hiddenNodes = Object.keys(hiddenLabels).filter(function (k) { return k.charAt(0) === "n"; }).length;
    return {nodes: total, hiddenNodeLabels: hiddenNodes, hiddenEdgeLabels: Object.keys(hiddenLabels).length - hiddenNodes};
  }
  var culledView = null;
  function viewKey() { var p = network.getViewPosition(); return network.getScale() + " " + p.x + " " + p.y; }
  network.on("afterDrawing", function () {
    if (viewKey() !== culledView) { cullDirty = true; }  // however the zoom or the place changed: edges moved
    if (culling && cullDirty && settled) {
      cullDirty = false;
      culledView = viewKey();
      if (cull()) { network.redraw(); return; }
    }
    if (settled && !state.ready) { markReady(); }
  });
  function relabel() { cullDirty = true; network.redraw(); }
  network.on("zoom", function () { cullDirty = true; });
  network.on("dragEnd", relabel);

  // ---- the view: centred on the centre, the selected node clear of the side panel -----

  /* Show every node with the centre in the middle of the canvas (pages without a centre: fit). */
  function home(animate) {
    var anim = animate ? {duration: 400, easingFunction: "easeInOutQuad"} : false;
    var pos = network.getPositions(), c = P.centred && P.center ? pos[P.center] : null;
    if (!c) { network.fit({animation: anim}); cullDirty = true; return; }
    var dx = 1, dy = 1;
    Object.keys(pos).forEach(function (id) {
      dx = Math.max(dx, Math.abs(pos[id].x - c.x));
      dy = Math.max(dy, Math.abs(pos[id].y - c.y));
    });
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    var scale = Math.min((w / 2 - 20) / (dx + 90), (h / 2 - 20) / (dy + 60), 1.5);
    network.moveTo({position: c, scale: Math.max(scale, 0.05), animation: anim});
    cullDirty = true;
  }
  /* The part of the canvas the side panel does not cover, in the canvas element's pixels. */
  function clearArea() {
    var w = container.clientWidth, h = container.clientHeight, right = w;
    if (!panel.hidden) {
      var cr = container.getBoundingClientRect(), pr = panel.getBoundingClientRect();
      right = Math.max(120, Math.min(w, pr.left - cr.left));
    }
    return {left: 0, top: 0, right: right, bottom: h};
  }
  /* Pan (same zoom) so `id` sits in the middle of the clear area, when it is not well inside it. */
  function keepVisible(id, always, scale) {
    var p = network.getPositions([id])[id];
    if (!p) { return; }
    var a = clearArea(), d = network.canvasToDOM(p), m = 40;
    scale = scale || network.getScale();
    if (!always && scale === network.getScale() && d.x >= a.left + m && d.x <= a.right - m &&
        d.y >= a.top + m && d.y <= a.bottom - m) { return; }
    var w = container.clientWidth, h = container.clientHeight;
    var tx = (a.left + a.right) / 2, ty = (a.top + a.bottom) / 2;
    network.moveTo({position: {x: p.x + (w / 2 - tx) / scale, y: p.y + (h / 2 - ty) / scale}, scale: scale,
                    animation: {duration: 350, easingFunction: "easeInOutQuad"}});
    cullDirty = true;
  }

  network.setData({nodes: nodes, edges: edges});
  tagLabels();
  if (!P.physics) { home(false); }
  state.dataMs = performance.now();

  // ---- highlight neighbours -------------------------------------------------------

  function neighbourhood(id) {
    var near = {};
    near[id] = true;
    (incident[id] || []).forEach(function (eid) {
      var m = edgeIndex[eid];
      near[m.s] = true;
      near[m.t] = true;
    });
    return near;
  }
  function fontOf(id) { return M.nodeTypes[M.nodes[id].t].font; }
  /* The node and its edges are selected (vis draws them highlighted). On pages small enough for the
     DataSet updates to be quick, everything else is dimmed as well; only changed items are updated. */
  var canDim = G.nodes.length <= DIM_NODES_MAX && G.edges.length <= DIM_EDGES_MAX;
  var dimmedNodes = {}, dimmedEdges = {};
  function highlight(id) {
    network.selectNodes([id], true);
    cullDirty = true;
    if (!canDim) { return; }
    var near = neighbourhood(id), mine = {}, nodeUpdates = [], edgeUpdates = [];
    (incident[id] || []).forEach(function (eid) { mine[eid] = true; });
    nodes.getIds().forEach(function (nid) {
      var dim = !near[nid];
      if (dim !== !!dimmedNodes[nid]) {
        nodeUpdates.push(dim ? {id: nid, opacity: 0.2, font: {color: DIM_FONT}} : {id: nid, opacity: 1, font: {color: fontOf(nid)}});
        if (dim) { dimmedNodes[nid] = true; } else { delete dimmedNodes[nid]; }
      }
    });
    edges.getIds().forEach(function (eid) {
      var dim = !mine[eid];
      if (dim !== !!dimmedEdges[eid]) {
        edgeUpdates.push({id: eid, color: {opacity: dim ? 0.12 : 1}});
        if (dim) { dimmedEdges[eid] = true; } else { delete dimmedEdges[eid]; }
      }
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
  }
  function clearHighlight() {
    nodes.update(Object.keys(dimmedNodes).map(function (nid) { return {id: nid, opacity: 1, font: {color: fontOf(nid)}}; }));
    edges.update(Object.keys(dimmedEdges).map(function (eid) { return {id: eid, color: {opacity: 1}}; }));
    dimmedNodes = {};
    dimmedEdges = {};
    cullDirty = true;
  }

  // ---- side panel ---------------------------------------------------------------

  var panel = document.getElementById("panel"), panelBody = document.getElementById("panel-body");
  function nodeHref(path, id) {
    var zone = M.nodes[id] && M.nodes[id].t === "Zone";  // a zone's details are its zone page
    var q = path === "view" ? "/view?center=" + encodeURIComponent(id) + (P.depth ? "&depth=" + P.depth : "")
                            : (zone ? "/zones/" : "/nodes/") + encodeURIComponent(id);
    return q;
  }
  function showNodePanel(id) {
    var n = M.nodes[id];
    panelBody.textContent = "";
    panelBody.appendChild(el("h2", "", name(id)));
    var other = otherName(id);
    if (other) { panelBody.appendChild(el("p", "other", other)); }
    panelBody.appendChild(swatch(n.t));
    if (n.al && n.al.length) {
      panelBody.appendChild(el("p", "muted", ui("aliases") + ": " + n.al.join("、")));
    }
    if (n.at.length) { panelBody.appendChild(attrsTable(n.at)); }
    var links = el("p", "links");
    var a1 = el("a", "centre-link", ui("centre"));
    a1.href = nodeHref("view", id);
    var a2 = el("a", "detail-link", ui("details"));
    a2.href = nodeHref("nodes", id);
    if (P.embed) { a1.target = "_top"; a2.target = "_top"; }
    if (window.location.protocol === "file:") {  // a saved page: its links work where it is served
      a1.title = a2.title = state.lang === "zh" ? "在 innograph 服务器上打开" : "opens on the innograph server";
    }
    links.appendChild(a1);
    links.appendChild(a2);
    panelBody.appendChild(links);
    var ids = incident[id] || [];
    panelBody.appendChild(el("h3", "", ui("relations") + " (" + ids.length + ")"));
    var list = el("ul", "rels");
    ids.forEach(function (eid) { list.appendChild(edgeItem(edgeIndex[eid], true)); });
    panelBody.appendChild(list);
    panel.hidden = false;
  }
  function edgeItem(m, pick) {
    var li = el("li");
    li.appendChild(phrase(m, pick ? focusNode : null));
    if (m.at.length) { li.appendChild(attrsTable(m.at)); }
    m.ev.forEach(function (ev) { li.appendChild(evidence(ev)); });
    return li;
  }
  function showEdgePanel(eid) {
    panelBody.textContent = "";
    var m = edgeIndex[eid], et = M.edgeTypes[m.ty] || {};
    panelBody.appendChild(el("h2", "", et[state.lang] || m.ty));
    var list = el("ul", "rels");
    list.appendChild(edgeItem(m, true));
    panelBody.appendChild(list);
    panel.hidden = false;
  }
  function closePanel() {
    panel.hidden = true;
    state.selected = null;
    state.selectedEdge = null;
    clearHighlight();
    network.unselectAll();
  }
  document.getElementById("panel-close").addEventListener("click", closePanel);

  function select(id) {
    state.selected = id;
    state.selectedEdge = null;
    highlight(id);
    showNodePanel(id);
    keepVisible(id, false);
  }
  function focusNode(id) {
    var n = M.nodes[id];
    if (!n) { return; }
    if (state.hiddenTypes[n.t]) { setTypeVisible(n.t, true); }
    select(id);
    keepVisible(id, true, Math.max(network.getScale(), 1.1));
  }

  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) {
      select(p.nodes[0]);
    } else if (p.edges.length) {
      clearHighlight();
      state.selected = null;
      state.selectedEdge = p.edges[0];
      showEdgePanel(p.edges[0]);
    } else {
      closePanel();
    }
  });

  // ---- tooltips -------------------------------------------------------------------

  var tip = document.getElementById("tip");
  function placeTip(p) {
    var box = container.getBoundingClientRect(), x = box.left + p.pointer.DOM.x + 14, y = box.top + p.pointer.DOM.y + 14;
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 4) { x = Math.max(4, x - w - 28); }
    if (y + h > window.innerHeight - 4) { y = Math.max(4, y - h - 28); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }
  function nodeTip(id) {
    var n = M.nodes[id];
    tip.textContent = "";
    tip.appendChild(el("div", "name", name(id)));
    var other = otherName(id);
    if (other) { tip.appendChild(el("div", "sub", other)); }
    tip.appendChild(swatch(n.t));
    if (n.al && n.al.length) { tip.appendChild(el("div", "sub", ui("aliases") + ": " + n.al.join("、"))); }
    if (n.at.length) { tip.appendChild(attrsTable(n.at)); }
    tip.appendChild(el("div", "sub", n.d + " " + ui("connections") + " · " + ui("clickHint")));
  }
  function edgeTip(eid) {
    var m = edgeIndex[eid];
    tip.textContent = "";
    tip.appendChild(phrase(m, null));
    if (m.at.length) { tip.appendChild(attrsTable(m.at)); }
    m.ev.slice(0, 2).forEach(function (ev) { tip.appendChild(evidence(ev)); });
    if (m.ev.length > 2) { tip.appendChild(el("div", "sub", ui("more").replace("{n}", m.ev.length - 2))); }
  }
  network.on("hoverNode", function (p) { nodeTip(p.node); placeTip(p); });
  network.on("hoverEdge", function (p) { edgeTip(p.edge); placeTip(p); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ---- type filter ----------------------------------------------------------------

  var byType = {};
  Object.keys(M.nodes).forEach(function (id) { (byType[M.nodes[id].t] = byType[M.nodes[id].t] || []).push(id); });
  function setTypeVisible(t, visible) {
    state.hiddenTypes[t] = !visible;
    var box = document.querySelector('#legend input[data-type="' + t + '"]');
    if (box) { box.checked = visible; }
    nodes.update((byType[t] || []).map(function (id) { return {id: id, hidden: !visible}; }));
    if (!visible && state.selected && M.nodes[state.selected].t === t) { closePanel(); }
    relabel();
  }
  Array.prototype.forEach.call(document.querySelectorAll("#legend input[data-type]"), function (box) {
    box.addEventListener("change", function () { setTypeVisible(box.getAttribute("data-type"), box.checked); });
  });

  // ---- search -----------------------------------------------------------------------

  var input = document.getElementById("search"), results = document.getElementById("search-results");
  var activeIndex = 0, current = [];
  function search(text) {
    var q = normalise(text);
    if (!q) { return []; }
    var hits = [];
    Object.keys(M.nodes).forEach(function (id) {
      var n = M.nodes[id], best = 9;
      for (var i = 0; i < n.k.length; i++) {
        var k = n.k[i];
        var score = k === q ? 0 : k.indexOf(q) === 0 ? 1 : k.indexOf(q) > 0 ? 2 : 9;
        if (score < best) { best = score; }
      }
      if (best < 9) { hits.push([best, -n.d, name(id).length, id]); }
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : 1); });
    return hits.slice(0, 12).map(function (h) { return h[3]; });
  }
  function showResults() {
    current = search(input.value);
    activeIndex = 0;
    results.textContent = "";
    if (!normalise(input.value)) { results.hidden = true; return; }
    if (!current.length) {
      results.appendChild(el("li", "muted", ui("notFound")));
    }
    current.forEach(function (id, i) {
      var li = el("li", i === activeIndex ? "active" : "");
      li.setAttribute("role", "option");
      li.setAttribute("data-id", id);
      li.appendChild(swatch(M.nodes[id].t));
      li.appendChild(el("span", "", name(id)));
      var other = otherName(id);
      if (other) { li.appendChild(el("span", "sub", other)); }
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(id); });
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function pick(id) {
    results.hidden = true;
    input.value = name(id);
    focusNode(id);
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault();
      current = search(input.value);
      if (current.length) { pick(current[Math.min(activeIndex, current.length - 1)]); }
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!current.length) { return; }
      activeIndex = (activeIndex + (ev.key === "ArrowDown" ? 1 : current.length - 1)) % current.length;
      Array.prototype.forEach.call(results.children, function (li, i) { li.className = i === activeIndex ? "active" : ""; });
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });
  document.getElementById("fit").addEventListener("click", function () { home(true); });

  // ---- language ---------------------------------------------------------------------

  function setLang(lang) {
    if (lang !== "zh" && lang !== "en") { return; }
    state.lang = lang;
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.body.classList.remove("lang-zh", "lang-en");
    document.body.classList.add("lang-" + lang);
    input.placeholder = input.getAttribute("data-placeholder-" + lang);
    nodes.update(nodes.getIds().map(function (id) { return {id: id, label: label(id)}; }));
    if (edgeLabels) {
      edges.update(edges.getIds().map(function (eid) {
        var et = M.edgeTypes[edgeIndex[eid].ty];
        return {id: eid, label: et ? et[lang] : edgeIndex[eid].ty};
      }));
    }
    document.title = (P.center ? name(P.center, lang) + " — " : "") + "innograph";
    relabel();
    if (!panel.hidden && state.selected) { showNodePanel(state.selected); }
    if (!panel.hidden && state.selectedEdge) { showEdgePanel(state.selectedEdge); }
    if (!results.hidden) { showResults(); }
    try { window.localStorage.setItem("innograph.lang", lang); } catch (e) { /* file pages may refuse */ }
  }
  document.getElementById("lang").addEventListener("click", function () {
    setLang(state.lang === "zh" ? "en" : "zh");
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== input) { ev.preventDefault(); input.focus(); }
  });

  var wanted = new URLSearchParams(window.location.search).get("lang");
  var addressed = wanted === "zh";  // chosen in the address: remembered, as an English one is (session 17)
  if (!wanted) {
    try { wanted = window.localStorage.getItem("innograph.lang"); } catch (e) { wanted = null; }
  }
  if (wanted === "en") {
    setLang("en");
  } else {  // the labels the page was written with are the plain names: lay them out as label() does
    nodes.update(nodes.getIds().map(function (id) { return {id: id, label: label(id)}; }));
    if (addressed) {
      try { window.localStorage.setItem("innograph.lang", "zh"); } catch (e) { /* file pages may refuse */ }
    }
  }

  window.innograph = {network: network, nodes: nodes, edges: edges, state: state, meta: M,
                      focusNode: focusNode, setLang: setLang, search: search, setTypeVisible: setTypeVisible,
                      home: home, clearArea: clearArea, labelStats: labelStats,
                      hiddenLabels: function () { return hiddenLabels; }};
})();
