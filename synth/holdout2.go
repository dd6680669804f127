package synth

// The second holdout: a third payment simulation, written apart from the
// payment rules, from the first simulation (Payments) and from the first
// holdout, and never tuned on. It is a blind measure: what it assumes about
// fraud against Kazakh bank customers is its own, and deliberately not that
// of a world where most scams are spoofed-hotline, foreign, SIM-box and
// messenger calls at a few times the victim's habit.
//
// What it assumes.
//
// Most scams leave no telecom trace at all: the fraudster reaches the
// victim in a messenger (WhatsApp, Telegram), on a marketplace, or takes the
// account over outright. Where a call does happen it is from a real
// domestic SIM, honestly registered by its operator (so at most a
// first-time caller), sometimes from an operator not connected to the
// exchange, or it is a spoofed call that the operator blocks, after which
// the fraudster simply moves to a messenger. Amounts are spread from a few
// thousand tenge (a "delivery fee" for a fake buyer) to the savings of a
// lifetime, and a good share of scams are series of payments, where only
// the first goes to a payee the victim never paid before.
//
//   - SchemeFakeBuyer: a seller on OLX/Kolesa is "paid" by a buyer and must
//     pay a fee, insurance or delivery to "receive" the money: one to
//     three small or moderate payments to a new payee, mostly by phone or
//     card, no call (a fifth of the fake buyers do call from a real SIM).
//   - SchemeInvestmentSeries: an investment or romance contact in
//     Telegram; three to eight payments growing over days, most of them to
//     the same mule (after the first, a payee the victim knows); a
//     "manager" sometimes calls from the same SIM again and again.
//   - SchemeAccountTakeover: the fraudster signs in on his own device
//     (shared by the group across victims) from a VPN, a foreign or a
//     domestic mobile address, often after a phishing page, and drains the
//     account to one or two mules within minutes, often at night. No call.
//   - SchemePoliceMessenger: a "police officer" or "bank security"
//     calls in WhatsApp: no telecom trace; one to four large transfers to
//     "safe accounts" within hours, from the victim's own phone.
//   - SchemeSecuritySIM: the same story from a real domestic SIM (a
//     quarter of them on an operator not connected to the exchange), the
//     victim paying while on the call or just after it.
//   - SchemeBlockedThenMessenger: a spoofed call (the bank's hotline or a
//     mobile number, from abroad or a gateway at home) that the operator
//     blocks, one to three times; the fraudster then writes and calls in a
//     messenger, and the victim pays 5–90 minutes after the blocked call.
//   - SchemeLoanFee: a fake lender asks a borrower for an "insurance fee",
//     then a "verification" payment: small amounts, sometimes after a call
//     from a real SIM.
//   - SchemeHackedFriend: a friend's hijacked WhatsApp asks to borrow
//     money "to this card": one, rarely two, moderate payments, no call.
//
// Mules are reused: each is live for a few days to two weeks and receives
// from several victims at several banks; a fifth of them (the oldest) are
// already known to the registry. A mule cashes out at an ATM or forwards
// the money within minutes, to a second-tier mule or abroad (a Georgian,
// Turkish or Emirati IBAN, an Uzbek or Russian card); second-tier mules
// forward again. Every forward is a PayMuleForward check at the mule's
// bank. From under a half (small loan fees) to nine in ten (account takeovers)
// of victims report, minutes to days later; reports after the period are lost.
//
// The honest side is as varied, and full of what looks like fraud:
// everyday transfers to shops, family and, often, people paid for the
// first time (a taxi driver, a friend's share of lunch); utility bills
// paid in a burst; salaries and advances; pensions; toi, where dozens of
// guests send gifts to the host in one evening, the host pays new vendors
// large sums and sends gifts to many new relatives at once; rent deposits
// to a new landlord after his call; tradesmen paid after their first call;
// used goods bought from a seller who just called; parents sending money
// to a student child abroad just after a call from a foreign number;
// migrants' relatives calling from Russia, Korea or Turkey and being sent
// money; small business owners paying suppliers at night; large
// purchases; customers changing phones (a new device) and travelling
// (paying from a foreign address). Honest calls (family, couriers, clinics,
// the bank's real hotline, subscribers of the unconnected operator,
// foreign numbers, and spoofed spam that leads nowhere) fill the network.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// Honest payment kinds of the second holdout, besides PaySalary,
// PayShopping, PayFamily and PayPurchase.
const (
	PayUtilityBurst   PaymentKind = "utility_burst"        // several bills in a few minutes
	PayPension        PaymentKind = "pension"              // the state pension fund paying a pensioner
	PayToiGift        PaymentKind = "toi_gift"             // a guest's gift to a toi's host, or the host's gifts to relatives
	PayToiVendor      PaymentKind = "toi_vendor"           // a toi's host paying a restaurant, a tamada, a band
	PayRentDeposit    PaymentKind = "rent_deposit"         // a new landlord or realtor, after his call
	PayTradesman      PaymentKind = "tradesman_after_call" // a plumber or electrician, after his first call
	PayUsedGoods      PaymentKind = "used_goods"           // a marketplace seller, often just after a call
	PayStudentAbroad  PaymentKind = "student_abroad"       // a parent to a child studying abroad, after the child's call
	PayRelativeAbroad PaymentKind = "relative_abroad"      // money sent after a call from a relative abroad
	PaySupplierNight  PaymentKind = "supplier_night"       // a small business paying a supplier late at night
	PayNewPeer        PaymentKind = "new_peer"             // a small everyday transfer to someone new
	PayNewDevice      PaymentKind = "new_device"           // any payment in the first two days on a new phone
	PayTravel         PaymentKind = "travel_abroad"        // any payment from a foreign address while travelling
)

// Scam schemes of the second holdout.
const (
	SchemeFakeBuyer            = "fake_buyer_fee"
	SchemeInvestmentSeries     = "investment_series"
	SchemeAccountTakeover      = "account_takeover"
	SchemePoliceMessenger      = "police_messenger"
	SchemeSecuritySIM          = "security_domestic_sim"
	SchemeBlockedThenMessenger = "blocked_then_messenger"
	SchemeLoanFee              = "loan_insurance_fee"
	SchemeHackedFriend         = "hacked_friend"
)

// Holdout2Kinds lists the kinds of payment the second holdout makes.
var Holdout2Kinds = []PaymentKind{PaySalary, PayShopping, PayFamily, PayPurchase, PayUtilityBurst, PayPension,
	PayToiGift, PayToiVendor, PayRentDeposit, PayTradesman, PayUsedGoods, PayStudentAbroad, PayRelativeAbroad,
	PaySupplierNight, PayNewPeer, PayNewDevice, PayTravel, PayScam, PayMuleForward}

// Holdout2Schemes lists its scam schemes.
var Holdout2Schemes = []string{SchemeFakeBuyer, SchemeInvestmentSeries, SchemeAccountTakeover, SchemePoliceMessenger,
	SchemeSecuritySIM, SchemeBlockedThenMessenger, SchemeLoanFee, SchemeHackedFriend}

// h2SchemeWeights is the share of each scheme among scams, in
// Holdout2Schemes' order.
var h2SchemeWeights = []float64{20, 10, 12, 15, 12, 10, 13, 8}

