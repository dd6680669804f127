// Package synth is a synthetic country for the demo, the tests and load
// tests: its banks and operators, their subscribers, and the fraud that
// runs through them. Everything is derived from a seed, so a run can be
// repeated exactly.
package synth

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/kuzet/kuzet"
)

// Bank is a bank of the synthetic country.
type Bank struct {
	Name     string
	BIC      string
	BankCode string   // the 3-digit code in its KZ IBANs
	Domains  []string // official web domains
	Hotline  string   // official customer-service number, E.164
}

// Telco is a mobile operator.
type Telco struct {
	Name     string
	Prefixes []string // E.164 digits without '+'
}

// Country holds the organisations of the synthetic country.
type Country struct {
	Banks  []Bank
	Telcos []Telco // the mobile operators, members of the exchange
	// FixedLine are the fixed-line operators, members too: their ranges
	// hold the banks' hotlines, so that a call presenting one must be
	// registered like any other.
	FixedLine []Telco
	// Unconnected are mobile operators not connected to the exchange (yet):
	// their subscribers' calls cannot be verified and must still pass.
	Unconnected []Telco
	rng         *rand.Rand
}

// New returns the country for seed.
func New(seed uint64) *Country {
	return &Country{
		rng: rand.New(rand.NewPCG(seed, seed^0x6b757a6574)),
		Banks: []Bank{
			{"Kaspi Bank", "CASPKZKA", "722", []string{"kaspi.kz"}, "+77272585965"},
			{"Halyk Bank", "HSBKKZKX", "601", []string{"halykbank.kz", "homebank.kz"}, "+77272596000"},
			{"ForteBank", "IRTYKZKA", "996", []string{"fortebank.com"}, "+77172587700"},
			{"Bank CenterCredit", "KCJBKZKX", "856", []string{"bcc.kz"}, "+77272598585"},
			{"Jusan Bank", "TSESKZKA", "998", []string{"jusan.kz"}, "+77172591010"},
			{"Freedom Bank", "KSNVKZKA", "965", []string{"bankffin.kz"}, "+77272595959"},
			{"Eurasian Bank", "EURIKZKA", "948", []string{"eubank.kz"}, "+77272598000"},
			{"Home Credit Bank", "INLMKZKA", "886", []string{"homecredit.kz"}, "+77272596060"},
		},
		Telcos: []Telco{
			{"Kcell", []string{"7701", "7702", "7775", "7778"}},
			{"Beeline KZ", []string{"7705", "7771", "7776", "7777"}},
			{"Tele2 Altel", []string{"7700", "7707", "7708", "7747"}},
		},
		FixedLine:   []Telco{{"Kazakhtelecom", []string{"771", "772"}}},
		Unconnected: []Telco{{"Izi Mobile", []string{"7703", "7704"}}},
	}
}

// Orgs returns every organisation of the country, police, regulator,
// a foreign partner and the public portal included; the unconnected
// operators are not members.
func (c *Country) Orgs() []kuzet.Org {
	orgs := []kuzet.Org{
		{Name: "Cybercrime Department", Type: kuzet.OrgPolice},
		{Name: "Internet Regulator", Type: kuzet.OrgRegulator},
		{Name: "Partner Police (UZ)", Type: kuzet.OrgPartner},
		{Name: "Citizens' Portal", Type: kuzet.OrgPublic},
	}
	for _, b := range c.Banks {
		orgs = append(orgs, kuzet.Org{Name: b.Name, Type: kuzet.OrgBank, BIC: b.BIC, BankCode: b.BankCode})
	}
	for _, t := range append(slices.Clone(c.Telcos), c.FixedLine...) {
		orgs = append(orgs, kuzet.Org{Name: t.Name, Type: kuzet.OrgTelco, Prefixes: t.Prefixes})
	}
	return orgs
}

// Mobile returns a random mobile number of the country, E.164.
func (c *Country) Mobile() string {
	t := c.Telcos[c.rng.IntN(len(c.Telcos))]
	p := t.Prefixes[c.rng.IntN(len(t.Prefixes))]
	return fmt.Sprintf("+%s%07d", p, c.rng.IntN(10_000_000))
}

// IBAN returns a valid KZ IBAN at bank b.
func (c *Country) IBAN(b Bank) string {
	return KZIBAN(b.BankCode, fmt.Sprintf("%013d", c.rng.Int64N(1e13)))
}

// KZIBAN returns the KZ IBAN for a 3-digit bank code and a 13-character
// account part, with its check digits.
func KZIBAN(bankCode, account string) string {
	bban := bankCode + account
	var digits strings.Builder
	for _, r := range bban + "KZ00" {
		if r >= 'A' && r <= 'Z' {
			fmt.Fprintf(&digits, "%d", r-'A'+10)
		} else {
			digits.WriteRune(r)
		}
	}
	n, _ := new(big.Int).SetString(digits.String(), 10)
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("KZ%02d%s", check, bban)
}

