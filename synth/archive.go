package synth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"gongkai/corpus"
)

// ManifestSchema names the version of manifest.json.
const ManifestSchema = "gongkai.synth-manifest/v1"

// Manifest describes an archive written by WriteArchive.
type Manifest struct {
	Schema string          `json:"schema"`
	Seed   uint64          `json:"seed"`
	Count  int             `json:"count"`
	Notes  []string        `json:"notes,omitempty"`
	Files  []ManifestEntry `json:"files"`
}

// ManifestEntry is one file of the archive and what a parser should find in it.
type ManifestEntry struct {
	File       string `json:"file"` // name relative to the archive directory
	Format     string `json:"format"`
	Encoding   string `json:"encoding,omitempty"`
	SHA256     string `json:"sha256"`
	Size       int64  `json:"size"`
	Broken     string `json:"broken,omitempty"`      // RenderBroken kind, "" for a normal report
	BrokenRule string `json:"broken_rule,omitempty"` // C1…C4 for reports with deliberately bad tables
	// Truth is the expected record (nil for files that hold no report), with
	// ID and Source filled for this file. To keep manifests of tens of
	// thousands of reports small, its Cells list only the cells that are not
	// plain numbers (blank, dash, or raw text other than the value, such as
	// "251000元" or "+3"); every value is in Tables.
	Truth *corpus.Report `json:"truth,omitempty"`
}

// job is one file to write.
type job struct {
	idx    int
	spec   *Spec
	format string // html|text|markdown|docx|pdf|doc, or broken
	broken string
	seed   uint64
}

// WriteArchive writes n files into dir: reports in mixed formats (mostly
// HTML and text, some Markdown and DOCX); only the first pdfPool reports get
// PDF or DOC renditions through LibreOffice (slow), and a share
// opt.BrokenShare of the files are RenderBroken files. It writes
// manifest.json beside the files and returns the manifest. Without
// LibreOffice the pool reports are written as DOCX and a note says so.
func WriteArchive(ctx context.Context, dir string, opt Options, n int, pdfPool int) (Manifest, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Manifest{}, fmt.Errorf("archive %s: %w", dir, err)
	}
	specs := Generate(opt, n)
	jobs := planArchive(opt, specs, pdfPool)
	m := Manifest{Schema: ManifestSchema, Seed: opt.Seed, Count: n, Files: make([]ManifestEntry, len(jobs))}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		noLO     bool
	)
	conv := make(chan struct{}, max(1, min(4, runtime.NumCPU()/2)))
	work := make(chan job)
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				e, err := writeJob(ctx, dir, j, conv)
				if errors.Is(err, ErrNoLibreOffice) {
					j.format = "docx"
					e, err = writeJob(ctx, dir, j, conv)
					mu.Lock()
					noLO = true
					mu.Unlock()
				}
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				m.Files[j.idx] = e
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		work <- j
	}
	close(work)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	if firstErr != nil {
		return m, fmt.Errorf("archive %s: %w", dir, firstErr)
	}
	if noLO {
		m.Notes = append(m.Notes, "LibreOffice not found: PDF/DOC pool reports were written as DOCX")
	}
	return m, writeManifest(dir, &m)
}

// planArchive decides the format of every file.
func planArchive(opt Options, specs []Spec, pdfPool int) []job {
	r := rand.New(rand.NewPCG(opt.Seed, 0xA2C417E))
	kinds := BrokenKinds()
	jobs := make([]job, len(specs))
	pool := 0
	for i := range specs {
		j := job{idx: i, spec: &specs[i], seed: r.Uint64()}
		switch x := r.Float64(); {
		case opt.BrokenShare > 0 && r.Float64() < opt.BrokenShare:
			j.format, j.broken = "broken", kinds[r.IntN(len(kinds))]
		case pool < pdfPool:
			j.format = "pdf"
			if pool%3 == 2 {
				j.format = "doc"
			}
			pool++
		case x < 0.50:
			j.format = "html"
		case x < 0.78:
			j.format = "text"
		case x < 0.88:
			j.format = "markdown"
		default:
			j.format = "docx"
		}
		jobs[i] = j
	}
	return jobs
}

var formatExt = map[string]string{"html": ".html", "text": ".txt", "markdown": ".md", "docx": ".docx", "pdf": ".pdf", "doc": ".doc"}

// render produces the bytes of a job.
func render(ctx context.Context, j job, conv chan struct{}) (name string, data []byte, s *Spec, err error) {
	s = j.spec
	name = s.ID + formatExt[j.format]
	switch j.format {
	case "broken":
		bn, d, bs := brokenFile(j.broken, j.seed)
		return s.ID + "-" + bn, d, bs, nil
	case "html":
		return name, RenderHTML(*s), s, nil
	case "text":
		return name, RenderText(*s), s, nil
	case "markdown":
		return name, RenderMarkdown(*s), s, nil
	}
	d, err := RenderDOCX(*s)
	if err != nil || j.format == "docx" {
		return name, d, s, err
	}
	select {
	case conv <- struct{}{}:
	case <-ctx.Done():
		return name, nil, s, ctx.Err()
	}
	defer func() { <-conv }()
	d, err = Convert(ctx, d, j.format)
	return name, d, s, err
}

func writeJob(ctx context.Context, dir string, j job, conv chan struct{}) (ManifestEntry, error) {
	name, data, s, err := render(ctx, j, conv)
	if err != nil {
		return ManifestEntry{File: name}, fmt.Errorf("%s: %w", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		return ManifestEntry{File: name}, fmt.Errorf("write %s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	e := ManifestEntry{File: name, Format: j.format, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), Broken: j.broken}
	format, enc := sourceFormat(j)
	if j.broken == "" {
		e.Encoding = enc
	}
	if s != nil {
		t := manifestTruth(s, name, e.SHA256, format, enc, e.Size)
		e.Truth, e.BrokenRule = t, s.BrokenRule
	}
	return e, nil
}

// sourceFormat is the corpus.Source format and encoding of a job's file.
func sourceFormat(j job) (string, string) {
	switch j.broken {
	case BrokenUTF16Text:
		return "text", "utf-16le"
	case BrokenGBKText:
		return "text", "gb18030"
	case BrokenWrongExtension:
		return "docx", "binary"
	}
	switch j.format {
	case "html":
		return "html", "gb18030"
	case "text", "markdown":
		return j.format, "utf-8"
	}
	return j.format, "binary"
}

// manifestTruth copies the truth for one file: ID and Source filled, plain
// number cells dropped.
func manifestTruth(s *Spec, name, sha, format, enc string, size int64) *corpus.Report {
	t := s.Truth
	t.ID = sha[:12]
	t.Source = corpus.Source{Path: name, SHA256: sha, Format: format, Encoding: enc, Size: size}
	var cells []corpus.Cell
	for _, c := range s.Truth.Cells {
		if c.State != corpus.StateNumber || c.Value == nil || c.Raw != corpus.FormatValue(*c.Value) {
			cells = append(cells, c)
		}
	}
	t.Cells = cells
	return &t
}

func writeManifest(dir string, m *Manifest) error {
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	tmp := filepath.Join(dir, "manifest.json.tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "manifest.json")); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	return nil
}
