package corpus

// migrations are the catalog's schema, one step per version; the catalog's
// PRAGMA user_version says how many have run. Append, never edit: an
// archive made by an older version migrates forward on Open.
var migrations = []string{
	// 1: the first catalog.
	`
CREATE TABLE documents (
	sha256    TEXT PRIMARY KEY,          -- the blob's name: blobs/<sha256[0:2]>/<sha256>
	size      INTEGER NOT NULL,
	format    TEXT NOT NULL DEFAULT '',  -- html|pdf|docx|doc|wps|text|markdown ('' until parsed or when unreadable)
	encoding  TEXT NOT NULL DEFAULT '',
	added_at  TEXT NOT NULL              -- RFC 3339
);

CREATE TABLE sources (                 -- where each blob came from (one document, many sources)
	id            INTEGER PRIMARY KEY,
	sha256        TEXT NOT NULL REFERENCES documents(sha256),
	kind          TEXT NOT NULL,         -- file | zip | url
	path          TEXT NOT NULL,         -- the file given (for zip members: the outermost archive) or the URL
	member        TEXT NOT NULL DEFAULT '', -- path inside the zip(s), nested ones joined with "!/"
	referrer      TEXT NOT NULL DEFAULT '',
	listing_title TEXT NOT NULL DEFAULT '',
	listing_date  TEXT NOT NULL DEFAULT '',
	http_status   INTEGER NOT NULL DEFAULT 0,
	http_headers  TEXT NOT NULL DEFAULT '', -- JSON object
	fetched_at    TEXT NOT NULL DEFAULT '',
	added_at      TEXT NOT NULL,
	UNIQUE (sha256, path, member)
);
CREATE INDEX sources_path ON sources(path);

CREATE TABLE reports (                 -- one parsed report per document
	id             TEXT PRIMARY KEY,     -- first 12 hex digits of sha256
	sha256         TEXT NOT NULL UNIQUE REFERENCES documents(sha256),
	title          TEXT NOT NULL,
	office         TEXT NOT NULL,
	office_full    TEXT NOT NULL,
	province       TEXT NOT NULL,
	city           TEXT NOT NULL,
	county         TEXT NOT NULL,
	town           TEXT NOT NULL,
	region_code    TEXT NOT NULL,
	level          TEXT NOT NULL,
	kind           TEXT NOT NULL,
	year           INTEGER NOT NULL,
	published      TEXT NOT NULL,
	template       TEXT NOT NULL,
	checks_failed  INTEGER NOT NULL,     -- how many checks failed
	uncertain      INTEGER NOT NULL,     -- how many table values could not be read with certainty
	status         TEXT NOT NULL,        -- ok | warnings | errors (the worst diagnostic)
	rendition_key  TEXT NOT NULL,        -- office_full|year|hash of the tables: equal keys are renditions of one report
	primary_rendition INTEGER NOT NULL DEFAULT 1, -- 1 for the rendition that counts (checks pass, else newest parse)
	parser_version TEXT NOT NULL,
	parsed_at      TEXT NOT NULL,
	record         TEXT NOT NULL         -- the report as JSON (schema gongkai.report/v1)
);
CREATE INDEX reports_office_year ON reports(office_full, year);
CREATE INDEX reports_year ON reports(year);
CREATE INDEX reports_region ON reports(region_code);
CREATE INDEX reports_rendition ON reports(rendition_key);
CREATE INDEX reports_parser ON reports(parser_version);

CREATE TABLE cells (                   -- every table value, long format
	report_id  TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
	tbl        TEXT NOT NULL,            -- active | apply | review | suit_direct | suit_after_review
	row        TEXT NOT NULL,            -- e.g. granted, a20_1.normative ('' for table 四)
	col        TEXT NOT NULL,            -- e.g. total, valid, upheld
	value      REAL,                     -- NULL for blank, dash, text or uncertain
	raw        TEXT NOT NULL,
	state      TEXT NOT NULL,            -- number | blank | dash | text
	uncertain  INTEGER NOT NULL,
	location   TEXT NOT NULL,            -- "page 3, table 三 row 1"
	PRIMARY KEY (report_id, tbl, row, col)
) WITHOUT ROWID;

CREATE TABLE checks (
	report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
	id        TEXT NOT NULL,             -- C1 … C8
	status    TEXT NOT NULL,             -- pass | fail | warn | not_assessable
	detail    TEXT NOT NULL,
	cells     TEXT NOT NULL,             -- JSON array of the value keys involved
	PRIMARY KEY (report_id, id)
) WITHOUT ROWID;

CREATE TABLE failures (                -- files that could not be imported, and why
	id            INTEGER PRIMARY KEY,
	sha256        TEXT,                  -- NULL when the file could not even be read
	path          TEXT NOT NULL,
	member        TEXT NOT NULL DEFAULT '',
	stage         TEXT NOT NULL,         -- read | parse
	reason        TEXT NOT NULL,         -- a short code: no-text-layer, not-a-report, encrypted, unsupported-format, zip-bomb …
	error         TEXT NOT NULL,         -- the full message
	attempts      INTEGER NOT NULL,
	parser_version TEXT NOT NULL,
	last_attempt  TEXT NOT NULL,
	UNIQUE (path, member)
);
CREATE INDEX failures_reason ON failures(reason);
CREATE INDEX failures_sha ON failures(sha256);

CREATE VIEW report_cells AS            -- cells with their report's key fields, for sqlite3 users
	SELECT r.office_full, r.region_code, r.level, r.year, r.template, r.primary_rendition, c.*
	FROM cells c JOIN reports r ON r.id = c.report_id;
`,
	// 2: the date the report bears at its end (落款), beside the publication date.
	`
ALTER TABLE reports ADD COLUMN signed TEXT NOT NULL DEFAULT '';  -- YYYY-MM-DD, '' when the report bears none
UPDATE reports SET signed = coalesce(json_extract(record, '$.signed'), '');
`,
	// 3: copied text (package similar): the last run, each report's share of
	// copied text and the passages it shares with other reports.
	`
CREATE TABLE copy_runs (
	id          INTEGER PRIMARY KEY,
	finished_at TEXT NOT NULL,           -- RFC 3339
	fingerprint TEXT NOT NULL,           -- the reports' state it ran on (stale when it changes)
	reports     INTEGER NOT NULL,
	passages    INTEGER NOT NULL,
	seconds     REAL NOT NULL,
	stats       TEXT NOT NULL            -- JSON: what the run did
);

CREATE TABLE copy_shares (              -- one per report compared
	report_id    TEXT PRIMARY KEY,
	chars        INTEGER NOT NULL,       -- normalised characters of its sentences
	boilerplate  INTEGER NOT NULL,       -- of them template text (learned from frequency across offices)
	copied_self  INTEGER NOT NULL,       -- in passages from the same office's earlier reports
	copied_other INTEGER NOT NULL,       -- in passages shared with another office's report of the same year
	copied       INTEGER NOT NULL        -- in any passage, each character once
) WITHOUT ROWID;

CREATE TABLE copy_passages (            -- a run of 2+ sentences of report_id found in source_id
	report_id   TEXT NOT NULL,
	source_id   TEXT NOT NULL,
	kind        TEXT NOT NULL,           -- self (same office, earlier year) | other (another office, same year)
	sent_from   INTEGER NOT NULL,        -- sentence range in the report, half-open
	sent_to     INTEGER NOT NULL,
	source_from INTEGER NOT NULL,
	source_to   INTEGER NOT NULL,
	sentences   INTEGER NOT NULL,        -- matched sentences
	chars       INTEGER NOT NULL,
	similarity  REAL NOT NULL,           -- mean estimated similarity of the matched sentences
	text        TEXT NOT NULL,
	source_text TEXT NOT NULL,
	PRIMARY KEY (report_id, source_id, sent_from)
) WITHOUT ROWID;
CREATE INDEX copy_passages_source ON copy_passages(source_id);
`,
	// 4: human reviews of findings. No foreign key: a review outlives the
	// report row it names (a re-parse deletes and re-inserts it).
	`
CREATE TABLE reviews (
	id          INTEGER PRIMARY KEY,
	report_id   TEXT NOT NULL,
	finding     TEXT NOT NULL,           -- a check id (C1 … C9) or copied:<source report id>
	verdict     TEXT NOT NULL,           -- confirmed | dismissed
	note        TEXT NOT NULL,
	reviewer    TEXT NOT NULL,
	status      TEXT NOT NULL,           -- the finding's status when reviewed (fail, warn; copied for copied text)
	detail      TEXT NOT NULL,           -- the finding's detail when reviewed
	created_at  TEXT NOT NULL            -- RFC 3339; the newest review of a finding is the one that holds
);
CREATE INDEX reviews_finding ON reviews(report_id, finding);
`,
	// 5: a generation number that every change to a report row raises
	// (Store.Generation: caches of what is derived from the reports).
	`
CREATE TABLE generation (n INTEGER NOT NULL);
INSERT INTO generation VALUES (0);
CREATE TRIGGER reports_generation_insert AFTER INSERT ON reports BEGIN UPDATE generation SET n = n + 1; END;
CREATE TRIGGER reports_generation_update AFTER UPDATE ON reports BEGIN UPDATE generation SET n = n + 1; END;
CREATE TRIGGER reports_generation_delete AFTER DELETE ON reports BEGIN UPDATE generation SET n = n + 1; END;
`,
}
