package sphinx

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gongkai/corpus"
	"gongkai/index"
	"gongkai/index/zh"
)

// SchemaVersion is the version of what this package stores for a report
// (fields, tokens, attributes). Raise it when that changes meaning.
const SchemaVersion = 4

// Field names of the RT index (full-text fields).
const (
	fBody      = "body"
	fBodySub   = "body_sub"
	fBodyBi    = "body_bi"
	fTitle     = "title"
	fTitleSub  = "title_sub"
	fOffice    = "office"
	fOfficeSub = "office_sub"
	fKW        = "kw"
	fChars     = "chars" // every Han character of the body, once
)

// Attribute names that are not index.Document field names.
const (
	aRID       = "rid"     // the report id
	aTitle     = "title_s" // stored title
	aPublished = "published_s"
	aPubTime   = "published" // days since 1970-01-01, missing = Missing
	aYear      = "year"
)

// Missing is the value of a numeric attribute the report lacks; ranges
// and sorting treat it as absent.
const Missing int64 = math.MinInt64 + 1

// MetaID is the document id of each node's metadata row; report ids are
// 48-bit numbers (+1), far below it.
const MetaID uint64 = 1 << 60

// docToken is on every report (not on the metadata row): "everything" for
// queries that only exclude.
const docToken = "_doc"

// schemaVersion is SchemaVersion and a hash of the RT index's fields and
// attributes (they follow index.Document's fields): a new field makes the
// stored index another version.
func schemaVersion() string {
	h := sha256.New()
	for _, f := range rtFields() {
		h.Write([]byte(f + "\n"))
	}
	for _, a := range attributes() {
		h.Write([]byte(a.kind + " " + a.name + "\n"))
	}
	return strconv.Itoa(SchemaVersion) + "/" + hex.EncodeToString(h.Sum(nil))[:12]
}

// rtFields lists the full-text fields in order.
func rtFields() []string {
	return []string{fBody, fBodySub, fBodyBi, fTitle, fTitleSub, fOffice, fOfficeSub, fChars, fKW}
}

type attribute struct{ kind, name string }

// attributes lists the RT attributes in order: strings (id, stored values,
// keyword fields), the year, then bigints (published day, figures × 100).
func attributes() []attribute {
	as := []attribute{{"string", aRID}, {"string", aTitle}, {"string", aPublished}}
	for _, f := range index.KeywordFields {
		if f == index.FieldYearKW {
			continue // the year attribute
		}
		as = append(as, attribute{"string", f})
	}
	as = append(as, attribute{"uint", aYear}, attribute{"uint", aSecondary}, attribute{"uint", aOthers}, attribute{"bigint", aSeq}, attribute{"bigint", aPubTime})
	for _, f := range index.NumericFields() {
		if f != aYear {
			as = append(as, attribute{"bigint", f})
		}
	}
	return as
}

var (
	attrList = attributes()
	attrKind = func() map[string]string {
		m := map[string]string{}
		for _, a := range attrList {
			m[a.name] = a.kind
		}
		return m
	}()
	keywordIndex = func() map[string]int {
		m := map[string]int{}
		for i, f := range index.KeywordFields {
			m[f] = i
		}
		return m
	}()
)

// analyzers are index/zh's analyzers: the same analysis as the bleve
// backend.
type analyzers struct {
	word, query, bigram *zh.Analyzer
}

func newAnalyzers() (*analyzers, error) {
	var a analyzers
	var err error
	if a.word, err = zh.NewAnalyzer(zh.WordAnalyzer); err != nil {
		return nil, err
	}
	if a.query, err = zh.NewAnalyzer(zh.QueryAnalyzer); err != nil {
		return nil, err
	}
	if a.bigram, err = zh.NewAnalyzer(zh.BigramAnalyzer); err != nil {
		return nil, err
	}
	return &a, nil
}

// maxRawRunes is the longest token sent as itself (searchd cuts words
// at 42 bytes; a Han word of 14 runes is 42 bytes).
const maxRawRunes = 12

// word is how a token is written for the engine: itself when searchd's
// charset_table keeps it as one word, else "_" and a hash of it.
func word(tok string) string {
	ok := tok != "" && utf8.RuneCountInString(tok) <= maxRawRunes
	for _, r := range tok {
		if !ok {
			break
		}
		ok = r >= 'a' && r <= 'z' || r >= '0' && r <= '9' ||
			r >= 0x3400 && r <= 0x4DBF || r >= 0x4E00 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF
	}
	if ok {
		return tok
	}
	sum := sha256.Sum256([]byte(tok))
	return "_" + hex.EncodeToString(sum[:10])
}

// keywordToken is the kw-field token of a keyword field's value.
func keywordToken(field, value string) string {
	sum := sha256.Sum256([]byte(value))
	return "_k" + strconv.Itoa(keywordIndex[field]) + "x" + hex.EncodeToString(sum[:8])
}

// regionCodeToken is the kw-field token of a region code's prefix.
func regionCodeToken(prefix string) string { return "_r" + word(prefix) }

