package simbox

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
)

// Limits of the service.
const (
	// DefaultMaxUpload bounds one uploaded extract: a week of a large
	// operator's traffic, compressed.
	DefaultMaxUpload = 20 << 30
	MaxNotes         = 4096 // bytes of an analyst's notes on a suspect or a seizure
	MaxRegion        = 128  // bytes of a seizure's region
	MaxDeviceIDs     = 1000 // device IDs on one seizure
	// ConfirmedConfidence is the confidence of the registry reports a
	// confirmation makes: the police have checked the SIM.
	ConfirmedConfidence = 0.9
)

// Config is what a Service is made of.
type Config struct {
	Store    kuzet.Store       // required
	Registry *registry.Service // required: takes confirmed suspects' numbers and handsets
	Audit    kuzet.Auditor     // records reads; nil writes each read's entries in a transaction of its own
	// Spool is the directory uploads are written to and analysed from. It
	// must survive a restart for queued batches to survive one.
	Spool string
	// Node names the spool among those of the servers sharing the store:
	// only its analyser takes the batches in it. Default: an ID made at the
	// first upload and kept in the spool, so that it follows the spool to
	// another host.
	Node      string
	MaxUpload int64 // bytes; DefaultMaxUpload when 0
	Workers   int   // Detect's workers; GOMAXPROCS when 0
	// Poll is how often the analyser looks for queued batches besides
	// being woken by an upload (default 30 s); ProgressEvery how often a
	// batch's progress is written while it is analysed (default 1 s).
	Poll          time.Duration
	ProgressEvery time.Duration
	Clock         kuzet.Clock
	Logger        *slog.Logger
	// Graph, when set, is told of each confirmed SIM box: its number and
	// handsets join the police's link graph (the cases service is one).
	Graph DeviceLinker
}

// DeviceLinker takes a confirmed SIM box's number and handsets.
type DeviceLinker interface {
	LinkSimbox(ctx context.Context, msisdn string, imeis []string) error
}

// Service is the API path of SIM-box detection: operators upload CDR
// extracts, which are streamed to the spool directory and analysed in the
// background one at a time; the police read the suspects found, confirm
// them (their numbers and handsets go to the registry as simbox_sim, and
// from there to the operators' block lists) or dismiss them, and record
// seizures for the statistics. Every change is written with its audit entry
// in one transaction. The caller checks permissions; the Viewer it passes
// decides what an organisation sees.
//
// A suspect moves only from suspect to confirmed or dismissed.
type Service struct {
	cfg Config

	wake chan struct{} // an upload was queued
	mu   sync.Mutex    // guards stop and done
	stop context.CancelFunc
	done chan struct{}

	nodeMu sync.Mutex
	node   string // cfg.Node, or the spool's ID once read or made
}

