package bleveindex

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"gongkai/index"
)

// Renditions of one report (a page and its PDF attachment) share the
// rendition field (corpus.RenditionKey). Every rendition is indexed (their
// texts can differ), but only the primary one is searched: the others are
// the secondary set, kept in memory and in each shard (bleve internal key
// secondaryKey), and excluded from every search, so that hits, totals and
// facet counts count reports, not files. A hit lists the other renditions
// (index.Hit.Also).
//
// The primary is chosen as the catalog does (corpus.choosePrimary): the
// rendition whose checks pass, then the newest parse, then the smallest
// id. "Newest parse" is the seq field: when Index is called after an
// import it is the time of indexing (the parse just committed); Build
// gives the catalog's primary seq 1 and the others 0.
const secondaryKey = "gongkai_secondary"

// member is one rendition of a group.
type member struct {
	id     string
	failed bool
	seq    float64
}

// primaryOf returns the index of the group's primary (index.Primary's rule).
func primaryOf(ms []member) int {
	return index.Primary(len(ms), func(i int) bool { return ms[i].failed },
		func(i int) int64 { return int64(ms[i].seq) }, func(i int) string { return ms[i].id })
}

// loadSecondary reads a shard's secondary set (caller holds x.mu).
func (x *Index) loadSecondary(name string) error {
	raw, err := x.shards[name].GetInternal([]byte(secondaryKey))
	if err != nil {
		return fmt.Errorf("index shard %s: read renditions: %w", name, err)
	}
	if len(raw) == 0 {
		return nil
	}
	var ids []string
	if err := json.Unmarshal(raw, &ids); err != nil {
		return fmt.Errorf("index shard %s: bad renditions: %w", name, err)
	}
	for _, id := range ids {
		x.secondary[id] = name
	}
	x.refreshSecondary()
	return nil
}

