package sphinx

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/go-sql-driver/mysql"

	"gongkai/corpus"
	"gongkai/index"
	"gongkai/index/zh"
)

var _ index.Backend = (*Index)(nil)

func init() {
	// The driver logs dropped idle connections (searchd closes them) to
	// stderr; the errors that matter are returned.
	mysql.SetLogger(log.New(io.Discard, "", 0))
}

// Errors callers test with errors.Is.
var (
	// ErrNodeDown: a node did not answer (in time); the message names it.
	ErrNodeDown = errors.New("sphinx node unreachable")
	// ErrVersionMismatch: the cluster was built by another version of
	// gongkai or for another node list; rebuild it.
	ErrVersionMismatch = errors.New("the sphinx index was built by another gongkai or for other nodes: rebuild it (gongkai index --rebuild --index sphinx://…)")
	// ErrClosed is returned after Close.
	ErrClosed = errors.New("index is closed")
)

// Options configure a cluster connection.
type Options struct {
	// Text returns the body text (index.Text(r).Body) of reports by id,
	// for snippets; nil: hits carry no snippets. CatalogText reads it
	// from the catalog.
	Text func(ctx context.Context, ids []string) (map[string]string, error)
	// Timeout bounds one statement (default 30 s); ConnectTimeout one
	// connection attempt (default 2 s).
	Timeout, ConnectTimeout time.Duration
	// BatchBytes bounds one REPLACE statement (default 4 MiB; searchd's
	// max_packet_size in the generated config is 32M).
	BatchBytes int
}

// Versions identify what built the index; stored in every node's
// metadata row.
type Versions struct {
	Schema   string `json:"schema"`   // this package's SchemaVersion and the fields and attributes of Config
	Document string `json:"document"` // index.Fingerprint of index.Document (fields, derivation)
	Analysis string `json:"analysis"` // zh.Version(): gse, user dictionary, analysis logic
	Nodes    string `json:"nodes"`    // the cluster URL: the sharding
	Node     int    `json:"node"`     // this node's place in it
}

// Index is a cluster of searchd nodes behind index.Backend.
type Index struct {
	nodes []Node
	dbs   []*sql.DB
	an    *analyzers
	opt   Options

	mu     sync.RWMutex
	closed bool
}

func (o *Options) normalize() {
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 2 * time.Second
	}
	if o.BatchBytes <= 0 {
		o.BatchBytes = 4 << 20
	}
}

// codeVersions is what this code stores on node i.
func codeVersions(nodes []Node, i int) Versions {
	return Versions{Schema: schemaVersion(), Document: index.Fingerprint(index.Document), Analysis: zh.Version(), Nodes: URL(nodes), Node: i}
}

// Connect connects to the nodes of url without checking what they hold.
func Connect(url string, opt Options) (*Index, error) {
	nodes, err := ParseURL(url)
	if err != nil {
		return nil, err
	}
	opt.normalize()
	an, err := newAnalyzers()
	if err != nil {
		return nil, fmt.Errorf("sphinx: analyzers: %w", err)
	}
	x := &Index{nodes: nodes, an: an, opt: opt}
	for _, n := range nodes {
		cfg := mysql.NewConfig()
		cfg.Net = "tcp"
		cfg.Addr = n.Addr()
		cfg.Timeout = opt.ConnectTimeout
		cfg.ReadTimeout = opt.Timeout
		cfg.WriteTimeout = opt.Timeout
		cfg.InterpolateParams = true // searchd has no prepared statements
		conn, err := mysql.NewConnector(cfg)
		if err != nil {
			x.Close()
			return nil, fmt.Errorf("sphinx node %s: %w", n, err)
		}
		db := sql.OpenDB(conn)
		db.SetMaxIdleConns(4)
		db.SetConnMaxIdleTime(5 * time.Second) // searchd drops idle clients
		x.dbs = append(x.dbs, db)
	}
	return x, nil
}

// Open connects to the cluster and checks that every node answers and
// holds an index built by this code for this node list (an empty node is
// given its metadata row). It returns ErrNodeDown or ErrVersionMismatch
// (wrapped) otherwise.
func Open(ctx context.Context, url string, opt Options) (*Index, error) {
	x, err := Connect(url, opt)
	if err != nil {
		return nil, err
	}
	for i := range x.nodes {
		if err := x.checkNode(ctx, i); err != nil {
			x.Close()
			return nil, err
		}
	}
	return x, nil
}

