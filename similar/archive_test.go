package similar

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gongkai/corpus"
)

// TestArchive runs detection on a catalog: reports committed through
// corpus, the run stored, read back, ranked, and found stale after a
// change.
func TestArchive(t *testing.T) {
	ctx := context.Background()
	st, err := corpus.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g := &genArchive{genOpts{Counties: 12, Offices: 4, Years: 3, Seed: 7, PSelf: 1}}
	var entries []corpus.Entry
	for c := range g.o.Counties {
		for o := range g.o.Offices {
			for y := range g.o.Years {
				d, _, _ := g.doc(c, o, y)
				sha := corpus.Hash([]byte(d.ID))
				entries = append(entries, corpus.Entry{SHA256: sha, Size: 1, Format: "text", Origin: corpus.Origin{Kind: "file", Path: d.ID + ".txt"},
					Report: &corpus.Report{Schema: corpus.ReportSchema, ID: sha[:12], Source: corpus.Source{SHA256: sha, Format: "text"},
						Office: d.Office, OfficeFull: d.Office, Year: d.Year, Level: "township",
						Region:   corpus.Region{Province: "某省", City: "某市", County: fmt.Sprintf("第%s县", d.Group), Code: fmt.Sprintf("99%04s", d.Group)},
						Sections: []corpus.Section{{No: 1, Title: "总体情况", Text: d.Text}}}})
			}
		}
	}
	if err := st.Commit(ctx, entries); err != nil {
		t.Fatal(err)
	}
	if ok, err := Fresh(ctx, st); err != nil || ok {
		t.Fatalf("Fresh before any run = %v, %v", ok, err)
	}
	ran, err := Ensure(ctx, st, Options{})
	if err != nil || !ran {
		t.Fatalf("Ensure = %v, %v", ran, err)
	}
	if ran, err := Ensure(ctx, st, Options{}); err != nil || ran {
		t.Fatalf("second Ensure ran again (%v, %v)", ran, err)
	}
	// Every report of year 3 copied a paragraph of its year-2 report.
	d, _, cps := g.doc(0, 0, 2)
	id := corpus.Hash([]byte(d.ID))[:12]
	src := corpus.Hash([]byte(cps[0].Source))[:12]
	into, _, err := st.CopyPassagesOf(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range into {
		if p.Source == src && p.Kind == KindSelf && p.Text != "" && p.SourceText != "" {
			found = true
		}
	}
	if !found {
		t.Fatalf("passages of %s: %+v, want one from %s", id, into, src)
	}
	_, from, err := st.CopyPassagesOf(ctx, src)
	if err != nil || len(from) == 0 {
		t.Fatalf("passages taken from %s: %v %v", src, from, err)
	}
	sh, err := st.CopyShareOf(ctx, id)
	if err != nil || sh.CopiedSelf == 0 || sh.Share() <= 0 || sh.Share() > 1 {
		t.Fatalf("share of %s: %+v %v", id, sh, err)
	}
	offs, err := st.CopiedOffices(ctx, corpus.Filter{YearFrom: 2021, YearTo: 2021}, 0)
	if err != nil || len(offs) != g.o.Counties*g.o.Offices {
		t.Fatalf("CopiedOffices: %d offices (%v), want %d", len(offs), err, g.o.Counties*g.o.Offices)
	}
	for i := 1; i < len(offs); i++ {
		if offs[i].Share > offs[i-1].Share {
			t.Fatalf("not ranked: %+v before %+v", offs[i-1], offs[i])
		}
	}
	if offs[0].ShareSelf == 0 || !strings.Contains(offs[0].Office, "镇人民政府") || offs[0].Years != "2021" {
		t.Fatalf("first office %+v", offs[0])
	}
	// Year 2019 has nothing earlier to copy from.
	offs, err = st.CopiedOffices(ctx, corpus.Filter{YearFrom: 2019, YearTo: 2019}, 0)
	if err != nil || len(offs) != 0 {
		t.Fatalf("2019: %+v %v", offs, err)
	}
	// A new report makes the run stale.
	e := entries[0]
	e.SHA256 = corpus.Hash([]byte("new"))
	r := *e.Report
	r.ID, r.Source.SHA256, r.Year = e.SHA256[:12], e.SHA256, 2030
	e.Report = &r
	if err := st.Commit(ctx, []corpus.Entry{e}); err != nil {
		t.Fatal(err)
	}
	if ok, err := Fresh(ctx, st); err != nil || ok {
		t.Fatalf("Fresh after a new report = %v, %v", ok, err)
	}
}
