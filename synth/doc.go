// Package synth generates synthetic 政府信息公开工作年度报告 with a known truth.
//
// Generate draws report specifications (Spec) from a seed: an office over a
// small hand-written set of real regions, a year, the template of that year
// (with a few stragglers on the older template), tables whose values satisfy
// the accounting identities C1–C4 of reference/ogi-format.md §2.5 unless a
// rule is deliberately broken, prose sections and a signature block. Each
// Spec carries the expected corpus.Report (Spec.Truth).
//
// Renderers turn a Spec into the formats the parser meets: GBK HTML pages with
// government-site chrome and Word-pasted markup (RenderHTML), flattened text
// (RenderText), Markdown (RenderMarkdown) and real .docx files (RenderDOCX);
// Convert turns a .docx into PDF or .doc with LibreOffice. RenderBroken makes
// hostile or unusual inputs, and WriteArchive writes a whole mixed archive with
// a manifest.json of the truths.
//
// Everything is deterministic: the same Options and index give byte-identical
// HTML, text, Markdown and DOCX. All renderers build on one internal document
// model (model.go), so the renditions agree with each other and with the truth.
package synth
