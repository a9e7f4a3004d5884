package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"gongkai/corpus"
)

// Kinds of URLs in a crawl.
const (
	KindListing    = "listing"    // a page of the annual-report column
	KindPage       = "page"       // a report, as linked from the listing (HTML page or file)
	KindAttachment = "attachment" // a file linked from a report page
)

// Document is a report page or attachment fetched (or not: Err) with its
// provenance, handed to the sink.
type Document struct {
	Origin corpus.Origin // Kind "url", Path the URL as linked, provenance fields set
	Kind   string        // KindPage or KindAttachment
	Seed   Seed          // the start URL it was reached from, with its hints
	Data   []byte        // nil when Err is set
	// Wrapper is set for a report page that links attachments: when its own
	// text is no report (a page that only says "附件：…pdf") that is no failure.
	Wrapper bool
	Err     error  // the fetch failed
	Reason  string // Reason(Err)
}

// Failure is a URL that could not be fetched.
type Failure struct {
	URL, Kind, Reason string
	Err               error
}

// Result counts what a crawl did.
type Result struct {
	Seeds       int
	Requests    int // HTTP requests made, robots.txt, retries and redirect hops included
	Listings    int // listing pages read (fetched or from the state after a 304)
	Fetched     int // 200 responses
	NotModified int // 304 responses
	Unchanged   int // 200 responses with the body of the last fetch
	Documents   int // documents handed to the sink
	Disallowed  int // URLs robots.txt forbids
	OffHost     int // links to hosts not allowed
	Capped      int // links beyond --max-depth or the page budget
	Failures    []Failure
	Elapsed     time.Duration
}

// Sink receives the documents of a crawl, one at a time per seed; seeds
// crawled in parallel call it concurrently. An error stops the crawl.
type Sink func(context.Context, Document) error

// task is one URL to visit.
type task struct {
	url, kind, referrer string
	title, date         string
	depth               int
}

// crawler is one Crawl call.
type crawler struct {
	opt  Options
	f    *fetcher
	sink Sink

	mu      sync.Mutex
	visited map[string]bool
	res     Result
}

// Crawl crawls the seeds (Options.Parallel at a time) and hands every report
// page and attachment fetched to sink. It returns when all seeds are done,
// ctx is cancelled or sink fails; per-URL failures are in Result.Failures
// and, for documents, handed to sink with Err set.
func Crawl(ctx context.Context, seeds []Seed, opt Options, sink Sink) (Result, error) {
	start := time.Now()
	opt.defaults()
	hosts := map[string]bool{}
	for _, s := range seeds {
		u, err := checkURL(s.URL)
		if err != nil {
			return Result{}, fmt.Errorf("crawl: seed %w", err)
		}
		hosts[strings.ToLower(u.Host)] = true
	}
	c := &crawler{opt: opt, sink: sink, visited: map[string]bool{}}
	c.f = newFetcher(&c.opt, func(h string) bool { return hostAllowed(h, hosts, opt.FollowHosts) })
	c.res.Seeds = len(seeds)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sem := make(chan struct{}, opt.Parallel)
	var wg sync.WaitGroup
	for _, s := range seeds {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := c.crawlSeed(ctx, s); err != nil {
				cancel(err)
			}
		}()
	}
	wg.Wait()
	c.res.Elapsed = time.Since(start)
	c.res.Requests = int(c.f.requests.Load())
	if err := context.Cause(ctx); err != nil {
		return c.res, fmt.Errorf("crawl: %w", err)
	}
	return c.res, nil
}

