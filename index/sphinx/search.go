package sphinx

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gongkai/corpus"
	"gongkai/index"
	gq "gongkai/index/query"
)

// Search runs a query (index.Request) through the distributed index of the
// first node that answers. When an agent (another node) fails, the search
// fails with an error naming it (wrapping ErrNodeDown): results are never
// silently partial.
func (x *Index) Search(ctx context.Context, req index.Request) (*index.Result, error) {
	start := time.Now()
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return nil, ErrClosed
	}
	pr, err := gq.FromRequest(req, gq.Fields)
	if err != nil {
		return nil, err
	}
	c, terms, err := x.an.compile(pr)
	if err != nil {
		return nil, err
	}
	order, sel, err := sortOrder(pr.Sort)
	if err != nil {
		return nil, err
	}
	var facets []facet
	for _, name := range pr.Facets {
		f := index.FacetFields[name]
		if f == index.FieldYearKW {
			f = aYear
		}
		facets = append(facets, facet{name, f})
	}
	res := &index.Result{Hits: []index.Hit{}, Facets: map[string]map[string]int{}}
	for _, f := range facets {
		res.Facets[f.name] = map[string]int{}
	}
	if c.none {
		res.Took = time.Since(start)
		return res, nil
	}
	ctx, cancel := x.ctx(ctx)
	defer cancel()
	conn, node, err := x.anyConn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	// The generation this node's searches read (Build): the hits, facets
	// and renditions all come from it.
	state, err := readStateOn(ctx, conn)
	if err != nil {
		return nil, x.searchErr(node, err)
	}
	g := state.active
	where, extra := c.where()
	cols := "id, WEIGHT() AS w, " + strings.Join(hitAttrs, ", ") + extra + sel
	q := fmt.Sprintf("SELECT %s FROM %s WHERE %s ORDER BY %s LIMIT %d, %d OPTION max_matches=%d",
		cols, g.dist(), where, order, pr.Offset, pr.Limit, max(1000, pr.Offset+pr.Limit))
	if err := x.hits(ctx, conn, node, g, q, res); err != nil {
		return nil, err
	}
	for _, f := range facets {
		if err := x.facet(ctx, conn, node, g, c, f, res); err != nil {
			return nil, err
		}
	}
	if x.opt.Text != nil && len(res.Hits) > 0 {
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		texts, err := x.opt.Text(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("search: snippets: %w", err)
		}
		for i := range res.Hits {
			res.Hits[i].Snippets = index.Snippets(texts[res.Hits[i].ID], terms, index.MaxSnippets)
		}
	}
	res.Took = time.Since(start)
	return res, nil
}

type facet struct{ name, attr string }

// where is the WHERE clause of c, and the select-list expression its
// attribute condition needs (searchd filters on a computed alias).
func (c cond) where() (string, string) {
	parts := []string{fmt.Sprintf("id < %d AND %s = 0", MetaID, aSecondary)}
	if c.text != "" {
		parts = append(parts, "MATCH("+quote(c.text)+")")
	}
	extra := ""
	if c.attr != "" {
		extra = ", (" + c.attr + ") AS _f"
		parts = append(parts, "_f = 1")
	}
	return strings.Join(parts, " AND "), extra
}

// anyConn connects to the first node that answers.
func (x *Index) anyConn(ctx context.Context) (*sql.Conn, int, error) {
	var errs []string
	for i, db := range x.dbs {
		conn, err := db.Conn(ctx)
		if err == nil {
			if err = conn.PingContext(ctx); err == nil {
				return conn, i, nil
			}
			conn.Close()
		}
		errs = append(errs, fmt.Sprintf("%s: %v", x.nodes[i], err))
	}
	return nil, 0, fmt.Errorf("search: no sphinx node answers (%s): %w", strings.Join(errs, "; "), ErrNodeDown)
}

// agentFailed turns SHOW META's warning about an agent into an error.
func (x *Index) agentFailed(node int, m meta) error {
	if m.warning == "" {
		return nil
	}
	return fmt.Errorf("search through sphinx node %s: %s: %w", x.nodes[node], m.warning, ErrNodeDown)
}

// hitAttrs are the attributes read for a hit.
var hitAttrs = []string{aRID, aTitle, "office_kw", "office_full_kw", "province", "city", "county", "town",
	"region_code", "level", "template", aYear, aPublished, "failed", aRendition, aOthers}

