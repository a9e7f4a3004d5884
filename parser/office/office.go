package office

import (
	"fmt"
	"strings"

	"gongkai/corpus"
	"gongkai/division"
)

// Input is what the caller knows about one report.
type Input struct {
	Title string            // the report title
	Meta  map[string]string // page metadata by printed label (发布机构, 索引号, SiteName, SiteIDCode …); may be nil
	Head  string            // the first ~40 lines of the text (letterhead, intro)
	Body  string            // the whole text
	Tail  string            // the last ~15 lines (signature block)
	// OCR: the text was read by OCR, so a division in the title may be
	// misread; the body may then name it (see repairTitleOrgan).
	OCR bool
}

// Levels of government (Result.Level).
const (
	LevelNational = "national"
	LevelProvince = "province"
	LevelCity     = "city"
	LevelCounty   = "county"
	LevelTownship = "township"
	LevelUnknown  = "unknown"
)

// Kinds of organ (Result.Kind).
const (
	KindGovernment    = "government"
	KindGeneralOffice = "general_office"
	KindDepartment    = "department"
	KindSubdistrict   = "subdistrict"
	KindZone          = "zone"
	KindOther         = "other"
)

// Result is the recognised organ.
type Result struct {
	Office     string        // the organ as the title names it, abbreviations expanded
	OfficeFull string        // region-qualified canonical name, stable across title variants
	Region     corpus.Region // official names; Code is the deepest division code known
	Level      string        // national|province|city|county|township|unknown
	Kind       string        // government|general_office|department|subdistrict|zone|other
	Evidence   []string      // how each part was decided, for diagnostics
}

// Input size caps: longer fields are cut, so recognition stays cheap.
const (
	maxTitle = 1 << 10
	maxHead  = 16 << 10
	maxTail  = 8 << 10
	maxBody  = 64 << 10
	maxMeta  = 1 << 10
)

// Recognize identifies the organ that published the report. A panic (a
// bug) is not recovered here: parser.Parse fails the file, naming the
// stage.
func Recognize(in Input) (res Result) {
	in = capInput(in)
	return recognize(in)
}

func capInput(in Input) Input {
	in.Title = truncate(in.Title, maxTitle)
	in.Head = truncate(in.Head, maxHead)
	in.Tail = truncate(in.Tail, maxTail)
	in.Body = truncate(in.Body, maxBody)
	if in.Meta != nil {
		m := make(map[string]string, len(in.Meta))
		for k, v := range in.Meta {
			m[k] = truncate(strings.TrimSpace(v), maxMeta)
		}
		in.Meta = m
	}
	return in
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

func recognize(in Input) Result {
	var ev evidence
	o, src := findOrgan(in, &ev)
	res := Result{Level: LevelUnknown, Kind: KindOther}
	if o == nil {
		ev.add("no organ name found in title, letterhead, signature or metadata")
		res.Region = weakRegion(in, &ev)
		res.Evidence = ev.list
		return res
	}
	resolveUnits(o, in, &ev)
	classify(o)
	res.Office = o.office()
	res.OfficeFull = o.full()
	res.Kind = o.kind
	res.Level = o.level()
	res.Region = o.region()
	if res.Region.Code == "" {
		if w := weakRegion(in, &ev); w.Code != "" && !o.national {
			res.Region = w
		}
	}
	ev.add(fmt.Sprintf("office from %s: %s (kind %s, level %s)", src, res.Office, res.Kind, res.Level))
	res.Evidence = ev.list
	return res
}

// evidence collects the Evidence lines.
type evidence struct{ list []string }

func (e *evidence) add(s string) {
	if len(e.list) < 32 {
		e.list = append(e.list, s)
	}
}

// regionOf turns a division code into a corpus.Region.
func regionOf(code string) corpus.Region {
	var r corpus.Region
	for _, d := range division.Path(code) {
		switch d.Level {
		case division.Province:
			r.Province = d.Name
		case division.City:
			r.City = d.Name
		case division.County:
			r.County = d.Name
		case division.Town:
			r.Town = d.Name
		}
		r.Code = d.Code
	}
	return r
}
