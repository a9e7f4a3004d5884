package walk

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"

	"gongkai/internal/debuglog"
)

// errStopArchive ends the walk of an outermost archive whose budget is
// spent; it never leaves the package.
var errStopArchive = errors.New("archive budget spent")

// budget is shared by all nesting levels of one outermost archive.
type budget struct {
	members int
	total   int64
}

// source is what an archive's members are read from: a file on disk
// (reference-counted) or bytes in memory (nothing to hold).
type source interface {
	acquire() error
	release()
}

type memSource struct{}

func (memSource) acquire() error { return nil }
func (memSource) release()       {}

// archive is one level of a (nested) zip being walked.
type archive struct {
	path   string // the outermost file on disk
	prefix string // member path of this archive plus "!/"; "" at depth 1
	depth  int    // 1 for an archive on disk
	src    source
	budget *budget
}

// archive walks the members of zr.
func (w *walker) archive(zr *zip.Reader, a *archive) error {
	for _, m := range members(zr) {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if err := w.member(m, a); err != nil {
			return err
		}
	}
	return nil
}

// member emits one member, or walks it when it is an archive.
func (w *walker) member(m memberEntry, a *archive) error {
	name := a.prefix + m.name
	it := Item{Path: a.path, Member: name, Size: int64(m.f.UncompressedSize64)}
	if it.Size < 0 { // declared beyond int64: a lie
		it.Size = -1
	}
	if err := w.charge(a, name, m.f.UncompressedSize64); err != nil {
		return err
	}
	if m.err != nil {
		it.Err = fmt.Errorf("%s: %w", a.path, m.err)
		return w.emit(it)
	}
	if it.Err = w.refuse(a, name, m.f); it.Err != nil {
		return w.emit(it)
	}
	isZip, err := sniffMember(a.src, m.f)
	if err != nil {
		it.Err = fmt.Errorf("%s: member %s: %w", a.path, name, err)
		return w.emit(it)
	}
	if isZip {
		return w.nested(m.f, a, name)
	}
	it.Read = w.memberRead(a, name, m.f)
	return w.emit(it)
}

// charge counts a member against the archive's budgets; when one is spent
// it emits the refusal and returns errStopArchive.
func (w *walker) charge(a *archive, name string, size uint64) error {
	b := a.budget
	b.members++
	var why string
	switch {
	case b.members > w.opt.MaxZipMembers:
		why = fmt.Sprintf("more than %d members", w.opt.MaxZipMembers)
	case size > uint64(w.opt.MaxZipTotal-b.total):
		why = fmt.Sprintf("declared uncompressed total over %d bytes", w.opt.MaxZipTotal)
		b.total = w.opt.MaxZipTotal
	default:
		b.total += int64(size)
		return nil
	}
	err := fmt.Errorf("%s: member %s: %s: %w", a.path, name, why, ErrZipBomb)
	if e := w.emit(Item{Path: a.path, Member: name, Size: int64(size), Err: err}); e != nil {
		return e
	}
	return errStopArchive
}

// refuse checks a member's header before anything is decompressed. A bomb
// ratio is reported before size, being the more telling reason.
func (w *walker) refuse(a *archive, name string, f *zip.File) error {
	u, c := f.UncompressedSize64, f.CompressedSize64
	where := fmt.Sprintf("%s: member %s", a.path, name)
	switch {
	case f.Flags&flagEncrypted != 0:
		return fmt.Errorf("%s: %w", where, ErrEncrypted)
	case f.Method != zip.Store && f.Method != zip.Deflate:
		return fmt.Errorf("%s: method %d: %w", where, f.Method, ErrUnsupported)
	case u > ratioFloor && (c == 0 || float64(u)/float64(c) > w.opt.MaxZipRatio):
		return fmt.Errorf("%s: %d bytes from %d compressed, ratio limit %g: %w",
			where, u, c, w.opt.MaxZipRatio, ErrZipBomb)
	case u > uint64(w.opt.MaxFileSize):
		return fmt.Errorf("%s: %d bytes, limit %d: %w", where, u, w.opt.MaxFileSize, ErrTooLarge)
	}
	return nil
}

