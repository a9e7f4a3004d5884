package synth

import (
	"math"
	"math/rand/v2"

	"gongkai/corpus"
)

// numbers holds a report's table values before blanks are applied: table 三
// as 7 integers per row (corpus.ApplyColumns order), table 四 as three groups
// of 5 (corpus.ReviewColumns order), table 二 by active key.
type numbers struct {
	apply  map[string][]int
	review [3][]int
	active map[string]float64
}

// logUniform draws from [lo, hi] with a log-uniform spread (lo may be 0).
func logUniform(r *rand.Rand, lo, hi float64) int {
	v := math.Exp(math.Log(lo+1) + r.Float64()*(math.Log(hi+1)-math.Log(lo+1)))
	return int(v - 1)
}

// alloc splits n into len(w) parts by weight: exact categorical draws for
// small n, proportional shares plus drawn remainders for large n.
func alloc(r *rand.Rand, n int, w []float64) []int {
	out := make([]int, len(w))
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	if n <= 0 || sum <= 0 {
		if n > 0 {
			out[0] = n
		}
		return out
	}
	rest := n
	if n > 60 {
		for i, x := range w {
			out[i] = int(float64(n) * x / sum)
			rest -= out[i]
		}
	}
	for ; rest > 0; rest-- {
		u, i := r.Float64()*sum, 0
		for ; i < len(w)-1 && u >= w[i]; i++ {
			u -= w[i]
		}
		out[i]++
	}
	return out
}

// resultWeights are the typical shares of the result rows of table 三.
var resultWeights = map[string]float64{
	"granted": 0.45, "partial": 0.06,
	"denied_state_secret": 0.003, "denied_law_prohibited": 0.01, "denied_security_stability": 0.005, "denied_third_party": 0.02,
	"denied_internal_affairs": 0.02, "denied_process_info": 0.02, "denied_enforcement_file": 0.008, "denied_admin_query": 0.01,
	"unable_not_held": 0.22, "unable_need_create": 0.02, "unable_unclear": 0.02,
	"np_petition": 0.03, "np_repeat": 0.03, "np_publication": 0.004, "np_massive": 0.005, "np_confirm": 0.006,
	"other_total": 0.06, "other_no_correction": 0.03, "other_no_fee": 0.003, "other_misc": 0.04,
}

// resultRows are the leaf result rows of table 三 for a template.
func resultRows(template string) []string {
	rows := corpus.ApplyRows(template)
	return rows[2 : len(rows)-2]
}

// genApply draws table 三 so that C1, C2 and C3 hold.
func genApply(r *rand.Rand, template string, total int) map[string][]int {
	colW := []float64{0.8 + 0.19*r.Float64(), 0.12 * r.Float64(), 0.01 * r.Float64(), 0.01 * r.Float64(), 0.03 * r.Float64(), 0.04 * r.Float64()}
	rows := resultRows(template)
	rowW := make([]float64, len(rows))
	for i, k := range rows {
		rowW[i] = resultWeights[k] * (0.2 + 1.6*r.Float64())
	}
	carryShare, fwdShare := 0.08*r.Float64(), 0.12*r.Float64()
	if r.IntN(3) == 0 {
		carryShare, fwdShare = 0, 0
	}
	a := make(map[string][]int, len(rows)+4)
	for _, k := range corpus.ApplyRows(template) {
		a[k] = make([]int, 7)
	}
	nr := alloc(r, total, colW)
	co := alloc(r, int(float64(total)*carryShare+r.Float64()), colW)
	for c := 0; c < 6; c++ {
		avail := nr[c] + co[c]
		fwd := int(float64(avail)*fwdShare + r.Float64()*0.5)
		res := alloc(r, avail-fwd, rowW)
		a["new_received"][c], a["carried_over"][c] = nr[c], co[c]
		a["carry_forward"][c], a["result_total"][c] = fwd, avail-fwd
		for i, k := range rows {
			a[k][c] = res[i]
		}
	}
	for _, vals := range a {
		vals[6] = 0
		for c := 0; c < 6; c++ {
			vals[6] += vals[c]
		}
	}
	return a
}