// Holdout2Config sets up the second holdout. Zero fields take the defaults
// in brackets.
type Holdout2Config struct {
	Seed        uint64
	Start       time.Time // the first day, from its midnight in Kazakhstan [Monday 1 September 2025]
	Days        int       // [28]
	Customers   int       // [3,000]
	ScamsPerDay float64   // scams started a day, on average [15]
	Mules       int       // first-tier mule accounts [70]
	// ListedMules is the share of first-tier mules, the oldest, that the
	// registry knows from the start [0.2].
	ListedMules float64
}

// h2Payee is where money goes and how the payer names it.
type h2Payee struct {
	iban, phone, card string
	bank              int // -1: abroad
	via               byte
}

const (
	viaIBAN  = 'i'
	viaPhone = 'p'
	viaCard  = 'c'
)

type h2Abroad struct {
	phone   string  // the relative's foreign number
	to      h2Payee // where the money goes
	student bool
	app     float64 // share of calls made in a messenger, not traced
}

type h2Person struct {
	simAccount
	id, name   string
	device     string
	newDevice  string
	newDevDay  int // -1: none
	homeIP     string
	carrier    int
	region     string
	age        int
	habit      float64 // median everyday payment, KZT
	rate       float64 // everyday payments a day
	family     []h2Payee
	friends    []string
	shops      []int
	utils      []int
	billDay    int
	employer   int // -1: none
	salary     float64
	pension    float64 // 0: not a pensioner
	pensionDay int
	suppliers  []h2Payee
	abroad     *h2Abroad
	tripFrom   int // -1: no trip
	tripTo     int
	tripIP     string
}

type h2Org struct {
	simAccount
	id               string
	payday, advances int
}

type h2Mule struct {
	simAccount
	card, id, device string
	from, to         int // live days
	tier2            bool
}

// h2Leg is money reaching one account of a trail, and what left it.
type h2Leg struct {
	iban   string
	bank   int
	in     kuzet.Amount
	at     time.Time
	out    []kuzet.Transfer
	cashAt time.Time // zero: not cashed out
}

type h2Scam struct {
	id          int
	scheme      string
	victim      *h2Person
	channel     string
	description string
	transfers   []kuzet.Transfer
	legs        []*h2Leg
	indicators  []kuzet.Indicator
	last        time.Time
}

type h2Gen struct {
	c          *Country
	cfg        Holdout2Config
	r          *rand.Rand
	end        time.Time
	people     []h2Person
	employers  []h2Org
	fund       h2Org
	merchants  []h2Payee
	utilities  []h2Payee
	mules      []h2Mule
	mules2     []h2Mule
	fraudDevs  []string
	fraudSIMs  []string
	events     []Event
	seq, calls int
	scams      int
}

// Holdout2 simulates cfg.Days of payments, calls and victims' reports in
// the country, as the comment atop holdout2.go describes. It depends
// only on cfg (the seed included), not on what else was drawn from c.
func (c *Country) Holdout2(cfg Holdout2Config) *PaymentWorld {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2025, 9, 1, 0, 0, 0, 0, payZone)
	}
	if cfg.Days <= 0 {
		cfg.Days = 28
	}
	if cfg.Customers <= 0 {
		cfg.Customers = 3000
	}
	if cfg.ScamsPerDay <= 0 {
		cfg.ScamsPerDay = 15
	}
	if cfg.Mules <= 0 {
		cfg.Mules = 70
	}
	if cfg.ListedMules <= 0 {
		cfg.ListedMules = 0.2
	}
	g := &h2Gen{c: c, cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x686f6c646f757432)),
		end: cfg.Start.AddDate(0, 0, cfg.Days)}
	g.build()
	warm := min(7, cfg.Days/4)
	g.history(max(warm, 1))
	for d := range cfg.Days {
		g.day(d)
	}
	for d := range cfg.Days {
		for range payPoisson(g.r, cfg.ScamsPerDay) {
			g.scam(d)
		}
	}
	// Nothing after the period; then time order, and what the telecom
	// check would make of each call.
	g.events = slices.DeleteFunc(g.events, func(e Event) bool { return e.At.Before(cfg.Start) || !e.At.Before(g.end) })
	slices.SortStableFunc(g.events, func(a, b Event) int { return a.At.Compare(b.At) })
	seen := map[[2]string]bool{}
	for _, e := range g.events {
		if cl := e.Call; cl != nil {
			cl.FirstTime = !seen[[2]string{cl.A, cl.B}]
			seen[[2]string{cl.A, cl.B}], seen[[2]string{cl.B, cl.A}] = true, true
		}
	}
	w := &PaymentWorld{Events: g.events, EvalFrom: cfg.Start.AddDate(0, 0, warm), Config: PaymentConfig{
		Seed: cfg.Seed, Start: cfg.Start, Days: cfg.Days, Customers: cfg.Customers, Employers: len(g.employers),
		Merchants: len(g.merchants), Mules: cfg.Mules, ScamsPerDay: cfg.ScamsPerDay, ListedMules: cfg.ListedMules}}
	// The oldest mules are known: a bank reported each after an earlier
	// victim, with its card where the victim paid one.
	order := make([]int, len(g.mules))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return g.mules[a].from - g.mules[b].from })
	for _, i := range order[:int(math.Ceil(cfg.ListedMules*float64(len(order))))] {
		m := g.mules[i]
		bank := c.Banks[m.bank].Name
		w.Listed = append(w.Listed, Submission{Reporter: bank, Kind: kuzet.KindIBAN, Value: m.iban,
			Category: kuzet.CategoryMuleAccount, Confidence: 0.85, Evidence: "victim's transfer confirmed as fraud"})
		if i%2 == 0 {
			w.Listed = append(w.Listed, Submission{Reporter: bank, Kind: kuzet.KindCard, Value: m.card,
				Category: kuzet.CategoryMuleAccount, Confidence: 0.8, Evidence: "card-to-card cash-out"})
		}
	}
	return w
}

// --- the population --------------------------------------------------------

// h2BankShare weighs the banks (in the country's order) by customers:
// Kaspi and Halyk hold most retail accounts.
var h2BankShare = []float64{45, 22, 8, 7, 6, 6, 3, 3}

var h2FirstNames = []string{"Aigerim", "Askar", "Dana", "Yerlan", "Gulnara", "Nurlan", "Saule", "Bauyrzhan", "Madina",
	"Timur", "Zhanar", "Serik", "Ainur", "Daulet", "Aliya", "Marat", "Raushan", "Kairat", "Asel", "Yerbol", "Lyudmila",
	"Sergey", "Olga", "Dmitriy", "Zhuldyz", "Arman", "Botagoz", "Galym"}
var h2LastNames = []string{"Nurlanov", "Abenov", "Seitkali", "Zhaksybekov", "Ivanov", "Kassymov", "Omarov", "Tulegenov",
	"Akhmetov", "Bekova", "Smagulov", "Petrova", "Dzhaksybayev", "Kim", "Iskakov", "Mukhamedzhanov"}

