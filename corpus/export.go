package corpus

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Export formats.
const (
	FormatCSV   = "csv"   // RFC 4180 CSV with a header row (encoding/csv)
	FormatJSONL = "jsonl" // one JSON object per line, keyed by column name
)

// Column kinds: the JSON type of a column's values in JSONL. CSV writes
// every kind as text; an empty CSV field is a JSON null.
const (
	KindString  = "string"
	KindInteger = "integer"
	KindNumber  = "number"
	KindBoolean = "boolean"
)

// Column describes one column of an export.
type Column struct {
	Name string // the CSV header and the JSONL key
	Kind string // KindString, KindInteger, KindNumber or KindBoolean
	Doc  string // what the column holds
}

// ReportFilter selects the reports of an export. The zero value selects
// every primary rendition.
type ReportFilter struct {
	AllRenditions bool     // include the renditions that are not primary (a page and its PDF both)
	Office        string   // office or office_full contains this text
	Region        string   // a region name at any level (its start: 泉州 matches 泉州市), or a division code prefix (digits)
	Levels        []string // any of these levels (national|province|city|county|township|unknown)
	Templates     []string // any of these templates (2019|2021|legacy|unknown)
	YearFrom      int      // reporting year at least this (0: no bound)
	YearTo        int      // reporting year at most this (0: no bound)
	FailedChecks  bool     // only reports with at least one failed check of the tables (C1…C8)
	Timely        string   // C9 status: pass | fail | not_assessable ("": any)
	Reviewed      string   // reviewed: reports with a reviewed finding; unreviewed: with a failed check and no review ("": any)
}

// ExportOptions says what Export writes.
type ExportOptions struct {
	Format string // FormatCSV (also when "") or FormatJSONL
	Wide   bool   // one row per report (WideColumns) instead of one row per value (LongColumns)
	BOM    bool   // write a UTF-8 byte order mark first, for Excel (CSV only)
	Filter ReportFilter
}

// Export streams the catalog's reports that opt.Filter selects to w, in
// report id order, and returns how many rows (not counting the header) it
// wrote. It reads SQLite rows straight into the writer: memory does not
// grow with the archive (at most one report's cells are held, to put them
// in printed order).
//
// The long format (LongColumns) has one row per table value: the report's
// key fields, then the value's table, row and column (the key names of the
// JSON contract: apply, granted, natural_person; review, "", total;
// active, a20_1.normative, valid), its value, raw text and state. Values
// are in the order the tables print them: 二 (active), 三 (apply), 四
// (review, suit_direct, suit_after_review). A blank, dash, text or
// uncertain value is empty (CSV) or null (JSONL), never 0: state says why.
//
// The wide format (WideColumns) has one row per report: metadata, then one
// column per key figure of both national templates, from the record's
// tables (derived totals included). A value the report lacks or leaves
// blank is empty or null.
func Export(ctx context.Context, st *Store, w io.Writer, opt ExportOptions) (rows int, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("export: internal error: %v", p)
		}
	}()
	out, err := newRowWriter(w, opt)
	if err != nil {
		return 0, err
	}
	if opt.Wide {
		rows, err = exportWide(ctx, st.db, out, &opt.Filter)
	} else {
		rows, err = exportLong(ctx, st.db, out, &opt.Filter)
	}
	if ferr := out.flush(); err == nil && ferr != nil {
		err = fmt.Errorf("export: write: %w", ferr)
	}
	return rows, err
}

// field is a column whose value comes from a SQL expression over the
// reports row r (text, or NULL for empty).
type field struct {
	Column
	expr string
}

