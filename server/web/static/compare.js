// The compare page: one office across years (a line chart per metric),
// several offices in one year (bars per metric) and rankings (horizontal
// bars), each with its table. The state lives in the URL.
"use strict";

(function () {
  const el = GK.el;
  const $ = (id) => document.getElementById(id);
  const DEFAULT = ["apply.new_received.total", "apply.granted.total", "apply.denied.total", "review.total", "suit.total", "rate.granted"];
  let state = {};

  function readState() {
    const p = GK.params();
    state = {
      mode: p.get("mode") || (p.get("metric") ? "rank" : p.get("offices") ? "side" : "years"),
      office: p.get("office") || "", offices: p.get("offices") || "", year: p.get("year") || "",
      metrics: p.get("metrics") || DEFAULT.join(","), metric: p.get("metric") || "apply.new_received.total",
      region: p.get("region") || "", level: p.get("level") || "",
    };
  }

  function writeState() {
    const p = new URLSearchParams();
    const keep = { years: ["office", "metrics"], side: ["offices", "year", "metrics"], rank: ["metric", "year", "region", "level"] }[state.mode];
    p.set("mode", state.mode);
    for (const k of keep) if (state[k]) p.set(k, state[k]);
    history.replaceState(null, "", "/compare?" + p);
  }

  function metricBoxes() {
    const chosen = new Set(state.metrics.split(","));
    return el("div", { class: "metrics", id: "metrics" }, GK.metrics.map(([k, name]) =>
      el("label", null, el("input", { type: "checkbox", value: k, checked: chosen.has(k) }), name)));
  }

  function yearSelect(years) {
    const s = el("select", { name: "year", id: "year" });
    for (const y of years.slice().reverse()) s.append(el("option", { value: y, selected: String(y) === state.year }, y + " 年度"));
    return s;
  }

  function field(label, input) { return el("label", null, label, input); }

  function buildForm(stats) {
    const form = $("form");
    const years = stats.years.map((y) => y.year).filter((y) => y > 0);
    if (!state.year && years.length) state.year = String(years[years.length - 1]);
    document.querySelectorAll(".tabs button").forEach((b) => b.classList.toggle("on", b.dataset.mode === state.mode));
    const submit = el("button", { type: "submit" }, "生成图表");
    if (state.mode === "years") {
      form.replaceChildren(field("机关名称", el("input", { type: "text", id: "office", list: "office-list", value: state.office, placeholder: "例如：南京市秦淮区人民政府" })),
        field("指标", metricBoxes()), submit);
    } else if (state.mode === "side") {
      form.replaceChildren(field("机关（用逗号分隔，最多 8 个）", el("input", { type: "text", id: "offices", value: state.offices, placeholder: "机关甲, 机关乙" })),
        field("年度", yearSelect(years)), field("指标", metricBoxes()), submit);
    } else {
      const ms = el("select", { id: "metric" }, GK.metrics.map(([k, name]) => el("option", { value: k, selected: k === state.metric }, name)));
      const lv = el("select", { id: "level" }, el("option", { value: "" }, "全部"),
        ["province", "city", "county", "township"].map((l) => el("option", { value: l, selected: l === state.level }, GK.level[l])));
      const rg = el("select", { id: "region" }, el("option", { value: "" }, "全部"),
        stats.provinces.filter((p) => p.name).map((p) => el("option", { value: p.name, selected: p.name === state.region }, p.name)));
      form.replaceChildren(field("指标", ms), field("年度", yearSelect(years)), field("地区", rg), field("层级", lv), submit);
    }
  }

  function readForm() {
    const v = (id) => ($(id) ? $(id).value.trim() : "");
    if ($("metrics")) state.metrics = [...$("metrics").querySelectorAll("input:checked")].map((i) => i.value).join(",") || DEFAULT.join(",");
    if (state.mode === "years") state.office = v("office");
    if (state.mode === "side") { state.offices = v("offices"); state.year = v("year"); }
    if (state.mode === "rank") { state.metric = v("metric"); state.year = v("year"); state.region = v("region"); state.level = v("level"); }
  }

  function notes(t) {
    return (t.notes || []).length ? el("ul", { class: "note" }, t.notes.map((n) => el("li", null, n))) : null;
  }

  function reportLink(c, text) {
    return c.report ? el("a", { href: "/report?id=" + c.report, title: "打开这份报告" }, text) : text;
  }

  function showYears(t) {
    const out = $("out");
    const charts = el("div", { class: "charts", id: "charts" });
    for (const row of t.rows) {
      charts.append(el("div", { class: "chart" }, el("h4", null, GK.metricName(row.metric)),
        Charts.line(t.columns, row.cells.map((c) => c.value), row.metric)));
    }
    const table = el("table", { class: "data" }, el("thead", null, el("tr", null, el("th", null, "指标"), t.columns.map((c) => el("th", null, c)))));
    const body = el("tbody");
    for (const row of t.rows) {
      body.append(el("tr", null, el("td", null, GK.metricName(row.metric)),
        row.cells.map((c) => el("td", { title: c.from_text ? "取自正文" : "" }, reportLink(c, GK.fmt(c.value, row.metric) + (c.from_text ? "*" : ""))))));
    }
    table.append(body);
    const o = (t.offices || [])[0];
    GK.fill(out, el("h2", null, o ? o.name : t.title), o ? el("p", { class: "muted small" }, o.region + " · " + (GK.level[o.level] || o.level) + (o.names.length > 1 ? " · 曾用名：" + o.names.join("、") : "")) : null,
      charts, table, el("p", { class: "note" }, "* 表示报告没有表格数字，取自正文。点击数字打开那一年的报告。"), notes(t));
  }

  function showSide(t) {
    const out = $("out");
    const charts = el("div", { class: "charts", id: "charts" });
    for (const row of t.rows) {
      charts.append(el("div", { class: "chart" }, el("h4", null, GK.metricName(row.metric)), Charts.bars(t.columns, row.cells.map((c) => c.value), row.metric)));
    }
    const table = el("table", { class: "data" }, el("thead", null, el("tr", null, el("th", null, "指标"), t.columns.map((c) => el("th", null, c)))));
    const body = el("tbody");
    for (const row of t.rows) body.append(el("tr", null, el("td", null, GK.metricName(row.metric)), row.cells.map((c) => el("td", null, reportLink(c, GK.fmt(c.value, row.metric))))));
    table.append(body);
    GK.fill(out, el("h2", null, state.year + " 年度多机关对比"), legendSvg(t.columns), charts, table, notes(t));
  }

  // legendSvg draws the colour legend as SVG (inline styles are not allowed by the CSP).
  function legendSvg(names) {
    const box = el("div", { class: "legend" });
    names.forEach((n, i) => {
      const sw = GK.svg("svg", { width: 12, height: 12, viewBox: "0 0 12 12" }, GK.svg("rect", { width: 12, height: 12, rx: 2, fill: Charts.palette[i % Charts.palette.length] }));
      box.append(el("span", null, sw, " " + n));
    });
    return box;
  }

  function showRank(t) {
    const out = $("out");
    const rows = t.rows.map((r) => ({ label: r.label, rank: r.rank, value: r.cells[0] && r.cells[0].value, report: r.cells[0] && r.cells[0].report }));
    const table = el("table", { class: "data" }, el("thead", null, el("tr", null, el("th", null, "机关"), el("th", null, "名次"), el("th", null, GK.metricName(state.metric)))));
    const body = el("tbody");
    for (const r of rows) body.append(el("tr", null, el("td", null, el("a", { href: "/compare?mode=years&office=" + encodeURIComponent(r.label) }, r.label)), el("td", null, r.rank), el("td", null, reportLink(r, GK.fmt(r.value, state.metric)))));
    table.append(body);
    const where = [state.region, GK.level[state.level]].filter(Boolean).join(" · ");
    GK.fill(out, el("h2", null, `${state.year} 年度 ${GK.metricName(state.metric)} 排名` + (where ? "（" + where + "）" : "")),
      rows.length ? el("div", { class: "chart", id: "charts" }, Charts.hbars(rows, state.metric)) : el("div", { class: "empty" }, "没有机关有这个数字。"),
      table, notes(t));
  }

  async function run() {
    writeState();
    const out = $("out");
    document.body.dataset.ready = "";
    try {
      if (state.mode === "years") {
        if (!state.office) { GK.fill(out, el("p", { class: "muted" }, "输入一个机关的名称（可从下拉列表中选择），查看它历年的数字。")); return; }
        showYears(await GK.api("/api/compare", { office: state.office, metrics: state.metrics }));
      } else if (state.mode === "side") {
        if (!state.offices) { GK.fill(out, el("p", { class: "muted" }, "输入两个或更多机关的名称，用逗号分隔。")); return; }
        showSide(await GK.api("/api/compare", { offices: state.offices, year: state.year, metrics: state.metrics }));
      } else {
        showRank(await GK.api("/api/rank", { metric: state.metric, year: state.year, region: state.region, level: state.level, limit: 25 }));
      }
    } catch (err) {
      GK.showError(out, err);
    } finally {
      document.body.dataset.ready = "1";
    }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    readState();
    let stats = { years: [], provinces: [] };
    try { stats = await GK.api("/api/stats"); } catch (e) { /* the form still works */ }
    GK.api("/api/offices", { limit: 2000 }).then((offs) => {
      $("office-list").replaceChildren(...offs.map((o) => el("option", { value: o.name }, o.region)));
    }).catch(() => {});
    document.querySelectorAll(".tabs button").forEach((b) => b.addEventListener("click", () => {
      state.mode = b.dataset.mode; buildForm(stats); run();
    }));
    $("form").addEventListener("submit", (e) => { e.preventDefault(); readForm(); run(); });
    buildForm(stats);
    run();
  });
})();
