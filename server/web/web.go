// Package web holds gongkai serve's pages, scripts and styles, embedded
// in the binary: nothing is loaded from outside it.
package web

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var static embed.FS

// pages maps the page paths to their files.
var pages = map[string]string{
	"/":        "index.html",
	"/report":  "report.html",
	"/compare": "compare.html",
	"/source":  "source.html",
}

// Handler serves the pages (/, /report, /compare) and their assets
// (/static/…). Anything else is 404.
func Handler() http.Handler {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if name, ok := pages[r.URL.Path]; ok {
			w.Header().Set("Cache-Control", "no-cache")
			http.ServeFileFS(w, r, sub, name)
			return
		}
		rest, ok := strings.CutPrefix(r.URL.Path, "/static/")
		if !ok || rest == "" || strings.HasSuffix(rest, "/") || path.Clean("/"+rest) != "/"+rest {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/" + rest
		files.ServeHTTP(w, r2)
	})
}
