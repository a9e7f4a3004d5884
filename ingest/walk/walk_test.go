package walk

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"unicode/utf8"
)

// summarize renders an Item as one line: "name = content" for a readable
// item (content elided when long or a zip), "name : reason" for an Item
// with Err, "name -> reason" when Read fails.
func summarize(t *testing.T, root string, it Item) string {
	t.Helper()
	rel, err := filepath.Rel(root, it.Path)
	if err != nil {
		rel = it.Path
	}
	name := filepath.ToSlash(rel)
	if it.Member != "" {
		if !utf8.ValidString(it.Member) {
			t.Errorf("%s: member %q is not valid UTF-8", name, it.Member)
		}
		name += "!/" + strings.ReplaceAll(it.Member, "\x00", `\0`)
	}
	if it.Err != nil {
		if _, rerr := it.Read(); rerr != it.Err {
			t.Errorf("%s: Read of a failed item returned %v, want %v", name, rerr, it.Err)
		}
		return name + " : " + Reason(it.Err)
	}
	b, err := it.Read()
	if err != nil {
		return name + " -> " + Reason(err)
	}
	if int64(len(b)) != it.Size {
		t.Errorf("%s: read %d bytes, Size %d", name, len(b), it.Size)
	}
	switch {
	case isZipSig(b):
		return name + " = <zip>"
	case len(b) > 40:
		return fmt.Sprintf("%s = <%d bytes>", name, len(b))
	}
	return name + " = " + string(b)
}

// collect walks paths and summarizes every Item.
func collect(t *testing.T, root string, paths []string, opt Options) []string {
	t.Helper()
	var got []string
	err := Walk(context.Background(), paths, opt, func(it Item) error {
		got = append(got, summarize(t, root, it))
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return got
}

type walkCase struct {
	name  string
	setup func(t *testing.T, dir string) []string // builds fixtures, returns the paths to walk
	opt   Options
	want  []string
}

func one(rel string, data func(t testing.TB) []byte) func(*testing.T, string) []string {
	return func(t *testing.T, dir string) []string {
		return []string{write(t, dir, rel, data(t))}
	}
}

func TestWalk(t *testing.T) {
	for _, tc := range walkCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			paths := tc.setup(t, dir)
			got := collect(t, dir, paths, tc.opt)
			if !slices.Equal(got, tc.want) {
				t.Errorf("items:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
			}
		})
	}
}

func walkCases() []walkCase {
	return slices.Concat(treeCases(), zipCases(), hostileCases())
}

func treeCases() []walkCase {
	return []walkCase{
		{
			name: "tree with hidden files, junk, links and a loop",
			setup: func(t *testing.T, dir string) []string {
				for _, rel := range []string{".hidden", ".git/config", "Thumbs.db", "desktop.ini",
					".DS_Store", "__MACOSX/x.txt", "sub/.cache/y.txt"} {
					write(t, dir, rel, []byte("junk"))
				}
				write(t, dir, "a.txt", []byte("A"))
				write(t, dir, "sub/b.txt", []byte("B"))
				write(t, dir, "z/empty.txt", nil)
				mustDo(t, os.Symlink("..", filepath.Join(dir, "sub", "loop")))
				mustDo(t, os.Symlink("../a.txt", filepath.Join(dir, "sub", "link.txt")))
				mustDo(t, os.Symlink("nowhere", filepath.Join(dir, "sub", "dangling")))
				mustDo(t, syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644))
				return []string{dir}
			},
			want: []string{
				"a.txt = A",
				"fifo : not-regular-file",
				"sub/b.txt = B",
				"sub/dangling : unreadable",
				"sub/link.txt = A",
				"z/empty.txt = ",
			},
		},
		{
			name: "paths in the order given, missing one reported",
			setup: func(t *testing.T, dir string) []string {
				return []string{write(t, dir, "b.txt", []byte("B")), filepath.Join(dir, "nope"),
					write(t, dir, "a.txt", []byte("A"))}
			},
			want: []string{"b.txt = B", "nope : unreadable", "a.txt = A"},
		},
		{
			name: "explicit hidden path and top-level link to a directory are walked",
			setup: func(t *testing.T, dir string) []string {
				write(t, dir, "real/x.txt", []byte("X"))
				mustDo(t, os.Symlink("real", filepath.Join(dir, "alias")))
				return []string{write(t, dir, ".h.txt", []byte("H")), filepath.Join(dir, "alias")}
			},
			want: []string{".h.txt = H", "alias/x.txt = X"},
		},
		{
			name:  "plain file over MaxFileSize",
			setup: one("big.txt", func(testing.TB) []byte { return make([]byte, 100) }),
			opt:   Options{MaxFileSize: 10},
			want:  []string{"big.txt : too-large"},
		},
	}
}

