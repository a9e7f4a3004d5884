package zh

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Vocabulary file format (text, UTF-8):
//
//	# gongkai zh vocabulary
//	version <Version()>
//	total <total dictionary frequency of the full segmenter>
//	<word> <frequency> [<part of speech>]
//	...
//
// The words carry their frequencies from the full dictionary, and a filler
// word of frequency (total − sum) keeps gse's total frequency, so every
// word's path length (log2(total/frequency)) is the same as in the full
// segmenter. A text whose full segmentation uses only vocabulary words is
// then segmented identically: the shortest path is unchanged when only
// edges off that path are removed.
const vocabMagic = "# gongkai zh vocabulary"

// fillerWord carries the frequency of the words left out of a vocabulary.
// It is two Unicode noncharacters (gse forces one-rune words to frequency
// 2), which never occur in reports and are dropped as non-letters anyway.
const fillerWord = "\uFDD0\uFDD1"

// maxVocabBytes bounds what UseVocabulary reads.
const maxVocabBytes = 256 << 20

// ErrVocabularyVersion is returned (wrapped) by UseVocabulary for a file
// written under another Version: its words would not segment like the
// index they came from.
var ErrVocabularyVersion = errors.New("zh: vocabulary written by another segmentation version")

// WriteVocabulary writes the compact query dictionary for terms (the
// indexed terms of the words field, term → count; counts are not used
// beyond count > 0). It loads the full dictionary if needed, takes each
// term's frequency from it (terms not in it, such as numbers, are left
// out: gse treats them the same way with or without them), and adds the
// user dictionary and every one-character dictionary word.
func WriteVocabulary(w io.Writer, terms map[string]int) error {
	s, err := full()
	if err != nil {
		return err
	}
	entries := make(map[string]vocabEntry)
	d := s.flat
	add := func(word string) {
		if !validWord(word) {
			return
		}
		if tok, ok := d.find([]byte(word)); ok && d.freq[tok] > 0 {
			entries[word] = vocabEntry{d.freq[tok], d.posNames[d.pos[tok]]}
		}
	}
	for term, n := range terms {
		if n > 0 {
			add(term)
		}
	}
	d.rootWords(func(word string, _ int32) {
		if utf8.RuneCountInString(word) == 1 {
			add(word)
		}
	})
	for _, line := range strings.Split(userDictLines(), "\n") {
		word, _, _ := strings.Cut(line, " ")
		add(word)
	}
	return writeEntries(w, entries, d.totalFreq)
}

type vocabEntry struct {
	freq float64
	pos  string
}

// validWord rejects what cannot be a dictionary line: empty words, words
// with spaces or line breaks, invalid UTF-8, and the filler itself.
func validWord(w string) bool {
	return w != "" && w != fillerWord && utf8.ValidString(w) &&
		!strings.ContainsAny(w, " \t\r\n\v\f\u0085\u00a0")
}

func writeEntries(w io.Writer, entries map[string]vocabEntry, total float64) error {
	words := make([]string, 0, len(entries))
	sum := 0.0
	for word, e := range entries {
		words = append(words, word)
		sum += e.freq
	}
	sort.Strings(words)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s\nversion %s\ntotal %s\n", vocabMagic, Version(), fmtFreq(total))
	for _, word := range words {
		e := entries[word]
		bw.WriteString(word + " " + fmtFreq(e.freq))
		if e.pos != "" {
			bw.WriteString(" " + e.pos)
		}
		bw.WriteByte('\n')
	}
	if rest := total - sum; rest >= 2 {
		fmt.Fprintf(bw, "%s %s x\n", fillerWord, fmtFreq(rest))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("zh: write vocabulary: %w", err)
	}
	return nil
}

func fmtFreq(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// UseVocabulary switches this process's segmenter to the compact
// dictionary read from r (written by WriteVocabulary). From then on the
// process is in compact mode (Compact returns true) and must only search:
// it segments indexed words as the full dictionary does, but other text
// may split differently. It returns an error wrapping
// ErrVocabularyVersion when the file was written under another Version,
// and leaves the segmenter unchanged on any error.
func UseVocabulary(r io.Reader) error {
	data, err := io.ReadAll(io.LimitReader(r, maxVocabBytes+1))
	if err != nil {
		return fmt.Errorf("zh: read vocabulary: %w", err)
	}
	if len(data) > maxVocabBytes {
		return fmt.Errorf("zh: vocabulary larger than %d bytes", maxVocabBytes)
	}
	s, err := parseVocabulary(string(data))
	if err != nil {
		return err
	}
	active.Store(s)
	return nil
}

// parseVocabulary checks the header and builds the compact segmenter.
func parseVocabulary(text string) (*segmenter, error) {
	header := make([]string, 3)
	for i := range header {
		line, rest, ok := strings.Cut(text, "\n")
		if !ok {
			return nil, errors.New("zh: vocabulary: truncated header")
		}
		header[i], text = line, rest
	}
	if header[0] != vocabMagic {
		return nil, errors.New("zh: vocabulary: not a gongkai vocabulary file")
	}
	if v := strings.TrimPrefix(header[1], "version "); v != Version() {
		return nil, fmt.Errorf("%w: file %q, program %q", ErrVocabularyVersion, v, Version())
	}
	total, err := strconv.ParseFloat(strings.TrimPrefix(header[2], "total "), 64)
	if err != nil {
		return nil, fmt.Errorf("zh: vocabulary: bad total: %w", err)
	}
	if !utf8.ValidString(text) {
		return nil, errors.New("zh: vocabulary: invalid UTF-8")
	}
	seg := newGse()
	if err := seg.LoadDictStr(text); err != nil {
		return nil, fmt.Errorf("zh: vocabulary: %w", err)
	}
	if seg.Dict == nil {
		return nil, errors.New("zh: vocabulary: no dictionary built")
	}
	if got := seg.Dict.TotalFreq(); got != total {
		return nil, fmt.Errorf("zh: vocabulary: total frequency %v, header says %v (file damaged?)", got, total)
	}
	return &segmenter{seg: seg, compact: true}, nil
}
