package office

import "testing"

// TestRecognize_OCRTitleRepair: a scanned title's misread division is put
// right from the governments the body names, in OCR'd text only, and only
// when one division fits.
func TestRecognize_OCRTitleRepair(t *testing.T) {
	body := "本报告由淮安市洪泽区人民政府办公室根据《条例》要求编制。2023年,洪泽区人民政府坚持…"
	for _, c := range []struct {
		name  string
		in    Input
		full  string
		level string
	}{
		{"one character off, no parent in the title",
			Input{Title: "潜泽区人民政府2023年政府信息公开工作年度报告", Body: body, OCR: true}, "淮安市洪泽区人民政府", LevelCounty},
		{"garbled under its parent, the only child the body names",
			Input{Title: "淮安市法和译区人民政府2024年政府信息公开工作年度报告", Body: body, OCR: true}, "淮安市洪泽区人民政府", LevelCounty},
		{"not OCR'd: left as read",
			Input{Title: "潜泽区人民政府2023年政府信息公开工作年度报告", Body: body}, "", ""},
		{"two districts of the parent named, neither one edit off",
			Input{Title: "淮安市法和译区人民政府2024年政府信息公开工作年度报告", Body: body + "淮安市清江浦区人民政府", OCR: true}, "江苏省淮安市法和译区人民政府", LevelCity},
		{"two named, one is one edit off",
			Input{Title: "淮安市潜泽区人民政府2024年政府信息公开工作年度报告", Body: body + "淮安市清江浦区人民政府", OCR: true}, "淮安市洪泽区人民政府", LevelCounty},
		{"the body names another level only",
			Input{Title: "淮安市法和译区人民政府2024年政府信息公开工作年度报告", Body: "淮安市人民政府", OCR: true}, "江苏省淮安市法和译区人民政府", LevelCity},
	} {
		got := Recognize(c.in)
		if got.OfficeFull != c.full || c.level != "" && got.Level != c.level {
			t.Errorf("%s: office %q (level %s), want %q (%s); evidence %q", c.name, got.OfficeFull, got.Level, c.full, c.level, got.Evidence)
		}
	}
}
