package query

import (
	"regexp"
	"strings"

	"gongkai/corpus"
	"gongkai/index"
)

// Request is a parsed search: the query tree, the filters (conditions that
// select but do not rank), the order, the facets and the page. Every
// backend runs the same Request.
type Request struct {
	Query  *Node     // what the user typed; All when nothing
	Filter *Node     // And of the filter conditions; All when none
	Sort   []SortKey // empty: relevance, ties by year (newest first)
	Facets []string  // facet names (year, province, …)
	Offset int
	Limit  int
}

// SortKey is one sort criterion: a field name or "_score".
type SortKey struct {
	Field string
	Desc  bool
}

// Field names the filters use; every backend's schema has them. They are
// index's (index.Document's field names), named here for the filters.
const (
	FieldOffice     = index.FieldOffice     // text: office names
	FieldOfficeKW   = index.FieldOfficeKW   // keyword: office as named
	FieldOfficeFull = index.FieldOfficeFull // keyword: region-qualified office
	FieldOfficeKey  = index.FieldOfficeKey  // keyword: office identity key (corpus.OfficeKey)
	FieldProvince   = index.FieldProvince
	FieldCity       = index.FieldCity
	FieldCounty     = index.FieldCounty
	FieldTown       = index.FieldTown
	FieldRegionCode = index.FieldRegionCode
	FieldLevel      = index.FieldLevel
	FieldTemplate   = index.FieldTemplate
	FieldFailed     = index.FieldFailed
	FieldTimely     = index.FieldTimely // C9 "published on time": pass | fail | not_assessable
	FieldYear       = index.FieldYear
	FieldPublished  = index.FieldPublished
	Score           = "_score"
)

// Fields is the meaning of the document's field names (index.Document) in
// a query: the schema both backends parse with. The text fields are the
// body, the title, the office names and the headings.
func Fields(name string) FieldKind {
	switch {
	case name == index.FieldBody, name == index.FieldTitle, name == index.FieldOffice, name == index.FieldHeads:
		return TextField
	case name == index.FieldPublished:
		return DateField
	case index.IsNumeric(name):
		return NumericField
	case index.IsKeyword(name):
		return KeywordField
	}
	return Unknown
}

// Facets is the set of facet names a Request may ask for.
var Facets = []string{"year", "province", "city", "county", "town", "level", "template", "failed", "kind", "office", "c9"}

var digits = regexp.MustCompile(`^[0-9]{2,12}$`)

// FromRequest parses an index.Request with schema. Errors wrap
// index.ErrBadQuery.
func FromRequest(req index.Request, schema Schema) (*Request, error) {
	q, err := Parse(req.Query, schema)
	if err != nil {
		return nil, err
	}
	out := &Request{Query: q, Offset: req.Offset, Limit: req.Limit}
	if out.Limit <= 0 {
		out.Limit = 10
	}
	if out.Limit > index.MaxLimit {
		out.Limit = index.MaxLimit
	}
	if out.Offset < 0 || out.Offset+out.Limit > index.MaxWindow {
		return nil, bad("offset %d + limit %d is beyond %d", req.Offset, out.Limit, index.MaxWindow)
	}
	var fs []*Node
	term := func(field, v string) *Node { return &Node{Op: Term, Field: field, Value: v} }
	switch v := strings.TrimSpace(req.Office); {
	case req.OfficeKeys != nil:
		// The office identity corpus resolved (index.RequestFor); no
		// keys: no report.
		or := &Node{Op: Or}
		for _, k := range req.OfficeKeys {
			or.Children = append(or.Children, term(FieldOfficeKey, k))
		}
		if len(or.Children) == 0 {
			or = &Node{Op: None}
		}
		fs = append(fs, or)
	case v != "":
		fs = append(fs, &Node{Op: Or, Children: []*Node{term(FieldOfficeKW, v), term(FieldOfficeFull, v),
			{Op: Text, Field: FieldOffice, Value: v, Quoted: true}}})
	}
	if v := strings.TrimSpace(req.Region); v != "" {
		if corpus.IsCode(v) {
			fs = append(fs, &Node{Op: Prefix, Field: FieldRegionCode, Value: v})
		} else {
			// The start of a name at any level, as corpus.Filter.Region.
			fs = append(fs, &Node{Op: Or, Children: []*Node{{Op: Prefix, Field: FieldProvince, Value: v}, {Op: Prefix, Field: FieldCity, Value: v},
				{Op: Prefix, Field: FieldCounty, Value: v}, {Op: Prefix, Field: FieldTown, Value: v}}})
		}
	}
	anyOf := func(field, one string, many []string) {
		or := &Node{Op: Or}
		for _, v := range append([]string{one}, many...) {
			if v = strings.TrimSpace(v); v != "" {
				or.Children = append(or.Children, term(field, v))
			}
		}
		switch len(or.Children) {
		case 0:
		case 1:
			fs = append(fs, or.Children[0])
		default:
			fs = append(fs, or)
		}
	}
	anyOf(FieldLevel, req.Level, req.Levels)
	anyOf(FieldTemplate, req.Template, req.Templates)
	if req.FailedChecks {
		fs = append(fs, term(FieldFailed, "true"))
	}
	if v := strings.TrimSpace(req.Timely); v != "" {
		fs = append(fs, term(FieldTimely, v))
	}
	if req.YearFrom != 0 || req.YearTo != 0 {
		if req.YearFrom != 0 && req.YearTo != 0 && req.YearFrom > req.YearTo {
			return nil, bad("year range %d..%d is empty", req.YearFrom, req.YearTo)
		}
		r := &Node{Op: Range, Field: FieldYear}
		if req.YearFrom != 0 {
			r.Min = &Bound{float64(req.YearFrom), true}
		}
		if req.YearTo != 0 {
			r.Max = &Bound{float64(req.YearTo), true}
		}
		fs = append(fs, r)
	}
	out.Filter = AndOf(fs...)
	if out.Sort, err = ParseSort(req.Sort, schema); err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, f := range Facets {
		known[f] = true
	}
	for _, name := range req.Facets {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if !known[name] {
			return nil, bad("unknown facet %q (want %s)", name, strings.Join(Facets, ", "))
		}
		out.Facets = append(out.Facets, name)
	}
	return out, nil
}

// ParseSort reads a sort: "" or score (relevance), year, -year, or a
// numeric, keyword or date field with an optional "-" for descending.
func ParseSort(s string, schema Schema) ([]SortKey, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "score", "-score", "_score", "-_score":
		return nil, nil
	}
	desc := strings.HasPrefix(s, "-")
	name := strings.TrimPrefix(s, "-")
	if name == "id" {
		return []SortKey{{Field: "_id", Desc: desc}}, nil
	}
	kind := Unknown
	if schema != nil {
		kind = schema(name)
	}
	if kind != NumericField && kind != KeywordField && kind != DateField {
		return nil, bad("cannot sort by %q (score, year, a figure or keyword field, published)", s)
	}
	return []SortKey{{Field: name, Desc: desc}}, nil
}