// luhnDigit returns the check digit that makes body+digit pass Luhn.
func luhnDigit(body string) byte {
	sum := 0
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if (len(body)-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

// Card returns a Luhn-valid 16-digit card number with a KZ-issued BIN.
func (c *Country) Card() string {
	bins := []string{"440043", "400303", "521324", "535614", "220070"}
	body := bins[c.rng.IntN(len(bins))] + fmt.Sprintf("%09d", c.rng.IntN(1e9))
	return body + string(luhnDigit(body))
}

// IMEI returns a Luhn-valid 15-digit IMEI.
func (c *Country) IMEI() string {
	tacs := []string{"35332011", "86891203", "35891603", "86735104"}
	body := tacs[c.rng.IntN(len(tacs))] + fmt.Sprintf("%06d", c.rng.IntN(1e6))
	return body + string(luhnDigit(body))
}

// messyPhone writes an E.164 KZ number the way people type it.
func (c *Country) messyPhone(e164 string) string {
	d := strings.TrimPrefix(e164, "+7")
	switch c.rng.IntN(5) {
	case 0:
		return fmt.Sprintf("8 (%s) %s-%s-%s", d[:3], d[3:6], d[6:8], d[8:])
	case 1:
		return fmt.Sprintf("+7 %s %s %s %s", d[:3], d[3:6], d[6:8], d[8:])
	case 2:
		return "8" + d
	case 3:
		return "7" + d
	}
	return e164
}

// Submission is one report of the seeded data, attributed to an
// organisation by name.
type Submission struct {
	Reporter   string
	Kind       kuzet.Kind
	Value      string // as the reporter typed it
	Category   kuzet.Category
	Confidence float64
	Evidence   string
}

var brandStems = []string{"kaspi", "halyk", "homebank", "forte", "jusan", "bcc", "egov", "kolesa", "olx", "kazpost"}
var lureWords = []string{"bonus", "pay", "login", "verify", "kabinet", "oplata", "vyplata", "dostavka", "aktsiya", "secure"}
var shadyTLDs = []string{"top", "xyz", "site", "online", "icu", "kz", "com", "shop"}

// PhishingDomain returns a domain imitating a brand of the country.
func (c *Country) PhishingDomain() string {
	stem := brandStems[c.rng.IntN(len(brandStems))]
	word := lureWords[c.rng.IntN(len(lureWords))]
	tld := shadyTLDs[c.rng.IntN(len(shadyTLDs))]
	switch c.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("%s-%s.%s", stem, word, tld)
	case 1:
		return fmt.Sprintf("%s.kz.%s-%d.%s", stem, word, c.rng.IntN(100), tld)
	case 2:
		return fmt.Sprintf("%s%s.%s", word, stem, tld)
	}
	// A Cyrillic "а" or "о" in place of the Latin letter.
	s := strings.Replace(stem, "a", "а", 1)
	s = strings.Replace(s, "o", "о", 1)
	return fmt.Sprintf("%s-%s.kz", s, word)
}

// Indicators returns n reports of the kinds and categories seen in the
// country's fraud, spread over the organisations that would report them.
func (c *Country) Indicators(n int) []Submission {
	police := "Cybercrime Department"
	out := make([]Submission, 0, n)
	for len(out) < n {
		bank := c.Banks[c.rng.IntN(len(c.Banks))]
		telco := c.Telcos[c.rng.IntN(len(c.Telcos))]
		conf := 0.5 + float64(c.rng.IntN(50))/100
		var s Submission
		switch k := c.rng.IntN(100); {
		case k < 30:
			s = Submission{police, kuzet.KindPhone, c.messyPhone(c.Mobile()), kuzet.CategoryScamCall, conf, "victim statements"}
		case k < 38:
			s = Submission{telco.Name, kuzet.KindPhone, c.Mobile(), kuzet.CategorySimboxSIM, conf, "CDR analysis"}
		case k < 58:
			s = Submission{bank.Name, kuzet.KindIBAN, c.IBAN(c.Banks[c.rng.IntN(len(c.Banks))]), kuzet.CategoryMuleAccount, conf, "confirmed fraud transfer"}
		case k < 66:
			s = Submission{bank.Name, kuzet.KindCard, c.Card(), kuzet.CategoryMuleAccount, conf, "card-to-card cash-out"}
		case k < 80:
			s = Submission{police, kuzet.KindDomain, c.PhishingDomain(), kuzet.CategoryPhishingSite, conf, "brand look-alike"}
		case k < 85:
			s = Submission{police, kuzet.KindURL, "https://" + c.PhishingDomain() + "/login", kuzet.CategoryPhishingSite, conf, "citizen report"}
		case k < 89:
			s = Submission{telco.Name, kuzet.KindIMEI, c.IMEI(), kuzet.CategorySimboxSIM, conf, "SIM-box handset"}
		case k < 93:
			s = Submission{police, kuzet.KindIP, fmt.Sprintf("185.%d.%d.%d", c.rng.IntN(256), c.rng.IntN(256), 1+c.rng.IntN(254)), kuzet.CategoryMalware, conf, "banking trojan C2"}
		case k < 96:
			s = Submission{police, kuzet.KindWallet, fmt.Sprintf("0x%016x%016x%08x", c.rng.Uint64(), c.rng.Uint64(), c.rng.Uint32()), kuzet.CategoryInvestmentScam, conf, "fake exchange deposit address"}
		default:
			s = Submission{police, kuzet.KindEmail, fmt.Sprintf("support%d@%s-help.com", c.rng.IntN(1000), brandStems[c.rng.IntN(len(brandStems))]), kuzet.CategoryFakeShop, conf, "fake shop contact"}
		}
		out = append(out, s)
	}
	return out
}

// Allowlist returns the official numbers and domains of the country's
// banks, as (kind, value, reason).
func (c *Country) Allowlist() []Submission {
	var out []Submission
	for _, b := range c.Banks {
		out = append(out, Submission{Kind: kuzet.KindPhone, Value: b.Hotline, Evidence: b.Name + " official hotline"})
		for _, d := range b.Domains {
			out = append(out, Submission{Kind: kuzet.KindDomain, Value: d, Evidence: b.Name + " official site"})
		}
	}
	return out
}
