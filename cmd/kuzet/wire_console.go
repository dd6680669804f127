package main

import (
	"net/http"

	"github.com/kuzet/kuzet/console"
	"github.com/kuzet/kuzet/stats"
)

// newConsole builds the analysts' console and the citizens' portal over the
// services the API serves.
func (m *Main) newConsole(st *stats.Service) (*console.Server, error) {
	return console.New(console.Config{
		Access: m.Access, Registry: m.Registry, Telecom: m.Telecom, Payments: m.Payments.Service,
		Freeze: m.Payments.Freeze, Web: m.Web, Simbox: m.Simbox, Stats: st, Audit: m.AuditLog, Cases: m.Cases,
		Clock: m.Clock, Logger: m.Logger, Secure: m.Config.TLSCert != "",
	})
}

// routeConsole sends the API's paths to the API and every other path to
// the console.
func routeConsole(api, ui http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if console.Paths(r.URL.Path) {
			ui.ServeHTTP(w, r)
			return
		}
		api.ServeHTTP(w, r)
	})
}
