package synth

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// PaymentConfig sets up the payments of the synthetic country. Zero fields
// take the defaults in brackets.
type PaymentConfig struct {
	Seed        uint64
	Start       time.Time // the first day, from its midnight in Kazakhstan [Monday 3 March 2025]
	Days        int       // [28]
	Customers   int       // people with an account [3,000]
	Employers   int       // companies paying salaries [40]
	Merchants   int       // shops and services [300]
	Mules       int       // money-mule accounts [40]
	ScamsPerDay float64   // [12]
	// ListedMules is the share of mule accounts the registry knows from the
	// start [0.25].
	ListedMules float64
}

// PaymentKind labels a simulated payment.
type PaymentKind string

// Payment kinds. Scam payments are the victims' own transfers to mules;
// mule_forward ones are mules moving the money on. Purchase is a rare,
// legitimate large payment to someone new (a car, a deposit).
const (
	PaySalary      PaymentKind = "salary"
	PayShopping    PaymentKind = "shopping"
	PayFamily      PaymentKind = "family"
	PayPurchase    PaymentKind = "purchase"
	PayScam        PaymentKind = "scam"
	PayMuleForward PaymentKind = "mule_forward"
)

// Fraud reports whether payments of kind k are part of a fraud.
func (k PaymentKind) Fraud() bool { return k == PayScam || k == PayMuleForward }

// Scam schemes: how the fraudster reached the victim. All but messenger
// pass through a telecom network that kuzet verifies.
const (
	SchemeSpoofedHotline  = "spoofed_hotline"  // a bank's hotline number, from abroad: unverified and foreign
	SchemeForeignCaller   = "foreign_caller"   // a foreign number posing as bank security: foreign
	SchemeDomesticSpoofed = "domestic_spoofed" // a domestic number no operator originated: unverified
	SchemeSimbox          = "simbox"           // a real domestic SIM in a SIM box: only a first-time caller
	SchemeMessenger       = "messenger"        // an internet call: no telecom signal at all
)

// Event is one thing that happens, in time order: a call, a payment to
// check, or a victim's report. Exactly one of the pointers is set.
type Event struct {
	At      time.Time
	Call    *EventCall
	Payment *Payment
	Report  *Report
}

// EventCall is a call that matters to payments: a scammer's, or a relative's
// from abroad, or a first call from a courier. Foreign, Unverified and
// FirstTime say what the telecom check makes of it, for tests that feed
// signals without a telecom engine; Registered says whether the
// originating operator registered it, which decides the same for a real
// engine.
type EventCall struct {
	A, B       string // E.164
	At         time.Time
	CallID     string
	Ingress    kuzet.Ingress
	Registered bool
	Foreign    bool
	Unverified bool
	FirstTime  bool
	Scam       bool
}

// Payment is a payment for a bank to check.
type Payment struct {
	Kind    PaymentKind
	Scheme  string // for scams
	BankBIC string // the payer's bank, which checks it
	ScamID  int    // for scam and mule_forward payments: which scam; 0 otherwise
	Check   kuzet.PaymentCheck
}

// Report is a victim's report of a scam, with the truth of where the
// money went: Hops gives, for each account the trail reaches, what its
// bank would answer a freeze request with.
type Report struct {
	ScamID      int
	Victim      kuzet.Victim
	Channel     string
	Scheme      string
	Description string
	AmountLost  kuzet.Amount
	Currency    string
	Indicators  []kuzet.Indicator // kind and value as the victim gives them
	Transfers   []kuzet.Transfer
	Hops        map[string]Hop // by receiving IBAN
}

// Hop is a bank's true answer about one account on a trail.
type Hop struct {
	BankBIC string
	Frozen  kuzet.Amount     // what is still there
	Onward  []kuzet.Transfer // where the rest went
}

