// The search page: query, facets (year, province, city, level, template,
// failed checks), hits with highlighted snippets, paging. The state lives
// in the URL so a search can be bookmarked and shared.
"use strict";

(function () {
  const PAGE = 20;
  const FILTERS = ["year", "region", "level", "template", "failed-checks", "office"];
  const $ = (id) => document.getElementById(id);
  let state = {};

  function readState() {
    const p = GK.params();
    state = { q: p.get("q") || "", sort: p.get("sort") || "", page: Math.max(0, parseInt(p.get("page") || "0", 10) || 0) };
    for (const f of FILTERS) state[f] = p.get(f) || "";
  }

  function writeState(push) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(state)) if (v) p.set(k, v);
    const url = location.pathname + (p.toString() ? "?" + p : "");
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }

  function set(changes) {
    Object.assign(state, changes, changes.page === undefined ? { page: 0 } : {});
    writeState(true);
    run();
  }

  function facetList(title, name, counts, param, label, order) {
    let entries = Object.entries(counts || {}).filter(([k]) => k !== "");
    if (!entries.length) return null;
    if (order === "key") entries.sort((a, b) => b[0].localeCompare(a[0]));
    else entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    entries = entries.slice(0, 14);
    const ul = GK.el("ul");
    for (const [k, n] of entries) {
      const on = state[param] === k;
      ul.append(GK.el("li", null, GK.el("a", {
        href: "#", class: on ? "on" : "", "data-facet": name, "data-value": k,
        onclick: (e) => { e.preventDefault(); set({ [param]: on ? "" : k }); },
      }, GK.el("span", null, label ? label(k) : k), GK.el("span", { class: "n" }, n))));
    }
    return GK.el("section", null, GK.el("h3", null, title), ul);
  }

  function renderFacets(f) {
    const box = $("facets");
    box.replaceChildren();
    const lists = [
      facetList("年度", "year", f.year, "year", null, "key"),
      facetList("省份", "province", f.province, "region"),
      facetList("城市", "city", f.city, "region"),
      facetList("层级", "level", f.level, "level", (k) => GK.level[k] || k),
      facetList("模板", "template", f.template, "template", (k) => GK.template[k] || k),
    ];
    const failed = (f.failed || {})["true"];
    if (failed) {
      const on = state["failed-checks"] === "1";
      lists.push(GK.el("section", null, GK.el("h3", null, "表格核对"), GK.el("ul", null, GK.el("li", null,
        GK.el("a", { href: "#", class: on ? "on" : "", "data-facet": "failed", "data-value": "true",
          onclick: (e) => { e.preventDefault(); set({ "failed-checks": on ? "" : "1" }); } },
          GK.el("span", null, "数字对不上的报告"), GK.el("span", { class: "n" }, failed))))));
    }
    for (const l of lists) if (l) box.append(l);
  }

  function renderChips() {
    const names = { year: "年度", region: "地区", level: "层级", template: "模板", "failed-checks": "核对未通过", office: "机关" };
    const chips = $("chips");
    chips.replaceChildren();
    for (const f of FILTERS) {
      if (!state[f]) continue;
      let v = state[f];
      if (f === "level") v = GK.level[v] || v;
      if (f === "template") v = GK.template[v] || v;
      const text = f === "failed-checks" ? names[f] : names[f] + "：" + v;
      chips.append(GK.el("button", { class: "chip", type: "button", title: "取消这个筛选", onclick: () => set({ [f]: "" }) }, text));
    }
  }

  function renderHit(h) {
    const office = h.office_full || h.office;
    const meta = GK.el("div", { class: "meta" },
      GK.el("span", null, office), GK.el("span", null, h.year ? h.year + " 年度" : "年度不详"),
      GK.el("span", null, GK.region(h.region)), GK.el("span", null, GK.level[h.level] || h.level),
      h.published ? GK.el("span", null, "发布于 " + h.published) : null);
    const title = GK.el("div", { class: "t" },
      GK.el("a", { href: "/report?id=" + encodeURIComponent(h.id) }, h.title || office + " " + h.year),
      GK.el("span", { class: "badge" }, GK.template[h.template] || h.template),
      h.failed_checks ? GK.el("span", { class: "badge fail" }, "核对未通过") : null);
    // The report's other renditions (a page's PDF attachment): one hit, several files.
    const formats = { pdf: "PDF", html: "网页", docx: "Word", doc: "Word", wps: "WPS", text: "文本", markdown: "Markdown" };
    const also = (h.also || []).length ? GK.el("div", { class: "also" }, "另有：",
      ...h.also.map((r) => GK.el("a", { href: "/report?id=" + encodeURIComponent(r.id) }, formats[r.format] || r.format || r.id))) : null;
    return GK.el("article", { class: "hit" }, title, meta, also, (h.snippets || []).slice(0, 2).map(GK.snippet));
  }

  function renderPager(total) {
    const pager = $("pager");
    pager.replaceChildren();
    const pages = Math.ceil(Math.min(total, 10000) / PAGE);
    if (pages <= 1) return;
    pager.append(
      GK.el("button", { class: "ghost", type: "button", disabled: state.page === 0, onclick: () => set({ page: state.page - 1 }) }, "上一页"),
      GK.el("span", { class: "muted" }, `第 ${state.page + 1} / ${pages} 页`),
      GK.el("button", { class: "ghost", type: "button", disabled: state.page + 1 >= pages, onclick: () => set({ page: state.page + 1 }) }, "下一页"));
  }

  function exportLink() {
    const p = new URLSearchParams({ format: "csv", wide: "1" });
    for (const f of FILTERS) if (state[f] && f !== "failed-checks") p.set(f, state[f]);
    if (state["failed-checks"]) p.set("failed-checks", "1");
    $("export").href = "/api/export?" + p;
  }

  async function run() {
    $("q").value = state.q;
    $("sort").value = state.sort;
    renderChips();
    exportLink();
    const params = { q: state.q, sort: state.sort, limit: PAGE, offset: state.page * PAGE, facets: "year,province,city,level,template,failed" };
    for (const f of FILTERS) params[f] = state[f];
    $("count").textContent = "检索中…";
    try {
      const res = await GK.api("/api/search", params);
      $("count").textContent = `共 ${res.total} 份报告`;
      renderFacets(res.facets || {});
      const hits = $("hits");
      hits.replaceChildren();
      if (!res.hits.length) hits.append(GK.el("div", { class: "empty" }, "没有找到符合条件的报告。试试更短的关键词，或取消一些筛选。"));
      for (const h of res.hits) hits.append(renderHit(h));
      renderPager(res.total);
      document.body.dataset.ready = "1";
    } catch (err) {
      $("count").textContent = "";
      GK.showError($("hits"), err);
      document.body.dataset.ready = "1";
    }
  }

  async function stats() {
    try {
      const s = await GK.api("/api/stats");
      const years = s.years.filter((y) => y.year > 0).map((y) => y.year);
      GK.fill($("stats"), 
        GK.el("span", null, "报告 ", GK.el("b", null, s.primary)),
        GK.el("span", null, "机关 ", GK.el("b", null, s.offices)),
        years.length ? GK.el("span", null, "年度 ", GK.el("b", null, years[0] + "–" + years[years.length - 1])) : null,
        GK.el("span", null, "表格核对未通过 ", GK.el("b", null, s.failed_checks)));
    } catch (e) { /* the stats line is optional */ }
  }

  document.addEventListener("DOMContentLoaded", () => {
    readState();
    $("f").addEventListener("submit", (e) => { e.preventDefault(); set({ q: $("q").value.trim() }); });
    $("sort").addEventListener("change", () => set({ sort: $("sort").value }));
    window.addEventListener("popstate", () => { readState(); run(); });
    stats();
    run();
  });
})();
