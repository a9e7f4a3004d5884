package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCrawl_DiscoverStatus runs `gongkai crawl --discover --dry-run`, then
// the crawl, then `--status`, on a loopback site whose column is two links
// from its home page and one of whose reports sits behind a challenge
// (no browser: --chromium -).
func TestCrawl_DiscoverStatus(t *testing.T) {
	report, err := os.ReadFile(example("example-2021.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := func(title, body string) string {
		return `<html><head><meta charset="utf-8"><title>` + title + `</title></head><body>` + body + `</body></html>`
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("User-agent: *\nDisallow:\n")) })
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(page("示例县人民政府", `<a href="/zwgk/">政务公开</a> <a href="/xwzx/">新闻</a>`)))
	})
	mux.HandleFunc("/zwgk/", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(page("政务公开", `<a href="/zwgk/gkzn/">政府信息公开指南</a> <a href="/zwgk/ndbg/">政府信息公开年报</a>`)))
	})
	mux.HandleFunc("/zwgk/ndbg/", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(page("政府信息公开年报", `<ul><li><a href="t1.html">罗山街道2021年政府信息公开工作年度报告</a></li>
<li><a href="t2.html">示例县2023年政府信息公开工作年度报告</a></li></ul>`)))
	})
	mux.HandleFunc("/zwgk/ndbg/t1.html", func(w http.ResponseWriter, r *http.Request) { w.Write(report) })
	mux.HandleFunc("/zwgk/ndbg/t2.html", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusPreconditionFailed)
		w.Write([]byte(`<html><script>document.cookie="x=1";location.reload()</script></html>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	args := func(more ...string) []string {
		return append([]string{"crawl", "--archive", dir, "--rate", "100", "--chromium", "-", "--contact", "test@example.org", "--quiet"}, more...)
	}

	var out, errOut bytes.Buffer
	if err := run(context.Background(), args("--discover", "--dry-run", srv.URL+"/"), &out, &errOut); err != nil {
		t.Fatalf("dry run: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{"column: " + srv.URL + "/zwgk/ndbg/ (via 政务公开 › 政府信息公开年报)", srv.URL + "/zwgk/ndbg/t1.html", srv.URL + "/zwgk/ndbg/t2.html"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("dry run: no %q in\n%s", want, out.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "catalog.db")); err == nil {
		t.Errorf("the dry run created an archive")
	}

	out.Reset()
	errOut.Reset()
	err = run(context.Background(), args("--discover", srv.URL+"/"), &out, &errOut)
	if !errors.Is(err, errSomeFailed) {
		t.Fatalf("crawl: err %v, want some failed (the blocked page)\n%s", err, errOut.String())
	}
	for _, want := range []string{"reports  new  unchanged  failed  blocked", "blocked   page", srv.URL + "/zwgk/ndbg/t2.html", "no browser to retry it in"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("crawl summary: no %q in\n%s", want, errOut.String())
		}
	}

	out.Reset()
	errOut.Reset()
	if err := run(context.Background(), []string{"crawl", "--archive", dir, "--status"}, &out, &errOut); err != nil {
		t.Fatalf("status: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{"column " + srv.URL + "/zwgk/ndbg/ via 政务公开 › 政府信息公开年报", "1 documents fetched, 0 failed, 1 blocked",
		"blocked page " + srv.URL + "/zwgk/ndbg/t2.html", "status 412", "1 sites, 1 blocked pages"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status: no %q in\n%s", want, out.String())
		}
	}
}
