package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"gongkai/corpus"
	"gongkai/parser"
	"gongkai/render"
)

func runParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file, one per line (schema gongkai.report/v1)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gongkai parse [--json] FILE...")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return errUsage
	}
	if len(files) == 0 {
		fs.Usage()
		return errUsage
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, name := range files {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rep, err := parseFile(ctx, name)
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "gongkai: %v\n", err)
			continue
		}
		if *asJSON {
			err = enc.Encode(rep)
		} else {
			err = render.Summary(stdout, rep)
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be parsed: %w", failed, len(files), errSomeFailed)
	}
	return nil
}

func parseFile(ctx context.Context, name string) (*corpus.Report, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return parser.Parse(ctx, data, name)
}
