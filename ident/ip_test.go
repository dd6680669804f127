package ident_test

import (
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

func TestParseIP(t *testing.T) {
	ip := func(v string) kuzet.Indicator { return kuzet.Indicator{Kind: kuzet.KindIP, Value: v} }
	runAccept(t, ident.ParseIP, []acceptCase{
		{"IPv4", "192.168.0.1", ip("192.168.0.1")},
		{"padded", " 8.8.8.8\n", ip("8.8.8.8")},
		{"IPv6 long form", "2001:DB8:0:0:0:0:0:1", ip("2001:db8::1")},
		{"IPv6 in brackets", "[2001:db8::1]", ip("2001:db8::1")},
		{"IPv4-mapped", "::ffff:192.0.2.1", ip("192.0.2.1")},
		{"IPv4-mapped hex", "::ffff:c000:201", ip("192.0.2.1")},
		{"loopback", "::1", ip("::1")},
		{"zero run", "2001:db8:0:1:0:0:0:1", ip("2001:db8:0:1::1")},
	})
	runReject(t, ident.ParseIP, []rejectCase{
		{"octet too big", "256.0.0.1"},
		{"three octets", "1.2.3"},
		{"leading zero", "010.1.1.1"},
		{"zone", "fe80::1%eth0"},
		{"prefix", "10.0.0.0/8"},
		{"domain", "example.com"},
		{"port", "1.2.3.4:80"},
		{"decimal form", "3232235777"},
	})
}
