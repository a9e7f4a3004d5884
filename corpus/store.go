package corpus

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the catalog's SQLite driver (pure Go: no C toolchain needed)
)

// Store is an archive: one directory holding the raw files as blobs named
// by their sha256 and a SQLite catalog (catalog.db) derived from them.
//
//	DIR/blobs/ab/ab12…ef   the bytes of each file, by sha256
//	DIR/catalog.db          documents, sources, reports, cells, checks, failures
//	DIR/tmp/                blobs being written (emptied on Open)
//
// A blob is written (to tmp, synced, renamed) before the catalog row that
// names it is committed, so a crash at any moment leaves an archive whose
// catalog only names complete blobs; a re-run finishes the rest. (Imports
// write a batch's blobs with WriteBlob and sync them with one SyncBlobs
// before the batch's commit.)
type Store struct {
	dir     string
	db      *sql.DB
	offices officeCache // the office identities of the last generation read

	wmu    sync.Mutex // held by Commit: one writer connection
	writer *sql.Conn  // Commit's connection (writerConn), nil until the first commit

	blobDirs sync.Map // blobs/xx directories made by writeBlob in this process
}

// ErrNotFound is returned when a report, blob or document is not in the archive.
var ErrNotFound = errors.New("not found in the archive")

// DefaultDir is the archive used when none is given: $GONGKAI_HOME, else
// ./gongkai-archive.
func DefaultDir() string {
	if d := os.Getenv("GONGKAI_HOME"); d != "" {
		return d
	}
	return "gongkai-archive"
}

// Open opens the archive in dir, creating it when absent, and migrates its
// catalog to the current schema.
func Open(dir string) (*Store, error) {
	for _, d := range []string{dir, filepath.Join(dir, "blobs"), filepath.Join(dir, "tmp")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("open archive %s: %w", dir, err)
		}
	}
	// Partial blobs of an interrupted run.
	if ents, err := os.ReadDir(filepath.Join(dir, "tmp")); err == nil {
		for _, e := range ents {
			os.Remove(filepath.Join(dir, "tmp", e.Name()))
		}
	}
	if err := newCatalog(filepath.Join(dir, "catalog.db")); err != nil {
		return nil, fmt.Errorf("open catalog of %s: %w", dir, err)
	}
	// cache_size: 64 MiB of pages per connection (the default 2 MiB makes a
	// batch commit spill and re-read the cells B-tree on large catalogs).
	// soft_heap_limit bounds SQLite's memory in the whole process (every
	// connection's page cache together) to 128 MiB: the pool holds up to 16
	// connections, and an import uses several at once.
	dsn := "file:" + filepath.Join(dir, "catalog.db") + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(30000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)&_pragma=soft_heap_limit(134217728)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open catalog of %s: %w", dir, err)
	}
	// Keep connections open: database/sql keeps 2 idle by default and
	// closes the rest, and a reopened connection starts with a cold page
	// cache (an import's writer and its readers use several at once).
	db.SetMaxIdleConns(16)
	s := &Store{dir: dir, db: db}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open catalog of %s: %w", dir, err)
	}
	return s, nil
}

func (s *Store) migrate() error {
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("catalog schema version %d is newer than this gongkai knows (%d): upgrade gongkai", v, len(migrations))
	}
	for ; v < len(migrations); v++ {
		tx, err := s.db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate catalog to version %d: %w", v+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate catalog to version %d: %w", v+1, err)
		}
	}
	return nil
}

// Dir is the archive's directory.
func (s *Store) Dir() string { return s.dir }

// Close closes the catalog.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.writer != nil {
		s.writer.Close()
		s.writer = nil
	}
	return s.db.Close()
}

// writerConn returns the connection Commit writes through (caller holds
// s.wmu). Commits always use this one connection: its page cache stays
// valid from one batch to the next (a connection's cache is dropped when
// another connection has written), and the pool's other connections,
// which answer lookups such as Known, keep small caches. Measured on 2,000
// real-size files with --no-index, before, each commit could land on any
// pooled connection, and the lookups that followed on the others freed
// their large caches: 0.7 s of madvise in Known, 4 % of the import's CPU.
// Its statement journals are kept in memory (temp_store): the triggers on
// reports (generation) make every insert and update of a report row need
// one, SQLite keeps it in memory up to 64 KiB and then as a temporary file
// for the rest of the transaction, and writing that file was 11 % of the
// CPU of an import with --no-index (1.4 of 13 s on 2,000 generated
// reports, all on the single writer). A statement journal holds the pages
// one statement changes: a few.
func (s *Store) writerConn(ctx context.Context) (*sql.Conn, error) {
	if s.writer != nil {
		return s.writer, nil
	}
	c, err := s.db.Conn(context.WithoutCancel(ctx))
	if err != nil {
		return nil, err
	}
	if _, err := c.ExecContext(ctx, "PRAGMA temp_store = MEMORY"); err != nil {
		c.Close()
		return nil, err
	}
	s.writer = c
	return c, nil
}