// PaymentWorld is the simulated payments: the events in time order, and the
// registry's knowledge at the start.
type PaymentWorld struct {
	Config PaymentConfig
	Events []Event
	// Listed are mule accounts reported before the simulation starts, as
	// a bank reports them.
	Listed []Submission
	// EvalFrom is when the memory of payers and payees is warm: checks
	// before it (the first week) build habits, after it they count.
	EvalFrom time.Time
}

// payRegions of Kazakhstan, for customers and victims.
var payRegions = []string{"Almaty", "Astana", "Shymkent", "Almaty Region", "Karaganda", "Aktobe", "Atyrau",
	"Mangystau", "Pavlodar", "East Kazakhstan", "West Kazakhstan", "Kostanay", "Kyzylorda", "Turkestan",
	"Zhambyl", "North Kazakhstan", "Akmola", "Abai", "Zhetysu", "Ulytau"}

// callerPrefixes are where call centres call from.
var callerPrefixes = []string{"+44770090", "+90532", "+380661", "+99290", "+37529", "+8613"}

type simAccount struct {
	bank  int
	iban  string
	phone string
}

type simCustomer struct {
	simAccount
	id       string
	device   string
	ip       string
	region   string
	habit    float64 // median payment, KZT
	salary   float64
	employer int // -1: none
	family   []simPayee
	shops    []int // favourite merchants
	abroad   bool  // has relatives abroad who call
}

type simPayee struct {
	iban, phone string
	bank        int
}

type simMule struct {
	simAccount
	next *simPayee // where it forwards: another mule's account, or abroad (bank -1)
}

// paymentGen holds the generation state.
type paymentGen struct {
	c         *Country
	cfg       PaymentConfig
	r         *rand.Rand
	customers []simCustomer
	employers []simAccount
	merchants []simAccount
	mules     []simMule
	events    []Event
	seq       int
	scams     int
}

// Payments simulates cfg.Days of payments in the country: salaries,
// shopping, family transfers and the odd large purchase, and scams in
// which a caller posing as bank security talks a customer into sending
// savings to a mule, who forwards it on. It depends only on cfg (the
// seed included), not on what else was drawn from the country.
func (c *Country) Payments(cfg PaymentConfig) *PaymentWorld {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2025, 3, 3, 0, 0, 0, 0, payZone)
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&cfg.Days, 28)
	def(&cfg.Customers, 3000)
	def(&cfg.Employers, 40)
	def(&cfg.Merchants, 300)
	def(&cfg.Mules, 40)
	if cfg.ScamsPerDay <= 0 {
		cfg.ScamsPerDay = 12
	}
	if cfg.ListedMules <= 0 {
		cfg.ListedMules = 0.25
	}
	g := &paymentGen{c: c, cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x7061796d656e7473))}
	g.build()
	warm := min(7, cfg.Days/4)
	g.history(warm)
	for d := range cfg.Days {
		g.day(d)
	}
	g.scamsAll()
	slices.SortStableFunc(g.events, func(a, b Event) int { return a.At.Compare(b.At) })
	w := &PaymentWorld{Config: cfg, Events: g.events, EvalFrom: cfg.Start.AddDate(0, 0, warm)}
	for i, m := range g.mules {
		if float64(i) < cfg.ListedMules*float64(len(g.mules)) {
			w.Listed = append(w.Listed, Submission{Reporter: c.Banks[m.bank].Name, Kind: kuzet.KindIBAN,
				Value: m.iban, Category: kuzet.CategoryMuleAccount, Confidence: 0.9, Evidence: "confirmed fraud transfer"})
		}
	}
	return w
}

// payZone is Kazakhstan's time, UTC+5.
var payZone = time.FixedZone("Asia/Almaty", 5*60*60)

func (g *paymentGen) mobile() string {
	t := g.c.Telcos[g.r.IntN(len(g.c.Telcos))]
	return fmt.Sprintf("+%s%07d", t.Prefixes[g.r.IntN(len(t.Prefixes))], g.r.IntN(10_000_000))
}

