package synth

// Holdout9 is a blind payment world: a month of a country's retail payments
// written without knowledge of how kuzet decides, to judge its rules on data
// nobody tuned them to.
//
// The month. November 2026 in Kazakhstan (one time zone, UTC+5): a week of
// warm-up from Monday 26 October (the Republic Day holiday moved from Sunday
// the 25th), then four weeks from Monday 2 November to Sunday 29 November.
// November is the month of sogym (families buy a horse or a cow from a
// village for the winter's meat), of coal and firewood bought by the tonne
// in villages and small towns, of the last autumn weddings (toi) paid to
// banquet halls, and of Black Friday (27 November), when many people buy a
// new phone.
//
// People. About 3,600 customers spread over Almaty, Astana and Shymkent and
// the regions, more than half of them outside the three cities and a third
// in villages and small towns. Each has a primary bank (Kaspi holds about
// half the retail market, Halyk a fifth, the rest share what is left), an
// IBAN, a card, a mobile number with one of the operators (a few on Izi
// Mobile, which is not connected to the exchange), a phone (Android or
// iPhone), a habit (the size of the transfers they usually make) and a pace.
// Young people pay more often and in smaller sums, pensioners less often;
// one in ten pays mostly at night (shift workers, rotation workers in
// Atyrau and Mangystau, students). Around one in twenty is a sole
// proprietor (a hairdresser, a tutor, a market stall, a taxi driver): they
// receive many small transfers from strangers by phone number and pay their
// suppliers and helpers.
//
// Honest behaviour. Salaries (an advance around the 20th and the main pay
// around the 5th or 10th, from 60 employers at their banks), payments to
// shops and services by QR or transfer, utilities and top-ups, loan
// repayments, transfers to family by phone number, splitting a bill with
// a new payee, and the honest look-alikes a naive rule would flag:
//   - relatives abroad (students in Korea or Poland, workers in Russia or
//     Turkey, a daughter married in Germany) call from foreign numbers,
//     over the phone network or a messenger, and then their parents send
//     money to the Kazakh account they keep; a few call from a Kazakh SIM in
//     roaming;
//   - cars bought on Kolesa and flats rented or bought on Krisha after a
//     call with a seller or landlord never called before, for large sums to
//     a new payee, often while still on the phone with them;
//   - sogym livestock and winter coal bought from a villager after a first
//     call, for several times the buyer's habit; a banquet hall paid for a
//     toi;
//   - money moved to one's own new deposit or brokerage account at another
//     bank (deposit rates are high): large, new payee, own name;
//   - donations to a collection for a sick child: many strangers sending to
//     one private card, the same fan-in a mule shows;
//   - young people buying USDT on P2P markets, paying a stranger's card,
//     the same traders the crews cash out through;
//   - night payments, payments on a call ("send me 5,000 for the taxi"),
//     a grandchild sharing the screen to help a grandparent, a new phone
//     after Black Friday.
//
// Fraud. About 30 scams a day. The crews know the exchange exists: mule
// accounts are shared across banks, callers' numbers are verified with the
// operators, and banks' apps report sessions. So fewer calls are spoofed
// (the hotline from abroad and domestic numbers no operator originated
// still happen, from older crews), and more come from real SIMs in SIM
// boxes, from SIMs of the unconnected operator, from foreign numbers
// presenting as "security", and above all through messengers (WhatsApp,
// Telegram calls), which no telecom check sees. Phone scammers tell about
// half their victims to hang up before paying ("the line must be free, I
// will call back") or to pay from a laptop, so the app sees no call; few
// still use screen sharing, because banks' apps catch it. Other schemes
// come by messenger with no call at all: a hacked friend asking for a loan
// ("friend_in_need"), a fake buyer or seller on a marketplace, a fake flat
// to rent, investment platforms and paid "tasks" that escalate over days.
// Account takeover ("account_takeover") follows a call from a fake operator
// that gets the SMS code: the crew pays from its own device, which is new to
// the bank; a quarter of crews let the device sit three days before they
// drain the account, and most use domestic mobile proxies. Amounts range
// from near the victim's habit (students, pensioners with little, the
// friend's "loan") to many times it (savings plus a loan taken on the
// scammer's instructions), and some crews split the money into pieces under
// half a million.
//
// Mules. A pool of money-mule accounts (default 260) at every bank, most at
// banks with remote onboarding; each works for a few days, most recently
// opened, some on a straw sole proprietor. First-tier mules forward the
// money within minutes (some within hours) to a collector mule or straight
// to cash-out: P2P crypto traders at member banks, accounts at banks that
// are not members of the exchange, or an ATM. Forwards are checked by the
// mule's own bank; crews mostly run each mule on its own phone, a few share
// a device farm. The registry knows at the start a share of the pool
// (accounts already burnt before the month) and older mules no longer used;
// crews avoid listed accounts but about one transfer in twelve still goes
// to one.
//
// Reports. Most victims of phone scams and account takeover report within
// hours, victims of investment and task scams days or weeks later (some after
// the month). A report names the scammer's number or site and the accounts
// paid, and Hops says what each bank on the trail would answer: what is left
// (frozen) and where the rest went. Money not yet forwarded when the report
// arrives stays frozen, and its forward never happens.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// Holdout9Config sets up Holdout9. Zero fields take the defaults in
// brackets.
type Holdout9Config struct {
	Seed uint64
	// Start is the first day of the warm-up, from its midnight in
	// Kazakhstan [Monday 26 October 2026].
	Start time.Time
	// Days counts every simulated day, the warm-up included [35: a week of
	// warm-up and four weeks evaluated, 2–29 November 2026].
	Days        int
	Customers   int     // [3,600]
	ScamsPerDay float64 // [30]
	WarmupDays  int     // [7]
	Mules       int     // the pool of mule accounts used in the month [260]
}

var h9Zone = time.FixedZone("KZ", 5*3600)

func (cfg *Holdout9Config) h9Defaults() {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2026, 10, 26, 0, 0, 0, 0, h9Zone)
	}
	if cfg.WarmupDays <= 0 {
		cfg.WarmupDays = 7
	}
	if cfg.Days <= 0 {
		cfg.Days = cfg.WarmupDays + 28
	}
	if cfg.Customers <= 0 {
		cfg.Customers = 3600
	}
	if cfg.ScamsPerDay <= 0 {
		cfg.ScamsPerDay = 30
	}
	if cfg.Mules <= 0 {
		cfg.Mules = 260
	}
}

// Schemes of Holdout9 beyond the shared ones.
const (
	h9SchemeUnconnected = "unconnected_operator" // a SIM of the operator not connected to the exchange
	h9SchemeATO         = "account_takeover"     // the SMS code given to a fake operator; the crew pays
	h9SchemeFriend      = "friend_in_need"       // a hacked messenger account of a friend asks for a loan
	h9SchemeMarketplace = "marketplace"          // a fake buyer or seller, a payment link or prepayment
	h9SchemeRent        = "rent_deposit"         // a flat that does not exist
	h9SchemeInvestment  = "investment"           // a platform that shows profits, escalating deposits
	h9SchemeTasks       = "task_job"             // paid "tasks" that need ever larger deposits
)

type h9Scheme struct {
	name   string
	weight float64
	call   int // 0 none, 1 telephony, 2 messenger call (no telecom event)
}

var h9Schemes = []h9Scheme{
	{SchemeSpoofedHotline, 3, 1},
	{SchemeForeignCaller, 8, 1},
	{SchemeDomesticSpoofed, 4, 1},
	{SchemeSimbox, 14, 1},
	{h9SchemeUnconnected, 7, 1},
	{SchemeMessenger, 23, 2},
	{h9SchemeATO, 8, 1},
	{h9SchemeFriend, 10, 0},
	{h9SchemeMarketplace, 9, 0},
	{h9SchemeRent, 3, 0},
	{h9SchemeInvestment, 7, 0},
	{h9SchemeTasks, 4, 0},
}

// h9Cap is what a bank's app reports of a session, as the chance that a
// true condition is reported: a call on the phone network, a messenger
// call, remote access or screen sharing, a new device.
type h9Cap struct{ call, voip, remote, newDev float64 }

// Banks in Country order: Kaspi, Halyk, Forte, BCC, Jusan, Freedom,
// Eurasian, Home Credit.
var (
	h9Caps = []h9Cap{
		{0.93, 0.65, 0.85, 0.97},
		{0.85, 0.45, 0.75, 0.95},
		{0.70, 0.20, 0.60, 0.90},
		{0.70, 0.15, 0.55, 0.90},
		{0, 0, 0, 0.90},
		{0.80, 0.50, 0.70, 0.95},
		{0, 0, 0, 0},
		{0.50, 0, 0.40, 0.85},
	}
	h9RetailShare = []float64{48, 22, 6, 6, 5, 6, 3, 4}
	h9MuleShare   = []float64{34, 11, 7, 5, 11, 15, 6, 11}
)

