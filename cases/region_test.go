package cases_test

import (
	"context"
	"slices"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/sqlite"
)

// TestReportRegions: a report's region is filed under the listed name,
// whatever its case or older spelling; one off the list is kept as filed
// and flagged.
func TestReportRegions(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	police := &kuzet.Org{Name: "Police", Type: kuzet.OrgPolice}
	err = kuzet.Transact(ctx, db, true, func(tx kuzet.Tx) error { return tx.CreateOrg(ctx, police) })
	if err != nil {
		t.Fatal(err)
	}
	svc := cases.NewService(cases.Config{Store: db})
	for i, tc := range []struct{ in, want, flag string }{
		{"Zhetysu", "Jetisu", ""},
		{" almaty region ", "Almaty Region", ""},
		{"Turkestan", "Turkistan", ""},
		{"Nur-Sultan", "Astana", ""},
		{"Narnia", "Narnia", cases.FlagUnknownRegion},
	} {
		r := &kuzet.VictimReport{ID: kuzet.NewID("rep_"), OrgID: police.ID, Currency: "KZT",
			Victim: kuzet.Victim{Name: "V", Phone: "+7701100000" + string(rune('0'+i)), Region: tc.in}}
		var f *kuzet.CaseFiling
		err := kuzet.Transact(ctx, db, true, func(tx kuzet.Tx) error {
			if err := tx.CreateVictimReport(ctx, r); err != nil {
				return err
			}
			var err error
			f, err = svc.FileReport(ctx, tx, r)
			return err
		})
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if r.Victim.Region != tc.want || slices.Contains(f.Flags, cases.FlagUnknownRegion) != (tc.flag != "") {
			t.Errorf("%q: filed under %q with flags %v, want %q flagged %v", tc.in, r.Victim.Region, f.Flags, tc.want, tc.flag != "")
		}
	}
}
