package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"gongkai/ingest"
)

// jobState is the state of the server's write job (one at a time).
type jobState struct {
	mu  sync.Mutex
	cur JobStatus
}

// JobStatus is the body of GET /api/import: the last write job.
type JobStatus struct {
	Kind     string    `json:"kind"`  // import | rebuild ("" before the first)
	State    string    `json:"state"` // running | done | failed
	Paths    []string  `json:"paths,omitempty"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished,omitzero"`
	Seen     int       `json:"seen"`
	Imported int       `json:"imported"`
	Failed   int       `json:"failed"`
	Dups     int       `json:"duplicates"`
	Indexed  int       `json:"indexed"`
	Error    string    `json:"error,omitempty"`
}

func (j *jobState) get() JobStatus {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.cur
}

func (j *jobState) set(f func(*JobStatus)) {
	j.mu.Lock()
	defer j.mu.Unlock()
	f(&j.cur)
}

// importRequest is the body of POST /api/import.
type importRequest struct {
	Paths []string `json:"paths"`
}

// maxImportPaths bounds one import request.
const maxImportPaths = 1000

// handleImport starts importing files, directories or zips on the
// server's file system (absolute paths) into the archive. It answers 202
// at once; GET /api/import tells the progress. The reports are indexed
// by the catalog watcher as each batch commits, so searches find them
// while the import goes on.
func (s *Server) handleImport(w http.ResponseWriter, r *http.Request) {
	var req importRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	if err := dec.Decode(&req); err != nil {
		writeError(w, fmt.Errorf("body: want {\"paths\": [...]}: %v: %w", err, errBadParam), 0)
		return
	}
	if len(req.Paths) == 0 || len(req.Paths) > maxImportPaths {
		writeError(w, fmt.Errorf("paths: give 1 to %d paths: %w", maxImportPaths, errBadParam), 0)
		return
	}
	for _, p := range req.Paths {
		if !filepath.IsAbs(p) {
			writeError(w, fmt.Errorf("path %q: give absolute paths on the server: %w", p, errBadParam), 0)
			return
		}
		if _, err := os.Stat(p); err != nil {
			writeError(w, fmt.Errorf("path %q: %v: %w", p, err, errBadParam), 0)
			return
		}
	}
	if err := s.StartImport(req.Paths); err != nil {
		writeError(w, err, http.StatusConflict)
		return
	}
	writeJSON(w, http.StatusAccepted, s.job.get())
}

// errBusy is returned when a write job is already running.
var errBusy = errors.New("an import or a rebuild is running (GET /api/import)")

// StartImport starts importing paths (files, directories, zips on this
// machine) into the archive in the background, and returns errBusy when
// an import or a rebuild is running. Searches go on meanwhile and find
// the new reports as each batch is committed and indexed; Close cancels
// the import.
func (s *Server) StartImport(paths []string) error {
	if !s.writeMu.TryLock() {
		return errBusy
	}
	s.job.set(func(j *JobStatus) {
		*j = JobStatus{Kind: "import", State: "running", Paths: paths, Started: time.Now().UTC()}
	})
	go func() {
		defer s.writeMu.Unlock()
		s.runImport(s.ctx, paths)
	}()
	return nil
}

// Job is the state of the last write job (import or rebuild).
func (s *Server) Job() JobStatus { return s.job.get() }

// jobProgress feeds an import's progress into the job status.
type jobProgress struct{ s *Server }

func (p jobProgress) Start(int) {}

func (p jobProgress) Update(sum ingest.Summary) {
	p.s.job.set(func(j *JobStatus) {
		j.Seen, j.Imported, j.Failed, j.Dups = sum.Seen, sum.Imported+sum.Reparsed, sum.Failed, sum.Duplicates
	})
}

func (p jobProgress) Finish(sum ingest.Summary) { p.Update(sum) }

// runImport imports paths (the caller holds writeMu) and indexes what the
// import committed as it goes, every WatchInterval, then the rest.
func (s *Server) runImport(ctx context.Context, paths []string) {
	syncCtx, stopSync := context.WithCancel(ctx)
	done := make(chan struct{})
	indexed := 0
	var syncErr error
	go func() {
		defer close(done)
		tick := time.NewTicker(max(s.opt.WatchInterval, 500*time.Millisecond))
		defer tick.Stop()
		for {
			select {
			case <-syncCtx.Done():
				return
			case <-tick.C:
			}
			n, err := s.syncLocked(syncCtx)
			indexed += n
			if err != nil && syncCtx.Err() == nil {
				syncErr = err
			}
			s.job.set(func(j *JobStatus) { j.Indexed = indexed })
		}
	}()
	sum, err := ingest.Import(ctx, s.st, paths, ingest.Options{Workers: s.opt.ImportWorkers, Progress: jobProgress{s}})
	stopSync()
	<-done
	n, serr := s.syncLocked(context.WithoutCancel(ctx))
	indexed += n
	s.log.Printf("import of %v: %d new, %d duplicates, %d failed, %d indexed (%v)", paths, sum.Imported, sum.Duplicates, sum.Failed, indexed, err)
	err = errors.Join(err, syncErr, serr)
	s.job.set(func(j *JobStatus) {
		j.Seen, j.Imported, j.Failed, j.Dups = sum.Seen, sum.Imported+sum.Reparsed, sum.Failed, sum.Duplicates
		j.Indexed, j.Finished, j.State = indexed, time.Now().UTC(), "done"
		if err != nil {
			j.State, j.Error = "failed", err.Error()
		}
	})
}

// handleImportStatus answers the last write job's status.
func (s *Server) handleImportStatus(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.job.get())
}

// handleRebuild rebuilds the search index from the catalog. Searches are
// answered 503 while it runs; it answers when the rebuild is done.
func (s *Server) handleRebuild(w http.ResponseWriter, r *http.Request) {
	if !s.writeMu.TryLock() {
		writeError(w, errBusy, http.StatusConflict)
		return
	}
	defer s.writeMu.Unlock()
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.opt.ExportTimeout))
	start := time.Now().UTC()
	s.job.set(func(j *JobStatus) { *j = JobStatus{Kind: "rebuild", State: "running", Started: start} })
	n, err := s.rebuild(context.WithoutCancel(r.Context()))
	s.job.set(func(j *JobStatus) {
		j.Indexed, j.Finished, j.State = n, time.Now().UTC(), "done"
		if err != nil {
			j.State, j.Error = "failed", err.Error()
		}
	})
	if err != nil {
		writeError(w, err, http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, s.job.get())
}

// rebuild builds the search index anew from the catalog (the caller
// holds writeMu); searches are answered 503 meanwhile rather than wait. A
// failed rebuild leaves the old index in use.
func (s *Server) rebuild(ctx context.Context) (int, error) {
	if err := s.watch.init(ctx, s.st); err != nil { // what Build reads is indexed
		return 0, err
	}
	s.mu.Lock()
	x := s.x
	s.rebuilding = x != nil
	s.mu.Unlock()
	if x == nil {
		return 0, errUnavailable
	}
	defer func() {
		s.mu.Lock()
		s.rebuilding = false
		s.mu.Unlock()
	}()
	return x.Rebuild(ctx, s.st)
}
