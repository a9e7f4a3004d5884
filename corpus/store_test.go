package corpus

import (
	"context"
	"database/sql"
	"errors"
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
