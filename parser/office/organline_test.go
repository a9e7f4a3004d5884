package office

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestOrganLine_Long checks organLine's early refusal of long lines
// against its definition (organName of the compact form) on random lines
// around 40 runes of organ words, spaces of every kind and "文件".
func TestOrganLine_Long(t *testing.T) {
	slow := func(line string) (string, bool) { return organName(compact(line)) }
	pieces := []string{"县", "人民", "政府", "办公室", "局", " ", "\u3000", "\u200b", "\ufeff", "\t", "文件", "\xff", "a"}
	rng := rand.New(rand.NewPCG(41, 42))
	accepted := 0
	for range 30000 {
		var sb strings.Builder
		for k := rng.IntN(40); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		sb.WriteString([]string{"", "政府", "局文件", "办公室"}[rng.IntN(4)])
		line := sb.String()
		got, gotOK := organLine(line)
		want, wantOK := slow(line)
		if got != want || gotOK != wantOK {
			t.Fatalf("organLine(%q) = %q, %v; want %q, %v", line, got, gotOK, want, wantOK)
		}
		if wantOK {
			accepted++
		}
	}
	if accepted < 1000 {
		t.Fatalf("only %d lines accepted", accepted)
	}
}
