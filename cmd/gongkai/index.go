package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"gongkai/corpus"
	bleveindex "gongkai/index/bleve"
	"gongkai/index/sphinx"
)

// indexDir is where an archive keeps its search index.
func indexDir(archive string) string { return filepath.Join(archive, "index") }

// runIndex shows the state of the archive's index, rebuilds it from the
// catalog (--rebuild), compares its count with the catalog's (--check) or
// prints the searchd configuration of a cluster (--print-config).
func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("index", "index [--archive DIR] [--index bleve|sphinx://host:port,…] [--rebuild [--shard-by none|year]] [--check] [--print-config [--node N] [--data DIR]]", stderr)
	dir := archiveFlag(fs)
	spec := indexFlag(fs)
	rebuild := fs.Bool("rebuild", false, "rebuild the index from the catalog (bleve: into a temporary directory, then swapped in; sphinx: into the inactive generation, then switched)")
	check := fs.Bool("check", false, "compare the number of reports in the catalog and in the index (exit status 1 when they differ)")
	printConfig := fs.Bool("print-config", false, "print the searchd configuration of the --index sphinx://… cluster's nodes")
	node := fs.Int("node", 0, "with --print-config: only this node (1-based, in the order of --index)")
	data := fs.String("data", "/var/lib/gongkai-sphinx", "with --print-config: the data directory on each node")
	shardBy := fs.String("shard-by", "", "bleve: none (one index) or year (one shard per reporting year); default: as before, else none")
	analysis := fs.String("analysis", bleveindex.ModeHybrid, "bleve: hybrid (words + bigrams), words or cjk (for comparisons)")
	if rest, err := parseInterspersed(fs, args); err != nil || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	remote, err := isSphinx(*spec)
	if err != nil {
		fmt.Fprintln(stderr, "gongkai index:", err)
		return errUsage
	}
	if *printConfig {
		if !remote {
			fmt.Fprintln(stderr, "gongkai index: --print-config needs --index sphinx://host:9306[,host:9306…]")
			return errUsage
		}
		return printSphinxConfig(stdout, *spec, *node, *data)
	}
	if _, err := os.Stat(filepath.Join(*dir, "catalog.db")); err != nil {
		return fmt.Errorf("no archive at %s (no catalog.db)", *dir)
	}
	defer startProfiling(stderr)()
	if remote {
		return indexSphinx(ctx, *dir, *spec, *rebuild, *check, stdout, stderr)
	}
	idir := indexDir(*dir)
	if *check {
		return checkBleve(ctx, *dir, idir, stdout)
	}
	if !*rebuild {
		return indexStatus(idir, stdout)
	}
	if *shardBy == "" {
		*shardBy = bleveindex.StoredShardBy(idir)
	}
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	stats, err := bleveindex.Build(ctx, st, idir, bleveindex.Options{ShardBy: *shardBy, Analysis: *analysis})
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "indexed %d reports into %d shard(s) in %s\n", stats.Reports, stats.Shards, time.Since(start).Round(time.Millisecond))
	return nil
}

// printSphinxConfig writes the searchd configuration of one node (node
// 1…n) or of every node, each headed by where it goes.
func printSphinxConfig(w io.Writer, spec string, node int, data string) error {
	nodes, err := sphinx.ParseURL(spec)
	if err != nil {
		return err
	}
	if node < 0 || node > len(nodes) {
		return fmt.Errorf("--node %d: the cluster has nodes 1…%d", node, len(nodes))
	}
	for i := range nodes {
		if node != 0 && i != node-1 {
			continue
		}
		if node == 0 && len(nodes) > 1 {
			fmt.Fprintf(w, "# ===== node %d: %s — save as its searchd.conf (or print it alone with --node %d)\n", i+1, nodes[i], i+1)
		}
		fmt.Fprint(w, sphinx.Config(nodes, i, data))
		if node == 0 && i < len(nodes)-1 {
			fmt.Fprintln(w)
		}
	}
	return nil
}