type h9Region struct {
	name   string
	weight float64
	rural  float64 // share living in villages and small towns
}

var h9Regions = []h9Region{
	{"Almaty", 11, 0}, {"Astana", 8, 0}, {"Shymkent", 6, 0.05},
	{"Almaty Region", 8, 0.7}, {"Turkestan Region", 10, 0.8}, {"Karaganda Region", 6, 0.3},
	{"East Kazakhstan Region", 4, 0.4}, {"Abai Region", 3, 0.5}, {"Aktobe Region", 5, 0.35},
	{"Atyrau Region", 4, 0.4}, {"Mangystau Region", 4, 0.4}, {"Kostanay Region", 4, 0.5},
	{"Pavlodar Region", 4, 0.35}, {"North Kazakhstan Region", 3, 0.6}, {"Akmola Region", 4, 0.65},
	{"Zhambyl Region", 6, 0.6}, {"Kyzylorda Region", 4, 0.55}, {"West Kazakhstan Region", 3, 0.5},
	{"Zhetysu Region", 3, 0.6}, {"Ulytau Region", 1, 0.4},
}

var (
	h9MaleFirst   = []string{"Nursultan", "Yerlan", "Arman", "Daniyar", "Askar", "Bauyrzhan", "Serik", "Marat", "Timur", "Dmitry", "Sergey", "Alexey", "Ruslan", "Azamat", "Yerzhan", "Dauren", "Kairat", "Almas", "Nurlan", "Igor", "Aslan", "Zhandos", "Murat", "Talgat"}
	h9FemaleFirst = []string{"Aigerim", "Dana", "Aruzhan", "Madina", "Asel", "Gulnara", "Saule", "Zhanar", "Ainur", "Dinara", "Aliya", "Elena", "Olga", "Natalya", "Tatyana", "Kamila", "Akmaral", "Gulmira", "Raushan", "Botagoz", "Indira", "Svetlana", "Zarina", "Meruert"}
	h9Surnames    = []string{"Nurlanov", "Akhmetov", "Zhakupov", "Ivanov", "Abdrakhmanov", "Omarov", "Suleimenov", "Bekov", "Kassymov", "Iskakov", "Sadykov", "Smagulov", "Petrov", "Karimov", "Yusupov", "Tulegenov", "Baimukhanov", "Dzhaksybekov", "Yessenov", "Mukanov", "Kuznetsov", "Serikbayev", "Amanov", "Tokhtarov", "Kenzhebekov", "Utegenov"}
	h9Invariable  = []string{"Kim", "Tsoy", "Li", "Ten", "Pak", "Shevchenko", "Bondarenko", "Kovalenko"}
)

// h9Party is an account someone can be paid into.
type h9Party struct {
	name  string
	phone string
	bank  int
	iban  string
	card  string
}

type h9Person struct {
	h9Party
	cust      string
	region    string
	rural     bool
	age       int // 0 young, 1 working age, 2 pensioner
	ios       bool
	device    string
	oldDevice string
	newDevAt  time.Time // when the current device was first used; zero: long before
	web       float64   // share of sessions in internet banking
	homeIP    string
	telco     int
	habit     float64 // usual transfer, KZT
	rate      float64 // checked payments a day
	night     bool
	biz       bool
	family    []h9Party
	abroad    []string  // relatives' foreign numbers (or a Kazakh SIM in roaming)
	abroadTo  []h9Party // the accounts money for them goes to
	roaming   []bool
	suppliers []h9Party
	helpers   []h9Party
	merchants []int
	employer  int // -1 none
	seconds   h9Party
}

type h9Merchant struct {
	h9Party
	region string // "" national
	median float64
	sigma  float64
	cat    int
}

type h9Employer struct {
	h9Party
	bin     string
	region  string
	payDays []int // days of the month
	ip      string
	staff   []int
}

type h9Mule struct {
	h9Party
	cust    string
	device  string
	region  string
	ip      string
	from    int // first day of use
	to      int // last day of use
	tier    int // 1 receives from victims, 2 collects from mules
	listed  bool
	crewNew bool // a crew's phone took over the account shortly before use
	farm    bool
}

type h9Gen struct {
	c        *Country
	cfg      Holdout9Config
	r        *rand.Rand
	start    time.Time
	evalFrom time.Time
	end      time.Time
	people   []*h9Person
	merch    []h9Merchant
	emps     []h9Employer
	mules    []*h9Mule
	coll     []*h9Mule
	traders  []h9Party
	outside  []h9Party
	charity  []h9Party
	events   []Event
	seq      int
	seenCall map[[2]string]bool
	farmDev  []string
	crewDev  []string
	listed   []Submission
	scams    int
}

// Holdout9 returns the ninth blind payment world, determined by cfg.Seed
// alone.
func (c *Country) Holdout9(cfg Holdout9Config) *PaymentWorld {
	cfg.h9Defaults()
	g := &h9Gen{
		c:        c,
		cfg:      cfg,
		r:        rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		seenCall: map[[2]string]bool{},
	}
	y, m, d := cfg.Start.In(h9Zone).Date()
	g.start = time.Date(y, m, d, 0, 0, 0, 0, h9Zone)
	g.evalFrom = g.start.AddDate(0, 0, cfg.WarmupDays)
	g.end = g.start.AddDate(0, 0, cfg.Days)
	g.setup()
	for day := range cfg.Days {
		g.honestDay(day)
		g.scamDay(day)
	}
	slices.SortStableFunc(g.events, func(a, b Event) int { return a.At.Compare(b.At) })
	return &PaymentWorld{
		Config: PaymentConfig{
			Seed: cfg.Seed, Start: g.start, Days: cfg.Days, Customers: cfg.Customers,
			Employers: len(g.emps), Merchants: len(g.merch), Mules: cfg.Mules,
			ScamsPerDay: cfg.ScamsPerDay, ListedMules: 0.2,
		},
		Events:   g.events,
		Listed:   g.listed,
		EvalFrom: g.evalFrom,
	}
}

// Random helpers.

