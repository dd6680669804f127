package simbox

import (
	"context"
	"errors"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
)

// analyser takes this node's queued batches one at a time, oldest first,
// until ctx ends. One at a time: Detect already uses every core, and a
// second extract would only double the memory.
func (s *Service) analyser(ctx context.Context, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(s.cfg.Poll)
	defer t.Stop()
	for {
		for ctx.Err() == nil {
			b, err := s.claim(ctx)
			if err != nil {
				if ctx.Err() == nil {
					s.cfg.Logger.Error("simbox: take a queued batch", "err", err)
				}
				break
			}
			if b == nil {
				break
			}
			s.analyse(ctx, b)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-t.C:
		}
	}
}

// claim moves this node's oldest queued batch to analysing and returns it;
// nil when none is queued.
func (s *Service) claim(ctx context.Context) (*kuzet.CDRBatch, error) {
	node, err := s.spoolNode(false)
	if err != nil || node == "" {
		return nil, err // nothing was ever uploaded here
	}
	var b *kuzet.CDRBatch
	err = kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error {
		page, err := tx.FindCDRBatches(ctx, kuzet.CDRBatchFilter{Status: kuzet.CDRBatchQueued, Node: node, Limit: 1})
		if err != nil || len(page) == 0 {
			return err
		}
		b = page[0]
		now := s.cfg.Clock()
		b.Status, b.StartedAt, b.UpdatedAt, b.Progress = kuzet.CDRBatchAnalysing, now, now, 0
		return tx.UpdateCDRBatch(ctx, b, kuzet.CDRBatchQueued)
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// Share of the progress bar that reading the file takes; scoring the rest.
const readShare = 0.9

// analyse runs Detect over a claimed batch and stores what it found. If
// ctx ends first, the batch is queued again.
func (s *Service) analyse(ctx context.Context, b *kuzet.CDRBatch) {
	log := s.cfg.Logger.With("batch", b.ID)
	path := s.spoolPath(b.ID, uploadSuffix)
	f, err := os.Open(path)
	if err != nil {
		log.Error("simbox: open an upload", "err", err)
		s.fail(b, "the uploaded file is missing from the server's spool: upload it again")
		return
	}
	defer f.Close()
	m, err := ParseMap(b.Map) // checked at upload
	if err != nil {
		s.fail(b, kuzet.ErrorMessage(err))
		return
	}

	// Detect reports progress from its own loop, which must not wait on
	// the store: the latest figures are kept here and written now and then.
	var read, rows atomic.Int64
	var scoring atomic.Bool
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(s.cfg.ProgressEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			p := 0.0
			if b.Bytes > 0 {
				p = readShare * float64(read.Load()) / float64(b.Bytes)
			}
			if scoring.Load() {
				p = readShare
			}
			b.Progress, b.Rows, b.UpdatedAt = min(p, readShare), rows.Load(), s.cfg.Clock()
			if err := s.update(ctx, b, kuzet.CDRBatchAnalysing); err != nil && ctx.Err() == nil {
				log.Error("simbox: write progress", "err", err)
			}
		}
	})
	start := time.Now()
	res, err := Detect(ctx, f, Options{Map: m, Size: b.Bytes, Workers: s.cfg.Workers, Progress: func(p Progress) {
		read.Store(p.Bytes)
		rows.Store(p.Rows)
		if p.Phase != "reading" {
			scoring.Store(true)
		}
	}})
	close(stop)
	wg.Wait()

	if ctx.Err() != nil {
		// Stopped: from the start next time. The file stays.
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), uploadTimeout)
		defer cancel()
		b.Status, b.Progress, b.Rows, b.StartedAt, b.UpdatedAt = kuzet.CDRBatchQueued, 0, 0, time.Time{}, s.cfg.Clock()
		if err := s.update(sctx, b, kuzet.CDRBatchAnalysing); err != nil {
			log.Error("simbox: queue a batch again", "err", err)
		}
		return
	}
	if res == nil {
		log.Error("simbox: analysis failed", "err", err)
		s.fail(b, "the analysis failed: "+kuzet.ErrorMessage(err))
		return
	}
	if err != nil {
		// Partial: kept and marked, never silently short.
		log.Warn("simbox: the upload broke off while it was read", "err", err)
		b.Partial, b.Error = true, "the file broke off while it was read, the results cover the rows before: "+
			kuzet.ErrorMessage(err)
	}
	if err := s.store(ctx, b, res); err != nil {
		log.Error("simbox: store results", "err", err)
		s.fail(b, "the results could not be stored")
		return
	}
	os.Remove(path)
	log.Info("simbox: batch analysed", "rows", res.Stats.Rows, "bad_rows", res.Stats.BadRows,
		"subscribers", res.Stats.Subscribers, "suspects", b.Suspects, "simbox", b.Simbox, "partial", b.Partial,
		"took", time.Since(start).String())
}

