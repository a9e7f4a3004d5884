package sphinx

import (
	"context"
	"fmt"
	"gongkai/index"
	"sort"
	"strconv"
	"strings"
)

// Renditions of one report (a page and its PDF attachment) share the
// rendition keyword (corpus.RenditionKey). As on the bleve backend, every
// rendition is indexed but only the group's primary is searched: the
// others carry the attribute secondary = 1 and every search filters them
// out, so that hits, totals and facet counts count reports, not files; a
// hit lists the other renditions (index.Hit.Also). The primary is chosen
// as index/bleve chooses it: checks pass, then the newest parse (seq),
// then the smallest id. A group's members can sit on different nodes, so
// groups are read through the distributed index.

const (
	aSecondary = "secondary"
	aSeq       = "seq"
	aRendition = "rendition"
	aFormat    = "format"
	aOthers    = "others" // 1: the report has other renditions (Also is looked up)
)

// member is one rendition of a group, as stored.
type member struct {
	id        uint64
	key       string
	failed    bool
	seq       int64
	secondary bool
	others    bool
	rid       string
	format    string
}

// primaryOf returns the index of the group's primary (index.Primary's rule).
func primaryOf(ms []member) int {
	return index.Primary(len(ms), func(i int) bool { return ms[i].failed },
		func(i int) int64 { return ms[i].seq }, func(i int) string { return ms[i].rid })
}

// renditionTokens is the MATCH expression of any of the rendition keys.
func renditionMatch(keys []string) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = "(@" + fKW + " " + keywordToken(aRendition, k) + ")"
	}
	return strings.Join(parts, " | ")
}

// maxGroupKeys bounds the keys of one group query.
const maxGroupKeys = 200

// groupRows runs fn on every document whose rendition key is in keys.
func (x *Index) groupRows(ctx context.Context, g gen, keys []string, fn func(m member)) error {
	for len(keys) > 0 {
		k := min(len(keys), maxGroupKeys)
		chunk := keys[:k]
		keys = keys[k:]
		cctx, cancel := x.ctx(ctx)
		conn, node, err := x.anyConn(cctx)
		if err != nil {
			cancel()
			return err
		}
		q := fmt.Sprintf("SELECT id, %s, failed, %s, %s, %s, %s, %s FROM %s WHERE id < %d AND MATCH(%s) ORDER BY id ASC LIMIT %d OPTION max_matches=%d",
			aRendition, aSeq, aSecondary, aOthers, aRID, aFormat, g.dist(), MetaID, quote(renditionMatch(chunk)), maxGroups, maxGroups)
		err = func() error {
			defer conn.Close()
			defer cancel()
			rows, err := conn.QueryContext(cctx, q)
			if err != nil {
				return x.searchErr(node, err)
			}
			for rows.Next() {
				var m member
				var failed string
				var sec, others int
				if err := rows.Scan(&m.id, &m.key, &failed, &m.seq, &sec, &others, &m.rid, &m.format); err != nil {
					rows.Close()
					return fmt.Errorf("read renditions: %w", err)
				}
				m.failed, m.secondary, m.others = failed == "true", sec == 1, others == 1
				fn(m)
			}
			if err := rows.Close(); err != nil {
				return x.searchErr(node, err)
			}
			m, err := showMeta(cctx, conn)
			if err != nil {
				return x.searchErr(node, err)
			}
			return x.agentFailed(node, m)
		}()
		if err != nil {
			return err
		}
	}
	return nil
}

// keysOf returns the rendition keys the documents ids have now.
func (x *Index) keysOf(ctx context.Context, g gen, ids []uint64) (map[string]bool, error) {
	keys := map[string]bool{}
	for len(ids) > 0 {
		k := min(len(ids), 1000)
		list := make([]string, k)
		for i, id := range ids[:k] {
			list[i] = strconv.FormatUint(id, 10)
		}
		ids = ids[k:]
		cctx, cancel := x.ctx(ctx)
		conn, node, err := x.anyConn(cctx)
		if err != nil {
			cancel()
			return nil, err
		}
		err = func() error {
			defer conn.Close()
			defer cancel()
			rows, err := conn.QueryContext(cctx, fmt.Sprintf("SELECT id, %s FROM %s WHERE id IN (%s) LIMIT %d OPTION max_matches=%d",
				aRendition, g.dist(), strings.Join(list, ","), k, max(k, 1000)))
			if err != nil {
				return x.searchErr(node, err)
			}
			for rows.Next() {
				var id uint64
				var key string
				if err := rows.Scan(&id, &key); err != nil {
					rows.Close()
					return fmt.Errorf("read renditions: %w", err)
				}
				if key != "" {
					keys[key] = true
				}
			}
			return rows.Close()
		}()
		if err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// regroup recomputes the primaries of the groups keys and updates the
// secondary attribute where it changes.
func (x *Index) regroup(ctx context.Context, g gen, keys map[string]bool) error {
	list := make([]string, 0, len(keys))
	for k := range keys {
		if k != "" {
			list = append(list, k)
		}
	}
	sort.Strings(list)
	groups := map[string][]member{}
	err := x.groupRows(ctx, g, list, func(m member) { groups[m.key] = append(groups[m.key], m) })
	if err != nil {
		return err
	}
	// attribute → value → ids to set, per node
	updates := make([]map[string]map[int][]string, len(x.nodes))
	for i := range updates {
		updates[i] = map[string]map[int][]string{aSecondary: {}, aOthers: {}}
	}
	put := func(m member, attr string, v bool) {
		n, val := x.nodeOf(m.id), 0
		if v {
			val = 1
		}
		updates[n][attr][val] = append(updates[n][attr][val], strconv.FormatUint(m.id, 10))
	}
	for _, ms := range groups {
		p := primaryOf(ms)
		for i, m := range ms {
			if now := i != p && len(ms) > 1; now != m.secondary {
				put(m, aSecondary, now)
			}
			if now := len(ms) > 1; now != m.others {
				put(m, aOthers, now)
			}
		}
	}
	for i := range x.nodes {
		for _, attr := range []string{aSecondary, aOthers} {
			for v, ids := range updates[i][attr] {
				cctx, cancel := x.ctx(ctx)
				_, err := x.dbs[i].ExecContext(cctx, fmt.Sprintf("UPDATE %s SET %s = %d WHERE id IN (%s)", g.rt(), attr, v, strings.Join(ids, ",")))
				cancel()
				if err != nil {
					return x.nodeErr(i, "mark renditions", err)
				}
			}
		}
	}
	return nil
}

// also lists each hit's other renditions (by id, as index/bleve does);
// keys are the hits' rendition keys, "" for hits without other renditions.
func (x *Index) also(ctx context.Context, g gen, hits []index.Hit, keys []string) error {
	var list []string
	seen := map[string]bool{}
	for _, k := range keys {
		if k != "" && !seen[k] {
			seen[k] = true
			list = append(list, k)
		}
	}
	if len(list) == 0 {
		return nil
	}
	byKey := map[string][]index.Rendition{}
	err := x.groupRows(ctx, g, list, func(m member) {
		byKey[m.key] = append(byKey[m.key], index.Rendition{ID: m.rid, Format: m.format})
	})
	if err != nil {
		return err
	}
	for i := range hits {
		for _, r := range byKey[keys[i]] {
			if r.ID != hits[i].ID {
				hits[i].Also = append(hits[i].Also, r)
			}
		}
	}
	return nil
}