// Address pools: fixed broadband, each mobile operator's NAT, and abroad.
var (
	h2HomeNets   = []string{"95.56", "95.57", "2.132", "2.133", "37.150", "92.46", "178.91", "82.200"}
	h2MobileNets = [][]string{{"5.76", "5.34", "188.0"}, {"178.89", "2.72", "37.151"}, {"37.99", "89.218", "46.34"}}
	h2VPNNets    = []string{"185.107", "46.4", "104.28", "45.83", "193.32"}
	h2AbroadNets = []string{"88.230", "94.200", "31.146", "95.24", "49.228", "176.88", "212.58"}
)

// h2Foreign is where relatives, students and fraudsters' messengers are,
// as a number prefix, the digits that follow it and a weight.
var h2Foreign = []struct {
	prefix string
	digits int
	weight float64
}{
	{"+7916", 7, 18}, {"+7926", 7, 10}, {"+7903", 7, 6}, // Russia: +7, but not +77
	{"+82103", 7, 6}, {"+82109", 7, 6}, {"+90532", 7, 8}, {"+90542", 7, 4}, {"+49151", 8, 4}, {"+48601", 6, 4},
	{"+420732", 6, 4}, {"+86138", 8, 4}, {"+97150", 7, 5}, {"+99890", 7, 6}, {"+996555", 6, 5}, {"+1917", 7, 3},
	{"+995555", 6, 3},
}

func (g *h2Gen) pick(weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := g.r.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func (g *h2Gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *h2Gen) between(a, b float64) float64 { return a + g.r.Float64()*(b-a) }

func (g *h2Gen) logNormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*g.r.NormFloat64())
}

func (g *h2Gen) digits(n int) string {
	return fmt.Sprintf("%0*d", n, g.r.Int64N(int64(math.Pow10(n))))
}

// mobile returns a number of a connected operator, or with unconnected
// the share of the unconnected one's.
func (g *h2Gen) mobile(unconnected float64) string {
	ts := g.c.Telcos
	if g.chance(unconnected) && len(g.c.Unconnected) > 0 {
		ts = g.c.Unconnected
	}
	t := ts[g.r.IntN(len(ts))]
	return "+" + t.Prefixes[g.r.IntN(len(t.Prefixes))] + g.digits(7)
}

func (g *h2Gen) landline() string {
	city := []string{"+7727", "+7717", "+7725", "+7721"}[g.r.IntN(4)]
	return city + fmt.Sprintf("%d", 2+g.r.IntN(7)) + g.digits(6)
}

func (g *h2Gen) foreignPhone() string {
	w := make([]float64, len(h2Foreign))
	for i, f := range h2Foreign {
		w[i] = f.weight
	}
	f := h2Foreign[g.pick(w)]
	return f.prefix + fmt.Sprintf("%d", 2+g.r.IntN(8)) + g.digits(f.digits-1)
}

func (g *h2Gen) account(unconnected float64) simAccount {
	b := g.pick(h2BankShare)
	return simAccount{bank: b, iban: KZIBAN(g.c.Banks[b].BankCode, g.digits(13)), phone: g.mobile(unconnected)}
}

func (g *h2Gen) card(bins ...string) string {
	if len(bins) == 0 {
		bins = []string{"440043", "400303", "521324", "535614", "220070", "404932", "419525"}
	}
	body := bins[g.r.IntN(len(bins))] + g.digits(9)
	return body + string(luhnDigit(body))
}

func (g *h2Gen) device() string {
	if g.chance(0.35) {
		return fmt.Sprintf("%08X-%04X-%04X-%04X-%012X", g.r.Uint32(), g.r.Uint32()&0xffff, 0x4000|g.r.Uint32()&0xfff,
			0x8000|g.r.Uint32()&0x3fff, g.r.Uint64()&0xffffffffffff)
	}
	return fmt.Sprintf("%016x", g.r.Uint64())
}

func (g *h2Gen) ip(nets []string) string {
	return fmt.Sprintf("%s.%d.%d", nets[g.r.IntN(len(nets))], g.r.IntN(256), 1+g.r.IntN(254))
}

// payeeOf is a person's or an account's payee, named the way given.
func payeeOf(a simAccount, card string, via byte) h2Payee {
	return h2Payee{iban: a.iban, phone: a.phone, card: card, bank: a.bank, via: via}
}

// peer is a new private payee, paid by phone mostly.
func (g *h2Gen) peer() h2Payee {
	a := g.account(0.05)
	via := byte(viaPhone)
	switch x := g.r.Float64(); {
	case x < 0.15:
		via = viaCard
	case x < 0.23:
		via = viaIBAN
	}
	return payeeOf(a, g.card(), via)
}

func (g *h2Gen) business() h2Payee {
	a := g.account(0)
	return h2Payee{iban: a.iban, bank: a.bank, via: viaIBAN}
}

func (g *h2Gen) build() {
	cfg := g.cfg
	nEmp := max(5, cfg.Customers/75)
	for i := range nEmp {
		g.employers = append(g.employers, h2Org{simAccount: g.account(0), id: fmt.Sprintf("org%04d", i),
			payday: 5 + g.r.IntN(6), advances: 20 + g.r.IntN(6)})
	}
	g.fund = h2Org{simAccount: simAccount{bank: 1, iban: KZIBAN(g.c.Banks[1].BankCode, g.digits(13))}, id: "gcvp"}
	for range max(20, cfg.Customers/10) {
		g.merchants = append(g.merchants, g.business())
	}
	for range 9 {
		g.utilities = append(g.utilities, g.business())
	}
	for i := range cfg.Customers {
		p := h2Person{simAccount: g.account(0.05), id: fmt.Sprintf("c%06d", i), employer: -1, newDevDay: -1, tripFrom: -1}
		p.name = h2FirstNames[g.r.IntN(len(h2FirstNames))] + " " + h2LastNames[g.r.IntN(len(h2LastNames))]
		p.device = g.device()
		p.homeIP = g.ip(h2HomeNets)
		p.carrier = g.r.IntN(len(h2MobileNets))
		p.region = payRegions[g.pick([]float64{14, 12, 8, 7, 6, 5, 4, 4, 4, 4, 3, 4, 3, 5, 4, 3, 3, 3, 3, 1})]
		p.age = 18 + int(math.Min(67, math.Abs(g.r.NormFloat64()*17+22)))
		p.habit = math.Max(1500, g.logNormal(8500, 0.6))
		p.rate = g.logNormal(0.5, 0.6)
		if p.age < 30 {
			p.rate *= 1.3
		}
		for range 1 + g.r.IntN(5) {
			f := g.peer()
			if f.via == viaIBAN {
				f.via = viaPhone
			}
			p.family = append(p.family, f)
		}
		for range 2 + g.r.IntN(6) {
			p.friends = append(p.friends, g.mobile(0.05))
		}
		for range 2 + g.r.IntN(5) {
			p.shops = append(p.shops, g.r.IntN(len(g.merchants)))
		}
		if g.chance(0.7) {
			p.utils = append(p.utils, g.r.Perm(len(g.utilities))[:3+g.r.IntN(4)]...)
			p.billDay = 1 + g.r.IntN(28)
		}
		switch {
		case p.age >= 61 || p.age >= 58 && g.chance(0.5):
			p.pension = math.Max(60000, g.logNormal(125000, 0.3))
			p.pensionDay = 3 + g.r.IntN(24)
		case p.age >= 21 && g.chance(0.68):
			p.employer = g.r.IntN(len(g.employers))
			p.salary = math.Max(85000, g.logNormal(290000, 0.5))
		}
		if p.age >= 25 && p.age < 65 && g.chance(0.045) {
			for range 2 + g.r.IntN(4) {
				p.suppliers = append(p.suppliers, g.business())
			}
		}
		switch {
		case p.age >= 38 && p.age < 65 && g.chance(0.05):
			p.abroad = &h2Abroad{phone: g.foreignPhone(), student: true, app: g.between(0.2, 0.7)}
		case g.chance(0.06):
			p.abroad = &h2Abroad{phone: g.foreignPhone(), app: g.between(0.2, 0.8)}
		}
		if p.abroad != nil {
			if g.chance(0.65) {
				p.abroad.to = payeeOf(g.account(0), g.card(), viaCard) // a Kazakh card the relative holds
			} else if g.chance(0.5) {
				p.abroad.to = h2Payee{card: g.card("220220", "220070", "986010", "427638"), bank: -1, via: viaCard}
			} else {
				p.abroad.to = h2Payee{iban: g.foreignIBAN(), bank: -1, via: viaIBAN}
			}
		}
		if g.chance(0.05) {
			p.newDevDay = g.r.IntN(cfg.Days)
			p.newDevice = g.device()
		}
		if g.chance(0.03) {
			p.tripFrom = g.r.IntN(max(1, cfg.Days-3))
			p.tripTo = p.tripFrom + 3 + g.r.IntN(9)
			p.tripIP = g.ip(h2AbroadNets)
		}
		g.people = append(g.people, p)
	}
	for i := range cfg.Mules {
		from := g.r.IntN(cfg.Days+10) - 10
		g.mules = append(g.mules, g.mule(fmt.Sprintf("m%04d", i), from, from+4+g.r.IntN(12)))
	}
	for i := range max(3, cfg.Mules/4) {
		g.mules2 = append(g.mules2, g.mule(fmt.Sprintf("n%04d", i), -30, cfg.Days+30))
		g.mules2[i].tier2 = true
	}
	for range 12 {
		g.fraudDevs = append(g.fraudDevs, g.device())
	}
	for range 45 {
		g.fraudSIMs = append(g.fraudSIMs, g.mobile(0.25))
	}
}

