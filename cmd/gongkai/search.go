package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/term"

	"gongkai/corpus"
	"gongkai/index"
	bleveindex "gongkai/index/bleve"
)

// searchFlags are the flags of gongkai search.
type searchFlags struct {
	*filterFlags
	dir, sort, facets string
	index             *string
	asJSON            bool
	limit, offset     int
}

func (f *searchFlags) register(fs *flag.FlagSet) {
	f.filterFlags = addFilterFlags(fs, withOffice|withYears|withFailed)
	fs.StringVar(&f.sort, "sort", "score", "score, year, -year, or a figure or keyword field (- for descending)")
	fs.StringVar(&f.facets, "facets", "", "comma-separated facets: year,province,city,county,town,level,template,failed,kind,office,c9")
	fs.IntVar(&f.limit, "limit", 10, "hits per page")
	fs.IntVar(&f.offset, "offset", 0, "hits to skip")
	f.index = indexFlag(fs)
	fs.BoolVar(&f.asJSON, "json", false, `print {"total", "hits", "facets"} as JSON`)
}

// openIndex opens an archive's index for searching, with the compact
// query vocabulary.
func openIndex(archive string) (index.Backend, error) {
	idir := indexDir(archive)
	if !bleveindex.Exists(idir) {
		return nil, fmt.Errorf("the archive %s has no index: run gongkai index --rebuild --archive %s", archive, archive)
	}
	if err := bleveindex.UseVocabulary(idir); err != nil {
		return nil, err
	}
	x, err := bleveindex.Open(idir, bleveindex.Options{})
	if errors.Is(err, bleveindex.ErrVersionMismatch) {
		return nil, fmt.Errorf("%w\n(run: gongkai index --rebuild --archive %s)", err, archive)
	}
	return x, err
}

// resolveOffice resolves a filter's office through the archive's catalog.
func resolveOffice(ctx context.Context, dir string, f corpus.Filter) (corpus.Filter, error) {
	st, err := corpus.Open(dir)
	if err != nil {
		return f, err
	}
	defer st.Close()
	return st.Resolve(ctx, f)
}

// runSearch searches the archive's index.
func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", "search QUERY [--archive DIR] [--office O] [--region R] [--level L] [--year 2019..2023] [--template T] [--failed-checks] [--timely late] [--sort S] [--facets year,province] [--limit N] [--offset N] [--json]", stderr)
	var f searchFlags
	dir := archiveFlag(fs)
	f.register(fs)
	words, err := parseInterspersed(fs, args)
	if err != nil {
		fs.Usage()
		return errUsage
	}
	f.dir = *dir
	filter, err := f.filter()
	if err != nil {
		fmt.Fprintln(stderr, "gongkai search:", err)
		return errUsage
	}
	if filter.Office != "" {
		// The office as an identity, as compare and export mean it: the
		// catalog's offices resolve it.
		if filter, err = resolveOffice(ctx, f.dir, filter); err != nil {
			return cmpFailed(stderr, "search", err)
		}
	}
	req, err := index.RequestFor(strings.Join(words, " "), filter)
	if err != nil {
		fmt.Fprintln(stderr, "gongkai search:", err)
		return errUsage
	}
	req.Sort, req.Limit, req.Offset = f.sort, f.limit, f.offset
	for _, name := range strings.Split(f.facets, ",") {
		if name = strings.TrimSpace(name); name != "" {
			req.Facets = append(req.Facets, name)
		}
	}
	var x interface {
		Search(context.Context, index.Request) (*index.Result, error)
	}
	b, done, err := openSearchBackend(ctx, *f.index, f.dir)
	switch {
	case err == nil:
		x = b
		defer done()
	case errors.Is(err, bleveindex.ErrInUse):
		// A running gongkai serve holds the index: ask it.
		s, ok := nearbyServer(f.dir)
		if !ok {
			return err
		}
		x = s
	default:
		return err
	}
	res, err := x.Search(ctx, req)
	if errors.Is(err, index.ErrBadQuery) {
		fmt.Fprintln(stderr, "gongkai search:", err)
		return errUsage
	}
	if err != nil {
		return err
	}
	if f.asJSON {
		return writeResultJSON(stdout, res)
	}
	return writeResultText(stdout, res, req, isTerminal(stdout))
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func writeResultJSON(w io.Writer, res *index.Result) error {
	if res.Facets == nil {
		res.Facets = map[string]map[string]int{}
	}
	if res.Hits == nil {
		res.Hits = []index.Hit{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// plainSnippet turns a snippet's <mark> into bold on a terminal, «» otherwise.
func plainSnippet(s string, tty bool) string {
	open, closing := "«", "»"
	if tty {
		open, closing = "\x1b[1;31m", "\x1b[0m"
	}
	s = strings.NewReplacer("<mark>", "\x00", "</mark>", "\x01").Replace(s)
	s = html.UnescapeString(s)
	return strings.NewReplacer("\x00", open, "\x01", closing).Replace(s)
}

func writeResultText(w io.Writer, res *index.Result, req index.Request, tty bool) error {
	bold := func(s string) string {
		if tty {
			return "\x1b[1m" + s + "\x1b[0m"
		}
		return s
	}
	fmt.Fprintf(w, "%d reports (%s)\n", res.Total, res.Took.Round(100_000))
	for i, h := range res.Hits {
		office := h.OfficeFull
		if office == "" {
			office = h.Office
		}
		var region []string
		for _, p := range []string{h.Region.Province, h.Region.City, h.Region.County, h.Region.Town} {
			if p != "" {
				region = append(region, p)
			}
		}
		flag := ""
		if h.Failed {
			flag = "  [checks failed]"
		}
		fmt.Fprintf(w, "\n%d. %s  %d  %s  score %.3f  id %s%s\n", req.Offset+i+1, bold(office), h.Year, strings.Join(region, " "), h.Score, h.ID, flag)
		for _, s := range h.Snippets {
			fmt.Fprintf(w, "   %s\n", plainSnippet(s, tty))
		}
		if len(h.Also) > 0 {
			var also []string
			for _, r := range h.Also {
				also = append(also, r.Format+" "+r.ID)
			}
			fmt.Fprintf(w, "   also as: %s\n", strings.Join(also, ", "))
		}
	}
	names := make([]string, 0, len(res.Facets))
	for n := range res.Facets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "\n%s:", n)
		for _, kv := range sortedCounts(res.Facets[n], n == "year") {
			k := kv.key
			if k == "" {
				k = "(none)"
			}
			fmt.Fprintf(w, "  %s %d", k, kv.n)
		}
		fmt.Fprintln(w)
	}
	return nil
}

type keyCount struct {
	key string
	n   int
}

// sortedCounts orders facet counts: years by year, others by count.
func sortedCounts(m map[string]int, byKey bool) []keyCount {
	out := make([]keyCount, 0, len(m))
	for k, n := range m {
		out = append(out, keyCount{k, n})
	}
	sort.Slice(out, func(a, b int) bool {
		if byKey || out[a].n == out[b].n {
			return out[a].key < out[b].key
		}
		return out[a].n > out[b].n
	})
	return out
}
