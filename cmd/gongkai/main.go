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

const usage = `gongkai — government information disclosure annual reports, parsed and checked

Usage:
  gongkai parse [--json] FILE...            parse reports and print them (JSON: one object per line)
  gongkai import [--archive DIR] PATH...    import files, directories and zips into the archive
  gongkai import --retry-failed             parse again the files whose import failed
  gongkai reparse --outdated                parse again what an older parser version parsed
  gongkai failures [--reason R]             list the files that could not be imported, and why
  gongkai get ID -o FILE                    write a report's original file out
  gongkai verify                            re-hash every blob and check the catalog
  gongkai help                              this text

The archive is --archive DIR, else $GONGKAI_HOME, else ./gongkai-archive.

Run 'gongkai COMMAND -h' for a command's flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "parse":
		return runParse(ctx, args[1:], stdout, stderr)
	case "import":
		return runImport(ctx, args[1:], stdout, stderr)
	case "reparse":
		return runReparse(ctx, args[1:], stdout, stderr)
	case "failures":
		return runFailures(ctx, args[1:], stdout, stderr)
	case "get":
		return runGet(ctx, args[1:], stdout, stderr)
	case "verify":
		return runVerify(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "gongkai: unknown command %q\n\n%s", args[0], usage)
	return errUsage
}
