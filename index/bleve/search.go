package bleveindex

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"gongkai/corpus"
	"gongkai/index"
	gq "gongkai/index/query"
)

const (
	facetSize   = index.FacetSize
	maxSnippets = index.MaxSnippets
)

// Search runs a query (index.Request).
func (x *Index) Search(ctx context.Context, req index.Request) (res *index.Result, err error) {
	start := time.Now()
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return nil, ErrClosed
	}
	sr, plan, err := x.request(req) // reads the shards' dictionaries (phrase plans)
	if err != nil {
		return nil, err
	}
	out, err := x.alias.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
	}
	res = &index.Result{Total: out.Total, Hits: make([]index.Hit, 0, len(out.Hits)), Facets: map[string]map[string]int{}}
	keys := make([]string, 0, len(out.Hits))
	formats := make([]string, 0, len(out.Hits))
	for _, h := range out.Hits {
		res.Hits = append(res.Hits, hit(h, plan.terms))
		k, _ := h.Fields[fRendition].(string)
		f, _ := h.Fields[fFormat].(string)
		keys, formats = append(keys, k), append(formats, f)
	}
	x.also(ctx, res.Hits, keys, formats)
	for name, f := range out.Facets {
		m := map[string]int{}
		if f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				m[t.Term] = t.Count
			}
		}
		if f.Missing > 0 {
			m[""] = f.Missing
		}
		res.Facets[name] = m
	}
	res.Took = time.Since(start)
	return res, nil
}

// request turns an index.Request into a bleve search request: the query
// and the filters are parsed into one tree (index/query) and translated.
func (x *Index) request(req index.Request) (*bleve.SearchRequest, queryPlan, error) {
	pr, err := gq.FromRequest(req, schema)
	if err != nil {
		return nil, queryPlan{}, fmt.Errorf("query %q: %w", req.Query, err)
	}
	return x.bleveRequest(pr)
}

// bleveRequest translates a parsed request.
func (x *Index) bleveRequest(pr *gq.Request) (*bleve.SearchRequest, queryPlan, error) {
	plan, err := x.translate(pr.Query)
	if err != nil {
		return nil, plan, err
	}
	q := plan.q
	if pr.Filter != nil && pr.Filter.Op != gq.All {
		filter, err := x.translate(pr.Filter)
		if err != nil {
			return nil, plan, err
		}
		q = query.NewConjunctionQuery([]query.Query{q, filter.q})
	}
	if sec := x.secondaryQuery(); sec != nil {
		q = query.NewBooleanQuery([]query.Query{q}, nil, []query.Query{sec})
	}
	sr := bleve.NewSearchRequestOptions(q, pr.Limit, pr.Offset, false)
	sr.Fields = append([]string{fBody}, storedFields...)
	sr.SortBy(sortOrder(pr.Sort))
	for _, name := range pr.Facets {
		sr.AddFacet(name, bleve.NewFacetRequest(facetFields[name], facetSize))
	}
	return sr, plan, nil
}

// sortOrder maps the sort keys to bleve's SortBy: relevance first, ties
// by year (newest first). Remaining ties are broken by the source's
// content hash (not by score, which differs between shards), so that pages
// and shards agree: it is unique per indexed document and, as report ids
// are its prefix (parser: ID = SHA256[:12]), orders ties as the id would.
// Year and hash are read from one keyword, tie (tieKey), with doc values:
// the collector reads the sort fields of every hit, and a tie-break on
// _id made bleve load the stored id of every hit (about 5–8 ms at 20,000
// hits), one on the numeric year visited its 16 terms per report (one per
// precision shift), and year_kw and sha256 were two doc-value visits.
// The reference path sorts by -year, sha256: the same order.
func sortOrder(keys []gq.SortKey) []string {
	if len(keys) == 0 {
		if reference {
			return []string{"-_score", "-" + fYear, fSHA}
		}
		return []string{"-_score", fTie}
	}
	var out []string
	for _, k := range keys {
		f := k.Field
		if k.Desc {
			f = "-" + f
		}
		out = append(out, f)
	}
	if keys[0].Field == "_id" {
		return out
	}
	return append(out, fSHA)
}

// hit converts a bleve hit.
func hit(h *search.DocumentMatch, terms []string) index.Hit {
	str := func(f string) string {
		s, _ := h.Fields[f].(string)
		return s
	}
	out := index.Hit{
		ID: h.ID, Title: str(fTitle), Office: str(fOfficeKW), OfficeFull: str(fOfficeFull),
		Region: corpus.Region{Province: str(fProvince), City: str(fCity), County: str(fCounty), Town: str(fTown), Code: str(fRegionCode)},
		Level:  str(fLevel), Template: str(fTemplate), Failed: str(fFailed) == "true", Score: h.Score,
	}
	if y, ok := h.Fields[fYear].(float64); ok {
		out.Year = int(y)
	}
	if p := str(fPublished); len(p) >= 10 {
		out.Published = p[:10]
	}
	out.Snippets = index.Snippets(str(fBody), terms, maxSnippets)
	return out
}
