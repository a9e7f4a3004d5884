package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"runtime/trace"
	"time"
)

// Profiling for measurements (scripts/bench-import.sh, go tool pprof): when
// GONGKAI_CPUPROFILE names a file, the command writes a CPU profile there;
// when GONGKAI_MEMPROFILE does, a heap profile at the end; when
// GONGKAI_PEAKPROFILE does, a heap profile taken when the live heap was at
// its largest (sampled every second: where an import's memory goes); when
// GONGKAI_TRACE does, an execution trace (go tool trace: where goroutines
// wait for each other, e.g. an import's parse workers, catalog writer and
// indexer). Environment variables rather than flags keep them out of the
// usage text.
const (
	envCPUProfile  = "GONGKAI_CPUPROFILE"
	envMemProfile  = "GONGKAI_MEMPROFILE"
	envPeakProfile = "GONGKAI_PEAKPROFILE"
	envTrace       = "GONGKAI_TRACE"
)

// startProfiling starts the profiles the environment asks for and returns
// the function that writes them out. Failures are reported to stderr and
// do not stop the command.
func startProfiling(stderr io.Writer) (stop func()) {
	stopCPU := startToFile(stderr, envCPUProfile, "cpu profile", pprof.StartCPUProfile, pprof.StopCPUProfile)
	stopTrace := startToFile(stderr, envTrace, "trace", trace.Start, trace.Stop)
	stopPeak := peakProfile(stderr)
	return func() {
		stopPeak()
		stopTrace()
		stopCPU()
		if path := os.Getenv(envMemProfile); path != "" {
			if err := writeHeapProfile(path); err != nil {
				fmt.Fprintf(stderr, "gongkai: heap profile %s: %v\n", path, err)
			}
		}
	}
}

// startToFile starts a recorder (the CPU profile, the execution trace)
// into the file the environment variable env names, if any, and returns
// the function that stops it and closes the file.
func startToFile(stderr io.Writer, env, what string, start func(io.Writer) error, stop func()) func() {
	path := os.Getenv(env)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		if err = start(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %s %s: %v\n", what, path, err)
		return func() {}
	}
	return func() {
		stop()
		f.Close()
	}
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// peakProfile samples the live heap (bytes in use after the last
// collection) every second and rewrites the heap profile in
// $GONGKAI_PEAKPROFILE whenever it is 5 % above the largest seen so far.
func peakProfile(stderr io.Writer) (stop func()) {
	path := os.Getenv(envPeakProfile)
	if path == "" {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var peak uint64
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				continue
			}
			live := sample[0].Value.Uint64()
			if live <= peak+peak/20 {
				continue
			}
			peak = live
			f, err := os.Create(path)
			if err == nil {
				err = pprof.WriteHeapProfile(f)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				fmt.Fprintf(stderr, "gongkai: peak heap profile %s: %v\n", path, err)
				return
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
