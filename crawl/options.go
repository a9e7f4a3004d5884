package crawl

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Version is the crawler's version, sent in the User-Agent.
const Version = "0.1.0"

// Defaults of Options.
const (
	DefaultRate          = 1.0      // requests per second per host
	DefaultMaxSize       = 64 << 20 // bytes per response
	DefaultMaxPages      = 2000     // requests per seed
	DefaultMaxDepth      = 50       // link hops from the seed
	DefaultMaxRedirects  = 10
	DefaultRetries       = 3
	DefaultRetryBase     = 2 * time.Second
	DefaultTimeout       = 60 * time.Second
	DefaultParallel      = 4
	DefaultDiscoverDepth = 4  // link hops from the start page to the column (三 levels, plus a hop to a platform host)
	DefaultDiscoverPages = 30 // pages read to find the column
	maxRetryWait         = 2 * time.Minute
	maxCrawlDelay        = time.Minute
)

// Options tune a crawl. The zero value is a polite crawl with the defaults.
type Options struct {
	Rate         float64       // requests per second per host (default 1)
	Contact      string        // URL or address for site operators, in the User-Agent
	UserAgent    string        // overrides the whole User-Agent
	MaxPages     int           // requests per seed, robots.txt included (default 2000)
	MaxDepth     int           // link hops from the seed (default 50)
	MaxSize      int64         // bytes per response (default 64 MiB)
	MaxRedirects int           // redirect hops per request (default 10)
	Retries      int           // retries after a 5xx, 429 or timeout (default 3; -1: none)
	RetryBase    time.Duration // first backoff, doubled each retry (default 2 s)
	Timeout      time.Duration // per request (default 60 s)
	Parallel     int           // seeds crawled at once (default 4)
	// FollowHosts are further hosts links may lead to, besides the seeds'
	// own: "cdn.example.gov.cn" (exactly), ".example.gov.cn" or
	// "*.example.gov.cn" (the domain and its subdomains), "*" (anywhere).
	FollowHosts []string
	// Transport carries the requests (nil: a transport of its own). Tests
	// pass one that refuses anything but loopback.
	Transport http.RoundTripper
	// State remembers what earlier crawls fetched (nil: nothing is known,
	// every URL is fetched unconditionally).
	State *State
	// Imported says whether the archive holds what was fetched from a URL;
	// a document is only fetched conditionally when it does (nil: trust
	// the state).
	Imported func(ctx context.Context, url string) (bool, error)
	// Render loads every listing page in the browser, not only those whose
	// static HTML has no report links but carries scripts.
	Render bool
	// Chromium is the browser binary ("" finds one with FindChromium; "-"
	// means none: pages that need it are listed as such).
	Chromium string
	// DryRun finds columns and reads listings but fetches no report: the
	// reports that would be fetched are in SiteResult.Planned.
	DryRun bool
	// Rediscover finds the column again even when the state has one.
	Rediscover bool
	// DiscoverDepth and DiscoverPages bound the search for a site's column
	// (defaults 4 link hops, 30 pages).
	DiscoverDepth, DiscoverPages int
	// Log receives one line per fetch (nil: silent).
	Log io.Writer
	// Now is the clock (nil: time.Now); tests fix it.
	Now func() time.Time
}

func (o *Options) defaults() {
	if o.Rate <= 0 {
		o.Rate = DefaultRate
	}
	if o.MaxPages <= 0 {
		o.MaxPages = DefaultMaxPages
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Retries == 0 {
		o.Retries = DefaultRetries
	} else if o.Retries < 0 {
		o.Retries = 0
	}
	if o.RetryBase <= 0 {
		o.RetryBase = DefaultRetryBase
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Parallel <= 0 {
		o.Parallel = DefaultParallel
	}
	if o.DiscoverDepth <= 0 {
		o.DiscoverDepth = DefaultDiscoverDepth
	}
	if o.DiscoverPages <= 0 {
		o.DiscoverPages = DefaultDiscoverPages
	}
	if o.UserAgent == "" {
		o.UserAgent = UserAgent(o.Contact)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// UserAgent is the User-Agent sent with contact (a URL or address where
// site operators reach whoever runs the crawl):
// "gongkai/0.1.0 (+https://…; research archive of 政府信息公开年报)".
func UserAgent(contact string) string {
	if contact == "" {
		return "gongkai/" + Version + " (research archive of 政府信息公开年报)"
	}
	return "gongkai/" + Version + " (+" + contact + "; research archive of 政府信息公开年报)"
}

// Seed is a start URL: a site's annual-report column, with optional hints
// about the office and region whose reports it lists.
type Seed struct {
	URL    string
	Office string // hint: the office publishing in this column ("" if unknown)
	Region string // hint: a region name or division code ("" if unknown)
	// Discover: URL is any page of the site; the column is found by
	// following its navigation (Discover).
	Discover bool
}

// ReadSites reads a --sites file: one start URL a line, optionally followed
// by tab-separated hints "office=…", "region=…" and "discover" (the URL is
// a page of the site, not its column). Blank lines and lines
// starting with # are skipped. Unknown hints and non-http(s) URLs are
// errors naming the line.
func ReadSites(r io.Reader) ([]Seed, error) {
	var seeds []Seed
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		s := Seed{URL: strings.TrimSpace(fields[0])}
		if _, err := checkURL(s.URL); err != nil {
			return nil, fmt.Errorf("sites line %d: %w", n, err)
		}
		for _, f := range fields[1:] {
			k, v, ok := strings.Cut(strings.TrimSpace(f), "=")
			switch {
			case strings.TrimSpace(f) == "":
			case ok && k == "office":
				s.Office = strings.TrimSpace(v)
			case ok && k == "region":
				s.Region = strings.TrimSpace(v)
			case strings.TrimSpace(f) == "discover":
				s.Discover = true
			default:
				return nil, fmt.Errorf("sites line %d: unknown hint %q (want office=…, region=… or discover)", n, f)
			}
		}
		seeds = append(seeds, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read sites: %w", err)
	}
	return seeds, nil
}

// checkURL parses an absolute http(s) URL.
func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%q: %w: %w", raw, ErrBadURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q: %w", raw, ErrBadURL)
	}
	return u, nil
}

// hostAllowed says whether links may lead to host, given the seeds' hosts
// and the FollowHosts patterns.
func hostAllowed(host string, seeds map[string]bool, follow []string) bool {
	host = strings.ToLower(host)
	if seeds[host] {
		return true
	}
	name := host
	if h, _, ok := strings.Cut(host, ":"); ok && !strings.HasPrefix(host, "[") {
		name = h
	}
	for _, p := range follow {
		p = strings.ToLower(strings.TrimSpace(p))
		switch {
		case p == "*":
			return true
		case strings.HasPrefix(p, "*."), strings.HasPrefix(p, "."):
			d := strings.TrimLeft(p, "*.")
			if name == d || strings.HasSuffix(name, "."+d) {
				return true
			}
		case p == host || p == name:
			return true
		}
	}
	return false
}
