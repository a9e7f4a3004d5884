package walk

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"

	"gongkai/internal/debuglog"
)

// walker turns what the tree finds into Items.
type walker struct {
	ctx context.Context
	opt Options
	fn  func(Item) error
}

// emit hands an Item to fn unless ctx is done.
func (w *walker) emit(it Item) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if it.Err != nil {
		it.Read = failed(it.Err)
	}
	return w.fn(it)
}

func (w *walker) fail(p string, err error) error {
	return w.emit(Item{Path: p, Err: err})
}

// file emits a plain file or document, or walks an archive.
func (w *walker) file(p string, info fs.FileInfo) error {
	size := info.Size()
	f, isZip, err := openSniff(p, size)
	if err != nil {
		return w.fail(p, err)
	}
	if !isZip {
		return w.plain(p, size)
	}
	src := &sharedFile{path: p, f: f, refs: 1}
	defer src.release()
	zr, err := openZip(src, size)
	if err != nil {
		return w.fail(p, fmt.Errorf("%s: %w", p, err))
	}
	if isDocument(zr) {
		return w.plain(p, size)
	}
	a := &archive{path: p, depth: 1, src: src, budget: &budget{}}
	if err := w.archive(zr, a); err != nil && !errors.Is(err, errStopArchive) {
		return err
	}
	return nil
}

// plain emits a file read from disk on demand.
func (w *walker) plain(p string, size int64) error {
	it := Item{Path: p, Size: size}
	if size > w.opt.MaxFileSize {
		it.Err = fmt.Errorf("%s: %d bytes, limit %d: %w", p, size, w.opt.MaxFileSize, ErrTooLarge)
	}
	max := w.opt.MaxFileSize
	it.Read = func() ([]byte, error) { return readFile(p, max) }
	return w.emit(it)
}

// openSniff opens p and reports whether its content starts with a zip
// signature; the file is returned open only when it does.
func openSniff(p string, size int64) (*os.File, bool, error) {
	if size < minZip {
		return nil, false, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, false, unreadable(err)
	}
	var sig [4]byte
	if _, err := f.ReadAt(sig[:], 0); err != nil {
		f.Close()
		return nil, false, unreadable(fmt.Errorf("read %s: %w", p, err))
	}
	if !isZipSig(sig[:]) {
		f.Close()
		return nil, false, nil
	}
	return f, true, nil
}

// maxPrealloc bounds the buffer allocated from a declared size.
const maxPrealloc = 16 << 20

// minZip is the size of the smallest zip, an empty one (its end record).
const minZip = 22

func isZipSig(b []byte) bool {
	return len(b) >= 4 && b[0] == 'P' && b[1] == 'K' &&
		((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6))
}

// readFile reads a file of at most max bytes.
func readFile(p string, max int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, unreadable(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, unreadable(err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", p, ErrNotRegular)
	}
	b, over, err := readLimited(f, info.Size(), max)
	if err != nil {
		return nil, unreadable(fmt.Errorf("read %s: %w", p, err))
	}
	if over {
		return nil, fmt.Errorf("%s: more than %d bytes: %w", p, max, ErrTooLarge)
	}
	return b, nil
}

// readLimited reads r to its end, at most max bytes; over reports that r
// held more. hint sizes the buffer (bounded by max).
func readLimited(r io.Reader, hint, max int64) (b []byte, over bool, err error) {
	if hint < 0 || hint > max {
		hint = max
	}
	// A declared size is a hint, not a promise: preallocate at most
	// maxPrealloc and let the buffer grow with what actually arrives.
	buf := bytes.NewBuffer(make([]byte, 0, min(hint, maxPrealloc)+bytes.MinRead))
	n, err := buf.ReadFrom(io.LimitReader(r, max+1))
	if err != nil {
		return nil, false, err
	}
	if n > max {
		return nil, true, nil
	}
	return buf.Bytes(), false, nil
}

// failed returns a Read func that returns err.
func failed(err error) func() ([]byte, error) {
	return func() ([]byte, error) { return nil, err }
}

// sharedFile is an io.ReaderAt over a file that is open while at least one
// reference is held, so Items can be read after their archive was walked.
// A caller of ReadAt must hold a reference.
type sharedFile struct {
	path string
	mu   sync.Mutex
	f    *os.File
	refs int
}

func (s *sharedFile) acquire() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refs == 0 {
		f, err := os.Open(s.path)
		if err != nil {
			return unreadable(err)
		}
		s.f = f
	}
	s.refs++
	return nil
}

func (s *sharedFile) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refs--
	if s.refs == 0 {
		s.f.Close()
		s.f = nil
	}
}

// ReadAt implements io.ReaderAt.
func (s *sharedFile) ReadAt(p []byte, off int64) (int, error) {
	s.mu.Lock()
	f := s.f
	s.mu.Unlock()
	if f == nil {
		return 0, fmt.Errorf("%s: %w", s.path, os.ErrClosed)
	}
	return f.ReadAt(p, off)
}

// openZip reads an archive's central directory, recovering from panics.
func openZip(r io.ReaderAt, size int64) (zr *zip.Reader, err error) {
	defer func() {
		if v := recover(); v != nil {
			zr, err = nil, fmt.Errorf("%w: %w", ErrCorruptZip, debuglog.Recovered("read zip central directory", "", v))
		}
	}()
	zr, err = zip.NewReader(r, size)
	if errors.Is(err, zip.ErrInsecurePath) {
		err = nil // names are checked member by member
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorruptZip, err)
	}
	return zr, nil
}

// documentMarkers are members that make a zip a document, not an archive.
var documentMarkers = map[string]bool{
	"[Content_Types].xml":  true, // OOXML, XPS
	"word/document.xml":    true,
	"xl/workbook.xml":      true,
	"ppt/presentation.xml": true,
	"mimetype":             true, // OpenDocument, EPUB
	"OFD.xml":              true, // GB/T 33190 OFD
}

func isDocument(zr *zip.Reader) bool {
	for _, f := range zr.File {
		if documentMarkers[f.Name] {
			return true
		}
	}
	return false
}
