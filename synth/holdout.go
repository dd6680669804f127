package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/kuzet/kuzet"
)

// The holdout simulation is a second generator of payments, written apart
// from the first (Payments) and on other assumptions, to measure the
// payment rules on traffic they were not tuned on. Its honest customers do
// what the rules find hardest to tell from fraud: they are called from
// abroad by relatives and send money right after, buy a car or a flat from
// a new payee after a phone call with the seller, pay at night, pay their
// bills in a burst, pay private people they never paid before. Its scams
// also come by messenger, with no call at all, and with amounts near what
// the payer usually sends. Nothing in it may be changed to suit the rules:
// its figures are the unseen ones (docs/payments.md).

// Kinds of honest payment only the holdout makes.
const (
	PayAfterAbroadCall PaymentKind = "family_after_abroad_call"   // a relative called from abroad, then the customer pays
	PayAfterSellerCall PaymentKind = "purchase_after_seller_call" // a car or a flat, to a new payee, after the seller's call
	PayNight           PaymentKind = "night"                      // a shift worker's payments between midnight and six
	PayBills           PaymentKind = "bills"                      // the month's bills, one after another
	PayPeer            PaymentKind = "peer"                       // a private person paid for the first time (a marketplace, a friend)
)

// SchemeMessengerNearHabit is a messenger scam (a "relative in trouble", a
// fake buyer) asking for a sum near what the victim usually sends, to a
// new payee, with no call on any telecom network.
const SchemeMessengerNearHabit = "messenger_near_habit"

// HoldoutConfig sets up the holdout simulation. Zero fields take the
// defaults in brackets.
type HoldoutConfig struct {
	Seed        uint64
	Start       time.Time // the first day, from its midnight in Kazakhstan [Monday 2 June 2025]
	Days        int       // [28]; the first quarter (at most 7 days) builds habits
	Customers   int       // [3,000]
	ScamsPerDay float64   // [14]
}

type hoCustomer struct {
	simAccount
	id, device, ip, region string
	habit                  float64 // median everyday payment, KZT
	salary                 float64
	employer               int
	nightOwl               bool     // works nights: pays between midnight and six
	relative               string   // a relative abroad who calls, E.164; "" for none
	relativeAcct           simPayee // where money for the relative goes
	family                 []simPayee
	shops                  []int
	bills                  []int // utilities, phone, rent: paid in one sitting early in the month
}

type hoGen struct {
	c         *Country
	cfg       HoldoutConfig
	r         *rand.Rand
	customers []hoCustomer
	employers []simAccount
	merchants []simAccount
	mules     []simMule
	events    []Event
	seq       int
	scams     int
}

// Holdout simulates the holdout's payments (see above). Like Payments, it
// depends only on cfg.
func (c *Country) Holdout(cfg HoldoutConfig) *PaymentWorld {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2025, 6, 2, 0, 0, 0, 0, payZone)
	}
	if cfg.Days <= 0 {
		cfg.Days = 28
	}
	if cfg.Customers <= 0 {
		cfg.Customers = 3000
	}
	if cfg.ScamsPerDay <= 0 {
		cfg.ScamsPerDay = 14
	}
	g := &hoGen{c: c, cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed^0x686f6c646f7574, cfg.Seed+1))}
	g.build()
	warm := min(7, cfg.Days/4)
	g.history(warm)
	for d := range cfg.Days {
		g.day(d)
	}
	g.scamsAll(warm)
	slices.SortStableFunc(g.events, func(a, b Event) int { return a.At.Compare(b.At) })
	w := &PaymentWorld{Config: PaymentConfig{Seed: cfg.Seed, Start: cfg.Start, Days: cfg.Days, Customers: cfg.Customers,
		ScamsPerDay: cfg.ScamsPerDay}, Events: g.events, EvalFrom: cfg.Start.AddDate(0, 0, warm)}
	// The registry knows a fifth of the mules from the start.
	for i, m := range g.mules {
		if i%5 == 0 {
			w.Listed = append(w.Listed, Submission{Reporter: c.Banks[m.bank].Name, Kind: kuzet.KindIBAN,
				Value: m.iban, Category: kuzet.CategoryMuleAccount, Confidence: 0.9, Evidence: "confirmed fraud transfer"})
		}
	}
	return w
}

