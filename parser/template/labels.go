package template

import "gongkai/corpus"

// rowLabel is a template row: its key, the Arabic enumerator printed before
// it ("2" for "2.其他法律行政法规禁止公开", "" when none), and the anchors
// that find it after normalisation (reference §2.6), longest first.
type rowLabel struct {
	key      string
	enum     string
	anchors  []string
	needEnum bool // the anchor is too common to trust without its enumerator
}

var applyHead = []rowLabel{
	{key: "new_received", anchors: []string{"本年新收政府信息公开申请数量", "本年新收"}},
	{key: "carried_over", anchors: []string{"上年结转政府信息公开申请数量", "上年结转"}},
	{key: "granted", anchors: []string{"(一)予以公开", "予以公开"}},
	{key: "partial", anchors: []string{"(二)部分公开", "部分公开"}},
	{key: "denied_state_secret", enum: "1", anchors: []string{"属于国家秘密", "国家秘密"}},
	{key: "denied_law_prohibited", enum: "2", anchors: []string{"其他法律行政法规禁止公开", "法规禁止公开", "其他法律行政止公开", "禁止公开", "其他法律行政"}},
	{key: "denied_security_stability", enum: "3", anchors: []string{"危及三安全一稳定", "三安全一稳定", "三安全"}},
	{key: "denied_third_party", enum: "4", anchors: []string{"保护第三方合法权益", "第三方合法权益", "第三方"}},
	{key: "denied_internal_affairs", enum: "5", anchors: []string{"属于三类内部事务信息", "三类内部事务", "内部事务"}},
	{key: "denied_process_info", enum: "6", anchors: []string{"属于四类过程性信息", "四类过程性", "过程性信息"}},
	{key: "denied_enforcement_file", enum: "7", anchors: []string{"属于行政执法案卷", "行政执法案卷", "执法案卷"}},
	{key: "denied_admin_query", enum: "8", anchors: []string{"属于行政查询事项", "行政查询事项", "行政查询"}},
	{key: "unable_not_held", enum: "1", anchors: []string{"本机关不掌握相关政府信息", "不掌握"}},
	{key: "unable_need_create", enum: "2", anchors: []string{"没有现成信息需要另行制作", "另行制作"}},
	{key: "unable_unclear", enum: "3", anchors: []string{"补正后申请内容仍不明确", "仍不明确", "内容不明确"}},
	{key: "np_petition", enum: "1", anchors: []string{"信访举报投诉类申请", "信访举报投诉", "信访举报"}},
	{key: "np_repeat", enum: "2", anchors: []string{"重复申请"}},
	{key: "np_publication", enum: "3", anchors: []string{"要求提供公开出版物", "公开出版物"}},
	{key: "np_massive", enum: "4", anchors: []string{"无正当理由大量反复申请", "大量反复"}},
	{key: "np_confirm", enum: "5", anchors: []string{"要求行政机关确认或重新出具已获取信息", "确认或重新出具", "重新出具"}},
}

var applyOther2019 = []rowLabel{
	{key: "other_total", anchors: []string{"(六)其他处理", "其他处理", "(六)其他"}},
}

var applyOther2021 = []rowLabel{
	{key: "other_no_correction", enum: "1", anchors: []string{"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "逾期不补正", "无正当理由逾期"}},
	{key: "other_no_fee", enum: "2", anchors: []string{"申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "逾期未按收费通知", "缴纳费用", "逾期未缴费"}},
	{key: "other_misc", enum: "3", anchors: []string{"其他原因", "其他"}, needEnum: true},
}

var applyTail = []rowLabel{
	{key: "result_total", anchors: []string{"(七)总计", "总计", "合计"}},
	{key: "carry_forward", anchors: []string{"结转下年度继续办理", "结转下年度", "结转下一年度", "结转下年"}},
}

// applyLabels returns table 三's rows for a template, in printed order; the
// keys match corpus.ApplyRows.
func applyLabels(template string) []rowLabel {
	rows := append([]rowLabel{}, applyHead...)
	if template == corpus.Template2021 {
		rows = append(rows, applyOther2021...)
	} else {
		rows = append(rows, applyOther2019...)
	}
	return append(rows, applyTail...)
}

// activeRow is a row of table 二: its label anchors and the value keys it
// holds, in column order.
type activeRow struct {
	item    int // 第二十条第（N）项
	anchors []string
	keys    []string
}

func activeRows(template string) []activeRow {
	if template == corpus.Template2021 {
		return []activeRow{
			{1, []string{"规章"}, []string{"a20_1.rules.issued", "a20_1.rules.repealed", "a20_1.rules.valid"}},
			{1, []string{"行政规范性文件", "规范性文件"}, []string{"a20_1.normative.issued", "a20_1.normative.repealed", "a20_1.normative.valid"}},
			{5, []string{"行政许可"}, []string{"a20_5.licensing.decisions"}},
			{6, []string{"行政处罚"}, []string{"a20_6.penalty.decisions"}},
			{6, []string{"行政强制"}, []string{"a20_6.coercion.decisions"}},
			{8, []string{"行政事业性收费", "事业性收费"}, []string{"a20_8.fees.amount_wan"}},
		}
	}
	return []activeRow{
		{1, []string{"规章"}, []string{"a20_1.rules.new_made", "a20_1.rules.new_published", "a20_1.rules.total_published"}},
		{1, []string{"规范性文件"}, []string{"a20_1.normative.new_made", "a20_1.normative.new_published", "a20_1.normative.total_published"}},
		{5, []string{"行政许可"}, []string{"a20_5.licensing.prev_items", "a20_5.licensing.delta", "a20_5.licensing.decisions"}},
		{5, []string{"其他对外管理服务事项", "对外管理服务事项"}, []string{"a20_5.other_services.prev_items", "a20_5.other_services.delta", "a20_5.other_services.decisions"}},
		{6, []string{"行政处罚"}, []string{"a20_6.penalty.prev_items", "a20_6.penalty.delta", "a20_6.penalty.decisions"}},
		{6, []string{"行政强制"}, []string{"a20_6.coercion.prev_items", "a20_6.coercion.delta", "a20_6.coercion.decisions"}},
		{8, []string{"行政事业性收费", "事业性收费"}, []string{"a20_8.fees.prev_items", "a20_8.fees.delta"}},
		{9, []string{"政府集中采购", "集中采购"}, []string{"a20_9.procurement.projects", "a20_9.procurement.amount"}},
	}
}

// Template markers (reference §2.7), compact form.
var (
	activeMarkers2021 = []string{"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"}
	activeMarkers2019 = []string{"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "第二十条第(九)项", "政府集中采购", "其他对外管理服务事项"}
	applyMarkers2021  = []string{"逾期不补正", "逾期未按收费通知", "缴纳费用", "逾期未缴费", "不再处理其政府信息公开申请"}
)
