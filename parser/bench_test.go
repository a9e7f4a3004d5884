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