func (g *paymentGen) account() simAccount {
	b := g.r.IntN(len(g.c.Banks))
	return simAccount{bank: b, iban: KZIBAN(g.c.Banks[b].BankCode, fmt.Sprintf("%013d", g.r.Int64N(1e13))), phone: g.mobile()}
}

// logNormal draws around median with the spread of everyday amounts.
func (g *paymentGen) logNormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*g.r.NormFloat64())
}

func (g *paymentGen) build() {
	cfg := g.cfg
	for range cfg.Employers {
		g.employers = append(g.employers, g.account())
	}
	for range cfg.Merchants {
		g.merchants = append(g.merchants, g.account())
	}
	for i := range cfg.Customers {
		cu := simCustomer{
			simAccount: g.account(), id: fmt.Sprintf("cust-%05d", i),
			device: fmt.Sprintf("dev-%016x", g.r.Uint64()), ip: fmt.Sprintf("95.%d.%d.%d", 56+g.r.IntN(8), g.r.IntN(256), 1+g.r.IntN(254)),
			region: payRegions[g.r.IntN(len(payRegions))], habit: g.logNormal(9000, 0.5),
			salary: g.logNormal(350000, 0.4), employer: -1, abroad: g.r.Float64() < 0.03,
		}
		if g.r.Float64() < 0.7 {
			cu.employer = g.r.IntN(cfg.Employers)
		}
		for range 2 + g.r.IntN(3) {
			a := g.account()
			p := simPayee{iban: a.iban, bank: a.bank}
			if g.r.Float64() < 0.3 {
				p.iban, p.phone = "", a.phone // a transfer by phone number
			}
			cu.family = append(cu.family, p)
		}
		for range 3 + g.r.IntN(6) {
			cu.shops = append(cu.shops, g.r.IntN(cfg.Merchants))
		}
		g.customers = append(g.customers, cu)
	}
	// Mules forward to a second mule at another bank, or straight abroad.
	for range cfg.Mules {
		g.mules = append(g.mules, simMule{simAccount: g.account()})
	}
	for i := range g.mules {
		if g.r.Float64() < 0.6 {
			j := (i + 1 + g.r.IntN(len(g.mules)-1)) % len(g.mules)
			if g.mules[j].bank == g.mules[i].bank {
				j = (j + 1) % len(g.mules)
			}
			m := g.mules[j]
			g.mules[i].next = &simPayee{iban: m.iban, bank: m.bank}
		} else {
			g.mules[i].next = &simPayee{iban: g.foreignIBAN(), bank: -1}
		}
	}
}

// foreignIBAN returns a valid Georgian IBAN: money that left the system.
func (g *paymentGen) foreignIBAN() string {
	return payIBAN("GE", "TB"+fmt.Sprintf("%016d", g.r.Int64N(1e16)))
}

// payIBAN returns the IBAN of a country and BBAN, with its check digits.
func payIBAN(cc, bban string) string {
	var digits strings.Builder
	for _, r := range bban + cc + "00" {
		if r >= 'A' && r <= 'Z' {
			fmt.Fprintf(&digits, "%d", r-'A'+10)
		} else {
			digits.WriteRune(r)
		}
	}
	n, _ := new(big.Int).SetString(digits.String(), 10)
	return fmt.Sprintf("%s%02d%s", cc, 98-new(big.Int).Mod(n, big.NewInt(97)).Int64(), bban)
}

// history has every customer pay each of its family and favourite shops
// once in the first days: what months of a bank's stored checks would tell
// kuzet after a restart, squeezed into the warm-up.
func (g *paymentGen) history(days int) {
	if days == 0 {
		return
	}
	for i := range g.customers {
		cu := &g.customers[i]
		for _, p := range cu.family {
			g.pay(g.at(g.r.IntN(days)), PayFamily, cu, p, g.logNormal(cu.habit*2.5, 0.6))
		}
		for _, m := range cu.shops {
			g.pay(g.at(g.r.IntN(days)), PayShopping, cu, g.merchant(m), g.logNormal(cu.habit, 0.6))
		}
	}
}