// registered reports whether a domestic number belongs to a member
// operator, whose calls are registered.
func (g *h2Gen) registered(n string) bool {
	for _, t := range append(slices.Clone(g.c.Telcos), g.c.FixedLine...) {
		for _, p := range t.Prefixes {
			if strings.HasPrefix(n, "+"+p) {
				return true
			}
		}
	}
	return false
}

func (g *h2Gen) mule(id string, from, to int) h2Mule {
	m := h2Mule{simAccount: g.account(0.1), card: g.card(), id: id, from: from, to: to}
	m.device = g.device()
	return m
}

func (g *h2Gen) foreignIBAN() string {
	switch g.r.IntN(3) {
	case 0:
		return payIBAN("GE", "TB"+g.digits(16))
	case 1:
		return payIBAN("TR", g.digits(5)+"0"+g.digits(16))
	}
	return payIBAN("AE", g.digits(3)+g.digits(16))
}

// --- time -------------------------------------------------------------------

// h2Hours weighs the hours of the day for everyday payments.
var h2Hours = []float64{0.35, 0.15, 0.08, 0.05, 0.05, 0.1, 0.35, 0.9, 1.5, 1.9, 2, 2.1, 2.3, 2.1, 2, 2, 2.1, 2.3, 2.6, 2.8,
	2.7, 2.3, 1.6, 0.9}

func (g *h2Gen) at(d int, h0, h1 float64) time.Time {
	h := g.between(h0, h1)
	return g.cfg.Start.AddDate(0, 0, d).Add(time.Duration(h * float64(time.Hour)))
}

func (g *h2Gen) human(d int) time.Time {
	h := float64(g.pick(h2Hours))
	return g.at(d, h, h+1)
}

func minutes(a, b float64, r *rand.Rand) time.Duration {
	return time.Duration((a + r.Float64()*(b-a)) * float64(time.Minute))
}

// round makes an amount the way people type it; exact keeps shop totals.
func (g *h2Gen) round(u float64, exact bool) float64 {
	if exact {
		return math.Max(100, math.Round(u))
	}
	step := 100.0
	switch {
	case u >= 200000:
		step = 1000
		if g.chance(0.7) {
			step = 5000
		}
	case u >= 20000:
		if g.chance(0.7) {
			step = 1000
		}
	case u >= 3000 && g.chance(0.5):
		step = 500
	}
	return math.Max(100, math.Round(u/step)*step)
}

// --- events -----------------------------------------------------------------

type h2From struct {
	bank                                           int
	account, phone, cid, device, ip, region, chann string
}

func (g *h2Gen) pay(t time.Time, kind PaymentKind, f h2From, to h2Payee, units float64) *Payment {
	g.seq++
	pc := kuzet.PaymentCheck{
		PaymentID: fmt.Sprintf("%s%08d", g.c.Banks[f.bank].BankCode, g.seq), Amount: kuzet.Amount(math.Round(units) * 100),
		Currency: "KZT", CreatedAt: t.UTC(), Channel: f.chann,
		Payer: kuzet.Payer{Account: f.account, Phone: f.phone, CustomerID: f.cid, DeviceID: f.device, IP: f.ip, Region: f.region},
	}
	switch to.via {
	case viaPhone:
		pc.Payee.Phone = to.phone
	case viaCard:
		pc.Payee.Card = to.card
	default:
		pc.Payee.IBAN = to.iban
	}
	if to.bank >= 0 {
		pc.Payee.BankBIC = g.c.Banks[to.bank].BIC
	}
	p := &Payment{Kind: kind, BankBIC: g.c.Banks[f.bank].BIC, Check: pc}
	g.events = append(g.events, Event{At: t.UTC(), Payment: p})
	return p
}

// from is the person paying at t on day d from the phone in hand.
func (g *h2Gen) from(p *h2Person, d int) (h2From, bool, bool) {
	f := h2From{bank: p.bank, account: p.iban, phone: p.phone, cid: p.id, device: p.device, region: p.region, chann: "mobile_app"}
	newDev := p.newDevDay >= 0 && d >= p.newDevDay
	if newDev {
		f.device = p.newDevice
	}
	abroad := p.tripFrom >= 0 && d >= p.tripFrom && d <= p.tripTo && g.chance(0.55)
	switch {
	case abroad:
		f.ip = p.tripIP
	case g.chance(0.55):
		f.ip = p.homeIP
	default:
		f.ip = g.ip(h2MobileNets[p.carrier])
	}
	return f, newDev && d <= p.newDevDay+1, abroad
}

// honest is a customer's own honest payment; in the first days on a new
// phone, or from abroad, it is labelled so.
func (g *h2Gen) honest(t time.Time, d int, kind PaymentKind, p *h2Person, to h2Payee, units float64, exact bool) {
	f, fresh, abroad := g.from(p, d)
	switch {
	case fresh:
		kind = PayNewDevice
	case abroad:
		kind = PayTravel
	}
	g.pay(t, kind, f, to, g.round(units, exact))
}

