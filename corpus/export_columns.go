package corpus

import (
	"fmt"
	"slices"
)

// The columns of an export: what each holds, in order (EXPORT.md).

// Export formats.
const (
	FormatCSV   = "csv"   // RFC 4180 CSV with a header row (encoding/csv)
	FormatJSONL = "jsonl" // one JSON object per line, keyed by column name
)

// Column kinds: the JSON type of a column's values in JSONL. CSV writes
// every kind as text; an empty CSV field is a JSON null.
const (
	KindString  = "string"
	KindInteger = "integer"
	KindNumber  = "number"
	KindBoolean = "boolean"
)

// Column describes one column of an export.
type Column struct {
	Name string // the CSV header and the JSONL key
	Kind string // KindString, KindInteger, KindNumber or KindBoolean
	Doc  string // what the column holds
}

// field is a column whose value comes from a SQL expression over the
// reports row r (text, or NULL for empty).
type field struct {
	Column
	expr string
}

// metaFields are the report columns, in the wide format's order.
var metaFields = []field{
	{Column{"report_id", KindString, "the report's id: the first 12 hex digits of its file's sha256 (gongkai show ID)"}, "r.id"},
	{Column{"sha256", KindString, "the sha256 of the file the report was parsed from"}, "r.sha256"},
	{Column{"title", KindString, "the report's title"}, "r.title"},
	{Column{"office", KindString, "the reporting office as the title names it"}, "r.office"},
	{Column{"office_full", KindString, "the office's region-qualified, canonical name"}, "r.office_full"},
	{Column{"province", KindString, "province-level division (empty when unknown)"}, "r.province"},
	{Column{"city", KindString, "prefecture-level division"}, "r.city"},
	{Column{"county", KindString, "county-level division"}, "r.county"},
	{Column{"town", KindString, "township-level division (街道, 镇, 乡)"}, "r.town"},
	{Column{"region_code", KindString, "the deepest GB/T 2260 (or statistical, for towns) division code known"}, "r.region_code"},
	{Column{"level", KindString, "national | province | city | county | township | unknown"}, "r.level"},
	{Column{"kind", KindString, "government | general_office | department | subdistrict | zone | other"}, "r.kind"},
	{Column{"year", KindInteger, "the reporting (statistical) year; empty when unknown"}, "nullif(r.year, 0)"},
	{Column{"published", KindString, "when the report was made public (YYYY-MM-DD): the page's or export's 发布时间/发布日期, else the crawl's listing date, else the signature date; empty when unknown"}, "r.published"},
	{Column{"signed", KindString, "the date the report bears at its end, its signature (落款), YYYY-MM-DD; empty when none"}, "r.signed"},
	{Column{"template", KindString, "2019 | 2021 | legacy | unknown: the national template the tables follow"}, "r.template"},
	{Column{"status", KindString, "ok | warnings | errors: the worst parser diagnostic"}, "r.status"},
	{Column{"checks_failed", KindInteger, "how many accounting checks (C1…C8) failed"}, "r.checks_failed"},
	{Column{"published_on_time", KindString, "check C9: pass (published by the deadline of the regulation in force), fail (late), not_assessable (no publication date, or no deadline for the year)"},
		"(SELECT t.status FROM checks t WHERE t.report_id = r.id AND t.id = 'C9')"},
	{Column{"reviews", KindInteger, "how many of the report's findings a person reviewed (gongkai review; the reviews themselves: gongkai reviews --csv)"},
		"(SELECT count(DISTINCT v.finding) FROM reviews v WHERE v.report_id = r.id)"},
	{Column{"uncertain_values", KindInteger, "how many table values could not be read with certainty"}, "r.uncertain"},
	{Column{"primary", KindBoolean, "true for the rendition that counts (a report published as page and PDF has two)"}, "CASE WHEN r.primary_rendition THEN 'true' ELSE 'false' END"},
	{Column{"parser_version", KindString, "the parser version that read the report"}, "r.parser_version"},
}

func metaField(name string) field {
	for _, f := range metaFields {
		if f.Name == name {
			return f
		}
	}
	panic("corpus: no report column " + name)
}

// longMeta are the report columns of the long format (primary is written last).
var longMeta = func() []field {
	var out []field
	for _, n := range []string{"report_id", "office", "office_full", "region_code", "province", "city", "county", "town", "level", "year", "template", "primary"} {
		out = append(out, metaField(n))
	}
	return out
}()

