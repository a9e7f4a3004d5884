package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"sync"
	"testing"
	"time"
)

// loadQueries are what the load test and the benchmark search for.
var loadQueries = []string{
	"q=" + url.QueryEscape("行政复议"),
	"q=" + url.QueryEscape("政府信息公开") + "&facets=year,province,level",
	"q=" + url.QueryEscape("依申请公开") + "&year=2019..2023",
	"q=" + url.QueryEscape("三类内部事务信息"),
	"failed-checks=1&facets=year",
	"q=" + url.QueryEscape("主动公开") + "&sort=-year&limit=20",
}

// BenchmarkSearchAPI measures one GET /api/search through the handler.
func BenchmarkSearchAPI(b *testing.B) {
	s := newTestServer(b, Options{WatchInterval: -1})
	h := s.Handler()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?"+loadQueries[i%len(loadQueries)], nil))
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// TestLoadSearch runs GONGKAI_LOAD_CLIENTS (default 16) clients against
// GET /api/search on a loopback listener for GONGKAI_LOAD_DURATION
// (default 30s) and reports p50, p99 and requests/s. It runs only when
// GONGKAI_LOAD=1 (set GONGKAI_LOAD_ARCHIVE to load an archive of your own
// instead of the fixture).
func TestLoadSearch(t *testing.T) {
	if os.Getenv("GONGKAI_LOAD") != "1" {
		t.Skip("load test: set GONGKAI_LOAD=1 (and GONGKAI_LOAD_DURATION, GONGKAI_LOAD_CLIENTS, GONGKAI_LOAD_ARCHIVE)")
	}
	dur := 30 * time.Second
	if d, err := time.ParseDuration(os.Getenv("GONGKAI_LOAD_DURATION")); err == nil && d > 0 && d <= 10*time.Minute {
		dur = d
	}
	clients := 16
	if n, err := fmt.Sscan(os.Getenv("GONGKAI_LOAD_CLIENTS"), &clients); n != 1 || err != nil || clients < 1 || clients > 256 {
		clients = 16
	}
	var s *Server
	if dir := os.Getenv("GONGKAI_LOAD_ARCHIVE"); dir != "" {
		var err error
		if s, err = New(dir, Options{WatchInterval: -1}); err != nil {
			t.Fatal(err)
		}
		defer s.Close()
	} else {
		s = newTestServer(t, Options{WatchInterval: -1})
	}
	ts := httptest.NewServer(s.Handler()) // listens on 127.0.0.1
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var (
		mu   sync.Mutex
		lat  []time.Duration
		errs int
		wg   sync.WaitGroup
	)
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for i := c; ctx.Err() == nil; i++ {
				t0 := time.Now()
				resp, err := client.Get(ts.URL + "/api/search?" + loadQueries[i%len(loadQueries)])
				if err != nil {
					bad++
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					bad++
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(lat) == 0 {
		t.Fatal("no request succeeded")
	}
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	t.Logf("%d clients, %s: %d requests, %d errors, %.0f req/s, p50 %s, p90 %s, p99 %s, max %s",
		clients, elapsed.Round(time.Millisecond), len(lat), errs, float64(len(lat))/elapsed.Seconds(),
		pct(0.50), pct(0.90), pct(0.99), lat[len(lat)-1])
	if errs > 0 {
		t.Errorf("%d requests failed", errs)
	}
}
