package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/publicsuffix"
	"golang.org/x/time/rate"
)

// response is what a fetch brought back.
type response struct {
	URL      string // the final URL, after redirects
	Status   int    // 200 or 304
	Header   http.Header
	Body     []byte // nil for a 304
	At       time.Time
	Attempts int // requests made, retries and redirect hops included
}

// request is what to ask for: a GET of URL unless Method says otherwise
// (POST pagination forms and JSON endpoints send a body).
type request struct {
	Method      string // "" is GET
	URL         string
	Body        string
	ContentType string
}

// key names the request in the visited set and the crawl state: the URL
// for a GET, "POST URL BODY" otherwise.
func (r request) key() string {
	if r.Method == "" || r.Method == http.MethodGet {
		return r.URL
	}
	return r.Method + " " + r.URL + " " + r.Body
}

// conditional are the validators of an earlier fetch.
type conditional struct {
	etag, lastModified string
}

// budget counts the requests a seed may still make.
type budget struct{ left atomic.Int64 }

func newBudget(n int) *budget {
	b := &budget{}
	b.left.Store(int64(n))
	return b
}

func (b *budget) take() bool { return b.left.Add(-1) >= 0 }

// fetcher makes polite HTTP requests: per-host rate limits, robots.txt,
// retries, redirects by hand, size limits.
type fetcher struct {
	opt    *Options
	client *http.Client
	jar    http.CookieJar
	hosts  func(host string) bool // may links lead there?

	requests atomic.Int64 // requests made, all kinds

	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	robots   map[string]*robotsEntry
}

func newFetcher(opt *Options, hosts func(string) bool) *fetcher {
	tr := opt.Transport
	if tr == nil {
		tr = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   20 * time.Second,
			ResponseHeaderTimeout: opt.Timeout,
			ForceAttemptHTTP2:     true,
		}
	}
	// Cookies are kept as a browser keeps them: a site that sets a session
	// or a challenge cookie sees it again, and the cookies a browser earned
	// passing a JavaScript challenge are added here (browser.go).
	jar, _ := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
	return &fetcher{
		opt: opt,
		jar: jar,
		client: &http.Client{Transport: tr, Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // redirects are followed by hand, hop by hop
		}},
		hosts:    hosts,
		limiters: map[string]*rate.Limiter{},
		robots:   map[string]*robotsEntry{},
	}
}

// limiter is the token bucket of a host ("host:port" as in the URL).
func (f *fetcher) limiter(host string) *rate.Limiter {
	f.mu.Lock()
	defer f.mu.Unlock()
	l := f.limiters[host]
	if l == nil {
		l = rate.NewLimiter(rate.Limit(f.opt.Rate), 1)
		f.limiters[host] = l
	}
	return l
}

// fetch gets raw, following redirects (each hop checked against the
// allowed hosts and robots.txt). A 304 comes back as a response with
// Status 304 and no body; any other status but 200 is a *StatusError. The
// int is the number of requests made.
func (f *fetcher) fetch(ctx context.Context, raw string, cond conditional, b *budget) (*response, int, error) {
	return f.fetchReq(ctx, request{URL: raw}, cond, b)
}

// fetchReq is fetch for any request; a redirect after a POST is followed
// with a GET, as browsers do.
func (f *fetcher) fetchReq(ctx context.Context, rq request, cond conditional, b *budget) (*response, int, error) {
	seen := map[string]bool{}
	raw := rq.URL
	cur := raw
	attempts := 0
	for hop := 0; ; hop++ {
		u, err := checkURL(cur)
		if err != nil {
			return nil, attempts, err
		}
		u.Fragment = ""
		cur = u.String()
		rq.URL = cur
		if seen[rq.key()] {
			return nil, attempts, fmt.Errorf("fetch %s: %w at %s", raw, ErrRedirectLoop, cur)
		}
		seen[rq.key()] = true
		if !f.hosts(u.Host) {
			return nil, attempts, fmt.Errorf("fetch %s: %w: %s", raw, ErrOffHost, u.Host)
		}
		if err := f.checkRobots(ctx, u, b); err != nil {
			return nil, attempts, fmt.Errorf("fetch %s: %w", cur, err)
		}
		resp, n, err := f.withRetries(ctx, u, rq, cond, b)
		attempts += n
		if err != nil {
			return nil, attempts, fmt.Errorf("fetch %s: %w", cur, err)
		}
		resp.Attempts = attempts
		if resp.Status < 300 || resp.Status >= 400 || resp.Status == http.StatusNotModified {
			return resp, attempts, nil
		}
		loc := resp.Header.Get("Location")
		if loc == "" {
			return nil, attempts, fmt.Errorf("fetch %s: %w", cur, &StatusError{resp.Status})
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, attempts, fmt.Errorf("fetch %s: redirect to %q: %w", cur, loc, err)
		}
		if hop >= f.opt.MaxRedirects {
			return nil, attempts, fmt.Errorf("fetch %s: %w (%d)", raw, ErrTooManyHops, hop+1)
		}
		cur = next.String()
		rq = request{URL: cur}
	}
}

