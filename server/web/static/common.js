// Shared helpers of the gongkai pages: fetching the API, building DOM
// safely (text only; snippets keep nothing but <mark>), Chinese labels.
"use strict";

const GK = {};

GK.api = async function (path, params) {
  const u = new URL(path, location.origin);
  if (params) {
    for (const [k, v] of Object.entries(params)) {
      if (v !== undefined && v !== null && v !== "" && v !== false) u.searchParams.set(k, v === true ? "1" : v);
    }
  }
  const r = await fetch(u, { headers: { Accept: "application/json" } });
  let body;
  try { body = await r.json(); } catch (e) { body = { error: "HTTP " + r.status }; }
  if (!r.ok) throw new Error(body.error || "HTTP " + r.status);
  return body;
};

// el("div", {class: "x", href: "…"}, child, "text", …)
GK.el = function (tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids.flat()) {
    if (k === undefined || k === null || k === false) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
};

// fill replaces a node's children, skipping null and undefined.
GK.fill = function (node, ...kids) {
  node.replaceChildren(...kids.flat().filter((k) => k !== null && k !== undefined && k !== false));
};

GK.svg = function (tag, attrs, ...kids) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") e.textContent = v; else e.setAttribute(k, v);
  }
  for (const k of kids.flat()) if (k) e.append(k);
  return e;
};

const ENT = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#34;": '"', "&#39;": "'", "&nbsp;": "\u00a0" };
GK.unescape = (s) => s.replace(/&(lt|gt|amp|quot|#34|#39|nbsp);/g, (m) => ENT[m]);

// snippet turns an index snippet (HTML-escaped text with <mark>…</mark>)
// into nodes: text and <mark> only, whatever the snippet holds.
GK.snippet = function (s) {
  const p = GK.el("p", { class: "snip" });
  const parts = String(s).split(/(<mark>|<\/mark>)/);
  let inMark = false;
  for (const part of parts) {
    if (part === "<mark>") { inMark = true; continue; }
    if (part === "</mark>") { inMark = false; continue; }
    const text = GK.unescape(part);
    p.append(inMark ? GK.el("mark", null, text) : document.createTextNode(text));
  }
  return p;
};

GK.level = { national: "中央", province: "省级", city: "市级", county: "县级", township: "乡镇（街道）", unknown: "未知" };
GK.template = { "2019": "2019 版模板", "2021": "2021 版模板", legacy: "2019 年以前", unknown: "未识别" };
GK.kind = { government: "人民政府", general_office: "政府办公厅（室）", department: "部门", subdistrict: "街道", zone: "开发区", other: "其他" };
GK.format = { html: "网页 HTML", pdf: "PDF", docx: "Word DOCX", doc: "Word DOC", wps: "WPS", text: "纯文本", markdown: "Markdown" };
GK.checkStatus = { pass: "通过", fail: "未通过", warn: "存疑", not_assessable: "无法判断" };

GK.metrics = [
  ["apply.new_received.total", "本年新收申请"],
  ["apply.carried_over.total", "上年结转申请"],
  ["apply.result_total.total", "办理结果总计"],
  ["apply.granted.total", "予以公开"],
  ["apply.partial.total", "部分公开"],
  ["apply.denied.total", "不予公开"],
  ["apply.unable.total", "无法提供"],
  ["apply.not_processed.total", "不予处理"],
  ["apply.carry_forward.total", "结转下年度"],
  ["review.total", "行政复议"],
  ["review.corrected", "复议纠错"],
  ["suit.total", "行政诉讼"],
  ["rate.granted", "予以公开率"],
  ["rate.denied", "不予公开率"],
  ["rate.review_corrected", "复议纠错率"],
];
GK.metricName = function (m) {
  for (const [k, v] of GK.metrics) if (k === m) return v;
  return m;
};
GK.isRate = (m) => m.startsWith("rate.");
GK.fmt = function (v, metric) {
  if (v === null || v === undefined) return "—";
  if (metric && GK.isRate(metric)) return (v * 100).toFixed(1) + "%";
  return Number.isInteger(v) ? v.toLocaleString("zh-CN") : v.toLocaleString("zh-CN", { maximumFractionDigits: 2 });
};

GK.region = function (r) {
  if (!r) return "";
  const out = [];
  for (const p of [r.province, r.city, r.county, r.town]) if (p && !out.includes(p)) out.push(p);
  return out.join(" ");
};

GK.showError = function (where, err) {
  where.replaceChildren(GK.el("div", { class: "error", role: "alert" }, "出错了：" + (err && err.message ? err.message : err)));
};

GK.params = () => new URLSearchParams(location.search);
