package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"gongkai/corpus"
	"gongkai/index"
	bleveindex "gongkai/index/bleve"
	"gongkai/server/web"
)

// Options configure a Server.
type Options struct {
	// Token enables the write endpoints (POST /api/import, POST
	// /api/index/rebuild) for requests that carry it as a bearer token.
	// Empty: writes are disabled.
	Token string
	// WatchInterval is how often the catalog is polled for reports to
	// index (default 2 s; negative: never, Sync does it on demand).
	WatchInterval time.Duration
	// RequestTimeout bounds the work of one API request (default 30 s;
	// exports and original files are streamed and get ExportTimeout).
	RequestTimeout time.Duration
	// ExportTimeout bounds a streamed export (default 15 min).
	ExportTimeout time.Duration
	// ImportWorkers is the parallelism of POST /api/import (default: CPUs).
	ImportWorkers int
	// Log receives what the server does (default: discarded).
	Log io.Writer
}

// Server serves one archive. Create it with New, serve Handler, and Close
// it when done.
type Server struct {
	st    *corpus.Store
	dir   string
	opt   Options
	log   *log.Logger
	mux   *http.ServeMux
	pages http.Handler

	// mu guards x (nil once closed) and rebuilding (searches answer 503
	// while x is rebuilt).
	mu         sync.RWMutex
	x          index.Backend
	rebuilding bool

	// writeMu serialises what writes the index: the watcher, imports
	// and rebuilds.
	writeMu sync.Mutex
	watch   watermark
	job     jobState

	ctx      context.Context // ends when the server closes
	stop     context.CancelFunc
	done     chan struct{}
	closeErr error
	once     sync.Once
}

// IndexDir is where an archive keeps its search index.
func IndexDir(archive string) string { return filepath.Join(archive, "index") }

// New opens the archive in dir (its catalog and its search index, which
// must exist or is created empty) and starts the catalog watcher.
func New(dir string, opt Options) (*Server, error) {
	st, err := corpus.Open(dir)
	if err != nil {
		return nil, err
	}
	idir := IndexDir(dir)
	x, err := bleveindex.Open(idir, bleveindex.Options{ShardBy: bleveindex.StoredShardBy(idir)})
	if errors.Is(err, bleveindex.ErrVersionMismatch) {
		st.Close()
		return nil, fmt.Errorf("%w\n(run: gongkai index --rebuild --archive %s)", err, dir)
	}
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("open the search index: %w", err)
	}
	return NewWith(st, x, opt)
}

// NewWith serves an open store and search index (gongkai serve --demo
// builds both first). The Server owns them from then on: Close closes them.
func NewWith(st *corpus.Store, x index.Backend, opt Options) (*Server, error) {
	if opt.WatchInterval == 0 {
		opt.WatchInterval = 2 * time.Second
	}
	if opt.RequestTimeout <= 0 {
		opt.RequestTimeout = 30 * time.Second
	}
	if opt.ExportTimeout <= 0 {
		opt.ExportTimeout = 15 * time.Minute
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	s := &Server{st: st, dir: st.Dir(), opt: opt, x: x, log: log.New(opt.Log, "gongkai serve: ", log.LstdFlags),
		pages: web.Handler(), done: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	s.ctx, s.stop = ctx, cancel
	if err := s.watch.init(ctx, st); err != nil {
		cancel()
		st.Close()
		x.Close()
		return nil, err
	}
	s.checkIndexed(ctx)
	s.routes()
	// Load the segmentation dictionary now rather than in the first
	// search (seconds).
	go s.search(ctx, index.Request{Query: "政府信息公开", Limit: 1})
	if opt.WatchInterval > 0 {
		go s.watchLoop(ctx)
	} else {
		close(s.done)
	}
	return s, nil
}

// checkIndexed warns when the index and the catalog disagree on the
// number of reports (an import made with --no-index before the server
// started): the watcher only indexes what is committed after it starts.
func (s *Server) checkIndexed(ctx context.Context) {
	n, err := s.x.Count()
	if err != nil {
		return
	}
	stats, err := s.st.Stats(ctx)
	if err != nil {
		return
	}
	if int(n) != stats.Reports {
		s.log.Printf("the search index holds %d reports, the catalog %d: rebuild it (POST /api/index/rebuild, or gongkai index --rebuild while no server runs)", n, stats.Reports)
	}
}

// Store is the archive the server serves.
func (s *Server) Store() *corpus.Store { return s.st }

// Handler is the server's HTTP handler: the API, the pages and the
// security headers around both.
func (s *Server) Handler() http.Handler {
	return secure(s.mux)
}

// Close stops the watcher and closes the index and the catalog. An import
// in progress is cancelled and waited for.
func (s *Server) Close() error {
	s.once.Do(func() {
		s.stop()
		<-s.done
		s.writeMu.Lock() // waits for an import or rebuild to end
		defer s.writeMu.Unlock()
		s.mu.Lock()
		defer s.mu.Unlock()
		var errs []error
		if s.x != nil {
			errs = append(errs, s.x.Close())
			s.x = nil
		}
		errs = append(errs, s.st.Close())
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}

// HTTPServer wraps a handler in an http.Server with timeouts fit for a
// public-facing process: slow clients cannot hold connections open.
func HTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second, // streamed downloads extend their own deadline
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}
