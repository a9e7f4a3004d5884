package ocr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Packages names the Debian packages that provide the OCR engine.
const Packages = "tesseract-ocr tesseract-ocr-chi-sim"

// ErrNoEngine reports that the OCR engine (Tesseract 5 with its Simplified
// Chinese data) is not installed. parser.Reason maps it to "needs-ocr".
var ErrNoEngine = errors.New("OCR engine not installed: apt-get install " + Packages)

// ErrTimeout reports an OCR run that did not finish in time.
var ErrTimeout = errors.New("OCR timed out")

// RunTimeout bounds one run of the engine (one batch of images).
const RunTimeout = 2 * time.Minute

// Engine is the Tesseract command-line program, found on PATH at run time
// like LibreOffice (package doc): OCR is an optional capability.
//
// The CLI is used rather than a cgo binding (gosseract) so that the module
// keeps building without C headers and a crash of the engine on a hostile
// image cannot take the importer down. Its per-process start-up cost is paid
// once per batch: every cell of a page is recognised in one run, each cell
// image being one "page" of a file list.
type Engine struct {
	Bin     string // path of the tesseract executable
	Version string // "tesseract 5.3.0"
	paddle  *paddle
}

// Name is the engine and its version, as recorded in diagnostics.
func (e *Engine) Name() string { return e.Version }

var (
	override atomic.Pointer[Engine]
	findOnce sync.Once
	found    *Engine
	findErr  error
)

// Find returns the installed engine, or an error wrapping ErrNoEngine that
// names the missing package. The answer is cached for the process.
func Find() (*Engine, error) {
	if e := override.Load(); e != nil {
		return e, nil
	}
	findOnce.Do(func() { found, findErr = find() })
	return found, findErr
}

// Use makes Find return e (nil: the installed engine again). It is for
// comparing engines in benchmarks (NewPaddle), never set by gongkai.
func Use(e *Engine) { override.Store(e) }

func find() (*Engine, error) {
	bin, err := exec.LookPath("tesseract")
	if err != nil {
		return nil, fmt.Errorf("ocr: tesseract not found on PATH: %w", ErrNoEngine)
	}
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("ocr: %s --version: %v: %w", bin, err, ErrNoEngine)
	}
	version := strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
	major := 0
	if f := strings.Fields(version); len(f) == 2 {
		major, _ = strconv.Atoi(strings.SplitN(f[1], ".", 2)[0])
	}
	if major < 4 {
		return nil, fmt.Errorf("ocr: %q is too old (the LSTM engine of Tesseract 4 or later is needed): %w", version, ErrNoEngine)
	}
	out, err = exec.Command(bin, "--list-langs").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("ocr: %s --list-langs: %v: %w", bin, err, ErrNoEngine)
	}
	langs := map[string]bool{}
	for _, l := range strings.Split(string(out), "\n") {
		langs[strings.TrimSpace(l)] = true
	}
	for _, l := range []string{"chi_sim", "eng"} {
		if !langs[l] {
			return nil, fmt.Errorf("ocr: tesseract has no %q language data: %w", l, ErrNoEngine)
		}
	}
	return &Engine{Bin: bin, Version: version}, nil
}

// Word is one word (for Chinese: usually one character or a run of them)
// as the engine read it, in the coordinates of the image it was read from.
type Word struct {
	Text  string
	Box   image.Rectangle
	Conf  float64 // 0–100
	Block int     // block, paragraph and line numbers within the image
	Par   int
	Line  int
}

// setting is one way of running the engine.
type setting struct {
	lang      string
	psm       int
	whitelist string
}

var (
	textSetting      = setting{lang: "chi_sim", psm: 6}
	digitSetting     = setting{lang: "eng", psm: 7, whitelist: "0123456789.-,"}
	wordDigitSetting = setting{lang: "eng", psm: 8, whitelist: "0123456789.-,"}
	pageSetting      = setting{lang: "chi_sim", psm: 3}
	plainSetting     = setting{lang: "eng", psm: 8}
)