// NewService returns a service over cfg. The spool directory is made at
// the first upload. Start the service to analyse uploads.
func NewService(cfg Config) (*Service, error) {
	if cfg.Store == nil || cfg.Registry == nil || cfg.Spool == "" {
		return nil, errors.New("simbox: a store, a registry and a spool directory are required")
	}
	abs, err := filepath.Abs(cfg.Spool)
	if err != nil {
		return nil, fmt.Errorf("simbox: spool directory: %w", err)
	}
	cfg.Spool = abs
	if cfg.Audit == nil {
		cfg.Audit = kuzet.StoreAuditor(cfg.Store)
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 30 * time.Second
	}
	if cfg.ProgressEvery <= 0 {
		cfg.ProgressEvery = time.Second
	}
	if cfg.Clock == nil {
		cfg.Clock = kuzet.SystemClock
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Service{cfg: cfg, wake: make(chan struct{}, 1), node: cfg.Node}, nil
}

// MaxUpload is the largest extract the service takes, in bytes.
func (s *Service) MaxUpload() int64 { return s.cfg.MaxUpload }

// Node is the name under which the batches of this service's spool are
// stored; "" until the first upload to a new spool.
func (s *Service) Node() string {
	node, _ := s.spoolNode(false)
	return node
}

// nodeFile holds a spool's node ID.
const nodeFile = "node"

// spoolNode returns the spool's node ID, reading it from the spool, or
// making it there if create is set; "" if the spool has none yet.
func (s *Service) spoolNode(create bool) (string, error) {
	s.nodeMu.Lock()
	defer s.nodeMu.Unlock()
	if s.node != "" {
		return s.node, nil
	}
	path := filepath.Join(s.cfg.Spool, nodeFile)
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		s.node = strings.TrimSpace(string(b))
		return s.node, nil
	case !errors.Is(err, os.ErrNotExist):
		return "", fmt.Errorf("simbox: spool node ID: %w", err)
	case !create:
		return "", nil
	}
	if err := os.MkdirAll(s.cfg.Spool, 0o700); err != nil {
		return "", fmt.Errorf("simbox: spool directory: %w", err)
	}
	id := "spool-" + rand.Text()[:16]
	// Written aside and renamed, so that a crash leaves either no ID or
	// the whole of it.
	tmp := path + ".new"
	if err := writeSynced(tmp, []byte(id+"\n")); err != nil {
		return "", fmt.Errorf("simbox: spool node ID: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("simbox: spool node ID: %w", err)
	}
	s.node = id
	return id, nil
}

func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Start recovers from the last run and starts the analyser. Uploads that
// were arriving when the server stopped are rejected (no upload is half
// counted); batches that were being analysed are queued again; files in
// the spool that no queued batch needs are removed.
func (s *Service) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stop != nil {
		return errors.New("simbox: started twice")
	}
	if err := s.recover(ctx); err != nil {
		return fmt.Errorf("simbox: recover the spool: %w", err)
	}
	actx, stop := context.WithCancel(context.Background())
	s.stop, s.done = stop, make(chan struct{})
	go s.analyser(actx, s.done)
	return nil
}

// Close stops the analyser. A batch it was analysing is queued again, to be
// analysed from the start on the next Start.
func (s *Service) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stop == nil {
		return nil
	}
	s.stop()
	<-s.done
	s.stop = nil
	return nil
}

// recover puts this spool's batches and files right after a stop.
func (s *Service) recover(ctx context.Context) error {
	node, err := s.spoolNode(false)
	if err != nil || node == "" {
		return err // a new spool: nothing to recover
	}
	now := s.cfg.Clock()
	keep := map[int64]bool{}
	for _, st := range []kuzet.CDRBatchStatus{kuzet.CDRBatchUploading, kuzet.CDRBatchAnalysing, kuzet.CDRBatchQueued} {
		var after int64
		for {
			var page []*kuzet.CDRBatch
			err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) (err error) {
				page, err = tx.FindCDRBatches(ctx, kuzet.CDRBatchFilter{Status: st, Node: node, AfterID: after,
					Limit: kuzet.WebPageMax})
				return err
			})
			if err != nil {
				return err
			}
			for _, b := range page {
				after = b.ID
				switch st {
				case kuzet.CDRBatchUploading:
					from := b.Status
					b.Status, b.Error, b.UpdatedAt = kuzet.CDRBatchRejected, "the upload was cut off by a restart of the server: upload the file again", now
					err = s.update(ctx, b, from)
				case kuzet.CDRBatchAnalysing:
					from := b.Status
					b.Status, b.Progress, b.Rows, b.StartedAt, b.UpdatedAt = kuzet.CDRBatchQueued, 0, 0, time.Time{}, now
					keep[b.ID] = true
					err = s.update(ctx, b, from)
					s.cfg.Logger.Info("simbox: batch queued again after a restart", "batch", b.ID)
				default:
					keep[b.ID] = true
				}
				if err != nil {
					return err
				}
			}
			if len(page) < kuzet.WebPageMax {
				break
			}
		}
	}
	entries, err := os.ReadDir(s.cfg.Spool)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, e := range entries {
		id, ok := spoolID(e.Name())
		if ok && strings.HasSuffix(e.Name(), uploadSuffix) && keep[id] {
			continue
		}
		if ok {
			if err := os.Remove(filepath.Join(s.cfg.Spool, e.Name())); err != nil {
				return err
			}
		}
	}
	if len(keep) > 0 {
		s.notify()
	}
	return nil
}