// nested reads a member that starts with a zip signature and walks it, or
// emits it as a document or a refusal.
func (w *walker) nested(f *zip.File, a *archive, name string) error {
	it := Item{Path: a.path, Member: name, Size: int64(f.UncompressedSize64)}
	data, err := readMember(a.src, f, w.opt.MaxFileSize)
	if err != nil {
		it.Err = fmt.Errorf("%s: member %s: %w", a.path, name, err)
		return w.emit(it)
	}
	zr, err := openZip(bytes.NewReader(data), int64(len(data)))
	switch {
	case err != nil:
		it.Err = fmt.Errorf("%s: member %s: %w", a.path, name, err)
		return w.emit(it)
	case isDocument(zr):
		it.Read = w.memberRead(a, name, f)
		return w.emit(it)
	case a.depth+1 > w.opt.MaxZipDepth:
		it.Err = fmt.Errorf("%s: member %s: depth %d, limit %d: %w",
			a.path, name, a.depth+1, w.opt.MaxZipDepth, ErrTooDeep)
		return w.emit(it)
	}
	sub := &archive{path: a.path, prefix: name + "!/", depth: a.depth + 1, src: memSource{}, budget: a.budget}
	return w.archive(zr, sub)
}

// memberRead returns the Read func of a member.
func (w *walker) memberRead(a *archive, name string, f *zip.File) func() ([]byte, error) {
	src, path, max := a.src, a.path, w.opt.MaxFileSize
	return func() ([]byte, error) {
		b, err := readMember(src, f, max)
		if err != nil {
			return nil, fmt.Errorf("%s: member %s: %w", path, name, err)
		}
		return b, nil
	}
}

// sniffMember reports whether a member's content starts with a zip
// signature, decompressing only its first bytes.
func sniffMember(src source, f *zip.File) (isZip bool, err error) {
	if f.UncompressedSize64 < minZip {
		return false, nil
	}
	if err := src.acquire(); err != nil {
		return false, err
	}
	defer src.release()
	defer recoverCorrupt(&err)
	rc, err := f.Open()
	if err != nil {
		return false, zipErr(err)
	}
	defer rc.Close()
	var sig [4]byte
	if _, err := io.ReadFull(rc, sig[:]); err != nil {
		return false, zipErr(err)
	}
	return isZipSig(sig[:]), nil
}

// readMember decompresses a member, at most max bytes.
func readMember(src source, f *zip.File, max int64) (b []byte, err error) {
	if err := src.acquire(); err != nil {
		return nil, err
	}
	defer src.release()
	defer recoverCorrupt(&err)
	if f.Flags&flagEncrypted != 0 {
		return nil, ErrEncrypted
	}
	rc, err := f.Open()
	if err != nil {
		return nil, zipErr(err)
	}
	defer rc.Close()
	b, over, err := readLimited(rc, int64(min(f.UncompressedSize64, uint64(max))), max)
	switch {
	case errors.Is(err, zip.ErrFormat):
		// archive/zip stops a member that expands beyond its declared size
		return nil, fmt.Errorf("expands beyond its declared %d bytes: %w", f.UncompressedSize64, ErrZipBomb)
	case err != nil:
		return nil, zipErr(err)
	case over:
		return nil, fmt.Errorf("more than %d bytes: %w", max, ErrTooLarge)
	}
	return b, nil
}

// zipErr classifies an error from opening or decompressing a member.
func zipErr(err error) error {
	switch {
	case errors.Is(err, zip.ErrAlgorithm):
		return fmt.Errorf("%w: %w", ErrUnsupported, err)
	case errors.Is(err, ErrUnreadable):
		return err
	}
	return fmt.Errorf("%w: %w", ErrCorruptZip, err)
}

// recoverCorrupt turns a panic while decoding hostile bytes into an error.
func recoverCorrupt(err *error) {
	if v := recover(); v != nil {
		*err = fmt.Errorf("%w: %w", ErrCorruptZip, debuglog.Recovered("decompress zip member", "", v))
	}
}
