package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"gongkai/corpus"
	"gongkai/crawl"
	"gongkai/ingest"
)

// runCrawl is `gongkai crawl`: crawl annual-report columns and import what
// they list.
func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("crawl", "crawl [--archive DIR] [--discover] [--render] [--dry-run] [--sites FILE] [flags] URL...  |  crawl --status", stderr)
	dir := archiveFlag(fs)
	opt, sites, verbose, quiet, workers := crawlFlags(fs)
	discover := fs.Bool("discover", false, "the URLs are any pages of the sites: find each site's annual-report column first (stored for later crawls)")
	status := fs.Bool("status", false, "show what the crawl state knows: columns, counts, blocked pages with their reasons")
	urls, err := parseInterspersed(fs, args)
	if *status {
		if err != nil || len(urls) > 0 {
			fs.Usage()
			return errUsage
		}
		return crawlStatus(ctx, *dir, stdout)
	}
	if err != nil || (len(urls) == 0 && *sites == "") {
		fs.Usage()
		return errUsage
	}
	seeds, err := crawlSeeds(urls, *sites)
	if err != nil {
		return err
	}
	for i := range seeds {
		seeds[i].Discover = seeds[i].Discover || *discover
	}
	if opt.Contact == "" && opt.UserAgent == "" {
		fmt.Fprintln(stderr, "gongkai crawl: no --contact given; site operators cannot reach you (the User-Agent names none)")
	}
	if *verbose {
		opt.Log = stderr
	}
	if opt.DryRun {
		// Nothing is stored: the columns are found again and the listings
		// read, the reports only listed.
		res, err := crawl.Crawl(ctx, seeds, *opt, func(context.Context, crawl.Document) error { return nil })
		reportPlan(stdout, res)
		reportSites(stderr, res)
		return err
	}
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	state, err := crawl.OpenState(*dir)
	if err != nil {
		return err
	}
	defer state.Close()
	opt.State = state
	opt.Imported = func(ctx context.Context, url string) (bool, error) { return ingest.HasURL(ctx, st, url) }
	res, sum, err := crawlAndImport(ctx, st, seeds, *opt, ingest.Options{Workers: *workers, Progress: progressFor(stderr, *quiet)})
	reportCrawl(stderr, res)
	reportSites(stderr, res)
	sum.Report(stderr)
	if err != nil {
		return err
	}
	if len(res.Failures) > 0 || len(res.Blocked) > 0 || sum.Failed > 0 {
		return fmt.Errorf("%d URLs could not be fetched, %d blocked, %d documents failed: %w", len(res.Failures), len(res.Blocked), sum.Failed, errSomeFailed)
	}
	return nil
}

// reportSites writes one row per start URL: the column found, the reports
// listed, what was new, unchanged, failed and blocked, then the blocked
// pages with their reasons and the pages that needed a browser.
func reportSites(w io.Writer, r crawl.Result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "site\tcolumn\treports\tnew\tunchanged\tfailed\tblocked\trequests\ttime")
	for _, s := range r.Sites {
		col := "(the start URL)"
		if c := s.Column; c != nil {
			switch {
			case c.URL == "":
				col = fmt.Sprintf("none found (%d pages read)", c.Pages)
			case c.Stored:
				col = c.URL + " (stored)"
			default:
				col = c.URL + " (via " + strings.Join(c.Via, " › ") + ")"
			}
		}
		if s.Endpoint != "" {
			col += " [JSON " + s.Endpoint + "]"
		} else if s.Rendered > 0 {
			col += fmt.Sprintf(" [%d pages rendered]", s.Rendered)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", s.Seed.URL, col, s.Reports, s.New, s.Unchanged, s.Failed, len(s.Blocked),
			s.Requests, s.Elapsed.Round(time.Millisecond))
	}
	tw.Flush()
	for _, s := range r.Sites {
		for _, b := range s.Blocked {
			fmt.Fprintf(w, "  blocked   %-10s %s: %v\n", b.Kind, b.URL, b.Err)
		}
		for _, p := range s.NeedBrowser {
			fmt.Fprintf(w, "  needs a browser (no Chromium found): %s\n", p)
		}
	}
}