func (g *h2Gen) call(t time.Time, a, b string, in kuzet.Ingress, registered, scam bool) {
	g.calls++
	e := &EventCall{A: a, B: b, At: t.UTC(), CallID: fmt.Sprintf("h2c%08d", g.calls), Ingress: in, Registered: registered,
		Foreign: !strings.HasPrefix(a, "+77"), Unverified: !registered && strings.HasPrefix(a, "+77"), Scam: scam}
	g.events = append(g.events, Event{At: e.At, Call: e})
}

// domesticCall is a call from a domestic number: registered when its
// operator is a member.
func (g *h2Gen) domesticCall(t time.Time, a, b string, scam bool) {
	g.call(t, a, b, kuzet.IngressDomestic, g.registered(a), scam)
}

// --- the honest side --------------------------------------------------------

// history squeezes months of a bank's memory into the warm-up: each
// customer pays its family, shops, bills, suppliers and relatives abroad
// once, employers and the pension fund pay the last month, and family and
// friends call.
func (g *h2Gen) history(days int) {
	for i := range g.people {
		p := &g.people[i]
		for _, f := range p.family {
			g.honest(g.human(g.r.IntN(days)), 0, PayFamily, p, f, g.logNormal(p.habit*2, 0.7), false)
			if g.chance(0.7) {
				g.domesticCall(g.human(g.r.IntN(days)), f.phone, p.phone, false)
			}
		}
		for _, s := range p.shops {
			g.honest(g.human(g.r.IntN(days)), 0, PayShopping, p, g.merchants[s], g.logNormal(p.habit*1.2, 0.7), true)
		}
		for _, u := range p.utils {
			g.honest(g.at(g.r.IntN(days), 18, 23), 0, PayUtilityBurst, p, g.utilities[u], g.logNormal(7000, 0.6), true)
		}
		for _, s := range p.suppliers {
			g.honest(g.at(g.r.IntN(days), 21, 25), 0, PaySupplierNight, p, s, g.logNormal(500000, 0.8), false)
		}
		for _, fr := range p.friends {
			if g.chance(0.6) {
				g.domesticCall(g.human(g.r.IntN(days)), fr, p.phone, false)
			}
		}
		if a := p.abroad; a != nil {
			g.call(g.human(g.r.IntN(days)), a.phone, p.phone, kuzet.IngressInternational, false, false)
			g.honest(g.human(g.r.IntN(days)), 0, PayRelativeAbroad, p, a.to, g.logNormal(80000, 0.6), false)
		}
		if p.employer >= 0 {
			e := g.employers[p.employer]
			g.org(g.at(g.r.IntN(days), 10, 17), PaySalary, e, p, p.salary*0.4)
		}
		if p.pension > 0 {
			g.org(g.at(g.r.IntN(days), 9, 17), PayPension, g.fund, p, p.pension)
		}
	}
}

// org pays a person: a salary or a pension.
func (g *h2Gen) org(t time.Time, kind PaymentKind, o h2Org, p *h2Person, units float64) {
	f := h2From{bank: o.bank, account: o.iban, cid: o.id, chann: "internet_banking"}
	g.pay(t, kind, f, h2Payee{iban: p.iban, bank: p.bank, via: viaIBAN}, math.Round(units))
}

func (g *h2Gen) day(d int) {
	date := g.cfg.Start.AddDate(0, 0, d)
	dom, wd := date.Day(), date.Weekday()
	weekend := wd == time.Saturday || wd == time.Sunday
	for ei, e := range g.employers {
		if dom != e.payday && dom != e.advances {
			continue
		}
		t := g.at(d, 10, 16)
		for i := range g.people {
			p := &g.people[i]
			if p.employer != ei {
				continue
			}
			t = t.Add(time.Duration(g.r.IntN(20)+1) * time.Second)
			share := 0.6
			if dom == e.advances {
				share = 0.4
			}
			g.org(t, PaySalary, e, p, p.salary*share)
		}
	}
	for i := range g.people {
		p := &g.people[i]
		if p.pension > 0 && dom == p.pensionDay {
			g.org(g.at(d, 8, 18), PayPension, g.fund, p, p.pension)
		}
		g.everyday(d, p, weekend)
		if len(p.utils) > 0 && dom == p.billDay {
			g.bills(d, p)
		}
		g.callsOf(d, p)
		if len(p.suppliers) > 0 {
			for range payPoisson(g.r, 0.5) {
				g.supplier(d, p)
			}
		}
		if p.abroad != nil && g.chance(1.0/6) {
			g.abroadCall(d, p)
		}
		switch x := g.r.Float64() * float64(g.cfg.Days); {
		case x < 0.015:
			g.rent(d, p)
		case x < 0.045:
			g.tradesman(d, p)
		case x < 0.10:
			g.usedGoods(d, p)
		case x < 0.112:
			g.purchase(d, p)
		}
	}
	toi := 0.9 * float64(g.cfg.Customers) / 3000
	if wd == time.Friday || weekend {
		toi *= 2.2
	}
	for range payPoisson(g.r, toi) {
		g.toi(d)
	}
}

// everyday is shops, family and people paid for the first time.
func (g *h2Gen) everyday(d int, p *h2Person, weekend bool) {
	rate := p.rate
	if weekend {
		rate *= 1.2
	}
	for range payPoisson(g.r, rate) {
		t := g.human(d)
		switch x := g.r.Float64(); {
		case x < 0.55:
			g.honest(t, d, PayShopping, p, g.merchants[p.shops[g.r.IntN(len(p.shops))]], g.logNormal(p.habit*1.1, 0.8), true)
		case x < 0.82:
			f := p.family[g.r.IntN(len(p.family))]
			if g.chance(0.25) {
				g.domesticCall(t.Add(-minutes(1, 40, g.r)), f.phone, p.phone, false)
			}
			g.honest(t, d, PayFamily, p, f, g.logNormal(p.habit*1.8, 0.8), false)
		case x < 0.88:
			g.honest(t, d, PayShopping, p, g.merchants[g.r.IntN(len(g.merchants))], g.logNormal(p.habit*1.4, 0.9), true)
		default:
			g.honest(t, d, PayNewPeer, p, g.peer(), g.logNormal(p.habit*0.7, 0.8), false)
		}
	}
}

// bills are several utilities paid one after another in the evening.
func (g *h2Gen) bills(d int, p *h2Person) {
	t := g.at(d, 17, 23.5)
	for _, u := range p.utils {
		g.honest(t, d, PayUtilityBurst, p, g.utilities[u], g.logNormal(7000, 0.6), true)
		t = t.Add(time.Duration(20+g.r.IntN(150)) * time.Second)
	}
}

// callsOf is the calls a customer gets that lead to no payment.
func (g *h2Gen) callsOf(d int, p *h2Person) {
	for range payPoisson(g.r, 0.22) {
		t := g.human(d)
		switch x := g.r.Float64(); {
		case x < 0.5:
			g.domesticCall(t, p.friends[g.r.IntN(len(p.friends))], p.phone, false)
		case x < 0.7:
			g.domesticCall(t, p.family[g.r.IntN(len(p.family))].phone, p.phone, false)
		case x < 0.82:
			g.domesticCall(t, g.mobile(0), p.phone, false) // a courier, a taxi
		case x < 0.87:
			g.domesticCall(t, g.landline(), p.phone, false) // a clinic, a school
		case x < 0.91:
			g.domesticCall(t, g.mobile(1), p.phone, false) // someone on the unconnected operator
		case x < 0.94:
			g.domesticCall(t, g.c.Banks[p.bank].Hotline, p.phone, false)
		case x < 0.97:
			g.call(t, g.foreignPhone(), p.phone, kuzet.IngressInternational, false, false)
		default:
			// A spoofed robocall that goes nowhere.
			g.call(t, g.mobile(0), p.phone, kuzet.IngressInternational, false, true)
		}
	}
}

