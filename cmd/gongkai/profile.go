package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
)

// Profiling for measurements (scripts/bench-import.sh, go tool pprof): when
// GONGKAI_CPUPROFILE names a file, the command writes a CPU profile there;
// when GONGKAI_MEMPROFILE does, a heap profile at the end. Environment
// variables rather than flags keep them out of the usage text.
const (
	envCPUProfile = "GONGKAI_CPUPROFILE"
	envMemProfile = "GONGKAI_MEMPROFILE"
)

// startProfiling starts the profiles the environment asks for and returns
// the function that writes them out. Failures are reported to stderr and
// do not stop the command.
func startProfiling(stderr io.Writer) (stop func()) {
	var cpu *os.File
	if path := os.Getenv(envCPUProfile); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "gongkai: cpu profile %s: %v\n", path, err)
		} else {
			cpu = f
		}
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if path := os.Getenv(envMemProfile); path != "" {
			if err := writeHeapProfile(path); err != nil {
				fmt.Fprintf(stderr, "gongkai: heap profile %s: %v\n", path, err)
			}
		}
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