// withRetries makes one request, again after a 5xx, 429 or a network
// failure, with exponential backoff. It returns the number of requests made.
func (f *fetcher) withRetries(ctx context.Context, u *url.URL, rq request, cond conditional, b *budget) (*response, int, error) {
	for attempt := 0; ; attempt++ {
		if !b.take() {
			return nil, attempt, ErrPageBudget
		}
		if err := f.limiter(u.Host).Wait(ctx); err != nil {
			return nil, attempt, err
		}
		resp, retryAfter, err := f.once(ctx, u, rq, cond)
		if err == nil || !errors.Is(err, errRetryable) || attempt >= f.opt.Retries || ctx.Err() != nil {
			return resp, attempt + 1, plain(err)
		}
		f.logf("retry %s after %v (attempt %d)", u, err, attempt+1)
		wait := f.opt.RetryBase << attempt
		wait += time.Duration(rand.Int64N(int64(f.opt.RetryBase)/2 + 1))
		wait = min(max(wait, retryAfter), maxRetryWait)
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, attempt + 1, ctx.Err()
		}
	}
}

// retryable marks err as worth another attempt.
type retryable struct{ err error }

func (r retryable) Error() string        { return r.err.Error() }
func (r retryable) Is(target error) bool { return target == errRetryable }
func (r retryable) Unwrap() error        { return r.err }

// plain strips the retryable mark.
func plain(err error) error {
	if r, ok := err.(retryable); ok {
		return r.err
	}
	return err
}

// once makes a single request and reads the body within the size limit.
func (f *fetcher) once(ctx context.Context, u *url.URL, rq request, cond conditional) (*response, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	method, reqBody := http.MethodGet, io.Reader(nil)
	if rq.Method != "" && rq.Method != http.MethodGet {
		method, reqBody = rq.Method, strings.NewReader(rq.Body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), reqBody)
	if err != nil {
		return nil, 0, err
	}
	if reqBody != nil {
		ct := rq.ContentType
		if ct == "" {
			ct = "application/x-www-form-urlencoded"
		}
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Referer", u.String())
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf,application/msword,*/*;q=0.8")
	req.Header.Set("Accept-Language", "zh-CN,zh;q=0.9")
	if cond.etag != "" {
		req.Header.Set("If-None-Match", cond.etag)
	}
	if cond.lastModified != "" {
		req.Header.Set("If-Modified-Since", cond.lastModified)
	}
	f.requests.Add(1)
	res, err := f.client.Do(req)
	if err != nil {
		return nil, 0, retryable{err}
	}
	defer res.Body.Close()
	out := &response{URL: u.String(), Status: res.StatusCode, Header: res.Header, At: f.opt.Now().UTC()}
	if challengeStatus[res.StatusCode] {
		// Challenge pages are small: read a little and look.
		data, _ := io.ReadAll(io.LimitReader(res.Body, maxChallengeBody+1))
		if reason := challenge(u, res.StatusCode, res.Header, data); reason != "" {
			return nil, 0, &BlockedError{URL: u.String(), Status: res.StatusCode, Reason: reason}
		}
		if res.StatusCode >= 500 {
			return nil, retryAfter(res.Header.Get("Retry-After"), out.At), retryable{&StatusError{res.StatusCode}}
		}
		return nil, 0, &StatusError{res.StatusCode}
	}
	switch {
	case res.StatusCode == http.StatusOK:
	case res.StatusCode >= 300 && res.StatusCode < 400:
		io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
		return out, 0, nil
	case res.StatusCode >= 500 || res.StatusCode == http.StatusTooManyRequests || res.StatusCode == http.StatusRequestTimeout:
		io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
		return nil, retryAfter(res.Header.Get("Retry-After"), out.At), retryable{&StatusError{res.StatusCode}}
	default:
		return nil, 0, &StatusError{res.StatusCode}
	}
	if res.ContentLength > f.opt.MaxSize {
		return nil, 0, fmt.Errorf("%w: Content-Length %d > %d", ErrTooLarge, res.ContentLength, f.opt.MaxSize)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, f.opt.MaxSize+1))
	if err != nil {
		return nil, 0, retryable{fmt.Errorf("read body: %w", err)}
	}
	if int64(len(body)) > f.opt.MaxSize {
		return nil, 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, f.opt.MaxSize)
	}
	if reason := challenge(u, res.StatusCode, res.Header, body); reason != "" {
		return nil, 0, &BlockedError{URL: u.String(), Status: res.StatusCode, Reason: reason}
	}
	out.Body = body
	return out, 0, nil
}

// retryAfter reads a Retry-After header (seconds or an HTTP date).
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

func (f *fetcher) logf(format string, args ...any) {
	if f.opt.Log != nil {
		fmt.Fprintf(f.opt.Log, "crawl: "+format+"\n", args...)
	}
}
