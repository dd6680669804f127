package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
)

// BenchmarkConsolePages renders each console page for a signed-in police
// analyst (a bank officer for the bank's pages) over the demo's data: the
// server's time per page, through HTTP on loopback.
//
//	go test -run '^$' -bench ConsolePages -benchtime 50x ./cmd/kuzet/
func BenchmarkConsolePages(b *testing.B) {
	w := newConsoleWorld(b)
	w.now.Store(time.Now().UnixNano()) // the demo's payments are dated by the wall clock
	ctx := context.Background()
	env, _, _ := testEnv()
	keys, err := seedDemo(ctx, env, w.m, 5000, 1)
	if err != nil {
		b.Fatal(err)
	}
	if err := playDemoPayments(ctx, env, w.m, keys, 1, 1); err != nil {
		b.Fatal(err)
	}
	c := newDemoClient(w.m, keys)
	if err := playDemoWeb(ctx, env, c); err != nil {
		b.Fatal(err)
	}
	if err := playDemoSimbox(ctx, env, c, 1); err != nil {
		b.Fatal(err)
	}
	if err := playDemoGroups(ctx, env, w.m, keys, 1); err != nil {
		b.Fatal(err)
	}
	// The case page of the demo's largest case, the worst.
	cs, err := w.m.Cases.Cases(ctx, kuzet.CaseFilter{Limit: 1000})
	if err != nil || len(cs) == 0 {
		b.Fatalf("no case in the demo: %v", err)
	}
	var cv *cases.View
	for _, c := range cs {
		v, err := w.m.Cases.Case(ctx, 0, c.ID)
		if err != nil {
			b.Fatal(err)
		}
		if cv == nil || len(v.Reports) > len(cv.Reports) {
			cv = v
		}
	}
	b.Logf("%d cases; the largest, %s, holds %d reports", len(cs), cv.ID, len(cv.Reports))
	users, err := demoUsers(ctx, w.m, keys)
	if err != nil {
		b.Fatal(err)
	}
	pw := map[string]string{}
	for _, u := range users {
		pw[u.name] = u.password
	}
	signIn := func(name string) *browser {
		br := w.browser(b)
		br.post("/signin", map[string][]string{"csrf": {br.csrf()}, "name": {name}, "password": {pw[name]}})
		return br
	}
	police, bank := signIn("police"), signIn("bank")
	pages := []struct {
		who  *browser
		path string
	}{
		{police, "/"}, {police, "/web"}, {police, "/simbox"}, {police, "/telecom"}, {police, "/audit"},
		{police, "/blocking"}, {police, "/indicators?kind=phone&value=%2B77011234567"},
		{police, "/cases"}, {police, "/cases/" + cv.ID}, {police, "/graph"},
		{police, "/graph/data?depth=2&seed=report%3A" + cv.Reports[0].ID},
		{bank, "/freeze?status=all"}, {bank, "/payments"}, {police, "/portal/"}, {police, "/portal/prevention"},
	}
	for _, p := range pages {
		b.Run(p.path, func(b *testing.B) {
			for b.Loop() {
				if status, _, _ := p.who.get(p.path); status != http.StatusOK {
					b.Fatalf("GET %s: %d", p.path, status)
				}
			}
		})
	}
}
