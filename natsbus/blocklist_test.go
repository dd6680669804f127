package natsbus_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/natsbus"
	"github.com/kuzet/kuzet/sqlite"
	"github.com/kuzet/kuzet/telecom"
)

// TestBlocklistOnTheBus: confirmed SIM-box SIMs reach each operator on its
// own subject, as the API shows them to it, once however many nodes
// publish.
func TestBlocklistOnTheBus(t *testing.T) {
	for name, url := range natsURLs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			prefix := testPrefix()
			store, err := sqlite.Open(ctx, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { store.Close() })
			var a, b kuzet.Org
			now := time.Now()
			err = kuzet.Transact(ctx, store, true, func(tx kuzet.Tx) error {
				a = kuzet.Org{Name: "Operator A", Type: kuzet.OrgTelco, Prefixes: []string{"7701"}, CreatedAt: now}
				b = kuzet.Org{Name: "Operator B", Type: kuzet.OrgTelco, Prefixes: []string{"7702"}, CreatedAt: now}
				for _, o := range []*kuzet.Org{&a, &b} {
					if err := tx.CreateOrg(ctx, o); err != nil {
						return err
					}
				}
				batch := &kuzet.CDRBatch{OrgID: a.ID, Status: kuzet.CDRBatchDone, CreatedAt: now, UpdatedAt: now}
				if err := tx.CreateCDRBatch(ctx, batch); err != nil {
					return err
				}
				ss := []*kuzet.SimboxSuspect{{MSISDN: "+77011110001", IMEIs: []string{"356938035643809"}},
					{MSISDN: "+77021110002", IMEIs: []string{"490154203237518"}}}
				for _, s := range ss {
					s.BatchID, s.OrgID, s.Verdict, s.Status, s.Score = batch.ID, a.ID, kuzet.SimboxVerdictSimbox, kuzet.SimboxSuspectOpen, 0.9
					s.FirstSeen, s.LastSeen, s.StatusAt, s.CreatedAt = now, now, now, now
				}
				if err := tx.CreateSimboxSuspects(ctx, ss); err != nil {
					return err
				}
				for _, s := range ss {
					s.Status, s.StatusAt = kuzet.SimboxSuspectConfirmed, now.Add(-time.Minute)
					if err := tx.UpdateSimboxSuspect(ctx, s, kuzet.SimboxSuspectOpen); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			e, err := telecom.NewService(telecom.Config{Store: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				t.Fatal(err)
			}
			if err := e.Open(ctx); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { e.Close() })
			if err := e.RefreshOperators(ctx); err != nil {
				t.Fatal(err)
			}

			// Operator B subscribes to its subject, as a plain NATS client.
			nc, err := nats.Connect(url)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(nc.Close)
			sub, err := nc.SubscribeSync(prefix + ".blocklist.simbox." + itoa(b.ID))
			if err != nil {
				t.Fatal(err)
			}
			var feeds []*natsbus.BlocklistFeed
			for range 2 { // two nodes
				bus, err := natsbus.Open(ctx, url, natsbus.Options{Prefix: prefix, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { bus.Close() })
				f, err := bus.BlocklistFeed(ctx, e, natsbus.BlocklistOptions{})
				if err != nil {
					t.Fatal(err)
				}
				f.Poll(ctx)
				f.Poll(ctx) // nothing new
				feeds = append(feeds, f)
			}
			var got []map[string]any
			for range 2 { // each node published B's two entries; the stream kept one copy, core subscribers see each publish
				for range 2 {
					m, err := sub.NextMsg(5 * time.Second)
					if err != nil {
						t.Fatalf("B's entries: %v after %d", err, len(got))
					}
					var v map[string]any
					if err := json.Unmarshal(m.Data, &v); err != nil {
						t.Fatal(err)
					}
					got = append(got, v)
				}
			}
			if got[0]["msisdn"] != nil || got[1]["msisdn"] != "+77021110002" || got[1]["imeis"].([]any)[0] != "490154203237518" {
				t.Errorf("B's entries: got %v, want A's SIM's handset, then B's SIM whole", got[:2])
			}
			if p := feeds[0].Published(); p != 4 {
				t.Errorf("node 1 published %d entries, want 2 for each operator", p)
			}
			js, _ := nc.JetStream()
			info, err := js.StreamInfo(streamName(prefix))
			if err != nil {
				t.Fatal(err)
			}
			if info.State.Msgs != 4 {
				t.Errorf("the stream holds %d entries, want 4: one copy of each operator's two, whatever the nodes", info.State.Msgs)
			}
		})
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func streamName(prefix string) string {
	out := []byte(prefix + "_BLOCKLIST")
	for i, c := range out {
		if c >= 'a' && c <= 'z' {
			out[i] = c - 'a' + 'A'
		}
	}
	return string(out)
}