func (g *hoGen) mobile() string {
	t := g.c.Telcos[g.r.IntN(len(g.c.Telcos))]
	return fmt.Sprintf("+%s%07d", t.Prefixes[g.r.IntN(len(t.Prefixes))], g.r.IntN(10_000_000))
}

func (g *hoGen) account() simAccount {
	b := g.r.IntN(len(g.c.Banks))
	return simAccount{bank: b, iban: KZIBAN(g.c.Banks[b].BankCode, fmt.Sprintf("%013d", g.r.Int64N(1e13))), phone: g.mobile()}
}

func (g *hoGen) foreignNumber() string {
	prefixes := []string{"+7916", "+7925", "+99897", "+99655", "+90533", "+4915", "+82105", "+97150"}
	return prefixes[g.r.IntN(len(prefixes))] + fmt.Sprintf("%07d", g.r.IntN(10_000_000))
}

func (g *hoGen) logNormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*g.r.NormFloat64())
}

func (g *hoGen) payee(a simAccount, byPhone float64) simPayee {
	if g.r.Float64() < byPhone {
		return simPayee{phone: a.phone, bank: a.bank}
	}
	return simPayee{iban: a.iban, bank: a.bank}
}

func (g *hoGen) build() {
	for range 60 {
		g.employers = append(g.employers, g.account())
	}
	for range 600 {
		g.merchants = append(g.merchants, g.account())
	}
	for i := range g.cfg.Customers {
		cu := hoCustomer{simAccount: g.account(), id: fmt.Sprintf("h-%06d", i),
			device: fmt.Sprintf("hd-%016x", g.r.Uint64()),
			ip:     fmt.Sprintf("2.%d.%d.%d", 132+g.r.IntN(4), g.r.IntN(256), 1+g.r.IntN(254)),
			region: payRegions[g.r.IntN(len(payRegions))], habit: g.logNormal(12000, 0.8),
			salary: g.logNormal(420000, 0.5), employer: -1, nightOwl: g.r.Float64() < 0.08}
		if g.r.Float64() < 0.8 {
			cu.employer = g.r.IntN(len(g.employers))
		}
		if g.r.Float64() < 0.08 {
			cu.relative = g.foreignNumber()
			cu.relativeAcct = g.payee(g.account(), 0.5)
			if g.r.Float64() < 0.3 {
				cu.relativeAcct = simPayee{iban: g.foreignIBAN(), bank: -1}
			}
		}
		for range 1 + g.r.IntN(4) {
			cu.family = append(cu.family, g.payee(g.account(), 0.5))
		}
		for range 4 + g.r.IntN(8) {
			cu.shops = append(cu.shops, g.r.IntN(len(g.merchants)))
		}
		for range 2 + g.r.IntN(4) {
			cu.bills = append(cu.bills, g.r.IntN(len(g.merchants)))
		}
		g.customers = append(g.customers, cu)
	}
	for range 60 {
		g.mules = append(g.mules, simMule{simAccount: g.account()})
	}
	for i := range g.mules {
		if g.r.Float64() < 0.5 {
			m := g.mules[(i+1+g.r.IntN(len(g.mules)-1))%len(g.mules)]
			g.mules[i].next = &simPayee{iban: m.iban, bank: m.bank}
		} else {
			g.mules[i].next = &simPayee{iban: g.foreignIBAN(), bank: -1}
		}
	}
}

func (g *hoGen) foreignIBAN() string {
	return payIBAN("GE", "TB"+fmt.Sprintf("%016d", g.r.Int64N(1e16)))
}

// history: in the first days every customer pays each relative, shop and
// bill once, as months of stored checks would have told kuzet.
func (g *hoGen) history(days int) {
	if days == 0 {
		return
	}
	for i := range g.customers {
		cu := &g.customers[i]
		for _, p := range cu.family {
			g.pay(g.hour(cu, days), PayFamily, cu, p, g.logNormal(cu.habit*2, 0.7))
		}
		if cu.relative != "" {
			g.pay(g.hour(cu, days), PayFamily, cu, cu.relativeAcct, g.logNormal(cu.habit*3, 0.5))
		}
		for _, m := range cu.shops {
			g.pay(g.hour(cu, days), PayShopping, cu, g.merchantPayee(m), g.logNormal(cu.habit, 0.7))
		}
		for _, m := range cu.bills {
			g.pay(g.hour(cu, days), PayBills, cu, g.merchantPayee(m), g.logNormal(cu.habit*1.5, 0.4))
		}
	}
}

