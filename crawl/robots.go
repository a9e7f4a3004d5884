package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// robotsAgent is the product token matched against User-agent lines.
const robotsAgent = "gongkai"

// robotsEntry is the robots.txt of one scheme://host, fetched once.
type robotsEntry struct {
	done  chan struct{}
	group *robotstxt.Group // nil: everything allowed
	err   error            // robots.txt unreachable: nothing allowed
}

// checkRobots returns ErrDisallowed (wrapped) when robots.txt forbids u.
func (f *fetcher) checkRobots(ctx context.Context, u *url.URL, b *budget) error {
	key := u.Scheme + "://" + u.Host
	f.mu.Lock()
	e := f.robots[key]
	first := e == nil
	if first {
		e = &robotsEntry{done: make(chan struct{})}
		f.robots[key] = e
	}
	f.mu.Unlock()
	if first {
		e.group, e.err = f.loadRobots(ctx, u, b)
		close(e.done)
	}
	select {
	case <-e.done:
	case <-ctx.Done():
		return ctx.Err()
	}
	if errors.Is(e.err, ErrBlocked) {
		// robots.txt sits behind the challenge too: forget it, so that it
		// is asked for again once a browser has passed the challenge.
		f.mu.Lock()
		if f.robots[key] == e {
			delete(f.robots, key)
		}
		f.mu.Unlock()
		return fmt.Errorf("robots.txt of %s: %w", key, e.err)
	}
	if e.err != nil {
		return fmt.Errorf("%w: robots.txt of %s unavailable: %w", ErrDisallowed, key, e.err)
	}
	if e.group != nil && !e.group.Test(u.RequestURI()) {
		return fmt.Errorf("%w: %s", ErrDisallowed, u.RequestURI())
	}
	return nil
}

// loadRobots fetches and parses robots.txt: a 4xx allows everything, a 5xx
// or an unreachable host allows nothing (as Google does). Crawl-delay
// slows the host's limiter down, never up.
func (f *fetcher) loadRobots(ctx context.Context, u *url.URL, b *budget) (*robotstxt.Group, error) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	cur := ru
	for hop := 0; ; hop++ {
		resp, _, err := f.withRetries(ctx, cur, request{URL: cur.String()}, conditional{}, b)
		var se *StatusError
		if errors.As(err, &se) {
			resp, err = &response{Status: se.Code}, nil
		}
		if err != nil {
			return nil, err
		}
		if resp.Status >= 300 && resp.Status < 400 && hop < 5 {
			next, perr := cur.Parse(resp.Header.Get("Location"))
			if perr != nil || !f.hosts(next.Host) {
				return nil, nil // a redirect away: treated as no robots.txt
			}
			cur = next
			continue
		}
		data, err := robotstxt.FromStatusAndBytes(resp.Status, resp.Body)
		if err != nil {
			f.logf("robots.txt of %s unreadable (%v): everything allowed", u.Host, err)
			return nil, nil
		}
		g := data.FindGroup(robotsAgent)
		if g.CrawlDelay > 0 {
			d := min(g.CrawlDelay, maxCrawlDelay)
			l := f.limiter(u.Host)
			if rate.Every(d) < l.Limit() {
				l.SetLimit(rate.Every(d))
			}
		}
		return g, nil
	}
}
