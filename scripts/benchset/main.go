// Command benchset writes the input sets of the import benchmarks outside
// the repository (they are generated, or made from the samples, which are
// never committed):
//
//	go run ./scripts/benchset -out DIR -n 20000
//
// writes N generated reports (synth.WriteArchive: mostly HTML and text,
// some Markdown and DOCX, no PDF pool, no broken files; seed N unless
// -seed) and moves the manifest beside DIR (DIR.manifest.json), as the
// set /tmp/speed/in-2000 of earlier sessions was made.
//
//	go run ./scripts/benchset -out DIR -n 2000 -realsize [-samples DIR]
//
// writes the real-size set of issue 13: text and HTML files of 6–200 KB.
// A share -copies (default 0.3) are copies of the text and Markdown samples
// ($GONGKAI_SAMPLES, default ../shared/samples beside the module root; PDFs
// are left out: the set is text/HTML), the rest are generated Word-exported
// government pages (synth.RenderHTML: GBK, site chrome, <span> runs, mso-
// styles, tables with rowspan/colspan) of at least -minhtml bytes (default
// 15 KB; smaller ones are skipped). Copies of one sample would be duplicates
// by content hash, or renditions of one report, so each copy names another
// place: the name and short name of the sample's own division (its lowest
// level: 平潭县, 平潭) are replaced throughout by those of another division
// of the same level in the same province (other provinces for a
// province-level office), then of the level below, taken in turn. A copy
// therefore has its own content hash and its own office (office, year and
// tables make a report): it is parsed, stored and indexed as a report of
// its own. When the places run out the next copy also gets a numbered line
// at its end, so it is still a file of its own. It prints the counts and
// sizes of what it wrote.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gongkai/division"
	"gongkai/parser"
	"gongkai/synth"
)

func main() {
	out := flag.String("out", "", "directory to write (must not exist)")
	n := flag.Int("n", 2000, "number of files")
	seed := flag.Uint64("seed", 0, "generator seed (default: n)")
	realsize := flag.Bool("realsize", false, "real-size set: sample copies and Word-exported pages")
	samples := flag.String("samples", "", "samples directory (default $GONGKAI_SAMPLES or ../shared/samples)")
	copies := flag.Float64("copies", 0.3, "share of sample copies in the real-size set")
	minHTML := flag.Int("minhtml", 15<<10, "smallest generated page kept in the real-size set, bytes")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "benchset: -out DIR is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "benchset: %s exists; remove it first\n", *out)
		os.Exit(2)
	}
	if *seed == 0 {
		*seed = uint64(*n)
	}
	var err error
	if *realsize {
		err = writeRealSize(*out, sampleDir(*samples), *n, *seed, *copies, *minHTML)
	} else {
		err = writeGenerated(*out, *n, *seed)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchset:", err)
		os.Exit(1)
	}
}

func sampleDir(flagged string) string {
	if flagged != "" {
		return flagged
	}
	if d := os.Getenv("GONGKAI_SAMPLES"); d != "" {
		return d
	}
	return filepath.Join("..", "shared", "samples")
}

func writeGenerated(out string, n int, seed uint64) error {
	m, err := synth.WriteArchive(context.Background(), out, synth.Options{Seed: seed}, n, 0)
	if err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(out, "manifest.json"), out+".manifest.json"); err != nil {
		return fmt.Errorf("move manifest: %w", err)
	}
	fmt.Printf("%s: %d generated files (seed %d), manifest %s.manifest.json\n", out, len(m.Files), seed, out)
	return nil
}

// sample is a text or Markdown sample and the short name of its place.
type sample struct {
	name, ext  string
	text       string
	full, stem string  // name and short name of its lowest division, replaced in copies
	others     []place // the places put in its copies
}