func (g *h2Gen) supplier(d int, p *h2Person) {
	t := g.at(d, 21.5, 26)
	to := p.suppliers[g.r.IntN(len(p.suppliers))]
	if g.chance(0.15) {
		to = g.business()
		p.suppliers = append(p.suppliers, to)
	}
	f, _, _ := g.from(p, d)
	if g.chance(0.4) {
		f.chann, f.device = "internet_banking", ""
		f.ip = p.homeIP
	}
	g.pay(t, PaySupplierNight, f, to, g.round(math.Min(8e6, g.logNormal(550000, 0.8)), false))
}

// abroadCall is a relative or a student child calling from abroad, often
// for money.
func (g *h2Gen) abroadCall(d int, p *h2Person) {
	a := p.abroad
	t := g.human(d)
	if !g.chance(a.app) {
		g.call(t, a.phone, p.phone, kuzet.IngressInternational, false, false)
	}
	kind, share, median := PayRelativeAbroad, 0.3, 60000.0
	if a.student {
		kind, share, median = PayStudentAbroad, 0.55, 120000
	}
	if !g.chance(share) {
		return
	}
	to := a.to
	if !a.student && g.chance(0.2) {
		to = g.peer() // "send it to my friend's card"
	}
	g.honest(t.Add(minutes(2, 35, g.r)), d, kind, p, to, math.Min(1.5e6, g.logNormal(median, 0.6)), false)
}

// rent is a new landlord, after his call; sometimes a realtor's fee too.
func (g *h2Gen) rent(d int, p *h2Person) {
	t := g.at(d, 9, 21)
	landlord := g.peer()
	g.domesticCall(t, landlord.phone, p.phone, false)
	rent := g.logNormal(180000, 0.35)
	months := 1.0
	if g.chance(0.6) {
		months = 2
	}
	t = t.Add(minutes(10, 150, g.r))
	g.honest(t, d, PayRentDeposit, p, landlord, rent*months, false)
	if g.chance(0.4) {
		g.honest(t.Add(minutes(1, 20, g.r)), d, PayRentDeposit, p, g.peer(), rent*0.5, false)
	}
}

func (g *h2Gen) tradesman(d int, p *h2Person) {
	t := g.at(d, 8, 20)
	tr := g.peer()
	tr.phone = g.mobile(0.3)
	g.domesticCall(t, tr.phone, p.phone, false)
	delay := minutes(5, 90, g.r)
	if g.chance(0.5) {
		delay = minutes(120, 420, g.r)
	}
	g.honest(t.Add(delay), d, PayTradesman, p, tr, math.Min(400000, g.logNormal(35000, 0.7)), false)
}

// usedGoods is a purchase from a marketplace seller, near the customer's
// habit, often just after talking to the seller.
func (g *h2Gen) usedGoods(d int, p *h2Person) {
	t := g.at(d, 9, 22.5)
	seller := g.peer()
	if seller.via == viaIBAN {
		seller.via = viaPhone
	}
	if g.chance(0.6) {
		if g.chance(0.5) {
			g.domesticCall(t, seller.phone, p.phone, false)
		} else {
			g.domesticCall(t, p.phone, seller.phone, false)
		}
		t = t.Add(minutes(2, 40, g.r))
	}
	g.honest(t, d, PayUsedGoods, p, seller, math.Min(600000, g.logNormal(math.Max(p.habit*3, 12000), 0.7)), false)
}

func (g *h2Gen) purchase(d int, p *h2Person) {
	t := g.at(d, 10, 19)
	to := g.peer()
	if g.chance(0.5) {
		to = g.business()
	}
	if g.chance(0.3) {
		g.domesticCall(t.Add(-minutes(5, 60, g.r)), g.mobile(0.05), p.phone, false)
	}
	g.honest(t, d, PayPurchase, p, to, math.Min(12e6, g.logNormal(900000, 0.8)), false)
}

// toi is a wedding or a jubilee: the host pays new vendors in the days
// before, dozens of guests send gifts in the evening, and the host often
// sends gifts to many relatives the day after.
func (g *h2Gen) toi(d int) {
	host := &g.people[g.r.IntN(len(g.people))]
	for range 3 + g.r.IntN(4) {
		vd := max(0, d-g.r.IntN(12))
		v := g.business()
		median := 250000.0
		if g.chance(0.4) {
			v = g.peer() // a tamada, a photographer, a singer
			median = 150000
		}
		g.honest(g.at(vd, 9, 21), vd, PayToiVendor, host, v, math.Min(6e6, g.logNormal(median, 0.8)), false)
	}
	hostPayee := payeeOf(host.simAccount, "", viaPhone)
	gifts := []float64{5000, 10000, 10000, 10000, 20000, 20000, 30000, 50000, 100000}
	for range 10 + g.r.IntN(26) {
		gi := &g.people[g.r.IntN(len(g.people))]
		if gi == host {
			continue
		}
		t, gd := g.at(d, 18, 23.8), d
		if g.chance(0.25) {
			gd = d + g.r.IntN(2)
			t = g.human(gd)
		}
		g.honest(t, gd, PayToiGift, gi, hostPayee, gifts[g.r.IntN(len(gifts))], false)
	}
	if g.chance(0.4) {
		t := g.at(d+1, 11, 20)
		for range 4 + g.r.IntN(9) {
			g.honest(t, d+1, PayToiGift, host, g.peer(), gifts[g.r.IntN(len(gifts)-1)+1], false)
			t = t.Add(time.Duration(30+g.r.IntN(240)) * time.Second)
		}
	}
}

// --- the fraud --------------------------------------------------------------

// victim picks a customer the scheme is likely to reach.
func (g *h2Gen) victim(scheme string) *h2Person {
	for {
		p := &g.people[g.r.IntN(len(g.people))]
		var w float64
		switch scheme {
		case SchemePoliceMessenger, SchemeSecuritySIM, SchemeBlockedThenMessenger:
			w = 0.25 + float64(max(0, p.age-35))/30
		case SchemeInvestmentSeries:
			w = 1 - math.Abs(float64(p.age-42))/40
		case SchemeLoanFee:
			w = 1.2 - float64(p.age-18)/40
		case SchemeFakeBuyer:
			w = 1 - math.Abs(float64(p.age-33))/45
		default:
			w = 1
		}
		if g.chance(w) {
			return p
		}
	}
}

// liveMule is a first-tier mule live on day d.
func (g *h2Gen) liveMule(d int) *h2Mule {
	for range 40 {
		m := &g.mules[g.r.IntN(len(g.mules))]
		if d >= m.from && d <= m.to {
			return m
		}
	}
	return &g.mules[g.r.IntN(len(g.mules))]
}

