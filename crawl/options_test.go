package crawl

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestReadSites(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []Seed
		err      bool
	}{
		{"plain", "http://a.gov.cn/ndbg/\n\n# comment\nhttps://b.gov.cn/x/index.html\n",
			[]Seed{{URL: "http://a.gov.cn/ndbg/"}, {URL: "https://b.gov.cn/x/index.html"}}, false},
		{"hints", "http://a.gov.cn/ndbg/\toffice=沭阳县发展和改革局\tregion=321322\n",
			[]Seed{{URL: "http://a.gov.cn/ndbg/", Office: "沭阳县发展和改革局", Region: "321322"}}, false},
		{"unknown hint", "http://a.gov.cn/\tcity=x\n", nil, true},
		{"not http", "ftp://a.gov.cn/\n", nil, true},
		{"relative", "/ndbg/index.html\n", nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadSites(strings.NewReader(c.in))
			if (err != nil) != c.err {
				t.Fatalf("err = %v", err)
			}
			if !c.err && !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func FuzzReadSites(f *testing.F) {
	f.Add("http://a.gov.cn/ndbg/\toffice=x\tregion=y\n")
	f.Fuzz(func(t *testing.T, in string) {
		seeds, err := ReadSites(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, s := range seeds {
			if _, err := checkURL(s.URL); err != nil {
				t.Fatalf("seed %q accepted: %v", s.URL, err)
			}
		}
	})
}

func TestHostAllowed(t *testing.T) {
	seeds := map[string]bool{"www.a.gov.cn": true}
	for _, c := range []struct {
		host   string
		follow []string
		want   bool
	}{
		{"www.a.gov.cn", nil, true},
		{"WWW.A.GOV.CN", nil, true},
		{"xxgk.a.gov.cn", nil, false},
		{"xxgk.a.gov.cn", []string{".a.gov.cn"}, true},
		{"a.gov.cn", []string{"*.a.gov.cn"}, true},
		{"evil-a.gov.cn", []string{".a.gov.cn"}, false},
		{"cdn.b.cn:8080", []string{"cdn.b.cn"}, true},
		{"anything.org", []string{"*"}, true},
	} {
		if got := hostAllowed(c.host, seeds, c.follow); got != c.want {
			t.Errorf("hostAllowed(%q, %q) = %v, want %v", c.host, c.follow, got, c.want)
		}
	}
}

func TestReason(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{ErrTooLarge, "too-large"},
		{&StatusError{404}, "http-404"},
		{errors.Join(errors.New("x"), ErrRedirectLoop), "redirect-loop"},
		{errors.New("other"), "fetch-error"},
	} {
		if got := Reason(c.err); got != c.want {
			t.Errorf("Reason(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