// refreshSecondary rebuilds the sorted id list secondaryQuery uses
// (caller holds x.mu for writing).
func (x *Index) refreshSecondary() {
	ids := make([]string, 0, len(x.secondary))
	for id := range x.secondary {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	x.secIDs = ids
}

// saveSecondary writes a shard's secondary set (caller holds x.mu).
func (x *Index) saveSecondary(name string) error {
	ids := []string{}
	for id, s := range x.secondary {
		if s == name {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	x.refreshSecondary()
	raw, _ := json.Marshal(ids)
	if err := x.shards[name].SetInternal([]byte(secondaryKey), raw); err != nil {
		return fmt.Errorf("index shard %s: write renditions: %w", name, err)
	}
	return nil
}

// groupMembers returns the documents of a shard with rendition key.
func (x *Index) groupMembers(ctx context.Context, name, key string) ([]member, error) {
	q := query.NewTermQuery(key)
	q.SetField(fRendition)
	sr := bleve.NewSearchRequestOptions(q, 100, 0, false)
	sr.Fields = []string{fFailed, fSeq}
	sr.SortBy([]string{"_id"})
	res, err := x.shards[name].SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("index shard %s: renditions of %s: %w", name, key, err)
	}
	ms := make([]member, 0, len(res.Hits))
	for _, h := range res.Hits {
		f, _ := h.Fields[fFailed].(string)
		seq, _ := h.Fields[fSeq].(float64)
		ms = append(ms, member{id: h.ID, failed: f == "true", seq: seq})
	}
	return ms, nil
}

// regroupDrop is how many rendition keys regroup looks up between two
// drops of the shard's mapped pages.
const regroupDrop = 25

// regroup recomputes the primaries of the given rendition keys of a shard
// from what it holds, and saves the shard's secondary set.
func (x *Index) regroup(ctx context.Context, name string, keys map[string]bool) error {
	changed := false
	n := 0
	for key := range keys {
		if key == "" {
			continue
		}
		// Each key's search maps pages of every segment of the shard (its
		// term dictionary, doc values, stored fields, and the kernel's
		// read-around with them): on a 100,000-report archive a call's 200
		// keys held about 200 MB of segment pages resident until the call
		// ended. Dropping them every regroupDrop keys bounds that.
		if n++; n%regroupDrop == 0 {
			dropMapped(x.shards[name])
		}
		ms, err := x.groupMembers(ctx, name, key)
		if err != nil {
			return err
		}
		p := primaryOf(ms)
		for i, m := range ms {
			_, was := x.secondary[m.id]
			if now := i != p && len(ms) > 1; now != was {
				changed = true
				if now {
					x.secondary[m.id] = name
				} else {
					delete(x.secondary, m.id)
				}
			}
		}
	}
	if !changed {
		return nil
	}
	return x.saveSecondary(name)
}

// secondaryQuery excludes the secondary renditions (nil: none).
func (x *Index) secondaryQuery() query.Query {
	if len(x.secIDs) == 0 {
		return nil
	}
	return query.NewDocIDQuery(x.secIDs)
}

// also fills the hits' other renditions (hits[i] has rendition key
// keys[i] and format formats[i]): one search for the documents with the
// hits' keys other than the hits themselves, sorted by id. Most reports
// have one rendition, and then it finds nothing, without loading the
// stored fields of the hits again.
func (x *Index) also(ctx context.Context, hits []index.Hit, keys, formats []string) {
	if reference {
		x.alsoReference(ctx, hits, keys)
		return
	}
	var qs []query.Query
	want := map[string]bool{}
	ids := make([]string, 0, len(hits))
	for i, k := range keys {
		if k != "" && !want[k] {
			want[k] = true
			q := query.NewTermQuery(k)
			q.SetField(fRendition)
			qs = append(qs, q)
		}
		ids = append(ids, hits[i].ID)
	}
	if len(qs) == 0 {
		return
	}
	q := query.NewBooleanQuery([]query.Query{query.NewDisjunctionQuery(qs)}, nil, []query.Query{query.NewDocIDQuery(ids)})
	// A page of index.MaxLimit makes bleve allocate that many matches
	// first; a report has a few renditions, so ask for a few per key and
	// ask again for all if there are more.
	var res *bleve.SearchResult
	for _, size := range []int{4*len(qs) + 16, index.MaxLimit} {
		sr := bleve.NewSearchRequestOptions(q, size, 0, false)
		sr.Fields = []string{fRendition, fFormat}
		sr.SortBy([]string{"_id"})
		var err error
		if res, err = x.alias.SearchInContext(ctx, sr); err != nil {
			return // the hits stand without their renditions
		}
		if res.Total <= uint64(size) {
			break
		}
	}
	byKey := map[string][]index.Rendition{}
	for _, h := range res.Hits {
		k, _ := h.Fields[fRendition].(string)
		f, _ := h.Fields[fFormat].(string)
		byKey[k] = append(byKey[k], index.Rendition{ID: h.ID, Format: f})
	}
	for i, k := range keys {
		if k != "" {
			byKey[k] = append(byKey[k], index.Rendition{ID: hits[i].ID, Format: formats[i]})
		}
	}
	for i := range hits {
		rs := byKey[keys[i]]
		if len(rs) < 2 {
			continue
		}
		sort.Slice(rs, func(a, b int) bool { return rs[a].ID < rs[b].ID })
		for _, r := range rs {
			if r.ID != hits[i].ID {
				hits[i].Also = append(hits[i].Also, r)
			}
		}
	}
}

// alsoReference is also as it was: one search for every document with the
// hits' keys (TestFastPathsSameResults compares the two).
func (x *Index) alsoReference(ctx context.Context, hits []index.Hit, keys []string) {
	var qs []query.Query
	want := map[string]bool{}
	for _, k := range keys {
		if k != "" && !want[k] {
			want[k] = true
			q := query.NewTermQuery(k)
			q.SetField(fRendition)
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		return
	}
	sr := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(qs), index.MaxLimit, 0, false)
	sr.Fields = []string{fRendition, fFormat}
	sr.SortBy([]string{"_id"})
	res, err := x.alias.SearchInContext(ctx, sr)
	if err != nil {
		return // the hits stand without their renditions
	}
	byKey := map[string][]index.Rendition{}
	for _, h := range res.Hits {
		k, _ := h.Fields[fRendition].(string)
		f, _ := h.Fields[fFormat].(string)
		byKey[k] = append(byKey[k], index.Rendition{ID: h.ID, Format: f})
	}
	for i := range hits {
		for _, r := range byKey[keys[i]] {
			if r.ID != hits[i].ID {
				hits[i].Also = append(hits[i].Also, r)
			}
		}
	}
}

// seqValue is the seq of a report indexed now, or in a rebuild.
func seqValue(now int64, build bool, primary bool) float64 {
	if !build {
		return float64(now)
	}
	if primary {
		return 1
	}
	return 0
}

// keysOf returns the rendition keys that the documents ids of a shard have.
func (x *Index) keysOf(ctx context.Context, name string, ids []string) (map[string]bool, error) {
	keys := map[string]bool{}
	if len(ids) == 0 {
		return keys, nil
	}
	sr := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	sr.Fields = []string{fRendition}
	res, err := x.shards[name].SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("index shard %s: renditions: %w", name, err)
	}
	for _, h := range res.Hits {
		if k, _ := h.Fields[fRendition].(string); k != "" {
			keys[k] = true
		}
	}
	return keys, nil
}

// finishGroups decides the primaries of a Build from the groups gathered
// while feeding, and saves every shard's secondary set.
func (x *Index) finishGroups() error {
	for name, groups := range x.groups {
		for _, ms := range groups {
			if len(ms) < 2 {
				continue
			}
			p := primaryOf(ms)
			for i, m := range ms {
				if i != p {
					x.secondary[m.id] = name
				}
			}
		}
	}
	for _, name := range x.shardNames() {
		if err := x.saveSecondary(name); err != nil {
			return err
		}
	}
	x.build, x.groups = nil, nil
	return nil
}
