package doc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Sentinel errors callers can test with errors.Is.
var (
	// ErrNoConverter reports that LibreOffice, needed to read .doc and .wps
	// files, is not installed.
	ErrNoConverter = errors.New("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
	// ErrUnsupported reports a file this package cannot read: not a Word
	// binary document, or one LibreOffice could not convert.
	ErrUnsupported = errors.New("unsupported document")
	// ErrEncrypted reports a password-protected document.
	ErrEncrypted = errors.New("document is password-protected")
	// ErrTimeout reports a conversion that did not finish in time.
	ErrTimeout = errors.New("document conversion timed out")
)

// DefaultTimeout bounds one conversion when Converter.Timeout is zero.
const DefaultTimeout = 2 * time.Minute

// maxOutput caps the converter's captured stdout and stderr.
const maxOutput = 8 << 10

// Converter turns Word binary documents into .docx with LibreOffice. The
// zero value is ready to use. A Converter is safe for concurrent use: each
// conversion runs its own soffice process with its own profile directory.
type Converter struct {
	// Command is the soffice executable, a path or a name looked up on
	// PATH; "" tries "soffice" then "libreoffice".
	Command string
	// Timeout bounds one conversion; 0 means DefaultTimeout.
	Timeout time.Duration
	// TempDir is where per-conversion directories are made; "" means
	// os.TempDir().
	TempDir string
}

// command returns the path of the soffice executable or an error wrapping
// ErrNoConverter.
func (c *Converter) command() (string, error) {
	names := []string{"soffice", "libreoffice"}
	if c.Command != "" {
		names = []string{c.Command}
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("convert document: %q not found on PATH: %w", names[0], ErrNoConverter)
}

// ToDOCX converts data, a document LibreOffice can read whose usual file
// extension is ext ("doc", "wps", "rtf"), to .docx bytes. It kills the
// converter's whole process group when ctx ends or the timeout passes.
func (c *Converter) ToDOCX(ctx context.Context, data []byte, ext string) ([]byte, error) {
	bin, err := c.command()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(c.TempDir, "gongkai-doc-*")
	if err != nil {
		return nil, fmt.Errorf("convert document: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in."+ext)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, fmt.Errorf("convert document: %w", err)
	}
	out := filepath.Join(dir, "out")
	if err := c.run(ctx, bin, dir, in, out); err != nil {
		return nil, err
	}
	docx, err := os.ReadFile(filepath.Join(out, "in.docx"))
	if err != nil {
		return nil, fmt.Errorf("convert %s document: LibreOffice wrote no output: %w", ext, ErrUnsupported)
	}
	return docx, nil
}

// run starts soffice on in, writing into outDir, and waits for it.
func (c *Converter) run(ctx context.Context, bin, dir, in, outDir string) error {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	profDir, release := acquireProfile(dir)
	defer release()
	profile := url.URL{Scheme: "file", Path: profDir}
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"-env:UserInstallation="+profile.String(),
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir, in)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir)
	var output limitedBuffer
	cmd.Stdout, cmd.Stderr = &output, &output
	killGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return fmt.Errorf("convert document with %s: after %v: %w", filepath.Base(bin), timeout, ErrTimeout)
	case ctx.Err() != nil:
		return fmt.Errorf("convert document with %s: %w", filepath.Base(bin), ctx.Err())
	case err != nil:
		return fmt.Errorf("convert document with %s: %w: %s", filepath.Base(bin), err, strings.TrimSpace(output.String()))
	}
	return nil
}

// limitedBuffer keeps the first maxOutput bytes written to it.
type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := maxOutput - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
