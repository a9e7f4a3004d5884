// Package index is full-text and field search over the archive's reports.
// Backend is the small interface the rest of gongkai uses; index/bleve is
// the embedded default, stored inside the archive directory and derived
// from the catalog (it can always be rebuilt from it).
package index

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gongkai/corpus"
)

// Backend indexes reports and searches them. Implementations are safe for
// concurrent use by several goroutines.
type Backend interface {
	// Index adds or replaces reports (by Report.ID).
	Index(ctx context.Context, reports []*corpus.Report) error
	// Delete removes reports by id; unknown ids are ignored.
	Delete(ctx context.Context, ids []string) error
	// Search runs a query. It returns ErrBadQuery (wrapped) for a query the
	// syntax does not allow, and never more than Request.Limit hits.
	Search(ctx context.Context, req Request) (*Result, error)
	// Count is the number of reports indexed (renditions included).
	Count() (uint64, error)
	// Finish makes what was indexed fast to search (a bleve backend
	// compacts its segments and writes its query vocabulary). An importer
	// calls it once after a large import.
	Finish(ctx context.Context) error
	// Rebuild replaces the index by one built from every report of the
	// catalog and returns how many it indexed. The Backend stays usable:
	// searches wait for the rebuild, and a failed rebuild leaves the old
	// index in use.
	Rebuild(ctx context.Context, st *corpus.Store) (int, error)
	// Close releases the index; the Backend is unusable afterwards.
	Close() error
}

// ErrBadQuery marks a query that cannot be parsed.
var ErrBadQuery = errors.New("bad query")

// Request is a search. Query uses the query-string syntax (bare words,
// "phrases", +must, -mustnot, field:value, year:>=2020 and numeric
// conditions on figure fields); the other fields are filters.
type Request struct {
	Query string
	// Office is an office name. With OfficeKeys nil it matches the office
	// and office_full fields as text (a caller without the catalog);
	// RequestFor resolves it to an office identity instead.
	Office string
	// OfficeKeys, when not nil, select the reports filed under these
	// office identity keys (corpus.OfficeKey; empty: none) — the office
	// filter as corpus.Filter means it.
	OfficeKeys   []string
	Region       string   // division code prefix, or the start of a province, city, county or town name
	Level        string   // national|province|city|county|township
	Levels       []string // any of these levels (with Level)
	YearFrom     int      // 0: open
	YearTo       int      // 0: open
	Template     string   // 2019|2021|legacy|unknown
	Templates    []string // any of these templates (with Template)
	FailedChecks bool     // only reports with a failed check
	Timely       string   // C9 "published on time": pass | fail | not_assessable ("": any)
	Sort         string   // score (default), year, -year, or a field name with optional "-"
	Facets       []string // year, province, city, county, level, template, failed
	Limit        int      // default 10, at most MaxLimit
	Offset       int
}

// RequestFor is the search for query restricted by a catalog filter,
// resolved by corpus.Store.Resolve (its office identity keys set), so
// that a filter selects the same reports in search as in compare and
// export. The index holds every rendition: AllRenditions does not apply.
// A check id cannot be searched for (the index knows only whether some
// check failed): ErrBadQuery.
func RequestFor(query string, f corpus.Filter) (Request, error) {
	if f.Check != "" {
		return Request{}, fmt.Errorf("search selects reports with failed checks (failed-checks), not one check id (%s): use gongkai check: %w", f.Check, ErrBadQuery)
	}
	timely, _ := corpus.TimelyStatus(f.Timely)
	return Request{Query: query, Office: f.Office, OfficeKeys: f.OfficeKeys, Region: f.Region, Levels: f.Levels,
		YearFrom: f.YearFrom, YearTo: f.YearTo, Templates: f.Templates, FailedChecks: f.FailedChecks, Timely: timely}, nil
}

// MaxLimit bounds one page of results; MaxWindow bounds Offset+Limit.
const (
	MaxLimit  = 1000
	MaxWindow = 10000
)

// Result is a page of hits with facet counts.
type Result struct {
	Total  uint64                    `json:"total"`
	Hits   []Hit                     `json:"hits"`
	Facets map[string]map[string]int `json:"facets"`
	Took   time.Duration             `json:"-"`
}

// Hit is one matching report.
type Hit struct {
	ID         string        `json:"id"`
	Title      string        `json:"title"`
	Office     string        `json:"office"`
	OfficeFull string        `json:"office_full"`
	Year       int           `json:"year"`
	Published  string        `json:"published"`
	Region     corpus.Region `json:"region"`
	Level      string        `json:"level"`
	Template   string        `json:"template"`
	Failed     bool          `json:"failed_checks"`
	Score      float64       `json:"score"`
	Snippets   []string      `json:"snippets"` // matched words in <mark>…</mark>
	// Also lists the report's other renditions (a page's PDF attachment):
	// they are not hits of their own.
	Also []Rendition `json:"also,omitempty"`
}

// Rendition names another file of the same report.
type Rendition struct {
	ID     string `json:"id"`
	Format string `json:"format"`
}