func (g *h9Gen) pick(w []float64) int {
	t := 0.0
	for _, x := range w {
		t += x
	}
	u := g.r.Float64() * t
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

func (g *h9Gen) logn(median, sigma float64) float64 {
	return median * math.Exp(sigma*g.r.NormFloat64())
}

func (g *h9Gen) p(x float64) bool { return g.r.Float64() < x }

func (g *h9Gen) poisson(l float64) int {
	if l <= 0 {
		return 0
	}
	if l > 30 {
		n := int(math.Round(l + math.Sqrt(l)*g.r.NormFloat64()))
		return max(n, 0)
	}
	k, t := 0, math.Exp(-l)
	for q := g.r.Float64(); q > t; q *= g.r.Float64() {
		k++
	}
	return k
}

// h9Round rounds a sum the way people type it.
func (g *h9Gen) round(v float64) float64 {
	switch {
	case v < 200:
		return math.Max(100, math.Round(v))
	case v < 5000:
		if g.p(0.6) {
			return math.Round(v/100) * 100
		}
		return math.Round(v)
	case v < 100000:
		if g.p(0.7) {
			return math.Round(v/1000) * 1000
		}
		return math.Round(v/10) * 10
	default:
		return math.Round(v/5000) * 5000
	}
}

func (g *h9Gen) name() (string, bool) {
	male := g.p(0.5)
	first := h9FemaleFirst[g.r.IntN(len(h9FemaleFirst))]
	if male {
		first = h9MaleFirst[g.r.IntN(len(h9MaleFirst))]
	}
	var last string
	if g.p(0.12) {
		last = h9Invariable[g.r.IntN(len(h9Invariable))]
	} else {
		last = h9Surnames[g.r.IntN(len(h9Surnames))]
		if !male {
			last += "a"
		}
	}
	return first + " " + last, male
}

func (g *h9Gen) mobile(telco int) string {
	t := g.c.Telcos[telco]
	return fmt.Sprintf("+%s%07d", t.Prefixes[g.r.IntN(len(t.Prefixes))], g.r.IntN(10_000_000))
}

func (g *h9Gen) izi() string {
	t := g.c.Unconnected[g.r.IntN(len(g.c.Unconnected))]
	return fmt.Sprintf("+%s%07d", t.Prefixes[g.r.IntN(len(t.Prefixes))], g.r.IntN(10_000_000))
}

func (g *h9Gen) anyMobile() string {
	if g.p(0.04) && len(g.c.Unconnected) > 0 {
		return g.izi()
	}
	return g.mobile(g.pick([]float64{38, 36, 26}[:len(g.c.Telcos)]))
}

func (g *h9Gen) iban(bank int) string {
	return KZIBAN(g.c.Banks[bank].BankCode, fmt.Sprintf("%013d", g.r.Int64N(1e13)))
}

func (g *h9Gen) card() string {
	bins := []string{"440043", "400303", "521324", "535614", "220070", "417258"}
	body := bins[g.r.IntN(len(bins))] + fmt.Sprintf("%09d", g.r.IntN(1e9))
	return body + string(luhnDigit(body))
}

func (g *h9Gen) party(bank int) h9Party {
	n, _ := g.name()
	return h9Party{name: n, phone: g.anyMobile(), bank: bank, iban: g.iban(bank), card: g.card()}
}

func (g *h9Gen) deviceID(ios bool) string {
	if ios {
		return fmt.Sprintf("ios-%08X-%04X-%04X", g.r.Uint32(), g.r.Uint32()&0xffff, g.r.Uint32()&0xffff)
	}
	return fmt.Sprintf("and-%016x", g.r.Uint64())
}

var h9MobileNets = [][2]int{{37, 150}, {176, 64}, {5, 76}}

func (g *h9Gen) mobileIP(telco int) string {
	n := h9MobileNets[telco%len(h9MobileNets)]
	return fmt.Sprintf("%d.%d.%d.%d", n[0], n[1]+g.r.IntN(2), g.r.IntN(256), 1+g.r.IntN(254))
}

func (g *h9Gen) homeIP() string {
	if g.p(0.7) {
		return fmt.Sprintf("95.%d.%d.%d", 56+g.r.IntN(4), g.r.IntN(256), 1+g.r.IntN(254))
	}
	return fmt.Sprintf("2.%d.%d.%d", 72+g.r.IntN(8), g.r.IntN(256), 1+g.r.IntN(254))
}

var h9Foreign = []struct {
	cc     string
	digits int
	weight float64
}{
	{"7 9", 9, 30}, {"82 10", 8, 12}, {"90 5", 9, 10}, {"49 15", 9, 6}, {"48 5", 8, 5},
	{"971 5", 8, 6}, {"998 9", 8, 8}, {"996 7", 8, 5}, {"1 ", 10, 4}, {"44 7", 9, 4},
	{"420 7", 8, 3}, {"86 13", 9, 3}, {"995 5", 8, 2},
}

func (g *h9Gen) foreign(weights []float64) string {
	w := weights
	if w == nil {
		w = make([]float64, len(h9Foreign))
		for i, f := range h9Foreign {
			w[i] = f.weight
		}
	}
	f := h9Foreign[g.pick(w)]
	cc := strings.ReplaceAll(f.cc, " ", "")
	n := g.r.Int64N(int64(math.Pow10(f.digits)))
	if f.cc == "1 " {
		n = 2_000_000_000 + g.r.Int64N(7_000_000_000)
	}
	return fmt.Sprintf("+%s%0*d", cc, f.digits, n)
}

// setup draws the people, merchants, employers and mules.

func (g *h9Gen) setup() {
	nb := len(g.c.Banks)
	share := func(w []float64) []float64 {
		out := make([]float64, nb)
		for i := range out {
			if i < len(w) {
				out[i] = w[i]
			} else {
				out[i] = 1
			}
		}
		return out
	}
	retail, muleW := share(h9RetailShare), share(h9MuleShare)
	regW := make([]float64, len(h9Regions))
	for i, r := range h9Regions {
		regW[i] = r.weight
	}

	// Merchants: national chains and services, and local shops by region.
	type cat struct {
		name     string
		median   float64
		sigma    float64
		national bool
		n        int
	}
	cats := []cat{
		{"Grocery", 4500, 0.8, false, 120}, {"Pharmacy", 3500, 0.7, false, 40}, {"Cafe", 6000, 0.6, false, 50},
		{"Clothing", 18000, 0.7, false, 25}, {"Electronics", 45000, 1.0, true, 6}, {"Utilities", 14000, 0.5, false, 20},
		{"Mobile top-up", 3000, 0.5, true, 4}, {"Internet", 9000, 0.3, true, 3}, {"Microfinance", 35000, 0.6, true, 8},
		{"Fuel", 12000, 0.5, true, 6}, {"Clinic", 15000, 0.8, false, 20}, {"Kindergarten", 45000, 0.4, false, 20},
		{"Marketplace", 12000, 0.9, true, 4}, {"Food delivery", 7000, 0.5, true, 3}, {"Games", 3000, 0.8, true, 3},
	}
	for ci, ct := range cats {
		for i := range ct.n {
			m := h9Merchant{median: ct.median, sigma: ct.sigma, cat: ci}
			m.bank = g.pick(retail)
			m.iban = g.iban(m.bank)
			m.phone = g.anyMobile()
			m.name = fmt.Sprintf("TOO %s %d", ct.name, i+1)
			if !ct.national {
				m.region = h9Regions[g.pick(regW)].name
				if g.p(0.4) {
					n, _ := g.name()
					m.name = "IP " + n
				}
			}
			g.merch = append(g.merch, m)
		}
	}

	for i := range 60 {
		e := h9Employer{bin: fmt.Sprintf("%012d", 100000000000+g.r.Int64N(8e11)), region: h9Regions[g.pick(regW)].name}
		e.bank = g.pick([]float64{25, 30, 10, 12, 6, 8, 5, 4}[:min(8, nb)])
		e.iban = g.iban(e.bank)
		e.name = fmt.Sprintf("TOO Employer %d", i+1)
		e.ip = g.homeIP()
		switch g.r.IntN(4) {
		case 0:
			e.payDays = []int{5, 20}
		case 1:
			e.payDays = []int{10, 25}
		case 2:
			e.payDays = []int{30}
		default:
			e.payDays = []int{10}
		}
		g.emps = append(g.emps, e)
	}

	// P2P crypto traders, accounts at banks outside the exchange, and
	// collections for a sick child.
	for range 30 {
		g.traders = append(g.traders, g.party(g.pick(retail)))
	}
	outsideCodes := []string{"849", "914", "432", "551"}
	for range 40 {
		p := g.party(0)
		p.bank = -1
		p.iban = KZIBAN(outsideCodes[g.r.IntN(len(outsideCodes))], fmt.Sprintf("%013d", g.r.Int64N(1e13)))
		g.outside = append(g.outside, p)
	}
	for range 6 {
		g.charity = append(g.charity, g.party(g.pick(retail)))
	}

	for i := range g.cfg.Customers {
		p := &h9Person{employer: -1}
		p.name, _ = g.name()
		p.bank = g.pick(retail)
		p.iban = g.iban(p.bank)
		p.card = g.card()
		p.cust = fmt.Sprintf("%s%08d", g.c.Banks[p.bank].BIC[:2], 10_000_000+i*7+g.r.IntN(7))
		reg := h9Regions[g.pick(regW)]
		p.region, p.rural = reg.name, g.p(reg.rural)
		p.age = g.pick([]float64{30, 52, 18})
		if p.rural && g.p(0.3) {
			p.age = 2
		}
		p.telco = g.pick([]float64{38, 36, 26}[:len(g.c.Telcos)])
		if g.p(0.03) && len(g.c.Unconnected) > 0 {
			p.phone = g.izi()
		} else {
			p.phone = g.mobile(p.telco)
		}
		p.ios = g.p([]float64{0.35, 0.25, 0.1}[p.age] + map[bool]float64{true: -0.08, false: 0.05}[p.rural])
		p.device = g.deviceID(p.ios)
		p.homeIP = g.homeIP()
		p.web = []float64{0.02, 0.07, 0.03}[p.age]
		if g.p(0.1) {
			p.web = 0.4
		}
		p.habit = g.logn([]float64{9000, 20000, 15000}[p.age], 0.7)
		if !p.rural && (p.region == "Almaty" || p.region == "Astana" || p.region == "Atyrau Region") {
			p.habit *= 1.4
		}
		p.rate = g.logn([]float64{0.95, 0.8, 0.35}[p.age], 0.55)
		p.night = g.p([]float64{0.16, 0.09, 0.02}[p.age])
		p.biz = p.age != 2 && g.p(0.05)
		if p.biz {
			for range 2 + g.r.IntN(4) {
				s := g.party(g.pick(retail))
				s.name = "TOO Supplier " + s.name
				p.suppliers = append(p.suppliers, s)
			}
			for range g.r.IntN(3) {
				p.helpers = append(p.helpers, g.party(g.pick(retail)))
			}
		}
		if p.age != 2 && g.p(0.55) {
			p.employer = g.r.IntN(len(g.emps))
		}
		// Local merchants first, then national ones.
		for range 10 + g.r.IntN(10) {
			m := g.r.IntN(len(g.merch))
			if g.merch[m].region != "" && g.merch[m].region != p.region && g.p(0.85) {
				continue
			}
			p.merchants = append(p.merchants, m)
		}
		if len(p.merchants) == 0 {
			p.merchants = append(p.merchants, g.r.IntN(len(g.merch)))
		}
		// Relatives abroad.
		if g.p([]float64{0.06, 0.09, 0.14}[p.age]) {
			for range 1 + g.r.IntN(2) {
				roam := g.p(0.15)
				num := g.foreign(nil)
				if roam {
					num = g.mobile(g.r.IntN(len(g.c.Telcos)))
				}
				p.abroad = append(p.abroad, num)
				p.roaming = append(p.roaming, roam)
				p.abroadTo = append(p.abroadTo, g.party(g.pick(retail)))
				g.seenCall[[2]string{num, p.phone}] = true
			}
		}
		// A second account for own transfers.
		if g.p(0.25) {
			b := g.pick(retail)
			if b == p.bank {
				b = (b + 1) % nb
			}
			p.seconds = h9Party{name: p.name, phone: p.phone, bank: b, iban: g.iban(b), card: g.card()}
		}
		// New phone: more in Black Friday week.
		if g.p([]float64{0.07, 0.045, 0.025}[p.age]) {
			day := g.r.IntN(g.cfg.Days)
			if g.p(0.3) {
				if bf := int(time.Date(g.start.Year(), 11, 27, 0, 0, 0, 0, h9Zone).Sub(g.start).Hours() / 24); bf >= 0 && bf < g.cfg.Days {
					day = min(g.cfg.Days-1, bf+g.r.IntN(4))
				}
			}
			p.oldDevice = p.device
			if g.p(0.2) {
				p.ios = !p.ios
			}
			p.device = g.deviceID(p.ios)
			p.newDevAt = g.start.AddDate(0, 0, day).Add(time.Duration(9+g.r.IntN(12)) * time.Hour)
		}
		g.people = append(g.people, p)
	}
	// Families: other customers (often in the same region) and people
	// outside the simulation.
	for _, p := range g.people {
		for range 1 + g.r.IntN(4) {
			if g.p(0.6) {
				q := g.people[g.r.IntN(len(g.people))]
				if q != p {
					p.family = append(p.family, q.h9Party)
				}
			} else {
				p.family = append(p.family, g.party(g.pick(retail)))
			}
		}
		if p.employer >= 0 {
			g.emps[p.employer].staff = append(g.emps[p.employer].staff, slices.Index(g.people, p))
		}
	}

	// Mules.
	days := g.cfg.Days
	for i := range g.cfg.Mules {
		m := &h9Mule{tier: 1}
		m.bank = g.pick(muleW)
		n, _ := g.name()
		m.name, m.phone, m.iban, m.card = n, g.anyMobile(), g.iban(m.bank), g.card()
		m.cust = fmt.Sprintf("%s%08d", g.c.Banks[m.bank].BIC[:2], 30_000_000+i*11+g.r.IntN(11))
		m.region = h9Regions[g.pick(regW)].name
		m.device = g.deviceID(g.p(0.2))
		m.ip = g.mobileIP(g.r.IntN(len(g.c.Telcos)))
		if g.p(0.12) {
			m.tier = 2
		}
		if g.p(0.08) {
			m.name = "IP " + m.name
		}
		m.from = g.r.IntN(days)
		m.to = min(days-1, m.from+1+g.r.IntN(8))
		m.crewNew = g.p(0.35)
		m.farm = g.p(0.12)
		// Burnt before the month: known to the registry.
		if m.from < g.cfg.WarmupDays/2 && g.p(0.5) || g.p(0.1) {
			m.listed = true
		}
		g.mules = append(g.mules, m)
		if m.tier == 2 {
			g.coll = append(g.coll, m)
		}
	}
	for range 6 {
		g.farmDev = append(g.farmDev, g.deviceID(false))
	}
	for range 20 {
		g.crewDev = append(g.crewDev, g.deviceID(g.p(0.15)))
	}
	for _, m := range g.mules {
		if m.listed {
			g.listed = append(g.listed, Submission{
				Reporter: g.c.Banks[g.r.IntN(nb)].Name, Kind: kuzet.KindIBAN, Value: m.iban,
				Category: kuzet.CategoryMuleAccount, Confidence: 0.6 + float64(g.r.IntN(40))/100,
				Evidence: "confirmed fraud transfer",
			})
			if g.p(0.3) {
				g.listed = append(g.listed, Submission{
					Reporter: g.c.Banks[m.bank].Name, Kind: kuzet.KindCard, Value: m.card,
					Category: kuzet.CategoryMuleAccount, Confidence: 0.8, Evidence: "card-to-card cash-out",
				})
			}
		}
	}
	// Older mules, no longer used.
	for range 150 {
		b := g.pick(muleW)
		g.listed = append(g.listed, Submission{
			Reporter: g.c.Banks[g.r.IntN(nb)].Name, Kind: kuzet.KindIBAN, Value: g.iban(b),
			Category: kuzet.CategoryMuleAccount, Confidence: 0.5 + float64(g.r.IntN(50))/100,
			Evidence: "victim report, funds forwarded",
		})
	}
}

// Payments.

type h9Session struct {
	onCall, voip, remote bool
	channel              string
	device, ip           string
	forceNew             int // 1 new, -1 not new, 0 from the person
}

func (g *h9Gen) observe(bank int, ios bool, s h9Session, newDev bool) (onCall, remote, nd bool) {
	if bank < 0 || bank >= len(h9Caps) {
		return
	}
	cp := h9Caps[bank]
	if s.channel == "mobile_app" {
		if s.onCall {
			pc := cp.call
			if s.voip {
				pc = cp.voip
				if ios {
					pc = math.Min(1, pc*1.2)
				}
			}
			onCall = g.p(pc)
		}
		if s.remote {
			pr := cp.remote
			if ios {
				pr *= 0.6
			}
			remote = g.p(pr)
		}
		nd = newDev && g.p(cp.newDev)
	} else if s.channel == "internet_banking" {
		// Web: cookies only; a cleared browser looks new.
		nd = (newDev || g.p(0.06)) && g.p(cp.newDev*0.8)
	}
	return
}

func (g *h9Gen) channel(p *h9Person) string {
	if g.p(p.web) {
		return "internet_banking"
	}
	if p.age == 2 && g.p(0.01) {
		return "branch"
	}
	return "mobile_app"
}

func (g *h9Gen) payerOf(p *h9Person, at time.Time, s h9Session) kuzet.Payer {
	if s.channel == "" {
		s.channel = g.channel(p)
	}
	dev := p.device
	newDev := false
	if !p.newDevAt.IsZero() {
		if at.Before(p.newDevAt) {
			dev = p.oldDevice
		} else {
			newDev = at.Sub(p.newDevAt) < 72*time.Hour
		}
	}
	ip := p.homeIP
	if g.p(0.55) {
		ip = g.mobileIP(p.telco)
	}
	if s.channel == "internet_banking" {
		dev = "web-" + p.cust
		ip = p.homeIP
	}
	if s.device != "" {
		dev, ip = s.device, s.ip
	}
	switch s.forceNew {
	case 1:
		newDev = true
	case -1:
		newDev = false
	}
	pay := kuzet.Payer{Account: p.iban, Phone: p.phone, CustomerID: p.cust, DeviceID: dev, IP: ip, Region: p.region}
	if s.channel == "branch" {
		pay.DeviceID, pay.IP = "", ""
		return pay
	}
	pay.OnCall, pay.RemoteAccess, pay.NewDevice = g.observe(p.bank, p.ios, s, newDev)
	return pay
}

// payee writes how a payer addresses pt: 0 IBAN, 1 card, 2 phone.
func (g *h9Gen) payee(pt h9Party, how int) kuzet.Payee {
	var py kuzet.Payee
	if pt.bank >= 0 {
		py.BankBIC = g.c.Banks[pt.bank].BIC
	}
	switch how {
	case 1:
		py.Card = pt.card
		py.BankBIC = ""
		if g.p(0.4) {
			py.Name = pt.name
		}
	case 2:
		py.Phone = pt.phone
		if i := strings.IndexByte(pt.name, ' '); i > 0 && i+1 < len(pt.name) && !strings.HasPrefix(pt.name, "TOO ") {
			py.Name = pt.name[:i+2] + "."
		} else {
			py.Name = pt.name
		}
	default:
		py.IBAN = pt.iban
		py.Name = pt.name
	}
	return py
}

func (g *h9Gen) emit(at time.Time, kind PaymentKind, scheme string, scam int, bank int, channel string, payer kuzet.Payer, payee kuzet.Payee, amount float64) {
	g.seq++
	amt := kuzet.Amount(math.Round(amount * 100))
	if amt < 100 {
		amt = 100
	}
	b := g.c.Banks[bank]
	g.events = append(g.events, Event{At: at, Payment: &Payment{
		Kind: kind, Scheme: scheme, BankBIC: b.BIC, ScamID: scam,
		Check: kuzet.PaymentCheck{
			PaymentID: fmt.Sprintf("%s-%s-%09d", b.BIC[:4], at.Format("060102"), g.seq),
			Amount:    amt, Currency: "KZT", CreatedAt: at, Channel: channel,
			Payer: payer, Payee: payee,
		},
	}})
}

func (g *h9Gen) personPay(p *h9Person, at time.Time, kind PaymentKind, s h9Session, to h9Party, how int, amount float64) {
	if s.channel == "" {
		s.channel = g.channel(p)
	}
	g.emit(at, kind, "", 0, p.bank, s.channel, g.payerOf(p, at, s), g.payee(to, how), amount)
}

func (g *h9Gen) call(at time.Time, a, b string, ing kuzet.Ingress, registered, foreign, unverified, scam bool) {
	key := [2]string{a, b}
	first := !g.seenCall[key]
	g.seenCall[key] = true
	g.seq++
	g.events = append(g.events, Event{At: at, Call: &EventCall{
		A: a, B: b, At: at, CallID: fmt.Sprintf("h9c-%09d", g.seq), Ingress: ing,
		Registered: registered, Foreign: foreign, Unverified: unverified, FirstTime: first, Scam: scam,
	}})
}

// domesticCall is a call from a domestic number, registered when its
// operator is connected.
func (g *h9Gen) domesticCall(at time.Time, a, b string) {
	conn := !g.unconnected(a)
	g.call(at, a, b, kuzet.IngressDomestic, conn, false, !conn, false)
}

func (g *h9Gen) unconnected(num string) bool {
	for _, t := range g.c.Unconnected {
		for _, pr := range t.Prefixes {
			if strings.HasPrefix(num, "+"+pr) {
				return true
			}
		}
	}
	return false
}

// hourOf draws a time of day for an ordinary payment.
var h9Hours = []float64{0.4, 0.2, 0.1, 0.1, 0.1, 0.3, 1, 2.5, 4, 5, 6, 6.5, 7.5, 7, 6.5, 6.5, 6.5, 7, 8, 8.5, 8, 6.5, 4, 1.5}

func (g *h9Gen) timeOf(day time.Time, night bool) time.Time {
	h := g.pick(h9Hours)
	if night && g.p(0.35) {
		h = g.r.IntN(5)
		if g.p(0.3) {
			h = 23
		}
	}
	return day.Add(time.Duration(h)*time.Hour + time.Duration(g.r.IntN(3600))*time.Second)
}

func (g *h9Gen) honestDay(d int) {
	day := g.start.AddDate(0, 0, d)
	wd := day.Weekday()
	dom := day.Day()
	bf := day.Month() == time.November && dom >= 27 && dom <= 29
	g.salaries(d, day)
	for _, p := range g.people {
		f := 1.0
		switch wd {
		case time.Friday:
			f = 1.15
		case time.Saturday:
			f = 1.1
		case time.Sunday:
			f = 0.85
		}
		if bf {
			f *= 1.25
		}
		for range g.poisson(p.rate * f) {
			g.ordinary(p, day)
		}
		g.rare(p, d, day)
	}
}

func (g *h9Gen) salaries(d int, day time.Time) {
	for i := range g.emps {
		e := &g.emps[i]
		for _, pd := range e.payDays {
			pay := time.Date(day.Year(), day.Month(), pd, 0, 0, 0, 0, h9Zone)
			for pay.Weekday() == time.Saturday || pay.Weekday() == time.Sunday {
				pay = pay.AddDate(0, 0, -1)
			}
			if !pay.Equal(day) {
				continue
			}
			at := day.Add(time.Duration(10*3600+g.r.IntN(6*3600)) * time.Second)
			for _, si := range e.staff {
				p := g.people[si]
				base := p.habit * g.logn(12, 0.35)
				if len(e.payDays) == 2 && pd >= 20 {
					base *= 0.4
				}
				base = math.Max(85000, math.Min(base, 2_500_000))
				at = at.Add(time.Duration(1+g.r.IntN(3)) * time.Second)
				payer := kuzet.Payer{Account: e.iban, CustomerID: "BIN" + e.bin, DeviceID: "web-" + e.bin, IP: e.ip, Region: e.region}
				g.emit(at, PaySalary, "", 0, e.bank, "internet_banking", payer, g.payee(p.h9Party, 0), math.Round(base))
			}
		}
	}
	_ = d
}

func h9BoolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ordinary is an everyday payment.
func (g *h9Gen) ordinary(p *h9Person, day time.Time) {
	at := g.timeOf(day, p.night)
	s := h9Session{}
	callP := []float64{0.05, 0.06, 0.12}[p.age]
	w := []float64{50, 24, 5, 6, 9, 3}
	if p.biz {
		w = []float64{30, 14, 4, 4, 6, 3, 25}
	}
	switch g.pick(w) {
	case 0: // shops and services
		m := g.merch[p.merchants[g.r.IntN(len(p.merchants))]]
		s.onCall = g.p(0.015)
		s.voip = g.p(0.3)
		s.remote = g.p(0.002)
		amt := g.round(g.logn(m.median, m.sigma))
		g.personPay(p, at, PayShopping, s, m.h9Party, []int{0, 2, 0}[g.r.IntN(3)], amt)
	case 1: // family
		if len(p.family) == 0 {
			return
		}
		to := p.family[g.r.IntN(len(p.family))]
		s.onCall = g.p(callP)
		s.voip = g.p(0.45)
		s.remote = g.p([]float64{0.001, 0.002, 0.008}[p.age])
		g.personPay(p, at, PayFamily, s, to, []int{2, 2, 2, 1, 0}[g.r.IntN(5)], g.round(g.logn(p.habit, 0.6)))
	case 2: // splitting a bill, a small debt to a new person
		to := g.party(g.pick([]float64{60, 15, 5, 5, 5, 5, 2, 3}))
		s.onCall = g.p(0.06)
		s.voip = g.p(0.4)
		g.personPay(p, at, PayFamily, s, to, 2, g.round(g.logn(p.habit*0.4, 0.6)))
	case 3: // a sole proprietor among the customers: tutor, hairdresser, stall
		q := g.people[g.r.IntN(len(g.people))]
		if !q.biz || q == p {
			m := g.merch[g.r.IntN(len(g.merch))]
			g.personPay(p, at, PayShopping, s, m.h9Party, 0, g.round(g.logn(m.median, m.sigma)))
			return
		}
		s.onCall = g.p(0.04)
		g.personPay(p, at, PayShopping, s, q.h9Party, 2, g.round(g.logn(7000, 0.7)))
	case 4: // utilities, top-ups, loans: national billers
		m := g.merch[g.r.IntN(len(g.merch))]
		for tries := 0; tries < 8 && m.region != "" && m.region != p.region; tries++ {
			m = g.merch[g.r.IntN(len(g.merch))]
		}
		g.personPay(p, at, PayShopping, s, m.h9Party, 0, g.round(g.logn(m.median, m.sigma)))
	case 5: // own accounts, a charity collection, a P2P crypto purchase
		switch {
		case p.seconds.iban != "" && g.p(0.5):
			g.personPay(p, at, PayFamily, s, p.seconds, 0, g.round(g.logn(p.habit*3, 0.8)))
		case g.p(0.5):
			s.onCall = g.p(0.03)
			g.personPay(p, at, PayFamily, s, g.charity[g.r.IntN(len(g.charity))], 1, g.round(g.logn(3000, 0.6)))
		case p.age == 0:
			g.personPay(p, at, PayPurchase, s, g.traders[g.r.IntN(len(g.traders))], 1, g.round(g.logn(80000, 0.8)))
		case len(p.family) > 0:
			g.personPay(p, at, PayFamily, s, p.family[0], 2, g.round(g.logn(p.habit, 0.5)))
		}
	case 6: // business: suppliers and helpers
		if len(p.helpers) > 0 && g.p(0.25) {
			g.personPay(p, at, PaySalary, s, p.helpers[g.r.IntN(len(p.helpers))], 2, g.round(g.logn(90000, 0.4)))
			return
		}
		at = day.Add(time.Duration(8*3600+g.r.IntN(12*3600)) * time.Second)
		s.onCall = g.p(0.1)
		g.personPay(p, at, PayShopping, s, p.suppliers[g.r.IntN(len(p.suppliers))], 0, g.round(g.logn(250000, 0.9)))
	}
}

// rare are the month's uncommon honest payments, most after a call.
func (g *h9Gen) rare(p *h9Person, d int, day time.Time) {
	daysLeft := float64(g.cfg.Days)
	// Relatives abroad call; about one call in three ends in money.
	for i, num := range p.abroad {
		if !g.p(2.5 / 7) {
			continue
		}
		at := day.Add(time.Duration(9*3600+g.r.IntN(14*3600)) * time.Second)
		tel := g.p(0.45) // over the phone network, else a messenger
		if tel {
			if p.roaming[i] {
				g.call(at, num, p.phone, kuzet.IngressInternational, true, false, false, false)
			} else {
				g.call(at, num, p.phone, kuzet.IngressInternational, false, true, false, false)
			}
		}
		if g.p(0.35) {
			dur := time.Duration(3+g.r.IntN(20)) * time.Minute
			pat := at.Add(time.Duration(g.r.IntN(int(dur + 40*time.Minute))))
			s := h9Session{onCall: pat.Before(at.Add(dur)), voip: !tel, channel: "mobile_app"}
			to := p.abroadTo[i]
			if g.p(0.2) {
				to = g.party(g.pick([]float64{60, 15, 5, 5, 5, 5, 2, 3}))
			}
			g.personPay(p, pat, PayFamily, s, to, []int{2, 1, 0}[g.r.IntN(3)], g.round(g.logn(math.Max(30000, p.habit*3), 0.7)))
		}
	}
	type rare struct {
		prob        float64
		median, sig float64
		callIn      float64 // the seller calls (else the buyer calls)
		kind        PaymentKind
		split       float64
		onCall      float64
		business    bool
	}
	var rs []rare
	// Car on Kolesa, flat bought, flat rented, toi hall, sogym, coal,
	// deposit or brokerage at another bank, a phone bought on OLX.
	rs = append(rs,
		rare{0.005, 4_500_000, 0.5, 0.4, PayPurchase, 0.4, 0.35, false},
		rare{0.0012, 28_000_000, 0.5, 0.5, PayPurchase, 0.6, 0.2, false},
		rare{0.012, 220_000, 0.4, 0.5, PayPurchase, 0.1, 0.35, false},
		rare{0.004, 2_200_000, 0.5, 0.6, PayPurchase, 0.5, 0.25, false},
		rare{[]float64{0.02, 0.06}[h9BoolInt(p.rural)], 450_000, 0.4, 0.6, PayPurchase, 0.2, 0.3, false},
		rare{[]float64{0.004, 0.14}[h9BoolInt(p.rural)], 230_000, 0.35, 0.7, PayPurchase, 0.05, 0.3, false},
		rare{0.01, 800_000, 0.9, 0, PayPurchase, 0.2, 0, false},
		rare{0.02, 70_000, 0.7, 0.3, PayPurchase, 0, 0.25, false},
	)
	for i, r := range rs {
		if !g.p(r.prob / daysLeft) {
			continue
		}
		at := day.Add(time.Duration(9*3600+g.r.IntN(12*3600)) * time.Second)
		seller := g.party(g.pick([]float64{55, 20, 5, 6, 4, 5, 2, 3}))
		if i == 3 {
			seller.name = "IP Toikhana " + seller.name
		}
		if i == 6 { // own deposit or brokerage: own name, often Freedom
			b := g.pick([]float64{20, 15, 8, 8, 10, 30, 4, 5})
			seller = h9Party{name: p.name, phone: p.phone, bank: b, iban: g.iban(b), card: g.card()}
		}
		s := h9Session{}
		if r.callIn > 0 {
			if g.p(r.callIn) {
				g.domesticCall(at, seller.phone, p.phone)
			} else {
				g.domesticCall(at, p.phone, seller.phone)
			}
			at = at.Add(time.Duration(2+g.r.IntN(90)) * time.Minute)
			if g.p(0.25) { // the deal is done the next day
				at = at.Add(time.Duration(18+g.r.IntN(6)) * time.Hour)
			}
			s.onCall = g.p(r.onCall)
			s.voip = g.p(0.3)
		}
		total := g.round(g.logn(r.median, r.sig))
		how := 0
		if total < 300_000 && g.p(0.6) {
			how = 2
		}
		if g.p(r.split) { // a deposit first, the rest later
			dep := g.round(total * (0.05 + 0.15*g.r.Float64()))
			g.personPay(p, at, r.kind, s, seller, how, dep)
			total -= dep
			at = at.Add(time.Duration(1+g.r.IntN(30)) * time.Hour)
			s.onCall = g.p(r.onCall)
		}
		g.personPay(p, at, r.kind, s, seller, how, total)
	}
	// A grandchild shares the screen to help with a payment.
	if p.age == 2 && g.p(0.01/daysLeft*7) {
		at := day.Add(time.Duration(11*3600+g.r.IntN(9*3600)) * time.Second)
		s := h9Session{remote: true, onCall: g.p(0.7), voip: true, channel: "mobile_app"}
		m := g.merch[p.merchants[g.r.IntN(len(p.merchants))]]
		g.personPay(p, at, PayShopping, s, m.h9Party, 0, g.round(g.logn(m.median*2, 0.6)))
	}
	_ = d
}

// Scams.

func (g *h9Gen) victim(scheme string) *h9Person {
	for range 20 {
		p := g.people[g.r.IntN(len(g.people))]
		var w float64
		switch scheme {
		case h9SchemeTasks, h9SchemeMarketplace, h9SchemeRent:
			w = []float64{1, 0.6, 0.2}[p.age]
		case h9SchemeInvestment:
			w = []float64{0.6, 1, 0.5}[p.age]
		case h9SchemeFriend:
			w = []float64{0.6, 0.8, 1}[p.age]
		default:
			w = []float64{0.4, 0.7, 1}[p.age]
		}
		if g.p(w) {
			return p
		}
	}
	return g.people[g.r.IntN(len(g.people))]
}

func (g *h9Gen) mule(day int, bank int) *h9Mule {
	if g.p(0.08) { // an account the registry knows
		var ls []*h9Mule
		for _, m := range g.mules {
			if m.listed && m.tier == 1 {
				ls = append(ls, m)
			}
		}
		if len(ls) > 0 {
			return ls[g.r.IntN(len(ls))]
		}
	}
	var act []*h9Mule
	for _, m := range g.mules {
		if m.tier == 1 && !m.listed && m.from <= day && day <= m.to {
			act = append(act, m)
		}
	}
	if len(act) == 0 {
		for _, m := range g.mules {
			if m.tier == 1 && m.from <= day && day <= m.to {
				act = append(act, m)
			}
		}
	}
	if len(act) == 0 {
		return g.mules[g.r.IntN(len(g.mules))]
	}
	if g.p(0.45) {
		var same []*h9Mule
		for _, m := range act {
			if m.bank == bank {
				same = append(same, m)
			}
		}
		if len(same) > 0 {
			return same[g.r.IntN(len(same))]
		}
	}
	return act[g.r.IntN(len(act))]
}

type h9Piece struct {
	at     time.Time
	amount float64
	m      *h9Mule
	how    int
}

func (g *h9Gen) scamDay(d int) {
	day := g.start.AddDate(0, 0, d)
	f := 1.0
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		f = 0.8
	}
	w := make([]float64, len(h9Schemes))
	for i, s := range h9Schemes {
		w[i] = s.weight
	}
	for range g.poisson(g.cfg.ScamsPerDay * f) {
		g.scam(d, day, h9Schemes[g.pick(w)])
	}
}

