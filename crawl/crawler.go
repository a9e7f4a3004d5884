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
	KindImage      = "image"      // an image in the body of a report page, fetched with it
)

// Document is a report page or attachment fetched (or not: Err) with its
// provenance, handed to the sink.
type Document struct {
	Origin corpus.Origin // Kind "url", Path the URL as linked, provenance fields set
	Kind   string        // KindPage, KindAttachment or KindImage (Origin.Referrer is its page)
	Seed   Seed          // the start URL it was reached from, with its hints
	Data   []byte        // nil when Err is set
	// Wrapper is set for a report page that links attachments: when its own
	// text is no report (a page that only says "附件：…pdf") that is no failure.
	Wrapper bool
	// Images are the pictures in the body of a report page (KindPage),
	// fetched before the page is handed over, by URL: the parser reads a
	// table pasted as a picture from them. Each was also handed to the sink
	// as a document of its own (KindImage), so the archive keeps it as one
	// of the report's sources. An image unchanged since the last crawl is
	// not among them (the archive has it).
	Images map[string][]byte
	Err    error  // the fetch failed
	Reason string // Reason(Err)
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
	Blocked     []Failure // challenge pages no browser passed (Reason "blocked")
	Rendered    int       // pages loaded in the browser (listings, challenges)
	NeedBrowser []string  // pages that needed a browser when none was found
	Sites       []SiteResult
	Elapsed     time.Duration
}

// SiteResult is what a crawl did for one start URL.
type SiteResult struct {
	Seed      Seed
	Column    *Column // the column discovered (nil when the seed was one)
	Reports   int     // report links followed from the column
	New       int     // documents fetched and handed over (pages and attachments)
	Unchanged int     // documents unchanged since the last crawl
	Failed    int     // URLs that failed (blocked ones aside)
	Blocked   []Failure
	Rendered  int    // listing pages read from the browser
	Endpoint  string // the JSON endpoint the listing was read from ("" if none)
	// NeedBrowser are the pages whose lists are built by script, when no
	// browser was found, with the markers seen.
	NeedBrowser []string
	Planned     []Planned // --dry-run: the reports that would be fetched
	Requests    int       // requests made for this site (robots.txt, browser and retries included)
	Elapsed     time.Duration
}

// Planned is a report a dry run would fetch.
type Planned struct {
	URL, Title, Date, Referrer string
}

// Sink receives the documents of a crawl, one at a time per seed; seeds
// crawled in parallel call it concurrently. An error stops the crawl.
type Sink func(context.Context, Document) error

// task is one URL to visit.
type task struct {
	url, kind, referrer string
	title, date         string
	depth               int
	method, body, ctype string    // a POST page of a listing or a JSON endpoint
	api                 *endpoint // a page of a JSON listing (page number page)
	page                int
	into                map[string][]byte // KindImage fetched with its page: where its body goes
}

func (t task) request() request {
	return request{Method: t.method, URL: t.url, Body: t.body, ContentType: t.ctype}
}

func (t task) key() string { return t.request().key() }

// crawler is one Crawl call.
type crawler struct {
	opt   Options
	f     *fetcher
	br    *browser
	sink  Sink
	seeds map[string]bool // the seeds' hosts

	mu         sync.Mutex
	visited    map[string]bool
	res        Result
	hosts      map[string]bool      // hosts allowed besides the seeds' (platforms, columns)
	domains    map[string]bool      // registrable domains allowed (sites being discovered)
	prefetched map[string]*response // pages read by discovery, not asked for twice
	noPass     map[string]string    // hosts whose challenge the browser did not pass, and why
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
	c := &crawler{opt: opt, sink: sink, visited: map[string]bool{}, seeds: hosts, hosts: map[string]bool{}, domains: map[string]bool{},
		prefetched: map[string]*response{}, noPass: map[string]string{}}
	c.f = newFetcher(&c.opt, c.allowed)
	path := opt.Chromium
	if path == "" {
		path, _ = FindChromium()
	}
	c.br = newBrowser(c.f, path)
	defer c.br.close()
	c.res.Seeds = len(seeds)
	c.res.Sites = make([]SiteResult, len(seeds))
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sem := make(chan struct{}, opt.Parallel)
	var wg sync.WaitGroup
	for i, s := range seeds {
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
			if err := c.crawlSeed(ctx, s, &c.res.Sites[i]); err != nil {
				cancel(err)
			}
		}()
	}
	wg.Wait()
	c.res.Elapsed = time.Since(start)
	c.res.Requests = int(c.f.requests.Load())
	c.res.Rendered = int(c.br.loads.Load())
	for _, site := range c.res.Sites {
		c.res.Blocked = append(c.res.Blocked, site.Blocked...)
		c.res.NeedBrowser = append(c.res.NeedBrowser, site.NeedBrowser...)
	}
	if err := context.Cause(ctx); err != nil {
		return c.res, fmt.Errorf("crawl: %w", err)
	}
	return c.res, nil
}

