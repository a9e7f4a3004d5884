//go:build linux

package bleveindex

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gongkai/index"
)

// residentKB sums the Rss of the process's mappings of the segment files
// (.zap) under dir, from /proc/self/smaps (bolt maps its own file, which
// dropMapped leaves).
func residentKB(t *testing.T, dir string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	kb, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if !strings.HasSuffix(fields[0], ":") || len(fields) >= 6 && strings.Contains(fields[0], "-") {
			// a mapping's header line: address perms offset dev inode [path]
			in = len(fields) >= 6 && strings.HasPrefix(fields[5], dir) && strings.HasSuffix(fields[5], ".zap")
			continue
		}
		if in && fields[0] == "Rss:" {
			n, _ := strconv.Atoi(fields[1])
			kb += n
		}
	}
	return kb
}

// TestDropMapped checks that dropMapped takes the pages of the segment
// files that a search touched out of the process's resident memory, and
// that searches give the same results afterwards (the pages come back
// from the page cache).
func TestDropMapped(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	dir, _ = filepath.EvalSymlinks(filepath.Dir(dir))
	dir = filepath.Join(dir, "index")
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	if err := x.Index(ctx, fixtureReports()); err != nil {
		t.Fatal(err)
	}
	if err := x.ForceMerge(ctx); err != nil {
		t.Fatal(err)
	}
	search := func() *index.Result {
		t.Helper()
		res, err := x.Search(ctx, index.Request{Query: "政府信息公开 申请", Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 {
			t.Fatal("no hits")
		}
		res.Took = 0
		return res
	}
	if err := x.WriteVocabulary(); err != nil { // reads every body dictionary, then drops it
		t.Fatal(err)
	}
	before := search()
	touched := residentKB(t, dir)
	if touched == 0 {
		t.Fatal("the search left no pages of the index files resident: nothing to test")
	}
	x.mu.Lock()
	x.dropMapped()
	x.mu.Unlock()
	if after := residentKB(t, dir); after != 0 {
		t.Errorf("%d KB of the index files resident after dropMapped (%d before)", after, touched)
	}
	again := search()
	if !reflect.DeepEqual(before, again) {
		t.Errorf("results differ after dropMapped:\n%+v\n%+v", before, again)
	}
}
