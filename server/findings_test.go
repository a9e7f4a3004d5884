package server

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gongkai/corpus"
	"gongkai/corpus/corpustest"
	"gongkai/similar"
)

// copiedReport adds two reports of 2022 that share a paragraph (two
// townships of one county) to the server's archive, runs copied-text
// detection and returns the first and its source.
func copiedReport(t *testing.T, s *Server) (id, source string) {
	t.Helper()
	shared := "今年以来，镇党委政府高度重视政务公开工作，成立了由分管领导牵头的工作专班，每月召开一次专题推进会议。" +
		"专班对照年度清单逐项销号，对群众反映集中的宅基地审批和低保评议事项实行全过程公开。" +
		"全年在镇政府公开栏和村务微信群同步发布信息，确保群众第一时间知晓。"
	var entries []corpus.Entry
	for i, office := range []string{"测试县东岭镇人民政府", "测试县西岭镇人民政府"} {
		own := []string{"东岭镇在汛期前对辖区山塘水库逐一排查并公开责任人名单，接受群众监督。", "西岭镇将茶叶产业扶持资金的分配结果在各村公示十日，无异议后拨付。"}[i]
		sha := corpus.Hash([]byte(office))
		r := &corpus.Report{Schema: corpus.ReportSchema, ID: sha[:12], Source: corpus.Source{SHA256: sha, Format: "text"},
			Title: office + "2022年政府信息公开工作年度报告", Office: office, OfficeFull: office, Year: 2022, Level: "township", Kind: "government",
			Region:   corpus.Region{Province: "测试省", City: "测试市", County: "测试县", Town: office[9:18], Code: "999999" + string(rune('1'+i)) + "00"},
			Sections: []corpus.Section{{No: 1, Title: "总体情况", Text: own + "\n" + shared}}}
		entries = append(entries, corpus.Entry{SHA256: sha, Size: 1, Format: "text", Origin: corpus.Origin{Kind: "file", Path: office + ".txt"}, Report: r})
	}
	if err := s.Store().Commit(context.Background(), entries); err != nil {
		t.Fatal(err)
	}
	if _, err := similar.Update(context.Background(), s.Store(), similar.Options{}); err != nil {
		t.Fatal(err)
	}
	err := corpustest.DB(s.Store()).QueryRow(`SELECT report_id, source_id FROM copy_passages WHERE report_id = ?`, entries[0].Report.ID).Scan(&id, &source)
	if err != nil {
		t.Fatalf("the fixture archive has no copied passages: %v", err)
	}
	return id, source
}

