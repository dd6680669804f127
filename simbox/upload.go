package simbox

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kuzet/kuzet"
)

// ErrTooLarge is wrapped by the error of an upload over the size limit,
// beside its *kuzet.Error, so that the HTTP layer can answer 413.
var ErrTooLarge = errors.New("simbox: upload over the size limit")

// Upload describes an extract arriving.
type Upload struct {
	OrgID int64  // the uploading operator
	Size  int64  // the length the client announced; -1 if it announced none
	Map   string // column mapping, canonical=name,… (see ParseMap)
	// Gzip says the client declared the body gzip-compressed
	// (Content-Encoding). A gzip body is recognised by its first bytes
	// anyway; a declared one that is not gzip is refused.
	Gzip bool
}

// uploadTimeout bounds the store writes that settle an upload, which run
// even when the request's context has ended (the client went away).
const uploadTimeout = 30 * time.Second

// Upload streams an extract from body to the spool, checking it as it
// arrives, and queues it for analysis. The file is never held in memory.
//
// The batch is rejected whole, and the error returned, when the body
// breaks off (a failed read, fewer bytes than Size, a truncated gzip
// stream), exceeds MaxUpload (the error then wraps ErrTooLarge), or is not
// a CDR extract (no header, required columns missing, a corrupt gzip
// stream): EINVALID in every case, naming what is wrong. Nothing of a
// rejected batch is ever counted.
//
// The same bytes uploaded again by the same operator are the same batch:
// Upload then returns the batch that counts them, with again set, and
// rejects the new one.
func (s *Service) Upload(ctx context.Context, body io.Reader, u Upload) (b *kuzet.CDRBatch, again bool, err error) {
	m, err := ParseMap(u.Map)
	if err != nil {
		return nil, false, err
	}
	if u.Size > s.cfg.MaxUpload {
		return nil, false, tooLarge(s.cfg.MaxUpload)
	}
	node, err := s.spoolNode(true)
	if err != nil {
		return nil, false, err
	}
	now := s.cfg.Clock()
	b = &kuzet.CDRBatch{OrgID: u.OrgID, Status: kuzet.CDRBatchUploading, Map: u.Map, Gzip: u.Gzip, Node: node,
		CreatedAt: now, UpdatedAt: now}
	if err := kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error { return tx.CreateCDRBatch(ctx, b) }); err != nil {
		return nil, false, fmt.Errorf("simbox: upload: %w", err)
	}
	part := s.spoolPath(b.ID, partSuffix)
	rc, err := s.receive(body, part, u, m)
	// The client may be gone: what it left is settled all the same.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), uploadTimeout)
	defer cancel()
	b.Bytes, b.Lines, b.SHA256, b.Gzip = rc.bytes, rc.lines, rc.sha256, b.Gzip || rc.gzip
	if err != nil {
		os.Remove(part)
		if rerr := s.reject(sctx, b, err); rerr != nil {
			s.cfg.Logger.Error("simbox: reject upload", "batch", b.ID, "err", rerr)
		}
		return nil, false, err
	}
	path := s.spoolPath(b.ID, uploadSuffix)
	if err := os.Rename(part, path); err != nil {
		os.Remove(part)
		return nil, false, fmt.Errorf("simbox: upload: %w", err)
	}
	b.Status, b.UpdatedAt = kuzet.CDRBatchQueued, s.cfg.Clock()
	err = kuzet.Transact(sctx, s.cfg.Store, true, func(tx kuzet.Tx) error {
		if err := tx.UpdateCDRBatch(sctx, b, kuzet.CDRBatchUploading); err != nil {
			return err
		}
		return tx.AppendAudit(sctx, &kuzet.AuditEntry{At: b.UpdatedAt, OrgID: b.OrgID, Action: kuzet.AuditCDRUpload,
			Object: batchObject(b.ID), Detail: fmt.Sprintf("bytes=%d sha256=%s", b.Bytes, b.SHA256)})
	})
	if kuzet.ErrorCode(err) == kuzet.ECONFLICT {
		// The same bytes count already: that batch is the answer.
		os.Remove(path)
		return s.sameBytes(sctx, b)
	}
	if err != nil {
		os.Remove(path)
		return nil, false, fmt.Errorf("simbox: upload: %w", err)
	}
	s.notify()
	return b, false, nil
}

// sameBytes rejects b, whose bytes another counted batch of its operator
// has, and returns that batch.
func (s *Service) sameBytes(ctx context.Context, b *kuzet.CDRBatch) (*kuzet.CDRBatch, bool, error) {
	var found []*kuzet.CDRBatch
	err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		found, err = tx.FindCDRBatches(ctx, kuzet.CDRBatchFilter{OrgID: b.OrgID, SHA256: b.SHA256})
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("simbox: upload: %w", err)
	}
	for _, f := range found {
		if f.Status.Counted() {
			b.Status = kuzet.CDRBatchUploading // as stored
			err := s.reject(ctx, b, kuzet.Errorf(kuzet.ECONFLICT, "the same bytes as batch %d, which counts them", f.ID))
			if err != nil {
				return nil, false, fmt.Errorf("simbox: upload: %w", err)
			}
			return f, true, nil
		}
	}
	// The other batch failed in between: nothing counts these bytes now.
	return nil, false, kuzet.Errorf(kuzet.ECONFLICT, "an upload of the same bytes changed state meanwhile: upload again")
}

