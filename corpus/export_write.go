package corpus

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

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
