package similar

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
)

// A generated archive with known copies, for measuring the detector.
//
// Every report has template text (the statutory opening naming the office,
// headings, table rows with this report's numbers, stock sentences drawn
// from a small bank — all shared across every county) and paragraphs of its
// own prose, each sentence drawn at random from an administrative
// vocabulary. Into that, copies are injected, each one a whole paragraph
// (2–5 sentences) taken from a source's own prose:
//
//   - self: from the same office's report of the year before;
//   - other: from another office of the same county, same year;
//   - county: one paragraph every township of some counties carries in a
//     year (a county template: copied, not boilerplate);
//
// each exact, lightly edited (one or two characters changed in most
// sentences, other numbers) or reordered (the sentences shuffled, the
// paragraph placed elsewhere). Each sentence carries the id of the
// sentence it was made from, so the truth is known sentence by sentence.

var vocab = strings.Fields(`政务公开 信息发布 公开目录 依申请公开 主动公开 政策解读 回应关切 监督保障 标准化 规范化
	基层 乡镇 街道 社区 村务 财政预决算 重大项目 民生领域 办事指南 便民服务 网上平台 政务新媒体 公开栏 档案馆 图书馆
	工作机制 责任分工 考核评议 业务培训 队伍建设 审查流程 保密审查 公文属性 发文稿纸 台账管理 动态更新 清理结果
	行政许可 行政处罚 公共资源 征收补偿 社会救助 教育医疗 养老服务 就业创业 农村集体 土地流转 安全生产 生态环境
	进一步 持续 深入 扎实 全面 稳步 及时 准确 主动 积极 认真 切实 不断 有效 有序 加快 强化 完善 健全 落实 推进
	开展 组织 部署 推动 提升 优化 拓展 丰富 加大 规范 坚持 围绕 聚焦 结合 依托 利用 通过 按照 根据 针对
	群众 企业 市场主体 办事人员 社会公众 人大代表 政协委员 新闻媒体 专家学者 志愿者 网格员 驻村干部
	质量 效率 水平 能力 力度 范围 渠道 形式 内容 深度 广度 时效 实效 覆盖面 知晓率 满意度 透明度 公信力
	镇政府 办公室 党政办 综治中心 便民服务中心 财政所 农业服务中心 文化站 卫生院 派出所 司法所 市场监管所
	每月 每季度 年初 年中 年底 定期 不定期 全年 当年 上半年 下半年 节假日 工作日`)

var stock = []string{
	"严格落实公文公开属性源头认定机制，发文稿纸设置公开属性栏目，做到应公开尽公开。",
	"定期开展政府信息公开保密审查，明确审查责任，防止发生泄密事件。",
	"充分发挥政府网站第一平台作用，优化栏目设置，及时更新公开内容。",
	"将政务公开工作纳入年度绩效考核，明确责任分工，层层压实责任。",
	"主动接受社会监督，畅通意见反馈渠道，及时回应群众关切。",
	"本年度未发生因政府信息公开工作被责任追究的情况。",
	"下一步，将进一步健全工作机制，加强人员培训，不断提高政府信息公开工作水平。",
	"本年度无其他需要报告的事项。",
}

var headings = []string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"}

var tableRows = []string{"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", "（二）部分公开", "（三）不予公开", "四、结转下年度继续办理"}

type genOpts struct {
	Counties, Offices, Years int
	Seed                     uint64
	PSelf, POther, PCounty   float64 // chance a report copies from itself, another office; a county has a template that year
}

type genSent struct {
	text   string
	origin uint64 // 0: template text
}

// copyRec is one injected copy: Report's sentences Sents (indices into its
// sentence list) came from Source.
type copyRec struct {
	Report, Source string
	Kind, Mode     string
	Sents          []int
}

type genArchive struct {
	o genOpts
}

func (g *genArchive) n() int { return g.o.Counties * g.o.Offices * g.o.Years }

func (g *genArchive) id(c, o, y int) string { return fmt.Sprintf("c%04do%02dy%d", c, o, y) }

func (g *genArchive) rng(parts ...any) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprint(h, g.o.Seed, parts)
	s := h.Sum64()
	return rand.New(rand.NewPCG(s, s^0x5bd1e995))
}

func (g *genArchive) office(c, o int) string {
	return fmt.Sprintf("第%d县第%d镇人民政府", c, o)
}

// ownParas is a report's own prose: 4–7 paragraphs of 2–5 sentences.
func (g *genArchive) ownParas(c, o, y int) [][]genSent {
	r := g.rng("own", c, o, y)
	paras := make([][]genSent, 4+r.IntN(4))
	for p := range paras {
		for s := range 2 + r.IntN(4) {
			paras[p] = append(paras[p], genSent{g.sentence(r), originOf(c, o, y, p, s)})
		}
	}
	return paras
}

func originOf(parts ...int) uint64 {
	h := fnv.New64a()
	fmt.Fprint(h, parts)
	return h.Sum64() | 1
}

func (g *genArchive) sentence(r *rand.Rand) string {
	var b strings.Builder
	n := 6 + r.IntN(8)
	for k := range n {
		b.WriteString(vocab[r.IntN(len(vocab))])
		if k == n/2 && r.IntN(3) == 0 {
			fmt.Fprintf(&b, "%d件", r.IntN(500))
		}
		if k%4 == 3 && k < n-1 {
			b.WriteString("，")
		}
	}
	return b.String()
}

