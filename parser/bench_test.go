package parser

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkParse parses each real sample; the PDF samples also run
// pdftotext -layout on the same file in the same run for the ratio
// (report: ns/op of Parse over ns/op of pdftotext, per page).
func BenchmarkParse(b *testing.B) {
	dir := samplesDir(b)
	files, _ := filepath.Glob(filepath.Join(dir, "*-*.*"))
	synth, _ := filepath.Glob(filepath.Join("..", "testdata", "synth", "*.html"))
	files = append(files, synth...)
	if len(files) == 0 {
		b.Fatal("no files")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		name := filepath.Base(f)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse(context.Background(), data, name); err != nil {
					b.Fatal(err)
				}
			}
		})
		if filepath.Ext(f) == ".pdf" {
			if _, err := exec.LookPath("pdftotext"); err != nil {
				continue
			}
			b.Run(name+"/pdftotext", func(b *testing.B) {
				for b.Loop() {
					if err := exec.Command("pdftotext", "-layout", f, os.DevNull).Run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkParseSet parses every file of the directory $GONGKAI_PARSE_SET
// (a benchmark input set such as `scripts/benchset -realsize`'s) once per
// iteration, in one goroutine: the parse CPU an import pays for that set,
// without the catalog and the index. Run it on two builds to compare.
func BenchmarkParseSet(b *testing.B) {
	dir := os.Getenv("GONGKAI_PARSE_SET")
	if dir == "" {
		b.Skip("GONGKAI_PARSE_SET (a directory of input files) is not set")
	}
	type file struct {
		name string
		data []byte
	}
	var files []file
	size := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, file{p, data})
		size += len(data)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(files) == 0 {
		b.Fatalf("no files in %s", dir)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			// Refusals (not a report) are part of the work, not failures.
			_, _ = ParseWith(context.Background(), f.data, f.name, Options{})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(files))/1e6, "ms/file")
}
