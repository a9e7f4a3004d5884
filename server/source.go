package server

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"

	"gongkai/corpus"
	"gongkai/sourceview"
)

// maxMarked bounds the original read into memory to mark a place in it.
const maxMarked = 64 << 20

// serveMarked serves the original of rep with one place marked
// (?at=PATH for a table cell of an HTML, DOCX, DOC or WPS report, ?line=N for a
// text or Markdown one), as a UTF-8 HTML page in the same CSP sandbox as
// HTML originals; the marked element has the id sourceview.MarkID. A PDF
// is drawn in the browser instead (the /source page).
func (s *Server) serveMarked(w http.ResponseWriter, r *http.Request, rep *corpus.Report, f *os.File) {
	data, err := io.ReadAll(io.LimitReader(f, maxMarked+1))
	if err != nil {
		writeError(w, fmt.Errorf("original of %s: %w", rep.ID, err), http.StatusInternalServerError)
		return
	}
	if len(data) > maxMarked {
		writeError(w, fmt.Errorf("original of %s: over %d bytes, too large to mark", rep.ID, maxMarked), http.StatusUnprocessableEntity)
		return
	}
	q := r.URL.Query()
	var out []byte
	switch rep.Source.Format {
	case "html":
		out, err = sourceview.HTML(data, q.Get("at"))
	case "docx":
		out, err = sourceview.DOCX(data, q.Get("at"), rep.Title)
	case "doc", "wps":
		out, err = sourceview.Word(r.Context(), data, q.Get("at"), rep.Title)
	case "text", "markdown":
		n, perr := strconv.Atoi(q.Get("line"))
		if perr != nil {
			writeError(w, fmt.Errorf("line %q: not a number", q.Get("line")), http.StatusBadRequest)
			return
		}
		out, err = sourceview.Text(data, n, rep.Title)
	default:
		writeError(w, fmt.Errorf("report %s: a %s original cannot be marked here (PDFs are drawn by the /source page)", rep.ID, rep.Source.Format), http.StatusBadRequest)
		return
	}
	if err != nil {
		writeError(w, fmt.Errorf("report %s: %w", rep.ID, err), http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	h.Set("Cache-Control", "private, no-cache")
	_, _ = w.Write(out)
}