// genReview draws table 四 so that C4 holds.
func genReview(r *rand.Rand, scale float64) [3][]int {
	var out [3][]int
	for g := range out {
		out[g] = make([]int, 5)
		if r.Float64() > 0.15+0.8*math.Min(1, scale/300) {
			continue
		}
		n := logUniform(r, 0, scale/(20+float64(g)*15))
		part := alloc(r, n, []float64{0.7, 0.08, 0.1, 0.12})
		copy(out[g], part)
		out[g][4] = n
	}
	return out
}

// genActive draws table 二 for a template.
func genActive(r *rand.Rand, template string, o office) map[string]float64 {
	big := o.Scale[1] / 100 // 0.06 for townships … 50 for provinces
	hasRules := (o.Level == levelProvince || o.Level == levelCity) && (o.Kind == kindGovernment || o.Kind == kindOffice)
	n := func(lo, hi float64) float64 { return float64(logUniform(r, lo, hi)) }
	m := map[string]float64{}
	rules := func() (float64, float64) {
		if !hasRules {
			return 0, 0
		}
		return n(0, 12), n(20, 300)
	}
	if template == corpus.Template2021 {
		ri, rv := rules()
		m["a20_1.rules.issued"], m["a20_1.rules.repealed"], m["a20_1.rules.valid"] = ri, n(0, ri), rv
		m["a20_1.normative.issued"], m["a20_1.normative.repealed"], m["a20_1.normative.valid"] = n(0, 3+8*big), n(0, 2+2*big), n(0, 10+60*big)
		m["a20_5.licensing.decisions"] = n(0, 20+3000*big)
		m["a20_6.penalty.decisions"] = n(0, 10+1000*big)
		m["a20_6.coercion.decisions"] = n(0, 2+60*big)
		m["a20_8.fees.amount_wan"] = amountWan(r, big)
		return m
	}
	ri, rv := rules()
	m["a20_1.rules.new_made"], m["a20_1.rules.new_published"], m["a20_1.rules.total_published"] = ri, ri, rv
	nm := n(0, 3+8*big)
	m["a20_1.normative.new_made"], m["a20_1.normative.new_published"], m["a20_1.normative.total_published"] = nm, nm, nm+n(0, 10+60*big)
	for _, k := range []string{"a20_5.licensing", "a20_5.other_services", "a20_6.penalty", "a20_6.coercion"} {
		prev := n(0, 5+300*big)
		m[k+".prev_items"], m[k+".delta"], m[k+".decisions"] = prev, float64(int(prev*(r.Float64()*0.4-0.2))), n(0, 10+2000*big)
	}
	m["a20_8.fees.prev_items"], m["a20_8.fees.delta"] = n(0, 2+5*big), float64(r.IntN(3)-1)
	if r.IntN(3) == 0 {
		m["a20_8.fees.delta"] = 0
	}
	m["a20_9.procurement.projects"] = n(0, 5+100*big)
	m["a20_9.procurement.amount"] = 0
	if m["a20_9.procurement.projects"] > 0 {
		yuan := float64(logUniform(r, 20000, 1e6+4e7*big))
		if r.IntN(2) == 0 {
			yuan = math.Round(yuan/1000) * 1000
		} else {
			yuan += float64(r.IntN(100)) / 100
		}
		m["a20_9.procurement.amount"] = yuan
	}
	return m
}

// amountWan draws a 行政事业性收费 amount in 万元 with up to 4 decimals.
func amountWan(r *rand.Rand, big float64) float64 {
	if r.IntN(3) == 0 {
		return 0
	}
	v := float64(logUniform(r, 1, 1e4+1e6*big)) / 100
	dec := []float64{1, 10, 100, 1000, 10000}[r.IntN(5)]
	return math.Round(v*dec) / dec
}