// at returns a time on day d at a local hour drawn from the day's rhythm:
// most payments between 9 and 22, a few at night.
func (g *paymentGen) at(d int) time.Time {
	var h float64
	if g.r.Float64() < 0.03 {
		h = g.r.Float64() * 6 // 00:00–06:00
	} else {
		h = 7 + g.r.Float64()*16
	}
	return g.cfg.Start.AddDate(0, 0, d).Add(time.Duration(h * float64(time.Hour)))
}

func (g *paymentGen) emit(e Event) { g.events = append(g.events, e) }

// pay emits a payment from a customer.
func (g *paymentGen) pay(t time.Time, kind PaymentKind, cu *simCustomer, to simPayee, units float64) {
	g.seq++
	units = math.Max(100, math.Round(units))
	pc := kuzet.PaymentCheck{
		PaymentID: fmt.Sprintf("p%07d", g.seq), Amount: kuzet.Amount(units * 100), Currency: "KZT",
		CreatedAt: t.UTC(), Channel: "mobile_app",
		Payer: kuzet.Payer{Account: cu.iban, Phone: cu.phone, CustomerID: cu.id, DeviceID: cu.device, IP: cu.ip, Region: cu.region},
		Payee: kuzet.Payee{IBAN: to.iban, Phone: to.phone},
	}
	if to.bank >= 0 {
		pc.Payee.BankBIC = g.c.Banks[to.bank].BIC
	}
	g.emit(Event{At: t.UTC(), Payment: &Payment{Kind: kind, BankBIC: g.c.Banks[cu.bank].BIC, Check: pc}})
}

func (g *paymentGen) merchant(i int) simPayee {
	m := g.merchants[i]
	return simPayee{iban: m.iban, bank: m.bank}
}

func (g *paymentGen) day(d int) {
	date := g.cfg.Start.AddDate(0, 0, d)
	if date.Day() == 5 || date.Day() == 20 {
		g.salaries(d)
	}
	for i := range g.customers {
		cu := &g.customers[i]
		for range payPoisson(g.r, 0.6) {
			to := g.merchant(cu.shops[g.r.IntN(len(cu.shops))])
			if g.r.Float64() < 0.2 {
				to = g.merchant(g.r.IntN(len(g.merchants)))
			}
			t := g.at(d)
			if g.r.Float64() < 0.05 {
				// A courier calls first: a first-time caller, nothing more.
				g.call(t.Add(-time.Duration(2+g.r.IntN(20))*time.Minute), g.mobile(), cu.phone, kuzet.IngressDomestic,
					true, false, false, true, false)
			}
			g.pay(t, PayShopping, cu, to, g.logNormal(cu.habit, 0.6))
		}
		for range payPoisson(g.r, 0.15) {
			g.pay(g.at(d), PayFamily, cu, cu.family[g.r.IntN(len(cu.family))], g.logNormal(cu.habit*2.5, 0.6))
		}
		if g.r.Float64() < 0.004 {
			a := g.account()
			g.pay(g.at(d), PayPurchase, cu, simPayee{iban: a.iban, bank: a.bank}, cu.habit*(8+32*g.r.Float64()))
		}
		if cu.abroad && g.r.Float64() < 0.3 {
			g.relativeAbroad(d, cu)
		}
	}
}

// relativeAbroad: a relative calls from abroad, and the customer often
// sends money home right after, almost always to someone known.
func (g *paymentGen) relativeAbroad(d int, cu *simCustomer) {
	t := g.at(d)
	from := callerPrefixes[g.r.IntN(len(callerPrefixes))] + fmt.Sprintf("%04d", g.r.IntN(10000))
	g.call(t, from, cu.phone, kuzet.IngressInternational, false, true, false, false, false)
	if g.r.Float64() < 0.5 {
		to := cu.family[g.r.IntN(len(cu.family))]
		if g.r.Float64() < 0.03 {
			a := g.account()
			to = simPayee{iban: a.iban, bank: a.bank}
		}
		g.pay(t.Add(time.Duration(3+g.r.IntN(15))*time.Minute), PayFamily, cu, to, g.logNormal(cu.habit*3, 0.5))
	}
}

