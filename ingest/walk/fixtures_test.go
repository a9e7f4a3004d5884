package walk

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// zm describes one member of a zip built by a test.
type zm struct {
	name    string // raw header name bytes
	data    []byte
	store   bool   // method store instead of deflate
	nonUTF8 bool   // leave bit 11 clear whatever the name
	extra   []byte // extra field
	raw     *rawZM // write pre-compressed bytes with these header values
}

// rawZM writes a member with CreateRaw: the header says what the test
// wants, true or not.
type rawZM struct {
	method       uint16
	flags        uint16
	compressed   []byte
	crc          uint32
	uncompressed uint64 // declared
}

// buildZip returns the bytes of a zip holding ms in order.
func buildZip(t testing.TB, ms ...zm) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range ms {
		if m.raw != nil {
			writeRaw(t, zw, m)
			continue
		}
		fh := &zip.FileHeader{Name: m.name, Method: zip.Deflate, NonUTF8: m.nonUTF8, Extra: m.extra}
		if m.store {
			fh.Method = zip.Store
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			t.Fatalf("create %q: %v", m.name, err)
		}
		if _, err := w.Write(m.data); err != nil {
			t.Fatalf("write %q: %v", m.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatalf("close zip: %v", err)
	}
	return buf.Bytes()
}

func writeRaw(t testing.TB, zw *zip.Writer, m zm) {
	t.Helper()
	fh := &zip.FileHeader{
		Name: m.name, Method: m.raw.method, Flags: m.raw.flags, NonUTF8: m.nonUTF8,
		CRC32: m.raw.crc, CompressedSize64: uint64(len(m.raw.compressed)),
		UncompressedSize64: m.raw.uncompressed,
	}
	w, err := zw.CreateRaw(fh)
	if err != nil {
		t.Fatalf("create raw %q: %v", m.name, err)
	}
	if _, err := w.Write(m.raw.compressed); err != nil {
		t.Fatalf("write raw %q: %v", m.name, err)
	}
}

// deflate compresses b with raw deflate.
func deflate(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zerosZip streams n zero bytes into a deflated member without holding
// them in memory.
func zerosZip(t testing.TB, name string, n int64, more ...zm) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for left := n; left > 0; left -= int64(len(chunk)) {
		if _, err := w.Write(chunk[:min(left, int64(len(chunk)))]); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range more {
		mw, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		mw.Write(m.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lying returns a member whose header declares size bytes but holds data.
func lying(t testing.TB, name string, data []byte, size uint64) zm {
	return zm{name: name, raw: &rawZM{
		method: zip.Deflate, compressed: deflate(t, data),
		crc: crc32.ChecksumIEEE(data), uncompressed: size,
	}}
}

// gbk encodes s as GBK.
func gbk(t testing.TB, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("gbk %q: %v", s, err)
	}
	return b
}

// unicodeExtra builds an Info-ZIP Unicode Path extra field.
func unicodeExtra(raw, name string) []byte {
	body := []byte{1, 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(body[1:], crc32.ChecksumIEEE([]byte(raw)))
	body = append(body, name...)
	hdr := make([]byte, 4)
	binary.LittleEndian.PutUint16(hdr, extraUnicodePath)
	binary.LittleEndian.PutUint16(hdr[2:], uint16(len(body)))
	return append(hdr, body...)
}

// randomBytes returns n incompressible bytes (deterministic).
func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// write creates dir/rel with data, making parents.
func write(t testing.TB, dir, rel string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// docx returns a minimal OOXML word document.
func docx(t testing.TB) []byte {
	return buildZip(t,
		zm{name: "[Content_Types].xml", data: []byte(`<Types/>`)},
		zm{name: "word/document.xml", data: []byte(`<w:document/>`)},
	)
}

// nest3 returns an archive three levels deep with GBK member names.
func nest3(t testing.TB) []byte {
	inner := buildZip(t,
		zm{name: gbk(t, "报告.html"), data: []byte("<p>报告</p>"), nonUTF8: true},
		zm{name: "readme.txt", data: []byte("R")},
	)
	mid := buildZip(t,
		zm{name: gbk(t, "青阳/inner.zip"), data: inner, nonUTF8: true},
		zm{name: gbk(t, "青阳/说明.txt"), data: []byte("说明"), nonUTF8: true},
	)
	return buildZip(t,
		zm{name: gbk(t, "年报/2019.zip"), data: mid, nonUTF8: true},
		zm{name: "top.txt", data: []byte("T")},
	)
}

// recursiveBomb builds a 42.zip-style archive: width archives per level,
// levels deep, each leaf a member of leaf zero bytes.
func recursiveBomb(t testing.TB, width, levels int, leaf int64) []byte {
	data := zerosZip(t, "0.bin", leaf)
	for range levels {
		ms := make([]zm, width)
		for i := range ms {
			ms[i] = zm{name: string(rune('a'+i)) + ".zip", data: data}
		}
		data = buildZip(t, ms...)
	}
	return data
}
