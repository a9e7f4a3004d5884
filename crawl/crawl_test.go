package crawl_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gongkai/corpus"
	"gongkai/corpus/corpustest"
	"gongkai/crawl"
	"gongkai/ingest"
)

// run crawls seeds into the archive st (crawl state in the same
// directory) the way `gongkai crawl` does.
func run(t *testing.T, st *corpus.Store, state *crawl.State, seeds []crawl.Seed, opt crawl.Options) (crawl.Result, ingest.Summary) {
	t.Helper()
	ctx := context.Background()
	opt.State = state
	opt.Imported = func(ctx context.Context, u string) (bool, error) { return ingest.HasURL(ctx, st, u) }
	docs := make(chan ingest.Fetched, 64)
	var res crawl.Result
	var cerr error
	go func() {
		defer close(docs)
		res, cerr = crawl.Crawl(ctx, seeds, opt, func(ctx context.Context, d crawl.Document) error {
			docs <- ingest.Fetched{Origin: d.Origin, Data: d.Data, Err: d.Err, Reason: d.Reason, Wrapper: d.Wrapper, Companion: d.Kind == crawl.KindImage, Images: d.Images}
			return nil
		})
	}()
	sum, err := ingest.ImportFetched(ctx, st, docs, ingest.Options{Workers: 2, FlushEvery: 50 * time.Millisecond})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if cerr != nil {
		t.Fatalf("crawl: %v", cerr)
	}
	return res, sum
}

