package freeze

import (
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// banks is the directory of the exchange's banks, by BIC and by the bank
// code their KZ IBANs carry, to address freeze requests.
type banks struct {
	byBIC  map[string]*kuzet.Org // the 8-character BIC: a branch's BIC11 reaches its bank
	byCode map[string]*kuzet.Org
}

func newBanks(orgs []*kuzet.Org) *banks {
	d := &banks{byBIC: map[string]*kuzet.Org{}, byCode: map[string]*kuzet.Org{}}
	for _, o := range orgs {
		if o.Type != kuzet.OrgBank {
			continue
		}
		if len(o.BIC) >= 8 {
			d.byBIC[strings.ToUpper(o.BIC[:8])] = o
		}
		if o.BankCode != "" {
			d.byCode[o.BankCode] = o
		}
	}
	return d
}

// route returns the bank that holds iban (normalized): the one of the
// given BIC if the exchange knows it, else the one whose bank code the KZ
// IBAN carries; nil if neither is a member, and the money left the system.
func (d *banks) route(bic, iban string) *kuzet.Org {
	if len(bic) >= 8 {
		if o := d.byBIC[bic[:8]]; o != nil {
			return o
		}
	}
	if len(iban) == 20 && strings.HasPrefix(iban, "KZ") {
		return d.byCode[iban[4:7]]
	}
	return nil
}

// addBusinessDays returns t moved n working days (Monday to Friday, in
// Kazakhstan's time) ahead: the legal limit of a freeze. Public holidays
// are not modelled, which errs on the short side.
func addBusinessDays(t time.Time, n int) time.Time {
	local := t.In(kuzet.Almaty)
	for n > 0 {
		local = local.AddDate(0, 0, 1)
		if wd := local.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return local.UTC()
}