// The spool's files: cdr-<id>.part while it arrives, cdr-<id>.upload once
// it is whole.
const (
	partSuffix   = ".part"
	uploadSuffix = ".upload"
)

func (s *Service) spoolPath(id int64, suffix string) string {
	return filepath.Join(s.cfg.Spool, "cdr-"+strconv.FormatInt(id, 10)+suffix)
}

// spoolID returns the batch ID of a spool file's name.
func spoolID(name string) (int64, bool) {
	rest, ok := strings.CutPrefix(name, "cdr-")
	if !ok {
		return 0, false
	}
	rest = strings.TrimSuffix(strings.TrimSuffix(rest, partSuffix), uploadSuffix)
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil
}

// notify wakes the analyser, if it sleeps.
func (s *Service) notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Viewer is who reads: an organisation, and whether it sees every
// operator's batches and suspects (the police) or its own only.
type Viewer struct {
	OrgID int64
	All   bool
}

// org is the organisation a store query filters by: 0 for all.
func (v Viewer) org() int64 {
	if v.All {
		return 0
	}
	return v.OrgID
}

// Batch returns a batch the viewer may see. Returns ENOTFOUND if there is
// none with id or it is another operator's. A read of another
// organisation's bad-row examples, which are CDR rows, is audited.
func (s *Service) Batch(ctx context.Context, v Viewer, id int64) (*kuzet.CDRBatch, error) {
	var b *kuzet.CDRBatch
	err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		b, err = tx.FindCDRBatch(ctx, v.org(), id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("simbox: batch: %w", err)
	}
	if b.OrgID != v.OrgID && len(b.BadRowExamples) > 0 {
		err := s.record(ctx, &kuzet.AuditEntry{At: s.cfg.Clock(), OrgID: v.OrgID, Action: kuzet.AuditCDRRead,
			Object: batchObject(b.ID), Detail: "bad_row_examples=" + strconv.Itoa(len(b.BadRowExamples))})
		if err != nil {
			return nil, fmt.Errorf("simbox: batch: %w", err)
		}
	}
	return b, nil
}

// Batches returns the batches f selects that the viewer may see, without
// their bad-row examples (Batch has them).
func (s *Service) Batches(ctx context.Context, v Viewer, f kuzet.CDRBatchFilter) ([]*kuzet.CDRBatch, error) {
	if f.Status != "" && !f.Status.Valid() {
		return nil, kuzet.Invalid("status", "status must be one of %s", strings.Join(names(kuzet.CDRBatchStatuses), ", "))
	}
	f.OrgID, f.Node, f.SHA256 = v.org(), "", ""
	var out []*kuzet.CDRBatch
	err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		out, err = tx.FindCDRBatches(ctx, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("simbox: batches: %w", err)
	}
	for _, b := range out {
		b.BadRowExamples = nil
	}
	return out, nil
}

// Suspects returns the suspects f selects that the viewer may see, and
// records the read of each.
func (s *Service) Suspects(ctx context.Context, v Viewer, f kuzet.SimboxSuspectFilter) ([]*kuzet.SimboxSuspect, error) {
	switch {
	case f.Verdict != "" && !f.Verdict.Valid():
		return nil, kuzet.Invalid("verdict", "verdict must be simbox or suspect")
	case f.Status != "" && !f.Status.Valid():
		return nil, kuzet.Invalid("status", "status must be suspect, confirmed or dismissed")
	}
	f.OrgID = v.org()
	var out []*kuzet.SimboxSuspect
	err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		out, err = tx.FindSimboxSuspects(ctx, f)
		return err
	})
	if err == nil {
		err = s.recordReads(ctx, v, out...)
	}
	if err != nil {
		return nil, fmt.Errorf("simbox: suspects: %w", err)
	}
	return out, nil
}

