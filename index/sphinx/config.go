package sphinx

import (
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"
)

// Index names on every node. The reports are held twice over, in two
// generations (a and b) of an RT index and of the distributed index over
// every node's RT index of that generation: searches read the active
// generation, a rebuild fills the other one and then makes it active
// (Build), so that a search never sees a partial index. IndexState holds
// which generation is active and which one is being built.
const (
	IndexRT    = "gongkai_rt"    // gongkai_rt_a, gongkai_rt_b: the node's share of the reports
	IndexDist  = "gongkai"       // gongkai_a, gongkai_b: distributed over every node's RT index of the generation
	IndexState = "gongkai_state" // one row: the active generation and the one being built
)

// gen is a generation of the index: genA or genB (0: none).
type gen int

const (
	genA gen = 1
	genB gen = 2
)

var gens = []gen{genA, genB}

func (g gen) String() string {
	switch g {
	case genA:
		return "a"
	case genB:
		return "b"
	}
	return "none"
}

// other is the generation that is not g.
func (g gen) other() gen {
	if g == genA {
		return genB
	}
	return genA
}

// rt is the name of generation g's RT index.
func (g gen) rt() string { return IndexRT + "_" + g.String() }

// dist is the name of generation g's distributed index.
func (g gen) dist() string { return IndexDist + "_" + g.String() }

// APIPortOffset is the distance from a node's SphinxQL port to its API
// port, which the distributed indexes' agents use (9306 → 9312, searchd's
// defaults).
const APIPortOffset = 6

// Node is one searchd.
type Node struct {
	Host    string
	SQLPort int // SphinxQL (mysql41) listener
}

// Addr is host:port of the SphinxQL listener.
func (n Node) Addr() string { return net.JoinHostPort(n.Host, strconv.Itoa(n.SQLPort)) }

// APIAddr is host:port of the API listener.
func (n Node) APIAddr() string {
	return net.JoinHostPort(n.Host, strconv.Itoa(n.SQLPort+APIPortOffset))
}

func (n Node) String() string { return n.Addr() }

// ParseURL reads sphinx://host:port[,host:port…] (the scheme may be
// omitted). The order of the nodes decides which node holds which report:
// keep it, and rebuild when it changes.
func ParseURL(s string) ([]Node, error) {
	rest := strings.TrimPrefix(strings.TrimSpace(s), "sphinx://")
	rest = strings.TrimSuffix(rest, "/")
	if rest == "" {
		return nil, fmt.Errorf("sphinx URL %q: no nodes (want sphinx://host:9306[,host:9306…])", s)
	}
	var nodes []Node
	seen := map[string]bool{}
	for _, part := range strings.Split(rest, ",") {
		part = strings.TrimSpace(part)
		host, port, err := net.SplitHostPort(part)
		if err != nil {
			return nil, fmt.Errorf("sphinx URL %q: node %q: want host:port", s, part)
		}
		p, err := strconv.Atoi(port)
		if err != nil || p <= 0 || p+APIPortOffset > 65535 {
			return nil, fmt.Errorf("sphinx URL %q: node %q: bad port", s, part)
		}
		n := Node{Host: host, SQLPort: p}
		if seen[n.Addr()] {
			return nil, fmt.Errorf("sphinx URL %q: node %s given twice", s, n.Addr())
		}
		seen[n.Addr()] = true
		nodes = append(nodes, n)
	}
	return nodes, nil
}

// URL is the sphinx:// form of nodes.
func URL(nodes []Node) string {
	addrs := make([]string, len(nodes))
	for i, n := range nodes {
		addrs[i] = n.Addr()
	}
	return "sphinx://" + strings.Join(addrs, ",")
}

// CharsetTable keeps ASCII letters and digits, the underscore of our
// hashed tokens and the CJK ideograph blocks as word characters; text is
// already segmented, so no ngram_chars (libraries.md §4.1).
const CharsetTable = "0..9, A..Z->a..z, _, a..z, U+3400..U+4DBF, U+4E00..U+9FFF, U+F900..U+FAFF"

// Config returns the searchd configuration of node i of nodes, keeping its
// data (RT indexes, binlog, logs, pid file) under dataDir on that node.
func Config(nodes []Node, i int, dataDir string) string {
	n := nodes[i]
	var b strings.Builder
	fmt.Fprintf(&b, "# searchd configuration written by gongkai (gongkai index --print-config)\n")
	fmt.Fprintf(&b, "# node %d of %d: %s; cluster %s\n", i+1, len(nodes), n.Addr(), URL(nodes))
	fmt.Fprintf(&b, "# Sphinx 2.2.11 and Manticore both read it.\n\n")
	for _, g := range gens {
		fmt.Fprintf(&b, "index %s\n{\n\ttype = rt\n\tpath = %s\n", g.rt(), filepath.Join(dataDir, g.rt()))
		for _, f := range rtFields() {
			fmt.Fprintf(&b, "\trt_field = %s\n", f)
		}
		for _, a := range attributes() {
			fmt.Fprintf(&b, "\trt_attr_%s = %s\n", a.kind, a.name)
		}
		fmt.Fprintf(&b, "\tcharset_table = %s\n\tmin_word_len = 1\n\tmin_prefix_len = 1\n\tdict = keywords\n\trt_mem_limit = 256M\n}\n\n", CharsetTable)
		fmt.Fprintf(&b, "index %s\n{\n\ttype = distributed\n", g.dist())
		fmt.Fprintf(&b, "\tlocal = %s\n", g.rt())
		for j, m := range nodes {
			if j != i {
				fmt.Fprintf(&b, "\tagent_persistent = %s:%s\n", m.APIAddr(), g.rt())
			}
		}
		fmt.Fprintf(&b, "\tagent_connect_timeout = 1000\n\tagent_query_timeout = 20000\n}\n\n")
	}
	fmt.Fprintf(&b, "index %s\n{\n\ttype = rt\n\tpath = %s\n\trt_field = %s\n\trt_attr_uint = %s\n\trt_attr_uint = %s\n}\n\n",
		IndexState, filepath.Join(dataDir, IndexState), sField, sActive, sBuilding)
	fmt.Fprintf(&b, "searchd\n{\n")
	fmt.Fprintf(&b, "\tlisten = %s:mysql41\n\tlisten = %s\n", n.Addr(), n.APIAddr())
	fmt.Fprintf(&b, "\tlog = %s\n\tquery_log = %s\n\tpid_file = %s\n\tbinlog_path = %s\n",
		filepath.Join(dataDir, "searchd.log"), filepath.Join(dataDir, "query.log"),
		filepath.Join(dataDir, "searchd.pid"), dataDir)
	fmt.Fprintf(&b, "\tworkers = threads\n\tpersistent_connections_limit = 16\n\tmax_packet_size = 32M\n\tread_timeout = 10\n\tclient_timeout = 300\n}\n")
	return b.String()
}