// Nodes returns the cluster's nodes.
func (x *Index) Nodes() []Node { return x.nodes }

// nodeErr names the node in an error, marking connection failures.
func (x *Index) nodeErr(i int, what string, err error) error {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		msg := me.Message
		if strings.Contains(msg, "unknown local index") || strings.Contains(msg, "no such index") {
			msg += " (is searchd running with the configuration of gongkai index --print-config?)"
		}
		return fmt.Errorf("sphinx node %s: %s: %s", x.nodes[i], what, msg)
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("sphinx node %s: %s: %v: %w", x.nodes[i], what, err, ErrNodeDown)
}

func (x *Index) ctx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, x.opt.Timeout)
}

// readVersions reads node i's metadata row in generation g (ok false when
// it has none).
func (x *Index) readVersions(ctx context.Context, i int, g gen) (v Versions, ok bool, err error) {
	ctx, cancel := x.ctx(ctx)
	defer cancel()
	var raw string
	err = x.dbs[i].QueryRowContext(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE id = %d", aTitle, g.rt(), MetaID)).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return v, false, nil
	}
	if err != nil {
		return v, false, x.nodeErr(i, "read the index version", err)
	}
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return v, true, fmt.Errorf("sphinx node %s: bad version row %q: %w", x.nodes[i], raw, ErrVersionMismatch)
	}
	return v, true, nil
}

// checkNode checks the versions of node i's active generation.
func (x *Index) checkNode(ctx context.Context, i int) error {
	st, err := x.readState(ctx, i)
	if err != nil {
		return err
	}
	g := st.active
	v, ok, err := x.readVersions(ctx, i, g)
	if err != nil {
		return err
	}
	want := codeVersions(x.nodes, i)
	if ok {
		if v != want {
			return fmt.Errorf("sphinx node %s: built with %+v, this gongkai has %+v: %w", x.nodes[i], v, want, ErrVersionMismatch)
		}
		return nil
	}
	n, err := x.nodeCount(ctx, i, g)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("sphinx node %s: %d documents but no version row: %w", x.nodes[i], n, ErrVersionMismatch)
	}
	return x.writeVersions(ctx, i, g)
}

func (x *Index) writeVersions(ctx context.Context, i int, g gen) error {
	ctx, cancel := x.ctx(ctx)
	defer cancel()
	raw, _ := json.Marshal(codeVersions(x.nodes, i))
	q := fmt.Sprintf("REPLACE INTO %s (id, %s, %s) VALUES (%d, '_meta', %s)", g.rt(), aRID, aTitle, MetaID, quote(string(raw)))
	if _, err := x.dbs[i].ExecContext(ctx, q); err != nil {
		return x.nodeErr(i, "write the index version", err)
	}
	return nil
}

// nodeCount counts the reports on node i in generation g.
func (x *Index) nodeCount(ctx context.Context, i int, g gen) (uint64, error) {
	ctx, cancel := x.ctx(ctx)
	defer cancel()
	conn, err := x.dbs[i].Conn(ctx)
	if err != nil {
		return 0, x.nodeErr(i, "connect", err)
	}
	defer conn.Close()
	m, err := countOn(ctx, conn, g.rt())
	if err != nil {
		return 0, x.nodeErr(i, "count", err)
	}
	return m.total, nil
}

type meta struct {
	total   uint64
	warning string
}

// countOn counts the reports of index on conn.
func countOn(ctx context.Context, conn *sql.Conn, idx string) (meta, error) {
	rows, err := conn.QueryContext(ctx, fmt.Sprintf("SELECT id FROM %s WHERE id < %d LIMIT 1", idx, MetaID))
	if err != nil {
		return meta{}, err
	}
	for rows.Next() {
	}
	if err := rows.Close(); err != nil {
		return meta{}, err
	}
	return showMeta(ctx, conn)
}

// showMeta reads SHOW META after a SELECT on the same connection.
func showMeta(ctx context.Context, conn *sql.Conn) (meta, error) {
	var m meta
	rows, err := conn.QueryContext(ctx, "SHOW META")
	if err != nil {
		return m, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return m, err
		}
		switch k {
		case "total_found":
			fmt.Sscan(v, &m.total)
		case "warning", "error":
			m.warning = v
		}
	}
	return m, rows.Err()
}