// Suspect returns one suspect the viewer may see, and records the read.
// Returns ENOTFOUND if there is none with id or it is another operator's.
func (s *Service) Suspect(ctx context.Context, v Viewer, id int64) (*kuzet.SimboxSuspect, error) {
	var out *kuzet.SimboxSuspect
	err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		out, err = tx.FindSimboxSuspect(ctx, v.org(), id)
		return err
	})
	if err == nil {
		err = s.recordReads(ctx, v, out)
	}
	if err != nil {
		return nil, fmt.Errorf("simbox: suspect: %w", err)
	}
	return out, nil
}

func (s *Service) recordReads(ctx context.Context, v Viewer, ss ...*kuzet.SimboxSuspect) error {
	if len(ss) == 0 {
		return nil
	}
	now := s.cfg.Clock()
	entries := make([]*kuzet.AuditEntry, len(ss))
	for i, x := range ss {
		entries[i] = &kuzet.AuditEntry{At: now, OrgID: v.OrgID, Action: kuzet.AuditSimboxRead,
			Object: phoneObject(x.MSISDN), Detail: suspectDetail(x)}
	}
	return s.record(ctx, entries...)
}

// Decision is a police unit's confirmation or dismissal of a suspect.
type Decision struct {
	OrgID int64  // the police unit
	Notes string // at most MaxNotes bytes
}

// Confirmation is a confirmed suspect and what went to the registry.
type Confirmation struct {
	Suspect *kuzet.SimboxSuspect
	// Reported are the indicators the registry took: the number, then the
	// handsets.
	Reported []kuzet.Indicator
	// Skipped are handsets the registry refused (an IMEI that fails its
	// check digit, a placeholder), with the reason.
	Skipped []SkippedIndicator
}

// SkippedIndicator is an identifier of a suspect that did not go to the
// registry.
type SkippedIndicator struct {
	Kind   kuzet.Kind `json:"kind"`
	Value  string     `json:"value"`
	Reason string     `json:"reason"`
}

// Confirm marks a suspect confirmed and reports its number (kind phone)
// and handsets (kind imei) to the registry as simbox_sim, in the name of
// the confirming unit, so that they reach the operators' block lists.
// Returns ENOTFOUND if there is no such suspect, ECONFLICT if it is no
// longer a suspect, EINVALID for notes too long.
//
// The reports go first: a confirmation that fails after them is tried
// again whole, and reporting again only refreshes the reports.
func (s *Service) Confirm(ctx context.Context, id int64, d Decision) (*Confirmation, error) {
	if err := kuzet.CheckText("notes", d.Notes, MaxNotes); err != nil {
		return nil, err
	}
	var sus *kuzet.SimboxSuspect
	err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		sus, err = tx.FindSimboxSuspect(ctx, 0, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("simbox: confirm: %w", err)
	}
	if sus.Status != kuzet.SimboxSuspectOpen {
		return nil, moveError(sus, kuzet.SimboxSuspectConfirmed)
	}
	evidence := confirmEvidence(sus)
	items := []registry.Submission{{Kind: kuzet.KindPhone, Value: sus.MSISDN, Category: kuzet.CategorySimboxSIM,
		Confidence: ConfirmedConfidence, Evidence: evidence}}
	for _, imei := range sus.IMEIs {
		items = append(items, registry.Submission{Kind: kuzet.KindIMEI, Value: imei, Category: kuzet.CategorySimboxSIM,
			Confidence: ConfirmedConfidence, Evidence: evidence})
	}
	results, err := s.cfg.Registry.Submit(ctx, d.OrgID, items)
	if err != nil {
		return nil, fmt.Errorf("simbox: confirm: report to the registry: %w", err)
	}
	c := &Confirmation{}
	for i, r := range results {
		if r.Err == nil {
			c.Reported = append(c.Reported, r.Indicator)
			continue
		}
		if i == 0 {
			return nil, fmt.Errorf("simbox: confirm: the registry refused the number %s: %w", sus.MSISDN, r.Err)
		}
		c.Skipped = append(c.Skipped, SkippedIndicator{Kind: items[i].Kind, Value: items[i].Value,
			Reason: kuzet.ErrorMessage(r.Err)})
	}
	c.Suspect, err = s.decide(ctx, id, kuzet.SimboxSuspectConfirmed, kuzet.AuditSimboxConfirm, d,
		" reported="+strconv.Itoa(len(c.Reported)))
	if err != nil {
		return nil, fmt.Errorf("simbox: confirm: %w", err)
	}
	if s.cfg.Graph != nil {
		if err := s.cfg.Graph.LinkSimbox(ctx, sus.MSISDN, sus.IMEIs); err != nil {
			return nil, fmt.Errorf("simbox: confirm: link graph: %w", err)
		}
	}
	return c, nil
}

