// Package corpustest gives tests their own connection to an archive's
// catalog, to check what was written or to damage it on purpose. The
// program's packages never get one: only corpus writes SQL.
package corpustest

import (
	"database/sql"
	"path/filepath"
	"sync"

	_ "modernc.org/sqlite" // the catalog's driver

	"gongkai/corpus"
)

var (
	mu  sync.Mutex
	dbs = map[string]*sql.DB{}
)

// DB is a connection pool to st's catalog.db of its own (kept open for
// the test process; one per archive directory). It panics when the catalog
// cannot be opened: a test cannot go on then.
func DB(st *corpus.Store) *sql.DB {
	mu.Lock()
	defer mu.Unlock()
	dir := st.Dir()
	if db := dbs[dir]; db != nil {
		return db
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "catalog.db")+"?_pragma=busy_timeout(30000)&_pragma=foreign_keys(1)")
	if err != nil {
		panic("corpustest: " + err.Error())
	}
	dbs[dir] = db
	return db
}