// metaFields are the report columns, in the wide format's order.
var metaFields = []field{
	{Column{"report_id", KindString, "the report's id: the first 12 hex digits of its file's sha256 (gongkai show ID)"}, "r.id"},
	{Column{"sha256", KindString, "the sha256 of the file the report was parsed from"}, "r.sha256"},
	{Column{"title", KindString, "the report's title"}, "r.title"},
	{Column{"office", KindString, "the reporting office as the title names it"}, "r.office"},
	{Column{"office_full", KindString, "the office's region-qualified, canonical name"}, "r.office_full"},
	{Column{"province", KindString, "province-level division (empty when unknown)"}, "r.province"},
	{Column{"city", KindString, "prefecture-level division"}, "r.city"},
	{Column{"county", KindString, "county-level division"}, "r.county"},
	{Column{"town", KindString, "township-level division (街道, 镇, 乡)"}, "r.town"},
	{Column{"region_code", KindString, "the deepest GB/T 2260 (or statistical, for towns) division code known"}, "r.region_code"},
	{Column{"level", KindString, "national | province | city | county | township | unknown"}, "r.level"},
	{Column{"kind", KindString, "government | general_office | department | subdistrict | zone | other"}, "r.kind"},
	{Column{"year", KindInteger, "the reporting (statistical) year; empty when unknown"}, "nullif(r.year, 0)"},
	{Column{"published", KindString, "when the report was made public (YYYY-MM-DD): the page's or export's 发布时间/发布日期, else the crawl's listing date, else the signature date; empty when unknown"}, "r.published"},
	{Column{"signed", KindString, "the date the report bears at its end, its signature (落款), YYYY-MM-DD; empty when none"}, "r.signed"},
	{Column{"template", KindString, "2019 | 2021 | legacy | unknown: the national template the tables follow"}, "r.template"},
	{Column{"status", KindString, "ok | warnings | errors: the worst parser diagnostic"}, "r.status"},
	{Column{"checks_failed", KindInteger, "how many accounting checks (C1…C8) failed"}, "r.checks_failed"},
	{Column{"published_on_time", KindString, "check C9: pass (published by the deadline of the regulation in force), fail (late), not_assessable (no publication date, or no deadline for the year)"},
		"(SELECT t.status FROM checks t WHERE t.report_id = r.id AND t.id = 'C9')"},
	{Column{"reviews", KindInteger, "how many of the report's findings a person reviewed (gongkai review; the reviews themselves: gongkai reviews --csv)"},
		"(SELECT count(DISTINCT v.finding) FROM reviews v WHERE v.report_id = r.id)"},
	{Column{"uncertain_values", KindInteger, "how many table values could not be read with certainty"}, "r.uncertain"},
	{Column{"primary", KindBoolean, "true for the rendition that counts (a report published as page and PDF has two)"}, "CASE WHEN r.primary_rendition THEN 'true' ELSE 'false' END"},
	{Column{"parser_version", KindString, "the parser version that read the report"}, "r.parser_version"},
}

func metaField(name string) field {
	for _, f := range metaFields {
		if f.Name == name {
			return f
		}
	}
	panic("corpus: no report column " + name)
}

// longMeta are the report columns of the long format (primary is written last).
var longMeta = func() []field {
	var out []field
	for _, n := range []string{"report_id", "office", "office_full", "region_code", "province", "city", "county", "town", "level", "year", "template", "primary"} {
		out = append(out, metaField(n))
	}
	return out
}()

// longValueColumns follow the report columns in the long format.
var longValueColumns = []Column{
	{"table", KindString, "active (table 二) | apply (三) | review, suit_direct, suit_after_review (四)"},
	{"row", KindString, "the row key: granted, a20_1.normative, … (empty for table 四)"},
	{"column", KindString, "the column key: natural_person … total (三), upheld … total (四), valid, issued, … (二)"},
	{"key", KindString, "the full value key table.row.column (table.column for 四), as in the report JSON and the wide format"},
	{"value", KindNumber, "the value; empty (null) when blank, dash, text or uncertain: never 0 for a blank"},
	{"raw", KindString, "the cell's text as printed"},
	{"state", KindString, "number | blank | dash | text"},
	{"uncertain", KindBoolean, "true when the digits could not be split into columns with certainty (value empty)"},
	{"location", KindString, "where the value was read: page N, table 三 row N"},
}

// LongColumns are the columns of the long format, in order.
func LongColumns() []Column {
	var out []Column
	for _, f := range longMeta[:len(longMeta)-1] {
		out = append(out, f.Column)
	}
	out = append(out, longValueColumns...)
	return append(out, longMeta[len(longMeta)-1].Column)
}

