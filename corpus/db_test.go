package corpus

import "database/sql"

// DBOf gives the external tests the catalog, to tamper with records as a
// damaged archive would (no package outside corpus gets the *sql.DB).
func DBOf(s *Store) *sql.DB { return s.db }
