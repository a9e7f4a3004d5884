package bleveindex

import (
	"context"
	"os"
	"strconv"
	"testing"

	"gongkai/corpus"
)

// TestWriteSynthArchive writes an archive of synthetic reports for manual
// timing (not a check): GONGKAI_WRITE_ARCHIVE=DIR GONGKAI_WRITE_N=2000
// go test -run TestWriteSynthArchive ./index/bleve, then
// gongkai index --rebuild --archive DIR; time gongkai search 行政复议 --archive DIR.
func TestWriteSynthArchive(t *testing.T) {
	dir := os.Getenv("GONGKAI_WRITE_ARCHIVE")
	if dir == "" {
		t.Skip("set GONGKAI_WRITE_ARCHIVE=DIR (and GONGKAI_WRITE_N) to write a synthetic archive")
	}
	n, _ := strconv.Atoi(os.Getenv("GONGKAI_WRITE_N"))
	if n <= 0 {
		n = 2000
	}
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reports := synthReports(7, n)
	for i := 0; i < len(reports); i += 500 {
		var entries []corpus.Entry
		for _, r := range reports[i:min(i+500, len(reports))] {
			entries = append(entries, corpus.Entry{SHA256: r.Source.SHA256, Size: 1, Format: r.Source.Format,
				Origin: corpus.Origin{Kind: "file", Path: r.Source.Path}, Report: r})
		}
		if err := st.Commit(context.Background(), entries); err != nil {
			t.Fatal(err)
		}
	}
}