func (g *h9Gen) scam(d int, day time.Time, sc h9Scheme) {
	g.scams++
	id := g.scams
	v := g.victim(sc.name)
	t0 := day.Add(time.Duration(9*3600+g.r.IntN(12*3600)) * time.Second)
	scammerNum := ""
	var channel, desc string
	var inds []kuzet.Indicator
	phoneScheme := sc.call > 0
	// The call that starts it.
	switch sc.name {
	case SchemeSpoofedHotline:
		b := g.c.Banks[g.r.IntN(len(g.c.Banks))]
		scammerNum = b.Hotline
		g.call(t0, scammerNum, v.phone, kuzet.IngressInternational, false, true, true, true)
		desc = "a call from the bank's hotline number: an attempt on the account, move the money to a safe account"
	case SchemeForeignCaller:
		scammerNum = g.foreign([]float64{35, 0, 5, 3, 3, 6, 4, 3, 8, 15, 4, 0, 8})
		g.call(t0, scammerNum, v.phone, kuzet.IngressInternational, false, true, false, true)
		desc = "a 'security service' caller from a foreign number, then 'police'"
	case SchemeDomesticSpoofed:
		scammerNum = g.mobile(g.r.IntN(len(g.c.Telcos)))
		if g.p(0.3) {
			scammerNum = fmt.Sprintf("+7717%07d", g.r.IntN(1e7))
		}
		g.call(t0, scammerNum, v.phone, kuzet.IngressDomestic, false, false, true, true)
		desc = "a caller from a local number as the financial police: a loan taken in your name"
	case SchemeSimbox:
		scammerNum = g.mobile(g.r.IntN(len(g.c.Telcos)))
		g.call(t0, scammerNum, v.phone, kuzet.IngressDomestic, true, false, false, true)
		desc = "a bank 'security officer' from a mobile number"
	case h9SchemeUnconnected:
		scammerNum = g.izi()
		g.call(t0, scammerNum, v.phone, kuzet.IngressDomestic, false, false, true, true)
		desc = "a bank 'security officer' from a mobile number"
	case h9SchemeATO:
		if g.p(0.6) {
			scammerNum = g.mobile(g.r.IntN(len(g.c.Telcos)))
			g.call(t0, scammerNum, v.phone, kuzet.IngressDomestic, true, false, false, true)
		} else if g.p(0.5) {
			scammerNum = g.izi()
			g.call(t0, scammerNum, v.phone, kuzet.IngressDomestic, false, false, true, true)
		} else {
			scammerNum = g.foreign([]float64{40, 0, 0, 0, 0, 0, 10, 5, 0, 10, 0, 0, 0})
		}
		desc = "the 'operator' said the SIM contract expires and asked for the SMS code; money left the account"
	case SchemeMessenger:
		scammerNum = g.foreign([]float64{25, 0, 5, 0, 0, 5, 5, 3, 5, 10, 0, 0, 5})
		if g.p(0.4) {
			scammerNum = g.mobile(g.r.IntN(len(g.c.Telcos)))
		}
		if g.p(0.3) { // a short call on the network first, then WhatsApp
			n := g.mobile(g.r.IntN(len(g.c.Telcos)))
			g.call(t0.Add(-time.Duration(5+g.r.IntN(30))*time.Minute), n, v.phone, kuzet.IngressDomestic, true, false, false, true)
		}
		desc = "a WhatsApp call from 'bank security' and 'police', video of an ID"
	case h9SchemeFriend:
		desc = "a friend's WhatsApp asked to lend money until tomorrow"
		scammerNum = g.mobile(g.r.IntN(len(g.c.Telcos)))
	case h9SchemeMarketplace:
		desc = "a buyer on OLX sent a delivery link; or a seller asked for prepayment"
	case h9SchemeRent:
		desc = "a flat on Krisha, deposit to hold it, landlord vanished"
		scammerNum = g.anyMobile()
		if g.p(0.5) {
			g.domesticCall(t0.Add(-time.Duration(30+g.r.IntN(300))*time.Minute), scammerNum, v.phone)
			g.events[len(g.events)-1].Call.Scam = true
		}
	case h9SchemeInvestment:
		desc = "an investment platform in Telegram showing profits"
		if g.p(0.3) {
			scammerNum = g.foreign([]float64{10, 0, 10, 0, 0, 10, 0, 0, 5, 20, 0, 0, 5})
			g.call(t0.Add(-time.Duration(1+g.r.IntN(48))*time.Hour), scammerNum, v.phone, kuzet.IngressInternational, false, true, false, true)
		}
	case h9SchemeTasks:
		desc = "paid tasks in Telegram: likes, then deposits to unlock earnings"
	}
	switch sc.call {
	case 1:
		channel = "phone_call"
	case 2:
		channel = "messenger"
	default:
		channel = "messenger"
		if sc.name == h9SchemeMarketplace {
			channel = "web"
		}
	}
	if scammerNum != "" {
		inds = append(inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: scammerNum})
	}
	if sc.name == h9SchemeMarketplace || sc.name == h9SchemeInvestment {
		stems := []string{"olx", "kolesa", "kaspi", "halyk", "kazpost", "invest", "kmg", "freedom"}
		tlds := []string{"top", "site", "online", "kz", "shop", "xyz"}
		inds = append(inds, kuzet.Indicator{Kind: kuzet.KindDomain, Value: fmt.Sprintf("%s-%s%d.%s", stems[g.r.IntN(len(stems))], []string{"pay", "delivery", "trade", "bonus"}[g.r.IntN(4)], g.r.IntN(100), tlds[g.r.IntN(len(tlds))])})
	}

	// Amounts.
	var total float64
	n := 1 + g.pick([]float64{55, 25, 12, 8})
	switch sc.name {
	case h9SchemeFriend:
		total = g.round(g.logn(40000, 0.6))
		n = 1 + h9BoolInt(g.p(0.15))
	case h9SchemeMarketplace:
		total = g.round(g.logn(55000, 0.9))
		n = 1 + h9BoolInt(g.p(0.2))
	case h9SchemeRent:
		total = g.round(g.logn(180000, 0.4))
		n = 1
	case h9SchemeInvestment:
		total = g.round(g.logn(900000, 1.0))
		n = 2 + g.r.IntN(4)
	case h9SchemeTasks:
		total = g.round(g.logn(250000, 0.9))
		n = 3 + g.r.IntN(4)
	default:
		if g.p(0.15) { // near the habit: a student, a pensioner with little
			total = g.round(v.habit * (0.7 + 2*g.r.Float64()))
		} else {
			total = v.habit * g.logn(15, 0.8)
			if g.p(0.35) {
				total += g.logn(900_000, 0.6) // a loan taken on instructions
			}
			total = g.round(math.Min(total, 25_000_000))
		}
	}
	total = math.Max(total, 2000)

	// Pieces, escalating for tasks and investments.
	weights := make([]float64, n)
	for i := range weights {
		weights[i] = 0.5 + g.r.Float64()
		if sc.name == h9SchemeInvestment || sc.name == h9SchemeTasks {
			weights[i] = math.Pow(2.5, float64(i)) * (0.7 + 0.6*g.r.Float64())
		}
	}
	var wsum float64
	for _, x := range weights {
		wsum += x
	}
	underCap := phoneScheme && g.p(0.3)
	var pieces []h9Piece
	at := t0.Add(time.Duration(6+g.r.IntN(30)) * time.Minute)
	if sc.name == h9SchemeATO {
		if g.p(0.4) { // at night, while the victim sleeps
			at = day.Add(time.Duration(24*3600+g.r.IntN(5*3600)) * time.Second)
		}
		if g.p(0.25) { // the crew's device waited three days
			at = at.Add(time.Duration(72+g.r.IntN(24)) * time.Hour)
		}
	}
	if !phoneScheme {
		at = t0
	}
	for i := range n {
		amt := g.round(total * weights[i] / wsum)
		if underCap && amt > 490_000 {
			amt = float64(400_000 + 5000*g.r.IntN(18))
		}
		m := g.mule(d+int(at.Sub(day).Hours()/24), v.bank)
		how := g.pick([]float64{40, 35, 25})
		if m.bank != v.bank && how == 2 && g.p(0.5) {
			how = 0
		}
		pieces = append(pieces, h9Piece{at: at, amount: math.Max(amt, 1000), m: m, how: how})
		switch sc.name {
		case h9SchemeInvestment:
			at = at.Add(time.Duration(20+g.r.IntN(100)) * time.Hour)
		case h9SchemeTasks:
			at = at.Add(time.Duration(20+g.r.IntN(300)) * time.Minute)
		default:
			at = at.Add(time.Duration(2+g.r.IntN(25)) * time.Minute)
		}
	}

	// The victim's payments.
	hangUp := g.p(0.45)
	remote := g.p(map[bool]float64{true: 0.05, false: 0.02}[phoneScheme])
	if sc.name == h9SchemeInvestment {
		remote = g.p(0.12)
	}
	web := phoneScheme && g.p(0.1)
	crewDev := g.crewDev[g.r.IntN(len(g.crewDev))]
	if g.p(0.6) { // a fresh emulator per victim
		crewDev = g.deviceID(false)
	}
	crewIP := g.mobileIP(g.r.IntN(len(g.c.Telcos)))
	if g.p(0.35) {
		crewIP = fmt.Sprintf("%d.%d.%d.%d", []int{185, 45, 91, 194}[g.r.IntN(4)], g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
	}
	var transfers []kuzet.Transfer
	var lost float64
	ended := g.end
	for _, pc := range pieces {
		if !pc.at.Before(ended) {
			continue
		}
		s := h9Session{channel: "mobile_app"}
		if web || g.p(v.web*0.5) {
			s.channel = "internet_banking"
		}
		switch {
		case sc.name == h9SchemeATO:
			s.device, s.ip = crewDev, crewIP
			if pc.at.Sub(t0) < 72*time.Hour {
				s.forceNew = 1
			} else {
				s.forceNew = -1
			}
			if g.p(0.2) {
				s.channel = "internet_banking"
			}
		case phoneScheme:
			s.onCall = !hangUp && g.p(0.9)
			s.voip = sc.call == 2
			s.remote = remote
		default:
			s.onCall = g.p(0.04)
			s.voip = true
			s.remote = remote
		}
		payer := g.payerOf(v, pc.at, s)
		if sc.name == h9SchemeATO && s.channel == "internet_banking" {
			payer.DeviceID, payer.IP = "web-"+crewDev[4:16], crewIP
		}
		g.emit(pc.at, PayScam, sc.name, id, v.bank, s.channel, payer, g.payee(pc.m.h9Party, pc.how), pc.amount)
		transfers = append(transfers, kuzet.Transfer{
			FromBankBIC: g.c.Banks[v.bank].BIC, ToIBAN: pc.m.iban, ToBankBIC: g.c.Banks[pc.m.bank].BIC,
			Amount: kuzet.Amount(pc.amount * 100), At: pc.at,
		})
		lost += pc.amount
		switch pc.how {
		case 0:
			inds = append(inds, kuzet.Indicator{Kind: kuzet.KindIBAN, Value: pc.m.iban})
		case 1:
			inds = append(inds, kuzet.Indicator{Kind: kuzet.KindCard, Value: pc.m.card})
		default:
			inds = append(inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: pc.m.phone})
		}
	}
	if len(transfers) == 0 {
		return
	}
	last := transfers[len(transfers)-1].At

	// The report, if any, and when.
	var prob float64
	var delay time.Duration
	switch sc.name {
	case h9SchemeInvestment:
		prob, delay = 0.4, time.Duration(3*24+g.r.IntN(20*24))*time.Hour
	case h9SchemeTasks:
		prob, delay = 0.45, time.Duration(12+g.r.IntN(10*24))*time.Hour
	case h9SchemeFriend:
		prob, delay = 0.7, time.Duration(60+g.r.IntN(48*60))*time.Minute
	case h9SchemeMarketplace, h9SchemeRent:
		prob, delay = 0.6, time.Duration(60+g.r.IntN(72*60))*time.Minute
	case h9SchemeATO:
		prob, delay = 0.85, time.Duration(30+g.r.IntN(12*60))*time.Minute
	default:
		prob, delay = 0.8, time.Duration(30+g.r.IntN(24*60))*time.Minute
		if g.p(0.35) { // the victim's son calls the bank at once
			delay = time.Duration(20+g.r.IntN(60)) * time.Minute
		}
	}
	reportAt := last.Add(delay)
	reported := g.p(prob) && reportAt.Before(g.end)
	if !reported {
		reportAt = g.end.Add(365 * 24 * time.Hour)
	}

	// The money moves on, unless the report comes first.
	hops := map[string]Hop{}
	addHop := func(iban string, bank int, frozen float64, onward []kuzet.Transfer) {
		if bank < 0 {
			return
		}
		h := hops[iban]
		h.BankBIC = g.c.Banks[bank].BIC
		h.Frozen += kuzet.Amount(math.Round(frozen * 100))
		h.Onward = append(h.Onward, onward...)
		hops[iban] = h
	}
	freezeAt := reportAt.Add(time.Duration(30+g.r.IntN(90)) * time.Minute)
	for _, pc := range pieces {
		if !pc.at.Before(ended) {
			continue
		}
		g.forward(id, pc.m, pc.amount, pc.at, freezeAt, 1, addHop)
	}
	if !reported {
		return
	}
	g.events = append(g.events, Event{At: reportAt, Report: &Report{
		ScamID: id, Victim: kuzet.Victim{Name: v.name, Phone: v.phone, Region: v.region},
		Channel: channel, Scheme: sc.name, Description: desc,
		AmountLost: kuzet.Amount(math.Round(lost * 100)), Currency: "KZT",
		Indicators: inds, Transfers: transfers, Hops: hops,
	}})
}