// indexSphinx shows, checks or rebuilds a cluster's index.
func indexSphinx(ctx context.Context, dir, spec string, rebuild, check bool, stdout, stderr io.Writer) error {
	st, err := corpus.Open(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	var x *sphinx.Index
	if rebuild {
		x, err = sphinx.Connect(spec, sphinx.Options{}) // a rebuild replaces whatever the nodes hold
	} else {
		x, err = openSphinx(ctx, spec, st)
	}
	if err != nil {
		return err
	}
	defer x.Close()
	if rebuild {
		start := time.Now()
		var bar *progressbar.ProgressBar
		progress := func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(stderr),
					progressbar.OptionSetDescription("feeding "+sphinx.URL(x.Nodes())),
					progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("reports"),
					progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(200*time.Millisecond),
					progressbar.OptionSetWidth(30))
			}
			bar.Set(done)
		}
		stats, err := x.Build(ctx, st, progress)
		if bar != nil {
			bar.Finish()
			fmt.Fprintln(stderr)
		}
		if err != nil {
			return err
		}
		el := time.Since(start)
		fmt.Fprintf(stderr, "indexed %d reports on %d node(s) in %s (%.0f reports/s)\n", stats.Reports, len(x.Nodes()),
			el.Round(time.Millisecond), float64(stats.Reports)/el.Seconds())
		return nil
	}
	n, err := x.Count()
	if err != nil {
		return err
	}
	if check {
		return compareCounts(ctx, st, n, sphinx.URL(x.Nodes()), stdout)
	}
	active, err := x.Active(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d reports on %d node(s), generation %s active\n", sphinx.URL(x.Nodes()), n, len(x.Nodes()), strings.Join(active, "/"))
	return nil
}

// checkBleve compares the bleve index's count with the catalog's.
func checkBleve(ctx context.Context, dir, idir string, stdout io.Writer) error {
	if !bleveindex.Exists(idir) {
		return fmt.Errorf("no index in %s: run gongkai index --rebuild", idir)
	}
	if err := bleveindex.UseVocabulary(idir); err != nil {
		return err
	}
	x, err := bleveindex.Open(idir, bleveindex.Options{})
	if err != nil {
		return err
	}
	defer x.Close()
	n, err := x.Count()
	if err != nil {
		return err
	}
	st, err := corpus.Open(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	return compareCounts(ctx, st, n, idir, stdout)
}

// errCountsDiffer makes gongkai index --check exit with status 1.
var errCountsDiffer = errors.New("the index and the catalog hold different numbers of reports: rebuild the index (gongkai index --rebuild)")

// compareCounts prints the catalog's and the index's report counts.
func compareCounts(ctx context.Context, st *corpus.Store, indexed uint64, where string, stdout io.Writer) error {
	stats, err := st.Stats(ctx)
	if err != nil {
		return fmt.Errorf("count the catalog's reports: %w", err)
	}
	fmt.Fprintf(stdout, "catalog: %d reports\nindex %s: %d reports\n", stats.Reports, where, indexed)
	if uint64(stats.Reports) != indexed {
		return errCountsDiffer
	}
	fmt.Fprintln(stdout, "ok: the counts agree")
	return nil
}

func indexStatus(idir string, stdout io.Writer) error {
	if !bleveindex.Exists(idir) {
		fmt.Fprintf(stdout, "no index in %s: run gongkai index --rebuild\n", idir)
		return nil
	}
	// The derived version first, from meta.json: it can be read while a
	// server holds the index open.
	stored, err := bleveindex.Stored(idir)
	if err != nil {
		return err
	}
	want, err := bleveindex.Expected(idir, bleveindex.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: index version %s (%s)\n", idir, stored.ID(), stored)
	if diff := stored.Diff(want); len(diff) > 0 {
		fmt.Fprintf(stdout, "outdated: this gongkai derives index version %s (%s); they differ in %s: run gongkai index --rebuild\n",
			want.ID(), want, strings.Join(diff, ", "))
		return nil
	}
	fmt.Fprintf(stdout, "up to date: this gongkai derives the same version\n")
	if err := bleveindex.UseVocabulary(idir); err != nil {
		return err
	}
	x, err := bleveindex.Open(idir, bleveindex.Options{})
	if errors.Is(err, bleveindex.ErrVersionMismatch) || errors.Is(err, bleveindex.ErrInUse) {
		fmt.Fprintf(stdout, "%v\n", err) // a shard built by another version, or a server holding the index
		return nil
	}
	if err != nil {
		return err
	}
	defer x.Close()
	n, err := x.Count()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reports: %d\n", n)
	return nil
}
