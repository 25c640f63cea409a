/* innograph /upload: preview a report (POST /api/v1/sources/preview), uncheck what is wrong, load the rest
   (POST /api/v1/sources with the report and the review: the preview's `review` less the unchecked items).
   The admin token lives in sessionStorage only: never in the address, a cookie or localStorage.
   Every text from the server goes in through textContent, never as HTML. */
(function () {
  "use strict";
  var cfg = window.innographUpload;
  var TOKEN_KEY = "innograph.adminToken";
  var form = document.getElementById("upload-form");
  var tokenInput = document.getElementById("token");
  var fileInput = document.getElementById("file");
  var message = document.getElementById("message");
  var out = document.getElementById("preview-out");
  var result = document.getElementById("result");
  var loadButton = document.getElementById("load");
  var previewButton = document.getElementById("preview");
  var current = null; /* {file: File, preview: the preview's JSON} */

  try { tokenInput.value = window.sessionStorage.getItem(TOKEN_KEY) || ""; } catch (e) { /* storage refused */ }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function both(zh, en) { /* a text in the two languages, as the page's other texts */
    var f = document.createDocumentFragment();
    f.appendChild(el("span", "zh", zh));
    f.appendChild(el("span", "en", en));
    return f;
  }
  function typeName(map, t) { return map[t] || {zh: t, en: t}; }
  function pageHref(id, type) { return (type === "Zone" ? "/zones/" : "/nodes/") + encodeURIComponent(id); }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  /* ---- messages: every failure in words ---------------------------------------------------- */
  function say(kind, zh, en, detail, suggestions) {
    clear(message);
    message.className = "upload-message " + kind;
    var head = el("p", "head");
    head.appendChild(both(zh, en));
    message.appendChild(head);
    if (detail) { message.appendChild(el("p", "detail", detail)); }
    if (suggestions && suggestions.length) {
      var ul = el("ul");
      suggestions.forEach(function (s) { ul.appendChild(el("li", "", s)); });
      message.appendChild(ul);
    }
    message.hidden = false;
    /* Load is at the foot of a long preview and the message at the top: bring it into sight */
    if (kind !== "info" && message.scrollIntoView) { message.scrollIntoView({block: "nearest"}); }
  }
  function quiet() { message.hidden = true; clear(message); }

  function explain(status, body, loading) {
    var err = (body && body.error) || {};
    var detail = err.message || "";
    var tips = err.suggestions || [];
    if (status === 401) {
      say("bad", "请先填写管理令牌。", "Enter the admin token first.");
    } else if (status === 403) {
      say("bad", "管理令牌不对：这不是本服务器的管理令牌。", "The admin token is wrong: it is not this server's admin token.");
    } else if (status === 404) {
      say("bad", "本服务器现在不接受上传（管理令牌已取消）。请重新打开本页。",
          "This server no longer takes uploads (its admin token was removed). Open this page again.");
    } else if (status === 413 && loading) { /* the report and the chosen relations travel together */
      say("bad", "报告连同所选的关系超过了上限 " + cfg.limit_text + "：请少选一些关系，或把报告分成几个文件。",
          "The report with the chosen relations is over the limit of " + cfg.limit_text +
          ": choose fewer relations, or split the report into several files.");
    } else if (status === 413) {
      say("bad", "文件太大：上限是 " + cfg.limit_text + "。", "The file is too large: the limit is " + cfg.limit_text + ".");
    } else if (status === 422) {
      say("bad", "无法载入这个文件：", "This file cannot be loaded:", detail, tips);
    } else if (status === 504 || status === 503) {
      say("bad", "服务器暂时无法处理，请稍后再试。", "The server cannot do it now; try again in a moment.", detail);
    } else {
      say("bad", "服务器出错了（" + status + "）。", "The server failed (" + status + ").", detail);
    }
  }

  function send(path, data, done) {
    var token = tokenInput.value.trim();
    try { window.sessionStorage.setItem(TOKEN_KEY, token); } catch (e) { /* storage refused */ }
    var headers = {};
    if (token) { headers.Authorization = "Bearer " + token; }
    return window.fetch(cfg.api + path, {method: "POST", body: data, headers: headers, credentials: "omit"})
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (response.ok && body) { done(body); } else { explain(response.status, body, path === "/sources"); }
        });
      })
      .catch(function () {
        say("bad", "连不上服务器。", "Cannot reach the server.");
      });
  }
  function busy(button, on) { button.disabled = on; document.body.classList.toggle("busy", on); }

  /* ---- preview ------------------------------------------------------------------------------ */
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var file = fileInput.files[0];
    if (!file) { say("bad", "请选择一个报告文件。", "Choose a report file."); return; }
    if (file.size > cfg.limit) {
      say("bad", "文件太大：上限是 " + cfg.limit_text + "。", "The file is too large: the limit is " + cfg.limit_text + ".");
      return;
    }
    quiet();
    out.hidden = true;
    result.hidden = true;
    say("info", "正在读取 " + file.name + " …", "Reading " + file.name + " …");
    var data = new FormData();
    data.append("file", file, file.name);
    busy(previewButton, true);
    send("/sources/preview", data, function (preview) {
      quiet();
      current = {file: file, preview: preview};
      show(preview);
    }).then(function () { busy(previewButton, false); });
  });
  fileInput.addEventListener("change", function () { out.hidden = true; current = null; });

  function show(p) {
    var d = p.document;
    var title = document.getElementById("doc-title");
    clear(title);
    title.appendChild(document.createTextNode(d.title || p.file));
    var meta = document.getElementById("doc-meta");
    clear(meta);
    meta.appendChild(both("发布单位：" + (d.publisher || "未找到") + "　年份：" + (d.year || "未找到") +
                          "　文件：" + p.file + "（" + p.encoding + "）",
                          "Publisher: " + (d.publisher || "not found") + " · Year: " + (d.year || "not found") +
                          " · File: " + p.file + " (" + p.encoding + ")"));
    var note = document.getElementById("doc-note");
    clear(note);
    note.hidden = !p.already_loaded;
    if (p.already_loaded) {
      note.appendChild(both("图谱中已有这份报告（" + p.already_loaded + "）：再次载入只增加其中新的内容，不会重复。",
                            "The graph already holds this report (" + p.already_loaded + "): loading it again " +
                            "adds only what is new in it, nothing twice."));
    }
    var names = {};
    p.nodes.forEach(function (n) { names[n.id] = n; });
    fillRelations(p, names);
    fillNodes(p);
    sync();
    out.hidden = false;
  }

  function sentence(r) { /* the sentence with its two names marked */
    var q = el("q");
    var text = r.sentence;
    var marks = [r.source_name, r.target_name].map(function (n) {
      return {name: n, at: text.indexOf(n)};
    }).filter(function (m) { return m.name && m.at >= 0; }).sort(function (a, b) { return a.at - b.at; });
    var pos = 0;
    marks.forEach(function (m) {
      if (m.at < pos) { return; }
      q.appendChild(document.createTextNode(text.slice(pos, m.at)));
      q.appendChild(el("mark", "", m.name));
      pos = m.at + m.name.length;
    });
    q.appendChild(document.createTextNode(text.slice(pos)));
    return q;
  }

  function fillRelations(p, names) {
    var body = document.querySelector("#relations tbody");
    clear(body);
    p.relations.forEach(function (r) {
      var tr = el("tr", r.low ? "low" : "");
      tr.dataset.index = r.index;
      tr.dataset.source = r.source;
      tr.dataset.type = r.type;
      tr.dataset.target = r.target;
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.className = "rel";
      box.setAttribute("aria-label", r.source_name + " " + r.type + " " + r.target_name);
      box.addEventListener("change", sync);
      var td = el("td");
      td.appendChild(box);
      tr.appendChild(td);
      var et = typeName(cfg.edge_types, r.type);
      var phrase = el("td", "phrase");
      phrase.appendChild(nameLink(names[r.source], r.source_name));
      phrase.appendChild(document.createTextNode(" — "));
      phrase.appendChild(both(et.zh, et.en));
      phrase.appendChild(document.createTextNode(" → "));
      phrase.appendChild(nameLink(names[r.target], r.target_name));
      tr.appendChild(phrase);
      var sure = el("td", "num");
      sure.appendChild(document.createTextNode(r.confidence.toFixed(2)));
      if (r.low) {
        sure.appendChild(el("br"));
        var flag = el("span", "low-flag");
        flag.appendChild(both("把握低", "less sure"));
        sure.appendChild(flag);
      }
      tr.appendChild(sure);
      var said = el("td", "sentence");
      said.appendChild(sentence(r));
      tr.appendChild(said);
      body.appendChild(tr);
    });
    document.getElementById("rel-count").textContent = "(" + p.relations.length + ")";
  }
  function nameLink(n, text) { /* a name the graph holds opens its page (in a new tab); a new one, its row below */
    var a = el("a", "", text);
    if (n && !n.new) {
      a.href = pageHref(n.id, n.type);
      a.target = "_blank";
    } else if (n) {
      a.href = "#" + encodeURIComponent(n.id);
    }
    return a;
  }

  function fillNodes(p) {
    var body = document.querySelector("#nodes tbody");
    clear(body);
    p.nodes.forEach(function (n) {
      var tr = el("tr", n.low ? "low" : "");
      tr.dataset.id = n.id;
      tr.id = n.id;
      var td = el("td");
      if (n.new) {
        var box = el("input");
        box.type = "checkbox";
        box.checked = true;
        box.className = "node";
        box.setAttribute("aria-label", n.name_zh);
        box.addEventListener("change", sync);
        td.appendChild(box);
      }
      tr.appendChild(td);
      var name = el("td");
      if (n.new) { name.appendChild(document.createTextNode(n.name_zh)); } else {
        var a = el("a");
        a.appendChild(both(n.name_zh, n.name_en || n.name_zh));
        a.href = pageHref(n.id, n.type);
        a.target = "_blank";
        name.appendChild(a);
      }
      tr.appendChild(name);
      var t = typeName(cfg.node_types, n.type);
      var type = el("td");
      type.appendChild(both(t.zh, t.en));
      tr.appendChild(type);
      var status = el("td");
      if (n.new) {
        status.appendChild(both("新，把握 " + n.confidence.toFixed(2), "new, " + n.confidence.toFixed(2) + " sure"));
        if (n.low) {
          var flag = el("span", "low-flag");
          flag.appendChild(both(" 把握低", " less sure"));
          status.appendChild(flag);
        }
      } else {
        status.appendChild(both("图谱中已有", "in the graph"));
      }
      tr.appendChild(status);
      body.appendChild(tr);
    });
    var fresh = p.nodes.filter(function (n) { return n.new; }).length;
    document.getElementById("node-count").textContent = "(" + p.nodes.length + ")";
    document.getElementById("node-count").appendChild(both("：新 " + fresh, ": " + fresh + " new"));
  }

  /* ---- what is checked ------------------------------------------------------------------------ */
  function droppedNodes() {
    var dropped = {};
    Array.prototype.forEach.call(document.querySelectorAll("#nodes input.node"), function (box) {
      if (!box.checked) { dropped[box.closest("tr").dataset.id] = true; }
    });
    return dropped;
  }
  function keptRelations() {
    var dropped = droppedNodes();
    var kept = [];
    Array.prototype.forEach.call(document.querySelectorAll("#relations tbody tr"), function (tr) {
      var box = tr.querySelector("input.rel");
      var orphan = !!(dropped[tr.dataset.source] || dropped[tr.dataset.target]);
      if (orphan && !box.disabled) { tr.dataset.was = box.checked ? "1" : ""; box.checked = false; }
      if (!orphan && box.disabled) { box.checked = tr.dataset.was === "1"; } /* the name is back: so is the choice */
      box.disabled = orphan;
      tr.classList.toggle("off", !box.checked || !!orphan);
      if (box.checked && !orphan) { kept.push(Number(tr.dataset.index)); }
    });
    return kept;
  }
  function sync() {
    if (!current) { return; }
    var rels = keptRelations();
    var dropped = droppedNodes();
    Array.prototype.forEach.call(document.querySelectorAll("#nodes tbody tr"), function (tr) {
      tr.classList.toggle("off", !!dropped[tr.dataset.id]);
    });
    var nodes = current.preview.nodes.length - Object.keys(dropped).length;
    var what = document.getElementById("load-what");
    clear(what);
    what.appendChild(both("将载入 " + rels.length + " / " + current.preview.relations.length + " 条关系、" + nodes + " 个名称",
                          "will load " + rels.length + " of " + current.preview.relations.length +
                          " relations and " + nodes + " names"));
  }

  function setRelations(checked) { /* checked(tr) -> the box's new state */
    Array.prototype.forEach.call(document.querySelectorAll("#relations tbody tr"), function (tr) {
      tr.querySelector("input.rel").checked = checked(tr);
    });
    sync();
  }
  document.getElementById("check-all").addEventListener("click", function () {
    setRelations(function () { return true; });
  });
  document.getElementById("uncheck-low").addEventListener("click", function () {
    setRelations(function (tr) { return tr.querySelector("input.rel").checked && !tr.classList.contains("low"); });
  });

  function review() { /* the preview's review less what is unchecked: the file `innograph load` takes */
    var r = current.preview.review;
    var dropped = droppedNodes();
    var keep = {};
    keptRelations().forEach(function (i) { keep[i] = true; });
    return {
      documents: r.documents,
      nodes: r.nodes.filter(function (n) { return !dropped[n.id]; }),
      edges: r.edges.filter(function (e, i) { return keep[i]; })
    };
  }

  /* JSON, which the server reads as YAML: YAML folds a raw NEL (U+0085) in a quoted text into a space, so
     the C1 controls and the line separators go as escapes and every sentence arrives as it was read. */
  function reviewText(chosen) {
    return JSON.stringify(chosen).replace(/[\u007f-\u009f\u2028\u2029]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  /* ---- load ----------------------------------------------------------------------------------- */
  loadButton.addEventListener("click", function () {
    if (!current) { return; }
    var chosen = review();
    var data = new FormData();
    data.append("file", current.file, current.file.name);
    data.append("review", new Blob([reviewText(chosen)], {type: "application/json"}), "review.json");
    quiet();
    busy(loadButton, true);
    send("/sources", data, function (summary) {
      out.hidden = true;
      showResult(summary, chosen);
      say("good", "已载入图谱。", "Loaded into the graph.");
    }).then(function () { busy(loadButton, false); });
  });

  var COUNTS = [
    ["nodes_added", "新增名称", "names added"], ["edges_added", "新增关系", "relations added"],
    ["nodes", "读到的名称", "names read"], ["edges", "读到的关系", "relations read"],
    ["documents", "文件", "documents"], ["graph_nodes", "图谱现有名称", "names in the graph now"],
    ["graph_edges", "图谱现有关系", "relations in the graph now"]
  ];
  function showResult(summary, chosen) {
    document.getElementById("result-file").textContent = summary.file;
    var body = document.querySelector("#counts tbody");
    clear(body);
    COUNTS.forEach(function (c) {
      var tr = el("tr");
      tr.dataset.key = c[0];
      var th = el("th");
      th.appendChild(both(c[1], c[2]));
      tr.appendChild(th);
      tr.appendChild(el("td", "num", summary[c[0]]));
      body.appendChild(tr);
    });
    var zones = document.getElementById("zone-links");
    var others = document.getElementById("node-links");
    clear(zones);
    clear(others);
    var kept = {};
    chosen.nodes.forEach(function (n) { kept[n.id] = true; });
    current.preview.nodes.filter(function (n) { return kept[n.id]; }).forEach(function (n) {
      var a = el("a");
      a.appendChild(both(n.name_zh, n.name_en || n.name_zh));
      a.href = pageHref(n.id, n.type);
      (n.type === "Zone" ? zones : others).appendChild(a);
    });
    document.getElementById("zones-head").hidden = !zones.firstChild;
    result.hidden = false;
  }
})();
