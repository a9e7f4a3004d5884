//go:build unix

package html

import (
	"syscall"
	"time"
)

// cpuTime returns the process's user+system CPU time, less sensitive than
// wall time to other processes on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
