package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"gongkai/compare"
	"gongkai/corpus"
	"gongkai/index"
	"gongkai/internal/debuglog"
)

// errUnavailable marks a request the server cannot answer now (the index
// is being rebuilt): HTTP 503.
var errUnavailable = errors.New("the search index is being rebuilt: try again shortly")

// csp allows only the server's own scripts, styles and images.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// secure adds the security headers to every response and turns a panic
// in a handler into a 500 instead of a dropped connection.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				// The stack goes to the debug log, the client gets one line.
				writeError(w, debuglog.Recovered("http", r.Method+" "+r.URL.Path, v), http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// withTimeout bounds a handler's work by d through its request context.
func withTimeout(d time.Duration, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h(w, r.WithContext(ctx))
	}
}

// writeJSON writes v as indented JSON without HTML escaping (the form
// gongkai's --json output has).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// apiError is the body of every error response.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// statusOf maps an error to its HTTP status.
func statusOf(err error) int {
	switch {
	case errors.Is(err, errBadParam), errors.Is(err, index.ErrBadQuery),
		errors.Is(err, compare.ErrBadInput), errors.Is(err, compare.ErrAmbiguous),
		errors.Is(err, corpus.ErrExportFormat):
		return http.StatusBadRequest
	case errors.Is(err, corpus.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, errUnavailable):
		return http.StatusServiceUnavailable
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout
	}
	return http.StatusInternalServerError
}

// writeError answers an error as JSON; status 0 derives it from err.
func writeError(w http.ResponseWriter, err error, status int) {
	if status == 0 {
		status = statusOf(err)
	}
	msg := err.Error()
	if status == http.StatusInternalServerError && !strings.HasPrefix(msg, "internal") {
		msg = "internal error: " + msg
	}
	writeJSON(w, status, apiError{Error: msg, Status: status})
}

// authorized reports whether a request carries the server's token
// (compared in constant time). Without a configured token nothing is.
func (s *Server) authorized(r *http.Request) bool {
	if s.opt.Token == "" {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.opt.Token)) == 1
}

// requireToken guards a write endpoint.
func (s *Server) requireToken(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.opt.Token == "" {
			writeError(w, errors.New("writes are disabled: start gongkai serve with --token or $GONGKAI_TOKEN"), http.StatusForbidden)
			return
		}
		if !s.authorized(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gongkai"`)
			writeError(w, errors.New("a valid token is required (Authorization: Bearer TOKEN)"), http.StatusUnauthorized)
			return
		}
		h(w, r)
	}
}
