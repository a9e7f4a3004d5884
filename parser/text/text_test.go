package text

import (
	"errors"
	"testing"

	"gongkai/parser/layout"
)

func TestExtract_Markdown(t *testing.T) {
	md := "# 2024年某市政府信息公开工作年度报告\n\n一、总体情况\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n|  |  |\n正文\n"
	doc, err := Extract([]byte(md), true)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "markdown" || len(doc.Blocks) != 4 {
		t.Fatalf("blocks %+v", doc.Blocks)
	}
	if doc.Blocks[0].Kind != layout.Heading || doc.Blocks[0].Text != "2024年某市政府信息公开工作年度报告" {
		t.Errorf("heading %+v", doc.Blocks[0])
	}
	tbl := doc.Blocks[2]
	if tbl.Kind != layout.Table || len(tbl.Rows) != 3 || tbl.Rows[1][1].Text != "0" || tbl.Rows[2][0].Text != "" {
		t.Errorf("table %+v", tbl)
	}
}

func TestExtract_TextHeader(t *testing.T) {
	txt := "标题: 平潭综合实验区2020年度政府信息公开工作年度报告\n发布时间: 2021-03-05 08:58\n==================== 正文 ====================\n正文第一行\n\t\n\t0\n"
	doc, err := Extract([]byte(txt), false)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "平潭综合实验区2020年度政府信息公开工作年度报告" || doc.Meta["发布时间"] != "2021-03-05 08:58" {
		t.Errorf("title %q meta %v", doc.Title, doc.Meta)
	}
	// Lines of white space are kept: in flattened tables they are blank cells.
	if len(doc.Blocks) != 3 || doc.Blocks[1].Text != "\t" {
		t.Errorf("blocks %+v", doc.Blocks)
	}
}

func TestExtract_Empty(t *testing.T) {
	if _, err := Extract([]byte("\n\n"), false); !errors.Is(err, ErrEmpty) {
		t.Errorf("err = %v", err)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte("| a | b |\n|---|---|\n"), true)
	f.Add([]byte("标题: x\n==== 正文 ====\n"), false)
	f.Fuzz(func(t *testing.T, b []byte, md bool) {
		doc, err := Extract(b, md)
		if err == nil && len(doc.Blocks) == 0 {
			t.Fatal("no blocks and no error")
		}
	})
}