// recognise runs the engine once over imgs (each read as a page of its own)
// and returns the words of each image. The images are written as PGM files
// into a private temporary directory, removed afterwards.
func (e *Engine) recognise(ctx context.Context, imgs []*image.Gray, s setting) ([][]Word, error) {
	if e.paddle != nil {
		return e.paddle.recognise(ctx, e, imgs, s)
	}
	out := make([][]Word, len(imgs))
	if len(imgs) == 0 {
		return out, nil
	}
	dir, err := os.MkdirTemp("", "gongkai-ocr-*")
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	defer os.RemoveAll(dir)
	var list bytes.Buffer
	for i, img := range imgs {
		p := filepath.Join(dir, fmt.Sprintf("%05d.pgm", i))
		if err := writePGM(p, img); err != nil {
			return nil, fmt.Errorf("ocr: %w", err)
		}
		list.WriteString(p + "\n")
	}
	listPath := filepath.Join(dir, "list.txt")
	if err := os.WriteFile(listPath, list.Bytes(), 0o600); err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	args := []string{listPath, "stdout", "-l", s.lang, "--psm", strconv.Itoa(s.psm),
		"-c", "preserve_interword_spaces=1", "-c", "tessedit_do_invert=0"}
	if s.whitelist != "" {
		args = append(args, "-c", "tessedit_char_whitelist="+s.whitelist)
	}
	args = append(args, "tsv")
	ctx, cancel := context.WithTimeout(ctx, RunTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.Bin, args...)
	cmd.Dir = dir
	// One thread per run: the importer parses files in parallel already,
	// and OpenMP threads in several runs at once only contend.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &limited{max: 4 << 10, b: &stderr}
	cmd.WaitDelay = 5 * time.Second
	err = cmd.Run()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return nil, fmt.Errorf("ocr: %s after %v: %w", e.Version, RunTimeout, ErrTimeout)
	case ctx.Err() != nil:
		return nil, fmt.Errorf("ocr: %w", ctx.Err())
	case err != nil:
		return nil, fmt.Errorf("ocr: %s: %w: %s", e.Version, err, strings.TrimSpace(stderr.String()))
	}
	// GONGKAI_OCR_TRACE=1: one line per run of the engine on stderr, with
	// its CPU time (where a page's time goes; see BenchmarkOCR).
	if os.Getenv("GONGKAI_OCR_TRACE") != "" && cmd.ProcessState != nil {
		fmt.Fprintf(os.Stderr, "ocr-trace %s psm %d: %d images, cpu %.2fs\n", s.lang, s.psm, len(imgs), (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds())
	}
	words, err := parseTSV(stdout.Bytes())
	if err != nil {
		return nil, fmt.Errorf("ocr: %s output: %w", e.Version, err)
	}
	for _, w := range words {
		if w.page >= 1 && w.page <= len(out) {
			out[w.page-1] = append(out[w.page-1], w.Word)
		}
	}
	return out, nil
}

type pageWord struct {
	Word
	page int
}

// parseTSV reads Tesseract's TSV output (level, page_num, block_num,
// par_num, line_num, word_num, left, top, width, height, conf, text) and
// keeps the words (level 5) that have text.
func parseTSV(data []byte) ([]pageWord, error) {
	var out []pageWord
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		var n [10]int
		for i := range 10 {
			v, err := strconv.Atoi(f[i])
			if err != nil {
				return nil, fmt.Errorf("bad TSV line %q", sc.Text())
			}
			n[i] = v
		}
		conf, _ := strconv.ParseFloat(f[10], 64)
		text := strings.TrimSpace(f[11])
		if text == "" {
			continue
		}
		out = append(out, pageWord{Word: Word{Text: text, Conf: conf, Block: n[2], Par: n[3], Line: n[4],
			Box: image.Rect(n[6], n[7], n[6]+n[8], n[7]+n[9])}, page: n[1]})
	}
	return out, sc.Err()
}

// writePGM writes a binary PGM (P5). PNM is the engine's cheapest input
// (Leptonica reads it without decompression), and writing it needs no
// library.
func writePGM(path string, img *image.Gray) error {
	b := img.Bounds()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "P5\n%d %d\n255\n", b.Dx(), b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		i := img.PixOffset(b.Min.X, y)
		buf.Write(img.Pix[i : i+b.Dx()])
	}
	return os.WriteFile(path, buf.Bytes(), 0o600)
}

// limited keeps the first max bytes written to it.
type limited struct {
	max int
	b   *bytes.Buffer
}

func (l *limited) Write(p []byte) (int, error) {
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
