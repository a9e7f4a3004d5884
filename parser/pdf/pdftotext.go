package pdf

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
)

// Pdftotext runs poppler's `pdftotext -layout` on data and returns its
// output. It is an optional cross-check, never used by Extract. When the
// command is not installed the error wraps exec.ErrNotFound.
func Pdftotext(ctx context.Context, data []byte) (string, error) {
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", fmt.Errorf("pdftotext: %w", err)
	}
	cmd := exec.CommandContext(ctx, path, "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("pdftotext: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	return out.String(), nil
}
