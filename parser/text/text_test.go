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

// TestExtract_HeaderBlock: the header block of archive exports (标题,
// 发布时间, 文号, 发布机构, 栏目, 原始链接, 正文) and its variants is read
// into Meta under the common names; the lines stay in the text.
func TestExtract_HeaderBlock(t *testing.T) {
	txt := "标题: 莆田市应急管理局2023年度政府信息公开工作年度报告\n发布时间: 2024-01-18 23:45\n文号: \n发文机关：莆田市应急管理局\n栏目: 政府信息公开年报\n索引号: FJ00123-0100-2024-00001\n主题分类: 综合政务\n链接: https://www.putian.gov.cn/a/t20240118_1.htm\n正文:\n本年度报告是根据《条例》编制。\n一、总体情况\n"
	doc, err := Extract([]byte(txt), false)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"标题": "莆田市应急管理局2023年度政府信息公开工作年度报告", "发布时间": "2024-01-18 23:45",
		"发布机构": "莆田市应急管理局", "发文机关": "莆田市应急管理局", "索引号": "FJ00123-0100-2024-00001", "主题分类": "综合政务",
		"原始链接": "https://www.putian.gov.cn/a/t20240118_1.htm", "栏目": "政府信息公开年报"} {
		if doc.Meta[k] != want {
			t.Errorf("Meta[%s] = %q, want %q", k, doc.Meta[k], want)
		}
	}
	if _, ok := doc.Meta["文号"]; ok {
		t.Errorf("empty 文号 stored: %q", doc.Meta["文号"])
	}
	if doc.Title != "莆田市应急管理局2023年度政府信息公开工作年度报告" {
		t.Errorf("title %q", doc.Title)
	}
	if len(doc.Blocks) != 11 || doc.Blocks[9].Text != "本年度报告是根据《条例》编制。" {
		t.Errorf("the header lines must stay in the text: %d blocks %+v", len(doc.Blocks), doc.Blocks)
	}
	// Not a header: prose with a colon, or a single label.
	for _, body := range []string{"说明: 本报告依据条例编制。\n正文:\n一、总体情况\n", "标题: 某某\n正文: x\n", "地址：某路1号\n电话：123\n"} {
		doc, err := Extract([]byte(body), false)
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Meta) != 0 {
			t.Errorf("%q: Meta %v, want none", body, doc.Meta)
		}
	}
}