// hour returns a time within the first days at the customer's own hours.
func (g *hoGen) hour(cu *hoCustomer, days int) time.Time { return g.when(cu, g.r.IntN(days)) }

// when returns a time on day d: a night owl pays between midnight and six
// half the time; everyone else from eight to midnight, and rarely at night.
func (g *hoGen) when(cu *hoCustomer, d int) time.Time {
	var h float64
	night := 0.02
	if cu.nightOwl {
		night = 0.5
	}
	if g.r.Float64() < night {
		h = g.r.Float64() * 6
	} else {
		h = 8 + g.r.Float64()*16
	}
	return g.cfg.Start.AddDate(0, 0, d).Add(time.Duration(h * float64(time.Hour)))
}

func (g *hoGen) merchantPayee(i int) simPayee {
	m := g.merchants[i]
	return simPayee{iban: m.iban, bank: m.bank}
}

func (g *hoGen) pay(t time.Time, kind PaymentKind, cu *hoCustomer, to simPayee, units float64) *Payment {
	g.seq++
	units = math.Max(200, math.Round(units))
	pc := kuzet.PaymentCheck{
		PaymentID: fmt.Sprintf("h%07d", g.seq), Amount: kuzet.Amount(units * 100), Currency: "KZT",
		CreatedAt: t.UTC(), Channel: "mobile_app",
		Payer: kuzet.Payer{Account: cu.iban, Phone: cu.phone, CustomerID: cu.id, DeviceID: cu.device, IP: cu.ip, Region: cu.region},
		Payee: kuzet.Payee{IBAN: to.iban, Phone: to.phone},
	}
	if to.bank >= 0 {
		pc.Payee.BankBIC = g.c.Banks[to.bank].BIC
	}
	p := &Payment{Kind: kind, BankBIC: g.c.Banks[cu.bank].BIC, Check: pc}
	g.events = append(g.events, Event{At: t.UTC(), Payment: p})
	return p
}

func (g *hoGen) call(t time.Time, a, b string, in kuzet.Ingress, registered, scam bool) {
	g.seq++
	g.events = append(g.events, Event{At: t.UTC(), Call: &EventCall{A: a, B: b, At: t.UTC(),
		CallID: fmt.Sprintf("hc%07d", g.seq), Ingress: in, Registered: registered, Scam: scam,
		Foreign: in == kuzet.IngressInternational, Unverified: !registered && in != kuzet.IngressInternational}})
}

func (g *hoGen) day(d int) {
	date := g.cfg.Start.AddDate(0, 0, d)
	if date.Day() == 10 || date.Day() == 25 {
		g.salaries(d)
	}
	for i := range g.customers {
		cu := &g.customers[i]
		for range payPoisson(g.r, 0.7) {
			to := g.merchantPayee(cu.shops[g.r.IntN(len(cu.shops))])
			kind := PayShopping
			if g.r.Float64() < 0.15 {
				to = g.merchantPayee(g.r.IntN(len(g.merchants)))
			}
			t := g.when(cu, d)
			if h := t.Sub(date).Hours(); h < 6 {
				kind = PayNight
			}
			if g.r.Float64() < 0.06 {
				// A courier or a taxi driver calls first.
				g.call(t.Add(-time.Duration(1+g.r.IntN(15))*time.Minute), g.mobile(), cu.phone, kuzet.IngressDomestic, true, false)
			}
			g.pay(t, kind, cu, to, g.logNormal(cu.habit, 0.7))
		}
		for range payPoisson(g.r, 0.12) {
			g.pay(g.when(cu, d), PayFamily, cu, cu.family[g.r.IntN(len(cu.family))], g.logNormal(cu.habit*2, 0.7))
		}
		if g.r.Float64() < 0.02 {
			// Someone new: a marketplace seller, a friend's share of a dinner.
			a := g.account()
			g.pay(g.when(cu, d), PayPeer, cu, g.payee(a, 0.7), g.logNormal(cu.habit*1.5, 0.8))
		}
		if date.Day() == 1+i%5 {
			g.bills(d, cu)
		}
		if cu.relative != "" && g.r.Float64() < 0.15 {
			g.relativeCalls(d, cu)
		}
		if g.r.Float64() < 0.0012 {
			g.bigPurchase(d, cu)
		}
	}
}