// WideColumns are the columns of the wide format, in order: the report
// columns, then the key figures (WideKeys).
func WideColumns() []Column {
	var out []Column
	for _, f := range metaFields {
		out = append(out, f.Column)
	}
	for _, fc := range figureCols {
		out = append(out, fc.Column)
	}
	return out
}

// WideKeys are the value keys of the wide format's figure columns, in
// order: table 二 (the 2019 keys, then those only 2021 has), table 三
// (every row of both templates, each group's derived total after it),
// table 四 and suit.total.
func WideKeys() []string {
	out := make([]string, len(figureCols))
	for i, fc := range figureCols {
		out[i] = fc.Name
	}
	return out
}

// figureCol is a wide column and how to read it from a report's tables.
type figureCol struct {
	Column
	get func(t *Tables) *float64
}

var figureCols = buildFigureCols()

// keyOrder numbers the value keys in printed order (the long format's order
// within a report).
var keyOrder = func() map[string]int {
	m := make(map[string]int, len(figureCols))
	for i, fc := range figureCols {
		m[fc.Name] = i
	}
	return m
}()

func buildFigureCols() []figureCol {
	var out []figureCol
	num := func(key, doc string, get func(t *Tables) *float64) {
		out = append(out, figureCol{Column{key, KindNumber, doc}, get})
	}
	for _, k := range activeUnion() {
		num("active."+k.Key, fmt.Sprintf("table 二, 第二十条第（%d）项 (template %s)", k.Item, k.tmpl), func(t *Tables) *float64 { return t.Active[k.Key] })
	}
	derivedAfter := map[string]string{"denied_admin_query": "denied", "unable_unclear": "unable", "np_confirm": "not_processed", "other_total": "other"}
	for _, row := range wideApplyRows() {
		for ci, col := range ApplyColumns {
			num("apply."+row+"."+col, "table 三, row "+row+", column "+col, func(t *Tables) *float64 { return at(t.Apply[row], ci) })
		}
		if d, ok := derivedAfter[row]; ok {
			num("apply."+d+".total", "derived: the "+d+" group of table 三 added, column total", func(t *Tables) *float64 { return at(t.Apply[d], 6) })
		}
	}
	for _, g := range []struct {
		name string
		vals func(t *Tables) []*float64
	}{
		{"review", func(t *Tables) []*float64 { return t.Review }},
		{"suit_direct", func(t *Tables) []*float64 { return t.SuitDirect }},
		{"suit_after_review", func(t *Tables) []*float64 { return t.SuitAfterReview }},
	} {
		for ci, col := range ReviewColumns {
			num(g.name+"."+col, "table 四, "+g.name+", column "+col, func(t *Tables) *float64 { return at(g.vals(t), ci) })
		}
	}
	num("suit.total", "derived: suit_direct.total + suit_after_review.total", func(t *Tables) *float64 { return at(t.Suit, 4) })
	return out
}

func at(vals []*float64, i int) *float64 {
	if i < len(vals) {
		return vals[i]
	}
	return nil
}

type templateKey struct {
	ActiveKey
	tmpl string
}

// activeUnion lists the table 二 keys of the 2019 template, then those only
// the 2021 template has.
func activeUnion() []templateKey {
	var out []templateKey
	seen := map[string]int{}
	for _, tmpl := range []string{Template2019, Template2021} {
		for _, k := range ActiveKeys(tmpl) {
			if i, ok := seen[k.Key]; ok {
				out[i].tmpl = "2019, 2021"
				continue
			}
			seen[k.Key] = len(out)
			out = append(out, templateKey{k, tmpl})
		}
	}
	return out
}

// wideApplyRows are the rows of table 三 in the 2021 order, with the
// 2019 other_total (derived in 2021) before result_total.
func wideApplyRows() []string {
	rows := ApplyRows(Template2021)
	i := slices.Index(rows, "result_total")
	return slices.Insert(rows, i, "other_total")
}

