package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"gongkai/corpus"
)

// TestBrowserSource clicks table values on the report page in headless
// Chromium and checks that the original opens with that value marked: a
// PDF page drawn by pdf.js with the box on the right page over the
// value's text (checked against pdftotext -bbox and against pdf.js's own
// text layer), the archived HTML page with the right <td> marked, and
// the line of a text report. Values are chosen whose text is printed once
// on their page, so that "the marked place holds the value's text" means
// "the marked place is the value's cell".
func TestBrowserSource(t *testing.T) {
	ctx := browser(t)
	s := newTestServer(t, Options{})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	dir := screenshotDir(t)
	synth := func(name string) string { return filepath.Join("..", "testdata", "synth", name) }

	t.Run("pdf-synth", func(t *testing.T) {
		checkPDFSource(t, ctx, s, ts.URL, synth("template-2019.pdf"), dir)
	})
	t.Run("pdf-sample", func(t *testing.T) {
		sample := filepath.Join(samplesDir(t), "jiangsu-huaian-hongze-2023.pdf")
		if _, err := os.Stat(sample); err != nil {
			t.Skipf("sample %s absent: %v", sample, err)
		}
		adir := t.TempDir()
		if err := buildArchive(adir, []string{sample}); err != nil {
			t.Fatal(err)
		}
		s2, err := New(adir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		ts2 := httptest.NewServer(s2.Handler())
		defer ts2.Close()
		checkPDFSource(t, ctx, s2, ts2.URL, sample, dir)
	})
	for _, name := range []string{"template-2019.html", "template-2019.docx"} {
		t.Run(filepath.Ext(name)[1:], func(t *testing.T) {
			checkCellSource(t, ctx, s, ts.URL, synth(name), dir)
		})
	}
	t.Run("text", func(t *testing.T) {
		file := synth("template-2019.md")
		rep := reportOf(t, s, file)
		data, _ := os.ReadFile(file)
		lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
		picked := pickCells(rep, func(c corpus.Cell) bool { return c.At.Line > 0 && c.At.Line <= len(lines) }, 1)
		if len(picked) == 0 {
			t.Fatal("no table value of the Markdown report has a line")
		}
		c := picked[0]
		var text string
		err := chromedp.Run(ctx,
			chromedp.Navigate(ts.URL+"/report?id="+rep.ID),
			chromedp.WaitVisible(`body[data-ready="1"]`, chromedp.ByQuery),
			chromedp.Click(fmt.Sprintf(`td.v[data-key=%q] a.src`, c.Key), chromedp.ByQuery),
			chromedp.WaitVisible(`#gongkai-mark`, chromedp.ByQuery),
			chromedp.Text(`#gongkai-mark`, &text, chromedp.ByQuery))
		if err != nil {
			t.Fatalf("%s: %v", c.Key, err)
		}
		want := strconv.Itoa(c.At.Line) + strings.TrimSpace(lines[c.At.Line-1])
		if strings.Join(strings.Fields(text), "") != strings.Join(strings.Fields(want), "") || !strings.Contains(text, c.Raw) {
			t.Errorf("%s: marked line %q, want line %d %q holding %q", c.Key, text, c.At.Line, lines[c.At.Line-1], c.Raw)
		}
	})
}

// checkPDFSource checks every located value of the PDF's report against
// pdftotext's word boxes, then clicks two values printed once on their
// page (one of table 三, one of another table) and checks the page pdf.js
// draws and the text under the box.
func checkPDFSource(t *testing.T, ctx context.Context, s *Server, base, file, dir string) {
	rep := reportOf(t, s, file)
	words, haveWords := pdfWords(t, file)
	located := 0
	for _, c := range rep.Cells {
		if c.At == nil || c.At.Box == nil {
			continue
		}
		located++
		if c.At.Page < 1 {
			t.Errorf("%s: box without a page", c.Key)
		}
		if haveWords {
			if got := wordsIn(words[c.At.Page], *c.At.Box); got != c.Raw {
				t.Errorf("%s = %q: pdftotext finds %q in its box %v on page %d", c.Key, c.Raw, got, *c.At.Box, c.At.Page)
			}
		}
	}
	if located < 100 {
		t.Fatalf("%d of %d values located in the PDF", located, len(rep.Cells))
	}
	onceOnPage := func(c corpus.Cell) bool {
		if c.At.Box == nil || c.State != corpus.StateNumber {
			return false
		}
		if !haveWords {
			return true
		}
		n := 0
		for _, w := range words[c.At.Page] {
			if w.Text == c.Raw {
				n++
			}
		}
		return n == 1
	}
	// One value of table 三 and one of another table.
	picked := pickCells(rep, func(c corpus.Cell) bool { return strings.HasPrefix(c.Key, "apply.") && onceOnPage(c) }, 1)
	if len(picked) == 0 { // every value of table 三 printed twice or more: any non-zero one
		picked = pickCells(rep, func(c corpus.Cell) bool {
			return strings.HasPrefix(c.Key, "apply.") && c.At.Box != nil && c.State == corpus.StateNumber && c.Raw != "0"
		}, 1)
	}
	picked = append(picked, pickCells(rep, func(c corpus.Cell) bool { return !strings.HasPrefix(c.Key, "apply.") && onceOnPage(c) }, 1)...)
	if len(picked) == 0 {
		t.Fatal("no located number printed once on its page")
	}
	for _, c := range picked {
		var page, text string
		var inside bool
		err := chromedp.Run(ctx,
			chromedp.Navigate(base+"/report?id="+rep.ID),
			chromedp.WaitVisible(`body[data-ready="1"]`, chromedp.ByQuery),
			chromedp.Click(fmt.Sprintf(`td.v[data-key=%q] a.src`, c.Key), chromedp.ByQuery),
			chromedp.WaitVisible(`#gongkai-mark`, chromedp.ByQuery),
			chromedp.AttributeValue(`#gongkai-mark`, "data-page", &page, nil, chromedp.ByQuery),
			chromedp.AttributeValue(`#gongkai-mark`, "data-text", &text, nil, chromedp.ByQuery),
			// The box lies on the drawn page, and the page has ink.
			chromedp.Evaluate(`(() => {
				const m = document.getElementById("gongkai-mark").getBoundingClientRect();
				const cv = document.querySelector(".pdfpage canvas");
				const c = cv.getBoundingClientRect();
				const px = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data;
				let ink = 0;
				for (let i = 0; i < px.length; i += 4 * 97) if (px[i] < 128) ink++;
				return m.width > 2 && m.height > 2 && m.left >= c.left - 4 && m.right <= c.right + 4 &&
					m.top >= c.top - 4 && m.bottom <= c.bottom + 4 && ink > 20;
			})()`, &inside))
		if err != nil {
			t.Fatalf("%s: %v", c.Key, err)
		}
		if page != strconv.Itoa(c.At.Page) {
			t.Errorf("%s: pdf.js drew page %s, want %d", c.Key, page, c.At.Page)
		}
		if text != c.Raw {
			t.Errorf("%s: pdf.js's text under the box is %q, want %q", c.Key, text, c.Raw)
		}
		if !inside {
			t.Errorf("%s: the box is not on a drawn page", c.Key)
		}
		t.Logf("%s = %s: page %s, box %v, pdf.js reads %q under it", c.Key, c.Raw, page, *c.At.Box, text)
	}
	shoot(t, ctx, dir, "source-"+strings.TrimSuffix(filepath.Base(file), ".pdf")+".png")
	shootMark(t, ctx, "", "")
}

// shootMark takes a screenshot of the viewport and requires the mark's
// red outline (#d00000) in it: the marked place is on screen. It keeps the
// screenshot in dir as name unless dir is "".
func shootMark(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	var buf []byte
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&buf)); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatal(err)
	}
	red := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > 180 && g>>8 < 60 && bl>>8 < 60 {
				red++
			}
		}
	}
	if red < 40 {
		t.Errorf("the mark's outline is not on screen (%d red pixels)", red)
	}
	if dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// reportOf returns the catalog's report parsed from file.
