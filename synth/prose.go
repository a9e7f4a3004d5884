package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The vocabulary below is generic administrative wording written for this
// generator; {O} is the office, {P} the parent government, {Y} the year.
var (
	leadPhrases = []string{
		"{Y}年，{O}坚持以人民为中心的发展思想，认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，扎实推进政务公开各项任务。",
		"{Y}年，{O}在{P}的指导下，把政府信息公开工作摆在重要位置，健全工作机制，规范公开流程，政务公开水平稳步提升。",
		"{Y}年，{O}按照上级关于政务公开工作的部署要求，持续深化决策、执行、管理、服务、结果公开，不断提升公开质量和实效。",
		"{Y}年，{O}以提升政务公开标准化规范化水平为抓手，认真落实年度政务公开工作要点，切实保障人民群众的知情权、参与权和监督权。",
	}
	managementPhrases = []string{
		"严格落实公文公开属性源头认定机制，发文稿纸设置公开属性栏目，做到应公开尽公开。",
		"定期开展政府信息公开保密审查，明确审查责任，防止发生泄密事件。",
		"组织对现行有效的规范性文件进行清理，及时公布清理结果，方便群众查询。",
		"建立健全政府信息管理台账，对已公开信息进行动态更新和维护。",
	}
	platformPhrases = []string{
		"充分发挥政府网站第一平台作用，优化栏目设置，及时更新公开内容。",
		"依托政务新媒体、公开栏等渠道拓宽公开范围，提高信息传播的覆盖面。",
		"加强政府信息公开专栏建设，规范目录编制，提升信息检索的便利性。",
		"在办事大厅设置政府信息查阅点，为群众查阅信息提供便利。",
	}
	supervisionPhrases = []string{
		"将政务公开工作纳入年度绩效考核，明确责任分工，层层压实责任。",
		"组织工作人员参加政务公开业务培训，提高业务能力和工作水平。",
		"主动接受社会监督，畅通意见反馈渠道，及时回应群众关切。",
		"本年度未发生因政府信息公开工作被责任追究的情况。",
	}
	problemPhrases = []string{
		"一是公开内容的深度和广度还有待拓展，部分信息更新不够及时；二是政策解读的形式较为单一，解读质量有待提升。",
		"工作人员业务能力仍需加强，信息发布的规范性有待提高。",
		"基层政务公开标准化规范化建设有待深化，公开平台功能还需完善。",
	}
	improvePhrases = []string{
		"下一步，将进一步健全工作机制，加强人员培训，不断提高政府信息公开工作水平。",
		"下一步，将围绕群众关切加大重点领域信息公开力度，丰富解读形式，增强公开实效。",
		"下一步，将加强公开平台建设和日常监督检查，确保各项公开要求落到实处。",
	}
	otherPhrases = []string{
		"本年度无其他需要报告的事项。",
		"认真落实上级年度政务公开工作要点，按要求做好人大代表建议和政协提案办理结果公开工作。",
	}
	legacyLeadPhrases = []string{
		"本报告根据《中华人民共和国政府信息公开条例》的要求编制。本报告所列数据的统计期限自{Y}年1月1日起至{Y}年12月31日止。",
		"根据《中华人民共和国政府信息公开条例》规定，特公布{O}{Y}年度政府信息公开工作年度报告。",
	}
)

// fill replaces the placeholders of a phrase.
func fill(s string, o, p string, year int) string {
	return strings.NewReplacer("{O}", o, "{P}", p, "{Y}", fmt.Sprint(year)).Replace(s)
}

// pick returns one element of a list.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// pickN joins n distinct phrases drawn in list order.
func pickN(r *rand.Rand, xs []string, n int) string {
	var b strings.Builder
	for _, i := range r.Perm(len(xs))[:min(n, len(xs))] {
		b.WriteString(xs[i])
	}
	return b.String()
}