// bills: the month's bills paid one after another in a few minutes.
func (g *hoGen) bills(d int, cu *hoCustomer) {
	t := g.when(cu, d)
	for _, m := range cu.bills {
		g.pay(t, PayBills, cu, g.merchantPayee(m), g.logNormal(cu.habit*1.5, 0.4))
		t = t.Add(time.Duration(30+g.r.IntN(150)) * time.Second)
	}
}

// relativeCalls: the relative abroad calls, and often the customer sends
// money within the quarter hour — now and then to a new account the
// relative names, and sometimes more than usual.
func (g *hoGen) relativeCalls(d int, cu *hoCustomer) {
	t := g.when(cu, d)
	g.call(t, cu.relative, cu.phone, kuzet.IngressInternational, false, false)
	if g.r.Float64() < 0.6 {
		to := cu.relativeAcct
		if g.r.Float64() < 0.15 {
			to = g.payee(g.account(), 0.5)
		}
		g.pay(t.Add(time.Duration(2+g.r.IntN(13))*time.Minute), PayAfterAbroadCall, cu, to, g.logNormal(cu.habit*4, 0.6))
	}
}

// bigPurchase: a car or a flat. The seller, a private person, calls the
// buyer, who pays a deposit to the seller's account soon after, and at
// times the rest a day or two later.
func (g *hoGen) bigPurchase(d int, cu *hoCustomer) {
	seller := g.account()
	t := g.when(cu, d)
	if h := t.Sub(g.cfg.Start.AddDate(0, 0, d)).Hours(); h < 8 {
		t = t.Add(10 * time.Hour) // nobody sells a car at four in the morning
	}
	g.call(t, seller.phone, cu.phone, kuzet.IngressDomestic, true, false)
	price := math.Round(cu.salary * (8 + 80*g.r.Float64()))
	to := g.payee(seller, 0.3)
	if g.r.Float64() < 0.5 {
		g.pay(t.Add(time.Duration(3+g.r.IntN(40))*time.Minute), PayAfterSellerCall, cu, to, price)
		return
	}
	deposit := math.Round(price * (0.05 + 0.15*g.r.Float64()))
	g.pay(t.Add(time.Duration(3+g.r.IntN(40))*time.Minute), PayAfterSellerCall, cu, to, deposit)
	g.pay(t.Add(time.Duration(24+g.r.IntN(48))*time.Hour), PayPurchase, cu, to, price-deposit)
}

func (g *hoGen) salaries(d int) {
	for e, emp := range g.employers {
		t := g.cfg.Start.AddDate(0, 0, d).Add(10*time.Hour + time.Duration(g.r.IntN(4*3600))*time.Second)
		payer := hoCustomer{simAccount: emp, id: fmt.Sprintf("hemp-%03d", e), region: payRegions[e%len(payRegions)],
			device: fmt.Sprintf("hhsm-%03d", e)}
		for i := range g.customers {
			cu := &g.customers[i]
			if cu.employer != e {
				continue
			}
			t = t.Add(time.Duration(1+g.r.IntN(10)) * time.Second)
			g.pay(t, PaySalary, &payer, simPayee{iban: cu.iban, bank: cu.bank}, cu.salary/2)
		}
	}
}