func reportOf(t *testing.T, s *Server, file string) *corpus.Report {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	rep, err := s.Store().Report(context.Background(), hex.EncodeToString(sum[:])[:12])
	if err != nil {
		t.Fatalf("report of %s: %v", file, err)
	}
	return rep
}

// pickCells returns up to n located table values that ok accepts, from
// table 三 first (its values are what the report page shows linked).
func pickCells(rep *corpus.Report, ok func(corpus.Cell) bool, n int) []corpus.Cell {
	var out []corpus.Cell
	for _, c := range rep.Cells {
		if c.At != nil && c.Raw != "" && !c.Uncertain && ok(c) && len(out) < n {
			out = append(out, c)
		}
	}
	return out
}

// word is one word of pdftotext -bbox, in its coordinates (points, y
// down from the top of the page).
type word struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

// pdfWords returns the words of every page (from 1) with their boxes
// turned into PDF user space (y up), by pdftotext -bbox; false when
// pdftotext is not installed.
func pdfWords(t *testing.T, file string) (map[int][]word, bool) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed (Debian: poppler-utils): boxes checked in the browser only")
		return nil, false
	}
	out, err := exec.Command("pdftotext", "-bbox", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", file, err)
	}
	var doc struct {
		Pages []struct {
			Height float64 `xml:"height,attr"`
			Words  []word  `xml:"word"`
		} `xml:"body>doc>page"`
	}
	// pdftotext passes control characters of broken fonts through; XML
	// forbids them.
	out = []byte(strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return -1
		}
		return r
	}, string(out)))
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("pdftotext -bbox output: %v", err)
	}
	pages := map[int][]word{}
	for i, p := range doc.Pages {
		for _, w := range p.Words {
			w.YMin, w.YMax = p.Height-w.YMax, p.Height-w.YMin
			pages[i+1] = append(pages[i+1], w)
		}
	}
	return pages, true
}

