package bleveindex

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"gongkai/corpus"
	"gongkai/index"
)

// Field names (FIELDS.md documents them).
const (
	fTitle      = "title"
	fOffice     = "office"
	fOfficeKW   = "office_kw"
	fOfficeFull = "office_full_kw"
	fOfficeKey  = "office_key" // corpus.OfficeKey: the office identity filter
	fProvince   = "province"
	fCity       = "city"
	fCounty     = "county"
	fTown       = "town"
	fRegionCode = "region_code"
	fLevel      = "level"
	fKind       = "kind"
	fTemplate   = "template"
	fYear       = "year"
	fYearKW     = "year_kw"
	fPublished  = "published"
	fFailed     = "failed"
	fTimely     = "c9" // C9 "published on time": pass | fail | not_assessable
	fBody       = "body"
	fBodyBi     = "body_bi"
	fHeads      = "heads"
	fIndexNo    = "index_no"
	fDocNo      = "doc_no"
	fRendition  = "rendition"
	fFormat     = "format"
	fSHA        = "sha256"
	fSeq        = "seq" // renditions: which is the newest parse (renditions.go)
)

// keywordFields are the exact-match fields; facet names map onto some.
var keywordFields = []string{fOfficeKW, fOfficeFull, fOfficeKey, fProvince, fCity, fCounty, fTown, fRegionCode,
	fLevel, fKind, fTemplate, fYearKW, fFailed, fTimely, fIndexNo, fDocNo, fRendition, fFormat, fSHA}

// storedFields are returned with every hit.
var storedFields = []string{fTitle, fOfficeKW, fOfficeFull, fProvince, fCity, fCounty, fTown, fRegionCode,
	fLevel, fTemplate, fYear, fPublished, fFailed, fRendition, fFormat}

// facetFields maps the facet names of index.Request to fields.
var facetFields = map[string]string{
	"year": fYearKW, "province": fProvince, "city": fCity, "county": fCounty, "town": fTown,
	"level": fLevel, "template": fTemplate, "failed": fFailed, "kind": fKind, "office": fOfficeFull, "c9": fTimely,
}

// figureKeys lists the value keys indexed as numeric fields.
func figureKeys() []string {
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

// fieldName turns a value key into a field name: "." → "_".
func fieldName(key string) string { return strings.ReplaceAll(key, ".", "_") }

// numericFields is the set of numeric fields (figures and year).
var numericFields = func() map[string]bool {
	m := map[string]bool{fYear: true}
	for _, k := range figureKeys() {
		m[fieldName(k)] = true
	}
	return m
}()

// buildMapping builds the index mapping in code: default dynamic mapping
// off, every field explicit.
func buildMapping(an analysis, bigrams bool) (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	if err := an.add(im); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = an.word
	im.DefaultField = fBody
	im.ScoringModel = "bm25"
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	dm := mapping.NewDocumentStaticMapping()
	dm.Dynamic = false
	text := func(analyzer string, store, vectors bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(store bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		return f
	}
	num := func(store bool) *mapping.FieldMapping {
		f := mapping.NewNumericFieldMapping()
		f.Store = store
		f.IncludeInAll = false
		return f
	}
	dm.AddFieldMappingsAt(fTitle, text(an.word, true, true))
	dm.AddFieldMappingsAt(fOffice, text(an.word, false, true))
	dm.AddFieldMappingsAt(fBody, text(an.word, true, true))
	if bigrams {
		dm.AddFieldMappingsAt(fBodyBi, text(an.bigram, false, true))
	}
	// The headings (title and section titles) with bigrams: exact strings
	// there rank a hit higher. Small; the body is analysed by gse once.
	dm.AddFieldMappingsAt(fHeads, text(an.bigram, false, true))
	stored := map[string]bool{}
	for _, f := range storedFields {
		stored[f] = true
	}
	for _, f := range keywordFields {
		dm.AddFieldMappingsAt(f, kw(stored[f]))
	}
	dm.AddFieldMappingsAt(fYear, num(true))
	dm.AddFieldMappingsAt(fSeq, num(true))
	for _, k := range figureKeys() {
		dm.AddFieldMappingsAt(fieldName(k), num(false))
	}
	pub := mapping.NewDateTimeFieldMapping()
	pub.Store = true
	pub.IncludeInAll = false
	dm.AddFieldMappingsAt(fPublished, pub)
	im.DefaultMapping = dm
	return im, nil
}

// document is what is indexed for one report.
func document(r *corpus.Report, bigrams bool) map[string]any {
	g := r.Region
	d := map[string]any{
		fTitle: r.Title, fOffice: strings.TrimSpace(r.Office + " " + r.OfficeFull),
		fOfficeKW: r.Office, fOfficeFull: r.OfficeFull, fOfficeKey: corpus.OfficeKey(r),
		fProvince: g.Province, fCity: g.City, fCounty: g.County, fTown: g.Town, fRegionCode: g.Code,
		fLevel: r.Level, fKind: r.Kind, fTemplate: r.Template,
		fYear: float64(r.Year), fYearKW: strconv.Itoa(r.Year),
		fFailed: strconv.FormatBool(r.Failed()), fTimely: r.Timely(), fRendition: corpus.RenditionKey(r),
		fFormat: r.Source.Format, fSHA: r.Source.SHA256,
	}
	for k, v := range d {
		if s, ok := v.(string); ok && s == "" && k != fFailed {
			delete(d, k)
		}
	}
	if t, err := time.Parse("2006-01-02", r.Published); err == nil {
		d[fPublished] = t
	}
	txt := index.Text(r)
	body := txt.Body
	d[fBody] = body
	d[fHeads] = txt.Headings
	if bigrams {
		d[fBodyBi] = body
	}
	if no := identifier(body, "索引号"); no != "" {
		d[fIndexNo] = no
	}
	for _, k := range figureKeys() {
		if v, ok := r.Value(k); ok {
			d[fieldName(k)] = v
		}
	}
	// Figures from the text where the tables lack them (legacy reports).
	for _, f := range r.Figures {
		name := fieldName(f.Key)
		if f.Scope != corpus.ScopeYear || !numericFields[name] {
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

// documentFingerprint hashes the document made of a fixed report, so that
// a change to what document() puts into the index changes the version.
func documentFingerprint(bigrams bool) string {
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
	js, _ := json.Marshal(document(r, bigrams))
	sum := sha256.Sum256(js)
	return hex.EncodeToString(sum[:6])
}
