package natsbus_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/audit"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/natsbus"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/sqlite"
)

// natsURLs returns an in-process JetStream server's URL, and the machine's
// server's when KUZET_TEST_NATS is set.
func natsURLs(t *testing.T) map[string]string {
	t.Helper()
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go srv.Start()
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats server did not start")
	}
	t.Cleanup(srv.Shutdown)
	urls := map[string]string{"in-process": srv.ClientURL()}
	if u := os.Getenv("KUZET_TEST_NATS"); u != "" {
		urls["external"] = u
	}
	return urls
}

type node struct {
	reg  *registry.Service
	feed *natsbus.RegistryFeed
}

func startNode(t *testing.T, dir, url, prefix string) *node {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	rec := audit.NewRecorder(store, logger)
	reg := registry.NewService(store, &ident.Parser{CardKey: bytes.Repeat([]byte("k"), 32)}, kuzet.SystemClock, rec)
	bus, err := natsbus.Open(ctx, url, natsbus.Options{Prefix: prefix, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	feed, err := bus.RegistryFeed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	since := time.Now()
	if err := reg.Load(ctx); err != nil {
		t.Fatal(err)
	}
	reg.Changes.Subscribe(feed.Publish)
	if err := feed.Follow(ctx, since, reg.Apply); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { feed.Stop(); bus.Close(); rec.Close(); store.Close() })
	return &node{reg: reg, feed: feed}
}

// eventually waits for cond, failing after a generous deadline: delivery
// across nodes is asynchronous.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: did not happen", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestRegistryChangesReachOtherNodes(t *testing.T) {
	for name, url := range natsURLs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			prefix := fmt.Sprintf("kuzettest%d", time.Now().UnixNano())
			a := startNode(t, dir, url, prefix)
			b := startNode(t, dir, url, prefix)
			now := time.Now()

			res, err := a.reg.Submit(ctx, 1, []registry.Submission{{Kind: kuzet.KindPhone, Value: "+77011234567",
				Category: kuzet.CategoryScamCall, Confidence: 0.9}})
			if err != nil || res[0].Err != nil {
				t.Fatalf("submit: %v %v", err, res)
			}
			eventually(t, "report reaches node b", func() bool {
				return b.reg.Index().Assess(kuzet.KindPhone, "+77011234567", now).Risk != kuzet.RiskNone
			})
			if _, err := b.reg.PutAllow(ctx, 1, kuzet.KindPhone, "+77011234567", "hotline"); err != nil {
				t.Fatal(err)
			}
			eventually(t, "allowlisting reaches node a", func() bool {
				return a.reg.Index().Assess(kuzet.KindPhone, "+77011234567", now).Allowlisted
			})
			if err := b.reg.DeleteAllow(ctx, 1, kuzet.KindPhone, "+77011234567"); err != nil {
				t.Fatal(err)
			}
			if err := a.reg.Withdraw(ctx, 1, kuzet.KindPhone, "+77011234567", ""); err != nil {
				t.Fatal(err)
			}
			eventually(t, "withdrawal reaches node b", func() bool {
				as := b.reg.Index().Assess(kuzet.KindPhone, "+77011234567", now)
				return as.Risk == kuzet.RiskNone && !as.Allowlisted
			})

			// A node started later catches up from the store and the stream.
			a.reg.Submit(ctx, 1, []registry.Submission{{Kind: kuzet.KindIBAN, Value: "KZ86125KZT5004100100",
				Category: kuzet.CategoryMuleAccount, Confidence: 0.9}})
			c := startNode(t, dir, url, prefix)
			if c.reg.Index().Assess(kuzet.KindIBAN, "KZ86125KZT5004100100", now).Risk == kuzet.RiskNone {
				t.Errorf("late node: report committed before its start is missing")
			}
		})
	}
}