// where builds the SQL condition on reports r for a filter.
func (f *ReportFilter) where() (string, []any) {
	conds := []string{"1"}
	var args []any
	add := func(c string, a ...any) {
		conds = append(conds, c)
		args = append(args, a...)
	}
	if !f.AllRenditions {
		add("r.primary_rendition = 1")
	}
	if f.Office != "" {
		add("(instr(r.office, ?) > 0 OR instr(r.office_full, ?) > 0)", f.Office, f.Office)
	}
	if reg := strings.TrimSpace(f.Region); reg != "" {
		if strings.Trim(reg, "0123456789") == "" {
			add("substr(r.region_code, 1, ?) = ?", len(reg), reg)
		} else {
			n := utf8.RuneCountInString(reg)
			add("(substr(r.province, 1, ?) = ? OR substr(r.city, 1, ?) = ? OR substr(r.county, 1, ?) = ? OR substr(r.town, 1, ?) = ?)",
				n, reg, n, reg, n, reg, n, reg)
		}
	}
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		ph := strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")
		a := make([]any, len(vals))
		for i, v := range vals {
			a[i] = v
		}
		add(col+" IN ("+ph+")", a...)
	}
	in("r.level", f.Levels)
	in("r.template", f.Templates)
	if f.YearFrom != 0 {
		add("r.year >= ?", f.YearFrom)
	}
	if f.YearTo != 0 {
		add("r.year <= ?", f.YearTo)
	}
	if f.FailedChecks {
		add("r.checks_failed > 0")
	}
	switch f.Reviewed {
	case "reviewed":
		add("EXISTS (SELECT 1 FROM reviews v WHERE v.report_id = r.id)")
	case "unreviewed":
		add("NOT EXISTS (SELECT 1 FROM reviews v WHERE v.report_id = r.id) AND EXISTS (SELECT 1 FROM checks t WHERE t.report_id = r.id AND t.status IN ('fail', 'warn'))")
	}
	if f.Timely != "" {
		add("EXISTS (SELECT 1 FROM checks t WHERE t.report_id = r.id AND t.id = 'C9' AND t.status = ?)", f.Timely)
	}
	return strings.Join(conds, " AND "), args
}

func selectList(fields []field) string {
	exprs := make([]string, len(fields))
	for i, f := range fields {
		exprs[i] = f.expr
	}
	return strings.Join(exprs, ", ")
}

// longCell is one value of the long format, held until its report's cells
// are all read.
type longCell struct {
	ord                  int
	key, tbl, row, col   string
	value                sql.NullFloat64
	raw, state, location string
	uncertain            bool
}

// reportBatch is how many reports' key fields the long format reads at a
// time (keyset pagination keeps memory bounded).
const reportBatch = 256

// exportLong reads the selected reports' key fields a batch at a time,
// then each report's cells (sorted into printed order). One read
// transaction keeps all the queries on one snapshot of the catalog. Cells
// are read per report rather than joined: the SQLite driver's cost is per
// column fetched, and the join would repeat the report's fields on every
// cell.
func exportLong(ctx context.Context, db *sql.DB, out rowWriter, f *ReportFilter) (int, error) {
	if err := out.header(LongColumns()); err != nil {
		return 0, fmt.Errorf("export: write: %w", err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("export: begin read: %w", err)
	}
	defer tx.Rollback()
	cells, err := tx.PrepareContext(ctx, `SELECT tbl, row, col, value, raw, state, uncertain, location FROM cells WHERE report_id = ?`)
	if err != nil {
		return 0, fmt.Errorf("export: prepare cells query: %w", err)
	}
	defer cells.Close()
	where, args := f.where()
	q := "SELECT " + selectList(longMeta) + " FROM reports r WHERE " + where + " AND r.id > ? ORDER BY r.id LIMIT ?"
	n := 0
	var buf []longCell
	for after := ""; ; {
		metas, err := readMetas(ctx, tx, q, append(args[:len(args):len(args)], after, reportBatch), len(longMeta))
		if err != nil {
			return n, err
		}
		for _, meta := range metas {
			if buf, err = readCells(ctx, cells, meta[0], buf[:0]); err != nil {
				return n, err
			}
			k, err := writeLong(out, meta, buf)
			n += k
			if err != nil {
				return n, err
			}
		}
		if len(metas) < reportBatch {
			return n, nil
		}
		after = metas[len(metas)-1][0]
	}
}

// readMetas reads a batch of reports' fields as text.
func readMetas(ctx context.Context, tx *sql.Tx, q string, args []any, ncol int) ([][]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("export: query reports: %w", err)
	}
	defer rows.Close()
	raw := make([]sql.RawBytes, ncol)
	dest := make([]any, ncol)
	for i := range raw {
		dest[i] = &raw[i]
	}
	var out [][]string
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("export: read report: %w", err)
		}
		m := make([]string, ncol)
		for i := range raw {
			m[i] = string(raw[i])
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export: read reports: %w", err)
	}
	return out, nil
}

