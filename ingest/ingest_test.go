package ingest_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai/corpus"
	"gongkai/corpus/corpustest"
	"gongkai/ingest"
	"gongkai/parser"
)

func synthDir() string { return filepath.Join("..", "testdata", "synth") }

// writeZip builds a zip of name→content; GBK names are stored as GBK bytes
// without the UTF-8 flag, as Chinese Windows tools write them.
func writeZip(t *testing.T, path string, files map[string][]byte, gbk bool) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if gbk {
			enc, err := simplifiedchinese.GBK.NewEncoder().String(name)
			if err != nil {
				t.Fatal(err)
			}
			h.Name, h.NonUTF8 = enc, true
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(synthDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	in := t.TempDir()
	// A folder with two reports, a duplicate of one inside a GBK-named zip
	// nested in another zip, a third report only in the zip, and junk.
	html, txt, md := read(t, "example-2021.html"), read(t, "template-2019.txt"), read(t, "city-large.md")
	os.WriteFile(filepath.Join(in, "a.html"), html, 0o644)
	os.WriteFile(filepath.Join(in, "b.txt"), txt, 0o644)
	os.WriteFile(filepath.Join(in, "empty.html"), nil, 0o644)
	inner := filepath.Join(t.TempDir(), "inner.zip")
	writeZip(t, inner, map[string][]byte{"青阳/年报.html": html, "济南/2021年报.md": md}, true)
	innerBytes, _ := os.ReadFile(inner)
	writeZip(t, filepath.Join(in, "归档.zip"), map[string][]byte{"inner.zip": innerBytes, "../evil.txt": txt}, false)

	st, err := corpus.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sum, err := ingest.Import(ctx, st, []string{in}, ingest.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 3 || sum.Duplicates != 1 || sum.Failed != 2 || sum.ByReason["empty"] != 1 || sum.ByReason["path-traversal"] != 1 {
		t.Errorf("summary %+v", sum)
	}
	var member string
	if err := corpustest.DB(st).QueryRow(`SELECT member FROM sources WHERE member LIKE '%年报.md'`).Scan(&member); err != nil || member != "inner.zip!/济南/2021年报.md" {
		t.Errorf("GBK member name = %q (%v)", member, err)
	}
	// Every table value of every report is in the catalog.
	var cells, want int
	corpustest.DB(st).QueryRow(`SELECT count(*) FROM cells`).Scan(&cells)
	for _, f := range []string{"example-2021.html", "template-2019.txt", "city-large.md"} {
		r, err := parser.Parse(context.Background(), read(t, f), f)
		if err != nil {
			t.Fatal(err)
		}
		want += len(r.Cells)
	}
	if cells != want {
		t.Errorf("%d cells in the catalog, want %d", cells, want)
	}

	// Idempotent: a re-run parses nothing again (the empty file's failure
	// is known by its hash); only the refused zip member, which has no
	// content to hash, is refused again.
	again, err := ingest.Import(ctx, st, []string{in}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Imported != 0 || again.Duplicates != 5 || again.Failed != 1 {
		t.Errorf("re-run %+v", again)
	}
	stats, _ := st.Stats(ctx)
	if stats.Reports != 3 {
		t.Errorf("stats after re-run %+v", stats)
	}
}

func TestReparseAndRetry(t *testing.T) {
	ctx := context.Background()
	in := t.TempDir()
	os.WriteFile(filepath.Join(in, "a.html"), read(t, "example-2021.html"), 0o644)
	os.WriteFile(filepath.Join(in, "news.html"), read(t, "broken/broken-news-page-000003e9.html"), 0o644)
	st, err := corpus.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.Import(ctx, st, []string{in}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	// Pretend an older parser made the report.
	if _, err := corpustest.DB(st).Exec(`UPDATE reports SET parser_version = 'old'`); err != nil {
		t.Fatal(err)
	}
	shas, err := st.Outdated(ctx, parser.Version)
	if err != nil || len(shas) != 1 {
		t.Fatalf("outdated %v %v", shas, err)
	}
	sum, err := ingest.Reparse(ctx, st, shas, ingest.Options{})
	if err != nil || sum.Reparsed != 1 {
		t.Fatalf("reparse %+v %v", sum, err)
	}
	if left, _ := st.Outdated(ctx, parser.Version); len(left) != 0 {
		t.Errorf("still outdated: %v", left)
	}
	// Retry the failure from its blob, without the original file.
	os.Remove(filepath.Join(in, "news.html"))
	failed, _ := st.FailedDocuments(ctx)
	sum, err = ingest.Reparse(ctx, st, failed, ingest.Options{RetryFailed: true})
	if err != nil || sum.Failed != 1 || sum.ByReason["not-a-report"] != 1 {
		t.Fatalf("retry %+v %v", sum, err)
	}
	fs, _ := st.Failures(ctx, "not-a-report")
	if len(fs) != 1 || fs[0].Attempts != 2 {
		t.Errorf("failures %+v", fs)
	}
}

// TestImportFetched_ListingDate: a crawled report whose file prints no
// publication date takes the listing page's date (above its signature
// date); one that prints it keeps its own.
func TestImportFetched_ListingDate(t *testing.T) {
	ctx := context.Background()
	st, err := corpus.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	body := "仙游县人民政府%d年政府信息公开工作年度报告\n%s一、总体情况\n本年度主动公开政府信息12条。\n二、主动公开政府信息情况\n略。\n三、收到和处理政府信息公开申请情况\n本年度未收到申请。\n仙游县人民政府\n%d年1月9日\n"
	docs := make(chan ingest.Fetched, 2)
	docs <- ingest.Fetched{Origin: corpus.Origin{Kind: "url", Path: "http://127.0.0.1/a.txt", ListingDate: "2021-01-12"}, Data: []byte(fmt.Sprintf(body, 2020, "", 2021))}
	docs <- ingest.Fetched{Origin: corpus.Origin{Kind: "url", Path: "http://127.0.0.1/b.txt", ListingDate: "2022-01-12"}, Data: []byte(fmt.Sprintf(body, 2021, "发布日期：2022-01-10\n", 2022))}
	close(docs)
	if _, err := ingest.ImportFetched(ctx, st, docs, ingest.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	rows, err := corpustest.DB(st).QueryContext(ctx, "SELECT year, published, signed FROM reports ORDER BY year")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var y int
		var p, s string
		if err := rows.Scan(&y, &p, &s); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d %s %s", y, p, s))
	}
	if want := []string{"2020 2021-01-12 2021-01-09", "2021 2022-01-10 2022-01-09"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("year published signed = %v, want %v", got, want)
	}
}

// TestTooLarge: a file over the size limit is refused before it is read,
// with reason too-large and its path named, and the other files are still
// imported; the default limit is DefaultMaxSize.
func TestTooLarge(t *testing.T) {
	ctx := context.Background()
	in := t.TempDir()
	os.WriteFile(filepath.Join(in, "a.html"), read(t, "example-2021.html"), 0o644)
	big := bytes.Repeat([]byte("政府信息公开。\n"), 16384) // 352 KiB of text that is no report
	os.WriteFile(filepath.Join(in, "big.txt"), big, 0o644)
	st, err := corpus.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opt := ingest.Options{}
	opt.Walk.MaxFileSize = 256 << 10
	sum, err := ingest.Import(ctx, st, []string{in}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 1 || sum.Failed != 1 || sum.ByReason["too-large"] != 1 {
		t.Errorf("summary %+v", sum)
	}
	fs, err := st.Failures(ctx, "too-large")
	if err != nil || len(fs) != 1 || fs[0].Path != filepath.Join(in, "big.txt") {
		t.Errorf("failures %+v %v", fs, err)
	}
	// Under the default limit the same file is read and parsed (and is not
	// a report).
	sum, err = ingest.Import(ctx, st, []string{in}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.ByReason["too-large"] != 0 || sum.Failed != 1 {
		t.Errorf("default limit %d: summary %+v", ingest.DefaultMaxSize, sum)
	}
}
