package corpus

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
)

// The typed queries of the catalog: what compare, the server, ingest and
// the index read. No other package writes SQL (corpus/doc.go).

// Generation is a number that changes whenever a report row is added,
// replaced, changed or deleted (by this process or another); what is
// derived from the reports, like the office identities, is cached per
// generation.
func (s *Store) Generation(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT n FROM generation`).Scan(&n); err != nil {
		return 0, fmt.Errorf("read the catalog generation: %w", err)
	}
	return n, nil
}

// officeCache holds the office identities of one catalog generation and
// one set of aliases.
type officeCache struct {
	mu      sync.Mutex
	gen     int64
	aliases []Alias
	offs    *Offices
}

// Offices reads the offices of the catalog's primary reports and matches
// them into identities (across renamings and title variants; aliases
// override the matching). The result is cached until the catalog changes
// (Generation) or other aliases are asked for; callers must not modify it.
func (s *Store) Offices(ctx context.Context, aliases ...Alias) (*Offices, error) {
	gen, err := s.Generation(ctx)
	if err != nil {
		return nil, err
	}
	c := &s.offices
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.offs != nil && c.gen == gen && slices.Equal(c.aliases, aliases) {
		return c.offs, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT office_full, office, region_code, max(province), max(city), max(county), max(town),
		max(level), max(year), count(*) FROM reports WHERE primary_rendition = 1 GROUP BY office_full, office, region_code`)
	if err != nil {
		return nil, fmt.Errorf("list offices: %w", err)
	}
	defer rows.Close()
	var list []officeRow
	for rows.Next() {
		var r officeRow
		if err := rows.Scan(&r.full, &r.title, &r.code, &r.province, &r.city, &r.county, &r.town, &r.level, &r.lastYear, &r.reports); err != nil {
			return nil, fmt.Errorf("list offices: %w", err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list offices: %w", err)
	}
	c.offs, c.gen, c.aliases = matchOffices(list, aliases), gen, slices.Clone(aliases)
	return c.offs, nil
}

// ReportRow is a report's key fields, as listings and comparisons need
// them.
type ReportRow struct {
	ID, Office, OfficeFull, RegionCode string
	Level, Template, ParsedAt          string
	Timely                             string // C9's status: pass | fail | not_assessable ("" when not computed)
	Year, ChecksFailed                 int
}

// Reports lists the key fields of the reports a filter selects, by
// office_full, year and id. The filter is resolved first (Store.Resolve).
func (s *Store) Reports(ctx context.Context, f Filter, aliases ...Alias) ([]ReportRow, error) {
	f, err := s.Resolve(ctx, f, aliases...)
	if err != nil {
		return nil, err
	}
	where, args := f.where()
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.office, r.office_full, r.region_code, r.level, r.template, r.parsed_at, r.year, r.checks_failed,
		coalesce((SELECT c.status FROM checks c WHERE c.report_id = r.id AND c.id = 'C9'), '')
		FROM reports r WHERE `+where+` ORDER BY r.office_full, r.year, r.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read reports: %w", err)
	}
	defer rows.Close()
	var out []ReportRow
	for rows.Next() {
		var e ReportRow
		if err := rows.Scan(&e.ID, &e.Office, &e.OfficeFull, &e.RegionCode, &e.Level, &e.Template, &e.ParsedAt, &e.Year, &e.ChecksFailed, &e.Timely); err != nil {
			return nil, fmt.Errorf("read reports: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read reports: %w", err)
	}
	return out, nil
}

// idBatch caps the report ids in one IN list.
const idBatch = 400

// CellValue is one table value of the cells table.
type CellValue struct {
	Report, Row, Col string
	Value            *float64 // nil: blank, dash, text or uncertain
}

// CellValues reads the values of one table's rows (any column) for the
// given reports, and calls fn for each.
func (s *Store) CellValues(ctx context.Context, ids []string, tbl string, rows []string, fn func(CellValue)) error {
	for start := 0; start < len(ids); start += idBatch {
		batch := ids[start:min(start+idBatch, len(ids))]
		args := append(append(anys(batch), tbl), anys(rows)...)
		res, err := s.db.QueryContext(ctx, `SELECT report_id, row, col, value FROM cells WHERE report_id IN (`+placeholders(len(batch))+`)
			AND tbl = ? AND row IN (`+placeholders(len(rows))+`)`, args...)
		if err != nil {
			return fmt.Errorf("read cells of %s: %w", tbl, err)
		}
		for res.Next() {
			var c CellValue
			if err := res.Scan(&c.Report, &c.Row, &c.Col, &c.Value); err != nil {
				res.Close()
				return fmt.Errorf("read cells of %s: %w", tbl, err)
			}
			fn(c)
		}
		err = res.Err()
		res.Close()
		if err != nil {
			return fmt.Errorf("read cells of %s: %w", tbl, err)
		}
	}
	return nil
}

// FiguresOf reads the figures stated in the text of the given reports
// (from their records), by report id.
func (s *Store) FiguresOf(ctx context.Context, ids []string) (map[string][]Figure, error) {
	out := make(map[string][]Figure, len(ids))
	for start := 0; start < len(ids); start += idBatch {
		batch := ids[start:min(start+idBatch, len(ids))]
		rows, err := s.db.QueryContext(ctx, `SELECT id, coalesce(json_extract(record, '$.figures'), '[]') FROM reports WHERE id IN (`+placeholders(len(batch))+`)`, anys(batch)...)
		if err != nil {
			return nil, fmt.Errorf("read figures: %w", err)
		}
		for rows.Next() {
			var id, figs string
			if err := rows.Scan(&id, &figs); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read figures: %w", err)
			}
			var fs []Figure
			if err := json.Unmarshal([]byte(figs), &fs); err != nil {
				rows.Close()
				return nil, fmt.Errorf("report %s: bad figures in its record: %w", id, err)
			}
			out[id] = fs
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read figures: %w", err)
		}
	}
	return out, nil
}