// store writes the suspects of res and finishes b, in one transaction with
// its audit entry: a batch is done with all its suspects or not at all.
func (s *Service) store(ctx context.Context, b *kuzet.CDRBatch, res *Result) error {
	now := s.cfg.Clock()
	var suspects []*kuzet.SimboxSuspect
	var simbox int64
	for i := range res.Subscribers {
		sub := &res.Subscribers[i]
		if sub.Verdict == VerdictClean {
			continue
		}
		x, err := suspectOf(b, sub, now)
		if err != nil {
			return err
		}
		suspects = append(suspects, x)
		if sub.Verdict == VerdictSimbox {
			simbox++
		}
	}
	st := &res.Stats
	b.Status, b.Progress, b.UpdatedAt, b.FinishedAt = kuzet.CDRBatchDone, 1, now, now
	b.Rows, b.BadRows, b.Duplicates, b.Subscribers = st.Rows, st.BadRows, st.Duplicates, int64(st.Subscribers)
	b.From, b.To = st.From, st.To
	b.Suspects, b.Simbox, b.Devices = int64(len(suspects)), simbox, int64(len(res.Devices))
	b.BadRowExamples = make([]kuzet.CDRBadRow, len(res.BadRows))
	for i, r := range res.BadRows {
		b.BadRowExamples[i] = kuzet.CDRBadRow{Line: r.Line, Reason: r.Reason, Text: r.Text}
	}
	return kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error {
		if err := tx.CreateSimboxSuspects(ctx, suspects); err != nil {
			return err
		}
		if err := tx.UpdateCDRBatch(ctx, b, kuzet.CDRBatchAnalysing); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: b.OrgID, Action: kuzet.AuditSimboxSuspects,
			Object: batchObject(b.ID), Detail: "suspects=" + strconv.FormatInt(b.Suspects, 10) +
				" simbox=" + strconv.FormatInt(simbox, 10) + " partial=" + strconv.FormatBool(b.Partial)})
	})
}

// fail marks b, being analysed, failed for reason and removes its file: a
// failed batch is not retried on its own, the operator uploads again.
func (s *Service) fail(b *kuzet.CDRBatch, reason string) {
	ctx, cancel := context.WithTimeout(context.Background(), uploadTimeout)
	defer cancel()
	now := s.cfg.Clock()
	b.Status, b.Error, b.UpdatedAt, b.FinishedAt = kuzet.CDRBatchFailed, reason, now, now
	if err := s.update(ctx, b, kuzet.CDRBatchAnalysing); err != nil {
		s.cfg.Logger.Error("simbox: mark a batch failed", "batch", b.ID, "err", err)
	}
	if err := os.Remove(s.spoolPath(b.ID, uploadSuffix)); err != nil && !errors.Is(err, os.ErrNotExist) {
		s.cfg.Logger.Error("simbox: remove an upload", "batch", b.ID, "err", err)
	}
}
