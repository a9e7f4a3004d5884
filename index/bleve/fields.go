package bleveindex

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"gongkai/corpus"
	"gongkai/index"
)

// Field names (FIELDS.md documents them): index's, plus the fields only
// this backend has.
const (
	fTitle      = index.FieldTitle
	fOffice     = index.FieldOffice
	fOfficeKW   = index.FieldOfficeKW
	fOfficeFull = index.FieldOfficeFull
	fOfficeKey  = index.FieldOfficeKey
	fProvince   = index.FieldProvince
	fCity       = index.FieldCity
	fCounty     = index.FieldCounty
	fTown       = index.FieldTown
	fRegionCode = index.FieldRegionCode
	fLevel      = index.FieldLevel
	fTemplate   = index.FieldTemplate
	fYear       = index.FieldYear
	fPublished  = index.FieldPublished
	fFailed     = index.FieldFailed
	fBody       = index.FieldBody
	fBodyBi     = "body_bi" // the body's bigrams
	fHeads      = index.FieldHeads
	fRendition  = index.FieldRendition
	fFormat     = index.FieldFormat
	fSHA        = index.FieldSHA
	fSeq        = "seq"       // renditions: which is the newest parse (renditions.go)
	fHeadsSfx   = "heads_sfx" // the suffixes of the heading lines (heads.go)
	fTie        = "tie"       // the tie-break of relevance order: year (newest first), then sha256
)

// keywordFields are the exact-match fields; facet names map onto some.
var keywordFields = index.KeywordFields

// storedFields are returned with every hit.
var storedFields = []string{fTitle, fOfficeKW, fOfficeFull, fProvince, fCity, fCounty, fTown, fRegionCode,
	fLevel, fTemplate, fYear, fPublished, fFailed, fRendition, fFormat}

// facetFields maps the facet names of index.Request to fields.
var facetFields = index.FacetFields

// numericFields is the set of numeric fields (figures and year).
var numericFields = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range index.NumericFields() {
		m[f] = true
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
	// The headings' suffixes, for the cheap heading bonus of an exact
	// string (heads.go): a prefix lookup, postings only.
	sfx := kw(false)
	sfx.DocValues = false
	dm.AddFieldMappingsAt(fHeadsSfx, sfx)
	dm.AddFieldMappingsAt(fTie, kw(false))
	stored := map[string]bool{}
	for _, f := range storedFields {
		stored[f] = true
	}
	for _, f := range keywordFields {
		dm.AddFieldMappingsAt(f, kw(stored[f]))
	}
	dm.AddFieldMappingsAt(fYear, num(true))
	dm.AddFieldMappingsAt(fSeq, num(true))
	for _, k := range index.FigureKeys() {
		dm.AddFieldMappingsAt(index.FieldName(k), num(false))
	}
	pub := mapping.NewDateTimeFieldMapping()
	pub.Store = true
	pub.IncludeInAll = false
	dm.AddFieldMappingsAt(fPublished, pub)
	im.DefaultMapping = dm
	return im, nil
}

// document is what is indexed for one report: index.Document, the
// headings' suffixes, the tie-break key, and the body's bigrams when the
// index has that field.
func document(r *corpus.Report, bigrams bool) map[string]any {
	d := index.Document(r)
	heads, _ := d[fHeads].(string)
	if sfx := headSuffixes(heads); len(sfx) > 0 {
		d[fHeadsSfx] = sfx
	}
	d[fTie] = tieKey(r.Year, r.Source.SHA256)
	if bigrams {
		d[fBodyBi] = d[fBody]
	}
	return d
}

// documentFingerprint hashes the document made of a fixed report, so that
// a change to what document() puts into the index changes the version.
func documentFingerprint(bigrams bool) string {
	return index.Fingerprint(func(r *corpus.Report) map[string]any { return document(r, bigrams) })
}

// tieKey orders reports as the tie-break of relevance order does: year
// descending (0 … 9999, as four digits of 9999-year), then the source's
// content hash ascending, of which the first 16 hex digits (64 bits) are
// kept: a tie between two different files beyond that is left to bleve.
// One short keyword with doc values instead of two (year_kw and the
// 64-digit sha256): the collector reads the sort fields of every hit, one
// doc-value visit per field, and decompresses their chunks.
func tieKey(year int, sha string) string {
	y := min(max(year, 0), 9999)
	if len(sha) > 16 {
		sha = sha[:16]
	}
	return fmt.Sprintf("%04d", 9999-y) + sha
}