func writeRealSize(out, samplesDir string, n int, seed uint64, copyShare float64, minHTML int) error {
	ss, err := loadSamples(samplesDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	nCopies := int(float64(n) * copyShare)
	if len(ss) == 0 {
		nCopies = 0
	}
	var sizes []int
	write := func(name string, data []byte) error {
		sizes = append(sizes, len(data))
		return os.WriteFile(filepath.Join(out, name), data, 0o644)
	}
	wrapped := 0
	for k := range nCopies {
		s := &ss[k%len(ss)]
		round := k / len(ss)
		text := s.text
		if len(s.others) > 0 {
			p := s.others[round%len(s.others)]
			text = strings.ReplaceAll(strings.ReplaceAll(text, s.full, p.full), s.stem, p.stem)
		}
		if round >= len(s.others) {
			text += fmt.Sprintf("\n\n（第%d份）\n", round)
			wrapped++
		}
		if err := write(fmt.Sprintf("c%05d-%s%s", k, s.name, s.ext), []byte(text)); err != nil {
			return err
		}
	}
	// Generated pages: specs in order, skipping the small ones.
	nHTML := n - nCopies
	opt := synth.Options{Seed: seed}
	for i, written := 0, 0; written < nHTML; i += 256 {
		for _, s := range synth.GenerateRange(opt, i, i+256) {
			if written == nHTML {
				break
			}
			page := synth.RenderHTML(s)
			if len(page) < minHTML {
				continue
			}
			if err := write(s.ID+".html", page); err != nil {
				return err
			}
			written++
		}
	}
	sort.Ints(sizes)
	total := 0
	for _, z := range sizes {
		total += z
	}
	fmt.Printf("%s: %d files, %d copies of %d samples (%d also numbered), %d generated Word-exported pages; size min %d, median %d, max %d bytes, total %.1f MB\n",
		out, len(sizes), nCopies, len(ss), wrapped, nHTML, sizes[0], sizes[len(sizes)/2], sizes[len(sizes)-1], float64(total)/(1<<20))
	return nil
}

// loadSamples reads the text and Markdown samples and finds the place each
// names (by parsing it) and the places to put in its copies.
func loadSamples(dir string) ([]sample, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("samples: %w", err)
	}
	var out []sample
	for _, e := range ents {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".txt" && ext != ".md") || strings.EqualFold(e.Name(), "README.md") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("samples: %w", err)
		}
		rep, err := parser.Parse(context.Background(), data, path)
		if err != nil {
			return nil, fmt.Errorf("samples: %w", err)
		}
		s := sample{name: strings.TrimSuffix(e.Name(), ext), ext: ext, text: string(data)}
		d, ok := division.Get(rep.Region.Code)
		if ok {
			s.full, s.stem = d.Name, division.ShortName(d.Name)
			s.others = sameLevel(d, s.stem)
		}
		if s.stem == "" || !strings.Contains(s.text, s.stem) {
			s.others = nil
		}
		out = append(out, s)
	}
	return out, nil
}

// place is a division's name and short name.
type place struct{ full, stem string }

// sameLevel returns the names of the divisions of d's level in d's
// province (the provinces for a province), d's own excepted, in code
// order, then those of the level below (cities for a province), without
// names that contain or are contained in the stem.
func sameLevel(d division.Division, stem string) []place {
	var top []division.Division
	if d.Level == division.Province {
		for _, c := range []string{"110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000", "310000", "320000", "330000", "340000", "350000", "360000", "370000", "410000", "420000", "430000", "440000", "450000", "460000", "500000", "510000", "520000", "530000", "540000", "610000", "620000", "630000", "640000", "650000"} {
			if p, ok := division.Get(c); ok {
				top = append(top, p)
			}
		}
	} else {
		top = division.Path(d.Code)[:1]
	}
	var same, below []division.Division
	var walk func(code string)
	walk = func(code string) {
		for _, c := range division.Children(code) {
			switch {
			case c.Level == d.Level:
				same = append(same, c)
			case c.Level == d.Level+1:
				below = append(below, c)
			}
			if c.Level < d.Level+1 {
				walk(c.Code)
			}
		}
	}
	for _, p := range top {
		if p.Level == d.Level {
			same = append(same, p)
		}
		walk(p.Code)
	}
	var names []place
	seen := map[string]bool{}
	for _, c := range append(same, below...) {
		s := division.ShortName(c.Name)
		if c.Code == d.Code || seen[s] || strings.Contains(s, stem) || strings.Contains(stem, s) {
			continue
		}
		seen[s] = true
		names = append(names, place{c.Name, s})
	}
	return names
}
