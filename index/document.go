package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"gongkai/corpus"
)

// The fields every backend indexes for a report (index/bleve/FIELDS.md
// documents them). They are defined here, not in a backend, so that each
// backend derives the same values in the same way: index/bleve stores
// Document as it is, index/sphinx writes it as RT fields and attributes.
const (
	FieldTitle      = "title"
	FieldOffice     = "office" // text: office names
	FieldOfficeKW   = "office_kw"
	FieldOfficeFull = "office_full_kw"
	FieldOfficeKey  = "office_key" // corpus.OfficeKey: the office identity filter
	FieldProvince   = "province"
	FieldCity       = "city"
	FieldCounty     = "county"
	FieldTown       = "town"
	FieldRegionCode = "region_code"
	FieldLevel      = "level"
	FieldKind       = "kind"
	FieldTemplate   = "template"
	FieldYear       = "year"
	FieldYearKW     = "year_kw"
	FieldPublished  = "published"
	FieldFailed     = "failed"
	FieldTimely     = "c9" // C9 "published on time": pass | fail | not_assessable
	FieldBody       = "body"
	FieldHeads      = "heads"
	FieldIndexNo    = "index_no"
	FieldDocNo      = "doc_no"
	FieldRendition  = "rendition"
	FieldFormat     = "format"
	FieldSHA        = "sha256"
)

// KeywordFields are the exact-match fields, in a fixed order; facet names
// map onto some.
var KeywordFields = []string{FieldOfficeKW, FieldOfficeFull, FieldOfficeKey, FieldProvince, FieldCity, FieldCounty,
	FieldTown, FieldRegionCode, FieldLevel, FieldKind, FieldTemplate, FieldYearKW, FieldFailed, FieldTimely,
	FieldIndexNo, FieldDocNo, FieldRendition, FieldFormat, FieldSHA}

// FacetFields maps the facet names of Request to keyword fields.
var FacetFields = map[string]string{
	"year": FieldYearKW, "province": FieldProvince, "city": FieldCity, "county": FieldCounty, "town": FieldTown,
	"level": FieldLevel, "template": FieldTemplate, "failed": FieldFailed, "kind": FieldKind, "office": FieldOfficeFull,
	"c9": FieldTimely,
}

// FacetSize is the number of values a facet returns at most; MaxSnippets
// the number of snippets a hit carries.
const (
	FacetSize   = 200
	MaxSnippets = 3
)

// FigureKeys lists the value keys indexed as numeric fields (FieldName
// gives their field names).
func FigureKeys() []string {
	var keys []string
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, tpl := range []string{corpus.Template2019, corpus.Template2021} {
		for _, row := range corpus.ApplyRows(tpl) {
			add("apply." + row + ".total")
		}
		for _, k := range corpus.ActiveKeys(tpl) {
			add("active." + k.Key)
		}
	}
	for _, row := range corpus.ApplyDerivedRows {
		add("apply." + row + ".total")
	}
	for _, c := range corpus.ApplyColumns {
		add("apply.new_received." + c)
	}
	for _, g := range []string{"review", "suit_direct", "suit_after_review", "suit"} {
		for _, c := range corpus.ReviewColumns {
			add(g + "." + c)
		}
	}
	// Figures stated in the text of reports without (some) tables.
	for _, k := range []string{"active.total", "active.normative"} {
		add(k)
	}
	return keys
}

// FieldName turns a value key into a field name: "." → "_".
func FieldName(key string) string { return strings.ReplaceAll(key, ".", "_") }

// NumericFields lists the numeric fields: year, then the figures.
func NumericFields() []string {
	out := []string{FieldYear}
	for _, k := range FigureKeys() {
		out = append(out, FieldName(k))
	}
	return out
}

var numericSet = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range NumericFields() {
		m[f] = true
	}
	return m
}()

// IsNumeric reports whether name is a numeric field (year and figures).
func IsNumeric(name string) bool { return numericSet[name] }

var keywordSet = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range KeywordFields {
		m[f] = true
	}
	return m
}()