func (g *h2Gen) muleVia(iban, phone, card float64) byte {
	return []byte{viaIBAN, viaPhone, viaCard}[g.pick([]float64{iban, phone, card})]
}

func (g *h2Gen) scam(d int) {
	g.scams++
	sc := &h2Scam{id: g.scams, scheme: Holdout2Schemes[g.pick(h2SchemeWeights)]}
	sc.victim = g.victim(sc.scheme)
	v := sc.victim
	f, _, _ := g.from(v, d)
	share := 0.75
	switch sc.scheme {
	case SchemeFakeBuyer:
		share, sc.channel = 0.55, "messenger"
		sc.description = "a buyer on a marketplace sent a link to receive the payment; I paid the delivery insurance and a commission"
		t := g.at(d, 10, 22)
		if g.chance(0.2) {
			sim := g.fraudSIMs[g.r.IntN(len(g.fraudSIMs))]
			g.domesticCall(t.Add(-minutes(2, 15, g.r)), sim, v.phone, true)
			sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: sim})
		}
		if g.chance(0.5) {
			sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindDomain, Value: g.lure("olx", "kolesa", "kaspi", "kazpost")})
		}
		m, via := g.liveMule(d), g.muleVia(0.05, 0.55, 0.4)
		amt := math.Min(150000, math.Max(3000, g.logNormal(22000, 0.6)))
		for i := range 1 + b2i(g.chance(0.45)) + b2i(g.chance(0.15)) {
			if i > 0 && g.chance(0.3) {
				m = g.liveMule(d)
			}
			g.victimPays(sc, t, f, m, via, amt)
			t = t.Add(minutes(4, 25, g.r))
			amt *= g.between(1, 2)
		}
	case SchemeInvestmentSeries:
		share, sc.channel = 0.6, "messenger"
		sc.description = "an investment platform recommended in Telegram; I topped up my account several times and cannot withdraw"
		m, via := g.liveMule(d), g.muleVia(0.3, 0.3, 0.4)
		manager := ""
		if g.chance(0.25) {
			manager = g.fraudSIMs[g.r.IntN(len(g.fraudSIMs))]
			sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: manager})
		}
		if g.chance(0.4) {
			sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindDomain, Value: g.lure("invest", "capital", "trade", "crypto")})
		}
		switchy := g.chance(0.4)
		amt, day := g.logNormal(45000, 0.5), d
		for range 3 + g.r.IntN(6) {
			t := g.at(day, 18, 23.5)
			if manager != "" && g.chance(0.7) {
				g.domesticCall(t.Add(-minutes(5, 40, g.r)), manager, v.phone, true)
			}
			if switchy && g.chance(0.5) {
				m = g.liveMule(day)
			}
			f, _, _ := g.from(v, day)
			g.victimPays(sc, t, f, m, via, math.Min(6e6, amt))
			amt *= g.between(1.3, 2.3)
			day += 1 + g.r.IntN(4)
		}
	case SchemeAccountTakeover:
		share, sc.channel = 0.9, "web"
		sc.description = "money left my account at night; I did not make these transfers, earlier I had entered my login on a site"
		t := g.at(d, 7.5, 23.5)
		if g.chance(0.4) {
			t = g.at(d, 0, 6)
		}
		if g.chance(0.45) {
			sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindDomain, Value: g.lure("kaspi", "halyk", "homebank", "egov")})
		} else {
			sc.channel = "sms"
		}
		f.device = g.fraudDevs[g.r.IntN(len(g.fraudDevs))]
		switch x := g.r.Float64(); {
		case x < 0.35:
			f.ip = g.ip(h2MobileNets[g.r.IntN(len(h2MobileNets))])
		case x < 0.75:
			f.ip = g.ip(h2VPNNets)
		default:
			f.ip = g.ip(h2AbroadNets)
		}
		m, via := g.liveMule(d), g.muleVia(0.2, 0.3, 0.5)
		left := math.Min(8e6, math.Max(30000, g.logNormal(350000, 0.9)))
		if g.chance(0.2) {
			g.victimPays(sc, t, f, m, via, g.between(1000, 5000))
			t = t.Add(minutes(1, 6, g.r))
		}
		for i := range 1 + g.r.IntN(3) {
			if i > 0 && g.chance(0.4) {
				m = g.liveMule(d)
			}
			amt := left * g.between(0.5, 0.9)
			g.victimPays(sc, t, f, m, via, amt)
			left -= amt
			t = t.Add(minutes(1, 8, g.r))
		}
	case SchemePoliceMessenger, SchemeSecuritySIM, SchemeBlockedThenMessenger:
		t := g.at(d, 9, 20)
		sc.channel = "messenger"
		sc.description = "a police investigator and then bank security called me in WhatsApp: my savings had to be moved to a safe account"
		switch sc.scheme {
		case SchemePoliceMessenger:
			if g.chance(0.6) {
				n := g.foreignPhone()
				if g.chance(0.5) {
					n = g.mobile(0.2)
				}
				sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: n})
			}
		case SchemeSecuritySIM:
			share, sc.channel = 0.8, "phone_call"
			sc.description = "a man from the bank's security service called: someone was taking a loan in my name and I had to move the money"
			sim := g.fraudSIMs[g.r.IntN(len(g.fraudSIMs))]
			g.domesticCall(t, sim, v.phone, true)
			if g.chance(0.85) {
				sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: sim})
			}
			t = t.Add(minutes(8, 45, g.r))
		case SchemeBlockedThenMessenger:
			share = 0.8
			sc.description = "a call from the bank dropped; then 'the bank' wrote in WhatsApp and called there"
			shown := g.c.Banks[v.bank].Hotline
			switch x := g.r.Float64(); {
			case x < 0.4:
				shown = g.mobile(0)
			case x < 0.6:
				shown = g.landline()
			}
			ingress := kuzet.IngressInternational
			if g.chance(0.3) {
				ingress = kuzet.IngressDomestic
			}
			for range 1 + g.r.IntN(3) {
				g.call(t.Add(-minutes(5, 90, g.r)), shown, v.phone, ingress, false, true)
			}
			if g.chance(0.5) {
				sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.foreignPhone()})
			}
		}
		m, via := g.liveMule(d), g.muleVia(0.45, 0.25, 0.3)
		amt := math.Min(20e6, math.Max(50000, g.logNormal(600000, 0.8)))
		for i := range 1 + g.r.IntN(3) + b2i(g.chance(0.2)) {
			if i > 0 && g.chance(0.35) {
				m = g.liveMule(d)
			}
			g.victimPays(sc, t, f, m, via, amt)
			t = t.Add(minutes(6, 70, g.r))
			amt = math.Max(30000, amt*g.between(0.4, 1.5))
		}
	case SchemeLoanFee:
		share, sc.channel = 0.45, "web"
		sc.description = "an online lender approved my loan and asked for an insurance fee, then a verification payment; no loan came"
		t := g.at(d, 9, 22)
		if g.chance(0.4) {
			sim := g.fraudSIMs[g.r.IntN(len(g.fraudSIMs))]
			g.domesticCall(t.Add(-minutes(5, 30, g.r)), sim, v.phone, true)
			sc.channel = "phone_call"
			sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: sim})
		}
		if g.chance(0.4) {
			sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindDomain, Value: g.lure("kredit", "zaim", "kaspi", "mfo")})
		}
		m, via := g.liveMule(d), g.muleVia(0.1, 0.6, 0.3)
		amt := math.Min(60000, math.Max(3000, g.logNormal(15000, 0.5)))
		for range 1 + b2i(g.chance(0.5)) + b2i(g.chance(0.2)) {
			g.victimPays(sc, t, f, m, via, amt)
			t = t.Add(minutes(10, 60, g.r))
			amt *= g.between(1.2, 3)
		}
	case SchemeHackedFriend:
		share, sc.channel = 0.7, "messenger"
		sc.description = "a friend wrote in WhatsApp asking to lend money urgently to a card; her account had been hacked"
		t := g.human(d)
		m := g.liveMule(d)
		for range 1 + b2i(g.chance(0.2)) {
			g.victimPays(sc, t, f, m, g.muleVia(0, 0.3, 0.7), math.Min(300000, math.Max(10000, g.logNormal(50000, 0.6))))
			t = t.Add(minutes(10, 90, g.r))
		}
	}
	g.report(sc, share)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lure is a phishing domain on one of stems.
