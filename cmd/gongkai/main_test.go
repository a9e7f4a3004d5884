package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func example(name string) string { return filepath.Join("..", "..", "testdata", "synth", name) }

func TestParse_JSON(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"parse", example("example-2021.html"), "--json", example("example-2021.txt")}, &out, &errOut)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want one JSON object per file", len(lines))
	}
	var recs []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"schema", "id", "source", "title", "office", "office_full", "region", "level", "kind", "year", "published", "template", "templates", "sections", "tables", "cells", "figures", "checks", "diagnostics", "parser_version"} {
			if _, ok := m[k]; !ok {
				t.Errorf("key %q missing", k)
			}
		}
		recs = append(recs, m)
	}
	if a, b := recs[0]["tables"], recs[1]["tables"]; !jsonEqual(a, b) {
		t.Errorf("the HTML and text renditions give different tables")
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestParse_FailureDoesNotStopOthers(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"parse", example("broken/broken-image-000003ea.png"), "missing-file.html", example("example-2021.txt")}, &out, &errOut)
	if !errors.Is(err, errSomeFailed) {
		t.Fatalf("err = %v, want errSomeFailed", err)
	}
	if !strings.Contains(out.String(), "罗山街道办事处") {
		t.Errorf("the good file was not printed:\n%s", out.String())
	}
	for _, want := range []string{"broken-image-000003ea.png", "missing-file.html"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr does not name %s:\n%s", want, errOut.String())
		}
	}
}

func TestUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	for _, args := range [][]string{nil, {"nope"}, {"parse"}} {
		if err := run(context.Background(), args, &out, &errOut); !errors.Is(err, errUsage) {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
	}
}
