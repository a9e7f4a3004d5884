package server

import (
	"bytes"
	"context"
	"image/png"
	"math"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gongkai/corpus/corpustest"
	"gongkai/demo"
)

// chromium finds the system Chromium, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("browser tests: no chromium in PATH (Debian: apt-get install -y chromium fonts-noto-cjk)")
	return ""
}

// browser starts a headless Chromium and returns its context.
func browser(t *testing.T) context.Context {
	t.Helper()
	// Not t.TempDir: Chromium may still write its profile while it exits,
	// and a failed removal would fail the test.
	profile, err := os.MkdirTemp("", "gongkai-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 1500),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() {
		cancelT()
		cancelC()
		cancelA()
		os.RemoveAll(profile) // best effort
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// screenshotDir is where screenshots are kept: $GONGKAI_SCREENSHOTS, else
// a temporary directory.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("GONGKAI_SCREENSHOTS"); d != "" {
		return d
	}
	return t.TempDir()
}

// checkNotBlank decodes a PNG and requires content: enough pixels away
// from the background colour and some variance in brightness.
func checkNotBlank(t *testing.T, name string, data []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	b := img.Bounds()
	counts := map[[3]uint32]int{}
	var sum, sum2 float64
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[[3]uint32{r >> 8, g >> 8, bl >> 8}]++
			l := 0.299*float64(r>>8) + 0.587*float64(g>>8) + 0.114*float64(bl>>8)
			sum += l
			sum2 += l * l
			n++
		}
	}
	top := 0
	for _, c := range counts {
		top = max(top, c)
	}
	content := 1 - float64(top)/float64(n)
	mean := sum / float64(n)
	sd := math.Sqrt(sum2/float64(n) - mean*mean)
	t.Logf("%s: %dx%d, %.1f%% non-background pixels, %d colours, brightness sd %.1f", name, b.Dx(), b.Dy(), content*100, len(counts), sd)
	if content < 0.04 || len(counts) < 50 || sd < 8 {
		t.Errorf("%s looks blank: %.1f%% content, %d colours, sd %.1f", name, content*100, len(counts), sd)
	}
}

// shoot takes a screenshot of the viewport, checks it and keeps it in dir
// (dir "": checked only).
func shoot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	var buf []byte
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&buf)); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	checkNotBlank(t, name, buf)
	if dir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// browserServer serves the fixture, or the demo archive when