// FailedCheck is a failed check of a report, with the report's key fields.
type FailedCheck struct {
	Report                ReportRow
	Check, Status, Detail string
	Cells                 []string // the value keys involved
}

// FailedChecks lists the failed checks (status fail) of the reports a
// filter selects, by office_full, year and check id; checkID, when set,
// keeps one check.
func (s *Store) FailedChecks(ctx context.Context, f Filter, checkID string, aliases ...Alias) ([]FailedCheck, error) {
	f, err := s.Resolve(ctx, f, aliases...)
	if err != nil {
		return nil, err
	}
	where, args := f.where()
	where += " AND c.status = 'fail'"
	if checkID != "" {
		where += " AND c.id = ?"
		args = append(args, checkID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.report_id, c.id, c.status, c.detail, c.cells, r.office, r.office_full, r.region_code,
		r.level, r.year, r.template
		FROM checks c JOIN reports r ON r.id = c.report_id WHERE `+where+` ORDER BY r.office_full, r.year, c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read failed checks: %w", err)
	}
	defer rows.Close()
	var out []FailedCheck
	for rows.Next() {
		var fc FailedCheck
		var cells string
		r := &fc.Report
		if err := rows.Scan(&r.ID, &fc.Check, &fc.Status, &fc.Detail, &cells, &r.Office, &r.OfficeFull, &r.RegionCode, &r.Level, &r.Year, &r.Template); err != nil {
			return nil, fmt.Errorf("read failed checks: %w", err)
		}
		if err := json.Unmarshal([]byte(cells), &fc.Cells); err != nil {
			return nil, fmt.Errorf("report %s check %s: bad cells: %w", r.ID, fc.Check, err)
		}
		out = append(out, fc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read failed checks: %w", err)
	}
	return out, nil
}

// EachReport calls fn with every report of the catalog (non-primary
// renditions included, primary says which), in id order, decoded from its
// record.
func (s *Store) EachReport(ctx context.Context, fn func(r *Report, primary bool) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT record, primary_rendition FROM reports ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read the catalog: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rec []byte
		var primary bool
		if err := rows.Scan(&rec, &primary); err != nil {
			return fmt.Errorf("read the catalog: %w", err)
		}
		r := new(Report)
		if err := json.Unmarshal(rec, r); err != nil {
			return fmt.Errorf("read the catalog: bad record: %w", err)
		}
		if err := fn(r, primary); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the catalog: %w", err)
	}
	return nil
}

// Mark is a position in the catalog's reports: the largest rowid and parse
// time seen. A report committed later (a new row, or a re-parse, which
// replaces its row) is above one of them.
type Mark struct {
	RowID    int64
	ParsedAt string
}

// End is the mark of the catalog's current end.
func (s *Store) End(ctx context.Context) (Mark, error) {
	var m Mark
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0), coalesce(max(parsed_at), '') FROM reports`).Scan(&m.RowID, &m.ParsedAt)
	if err != nil {
		return m, fmt.Errorf("read the catalog: %w", err)
	}
	return m, nil
}

// Since lists the ids of up to limit reports committed above a mark, and
// the mark after them.
func (s *Store) Since(ctx context.Context, m Mark, limit int) ([]string, Mark, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT rowid, id, parsed_at FROM reports WHERE rowid > ?1 OR parsed_at > ?2 ORDER BY rowid LIMIT ?3`,
		m.RowID, m.ParsedAt, limit)
	if err != nil {
		return nil, m, fmt.Errorf("read the catalog: %w", err)
	}
	defer rows.Close()
	next := m
	var ids []string
	for rows.Next() {
		var (
			rowid    int64
			id, when string
		)
		if err := rows.Scan(&rowid, &id, &when); err != nil {
			return nil, m, fmt.Errorf("read the catalog: %w", err)
		}
		ids = append(ids, id)
		next.RowID = max(next.RowID, rowid)
		next.ParsedAt = max(next.ParsedAt, when)
	}
	if err := rows.Err(); err != nil {
		return nil, m, fmt.Errorf("read the catalog: %w", err)
	}
	return ids, next, nil
}