// scamsAll: scams from the end of the warm-up on; a call centre uses a
// mule for two to eight victims.
func (g *hoGen) scamsAll(warm int) {
	days := g.cfg.Days - warm
	n := int(g.cfg.ScamsPerDay * float64(days))
	times := make([]time.Time, n)
	for i := range times {
		h := 9 + g.r.Float64()*13
		if g.r.Float64() < 0.1 {
			h = g.r.Float64() * 3 // and in the small hours
		}
		times[i] = g.cfg.Start.AddDate(0, 0, warm+g.r.IntN(days)).Add(time.Duration(h * float64(time.Hour)))
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	mule, left := 0, 0
	for _, t := range times {
		if left == 0 {
			mule, left = g.r.IntN(len(g.mules)), 2+g.r.IntN(7)
		}
		left--
		g.scam(t, &g.mules[mule])
	}
}

func (g *hoGen) scam(t0 time.Time, m *simMule) {
	g.scams++
	id := g.scams
	cu := &g.customers[g.r.IntN(len(g.customers))]
	bank := g.c.Banks[g.r.IntN(len(g.c.Banks))]
	var scheme, caller string
	total := math.Round(cu.habit * (5 + 60*g.r.Float64()))
	switch x := g.r.Float64(); {
	case x < 0.30:
		scheme, caller = SchemeSpoofedHotline, bank.Hotline
		g.call(t0, caller, cu.phone, kuzet.IngressInternational, false, true)
	case x < 0.48:
		scheme, caller = SchemeForeignCaller, g.foreignNumber()
		g.call(t0, caller, cu.phone, kuzet.IngressInternational, false, true)
	case x < 0.60:
		scheme, caller = SchemeDomesticSpoofed, g.mobile()
		g.call(t0, caller, cu.phone, kuzet.IngressDomestic, false, true)
	case x < 0.72:
		scheme, caller = SchemeSimbox, g.mobile()
		g.call(t0, caller, cu.phone, kuzet.IngressDomestic, true, true)
	case x < 0.84:
		scheme = SchemeMessenger
	default:
		scheme = SchemeMessengerNearHabit
		total = math.Round(cu.habit * (0.7 + 2.3*g.r.Float64()))
	}
	parts := 1
	if x := g.r.Float64(); x < 0.25 {
		parts = 2 + g.r.IntN(3)
	}
	to := g.payee(m.simAccount, 0.3)
	t := t0.Add(time.Duration(2+g.r.IntN(17)) * time.Minute)
	var transfers []kuzet.Transfer
	var sent kuzet.Amount
	for i := range parts {
		p := g.pay(t, PayScam, cu, to, total/float64(parts))
		p.Scheme, p.ScamID = scheme, id
		transfers = append(transfers, kuzet.Transfer{FromBankBIC: g.c.Banks[cu.bank].BIC, ToIBAN: m.iban,
			ToBankBIC: g.c.Banks[m.bank].BIC, Amount: p.Check.Amount, At: t.UTC()})
		sent += p.Check.Amount
		if i < parts-1 {
			t = t.Add(time.Duration(1+g.r.IntN(6)) * time.Minute)
		}
	}
	fwdAt := t.Add(time.Duration(5+g.r.IntN(55)) * time.Minute)
	fwd := kuzet.Amount(math.Round(float64(sent)*(0.5+0.45*g.r.Float64())/100) * 100)
	mulePayer := hoCustomer{simAccount: m.simAccount, id: "hacct-" + m.iban[len(m.iban)-6:], region: payRegions[m.bank],
		device: fmt.Sprintf("hmule-%d", m.bank)}
	if fwd > 0 {
		p := g.pay(fwdAt, PayMuleForward, &mulePayer, *m.next, fwd.Units())
		p.Scheme, p.ScamID = scheme, id
	}
	hops := map[string]Hop{m.iban: {BankBIC: g.c.Banks[m.bank].BIC, Frozen: sent - fwd,
		Onward: []kuzet.Transfer{{ToIBAN: m.next.iban, Amount: fwd, At: fwdAt.UTC()}}}}
	if m.next.bank >= 0 {
		hops[m.iban].Onward[0].ToBankBIC = g.c.Banks[m.next.bank].BIC
		hops[m.next.iban] = Hop{BankBIC: g.c.Banks[m.next.bank].BIC, Frozen: fwd}
	}
	// Four victims in five report, from within the hour to two days later.
	if g.r.Float64() >= 0.8 {
		return
	}
	delay := time.Duration(20+g.r.IntN(48*60)) * time.Minute
	if g.r.Float64() < 0.5 {
		delay = time.Duration(20+g.r.IntN(180)) * time.Minute
	}
	rep := &Report{ScamID: id, Victim: kuzet.Victim{Name: fmt.Sprintf("Holdout victim %d", id), Phone: cu.phone, Region: cu.region},
		Channel: "phone_call", Scheme: "fake_bank_security", AmountLost: sent, Currency: "KZT", Transfers: transfers,
		Hops: hops, Description: "I was talked into sending money to an account the caller gave me."}
	if scheme == SchemeMessenger || scheme == SchemeMessengerNearHabit {
		rep.Channel, rep.Scheme = "messenger", "relative_in_trouble"
	} else {
		rep.Indicators = []kuzet.Indicator{{Kind: kuzet.KindPhone, Value: caller}}
	}
	g.events = append(g.events, Event{At: t.Add(delay).UTC(), Report: rep})
}
