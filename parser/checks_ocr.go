package parser

import (
	"fmt"
	"strings"

	"gongkai/corpus"
)

// noteOCR adds what a reader of an OCR'd report must know: each value
// withheld because the engine was not sure of it, with its reading, and
// each failed check, whose cells may have been misread. Nothing is
// corrected: the values stay as read.
func noteOCR(r *corpus.Report) {
	for _, c := range r.Cells {
		if c.Uncertain && c.State == corpus.StateText {
			r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: corpus.SevWarning, Where: c.Where,
				Message: fmt.Sprintf("%s: OCR reading %q is not certain (confidence %.0f%%, or the digit and text readings disagree); value withheld", c.Key, c.Raw, 100*c.Confidence)})
		}
	}
	for _, chk := range r.Checks {
		if chk.Status != corpus.CheckFail {
			continue
		}
		r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: corpus.SevWarning,
			Message: fmt.Sprintf("check %s fails on OCR'd values: possibly misread: %s", chk.ID, strings.Join(chk.Cells, ", "))})
	}
}