// reportPlan writes what a dry run would fetch: the column of each site
// and its reports, one per line.
func reportPlan(w io.Writer, r crawl.Result) {
	for _, s := range r.Sites {
		fmt.Fprintf(w, "%s\n", s.Seed.URL)
		if c := s.Column; c != nil {
			if c.URL == "" {
				fmt.Fprintf(w, "  column: none found (%d pages read)\n", c.Pages)
				continue
			}
			fmt.Fprintf(w, "  column: %s (via %s)\n", c.URL, strings.Join(c.Via, " › "))
		}
		for _, p := range s.Planned {
			fmt.Fprintf(w, "  %s\t%s\t%s\n", p.Date, p.Title, p.URL)
		}
	}
}

// crawlStatus prints what the crawl state of the archive knows.
func crawlStatus(ctx context.Context, dir string, w io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, crawl.StateFile)); err != nil {
		return fmt.Errorf("crawl --status: no crawl state in %s: %w", dir, err)
	}
	state, err := crawl.OpenState(dir)
	if err != nil {
		return err
	}
	defer state.Close()
	sites, err := state.Status(ctx)
	if err != nil {
		return err
	}
	blocked := 0
	for _, s := range sites {
		fmt.Fprintf(w, "%s", s.Seed.URL)
		if s.Seed.Office != "" {
			fmt.Fprintf(w, "\toffice=%s", s.Seed.Office)
		}
		if s.Seed.Region != "" {
			fmt.Fprintf(w, "\tregion=%s", s.Seed.Region)
		}
		fmt.Fprintf(w, "\n  last crawl %s\n", s.LastCrawl)
		if c := s.Column; c != nil {
			fmt.Fprintf(w, "  column %s via %s (%d report links when found", c.URL, strings.Join(c.Via, " › "), c.Reports)
			if c.Render {
				fmt.Fprint(w, ", built by script")
			}
			fmt.Fprintln(w, ")")
		} else if s.Seed.Discover {
			fmt.Fprintln(w, "  column not found")
		}
		fmt.Fprintf(w, "  %d listing pages, %d documents fetched, %d failed, %d blocked, %d JSON endpoints\n", s.Listings, s.Documents, s.Failed,
			len(s.Blocked), s.Endpoints)
		for _, b := range s.Blocked {
			fmt.Fprintf(w, "  blocked %s %s (%s): %s\n", b.Kind, b.URL, b.CheckedAt, b.Error)
		}
		blocked += len(s.Blocked)
	}
	fmt.Fprintf(w, "%d sites, %d blocked pages\n", len(sites), blocked)
	return nil
}

// crawlFlags declares the crawl's flags.
func crawlFlags(fs *flag.FlagSet) (opt *crawl.Options, sites *string, verbose, quiet *bool, workers *int) {
	opt = &crawl.Options{}
	sites = fs.String("sites", "", "a file of start URLs, one a line, optionally followed by tab-separated office=… and region=… hints")
	fs.Float64Var(&opt.Rate, "rate", crawl.DefaultRate, "requests per second per host")
	fs.StringVar(&opt.Contact, "contact", os.Getenv("GONGKAI_CONTACT"), "a URL or address for site operators, sent in the User-Agent (default $GONGKAI_CONTACT)")
	fs.StringVar(&opt.UserAgent, "user-agent", "", "the whole User-Agent (default: gongkai/VERSION (+CONTACT; …))")
	fs.IntVar(&opt.MaxPages, "max-pages", crawl.DefaultMaxPages, "requests per start URL")
	fs.IntVar(&opt.MaxDepth, "max-depth", crawl.DefaultMaxDepth, "link hops from the start URL")
	fs.Func("max-size", "the largest response accepted, e.g. 64MiB (default 64MiB)", func(s string) error {
		n, err := parseSize(s)
		opt.MaxSize = n
		return err
	})
	fs.Func("follow-hosts", "further hosts links may lead to, comma-separated: host, .domain or *.domain (subdomains), *", func(s string) error {
		for _, h := range strings.Split(s, ",") {
			if h = strings.TrimSpace(h); h != "" {
				opt.FollowHosts = append(opt.FollowHosts, h)
			}
		}
		return nil
	})
	fs.IntVar(&opt.Parallel, "parallel", crawl.DefaultParallel, "start URLs crawled at once")
	fs.IntVar(&opt.Retries, "retries", crawl.DefaultRetries, "retries after a 5xx, 429 or timeout (-1: none)")
	fs.DurationVar(&opt.Timeout, "timeout", crawl.DefaultTimeout, "per request")
	fs.BoolVar(&opt.Render, "render", false, "read every listing page in headless Chromium (default: only those whose list is built by script)")
	fs.BoolVar(&opt.DryRun, "dry-run", false, "find the columns and read the listings; print the reports that would be fetched, fetch and store nothing else")
	fs.BoolVar(&opt.Rediscover, "rediscover", false, "with --discover: find the column again even when the crawl state has one")
	fs.StringVar(&opt.Chromium, "chromium", "", "the browser for script-built listings and challenges (default: $GONGKAI_CHROMIUM, else chromium in PATH; - for none)")
	verbose = fs.Bool("v", false, "log every request")
	quiet = fs.Bool("quiet", false, "no progress output")
	workers = fs.Int("workers", 0, "parallel parsers (default: the number of CPUs)")
	return opt, sites, verbose, quiet, workers
}