// countyPara is the paragraph the townships of county c share in year y,
// or nil.
func (g *genArchive) countyPara(c, y int) []genSent {
	r := g.rng("county", c, y)
	if r.Float64() >= g.o.PCounty {
		return nil
	}
	var p []genSent
	for s := range 2 + r.IntN(3) {
		p = append(p, genSent{g.sentence(r), originOf(-1, c, y, s)})
	}
	return p
}

// edit changes one or two characters of most sentences and every number.
func edit(r *rand.Rand, p []genSent) []genSent {
	out := make([]genSent, len(p))
	for k, s := range p {
		rs := []rune(s.text)
		for i, x := range rs {
			if x >= '0' && x <= '9' {
				rs[i] = rune('0' + r.IntN(10))
			}
		}
		if r.IntN(10) < 8 {
			for range 1 + r.IntN(2) {
				i := r.IntN(len(rs))
				if rs[i] >= 0x4e00 && rs[i] <= 0x9fff {
					rs[i] = rune(0x4e00 + r.IntN(0x5000))
				}
			}
		}
		out[k] = genSent{string(rs), s.origin}
	}
	return out
}

// doc builds one report: its text, its sentences' origins (as Sentences
// splits it) and the copies injected into it.
func (g *genArchive) doc(c, o, y int) (Doc, []uint64, []copyRec) {
	year := 2019 + y
	r := g.rng("doc", c, o, y)
	name := g.office(c, o)
	paras := g.ownParas(c, o, y)
	type inj struct {
		sents        []genSent
		source, kind string
		mode         string
	}
	var injs []inj
	pickMode := func() string { return []string{"exact", "edited", "reordered"}[r.IntN(3)] }
	if y > 0 && r.Float64() < g.o.PSelf {
		src := g.ownParas(c, o, y-1)
		injs = append(injs, inj{src[r.IntN(len(src))], g.id(c, o, y-1), KindSelf, pickMode()})
	}
	if g.o.Offices > 1 && r.Float64() < g.o.POther {
		o2 := (o + 1 + r.IntN(g.o.Offices-1)) % g.o.Offices
		src := g.ownParas(c, o2, y)
		injs = append(injs, inj{src[r.IntN(len(src))], g.id(c, o2, y), KindOther, pickMode()})
	}
	if cp := g.countyPara(c, y); cp != nil {
		injs = append(injs, inj{cp, "county", KindOther, "exact"})
	}
	// Place the injected paragraphs among the own ones.
	type block struct {
		sents []genSent
		inj   int // -1: own
	}
	var blocks []block
	for _, p := range paras {
		blocks = append(blocks, block{p, -1})
	}
	for k, in := range injs {
		s := in.sents
		switch in.mode {
		case "edited":
			s = edit(r, s)
		case "reordered":
			s = append([]genSent(nil), s...)
			r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		}
		at := r.IntN(len(blocks) + 1)
		blocks = append(blocks[:at], append([]block{{s, k}}, blocks[at:]...)...)
	}
	var lines []string
	var origins []uint64
	var copies []copyRec
	add := func(text string, origin uint64) {
		lines = append(lines, text)
		origins = append(origins, origin)
	}
	add(fmt.Sprintf("本报告根据《中华人民共和国政府信息公开条例》要求，由%s办公室编制", name), 0)
	add(fmt.Sprintf("本报告所列数据的统计期限自%d年1月1日起至%d年12月31日止", year, year), 0)
	add(headings[0], 0)
	var text strings.Builder
	for bi, b := range blocks {
		if bi == len(blocks)/2 {
			add(headings[1], 0)
			for _, row := range tableRows {
				add(fmt.Sprintf("%s %d %d %d %d", row, r.IntN(20), r.IntN(20), r.IntN(5), r.IntN(40)), 0)
			}
			add(stock[r.IntN(len(stock))], 0)
		}
		var idx []int
		for _, s := range b.sents {
			idx = append(idx, len(lines))
			add(s.text, s.origin)
		}
		if b.inj >= 0 {
			in := injs[b.inj]
			if in.source == "county" {
				for o2 := range g.o.Offices {
					if o2 != o {
						copies = append(copies, copyRec{g.id(c, o, y), g.id(c, o2, y), KindOther, "county", idx})
					}
				}
			} else {
				copies = append(copies, copyRec{g.id(c, o, y), in.source, in.kind, in.mode, idx})
			}
		}
	}
	for _, h := range headings[2:] {
		add(h, 0)
		add(stock[r.IntN(len(stock))], 0)
	}
	// Sentences of a paragraph are joined with 。, paragraphs and template
	// lines stand on lines of their own; Sentences splits it back.
	for k, l := range lines {
		text.WriteString(l)
		if k+1 < len(lines) && origins[k] != 0 && origins[k+1] != 0 {
			text.WriteString("。")
		} else {
			text.WriteString("\n")
		}
	}
	return Doc{ID: g.id(c, o, y), Office: name, Year: year, Group: fmt.Sprint(c), Text: text.String()}, origins, copies
}

// source yields every report.
func (g *genArchive) source() Source {
	return func(yield func(Doc) error) error {
		for c := range g.o.Counties {
			for o := range g.o.Offices {
				for y := range g.o.Years {
					d, _, _ := g.doc(c, o, y)
					if err := yield(d); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
}

// parseID reverses id.
func parseID(id string) (c, o, y int) {
	fmt.Sscanf(id, "c%04do%02dy%d", &c, &o, &y)
	return
}
