package simbox_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/sqlite"
	"github.com/kuzet/kuzet/synth"
)

// bench is a service on a fresh SQLite store, with an operator and a
// police unit.
type bench struct {
	store    kuzet.Store
	registry *registry.Service
	spool    string
	svc      *simbox.Service
	telco    int64
	police   int64
}

func newBench(t testing.TB) *bench {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	reg := registry.NewService(store, nil, nil, nil)
	if err := reg.Load(ctx); err != nil {
		t.Fatal(err)
	}
	b := &bench{store: store, registry: reg, spool: t.TempDir()}
	for _, o := range []*kuzet.Org{{Name: "Kcell", Type: kuzet.OrgTelco}, {Name: "Cyber Police", Type: kuzet.OrgPolice}} {
		o.CreatedAt = time.Now()
		tx, err := store.Begin(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.CreateOrg(ctx, o); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	b.telco, b.police = 1, 2
	b.svc = b.service(t, 0)
	return b
}

// service returns a service on the bench's store and spool; closed at
// cleanup.
func (b *bench) service(t testing.TB, maxUpload int64) *simbox.Service {
	t.Helper()
	svc, err := simbox.NewService(simbox.Config{
		Store: b.store, Registry: b.registry, Spool: b.spool, MaxUpload: maxUpload,
		Workers: 2, Poll: 50 * time.Millisecond, ProgressEvery: 10 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	return svc
}

// extract is a small simulated CDR extract with boxes in it.
func extract(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := synth.WriteCDR(&buf, synth.CDRConfig{Subscribers: 300, Days: 4, Seed: 7, BoxShare: 0.05}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func (b *bench) upload(t *testing.T, svc *simbox.Service, body []byte) (*kuzet.CDRBatch, bool, error) {
	t.Helper()
	return svc.Upload(context.Background(), bytes.NewReader(body),
		simbox.Upload{OrgID: b.telco, Size: int64(len(body))})
}

var police = func(b *bench) simbox.Viewer { return simbox.Viewer{OrgID: b.police, All: true} }

// wait returns batch id once it is no longer queued or analysing.
func (b *bench) wait(t *testing.T, id int64) *kuzet.CDRBatch {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		got, err := b.svc.Batch(context.Background(), police(b), id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != kuzet.CDRBatchQueued && got.Status != kuzet.CDRBatchAnalysing {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("batch %d still not analysed after a minute", id)
	return nil
}

// spoolAfterAnalysis lists the uploads left in the spool once the batches
// read done. A batch is marked done before its file is removed (a crash
// between the two keeps the file, never loses it), so the spool empties
// just after: it is read again until empty, for ten seconds at most.
func (b *bench) spoolAfterAnalysis(t testing.TB) []string {
	t.Helper()
	files := b.spoolFiles(t)
	for deadline := time.Now().Add(10 * time.Second); len(files) != 0 && time.Now().Before(deadline); files = b.spoolFiles(t) {
		time.Sleep(10 * time.Millisecond)
	}
	return files
}

// spoolFiles lists the uploads in the spool (not its node ID).
func (b *bench) spoolFiles(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(b.spool)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != "node" {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestUploadAnalyse(t *testing.T) {
	data := extract(t)
	want, err := simbox.Detect(context.Background(), bytes.NewReader(data), simbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantSuspects := 0
	for _, s := range want.Subscribers {
		if s.Verdict != simbox.VerdictClean {
			wantSuspects++
		}
	}
	if wantSuspects == 0 {
		t.Fatal("the extract has no suspects to find")
	}
	for _, tc := range []struct {
		name string
		body []byte
		gzip bool
	}{
		{"plain", data, false},
		{"gzip", gzipped(t, data), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBench(t)
			if err := b.svc.Start(context.Background()); err != nil {
				t.Fatal(err)
			}
			batch, again, err := b.upload(t, b.svc, tc.body)
			if err != nil || again {
				t.Fatalf("upload: got %v again=%v, want a new batch", err, again)
			}
			if batch.Gzip != tc.gzip || batch.Bytes != int64(len(tc.body)) || len(batch.SHA256) != 64 ||
				batch.Lines != int64(bytes.Count(data, []byte{'\n'})-1) {
				t.Errorf("upload: got gzip %v bytes %d lines %d sha256 %q, want %v, %d, %d and a hash",
					batch.Gzip, batch.Bytes, batch.Lines, batch.SHA256, tc.gzip, len(tc.body), bytes.Count(data, []byte{'\n'})-1)
			}
			got := b.wait(t, batch.ID)
			if got.Status != kuzet.CDRBatchDone || got.Progress != 1 || got.Partial || got.Error != "" {
				t.Fatalf("batch: got %s progress %v partial %v error %q, want done", got.Status, got.Progress, got.Partial, got.Error)
			}
			if got.Rows != want.Stats.Rows || got.Subscribers != int64(want.Stats.Subscribers) ||
				got.Suspects != int64(wantSuspects) || got.Devices != int64(len(want.Devices)) {
				t.Errorf("batch counts: got rows %d subscribers %d suspects %d devices %d, want %d, %d, %d, %d", got.Rows,
					got.Subscribers, got.Suspects, got.Devices, want.Stats.Rows, want.Stats.Subscribers, wantSuspects, len(want.Devices))
			}
			// The operator sees its batch; the suspects are there, best
			// first, with their evidence.
			if _, err := b.svc.Batch(context.Background(), simbox.Viewer{OrgID: b.telco}, batch.ID); err != nil {
				t.Errorf("the operator reading its batch: %v", err)
			}
			if _, err := b.svc.Batch(context.Background(), simbox.Viewer{OrgID: b.police}, batch.ID); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
				t.Errorf("another organisation without the right to all: got %v, want not_found", err)
			}
			ss, err := b.svc.Suspects(context.Background(), police(b), kuzet.SimboxSuspectFilter{BatchID: batch.ID, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			if len(ss) != wantSuspects || ss[0].MSISDN != want.Subscribers[0].MSISDN || ss[0].OrgID != b.telco ||
				len(ss[0].Reasons) == 0 || len(ss[0].Features) == 0 {
				t.Errorf("suspects: got %d, first %+v, want %d, first %s", len(ss), ss[0], wantSuspects, want.Subscribers[0].MSISDN)
			}
			if files := b.spoolAfterAnalysis(t); len(files) != 0 {
				t.Errorf("spool after the analysis: got %v, want it empty", files)
			}
		})
	}
}

func TestUploadRejectedWhole(t *testing.T) {
	data := extract(t)
	gz := gzipped(t, data)
	const hdr = "record_type,start_time,msisdn,imsi,imei,other_party,duration_s,cell_id\n"
	for _, tc := range []struct {
		name  string
		body  io.Reader
		size  int64
		gzip  bool
		max   int64
		want  string // in the message
		large bool
	}{
		{"no header", strings.NewReader("MOC,2026-10-05T08:00:00Z,77011234567,,,77021234567,30,1\n"), -1, false, 0, "no header", false},
		{"missing columns", strings.NewReader("record_type,start_time,msisdn\nMOC,2026-10-05T08:00:00Z,77011234567\n"), -1, false, 0, "lacks required columns", false},
		{"empty", strings.NewReader(""), 0, false, 0, "empty", false},
		{"truncated gzip", bytes.NewReader(gz[:len(gz)/2]), -1, false, 0, "truncated", false},
		{"corrupt gzip", bytes.NewReader(append(append([]byte{}, gz[:20]...), bytes.Repeat([]byte{0xff}, 500)...)), -1, false, 0, "gzip", false},
		{"declared gzip, is not", bytes.NewReader(data), -1, true, 0, "not gzip", false},
		{"broken off", io.MultiReader(bytes.NewReader(data[:len(data)/2]), errReader{}), -1, false, 0, "broke off", false},
		{"shorter than announced", bytes.NewReader(data[:len(data)/2]), int64(len(data)), false, 0, "announced", false},
		{"over the limit", bytes.NewReader(data), -1, false, 1 << 20, "over the limit", true},
		{"announced over the limit", bytes.NewReader(data), int64(len(data)), false, 1 << 20, "over the limit", true},
		{"bad mapping", strings.NewReader(hdr), -1, false, 0, "column mapping", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBench(t)
			svc := b.service(t, tc.max)
			u := simbox.Upload{OrgID: b.telco, Size: tc.size, Gzip: tc.gzip}
			if tc.name == "bad mapping" {
				u.Map = "nonsense=X"
			}
			got, _, err := svc.Upload(context.Background(), tc.body, u)
			if got != nil || kuzet.ErrorCode(err) != kuzet.EINVALID || !strings.Contains(kuzet.ErrorMessage(err), tc.want) {
				t.Fatalf("got %v, %v, want invalid saying %q", got, err, tc.want)
			}
			if errors.Is(err, simbox.ErrTooLarge) != tc.large {
				t.Errorf("error %v wraps ErrTooLarge: %v, want %v", err, !tc.large, tc.large)
			}
			batches, err := svc.Batches(context.Background(), simbox.Viewer{OrgID: b.telco}, kuzet.CDRBatchFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range batches {
				if x.Status != kuzet.CDRBatchRejected || x.Error == "" {
					t.Errorf("batch %d: got %s %q, want rejected with its reason", x.ID, x.Status, x.Error)
				}
			}
			if files := b.spoolFiles(t); len(files) != 0 {
				t.Errorf("spool: got %v, want nothing left", files)
			}
		})
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestUploadSameBytesOnce(t *testing.T) {
	b := newBench(t)
	data := extract(t)
	first, again, err := b.upload(t, b.svc, data)
	if err != nil || again {
		t.Fatalf("first upload: %v again=%v", err, again)
	}
	second, again, err := b.upload(t, b.svc, data)
	if err != nil || !again || second.ID != first.ID {
		t.Fatalf("second upload: got batch %v again=%v err %v, want batch %d again", second, again, err, first.ID)
	}
	batches, err := b.svc.Batches(context.Background(), simbox.Viewer{OrgID: b.telco}, kuzet.CDRBatchFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(batches) != 2 || batches[1].Status != kuzet.CDRBatchRejected || !strings.Contains(batches[1].Error, "same bytes") {
		t.Errorf("batches: got %v, want the first and a rejected second", batches)
	}
}

func TestRestart(t *testing.T) {
	b := newBench(t)
	data := extract(t)
	ctx := context.Background()
	// Uploaded while no analyser ran: queued.
	queued, _, err := b.upload(t, b.svc, data)
	if err != nil {
		t.Fatal(err)
	}
	// Another was being analysed, and a third arriving, when the server
	// stopped.
	analysing, _, err := b.upload(t, b.svc, gzipped(t, data))
	if err != nil {
		t.Fatal(err)
	}
	arriving := &kuzet.CDRBatch{OrgID: b.telco, Status: kuzet.CDRBatchUploading, Node: b.svc.Node(),
		CreatedAt: time.Now(), UpdatedAt: time.Now()}
	tx, err := b.store.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	analysing.Status, analysing.Progress = kuzet.CDRBatchAnalysing, 0.5
	if err := tx.UpdateCDRBatch(ctx, analysing, kuzet.CDRBatchQueued); err != nil {
		t.Fatal(err)
	}
	if err := tx.CreateCDRBatch(ctx, arriving); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	part := filepath.Join(b.spool, "cdr-"+itoa(arriving.ID)+".part")
	if err := os.WriteFile(part, data[:100], 0o600); err != nil {
		t.Fatal(err)
	}

	// A new server on the same spool: nothing is lost, nothing half counted.
	b.svc = b.service(t, 0)
	if err := b.svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{queued.ID, analysing.ID} {
		if got := b.wait(t, id); got.Status != kuzet.CDRBatchDone || got.Suspects == 0 {
			t.Errorf("batch %d after the restart: got %s with %d suspects, want done with suspects", id, got.Status, got.Suspects)
		}
	}
	got, err := b.svc.Batch(ctx, police(b), arriving.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != kuzet.CDRBatchRejected || !strings.Contains(got.Error, "restart") {
		t.Errorf("the upload cut off: got %s %q, want rejected", got.Status, got.Error)
	}
	if files := b.spoolAfterAnalysis(t); len(files) != 0 {
		t.Errorf("spool: got %v, want nothing left", files)
	}
}

func TestPartialResultsMarked(t *testing.T) {
	b := newBench(t)
	gz := gzipped(t, extract(t))
	batch, _, err := b.upload(t, b.svc, gz)
	if err != nil {
		t.Fatal(err)
	}
	// The file breaks off on the server's disk before it is analysed.
	path := filepath.Join(b.spool, "cdr-"+itoa(batch.ID)+".upload")
	if err := os.Truncate(path, int64(len(gz)*3/4)); err != nil {
		t.Fatal(err)
	}
	if err := b.svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := b.wait(t, batch.ID)
	if got.Status != kuzet.CDRBatchDone || !got.Partial || !strings.Contains(got.Error, "broke off") || got.Rows == 0 {
		t.Errorf("got %s partial %v error %q rows %d, want done, partial, explained, with rows", got.Status, got.Partial,
			got.Error, got.Rows)
	}
}

func TestConfirmDismissSeize(t *testing.T) {
	b := newBench(t)
	ctx := context.Background()
	if err := b.svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	batch, _, err := b.upload(t, b.svc, extract(t))
	if err != nil {
		t.Fatal(err)
	}
	b.wait(t, batch.ID)
	ss, err := b.svc.Suspects(ctx, police(b), kuzet.SimboxSuspectFilter{Verdict: kuzet.SimboxVerdictSimbox, Limit: 2})
	if err != nil || len(ss) != 2 {
		t.Fatalf("suspects: got %d, %v, want 2", len(ss), err)
	}
	c, err := b.svc.Confirm(ctx, ss[0].ID, simbox.Decision{OrgID: b.police, Notes: "checked on site"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Suspect.Status != kuzet.SimboxSuspectConfirmed || c.Suspect.DecidedBy != b.police ||
		len(c.Reported) != 1+len(ss[0].IMEIs)-len(c.Skipped) || c.Reported[0].Value != ss[0].MSISDN {
		t.Errorf("confirmation: got %+v, want the suspect confirmed and its number and handsets reported", c)
	}
	a := b.registry.Index().Assess(kuzet.KindPhone, ss[0].MSISDN, time.Now())
	if a.Risk == kuzet.RiskNone || len(a.Categories) != 1 || a.Categories[0] != kuzet.CategorySimboxSIM {
		t.Errorf("registry on %s: got %+v, want a simbox_sim risk", ss[0].MSISDN, a)
	}
	for _, imei := range ss[0].IMEIs {
		if a := b.registry.Index().Assess(kuzet.KindIMEI, imei, time.Now()); a.Risk == kuzet.RiskNone {
			t.Errorf("registry on IMEI %s: got no risk", imei)
		}
	}

	for _, tc := range []struct {
		name string
		do   func() error
		code string
	}{
		{"confirm again", func() error { _, err := b.svc.Confirm(ctx, ss[0].ID, simbox.Decision{OrgID: b.police}); return err }, kuzet.ECONFLICT},
		{"dismiss the confirmed", func() error { _, err := b.svc.Dismiss(ctx, ss[0].ID, simbox.Decision{OrgID: b.police}); return err }, kuzet.ECONFLICT},
		{"dismiss", func() error { _, err := b.svc.Dismiss(ctx, ss[1].ID, simbox.Decision{OrgID: b.police}); return err }, ""},
		{"confirm the dismissed", func() error { _, err := b.svc.Confirm(ctx, ss[1].ID, simbox.Decision{OrgID: b.police}); return err }, kuzet.ECONFLICT},
		{"unknown suspect", func() error { _, err := b.svc.Confirm(ctx, 1e9, simbox.Decision{OrgID: b.police}); return err }, kuzet.ENOTFOUND},
		{"notes too long", func() error {
			_, err := b.svc.Dismiss(ctx, ss[1].ID, simbox.Decision{OrgID: b.police, Notes: strings.Repeat("x", simbox.MaxNotes+1)})
			return err
		}, kuzet.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := kuzet.ErrorCode(tc.do()); got != tc.code {
				t.Errorf("got code %q, want %q", got, tc.code)
			}
		})
	}
	if a := b.registry.Index().Assess(kuzet.KindPhone, ss[1].MSISDN, time.Now()); a.Risk != kuzet.RiskNone {
		t.Errorf("a dismissed suspect reached the registry: %+v", a)
	}

	day := time.Now().UTC().Truncate(24 * time.Hour)
	for _, tc := range []struct {
		name  string
		z     kuzet.SimboxSeizure
		field string
	}{
		{"no date", kuzet.SimboxSeizure{Devices: 1}, "date"},
		{"in the future", kuzet.SimboxSeizure{Date: day.Add(72 * time.Hour), Devices: 1}, "date"},
		{"nothing seized", kuzet.SimboxSeizure{Date: day}, "devices"},
		{"negative", kuzet.SimboxSeizure{Date: day, Devices: 1, SIMs: -1}, "sims"},
		{"long region", kuzet.SimboxSeizure{Date: day, Devices: 1, Region: strings.Repeat("a", 200)}, "region"},
		{"bad device ID", kuzet.SimboxSeizure{Date: day, Devices: 1, DeviceIDs: []string{"ok", "\x00"}}, "device_ids[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := b.svc.RecordSeizure(ctx, &tc.z)
			if f := kuzet.ErrorFields(err); len(f) != 1 || f[0].Field != tc.field {
				t.Errorf("got %v, want invalid naming %s", err, tc.field)
			}
		})
	}
	z := &kuzet.SimboxSeizure{OrgID: b.police, Date: day, Region: "Almaty", Devices: 2, SIMs: 96, DeviceIDs: []string{ss[0].DeviceID}}
	if err := b.svc.RecordSeizure(ctx, z); err != nil {
		t.Fatal(err)
	}
	st, err := b.svc.Stats(ctx, day, day.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if st.Batches != 1 || st.Suspects != b.wait(t, batch.ID).Suspects || st.Confirmed != 1 ||
		st.Dismissed != 1 || st.Seizures != 1 || st.DevicesSeized != 2 || st.SIMsSeized != 96 {
		t.Errorf("stats: got %+v", st)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// FuzzUpload throws arbitrary bodies, plain and declared gzip, at the
// upload: each is queued or rejected as the client's fault, never a panic
// or an internal error, and nothing is left in the spool of a rejected one.
func FuzzUpload(f *testing.F) {
	const hdr = "record_type,start_time,msisdn,imsi,imei,other_party,duration_s,cell_id\n"
	f.Add([]byte(hdr+"MOC,2026-10-05T08:12:44Z,77011234567,,,77021234567,30,1-2\n"), false)
	f.Add([]byte(hdr), true)
	f.Add([]byte("record_type;start_time;msisdn;other_party;duration_s\nSMS_MO;2026-10-05T08:12:44+05:00;87011234567;7575;0"), false)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(hdr + "DATA,2026-10-05T08:12:44Z,+77011234567,,,,600,\n"))
	zw.Close()
	f.Add(gz.Bytes(), true)
	f.Add(gz.Bytes()[:gz.Len()-5], false)
	b := newBench(f)
	f.Fuzz(func(t *testing.T, body []byte, declared bool) {
		got, _, err := b.svc.Upload(context.Background(), bytes.NewReader(body),
			simbox.Upload{OrgID: b.telco, Size: int64(len(body)), Gzip: declared})
		switch {
		case err == nil && (got.Status != kuzet.CDRBatchQueued || got.Bytes != int64(len(body))):
			t.Fatalf("accepted as %s with %d bytes of %d", got.Status, got.Bytes, len(body))
		case err != nil && kuzet.ErrorCode(err) != kuzet.EINVALID:
			t.Fatalf("got %v, want invalid", err)
		case err != nil:
			for _, name := range b.spoolFiles(t) {
				if strings.HasSuffix(name, ".part") {
					t.Fatalf("rejected upload left %s in the spool", name)
				}
			}
		}
	})
}

// BenchmarkUpload measures receiving an extract: to the spool, hashed,
// its header checked and its lines counted (decompressed, for gzip).
func BenchmarkUpload(b *testing.B) {
	var plain bytes.Buffer
	if _, err := synth.WriteCDR(&plain, synth.CDRConfig{Subscribers: 2000, Days: 7, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain.Bytes())
	zw.Close()
	for _, bc := range []struct {
		name string
		body []byte
	}{{"plain", plain.Bytes()}, {"gzip", gz.Bytes()}} {
		b.Run(bc.name, func(b *testing.B) {
			bn := newBench(b)
			b.SetBytes(int64(len(bc.body)))
			for b.Loop() {
				// Uploads after the first are the same bytes again: they
				// are received and checked all the same.
				got, _, err := bn.svc.Upload(context.Background(), bytes.NewReader(bc.body), simbox.Upload{OrgID: bn.telco, Size: -1})
				if err != nil {
					b.Fatal(err)
				}
				os.Remove(filepath.Join(bn.spool, "cdr-"+itoa(got.ID)+".upload"))
			}
		})
	}
}