// GONGKAI_SCREENSHOTS_DEMO=1 (for the screenshots in docs/).
func browserServer(t *testing.T) *Server {
	t.Helper()
	if os.Getenv("GONGKAI_SCREENSHOTS_DEMO") != "1" {
		return newTestServer(t, Options{})
	}
	extra, _, _, err := demo.Inputs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	st, x, _, err := demo.Build(context.Background(), t.TempDir(), demo.Options{Extra: extra})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewWith(st, x, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestBrowser drives the pages in a real headless Chromium: a Chinese
// search, a facet, a report with its template tables and failed cells, a
// compare chart and a ranking; each page's screenshot must not be blank.
func TestBrowser(t *testing.T) {
	ctx := browser(t)
	s := browserServer(t)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	dir := screenshotDir(t)
	ready := chromedp.WaitVisible(`body[data-ready="1"]`, chromedp.ByQuery)

	t.Run("search", func(t *testing.T) {
		var count string
		var hits int
		err := chromedp.Run(ctx,
			chromedp.Navigate(ts.URL+"/"), ready,
			chromedp.SendKeys("#q", "行政复议", chromedp.ByID),
			chromedp.Submit("#q", chromedp.ByID),
			chromedp.WaitVisible(`.hit mark`, chromedp.ByQuery),
			chromedp.Text("#count", &count, chromedp.ByID),
			chromedp.Evaluate(`document.querySelectorAll(".hit").length`, &hits))
		if err != nil {
			t.Fatal(err)
		}
		if hits == 0 || !strings.Contains(count, "份报告") {
			t.Fatalf("%d hits, count %q", hits, count)
		}
		var loc string
		chromedp.Run(ctx, chromedp.Location(&loc))
		if !strings.Contains(loc, "q="+url.QueryEscape("行政复议")) {
			t.Errorf("the query is not in the URL: %s", loc)
		}
		shoot(t, ctx, dir, "search.png")
	})

	t.Run("facet", func(t *testing.T) {
		var before, after, chip string
		var year string
		err := chromedp.Run(ctx,
			chromedp.Text("#count", &before, chromedp.ByID),
			chromedp.AttributeValue(`a[data-facet="year"]`, "data-value", &year, nil, chromedp.ByQuery),
			chromedp.Click(`a[data-facet="year"]`, chromedp.ByQuery),
			chromedp.WaitVisible(`.chip`, chromedp.ByQuery),
			chromedp.WaitVisible(`a[data-facet="year"].on`, chromedp.ByQuery),
			chromedp.Text(".chip", &chip, chromedp.ByQuery),
			chromedp.Text("#count", &after, chromedp.ByID))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(chip, year) {
			t.Errorf("chip %q does not name year %s", chip, year)
		}
		var years []string
		chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll(".hit .meta")].map(m => m.textContent)`, &years))
		for _, m := range years {
			if !strings.Contains(m, year+" 年度") {
				t.Errorf("hit outside year %s: %s", year, m)
			}
		}
		t.Logf("before %q, after %q", before, after)
	})

	t.Run("report", func(t *testing.T) {
		var title string
		var cells, groups int
		err := chromedp.Run(ctx,
			chromedp.Click(`.hit .t a`, chromedp.ByQuery),
			chromedp.WaitVisible(`body[data-ready="1"] h1`, chromedp.ByQuery),
			chromedp.Text("h1", &title, chromedp.ByQuery))
		if err != nil {
			t.Fatal(err)
		}
		// The report with broken arithmetic marks the cells of its failed check.
		id := idOfDemoOrFixture(t, s)
		err = chromedp.Run(ctx,
			chromedp.Navigate(ts.URL+"/report?id="+id), ready,
			chromedp.WaitVisible(`#table-apply`, chromedp.ByID),
			chromedp.Evaluate(`document.querySelectorAll("#table-apply td.v").length`, &cells),
			chromedp.Evaluate(`document.querySelectorAll("#table-apply td.grp").length`, &groups))
		if err != nil {
			t.Fatal(err)
		}
		if cells%7 != 0 || cells < 7*23 || groups < 4 {
			t.Errorf("table 三: %d value cells, %d group cells", cells, groups)
		}
		var bad int
		chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll("td.bad").length`, &bad))
		if bad == 0 {
			t.Error("no cell of the failed check is marked")
		}
		if title == "" {
			t.Error("report without a title")
		}
		// Clicking the failed check brings its cells into view, outlined.
		var focused int
		err = chromedp.Run(ctx, chromedp.Click(`#checks li.fail`, chromedp.ByQuery),
			chromedp.WaitVisible(`td.focus`, chromedp.ByQuery), chromedp.Sleep(800*time.Millisecond),
			chromedp.Evaluate(`document.querySelectorAll("td.focus").length`, &focused))
		if err != nil || focused == 0 {
			t.Errorf("focus the failed check's cells: %d cells, %v", focused, err)
		}
		shoot(t, ctx, dir, "report.png")
	})

	t.Run("compare", func(t *testing.T) {
		var office string
		if err := corpustest.DB(s.Store()).QueryRow(`SELECT office_full FROM reports WHERE primary_rendition GROUP BY office_full ORDER BY count(DISTINCT year) DESC, office_full LIMIT 1`).Scan(&office); err != nil {
			t.Fatal(err)
		}
		var charts, points int
		err := chromedp.Run(ctx,
			chromedp.Navigate(ts.URL+"/compare?mode=years&office="+url.QueryEscape(office)), ready,
			chromedp.WaitVisible(`#charts svg`, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll("#charts .chart").length`, &charts),
			chromedp.Evaluate(`document.querySelectorAll("#charts circle.dot").length`, &points))
		if err != nil {
			t.Fatal(err)
		}
		if charts == 0 || points == 0 {
			t.Fatalf("%d charts, %d points", charts, points)
		}
		shoot(t, ctx, dir, "compare.png")
		var year int
		corpustest.DB(s.Store()).QueryRow(`SELECT year FROM reports WHERE template != 'legacy' GROUP BY year ORDER BY count(*) DESC, year DESC LIMIT 1`).Scan(&year)
		var bars int
		err = chromedp.Run(ctx,
			chromedp.Navigate(ts.URL+"/compare?mode=rank&metric=apply.new_received.total&year="+strconv.Itoa(year)), ready,
			chromedp.WaitVisible(`#charts svg rect`, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll("#charts svg rect").length`, &bars))
		if err != nil {
			t.Fatal(err)
		}
		if bars == 0 {
			t.Error("ranking without bars")
		}
		shoot(t, ctx, "", "rank.png")
	})
}

// idOfDemoOrFixture returns a report with a failed check in table 三.
func idOfDemoOrFixture(t *testing.T, s *Server) string {
	t.Helper()
	var id string
	err := corpustest.DB(s.Store()).QueryRow(`SELECT r.id FROM reports r JOIN checks c ON c.report_id = r.id
		WHERE c.status = 'fail' AND c.cells LIKE '%apply.%' AND r.template != 'legacy' ORDER BY r.id LIMIT 1`).Scan(&id)
	if err != nil {
		t.Fatalf("a report with a failed check: %v", err)
	}
	return id
}
