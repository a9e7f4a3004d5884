package bleveindex

import (
	"gongkai/corpus"
	"gongkai/index"
	gq "gongkai/index/query"
)

// What other backends (index/sphinx) take from this package so that they
// index exactly the same fields, derived in the same way, and cut the
// same snippets.

// Document is the field map indexed for a report (FIELDS.md): text fields
// as strings, numeric fields as float64, published as time.Time; empty
// keyword fields are absent.
func Document(r *corpus.Report) map[string]any { return document(r, true) }

// BodyText is the text of the body field: index.Text(r).Body.
func BodyText(r *corpus.Report) string { return index.Text(r).Body }

// Schema tells index/query the kinds of this index's fields.
func Schema(name string) gq.FieldKind { return schema(name) }

// NumericField reports whether name is a numeric field (year and figures).
func NumericField(name string) bool { return numericFields[name] }

// NumericFieldNames lists the numeric fields: year, then the figures.
func NumericFieldNames() []string {
	out := []string{fYear}
	for _, k := range figureKeys() {
		out = append(out, fieldName(k))
	}
	return out
}

// KeywordFieldNames lists the keyword (exact-match) fields.
func KeywordFieldNames() []string { return append([]string(nil), keywordFields...) }

// FacetField maps a facet name of index.Request to its keyword field.
func FacetField(name string) (string, bool) {
	f, ok := facetFields[name]
	return f, ok
}

// MaxSections is the number of section fields (s1 … MaxSections). There
// are none any more: a section is a range of the body, and the body is
// analysed once (index.Text).
const MaxSections = 0

// MaxSnippets is the number of snippets a hit carries.
const MaxSnippets = maxSnippets

// FacetSize is the number of terms a facet returns at most.
const FacetSize = facetSize