// longValueColumns follow the report columns in the long format.
var longValueColumns = []Column{
	{"table", KindString, "active (table 二) | apply (三) | review, suit_direct, suit_after_review (四)"},
	{"row", KindString, "the row key: granted, a20_1.normative, … (empty for table 四)"},
	{"column", KindString, "the column key: natural_person … total (三), upheld … total (四), valid, issued, … (二)"},
	{"key", KindString, "the full value key table.row.column (table.column for 四), as in the report JSON and the wide format"},
	{"value", KindNumber, "the value; empty (null) when blank, dash, text or uncertain: never 0 for a blank"},
	{"raw", KindString, "the cell's text as printed"},
	{"state", KindString, "number | blank | dash | text"},
	{"uncertain", KindBoolean, "true when the digits could not be split into columns with certainty (value empty)"},
	{"location", KindString, "where the value was read: page N, table 三 row N"},
}

// LongColumns are the columns of the long format, in order.
func LongColumns() []Column {
	var out []Column
	for _, f := range longMeta[:len(longMeta)-1] {
		out = append(out, f.Column)
	}
	out = append(out, longValueColumns...)
	return append(out, longMeta[len(longMeta)-1].Column)
}

// WideColumns are the columns of the wide format, in order: the report
// columns, then the key figures (WideKeys).
func WideColumns() []Column {
	var out []Column
	for _, f := range metaFields {
		out = append(out, f.Column)
	}
	for _, fc := range figureCols {
		out = append(out, fc.Column)
	}
	return out
}

// WideKeys are the value keys of the wide format's figure columns, in
// order: table 二 (the 2019 keys, then those only 2021 has), table 三
// (every row of both templates, each group's derived total after it),
// table 四 and suit.total.
func WideKeys() []string {
	out := make([]string, len(figureCols))
	for i, fc := range figureCols {
		out[i] = fc.Name
	}
	return out
}

// figureCol is a wide column and how to read it from a report's tables.
type figureCol struct {
	Column
	get func(t *Tables) *float64
}

var figureCols = buildFigureCols()

// keyOrder numbers the value keys in printed order (the long format's order
// within a report).
var keyOrder = func() map[string]int {
	m := make(map[string]int, len(figureCols))
	for i, fc := range figureCols {
		m[fc.Name] = i
	}
	return m
}()

func buildFigureCols() []figureCol {
	var out []figureCol
	num := func(key, doc string, get func(t *Tables) *float64) {
		out = append(out, figureCol{Column{key, KindNumber, doc}, get})
	}
	for _, k := range activeUnion() {
		num("active."+k.Key, fmt.Sprintf("table 二, 第二十条第（%d）项 (template %s)", k.Item, k.tmpl), func(t *Tables) *float64 { return t.Active[k.Key] })
	}
	derivedAfter := map[string]string{"denied_admin_query": "denied", "unable_unclear": "unable", "np_confirm": "not_processed", "other_total": "other"}
	for _, row := range wideApplyRows() {
		for ci, col := range ApplyColumns {
			num("apply."+row+"."+col, "table 三, row "+row+", column "+col, func(t *Tables) *float64 { return at(t.Apply[row], ci) })
		}
		if d, ok := derivedAfter[row]; ok {
			num("apply."+d+".total", "derived: the "+d+" group of table 三 added, column total", func(t *Tables) *float64 { return at(t.Apply[d], 6) })
		}
	}
	for _, g := range []struct {
		name string
		vals func(t *Tables) []*float64
	}{
		{"review", func(t *Tables) []*float64 { return t.Review }},
		{"suit_direct", func(t *Tables) []*float64 { return t.SuitDirect }},
		{"suit_after_review", func(t *Tables) []*float64 { return t.SuitAfterReview }},
	} {
		for ci, col := range ReviewColumns {
			num(g.name+"."+col, "table 四, "+g.name+", column "+col, func(t *Tables) *float64 { return at(g.vals(t), ci) })
		}
	}
	num("suit.total", "derived: suit_direct.total + suit_after_review.total", func(t *Tables) *float64 { return at(t.Suit, 4) })
	return out
}

func at(vals []*float64, i int) *float64 {
	if i < len(vals) {
		return vals[i]
	}
	return nil
}

type templateKey struct {
	ActiveKey
	tmpl string
}

// activeUnion lists the table 二 keys of the 2019 template, then those only
// the 2021 template has.
func activeUnion() []templateKey {
	var out []templateKey
	seen := map[string]int{}
	for _, tmpl := range []string{Template2019, Template2021} {
		for _, k := range ActiveKeys(tmpl) {
			if i, ok := seen[k.Key]; ok {
				out[i].tmpl = "2019, 2021"
				continue
			}
			seen[k.Key] = len(out)
			out = append(out, templateKey{k, tmpl})
		}
	}
	return out
}

// wideApplyRows are the rows of table 三 in the 2021 order, with the
// 2019 other_total (derived in 2021) before result_total.
func wideApplyRows() []string {
	rows := ApplyRows(Template2021)
	i := slices.Index(rows, "result_total")
	return slices.Insert(rows, i, "other_total")
}
