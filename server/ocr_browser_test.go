package server

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gongkai/corpus"
	bleveindex "gongkai/index/bleve"
	"gongkai/parser"
)

// TestBrowser_OCR: the page of a report read by OCR says so — engine,
// version, pages — counts its uncertain cells, keeps them marked "?" and
// marks a value kept with a low confidence. The report is a generated
// report's parse given the OCR fields an OCR parse has (source.ocr,
// cells[].confidence, an uncertain cell), so the test needs no OCR engine.
func TestBrowser_OCR(t *testing.T) {
	chromium(t)
	data, err := os.ReadFile(filepath.Join("..", "testdata", "synth", "example-2021.html"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := parser.Parse(context.Background(), data, "scan.pdf.html")
	if err != nil {
		t.Fatal(err)
	}
	r.Source.OCR = "tesseract 5.3.0: pages 1-3, 5"
	var uncKey, lowKey string
	for i := range r.Cells {
		c := &r.Cells[i]
		if c.State != corpus.StateNumber || !strings.HasPrefix(c.Key, "apply.") {
			continue
		}
		c.Confidence = 0.96
		switch {
		case uncKey == "":
			uncKey = c.Key
			c.Uncertain, c.Value, c.State, c.Raw, c.Confidence = true, nil, corpus.StateText, "1?|17", 0.41
		case lowKey == "":
			lowKey, c.Confidence = c.Key, 0.82
		}
	}
	if lowKey == "" {
		t.Fatal("the report has too few numbers in table 三")
	}
	dir := t.TempDir()
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	sha := corpus.Hash(data)
	if err := st.PutBlob(sha, data); err != nil {
		t.Fatal(err)
	}
	txt, err := os.ReadFile(filepath.Join("..", "testdata", "synth", "example-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := parser.Parse(context.Background(), txt, "example-2021.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutBlob(plain.Source.SHA256, txt); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(context.Background(), []corpus.Entry{
		{SHA256: sha, Size: int64(len(data)), Format: "html", Origin: corpus.Origin{Kind: "file", Path: "scan.pdf.html"}, Report: r},
		{SHA256: plain.Source.SHA256, Size: int64(len(txt)), Format: "text", Origin: corpus.Origin{Kind: "file", Path: "example-2021.txt"}, Report: plain},
	}); err != nil {
		t.Fatal(err)
	}
	x, err := bleveindex.Open(IndexDir(dir), bleveindex.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewWith(st, x, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	ts := hs.URL

	ctx := browser(t)
	var note, version, pages, uncText, lowTitle string
	var uncCells, lowCells, confCells int
	err = chromedp.Run(ctx,
		chromedp.Navigate(ts+"/report?id="+r.ID),
		chromedp.WaitVisible(`body[data-ready="1"] #ocr-note`, chromedp.ByQuery),
		chromedp.Text(`#ocr-note`, &note, chromedp.ByQuery),
		chromedp.Text(`#ocr-note .ocr-version`, &version, chromedp.ByQuery),
		chromedp.Text(`#ocr-note .ocr-pages`, &pages, chromedp.ByQuery),
		chromedp.Text(`td.v.unc[data-key="`+uncKey+`"]`, &uncText, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("#table-apply td.v.unc").length`, &uncCells),
		chromedp.Evaluate(`document.querySelectorAll("#table-apply td.v.lowconf").length`, &lowCells),
		chromedp.Evaluate(`document.querySelectorAll("td.v[data-conf]").length`, &confCells),
		chromedp.Evaluate(`document.querySelector('td.v.lowconf[data-key="`+lowKey+`"]').title`, &lowTitle))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("note: %s", note)
	if !strings.Contains(note, "tesseract") || version != "5.3.0" || !strings.Contains(pages, "1-3, 5") {
		t.Errorf("OCR note %q (version %q, pages %q): want engine, version and pages", note, version, pages)
	}
	if !strings.Contains(note, "1 格未能确定") || !strings.Contains(note, "1 格置信度低于") {
		t.Errorf("OCR note %q does not count the uncertain and the low-confidence cell", note)
	}
	if uncCells != 1 || !strings.Contains(uncText, "?") {
		t.Errorf("%d uncertain cells marked (text %q), want 1 with a ?", uncCells, uncText)
	}
	if lowCells != 1 || !strings.Contains(lowTitle, "识别置信度 82%") {
		t.Errorf("%d low-confidence cells marked (title %q), want 1 saying 82%%", lowCells, lowTitle)
	}
	if confCells < 10 {
		t.Errorf("%d cells carry their confidence, want every number of table 三", confCells)
	}
	shoot(t, ctx, screenshotDir(t), "report-ocr.png")

	// A report without OCR shows no notice.
	var notes int
	if err := chromedp.Run(ctx, chromedp.Navigate(ts+"/report?id="+plain.ID),
		chromedp.WaitVisible(`body[data-ready="1"] #table-apply`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("#ocr-note, td.v[data-conf]").length`, &notes)); err != nil {
		t.Fatal(err)
	}
	if notes != 0 {
		t.Errorf("a report without OCR shows %d OCR marks", notes)
	}
}
