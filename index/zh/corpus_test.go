package zh

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/synth"
)

// corpusTexts returns n synthetic reports as text (synth seed 1), followed
// by the real samples' text files when GONGKAI_SAMPLES (or
// ../shared/samples next to the module) holds them.
func corpusTexts(tb testing.TB, n int) []string {
	tb.Helper()
	var out []string
	for _, s := range synth.Generate(synth.Options{Seed: 1}, n) {
		out = append(out, string(synth.RenderText(s)))
	}
	return append(out, sampleTexts(tb)...)
}

// sampleTexts reads the .txt and .md samples; none when the directory is
// absent.
func sampleTexts(tb testing.TB) []string {
	tb.Helper()
	dir := os.Getenv("GONGKAI_SAMPLES")
	if dir == "" {
		root, err := moduleRoot()
		if err != nil {
			return nil
		}
		dir = filepath.Join(root, "..", "shared", "samples")
	}
	var out []string
	for _, pat := range []string{"*.txt", "*.md"} {
		files, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, f := range files {
			if strings.EqualFold(filepath.Base(f), "README.md") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				tb.Fatalf("read sample: %v", err)
			}
			out = append(out, string(data))
		}
	}
	return out
}

// moduleRoot finds the directory holding go.mod, upward from here.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// sentences splits texts at sentence and line ends, keeping non-empty parts.
func sentences(texts []string) []string {
	var out []string
	for _, text := range texts {
		for _, s := range strings.FieldsFunc(text, func(r rune) bool {
			return r == '。' || r == '；' || r == '\n' || r == '！' || r == '？'
		}) {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}
