package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func sampleReport(sha, office string, year int, granted float64, failed bool) *Report {
	v := granted
	r := &Report{Schema: ReportSchema, ID: sha[:12], Source: Source{Path: "x.html", SHA256: sha, Format: "html"},
		Title: office + "年报", Office: office, OfficeFull: "晋江市" + office, Year: year, Template: Template2021, ParserVersion: "test/1",
		Tables: Tables{Apply: map[string][]*float64{"granted": {&v, nil, nil, nil, nil, nil, &v}}},
		Cells:  []Cell{{Key: "apply.granted.natural_person", Value: &v, Raw: "2", State: StateNumber}, {Key: "apply.granted.commercial", Raw: "", State: StateBlank}},
		Checks: []Check{{ID: "C1", Status: CheckPass, Cells: []string{"apply.granted.total"}}}}
	if failed {
		r.Checks[0].Status = CheckFail
	}
	return r
}

func TestStore_CommitAndQuery(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, b := []byte("page"), []byte("pdf attachment")
	sa, sb := Hash(a), Hash(b)
	for sha, data := range map[string][]byte{sa: a, sb: b} {
		if err := s.PutBlob(sha, data); err != nil {
			t.Fatal(err)
		}
	}
	// Two renditions of one report (same office, year, tables): the one
	// whose checks pass is primary even though it was committed first.
	err = s.Commit(ctx, []Entry{
		{SHA256: sa, Size: 4, Format: "html", Origin: Origin{Kind: "file", Path: "a.html"}, Report: sampleReport(sa, "青阳街道办事处", 2020, 2, false)},
		{SHA256: sb, Size: 14, Format: "pdf", Origin: Origin{Kind: "zip", Path: "x.zip", Member: "年报/a.pdf"}, Report: sampleReport(sb, "青阳街道办事处", 2020, 2, true)},
		{Origin: Origin{Kind: "file", Path: "unreadable.doc"}, Failure: &Failure{Stage: "read", Reason: "unreadable", Error: "permission denied"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 || st.Reports != 2 || st.Primary != 1 || st.Cells != 4 || st.Failures != 1 || st.FailedChecks != 1 {
		t.Errorf("stats %+v", st)
	}
	var primary string
	if err := s.db.QueryRow(`SELECT id FROM reports WHERE primary_rendition`).Scan(&primary); err != nil || primary != sa[:12] {
		t.Errorf("primary rendition %s (%v), want %s", primary, err, sa[:12])
	}
	// Blank is not zero: the blank cell is NULL.
	var v sql.NullFloat64
	if err := s.db.QueryRow(`SELECT value FROM cells WHERE report_id = ? AND tbl='apply' AND row='granted' AND col='commercial'`, sa[:12]).Scan(&v); err != nil || v.Valid {
		t.Errorf("blank cell = %v, %v", v, err)
	}
	r, err := s.Report(ctx, sa[:8])
	if err != nil || r.Office != "青阳街道办事处" {
		t.Fatalf("Report by prefix: %v %v", r, err)
	}
	if _, err := s.Report(ctx, "ffffffffffff"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing report: %v", err)
	}
	fs, err := s.Failures(ctx, "unreadable")
	if err != nil || len(fs) != 1 || fs[0].Path != "unreadable.doc" {
		t.Errorf("failures %+v %v", fs, err)
	}
	// A failure recorded again counts attempts.
	if err := s.Commit(ctx, []Entry{{Origin: Origin{Kind: "file", Path: "unreadable.doc"}, Failure: &Failure{Stage: "read", Reason: "unreadable", Error: "still"}}}); err != nil {
		t.Fatal(err)
	}
	if fs, _ := s.Failures(ctx, ""); fs[0].Attempts != 2 {
		t.Errorf("attempts %d", fs[0].Attempts)
	}
	out, err := s.Outdated(ctx, "test/2")
	if err != nil || len(out) != 2 {
		t.Errorf("outdated %v %v", out, err)
	}
	if k, _ := s.Known(ctx, sa); k != "report" {
		t.Errorf("known %q", k)
	}
	s.Close()

	// Reopen: the schema is not migrated twice, the data is there.
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st2, _ := s.Stats(ctx); st2.Reports != 2 {
		t.Errorf("after reopen: %+v", st2)
	}
}

func TestStore_Verify(t *testing.T) {
	ctx := context.Background()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	good, bad, gone := []byte("good"), []byte("bad"), []byte("gone")
	for _, d := range [][]byte{good, bad, gone} {
		if err := s.PutBlob(Hash(d), d); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit(ctx, []Entry{{SHA256: Hash(d), Size: int64(len(d)), Origin: Origin{Kind: "file", Path: string(d)}, Failure: &Failure{Stage: "parse", Reason: "not-a-report"}}}); err != nil {
			t.Fatal(err)
		}
	}
	orphan := []byte("orphan")
	if err := s.PutBlob(Hash(orphan), orphan); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.BlobPath(Hash(bad)), []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(s.BlobPath(Hash(gone))); err != nil {
		t.Fatal(err)
	}
	probs, err := s.Verify(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, p := range probs {
		kinds[p.SHA256] = p.Kind
	}
	want := map[string]string{Hash(bad): "corrupt-blob", Hash(gone): "missing-blob", Hash(orphan): "orphan-blob"}
	if len(kinds) != len(want) {
		t.Errorf("problems %+v", probs)
	}
	for sha, k := range want {
		if kinds[sha] != k {
			t.Errorf("%s: %q, want %q", sha[:8], kinds[sha], k)
		}
	}
}

func TestStore_RefusesNewerSchema(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(dir); err == nil {
		t.Fatal("opened a catalog with a newer schema")
	}
	if _, err := os.Stat(filepath.Join(dir, "catalog.db")); err != nil {
		t.Fatal(err)
	}
}

func TestSplitKey(t *testing.T) {
	for key, want := range map[string][3]string{
		"apply.granted.total":          {"apply", "granted", "total"},
		"review.total":                 {"review", "", "total"},
		"active.a20_1.normative.valid": {"active", "a20_1.normative", "valid"},
	} {
		a, b, c := splitKey(key)
		if [3]string{a, b, c} != want {
			t.Errorf("splitKey(%q) = %q %q %q", key, a, b, c)
		}
	}
}

// TestStore_MigrateSigned opens a catalog written at schema version 1 (no
// signed column): the migration adds the column and fills it from the
// records that carry the key.
func TestStore_MigrateSigned(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{migrations[0], "PRAGMA user_version = 1",
		`INSERT INTO documents (sha256, size, added_at) VALUES ('aa', 1, 'x'), ('bb', 1, 'x')`,
		`INSERT INTO reports (id, sha256, title, office, office_full, province, city, county, town, region_code, level, kind, year, published, template,
			checks_failed, uncertain, status, rendition_key, parser_version, parsed_at, record)
		 VALUES ('a', 'aa', '', '', '', '', '', '', '', '', '', '', 2020, '2021-01-09', '', 0, 0, 'ok', 'k1', 'v', 'x', '{"signed":"2021-01-05"}'),
		        ('b', 'bb', '', '', '', '', '', '', '', '', '', '', 2020, '', '', 0, 0, 'ok', 'k2', 'v', 'x', '{}')`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q[:min(len(q), 40)], err)
		}
	}
	db.Close()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := map[string]string{}
	rows, err := s.db.Query("SELECT id, signed FROM reports")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, signed string
		if err := rows.Scan(&id, &signed); err != nil {
			t.Fatal(err)
		}
		got[id] = signed
	}
	if got["a"] != "2021-01-05" || got["b"] != "" || len(got) != 2 {
		t.Errorf("signed after migration = %v, want a=2021-01-05, b=\"\"", got)
	}
}

// A new catalog has catalogPageSize pages in WAL mode; a catalog made
// before with 4 KiB pages keeps them and opens as before.
func TestStore_PageSize(t *testing.T) {
	pragma := func(dir, q string) string {
		t.Helper()
		db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "catalog.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var v string
		if err := db.QueryRow("PRAGMA " + q).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if got := pragma(dir, "page_size"); got != "16384" {
		t.Errorf("new catalog: page_size %s, want 16384", got)
	}
	if got := pragma(dir, "journal_mode"); got != "wal" {
		t.Errorf("new catalog: journal_mode %s, want wal", got)
	}

	old := t.TempDir()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(old, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"PRAGMA page_size = 4096", "PRAGMA journal_mode = WAL", "CREATE TABLE t (x)", "DROP TABLE t"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	st, err = Open(old)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(context.Background(), []Entry{{SHA256: Hash([]byte("x")), Size: 1, Origin: Origin{Kind: "file", Path: "x.txt"}}}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if got := pragma(old, "page_size"); got != "4096" {
		t.Errorf("older catalog: page_size %s, want 4096 kept", got)
	}
}

// Cells and checks go in multi-row INSERTs of several sizes: every row of a
// report with counts that use each size is stored, in order (a key given
// twice keeps the later value, as one INSERT per row did).
func TestStore_CommitManyRows(t *testing.T) {
	ctx := context.Background()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	data := []byte("many rows")
	sha := Hash(data)
	if err := s.PutBlob(sha, data); err != nil {
		t.Fatal(err)
	}
	r := sampleReport(sha, "青阳街道办事处", 2021, 1, false)
	r.Cells, r.Checks = nil, nil
	const cells, checks = 32 + 8 + 4 + 2 + 1 + 32 + 3, 8 + 4 + 2 + 1 + 8 + 1
	for i := range cells - 1 {
		v := float64(i)
		r.Cells = append(r.Cells, Cell{Key: fmt.Sprintf("active.r%d.valid", i), Value: &v, Raw: fmt.Sprint(i), State: StateNumber})
	}
	last := 999.0
	r.Cells = append(r.Cells, Cell{Key: "active.r5.valid", Value: &last, Raw: "999", State: StateNumber})
	for i := range checks {
		r.Checks = append(r.Checks, Check{ID: fmt.Sprintf("X%d", i), Status: CheckPass, Detail: fmt.Sprint(i), Cells: []string{"k"}})
	}
	if err := s.Commit(ctx, []Entry{{SHA256: sha, Size: int64(len(data)), Format: "text", Origin: Origin{Kind: "file", Path: "m.txt"}, Report: r}}); err != nil {
		t.Fatal(err)
	}
	var n, sum int
	if err := s.db.QueryRow(`SELECT count(*), sum(value) FROM cells WHERE report_id = ?`, r.ID).Scan(&n, &sum); err != nil {
		t.Fatal(err)
	}
	// cells-1 distinct keys 0 … cells-2, key r5 replaced by 999.
	if want := (cells-2)*(cells-1)/2 - 5 + 999; n != cells-1 || sum != want {
		t.Errorf("cells: %d rows summing to %d, want %d and %d", n, sum, cells-1, want)
	}
	rows, err := s.db.Query(`SELECT id, detail FROM checks WHERE report_id = ?`, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]string{}
	for rows.Next() {
		var id, detail string
		if err := rows.Scan(&id, &detail); err != nil {
			t.Fatal(err)
		}
		got[id] = detail
	}
	// Commit adds the timeliness check to the report's own.
	if len(got) != len(r.Checks) || len(r.Checks) < checks {
		t.Errorf("%d checks stored, want %d", len(got), len(r.Checks))
	}
	for i := range checks {
		if got[fmt.Sprintf("X%d", i)] != fmt.Sprint(i) {
			t.Errorf("check X%d: %q", i, got[fmt.Sprintf("X%d", i)])
		}
	}
}