func (g *h2Gen) lure(stems ...string) string {
	s := stems[g.r.IntN(len(stems))]
	w := lureWords[g.r.IntN(len(lureWords))]
	tld := shadyTLDs[g.r.IntN(len(shadyTLDs))]
	if g.chance(0.5) {
		return fmt.Sprintf("%s-%s%d.%s", s, w, g.r.IntN(100), tld)
	}
	return fmt.Sprintf("%s%s.%s", w, s, tld)
}

// victimPays is a victim's transfer (or the fraudster's, from the
// victim's account) to a mule, and what the mule does with it.
func (g *h2Gen) victimPays(sc *h2Scam, t time.Time, f h2From, m *h2Mule, via byte, units float64) {
	units = g.round(units, false)
	p := g.pay(t, PayScam, f, payeeOf(m.simAccount, m.card, via), units)
	p.Scheme, p.ScamID = sc.scheme, sc.id
	amt := p.Check.Amount
	sc.transfers = append(sc.transfers, kuzet.Transfer{FromBankBIC: p.BankBIC, ToIBAN: m.iban,
		ToBankBIC: g.c.Banks[m.bank].BIC, Amount: amt, At: t.UTC()})
	if sc.last.Before(t) {
		sc.last = t
	}
	switch via {
	case viaPhone:
		sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: m.phone})
	case viaCard:
		sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindCard, Value: m.card})
	}
	sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindIBAN, Value: m.iban})
	g.receive(sc, t, m, amt)
}

// receive is a mule getting money at t: it cashes it out or forwards it
// within minutes, a first-tier mule to a second-tier one or abroad, a
// second-tier one abroad.
func (g *h2Gen) receive(sc *h2Scam, t time.Time, m *h2Mule, amt kuzet.Amount) {
	leg := &h2Leg{iban: m.iban, bank: m.bank, in: amt, at: t.UTC()}
	sc.legs = append(sc.legs, leg)
	if !m.tier2 && g.chance(0.25) || amt < 500000 && g.chance(0.1) {
		leg.cashAt = t.Add(minutes(10, 120, g.r)).UTC()
		return
	}
	ft := t.Add(minutes(2, 25, g.r))
	if m.tier2 {
		ft = t.Add(minutes(5, 60, g.r))
	}
	fwd := kuzet.Amount(math.Floor(float64(amt)*g.between(0.92, 0.995)/100_000)) * 100_000 // whole thousands
	if fwd <= 0 {
		leg.cashAt = t.Add(minutes(10, 120, g.r)).UTC()
		return
	}
	var to h2Payee
	var next *h2Mule
	switch x := g.r.Float64(); {
	case !m.tier2 && x < 0.6:
		next = &g.mules2[g.r.IntN(len(g.mules2))]
		to = payeeOf(next.simAccount, next.card, viaIBAN)
		if g.chance(0.3) {
			to.via = viaCard
		}
	case x < 0.8:
		to = h2Payee{iban: g.foreignIBAN(), bank: -1, via: viaIBAN}
	default:
		to = h2Payee{card: g.card("220220", "986010", "860002", "427638"), bank: -1, via: viaCard}
	}
	ip := g.ip(h2MobileNets[g.r.IntN(len(h2MobileNets))])
	if g.chance(0.5) {
		ip = g.ip(h2AbroadNets)
	}
	f := h2From{bank: m.bank, account: m.iban, phone: m.phone, cid: m.id, device: m.device, ip: ip, chann: "mobile_app"}
	p := g.pay(ft, PayMuleForward, f, to, float64(fwd)/100)
	p.Scheme, p.ScamID = sc.scheme, sc.id
	tr := kuzet.Transfer{FromBankBIC: g.c.Banks[m.bank].BIC, ToIBAN: to.iban, Amount: fwd, At: ft.UTC()}
	if to.bank >= 0 {
		tr.ToBankBIC = g.c.Banks[to.bank].BIC
	}
	leg.out = append(leg.out, tr)
	if next != nil {
		g.receive(sc, ft, next, fwd)
	}
}

// report is the victim's report, filed by the police hours to days later,
// with the truth of the trail at that moment; some victims never report.
func (g *h2Gen) report(sc *h2Scam, share float64) {
	if len(sc.transfers) == 0 || !g.chance(share) {
		return
	}
	var delay time.Duration
	switch sc.scheme {
	case SchemeAccountTakeover:
		delay = minutes(20, 480, g.r)
	case SchemeInvestmentSeries:
		delay = time.Duration(g.between(1, 10) * float64(24*time.Hour))
	case SchemeLoanFee:
		delay = time.Duration(g.between(0.5, 5) * float64(24*time.Hour))
	case SchemeFakeBuyer, SchemeHackedFriend:
		delay = minutes(30, 48*60, g.r)
	default:
		delay = minutes(60, 72*60, g.r)
	}
	at := sc.last.Add(delay).UTC()
	if !at.Before(g.end) {
		return
	}
	v := sc.victim
	r := &Report{ScamID: sc.id, Victim: kuzet.Victim{Name: v.name, Phone: v.phone, Region: v.region},
		Channel: sc.channel, Scheme: sc.scheme, Description: sc.description, Currency: "KZT",
		Transfers: sc.transfers, Hops: map[string]Hop{}}
	for _, tr := range sc.transfers {
		r.AmountLost += tr.Amount
	}
	seen := map[kuzet.Indicator]bool{}
	for _, ind := range sc.indicators {
		if !seen[ind] {
			seen[ind] = true
			r.Indicators = append(r.Indicators, ind)
		}
	}
	for _, l := range sc.legs {
		if l.at.After(at) {
			continue
		}
		h := r.Hops[l.iban]
		h.BankBIC = g.c.Banks[l.bank].BIC
		left := l.in
		for _, o := range l.out {
			if !o.At.After(at) {
				h.Onward = append(h.Onward, o)
				left -= o.Amount
			}
		}
		if !l.cashAt.IsZero() && !l.cashAt.After(at) {
			left = 0
		}
		h.Frozen += left
		r.Hops[l.iban] = h
	}
	g.events = append(g.events, Event{At: at, Report: r})
}
