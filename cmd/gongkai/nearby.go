package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gongkai/index"
)

// A running gongkai serve holds the archive's bleve index open, and bleve
// (bbolt) lets one process open it at a time, read-only opens included. So
// serve writes its address into the archive (serveFile), and gongkai search
// asks it when the index is in use.
const serveFile = "serve.json"

type serveInfo struct {
	URL string `json:"url"`
	PID int    `json:"pid"`
}

// announceServe writes the archive's serve.json; the returned func removes it.
func announceServe(archive, addr string) func() {
	path := filepath.Join(archive, serveFile)
	data, _ := json.Marshal(serveInfo{URL: "http://" + addr, PID: os.Getpid()})
	if os.WriteFile(path, data, 0o644) != nil {
		return func() {}
	}
	return func() { os.Remove(path) }
}

// serverBackend searches through a running gongkai serve's /api/search.
type serverBackend struct {
	url string
	c   *http.Client
}

// nearbyServer returns the server that serves archive, if one answers.
func nearbyServer(archive string) (*serverBackend, bool) {
	data, err := os.ReadFile(filepath.Join(archive, serveFile))
	if err != nil {
		return nil, false
	}
	var info serveInfo
	if json.Unmarshal(data, &info) != nil || info.URL == "" {
		return nil, false
	}
	return &serverBackend{url: strings.TrimRight(info.URL, "/"), c: &http.Client{Timeout: 30 * time.Second}}, true
}

func (s *serverBackend) Search(ctx context.Context, req index.Request) (*index.Result, error) {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", req.Query)
	set("office", req.Office)
	set("region", req.Region)
	set("level", req.Level)
	set("template", req.Template)
	set("sort", req.Sort)
	set("facets", strings.Join(req.Facets, ","))
	if req.YearFrom != 0 || req.YearTo != 0 {
		y := func(n int) string {
			if n == 0 {
				return ""
			}
			return strconv.Itoa(n)
		}
		if req.YearFrom == req.YearTo {
			v.Set("year", y(req.YearFrom))
		} else {
			v.Set("year", y(req.YearFrom)+".."+y(req.YearTo))
		}
	}
	if req.FailedChecks {
		v.Set("failed-checks", "1")
	}
	if req.Limit > 0 {
		v.Set("limit", strconv.Itoa(req.Limit))
	}
	if req.Offset > 0 {
		v.Set("offset", strconv.Itoa(req.Offset))
	}
	start := time.Now()
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/api/search?"+v.Encode(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := s.c.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("ask the running gongkai serve at %s: %w", s.url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusBadRequest {
		var e struct {
			Error string `json:"error"`
		}
		json.NewDecoder(resp.Body).Decode(&e)
		return nil, fmt.Errorf("%s: %w", e.Error, index.ErrBadQuery)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("ask the running gongkai serve at %s: %s", s.url, resp.Status)
	}
	var res index.Result
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return nil, fmt.Errorf("ask the running gongkai serve at %s: %w", s.url, err)
	}
	res.Took = time.Since(start)
	return &res, nil
}