// crawlSeeds joins the URLs given and those of the --sites file.
func crawlSeeds(urls []string, sites string) ([]crawl.Seed, error) {
	var seeds []crawl.Seed
	for _, u := range urls {
		seeds = append(seeds, crawl.Seed{URL: u})
	}
	if sites == "" {
		return seeds, nil
	}
	f, err := os.Open(sites)
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	defer f.Close()
	more, err := crawl.ReadSites(f)
	if err != nil {
		return nil, fmt.Errorf("crawl: %s: %w", sites, err)
	}
	return append(seeds, more...), nil
}

// crawlAndImport runs the crawl and the import side by side: the crawl's
// documents flow into ingest.ImportFetched; either one failing stops both.
func crawlAndImport(ctx context.Context, st *corpus.Store, seeds []crawl.Seed, opt crawl.Options, iopt ingest.Options) (crawl.Result, ingest.Summary, error) {
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	docs := make(chan ingest.Fetched, 16)
	var res crawl.Result
	var cerr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(docs)
		res, cerr = crawl.Crawl(cctx, seeds, opt, func(ctx context.Context, d crawl.Document) error {
			select {
			case docs <- ingest.Fetched{Origin: d.Origin, Data: d.Data, Err: d.Err, Reason: d.Reason, Wrapper: d.Wrapper, Companion: d.Kind == crawl.KindImage, Images: d.Images}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	sum, ierr := ingest.ImportFetched(ctx, st, docs, iopt)
	cancel()
	for range docs { // the crawl stops; let it finish
	}
	<-done
	if ierr != nil {
		return res, sum, ierr
	}
	return res, sum, cerr
}

// reportCrawl writes the crawl's counts and failures.
func reportCrawl(w io.Writer, r crawl.Result) {
	fmt.Fprintf(w, "crawl: %d start URLs, %d requests in %s: %d listing pages, %d fetched (%d unchanged), %d not modified, %d documents, %d disallowed by robots.txt, %d off-host links, %d capped, %d failed\n",
		r.Seeds, r.Requests, r.Elapsed.Round(time.Millisecond), r.Listings, r.Fetched, r.Unchanged, r.NotModified, r.Documents,
		r.Disallowed, r.OffHost, r.Capped, len(r.Failures))
	fs := append([]crawl.Failure(nil), r.Failures...)
	sort.Slice(fs, func(i, j int) bool { return fs[i].URL < fs[j].URL })
	for _, f := range fs {
		fmt.Fprintf(w, "  %-18s %-10s %s\n", f.Reason, f.Kind, f.URL)
	}
}

// parseSize reads a byte count: 1048576, 512KiB, 64MiB, 1GiB (K/M/G and
// KB/MB/GB are read as binary multiples too).
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.m
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("size %q: want a positive byte count such as 64MiB", s)
	}
	return n * mult, nil
}