// reject marks b, still uploading, rejected for cause.
func (s *Service) reject(ctx context.Context, b *kuzet.CDRBatch, cause error) error {
	b.Status, b.Error, b.UpdatedAt = kuzet.CDRBatchRejected, kuzet.ErrorMessage(cause), s.cfg.Clock()
	return s.update(ctx, b, kuzet.CDRBatchUploading)
}

func tooLarge(max int64) error {
	return errors.Join(kuzet.Errorf(kuzet.EINVALID, "the extract is over the limit of %d bytes: split it by days", max),
		ErrTooLarge)
}

// receipt is what receive learned of an upload.
type receipt struct {
	bytes  int64 // as received
	lines  int64 // after the header, decompressed
	sha256 string
	gzip   bool
}

// receive copies body to a new file at path, synced to disk, hashing it and
// checking it as it goes: a second goroutine reads the copy, decompressed
// if it is gzip, checks the header and counts the lines to the end of the
// stream, so that a bad header stops the upload early and a truncated gzip
// stream is found before the batch is queued.
func (s *Service) receive(body io.Reader, path string, u Upload, m map[string]string) (receipt, error) {
	var rc receipt
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return rc, fmt.Errorf("simbox: upload: %w", err)
	}
	defer f.Close()

	pr, pw := io.Pipe()
	checked := make(chan checkResult, 1)
	go func() {
		res := checkExtract(pr, m)
		// Whatever stopped the check stops the copy too.
		pr.CloseWithError(cmpErr(res.err, io.ErrClosedPipe))
		checked <- res
	}()
	fail := func(err error) (receipt, error) {
		pw.CloseWithError(err)
		<-checked
		return rc, err
	}

	h := sha256.New()
	buf := make([]byte, 1<<20)
	for {
		n, rerr := body.Read(buf)
		if n > 0 {
			rc.bytes += int64(n)
			if rc.bytes > s.cfg.MaxUpload {
				return fail(tooLarge(s.cfg.MaxUpload))
			}
			if _, err := f.Write(buf[:n]); err != nil {
				return fail(fmt.Errorf("simbox: upload: write the spool: %w", err))
			}
			h.Write(buf[:n])
			if _, err := pw.Write(buf[:n]); err != nil {
				res := <-checked
				return rc, res.err
			}
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			return fail(kuzet.Errorf(kuzet.EINVALID,
				"the upload broke off after %d bytes (%v): the batch is rejected whole; upload the file again", rc.bytes, rerr))
		}
	}
	if u.Size >= 0 && rc.bytes != u.Size {
		return fail(kuzet.Errorf(kuzet.EINVALID,
			"the upload ended after %d of the %d bytes announced: the batch is rejected whole; upload the file again",
			rc.bytes, u.Size))
	}
	pw.Close()
	res := <-checked
	if res.err != nil {
		return rc, res.err
	}
	if u.Gzip && !res.gzip {
		return rc, kuzet.Invalid("Content-Encoding", "the body was declared gzip but is not gzip-compressed")
	}
	if err := f.Sync(); err != nil {
		return rc, fmt.Errorf("simbox: upload: sync the spool: %w", err)
	}
	rc.lines, rc.gzip, rc.sha256 = res.lines, res.gzip, hex.EncodeToString(h.Sum(nil))
	return rc, nil
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// checkResult is what checkExtract found.
type checkResult struct {
	lines int64
	gzip  bool
	err   error
}

// checkExtract reads an extract as it arrives: the header must name the
// required columns (under mapping m), and a gzip stream must be whole.
// It counts the lines after the header.
func checkExtract(r io.Reader, m map[string]string) checkResult {
	var res checkResult
	src, gz, err := openSource(r)
	if err != nil {
		res.err = err
		return res
	}
	res.gzip = gz
	br := bufio.NewReaderSize(src, 64<<10)
	header, err := readHeader(br)
	if err != nil {
		res.err = err
		return res
	}
	if _, err := parseHeader(header, m); err != nil {
		res.err = err
		return res
	}
	buf := make([]byte, 256<<10)
	var last byte = '\n'
	for {
		n, err := br.Read(buf)
		if n > 0 {
			res.lines += int64(bytes.Count(buf[:n], []byte{'\n'}))
			last = buf[n-1]
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			res.err = readFault(err)
			return res
		}
	}
	if last != '\n' {
		res.lines++ // the last line lacks its newline
	}
	return res
}
