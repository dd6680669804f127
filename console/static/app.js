// kuzet console: the CSRF token on htmx requests, one-key triage, and the
// dashboard's charts when ECharts is there. Every page works without it.
(function () {
  "use strict";
  var csrf = document.body.getAttribute("data-csrf");
  document.body.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrf;
  });

  // Triage queues: j/k move, c confirms, d dismisses, b selects for a
  // blocking request. Rows carry data-confirm and data-dismiss forms.
  // Rows are looked up each time: htmx removes a row once it is decided.
  var rows = [];
  function refresh() { rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-row]")); }
  refresh();
  var at = -1;
  function select(i) {
    refresh();
    if (!rows.length) return;
    rows.forEach(function (r) { r.classList.remove("selected"); });
    at = Math.max(0, Math.min(rows.length - 1, i));
    rows[at].classList.add("selected");
    rows[at].scrollIntoView({ block: "nearest" });
  }
  function submit(sel) {
    refresh();
    if (at < 0 || at >= rows.length) return;
    var f = rows[at].querySelector(sel);
    if (f) f.requestSubmit ? f.requestSubmit() : f.submit();
  }
  // After a decided row goes, the next one takes its place under the cursor.
  // (htmx's own events go to the removed row, so a watcher of the table does it.)
  var table = document.querySelector("table.data tbody");
  if (table && window.MutationObserver) {
    new MutationObserver(function () {
      if (at >= 0 && !document.querySelector("tr.selected")) select(at);
    }).observe(table, { childList: true });
  }
  document.body.addEventListener("htmx:responseError", function (e) {
    var msg = document.createElement("div");
    msg.className = "alert";
    msg.setAttribute("role", "alert");
    msg.textContent = e.detail.xhr.status + " " + (e.detail.xhr.statusText || "");
    document.getElementById("main").prepend(msg);
  });
  document.addEventListener("keydown", function (e) {
    refresh();
    if (!rows.length || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT") return;
    if (e.key === "j") select(at + 1);
    else if (e.key === "k") select(at - 1);
    else if (e.key === "c") submit("form[data-confirm]");
    else if (e.key === "d") submit("form[data-dismiss]");
    else if (e.key === "b" && at >= 0) {
      var box = rows[at].querySelector("input[type=checkbox]");
      if (box) box.checked = !box.checked;
    } else return;
    e.preventDefault();
  });

  if (window.echarts) {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var all = JSON.parse(el.getAttribute("data-chart") || "{}");
      var s = all[el.getAttribute("data-series")];
      if (!s || !s.labels || !s.labels.length) return;
      var names = {};
      el.parentNode.querySelectorAll("tbody tr").forEach(function (tr) {
        var a = tr.querySelector("a");
        var h = a && a.getAttribute("href").split("#")[1];
        if (h !== undefined) names[decodeURIComponent(h)] = a.textContent;
      });
      el.classList.add("on");
      var chart = echarts.init(el);
      var labels = s.labels.map(function (l) { return names[l] || l; });
      var lang = document.documentElement.lang || "ru";
      var fmt = function (v) { return Number(v).toLocaleString(lang); };
      if (el.getAttribute("data-kind") === "line") {
        chart.setOption({
          aria: { enabled: true }, tooltip: { trigger: "axis", valueFormatter: fmt },
          grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
          xAxis: { type: "category", data: labels, boundaryGap: false },
          yAxis: { type: "value", axisLabel: { formatter: fmt } },
          series: [{ type: "line", data: s.values, areaStyle: { opacity: 0.15 }, itemStyle: { color: "#0b4f8a" }, showSymbol: false }]
        });
      } else {
        chart.setOption({
          aria: { enabled: true }, tooltip: { valueFormatter: fmt },
          grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: "value", axisLabel: { formatter: fmt } },
          yAxis: { type: "category", inverse: true, data: labels },
          series: [{ type: "bar", data: s.values, itemStyle: { color: "#0b4f8a" } }]
        });
        // A bar leads to its records, as the row of the table under it does.
        chart.on("click", function (p) {
          var rows = el.parentNode.querySelectorAll("tbody tr a");
          if (rows[p.dataIndex]) window.location.href = rows[p.dataIndex].getAttribute("href");
        });
      }
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
})();