// readCells appends one report's cells to buf.
func readCells(ctx context.Context, stmt *sql.Stmt, id string, buf []longCell) ([]longCell, error) {
	rows, err := stmt.QueryContext(ctx, id)
	if err != nil {
		return buf, fmt.Errorf("export: cells of %s: %w", id, err)
	}
	defer rows.Close()
	var c longCell
	for rows.Next() {
		if err := rows.Scan(&c.tbl, &c.row, &c.col, &c.value, &c.raw, &c.state, &c.uncertain, &c.location); err != nil {
			return buf, fmt.Errorf("export: cells of %s: %w", id, err)
		}
		c.key = joinKey(c.tbl, c.row, c.col)
		c.ord = ordOf(c.key)
		buf = append(buf, c)
	}
	if err := rows.Err(); err != nil {
		return buf, fmt.Errorf("export: cells of %s: %w", id, err)
	}
	return buf, nil
}

// ordOf is a key's place in printed order; unknown keys go last.
func ordOf(key string) int {
	if i, ok := keyOrder[key]; ok {
		return i
	}
	return math.MaxInt
}

func joinKey(tbl, row, col string) string {
	if row == "" {
		return tbl + "." + col
	}
	return tbl + "." + row + "." + col
}

// writeLong writes one report's cells in printed order.
func writeLong(out rowWriter, meta []string, cells []longCell) (int, error) {
	slices.SortFunc(cells, func(a, b longCell) int {
		if a.ord != b.ord {
			return a.ord - b.ord
		}
		return strings.Compare(a.key, b.key)
	})
	nm := len(meta) - 1 // primary goes last
	rec := make([]string, 0, len(meta)+len(longValueColumns))
	for i := range cells {
		c := &cells[i]
		value := ""
		if c.value.Valid && !math.IsInf(c.value.Float64, 0) && !math.IsNaN(c.value.Float64) {
			value = FormatValue(c.value.Float64)
		}
		rec = append(rec[:0], meta[:nm]...)
		rec = append(rec, c.tbl, c.row, c.col, c.key, value, c.raw, c.state, strconv.FormatBool(c.uncertain), c.location, meta[nm])
		if err := out.row(rec); err != nil {
			return i, fmt.Errorf("export: write: %w", err)
		}
	}
	return len(cells), nil
}

// exportWide streams reports with their tables, one row per report.
func exportWide(ctx context.Context, db *sql.DB, out rowWriter, f *ReportFilter) (int, error) {
	if err := out.header(WideColumns()); err != nil {
		return 0, fmt.Errorf("export: write: %w", err)
	}
	where, args := f.where()
	q := "SELECT " + selectList(metaFields) + ", r.record FROM reports r WHERE " + where + " ORDER BY r.id"
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("export: query reports: %w", err)
	}
	defer rows.Close()
	nm := len(metaFields)
	raw := make([]sql.RawBytes, nm+1)
	dest := make([]any, nm+1)
	for i := range raw {
		dest[i] = &raw[i]
	}
	rec := make([]string, nm+len(figureCols))
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return n, fmt.Errorf("export: read report: %w", err)
		}
		for i := 0; i < nm; i++ {
			rec[i] = string(raw[i])
		}
		t, err := tablesOf(raw[nm])
		if err != nil {
			return n, fmt.Errorf("export: report %s: bad record: %w", rec[0], err)
		}
		for i, fc := range figureCols {
			rec[nm+i] = ""
			if v := fc.get(&t); v != nil && !math.IsInf(*v, 0) && !math.IsNaN(*v) {
				rec[nm+i] = FormatValue(*v)
			}
		}
		if err := out.row(rec); err != nil {
			return n, fmt.Errorf("export: write: %w", err)
		}
		n++
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("export: read reports: %w", err)
	}
	return n, nil
}

