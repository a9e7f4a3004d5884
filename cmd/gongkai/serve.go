package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"gongkai/corpus"
	"gongkai/demo"
	"gongkai/server"
)

// runServe serves an archive (or a demo archive it builds) over HTTP: the
// JSON API under /api/ and the search, report and compare pages.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "serve [--archive DIR] [--addr 127.0.0.1:8080] [--token T] [--demo]", stderr)
	dir := archiveFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address; a non-loopback address needs --token")
	token := fs.String("token", os.Getenv("GONGKAI_TOKEN"), "enables POST /api/import and /api/index/rebuild for requests with this bearer token (default $GONGKAI_TOKEN)")
	spec := indexFlag(fs)
	demo := fs.Bool("demo", false, "build a temporary demo archive (generated reports, the project's PDF/DOCX/DOC files, the real samples when present) and serve it")
	if rest, err := parseInterspersed(fs, args); err != nil || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	// A service manager stops a server with SIGTERM: shut down as on ^C
	// (the demo's temporary archive is removed).
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	if err := checkAddr(*addr, *token); err != nil {
		fmt.Fprintln(stderr, "gongkai serve:", err)
		return errUsage
	}
	opt := server.Options{Token: *token, Log: stderr}
	var (
		srv     *server.Server
		later   []string
		cleanup = func() {}
		err     error
	)
	remote, err := isSphinx(*spec)
	if err != nil || remote && *demo {
		if err == nil {
			err = errors.New("--demo builds its own embedded index: leave out --index")
		}
		fmt.Fprintln(stderr, "gongkai serve:", err)
		return errUsage
	}
	switch {
	case *demo:
		srv, later, cleanup, err = serveDemo(ctx, opt, stderr)
	case remote:
		srv, err = serveSphinx(ctx, *dir, *spec, opt)
	default:
		srv, err = server.New(*dir, opt)
	}
	if err != nil {
		return err
	}
	defer cleanup()
	defer srv.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := server.HTTPServer(*addr, srv.Handler())
	if !*demo {
		defer announceServe(srv.Store().Dir(), ln.Addr().String())()
	}
	fmt.Fprintf(stderr, "gongkai serve: %s on http://%s/\n", srv.Store().Dir(), ln.Addr())
	if *token == "" {
		fmt.Fprintln(stderr, "gongkai serve: read-only (give --token or $GONGKAI_TOKEN to enable POST /api/import)")
	}
	if len(later) > 0 {
		if err := srv.StartImport(later); err == nil {
			fmt.Fprintf(stderr, "gongkai serve: importing %d .doc files in the background (LibreOffice converts them; without it they fail as needs-libreoffice)\n", len(later))
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shut down: %w", err)
	}
	return nil
}

// serveDemo builds the demo archive in a temporary directory and returns
// its server, the files to import once it is serving and a cleanup that
// removes the directory (after the server is closed).
func serveDemo(ctx context.Context, opt server.Options, stderr io.Writer) (*server.Server, []string, func(), error) {
	tmp, err := os.MkdirTemp("", "gongkai-demo-")
	if err != nil {
		return nil, nil, nil, fmt.Errorf("demo: %w", err)
	}
	extra, later, notes, err := demo.Inputs(filepath.Join(tmp, "inputs"))
	if err != nil {
		os.RemoveAll(tmp)
		return nil, nil, nil, err
	}
	for _, n := range notes {
		fmt.Fprintln(stderr, "demo:", n)
	}
	st, x, sum, err := demo.Build(ctx, tmp, demo.Options{Extra: extra, Log: stderr})
	if err != nil {
		os.RemoveAll(tmp)
		return nil, nil, nil, err
	}
	fmt.Fprintf(stderr, "demo: %d reports imported, %d files failed, in %s (archive %s, removed on exit)\n",
		sum.Summary.Imported, sum.Summary.Failed, sum.Elapsed.Round(100*time.Millisecond), st.Dir())
	srv, err := server.NewWith(st, x, opt)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, nil, nil, err
	}
	return srv, later, func() { os.RemoveAll(tmp) }, nil
}

// serveSphinx serves the archive in dir with its search on a Sphinx or
// Manticore cluster.
func serveSphinx(ctx context.Context, dir, spec string, opt server.Options) (*server.Server, error) {
	st, err := corpus.Open(dir)
	if err != nil {
		return nil, err
	}
	x, err := openSphinx(ctx, spec, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	return server.NewWith(st, x, opt)
}

// checkAddr refuses to listen beyond the loopback interface without a
// token: whoever reaches the port could otherwise read everything, and
// with a token at least the write endpoints stay closed to them.
func checkAddr(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %v", addr, err)
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	if token == "" {
		return fmt.Errorf("--addr %s listens beyond this machine: give --token (or $GONGKAI_TOKEN) too, or use 127.0.0.1", addr)
	}
	return nil
}
