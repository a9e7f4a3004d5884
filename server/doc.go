// Package server is gongkai's HTTP side: a JSON API under /api/ over an
// archive (the catalog, the search index and the compare package) and the
// web pages that use it (search, report, compare), every asset embedded in
// the binary (package server/web).
//
// The server owns the archive's search index while it runs: bleve (bolt)
// lets one process hold an index open for writing, and the server holds
// it. Reports reach the index by one path whoever committed them to the
// catalog: a watcher polls the catalog (SQLite in WAL mode, safe to share
// between processes) every few seconds and indexes the reports committed
// since its last look — those of POST /api/import, run inside the server,
// and those of another process importing with `gongkai import --no-index`
// or crawling. Searches keep running meanwhile.
//
// Writes (POST /api/import, POST /api/index/rebuild) need the token the
// server was started with (Authorization: Bearer T); without a token they
// are disabled. Every response carries a restrictive Content-Security-Policy
// and the pages load nothing from outside the binary.
package server
