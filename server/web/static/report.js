// The report page: metadata, links to the original, the checks, tables
// 二, 三 and 四 laid out as in the national template with the cells of
// failed checks marked, the figures stated in the text and the sections.
"use strict";

(function () {
  const el = GK.el;

  const CHECK_NAMES = {
    C1: "勾稽关系：一 + 二 = 三（七）总计 + 四（每列）",
    C2: "行合计：总计 = 各类申请人之和",
    C3: "（七）总计 = 各项办理结果之和",
    C4: "复议、诉讼：总计 = 维持 + 纠正 + 其他 + 未结",
    C5: "数值格式（非负整数等）",
    C6: "本年上年结转 = 上年结转下年度",
    C7: "现行有效件数 = 上年 + 制发 − 废止",
    C8: "正文数字与表格一致",
    C9: "按时公开：在法定期限内发布",
  };

  const ACTIVE = {
    "2019": [
      { item: "第二十条第（一）项", cols: [["new_made", "本年新制作数量"], ["new_published", "本年新公开数量"], ["total_published", "对外公开总数量"]], rows: [["rules", "规章"], ["normative", "规范性文件"]], n: 1 },
      { item: "第二十条第（五）项", cols: [["prev_items", "上一年项目数量"], ["delta", "本年增/减"], ["decisions", "处理决定数量"]], rows: [["licensing", "行政许可"], ["other_services", "其他对外管理服务事项"]], n: 5 },
      { item: "第二十条第（六）项", cols: [["prev_items", "上一年项目数量"], ["delta", "本年增/减"], ["decisions", "处理决定数量"]], rows: [["penalty", "行政处罚"], ["coercion", "行政强制"]], n: 6 },
      { item: "第二十条第（八）项", cols: [["prev_items", "上一年项目数量"], ["delta", "本年增/减"]], rows: [["fees", "行政事业性收费"]], n: 8 },
      { item: "第二十条第（九）项", cols: [["projects", "采购项目数量"], ["amount", "采购总金额"]], rows: [["procurement", "政府集中采购"]], n: 9 },
    ],
    "2021": [
      { item: "第二十条第（一）项", cols: [["issued", "本年制发件数"], ["repealed", "本年废止件数"], ["valid", "现行有效件数"]], rows: [["rules", "规章"], ["normative", "行政规范性文件"]], n: 1 },
      { item: "第二十条第（五）项", cols: [["decisions", "本年处理决定数量"]], rows: [["licensing", "行政许可"]], n: 5 },
      { item: "第二十条第（六）项", cols: [["decisions", "本年处理决定数量"]], rows: [["penalty", "行政处罚"], ["coercion", "行政强制"]], n: 6 },
      { item: "第二十条第（八）项", cols: [["amount_wan", "本年收费金额（单位：万元）"]], rows: [["fees", "行政事业性收费"]], n: 8 },
    ],
  };

  const APPLY_COLS = ["natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"];
  const REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"];
  const GROUPS = {
    denied: ["（三）不予公开", [["denied_state_secret", "1.属于国家秘密"], ["denied_law_prohibited", "2.其他法律行政法规禁止公开"], ["denied_security_stability", "3.危及“三安全一稳定”"], ["denied_third_party", "4.保护第三方合法权益"], ["denied_internal_affairs", "5.属于三类内部事务信息"], ["denied_process_info", "6.属于四类过程性信息"], ["denied_enforcement_file", "7.属于行政执法案卷"], ["denied_admin_query", "8.属于行政查询事项"]]],
    unable: ["（四）无法提供", [["unable_not_held", "1.本机关不掌握相关政府信息"], ["unable_need_create", "2.没有现成信息需要另行制作"], ["unable_unclear", "3.补正后申请内容仍不明确"]]],
    np: ["（五）不予处理", [["np_petition", "1.信访举报投诉类申请"], ["np_repeat", "2.重复申请"], ["np_publication", "3.要求提供公开出版物"], ["np_massive", "4.无正当理由大量反复申请"], ["np_confirm", "5.要求行政机关确认或重新出具已获取信息"]]],
    other2021: ["（六）其他处理", [["other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"], ["other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"], ["other_misc", "3.其他"]]],
  };

  let cells = {}; // key → cell
  let bad = {};   // key → [check ids]
  let reportID = "";

  function valueCell(key, extra) {
    const c = cells[key];
    const attrs = Object.assign({ class: "v", "data-key": key }, extra || {});
    let text = "";
    let tip = key;
    if (!c) {
      attrs.class += " missing";
      tip += "：报告中没有这一格";
    } else {
      tip += "：原文「" + c.raw + "」" + (c.where ? "，" + c.where : "");
      if (c.uncertain) { attrs.class += " unc"; text = (c.raw || "") + "?"; tip += "（未能确定）"; }
      else if (c.state === "number" && c.value !== null) text = GK.fmt(c.value);
      else if (c.state === "blank") { attrs.class += " blank"; tip += "（空白，不等于 0）"; }
      else if (c.state === "dash") { attrs.class += " dash"; text = c.raw || "-"; }
      else { attrs.class += " text"; text = c.raw; }
    }
    if (bad[key]) {
      attrs.class += " bad";
      tip += "\n核对未通过：" + bad[key].join("、");
    }
    attrs.title = tip;
    if (c && c.at && text !== "") {
      // The value in the original: /source marks its cell, line or box.
      return el("td", attrs, el("a", { class: "src", href: "/source?id=" + encodeURIComponent(reportID) + "&key=" + encodeURIComponent(key) }, text));
    }
    return el("td", attrs, text);
  }

  function activeTable(r) {
    const tpl = (r.templates && r.templates.active) === "2021" ? "2021" : "2019";
    const t = el("table", { class: "tpl", id: "table-active" });
    for (const sub of ACTIVE[tpl]) {
      t.append(el("tr", { class: "sub" }, el("th", { colspan: 4 }, sub.item)));
      const head = el("tr", null, el("th", null, "信息内容"));
      sub.cols.forEach(([, label], i) => head.append(el("th", { colspan: i === sub.cols.length - 1 ? 4 - sub.cols.length : 1 }, label)));
      t.append(head);
      for (const [row, label] of sub.rows) {
        const tr = el("tr", null, el("td", { class: "lab" }, label));
        sub.cols.forEach(([col], i) => tr.append(valueCell(`active.a20_${sub.n}.${row}.${col}`, i === sub.cols.length - 1 ? { colspan: 4 - sub.cols.length } : null)));
        t.append(tr);
      }
    }
    return t;
  }

  function applyTable(r) {
    const is2021 = (r.templates && r.templates.apply) === "2021";
    const t = el("table", { class: "tpl", id: "table-apply" });
    t.append(
      el("tr", null, el("th", { colspan: 3, rowspan: 3, class: "small" }, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"), el("th", { colspan: 7 }, "申请人情况")),
      el("tr", null, el("th", { rowspan: 2 }, "自然人"), el("th", { colspan: 5 }, "法人或其他组织"), el("th", { rowspan: 2 }, "总计")),
      el("tr", null, ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map((s) => el("th", null, s))));
    const values = (row, tr) => { for (const c of APPLY_COLS) tr.append(valueCell(`apply.${row}.${c}`)); return tr; };
    const span = (n, text, cls) => el("td", { colspan: n, class: cls || "lab" }, text);
    t.append(values("new_received", el("tr", null, span(3, "一、本年新收政府信息公开申请数量"))));
    t.append(values("carried_over", el("tr", null, span(3, "二、上年结转政府信息公开申请数量"))));
    const resultRows = is2021 ? 22 : 20;
    t.append(values("granted", el("tr", null, el("td", { rowspan: resultRows, class: "grp" }, "三、本年度办理结果"), span(2, "（一）予以公开"))));
    t.append(values("partial", el("tr", null, span(2, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"))));
    const group = (g) => {
      const [name, rows] = GROUPS[g];
      rows.forEach(([row, label], i) => {
        const tr = el("tr");
        if (i === 0) tr.append(el("td", { rowspan: rows.length, class: "grp" }, name));
        tr.append(el("td", { class: "lab" }, label));
        t.append(values(row, tr));
      });
    };
    group("denied"); group("unable"); group("np");
    if (is2021) group("other2021");
    else t.append(values("other_total", el("tr", null, span(2, "（六）其他处理"))));
    t.append(values("result_total", el("tr", null, span(2, "（七）总计"))));
    t.append(values("carry_forward", el("tr", null, span(3, "四、结转下年度继续办理"))));
    return t;
  }

  function reviewTable() {
    const t = el("table", { class: "tpl", id: "table-review" });
    const heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    t.append(
      el("tr", null, el("th", { colspan: 5 }, "行政复议"), el("th", { colspan: 10 }, "行政诉讼")),
      el("tr", null, heads.map((h) => el("th", { rowspan: 2 }, h)), el("th", { colspan: 5 }, "未经复议直接起诉"), el("th", { colspan: 5 }, "复议后起诉")),
      el("tr", null, heads.concat(heads).map((h) => el("th", null, h))));
    const tr = el("tr");
    for (const g of ["review", "suit_direct", "suit_after_review"]) for (const c of REVIEW_COLS) tr.append(valueCell(`${g}.${c}`));
    t.append(tr);
    return t;
  }

  function focusCheck(c) {
    document.querySelectorAll("td.focus").forEach((td) => td.classList.remove("focus"));
    let first = null;
    for (const k of c.cells || []) {
      const td = document.querySelector(`td[data-key="${CSS.escape(k)}"]`);
      if (td) { td.classList.add("focus"); first = first || td; }
    }
    if (first) first.scrollIntoView({ behavior: "smooth", block: "center" });
  }

  function checksList(r) {
    const ul = el("ul", { class: "checks", id: "checks" });
    const order = { fail: 0, warn: 1, not_assessable: 2, pass: 3 };
    const checks = (r.checks || []).slice().sort((a, b) => (order[a.status] - order[b.status]) || a.id.localeCompare(b.id));
    for (const c of checks) {
      ul.append(el("li", { class: c.status, title: "点击在表格中标出涉及的单元格", onclick: () => focusCheck(c) },
        el("b", null, c.id + " "), CHECK_NAMES[c.id] || "",
        el("span", { class: "badge " + c.status }, GK.checkStatus[c.status] || c.status),
        c.detail ? el("div", { class: "small muted" }, c.detail) : null));
    }
    return ul;
  }

  function metaList(r) {
    const dl = el("dl", { class: "meta" });
    const add = (k, v) => dl.append(el("dt", null, k), el("dd", null, v || "—"));
    add("机关（标题）", r.office); add("机关全称", r.office_full);
    add("地区", GK.region(r.region) + (r.region && r.region.code ? "（" + r.region.code + "）" : ""));
    add("层级", GK.level[r.level] || r.level);
    add("年度", r.year ? String(r.year) : "不详"); add("发布日期", r.published);
    add("模板", GK.template[r.template] || r.template); add("机关类别", GK.kind[r.kind] || r.kind);
    add("原文格式", (GK.format[r.source.format] || r.source.format) + (r.source.encoding ? " · " + r.source.encoding : ""));
    add("报告编号", r.id);
    return dl;
  }

  async function links(r, box) {
    box.append(el("a", { href: "/api/reports/" + r.id + "/original", target: "_blank", rel: "noopener" }, "查看原始文件"),
      el("a", { href: "/compare?office=" + encodeURIComponent(r.office_full || r.office) }, "该机关历年对比"),
      el("a", { href: "/api/reports/" + r.id, target: "_blank" }, "JSON 数据"));
    try {
      const srcs = await GK.api("/api/reports/" + r.id + "/sources");
      for (const s of srcs) {
        if (s.url) box.append(el("a", { href: s.url, target: "_blank", rel: "noopener noreferrer" }, "来源网页"));
        if (s.referrer && /^https?:\/\//.test(s.referrer)) box.append(el("a", { href: s.referrer, target: "_blank", rel: "noopener noreferrer" }, "发布页面"));
      }
      const files = srcs.filter((s) => !s.url).map((s) => s.path.split("/").pop() + (s.member ? "!/" + s.member : ""));
      if (files.length) box.append(el("span", { class: "muted small" }, "来源文件：" + files.join("，")));
    } catch (e) { /* links are optional */ }
  }

  function render(r) {
    cells = {};
    bad = {};
    reportID = r.id;
    for (const c of r.cells || []) cells[c.key] = c;
    for (const c of r.checks || []) {
      if (c.status !== "fail") continue;
      for (const k of c.cells || []) (bad[k] = bad[k] || []).push(c.id);
    }
    document.title = (r.title || r.office_full) + " · 政府信息公开年度报告库";
    const main = document.getElementById("main");
    const failed = (r.checks || []).filter((c) => c.status === "fail").length;
    const linkBox = el("div", { class: "links" });
    main.replaceChildren(
      el("h1", null, r.title || r.office_full, failed ? el("span", { class: "badge fail" }, failed + " 项核对未通过") : null),
      metaList(r), linkBox);
    links(r, linkBox);
    if ((r.checks || []).length) main.append(el("h2", null, "表格核对"), checksList(r));
    const anchor = el("div", { id: "findings-anchor" });
    main.append(anchor);
    GK.findings(r, anchor);
    const t = r.tables || {};
    if (t.active) main.append(el("h2", null, "二、主动公开政府信息情况"), activeTable(r));
    if (t.apply) main.append(el("h2", null, "三、收到和处理政府信息公开申请情况"), applyTable(r));
    if (t.review || t.suit_direct || t.suit_after_review) main.append(el("h2", null, "四、政府信息公开行政复议、行政诉讼情况"), reviewTable());
    if (!t.active && !t.apply && !t.review) main.append(el("p", { class: "note" }, "这份报告没有国家模板的统计表（2019 年以前的报告常见）。下面是从正文中识别出的数字。"));
    if ((r.figures || []).length) {
      const tbl = el("table", { class: "data" }, el("thead", null, el("tr", null, el("th", null, "正文中的数字"), el("th", null, "数值"), el("th", null, "口径"))));
      const body = el("tbody");
      for (const f of r.figures) body.append(el("tr", null, el("td", null, f.text), el("td", null, GK.fmt(f.value) + (f.unit || "") + (f.approx ? "（约）" : "")), el("td", null, f.scope === "cumulative" ? "累计" : "本年")));
      tbl.append(body);
      main.append(el("h2", null, "正文数字"), tbl);
    }
    if ((r.diagnostics || []).length) {
      const ul = el("ul", { class: "small" });
      for (const d of r.diagnostics) ul.append(el("li", null, `[${d.severity}] ${d.message}` + (d.where ? `（${d.where}）` : "")));
      main.append(el("h2", null, "解析说明"), ul);
    }
    if ((r.sections || []).length) {
      const box = el("div", { class: "sections" });
      for (const s of r.sections) {
        box.append(el("h3", null, s.title));
        for (const para of (s.text || "").split("\n")) if (para.trim()) box.append(el("p", null, para.trim()));
      }
      main.append(el("h2", null, "报告正文"), box);
    }
    if (GK.ocrNote) GK.ocrNote(r, main);
    document.body.dataset.ready = "1";
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const id = GK.params().get("id") || "";
    const main = document.getElementById("main");
    if (!/^[0-9a-f]{4,64}$/.test(id)) {
      GK.showError(main, "缺少或无效的报告编号");
      document.body.dataset.ready = "1";
      return;
    }
    try {
      render(await GK.api("/api/reports/" + id));
    } catch (err) {
      GK.showError(main, err);
      document.body.dataset.ready = "1";
    }
  });
})();