func zipCases() []walkCase {
	return []walkCase{
		{
			name:  "nested zips three deep with GBK names",
			setup: one("outer.zip", nest3),
			want: []string{
				"outer.zip!/top.txt = T",
				"outer.zip!/年报/2019.zip!/青阳/inner.zip!/readme.txt = R",
				"outer.zip!/年报/2019.zip!/青阳/inner.zip!/报告.html = <p>报告</p>",
				"outer.zip!/年报/2019.zip!/青阳/说明.txt = 说明",
			},
		},
		{
			name:  "nesting deeper than MaxZipDepth",
			setup: one("outer.zip", nest3),
			opt:   Options{MaxZipDepth: 2},
			want: []string{
				"outer.zip!/top.txt = T",
				"outer.zip!/年报/2019.zip!/青阳/inner.zip : zip-too-deep",
				"outer.zip!/年报/2019.zip!/青阳/说明.txt = 说明",
			},
		},
		{
			name:  "docx named .zip is a document",
			setup: one("report.zip", docx),
			want:  []string{"report.zip = <zip>"},
		},
		{
			name: "docx and xlsx inside a zip are not descended",
			setup: one("docs.zip", func(t testing.TB) []byte {
				xlsx := buildZip(t, zm{name: "xl/workbook.xml", data: []byte("<workbook/>")})
				return buildZip(t, zm{name: "a.docx", data: docx(t)}, zm{name: "b.bin", data: xlsx})
			}),
			want: []string{"docs.zip!/a.docx = <zip>", "docs.zip!/b.bin = <zip>"},
		},
		{
			name: "zip named .dat is an archive, file named .zip is not",
			setup: func(t *testing.T, dir string) []string {
				write(t, dir, "archive.dat", buildZip(t, zm{name: "x.txt", data: []byte("X")}))
				write(t, dir, "fake.zip", []byte("not a zip at all, just text"))
				return []string{dir}
			},
			want: []string{"archive.dat!/x.txt = X", "fake.zip = not a zip at all, just text"},
		},
		{
			name: "empty zip yields nothing",
			setup: func(t *testing.T, dir string) []string {
				write(t, dir, "empty.zip", buildZip(t))
				write(t, dir, "a.txt", []byte("A"))
				return []string{dir}
			},
			want: []string{"a.txt = A"},
		},
		{
			name: "directories, hidden and junk members skipped, backslashes and dots cleaned",
			setup: one("m.zip", func(t testing.TB) []byte {
				return buildZip(t,
					zm{name: "sub/"}, zm{name: "__MACOSX/._a.txt", data: []byte("j")},
					zm{name: "sub/.DS_Store", data: []byte("j")}, zm{name: "sub/Thumbs.db", data: []byte("j")},
					zm{name: `dir\file.txt`, data: []byte("F")}, zm{name: "./sub//a.txt", data: []byte("A")},
				)
			}),
			want: []string{"m.zip!/dir/file.txt = F", "m.zip!/sub/a.txt = A"},
		},
		{
			name: "member names: UTF-8 without flag, Unicode Path extra field",
			setup: one("n.zip", func(t testing.TB) []byte {
				return buildZip(t,
					zm{name: "mac/报告.txt", data: []byte("M"), nonUTF8: true},
					zm{name: "tongji.txt", data: []byte("U"), extra: unicodeExtra("tongji.txt", "统计.txt")},
				)
			}),
			want: []string{"n.zip!/mac/报告.txt = M", "n.zip!/统计.txt = U"},
		},
		{
			name: "stored nested zip",
			setup: one("s.zip", func(t testing.TB) []byte {
				in := buildZip(t, zm{name: "a.txt", data: []byte("A")}, zm{name: "b.txt", data: []byte("B")})
				return buildZip(t, zm{name: "in.zip", data: in, store: true})
			}),
			want: []string{"s.zip!/in.zip!/a.txt = A", "s.zip!/in.zip!/b.txt = B"},
		},
	}
}

