// Command gendict writes index/zh's precompiled dictionary (go generate
// ./index/zh): the full gse dictionary loaded from its text form, with
// every token's sub-word segments, in the format precompiled.go reads.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"gongkai/index/zh"
)

func main() {
	out := flag.String("o", "dict.bin.gz", "output file")
	flag.Parse()
	var buf bytes.Buffer
	if err := zh.WritePrecompiled(&buf); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
}