// IsKeyword reports whether name is a keyword field.
func IsKeyword(name string) bool { return keywordSet[name] }

// Document is the field map indexed for a report: text fields as strings,
// numeric fields as float64, published as time.Time; empty keyword fields
// are absent.
func Document(r *corpus.Report) map[string]any {
	g := r.Region
	d := map[string]any{
		FieldTitle: r.Title, FieldOffice: strings.TrimSpace(r.Office + " " + r.OfficeFull),
		FieldOfficeKW: r.Office, FieldOfficeFull: r.OfficeFull, FieldOfficeKey: corpus.OfficeKey(r),
		FieldProvince: g.Province, FieldCity: g.City, FieldCounty: g.County, FieldTown: g.Town, FieldRegionCode: g.Code,
		FieldLevel: r.Level, FieldKind: r.Kind, FieldTemplate: r.Template,
		FieldYear: float64(r.Year), FieldYearKW: strconv.Itoa(r.Year),
		FieldFailed: strconv.FormatBool(r.Failed()), FieldTimely: r.Timely(), FieldRendition: corpus.RenditionKey(r),
		FieldFormat: r.Source.Format, FieldSHA: r.Source.SHA256,
	}
	for k, v := range d {
		if s, ok := v.(string); ok && s == "" && k != FieldFailed {
			delete(d, k)
		}
	}
	if t, err := time.Parse("2006-01-02", r.Published); err == nil {
		d[FieldPublished] = t
	}
	txt := Text(r)
	d[FieldBody] = txt.Body
	d[FieldHeads] = txt.Headings
	if no := identifier(txt.Body, "索引号"); no != "" {
		d[FieldIndexNo] = no
	}
	for _, k := range FigureKeys() {
		if v, ok := r.Value(k); ok {
			d[FieldName(k)] = v
		}
	}
	// Figures from the text where the tables lack them (legacy reports).
	for _, f := range r.Figures {
		name := FieldName(f.Key)
		if f.Scope != corpus.ScopeYear || !numericSet[name] {
			continue
		}
		if _, ok := d[name]; !ok {
			d[name] = f.Value
		}
	}
	return d
}

// identifier finds "LABEL：value" in text (索引号：…) and returns the value.
func identifier(text, label string) string {
	i := strings.Index(text, label)
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(text[i+len(label):], " ：:\u3000")
	end := strings.IndexFunc(rest, func(c rune) bool {
		return c == ' ' || c == '\n' || c == '\u3000' || c == '，' || c == '。'
	})
	if end < 0 {
		end = len(rest)
	}
	if end > 64 {
		return ""
	}
	return rest[:end]
}

// Fingerprint hashes the document doc makes of a fixed report, so that a
// change to what is put into an index changes the version a backend
// stores (doc is Document, or a backend's variant of it).
func Fingerprint(doc func(*corpus.Report) map[string]any) string {
	v := 7.0
	r := &corpus.Report{
		ID: "000000000000", Title: "某市2023年政府信息公开工作年度报告", Office: "某局", OfficeFull: "某省某市某局",
		Region: corpus.Region{Province: "某省", City: "某市", Code: "990100"}, Level: "city", Kind: "department",
		Year: 2023, Published: "2024-01-20", Template: corpus.Template2021,
		Source:   corpus.Source{SHA256: "00", Format: "text"},
		Sections: []corpus.Section{{No: 0, Title: "前言", Text: "索引号：X-1 依据条例。"}, {No: 1, Title: "一、总体情况", Text: "正文"}},
		Tables:   corpus.Tables{Apply: map[string][]*float64{"new_received": {&v, &v, &v, &v, &v, &v, &v}}},
		Cells:    []corpus.Cell{{Key: "apply.new_received.total", Raw: "7", State: corpus.StateNumber, Value: &v}},
		Figures:  []corpus.Figure{{Key: "active.total", Value: 3, Scope: corpus.ScopeYear}},
	}
	js, _ := json.Marshal(doc(r))
	sum := sha256.Sum256(js)
	return hex.EncodeToString(sum[:6])
}
