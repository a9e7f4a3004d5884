// Package sphinxtest starts a cluster of real searchd processes on
// loopback ports for tests, from the configuration sphinx.Config writes.
package sphinxtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"gongkai/index/sphinx"
)

// Searchd returns the path of searchd, or skips the test naming the
// Debian package that has it.
func Searchd(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("searchd")
	if err != nil {
		t.Skip("searchd not found: install Debian's sphinxsearch (apt-get install sphinxsearch) to run the Sphinx tests")
	}
	return p
}

// Cluster is n running searchd processes.
type Cluster struct {
	Nodes []sphinx.Node
	URL   string
	procs []*exec.Cmd
	dirs  []string
}

// Start starts n searchd processes (each its own data directory under
// t.TempDir) and stops them when the test ends. It skips the test when
// searchd is missing.
func Start(t testing.TB, n int) *Cluster {
	t.Helper()
	bin := Searchd(t)
	c := &Cluster{}
	used := map[int]bool{}
	for len(c.Nodes) < n {
		p := freePort(t)
		if used[p] || used[p+sphinx.APIPortOffset] || used[p-sphinx.APIPortOffset] {
			continue
		}
		used[p] = true
		c.Nodes = append(c.Nodes, sphinx.Node{Host: "127.0.0.1", SQLPort: p})
	}
	c.URL = sphinx.URL(c.Nodes)
	root := t.TempDir()
	for i := range c.Nodes {
		dir := filepath.Join(root, "node"+strconv.Itoa(i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		c.dirs = append(c.dirs, dir)
		conf := filepath.Join(dir, "searchd.conf")
		if err := os.WriteFile(conf, []byte(sphinx.Config(c.Nodes, i, dir)), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "--config", conf, "--nodetach")
		cmd.Dir = dir
		out, err := os.Create(filepath.Join(dir, "stdout.log"))
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatalf("start searchd: %v", err)
		}
		c.procs = append(c.procs, cmd)
		t.Cleanup(func() { c.Stop(i); out.Close() })
	}
	for i, nd := range c.Nodes {
		if err := waitPort(nd.Addr(), 15*time.Second); err != nil {
			log, _ := os.ReadFile(filepath.Join(c.dirs[i], "stdout.log"))
			t.Fatalf("searchd node %s did not start: %v\n%s", nd, err, log)
		}
	}
	return c
}

// Stop kills node i's searchd (a node going down) and waits for it.
func (c *Cluster) Stop(i int) {
	p := c.procs[i]
	if p == nil || p.Process == nil {
		return
	}
	p.Process.Kill()
	p.Wait()
	c.procs[i] = nil
}

// freePort returns a loopback port p such that p and p+APIPortOffset are
// both free (at the time of asking).
func freePort(t testing.TB) int {
	t.Helper()
	for try := 0; try < 50; try++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		p := l.Addr().(*net.TCPAddr).Port
		l2, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p+sphinx.APIPortOffset))
		l.Close()
		if err == nil {
			l2.Close()
			return p
		}
	}
	t.Fatal("no free pair of loopback ports")
	return 0
}

func waitPort(addr string, d time.Duration) error {
	deadline := time.Now().Add(d)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("nothing listens on %s after %s: %w", addr, d, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
