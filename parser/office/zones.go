package office

import (
	"strings"
	"sync"

	"gongkai/division"
)

// zone is a well-known area whose organ is a 管委会 but which is not a
// formal division (nor a statistical unit of its own in the division
// table). code is the division it maps to (coextensive or administering);
// within is the division whose name qualifies the zone in OfficeFull;
// level is the level of its 管委会.
type zone struct {
	name, code, within, level string
}

// zones is the alias table. Keep it small: statistical zones (兰州新区,
// most 经济技术开发区) are already in the division table.
var zones = []zone{
	{"平潭综合实验区", "350128", "35", LevelCity},
	{"西咸新区", "6101", "61", LevelCity},
	{"雄安新区", "1306", "13", LevelCity},
	{"两江新区", "5001", "50", LevelCity},
	{"天府新区", "5101", "51", LevelCity},
	{"贵安新区", "5201", "52", LevelCity},
	{"赣江新区", "3601", "36", LevelCity},
	{"舟山群岛新区", "3309", "33", LevelCity},
	{"福州新区", "3501", "35", LevelCity},
	{"滇中新区", "5301", "53", LevelCity},
	{"哈尔滨新区", "2301", "23", LevelCity},
	{"长春新区", "2201", "22", LevelCity},
	{"湘江新区", "4301", "43", LevelCity},
	{"江北新区", "3201", "32", LevelCity},
	{"金普新区", "2102", "21", LevelCity},
	{"横琴粤澳深度合作区", "4404", "44", LevelCity},
}

// zonePrefix returns the zone s begins with and how many bytes name it,
// accepting the zone's name alone or after its province's full or short
// name ("陕西西咸新区", "河北雄安新区").
func zonePrefix(s string) (*zone, int) {
	for i, names := range zoneNames() {
		for _, name := range names {
			if strings.HasPrefix(s, name) {
				return &zones[i], len(name)
			}
		}
	}
	return nil, 0
}

// zoneNames are the names zonePrefix accepts for each zone, in the order
// it tries them, made once: looking the province up and joining the
// names on every call was most of the time peel spent on a report.
var zoneNames = sync.OnceValue(func() [][]string {
	all := make([][]string, len(zones))
	for i, z := range zones {
		all[i] = []string{z.name}
		if p, ok := division.Get(z.within); ok {
			all[i] = append(all[i], p.Name+z.name, division.ShortName(p.Name)+z.name)
		}
	}
	return all
})