// prefixFields are the keyword fields whose every prefix (in characters)
// has a token: the region names, which a region filter matches by their
// start (corpus.Filter's rule).
var prefixFields = map[string]bool{index.FieldProvince: true, index.FieldCity: true, index.FieldCounty: true, index.FieldTown: true}

// prefixToken is the kw-field token of a prefix of a keyword field's value.
func prefixToken(field, prefix string) string {
	return "_n" + strconv.Itoa(keywordIndex[field]) + "x" + word(prefix)
}

// gapToken fills a hole in an analyzer's positions, so that the engine's
// positions (one per word) stay those of bleve. It matches no query.
const gapToken = "_g"

// positional writes the tokens of text as analyzed by an, one word per
// position (the first token at each position), holes filled; sub receives
// the other tokens at a position (sub-words), when not nil.
func positional(an *zh.Analyzer, text string, sub *strings.Builder) string {
	var b strings.Builder
	last := 0
	for _, t := range an.Analyze(text) {
		switch {
		case t.Position == last:
			if sub != nil {
				sub.WriteString(word(t.Text))
				sub.WriteByte(' ')
			}
			continue
		case last > 0:
			for p := last + 1; p < t.Position; p++ {
				b.WriteString(gapToken + " ")
			}
		}
		last = t.Position
		b.WriteString(word(t.Text))
		b.WriteByte(' ')
	}
	return b.String()
}

// hanChars writes each Han character of the bigram tokens of text once.
func hanChars(an *zh.Analyzer, text string) string {
	seen := map[rune]bool{}
	var b strings.Builder
	for _, t := range an.Analyze(text) {
		for _, r := range t.Text {
			if !seen[r] && word(string(r)) == string(r) && isHan(r) {
				seen[r] = true
				b.WriteRune(r)
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// row is one report as the RT index stores it.
type row struct {
	id     uint64
	fields map[string]string
	strs   map[string]string
	ints   map[string]int64
}

// docID is the engine's id of a report id (12 hex digits): the number + 1,
// so that ids sort as report ids do.
func docID(id string) (uint64, bool) {
	if len(id) != 12 {
		return 0, false
	}
	v, err := strconv.ParseUint(id, 16, 64)
	if err != nil || strings.ToLower(id) != id {
		return 0, false
	}
	return v + 1, true
}

// makeRow derives the stored row of a report from index.Document.
func (a *analyzers) makeRow(r *corpus.Report, id uint64, seq int64) row {
	d := index.Document(r)
	rw := row{id: id, fields: map[string]string{}, strs: map[string]string{}, ints: map[string]int64{}}
	str := func(f string) string { s, _ := d[f].(string); return s }

	var sub strings.Builder
	rw.fields[fBody] = positional(a.word, str("body"), &sub)
	rw.fields[fBodySub] = sub.String()
	rw.fields[fBodyBi] = positional(a.bigram, str("body"), nil)
	rw.fields[fChars] = hanChars(a.bigram, str("body"))
	sub.Reset()
	rw.fields[fTitle] = positional(a.word, str("title"), &sub)
	rw.fields[fTitleSub] = sub.String()
	sub.Reset()
	rw.fields[fOffice] = positional(a.word, str("office"), &sub)
	rw.fields[fOfficeSub] = sub.String()
	kw := []string{docToken}
	for _, f := range index.KeywordFields {
		v, ok := d[f].(string)
		if !ok {
			continue
		}
		kw = append(kw, keywordToken(f, v))
		if f != index.FieldYearKW {
			rw.strs[f] = v
		}
	}
	if code := str(index.FieldRegionCode); code != "" {
		for i := 1; i <= len(code) && i <= 12; i++ {
			kw = append(kw, regionCodeToken(code[:i]))
		}
	}
	for f := range prefixFields {
		v := []rune(str(f))
		for i := 1; i <= len(v); i++ {
			kw = append(kw, prefixToken(f, string(v[:i])))
		}
	}
	rw.fields[fKW] = strings.Join(kw, " ")

	rw.strs[aRID] = r.ID
	rw.ints[aSeq] = seq
	rw.ints[aSecondary] = 0
	rw.ints[aOthers] = 0
	rw.strs[aTitle] = str("title")
	rw.ints[aPubTime] = Missing
	if t, ok := d["published"].(time.Time); ok {
		rw.strs[aPublished] = t.Format("2006-01-02")
		rw.ints[aPubTime] = days(t)
	}
	for _, f := range index.NumericFields() {
		v, ok := d[f].(float64)
		switch {
		case f == aYear:
			rw.ints[f] = int64(math.Max(0, v))
		case ok:
			rw.ints[f] = scaled(v)
		default:
			rw.ints[f] = Missing
		}
	}
	return rw
}

// scaled is a figure as stored: × 100, rounded.
func scaled(v float64) int64 { return int64(math.Round(v * 100)) }

// days is a date as stored: days since 1970-01-01 (UTC).
func days(t time.Time) int64 {
	return int64(math.Floor(float64(t.Unix()) / 86400))
}

// isHan reports whether r is a Han character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