func hostileCases() []walkCase {
	return []walkCase{
		{
			name: "corrupt and truncated zips",
			setup: func(t *testing.T, dir string) []string {
				write(t, dir, "bad.zip", append([]byte("PK\x03\x04"), randomBytes(200)...))
				full := buildZip(t, zm{name: "x.txt", data: randomBytes(1000)})
				write(t, dir, "cut.zip", full[:len(full)/2])
				in := buildZip(t, zm{name: "bad.zip", data: append([]byte("PK\x05\x06"), randomBytes(50)...)})
				write(t, dir, "in.zip", in)
				return []string{dir}
			},
			want: []string{"bad.zip : corrupt-zip", "cut.zip : corrupt-zip", "in.zip!/bad.zip : corrupt-zip"},
		},
		{
			name: "checksum mismatch and truncated member data",
			setup: one("crc.zip", func(t testing.TB) []byte {
				bad := lying(t, "crc.txt", []byte("hello"), 5)
				bad.raw.crc++
				return buildZip(t, bad, lying(t, "short.txt", []byte("hello"), 5000))
			}),
			want: []string{"crc.zip!/crc.txt -> corrupt-zip", "crc.zip!/short.txt -> corrupt-zip"},
		},
		{
			name: "encrypted member and unsupported method",
			setup: one("enc.zip", func(t testing.TB) []byte {
				return buildZip(t,
					zm{name: "secret.txt", raw: &rawZM{method: zip.Deflate, flags: 1, compressed: randomBytes(40), uncompressed: 30}},
					zm{name: "bz.txt", raw: &rawZM{method: 12, compressed: randomBytes(40), uncompressed: 30}},
					zm{name: "open.txt", data: []byte("O")},
				)
			}),
			want: []string{"enc.zip!/bz.txt : unsupported-zip-method", "enc.zip!/open.txt = O",
				"enc.zip!/secret.txt : encrypted-zip-member"},
		},
		{
			name: "path traversal, absolute names, drive letters, NUL",
			setup: one("evil.zip", func(t testing.TB) []byte {
				var ms []zm
				for _, n := range []string{"../../etc/passwd", "/abs", `C:\x`, "a\x00b", `dir\..\..\x`, "ok.txt"} {
					ms = append(ms, zm{name: n, data: []byte("E")})
				}
				return buildZip(t, ms...)
			}),
			want: []string{
				"evil.zip!/../../etc/passwd : path-traversal",
				"evil.zip!//abs : path-traversal",
				`evil.zip!/C:\x : path-traversal`,
				`evil.zip!/a\0b : path-traversal`,
				`evil.zip!/dir\..\..\x : path-traversal`,
				"evil.zip!/ok.txt = E",
			},
		},
		{
			name:  "ratio bomb: 300 MiB of zeros, default options",
			setup: one("bomb.zip", zeros300),
			want:  []string{"bomb.zip!/ok.txt = ok", "bomb.zip!/zeros.bin : zip-bomb"},
		},
		{
			name:  "total bomb: 300 MiB of zeros, ratio check off, MaxZipTotal low",
			setup: one("bomb.zip", zeros300),
			opt:   Options{MaxFileSize: 1 << 30, MaxZipRatio: 1e9, MaxZipTotal: 100 << 20},
			want:  []string{"bomb.zip!/ok.txt = ok", "bomb.zip!/zeros.bin : zip-bomb"},
		},
		{
			name: "header lies: expands beyond declared size",
			setup: one("liar.zip", func(t testing.TB) []byte {
				return buildZip(t, lying(t, "zeros.bin", make([]byte, 10<<20), 1000))
			}),
			want: []string{"liar.zip!/zeros.bin -> zip-bomb"},
		},
		{
			name: "member over MaxFileSize",
			setup: one("big.zip", func(t testing.TB) []byte {
				return buildZip(t, zm{name: "big.bin", data: randomBytes(5000)}, zm{name: "s.txt", data: []byte("S")})
			}),
			opt:  Options{MaxFileSize: 1000},
			want: []string{"big.zip!/big.bin : too-large", "big.zip!/s.txt = S"},
		},
		{
			name: "MaxZipTotal spent stops the archive",
			setup: one("total.zip", func(t testing.TB) []byte {
				var ms []zm
				for i := range 5 {
					ms = append(ms, zm{name: fmt.Sprintf("m%d.bin", i), data: randomBytes(100 << 10)})
				}
				return buildZip(t, ms...)
			}),
			opt:  Options{MaxZipTotal: 250 << 10},
			want: []string{"total.zip!/m0.bin = <102400 bytes>", "total.zip!/m1.bin = <102400 bytes>", "total.zip!/m2.bin : zip-bomb"},
		},
		{
			name: "MaxZipMembers spent stops the archive",
			setup: one("many.zip", func(t testing.TB) []byte {
				var ms []zm
				for i := range 5 {
					ms = append(ms, zm{name: fmt.Sprintf("m%d.txt", i), data: []byte{'0' + byte(i)}})
				}
				return buildZip(t, ms...)
			}),
			opt:  Options{MaxZipMembers: 3},
			want: []string{"many.zip!/m0.txt = 0", "many.zip!/m1.txt = 1", "many.zip!/m2.txt = 2", "many.zip!/m3.txt : zip-bomb"},
		},
		{
			name:  "42.zip-style recursive bomb stops at the total",
			setup: one("42.zip", func(t testing.TB) []byte { return recursiveBomb(t, 4, 3, 2<<20) }),
			opt:   Options{MaxZipTotal: 8 << 20},
			want: []string{
				"42.zip!/a.zip!/a.zip!/a.zip!/0.bin : zip-bomb",
				"42.zip!/a.zip!/a.zip!/b.zip!/0.bin : zip-bomb",
				"42.zip!/a.zip!/a.zip!/c.zip!/0.bin : zip-bomb",
				"42.zip!/a.zip!/a.zip!/d.zip!/0.bin : zip-bomb", // the member crossing MaxZipTotal; nothing after
			},
		},
	}
}

