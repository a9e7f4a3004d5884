package walk

import (
	"archive/zip"
	"errors"
	"testing"
	"unicode/utf8"
)

func TestDecodeName(t *testing.T) {
	gbkZhuanye := gbk(t, "专业.txt") // D7A8 D2B5: GBK bytes that are also valid UTF-8 ("רҵ")
	tests := []struct {
		name  string
		raw   string
		flags uint16
		extra []byte
		want  string
	}{
		{"ASCII", "a/b.txt", 0, nil, "a/b.txt"},
		{"UTF-8 flagged", "报告.txt", flagUTF8, nil, "报告.txt"},
		{"GBK, not valid UTF-8", gbk(t, "年报/报告.txt"), 0, nil, "年报/报告.txt"},
		{"GBK that is valid UTF-8, unflagged", gbkZhuanye, 0, nil, "专业.txt"},
		{"same bytes flagged UTF-8 are trusted", gbkZhuanye, flagUTF8, nil, "רҵ.txt"},
		{"UTF-8 unflagged (macOS) kept", "报告.txt", 0, nil, "报告.txt"},
		// Known trade-off: Latin-1 accents written as unflagged UTF-8 read as
		// GBK, since a Chinese collection is far likelier to hold GBK names.
		{"Latin accents unflagged read as GBK", "résumé.txt", 0, nil, "r茅sum茅.txt"},
		{"Latin accents flagged", "résumé.txt", flagUTF8, nil, "résumé.txt"},
		{"Unicode Path extra field", "tongji.txt", 0, unicodeExtra("tongji.txt", "统计.txt"), "统计.txt"},
		{"stale Unicode Path extra field ignored", "tongji.txt", 0, unicodeExtra("other.txt", "统计.txt"), "tongji.txt"},
		{"truncated extra field ignored", "x.txt", 0, []byte{0x75, 0x70, 9, 0, 1}, "x.txt"},
		{"invalid bytes replaced", "\xff\xfe.txt", 0, nil, "\uFFFD\uFFFD.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &zip.File{FileHeader: zip.FileHeader{Name: tc.raw, Flags: tc.flags, Extra: tc.extra}}
			got := decodeName(f)
			if got != tc.want {
				t.Errorf("decodeName(%q) = %q, want %q", tc.raw, got, tc.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("decodeName(%q) = %q: not valid UTF-8", tc.raw, got)
			}
		})
	}
}

func TestCleanName(t *testing.T) {
	tests := []struct {
		name, in, want string
		dir, bad       bool
	}{
		{"plain", "a/b.txt", "a/b.txt", false, false},
		{"backslashes", `a\b.txt`, "a/b.txt", false, false},
		{"dot and empty elements", "./a//b.txt", "a/b.txt", false, false},
		{"directory", "a/b/", "a/b", true, false},
		{"dot-dot prefix", "../../etc/passwd", "", false, true},
		{"dot-dot inside is refused too", "a/../b", "", false, true},
		{"dot-dot with backslashes", `a\..\..\b`, "", false, true},
		{"absolute", "/etc/passwd", "", false, true},
		{"UNC", `\\server\share\x`, "", false, true},
		{"drive letter", `C:\x`, "", false, true},
		{"drive-relative", "c:x", "", false, true},
		{"NUL", "a\x00b", "", false, true},
		{"dots in names are fine", "a..b/..c", "a..b/..c", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, dir, err := cleanName(tc.in)
			if tc.bad {
				if !errors.Is(err, ErrTraversal) {
					t.Errorf("cleanName(%q) error = %v, want ErrTraversal", tc.in, err)
				}
				return
			}
			if err != nil || got != tc.want || dir != tc.dir {
				t.Errorf("cleanName(%q) = %q, %v, %v; want %q, %v", tc.in, got, dir, err, tc.want, tc.dir)
			}
		})
	}
}