// salaries: each employer pays its staff in one morning run.
func (g *paymentGen) salaries(d int) {
	staff := make([][]int, len(g.employers))
	for i := range g.customers {
		if e := g.customers[i].employer; e >= 0 {
			staff[e] = append(staff[e], i)
		}
	}
	for e, emp := range g.employers {
		t := g.cfg.Start.AddDate(0, 0, d).Add(9*time.Hour + time.Duration(g.r.IntN(7200))*time.Second)
		payer := simCustomer{simAccount: emp, id: fmt.Sprintf("emp-%03d", e), region: payRegions[e%len(payRegions)],
			device: fmt.Sprintf("hsm-%03d", e)}
		for _, i := range staff[e] {
			cu := &g.customers[i]
			t = t.Add(time.Duration(5+g.r.IntN(30)) * time.Second)
			g.pay(t, PaySalary, &payer, simPayee{iban: cu.iban, bank: cu.bank}, cu.salary/2)
		}
	}
}

func (g *paymentGen) call(t time.Time, a, b string, in kuzet.Ingress, registered, foreign, unverified, first, scam bool) {
	g.seq++
	g.emit(Event{At: t.UTC(), Call: &EventCall{A: a, B: b, At: t.UTC(), CallID: fmt.Sprintf("c%07d", g.seq),
		Ingress: in, Registered: registered, Foreign: foreign, Unverified: unverified, FirstTime: first, Scam: scam}})
}

