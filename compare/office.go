package compare

import (
	"context"

	"gongkai/corpus"
)

// Office identity lives in corpus (corpus/office.go): the catalog's
// offices matched across renamings, cached per catalog generation, so
// that an office filter means the same office in every command. These
// names keep compare's API.
type (
	Alias   = corpus.Alias
	Office  = corpus.Office
	Offices = corpus.Offices
	Match   = corpus.Match
)

// ErrAmbiguous is returned when an office name matches several offices.
var ErrAmbiguous = corpus.ErrAmbiguous

// ParseAliases reads alias lines "A = B" (corpus.ParseAliases).
var ParseAliases = corpus.ParseAliases

// ParseAlias splits "A = B" (corpus.ParseAlias).
var ParseAlias = corpus.ParseAlias

// Option adjusts how the functions of this package match offices.
type Option func(*options)

type options struct{ aliases []Alias }

// WithAliases adds office aliases (overrides of the automatic matching).
func WithAliases(a ...Alias) Option {
	return func(o *options) { o.aliases = append(o.aliases, a...) }
}

func collect(opts []Option) options {
	var o options
	for _, f := range opts {
		f(&o)
	}
	return o
}

// LoadOffices returns the catalog's offices matched into identities
// (cached by the store until the catalog changes).
func LoadOffices(ctx context.Context, st *corpus.Store, opts ...Option) (*Offices, error) {
	return st.Offices(ctx, collect(opts).aliases...)
}

// reportName is the name a report is matched by: its office_full, else
// the office its title names.
func reportName(full, office string) string {
	if full != "" {
		return full
	}
	return office
}