// crawlSeed crawls one start URL breadth first.
func (c *crawler) crawlSeed(ctx context.Context, s Seed) error {
	if c.opt.State != nil {
		if err := c.opt.State.PutSeed(ctx, s, c.opt.Now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
	}
	b := newBudget(c.opt.MaxPages)
	queue := []task{{url: s.URL, kind: KindListing}}
	for len(queue) > 0 && ctx.Err() == nil {
		t := queue[0]
		queue = queue[1:]
		if !c.claim(t.url) {
			continue
		}
		next, err := c.visit(ctx, s, t, b)
		if err != nil {
			return err
		}
		for _, n := range next {
			if n.depth > c.opt.MaxDepth {
				c.count(func(r *Result) { r.Capped++ })
				continue
			}
			queue = append(queue, n)
		}
	}
	return nil
}

// claim marks a URL visited; false if it already was.
func (c *crawler) claim(u string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.visited[u] {
		return false
	}
	c.visited[u] = true
	return true
}

func (c *crawler) count(f func(*Result)) {
	c.mu.Lock()
	f(&c.res)
	c.mu.Unlock()
}

// visit fetches one URL, records it, hands documents to the sink and
// returns the tasks its links lead to. The error is fatal (state, sink,
// cancellation); fetch failures are recorded and return nil.
func (c *crawler) visit(ctx context.Context, s Seed, t task, b *budget) ([]task, error) {
	prev, cond, trusted, err := c.previous(ctx, t)
	if err != nil {
		return nil, err
	}
	resp, _, err := c.f.fetch(ctx, t.url, cond, b)
	if err != nil {
		return nil, c.failed(ctx, s, t, prev, err)
	}
	c.f.logf("%d %s", resp.Status, t.url)
	rec := c.record(s, t, prev, resp)
	body, fresh := resp.Body, true
	switch {
	case resp.Status == http.StatusNotModified:
		c.count(func(r *Result) { r.NotModified++ })
		body, fresh = prev.Body, false
	case trusted && prev.SHA256 == rec.SHA256:
		c.count(func(r *Result) { r.Fetched++; r.Unchanged++ })
		fresh = false
	default:
		c.count(func(r *Result) { r.Fetched++ })
	}
	if t.kind == KindListing {
		c.count(func(r *Result) { r.Listings++ })
	}
	var links pageLinks
	if isHTML(resp.Header, body) {
		base, _ := url.Parse(resp.URL)
		if links, err = extractLinks(body, base); err != nil {
			c.f.logf("%v", err)
		}
		if t.kind != KindAttachment {
			rec.Body = body
		}
	}
	if c.opt.State != nil {
		if err := c.opt.State.Put(ctx, rec); err != nil {
			return nil, err
		}
	}
	if t.kind != KindListing && fresh {
		d := c.document(s, t, resp)
		d.Wrapper = len(links.Attachments) > 0
		if err := c.deliver(ctx, d); err != nil {
			return nil, err
		}
	}
	return c.next(t, links), nil
}

// previous reads the URL's state and decides the validators to send.
// trusted says the archive holds what the URL gave last time (always true
// for listings, which are not archived): an unchanged body is then not
// handed over again. Nothing is trusted after a failure, for a listing
// whose body was not kept, or when Options.Imported says the archive lacks
// the URL (an import interrupted after the fetch).
func (c *crawler) previous(ctx context.Context, t task) (prev Record, cond conditional, trusted bool, err error) {
	if c.opt.State == nil {
		return Record{}, conditional{}, false, nil
	}
	prev, ok, err := c.opt.State.Get(ctx, t.url)
	if err != nil || !ok || prev.Error != "" || prev.SHA256 == "" {
		return prev, conditional{}, false, err
	}
	if t.kind == KindListing && prev.Body == nil {
		return prev, conditional{}, false, nil
	}
	if t.kind != KindListing && c.opt.Imported != nil {
		have, err := c.opt.Imported(ctx, t.url)
		if err != nil {
			return prev, conditional{}, false, fmt.Errorf("crawl: %w", err)
		}
		if !have {
			return prev, conditional{}, false, nil
		}
	}
	return prev, conditional{etag: prev.ETag, lastModified: prev.LastModified}, true, nil
}

// record is the state after a response.
func (c *crawler) record(s Seed, t task, prev Record, resp *response) Record {
	at := resp.At.Format(time.RFC3339)
	rec := Record{URL: t.url, Kind: t.kind, Seed: s.URL, Referrer: t.referrer, ListingTitle: t.title, ListingDate: t.date,
		Status: resp.Status, CheckedAt: at}
	if resp.Status == http.StatusNotModified {
		rec.ETag, rec.LastModified, rec.SHA256, rec.Size, rec.FetchedAt = prev.ETag, prev.LastModified, prev.SHA256, prev.Size, prev.FetchedAt
		if v := resp.Header.Get("ETag"); v != "" {
			rec.ETag = v
		}
		return rec
	}
	rec.ETag, rec.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	rec.SHA256, rec.Size, rec.FetchedAt = corpus.Hash(resp.Body), int64(len(resp.Body)), at
	return rec
}

// failed records a fetch failure; documents also go to the sink.
func (c *crawler) failed(ctx context.Context, s Seed, t task, prev Record, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	reason := Reason(err)
	c.f.logf("%s %s: %v", reason, t.url, err)
	c.count(func(r *Result) {
		switch {
		case errors.Is(err, ErrDisallowed):
			r.Disallowed++
		case errors.Is(err, ErrOffHost):
			r.OffHost++
		case errors.Is(err, ErrPageBudget):
			r.Capped++
		default:
			r.Failures = append(r.Failures, Failure{URL: t.url, Kind: t.kind, Reason: reason, Err: err})
		}
	})
	if errors.Is(err, ErrDisallowed) || errors.Is(err, ErrOffHost) || errors.Is(err, ErrPageBudget) {
		return nil
	}
	if c.opt.State != nil {
		rec := prev
		rec.URL, rec.Kind, rec.Seed, rec.Referrer, rec.ListingTitle, rec.ListingDate = t.url, t.kind, s.URL, t.referrer, t.title, t.date
		rec.Error, rec.Reason, rec.CheckedAt, rec.Status = err.Error(), reason, c.opt.Now().UTC().Format(time.RFC3339), 0
		var se *StatusError
		if errors.As(err, &se) {
			rec.Status = se.Code
		}
		if err := c.opt.State.Put(ctx, rec); err != nil {
			return err
		}
	}
	if t.kind == KindListing {
		return nil
	}
	d := Document{Origin: corpus.Origin{Kind: "url", Path: t.url, Referrer: t.referrer, ListingTitle: t.title, ListingDate: t.date},
		Kind: t.kind, Seed: s, Err: err, Reason: reason}
	return c.deliver(ctx, d)
}

func (c *crawler) deliver(ctx context.Context, d Document) error {
	c.count(func(r *Result) { r.Documents++ })
	if err := c.sink(ctx, d); err != nil {
		return fmt.Errorf("hand over %s: %w", d.Origin.Path, err)
	}
	return nil
}

// document builds the document of a 200 response.
func (c *crawler) document(s Seed, t task, resp *response) Document {
	o := corpus.Origin{Kind: "url", Path: t.url, Referrer: t.referrer, ListingTitle: t.title, ListingDate: t.date,
		HTTPStatus: resp.Status, HTTPHeaders: keptHeaders(resp.Header), FetchedAt: resp.At.Format(time.RFC3339)}
	if resp.URL != t.url {
		o.HTTPHeaders["X-Final-Url"] = resp.URL
	}
	return Document{Origin: o, Kind: t.kind, Seed: s, Data: resp.Body}
}

// keptHeaders are the response headers worth keeping as provenance.
func keptHeaders(h http.Header) map[string]string {
	out := map[string]string{}
	for _, k := range []string{"Content-Type", "Content-Length", "Content-Disposition", "Etag", "Last-Modified", "Date", "Server", "Cache-Control"} {
		if v := h.Get(k); v != "" {
			out[k] = v
		}
	}
	return out
}

// next turns a page's links into tasks: reports and pagination from a
// listing, attachments from a report page.
func (c *crawler) next(t task, links pageLinks) []task {
	var out []task
	switch t.kind {
	case KindListing:
		for _, l := range links.Pages {
			out = append(out, task{url: l.URL, kind: KindListing, referrer: t.url, depth: t.depth + 1})
		}
		for _, l := range links.Reports {
			out = append(out, task{url: l.URL, kind: KindPage, referrer: t.url, title: l.Title, date: l.Date, depth: t.depth + 1})
		}
	case KindPage:
		for _, l := range links.Attachments {
			out = append(out, task{url: l.URL, kind: KindAttachment, referrer: t.url, title: t.title, date: t.date, depth: t.depth + 1})
		}
	}
	return out
}

// isHTML: by Content-Type, else by sniffing.
func isHTML(h http.Header, body []byte) bool {
	if len(body) == 0 {
		return false
	}
	ct := strings.ToLower(h.Get("Content-Type"))
	if strings.Contains(ct, "html") {
		return true
	}
	if ct != "" && !strings.HasPrefix(ct, "text/plain") && !strings.HasPrefix(ct, "application/octet-stream") {
		return false
	}
	return strings.Contains(http.DetectContentType(body), "html")
}