// Count returns the number of reports in the index (all nodes).
func (x *Index) Count() (uint64, error) {
	return x.CountContext(context.Background())
}

// CountContext is Count with a context.
func (x *Index) CountContext(ctx context.Context) (uint64, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return 0, ErrClosed
	}
	var n uint64
	for i := range x.nodes {
		st, err := x.readState(ctx, i)
		if err != nil {
			return 0, err
		}
		c, err := x.nodeCount(ctx, i, st.active)
		if err != nil {
			return 0, err
		}
		n += c
	}
	return n, nil
}

// nodeOf is the node holding a document id.
func (x *Index) nodeOf(id uint64) int { return int((id - 1) % uint64(len(x.nodes))) }

// Index adds or replaces reports (REPLACE by id: feeding twice gives the
// same index) in the active generation, and in the one a rebuild is
// filling. A report id that is not 12 lower-case hex digits is an error
// naming it.
func (x *Index) Index(ctx context.Context, reports []*corpus.Report) error {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return ErrClosed
	}
	if zh.Compact() {
		return errors.New("sphinx: this process analyses with the compact query vocabulary and must not index")
	}
	gs, err := x.writeGens(ctx)
	if err != nil {
		return err
	}
	return x.index(ctx, reports, nil, gs)
}

// index writes reports to the generations gs; primary, during a Build,
// says which reports are the catalog's primary renditions (seq 1, the
// others 0); otherwise seq is the time of indexing (the newest parse wins
// a group).
func (x *Index) index(ctx context.Context, reports []*corpus.Report, primary map[string]bool, gs []gen) error {
	now := time.Now().UnixNano()
	var todo []*corpus.Report
	for _, r := range reports {
		if r == nil || r.ID == "" {
			continue
		}
		if _, ok := docID(r.ID); !ok {
			return fmt.Errorf("sphinx: report id %q is not 12 hex digits", r.ID)
		}
		todo = append(todo, r)
	}
	// Analysis (gse words, sub-words, bigrams) is the cost of feeding:
	// run it on every core, as bleve's analysis queue does.
	rows := make([]row, len(todo))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := todo[i]
				id, _ := docID(r.ID)
				seq := now
				if primary != nil {
					seq = 0
					if primary[r.ID] {
						seq = 1
					}
				}
				rows[i] = x.an.makeRow(r, id, seq)
			}
		}()
	}
	for i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	per := make([][]row, len(x.nodes))
	var ids []uint64
	keys := map[string]bool{}
	for _, rw := range rows {
		i := x.nodeOf(rw.id)
		per[i] = append(per[i], rw)
		ids = append(ids, rw.id)
		keys[rw.strs[aRendition]] = true
	}
	if len(ids) == 0 {
		return nil
	}
	for _, g := range gs {
		keys := maps.Clone(keys)
		if primary == nil {
			// The groups the replaced documents were in (a re-parse can
			// change a report's key).
			old, err := x.keysOf(ctx, g, ids)
			if err != nil {
				return err
			}
			for k := range old {
				keys[k] = true
			}
		}
		errs := make([]error, len(x.nodes))
		for i := range x.nodes {
			if len(per[i]) == 0 {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = x.replace(ctx, i, g, per[i])
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return err
		}
		if err := x.regroup(ctx, g, keys); err != nil {
			return err
		}
	}
	return nil
}

// replace writes rows to node i's generation g in statements of at most
// BatchBytes.
func (x *Index) replace(ctx context.Context, i int, g gen, rows []row) error {
	head := replaceHead(g)
	var b strings.Builder
	n := 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		cctx, cancel := x.ctx(ctx)
		defer cancel()
		_, err := x.dbs[i].ExecContext(cctx, b.String())
		b.Reset()
		n = 0
		if err != nil {
			return x.nodeErr(i, "replace reports", err)
		}
		return nil
	}
	for _, r := range rows {
		v := r.values()
		if n > 0 && b.Len()+len(v) > x.opt.BatchBytes {
			if err := flush(); err != nil {
				return err
			}
		}
		if n == 0 {
			b.WriteString(head)
		} else {
			b.WriteString(",")
		}
		b.WriteString(v)
		n++
	}
	return flush()
}

