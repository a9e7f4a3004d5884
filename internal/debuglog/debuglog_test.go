package debuglog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRecovered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debug.log")
	t.Setenv("GONGKAI_DEBUG_LOG", path)
	var err error
	func() {
		defer func() {
			if v := recover(); v != nil {
				err = Recovered("extract pdf", "a.pdf", v)
			}
		}()
		var m map[string]int
		m["x"] = 1 // a real runtime panic
	}()
	if !errors.Is(err, ErrPanic) || !strings.Contains(err.Error(), "extract pdf: a.pdf:") || strings.Contains(err.Error(), "goroutine") {
		t.Errorf("error %q: want the stage and file, no stack", err)
	}
	log, _ := os.ReadFile(path)
	if !strings.Contains(string(log), "assignment to entry in nil map") || !strings.Contains(string(log), "goroutine") {
		t.Errorf("debug log lacks the panic and its stack:\n%s", log)
	}
}