// wordsIn returns the words whose centre lies in box, joined.
func wordsIn(words []word, box [4]float64) string {
	var sb strings.Builder
	for _, w := range words {
		x, y := (w.XMin+w.XMax)/2, (w.YMin+w.YMax)/2
		if x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3] {
			sb.WriteString(w.Text)
		}
	}
	return sb.String()
}

// samplesDir returns $GONGKAI_SAMPLES, else ../shared/samples beside the
// module root, or skips.
func samplesDir(t *testing.T) string {
	if d := os.Getenv("GONGKAI_SAMPLES"); d != "" {
		return d
	}
	d := filepath.Join("..", "..", "shared", "samples")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("samples not found at %s: set GONGKAI_SAMPLES to the folder of real reports", d)
	}
	return d
}

// checkCellSource clicks two values of an HTML or DOCX report and checks
// that the original (or its rendering) opens with the value's cell marked:
// the cell holds the value's text and stands in the value's column. For
// HTML the values are chosen printed once in the page.
func checkCellSource(t *testing.T, ctx context.Context, s *Server, base, file, dir string) {
	rep := reportOf(t, s, file)
	once := func(corpus.Cell) bool { return true }
	if filepath.Ext(file) == ".html" {
		data, _ := os.ReadFile(file)
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		doc.Find("td, th").Each(func(_ int, c *goquery.Selection) { count[strings.TrimSpace(c.Text())]++ })
		once = func(c corpus.Cell) bool { return count[c.Raw] == 1 }
	}
	picked := pickCells(rep, func(c corpus.Cell) bool { return c.At.Path != "" && strings.HasPrefix(c.Key, "apply.") && once(c) }, 2)
	if len(picked) == 0 {
		t.Fatalf("no table value of %s has a cell path (and a text printed once)", file)
	}
	for _, c := range picked {
		var text, loc, path string
		var pos [2]int
		err := chromedp.Run(ctx,
			chromedp.Navigate(base+"/report?id="+rep.ID),
			chromedp.WaitVisible(`body[data-ready="1"]`, chromedp.ByQuery),
			chromedp.Click(fmt.Sprintf(`td.v[data-key=%q] a.src`, c.Key), chromedp.ByQuery),
			chromedp.WaitVisible(`#gongkai-mark`, chromedp.ByQuery),
			chromedp.Location(&loc),
			chromedp.Text(`#gongkai-mark`, &text, chromedp.ByQuery),
			chromedp.AttributeValue(`#gongkai-mark`, "data-gongkai-path", &path, nil, chromedp.ByQuery),
			chromedp.Evaluate(`(() => {
				const m = document.getElementById("gongkai-mark");
				const cs = [...m.parentElement.children].filter((e) => e.tagName === "TD" || e.tagName === "TH");
				return [cs.indexOf(m), cs.length];
			})()`, &pos))
		if err != nil {
			t.Fatalf("%s: %v", c.Key, err)
		}
		parts := strings.Split(c.Key, ".")
		if col := slices.Index(corpus.ApplyColumns, parts[len(parts)-1]); strings.HasPrefix(c.Key, "apply.") && pos[0] != pos[1]-7+col {
			t.Errorf("%s: marked cell %d of %d in its row, want column %d of the last 7", c.Key, pos[0], pos[1], col)
		}
		if !strings.Contains(loc, "/api/reports/"+rep.ID+"/original?at=") || path != c.At.Path {
			t.Errorf("%s: opened %s, marked path %q, want %q", c.Key, loc, path, c.At.Path)
		}
		if strings.TrimSpace(text) != c.Raw {
			t.Errorf("%s: the marked cell holds %q, want %q (printed once in the page)", c.Key, text, c.Raw)
		}
		t.Logf("%s = %s: %s marked", c.Key, c.Raw, path)
	}
	shootMark(t, ctx, dir, "source-"+filepath.Ext(file)[1:]+".png")
}