// Dismiss marks a suspect dismissed: nothing wrong with it. Returns
// ENOTFOUND if there is no such suspect, ECONFLICT if it is no longer a
// suspect, EINVALID for notes too long.
func (s *Service) Dismiss(ctx context.Context, id int64, d Decision) (*kuzet.SimboxSuspect, error) {
	if err := kuzet.CheckText("notes", d.Notes, MaxNotes); err != nil {
		return nil, err
	}
	sus, err := s.decide(ctx, id, kuzet.SimboxSuspectDismissed, kuzet.AuditSimboxDismiss, d, "")
	if err != nil {
		return nil, fmt.Errorf("simbox: dismiss: %w", err)
	}
	return sus, nil
}

// decide moves suspect id from suspect to status to, with its audit entry.
func (s *Service) decide(ctx context.Context, id int64, to kuzet.SimboxSuspectStatus, action string, d Decision,
	detail string) (*kuzet.SimboxSuspect, error) {
	now := s.cfg.Clock()
	var sus *kuzet.SimboxSuspect
	err := kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) (err error) {
		if sus, err = tx.FindSimboxSuspect(ctx, 0, id); err != nil {
			return err
		}
		if sus.Status != kuzet.SimboxSuspectOpen {
			return moveError(sus, to)
		}
		sus.Status, sus.StatusAt, sus.DecidedBy, sus.Notes = to, now, d.OrgID, d.Notes
		if err := tx.UpdateSimboxSuspect(ctx, sus, kuzet.SimboxSuspectOpen); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: d.OrgID, Action: action,
			Object: phoneObject(sus.MSISDN), Detail: suspectDetail(sus) + detail})
	})
	return sus, err
}

func moveError(s *kuzet.SimboxSuspect, to kuzet.SimboxSuspectStatus) error {
	if s.Status == to {
		return kuzet.Errorf(kuzet.ECONFLICT, "suspect %d is %s already", s.ID, to)
	}
	return kuzet.Errorf(kuzet.ECONFLICT, "suspect %d was %s: it cannot be %s too", s.ID, s.Status, to)
}

// RecordSeizure validates and stores a seizure, setting its ID. Returns
// EINVALID naming the field at fault: no date or one in the future,
// negative or no devices and SIMs, too long a region or notes, too many
// device IDs.
func (s *Service) RecordSeizure(ctx context.Context, z *kuzet.SimboxSeizure) error {
	now := s.cfg.Clock()
	switch {
	case z.Date.IsZero():
		return kuzet.Invalid("date", "date is required")
	case z.Date.After(now.Add(24 * time.Hour)):
		return kuzet.Invalid("date", "date %s is in the future", z.Date.Format(time.DateOnly))
	case z.Devices < 0:
		return kuzet.Invalid("devices", "devices must not be negative")
	case z.SIMs < 0:
		return kuzet.Invalid("sims", "sims must not be negative")
	case z.Devices == 0 && z.SIMs == 0:
		return kuzet.Invalid("devices", "a seizure takes at least one device or SIM card")
	case len(z.DeviceIDs) > MaxDeviceIDs:
		return kuzet.Invalid("device_ids", "at most %d device IDs", MaxDeviceIDs)
	}
	if err := kuzet.CheckText("region", z.Region, MaxRegion); err != nil {
		return err
	}
	if err := kuzet.CheckText("notes", z.Notes, MaxNotes); err != nil {
		return err
	}
	for i, d := range z.DeviceIDs {
		if err := kuzet.CheckText("device_ids["+strconv.Itoa(i)+"]", d, 64); err != nil {
			return err
		}
	}
	z.CreatedAt = now
	err := kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error {
		if err := tx.CreateSimboxSeizure(ctx, z); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: z.OrgID, Action: kuzet.AuditSimboxSeizure,
			Object: "simbox_seizure:" + strconv.FormatInt(z.ID, 10),
			Detail: fmt.Sprintf("date=%s devices=%d sims=%d", z.Date.Format(time.DateOnly), z.Devices, z.SIMs)})
	})
	if err != nil {
		return fmt.Errorf("simbox: record seizure: %w", err)
	}
	return nil
}