// crawlSeed crawls one start URL breadth first, after finding its column
// when the seed is a site.
func (c *crawler) crawlSeed(ctx context.Context, s Seed, site *SiteResult) error {
	started := time.Now()
	b := newBudget(c.opt.MaxPages)
	site.Seed = s
	defer func() {
		site.Requests = c.opt.MaxPages - int(max(b.left.Load(), 0))
		site.Elapsed = time.Since(started)
	}()
	if c.opt.State != nil {
		if err := c.opt.State.PutSeed(ctx, s, c.opt.Now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
	}
	start := s.URL
	if s.Discover {
		col, err := c.column(ctx, s, site, b)
		if err != nil {
			return err
		}
		site.Column = &col
		if col.URL == "" {
			return nil
		}
		start = col.URL
	}
	queue := []task{{url: start, kind: KindListing}}
	for len(queue) > 0 && ctx.Err() == nil {
		t := queue[0]
		queue = queue[1:]
		if !c.claim(t.key()) {
			continue
		}
		next, err := c.visit(ctx, s, site, t, b)
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

// column finds the column of a site, or takes the one the state has.
func (c *crawler) column(ctx context.Context, s Seed, site *SiteResult, b *budget) (Column, error) {
	if u, err := checkURL(s.URL); err == nil {
		c.allowDomain(u.Host)
	}
	if c.opt.State != nil && !c.opt.Rediscover {
		col, ok, err := c.opt.State.Column(ctx, s.URL)
		if err != nil || ok {
			if ok {
				if u, err := checkURL(col.URL); err == nil {
					c.allowHost(u.Host)
				}
				c.f.logf("column of %s (stored): %s", s.URL, col.URL)
			}
			return col, err
		}
	}
	col, err := c.discover(ctx, s, site, b)
	if err != nil {
		return col, err
	}
	if col.URL == "" {
		c.f.logf("no annual-report column found from %s (%d pages read)", s.URL, col.Pages)
		return col, nil
	}
	c.f.logf("column of %s: %s (via %s, %d report links)", s.URL, col.URL, strings.Join(col.Via, viaSep), col.Reports)
	if c.opt.State != nil && !c.opt.DryRun {
		if err := c.opt.State.PutColumn(ctx, col, c.opt.Now().UTC().Format(time.RFC3339)); err != nil {
			return col, err
		}
	}
	return col, nil
}

// allowed says whether requests may go to host: a seed's host, a
// FollowHosts pattern, a host or registrable domain a discovered site
// brought in.
func (c *crawler) allowed(host string) bool {
	if hostAllowed(host, c.seeds, c.opt.FollowHosts) {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hosts[strings.ToLower(host)] || c.domains[regDomain(host)]
}

func (c *crawler) allowHost(host string) {
	c.mu.Lock()
	c.hosts[strings.ToLower(host)] = true
	c.mu.Unlock()
}

func (c *crawler) allowDomain(host string) {
	c.mu.Lock()
	c.domains[regDomain(host)] = true
	c.mu.Unlock()
}

// keep holds a page discovery read for the crawl's first visit.
func (c *crawler) keep(u string, r *response) {
	c.mu.Lock()
	c.prefetched[u] = r
	c.mu.Unlock()
}

// get fetches a request. A challenge page is retried once through the
// browser, which runs its script as any visitor's browser would; the
// cookies it earns go with the retry. A challenge the browser does not
// pass (or no browser) leaves the error wrapping ErrBlocked.
func (c *crawler) get(ctx context.Context, site *SiteResult, rq request, cond conditional, b *budget) (*response, error) {
	c.mu.Lock()
	if r := c.prefetched[rq.key()]; r != nil {
		delete(c.prefetched, rq.key())
		c.mu.Unlock()
		return r, nil
	}
	c.mu.Unlock()
	resp, _, err := c.f.fetchReq(ctx, rq, cond, b)
	var be *BlockedError
	if !errors.As(err, &be) {
		return resp, err
	}
	host := ""
	if u, perr := url.Parse(be.URL); perr == nil {
		host = u.Host
	}
	c.mu.Lock()
	why, tried := c.noPass[host]
	c.mu.Unlock()
	if tried {
		return nil, fmt.Errorf("%w; not retried in the browser, which did not pass this host's challenge before (%s)", err, why)
	}
	c.f.logf("challenge at %s (%s): retrying in the browser", be.URL, be.Reason)
	if perr := c.br.pass(ctx, be.URL, b); perr != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		c.mu.Lock()
		c.noPass[host] = perr.Error()
		c.mu.Unlock()
		if errors.Is(perr, ErrNoBrowser) {
			return nil, fmt.Errorf("%w; no browser to retry it in: %v", err, perr)
		}
		return nil, fmt.Errorf("%w; the browser did not pass it: %v", err, perr)
	}
	resp, _, err = c.f.fetchReq(ctx, rq, cond, b)
	if err != nil {
		return nil, fmt.Errorf("after the browser passed the challenge: %w", err)
	}
	return resp, nil
}

// visit fetches one URL, records it, hands documents to the sink and
// returns the tasks its links lead to. The error is fatal (state, sink,
// cancellation); fetch failures are recorded and return nil.
func (c *crawler) visit(ctx context.Context, s Seed, site *SiteResult, t task, b *budget) ([]task, error) {
	if c.opt.DryRun && t.kind != KindListing {
		if u, err := checkURL(t.url); err != nil || !c.allowed(u.Host) {
			return nil, nil
		} else if err := c.f.checkRobots(ctx, u, b); err != nil {
			return nil, nil
		}
		c.count(func(*Result) {
			site.Reports++
			site.Planned = append(site.Planned, Planned{URL: t.url, Title: t.title, Date: t.date, Referrer: t.referrer})
		})
		return nil, nil
	}
	prev, cond, trusted, err := c.previous(ctx, t)
	if err != nil {
		return nil, err
	}
	resp, err := c.get(ctx, site, t.request(), cond, b)
	if t.kind == KindPage && !errors.Is(err, ErrDisallowed) && !errors.Is(err, ErrOffHost) && !errors.Is(err, ErrPageBudget) {
		c.count(func(*Result) { site.Reports++ })
	}
	if err != nil {
		return nil, c.failed(ctx, s, site, t, prev, err)
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
	switch {
	case t.api != nil:
		base, err := url.Parse(t.referrer)
		if err != nil {
			base, _ = url.Parse(resp.URL)
		}
		links.Reports = jsonReports(body, base)
		rec.Body = body
	case isHTML(resp.Header, body):
		base, _ := url.Parse(resp.URL)
		if links, err = extractLinks(body, base); err != nil {
			c.f.logf("%v", err)
		}
		if t.kind != KindAttachment && t.kind != KindImage {
			rec.Body = body
		}
	}
	if c.opt.State != nil {
		if err := c.opt.State.Put(ctx, rec); err != nil {
			return nil, err
		}
	}
	switch {
	case t.kind != KindListing && fresh:
		d := c.document(s, t, resp)
		d.Wrapper = len(links.Attachments) > 0
		if t.kind == KindPage && len(links.Images) > 0 {
			// The page's pictures come before the page, so that its parse
			// can read a table pasted as a picture.
			if d.Images, err = c.images(ctx, s, site, t, links.Images, b); err != nil {
				return nil, err
			}
			links.Images = nil
		}
		if t.into != nil {
			t.into[t.url] = d.Data
		}
		c.count(func(*Result) { site.New++ })
		if err := c.deliver(ctx, d); err != nil {
			return nil, err
		}
	case t.kind != KindListing:
		c.count(func(*Result) { site.Unchanged++ })
	}
	for _, rq := range links.Same {
		c.claim(rq.key())
	}
	next := c.next(t, links)
	if t.kind == KindListing && t.api == nil && t.method == "" {
		more, err := c.scripted(ctx, s, site, t, links, b)
		if err != nil {
			return nil, err
		}
		next = append(next, more...)
	}
	return next, nil
}

// scripted reads a listing whose list is built by script: from the JSON
// endpoint an earlier crawl found, else in the browser (with --render for
// every listing page, else only for the column's first page when its static
// HTML has no report links but carries scripts or template markers). A
// JSON endpoint seen in the browser's network log is stored, and its later
// pages are asked for directly; otherwise the browser clicks through the
// pagination.
func (c *crawler) scripted(ctx context.Context, s Seed, site *SiteResult, t task, links pageLinks, b *budget) ([]task, error) {
	if !c.opt.Render && !(t.depth == 0 && links.scripted()) {
		return nil, nil
	}
	if c.opt.State != nil && !c.opt.Render {
		e, ok, err := c.opt.State.endpoint(ctx, t.url)
		if err != nil {
			return nil, err
		}
		if ok {
			c.count(func(*Result) { site.Endpoint = e.URL })
			c.f.logf("listing %s: JSON endpoint %s (stored)", t.url, e.URL)
			return []task{apiTask(t, e, e.Page)}, nil
		}
	}
	base, _ := url.Parse(t.url)
	var ep *endpoint
	var epLinks []link
	r, err := c.br.render(ctx, t.url, b, func(r *rendered) bool {
		for _, x := range r.XHR {
			reps := jsonReports(x.body, base)
			if len(reps) == 0 {
				continue
			}
			if e, ok := pagedEndpoint(x.req); ok {
				ep, epLinks = &e, reps
				return false
			}
		}
		return true
	})
	if errors.Is(err, ErrNoBrowser) {
		why := t.url + " (its static HTML has no report links"
		if len(links.Markers) > 0 {
			why += "; template markers " + strings.Join(links.Markers, " ")
		} else {
			why += fmt.Sprintf("; %d scripts", links.Scripts)
		}
		why += ")"
		c.count(func(*Result) { site.NeedBrowser = append(site.NeedBrowser, why) })
		c.f.logf("needs a browser: %s", why)
		return nil, nil
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, c.failed(ctx, s, site, t, Record{}, err)
	}
	c.count(func(*Result) { site.Rendered += len(r.Pages) })
	var out []task
	for _, dom := range r.Pages {
		l, err := parseLinks(dom, base)
		if err != nil {
			continue
		}
		for _, rep := range l.Reports {
			out = append(out, task{url: rep.URL, kind: KindPage, referrer: t.url, title: rep.Title, date: rep.Date, depth: t.depth + 1})
		}
		if c.opt.Render {
			for _, p := range l.Pages {
				if p.Method == "" {
					out = append(out, task{url: p.URL, kind: KindListing, referrer: t.url, depth: t.depth + 1})
				}
			}
		}
	}
	if ep != nil {
		c.count(func(*Result) { site.Endpoint = ep.URL })
		c.f.logf("listing %s: JSON endpoint %s %s (page parameter %s)", t.url, ep.Method, ep.URL, ep.Param)
		if c.opt.State != nil && !c.opt.DryRun {
			if err := c.opt.State.putEndpoint(ctx, t.url, *ep, c.opt.Now().UTC().Format(time.RFC3339)); err != nil {
				return nil, err
			}
		}
		for _, rep := range epLinks {
			out = append(out, task{url: rep.URL, kind: KindPage, referrer: t.url, title: rep.Title, date: rep.Date, depth: t.depth + 1})
		}
		// The page the browser asked for is read; the next ones come
		// from the endpoint itself.
		c.claim(ep.at(ep.Page).key())
		out = append(out, apiTask(t, *ep, ep.Page+1))
	}
	return out, nil
}

// maxAPIPages caps the pages asked of one JSON endpoint.
const maxAPIPages = 1000

// apiTask is page n of a listing's JSON endpoint.
func apiTask(listing task, e endpoint, n int) task {
	rq := e.at(n)
	ref := listing.url
	if listing.api != nil {
		ref = listing.referrer
	}
	return task{url: rq.URL, method: rq.Method, body: rq.Body, ctype: rq.ContentType, kind: KindListing, referrer: ref,
		depth: listing.depth + 1, api: &e, page: n}
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
	prev, ok, err := c.opt.State.Get(ctx, t.key())
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
	rec := Record{URL: t.key(), Kind: t.kind, Seed: s.URL, Referrer: t.referrer, ListingTitle: t.title, ListingDate: t.date,
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

// failed records a fetch failure; documents also go to the sink. A
// challenge page is recorded as blocked.
func (c *crawler) failed(ctx context.Context, s Seed, site *SiteResult, t task, prev Record, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	reason := Reason(err)
	c.f.logf("%s %s: %v", reason, t.key(), err)
	c.count(func(r *Result) {
		switch {
		case errors.Is(err, ErrBlocked):
			site.Blocked = append(site.Blocked, Failure{URL: t.key(), Kind: t.kind, Reason: reason, Err: err})
		case errors.Is(err, ErrDisallowed):
			r.Disallowed++
		case errors.Is(err, ErrOffHost):
			r.OffHost++
		case errors.Is(err, ErrPageBudget):
			r.Capped++
		default:
			site.Failed++
			r.Failures = append(r.Failures, Failure{URL: t.key(), Kind: t.kind, Reason: reason, Err: err})
		}
	})
	if errors.Is(err, ErrDisallowed) || errors.Is(err, ErrOffHost) || errors.Is(err, ErrPageBudget) {
		return nil
	}
	if c.opt.State != nil {
		rec := prev
		rec.URL, rec.Kind, rec.Seed, rec.Referrer, rec.ListingTitle, rec.ListingDate = t.key(), t.kind, s.URL, t.referrer, t.title, t.date
		rec.Error, rec.Reason, rec.CheckedAt, rec.Status = err.Error(), reason, c.opt.Now().UTC().Format(time.RFC3339), 0
		var se *StatusError
		if errors.As(err, &se) {
			rec.Status = se.Code
		}
		if err := c.opt.State.Put(ctx, rec); err != nil {
			return err
		}
	}
	if t.kind == KindListing || t.kind == KindNav {
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
			out = append(out, task{url: l.URL, method: l.Method, body: l.Body, kind: KindListing, referrer: t.url, depth: t.depth + 1})
		}
		for _, l := range links.Reports {
			out = append(out, task{url: l.URL, kind: KindPage, referrer: t.url, title: l.Title, date: l.Date, depth: t.depth + 1})
		}
	}
	if t.api != nil && t.page < maxAPIPages {
		// The next page of the endpoint, while this one brought reports
		// not seen yet.
		fresh := false
		c.mu.Lock()
		for _, l := range links.Reports {
			fresh = fresh || !c.visited[l.URL]
		}
		c.mu.Unlock()
		if fresh {
			out = append(out, apiTask(t, *t.api, t.page+1))
		}
	}
	switch t.kind {
	case KindPage:
		for _, l := range links.Attachments {
			out = append(out, task{url: l.URL, kind: KindAttachment, referrer: t.url, title: t.title, date: t.date, depth: t.depth + 1})
		}
		for _, l := range links.Images {
			out = append(out, task{url: l.URL, kind: KindImage, referrer: t.url, title: t.title, date: t.date, depth: t.depth + 1})
		}
	}
	return out
}

// images fetches the pictures of a report page's body (same host, robots,
// rate limit, page budget and depth cap as any link of the page), hands
// each to the sink as a KindImage document and returns their bodies by URL.
func (c *crawler) images(ctx context.Context, s Seed, site *SiteResult, page task, imgs []link, b *budget) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, l := range imgs {
		t := task{url: l.URL, kind: KindImage, referrer: page.url, title: page.title, date: page.date, depth: page.depth + 1, into: out}
		if t.depth > c.opt.MaxDepth {
			c.count(func(r *Result) { r.Capped++ })
			continue
		}
		if !c.claim(t.key()) {
			continue
		}
		if _, err := c.visit(ctx, s, site, t, b); err != nil {
			return nil, err
		}
	}
	return out, nil
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
