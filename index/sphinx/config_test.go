package sphinx

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestConfigMatchesREADME: the index names the README's "Running on a
// cluster" section gives are those of the generated configuration
// (gongkai index --print-config), and the agents use the API port the
// README states.
func TestConfigMatchesREADME(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	start := strings.Index(readme, "## Running on a cluster")
	if start < 0 {
		t.Fatal(`README has no "Running on a cluster" section`)
	}
	section := readme[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	nodes, err := ParseURL("sphinx://10.0.0.1:9306,10.0.0.2:9306,10.0.0.3:9306")
	if err != nil {
		t.Fatal(err)
	}
	conf := Config(nodes, 0, "/var/lib/gongkai-sphinx")
	var inConfig []string
	for _, m := range regexp.MustCompile(`(?m)^index (\S+)$`).FindAllStringSubmatch(conf, -1) {
		inConfig = append(inConfig, m[1])
	}
	var inREADME []string
	for _, m := range regexp.MustCompile("`(gongkai_[a-z_]+|gongkai)`").FindAllStringSubmatch(section, -1) {
		if !slices.Contains(inREADME, m[1]) {
			inREADME = append(inREADME, m[1])
		}
	}
	slices.Sort(inConfig)
	slices.Sort(inREADME)
	if !slices.Equal(inConfig, inREADME) {
		t.Errorf("indexes of the configuration %v, of the README %v", inConfig, inREADME)
	}
	for _, agent := range []string{"10.0.0.2:9312:gongkai_rt_a", "10.0.0.3:9312:gongkai_rt_b"} {
		if !strings.Contains(conf, "agent_persistent = "+agent) {
			t.Errorf("configuration has no agent %s (README: the SphinxQL port + 6):\n%s", agent, conf)
		}
	}
	if !strings.Contains(section, "SphinxQL port + 6") || APIPortOffset != 6 {
		t.Errorf("README and APIPortOffset (%d) disagree", APIPortOffset)
	}
}
