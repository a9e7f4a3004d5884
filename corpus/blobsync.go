package corpus

import (
	"fmt"
	"os"
	"path/filepath"
)

// SyncBlobs makes the named blobs, written with WriteBlob, durable: their
// content and their directory entries reach the disk before it returns.
// On Linux it flushes the archive's file system once (syncfs), far cheaper
// than one fsync per blob; elsewhere it syncs each blob and its directory.
func (s *Store) SyncBlobs(shas []string) error {
	if len(shas) == 0 {
		return nil
	}
	if ok, err := syncFS(filepath.Join(s.dir, "blobs")); ok {
		if err != nil {
			return fmt.Errorf("sync blobs: %w", err)
		}
		return nil
	}
	dirs := map[string]bool{}
	for _, sha := range shas {
		p := s.BlobPath(sha)
		if err := syncPath(p); err != nil {
			return fmt.Errorf("sync blob %s: %w", sha, err)
		}
		dirs[filepath.Dir(p)] = true
	}
	for d := range dirs {
		if err := syncPath(d); err != nil {
			return fmt.Errorf("sync blob directory %s: %w", d, err)
		}
	}
	return nil
}

// syncPath fsyncs a file or a directory.
func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
