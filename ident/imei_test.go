package ident_test

import (
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

func TestParseIMEI(t *testing.T) {
	imei := func(v string) kuzet.Indicator { return kuzet.Indicator{Kind: kuzet.KindIMEI, Value: v, TAC: v[:8]} }
	want := imei("490154203237518")
	runAccept(t, ident.ParseIMEI, []acceptCase{
		{"15 digits", "490154203237518", want},
		{"printed groups", "49-015420-323751-8", want},
		{"spaces", " 49 015420 323751 8 ", want},
		{"14 digits, check digit computed", "49015420323751", want},
		{"IMEISV", "4901542032375101", want},
		{"IMEISV with slash", "49015420323751/01", want},
		{"another handset", "35 209900 176148 1", imei("352099001761481")},
		{"check digit 0", "35209900176144", imei("352099001761440")},
		{"check digit 9", "35209900176149", imei("352099001761499")},
	})
	runReject(t, ident.ParseIMEI, []rejectCase{
		{"wrong check digit", "490154203237517"},
		{"13 digits", "4901542032375"},
		{"17 digits", "49015420323751801"},
		{"all zeros", "00000000000000"},
		{"all zeros with check digit", "000000000000000"},
		{"letter", "4901542032375a8"},
	})
}
