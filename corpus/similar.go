package corpus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// TextDoc is a report's text with what copied-text detection needs to know
// about its office.
type TextDoc struct {
	ID     string
	Office string // office_full
	Year   int
	Group  string // the county: the region code's first 6 digits, else the province/city/county names
	Text   string // the sections' text, one section after another
}

// CopyFingerprint sums up the state of the reports copied-text detection
// reads: when it changes, a stored run is stale.
func (s *Store) CopyFingerprint(ctx context.Context) (string, error) {
	var n, prim int
	var last sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(primary_rendition), 0), max(parsed_at) FROM reports`).Scan(&n, &prim, &last)
	if err != nil {
		return "", fmt.Errorf("copied text: fingerprint: %w", err)
	}
	return fmt.Sprintf("%d|%d|%s", n, prim, last.String), nil
}

// TextDocs yields the text of every counted report (the primary rendition)
// with a known office and year, in id order.
func (s *Store) TextDocs(ctx context.Context, yield func(TextDoc) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, office_full, year, region_code, province, city, county, record
		FROM reports WHERE primary_rendition = 1 AND year > 0 AND office_full != '' ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read report texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d TextDoc
		var code, prov, city, county string
		var rec []byte
		if err := rows.Scan(&d.ID, &d.Office, &d.Year, &code, &prov, &city, &county, &rec); err != nil {
			return fmt.Errorf("read report texts: %w", err)
		}
		var r struct {
			Sections []Section `json:"sections"`
		}
		if err := json.Unmarshal(rec, &r); err != nil {
			return fmt.Errorf("report %s: bad record: %w", d.ID, err)
		}
		var b strings.Builder
		for _, sec := range r.Sections {
			b.WriteString(sec.Title)
			b.WriteString("\n")
			b.WriteString(sec.Text)
			b.WriteString("\n")
		}
		d.Text = b.String()
		if len(code) >= 6 && strings.Trim(code, "0123456789") == "" {
			d.Group = code[:6]
		} else {
			d.Group = prov + "/" + city + "/" + county
		}
		if err := yield(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CopyRun is one run of copied-text detection.
type CopyRun struct {
	FinishedAt  string          `json:"finished_at"`
	Fingerprint string          `json:"fingerprint"`
	Reports     int             `json:"reports"`
	Passages    int             `json:"passages"`
	Seconds     float64         `json:"seconds"`
	Stats       json.RawMessage `json:"stats"`
}

// CopyShare is how much of one report's text is copied.
type CopyShare struct {
	Report      string `json:"report"`
	Chars       int    `json:"chars"`
	Boilerplate int    `json:"boilerplate"`
	CopiedSelf  int    `json:"copied_self"`
	CopiedOther int    `json:"copied_other"`
	Copied      int    `json:"copied"`
}

// Share is the part of the report's own text (template text aside) that is
// copied, 0…1.
func (c CopyShare) Share() float64 { return ratio(c.Copied, c.Chars-c.Boilerplate) }

func ratio(a, b int) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// CopyPassage is a run of sentences of Report found in Source.
type CopyPassage struct {
	Report     string  `json:"report"`
	Source     string  `json:"source"`
	Kind       string  `json:"kind"` // self | other
	From       int     `json:"from"`
	To         int     `json:"to"`
	SourceFrom int     `json:"source_from"`
	SourceTo   int     `json:"source_to"`
	Sentences  int     `json:"sentences"`
	Chars      int     `json:"chars"`
	Similarity float64 `json:"similarity"`
	Text       string  `json:"text"`
	SourceText string  `json:"source_text"`
}

// SaveCopies replaces the stored copied-text results with a new run's.
func (s *Store) SaveCopies(ctx context.Context, run CopyRun, shares []CopyShare, passages []CopyPassage) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save copied text: %w", err)
	}
	defer tx.Rollback()
	for _, q := range []string{`DELETE FROM copy_passages`, `DELETE FROM copy_shares`, `DELETE FROM copy_runs`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("save copied text: %w", err)
		}
	}
	if run.FinishedAt == "" {
		run.FinishedAt = time.Now().UTC().Format(time.RFC3339)
	}
	if len(run.Stats) == 0 {
		run.Stats = json.RawMessage("{}")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO copy_runs (finished_at, fingerprint, reports, passages, seconds, stats) VALUES (?, ?, ?, ?, ?, ?)`,
		run.FinishedAt, run.Fingerprint, run.Reports, run.Passages, run.Seconds, string(run.Stats)); err != nil {
		return fmt.Errorf("save copied text: %w", err)
	}
	sh, err := tx.PrepareContext(ctx, `INSERT INTO copy_shares (report_id, chars, boilerplate, copied_self, copied_other, copied) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("save copied text: %w", err)
	}
	defer sh.Close()
	for _, c := range shares {
		if _, err := sh.ExecContext(ctx, c.Report, c.Chars, c.Boilerplate, c.CopiedSelf, c.CopiedOther, c.Copied); err != nil {
			return fmt.Errorf("save copied text of %s: %w", c.Report, err)
		}
	}
	ps, err := tx.PrepareContext(ctx, `INSERT INTO copy_passages (report_id, source_id, kind, sent_from, sent_to, source_from, source_to, sentences, chars, similarity, text, source_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("save copied text: %w", err)
	}
	defer ps.Close()
	for _, p := range passages {
		if _, err := ps.ExecContext(ctx, p.Report, p.Source, p.Kind, p.From, p.To, p.SourceFrom, p.SourceTo, p.Sentences, p.Chars, p.Similarity, p.Text, p.SourceText); err != nil {
			return fmt.Errorf("save copied passage of %s: %w", p.Report, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save copied text: %w", err)
	}
	return nil
}

// LastCopyRun returns the stored run, or ErrNotFound when detection has
// never run on this archive.
func (s *Store) LastCopyRun(ctx context.Context) (CopyRun, error) {
	var r CopyRun
	var stats string
	err := s.db.QueryRowContext(ctx, `SELECT finished_at, fingerprint, reports, passages, seconds, stats FROM copy_runs ORDER BY id DESC LIMIT 1`).
		Scan(&r.FinishedAt, &r.Fingerprint, &r.Reports, &r.Passages, &r.Seconds, &stats)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("copied-text run: %w", ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("copied-text run: %w", err)
	}
	r.Stats = json.RawMessage(stats)
	return r, nil
}

// CopyShareOf returns a report's share of copied text (ErrNotFound when the
// last run did not compare it).
func (s *Store) CopyShareOf(ctx context.Context, id string) (CopyShare, error) {
	c := CopyShare{Report: id}
	err := s.db.QueryRowContext(ctx, `SELECT chars, boilerplate, copied_self, copied_other, copied FROM copy_shares WHERE report_id = ?`, id).
		Scan(&c.Chars, &c.Boilerplate, &c.CopiedSelf, &c.CopiedOther, &c.Copied)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("copied text of %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("copied text of %s: %w", id, err)
	}
	return c, nil
}

// CopyPassagesOf lists the passages of a report found in other reports, then
// those of later reports of its office found in it (copied from it).
func (s *Store) CopyPassagesOf(ctx context.Context, id string) (into, from []CopyPassage, err error) {
	q := `SELECT report_id, source_id, kind, sent_from, sent_to, source_from, source_to, sentences, chars, similarity, text, source_text
		FROM copy_passages WHERE `
	if into, err = s.copyPassages(ctx, q+`report_id = ? ORDER BY kind DESC, source_id, sent_from`, id); err != nil {
		return nil, nil, err
	}
	if from, err = s.copyPassages(ctx, q+`source_id = ? AND kind = 'self' ORDER BY report_id, sent_from`, id); err != nil {
		return nil, nil, err
	}
	return into, from, nil
}

func (s *Store) copyPassages(ctx context.Context, q string, args ...any) ([]CopyPassage, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("copied passages: %w", err)
	}
	defer rows.Close()
	var out []CopyPassage
	for rows.Next() {
		var p CopyPassage
		if err := rows.Scan(&p.Report, &p.Source, &p.Kind, &p.From, &p.To, &p.SourceFrom, &p.SourceTo, &p.Sentences, &p.Chars, &p.Similarity, &p.Text, &p.SourceText); err != nil {
			return nil, fmt.Errorf("copied passages: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// OfficeCopy is one office's copied text over the reports a filter selects.
type OfficeCopy struct {
	Office      string  `json:"office"`
	RegionCode  string  `json:"region_code"`
	Level       string  `json:"level"`
	Reports     int     `json:"reports"`
	Years       string  `json:"years"` // e.g. 2019-2023
	Chars       int     `json:"chars"` // own text (template text aside)
	CopiedSelf  int     `json:"copied_self"`
	CopiedOther int     `json:"copied_other"`
	Copied      int     `json:"copied"`
	ShareSelf   float64 `json:"share_self"`  // of its own text, copied from its earlier reports
	ShareOther  float64 `json:"share_other"` // … shared with other offices' reports of the same year
	Share       float64 `json:"share"`       // … in any passage
}

// CopiedOffices ranks the offices of the reports f selects by their share
// of copied text (then by characters copied), at most limit (0: all).
func (s *Store) CopiedOffices(ctx context.Context, f Filter, limit int) ([]OfficeCopy, error) {
	f, err := s.Resolve(ctx, f)
	if err != nil {
		return nil, err
	}
	where, args := f.where()
	q := `SELECT r.office_full, max(r.region_code), max(r.level), count(*), min(r.year), max(r.year),
			sum(c.chars - c.boilerplate), sum(c.copied_self), sum(c.copied_other), sum(c.copied)
		FROM reports r JOIN copy_shares c ON c.report_id = r.id
		WHERE ` + where + `
		GROUP BY r.office_full
		HAVING sum(c.copied) > 0
		ORDER BY 1.0 * sum(c.copied) / max(1, sum(c.chars - c.boilerplate)) DESC, sum(c.copied) DESC, r.office_full`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("rank copied text: %w", err)
	}
	defer rows.Close()
	var out []OfficeCopy
	for rows.Next() {
		var o OfficeCopy
		var lo, hi int
		if err := rows.Scan(&o.Office, &o.RegionCode, &o.Level, &o.Reports, &lo, &hi, &o.Chars, &o.CopiedSelf, &o.CopiedOther, &o.Copied); err != nil {
			return nil, fmt.Errorf("rank copied text: %w", err)
		}
		o.Years = fmt.Sprint(lo)
		if hi != lo {
			o.Years += fmt.Sprintf("-%d", hi)
		}
		o.ShareSelf, o.ShareOther, o.Share = ratio(o.CopiedSelf, o.Chars), ratio(o.CopiedOther, o.Chars), ratio(o.Copied, o.Chars)
		out = append(out, o)
	}
	return out, rows.Err()
}
