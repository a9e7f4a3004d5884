package walk

import (
	"context"
	"fmt"
	"io/fs"
	"os"
)

// Item is one file to import: a file on disk or a member of a (nested) zip.
type Item struct {
	// Path is the path given or found on disk (the outermost container for
	// zip members).
	Path string
	// Member is "" for a plain file; else the member path inside the zip,
	// nested zips joined with "!/" ("年报/2019.zip!/青阳/report.html"),
	// always valid UTF-8 with "/" separators.
	Member string
	// Size is the uncompressed size as declared (zip) or stat'd (file).
	Size int64
	// Read returns the content, at most Options.MaxFileSize bytes (a larger
	// file is an error wrapping ErrTooLarge). It is never nil (for an Item
	// with Err it returns Err), may be called after Walk has returned, and
	// is safe for concurrent use.
	Read func() ([]byte, error)
	// Err is set for an entry that could not be walked (unreadable file,
	// corrupt zip, zip bomb, path traversal, too deep); the importer records
	// it as a failure with Reason(Err) and goes on.
	Err error
}

// Name returns the Item's display name: Path, or Path + "!/" + Member.
func (it Item) Name() string {
	if it.Member == "" {
		return it.Path
	}
	return it.Path + "!/" + it.Member
}

// Options bounds a walk. A zero or negative field takes its default.
type Options struct {
	MaxFileSize   int64   // bytes per file or member; default 256 MiB
	MaxZipDepth   int     // archive nesting, an archive on disk being depth 1; default 4
	MaxZipTotal   int64   // declared uncompressed bytes per outermost archive, nested included; default 4 GiB
	MaxZipRatio   float64 // declared compression ratio per member over 1 MiB above which it is a bomb; default 200
	MaxZipMembers int     // members per outermost archive, nested included; default 100000
}

// Defaults of Options.
const (
	DefaultMaxFileSize   = 256 << 20
	DefaultMaxZipDepth   = 4
	DefaultMaxZipTotal   = 4 << 30
	DefaultMaxZipRatio   = 200
	DefaultMaxZipMembers = 100000

	// ratioFloor is the declared size under which the ratio is not checked.
	ratioFloor = 1 << 20
)

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxZipDepth <= 0 {
		o.MaxZipDepth = DefaultMaxZipDepth
	}
	if o.MaxZipTotal <= 0 {
		o.MaxZipTotal = DefaultMaxZipTotal
	}
	if o.MaxZipRatio <= 0 {
		o.MaxZipRatio = DefaultMaxZipRatio
	}
	if o.MaxZipMembers <= 0 {
		o.MaxZipMembers = DefaultMaxZipMembers
	}
	return o
}

// Walk calls fn for every Item found under paths, in a deterministic order
// (see the package documentation). It stops and returns the error when fn
// returns one or when ctx is done (ctx.Err()); entries that cannot be
// walked are reported to fn as Items with Err, never as Walk's error.
func Walk(ctx context.Context, paths []string, opt Options, fn func(Item) error) error {
	w := &walker{ctx: ctx, opt: opt.withDefaults(), fn: fn}
	t := tree{ctx: ctx, v: w}
	for _, p := range paths {
		if err := t.root(p); err != nil {
			return err
		}
	}
	return nil
}

// visitor receives what a tree walk finds.
type visitor interface {
	// file is called for a regular file (or a link to one).
	file(path string, info fs.FileInfo) error
	// fail is called for an entry that cannot be walked.
	fail(path string, err error) error
}

// tree walks directories in sorted order without following links to
// directories below the roots.
type tree struct {
	ctx context.Context
	v   visitor
}

func (t tree) root(p string) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	info, err := os.Stat(p) // a path given explicitly is resolved
	if err != nil {
		return t.v.fail(p, unreadable(err))
	}
	if info.IsDir() {
		return t.dir(p)
	}
	return t.entry(p, info)
}

func (t tree) dir(p string) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	ents, err := os.ReadDir(p) // sorted; on error, the entries read so far
	if err != nil {
		if ferr := t.v.fail(p, unreadable(err)); ferr != nil {
			return ferr
		}
	}
	for _, e := range ents {
		if isJunk(e.Name()) {
			continue
		}
		if err := t.child(joinPath(p, e.Name()), e); err != nil {
			return err
		}
	}
	return nil
}

func (t tree) child(p string, e fs.DirEntry) error {
	switch {
	case e.IsDir():
		return t.dir(p)
	case e.Type()&fs.ModeSymlink != 0:
		info, err := os.Stat(p)
		if err != nil {
			return t.v.fail(p, unreadable(err))
		}
		if info.IsDir() {
			return nil // links to directories are not followed: no loops
		}
		return t.entry(p, info)
	default:
		info, err := e.Info()
		if err != nil {
			return t.v.fail(p, unreadable(err))
		}
		return t.entry(p, info)
	}
}

func (t tree) entry(p string, info fs.FileInfo) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return t.v.fail(p, fmt.Errorf("%s (%s): %w", p, info.Mode().Type(), ErrNotRegular))
	}
	return t.v.file(p, info)
}

// joinPath joins without filepath.Join's Clean, which is measurable on
// large trees and would rewrite the caller's spelling of the root.
func joinPath(dir, name string) string {
	if dir != "" && os.IsPathSeparator(dir[len(dir)-1]) {
		return dir + name
	}
	return dir + string(os.PathSeparator) + name
}

// unreadable wraps a file system error (which names the path) with
// ErrUnreadable, keeping both testable with errors.Is.
func unreadable(err error) error {
	return fmt.Errorf("%w: %w", ErrUnreadable, err)
}
