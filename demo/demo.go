// Package demo builds the demo archive `gongkai serve --demo` serves: the
// same generated offices reporting year after year in every format the
// parser reads, the project's ready-made PDF, DOCX and DOC renditions
// (embedded in the binary: package gongkai), and the real samples when
// they are at hand. It needs no source tree: it runs the same from any
// working directory and from an installed binary.
package demo

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gongkai"
	"gongkai/corpus"
	"gongkai/index"
	bleveindex "gongkai/index/bleve"
	"gongkai/ingest"
	"gongkai/synth"
)

// Options say what demo archive Build makes.
type Options struct {
	Offices int    // offices followed over the years (default 36)
	Years   []int  // reporting years (default 2017–2024)
	Seed    uint64 // generator seed (default 7)
	// Extra are more files or directories to import: the project's
	// ready-made PDF and DOCX renditions and the real samples, as Inputs
	// lists them.
	Extra []string
	Log   io.Writer // progress lines (default: discarded)
}

// Summary says what Build made.
type Summary struct {
	Generated int // report files generated
	Extra     int // extra files and directories imported
	Summary   ingest.Summary
	Elapsed   time.Duration
}

// Build generates a demo set into dir/files — the same offices
// reporting year after year, with a few gaps and a few reports whose
// tables do not add up, mostly as HTML and text, some Markdown and DOCX —
// and imports it with opt.Extra into a new archive in dir/archive, the
// search index fed and finished. It returns the open archive and index,
// ready for server.NewWith.
func Build(ctx context.Context, dir string, opt Options) (*corpus.Store, index.Backend, Summary, error) {
	start := time.Now()
	if opt.Offices <= 0 {
		opt.Offices = 36
	}
	if len(opt.Years) == 0 {
		for y := 2017; y <= 2024; y++ {
			opt.Years = append(opt.Years, y)
		}
	}
	if opt.Seed == 0 {
		opt.Seed = 7
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	var sum Summary
	files := filepath.Join(dir, "files")
	n, err := writeDemoFiles(files, opt)
	if err != nil {
		return nil, nil, sum, err
	}
	sum.Generated, sum.Extra = n, len(opt.Extra)
	fmt.Fprintf(opt.Log, "demo: generated %d reports of %d offices over %d–%d; importing them", n, opt.Offices, opt.Years[0], opt.Years[len(opt.Years)-1])
	if len(opt.Extra) > 0 {
		fmt.Fprintf(opt.Log, " with %d more files and folders", len(opt.Extra))
	}
	fmt.Fprintln(opt.Log)
	st, err := corpus.Open(filepath.Join(dir, "archive"))
	if err != nil {
		return nil, nil, sum, err
	}
	// The archive's index directory, where server.IndexDir and gongkai
	// index look for it (demo cannot import server: server's tests use demo).
	x, err := bleveindex.Open(filepath.Join(st.Dir(), "index"), bleveindex.Options{})
	if err != nil {
		st.Close()
		return nil, nil, sum, fmt.Errorf("demo: create the search index: %w", err)
	}
	fail := func(err error) (*corpus.Store, index.Backend, Summary, error) {
		x.Close()
		st.Close()
		return nil, nil, sum, err
	}
	paths := append([]string{files}, opt.Extra...)
	sum.Summary, err = ingest.Import(ctx, st, paths, ingest.Options{Index: x})
	if err != nil {
		return fail(fmt.Errorf("demo: import: %w", err))
	}
	if err := x.Finish(ctx); err != nil {
		return fail(fmt.Errorf("demo: finish the search index: %w", err))
	}
	sum.Elapsed = time.Since(start)
	return st, x, sum, nil
}

// writeDemoFiles renders the demo reports into dir and returns how many.
func writeDemoFiles(dir string, opt Options) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("demo: %w", err)
	}
	n := 0
	for i, s := range demoSpecs(opt) {
		var (
			data []byte
			ext  string
			err  error
		)
		switch (i*7 + s.Truth.Year) % 10 {
		case 0, 1, 2, 3, 4:
			data, ext = synth.RenderHTML(s), ".html"
		case 5, 6, 7:
			data, ext = synth.RenderText(s), ".txt"
		case 8:
			data, ext = synth.RenderMarkdown(s), ".md"
		default:
			data, err = synth.RenderDOCX(s)
			ext = ".docx"
		}
		if err != nil {
			return n, fmt.Errorf("demo: render %s: %w", s.Truth.Title, err)
		}
		name := filepath.Join(dir, fmt.Sprintf("%d-%03d%s", s.Truth.Year, i, ext))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return n, fmt.Errorf("demo: %w", err)
		}
		n++
	}
	return n, nil
}

// demoSpecs draws a pool of reports over the years and keeps, for the
// opt.Offices offices reporting in the most years, one report per office
// and year: offices followed over time, with the gaps real archives have.
func demoSpecs(opt Options) []synth.Spec {
	pool := synth.Generate(synth.Options{Seed: opt.Seed, Years: opt.Years, BadArithmeticShare: 0.05}, 45*len(opt.Years)*opt.Offices/8)
	byOffice := map[string]map[int]int{} // office → year → index in pool
	for i, s := range pool {
		o := s.Truth.OfficeFull
		if byOffice[o] == nil {
			byOffice[o] = map[int]int{}
		}
		if _, dup := byOffice[o][s.Truth.Year]; !dup {
			byOffice[o][s.Truth.Year] = i
		}
	}
	offices := make([]string, 0, len(byOffice))
	for o := range byOffice {
		offices = append(offices, o)
	}
	sort.Slice(offices, func(a, b int) bool {
		na, nb := len(byOffice[offices[a]]), len(byOffice[offices[b]])
		if na != nb {
			return na > nb
		}
		return offices[a] < offices[b]
	})
	var out []synth.Spec
	for _, o := range offices[:min(opt.Offices, len(offices))] {
		for _, y := range opt.Years {
			if i, ok := byOffice[o][y]; ok {
				out = append(out, pool[i])
			}
		}
	}
	return out
}

// Inputs writes the embedded renditions (gongkai.Renditions: the PDF,
// DOCX and DOC files of testdata/synth) into dir and lists what the demo
// imports beside its generated reports: paths are the PDF and DOCX files
// and the real samples' folder ($GONGKAI_SAMPLES, else ../shared/samples
// from the working directory, as beside a checkout of the project) when
// it is there; later are the .doc files — LibreOffice converts each in
// seconds (and without it they fail as needs-libreoffice), so the demo
// imports them once it is serving. The notes say what was not found.
func Inputs(dir string) (paths, later, notes []string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, nil, fmt.Errorf("demo: %w", err)
	}
	err = fs.WalkDir(gongkai.Renditions, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := gongkai.Renditions.ReadFile(p)
		if err != nil {
			return err
		}
		name := filepath.Join(dir, path.Base(p))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return err
		}
		if strings.HasSuffix(name, ".doc") {
			later = append(later, name)
		} else {
			paths = append(paths, name)
		}
		return nil
	})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("demo: write the embedded renditions: %w", err)
	}
	samples := os.Getenv("GONGKAI_SAMPLES")
	if samples == "" {
		samples = filepath.Join("..", "shared", "samples")
	}
	if fi, err := os.Stat(samples); err == nil && fi.IsDir() {
		paths = append(paths, samples)
	} else {
		notes = append(notes, "no real samples at "+samples+" (set $GONGKAI_SAMPLES to add them)")
	}
	return paths, later, notes, nil
}