func count(t *testing.T, st *corpus.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := corpustest.DB(st).QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// openArchive opens a catalog and a crawl state in a new temporary
// directory, closed when the test ends.
func openArchive(t *testing.T) (st *corpus.Store, state *crawl.State) {
	t.Helper()
	dir := t.TempDir()
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	state, err = crawl.OpenState(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { state.Close() })
	return st, state
}

func fastOptions(t *testing.T) crawl.Options {
	return crawl.Options{Rate: 200, RetryBase: 10 * time.Millisecond, MaxSize: 1 << 20, Transport: loopbackOnly(t),
		Contact: "https://example.org/gongkai-test", Timeout: 10 * time.Second}
}

// TestCrawl_Site crawls a three-page GBK column twice: everything is
// archived exactly once, nothing forbidden or off-topic is fetched, the 503
// is retried, the loop and the oversized file fail, and the second crawl
// fetches only the page that changed.
func TestCrawl_Site(t *testing.T) {
	s := newSite(t)
	specs := annualSite(t, s)
	st, state := openArchive(t)
	seeds := []crawl.Seed{{URL: s.url("/xxgk/ndbg/index.html"), Office: "示例县人民政府", Region: "321322"}}

	res, sum := run(t, st, state, seeds, fastOptions(t))
	t.Logf("first crawl: %+v", res)
	t.Logf("first import: %+v", sum)

	// Every page of the column was read; nothing off-topic, forbidden or
	// off-host was asked for.
	for _, p := range []string{"/xxgk/ndbg/index.html", "/xxgk/ndbg/index_1.html", "/xxgk/ndbg/index_2.html", "/robots.txt"} {
		if n := s.count(p, 200); n != 1 {
			t.Errorf("%s fetched %d times, want 1", p, n)
		}
	}
	for _, h := range s.requests() {
		if strings.HasPrefix(h.path, "/private/") || strings.Contains(h.path, "/jd") || strings.Contains(h.path, "/tj.") ||
			strings.Contains(h.path, "/tz.") || strings.Contains(h.path, "/fz.") {
			t.Errorf("fetched %s, which it should have left alone", h.path)
		}
		if !strings.HasPrefix(h.ua, "gongkai/") || !strings.Contains(h.ua, "example.org/gongkai-test") {
			t.Errorf("User-Agent %q", h.ua)
		}
	}
	if res.Disallowed != 1 || res.OffHost != 1 {
		t.Errorf("disallowed %d, off-host %d; want 1 and 1", res.Disallowed, res.OffHost)
	}
	// The 503 was retried once and then served.
	if n, ok := s.count("/xxgk/ndbg/t20230120_3.html", 503), s.count("/xxgk/ndbg/t20230120_3.html", 200); n != 1 || ok != 1 {
		t.Errorf("flaky page: %d×503 then %d×200, want 1 and 1", n, ok)
	}
	// Reports: 3 pages, the PDF and DOCX attachments of the wrapper page and
	// the PDF linked from the listing. The wrapper page is a document of
	// its own with neither report nor failure.
	if got := count(t, st, `SELECT count(*) FROM reports`); got != 6 {
		t.Errorf("%d reports, want 6", got)
	}
	if got := count(t, st, `SELECT count(*) FROM sources WHERE kind = 'url'`); got != 7 {
		t.Errorf("%d sources, want 7", got)
	}
	if got := count(t, st, `SELECT count(*) FROM (SELECT path FROM sources GROUP BY path, member HAVING count(*) > 1)`); got != 0 {
		t.Errorf("%d URLs with more than one source", got)
	}
	// The failures: the redirect loop and the oversized PDF.
	for _, f := range []struct{ path, reason string }{
		{s.url("/loop/a.html"), "redirect-loop"},
		{s.url("/xxgk/ndbg/big.pdf"), "too-large"},
	} {
		if got := count(t, st, `SELECT count(*) FROM failures WHERE path = ? AND reason = ? AND stage = 'fetch'`, f.path, f.reason); got != 1 {
			t.Errorf("failure %s %s recorded %d times, want 1", f.reason, f.path, got)
		}
	}
	if got := count(t, st, `SELECT count(*) FROM failures`); got != 2 {
		t.Errorf("%d failures, want 2", got)
	}
	// Provenance of a listed page and of an attachment.
	var ref, title, date, headers, fetched string
	var status int
	err := corpustest.DB(st).QueryRow(`SELECT referrer, listing_title, listing_date, http_status, http_headers, fetched_at FROM sources WHERE path = ?`,
		s.url("/xxgk/ndbg/t20240117_1.html")).Scan(&ref, &title, &date, &status, &headers, &fetched)
	if err != nil {
		t.Fatal(err)
	}
	if ref != s.url("/xxgk/ndbg/index.html") || title != specs[0].Truth.Title || date != "2024-01-17" || status != 200 ||
		!strings.Contains(headers, `"Etag"`) || fetched == "" {
		t.Errorf("provenance: referrer %q title %q date %q status %d headers %s fetched %q", ref, title, date, status, headers, fetched)
	}
	err = corpustest.DB(st).QueryRow(`SELECT referrer, listing_date FROM sources WHERE path = ?`, s.url("/xxgk/ndbg/W020240117_1.pdf")).Scan(&ref, &date)
	if err != nil || ref != s.url("/xxgk/ndbg/t20240118_2.html") || date != "2024-01-18" {
		t.Errorf("attachment provenance: referrer %q date %q (%v)", ref, date, err)
	}
	if err := corpustest.DB(st).QueryRow(`SELECT listing_date FROM sources WHERE path = ?`, s.url("/xxgk/ndbg/t20230120_3.html")).Scan(&date); err != nil || date != "2023-01-20" {
		t.Errorf("listing date 2023年01月20日 read as %q (%v)", date, err)
	}

	// Second crawl: one report page changed; everything else is 304.
	s.reset()
	changed := "/xxgk/ndbg/t20220125_4.html"
	s.set(changed, "text/html; charset=gb2312", synthHTML(specs[3]))
	res2, sum2 := run(t, st, state, seeds, fastOptions(t))
	t.Logf("second crawl: %+v", res2)
	t.Logf("second import: %+v", sum2)
	if n := s.count(changed, 200); n != 1 {
		t.Errorf("changed page fetched %d times with 200, want 1", n)
	}
	for _, h := range s.requests() {
		switch {
		case h.path == changed, h.path == "/robots.txt", strings.HasPrefix(h.path, "/loop/"), h.path == "/xxgk/ndbg/big.pdf":
		case h.status != 304 || !h.cond:
			t.Errorf("second crawl: %s got %d (conditional %v), want a conditional 304", h.path, h.status, h.cond)
		}
	}
	if res2.NotModified < 9 {
		t.Errorf("%d not-modified responses, want at least 9", res2.NotModified)
	}
	if got := count(t, st, `SELECT count(*) FROM reports`); got != 7 {
		t.Errorf("%d reports after the second crawl, want 7 (the new version added)", got)
	}
	if got := count(t, st, `SELECT count(*) FROM sources WHERE path = ?`, s.url(changed)); got != 2 {
		t.Errorf("changed page has %d sources, want 2 (one per version)", got)
	}
	if sum2.Imported != 1 {
		t.Errorf("second import: %d imported, want 1", sum2.Imported)
	}
	if got := count(t, st, `SELECT attempts FROM failures WHERE path = ?`, s.url("/xxgk/ndbg/big.pdf")); got != 2 {
		t.Errorf("oversized file: %d attempts recorded, want 2", got)
	}
	// The hints are kept with the seed in the crawl state.
	var office, region string
	if err := state.DB().QueryRow(`SELECT office, region FROM seeds WHERE url = ?`, seeds[0].URL).Scan(&office, &region); err != nil ||
		office != "示例县人民政府" || region != "321322" {
		t.Errorf("seed hints: %q %q (%v)", office, region, err)
	}
}

// TestCrawl_RateLimit measures the gaps between requests per host at 5
// requests a second, two hosts crawled in parallel.
func TestCrawl_RateLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about two seconds")
	}
	var sites []*site
	var seeds []crawl.Seed
	for range 2 {
		s := newSite(t)
		html := "text/html; charset=gb2312"
		s.set("/ndbg/index.html", html, listingPage(t, []item{{"a.html", "甲县2023年政府信息公开工作年度报告", "2024-01-17"}}, 0, 4))
		for i := 1; i < 4; i++ {
			s.set("/ndbg/index_"+string(rune('0'+i))+".html", html, listingPage(t, nil, i, 4))
		}
		s.set("/ndbg/a.html", html, gbk(t, "<html><body><p>甲县2023年政府信息公开工作年度报告</p></body></html>"))
		sites = append(sites, s)
		seeds = append(seeds, crawl.Seed{URL: s.url("/ndbg/index.html")})
	}
	opt := crawl.Options{Rate: 5, Transport: loopbackOnly(t)}
	start := time.Now()
	res, err := crawl.Crawl(context.Background(), seeds, opt, func(context.Context, crawl.Document) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	// Server-side timestamps carry the client's scheduling and connection
	// set-up jitter: each gap may fall short by the tolerance, the mean may not.
	const tolerance = 80 * time.Millisecond
	for i, s := range sites {
		hits := s.requests()
		if len(hits) != 6 { // robots.txt, 4 listing pages, 1 report
			t.Errorf("site %d: %d requests, want 6", i, len(hits))
		}
		minGap := time.Hour
		for j := 1; j < len(hits); j++ {
			gap := hits[j].at.Sub(hits[j-1].at)
			minGap = min(minGap, gap)
			if gap < 200*time.Millisecond-tolerance {
				t.Errorf("site %d: requests %d and %d %v apart, want ≥ 200ms", i, j-1, j, gap)
			}
		}
		t.Logf("site %d: smallest gap %v", i, minGap)
		if n := len(hits); n > 1 {
			if mean := hits[n-1].at.Sub(hits[0].at) / time.Duration(n-1); mean < 195*time.Millisecond {
				t.Errorf("site %d: mean gap %v, want ≥ 200ms", i, mean)
			}
		}
	}
	// The hosts have a bucket each: they were crawled side by side.
	if elapsed > 1800*time.Millisecond {
		t.Errorf("two hosts took %v: their limits were not independent", elapsed)
	}
	t.Logf("%d requests in %v", res.Requests, elapsed)
}

// TestCrawl_Cancel: a cancelled crawl returns promptly with the cause.
func TestCrawl_Cancel(t *testing.T) {
	s := newSite(t)
	annualSite(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	opt := crawl.Options{Rate: 2, Transport: loopbackOnly(t)}
	go func() { time.Sleep(300 * time.Millisecond); cancel() }()
	start := time.Now()
	_, err := crawl.Crawl(ctx, []crawl.Seed{{URL: s.url("/xxgk/ndbg/index.html")}}, opt, func(context.Context, crawl.Document) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("returned after %v", d)
	}
}
