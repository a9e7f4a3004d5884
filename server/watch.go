package server

import (
	"context"
	"fmt"
	"time"

	"gongkai/corpus"
)

// watchBatch is how many reports one watcher round indexes at most.
const watchBatch = 200

// watermark is how far the watcher has indexed the catalog.
type watermark struct{ corpus.Mark }

// init sets the watermark to the catalog's current end: what is in the
// catalog when the server starts is taken to be indexed already.
func (w *watermark) init(ctx context.Context, st *corpus.Store) error {
	m, err := st.End(ctx)
	if err != nil {
		return err
	}
	w.Mark = m
	return nil
}

// watchLoop indexes newly committed reports every WatchInterval.
func (s *Server) watchLoop(ctx context.Context) {
	defer close(s.done)
	tick := time.NewTicker(s.opt.WatchInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if !s.writeMu.TryLock() {
			continue // an import or a rebuild is running
		}
		n, err := s.syncLocked(ctx)
		s.writeMu.Unlock()
		if err != nil && ctx.Err() == nil {
			s.log.Printf("index new reports: %v", err)
		} else if n > 0 {
			s.log.Printf("indexed %d new reports", n)
		}
	}
}

// Sync indexes the reports committed to the catalog since the last sync
// (by this server's imports or by another process) and returns how many.
// The watcher calls it every WatchInterval.
func (s *Server) Sync(ctx context.Context) (int, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.syncLocked(ctx)
}

// syncLocked runs Sync's work; the caller holds writeMu.
func (s *Server) syncLocked(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := s.syncBatch(ctx)
		total += n
		if err != nil || n < watchBatch {
			return total, err
		}
	}
}

// syncBatch indexes up to watchBatch reports above the watermark.
func (s *Server) syncBatch(ctx context.Context) (int, error) {
	ids, next, err := s.st.Since(ctx, s.watch.Mark, watchBatch)
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	reps := make([]*corpus.Report, 0, len(ids))
	for _, id := range ids {
		r, err := s.st.Report(ctx, id)
		if err != nil {
			return 0, err
		}
		reps = append(reps, r)
	}
	s.mu.RLock()
	x := s.x
	if x == nil || s.rebuilding {
		s.mu.RUnlock()
		return 0, errUnavailable
	}
	err = x.Index(ctx, reps)
	s.mu.RUnlock()
	if err != nil {
		return 0, fmt.Errorf("index new reports: %w", err)
	}
	s.watch.Mark = next
	return len(ids), nil
}
