package crawl

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

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
`, `
-- urls.reason 'blocked': an anti-bot challenge the browser did not pass (error says why).
ALTER TABLE seeds ADD COLUMN discover INTEGER NOT NULL DEFAULT 0;  -- the URL is a site, its column found by discovery

CREATE TABLE columns (                 -- the annual-report column discovery chose for a site
	site       TEXT PRIMARY KEY,         -- the start URL (seeds.url)
	column_url TEXT NOT NULL,
	via        TEXT NOT NULL DEFAULT '', -- the link texts followed, ' › ' between
	reports    INTEGER NOT NULL DEFAULT 0, -- report links seen on it when chosen
	render     INTEGER NOT NULL DEFAULT 0, -- its list is built by script
	found_at   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE endpoints (               -- the JSON endpoint a script-built listing loads its entries from
	listing      TEXT PRIMARY KEY,       -- the listing page URL
	method       TEXT NOT NULL,
	url          TEXT NOT NULL,
	body         TEXT NOT NULL DEFAULT '',
	content_type TEXT NOT NULL DEFAULT '',
	param        TEXT NOT NULL,          -- the page parameter
	param_in     TEXT NOT NULL,          -- query | form | json
	page         INTEGER NOT NULL,       -- its first value
	found_at     TEXT NOT NULL DEFAULT ''
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
	_, err := s.db.ExecContext(ctx, `INSERT INTO seeds (url, office, region, last_crawl, discover) VALUES (?,?,?,?,?)
		ON CONFLICT (url) DO UPDATE SET office = excluded.office, region = excluded.region, last_crawl = excluded.last_crawl,
		discover = excluded.discover`,
		seed.URL, seed.Office, seed.Region, at, seed.Discover)
	if err != nil {
		return fmt.Errorf("save seed %s: %w", seed.URL, err)
	}
	return nil
}

// PutColumn records the column chosen for a site.
func (s *State) PutColumn(ctx context.Context, c Column, at string) error {
	_, err := s.db.ExecContext(ctx, `INSERT OR REPLACE INTO columns (site, column_url, via, reports, render, found_at) VALUES (?,?,?,?,?,?)`,
		c.Site, c.URL, strings.Join(c.Via, viaSep), c.Reports, c.Render, at)
	if err != nil {
		return fmt.Errorf("save the column of %s: %w", c.Site, err)
	}
	return nil
}

// viaSep joins the link texts of a column's path.
const viaSep = " › "

// Column returns the column stored for a site; ok is false when none is.
func (s *State) Column(ctx context.Context, site string) (c Column, ok bool, err error) {
	var via, at string
	err = s.db.QueryRowContext(ctx, `SELECT column_url, via, reports, render, found_at FROM columns WHERE site = ?`, site).Scan(
		&c.URL, &via, &c.Reports, &c.Render, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Column{}, false, nil
	}
	if err != nil {
		return Column{}, false, fmt.Errorf("crawl state: column of %s: %w", site, err)
	}
	c.Site, c.Stored = site, true
	if via != "" {
		c.Via = strings.Split(via, viaSep)
	}
	return c, true, nil
}

// putEndpoint records the JSON endpoint of a listing.
func (s *State) putEndpoint(ctx context.Context, listing string, e endpoint, at string) error {
	_, err := s.db.ExecContext(ctx, `INSERT OR REPLACE INTO endpoints (listing, method, url, body, content_type, param, param_in, page, found_at)
		VALUES (?,?,?,?,?,?,?,?,?)`, listing, e.Method, e.URL, e.Body, e.ContentType, e.Param, e.In, e.Page, at)
	if err != nil {
		return fmt.Errorf("save the endpoint of %s: %w", listing, err)
	}
	return nil
}

// endpoint returns the JSON endpoint stored for a listing.
func (s *State) endpoint(ctx context.Context, listing string) (e endpoint, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT method, url, body, content_type, param, param_in, page FROM endpoints WHERE listing = ?`, listing).Scan(
		&e.Method, &e.URL, &e.Body, &e.ContentType, &e.Param, &e.In, &e.Page)
	if errors.Is(err, sql.ErrNoRows) {
		return endpoint{}, false, nil
	}
	if err != nil {
		return endpoint{}, false, fmt.Errorf("crawl state: endpoint of %s: %w", listing, err)
	}
	return e, true, nil
}

// SiteStatus is what the state knows of one start URL.
type SiteStatus struct {
	Seed                        Seed
	LastCrawl                   string
	Column                      *Column // nil when none was discovered
	Endpoints                   int     // JSON endpoints known for its listings
	Listings, Documents, Failed int     // URLs by their last outcome
	Blocked                     []Record
}

// Status reads, per start URL, the column, the counts of URLs by outcome
// and the blocked ones with their reasons (`gongkai crawl --status`).
func (s *State) Status(ctx context.Context) ([]SiteStatus, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT url, office, region, last_crawl, discover FROM seeds ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("crawl status: %w", err)
	}
	var out []SiteStatus
	for rows.Next() {
		var st SiteStatus
		if err := rows.Scan(&st.Seed.URL, &st.Seed.Office, &st.Seed.Region, &st.LastCrawl, &st.Seed.Discover); err != nil {
			rows.Close()
			return nil, fmt.Errorf("crawl status: %w", err)
		}
		out = append(out, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("crawl status: %w", err)
	}
	for i := range out {
		st := &out[i]
		if c, ok, err := s.Column(ctx, st.Seed.URL); err != nil {
			return nil, err
		} else if ok {
			st.Column = &c
		}
		err := s.db.QueryRowContext(ctx, `SELECT
			count(*) FILTER (WHERE kind = 'listing' AND error = ''),
			count(*) FILTER (WHERE kind <> 'listing' AND error = ''),
			count(*) FILTER (WHERE error <> '' AND reason <> 'blocked'),
			(SELECT count(*) FROM endpoints WHERE listing IN (SELECT url FROM urls WHERE seed = ?1 AND kind = 'listing'))
			FROM urls WHERE seed = ?1`, st.Seed.URL).Scan(&st.Listings, &st.Documents, &st.Failed, &st.Endpoints)
		if err != nil {
			return nil, fmt.Errorf("crawl status of %s: %w", st.Seed.URL, err)
		}
		brows, err := s.db.QueryContext(ctx, `SELECT url, kind, status, error, checked_at FROM urls WHERE seed = ? AND reason = 'blocked' ORDER BY url`, st.Seed.URL)
		if err != nil {
			return nil, fmt.Errorf("crawl status of %s: %w", st.Seed.URL, err)
		}
		for brows.Next() {
			r := Record{Seed: st.Seed.URL, Reason: "blocked"}
			if err := brows.Scan(&r.URL, &r.Kind, &r.Status, &r.Error, &r.CheckedAt); err != nil {
				brows.Close()
				return nil, fmt.Errorf("crawl status of %s: %w", st.Seed.URL, err)
			}
			st.Blocked = append(st.Blocked, r)
		}
		brows.Close()
		if err := brows.Err(); err != nil {
			return nil, fmt.Errorf("crawl status of %s: %w", st.Seed.URL, err)
		}
	}
	return out, nil
}
