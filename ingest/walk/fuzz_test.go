package walk

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"testing"
	"unicode/utf8"
)

// fuzzOptions keep every fuzz iteration small: at most 1 MiB per Read and
// per nested archive held, 4 MiB declared per archive.
var fuzzOptions = Options{MaxFileSize: 1 << 20, MaxZipTotal: 4 << 20, MaxZipMembers: 1000}

// walkData walks data as an archive in memory, the path nested archives
// take, reading every Item.
func walkData(t *testing.T, data []byte) {
	n := 0
	w := &walker{ctx: context.Background(), opt: fuzzOptions.withDefaults(), fn: func(it Item) error {
		n++
		if !utf8.ValidString(it.Member) {
			t.Errorf("member %q is not valid UTF-8", it.Member)
		}
		b, err := it.Read()
		if err == nil && int64(len(b)) > fuzzOptions.MaxFileSize {
			t.Errorf("%s: Read returned %d bytes, over MaxFileSize", it.Name(), len(b))
		}
		if it.Err != nil && Reason(it.Err) == "" {
			t.Errorf("%s: no reason for %v", it.Name(), it.Err)
		}
		return nil
	}}
	zr, err := openZip(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return
	}
	a := &archive{path: "fuzz.zip", depth: 1, src: memSource{}, budget: &budget{}}
	if err := w.archive(zr, a); err != nil && !errors.Is(err, errStopArchive) {
		t.Fatalf("walk: %v", err)
	}
	if n > fuzzOptions.MaxZipMembers+1 {
		t.Errorf("%d items, over MaxZipMembers", n)
	}
}

// FuzzArchive checks that no archive bytes make the walk panic, hang, or
// read past its limits.
func FuzzArchive(f *testing.F) {
	seeds := [][]byte{
		nest3(f),
		docx(f),
		buildZip(f),
		buildZip(f, zm{name: "../../etc/passwd", data: []byte("x")}, zm{name: `C:\x`, data: []byte("y")}),
		buildZip(f, zm{name: "s.txt", raw: &rawZM{method: zip.Deflate, flags: 1, compressed: []byte("xx"), uncompressed: 2}}),
		buildZip(f, lying(f, "liar.bin", make([]byte, 64<<10), 100)),
		buildZip(f, zm{name: gbk(f, "年报.txt"), data: []byte("年报"), nonUTF8: true}),
		recursiveBomb(f, 2, 2, 2<<20),
		[]byte("PK\x05\x06" + string(make([]byte, 18))),
		[]byte("PK\x03\x04garbage"),
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		walkData(t, data)
	})
}
