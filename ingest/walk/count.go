package walk

import (
	"archive/zip"
	"context"
	"io"
	"io/fs"
)

// Count returns how many Items Walk will produce for the same paths and
// options, for a progress bar. It is cheap: it reads directory listings and
// the central directories of archives on disk, decompressing nothing. Each
// member of an archive counts 1, except a member stored uncompressed (zip
// method 0) that is itself an archive: that one is opened in place and
// its members are counted instead, recursively. A deflated nested archive
// counts 1, so Walk may produce more Items than counted; an archive whose
// MaxZipTotal budget runs out produces fewer. Count's error is ctx.Err().
func Count(ctx context.Context, paths []string, opt Options) (int, error) {
	c := &counter{opt: opt.withDefaults()}
	t := tree{ctx: ctx, v: c}
	for _, p := range paths {
		if err := t.root(p); err != nil {
			return c.n, err
		}
	}
	return c.n, nil
}

type counter struct {
	opt Options
	n   int
}

func (c *counter) fail(string, error) error {
	c.n++
	return nil
}

func (c *counter) file(p string, info fs.FileInfo) error {
	f, isZip, err := openSniff(p, info.Size())
	if err != nil || !isZip {
		c.n++
		return nil
	}
	defer f.Close()
	zr, err := openZip(f, info.Size())
	if err != nil || isDocument(zr) {
		c.n++
		return nil
	}
	left := c.opt.MaxZipMembers + 1 // Walk emits one refusal past the limit
	c.n += c.archive(zr, f, 1, &left)
	return nil
}

// archive counts the Items of an archive read from ra, decrementing left
// and stopping when it is spent.
func (c *counter) archive(zr *zip.Reader, ra io.ReaderAt, depth int, left *int) int {
	n := 0
	for _, m := range members(zr) {
		if *left <= 0 {
			break
		}
		*left--
		if sub, sec := storedArchive(m, ra, depth, c.opt); sub != nil {
			n += c.archive(sub, sec, depth+1, left)
			continue
		}
		n++
	}
	return n
}

// storedArchive opens a member in place when it is stored uncompressed,
// starts with a zip signature, is not a document and may be descended.
func storedArchive(m memberEntry, ra io.ReaderAt, depth int, opt Options) (*zip.Reader, *io.SectionReader) {
	f := m.f
	if m.err != nil || f.Method != zip.Store || f.Flags&flagEncrypted != 0 ||
		f.UncompressedSize64 < minZip || f.UncompressedSize64 != f.CompressedSize64 ||
		f.UncompressedSize64 > uint64(opt.MaxFileSize) || depth+1 > opt.MaxZipDepth {
		return nil, nil
	}
	sec := sectionOf(f, ra)
	if sec == nil {
		return nil, nil
	}
	var sig [4]byte
	if _, err := sec.ReadAt(sig[:], 0); err != nil || !isZipSig(sig[:]) {
		return nil, nil
	}
	zr, err := openZip(sec, sec.Size())
	if err != nil || isDocument(zr) {
		return nil, nil
	}
	return zr, sec
}

// sectionOf returns the raw bytes of a member as a section of ra, or nil
// when its local header cannot be read.
func sectionOf(f *zip.File, ra io.ReaderAt) *io.SectionReader {
	off, err := f.DataOffset()
	if err != nil {
		return nil
	}
	return io.NewSectionReader(ra, off, int64(f.CompressedSize64))
}