// tablesKey introduces the top-level tables of a record.
var tablesKey = []byte(`,"tables":{`)

// tablesOf reads the tables of a report record without decoding the rest
// (the sections' text makes up most of a record). Commit writes records
// with encoding/json, which escapes every quote inside a string, so
// `,"tables":` can only be an object key; no object before the top-level
// tables (source, region, templates, sections) has that key, and a value
// that is not a Tables object (unknown fields) fails to decode. Any doubt
// falls back to decoding the whole record.
func tablesOf(rec []byte) (Tables, error) {
	if i := bytes.Index(rec, tablesKey); i >= 0 {
		var t Tables
		dec := json.NewDecoder(bytes.NewReader(rec[i+len(tablesKey)-1:]))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&t); err == nil {
			return t, nil
		}
	}
	var whole struct {
		Tables Tables `json:"tables"`
	}
	err := json.Unmarshal(rec, &whole)
	return whole.Tables, err
}

// rowWriter writes a header and rows of text fields; an empty field is
// empty in CSV and null in JSONL (for non-string columns).
type rowWriter interface {
	header(cols []Column) error
	row(vals []string) error
	flush() error
}

// ErrExportFormat is returned for an unknown format or a BOM asked of JSONL.
var ErrExportFormat = errors.New("bad export format")

func newRowWriter(w io.Writer, opt ExportOptions) (rowWriter, error) {
	switch opt.Format {
	case "", FormatCSV:
		if opt.BOM {
			if _, err := io.WriteString(w, "\ufeff"); err != nil {
				return nil, fmt.Errorf("export: write: %w", err)
			}
		}
		return &csvWriter{w: csv.NewWriter(w)}, nil
	case FormatJSONL:
		if opt.BOM {
			return nil, fmt.Errorf("export: a BOM is for CSV only: %w", ErrExportFormat)
		}
		return &jsonlWriter{w: bufio.NewWriterSize(w, 64<<10)}, nil
	}
	return nil, fmt.Errorf("export: format %q (want csv or jsonl): %w", opt.Format, ErrExportFormat)
}

type csvWriter struct{ w *csv.Writer }

func (c *csvWriter) header(cols []Column) error {
	names := make([]string, len(cols))
	for i, col := range cols {
		names[i] = col.Name
	}
	return c.w.Write(names)
}

func (c *csvWriter) row(vals []string) error { return c.w.Write(vals) }

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}

type jsonlWriter struct {
	w     *bufio.Writer
	keys  [][]byte // `"name":` per column, with the separating comma
	kinds []string
	line  []byte
}

func (j *jsonlWriter) header(cols []Column) error {
	for i, col := range cols {
		var k []byte
		if i > 0 {
			k = append(k, ',')
		}
		k = appendJSONString(k, col.Name)
		j.keys = append(j.keys, append(k, ':'))
		j.kinds = append(j.kinds, col.Kind)
	}
	return nil
}

func (j *jsonlWriter) row(vals []string) error {
	b := append(j.line[:0], '{')
	for i, v := range vals {
		b = append(b, j.keys[i]...)
		switch {
		case j.kinds[i] == KindString:
			b = appendJSONString(b, v)
		case v == "":
			b = append(b, "null"...)
		default: // numbers and booleans are written by this package in JSON syntax
			b = append(b, v...)
		}
	}
	b = append(b, '}', '\n')
	j.line = b
	_, err := j.w.Write(b)
	return err
}

func (j *jsonlWriter) flush() error { return j.w.Flush() }

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
