package walk

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkWalk walks a directory of 20,000 small files (100 directories
// of 200), without and with reading every file.
func BenchmarkWalk(b *testing.B) {
	dir := b.TempDir()
	const dirs, files = 100, 200
	body := []byte("<html><body>政府信息公开工作年度报告</body></html>")
	for d := range dirs {
		for f := range files {
			write(b, dir, fmt.Sprintf("d%03d/f%03d.html", d, f), body)
		}
	}
	for _, read := range []bool{false, true} {
		b.Run(fmt.Sprintf("read=%v", read), func(b *testing.B) {
			items := 0
			for b.Loop() {
				err := Walk(context.Background(), []string{dir}, Options{}, func(it Item) error {
					items++
					if read {
						_, err := it.Read()
						return err
					}
					return it.Err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			if items != b.N*dirs*files {
				b.Fatalf("%d items in %d walks, want %d each", items, b.N, dirs*files)
			}
			b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
		})
	}
}

// BenchmarkCount counts the same tree.
func BenchmarkCount(b *testing.B) {
	dir := b.TempDir()
	body := []byte("<html><body>政府信息公开工作年度报告</body></html>")
	for d := range 100 {
		for f := range 200 {
			write(b, dir, fmt.Sprintf("d%03d/f%03d.html", d, f), body)
		}
	}
	for b.Loop() {
		n, err := Count(context.Background(), []string{dir}, Options{})
		if err != nil || n != 20000 {
			b.Fatalf("Count = %d, %v", n, err)
		}
	}
}
