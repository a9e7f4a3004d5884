package bleveindex

import (
	"context"
	"path/filepath"
	"testing"

	"gongkai/corpus"
	"gongkai/index"
)

// renditionReports: a page and its PDF (same office, year and tables),
// and another report.
func renditionReports() []*corpus.Report {
	rs := layoutReports()
	page := *rs[1]
	pdf := *rs[1]
	sha := corpus.Hash([]byte("layout-2-pdf"))
	pdf.ID, pdf.Source = sha[:12], corpus.Source{Path: "layout2.pdf", SHA256: sha, Format: "pdf"}
	pdf.Sections = []corpus.Section{{No: 1, Title: "一、总体情况", Text: page.Sections[0].Text + "另附PDF独有的文字。"}}
	page.Source.Format = "html"
	return []*corpus.Report{&page, &pdf, rs[0]}
}

func TestRenditions_Collapse(t *testing.T) {
	ctx := context.Background()
	rs := renditionReports()
	page, pdf := rs[0], rs[1]
	if corpus.RenditionKey(page) != corpus.RenditionKey(pdf) {
		t.Fatal("fixture: the renditions differ in key")
	}
	check := func(x *Index, q string, wantID, wantAlso string, facets bool) {
		t.Helper()
		req := index.Request{Query: q}
		if facets {
			req.Facets = []string{"year"}
		}
		res, err := x.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].ID != wantID {
			t.Fatalf("%s: total %d hits %+v, want only %s", q, res.Total, res.Hits, wantID)
		}
		if len(res.Hits[0].Also) != 1 || res.Hits[0].Also[0].ID != wantAlso {
			t.Errorf("%s: also %+v, want %s", q, res.Hits[0].Also, wantAlso)
		}
		if facets && res.Facets["year"]["2022"] != 1 {
			t.Errorf("%s: facet %v counts files", q, res.Facets["year"])
		}
	}
	// Imported one after the other: the newest parse is primary.
	x, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.Index(ctx, []*corpus.Report{page, rs[2]}); err != nil {
		t.Fatal(err)
	}
	if err := x.Index(ctx, []*corpus.Report{pdf}); err != nil {
		t.Fatal(err)
	}
	check(x, "LED显示屏", pdf.ID, page.ID, true)
	// The primary (the PDF, the newest parse) is searched with its own text.
	res, _ := x.Search(ctx, index.Request{Query: "独有的文字"})
	if res.Total != 1 {
		t.Errorf("PDF-only text: %d hits", res.Total)
	}
	// A failed check makes the other primary.
	failed := *pdf
	failed.Checks = []corpus.Check{{ID: "C1", Status: corpus.CheckFail}}
	if !failed.Failed() {
		t.Skip("corpus.Check status name changed")
	}
	if err := x.Index(ctx, []*corpus.Report{&failed}); err != nil {
		t.Fatal(err)
	}
	check(x, "LED显示屏", page.ID, pdf.ID, false)
	// Deleting the primary brings the other back.
	if err := x.Delete(ctx, []string{page.ID}); err != nil {
		t.Fatal(err)
	}
	res, err = x.Search(ctx, index.Request{Query: "LED显示屏"})
	if err != nil || res.Total != 1 || res.Hits[0].ID != pdf.ID {
		t.Fatalf("after delete: %+v %v", res, err)
	}
	// Reopened, the set is read back.
	x.Close()
}

func TestRenditions_Build(t *testing.T) {
	ctx := context.Background()
	rs := renditionReports()
	st := fixtureStore(t, rs)
	dir := filepath.Join(st.Dir(), "index")
	if _, err := Build(ctx, st, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	res, err := x.Search(ctx, index.Request{Query: "LED显示屏", Facets: []string{"year"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits[0].Also) != 1 || res.Facets["year"]["2022"] != 1 {
		t.Fatalf("built index: %+v", res)
	}
	n, _ := x.Count()
	if n != 3 {
		t.Errorf("count %d, want every file indexed (3)", n)
	}
}
