package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/parser"
)

// exportArchive builds an archive of two synthetic reports (parsed from
// testdata/synth) and returns its directory and the reports.
func exportArchive(t *testing.T) (string, []*corpus.Report) {
	t.Helper()
	dir := t.TempDir()
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var es []corpus.Entry
	var reps []*corpus.Report
	for _, name := range []string{"template-2019.txt", "township-blanks-dashes.txt"} {
		data, err := os.ReadFile(example(name))
		if err != nil {
			t.Fatal(err)
		}
		r, err := parser.Parse(context.Background(), data, name)
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, r)
		es = append(es, corpus.Entry{SHA256: r.Source.SHA256, Size: int64(len(data)), Format: r.Source.Format, Origin: corpus.Origin{Kind: "file", Path: name}, Report: r})
	}
	if err := st.Commit(context.Background(), es); err != nil {
		t.Fatal(err)
	}
	return dir, reps
}

func TestExport_CLI(t *testing.T) {
	dir, reps := exportArchive(t)
	cells := len(reps[0].Cells) + len(reps[1].Cells)
	cases := []struct {
		name  string
		args  []string
		rows  int
		check func(t *testing.T, out string)
	}{
		{"long csv", []string{"--format", "csv"}, cells, func(t *testing.T, out string) {
			recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(recs) != cells+1 || recs[0][0] != "report_id" {
				t.Errorf("%d records, %v", len(recs), err)
			}
		}},
		{"long jsonl, region", []string{"--format", "jsonl", "--region", "桃江县"}, len(reps[1].Cells), func(t *testing.T, out string) {
			blank := false
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				var m map[string]any
				if err := json.Unmarshal([]byte(l), &m); err != nil {
					t.Fatal(err)
				}
				if m["state"] == "blank" {
					blank = true
					if m["value"] != nil {
						t.Errorf("blank cell %s has value %v", m["key"], m["value"])
					}
				}
			}
			if !blank {
				t.Error("no blank cell in the township report")
			}
		}},
		{"wide with BOM", []string{"--wide", "--bom"}, 2, func(t *testing.T, out string) {
			if !strings.HasPrefix(out, "\ufeffreport_id,sha256,") {
				t.Errorf("starts %q", out[:30])
			}
		}},
		{"year filter", []string{"--wide", "--year", "2021..2021", "--format", "jsonl"}, 1, func(t *testing.T, out string) {
			if !strings.Contains(out, `"report_id":"`+reps[1].ID+`"`) {
				t.Errorf("not the 2021 report: %.200s", out)
			}
		}},
		{"level list", []string{"--wide", "--level", "county, national"}, 1, nil},
		{"template", []string{"--wide", "--template", "2019"}, 1, nil},
		{"office none", []string{"--office", "北京"}, 0, nil},
		{"failed checks", []string{"--failed-checks"}, 0, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			args := append([]string{"--archive", dir}, c.args...)
			if err := runExport(context.Background(), args, &out, &errOut); err != nil {
				t.Fatalf("runExport %q: %v\n%s", args, err, errOut.String())
			}
			want := strconv.Itoa(c.rows) + " rows\n"
			if errOut.String() != want {
				t.Errorf("stderr %q, want %q", errOut.String(), want)
			}
			if c.check != nil {
				c.check(t, out.String())
			}
		})
	}
}

func TestExport_CLIFile(t *testing.T) {
	dir, reps := exportArchive(t)
	path := filepath.Join(t.TempDir(), "out.csv")
	var out, errOut bytes.Buffer
	if err := runExport(context.Background(), []string{"--archive", dir, "--wide", "-o", path}, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	if out.Len() != 0 {
		t.Errorf("stdout not empty with -o")
	}
	if !strings.Contains(errOut.String(), "2 rows written to "+path) {
		t.Errorf("stderr %q", errOut.String())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(recs) != 3 || len(recs[1]) != len(corpus.WideColumns()) {
		t.Fatalf("%d records (%v)", len(recs), err)
	}
	if recs[1][0] != min(reps[0].ID, reps[1].ID) {
		t.Errorf("first row %s: rows should be in id order", recs[1][0])
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	if len(ents) != 1 {
		t.Errorf("temporary files left: %v", ents)
	}
}

func TestExport_CLIUsage(t *testing.T) {
	dir, _ := exportArchive(t)
	for _, args := range [][]string{
		{"--format", "xlsx"},
		{"--format", "jsonl", "--bom"},
		{"--year", "twenty"},
		{"--year", "2019..20x"},
		{"extra-argument"},
		{"--no-such-flag"},
	} {
		var out, errOut bytes.Buffer
		err := runExport(context.Background(), append([]string{"--archive", dir}, args...), &out, &errOut)
		if !errors.Is(err, errUsage) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
		if out.Len() != 0 {
			t.Errorf("%q: wrote %q", args, out.String())
		}
	}
}

// TestExport_CLIScale exports the archive named by GONGKAI_EXPORT_ARCHIVE
// (made by corpus's TestExport_MemoryFlat with GONGKAI_EXPORT_SCALE_DIR) to
// a file, for measuring the command's peak RSS with /usr/bin/time -v.
// GONGKAI_EXPORT_WIDE=1 exports the wide format.
func TestExport_CLIScale(t *testing.T) {
	dir := os.Getenv("GONGKAI_EXPORT_ARCHIVE")
	if dir == "" {
		t.Skip("set GONGKAI_EXPORT_ARCHIVE to an archive to measure an export of it")
	}
	args := []string{"--archive", dir, "-o", filepath.Join(t.TempDir(), "out")}
	if os.Getenv("GONGKAI_EXPORT_WIDE") == "1" {
		args = append(args, "--wide")
	}
	var out, errOut bytes.Buffer
	if err := runExport(context.Background(), args, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	t.Log(strings.TrimSpace(errOut.String()))
}
