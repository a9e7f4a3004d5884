package synth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ErrNoLibreOffice is returned by Convert when no soffice binary is found.
var ErrNoLibreOffice = errors.New("LibreOffice (soffice) not found in PATH")

// DefaultConvertTimeout bounds one conversion when ctx has no deadline.
const DefaultConvertTimeout = 2 * time.Minute

// Convert turns a .docx into "pdf" or "doc" with LibreOffice
// (soffice --headless --convert-to), using a private user profile per call
// so that conversions can run in parallel. The whole process group is killed
// when ctx ends or the default timeout passes.
func Convert(ctx context.Context, docx []byte, format string) ([]byte, error) {
	filter := map[string]string{"pdf": "pdf:writer_pdf_Export", "doc": "doc:MS Word 97"}[format]
	if filter == "" {
		return nil, fmt.Errorf("convert to %q: unsupported format (want pdf or doc)", format)
	}
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if bin, err = exec.LookPath("libreoffice"); err != nil {
			return nil, fmt.Errorf("convert to %s: %w", format, ErrNoLibreOffice)
		}
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultConvertTimeout)
		defer cancel()
	}
	dir, err := os.MkdirTemp("", "synth-soffice-*")
	if err != nil {
		return nil, fmt.Errorf("convert to %s: %w", format, err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(in, docx, 0o600); err != nil {
		return nil, fmt.Errorf("convert to %s: %w", format, err)
	}
	outDir := filepath.Join(dir, "out")
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--nolockcheck", "--convert-to", filter, "--outdir", outDir, in)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	cmd.Env = append(os.Environ(), "HOME="+dir)
	setProcessGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return nil, fmt.Errorf("LibreOffice convert to %s: %w: %s", format, err, bytes.TrimSpace(stderr.Bytes()))
	}
	out, err := os.ReadFile(filepath.Join(outDir, "report."+format))
	if err != nil {
		return nil, fmt.Errorf("LibreOffice convert to %s produced no file: %w: %s", format, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return out, nil
}
