package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai/index"
)

// TestSearchBesideServe runs two real processes: gongkai serve holds the
// archive, and gongkai search, show, export and compare run beside it.
func TestSearchBesideServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "gongkai")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	archive := filepath.Join(tmp, "archive")
	// Every command gets a deadline, so that a hang fails here, naming
	// the command, rather than timing out the whole package.
	run := func(args ...string) (string, error) {
		cctx, ccancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer ccancel()
		cmd := exec.CommandContext(cctx, bin, args...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		if cctx.Err() != nil {
			t.Fatalf("gongkai %s did not finish in 3 minutes:\n%s%s", strings.Join(args, " "), out.String(), errb.String())
		}
		if err != nil {
			return out.String() + errb.String(), err
		}
		return out.String(), nil
	}
	files := []string{example("example-2021.txt"), example("example-2021.html"), example("legacy-2010.txt")}
	if out, err := run(append([]string{"import", "--archive", archive}, files...)...); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	serve := exec.CommandContext(ctx, bin, "serve", "--archive", archive, "--addr", "127.0.0.1:0")
	var serveLog bytes.Buffer
	serve.Stderr = &serveLog
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); serve.Wait() }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(archive, serveFile)); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", serveLog.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	out, err := run("search", "--archive", archive, "--json", "--facets", "year", "政府信息公开")
	if err != nil {
		t.Fatalf("search beside serve: %v\n%s\nserve: %s", err, out, serveLog.String())
	}
	var res index.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search output: %v\n%s", err, out)
	}
	if res.Total != 2 || len(res.Hits) != 2 {
		t.Fatalf("search: total %d, %d hits, want 2 reports (the page and text of example-2021 are one)\n%s", res.Total, len(res.Hits), out)
	}
	also := 0
	for _, h := range res.Hits {
		also += len(h.Also)
	}
	if also != 1 {
		t.Errorf("search: %d other renditions listed, want 1\n%s", also, out)
	}
	if out, err := run("search", "--archive", archive, "政府信息公开"); err != nil || !strings.Contains(out, "also as: ") {
		t.Errorf("search as text: %v, want the other rendition listed\n%s", err, out)
	}
	if out, err := run("search", "--archive", archive, `"unclosed`); err == nil || !strings.Contains(out, "not closed") {
		t.Errorf("bad query through serve: %v\n%s", err, out)
	}
	for _, args := range [][]string{
		{"show", "--archive", archive, res.Hits[0].ID},
		{"export", "--archive", archive, "--format", "csv"},
		{"compare", "--archive", archive, "--office", res.Hits[0].Office},
	} {
		if out, err := run(args...); err != nil || strings.TrimSpace(out) == "" {
			t.Errorf("%s beside serve: %v\n%s", args[0], err, out)
		}
	}
}
