package parser

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/parser/ocr"
	"gongkai/synth"
)

// TestOCRCompare compares the OCR engines on the same scans (issue 10):
// Tesseract 5 (Debian, the default) and PaddleOCR's PP-OCRv4 models in
// ONNX, run by the Node helper in scripts/ocr-compare. The page analysis
// (deskew, grids, cell crops) is the same; only recognition differs. It
// prints cells right / uncertain / wrong and not flagged, metadata, CPU
// seconds per page (this process and the engine's, so run it under
// `taskset -c 0`) and install weight.
//
// Not run by CI: it needs node and `npm install` in scripts/ocr-compare.
//
//	(cd scripts/ocr-compare && npm install --ignore-scripts)
//	GONGKAI_OCR_COMPARE=1 taskset -c 0 go test ./parser -run TestOCRCompare -v -timeout 60m
//
// GONGKAI_OCR_COMPARE=N compares on the first N generated reports (1 by
// default), GONGKAI_OCR_DPI picks the scans (default 200 and 150).
func TestOCRCompare(t *testing.T) {
	if os.Getenv("GONGKAI_OCR_COMPARE") == "" {
		t.Skip("engine comparison: set GONGKAI_OCR_COMPARE=1 (needs node and npm install in scripts/ocr-compare)")
	}
	needOCRTools(t)
	tess, err := ocr.Find()
	if err != nil {
		t.Skip(err)
	}
	dir, _ := filepath.Abs(filepath.Join("..", "scripts", "ocr-compare"))
	paddle, err := ocr.NewPaddle(dir)
	if err != nil {
		t.Skip(err)
	}
	n := 1
	fmt.Sscan(os.Getenv("GONGKAI_OCR_COMPARE"), &n)
	names := []string{"example-2021", "template-2019", "city-large", "broken-c1", "straggler-2022-on-2019", "township-blanks-dashes"}
	names = names[:max(1, min(n, len(names)))]
	scans := []synth.Scan{ocrScans[1], ocrScans[2]}
	if d := os.Getenv("GONGKAI_OCR_DPI"); d != "" {
		scans = nil
		for _, sc := range ocrScans {
			if strings.Contains(","+d+",", fmt.Sprintf(",%d,", sc.DPI)) {
				scans = append(scans, sc)
			}
		}
	}
	type row struct {
		engine, scan string
		ocrTally
	}
	var rows []row
	load0 := loadAvg()
	for _, name := range names {
		pdf, err := os.ReadFile(filepath.Join("..", "testdata", "synth", name+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		var truth corpus.Report
		if err := readJSON(filepath.Join("..", "testdata", "synth", name+".truth.json"), &truth); err != nil {
			t.Fatal(err)
		}
		ref, _, _, err := measuredParse(pdf, name+".pdf")
		if err != nil {
			t.Fatal(err)
		}
		for _, sc := range scans {
			sc.Seed += uint64(len(name))
			img, err := synth.ScanPDF(context.Background(), pdf, sc)
			if err != nil {
				t.Fatal(err)
			}
			for _, eng := range []*ocr.Engine{tess, paddle} {
				ocr.Use(eng)
				got, cpu, _, err := measuredParse(img, name+"-"+sc.Name()+".pdf")
				ocr.Use(nil)
				if err != nil {
					t.Errorf("%s %s %s: %v", eng.Name(), name, sc.Name(), err)
					continue
				}
				tl := compareOCR(name+"-"+sc.Name()+" "+eng.Name(), got, truth.Cells, ref)
				tl.pages, tl.cpu = got.Source.Pages, cpu
				t.Logf("%s %s %s: cells %d right %d uncertain %d wrong %d missing %d; metadata %d/%d; %.1f s CPU for %d pages",
					eng.Name(), name, sc.Name(), tl.cells, tl.right, tl.uncertain, tl.wrong, tl.missing, tl.metaRight, tl.meta, cpu.Seconds(), tl.pages)
				key := eng.Name() + "\x00" + sc.Name()
				found := false
				for i := range rows {
					if rows[i].engine+"\x00"+rows[i].scan == key {
						rows[i].add(tl)
						found = true
					}
				}
				if !found {
					rows = append(rows, row{eng.Name(), sc.Name(), tl})
				}
			}
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\nengine comparison, %d generated report(s) (load average before %s, after %s)\n", len(names), load0, loadAvg())
	sb.WriteString("| engine | scan | cells | right | uncertain | wrong, not flagged | metadata | CPU s/page |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&sb, "| %s | %s | %d | %.2f%% | %.2f%% | %.2f%% | %.1f%% | %.2f |\n", r.engine, r.scan, r.cells,
			pct(r.right, r.cells), pct(r.uncertain, r.cells), pct(r.wrong, r.cells), pct(r.metaRight, r.meta), r.cpu.Seconds()/float64(max(r.pages, 1)))
	}
	fmt.Fprintf(&sb, "install weight: tesseract %s; paddleocr %s\n", debianWeight(), dirWeight(dir))
	t.Log(sb.String())
	for _, r := range rows {
		for _, w := range r.wrongs {
			t.Log("  " + w)
		}
	}
}

// debianWeight sums the installed size of the Debian packages of the
// Tesseract engine (dpkg's Installed-Size).
func debianWeight() string {
	pkgs := []string{"tesseract-ocr", "libtesseract5", "liblept5", "tesseract-ocr-chi-sim", "tesseract-ocr-eng", "tesseract-ocr-osd"}
	out, err := exec.Command("dpkg-query", append([]string{"-W", "-f=${Installed-Size}\n"}, pkgs...)...).Output()
	if err != nil {
		return "unknown (dpkg-query: " + err.Error() + ")"
	}
	kb := 0
	for _, f := range strings.Fields(string(out)) {
		var v int
		fmt.Sscan(f, &v)
		kb += v
	}
	return fmt.Sprintf("%.0f MB installed (%s)", float64(kb)/1024, strings.Join(pkgs, ", "))
}

// dirWeight is the size of node_modules, and of what linux-x64 needs of
// it (onnxruntime-node ships every platform's library).
func dirWeight(dir string) string {
	var all, other int64
	root := filepath.Join(dir, "node_modules")
	foreign := filepath.Join(root, "onnxruntime-node", "bin")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		all += info.Size()
		if strings.HasPrefix(p, foreign) && !strings.Contains(p, filepath.Join("linux", "x64")) {
			other += info.Size()
		}
		return nil
	})
	return fmt.Sprintf("%.0f MB node_modules, %.0f MB of it for linux-x64 (plus node itself)", float64(all)/(1<<20), float64(all-other)/(1<<20))
}