// forward moves amount received by m at at onward, as its crew would,
// unless the freeze comes first; addHop records what m's bank would answer.
func (g *h9Gen) forward(id int, m *h9Mule, amount float64, at, freezeAt time.Time, hop int, addHop func(string, int, float64, []kuzet.Transfer)) {
	delay := time.Duration(2+g.r.IntN(40)) * time.Minute
	if g.p(0.3) {
		delay = time.Duration(60+g.r.IntN(300)) * time.Minute
	}
	fat := at.Add(delay)
	if !fat.Before(freezeAt) || !fat.Before(g.end) {
		addHop(m.iban, m.bank, amount, nil)
		return
	}
	keep := 0.0
	if hop == 1 {
		keep = g.round(amount * (0.03 + 0.05*g.r.Float64()))
	}
	rest := amount - keep
	if g.p(0.12) { // cash at an ATM: nothing to freeze, nothing to follow
		addHop(m.iban, m.bank, keep*0.5, nil)
		return
	}
	parts := 1 + g.pick([]float64{60, 30, 10})
	var onward []kuzet.Transfer
	var next []struct {
		to  h9Party
		mu  *h9Mule
		amt float64
		at  time.Time
	}
	t := fat
	for i := range parts {
		amt := math.Round(rest / float64(parts))
		if i == parts-1 {
			amt = rest - amt*float64(parts-1)
		}
		var to h9Party
		var mu *h9Mule
		switch {
		case hop == 1 && len(g.coll) > 0 && g.p(0.6):
			mu = g.coll[g.r.IntN(len(g.coll))]
			to = mu.h9Party
		case g.p(0.55):
			to = g.traders[g.r.IntN(len(g.traders))]
		default:
			to = g.outside[g.r.IntN(len(g.outside))]
		}
		dev, ip := m.device, m.ip
		if m.farm {
			dev = g.farmDev[g.r.IntN(len(g.farmDev))]
		}
		s := h9Session{channel: "mobile_app", remote: g.p(0.08), onCall: g.p(0.05)}
		newDev := m.crewNew
		ios := strings.HasPrefix(dev, "ios-")
		payer := kuzet.Payer{Account: m.iban, Phone: m.phone, CustomerID: m.cust, DeviceID: dev, IP: ip, Region: m.region}
		payer.OnCall, payer.RemoteAccess, payer.NewDevice = g.observe(m.bank, ios, s, newDev)
		how := g.pick([]float64{50, 35, 15})
		if to.bank < 0 {
			how = 0
		}
		g.emit(t, PayMuleForward, "", id, m.bank, "mobile_app", payer, g.payee(to, how), amt)
		tb := ""
		if to.bank >= 0 {
			tb = g.c.Banks[to.bank].BIC
		}
		onward = append(onward, kuzet.Transfer{FromBankBIC: g.c.Banks[m.bank].BIC, ToIBAN: to.iban, ToBankBIC: tb, Amount: kuzet.Amount(amt * 100), At: t})
		next = append(next, struct {
			to  h9Party
			mu  *h9Mule
			amt float64
			at  time.Time
		}{to, mu, amt, t})
		t = t.Add(time.Duration(1+g.r.IntN(6)) * time.Minute)
	}
	addHop(m.iban, m.bank, keep*h9BoolFloat(g.p(0.6)), onward)
	for _, n := range next {
		switch {
		case n.mu != nil && hop < 3:
			g.forward(id, n.mu, n.amt, n.at, freezeAt, hop+1, addHop)
		case n.to.bank >= 0:
			// A P2P trader: has sold the crypto, sometimes still holds the tenge.
			addHop(n.to.iban, n.to.bank, n.amt*h9BoolFloat(g.p(0.3)), nil)
		}
	}
}

func h9BoolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
