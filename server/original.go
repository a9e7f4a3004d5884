package server

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"
)

// originalType is how an original file is served: its content type and
// whether a browser may show it inline.
func originalType(format, encoding string) (ctype, ext string, inline bool) {
	charset := "utf-8"
	switch strings.ToLower(encoding) {
	case "gb18030", "gbk", "gb2312":
		charset = "gb18030"
	case "utf-16le", "utf-16be":
		charset = strings.ToLower(encoding)
	}
	switch format {
	case "html":
		return "text/html; charset=" + charset, ".html", true
	case "text":
		return "text/plain; charset=" + charset, ".txt", true
	case "markdown":
		return "text/plain; charset=" + charset, ".md", true
	case "pdf":
		return "application/pdf", ".pdf", true
	case "docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", false
	case "doc":
		return "application/msword", ".doc", false
	case "wps":
		return "application/vnd.ms-works", ".wps", false
	}
	return "application/octet-stream", ".bin", false
}

// handleOriginal serves a report's original file. The id is looked up in
// the catalog and the file is the blob the catalog names: nothing from
// the request becomes part of a path. An HTML original is shown in a
// CSP sandbox (no scripts, no requests, an opaque origin).
func (s *Server) handleOriginal(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	rep, err := s.st.Report(r.Context(), id)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	sha := rep.Source.SHA256
	if !reportID.MatchString(sha) || len(sha) != 64 {
		writeError(w, fmt.Errorf("report %s names no document", id), http.StatusInternalServerError)
		return
	}
	f, err := os.Open(s.st.BlobPath(sha))
	if err != nil {
		writeError(w, fmt.Errorf("original of %s: %w", id, err), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	if q := r.URL.Query(); q.Has("at") || q.Has("line") {
		s.serveMarked(w, r, rep, f)
		return
	}
	ctype, ext, inline := originalType(rep.Source.Format, rep.Source.Encoding)
	disp := "attachment"
	if inline {
		disp = "inline"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", fmt.Sprintf(`%s; filename="%s%s"`, disp, rep.ID, ext))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	if rep.Source.Format == "pdf" {
		// Chromium's PDF viewer does not run in a CSP sandbox.
		h.Set("Content-Security-Policy", "default-src 'none'; object-src 'self'; plugin-types application/pdf")
	}
	h.Set("ETag", `"`+sha+`"`)
	h.Set("Cache-Control", "private, max-age=86400, immutable")
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.opt.ExportTimeout))
	http.ServeContent(w, r, "", time.Time{}, f)
}
