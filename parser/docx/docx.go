package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"gongkai/internal/debuglog"
	"gongkai/parser/layout"
)

// Limits on hostile input. A typical annual report's document.xml is well
// under 1 MiB; these caps only stop zip bombs and runaway nesting.
const (
	// MaxPartSize caps the uncompressed size of the main document part.
	MaxPartSize = 64 << 20
	// MaxTotalSize caps the uncompressed bytes read from all parts together.
	MaxTotalSize = 96 << 20
	// MaxEntries caps the number of entries in the zip archive.
	MaxEntries = 10000
	// MaxDepth caps the XML element nesting depth.
	MaxDepth = 256
	// maxSmallPart caps the styles and core-properties parts.
	maxSmallPart = 16 << 20
	// maxSpan caps a cell's gridSpan (Word allows at most 63 columns).
	maxSpan = 64
)

// Sentinel errors callers can test with errors.Is.
var (
	// ErrNotDOCX reports data that is not a zip archive holding a word
	// processing document (for example a legacy .doc or an encrypted .docx,
	// both OLE compound files).
	ErrNotDOCX = errors.New("not a docx document")
	// ErrTooLarge reports an archive over one of the size or count limits.
	ErrTooLarge = errors.New("docx exceeds size limit")
	// ErrMalformed reports a part that is not well-formed XML or nests too deep.
	ErrMalformed = errors.New("malformed docx")
)

var oleSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Extract reads a .docx file's bytes and returns its blocks in reading
// order. Format is "docx" and Encoding "utf-8". The error wraps ErrNotDOCX,
// ErrTooLarge or ErrMalformed for the cases a caller may want to tell
// apart. Extract never panics.
func Extract(data []byte) (*layout.Document, error) {
	return extract(data, defaultLimits)
}

// limits are the caps extract enforces; tests lower them.
type limits struct {
	part, small, total int64 // uncompressed bytes: main part, other parts, all parts
	entries            int
}

var defaultLimits = limits{part: MaxPartSize, small: maxSmallPart, total: MaxTotalSize, entries: MaxEntries}

func extract(data []byte, lim limits) (doc *layout.Document, err error) {
	defer func() {
		if r := recover(); r != nil { // the zip and XML decoders on hostile bytes
			doc, err = nil, debuglog.Recovered("docx", "", r)
		}
	}()
	if bytes.HasPrefix(data, oleSignature) {
		return nil, fmt.Errorf("%w: OLE compound file (a Word 97-2003 .doc, or a password-protected .docx)", ErrNotDOCX)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotDOCX, err)
	}
	if len(zr.File) > lim.entries {
		return nil, fmt.Errorf("%w: %d zip entries (limit %d)", ErrTooLarge, len(zr.File), lim.entries)
	}
	a := &archive{files: map[string]*zip.File{}, budget: lim.total, lim: lim}
	for _, f := range zr.File {
		a.files[cleanName(f.Name)] = f
	}
	return a.extract()
}

// archive is an opened .docx with a byte budget shared by all parts read.
type archive struct {
	files  map[string]*zip.File
	budget int64
	lim    limits
}

func (a *archive) extract() (*layout.Document, error) {
	main := a.mainPart()
	if _, ok := a.files[main]; !ok {
		return nil, fmt.Errorf("%w: no main document part %q", ErrNotDOCX, main)
	}
	body, err := a.read(main, a.lim.part)
	if err != nil {
		return nil, err
	}
	styles := map[string]int{}
	if sp := path.Join(path.Dir(main), "styles.xml"); a.files[sp] != nil {
		raw, err := a.read(sp, a.lim.small)
		if err != nil {
			return nil, err
		}
		if styles, err = parseStyles(raw); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrMalformed, sp, err)
		}
	}
	blocks, err := parseBody(body, styles)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrMalformed, main, err)
	}
	doc := &layout.Document{Format: "docx", Encoding: "utf-8", Meta: map[string]string{}, Blocks: blocks}
	doc.Title = a.title(doc)
	if err := a.ocrImages(context.Background(), doc, main, body); err != nil {
		return nil, err
	}
	return doc, nil
}

// read returns the uncompressed bytes of the named part, failing with
// ErrTooLarge when it exceeds limit or the archive's remaining budget.
func (a *archive) read(name string, limit int64) ([]byte, error) {
	f := a.files[name]
	if f == nil {
		return nil, fmt.Errorf("%w: missing part %q", ErrNotDOCX, name)
	}
	limit = min(limit, a.budget)
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: open %s: %w", ErrNotDOCX, name, err)
	}
	defer rc.Close()
	raw, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: read %s: %w", ErrNotDOCX, name, err)
	}
	if int64(len(raw)) > limit {
		return nil, fmt.Errorf("%w: part %s is over %d bytes uncompressed", ErrTooLarge, name, limit)
	}
	a.budget -= int64(len(raw))
	return raw, nil
}

// cleanName normalises a zip entry name or a relationship target to the
// form used as key: forward slashes, no leading slash, no "." or ".."
// segments. Names are only ever looked up, never written to disk.
func cleanName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	return strings.TrimPrefix(path.Clean("/"+name), "/")
}
