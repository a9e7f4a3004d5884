package compare

import (
	"context"
	"testing"

	"gongkai/corpus"
)

// allKeys lists every value key of both templates, derived rows included.
func allKeys() []string {
	var keys []string
	rows := append(corpus.ApplyRows(corpus.Template2021), "other_total")
	rows = append(rows, corpus.ApplyDerivedRows...)
	for _, row := range rows {
		for _, col := range corpus.ApplyColumns {
			keys = append(keys, "apply."+row+"."+col)
		}
	}
	for _, tbl := range []string{"review", "suit_direct", "suit_after_review", "suit"} {
		for _, col := range corpus.ReviewColumns {
			keys = append(keys, tbl+"."+col)
		}
	}
	for _, tmpl := range []string{corpus.Template2019, corpus.Template2021} {
		for _, k := range corpus.ActiveKeys(tmpl) {
			keys = append(keys, "active."+k.Key)
		}
	}
	return keys
}

// TestFill_MatchesRecords checks that the values read from the cells table
// (with the derived rows added up here) are the records' values, for every
// key of every report of the fixture, parsed and constructed.
func TestFill_MatchesRecords(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	rows, err := st.Reports(ctx, corpus.Filter{AllRenditions: true})
	if err != nil {
		t.Fatal(err)
	}
	var list []*entry
	for _, r := range rows {
		list = append(list, &entry{ID: r.ID, Year: r.Year, Template: r.Template})
	}
	if len(list) != 16 {
		t.Fatalf("%d reports in the fixture, want 16", len(list))
	}
	keys := allKeys()
	if err := fill(ctx, st, list, keys, true); err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, e := range list {
		rec, err := st.Report(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			want, wok := rec.Value(k)
			got, gok := e.rep.Value(k)
			if wok != gok || want != got {
				t.Errorf("report %s (%s) %s: cells give %v (%v), the record %v (%v)", e.ID, rec.Source.Path, k, got, gok, want, wok)
			}
			if wok {
				compared++
			}
		}
		if len(rec.Figures) != len(e.rep.Figures) && rec.Template == corpus.TemplateLegacy {
			t.Errorf("report %s: %d figures read, the record has %d", e.ID, len(e.rep.Figures), len(rec.Figures))
		}
	}
	if compared < 2000 {
		t.Errorf("only %d values compared", compared)
	}
}
