package crawl_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"gongkai/corpus/corpustest"
	"gongkai/crawl"
	"gongkai/ingest"
	"gongkai/parser/ocr"
	"gongkai/synth"
)

// TestCrawl_TablePicture crawls a report page whose table 三 is pasted as
// a PNG: the crawler fetches the picture with the page, the import keeps
// it as one of the report's sources and the parse reads table 三 from it
// by OCR; a re-parse from the archive reads the same values.
func TestCrawl_TablePicture(t *testing.T) {
	if _, err := ocr.Find(); err != nil {
		t.Skipf("OCR engine missing: %v", err)
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not found: apt-get install libreoffice-writer-nogui (renders the table picture)")
	}
	spec, page, pic, err := synth.TablePictureReport(context.Background(), "t20230301_9_files/table3.png", 120)
	if err != nil {
		t.Fatal(err)
	}
	s := newSite(t)
	s.set("/xxgk/ndbg/t20230301_9.html", "text/html; charset=utf-8", page)
	s.set("/xxgk/ndbg/t20230301_9_files/table3.png", "image/png", pic)
	s.set("/xxgk/ndbg/index.html", "text/html; charset=gb2312", listingPage(t, []item{
		{"./t20230301_9.html", spec.Truth.Title, "2023-03-01"},
	}, 0, 1))
	st, state := openArchive(t)
	res, sum := run(t, st, state, []crawl.Seed{{URL: s.url("/xxgk/ndbg/index.html")}}, fastOptions(t))
	t.Logf("crawl: %+v\nimport: %+v", res, sum)

	pageURL, picURL := s.url("/xxgk/ndbg/t20230301_9.html"), s.url("/xxgk/ndbg/t20230301_9_files/table3.png")
	if n := s.count("/xxgk/ndbg/t20230301_9_files/table3.png", 200); n != 1 {
		t.Errorf("picture fetched %d times, want 1", n)
	}
	if n := count(t, st, `SELECT count(*) FROM sources WHERE path = ? AND referrer = ? AND kind = 'url'`, picURL, pageURL); n != 1 {
		t.Errorf("the picture is %d source(s) of the archive, want 1 (referrer the page)", n)
	}
	var id, sha string
	if err := corpustest.DB(st).QueryRow(`SELECT r.id, r.sha256 FROM reports r JOIN sources s ON s.sha256 = r.sha256 WHERE s.path = ?`, pageURL).Scan(&id, &sha); err != nil {
		t.Fatalf("no report for the page: %v", err)
	}
	check := func(label string) {
		t.Helper()
		r, err := st.Report(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if r.Tables.Apply == nil || !strings.Contains(r.Source.OCR, "picture") {
			t.Fatalf("%s: table 三 not read from the picture (OCR %q): %+v", label, r.Source.OCR, r.Diagnostics)
		}
		n, right, unc, wrong := synth.ScoreCells(r.Cells, spec.Truth.Cells, "apply.")
		t.Logf("%s: table 三 %d cells, %d right, %d uncertain, %d wrong", label, n, right, unc, len(wrong))
		if n == 0 || len(wrong) > 0 || right*100 < n*95 {
			t.Errorf("%s: %d of %d right, %d uncertain; wrong without a flag: %v", label, right, n, unc, wrong)
		}
	}
	check("crawl")
	rs, err := ingest.Reparse(context.Background(), st, []string{sha}, ingest.Options{Workers: 1, FlushEvery: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if rs.Reparsed != 1 || rs.Failed != 0 {
		t.Fatalf("reparse: %+v, want the page parsed again", rs)
	}
	check("reparse")
}
