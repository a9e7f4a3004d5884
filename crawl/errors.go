package crawl

import (
	"context"
	"errors"
	"fmt"
	"net"
)

// Sentinel errors, wrapped in the errors a fetch returns.
var (
	ErrTooLarge      = errors.New("response larger than the size limit")
	ErrRedirectLoop  = errors.New("redirect loop")
	ErrTooManyHops   = errors.New("too many redirects")
	ErrDisallowed    = errors.New("disallowed by robots.txt")
	ErrOffHost       = errors.New("host not allowed")
	ErrPageBudget    = errors.New("page budget of the seed spent")
	ErrBadURL        = errors.New("not an http(s) URL")
	ErrStatus        = errors.New("unexpected HTTP status")
	errRetryable     = errors.New("retryable")
	errNoConditional = errors.New("no conditional request possible")
)

// StatusError is a final HTTP status other than 200 and 304.
type StatusError struct {
	Code int
}

func (e *StatusError) Error() string { return fmt.Sprintf("HTTP status %d", e.Code) }

// Unwrap makes errors.Is(err, ErrStatus) true.
func (e *StatusError) Unwrap() error { return ErrStatus }

// Reason classifies a fetch error into a short, stable code for the
// failures ledger: too-large, redirect-loop, too-many-redirects,
// blocked (an anti-bot challenge), robots, off-host, http-404 (any status), timeout, network, fetch-error.
func Reason(err error) string {
	var se *StatusError
	var ne net.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrTooLarge):
		return "too-large"
	case errors.Is(err, ErrRedirectLoop):
		return "redirect-loop"
	case errors.Is(err, ErrTooManyHops):
		return "too-many-redirects"
	case errors.Is(err, ErrBlocked):
		return "blocked"
	case errors.Is(err, ErrDisallowed):
		return "robots"
	case errors.Is(err, ErrOffHost):
		return "off-host"
	case errors.Is(err, ErrBadURL):
		return "bad-url"
	case errors.As(err, &se):
		return fmt.Sprintf("http-%d", se.Code)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.As(err, &ne):
		return "network"
	}
	return "fetch-error"
}
