package bleveindex

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gongkai/corpus"
	"gongkai/index"
)

// TestFastPathsSameResults: the query path's faster equivalents (the
// phrase check of phraseQuery, the dictionary scan of appendContaining)
// give the same results as bleve's own (reference): the same hits in the
// same order with the same scores, snippets and renditions, the same
// totals and facets, on the real samples (when present), the hand and
// layout fixtures and the synthetic fixture, with one index and with
// year shards, for the quality set, the benchmark mix, the golden
// queries and a few strings with repeated bigrams, paged and sorted.
func TestFastPathsSameResults(t *testing.T) {
	reports := append(handReports(), layoutReports()...)
	reports = append(reports, fixtureReports()...)
	samples, dir, err := parseSamples(t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	if len(samples) == 0 {
		t.Logf("no samples in %s: comparing on the fixtures only", dir)
	}
	reports = append(reports, samples...)
	// Renditions: a PDF beside a page, and PDF and DOCX twins of a few
	// synthetic reports (a hit lists them).
	reports = append(reports, renditionReports()[1])
	for i, r := range fixtureReports()[:6] {
		for _, f := range []string{"pdf", "docx"}[:1+i%2] {
			twin := *r
			sha := corpus.Hash([]byte(fmt.Sprint("twin-", i, f)))
			twin.ID, twin.Source = sha[:12], corpus.Source{Path: "twin." + f, SHA256: sha, Format: f}
			reports = append(reports, &twin)
		}
	}
	// No report twice: an update leaves deleted documents in the older
	// segment, whose statistics (and so scores) change when bleve merges
	// segments in the background, between the two searches.
	seen := map[string]bool{}
	uniq := reports[:0]
	for _, r := range reports {
		if !seen[r.ID] {
			seen[r.ID] = true
			uniq = append(uniq, r)
		}
	}
	reports = uniq
	var reqs []index.Request
	for _, c := range qualityCases() {
		reqs = append(reqs, c.req)
	}
	for _, q := range benchQueries {
		reqs = append(reqs, q.req)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "queries", "*.txt"))
	for _, f := range files {
		reqs = append(reqs, readGolden(t, f).req)
	}
	for _, q := range []string{"信息公开信息", "公开公开", "政府信息公开", "总体情况", "heads:总体情况", "title:年度报告",
		"行政复议 -行政诉讼", "工作年度报告 OR 主动公开", `"政府 信息"`, "申请"} {
		reqs = append(reqs, index.Request{Query: q}, index.Request{Query: q, Limit: 5, Offset: 3},
			index.Request{Query: q, Sort: "-year", Facets: []string{"year", "level"}})
	}
	for _, shard := range []string{ShardNone, ShardYear} {
		t.Run(shard, func(t *testing.T) {
			x, err := Open(filepath.Join(t.TempDir(), "index"), Options{ShardBy: shard})
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			for i := 0; i < len(reports); i += 40 { // several segments
				if err := x.Index(context.Background(), reports[i:min(i+40, len(reports))]); err != nil {
					t.Fatal(err)
				}
			}
			// Let the background merges of the segments just made finish
			// first: on a loaded machine they run for seconds, and each one
			// can change scores between the fast and the reference search.
			for deadline := time.Now().Add(2 * time.Minute); x.merging() && time.Now().Before(deadline); {
				time.Sleep(50 * time.Millisecond)
			}
			differ, also, falsePos := 0, 0, 0
			for _, req := range reqs {
				fast, ref := searchBoth(t, x, req)
				for _, h := range ref.Hits {
					also += len(h.Also)
				}
				if !reflect.DeepEqual(fast, ref) && refFalsePositives(t, x, req, reports) {
					falsePos++
					continue
				}
				if !reflect.DeepEqual(fast, ref) {
					differ++
					t.Errorf("%+v: results differ:\n fast %s\n  ref %s", req, brief(fast), brief(ref))
				}
			}
			t.Logf("%d requests compared, %d differ; %d other renditions listed; %d where the reference's phrase finds reports without the string", len(reqs), differ, also, falsePos)
			if also == 0 {
				t.Error("no hit listed another rendition: the comparison does not cover them")
			}
		})
	}
}

// refFalsePositives reports whether req is a string of Han characters
// for which the reference path (bleve's phrase, which checks bigram
// positions only: positions run on across a break, so 公开 at the end of
// one run and 公开 at the start of the next make 公开公开) finds every
// hit of the fast path and more, each of them a report whose text does
// not hold the string. The fast path's sparse phrase checks byte offsets
// too (phraseSearcher.holdsSparse).
func refFalsePositives(t *testing.T, x *Index, req index.Request, reports []*corpus.Report) bool {
	t.Helper()
	q := strings.Trim(req.Query, `"`)
	if !allHan(q) {
		return false
	}
	all := req
	all.Limit, all.Offset, all.Facets, all.Sort = index.MaxLimit, 0, nil, ""
	fast, ref := searchBoth(t, x, all)
	text := map[string]string{}
	for _, r := range reports {
		text[r.ID] = index.Text(r).Body
	}
	got := map[string]bool{}
	for _, h := range fast.Hits {
		got[h.ID] = true
	}
	extra := 0
	for _, h := range ref.Hits {
		if got[h.ID] {
			delete(got, h.ID)
			continue
		}
		if strings.Contains(text[h.ID], q) {
			return false // the fast path misses a report that holds it
		}
		extra++
		t.Logf("%s: the reference finds %s, whose text does not hold it", q, h.ID)
	}
	return len(got) == 0 && extra > 0
}

// searchBoth runs req with the fast paths and with the reference paths.
func searchBoth(t *testing.T, x *Index, req index.Request) (fast, ref *index.Result) {
	t.Helper()
	run := func(r bool) *index.Result {
		reference = r
		defer func() { reference = false }()
		res, err := x.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		res.Took = 0
		return res
	}
	// bleve merges segments in the background, which changes the BM25
	// statistics (and so scores): compare only between two equal fast
	// results, that is, on an index that did not change meanwhile.
	for try := 0; ; try++ {
		f1 := run(false)
		r := run(true)
		f2 := run(false)
		if reflect.DeepEqual(f1, f2) || try == 20 {
			return f1, r
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// brief lists a result's total and hits (id, score).
func brief(r *index.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "total %d:", r.Total)
	for _, h := range r.Hits {
		fmt.Fprintf(&b, " %s/%.6g", h.ID, h.Score)
	}
	return b.String()
}
