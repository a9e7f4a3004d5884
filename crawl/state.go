package crawl

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"

	_ "modernc.org/sqlite" // the same pure-Go driver as the catalog
)

// StateFile is the crawl state's file name inside the archive directory.
const StateFile = "crawl.db"

// stateMigrations are the crawl state's schema, one step per version
// (PRAGMA user_version counts them). Append, never edit.
var stateMigrations = []string{`
CREATE TABLE urls (                    -- every URL fetched, and what came back last
	url           TEXT PRIMARY KEY,
	kind          TEXT NOT NULL,         -- listing | page | attachment
	seed          TEXT NOT NULL,         -- the start URL it was reached from
	referrer      TEXT NOT NULL DEFAULT '',
	listing_title TEXT NOT NULL DEFAULT '',
	listing_date  TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	sha256        TEXT NOT NULL DEFAULT '',  -- of the last body received
	size          INTEGER NOT NULL DEFAULT 0,
	status        INTEGER NOT NULL DEFAULT 0, -- last HTTP status (0: no response)
	fetched_at    TEXT NOT NULL DEFAULT '',  -- last 200, RFC 3339
	checked_at    TEXT NOT NULL DEFAULT '',  -- last request of any outcome
	error         TEXT NOT NULL DEFAULT '',  -- last failure ('' after a success)
	reason        TEXT NOT NULL DEFAULT '',
	body          BLOB                   -- HTML pages only: read again for links on a 304
);
CREATE INDEX urls_seed ON urls(seed);

CREATE TABLE seeds (                   -- start URLs with their hints (sources.path joins urls.url, urls.seed joins seeds.url)
	url        TEXT PRIMARY KEY,
	office     TEXT NOT NULL DEFAULT '',
	region     TEXT NOT NULL DEFAULT '',
	last_crawl TEXT NOT NULL DEFAULT ''
);
`}

// State is the crawl state: what each URL returned last. It is safe for
// concurrent use.
type State struct {
	db *sql.DB
}

// Record is the state of one URL.
type Record struct {
	URL, Kind, Seed                     string
	Referrer, ListingTitle, ListingDate string
	ETag, LastModified                  string
	SHA256                              string
	Size                                int64
	Status                              int
	FetchedAt, CheckedAt                string
	Error, Reason                       string
	Body                                []byte // HTML pages only
}

// OpenState opens (creating it when absent) the crawl state in the archive
// directory dir: dir/crawl.db.
func OpenState(dir string) (*State, error) {
	path := filepath.Join(dir, StateFile)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(30000)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, fmt.Errorf("open crawl state %s: %w", path, err)
	}
	if err := migrateState(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open crawl state %s: %w", path, err)
	}
	return &State{db: db}, nil
}

func migrateState(db *sql.DB) error {
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > len(stateMigrations) {
		return fmt.Errorf("crawl state schema version %d is newer than this gongkai knows (%d)", v, len(stateMigrations))
	}
	for ; v < len(stateMigrations); v++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(stateMigrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate crawl state to version %d: %w", v+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate crawl state to version %d: %w", v+1, err)
		}
	}
	return nil
}

// Close closes the state file.
func (s *State) Close() error { return s.db.Close() }

// DB gives read access to the state (reports, tests).
func (s *State) DB() *sql.DB { return s.db }

// Get returns the record of a URL; ok is false when the URL was never
// fetched.
func (s *State) Get(ctx context.Context, url string) (rec Record, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT url, kind, seed, referrer, listing_title, listing_date, etag, last_modified, sha256, size,
		status, fetched_at, checked_at, error, reason, body FROM urls WHERE url = ?`, url).Scan(
		&rec.URL, &rec.Kind, &rec.Seed, &rec.Referrer, &rec.ListingTitle, &rec.ListingDate, &rec.ETag, &rec.LastModified, &rec.SHA256,
		&rec.Size, &rec.Status, &rec.FetchedAt, &rec.CheckedAt, &rec.Error, &rec.Reason, &rec.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, false, nil
	}
	if err != nil {
		return Record{}, false, fmt.Errorf("crawl state of %s: %w", url, err)
	}
	return rec, true, nil
}

// Put writes the record of a URL, replacing the earlier one.
func (s *State) Put(ctx context.Context, r Record) error {
	_, err := s.db.ExecContext(ctx, `INSERT OR REPLACE INTO urls (url, kind, seed, referrer, listing_title, listing_date, etag, last_modified,
		sha256, size, status, fetched_at, checked_at, error, reason, body) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		r.URL, r.Kind, r.Seed, r.Referrer, r.ListingTitle, r.ListingDate, r.ETag, r.LastModified, r.SHA256, r.Size, r.Status,
		r.FetchedAt, r.CheckedAt, r.Error, r.Reason, r.Body)
	if err != nil {
		return fmt.Errorf("save crawl state of %s: %w", r.URL, err)
	}
	return nil
}

// PutSeed records a start URL with its hints and the time of this crawl.
func (s *State) PutSeed(ctx context.Context, seed Seed, at string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO seeds (url, office, region, last_crawl) VALUES (?,?,?,?)
		ON CONFLICT (url) DO UPDATE SET office = excluded.office, region = excluded.region, last_crawl = excluded.last_crawl`,
		seed.URL, seed.Office, seed.Region, at)
	if err != nil {
		return fmt.Errorf("save seed %s: %w", seed.URL, err)
	}
	return nil
}