var zeros300 = func() func(testing.TB) []byte {
	var (
		mu   sync.Mutex
		data []byte
	)
	return func(t testing.TB) []byte {
		mu.Lock()
		defer mu.Unlock()
		if data == nil {
			data = zerosZip(t, "zeros.bin", 300<<20, zm{name: "ok.txt", data: []byte("ok")})
		}
		return data
	}
}()

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestWalk_UnreadableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions are not enforced")
	}
	dir := t.TempDir()
	write(t, dir, "locked/x.txt", []byte("X"))
	write(t, dir, "ok.txt", []byte("O"))
	locked := filepath.Join(dir, "locked")
	mustDo(t, os.Chmod(locked, 0))
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	got := collect(t, dir, []string{dir}, Options{})
	want := []string{"locked : unreadable", "ok.txt = O"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWalk_Stops(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.zip", nest3(t))
	write(t, dir, "b.txt", []byte("B"))
	stop := errors.New("stop")
	tests := []struct {
		name string
		ctx  func() context.Context
		fn   func(n int) error
		want error
		max  int
	}{
		{"fn error", context.Background, func(n int) error { return stop }, stop, 1},
		{"canceled context", func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, func(int) error { return nil }, context.Canceled, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			err := Walk(tc.ctx(), []string{dir}, Options{}, func(Item) error { n++; return tc.fn(n) })
			if !errors.Is(err, tc.want) || n > tc.max {
				t.Errorf("Walk = %v after %d items, want %v after at most %d", err, n, tc.want, tc.max)
			}
		})
	}
}

// TestItem_ReadAfterWalk reads members of an archive on disk and of a
// nested archive after Walk has returned, concurrently.
func TestItem_ReadAfterWalk(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "outer.zip", nest3(t))
	var items []Item
	if err := Walk(context.Background(), []string{p}, Options{}, func(it Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(items) != 4 {
		t.Fatalf("got %d items, want 4", len(items))
	}
	errs := make(chan error, 8*len(items))
	for range 8 {
		for _, it := range items {
			go func() {
				b, err := it.Read()
				if err == nil && int64(len(b)) != it.Size {
					err = fmt.Errorf("%s: %d bytes, want %d", it.Name(), len(b), it.Size)
				}
				errs <- err
			}()
		}
	}
	for range 8 * len(items) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestReason(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"too large", fmt.Errorf("x: %w", ErrTooLarge), "too-large"},
		{"bomb", fmt.Errorf("x: %w", ErrZipBomb), "zip-bomb"},
		{"traversal", ErrTraversal, "path-traversal"},
		{"too deep", ErrTooDeep, "zip-too-deep"},
		{"corrupt", fmt.Errorf("%w: %w", ErrCorruptZip, zip.ErrFormat), "corrupt-zip"},
		{"encrypted", ErrEncrypted, "encrypted-zip-member"},
		{"unsupported", ErrUnsupported, "unsupported-zip-method"},
		{"not regular", ErrNotRegular, "not-regular-file"},
		{"fs error", unreadable(os.ErrNotExist), "unreadable"},
		{"canceled", context.Canceled, "canceled"},
		{"other", errors.New("boom"), "unreadable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Reason(tc.err); got != tc.want {
				t.Errorf("Reason(%v) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}