// HasURL says whether the catalog holds anything fetched from url: a
// source row or a failure with a document.
func (s *Store) HasURL(ctx context.Context, url string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sources WHERE path = ?1) OR EXISTS (SELECT 1 FROM failures WHERE path = ?1 AND sha256 IS NOT NULL)`, url).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up %s: %w", url, err)
	}
	return n == 1, nil
}

// Count is a value and how many primary reports have it.
type Count struct {
	Value   string
	Reports int
}

// Summary counts the primary reports by office, year, province and
// template.
type Summary struct {
	Offices                     int     // distinct office_full
	Years, Provinces, Templates []Count // years by year, the others by count (largest first)
}

// Summarise counts the catalog's primary reports for an overview.
func (s *Store) Summarise(ctx context.Context) (Summary, error) {
	var sum Summary
	if err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT office_full) FROM reports WHERE primary_rendition`).Scan(&sum.Offices); err != nil {
		return sum, fmt.Errorf("archive statistics: %w", err)
	}
	for _, q := range []struct {
		sql string
		dst *[]Count
	}{
		{`SELECT year, count(*) FROM reports WHERE primary_rendition GROUP BY year ORDER BY year`, &sum.Years},
		{`SELECT province, count(*) FROM reports WHERE primary_rendition GROUP BY 1 ORDER BY 2 DESC, 1`, &sum.Provinces},
		{`SELECT template, count(*) FROM reports WHERE primary_rendition GROUP BY 1 ORDER BY 2 DESC, 1`, &sum.Templates},
	} {
		if err := s.counts(ctx, q.sql, q.dst); err != nil {
			return sum, fmt.Errorf("archive statistics: %w", err)
		}
	}
	return sum, nil
}

func (s *Store) counts(ctx context.Context, q string, dst *[]Count) error {
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v sql.NullString
		var c Count
		if err := rows.Scan(&v, &c.Reports); err != nil {
			return err
		}
		c.Value = v.String
		*dst = append(*dst, c)
	}
	return rows.Err()
}
