//go:build !unix

package bleveindex

// dropPages does nothing where madvise is not available.
func dropPages([]byte) {}
