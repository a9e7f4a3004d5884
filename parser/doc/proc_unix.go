//go:build unix

package doc

import (
	"os/exec"
	"syscall"
)

// killGroup makes cmd lead a process group of its own and, on
// cancellation, kills the whole group: soffice forks soffice.bin.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
