// kuzet console: the link graph page. Draws a neighbourhood with
// Cytoscape.js from /graph/data (the same service call as GET /v1/graph),
// expands a node (tap it twice, or choose it and press Expand), and hides
// node types. Node labels are drawn on the canvas or set as text: nothing
// from the data becomes markup.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || !window.cytoscape) return;
  var statusEl = document.getElementById("graph-status");
  var selBox = document.getElementById("graph-selected");
  var selName = document.getElementById("graph-node");
  var selLink = document.getElementById("graph-link");
  var expandBtn = document.getElementById("graph-expand");
  var pick = document.getElementById("graph-pick");
  var colours = {
    report: "#0b4f8a", "case": "#6b2fa3", phone: "#b35900", iban: "#1a7f37", card: "#1a7f37",
    domain: "#a3123a", url: "#a3123a", imei: "#5c4a00", suspect: "#c0141b", callcentre: "#000000"
  };
  var style = [
    { selector: "node", style: {
      "background-color": function (n) { return colours[n.data("type")] || "#4a5563"; },
      "label": function (n) { var l = n.data("label") || ""; return l.length > 24 ? l.slice(0, 23) + "…" : l; },
      "font-size": 9, "color": "#1b1f24", "text-valign": "bottom", "text-margin-y": 3, "width": 16, "height": 16 } },
    { selector: "node[?hub]", style: { "shape": "diamond", "width": 22, "height": 22 } },
    { selector: "node[type = 'case']", style: { "shape": "round-rectangle", "width": 22, "height": 16 } },
    { selector: "node.seed", style: { "border-width": 3, "border-color": "#f2b705" } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#111" } },
    { selector: "edge", style: { "width": 1.2, "line-color": "#9aa4b2", "curve-style": "bezier" } }
  ];
  var cy = cytoscape({ container: box, style: style, wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 4 });
  box.classList.add("on");

  function say(msg) { statusEl.textContent = msg; }
  function hidden() {
    var out = [];
    document.querySelectorAll("#graph-types input[type=checkbox]").forEach(function (c) {
      if (!c.checked) out.push(c.value);
    });
    return out;
  }
  function applyFilter() {
    var off = hidden();
    cy.nodes().forEach(function (n) {
      n.style("display", off.indexOf(n.data("type")) >= 0 && !n.hasClass("seed") ? "none" : "element");
    });
    count();
  }
  function count() {
    var shown = cy.nodes().filter(function (n) { return n.style("display") !== "none"; });
    box.setAttribute("data-nodes", String(cy.nodes().length));
    box.setAttribute("data-shown", String(shown.length));
    say((box.getAttribute("data-msg-count") || "{shown} / {total} · {edges}").replace("{shown}", shown.length)
      .replace("{total}", cy.nodes().length).replace("{edges}", cy.edges().length));
    if (pick) {
      var cur = pick.value;
      while (pick.options.length > 1) pick.remove(1);
      shown.forEach(function (n) {
        var o = document.createElement("option");
        o.value = n.id();
        o.textContent = n.id();
        pick.appendChild(o);
      });
      pick.value = cur;
    }
  }
  function recordURL(id) {
    var i = id.indexOf(":"), type = id.slice(0, i), value = id.slice(i + 1);
    if (type === "report") return "/trail/" + encodeURIComponent(value);
    if (type === "case") return "/cases/" + encodeURIComponent(value);
    if (type === "suspect" || type === "callcentre") return "";
    return "/indicators?kind=" + encodeURIComponent(type) + "&value=" + encodeURIComponent(value);
  }
  function choose(n) {
    cy.nodes().unselect();
    if (!n || !n.length) { selBox.hidden = true; return; }
    n.select();
    selName.textContent = n.id();
    var u = recordURL(n.id());
    selLink.hidden = !u;
    if (u) selLink.setAttribute("href", u);
    selBox.hidden = false;
    if (pick) pick.value = n.id();
  }
  var loading = false;
  function load(seed, depth, around) {
    if (loading) return;
    loading = true;
    box.setAttribute("aria-busy", "true");
    var url = box.getAttribute("data-src") + "?seed=" + encodeURIComponent(seed) + "&depth=" + depth;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        if (!res.ok) { say(res.j.error || box.getAttribute("data-msg-error")); return; }
        var g = res.j, added = [];
        cy.batch(function () {
          g.elements.nodes.forEach(function (n) { if (!cy.getElementById(n.data.id).length) added.push(cy.add(n)); });
          g.elements.edges.forEach(function (e) {
            if (!cy.getElementById(e.data.id).length && cy.getElementById(e.data.source).length &&
                cy.getElementById(e.data.target).length) cy.add(e);
          });
          if (!around) cy.getElementById(g.seed).addClass("seed");
        });
        if (!cy.nodes().length) { say(box.getAttribute("data-msg-empty")); return; }
        var layout = around && added.length
          ? cy.elements().layout({ name: "concentric", animate: false, concentric: function (n) { return n.degree(); }, levelWidth: function () { return 2; } })
          : cy.elements().layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 8000; } });
        layout.run();
        applyFilter();
        if (g.truncated) say(box.getAttribute("data-msg-truncated"));
        choose(cy.getElementById(around || g.seed));
        box.setAttribute("data-loads", String(Number(box.getAttribute("data-loads") || "0") + 1));
      })
      .catch(function () { say(box.getAttribute("data-msg-error")); })
      .finally(function () { loading = false; box.removeAttribute("aria-busy"); });
  }
  cy.on("tap", "node", function (e) { choose(e.target); });
  cy.on("dbltap", "node", function (e) { load(e.target.id(), 1, e.target.id()); });
  expandBtn.addEventListener("click", function () {
    var n = cy.nodes(":selected");
    if (n.length) load(n[0].id(), 1, n[0].id());
  });
  if (pick) pick.addEventListener("change", function () { choose(cy.getElementById(pick.value)); });
  document.querySelectorAll("#graph-types input[type=checkbox]").forEach(function (c) {
    c.addEventListener("change", applyFilter);
  });
  var seed = box.getAttribute("data-seed");
  if (seed) load(seed, 2, "");
  else say(box.getAttribute("data-msg-empty"));
})();
