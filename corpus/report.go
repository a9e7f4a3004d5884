package corpus

// ReportSchema names the version of the report record's JSON contract.
const ReportSchema = "gongkai.report/v1"

// Report is one parsed annual report: the record of design.md's JSON contract
// (schema gongkai.report/v1). Keys are extended, never renamed.
type Report struct {
	Schema        string            `json:"schema"`
	ID            string            `json:"id"` // first 12 hex digits of Source.SHA256
	Source        Source            `json:"source"`
	Title         string            `json:"title"`
	Office        string            `json:"office"`      // as the report's title names it
	OfficeFull    string            `json:"office_full"` // region-qualified, canonical
	Region        Region            `json:"region"`
	Level         string            `json:"level"`                    // national|province|city|county|township|unknown
	Kind          string            `json:"kind"`                     // government|general_office|department|subdistrict|zone|other
	Year          int               `json:"year"`                     // the reporting (statistical) year; 0 when unknown
	Published     string            `json:"published"`                // when it was made public: 发布时间/发布日期/PubDate, else the listing date, else Signed
	Signed        string            `json:"signed"`                   // the date the report bears at its end (落款); "" when none
	PublishedFrom string            `json:"published_from,omitempty"` // where Published comes from: page | listing | signed
	Template      string            `json:"template"`                 // 2019|2021|legacy|unknown
	Templates     map[string]string `json:"templates"`                // per table: active, apply, review
	Sections      []Section         `json:"sections"`
	Tables        Tables            `json:"tables"`
	Cells         []Cell            `json:"cells"`
	Figures       []Figure          `json:"figures"`
	Checks        []Check           `json:"checks"`
	Diagnostics   []Diagnostic      `json:"diagnostics"`
	ParserVersion string            `json:"parser_version"`
}

// Where a report's publication date was found (Report.PublishedFrom).
const (
	PublishedFromPage    = "page"    // the page's or export's 发布时间/发布日期/PubDate, a 发布日期 line under the title
	PublishedFromListing = "listing" // the date beside the link on the listing page the crawl found it on
	PublishedFromSigned  = "signed"  // the report's own signature date
)

// Source says which file a report was parsed from.
type Source struct {
	Path     string `json:"path"`
	SHA256   string `json:"sha256"`
	Format   string `json:"format"`   // html|pdf|docx|doc|wps|text|markdown
	Encoding string `json:"encoding"` // utf-8|gb18030|utf-16le|utf-16be|binary
	Size     int64  `json:"size,omitempty"`
	Pages    int    `json:"pages,omitempty"` // PDF page count
	// OCR names the engine and version that read the pages or images
	// without a text layer ("tesseract 5.3.0: pages 1–5"); "" when no OCR.
	OCR string `json:"ocr,omitempty"`
}

// Region places the reporting organ in the administrative hierarchy.
// Code is the deepest GB/T 2260 (or statistical, for towns) division code known.
type Region struct {
	Province string `json:"province"`
	City     string `json:"city"`
	County   string `json:"county"`
	Town     string `json:"town"`
	Code     string `json:"code"`
}

// Section is one numbered part of the report with its text.
type Section struct {
	No    int    `json:"no"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Tables holds the national-template tables by value key (design.md).
// A nil pointer is a blank (or dash) cell; a table that is absent is nil.
type Tables struct {
	Active          map[string]*float64   `json:"active,omitempty"`
	Apply           map[string][]*float64 `json:"apply,omitempty"` // 7 values per row, ApplyColumns order
	Review          []*float64            `json:"review,omitempty"`
	SuitDirect      []*float64            `json:"suit_direct,omitempty"`
	SuitAfterReview []*float64            `json:"suit_after_review,omitempty"`
	Suit            []*float64            `json:"suit,omitempty"` // derived: both litigation groups added
}

// Cell states.
const (
	StateNumber = "number"
	StateBlank  = "blank"
	StateDash   = "dash"
	StateText   = "text"
)

// Cell is one table value as printed: its full key, raw text and state.
type Cell struct {
	Key       string   `json:"key"` // <table>.<row>.<column>, e.g. apply.granted.total
	Value     *float64 `json:"value"`
	Raw       string   `json:"raw"`
	State     string   `json:"state"`
	Uncertain bool     `json:"uncertain"`
	Where     string   `json:"where"`
	// Confidence is the OCR engine's confidence (0–1) in the reading of a
	// value read from an image; absent for values read from text.
	Confidence float64 `json:"confidence,omitempty"`
	// At is where the value is printed in the original file, precise
	// enough to find it again (Loc); absent when the extractor cannot tell.
	At *Loc `json:"at,omitempty"`
}

// Loc is a place in an original file: for a PDF the page and the box of
// the text on it, for HTML and DOCX the path of the table cell, for text
// and Markdown the line. Only the fields that apply are set.
type Loc struct {
	// Page is the PDF page, from 1.
	Page int `json:"page,omitempty"`
	// Box is the text's bounding box on Page, [x0, y0, x1, y1], in PDF
	// user-space points with y up (the page's own coordinate system, the
	// one pdf.js's viewport converts from). An OCR'd page's pixel boxes
	// are converted to it.
	Box *[4]float64 `json:"box,omitempty"`
	// Path finds the table cell. HTML: "table[k]/tr[r]/td[c]", k counting
	// every <table> of the document in document order, r the table's own
	// rows (thead, tbody, tfoot and direct rows in tree order), c the
	// row's td and th cells, all from 1, as the HTML5 parser builds the
	// tree. DOCX: "tbl[k]/tr[r]/tc[c]" counting w:tbl in document order
	// (nested tables too), the table's w:tr and the row's w:tc; "p[n]"
	// for the n-th paragraph of the body.
	Path string `json:"path,omitempty"`
	// Line is the line of a text or Markdown file, from 1.
	Line int `json:"line,omitempty"`
}

// Figure scopes.
const (
	ScopeYear       = "year"
	ScopeCumulative = "cumulative"
)

// Figure is a number stated in the report's text.
type Figure struct {
	Key    string  `json:"key"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	Scope  string  `json:"scope"`
	Approx bool    `json:"approx"`
	Text   string  `json:"text"`
}

// Check statuses.
const (
	CheckPass          = "pass"
	CheckFail          = "fail"
	CheckWarn          = "warn"
	CheckNotAssessable = "not_assessable"
)

// Check is the outcome of one accounting rule on a report.
type Check struct {
	ID     string   `json:"id"`
	Status string   `json:"status"`
	Detail string   `json:"detail"`
	Cells  []string `json:"cells"`
}

// Diagnostic severities.
const (
	SevInfo    = "info"
	SevWarning = "warning"
	SevError   = "error"
)

// Diagnostic is something the parser noticed, with where it noticed it
// ("page 3", "line 12", "table 三 row 4").
type Diagnostic struct {
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Where    string `json:"where,omitempty"`
}

// Failed reports whether any check of r's tables failed (C9, publication
// on time, is not about the tables: see Timely).
func (r *Report) Failed() bool {
	for _, c := range r.Checks {
		if c.Status == CheckFail && tableCheck(c.ID) {
			return true
		}
	}
	return false
}

// Timely is the status of r's C9 "published on time" ("" when not computed:
// C9 is added when the report enters the catalog).
func (r *Report) Timely() string {
	for _, c := range r.Checks {
		if c.ID == CheckTimely {
			return c.Status
		}
	}
	return ""
}