func TestFindingsAndReviewsAPI(t *testing.T) {
	s := newTestServer(t, Options{Token: "s3cret-token"})
	h := s.Handler()
	var f findings
	anyID := idOf(t, s, "example-2021.html")
	get(t, h, "/api/reports/"+anyID+"/findings", 200, &f)
	if f.Copies.Ran || !f.Writes || len(f.Reviews) != 0 {
		t.Fatalf("before any run: %+v", f)
	}
	id, src := copiedReport(t, s)
	get(t, h, "/api/reports/"+id+"/findings", 200, &f)
	if !f.Copies.Ran || f.Copies.Stale || f.Copies.Share == nil || len(f.Copies.Into) == 0 || f.Copies.Sources[src] == "" {
		t.Fatalf("findings of %s: %+v", id, f.Copies)
	}
	if p := f.Copies.Into[0]; p.Text == "" || p.SourceText == "" || p.To-p.From < 2 {
		t.Fatalf("passage %+v", p)
	}
	post := func(body, auth string, want int, v any) {
		t.Helper()
		req := httptest.NewRequest("POST", "/api/reports/"+id+"/reviews", strings.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		do(t, h, req, want, v)
	}
	good := `{"finding": "copied:` + src + `", "verdict": "confirmed", "note": "整段照搬", "reviewer": "李编辑"}`
	post(good, "", 401, nil)
	post(good, "wrong", 401, nil)
	post(`{"finding": "C0", "verdict": "confirmed", "reviewer": "李"}`, "s3cret-token", 400, nil)
	post(`{"finding": "C1", "verdict": "maybe", "reviewer": "李"}`, "s3cret-token", 400, nil)
	post(`{"finding": "C1", "verdict": "confirmed"}`, "s3cret-token", 400, nil)
	post(`{"finding": "copied:`+src+`", "verdict": "confirmed", "reviewer": "李", "extra": 1}`, "s3cret-token", 400, nil)
	// A finding the report does not have.
	post(`{"finding": "copied:ffffffffffff", "verdict": "confirmed", "reviewer": "李"}`, "s3cret-token", 409, nil)
	var rev corpus.Review
	post(good, "s3cret-token", 201, &rev)
	if rev.ID == 0 || rev.Report != id || rev.Status != "copied" || rev.Reviewer != "李编辑" {
		t.Fatalf("review %+v", rev)
	}
	get(t, h, "/api/reports/"+id+"/findings", 200, &f)
	if len(f.Reviews) != 1 || f.Reviews[0].Finding != "copied:"+src || f.Reviews[0].State != corpus.ReviewOpen || f.Reviews[0].Note != "整段照搬" {
		t.Fatalf("reviews %+v", f.Reviews)
	}
	t.Run("writes disabled", func(t *testing.T) {
		s := newTestServer(t, Options{})
		req := httptest.NewRequest("POST", "/api/reports/"+id+"/reviews", strings.NewReader(good))
		do(t, s.Handler(), req, 403, nil)
	})
}

// TestBrowser_Findings: the report page shows copied passages side by side
// with a link to their source, and a review saved from the page (with the
// token) shows on it.
func TestBrowser_Findings(t *testing.T) {
	ctx := browser(t)
	s := newTestServer(t, Options{Token: "s3cret-token"})
	id, src := copiedReport(t, s)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	loaded := chromedp.WaitVisible(`body[data-findings="1"] #copies`, chromedp.ByQuery)
	var link, mine, theirs string
	err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/report?id="+id), loaded,
		chromedp.AttributeValue(`#copies .copy-source[data-source="`+src+`"] a.copy-link`, "href", &link, nil, chromedp.ByQuery),
		chromedp.Text(`#copies .copy-source[data-source="`+src+`"] td.copy-text`, &mine, chromedp.ByQuery),
		chromedp.Text(`#copies .copy-source[data-source="`+src+`"] td.copy-source-text`, &theirs, chromedp.ByQuery))
	if err != nil {
		t.Fatal(err)
	}
	if link != "/report?id="+src || mine == "" || theirs == "" {
		t.Fatalf("source link %q, passage %q ≈ %q", link, mine, theirs)
	}
	box := `#copies .copy-source[data-source="` + src + `"] .review`
	var saved string
	err = chromedp.Run(ctx,
		chromedp.SetValue(box+` select[name="verdict"]`, "dismissed", chromedp.ByQuery),
		chromedp.SendKeys(box+` input[name="note"]`, "法定格式用语", chromedp.ByQuery),
		chromedp.SendKeys(box+` input[name="reviewer"]`, "张三", chromedp.ByQuery),
		chromedp.SendKeys(box+` input[name="token"]`, "s3cret-token", chromedp.ByQuery),
		chromedp.Click(box+` button`, chromedp.ByQuery),
		chromedp.WaitVisible(box+` .reviewed`, chromedp.ByQuery),
		chromedp.Text(box+` .reviewed`, &saved, chromedp.ByQuery))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(saved, "驳回") || !strings.Contains(saved, "张三") || !strings.Contains(saved, "法定格式用语") {
		t.Fatalf("review shown as %q", saved)
	}
	revs, err := s.Store().Reviews(context.Background(), corpus.ReviewFilter{Report: id})
	if err != nil || len(revs) != 1 || revs[0].Verdict != corpus.VerdictDismissed || revs[0].Finding != "copied:"+src {
		t.Fatalf("stored reviews %+v %v", revs, err)
	}
	// Following the link opens the source's page.
	var h1 string
	err = chromedp.Run(ctx, chromedp.Click(`#copies .copy-source[data-source="`+src+`"] a.copy-link`, chromedp.ByQuery),
		chromedp.WaitVisible(`body[data-ready="1"] h1`, chromedp.ByQuery), chromedp.Sleep(200*time.Millisecond),
		chromedp.Location(&link), chromedp.Text("h1", &h1, chromedp.ByQuery))
	if err != nil || !strings.HasSuffix(link, "/report?id="+src) || h1 == "" {
		t.Fatalf("after the link: %s %q %v", link, h1, err)
	}
}