// Seizures returns the seizures f selects.
func (s *Service) Seizures(ctx context.Context, f kuzet.SimboxSeizureFilter) ([]*kuzet.SimboxSeizure, error) {
	var out []*kuzet.SimboxSeizure
	err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		out, err = tx.FindSimboxSeizures(ctx, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("simbox: seizures: %w", err)
	}
	return out, nil
}

// Stats returns the SIM-box figures for the period from (included) to
// (excluded); a zero bound does not limit.
func (s *Service) Stats(ctx context.Context, from, to time.Time) (kuzet.SimboxCounts, error) {
	var c kuzet.SimboxCounts
	err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		c, err = tx.CountSimbox(ctx, from, to)
		return err
	})
	if err != nil {
		return c, fmt.Errorf("simbox: stats: %w", err)
	}
	return c, nil
}

// update stores b in a transaction of its own, provided it is still from.
func (s *Service) update(ctx context.Context, b *kuzet.CDRBatch, from kuzet.CDRBatchStatus) error {
	return kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error { return tx.UpdateCDRBatch(ctx, b, from) })
}

// record audits reads.
func (s *Service) record(ctx context.Context, entries ...*kuzet.AuditEntry) error {
	return s.cfg.Audit.Record(ctx, entries...)
}

func batchObject(id int64) string      { return "cdr_batch:" + strconv.FormatInt(id, 10) }
func phoneObject(msisdn string) string { return string(kuzet.KindPhone) + ":" + msisdn }

func suspectDetail(s *kuzet.SimboxSuspect) string {
	return "simbox_suspect=" + strconv.FormatInt(s.ID, 10) + " batch=" + strconv.FormatInt(s.BatchID, 10)
}

// confirmEvidence is what the registry keeps of why a number was reported.
func confirmEvidence(s *kuzet.SimboxSuspect) string {
	e := fmt.Sprintf("SIM-box suspect %d confirmed by the police: CDR batch %d of operator %d, verdict %s, score %.3f, reasons %s",
		s.ID, s.BatchID, s.OrgID, s.Verdict, s.Score, strings.Join(s.Reasons, ";"))
	if s.DeviceID != "" {
		e += ", device " + s.DeviceID
	}
	if len(e) > registry.MaxEvidence {
		e = e[:registry.MaxEvidence]
	}
	return e
}

func names[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// suspectOf is the stored form of a judged subscriber of batch b.
func suspectOf(b *kuzet.CDRBatch, sub *Subscriber, now time.Time) (*kuzet.SimboxSuspect, error) {
	features, err := json.Marshal(&sub.Features)
	if err != nil {
		return nil, err
	}
	return &kuzet.SimboxSuspect{
		BatchID: b.ID, OrgID: b.OrgID, MSISDN: sub.MSISDN, IMEIs: sub.IMEIs, Cells: sub.Cells, Score: sub.Score,
		Verdict: kuzet.SimboxVerdict(sub.Verdict), Reasons: sub.Reasons, DeviceID: sub.DeviceID,
		FirstSeen: sub.FirstSeen, LastSeen: sub.LastSeen, Features: features,
		Status: kuzet.SimboxSuspectOpen, StatusAt: now, CreatedAt: now,
	}, nil
}
