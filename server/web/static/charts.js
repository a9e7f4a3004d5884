// Small SVG charts drawn without any library: a line chart (one series
// over years), grouped bars (offices side by side) and horizontal bars
// (rankings).
"use strict";

const Charts = {};
Charts.palette = ["#b3261e", "#2f6fb0", "#1a7f37", "#9a6700", "#6f42c1", "#d1495b", "#00798c", "#8d6e63"];

// nice rounds a maximum up to 1, 2 or 5 × 10^k and returns ticks.
Charts.ticks = function (max) {
  if (!(max > 0)) return [0, 1];
  const step0 = max / 4;
  const mag = Math.pow(10, Math.floor(Math.log10(step0)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0);
  const out = [];
  for (let v = 0; v <= max + step * 0.001; v += step) out.push(v);
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
  return out;
};

Charts.short = function (v, metric) {
  if (v === null || v === undefined) return "";
  if (metric && GK.isRate(metric)) return Math.round(v * 100) + "%";
  if (Math.abs(v) >= 10000) return (v / 10000).toFixed(1).replace(/\.0$/, "") + "万";
  return GK.fmt(v);
};

// line draws values (null = missing) over labels.
Charts.line = function (labels, values, metric) {
  const W = 380, H = 190, L = 46, R = 12, T = 16, B = 26;
  const svg = GK.svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" });
  const vals = values.filter((v) => v !== null && v !== undefined);
  const ticks = Charts.ticks(Math.max(0, ...vals));
  const top = ticks[ticks.length - 1] || 1;
  const x = (i) => L + (labels.length === 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (labels.length - 1));
  const y = (v) => T + (H - T - B) * (1 - v / top);
  for (const t of ticks) {
    svg.append(GK.svg("line", { class: "grid", x1: L, x2: W - R, y1: y(t), y2: y(t) }),
      GK.svg("text", { x: L - 6, y: y(t) + 4, "text-anchor": "end", text: Charts.short(t, metric) }));
  }
  svg.append(GK.svg("line", { class: "axis", x1: L, x2: W - R, y1: H - B, y2: H - B }));
  labels.forEach((l, i) => svg.append(GK.svg("text", { x: x(i), y: H - 8, "text-anchor": "middle", text: l })));
  let d = "", pen = false;
  values.forEach((v, i) => {
    if (v === null || v === undefined) { pen = false; return; }
    d += (pen ? "L" : "M") + x(i).toFixed(1) + "," + y(v).toFixed(1);
    pen = true;
  });
  if (d) svg.append(GK.svg("path", { class: "line", d }));
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    svg.append(GK.svg("circle", { class: "dot", cx: x(i), cy: y(v), r: 3.5 }, GK.svg("title", { text: labels[i] + "：" + GK.fmt(v, metric) })),
      GK.svg("text", { class: "val", x: x(i), y: y(v) - 7, "text-anchor": "middle", text: Charts.short(v, metric) }));
  });
  return svg;
};

// bars draws one bar per series (offices) for one metric.
Charts.bars = function (names, values, metric) {
  const W = 380, H = 190, L = 46, R = 12, T = 16, B = 14;
  const svg = GK.svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" });
  const ticks = Charts.ticks(Math.max(0, ...values.filter((v) => v !== null)));
  const top = ticks[ticks.length - 1] || 1;
  const y = (v) => T + (H - T - B) * (1 - v / top);
  for (const t of ticks) {
    svg.append(GK.svg("line", { class: "grid", x1: L, x2: W - R, y1: y(t), y2: y(t) }),
      GK.svg("text", { x: L - 6, y: y(t) + 4, "text-anchor": "end", text: Charts.short(t, metric) }));
  }
  const slot = (W - L - R) / Math.max(1, names.length);
  const bw = Math.min(46, slot * 0.7);
  values.forEach((v, i) => {
    const cx = L + slot * i + slot / 2;
    if (v === null || v === undefined) {
      svg.append(GK.svg("text", { x: cx, y: H - B - 4, "text-anchor": "middle", text: "无" }));
      return;
    }
    svg.append(GK.svg("rect", { x: cx - bw / 2, y: y(v), width: bw, height: Math.max(0, H - B - y(v)), fill: Charts.palette[i % Charts.palette.length] },
      GK.svg("title", { text: names[i] + "：" + GK.fmt(v, metric) })),
      GK.svg("text", { class: "val", x: cx, y: y(v) - 4, "text-anchor": "middle", text: Charts.short(v, metric) }));
  });
  svg.append(GK.svg("line", { class: "axis", x1: L, x2: W - R, y1: H - B, y2: H - B }));
  return svg;
};

// hbars draws a ranking: one horizontal bar per row.
Charts.hbars = function (rows, metric) {
  const W = 900, L = 250, R = 70, row = 26, T = 8;
  const H = T * 2 + rows.length * row;
  const svg = GK.svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" });
  const max = Math.max(0, ...rows.map((r) => r.value || 0)) || 1;
  rows.forEach((r, i) => {
    const y = T + i * row;
    const w = ((W - L - R) * (r.value || 0)) / max;
    const label = r.label.length > 18 ? r.label.slice(0, 17) + "…" : r.label;
    svg.append(GK.svg("text", { x: L - 8, y: y + row / 2 + 4, "text-anchor": "end", text: `${r.rank}. ${label}` }, GK.svg("title", { text: r.label })),
      GK.svg("rect", { class: "bar" + (i % 2 ? " alt" : ""), x: L, y: y + 4, width: Math.max(1, w), height: row - 8 }),
      GK.svg("text", { class: "val", x: L + w + 6, y: y + row / 2 + 4, text: GK.fmt(r.value, metric) }));
  });
  return svg;
};
