// Package template aligns a document's tables to the national template
// (tables 二, 三 and 四 of the 2019 and 2021 forms): it is step 5 of the
// parse pipeline (see package parser), between the layout form the
// extractors produce and the recognition of title, dates and office.
//
// Its steps, each in its own file:
//
//   - stream.go, normalize.go: the document as a token stream, normalised
//     (reference §5), with a compact string for label search; values as
//     printed classified (blank, dash, number, text).
//   - locate.go, find.go, labels.go: the tables located by their anchors,
//     row labels found in the compact string.
//   - align_rows.go, align_tables.go: rows aligned by label (table 三 in
//     order, table 二 in any order, table 四 as one row of 15 values), with
//     joint resolution of ambiguous rows by the column totals.
//   - split.go, fit.go: values collected between labels, fitted to the
//     template's column count; digits run together split, merged export
//     lines restored, a doubtful row kept uncertain.
//   - put.go: the values put into the record (Tables, Cells, diagnostics).
//
// Align is the entry point. The package imports corpus and parser/layout,
// never parser.
package template

import (
	"fmt"

	"gongkai/corpus"
	"gongkai/parser/layout"
)

// Align finds and reads tables 二, 三 and 四 of doc into r (Template,
// Templates, Tables, Cells and the diagnostics of the reading), detecting
// each table's template from its own headers (reference §2.7).
func Align(r *corpus.Report, doc *layout.Document) {
	st := newStream(doc)
	rg := st.locate()
	r.Template = corpus.TemplateUnknown
	if rg.t3[0] >= 0 {
		tpl := corpus.Template2019
		if st.containsAny(applyMarkers2021, rg.t3[0], rg.t3[1]) {
			tpl = corpus.Template2021
		}
		r.Templates["apply"] = tpl
		r.Templates["review"] = tpl
		putApply(r, st.alignApply(rg, tpl))
		r.Template = tpl
	}
	if rg.t2[0] >= 0 {
		has21 := st.containsAny(activeMarkers2021, rg.t2[0], rg.t2[1])
		has19 := st.containsAny(activeMarkers2019, rg.t2[0], rg.t2[1])
		tpl := r.Templates["apply"]
		switch {
		case has21 && !has19:
			tpl = corpus.Template2021
		case has19 && !has21:
			tpl = corpus.Template2019
		case tpl == "":
			tpl = corpus.Template2021
			r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: corpus.SevWarning, Message: "table 二: template markers not found; read as 2021", Where: "table 二"})
		}
		r.Templates["active"] = tpl
		rows, defs := st.alignActive(rg, tpl)
		putActive(r, rows, defs)
		if r.Template == corpus.TemplateUnknown {
			r.Template = tpl
		}
		if a := r.Templates["apply"]; a != "" && a != tpl {
			// A hybrid (seen: a 2023 report with the 2021 table 二 and a table
			// 三 whose （六）其他处理 has no sub-rows). Table 二's 2021 headers
			// cannot appear in a 2019-form report, while a 2021 table 三 can
			// lack its sub-rows, so the report counts as the newer template;
			// each table keeps its own template in Templates.
			r.Template = max(tpl, a)
			r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: corpus.SevWarning, Message: fmt.Sprintf("hybrid: table 二 follows the %s template, table 三 the %s template; the report counts as %s", tpl, a, r.Template)})
		}
	}
	if rg.t4[0] >= 0 {
		putReview(r, st.alignReview(rg))
		if r.Templates["review"] == "" {
			r.Templates["review"] = r.Template
		}
	}
}
