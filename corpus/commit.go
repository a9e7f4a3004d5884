package corpus

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// Origin says where a file came from.
type Origin struct {
	Kind         string            // file | zip | url
	Path         string            // the file given, the outermost zip, or the URL
	Member       string            // path inside the zip(s), nested ones joined with "!/"
	Referrer     string            // crawl: the page that linked to it
	ListingTitle string            // crawl: the title on the listing page
	ListingDate  string            // crawl: the date on the listing page
	HTTPStatus   int               // crawl
	HTTPHeaders  map[string]string // crawl
	FetchedAt    string            // crawl, RFC 3339
}

// Failure is a file that could not be imported.
type Failure struct {
	SHA256        string `json:"sha256,omitempty"` // "" when it could not be read
	Path          string `json:"path"`
	Member        string `json:"member,omitempty"`
	Stage         string `json:"stage"`  // read | parse
	Reason        string `json:"reason"` // short code
	Error         string `json:"error"`
	Attempts      int    `json:"attempts"`
	ParserVersion string `json:"parser_version"`
	LastAttempt   string `json:"last_attempt"`
}

// Entry is the outcome of importing one file: a parsed report or a failure,
// with its origin. SHA256 is "" only for a file that could not be read.
type Entry struct {
	SHA256   string
	Size     int64
	Format   string
	Encoding string
	Origin   Origin
	Report   *Report
	Failure  *Failure
}

