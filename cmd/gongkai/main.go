// Command gongkai turns government information disclosure annual reports
// into a searchable, comparable archive. This package holds only flag
// parsing and wiring; see the README for usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
)

// errUsage marks a usage error (exit status 2).
var errUsage = errors.New("usage")

// errSomeFailed marks a run in which some inputs failed and the rest were
// done (exit status 1).
var errSomeFailed = errors.New("some inputs failed")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		os.Exit(2)
	case errors.Is(err, errSomeFailed):
		os.Exit(1)
	default:
		fmt.Fprintln(os.Stderr, "gongkai:", err)
		os.Exit(1)
	}
}

const usage = `gongkai — government information disclosure annual reports, parsed, checked and searchable

Usage:
  gongkai parse [--json] FILE...            parse reports and print them (JSON: one object per line)

  gongkai import [--archive DIR] PATH...    import files, directories and zips into the archive (and its index)
  gongkai import --retry-failed             parse again the files whose import failed
  gongkai reparse --outdated | --all        parse again what an older parser version parsed, or everything
  gongkai failures [--reason R]             list the files that could not be imported, and why
  gongkai get ID -o FILE                    write a report's original file out
  gongkai verify                            re-hash every blob and check the catalog
  gongkai crawl URL... | --sites FILE       fetch annual reports from government sites into the archive

  gongkai search QUERY [filters] [--json]   full-text and field search
  gongkai show ID                           one report: metadata, tables, checks, provenance
  gongkai index [--rebuild]                 the search index's state; rebuild it from the catalog

  gongkai compare --office NAME | --rank METRIC --year Y   compare offices and years, rank them
  gongkai coverage [--region R] [--level L]  which offices have a report for which years
  gongkai check [filters]                   reports whose tables do not add up
  gongkai export --format csv|jsonl         every table value (long) or one row per report (--wide)
  gongkai similar ID                        reports sharing passages with this one (copied text, 内容雷同)
  gongkai copied [--year Y] [--region R]    offices ranked by their share of copied text
  gongkai review ID C3 --dismiss --note ..  confirm or dismiss a finding (a failed check, copied:ID)
  gongkai reviews [--state open|resolved]   the reviews, with what became of their findings (--csv, --json)

  gongkai serve [--addr A] [--token T] [--demo]  the web pages and JSON API (--demo: a generated archive)

  gongkai help                              this text

The archive is --archive DIR, else $GONGKAI_HOME, else ./gongkai-archive.
Run 'gongkai COMMAND -h' for a command's flags.
`

// commands are the subcommands, each in its own file.
var commands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{
	"parse":    runParse,
	"import":   runImport,
	"reparse":  runReparse,
	"failures": runFailures,
	"get":      runGet,
	"verify":   runVerify,
	"crawl":    runCrawl,
	"search":   runSearch,
	"show":     runShow,
	"index":    runIndex,
	"compare":  runCompare,
	"coverage": runCoverage,
	"check":    runCheck,
	"export":   runExport,
	"similar":  runSimilar,
	"copied":   runCopied,
	"review":   runReview,
	"reviews":  runReviews,
	"serve":    runServe,
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	if cmd, ok := commands[args[0]]; ok {
		return cmd(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "gongkai: unknown command %q\n\n%s", args[0], usage)
	return errUsage
}
