package zh

import (
	"crypto/sha256"
	_ "embed" // userdict.txt
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-ego/gse"
)

// gseVersion is the pinned gse module version (gse.Version inside the
// module says v0.80.2; a test checks this constant against the build).
const gseVersion = "v0.80.3"

// baseDict is the embedded gse dictionary the full segmenter loads.
// "zh" (simplified + traditional) costs twice the load time and memory
// and splits simplified report text the same way (see the tests).
const baseDict = "zh_s"

// analysisVersion changes whenever the tokenizer logic or baseDict
// changes in a way that changes tokens.
const analysisVersion = "analysis v1"

//go:embed userdict.txt
var userDict string

// segmenter is one loaded dictionary: the full one as a flat dictionary
// (flat.go, segmented by our own code), or a compact query vocabulary as
// a gse segmenter (vocab.go: it is small, so gse's pointer-rich form
// costs nothing there, and gse segments it). It is immutable after
// construction and safe for concurrent reads.
type segmenter struct {
	flat    *flatDict      // the full dictionary
	seg     *gse.Segmenter // a compact vocabulary
	compact bool
}

var (
	fullOnce sync.Once
	fullSeg  *segmenter
	fullErr  error

	// active is the segmenter the tokenizers use; nil until first use.
	active atomic.Pointer[segmenter]
)

// Version identifies the segmentation: the gse version, the hash of the
// user dictionary and the analysis logic version, e.g.
// "gse v0.80.3 / dict 1a2b3c4d5e6f / analysis v1". Store it with an index:
// an index built under another Version must be rebuilt.
func Version() string {
	sum := sha256.Sum256([]byte(userDict))
	return fmt.Sprintf("gse %s / dict %s / %s", gseVersion, hex.EncodeToString(sum[:])[:12], analysisVersion)
}

// Compact reports whether this process segments with a compact query
// vocabulary (UseVocabulary). Such a process must not index.
func Compact() bool {
	s := active.Load()
	return s != nil && s.compact
}

// current returns the active segmenter, loading the full dictionary on
// first use. It panics if the embedded dictionaries fail to load, which
// only a broken build can cause.
func current() *segmenter {
	if s := active.Load(); s != nil {
		return s
	}
	s, err := full()
	if err != nil {
		panic(err)
	}
	active.CompareAndSwap(nil, s)
	return active.Load()
}

// full returns the full segmenter, loading it once per process.
func full() (*segmenter, error) {
	fullOnce.Do(func() {
		fullSeg, fullErr = loadFull(baseDict)
	})
	return fullSeg, fullErr
}

// loadFull returns the full segmenter of the user dictionary followed by
// the embedded dictionary name ("zh_s" or "zh"): from the precompiled
// form (precompiled.go) when it is current, else from the text
// dictionaries (loadFullText).
func loadFull(name string) (*segmenter, error) {
	if name == baseDict {
		if s, err := loadPrecompiled(precompiledDict); err == nil {
			return s, nil
		}
	}
	return loadFullText(name)
}

// loadFullText builds the full segmenter from gse's text load
// (loadGseText) converted to the flat dictionary.
func loadFullText(name string) (*segmenter, error) {
	seg, err := loadGseText(name)
	if err != nil {
		return nil, err
	}
	fd, err := buildFlat(seg.Dict)
	if err != nil {
		return nil, err
	}
	return &segmenter{flat: fd}, nil
}

// loadGseText loads gse's segmenter from the user dictionary followed by
// the embedded dictionary name ("zh_s" or "zh"). Loading the user words
// first is what gives them their frequency: gse's AddToken keeps the
// first entry of a word and ignores later ones. It is the reference the
// flat dictionary is built from and tested against.
func loadGseText(name string) (*gse.Segmenter, error) {
	seg := newGse()
	if err := seg.LoadDictStr(userDictLines()); err != nil {
		return nil, fmt.Errorf("zh: load user dictionary: %w", err)
	}
	if err := seg.LoadDictEmbed(name); err != nil {
		return nil, fmt.Errorf("zh: load gse dictionary %s: %w", name, err)
	}
	return seg, nil
}

// newGse returns an empty gse segmenter configured for our use: no HMM
// (we never call the HMM cut modes, and loading the model rewrites gse's
// package-level tables) and no log output.
func newGse() *gse.Segmenter {
	return &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
}

// userDictLines returns userdict.txt without comments and blank lines.
func userDictLines() string {
	var b strings.Builder
	for _, line := range strings.Split(userDict, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