// dropWriter forgets the writer connection after a failed commit, so that
// the next commit starts on a fresh one (caller holds s.wmu).
func (s *Store) dropWriter() {
	if s.writer != nil {
		s.writer.Close()
		s.writer = nil
	}
}

// SchemaVersion is the catalog schema version this code writes.
func SchemaVersion() int { return len(migrations) }

// Hash returns the sha256 of data in hex.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// BlobPath is where the blob with this sha256 lives.
func (s *Store) BlobPath(sha string) string {
	return filepath.Join(s.dir, "blobs", sha[:2], sha)
}

// PutBlob stores data under its sha256 (atomically: written to tmp, synced
// and renamed) unless it is already there.
func (s *Store) PutBlob(sha string, data []byte) error {
	return s.writeBlob(sha, data, true)
}

// WriteBlob stores data under its sha256 like PutBlob (atomically: written
// to tmp and renamed) but does not wait for the disk: a killed process
// cannot lose the blob, a power failure can. Call SyncBlobs before
// committing catalog rows that name blobs written this way; an import
// syncs once per batch instead of once per file.
func (s *Store) WriteBlob(sha string, data []byte) error {
	return s.writeBlob(sha, data, false)
}

func (s *Store) writeBlob(sha string, data []byte, sync bool) error {
	final := s.BlobPath(sha)
	if _, err := os.Stat(final); err == nil {
		return nil
	}
	dir := filepath.Dir(final)
	if _, made := s.blobDirs.Load(dir); !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("store blob %s: %w", sha, err)
		}
		s.blobDirs.Store(dir, true)
	}
	f, err := os.CreateTemp(filepath.Join(s.dir, "tmp"), sha[:12]+"-*")
	if err != nil {
		return fmt.Errorf("store blob %s: %w", sha, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, final)
		if errors.Is(err, fs.ErrNotExist) {
			// The directory went away since this process made it.
			if err = os.MkdirAll(dir, 0o755); err == nil {
				err = os.Rename(tmp, final)
			}
		}
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store blob %s: %w", sha, err)
	}
	return nil
}

// Blob reads a blob.
func (s *Store) Blob(sha string) ([]byte, error) {
	if len(sha) < 2 {
		return nil, fmt.Errorf("blob %q: %w", sha, ErrNotFound)
	}
	b, err := os.ReadFile(s.BlobPath(sha))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("blob %s: %w", sha, ErrNotFound)
	}
	return b, err
}

// Known says what the catalog holds for a document: "report", "failure" or
// "" (new, or a blob without a catalog row from an interrupted run).
func (s *Store) Known(ctx context.Context, sha string) (string, error) {
	var state string
	err := s.db.QueryRowContext(ctx, `SELECT CASE WHEN EXISTS (SELECT 1 FROM reports WHERE sha256 = ?1) THEN 'report'
		WHEN EXISTS (SELECT 1 FROM failures WHERE sha256 = ?1) THEN 'failure' ELSE '' END`, sha).Scan(&state)
	if err != nil {
		return "", fmt.Errorf("look up %s: %w", sha, err)
	}
	return state, nil
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

// splitKey splits a value key into table, row and column
// (apply.granted.total → apply, granted, total; review.total → review, "", total;
// active.a20_1.normative.valid → active, a20_1.normative, valid).
func splitKey(key string) (tbl, row, col string) {
	first := strings.IndexByte(key, '.')
	last := strings.LastIndexByte(key, '.')
	if first < 0 {
		return key, "", ""
	}
	if first == last {
		return key[:first], "", key[first+1:]
	}
	return key[:first], key[first+1 : last], key[last+1:]
}

func newHash() hash.Hash { return sha256.New() }

// catalogPageSize is the page size of a new catalog: 16 KiB, not SQLite's
// default 4 KiB. A report's row holds its JSON record (about 30 KB on
// real-size reports), which at 4 KiB spans a chain of overflow pages, and
// every page a commit writes costs a write(2) to the WAL and another when
// the checkpoint copies it back: measured on 2,000 real-size reports with
// --no-index, the transaction commits took 0.84–0.94 s of CPU at 4 KiB and
// 0.47–0.49 s at 16 KiB, and Store.Commit as a whole 3.3–3.4 s against
// 2.8–3.0 s. The catalog grew 6 % (109 → 115 MB). The page size is fixed
// when a database is created: catalogs made before keep 4 KiB pages and
// work as before.
const catalogPageSize = 16384

// newCatalog creates an empty catalog at path, when there is none, with
// catalogPageSize pages in WAL mode (the driver runs the DSN's pragmas in
// its own order, journal_mode before page_size, and once in WAL mode the
// page size can no longer change: hence this separate first step).
func newCatalog(path string) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{fmt.Sprintf("PRAGMA page_size = %d", catalogPageSize), "PRAGMA journal_mode = WAL"} {
		if _, err := db.Exec(q); err != nil {
			return fmt.Errorf("create %s: %s: %w", path, q, err)
		}
	}
	return db.Close()
}
