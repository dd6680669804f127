package main

import (
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// certReloader serves the certificate read last from its files, and reads
// them again on SIGHUP, so that a renewed certificate takes effect without
// a restart. A reload that fails keeps the certificate in use.
type certReloader struct {
	certFile, keyFile string
	cert              atomic.Pointer[tls.Certificate]
	log               *slog.Logger
	sig               chan os.Signal
}

func newCertReloader(certFile, keyFile string, log *slog.Logger) (*certReloader, error) {
	r := &certReloader{certFile: certFile, keyFile: keyFile, log: log}
	if err := r.load(); err != nil {
		return nil, err
	}
	r.sig = make(chan os.Signal, 1)
	signal.Notify(r.sig, syscall.SIGHUP)
	go func() {
		for range r.sig {
			if err := r.load(); err != nil {
				log.Error("TLS certificate not reloaded; the previous one stays in use", "err", err)
				continue
			}
			log.Info("TLS certificate reloaded", "cert", certFile)
		}
	}()
	return r, nil
}

func (r *certReloader) load() error {
	c, err := tls.LoadX509KeyPair(r.certFile, r.keyFile)
	if err != nil {
		return fmt.Errorf("TLS certificate %s and key %s: %w", r.certFile, r.keyFile, err)
	}
	r.cert.Store(&c)
	return nil
}

func (r *certReloader) getCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return r.cert.Load(), nil
}

// stop stops listening for SIGHUP.
func (r *certReloader) stop() {
	signal.Stop(r.sig)
	close(r.sig)
}

// tlsConfig is the server's TLS: 1.2 at least, the certificate from r.
func (r *certReloader) tlsConfig() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: r.getCertificate}
}

// checkPlainHTTP refuses to serve plain HTTP on an address other hosts can
// reach, unless the operator says that a proxy terminates TLS in front.
func checkPlainHTTP(addr string, insecure bool) error {
	if insecure {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %q: %v", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return usagef("refusing plain HTTP on %s, which other hosts can reach: give --tls-cert and --tls-key, "+
		"or --insecure-http if a proxy in front terminates TLS", addr)
}
