// The OCR notice of the report page (issue 10): a report read from scans
// or pictures says so — the engine, its version and the pages or pictures
// it read (source.ocr) — and its table cells show how sure the engine was
// (cells[].confidence): uncertain cells (value withheld) are counted and
// stay marked "?", values kept with a confidence under LOW are marked for
// checking against the original. Called by report.js once the page is
// built; a report without OCR is left alone.
"use strict";

(function () {
  const el = GK.el;
  const LOW = 0.9;

  // "tesseract 5.3.0: pages 1-3, 5" / "…: 1 of 2 picture(s)" / "…: 5 of 5 image(s)"
  function parse(s) {
    const m = /^(\S+)\s+(v?\d[^\s:]*):\s*(.*)$/.exec(s || "");
    if (!m) return { engine: s, version: "", what: "" };
    let what = m[3];
    let p;
    if ((p = /^pages?\s+(.+)$/.exec(what))) what = "第 " + p[1] + " 页";
    else if ((p = /^(\d+) of (\d+) (picture|image)/.exec(what))) what = p[2] + " 张图片中的 " + p[1] + " 张";
    return { engine: m[1], version: m[2], what: what };
  }

  GK.ocrNote = function (r, main) {
    if (!r || !r.source || !r.source.ocr) return;
    const o = parse(r.source.ocr);
    const cells = r.cells || [];
    const unc = cells.filter((c) => c.uncertain);
    const low = cells.filter((c) => !c.uncertain && c.confidence > 0 && c.confidence < LOW);
    const box = el("div", { id: "ocr-note", class: "ocr-note" },
      el("strong", null, "本报告由文字识别（OCR）读出"),
      el("span", { class: "ocr-engine" }, "识别引擎 ", el("code", null, o.engine), o.version ? el("span", null, " 版本 ", el("code", { class: "ocr-version" }, o.version)) : null),
      o.what ? el("span", { class: "ocr-pages" }, "识别范围：" + o.what) : null,
      el("span", { class: "ocr-unc" }, unc.length ? unc.length + " 格未能确定（标「?」，数值不计入核对）" : "表格数值均达到置信度要求"),
      low.length ? el("span", { class: "ocr-low" }, low.length + " 格置信度低于 " + Math.round(LOW * 100) + "%（虚线标出），请与原件核对") : null,
      el("span", { class: "muted small" }, "识别结果未作任何自动更正；核对未通过的格子可能是识别错误。"));
    const meta = main.querySelector("dl.meta");
    if (meta) meta.after(box); else main.prepend(box);
    const byKey = {};
    for (const c of cells) byKey[c.key] = c;
    for (const td of main.querySelectorAll("td.v[data-key]")) {
      const c = byKey[td.dataset.key];
      if (!c || !(c.confidence > 0)) continue;
      const pct = Math.round(c.confidence * 100);
      td.dataset.conf = String(pct);
      td.title += "\n识别置信度 " + pct + "%";
      if (!c.uncertain && c.confidence < LOW) td.classList.add("lowconf");
    }
  };
})();