// replaceHead is "REPLACE INTO rt (id, fields…, attributes…) VALUES ".
func replaceHead(g gen) string {
	cols := []string{"id"}
	cols = append(cols, rtFields()...)
	for _, a := range attrList {
		cols = append(cols, a.name)
	}
	return "REPLACE INTO " + g.rt() + " (" + strings.Join(cols, ", ") + ") VALUES "
}

// values is the row's "(…)" in replaceHead's column order.
func (r row) values() string {
	var b strings.Builder
	fmt.Fprintf(&b, "(%d", r.id)
	for _, f := range rtFields() {
		b.WriteString(", ")
		b.WriteString(quote(r.fields[f]))
	}
	for _, a := range attrList {
		b.WriteString(", ")
		if a.kind == "string" {
			b.WriteString(quote(r.strs[a.name]))
		} else {
			fmt.Fprintf(&b, "%d", r.ints[a.name])
		}
	}
	b.WriteString(")")
	return b.String()
}

// quote writes s as a SphinxQL string literal. searchd reads backslash
// escapes; NUL bytes are dropped.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '\'':
			b.WriteByte('\\')
			b.WriteByte(c)
		case 0:
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// Delete removes reports by id (from the active generation and the one
// being built); unknown ids are ignored.
func (x *Index) Delete(ctx context.Context, ids []string) error {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return ErrClosed
	}
	per := make([][]string, len(x.nodes))
	var nums []uint64
	for _, s := range ids {
		if id, ok := docID(s); ok {
			per[x.nodeOf(id)] = append(per[x.nodeOf(id)], fmt.Sprint(id))
			nums = append(nums, id)
		}
	}
	gs, err := x.writeGens(ctx)
	if err != nil {
		return err
	}
	for _, g := range gs {
		keys, err := x.keysOf(ctx, g, nums)
		if err != nil {
			return err
		}
		for i, list := range per {
			for len(list) > 0 {
				k := min(len(list), 1000)
				cctx, cancel := x.ctx(ctx)
				_, err := x.dbs[i].ExecContext(cctx, fmt.Sprintf("DELETE FROM %s WHERE id IN (%s)", g.rt(), strings.Join(list[:k], ",")))
				cancel()
				if err != nil {
					return x.nodeErr(i, "delete reports", err)
				}
				list = list[k:]
			}
		}
		if err := x.regroup(ctx, g, keys); err != nil {
			return err
		}
	}
	return nil
}

// truncate empties generation g on every node and writes its metadata row.
func (x *Index) truncate(ctx context.Context, g gen) error {
	for i := range x.nodes {
		cctx, cancel := x.ctx(ctx)
		_, err := x.dbs[i].ExecContext(cctx, "TRUNCATE RTINDEX "+g.rt())
		cancel()
		if err != nil {
			return x.nodeErr(i, "truncate "+g.rt(), err)
		}
		if err := x.writeVersions(ctx, i, g); err != nil {
			return err
		}
	}
	return nil
}

// Finish writes every node's RAM chunks to disk (index.Backend).
func (x *Index) Finish(ctx context.Context) error { return x.Flush(ctx) }

// Rebuild feeds the catalog to the inactive generation and then makes it
// active (Build): searches see the old index until the new one is
// complete.
func (x *Index) Rebuild(ctx context.Context, st *corpus.Store) (int, error) {
	stats, err := x.Build(ctx, st, nil)
	return stats.Reports, err
}

// Flush makes every node write the RAM chunks of the generations being
// written to disk (FLUSH RTINDEX).
func (x *Index) Flush(ctx context.Context) error {
	gs, err := x.writeGens(ctx)
	if err != nil {
		return err
	}
	for _, g := range gs {
		if err := x.flush(ctx, g); err != nil {
			return err
		}
	}
	return nil
}

func (x *Index) flush(ctx context.Context, g gen) error {
	for i := range x.nodes {
		cctx, cancel := x.ctx(ctx)
		_, err := x.dbs[i].ExecContext(cctx, "FLUSH RTINDEX "+g.rt())
		cancel()
		if err != nil {
			return x.nodeErr(i, "flush "+g.rt(), err)
		}
	}
	return nil
}

// Close closes the connections.
func (x *Index) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.closed = true
	var errs []error
	for _, db := range x.dbs {
		errs = append(errs, db.Close())
	}
	return errors.Join(errs...)
}
