package corpus

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Export's reading of the catalog: the reports a filter selects, their
// cells or their records' tables, streamed to a rowWriter (export_write.go)
// in the columns of export_columns.go.

// ExportOptions says what Export writes.
type ExportOptions struct {
	Format string // FormatCSV (also when "") or FormatJSONL
	Wide   bool   // one row per report (WideColumns) instead of one row per value (LongColumns)
	BOM    bool   // write a UTF-8 byte order mark first, for Excel (CSV only)
	Filter Filter // which reports (Filter.Office is resolved by Export)
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
	f, err := st.Resolve(ctx, opt.Filter)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	out, err := newRowWriter(w, opt)
	if err != nil {
		return 0, err
	}
	if opt.Wide {
		rows, err = exportWide(ctx, st.db, out, &f)
	} else {
		rows, err = exportLong(ctx, st.db, out, &f)
	}
	if ferr := out.flush(); err == nil && ferr != nil {
		err = fmt.Errorf("export: write: %w", ferr)
	}
	return rows, err
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
func exportLong(ctx context.Context, db *sql.DB, out rowWriter, f *Filter) (int, error) {
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
func exportWide(ctx context.Context, db *sql.DB, out rowWriter, f *Filter) (int, error) {
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