// scamsAll places the scams over the days. Call centres burn a mule account
// in a run of victims within hours, then take the next.
func (g *paymentGen) scamsAll() {
	n := int(g.cfg.ScamsPerDay * float64(g.cfg.Days))
	times := make([]time.Time, n)
	for i := range times {
		d := g.r.IntN(g.cfg.Days)
		h := 9 + g.r.Float64()*12 // call centres keep office hours…
		if g.r.Float64() < 0.15 {
			h = 21 + g.r.Float64()*4 // …and some late shifts
		}
		times[i] = g.cfg.Start.AddDate(0, 0, d).Add(time.Duration(h * float64(time.Hour)))
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	mule, left := 0, 0
	for _, t := range times {
		if left == 0 {
			mule, left = g.r.IntN(len(g.mules)), 3+g.r.IntN(4)
		}
		left--
		g.scam(t, &g.mules[mule])
	}
}

func (g *paymentGen) scam(t0 time.Time, m *simMule) {
	g.scams++
	id := g.scams
	cu := &g.customers[g.r.IntN(len(g.customers))]
	bank := g.c.Banks[g.r.IntN(len(g.c.Banks))]
	var scheme, caller string
	switch x := g.r.Float64(); {
	case x < 0.45:
		scheme, caller = SchemeSpoofedHotline, bank.Hotline
		g.call(t0, caller, cu.phone, kuzet.IngressInternational, false, true, true, true, true)
	case x < 0.70:
		scheme = SchemeForeignCaller
		caller = callerPrefixes[g.r.IntN(len(callerPrefixes))] + fmt.Sprintf("%04d", g.r.IntN(10000))
		g.call(t0, caller, cu.phone, kuzet.IngressInternational, false, true, false, true, true)
	case x < 0.85:
		scheme, caller = SchemeDomesticSpoofed, g.mobile()
		g.call(t0, caller, cu.phone, kuzet.IngressDomestic, false, false, true, true, true)
	case x < 0.96:
		scheme, caller = SchemeSimbox, g.mobile()
		g.call(t0, caller, cu.phone, kuzet.IngressDomestic, true, false, false, true, true)
	default:
		scheme = SchemeMessenger
	}
	// The savings go in one to three transfers, a few minutes into the call.
	total := math.Round(cu.habit * (6 + 34*g.r.Float64()))
	parts := 1
	switch x := g.r.Float64(); {
	case x < 0.2:
		parts = 2
	case x < 0.3:
		parts = 3
	}
	to := simPayee{iban: m.iban, bank: m.bank}
	if g.r.Float64() < 0.2 {
		to = simPayee{phone: m.phone, bank: m.bank}
	}
	t := t0.Add(time.Duration(3+g.r.IntN(12)) * time.Minute)
	var transfers []kuzet.Transfer
	var sent kuzet.Amount
	for i := range parts {
		units := math.Round(total / float64(parts))
		g.pay(t, PayScam, cu, to, units)
		p := g.events[len(g.events)-1].Payment
		p.Scheme, p.ScamID = scheme, id
		transfers = append(transfers, kuzet.Transfer{FromBankBIC: g.c.Banks[cu.bank].BIC, ToIBAN: m.iban,
			ToBankBIC: g.c.Banks[m.bank].BIC, Amount: p.Check.Amount, At: t.UTC()})
		sent += p.Check.Amount
		if i < parts-1 {
			t = t.Add(time.Duration(1+g.r.IntN(4)) * time.Minute)
		}
	}

	// The mule moves most of it on within the hour.
	hops := map[string]Hop{}
	fwdAt := t.Add(time.Duration(10+g.r.IntN(40)) * time.Minute)
	fwd := kuzet.Amount(math.Round(float64(sent)*(0.6+0.3*g.r.Float64())/100) * 100)
	onward := []kuzet.Transfer{{ToIBAN: m.next.iban, Amount: fwd, At: fwdAt.UTC()}}
	if m.next.bank >= 0 {
		onward[0].ToBankBIC = g.c.Banks[m.next.bank].BIC
	}
	hops[m.iban] = Hop{BankBIC: g.c.Banks[m.bank].BIC, Frozen: sent - fwd, Onward: onward}
	mulePayer := simCustomer{simAccount: m.simAccount, id: "acct-" + m.iban[len(m.iban)-6:], region: payRegions[m.bank],
		device: fmt.Sprintf("mule-dev-%d", m.bank)}
	g.pay(fwdAt, PayMuleForward, &mulePayer, *m.next, fwd.Units())
	p := g.events[len(g.events)-1].Payment
	p.Scheme, p.ScamID = scheme, id
	if m.next.bank >= 0 {
		// The second mule cashes out part and sends the rest abroad.
		out := kuzet.Amount(math.Round(float64(fwd)*0.5/100) * 100)
		hops[m.next.iban] = Hop{BankBIC: g.c.Banks[m.next.bank].BIC, Frozen: fwd - out,
			Onward: []kuzet.Transfer{{ToIBAN: g.foreignIBAN(), Amount: out, At: fwdAt.Add(20 * time.Minute).UTC()}}}
	}

	// The victim notices and reports within a few hours.
	rep := &Report{ScamID: id, Victim: kuzet.Victim{Name: fmt.Sprintf("Victim %d", id), Phone: cu.phone, Region: cu.region},
		Channel: "phone_call", Scheme: "fake_bank_security", AmountLost: sent, Currency: "KZT", Transfers: transfers,
		Hops: hops, Description: "A caller posing as the bank's security service talked me into moving my savings to a 'safe account'."}
	if scheme == SchemeMessenger {
		rep.Channel = "messenger"
	} else {
		rep.Indicators = append(rep.Indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: caller})
	}
	g.emit(Event{At: t.Add(time.Duration(30+g.r.IntN(150)) * time.Minute).UTC(), Report: rep})
}

// payPoisson draws a Poisson count with mean lambda (small lambdas only).
func payPoisson(r *rand.Rand, lambda float64) int {
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// Labels counts a world's payments by kind, for reports.
func (w *PaymentWorld) Labels() map[PaymentKind]int {
	out := map[PaymentKind]int{}
	for _, e := range w.Events {
		if e.Payment != nil {
			out[e.Payment.Kind]++
		}
	}
	return out
}
