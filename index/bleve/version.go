package bleveindex

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// The index version is derived, never bumped by hand: Versions holds the
// schema number, a hash of the mapping, the segmentation's version
// (dictionary included), index.TextFingerprint (the text building), a
// hash of the document made of a fixed report, the analysis mode and the
// sharding. Open refuses an index whose stored Versions differ from the
// code's (ErrVersionMismatch); ID condenses them into one string that
// `gongkai index` prints.

// ID is the index version derived from v: the schema number and a hash of
// every part, e.g. "2-3fa9c1d2e0b4". Two indexes with the same ID were
// built by code that puts the same documents into the same mapping.
func (v Versions) ID() string {
	js, _ := json.Marshal(v) // a struct of strings and ints: cannot fail
	sum := sha256.Sum256(js)
	return strconv.Itoa(v.Schema) + "-" + hex.EncodeToString(sum[:6])
}

// String lists v's parts.
func (v Versions) String() string {
	return fmt.Sprintf("schema %d, mapping %s, segmentation %s, text %s, document %s, analysis %s, shard-by %s",
		v.Schema, v.Mapping, v.Analysis, v.Text, v.Document, v.Mode, v.ShardBy)
}

// Diff names the parts in which v and w differ (nil when they are equal).
func (v Versions) Diff(w Versions) []string {
	var out []string
	for _, p := range []struct {
		name string
		same bool
	}{
		{"schema", v.Schema == w.Schema}, {"mapping", v.Mapping == w.Mapping}, {"segmentation", v.Analysis == w.Analysis},
		{"text", v.Text == w.Text}, {"document", v.Document == w.Document}, {"analysis", v.Mode == w.Mode}, {"shard-by", v.ShardBy == w.ShardBy},
	} {
		if !p.same {
			out = append(out, p.name)
		}
	}
	return out
}

// ErrNoIndex is returned by Stored when dir holds no index.
var ErrNoIndex = errors.New("no search index")

// Stored returns the versions the index in dir was built with (its
// meta.json), without opening it: it works while another process holds
// the index open.
func Stored(dir string) (Versions, error) {
	data, err := os.ReadFile(filepath.Join(dir, metaFile))
	if errors.Is(err, os.ErrNotExist) {
		return Versions{}, fmt.Errorf("%s: %w", dir, ErrNoIndex)
	}
	if err != nil {
		return Versions{}, fmt.Errorf("index versions: %w", err)
	}
	var m meta
	if err := json.Unmarshal(data, &m); err != nil {
		return Versions{}, fmt.Errorf("index versions: %s: %w", filepath.Join(dir, metaFile), err)
	}
	return m.Versions, nil
}

// Expected returns the versions this code derives for the index in dir,
// taking its sharding and analysis mode from the index on disk as Open
// does (an index built for a comparison keeps its mode): the versions Open
// compares the stored ones with.
func Expected(dir string, opt Options) (Versions, error) {
	if err := opt.normalize(); err != nil {
		return Versions{}, err
	}
	if stored, err := Stored(dir); err == nil {
		opt.adopt(stored)
	}
	v, _, _, _, err := codeVersions(opt)
	return v, err
}

// adopt takes what Open takes from the index on disk: its sharding when
// opt names none, its analysis mode when opt asks for the default (an
// index built for a comparison keeps its mode).
func (o *Options) adopt(stored Versions) {
	if o.ShardBy == "" {
		o.ShardBy = stored.ShardBy
	}
	if o.Analysis == ModeHybrid && stored.Mode != "" && stored.Mode != ModeHybrid {
		o.Analysis = stored.Mode
	}
}