// Commit writes a batch of entries in one transaction: documents, sources,
// reports with their cells and checks, failures. A report replaces any
// earlier parse of the same document and clears its failure.
func (s *Store) Commit(ctx context.Context, entries []Entry) (err error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	conn, err := s.writerConn(ctx)
	if err != nil {
		return fmt.Errorf("commit %d entries: %w", len(entries), err)
	}
	defer func() {
		if err != nil {
			s.dropWriter()
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("commit %d entries: %w", len(entries), err)
	}
	defer tx.Rollback()
	w, err := newWriter(ctx, tx)
	if err != nil {
		return fmt.Errorf("commit %d entries: %w", len(entries), err)
	}
	defer w.close()
	groups := map[string]bool{}
	for i := range entries {
		key, err := w.entry(&entries[i])
		if err != nil {
			return fmt.Errorf("commit %s%s: %w", entries[i].Origin.Path, memberSuffix(entries[i].Origin.Member), err)
		}
		if key != "" {
			groups[key] = true
		}
	}
	for key := range groups {
		if err := choosePrimary(ctx, tx, key); err != nil {
			return fmt.Errorf("commit: renditions of %s: %w", key, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit %d entries: %w", len(entries), err)
	}
	return nil
}

func memberSuffix(m string) string {
	if m == "" {
		return ""
	}
	return "!/" + m
}

// writer holds the prepared statements of one transaction.
type writer struct {
	ctx                                 context.Context
	doc, docFmt, src, delRep, rep       *sql.Stmt
	delFail, delFailPath, fail, listing *sql.Stmt
	// A report has about 140 cells and 7 checks, and one statement per
	// row cost more in database/sql and SQLite's per-statement work than
	// the rows themselves: they go in multi-row INSERTs.
	cells, checks multiInsert
	stmts         []*sql.Stmt
}

// multiInsert inserts rows with as few statements as its sizes allow: one
// prepared statement per size, largest first, ending with 1.
type multiInsert struct {
	sizes []int
	stmts []*sql.Stmt
	args  []any
}

// multiRow returns the INSERT of n rows of width values each after head
// ("INSERT … VALUES ").
func multiRow(head string, width, n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", width), ",") + ")"
	return head + strings.TrimSuffix(strings.Repeat(row+",", n), ",")
}

// insert writes rows in order (the rows of one INSERT are inserted in
// order, so a repeated key replaces as it did one statement at a time);
// row appends the values of row i to args.
func (m *multiInsert) insert(ctx context.Context, rows int, row func(args []any, i int) []any) error {
	for i := 0; i < rows; {
		k := 0
		for m.sizes[k] > rows-i {
			k++
		}
		args := m.args[:0]
		for j := i; j < i+m.sizes[k]; j++ {
			args = row(args, j)
		}
		m.args = args
		if _, err := m.stmts[k].ExecContext(ctx, args...); err != nil {
			return err
		}
		i += m.sizes[k]
	}
	return nil
}

const (
	cellsHead  = `INSERT OR REPLACE INTO cells (report_id, tbl, row, col, value, raw, state, uncertain, location) VALUES `
	checksHead = `INSERT OR REPLACE INTO checks (report_id, id, status, detail, cells) VALUES `
)

func newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{ctx: ctx}
	prep := func(dst **sql.Stmt, q string) error {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare %.40q: %w", q, err)
		}
		*dst = st
		w.stmts = append(w.stmts, st)
		return nil
	}
	for _, p := range []struct {
		dst **sql.Stmt
		q   string
	}{
		{&w.doc, `INSERT OR IGNORE INTO documents (sha256, size, added_at) VALUES (?, ?, ?)`},
		{&w.docFmt, `UPDATE documents SET format = ?, encoding = ? WHERE sha256 = ?`},
		{&w.src, `INSERT OR IGNORE INTO sources (sha256, kind, path, member, referrer, listing_title, listing_date, http_status, http_headers, fetched_at, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`},
		{&w.delRep, `DELETE FROM reports WHERE sha256 = ?`},
		{&w.listing, `SELECT coalesce(min(nullif(listing_date, '')), '') FROM sources WHERE sha256 = ?`},
		{&w.rep, `INSERT INTO reports (id, sha256, title, office, office_full, province, city, county, town, region_code, level, kind, year, published, template,
			checks_failed, uncertain, status, rendition_key, parser_version, parsed_at, record, signed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`},
		{&w.delFail, `DELETE FROM failures WHERE sha256 = ?`},
		{&w.delFailPath, `DELETE FROM failures WHERE path = ? AND member = ?`},
		{&w.fail, `INSERT INTO failures (sha256, path, member, stage, reason, error, attempts, parser_version, last_attempt) VALUES (?,?,?,?,?,?,1,?,?)
			ON CONFLICT (path, member) DO UPDATE SET sha256 = excluded.sha256, stage = excluded.stage, reason = excluded.reason, error = excluded.error,
			attempts = failures.attempts + 1, parser_version = excluded.parser_version, last_attempt = excluded.last_attempt`},
	} {
		if err := prep(p.dst, p.q); err != nil {
			w.close()
			return nil, err
		}
	}
	for _, m := range []struct {
		ins   *multiInsert
		head  string
		width int
		sizes []int
	}{
		{&w.cells, cellsHead, 9, []int{32, 8, 4, 2, 1}},
		{&w.checks, checksHead, 5, []int{8, 4, 2, 1}},
	} {
		m.ins.sizes = m.sizes
		m.ins.stmts = make([]*sql.Stmt, len(m.sizes))
		for i, n := range m.sizes {
			if err := prep(&m.ins.stmts[i], multiRow(m.head, m.width, n)); err != nil {
				w.close()
				return nil, err
			}
		}
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// entry writes one entry and returns its rendition key ("" for a failure).
func (w *writer) entry(e *Entry) (string, error) {
	ts := now()
	if e.SHA256 != "" {
		if _, err := w.doc.ExecContext(w.ctx, e.SHA256, e.Size, ts); err != nil {
			return "", err
		}
		if e.Format != "" {
			if _, err := w.docFmt.ExecContext(w.ctx, e.Format, e.Encoding, e.SHA256); err != nil {
				return "", err
			}
		}
		o := e.Origin
		headers := ""
		if len(o.HTTPHeaders) > 0 {
			b, _ := json.Marshal(o.HTTPHeaders)
			headers = string(b)
		}
		if _, err := w.src.ExecContext(w.ctx, e.SHA256, o.Kind, o.Path, o.Member, o.Referrer, o.ListingTitle, o.ListingDate, o.HTTPStatus, headers, o.FetchedAt, ts); err != nil {
			return "", err
		}
	}
	if e.Failure != nil {
		f := e.Failure
		var sha any
		if e.SHA256 != "" {
			sha = e.SHA256
		}
		_, err := w.fail.ExecContext(w.ctx, sha, e.Origin.Path, e.Origin.Member, f.Stage, f.Reason, f.Error, f.ParserVersion, ts)
		return "", err
	}
	if e.Report == nil {
		return "", nil
	}
	return w.report(e.Report, ts, e.Origin)
}

func (w *writer) report(r *Report, ts string, o Origin) (string, error) {
	listing := o.ListingDate
	if listing == "" {
		// An earlier source of the same document (a crawl) may have one.
		if err := w.listing.QueryRowContext(w.ctx, r.Source.SHA256).Scan(&listing); err != nil {
			return "", fmt.Errorf("listing date of %s: %w", r.ID, err)
		}
	}
	setTimeliness(r, listing)
	rec, err := json.Marshal(r)
	if err != nil {
		return "", err
	}
	failed, uncertain := 0, 0
	for _, c := range r.Checks {
		if c.Status == CheckFail && tableCheck(c.ID) {
			failed++
		}
	}
	for _, c := range r.Cells {
		if c.Uncertain {
			uncertain++
		}
	}
	status := "ok"
	for _, d := range r.Diagnostics {
		if d.Severity == SevError {
			status = "errors"
			break
		}
		if d.Severity == SevWarning {
			status = "warnings"
		}
	}
	key := RenditionKey(r)
	if _, err := w.delRep.ExecContext(w.ctx, r.Source.SHA256); err != nil {
		return "", err
	}
	g := r.Region
	if _, err := w.rep.ExecContext(w.ctx, r.ID, r.Source.SHA256, r.Title, r.Office, r.OfficeFull, g.Province, g.City, g.County, g.Town, g.Code,
		r.Level, r.Kind, r.Year, r.Published, r.Template, failed, uncertain, status, key, r.ParserVersion, ts, string(rec), r.Signed); err != nil {
		return "", err
	}
	if err := w.cells.insert(w.ctx, len(r.Cells), func(args []any, i int) []any {
		c := &r.Cells[i]
		tbl, row, col := splitKey(c.Key)
		var v any
		if c.Value != nil {
			v = *c.Value
		}
		return append(args, r.ID, tbl, row, col, v, c.Raw, c.State, c.Uncertain, c.Where)
	}); err != nil {
		return "", err
	}
	if err := w.checks.insert(w.ctx, len(r.Checks), func(args []any, i int) []any {
		c := &r.Checks[i]
		cells, _ := json.Marshal(c.Cells)
		return append(args, r.ID, c.ID, c.Status, c.Detail, string(cells))
	}); err != nil {
		return "", err
	}
	if _, err := w.delFail.ExecContext(w.ctx, r.Source.SHA256); err != nil {
		return "", err
	}
	if _, err := w.delFailPath.ExecContext(w.ctx, o.Path, o.Member); err != nil {
		return "", err
	}
	return key, nil
}

// RenditionKey identifies a report across its renditions (a page and its
// PDF attachment): the office, the year and the tables' values. Reports
// without tables are keyed by office, year and title.
func RenditionKey(r *Report) string {
	b, _ := json.Marshal(r.Tables)
	if string(b) == "{}" {
		b = []byte(r.Title)
	}
	sum := sha256.Sum256(b)
	return strings.Join([]string{r.OfficeFull, fmt.Sprint(r.Year), hex.EncodeToString(sum[:8])}, "|")
}

// choosePrimary marks the rendition that counts in a group: the one whose
// checks pass, else the newest parse, then the smallest id.
func choosePrimary(ctx context.Context, tx *sql.Tx, key string) error {
	_, err := tx.ExecContext(ctx, `UPDATE reports SET primary_rendition = (id = (
		SELECT id FROM reports WHERE rendition_key = ?1 ORDER BY checks_failed > 0, parsed_at DESC, id LIMIT 1))
		WHERE rendition_key = ?1`, key)
	return err
}
