// Package gongkai holds, embedded, the repository's ready-made renditions
// of generated reports (testdata/synth: PDF, DOCX and DOC files made from
// the synth fixtures by LibreOffice), so that the demo (package demo) has
// them in any working directory and in an installed binary. Nothing else
// lives here: the program's code is in the packages below.
package gongkai

import "embed"

// Renditions are testdata/synth/*.pdf, *.docx and *.doc (about 1.5 MB).
//
//go:embed testdata/synth/*.pdf testdata/synth/*.docx testdata/synth/*.doc
var Renditions embed.FS
