//go:build !unix

package doc

import "os/exec"

// killGroup leaves cmd as is: without process groups, cancellation kills
// only the soffice launcher.
func killGroup(cmd *exec.Cmd) {}
