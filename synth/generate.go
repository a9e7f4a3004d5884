package synth

import (
	"fmt"
	"math/rand/v2"

	"gongkai/corpus"
)

// Options control Generate and WriteArchive.
type Options struct {
	Seed  uint64
	Years []int // reporting years to draw from; default 2008–2025
	// BrokenShare is the share of files WriteArchive replaces by deliberately
	// broken or unusual files (RenderBroken kinds).
	BrokenShare float64
	// BadArithmeticShare is the share of template reports whose tables
	// deliberately violate one accounting rule (C1–C4).
	BadArithmeticShare float64
}

// Spec is one synthetic report: its expected record and what the renderers
// need to print it. Everything a renderer prints is derived from a Spec, and
// Spec.Seed drives the renderers' cosmetic choices (chrome, run splitting).
type Spec struct {
	ID   string // stable within one Options: "r" + index
	Seed uint64 // rendering seed
	// Truth is the record a perfect parser produces: Title, Office,
	// OfficeFull, Region, Level, Kind, Year, Published, Template, Templates,
	// Tables (with the derived rows apply.denied/unable/not_processed/other,
	// apply.other_total for 2021 and suit), Cells (one per printed value, with
	// raw text and state), Sections (numbers and titles, no text), Figures
	// stated in the text, and Checks listing only the rule deliberately broken
	// (status fail). Source and ID are left for the file it is written to.
	Truth      corpus.Report
	BrokenRule string // "" or C1…C4

	Intro    string           // paragraph(s) before section 一
	Body     []corpus.Section // sections with their full text (paragraphs separated by "\n")
	Raw      map[string]string
	Stats    [][3]string // legacy 统计表 rows (indicator, unit, value); nil when absent
	Signer   string
	SignDate string // as printed: 2021年1月9日
	IndexNo  string // 索引号
	DocNo    string // the template notice the report cites, "" for legacy
}

// DefaultYears are the reporting years Generate draws from by default.
func DefaultYears() []int {
	ys := make([]int, 0, 18)
	for y := 2008; y <= 2025; y++ {
		ys = append(ys, y)
	}
	return ys
}

// Generate returns n report specifications drawn from opt.Seed. Report i
// depends only on (opt, i), so Generate(opt, n)[:k] == Generate(opt, k).
func Generate(opt Options, n int) []Spec {
	out := make([]Spec, n)
	for i := range out {
		out[i] = generateOne(opt, i)
	}
	return out
}

// GenerateRange returns the specifications of reports from … to-1:
// Generate(opt, to)[from:], without drawing the ones before (a large
// archive can be made in batches).
func GenerateRange(opt Options, from, to int) []Spec {
	out := make([]Spec, 0, max(0, to-from))
	for i := from; i < to; i++ {
		out = append(out, generateOne(opt, i))
	}
	return out
}

// templateFor picks the template of a year: 2021 from 2021, 2019 for 2019–2020,
// legacy before; a few 2021+ reports still use the 2019 tables (§4.1).
func templateFor(r *rand.Rand, year int) string {
	switch {
	case year >= 2021 && year <= 2023 && r.IntN(25) == 0:
		return corpus.Template2019
	case year >= 2021:
		return corpus.Template2021
	case year >= 2019:
		return corpus.Template2019
	}
	return corpus.TemplateLegacy
}

func generateOne(opt Options, i int) Spec {
	r := rand.New(rand.NewPCG(opt.Seed, 0x9E3779B97F4A7C15^uint64(i)))
	years := opt.Years
	if len(years) == 0 {
		years = DefaultYears()
	}
	o := pickOffice(r)
	year := pick(r, years)
	s := Spec{ID: fmt.Sprintf("r%06d", i), Seed: r.Uint64()}
	t := &s.Truth
	t.Schema = corpus.ReportSchema
	t.Region, t.Level, t.Kind, t.OfficeFull, t.Year = o.Region, o.Level, o.Kind, o.Full, year
	t.Template = templateFor(r, year)
	pub := publishDate(r, year, o, t.Template)
	t.Published = pub.Format("2006-01-02")
	t.Signed = t.Published // the report is signed on the day it is published
	s.SignDate = fmt.Sprintf("%d年%d月%d日", pub.Year(), int(pub.Month()), pub.Day())
	s.Signer = o.Full
	if o.Level == levelTownship && r.IntN(2) == 0 {
		s.Signer = o.Parent + o.Short
	}
	t.Title, t.Office = makeTitle(r, o, year)
	s.IndexNo = indexNo(r, o, pub.Year())
	if t.Template == corpus.TemplateLegacy {
		genLegacy(r, &s, o)
		return s
	}
	t.Templates = map[string]string{"active": t.Template, "apply": t.Template, "review": t.Template}
	genModern(r, &s, o, opt.BadArithmeticShare)
	return s
}

// genModern fills the tables, figures and prose of a 2019/2021 template report.
func genModern(r *rand.Rand, s *Spec, o office, badShare float64) {
	t := &s.Truth
	total := logUniform(r, o.Scale[0], o.Scale[1])
	if o.Level == levelTownship && r.IntN(10) < 6 {
		total = 0
	}
	broken := badShare > 0 && r.Float64() < badShare
	if broken && total < 3 {
		total = 3 + r.IntN(5)
	}
	nums := numbers{
		apply:  genApply(r, t.Template, total),
		review: genReview(r, o.Scale[1]),
		active: genActive(r, t.Template, o),
	}
	if broken {
		if c, ok := breakRule(r, &nums, t.Template); ok {
			s.BrokenRule = c.ID
			t.Checks = []corpus.Check{c}
		}
	}
	st := drawStyle(r, o, broken)
	s.Raw = map[string]string{}
	t.Tables, t.Cells = applyStyle(r, st, &nums, t.Template, s.Raw)
	deriveTotals(&t.Tables, t.Template)
	modernProse(r, s, o, &nums)
}
