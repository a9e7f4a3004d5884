// /source?id=ID&key=KEY: a table value in its original. The cell's place
// (cells[].at) says where: a PDF page is drawn here by pdf.js (vendored in
// /static/pdfjs, see its VERSION and scripts/update-pdfjs.sh) with the
// value's box drawn over it; HTML, DOCX, text and Markdown originals are
// marked by the server (/api/reports/ID/original?at=PATH or ?line=N) and
// scrolled to with #gongkai-mark.
import * as pdfjsLib from "/static/pdfjs/pdf.min.mjs";

pdfjsLib.GlobalWorkerOptions.workerSrc = "/static/pdfjs/pdf.worker.min.mjs";

const main = document.getElementById("main");

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

function fail(msg) {
  main.replaceChildren(el("p", { class: "error", id: "source-error" }, msg));
}

// textIn returns the text pdf.js finds inside box ([x0, y0, x1, y1], user
// space): the characters of each text item whose share of the item's
// advance falls inside the box, on a baseline within it.
function textIn(items, box) {
  const [x0, y0, x1, y1] = box;
  const slack = Math.max(1, (y1 - y0) * 0.25);
  let out = "";
  for (const it of items) {
    if (!it.str || !it.transform) continue;
    const x = it.transform[4], y = it.transform[5];
    if (y < y0 - slack || y > y1 + slack) continue;
    const chars = Array.from(it.str);
    const w = it.width / Math.max(chars.length, 1);
    chars.forEach((ch, i) => {
      const cx = x + w * (i + 0.5);
      if (cx >= x0 - 1 && cx <= x1 + 1) out += ch;
    });
  }
  return out.replace(/\s+/g, "");
}

async function showPDF(r, c, orig) {
  const at = c.at;
  const data = await (await fetch(orig)).arrayBuffer();
  const pdf = await pdfjsLib.getDocument({
    data,
    cMapUrl: "/static/pdfjs/cmaps/",
    cMapPacked: true,
    standardFontDataUrl: "/static/pdfjs/standard_fonts/",
    isEvalSupported: false,
  }).promise;
  if (at.page < 1 || at.page > pdf.numPages) {
    fail(`第 ${at.page} 页不存在（共 ${pdf.numPages} 页）`);
    return;
  }
  const page = await pdf.getPage(at.page);
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(2, Math.max(1, 900 / base.width));
  const viewport = page.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;
  const canvas = el("canvas");
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = Math.floor(viewport.width) + "px";
  canvas.style.height = Math.floor(viewport.height) + "px";
  const holder = el("div", { class: "pdfpage", "data-page": at.page });
  holder.append(canvas);
  main.append(holder);
  await page.render({
    canvasContext: canvas.getContext("2d"),
    viewport,
    transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null,
  }).promise;
  // The box in user space to CSS pixels, by the viewport's transform.
  const m = viewport.transform;
  const pt = (x, y) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  const [ax, ay] = pt(at.box[0], at.box[1]);
  const [bx, by] = pt(at.box[2], at.box[3]);
  const left = Math.min(ax, bx), top = Math.min(ay, by);
  const pad = 3;
  const mark = el("div", { class: "mark", id: "gongkai-mark", "data-key": c.key, "data-page": at.page });
  mark.style.left = (left - pad) + "px";
  mark.style.top = (top - pad) + "px";
  mark.style.width = (Math.abs(bx - ax) + 2 * pad) + "px";
  mark.style.height = (Math.abs(by - ay) + 2 * pad) + "px";
  const tc = await page.getTextContent();
  mark.setAttribute("data-text", textIn(tc.items, at.box));
  holder.append(mark);
  mark.scrollIntoView({ block: "center" });
  document.getElementById("status").textContent = `第 ${at.page} 页（共 ${pdf.numPages} 页）`;
}

async function run() {
  const q = new URLSearchParams(location.search);
  const id = q.get("id") || "", key = q.get("key") || "";
  let r;
  try {
    const res = await fetch("/api/reports/" + encodeURIComponent(id), { headers: { Accept: "application/json" } });
    r = await res.json();
    if (!res.ok) throw new Error(r.error || "HTTP " + res.status);
  } catch (e) {
    fail("读取报告失败：" + e.message);
    return;
  }
  const c = (r.cells || []).find((x) => x.key === key);
  if (!c) { fail(`报告中没有 ${key} 这一格`); return; }
  const orig = "/api/reports/" + encodeURIComponent(r.id) + "/original";
  document.title = `${key} · ${r.title || r.office_full || r.id} · 原文位置`;
  main.replaceChildren(
    el("h1", null, r.title || r.office_full || r.id),
    el("p", null, `${key}：原文「${c.raw}」，${c.where || ""} `, el("span", { id: "status", class: "muted" }, "载入中…"), " ",
      el("a", { href: "/report?id=" + encodeURIComponent(r.id) }, "返回报告"), " ",
      el("a", { href: orig, target: "_blank", rel: "noopener" }, "查看原始文件")));
  const at = c.at;
  if (!at) { fail(`${key} 没有记录在原文中的位置（重新解析后才有：gongkai reparse --all）`); return; }
  const fmt = r.source && r.source.format;
  try {
    if (fmt === "pdf" && at.page && at.box) {
      await showPDF(r, c, orig);
    } else if ((fmt === "html" || fmt === "docx" || fmt === "doc" || fmt === "wps") && at.path) {
      location.replace(orig + "?at=" + encodeURIComponent(at.path) + "#gongkai-mark");
    } else if ((fmt === "text" || fmt === "markdown") && at.line) {
      location.replace(orig + "?line=" + at.line + "#gongkai-mark");
    } else {
      fail(`无法在 ${fmt} 原文中标出这一位置`);
    }
  } catch (e) {
    fail("显示原文失败：" + e.message);
  }
}

run();