func (x *Index) hits(ctx context.Context, conn *sql.Conn, node int, g gen, q string, res *index.Result) error {
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return x.searchErr(node, err)
	}
	cols, _ := rows.Columns()
	vals := make([]sql.RawBytes, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var keys []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return fmt.Errorf("search: read hits: %w", err)
		}
		s := func(i int) string { return string(vals[i+2]) }
		h := index.Hit{ID: s(0), Title: s(1), Office: s(2), OfficeFull: s(3),
			Region: corpus.Region{Province: s(4), City: s(5), County: s(6), Town: s(7), Code: s(8)},
			Level:  s(9), Template: s(10), Published: s(12), Failed: s(13) == "true"}
		h.Year, _ = strconv.Atoi(s(11))
		key := ""
		if s(15) == "1" {
			key = s(14)
		}
		keys = append(keys, key)
		h.Score, _ = strconv.ParseFloat(string(vals[1]), 64)
		res.Hits = append(res.Hits, h)
	}
	if err := rows.Close(); err != nil {
		return x.searchErr(node, err)
	}
	m, err := showMeta(ctx, conn)
	if err != nil {
		return x.searchErr(node, err)
	}
	res.Total = m.total
	if err := x.agentFailed(node, m); err != nil {
		return err
	}
	return x.also(ctx, g, res.Hits, keys)
}

func (x *Index) searchErr(node int, err error) error {
	e := x.nodeErr(node, "search", err)
	if strings.Contains(err.Error(), "agent") {
		return fmt.Errorf("%w (%w)", e, ErrNodeDown)
	}
	return e
}

// facet counts the values of one attribute over the matches (GROUP BY).
func (x *Index) facet(ctx context.Context, conn *sql.Conn, node int, g gen, c cond, f facet, res *index.Result) error {
	where, extra := c.where()
	q := fmt.Sprintf("SELECT %s, COUNT(*) AS _c%s FROM %s WHERE %s GROUP BY %s ORDER BY _c DESC LIMIT %d OPTION max_matches=%d",
		f.attr, extra, g.dist(), where, f.attr, index.FacetSize, facetMatches(f.name))
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return x.searchErr(node, err)
	}
	m := res.Facets[f.name]
	cols, _ := rows.Columns()
	vals := make([]sql.RawBytes, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return fmt.Errorf("search: read facet %s: %w", f.name, err)
		}
		n, _ := strconv.Atoi(string(vals[1]))
		m[string(vals[0])] = n
	}
	if err := rows.Close(); err != nil {
		return x.searchErr(node, err)
	}
	meta, err := showMeta(ctx, conn)
	if err != nil {
		return x.searchErr(node, err)
	}
	return x.agentFailed(node, meta)
}

// maxGroups bounds the distinct values a node reports per facet; counts
// are exact while a facet has fewer values than this on every node.
const maxGroups = 100000

// smallFacets have a few dozen values at most (34 provinces, the years,
// levels, templates…): their GROUP BY runs with max_matches = 1000. searchd
// sizes each query's match queue, on every agent, by max_matches: with
// maxGroups, a facet query on three nodes took about 2 s on the loaded
// test machine (0.1 s with 1000).
var smallFacets = map[string]bool{"year": true, "province": true, "level": true, "template": true,
	"failed": true, "kind": true, "c9": true}

// facetMatches is the max_matches of a facet's GROUP BY.
func facetMatches(name string) int {
	if smallFacets[name] {
		return 1000
	}
	return maxGroups
}

var keywordSort = regexp.MustCompile(`^[a-z0-9_]+$`)

// sortOrder maps the sort keys to ORDER BY (and the select-list
// expression it needs), as the bleve backend sorts: ties by report id,
// reports without the field last in both directions.
func sortOrder(keys []gq.SortKey) (order, sel string, err error) {
	if len(keys) == 0 || keys[0].Field == gq.Score {
		return "w DESC, " + aYear + " DESC, id ASC", "", nil // bleve's ties: newest year first
	}
	k := keys[0]
	dir := "ASC"
	if k.Desc {
		dir = "DESC"
	}
	name := k.Field
	switch {
	case name == "_id":
		return "id " + dir, "", nil
	case name == aYear, name == index.FieldYearKW:
		return aYear + " " + dir + ", id ASC", "", nil
	case name == index.FieldPublished:
		name = aPubTime
		fallthrough
	case index.IsNumeric(name) && keywordSort.MatchString(name):
		return fmt.Sprintf("_m ASC, %s %s, id ASC", name, dir), fmt.Sprintf(", IF(%s = %d, 1, 0) AS _m", name, Missing), nil
	case index.IsKeyword(name) && keywordSort.MatchString(name):
		return fmt.Sprintf("_m ASC, %s %s, id ASC", name, dir), fmt.Sprintf(", IF(%s = '', 1, 0) AS _m", name), nil
	}
	return "", "", fmt.Errorf("cannot sort by %q (score, year, a figure or keyword field, published): %w", name, index.ErrBadQuery)
}
