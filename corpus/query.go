package corpus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Report reads one report's record by id (or by a unique id prefix).
func (s *Store) Report(ctx context.Context, id string) (*Report, error) {
	var rec string
	err := s.db.QueryRowContext(ctx, `SELECT record FROM reports WHERE id = ?`, id).Scan(&rec)
	if errors.Is(err, sql.ErrNoRows) && len(id) >= 4 && len(id) < 12 {
		err = s.db.QueryRowContext(ctx, `SELECT record FROM reports WHERE id LIKE ? || '%' LIMIT 2`, id).Scan(&rec)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("report %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", id, err)
	}
	var r Report
	if err := json.Unmarshal([]byte(rec), &r); err != nil {
		return nil, fmt.Errorf("report %s: bad record: %w", id, err)
	}
	return &r, nil
}

// DocumentOf returns the sha256 of the document a report id (or sha256
// prefix) names.
func (s *Store) DocumentOf(ctx context.Context, id string) (string, error) {
	var sha string
	err := s.db.QueryRowContext(ctx, `SELECT sha256 FROM reports WHERE id = ?1
		UNION ALL SELECT sha256 FROM documents WHERE sha256 LIKE ?1 || '%' LIMIT 1`, id).Scan(&sha)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	return sha, err
}

// Sources lists where a document came from.
func (s *Store) Sources(ctx context.Context, sha string) ([]Origin, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, path, member, referrer, listing_title, listing_date, http_status, fetched_at FROM sources WHERE sha256 = ? ORDER BY id`, sha)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Origin
	for rows.Next() {
		var o Origin
		if err := rows.Scan(&o.Kind, &o.Path, &o.Member, &o.Referrer, &o.ListingTitle, &o.ListingDate, &o.HTTPStatus, &o.FetchedAt); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Failures lists the failed files, all or those with one reason.
func (s *Store) Failures(ctx context.Context, reason string) ([]Failure, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT coalesce(sha256, ''), path, member, stage, reason, error, attempts, parser_version, last_attempt
		FROM failures WHERE ?1 = '' OR reason = ?1 ORDER BY reason, path, member`, reason)
	if err != nil {
		return nil, fmt.Errorf("list failures: %w", err)
	}
	defer rows.Close()
	var out []Failure
	for rows.Next() {
		var f Failure
		if err := rows.Scan(&f.SHA256, &f.Path, &f.Member, &f.Stage, &f.Reason, &f.Error, &f.Attempts, &f.ParserVersion, &f.LastAttempt); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Outdated lists the documents whose report or failure came from another
// parser version than version.
func (s *Store) Outdated(ctx context.Context, version string) ([]string, error) {
	return s.column(ctx, `SELECT sha256 FROM reports WHERE parser_version != ?1
		UNION SELECT sha256 FROM failures WHERE sha256 IS NOT NULL AND stage = 'parse' AND parser_version != ?1 ORDER BY 1`, version)
}

// FailedDocuments lists the documents whose parse failed (they have a blob
// and can be retried without their original files).
func (s *Store) FailedDocuments(ctx context.Context) ([]string, error) {
	return s.column(ctx, `SELECT DISTINCT sha256 FROM failures WHERE sha256 IS NOT NULL ORDER BY 1`)
}

// column runs a query of one text column and returns its values.
func (s *Store) column(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// URLBlob returns the document last fetched from url (a source of kind
// url), or an error wrapping ErrNotFound. The pictures of a crawled page
// are read back this way when the page is parsed again.
func (s *Store) URLBlob(ctx context.Context, url string) (string, error) {
	var sha string
	err := s.db.QueryRowContext(ctx, `SELECT sha256 FROM sources WHERE path = ? AND kind = 'url' AND member = '' ORDER BY id DESC LIMIT 1`, url).Scan(&sha)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%s: %w", url, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("look up %s: %w", url, err)
	}
	return sha, nil
}

// FirstOrigin returns where a document first came from (for a re-parse).
func (s *Store) FirstOrigin(ctx context.Context, sha string) (Origin, error) {
	srcs, err := s.Sources(ctx, sha)
	if err != nil {
		return Origin{}, err
	}
	if len(srcs) == 0 {
		return Origin{Kind: "file", Path: sha}, nil
	}
	return srcs[0], nil
}

// Stats counts what the archive holds.
type Stats struct {
	Documents, Sources, Reports, Primary, Cells, Failures, FailedChecks int
}

// ReportCount is the number of reports in the catalog (renditions
// included): one count over an index of reports, cheap beside Stats.
func (s *Store) ReportCount(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM reports`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count the catalog's reports: %w", err)
	}
	return n, nil
}

// ReportIDs lists the ids of every report in the catalog (renditions
// included), in no particular order.
func (s *Store) ReportIDs(ctx context.Context) ([]string, error) {
	ids, err := s.column(ctx, `SELECT id FROM reports`)
	if err != nil {
		return nil, fmt.Errorf("list the catalog's reports: %w", err)
	}
	return ids, nil
}

// Stats counts the archive's rows.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM sources), (SELECT count(*) FROM reports),
		(SELECT count(*) FROM reports WHERE primary_rendition), (SELECT count(*) FROM cells),
		(SELECT count(*) FROM failures), (SELECT count(*) FROM reports WHERE checks_failed > 0)`).
		Scan(&st.Documents, &st.Sources, &st.Reports, &st.Primary, &st.Cells, &st.Failures, &st.FailedChecks)
	return st, err
}

// Problem is one inconsistency found by Verify.
type Problem struct {
	SHA256 string
	Kind   string // missing-blob | corrupt-blob | orphan-blob | no-document
	Detail string
}

// Verify re-hashes every blob and checks the catalog against them: every
// document has an intact blob, every blob is catalogued, every report and
// failure names a document. progress, when non-nil, is called per blob.
func (s *Store) Verify(ctx context.Context, progress func(done, total int)) ([]Problem, error) {
	shas, err := s.column(ctx, `SELECT sha256 FROM documents ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	var probs []Problem
	known := make(map[string]bool, len(shas))
	for i, sha := range shas {
		if err := ctx.Err(); err != nil {
			return probs, err
		}
		known[sha] = true
		got, err := hashFile(s.BlobPath(sha))
		switch {
		case errors.Is(err, os.ErrNotExist):
			probs = append(probs, Problem{sha, "missing-blob", "the catalog names a blob that is not there"})
		case err != nil:
			probs = append(probs, Problem{sha, "corrupt-blob", err.Error()})
		case got != sha:
			probs = append(probs, Problem{sha, "corrupt-blob", "content hashes to " + got})
		}
		if progress != nil {
			progress(i+1, len(shas))
		}
	}
	err = filepath.WalkDir(filepath.Join(s.dir, "blobs"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !known[d.Name()] {
			probs = append(probs, Problem{d.Name(), "orphan-blob", "a blob no document row names (an interrupted import; a re-run adopts it)"})
		}
		return nil
	})
	if err != nil {
		return probs, fmt.Errorf("verify: walk blobs: %w", err)
	}
	dangling, err := s.column(ctx, `SELECT sha256 FROM reports WHERE sha256 NOT IN (SELECT sha256 FROM documents)
		UNION SELECT sha256 FROM failures WHERE sha256 IS NOT NULL AND sha256 NOT IN (SELECT sha256 FROM documents)`)
	if err != nil {
		return probs, fmt.Errorf("verify: %w", err)
	}
	for _, sha := range dangling {
		probs = append(probs, Problem{sha, "no-document", "a report or failure names a document the catalog lacks"})
	}
	return probs, nil
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := newHash()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}
