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
	bleveindex "gongkai/index/bleve"
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
	limit := req.Limit
	if limit <= 0 {
		limit = 10
	}
	if limit > index.MaxLimit {
		limit = index.MaxLimit
	}
	if req.Offset < 0 || req.Offset+limit > index.MaxWindow {
		return nil, fmt.Errorf("offset %d + limit %d beyond %d: %w", req.Offset, limit, index.MaxWindow, index.ErrBadQuery)
	}
	c, terms, err := x.an.parse(req.Query)
	if err != nil {
		return nil, err
	}
	filters, err := x.filters(req)
	if err != nil {
		return nil, err
	}
	if c, err = and(append([]cond{c}, filters...)); err != nil {
		return nil, fmt.Errorf("query %q: %v: %w", req.Query, err, index.ErrBadQuery)
	}
	order, sel, err := sortOrder(req.Sort)
	if err != nil {
		return nil, err
	}
	var facets []facet
	for _, name := range req.Facets {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		f, ok := bleveindex.FacetField(name)
		if !ok {
			return nil, fmt.Errorf("unknown facet %q (want year, province, city, county, town, level, template, failed, kind, office): %w", name, index.ErrBadQuery)
		}
		if f == "year_kw" {
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
	where, extra := c.where()
	cols := "id, WEIGHT() AS w, " + strings.Join(hitAttrs, ", ") + extra + sel
	q := fmt.Sprintf("SELECT %s FROM %s WHERE %s ORDER BY %s LIMIT %d, %d OPTION max_matches=%d",
		cols, IndexDist, where, order, req.Offset, limit, max(1000, req.Offset+limit))
	if err := x.hits(ctx, conn, node, q, res); err != nil {
		return nil, err
	}
	for _, f := range facets {
		if err := x.facet(ctx, conn, node, c, f, res); err != nil {
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
			res.Hits[i].Snippets = bleveindex.Snippets(texts[res.Hits[i].ID], terms, bleveindex.MaxSnippets)
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

func (x *Index) hits(ctx context.Context, conn *sql.Conn, node int, q string, res *index.Result) error {
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
	return x.also(ctx, res.Hits, keys)
}

func (x *Index) searchErr(node int, err error) error {
	e := x.nodeErr(node, "search", err)
	if strings.Contains(err.Error(), "agent") {
		return fmt.Errorf("%w (%w)", e, ErrNodeDown)
	}
	return e
}

// facet counts the values of one attribute over the matches (GROUP BY).
func (x *Index) facet(ctx context.Context, conn *sql.Conn, node int, c cond, f facet, res *index.Result) error {
	where, extra := c.where()
	q := fmt.Sprintf("SELECT %s, COUNT(*) AS _c%s FROM %s WHERE %s GROUP BY %s ORDER BY _c DESC LIMIT %d OPTION max_matches=%d",
		f.attr, extra, IndexDist, where, f.attr, bleveindex.FacetSize, maxGroups)
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

var keywordSort = regexp.MustCompile(`^[a-z0-9_]+$`)

// sortOrder maps index.Request.Sort to ORDER BY (and the select-list
// expression it needs), as the bleve backend sorts: ties by report id,
// reports without the field last in both directions.
func sortOrder(s string) (order, sel string, err error) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "score", "-score", "_score", "-_score":
		return "w DESC, id ASC", "", nil
	}
	desc := strings.HasPrefix(s, "-")
	name := strings.TrimPrefix(s, "-")
	dir := "ASC"
	if desc {
		dir = "DESC"
	}
	switch {
	case name == "id":
		return "id " + dir, "", nil
	case name == aYear:
		return aYear + " " + dir + ", id ASC", "", nil
	case name == "published":
		name = aPubTime
		fallthrough
	case bleveindex.NumericField(name) && keywordSort.MatchString(name):
		return fmt.Sprintf("_m ASC, %s %s, id ASC", name, dir), fmt.Sprintf(", IF(%s = %d, 1, 0) AS _m", name, Missing), nil
	case isKeyword(name) && name != "year_kw":
		return fmt.Sprintf("_m ASC, %s %s, id ASC", name, dir), fmt.Sprintf(", IF(%s = '', 1, 0) AS _m", name), nil
	}
	return "", "", fmt.Errorf("cannot sort by %q (score, year, a figure or keyword field, published): %w", s, index.ErrBadQuery)
}

var digits = regexp.MustCompile(`^[0-9]{2,12}$`)

// filters are the request's filters, as the bleve backend applies them.
func (x *Index) filters(req index.Request) ([]cond, error) {
	var fs []cond
	kw := func(field, v string) string { return "(@" + fKW + " " + keywordToken(field, v) + ")" }
	if req.OfficeKeys != nil {
		// The office identity corpus resolved (index.RequestFor). This
		// backend does not index the identity key: it matches the names
		// of the identity's keys (region codes aside, so two offices of one
		// name in different regions both match).
		var alts []string
		seen := map[string]bool{}
		for _, k := range req.OfficeKeys {
			name := k[:max(0, strings.LastIndexByte(k, '|'))]
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			alts = append(alts, kw("office_full_kw", name), kw("office_kw", name))
		}
		if len(alts) == 0 {
			return nil, fmt.Errorf("the office matches no office of the archive: %w", index.ErrBadQuery)
		}
		fs = append(fs, cond{text: strings.Join(alts, " | ")})
	} else if v := strings.TrimSpace(req.Office); v != "" {
		cp := compiler{an: x.an}
		ph, _ := cp.phrase(fOffice, v, false)
		alts := []string{kw("office_kw", v), kw("office_full_kw", v)}
		if ph.text != "" {
			alts = append(alts, "("+ph.text+")")
		}
		fs = append(fs, cond{text: strings.Join(alts, " | ")})
	}
	if v := strings.TrimSpace(req.Region); v != "" {
		if digits.MatchString(v) {
			fs = append(fs, cond{text: "@" + fKW + " _r" + v})
		} else {
			fs = append(fs, cond{text: strings.Join([]string{kw("province", v), kw("city", v), kw("county", v), kw("town", v)}, " | ")})
		}
	}
	anyOf := func(field, one string, many []string) {
		var alts []string
		for _, v := range append([]string{one}, many...) {
			if v = strings.TrimSpace(v); v != "" {
				alts = append(alts, kw(field, v))
			}
		}
		if len(alts) > 0 {
			fs = append(fs, cond{text: strings.Join(alts, " | ")})
		}
	}
	anyOf("level", req.Level, req.Levels)
	anyOf("template", req.Template, req.Templates)
	if req.FailedChecks {
		fs = append(fs, cond{text: kw("failed", "true")})
	}
	if v := strings.TrimSpace(req.Timely); v != "" {
		fs = append(fs, cond{text: kw("c9", v)})
	}
	if req.YearFrom != 0 || req.YearTo != 0 {
		if req.YearFrom != 0 && req.YearTo != 0 && req.YearFrom > req.YearTo {
			return nil, fmt.Errorf("year range %d..%d is empty: %w", req.YearFrom, req.YearTo, index.ErrBadQuery)
		}
		var parts []string
		if req.YearFrom != 0 {
			parts = append(parts, fmt.Sprintf("%s >= %d", aYear, req.YearFrom))
		}
		if req.YearTo != 0 {
			parts = append(parts, fmt.Sprintf("%s <= %d", aYear, req.YearTo))
		}
		fs = append(fs, cond{attr: strings.Join(parts, " AND ")})
	}
	return fs, nil
}
