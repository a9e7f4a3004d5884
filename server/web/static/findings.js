// The report page's findings: copied text (内容雷同) found in other reports,
// side by side with a link to each source, and the reviews of the failed
// or warned checks and of the copied text — with a form to confirm or
// dismiss a finding when the server accepts writes (its token).
"use strict";

(function () {
  const el = GK.el;
  const VERDICT = { confirmed: "确认", dismissed: "驳回" };
  const KIND = { self: "本机关往年报告", other: "同年其他机关报告" };

  function token() { return sessionStorage.getItem("gk-token") || ""; }

  // reviewBox shows a finding's review and, when writes are on, a form.
  function reviewBox(reportID, finding, review, writes, reload) {
    const box = el("div", { class: "review", "data-finding": finding });
    if (review) {
      box.append(el("div", { class: "small reviewed " + review.verdict },
        "已复核：" + (VERDICT[review.verdict] || review.verdict) + "（" + review.reviewer + "，" + review.created_at.slice(0, 10) + "）",
        review.note ? "：" + review.note : "",
        review.state === "resolved" ? el("span", { class: "badge pass" }, "已解决：重新解析后此问题不再出现") : null));
    }
    if (!writes) return box;
    const verdict = el("select", { name: "verdict" }, el("option", { value: "confirmed" }, "确认"), el("option", { value: "dismissed" }, "驳回"));
    const note = el("input", { name: "note", placeholder: "说明", size: 30 });
    const who = el("input", { name: "reviewer", placeholder: "复核人", size: 8, value: localStorage.getItem("gk-reviewer") || "" });
    const tok = el("input", { name: "token", type: "password", placeholder: "令牌", size: 8, value: token() });
    const msg = el("span", { class: "small muted" });
    const form = el("form", { class: "review-form small" }, verdict, note, who, tok, el("button", { type: "submit" }, "提交复核"), msg);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      sessionStorage.setItem("gk-token", tok.value);
      localStorage.setItem("gk-reviewer", who.value);
      try {
        const r = await fetch("/api/reports/" + reportID + "/reviews", {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: "Bearer " + tok.value },
          body: JSON.stringify({ finding: finding, verdict: verdict.value, note: note.value, reviewer: who.value }),
        });
        const body = await r.json().catch(() => ({}));
        if (!r.ok) throw new Error(body.error || "HTTP " + r.status);
        await reload();
      } catch (err) {
        msg.textContent = "未保存：" + err.message;
      }
    });
    box.append(form);
    return box;
  }

  function copiesSection(f, reviews, reload) {
    const c = f.copies;
    const sec = el("section", { id: "copies" }, el("h2", null, "内容雷同"));
    if (!c.ran) {
      sec.append(el("p", { class: "note" }, "尚未检测雷同内容（运行 gongkai similar --rebuild）。"));
      return sec;
    }
    if (c.stale) sec.append(el("p", { class: "note" }, "报告库在上次检测后有变化，结果可能已过时（gongkai similar --rebuild）。"));
    if (!c.share) {
      sec.append(el("p", { class: "muted" }, "这份报告未参与检测（机关或年度不详，或不是计入的版本）。"));
      return sec;
    }
    sec.append(el("p", null, `本报告自有文字（模板套话除外）中 ${c.percent.toFixed(1)}% 与其他报告雷同` +
      `（与本机关往年 ${c.share.copied_self} 字，与同年其他机关 ${c.share.copied_other} 字；模板套话 ${c.share.boilerplate} 字不计）。`));
    const groups = new Map();
    for (const p of c.passages) {
      if (!groups.has(p.source)) groups.set(p.source, []);
      groups.get(p.source).push(p);
    }
    for (const [src, ps] of groups) {
      const finding = "copied:" + src;
      const box = el("div", { class: "copy-source", "data-source": src },
        el("h3", null, el("a", { href: "/report?id=" + encodeURIComponent(src), class: "copy-link" }, c.sources[src] || src),
          el("span", { class: "badge" }, KIND[ps[0].kind] || ps[0].kind)));
      for (const p of ps) {
        box.append(el("table", { class: "data copy" },
          el("tr", null, el("th", null, `本报告 第 ${p.from + 1}–${p.to} 句`), el("th", null, `来源 第 ${p.source_from + 1}–${p.source_to} 句（相似度 ${p.similarity.toFixed(2)}）`)),
          el("tr", null, el("td", { class: "copy-text" }, p.text), el("td", { class: "copy-source-text" }, p.source_text))));
      }
      box.append(reviewBox(f.report, finding, reviews[finding], f.writes, reload));
      sec.append(box);
    }
    if (c.copied_by_later.length) {
      const later = new Set(c.copied_by_later.map((p) => p.report));
      const ul = el("ul", { class: "small" });
      for (const id of later) ul.append(el("li", null, el("a", { href: "/report?id=" + encodeURIComponent(id) }, c.sources[id] || id), " 沿用了本报告的段落"));
      sec.append(el("h3", null, "沿用本报告文字的后续报告"), ul);
    }
    if (!groups.size && !c.copied_by_later.length) sec.append(el("p", { class: "muted" }, "没有发现与其他报告雷同的段落（两句以上）。"));
    return sec;
  }

  // GK.findings loads and shows, before the node after, the reviews of
  // report r's findings and, after it, the copied-text section.
  GK.findings = async function (r, after) {
    const reload = async () => {
      const f = await GK.api("/api/reports/" + r.id + "/findings");
      const reviews = {};
      for (const v of f.reviews) if (!v.superseded && !reviews[v.finding]) reviews[v.finding] = v;
      // The findings to review: the failed or warned checks, and any
      // reviewed before (a resolved one may now pass).
      document.getElementById("reviews")?.remove();
      const list = el("ul", { class: "checks" });
      for (const c of r.checks || []) {
        if (c.status !== "fail" && c.status !== "warn" && !reviews[c.id]) continue;
        list.append(el("li", { class: c.status, "data-finding": c.id }, el("b", null, c.id + " "),
          el("span", { class: "badge " + c.status }, GK.checkStatus[c.status] || c.status), reviewBox(r.id, c.id, reviews[c.id], f.writes, reload)));
      }
      if (list.children.length) after.before(el("section", { id: "reviews" }, el("h3", null, "复核"), list));
      document.getElementById("copies")?.remove();
      after.after(copiesSection(f, reviews, reload));
      document.body.dataset.findings = "1";
    };
    try { await reload(); } catch (err) { after.after(el("p", { class: "error" }, "未能载入雷同检测与复核：" + err.message)); }
  };
})();
