package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"gongkai/corpus"
	bleveindex "gongkai/index/bleve"
)

// indexDir is where an archive keeps its search index.
func indexDir(archive string) string { return filepath.Join(archive, "index") }

// runIndex shows the state of the archive's index, or rebuilds it from the
// catalog (--rebuild).
func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("index", "index [--archive DIR] [--rebuild [--shard-by none|year]]", stderr)
	dir := archiveFlag(fs)
	rebuild := fs.Bool("rebuild", false, "rebuild the index from the catalog (into a temporary directory, then swapped in)")
	shardBy := fs.String("shard-by", "", "none (one index) or year (one shard per reporting year); default: as before, else none")
	analysis := fs.String("analysis", bleveindex.ModeHybrid, "hybrid (words + bigrams), words or cjk (for comparisons)")
	if rest, err := parseInterspersed(fs, args); err != nil || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	if _, err := os.Stat(filepath.Join(*dir, "catalog.db")); err != nil {
		return fmt.Errorf("no archive at %s (no catalog.db)", *dir)
	}
	idir := indexDir(*dir)
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

func indexStatus(idir string, stdout io.Writer) error {
	if !bleveindex.Exists(idir) {
		fmt.Fprintf(stdout, "no index in %s: run gongkai index --rebuild\n", idir)
		return nil
	}
	if err := bleveindex.UseVocabulary(idir); err != nil {
		return err
	}
	x, err := bleveindex.Open(idir, bleveindex.Options{})
	if errors.Is(err, bleveindex.ErrVersionMismatch) {
		fmt.Fprintf(stdout, "%v\n", err)
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
	v := x.Versions()
	fmt.Fprintf(stdout, "%s: %d reports, shard-by %s, analysis %s (%s), schema %d, mapping %s\n",
		idir, n, v.ShardBy, v.Mode, v.Analysis, v.Schema, v.Mapping)
	return nil
}
