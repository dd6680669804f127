package synth

// Holdout7 is a seventh blind payment world, written without sight of the
// rules that will judge it. It is one month of a Kazakh retail-payment
// market seen through its banks' pre-payment checks, with the calls that
// matter to them and the victims' reports.
//
// People. A few thousand customers at the country's eight banks, weighted
// to their market shares (Kaspi and Halyk hold most of them). Each has an
// age, a region, a phone at one of the operators (a few per cent at Izi
// Mobile, which is not connected to the exchange), a phone of their own
// (Android or iPhone), a home Internet address, a monthly income and
// savings, a habit (the size of a usual transfer to a person), family
// members (some customers of the world, some at banks outside it), the
// shops and services they use, and a preferred channel: almost everyone
// pays in the bank's app, older people also in internet banking or at a
// branch.
//
// Honest life. Employers and the pension centre pay salaries and pensions
// on their days. People pay shops, taxis, cafés and online stores by QR and
// transfer through the day, utilities early in the month and rent to their
// landlords; they send money to family by phone number, often while on the
// phone with them. Things a naive fraud rule would flag, all honest:
//   - relatives working abroad (Russia — whose +7 9xx numbers look
//     domestic —, Korea, Turkey, Uzbekistan, Germany, the Emirates…) call
//     home, by phone or by WhatsApp, and a payment follows, sometimes to a
//     payee nobody has paid before (the relative's landlord, a loan);
//   - cars, flats, furniture, second-hand phones and rental deposits are
//     paid to new payees after a first call with the seller or landlord,
//     often while still on the line, sometimes in two payments, flats for
//     tens of millions of tenge; some sellers' SIMs are Izi Mobile's and
//     cannot be verified;
//   - night-shift workers and night owls pay at 2 a.m.; a few gamble on
//     licensed bookmakers at night, in growing amounts;
//   - people buy USDT on peer-to-peer desks by card transfer to strangers;
//   - people move savings to a deposit at another bank, to an account in
//     their own name;
//   - a colleague collects money for a wedding or a funeral from a dozen
//     coworkers and pays it on to a jeweller or a restaurant (many payers,
//     one payee, then an onward payment: a mule's shape);
//   - people get a new phone (the bank's app sees a new device for three
//     days), travel abroad and pay from a foreign address, or, being old,
//     let a grandchild take over the screen to help them pay a bill; a few
//     keep a remote-desktop app running on their phone for work;
//   - couriers, shops and the banks themselves call customers (registered
//     first-time calls that lead to nothing).
//
// Fraud. Scams arrive at a daily rate with a weekly rhythm; victims are
// picked by age according to the scheme. Schemes:
//   - spoofed_hotline: a bank's hotline number presented from abroad, "your
//     card is under attack, move the money to a safe account";
//   - foreign_caller: a foreign number (UK, Poland, Latvia, Ukraine,
//     Georgia, Russia's +7 9xx) posing as bank security or the police;
//   - domestic_spoofed: a domestic mobile number that no operator
//     originated, through a grey domestic transit;
//   - simbox: a real SIM of a connected operator in a SIM box, registered
//     and only first-time; some gangs call the victim the day before so
//     that the second call is not first-time any more;
//   - unconnected_sim: an Izi Mobile SIM in a SIM box: unregistered but
//     domestic, unverifiable — where an adversary who knows that connected
//     operators register calls moves next;
//   - messenger: a WhatsApp or Telegram call from "the bank" or "the
//     police", with no telecom call at all;
//   - remote_support: a call that gets the victim to install a
//     "protection" app (AnyDesk, RustDesk) and the fraudster pays from the
//     victim's own phone;
//   - account_takeover: the fraudster obtains the one-time code (by a call
//     or a phishing page) and pays from a device of their own — new to the
//     customer —, from one that clones the victim's device identifier, or
//     through banking malware on the victim's phone; often at night;
//   - marketplace: a fake seller of a car, a phone or a flat to rent asks
//     for a deposit; messenger chat, sometimes a call from a registered
//     SIM — the honest purchase's twin, at amounts near the victim's habit;
//   - fake_relative: a relative's hijacked WhatsApp asks for money urgently;
//   - investment: a "broker" on Telegram takes several growing payments
//     over days, often with a remote-desktop app "to help";
//   - recovery: a reported victim is called back by "the police" who will
//     return the money for a fee.
//
// Adversaries learn: over the four weeks the mix moves from spoofed and
// foreign calls towards SIM boxes, unconnected SIMs, messengers and remote
// control; more victims are coached to hang up before paying or to pay from
// internet banking on a laptop; safe-account transfers are split below
// round thresholds; mules at the victim's own bank are preferred; and a
// mule is dropped about a day after a report names it.
//
// Session fields. What a bank's app can tell differs by bank: some report
// calls on the mobile network and messenger calls, some only mobile calls,
// some only new devices, one nothing. iPhones see messenger calls (CallKit)
// better and remote control worse (only screen capture). Internet banking
// can only tell a new browser; branches tell nothing. Honest customers are
// on a call while paying (family, sellers, colleagues), get new phones and
// use screen sharing, and scams are not always on a call.
//
// Mules. A pool of first-tier mule accounts, spread over the banks and
// activated through the month, and a few collector accounts. Handlers run
// several mule accounts from one device, often new to the account. A mule
// forwards most of each receipt within minutes to hours to a collector, to
// a foreign IBAN or to a crypto exchange's account, or withdraws it in
// cash; collectors forward on in turn. Every forward is checked by the
// mule's own bank. Listed holds a share of the pool and older, retired
// mules — and a few honest peer-to-peer traders wrongly reported.
//
// Labels. Salaries and pensions are PaySalary; shops, services, utilities,
// bookmakers and the end of a collection are PayShopping; transfers to
// family, rent, collections and moves to one's own account elsewhere are
// PayFamily; cars, flats, furniture, phones, deposits, tuition and
// peer-to-peer crypto are PayPurchase. A scam's victim payments are
// PayScam and its mules' onward payments PayMuleForward, both with the
// scam's ScamID and Scheme.
//
// Reports. Most victims report, within an hour to several days, more often
// when the loss is large; the report names what the victim knows (the
// caller's number as they write it, the card, phone or IBAN they paid) and
// carries the true trail: for each account the money reached, what is
// still there at the time of the report and where the rest went.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// Holdout7Config sets up Holdout7. Zero fields take the defaults in
// brackets.
type Holdout7Config struct {
	Seed        uint64
	Start       time.Time // the first day, from its midnight in Kazakhstan [Monday 6 October 2025]
	Days        int       // [28]
	Customers   int       // [3,500]
	ScamsPerDay float64   // [30]
	WarmupDays  int       // checks before the end of these days build habits [7]
	Mules       int       // first-tier mule accounts in the pool [300]
}

// Scheme names of Holdout7 beyond the shared Scheme* constants.
const (
	h7SchemeUnconnected = "unconnected_sim"
	h7SchemeRemote      = "remote_support"
	h7SchemeATO         = "account_takeover"
	h7SchemeMarketplace = "marketplace"
	h7SchemeRelative    = "fake_relative"
	h7SchemeInvestment  = "investment"
	h7SchemeRecovery    = "recovery"
)

var h7Zone = time.FixedZone("ALMT", 5*3600)

// h7Caps is what a bank's mobile app reports: the chance it sees a call on
// the mobile network, a messenger call, a remote-control or screen-sharing
// app, and a device first used less than 72 hours before.
type h7Caps struct{ gsm, voip, remote, newDev float64 }

// By bank, in the order of Country.Banks: Kaspi, Halyk, Forte, BCC, Jusan,
// Freedom, Eurasian, Home Credit.
var h7BankCaps = []h7Caps{
	{0.95, 0.6, 0.9, 0.98},
	{0.9, 0, 0.85, 0.95},
	{0.9, 0.5, 0.8, 0.95},
	{0, 0, 0, 0.9},
	{0, 0, 0.7, 0.9},
	{0.95, 0.7, 0.9, 0.98},
	{0, 0, 0, 0},
	{0, 0, 0, 0.85},
}

var h7BankShare = []float64{0.44, 0.24, 0.08, 0.06, 0.06, 0.06, 0.03, 0.03}
var h7MuleBankShare = []float64{0.38, 0.14, 0.08, 0.06, 0.1, 0.16, 0.04, 0.04}

var h7BINs = []string{"440043", "400303", "521324", "535614", "220070", "476912", "510144", "427601"}

var h7Regions = []string{
	"Almaty", "Astana", "Shymkent", "Karaganda", "Aktobe", "Atyrau", "Mangystau", "Pavlodar",
	"East Kazakhstan", "Kostanay", "Zhambyl", "Kyzylorda", "West Kazakhstan", "Turkistan",
	"Akmola", "North Kazakhstan", "Almaty Region", "Abai", "Jetisu", "Ulytau",
}
var h7RegionShare = []float64{
	0.13, 0.09, 0.07, 0.07, 0.05, 0.04, 0.04, 0.04,
	0.04, 0.04, 0.06, 0.04, 0.03, 0.1,
	0.04, 0.03, 0.07, 0.03, 0.03, 0.02,
}

var h7MaleFirst = []string{"Nurlan", "Yerlan", "Daniyar", "Arman", "Askar", "Serik", "Bauyrzhan", "Dmitry", "Sergey", "Alexander", "Timur", "Azamat", "Yerzhan", "Marat", "Ruslan", "Nursultan", "Kairat", "Aibek", "Andrey", "Zhandos", "Dias", "Alikhan", "Rustem", "Vladimir"}
var h7FemaleFirst = []string{"Aigerim", "Dana", "Aizhan", "Gulnara", "Saule", "Madina", "Aruzhan", "Elena", "Olga", "Zhanar", "Dinara", "Asel", "Ainur", "Kamila", "Tatiana", "Gaukhar", "Aliya", "Zarina", "Svetlana", "Akmaral", "Botagoz", "Indira", "Natalya", "Laura"}
var h7Surnames = []string{"Suleimen", "Akhmetov", "Nurpeisov", "Bekov", "Iskakov", "Zhaksylykov", "Omarov", "Tokayev", "Seitkali", "Abenov", "Kassymov", "Ivanov", "Petrov", "Kim", "Li", "Mukhamedzhan", "Sadykov", "Baimukhanov", "Yessenov", "Utepov", "Smagulov", "Kuznetsov", "Tulegenov", "Zhunussov", "Shevchenko", "Dzhaksybekov", "Rakhimov", "Ospanov"}

// h7MerchantKinds are the shops and services: name stems, the median and
// spread of a bill, and how often people pay them relative to each other.
var h7MerchantKinds = []struct {
	kind   string
	names  []string
	median float64
	sigma  float64
	weight float64
}{
	{"grocery", []string{"Magnum", "Small", "Galmart", "Anvar", "Toimart", "Market"}, 4500, 0.8, 30},
	{"pharmacy", []string{"Europharma", "Biosfera", "Sadykhan", "Apteka Plus"}, 3500, 0.7, 7},
	{"cafe", []string{"Coffee Boom", "Dodo Pizza", "Salam Bro", "Rumi", "Bahandi", "Gakku Cafe"}, 5500, 0.6, 12},
	{"taxi", []string{"Yandex Go", "inDrive", "Maxim"}, 1800, 0.5, 12},
	{"fuel", []string{"Helios", "Sinooil", "Gazprom Neft KZ", "KazMunayGas AZS"}, 12000, 0.5, 6},
	{"online", []string{"Wildberries KZ", "Ozon KZ", "Kaspi Magazin", "Technodom", "Sulpak", "Mechta"}, 14000, 1.0, 9},
	{"clothes", []string{"LC Waikiki", "Zara Dostyk", "Mega Silk Way", "Adidas Keruen"}, 18000, 0.7, 4},
	{"services", []string{"Barbershop Borodach", "Clinic Invivo", "Avtomoika 24", "English First", "Fitness Invictus", "Repair Service"}, 9000, 0.8, 6},
	{"mobile", []string{"Kcell top-up", "Beeline top-up", "Tele2 top-up", "Kazakhtelecom ID Net"}, 3000, 0.4, 5},
}

var h7UtilityNames = []string{"Alseco", "Almaty Su", "Astana Energosbyt", "Almatyenergosbyt", "KazTransGas Aimak", "Teplokommunenergo", "OSI Dom Servis"}
var h7BetNames = []string{"Olimpbet", "Fonbet KZ", "1xBet KZ", "Parimatch KZ"}
var h7ExchangeNames = []string{"ATAIX Eurasia", "Intebix", "Bybit Kazakhstan"}

// h7Foreign is a country relatives work in or scammers call from.
type h7Foreign struct {
	cc     string // ISO
	prefix string // E.164 digits before the subscriber number
	digits int    // subscriber digits after prefix
	ipA    string // a first octet pair for addresses there
}

var h7RelativeLands = []h7Foreign{
	{"RU", "79", 9, "95.24"}, {"RU", "79", 9, "178.66"}, {"KR", "8210", 8, "211.36"}, {"TR", "905", 9, "88.255"},
	{"UZ", "99890", 7, "84.54"}, {"KG", "996700", 6, "212.42"}, {"DE", "4915", 9, "84.150"},
	{"AE", "97150", 7, "94.200"}, {"US", "1646", 7, "73.12"}, {"PL", "4850", 7, "83.24"}, {"CZ", "42077", 7, "89.102"},
}

var h7ScamLands = []h7Foreign{
	{"GB", "447", 9, ""}, {"PL", "4857", 7, ""}, {"LV", "3712", 7, ""}, {"UA", "38067", 7, ""},
	{"GE", "99559", 7, ""}, {"RU", "79", 9, ""}, {"RU", "79", 9, ""}, {"US", "1929", 7, ""},
}

// h7Person is a customer, or an account holder outside the world's
// customers (a relative at another bank, a mule, a seller).
type h7Person struct {
	idx               int
	name, first, last string
	female            bool
	age               int
	region            string
	bank              int
	iban, card, phone string
	custID            string
	telco             int // index in h7's telco list; -1 unconnected
	ios               bool
	dev1, dev2        string
	dev1Since         time.Time
	dev2Since         time.Time // zero: no new phone this month
	web               string    // internet-banking browser
	homeIP            string
	mobile, ib        float64 // channel shares; the rest is branch
	income, savings   float64
	habit             float64
	night             bool
	family            []*h7Person
	abroad            *h7Person // a relative working abroad
	abroadLand        h7Foreign
	shops             []int
	utilities         []int
	landlord          *h7Person
	rent              float64
	remoteHabit       bool
	helper            bool
	bettor, crypto    bool
	selfAcct          *h7Person // own account at another bank
	travelFrom        time.Time
	travelTo          time.Time
	travelLand        h7Foreign
	onboard           time.Time // zero for long-standing customers
	employer          int       // -1 none, -2 pensioner
	victim            bool
}

type h7Merchant struct {
	name, kind      string
	bank            int
	iban            string
	median, sigma   float64
	night           bool
	corporate       bool
	corpDev, corpIP string
}

type h7Mule struct {
	acct       *h7Person
	collector  bool
	activeFrom time.Time
	burnedAt   time.Time // zero: not burned
	uses, cap  int
	handler    int
	loginAt    time.Time // the handler's first login on the account
	remote     bool
	listed     bool
}

type h7Handler struct {
	device string
	ips    []string
	since  time.Time
}

type h7Ev struct {
	ev  Event
	seq int
}

type h7Gen struct {
	c        *Country
	cfg      Holdout7Config
	rng      *rand.Rand
	start    time.Time
	end      time.Time
	evs      []h7Ev
	seq      int
	payN     int
	callN    int
	people   []*h7Person
	outside  []*h7Person
	merch    []*h7Merchant
	utils    []*h7Merchant
	bets     []*h7Merchant
	exch     []*h7Merchant
	jewels   []*h7Merchant
	sellers  []*h7Merchant
	employer []*h7Merchant
	mules    []*h7Mule
	handlers []*h7Handler
	phones   map[string]bool
	calls    map[[2]string]bool
	scamN    int
	telcos   []Telco // connected mobile operators
	simbox   []string
	izibox   []string
}

// Holdout7 returns the seventh blind payment world for cfg.
func (c *Country) Holdout7(cfg Holdout7Config) *PaymentWorld {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2025, 10, 6, 0, 0, 0, 0, h7Zone)
	}
	y, m, d := cfg.Start.In(h7Zone).Date()
	cfg.Start = time.Date(y, m, d, 0, 0, 0, 0, h7Zone)
	if cfg.Days <= 0 {
		cfg.Days = 28
	}
	if cfg.Customers <= 0 {
		cfg.Customers = 3500
	}
	if cfg.ScamsPerDay <= 0 {
		cfg.ScamsPerDay = 30
	}
	if cfg.WarmupDays <= 0 {
		cfg.WarmupDays = 7
	}
	if cfg.WarmupDays >= cfg.Days {
		cfg.WarmupDays = cfg.Days - 1
	}
	if cfg.Mules <= 0 {
		cfg.Mules = 300
	}
	g := &h7Gen{
		c:      c,
		cfg:    cfg,
		rng:    rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x686f6c646f757437)),
		start:  cfg.Start,
		end:    cfg.Start.AddDate(0, 0, cfg.Days),
		phones: map[string]bool{},
		calls:  map[[2]string]bool{},
		telcos: c.Telcos,
	}
	g.setup()
	listed := g.setupMules()
	g.honest()
	g.scams()
	sort.SliceStable(g.evs, func(i, j int) bool {
		a, b := g.evs[i], g.evs[j]
		if !a.ev.At.Equal(b.ev.At) {
			return a.ev.At.Before(b.ev.At)
		}
		return a.seq < b.seq
	})
	g.stampCalls()
	w := &PaymentWorld{
		Config: PaymentConfig{
			Seed: cfg.Seed, Start: cfg.Start, Days: cfg.Days, Customers: cfg.Customers,
			Employers: len(g.employer), Merchants: len(g.merch), Mules: cfg.Mules,
			ScamsPerDay: cfg.ScamsPerDay, ListedMules: 0.2,
		},
		Listed:   listed,
		EvalFrom: cfg.Start.AddDate(0, 0, cfg.WarmupDays),
	}
	w.Events = make([]Event, 0, len(g.evs))
	for _, e := range g.evs {
		if e.ev.At.Before(g.end) {
			w.Events = append(w.Events, e.ev)
		}
	}
	return w
}

// --- small helpers -------------------------------------------------------

func (g *h7Gen) f() float64                  { return g.rng.Float64() }
func (g *h7Gen) p(x float64) bool            { return g.rng.Float64() < x }
func (g *h7Gen) n(k int) int                 { return g.rng.IntN(k) }
func (g *h7Gen) between(a, b int) int        { return a + g.rng.IntN(b-a+1) }
func (g *h7Gen) logn(med, s float64) float64 { return med * math.Exp(s*g.rng.NormFloat64()) }

func (g *h7Gen) pick(w []float64) int {
	t := 0.0
	for _, x := range w {
		t += x
	}
	r := g.f() * t
	for i, x := range w {
		r -= x
		if r < 0 {
			return i
		}
	}
	return len(w) - 1
}

func (g *h7Gen) poisson(l float64) int {
	if l <= 0 {
		return 0
	}
	if l > 30 {
		return max(0, int(math.Round(l+math.Sqrt(l)*g.rng.NormFloat64())))
	}
	L, k, q := math.Exp(-l), 0, 1.0
	for {
		q *= g.f()
		if q <= L {
			return k
		}
		k++
	}
}

func h7Clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// h7Tenge is an amount of whole tenge; round rounds to a multiple.
func h7Tenge(x float64, round float64) kuzet.Amount {
	if round > 1 {
		x = math.Round(x/round) * round
	}
	if x < 1 {
		x = 1
	}
	return kuzet.Amount(int64(math.Round(x)) * 100)
}

// roundish rounds a transfer to a person the way people type it.
func (g *h7Gen) roundish(x float64) kuzet.Amount {
	switch {
	case x >= 1e6:
		return h7Tenge(x, 10000)
	case x >= 1e5:
		return h7Tenge(x, 1000*float64(1+g.n(5)/4*4))
	case x >= 1e4:
		if g.p(0.8) {
			return h7Tenge(x, 1000)
		}
		return h7Tenge(x, 500)
	case g.p(0.7):
		return h7Tenge(x, 500)
	}
	return h7Tenge(x, 1)
}

func (g *h7Gen) hex(n int) string {
	const d = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = d[g.n(16)]
	}
	return string(b)
}

func (g *h7Gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.n(10))
	}
	return string(b)
}

func (g *h7Gen) at(day int, hour, min float64) time.Time {
	return g.start.AddDate(0, 0, day).Add(time.Duration((hour*60 + min) * float64(time.Minute))).Add(time.Duration(g.n(60)) * time.Second).Truncate(time.Second)
}

// hour draws an hour of activity: day people from morning to late
// evening, night people shifted into the night.
var h7DayHours = []float64{0.4, 0.2, 0.1, 0.1, 0.1, 0.3, 1, 2.5, 4, 5, 6, 6.5, 7.5, 7, 6.5, 6.5, 7, 8, 9, 9, 8, 6, 3.5, 1.5}
var h7NightHours = []float64{5, 4.5, 4, 3, 2.5, 2, 1.5, 1, 1, 1.5, 2, 3, 3, 3, 3, 3, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6}

func (g *h7Gen) clock(night bool) float64 {
	h := h7DayHours
	if night {
		h = h7NightHours
	}
	return float64(g.pick(h)) + g.f()
}

func (g *h7Gen) newPhone(telco int) string {
	for {
		var s string
		if telco < 0 {
			t := g.c.Unconnected[g.n(len(g.c.Unconnected))]
			s = "+" + t.Prefixes[g.n(len(t.Prefixes))] + g.digits(7)
		} else {
			t := g.telcos[telco]
			s = "+" + t.Prefixes[g.n(len(t.Prefixes))] + g.digits(7)
		}
		if !g.phones[s] {
			g.phones[s] = true
			return s
		}
	}
}

func (g *h7Gen) foreignPhone(l h7Foreign) string {
	return "+" + l.prefix + g.digits(l.digits)
}

func (g *h7Gen) card(bank int) string {
	body := h7BINs[bank%len(h7BINs)] + g.digits(9)
	return body + string(luhnDigit(body))
}

func (g *h7Gen) ibanAt(bank int) string {
	return KZIBAN(g.c.Banks[bank].BankCode, g.digits(13))
}

// foreignIBAN returns the IBAN of country cc for a numeric BBAN.
func (g *h7Gen) foreignIBAN(cc, bban string) string {
	var num strings.Builder
	for _, r := range bban + cc + "00" {
		if r >= 'A' && r <= 'Z' {
			fmt.Fprintf(&num, "%d", r-'A'+10)
		} else {
			num.WriteRune(r)
		}
	}
	m := 0
	for _, r := range num.String() {
		m = (m*10 + int(r-'0')) % 97
	}
	return fmt.Sprintf("%s%02d%s", cc, 98-m, bban)
}

var h7MobileIP = [][]string{{"2.134", "2.135", "2.76"}, {"37.150", "37.151", "5.76"}, {"5.251", "5.250", "176.64"}}
var h7HomeIP = []string{"95.56", "95.57", "92.46", "92.47", "178.89", "178.91", "37.99", "188.0"}
var h7VPNIP = []string{"185.220", "45.141", "194.87", "91.219", "146.70", "103.152", "5.253"}

func (g *h7Gen) ip(pre string) string {
	return fmt.Sprintf("%s.%d.%d", pre, g.n(256), 1+g.n(254))
}

func (g *h7Gen) mobileIP(p *h7Person) string {
	t := p.telco
	if t < 0 {
		return g.ip("82.200")
	}
	r := h7MobileIP[t%len(h7MobileIP)]
	return g.ip(r[g.n(len(r))])
}

func (g *h7Gen) name(female bool) (first, last string) {
	if female {
		first = h7FemaleFirst[g.n(len(h7FemaleFirst))]
	} else {
		first = h7MaleFirst[g.n(len(h7MaleFirst))]
	}
	last = h7Surnames[g.n(len(h7Surnames))]
	switch {
	case last == "Kim" || last == "Li" || last == "Shevchenko" || strings.HasSuffix(last, "kali") || strings.HasSuffix(last, "zhan") || last == "Suleimen":
	case strings.HasSuffix(last, "ov") || strings.HasSuffix(last, "ev"):
		if female {
			last += "a"
		}
	}
	return
}

// person makes an account holder at bank (a random one if bank < 0).
func (g *h7Gen) person(bank int, share []float64) *h7Person {
	if bank < 0 {
		bank = g.pick(share)
	}
	p := &h7Person{bank: bank, employer: -1}
	p.female = g.p(0.52)
	p.first, p.last = g.name(p.female)
	p.name = p.first + " " + p.last
	p.age = int(h7Clamp(g.logn(38, 0.32), 18, 88))
	p.region = h7Regions[g.pick(h7RegionShare)]
	p.iban = g.ibanAt(bank)
	p.card = g.card(bank)
	if g.p(0.04) {
		p.telco = -1
	} else {
		p.telco = g.pick([]float64{0.4, 0.35, 0.25})
	}
	p.phone = g.newPhone(p.telco)
	p.custID = fmt.Sprintf("%s-%07d", strings.ToUpper(g.c.Banks[bank].BIC[:3]), g.n(1e7))
	p.ios = g.p(0.3)
	p.dev1 = g.devID(p.ios)
	p.dev1Since = g.start.AddDate(0, 0, -30-g.n(900))
	p.web = "web-" + g.hex(20)
	p.homeIP = g.ip(h7HomeIP[g.n(len(h7HomeIP))])
	return p
}

func (g *h7Gen) devID(ios bool) string {
	if ios {
		return "ios-" + strings.ToUpper(g.hex(8)+"-"+g.hex(4)+"-"+g.hex(4)+"-"+g.hex(4)+"-"+g.hex(12))
	}
	return "and-" + g.hex(16)
}

func (g *h7Gen) short(p *h7Person) string { return p.first + " " + p.last[:1] + "." }

// --- the people, merchants and mules --------------------------------------

func (g *h7Gen) merchant(kind, name string, bank int, median, sigma float64) *h7Merchant {
	if bank < 0 {
		bank = g.pick(h7BankShare)
	}
	m := &h7Merchant{name: name, kind: kind, bank: bank, iban: g.ibanAt(bank), median: median, sigma: sigma}
	m.corpDev = "corp-" + g.hex(12)
	m.corpIP = g.ip(h7HomeIP[g.n(len(h7HomeIP))])
	return m
}

func (g *h7Gen) setup() {
	cfg := g.cfg
	// Shops and services.
	nm := max(60, cfg.Customers/9)
	var kw []float64
	for _, k := range h7MerchantKinds {
		kw = append(kw, k.weight)
	}
	for i := range nm {
		k := h7MerchantKinds[g.pick(kw)]
		name := k.names[g.n(len(k.names))]
		if k.kind != "taxi" && k.kind != "mobile" && k.kind != "online" {
			name = fmt.Sprintf("%s #%d", name, 1+i%97)
		}
		m := g.merchant(k.kind, name, -1, k.median*g.logn(1, 0.25), k.sigma)
		m.night = k.kind == "taxi" || k.kind == "online" || (k.kind == "grocery" && g.p(0.3))
		g.merch = append(g.merch, m)
	}
	for _, n := range h7UtilityNames {
		g.utils = append(g.utils, g.merchant("utility", n, g.pick([]float64{0.5, 0.4, 0.1}), 9000, 0.6))
	}
	for _, n := range h7BetNames {
		g.bets = append(g.bets, g.merchant("betting", n, -1, 8000, 1.0))
	}
	for _, n := range h7ExchangeNames {
		g.exch = append(g.exch, g.merchant("crypto_exchange", n, g.pick([]float64{0.3, 0.2, 0.1, 0.1, 0.1, 0.2}), 0, 0))
	}
	for i, n := range []string{"Jewellery Zolotoy", "Toikhana Aksaray", "Restaurant Alasha", "Toikhana Dastarkhan", "Gift Shop Syilyk", "Flower House"} {
		g.jewels = append(g.jewels, g.merchant("celebration", fmt.Sprintf("%s #%d", n, i+1), -1, 0, 0))
	}
	for i, n := range []string{"Astana Motors", "Toyota Center", "BI Group", "Bazis-A", "Ikea-style Mebel", "Mebel Lux", "Tech House", "University KBTU", "NU School", "Medical Center Sunkar"} {
		m := g.merchant("big", fmt.Sprintf("%s #%d", n, i+1), -1, 0, 0)
		g.sellers = append(g.sellers, m)
	}
	// Employers and the pension centre (the last).
	ne := max(8, cfg.Customers/60)
	for i := range ne {
		m := g.merchant("employer", fmt.Sprintf("TOO %s %s", []string{"Kaz", "Astana", "Almaty", "Steppe", "Altyn", "Nomad", "Caspian", "Baiterek"}[g.n(8)], []string{"Trade", "Logistics", "Stroy", "Service", "Mining", "IT", "Agro", "Med"}[g.n(8)]), -1, 0, 0)
		m.corporate = i%3 == 0
		switch r := g.f(); {
		case r < 0.35:
			m.median = float64(g.between(1, 15)) // one payday
		case r < 0.55:
			m.median = float64(g.between(25, 30)) // one payday, at the month's end
		default:
			m.median = float64(g.between(1, 10)) // main pay
			m.sigma = float64(g.between(15, 25)) // advance
		}
		g.employer = append(g.employer, m)
	}
	pc := g.merchant("pension", "Government for Citizens (pensions)", 1, float64(g.between(20, 25)), 0)
	pc.corporate = true
	g.employer = append(g.employer, pc)

	// Customers.
	for i := range cfg.Customers {
		p := g.person(-1, h7BankShare)
		p.idx = i
		if g.p(0.18) {
			p.age = g.between(60, 84)
		}
		p.income = h7Clamp(g.logn(300000, 0.55), 85000, 4e6)
		switch {
		case p.age >= 63:
			if g.p(0.85) {
				p.employer = -2
				p.income = h7Clamp(g.logn(140000, 0.3), 70000, 400000)
			} else {
				p.employer = g.n(ne)
			}
		case g.p(0.72):
			p.employer = g.n(ne)
		}
		p.savings = p.income * g.logn(1.4, 0.9)
		p.habit = h7Clamp(p.income*g.logn(0.06, 0.5), 2000, 400000)
		switch {
		case p.age < 45:
			p.mobile, p.ib = 0.97, 0.025
		case p.age < 65:
			p.mobile, p.ib = 0.88, 0.08
		default:
			p.mobile, p.ib = 0.72, 0.12
		}
		p.night = g.p(0.07)
		ns := g.between(5, 12)
		for range ns {
			p.shops = append(p.shops, g.n(len(g.merch)))
		}
		for range g.between(2, 4) {
			p.utilities = append(p.utilities, g.n(len(g.utils)))
		}
		if p.age < 50 && g.p(0.18) {
			p.landlord = g.person(-1, h7BankShare)
			p.rent = h7Clamp(g.logn(180000, 0.35), 70000, 700000)
		}
		p.remoteHabit = g.p(0.004)
		p.helper = p.age >= 65 && g.p(0.12)
		p.bettor = p.age < 50 && !p.female && g.p(0.07)
		p.crypto = p.age < 45 && g.p(0.05)
		if g.p(0.1) {
			o := g.person((p.bank+1+g.n(len(g.c.Banks)-1))%len(g.c.Banks), nil)
			o.name, o.first, o.last, o.phone = p.name, p.first, p.last, p.phone
			p.selfAcct = o
		}
		if g.p(0.025) {
			l := h7RelativeLands[1+g.n(len(h7RelativeLands)-1)]
			p.travelLand = l
			p.travelFrom = g.start.AddDate(0, 0, g.n(g.cfg.Days)).Add(time.Duration(g.n(24)) * time.Hour)
			p.travelTo = p.travelFrom.Add(time.Duration(g.between(4, 12)*24) * time.Hour)
		}
		if g.p(0.04) {
			p.dev2 = g.devID(p.ios && g.p(0.8))
			p.dev2Since = g.start.Add(time.Duration(g.f() * float64(g.end.Sub(g.start))))
		}
		if g.p(0.012) {
			p.onboard = g.start.Add(time.Duration(g.f() * float64(g.end.Sub(g.start))))
			p.dev1Since = p.onboard
		}
		g.people = append(g.people, p)
	}
	// Family: other customers of the same region where possible, and people
	// at banks outside the world.
	byRegion := map[string][]*h7Person{}
	for _, p := range g.people {
		byRegion[p.region] = append(byRegion[p.region], p)
	}
	for _, p := range g.people {
		for range g.between(2, 5) {
			if g.p(0.55) {
				rs := byRegion[p.region]
				if g.p(0.3) {
					rs = g.people
				}
				q := rs[g.n(len(rs))]
				if q != p {
					p.family = append(p.family, q)
					continue
				}
			}
			q := g.person(-1, h7BankShare)
			q.last = p.last
			q.name = q.first + " " + q.last
			p.family = append(p.family, q)
		}
		if g.p(0.12) {
			l := h7RelativeLands[g.n(len(h7RelativeLands))]
			q := g.person(-1, h7BankShare)
			q.last, q.name = p.last, q.first+" "+p.last
			q.phone = g.foreignPhone(l)
			p.abroad, p.abroadLand = q, l
		}
	}
}

// setupMules makes the mule pool, the handlers and the registry's list.
func (g *h7Gen) setupMules() []Submission {
	nh := max(6, g.cfg.Mules/5)
	for range nh {
		h := &h7Handler{device: g.devID(g.p(0.1)), since: g.start.AddDate(0, 0, -g.n(40))}
		for range g.between(1, 4) {
			if g.p(0.55) {
				r := h7MobileIP[g.n(len(h7MobileIP))]
				h.ips = append(h.ips, g.ip(r[g.n(len(r))]))
			} else {
				h.ips = append(h.ips, g.ip(h7VPNIP[g.n(len(h7VPNIP))]))
			}
		}
		g.handlers = append(g.handlers, h)
	}
	span := g.end.Sub(g.start) + 3*24*time.Hour
	var listed []Submission
	nc := max(3, g.cfg.Mules/8)
	for i := range g.cfg.Mules + nc {
		acct := g.person(-1, h7MuleBankShare)
		acct.age = int(h7Clamp(g.logn(24, 0.25), 18, 60))
		m := &h7Mule{acct: acct, collector: i >= g.cfg.Mules, handler: g.n(nh), cap: g.between(2, 9), remote: g.p(0.1)}
		if m.collector {
			m.cap = 1 << 30
			m.activeFrom = g.start.AddDate(0, 0, -20)
		} else if g.p(0.2) {
			m.listed = true
			m.activeFrom = g.start.AddDate(0, 0, -g.between(3, 20))
		} else {
			m.activeFrom = g.start.AddDate(0, 0, -5).Add(time.Duration(g.f() * float64(span)))
		}
		m.loginAt = m.activeFrom.Add(-time.Duration(g.f()*72) * time.Hour)
		g.mules = append(g.mules, m)
	}
	police := "Cybercrime Department"
	sub := func(p *h7Person, conf float64, ev string) Submission {
		rep := g.c.Banks[p.bank].Name
		if g.p(0.3) {
			rep = police
		}
		s := Submission{Reporter: rep, Kind: kuzet.KindIBAN, Value: p.iban, Category: kuzet.CategoryMuleAccount, Confidence: conf, Evidence: ev}
		switch r := g.f(); {
		case r < 0.2:
			s.Kind, s.Value = kuzet.KindCard, p.card
		case r < 0.3:
			s.Kind, s.Value = kuzet.KindPhone, p.phone
		case r < 0.45:
			s.Value = h7Spaced(p.iban)
		}
		return s
	}
	for _, m := range g.mules {
		if m.listed {
			listed = append(listed, sub(m.acct, 0.6+0.4*g.f(), "confirmed fraud transfer"))
		}
	}
	// Older mules, retired before the month.
	for range g.cfg.Mules / 2 {
		listed = append(listed, sub(g.person(-1, h7MuleBankShare), 0.5+0.5*g.f(), "victim report, account closed"))
	}
	// Honest peer-to-peer crypto traders, a few of them wrongly reported.
	for i := range 40 {
		p := g.person(-1, h7MuleBankShare)
		g.outside = append(g.outside, p)
		if i < 6 {
			listed = append(listed, sub(p, 0.4+0.2*g.f(), "disputed peer-to-peer trade"))
		}
	}
	// Simbox SIMs: a few fresh each day, on connected and unconnected
	// operators.
	for range g.cfg.Days * 8 {
		g.simbox = append(g.simbox, g.newPhone(g.pick([]float64{0.4, 0.35, 0.25})))
	}
	for range g.cfg.Days * 4 {
		g.izibox = append(g.izibox, g.newPhone(-1))
	}
	return listed
}

func h7Spaced(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// --- events ---------------------------------------------------------------

func (g *h7Gen) add(e Event) {
	g.seq++
	g.evs = append(g.evs, h7Ev{e, g.seq})
}

// call adds a call; FirstTime is filled in time order at the end.
func (g *h7Gen) call(at time.Time, a, b string, ing kuzet.Ingress, reg, foreign, unver, scam bool) {
	at = at.Truncate(time.Second)
	if !at.Before(g.end) || at.Before(g.start) {
		return
	}
	g.callN++
	id := fmt.Sprintf("%s-%06d@%s", g.hex(16), g.callN, []string{"sbc1.kcell.kz", "ims.beeline.kz", "core.tele2.kz", "gw.telecom.kz"}[g.n(4)])
	g.add(Event{At: at, Call: &EventCall{A: a, B: b, At: at, CallID: id, Ingress: ing, Registered: reg, Foreign: foreign, Unverified: unver, Scam: scam}})
}

// domesticCall is a call between two subscribers of the country.
func (g *h7Gen) domesticCall(at time.Time, from, to *h7Person) {
	g.call(at, from.phone, to.phone, kuzet.IngressDomestic, from.telco >= 0, false, from.telco < 0, false)
}

func (g *h7Gen) stampCalls() {
	for _, e := range g.evs {
		if c := e.ev.Call; c != nil {
			k := [2]string{c.A, c.B}
			c.FirstTime = !g.calls[k]
			g.calls[k] = true
		}
	}
}

// h7Sess is the truth of a payment's session.
type h7Sess struct {
	channel string
	onCall  int // 0 none, 1 mobile network, 2 messenger
	remote  bool
	malware bool
	device  string // "" for the payer's own
	newDev  bool   // with device: whether it is new to the payer
	ip      string
}

const (
	h7Mobile = "mobile_app"
	h7IB     = "internet_banking"
	h7Branch = "branch"
)

func (g *h7Gen) payeeIBAN(q *h7Person, name string) kuzet.Payee {
	if name == "" {
		name = q.name
	}
	return kuzet.Payee{IBAN: q.iban, BankBIC: g.c.Banks[q.bank].BIC, Name: name}
}

func (g *h7Gen) payeePhone(q *h7Person) kuzet.Payee {
	return kuzet.Payee{Phone: q.phone, BankBIC: g.c.Banks[q.bank].BIC, Name: g.short(q)}
}

func (g *h7Gen) payeeCard(q *h7Person) kuzet.Payee {
	return kuzet.Payee{Card: q.card, BankBIC: g.c.Banks[q.bank].BIC, Name: g.short(q)}
}

func (g *h7Gen) payeeMerchant(m *h7Merchant) kuzet.Payee {
	return kuzet.Payee{IBAN: m.iban, BankBIC: g.c.Banks[m.bank].BIC, Name: m.name}
}

// pay adds a customer's (or a mule's) payment and returns it.
func (g *h7Gen) pay(at time.Time, p *h7Person, kind PaymentKind, payee kuzet.Payee, amt kuzet.Amount, s h7Sess) *Payment {
	at = at.Truncate(time.Second)
	ch := s.channel
	if ch == "" {
		switch r := g.f(); {
		case r < p.mobile:
			ch = h7Mobile
		case r < p.mobile+p.ib:
			ch = h7IB
		default:
			ch = h7Branch
		}
	}
	hr := at.Hour()
	if ch == h7Branch && (hr < 9 || hr >= 18 || at.Weekday() == time.Sunday) {
		ch = h7Mobile
	}
	caps := h7BankCaps[p.bank%len(h7BankCaps)]
	payer := kuzet.Payer{Account: p.iban, Phone: p.phone, CustomerID: p.custID, Region: p.region}
	abroad := !p.travelFrom.IsZero() && !at.Before(p.travelFrom) && at.Before(p.travelTo)
	switch ch {
	case h7Mobile:
		dev, newDev := s.device, s.newDev
		if dev == "" {
			dev, newDev = p.dev1, at.Sub(p.dev1Since) < 72*time.Hour
			if !p.dev2Since.IsZero() && !at.Before(p.dev2Since) {
				dev, newDev = p.dev2, at.Sub(p.dev2Since) < 72*time.Hour
			}
		}
		payer.DeviceID = dev
		switch {
		case s.ip != "":
			payer.IP = s.ip
		case abroad:
			payer.IP = g.ip(p.travelLand.ipA)
		case g.p(0.6):
			payer.IP = g.mobileIP(p)
		default:
			payer.IP = p.homeIP
		}
		ios := p.ios && s.device == ""
		switch s.onCall {
		case 1:
			payer.OnCall = g.p(caps.gsm)
		case 2:
			v := caps.voip
			if ios && v > 0 {
				v = math.Min(0.95, v+0.3)
			}
			payer.OnCall = g.p(v)
		}
		if s.remote {
			r := caps.remote
			if ios {
				r *= 0.6
			}
			if s.malware {
				r *= 0.45
			}
			payer.RemoteAccess = g.p(r)
		}
		payer.NewDevice = newDev && g.p(caps.newDev)
	case h7IB:
		payer.DeviceID = p.web
		newDev := g.p(0.01)
		if s.device != "" {
			payer.DeviceID, newDev = "web-"+g.hex(20), s.newDev
		}
		payer.IP = p.homeIP
		if s.ip != "" {
			payer.IP = s.ip
		} else if abroad {
			payer.IP = g.ip(p.travelLand.ipA)
		}
		payer.NewDevice = newDev && g.p(caps.newDev*0.8)
	}
	g.payN++
	bank := g.c.Banks[p.bank]
	pm := &Payment{Kind: kind, BankBIC: bank.BIC, Check: kuzet.PaymentCheck{
		PaymentID: fmt.Sprintf("%s%s%09d", bank.BIC[:4], at.Format("060102"), g.payN),
		Amount:    amt, Currency: "KZT", CreatedAt: at, Channel: ch, Payer: payer, Payee: payee,
	}}
	g.add(Event{At: at, Payment: pm})
	return pm
}

// corpPay is a company's payment (salaries, pensions).
func (g *h7Gen) corpPay(at time.Time, m *h7Merchant, q *h7Person, amt kuzet.Amount) {
	g.payN++
	bank := g.c.Banks[m.bank]
	ch := h7IB
	if m.corporate {
		ch = "host_to_host"
	}
	pm := &Payment{Kind: PaySalary, BankBIC: bank.BIC, Check: kuzet.PaymentCheck{
		PaymentID: fmt.Sprintf("%s%s%09d", bank.BIC[:4], at.Format("060102"), g.payN),
		Amount:    amt, Currency: "KZT", CreatedAt: at, Channel: ch,
		Payer: kuzet.Payer{Account: m.iban, CustomerID: "BIN" + m.iban[len(m.iban)-9:], DeviceID: m.corpDev, IP: m.corpIP, Region: "Astana"},
		Payee: g.payeeIBAN(q, ""),
	}}
	g.add(Event{At: at, Payment: pm})
}

// --- honest life ----------------------------------------------------------

// hs draws the session of an honest payment: on a call with probability
// callP (a messenger call with probability voip), and the remote-access
// habits of its payer.
func (g *h7Gen) hs(p *h7Person, callP, voip float64) h7Sess {
	var s h7Sess
	if g.p(callP) {
		s.onCall = 1
		if g.p(voip) {
			s.onCall = 2
		}
	}
	if p.remoteHabit && g.p(0.7) {
		s.remote = true
	}
	if p.helper && g.p(0.15) {
		s.remote = true // a grandchild shares the screen to help
		if s.onCall == 0 && g.p(0.5) {
			s.onCall = 2
		}
	}
	if p.ios && g.p(0.002) {
		s.remote = true // mirroring to a television
	}
	return s
}

// chat adds the call an honest payer is on when paying, if it goes through
// the mobile network: with someone of the family, or a colleague.
func (g *h7Gen) chat(at time.Time, p *h7Person, s h7Sess, with *h7Person) {
	if s.onCall != 1 {
		return
	}
	if with == nil {
		if len(p.family) > 0 && g.p(0.6) {
			with = p.family[g.n(len(p.family))]
		} else {
			with = g.people[g.n(len(g.people))]
		}
	}
	st := at.Add(-time.Duration(30+g.n(900)) * time.Second)
	if g.p(0.5) {
		g.domesticCall(st, with, p)
	} else {
		g.domesticCall(st, p, with)
	}
}

func (g *h7Gen) active(p *h7Person, at time.Time) bool {
	return (p.onboard.IsZero() || !at.Before(p.onboard)) && at.Before(g.end) && !at.Before(g.start)
}

func (g *h7Gen) honest() {
	couriers := make([]*h7Person, 60)
	for i := range couriers {
		couriers[i] = g.person(-1, h7BankShare)
	}
	for _, p := range g.people {
		scale := math.Sqrt(p.income / 300000)
		shopRate := h7Clamp(g.logn(0.5, 0.6), 0.05, 3)
		famRate := h7Clamp(g.logn(0.17, 0.7), 0.01, 1.5)
		uDay, rDay := g.between(1, 12), g.between(1, 10)
		for d := range g.cfg.Days {
			day := g.start.AddDate(0, 0, d)
			wf := 1.0
			switch day.Weekday() {
			case time.Saturday:
				wf = 1.15
			case time.Sunday:
				wf = 1.05
			}
			// Shops and services.
			for range g.poisson(shopRate * wf) {
				m := g.merch[p.shops[g.n(len(p.shops))]]
				if g.p(0.1) {
					m = g.merch[g.n(len(g.merch))]
				}
				at := g.at(d, g.clock(p.night || (m.night && g.p(0.15))), 0)
				if !g.active(p, at) {
					continue
				}
				s := g.hs(p, 0.02, 0.3)
				g.pay(at, p, PayShopping, g.payeeMerchant(m), h7Tenge(g.logn(m.median*scale, m.sigma), 1), s)
				g.chat(at, p, s, nil)
			}
			// Family, by phone number mostly, often while talking to them.
			for range g.poisson(famRate * wf) {
				q := p.family[g.n(len(p.family))]
				at := g.at(d, g.clock(p.night), 0)
				if !g.active(p, at) {
					continue
				}
				payee := g.payeePhone(q)
				if g.p(0.2) {
					payee = g.payeeCard(q)
				}
				s := g.hs(p, 0.12, 0.4)
				g.pay(at, p, PayFamily, payee, g.roundish(p.habit*g.logn(1, 0.7)), s)
				g.chat(at, p, s, q)
			}
			// Utilities and rent.
			if day.Day() == uDay {
				for _, u := range p.utilities {
					at := g.at(d, g.clock(p.night), 0)
					if !g.active(p, at) {
						continue
					}
					s := g.hs(p, 0.01, 0.3)
					if p.helper && g.p(0.3) {
						s.remote = true
					}
					g.pay(at, p, PayShopping, g.payeeMerchant(g.utils[u]), h7Tenge(g.logn(9000*math.Sqrt(scale), 0.6), 1), s)
				}
			}
			if p.landlord != nil && day.Day() == rDay {
				at := g.at(d, g.clock(p.night), 0)
				if g.active(p, at) {
					payee := g.payeeIBAN(p.landlord, "")
					if g.p(0.4) {
						payee = g.payeePhone(p.landlord)
					}
					g.pay(at, p, PayFamily, payee, h7Tenge(p.rent, 1000), g.hs(p, 0.03, 0.3))
				}
			}
			// A relative abroad calls, by phone or by WhatsApp.
			if p.abroad != nil {
				for range g.poisson(0.25) {
					at := g.at(d, 17+6*g.f(), 0)
					if !g.active(p, at) {
						continue
					}
					gsm := g.p(0.4)
					if gsm {
						g.call(at, p.abroad.phone, p.phone, kuzet.IngressInternational, false, true, false, false)
					}
					if !g.p(0.22) {
						continue
					}
					dur := 5 + g.f()*35
					var s h7Sess
					var pt time.Time
					if g.p(0.4) {
						pt = at.Add(time.Duration((2 + g.f()*(dur-2)) * float64(time.Minute)))
						s = g.hs(p, 0, 0)
						s.onCall = 2
						if gsm {
							s.onCall = 1
						}
					} else {
						pt = at.Add(time.Duration(30+g.n(300)) * time.Minute)
						s = g.hs(p, 0.05, 0.5)
					}
					if !g.active(p, pt) {
						continue
					}
					var payee kuzet.Payee
					switch r := g.f(); {
					case r < 0.6:
						payee = g.payeeCard(p.abroad)
					case r < 0.75:
						payee = g.payeeIBAN(p.abroad, "")
					default: // on the relative's behalf: a landlord, a loan, a school
						o := g.person(-1, h7BankShare)
						payee = g.payeeIBAN(o, "")
						if g.p(0.4) {
							payee = g.payeePhone(o)
						}
					}
					g.pay(pt, p, PayFamily, payee, g.roundish(h7Clamp(g.logn(math.Max(p.habit*3, 30000), 0.6), 5000, 3e6)), s)
				}
			}
			g.purchases(p, d)
			// Couriers and the bank call.
			if g.p(0.012) {
				c := couriers[g.n(len(couriers))]
				at := g.at(d, 10+10*g.f(), 0)
				if g.active(p, at) {
					g.domesticCall(at, c, p)
					if g.p(0.2) {
						pt := at.Add(time.Duration(1+g.n(8)) * time.Minute)
						s := g.hs(p, 0.35, 0)
						g.pay(pt, p, PayShopping, g.payeePhone(c), h7Tenge(g.logn(9000, 0.7), 100), s)
					}
				}
			}
			if g.p(0.002) {
				at := g.at(d, 10+8*g.f(), 0)
				b := g.c.Banks[p.bank]
				a := b.Hotline
				if g.p(0.6) {
					fl := g.c.FixedLine[0]
					a = "+" + fl.Prefixes[g.n(len(fl.Prefixes))] + g.digits(8)
				}
				g.call(at, a, p.phone, kuzet.IngressDomestic, true, false, false, false)
			}
			// Peer-to-peer crypto, bookmakers, savings.
			if p.crypto {
				for range g.poisson(0.08) {
					at := g.at(d, g.clock(g.p(0.35)), 0)
					if !g.active(p, at) {
						continue
					}
					q := g.outside[g.n(len(g.outside))]
					payee := g.payeeCard(q)
					if g.p(0.3) {
						payee = g.payeePhone(q)
					}
					g.pay(at, p, PayPurchase, payee, g.roundish(h7Clamp(g.logn(150000, 0.8), 20000, 3e6)), g.hs(p, 0.05, 0.6))
				}
			}
			if p.bettor {
				for range g.poisson(0.45) {
					at := g.at(d, g.clock(g.p(0.6)), 0)
					m := g.bets[g.n(len(g.bets))]
					x := h7Clamp(g.logn(p.habit*0.4, 0.8), 1000, 300000)
					for range g.between(1, 4) {
						if !g.active(p, at) {
							break
						}
						g.pay(at, p, PayShopping, g.payeeMerchant(m), g.roundish(x), g.hs(p, 0.02, 0.3))
						at = at.Add(time.Duration(10+g.n(50)) * time.Minute)
						x *= 1.3 + 0.7*g.f()
					}
				}
			}
			if p.selfAcct != nil && g.p(1.5/30) {
				at := g.at(d, g.clock(p.night), 0)
				if g.active(p, at) {
					s := g.hs(p, 0.02, 0.3)
					if g.p(0.35) {
						s.channel = h7IB
					}
					g.pay(at, p, PayFamily, g.payeeIBAN(p.selfAcct, p.name), g.roundish(math.Max(20000, p.savings*(0.15+0.45*g.f()))), s)
				}
			}
		}
	}
	g.salaries()
	g.collections()
}

// purchases are the large honest payments to new payees: cars, flats,
// furniture, second-hand phones, rental deposits, tuition.
func (g *h7Gen) purchases(p *h7Person, d int) {
	r := g.f() * 30
	if r >= 0.064 {
		return
	}
	t0 := g.at(d, 9+12*g.f(), 0)
	if !g.active(p, t0) {
		return
	}
	seller := g.person(-1, h7BankShare)
	// The first call: the buyer rings the number of the listing, or the
	// seller rings back.
	call := func(at time.Time) {
		if g.p(0.5) {
			g.domesticCall(at, seller, p)
		} else {
			g.domesticCall(at, p, seller)
		}
	}
	big := func(at time.Time, payee kuzet.Payee, amt kuzet.Amount, talkP float64, bigCh bool) {
		if !g.active(p, at) {
			return
		}
		s := g.hs(p, 0, 0)
		if g.p(talkP) {
			s.onCall = 1
			call(at.Add(-time.Duration(1+g.n(10)) * time.Minute))
		}
		if bigCh {
			switch x := g.f(); {
			case x < 0.15:
				s.channel = h7IB
			case x < 0.3:
				s.channel = h7Branch
			}
		}
		g.pay(at, p, PayPurchase, payee, amt, s)
	}
	later := func(at time.Time, minH, maxH int) time.Time {
		return at.Add(time.Duration(minH*60+g.n((maxH-minH)*60+1)) * time.Minute)
	}
	switch {
	case r < 0.012: // a car
		call(t0)
		price := h7Clamp(g.logn(5.5e6, 0.5), 1.5e6, 25e6)
		at := later(t0, 2, 72)
		if g.p(0.4) {
			dep := h7Clamp(g.logn(250000, 0.5), 100000, 1e6)
			big(at, g.payeeCard(seller), g.roundish(dep), 0.35, false)
			price -= dep
			at = later(at, 20, 120)
		}
		big(at, g.payeeIBAN(seller, ""), g.roundish(price), 0.3, true)
	case r < 0.016: // a flat, from its owner or a developer
		price := h7Clamp(g.logn(22e6, 0.5), 6e6, 90e6)
		if g.p(0.3) {
			m := g.sellers[2+g.n(2)]
			big(later(t0, 0, 48), g.payeeMerchant(m), g.roundish(price), 0.1, true)
			return
		}
		call(t0)
		at := later(t0, 24, 200)
		if g.p(0.6) {
			dep := h7Clamp(g.logn(1e6, 0.4), 300000, 3e6)
			big(at, g.payeeIBAN(seller, ""), g.roundish(dep), 0.3, true)
			price -= dep
			at = later(at, 48, 300)
		}
		big(at, g.payeeIBAN(seller, ""), g.roundish(price), 0.25, true)
	case r < 0.036: // furniture or appliances, from a shop or a private seller
		amt := g.roundish(h7Clamp(g.logn(350000, 0.6), 60000, 3e6))
		if g.p(0.5) {
			big(later(t0, 0, 24), g.payeeMerchant(g.sellers[4+g.n(3)]), amt, 0.1, false)
			return
		}
		call(t0)
		big(later(t0, 1, 48), g.payeeCard(seller), amt, 0.35, false)
	case r < 0.051: // a second-hand phone, paid on meeting
		call(t0)
		payee := g.payeeCard(seller)
		if g.p(0.4) {
			payee = g.payeePhone(seller)
		}
		big(later(t0, 1, 30), payee, g.roundish(h7Clamp(g.logn(150000, 0.5), 30000, 900000)), 0.1, false)
	case r < 0.059: // a rental deposit and the first month
		call(t0)
		big(later(t0, 3, 72), g.payeeIBAN(seller, ""), g.roundish(2*h7Clamp(g.logn(180000, 0.4), 70000, 800000)), 0.4, false)
	default: // tuition or a clinic
		big(later(t0, 0, 24), g.payeeMerchant(g.sellers[7+g.n(3)]), g.roundish(h7Clamp(g.logn(700000, 0.4), 150000, 3e6)), 0, true)
	}
}

func (g *h7Gen) salaries() {
	staff := make([][]*h7Person, len(g.employer))
	for _, p := range g.people {
		switch {
		case p.employer == -2:
			staff[len(staff)-1] = append(staff[len(staff)-1], p)
		case p.employer >= 0:
			staff[p.employer] = append(staff[p.employer], p)
		}
	}
	payOn := func(day time.Time, payday int) bool {
		if payday <= 0 {
			return false
		}
		switch day.Weekday() {
		case time.Saturday, time.Sunday:
			return false
		case time.Friday:
			return day.Day() == payday || day.AddDate(0, 0, 1).Day() == payday || day.AddDate(0, 0, 2).Day() == payday
		}
		return day.Day() == payday
	}
	for d := range g.cfg.Days {
		day := g.start.AddDate(0, 0, d)
		for i, m := range g.employer {
			main, adv := int(m.median), int(m.sigma)
			pension := i == len(g.employer)-1
			for _, part := range []int{main, adv} {
				if !payOn(day, part) {
					continue
				}
				share := 1.0
				if adv > 0 && !pension {
					share = 0.6
					if part == adv {
						share = 0.4
					}
				}
				at := g.at(d, 9+4*g.f(), 0)
				for _, q := range staff[i] {
					if !g.active(q, at) {
						continue
					}
					at = at.Add(time.Duration(g.n(3)) * time.Second)
					g.corpPay(at, m, q, h7Tenge(q.income*share*g.logn(1, 0.03), 1))
				}
			}
		}
	}
}

// collections: a colleague collects for a wedding, a birth or a funeral,
// then pays the lot on.
func (g *h7Gen) collections() {
	byRegion := map[string][]*h7Person{}
	for _, p := range g.people {
		byRegion[p.region] = append(byRegion[p.region], p)
	}
	for d := range g.cfg.Days {
		for range g.poisson(float64(len(g.people)) / 900) {
			c := g.people[g.n(len(g.people))]
			mates := byRegion[c.region]
			total := 0.0
			var last time.Time
			for range g.between(8, 25) {
				q := mates[g.n(len(mates))]
				if q == c {
					continue
				}
				at := g.at(d+g.n(2), 9+10*g.f(), 0)
				if !g.active(q, at) {
					continue
				}
				x := float64(g.between(3, 20) * 1000)
				total += x
				if at.After(last) {
					last = at
				}
				g.pay(at, q, PayFamily, g.payeePhone(c), h7Tenge(x, 1), g.hs(q, 0.03, 0.3))
			}
			if total == 0 {
				continue
			}
			at := last.Add(time.Duration(2+g.n(60)) * time.Hour)
			if g.active(c, at) {
				g.pay(at, c, PayShopping, g.payeeMerchant(g.jewels[g.n(len(g.jewels))]), g.roundish(total*(0.95+0.2*g.f())), g.hs(c, 0.05, 0.3))
			}
		}
	}
}

// --- fraud ----------------------------------------------------------------

// h7SchemeW are the schemes' weights at the start and at the end of the
// month: the adversary moves away from what the exchange catches first.
var h7SchemeW = []struct {
	name     string
	from, to float64
}{
	{SchemeSpoofedHotline, 14, 7}, {SchemeForeignCaller, 10, 6}, {SchemeDomesticSpoofed, 8, 4},
	{SchemeSimbox, 12, 15}, {h7SchemeUnconnected, 3, 9}, {SchemeMessenger, 13, 16},
	{h7SchemeRemote, 5, 8}, {h7SchemeATO, 7, 8}, {h7SchemeMarketplace, 13, 12},
	{h7SchemeRelative, 8, 8}, {h7SchemeInvestment, 7, 7},
}

var h7SchemeDesc = map[string]string{
	SchemeSpoofedHotline:  "A call from my bank's number: my card was being used by someone, I had to move my money to a safe account.",
	SchemeForeignCaller:   "A man from the bank's security service called, then a police officer; they said a loan was being taken in my name.",
	SchemeDomesticSpoofed: "A call from a Kazakh mobile number, 'bank security', told me to transfer my savings to a protected account.",
	SchemeSimbox:          "Someone from 'the bank' called from an ordinary mobile number and talked me into transferring my money.",
	h7SchemeUnconnected:   "A call from an Izi number claiming to be the financial police; I transferred the money they said was at risk.",
	SchemeMessenger:       "A WhatsApp call from 'the National Bank' with a logo on the profile; I kept talking to them while I paid.",
	h7SchemeRemote:        "The 'bank' asked me to install a protection app; after that money left my account.",
	h7SchemeATO:           "I gave a code from an SMS; later I found transfers I never made.",
	h7SchemeMarketplace:   "I paid a deposit to a seller from a listing; he stopped answering.",
	h7SchemeRelative:      "My relative's WhatsApp asked for money urgently to a friend's card; it was not them.",
	h7SchemeInvestment:    "An investment platform from Telegram; I deposited several times and cannot withdraw.",
	h7SchemeRecovery:      "After my first report, 'the police' called to return my money for a fee.",
}

// h7Leg is one movement of a scam's money: the victim's payment to a mule,
// or a mule's onward transfer, cash withdrawal (toIBAN "") or exit.
type h7Leg struct {
	from       *h7Mule // nil for the victim's own payment
	to         *h7Mule // nil for an exit
	exch       *h7Merchant
	exchFreeze bool
	toIBAN     string
	toBIC      string
	amt        kuzet.Amount
	at         time.Time
	payee      kuzet.Payee
}

type h7Scam struct {
	id       int
	scheme   string
	v        *h7Person
	channel  string
	caller   string
	extra    []kuzet.Indicator
	legs     []*h7Leg
	frac     float64
	recovery bool
}

type h7Pend struct {
	at     time.Time
	scheme string
	v      *h7Person
}

func (g *h7Gen) scams() {
	var pend []h7Pend
	dow := map[time.Weekday]float64{time.Monday: 1.1, time.Tuesday: 1.1, time.Wednesday: 1.05, time.Thursday: 1.05, time.Friday: 1, time.Saturday: 0.9, time.Sunday: 0.8}
	for d := range g.cfg.Days {
		day := g.start.AddDate(0, 0, d)
		frac := float64(d) / math.Max(1, float64(g.cfg.Days-1))
		w := make([]float64, len(h7SchemeW))
		for i, s := range h7SchemeW {
			w[i] = s.from + (s.to-s.from)*frac
		}
		for range g.poisson(g.cfg.ScamsPerDay * dow[day.Weekday()]) {
			h := g.clock(false)
			for h < 8 || h >= 22 {
				h = g.clock(false)
			}
			pend = append(pend, h7Pend{at: g.at(d, h, 0), scheme: h7SchemeW[g.pick(w)].name})
		}
	}
	for len(pend) > 0 {
		k := 0
		for i := range pend {
			if pend[i].at.Before(pend[k].at) {
				k = i
			}
		}
		p := pend[k]
		pend = slices.Delete(pend, k, k+1)
		if f := g.runScam(p); f != nil {
			pend = append(pend, *f)
		}
	}
}

// victim picks someone a scheme would reach and catch.
func (g *h7Gen) victim(scheme string, at time.Time) *h7Person {
	weight := func(a int) float64 {
		switch scheme {
		case h7SchemeATO:
			return 1
		case h7SchemeMarketplace:
			return map[bool]float64{true: 1.3, false: 0.6}[a < 40]
		case h7SchemeRelative:
			return map[bool]float64{true: 1.6, false: 0.8}[a >= 45]
		case h7SchemeInvestment:
			return map[bool]float64{true: 1.4, false: 0.5}[a >= 25 && a <= 55]
		}
		switch {
		case a < 25:
			return 0.4
		case a < 45:
			return 0.7
		case a < 60:
			return 1.1
		}
		return 2
	}
	for range 300 {
		p := g.people[g.n(len(g.people))]
		if p.victim || !g.active(p, at) {
			continue
		}
		if g.f()*2 < weight(p.age) {
			return p
		}
	}
	return g.people[g.n(len(g.people))]
}

// mule picks a first-tier mule account in use at at, at the victim's own
// bank where the gang can.
func (g *h7Gen) mule(at time.Time, v *h7Person) *h7Mule {
	n := g.cfg.Mules
	sameBank := g.p(0.35)
	for pass := range 3 {
		off := g.n(n)
		for i := range n {
			m := g.mules[(off+i)%n]
			if m.activeFrom.After(at) || (!m.burnedAt.IsZero() && !at.Before(m.burnedAt)) {
				continue
			}
			if pass == 0 && sameBank && m.acct.bank != v.bank {
				continue
			}
			if pass < 2 && m.uses >= m.cap {
				continue
			}
			return m
		}
	}
	return g.mules[g.n(n)]
}

func (g *h7Gen) collector() *h7Mule {
	return g.mules[g.cfg.Mules+g.n(len(g.mules)-g.cfg.Mules)]
}

// route picks how a scammer's call reaches the victim.
func (g *h7Gen) route(frac float64) string {
	w := []float64{14 - 7*frac, 10 - 4*frac, 8 - 4*frac, 12 + 3*frac, 3 + 6*frac}
	return []string{SchemeSpoofedHotline, SchemeForeignCaller, SchemeDomesticSpoofed, SchemeSimbox, h7SchemeUnconnected}[g.pick(w)]
}

// scamCall adds a scammer's call to the victim by route, the calls of the
// same campaign to people who hung up, and for SIM boxes sometimes a call
// the day before.
func (g *h7Gen) scamCall(sc *h7Scam, route string, at time.Time, attempts bool) {
	v := sc.v
	day := min(max(0, int(at.Sub(g.start)/(24*time.Hour))), g.cfg.Days-1)
	var a string
	ing, reg, foreign, unver := kuzet.IngressInternational, false, false, false
	switch route {
	case SchemeSpoofedHotline:
		b := g.c.Banks[v.bank]
		if g.p(0.25) {
			b = g.c.Banks[g.n(len(g.c.Banks))]
		}
		a, foreign, unver = b.Hotline, true, true
	case SchemeForeignCaller:
		a, foreign = g.foreignPhone(h7ScamLands[g.n(len(h7ScamLands))]), true
	case SchemeDomesticSpoofed:
		t := g.telcos[g.n(len(g.telcos))]
		a, unver = "+"+t.Prefixes[g.n(len(t.Prefixes))]+g.digits(7), true
		if g.p(0.8) {
			ing = kuzet.IngressDomestic
		} else {
			foreign = true
		}
	case SchemeSimbox:
		i := day*8 + g.n(8)
		if day > 0 && g.p(0.3) {
			i -= 8
		}
		a, ing, reg = g.simbox[i], kuzet.IngressDomestic, true
	case h7SchemeUnconnected:
		i := day*4 + g.n(4)
		if day > 0 && g.p(0.3) {
			i -= 4
		}
		a, ing, unver = g.izibox[i], kuzet.IngressDomestic, true
	}
	sc.caller = a
	if (route == SchemeSimbox || route == h7SchemeUnconnected) && g.p(0.1+0.25*sc.frac) {
		g.call(at.Add(-time.Duration(18*60+g.n(12*60))*time.Minute), a, v.phone, ing, reg, foreign, unver, true)
	}
	g.call(at, a, v.phone, ing, reg, foreign, unver, true)
	if attempts {
		for range g.between(2, 7) {
			o := g.people[g.n(len(g.people))]
			g.call(at.Add(time.Duration(g.n(360)-180)*time.Minute), a, o.phone, ing, reg, foreign, unver, true)
		}
	}
}

// device returns the payer's own device at at.
func (p *h7Person) device(at time.Time) string {
	if !p.dev2Since.IsZero() && !at.Before(p.dev2Since) {
		return p.dev2
	}
	return p.dev1
}

func (g *h7Gen) victimPay(sc *h7Scam, at time.Time, m *h7Mule, amt kuzet.Amount, s h7Sess, idw []float64, name string) {
	at = at.Truncate(time.Second)
	if !g.active(sc.v, at) || amt <= 0 {
		return
	}
	q := m.acct
	var payee kuzet.Payee
	switch g.pick(idw) {
	case 0:
		payee = g.payeeIBAN(q, name)
	case 1:
		payee = g.payeeCard(q)
	default:
		payee = g.payeePhone(q)
	}
	pm := g.pay(at, sc.v, PayScam, payee, amt, s)
	pm.Scheme, pm.ScamID = sc.scheme, sc.id
	m.uses++
	sc.legs = append(sc.legs, &h7Leg{to: m, toIBAN: q.iban, toBIC: g.c.Banks[q.bank].BIC, amt: amt, at: at, payee: payee})
}

// split divides total into n parts as a victim told what to type would.
func (g *h7Gen) split(total float64, n int) []kuzet.Amount {
	w := make([]float64, n)
	t := 0.0
	for i := range w {
		w[i] = 0.5 + g.f()
		t += w[i]
	}
	var out []kuzet.Amount
	for _, x := range w {
		out = append(out, g.roundish(total*x/t))
	}
	return out
}

// safeAmounts are a safe-account scam's transfers: much of the savings,
// sometimes a fresh loan, sometimes a small "verification" payment first,
// and more and more often chunks just below a round threshold.
func (g *h7Gen) safeAmounts(v *h7Person, frac float64) []kuzet.Amount {
	total := v.savings * (0.4 + 0.6*g.f())
	if g.p(0.25) {
		total += h7Clamp(g.logn(900000, 0.6), 200000, 5e6)
	}
	total = math.Max(total, 20000)
	var out []kuzet.Amount
	if g.p(0.12) {
		out = append(out, h7Tenge(float64(10000+1000*g.n(41)), 1))
	}
	if total > 300000 && g.p(0.3+0.3*frac) {
		t := []float64{300000, 500000, 1e6}[g.n(3)]
		for total >= 5000 && len(out) < 8 {
			x := math.Min(total, t*(0.97+0.025*g.f()))
			out = append(out, h7Tenge(x, 1000))
			total -= x
		}
		return out
	}
	n := 1
	switch {
	case total < 300000:
		if g.p(0.25) {
			n = 2
		}
	case total < 1.5e6:
		n = g.between(1, 3)
	default:
		n = g.between(2, 5)
	}
	return append(out, g.split(total, n)...)
}

// coach draws how a victim on the line is made to pay: kept on the call,
// told to hang up first, or told to pay from another device.
func (g *h7Gen) coach(sc *h7Scam, t0 time.Time, telecom bool) (h7Sess, time.Time) {
	dur := time.Duration(h7Clamp(g.logn(25, 0.5), 8, 90) * float64(time.Minute))
	var s h7Sess
	stay, hang := 0.7-0.2*sc.frac, 0.18+0.12*sc.frac
	switch r := g.f(); {
	case r < stay:
		s.onCall = 2
		if telecom && g.p(0.8) {
			s.onCall = 1
		}
		s.channel = h7Mobile
		if g.p(0.12) {
			s.channel = h7IB // on the phone, paying on the laptop
		}
		return s, t0.Add(time.Duration(4+g.f()*(dur.Minutes()-6)) * time.Minute)
	case r < stay+hang:
		return s, t0.Add(dur + time.Duration(2+g.n(40))*time.Minute)
	}
	if g.p(0.6) {
		s.channel = h7IB
	} else {
		s.channel, s.device, s.newDev = h7Mobile, g.devID(g.p(0.3)), true // a spouse's or a new phone
	}
	return s, t0.Add(dur + time.Duration(10+g.n(80))*time.Minute)
}

func (g *h7Gen) safeAccount(sc *h7Scam, t0 time.Time, telecom, remote bool) {
	v := sc.v
	s, at := g.coach(sc, t0, telecom)
	if remote {
		s.remote, s.channel, s.device, s.newDev = true, h7Mobile, "", false
		if s.onCall == 0 && g.p(0.4) {
			s.onCall = 1
		}
	} else if g.p(0.1) {
		s.remote = true // "install this so that we can protect your account"
	}
	name := ""
	if g.p(0.12) {
		name = v.name // "the safe account is opened in your name"
	}
	m := g.mule(at, v)
	for i, a := range g.safeAmounts(v, sc.frac) {
		if i > 0 {
			at = at.Add(time.Duration(3+g.n(13)) * time.Minute)
			if g.p(0.4) {
				m = g.mule(at, v)
			}
		}
		g.victimPay(sc, at, m, a, s, []float64{0.5, 0.3, 0.2}, name)
	}
}

func (g *h7Gen) phishing() string {
	stems := []string{"kaspi", "halyk", "homebank", "forte", "jusan", "egov", "kolesa", "olx", "kazpost", "krisha"}
	words := []string{"bonus", "pay", "login", "verify", "kabinet", "oplata", "vyplata", "dostavka", "secure", "invest"}
	tlds := []string{"top", "xyz", "site", "online", "icu", "kz", "com", "shop"}
	return fmt.Sprintf("%s-%s.%s", stems[g.n(len(stems))], words[g.n(len(words))], tlds[g.n(len(tlds))])
}

func (g *h7Gen) runScam(pd h7Pend) *h7Pend {
	at := pd.at
	frac := h7Clamp(float64(at.Sub(g.start))/float64(g.end.Sub(g.start)), 0, 1)
	v := pd.v
	if v == nil {
		v = g.victim(pd.scheme, at)
	}
	v.victim = true
	g.scamN++
	sc := &h7Scam{id: g.scamN, scheme: pd.scheme, v: v, frac: frac, recovery: pd.v != nil}
	switch pd.scheme {
	case SchemeSpoofedHotline, SchemeForeignCaller, SchemeDomesticSpoofed, SchemeSimbox, h7SchemeUnconnected:
		sc.channel = "phone_call"
		g.scamCall(sc, pd.scheme, at, true)
		g.safeAccount(sc, at, true, false)
	case SchemeMessenger:
		sc.channel = "messenger"
		l := h7ScamLands[g.n(len(h7ScamLands))]
		wa := g.foreignPhone(l)
		if g.p(0.4) {
			wa = g.newPhone(g.n(len(g.telcos)))
		}
		sc.extra = append(sc.extra, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(wa)})
		g.safeAccount(sc, at, false, false)
	case h7SchemeRemote:
		sc.channel = "phone_call"
		g.scamCall(sc, g.route(frac), at, true)
		g.safeAccount(sc, at, true, true)
	case h7SchemeATO:
		g.takeover(sc, at)
	case h7SchemeMarketplace:
		g.marketplace(sc, at)
	case h7SchemeRelative:
		g.fakeRelative(sc, at)
	case h7SchemeInvestment:
		g.investment(sc, at)
	case h7SchemeRecovery:
		sc.channel = "phone_call"
		switch r := g.f(); {
		case r < 0.4:
			g.scamCall(sc, SchemeForeignCaller, at, false)
		case r < 0.7:
			g.scamCall(sc, SchemeSimbox, at, false)
		default:
			sc.channel = "messenger"
		}
		s, pt := g.coach(sc, at, sc.channel == "phone_call")
		m := g.mule(pt, v)
		for i := range g.between(1, 2) {
			g.victimPay(sc, pt.Add(time.Duration(i*(20+g.n(600)))*time.Minute), m, g.roundish(h7Clamp(g.logn(80000, 0.7), 15000, 500000)), s, []float64{0.4, 0.4, 0.2}, "")
		}
	}
	if len(sc.legs) == 0 {
		return nil
	}
	g.launder(sc)
	return g.report(sc)
}

func (g *h7Gen) takeover(sc *h7Scam, t0 time.Time) {
	v := sc.v
	if g.p(0.6) {
		sc.channel = "phone_call"
		g.scamCall(sc, g.route(sc.frac), t0, true)
	} else {
		sc.channel = "sms"
		sc.extra = append(sc.extra, kuzet.Indicator{Kind: kuzet.KindDomain, Value: g.phishing()})
	}
	at := t0.Add(time.Duration(10+g.n(110)) * time.Minute)
	if g.p(0.4) { // at night, while the victim sleeps
		n := t0.AddDate(0, 0, 1)
		at = time.Date(n.Year(), n.Month(), n.Day(), 1, g.n(240), g.n(60), 0, h7Zone)
	}
	var s h7Sess
	switch r := g.f(); {
	case r < 0.6:
		if len(g.handlers) > 0 {
			s.device = g.handlers[g.n(min(15, len(g.handlers)))].device
		}
		s.newDev, s.channel = true, h7Mobile
		if g.p(0.2) {
			s.channel = h7IB
		}
	case r < 0.75:
		s.device, s.channel = v.device(at), h7Mobile // a cloned device identifier
	default:
		s.remote, s.malware, s.channel = true, true, h7Mobile // malware on the victim's own phone
	}
	if s.device != "" {
		if g.p(0.5) {
			s.ip = g.ip(h7VPNIP[g.n(len(h7VPNIP))])
		} else {
			r := h7MobileIP[g.n(len(h7MobileIP))]
			s.ip = g.ip(r[g.n(len(r))])
		}
	}
	total := v.savings * (0.5 + 0.5*g.f())
	if g.p(0.2) {
		total += h7Clamp(g.logn(700000, 0.5), 150000, 3e6)
	}
	m := g.mule(at, v)
	for i, a := range g.split(math.Max(total, 15000), g.between(1, 3)) {
		if i > 0 {
			at = at.Add(time.Duration(2+g.n(20)) * time.Minute)
			if g.p(0.5) {
				m = g.mule(at, v)
			}
		}
		g.victimPay(sc, at, m, a, s, []float64{0.6, 0.4, 0}, "")
	}
}

func (g *h7Gen) marketplace(sc *h7Scam, t0 time.Time) {
	v := sc.v
	sc.channel = "web"
	if g.p(0.5) {
		sc.extra = append(sc.extra, kuzet.Indicator{Kind: kuzet.KindURL, Value: "https://" + g.phishing() + "/order/" + g.digits(6)})
	}
	s := g.hs(v, 0.03, 0.3)
	if g.p(0.25) { // the "seller" calls from a real SIM
		g.scamCall(sc, SchemeSimbox, t0, false)
		if g.p(0.3) {
			s.onCall = 1
		}
	}
	at := t0.Add(time.Duration(10+g.n(360)) * time.Minute)
	x := h7Clamp(g.logn(math.Max(v.habit*2.5, 15000), 0.7), 5000, 800000)
	if g.p(0.15) {
		x = h7Clamp(g.logn(400000, 0.4), 150000, 1.5e6) // a car's deposit
	}
	m := g.mule(at, v)
	g.victimPay(sc, at, m, g.roundish(x), s, []float64{0.15, 0.5, 0.35}, "")
	if g.p(0.2) { // "delivery insurance"
		g.victimPay(sc, at.Add(time.Duration(15+g.n(120))*time.Minute), m, g.roundish(x*(0.2+0.5*g.f())), s, []float64{0.15, 0.5, 0.35}, "")
	}
}

func (g *h7Gen) fakeRelative(sc *h7Scam, t0 time.Time) {
	v := sc.v
	sc.channel = "messenger"
	if len(v.family) > 0 {
		sc.extra = append(sc.extra, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(v.family[g.n(len(v.family))].phone)})
	}
	s := g.hs(v, 0.04, 0.5)
	at := t0.Add(time.Duration(3+g.n(40)) * time.Minute)
	m := g.mule(at, v)
	x := h7Clamp(g.logn(math.Max(v.habit*2, 30000), 0.5), 10000, 400000)
	g.victimPay(sc, at, m, h7Tenge(x, 1000), s, []float64{0, 0.7, 0.3}, "")
	if g.p(0.2) {
		g.victimPay(sc, at.Add(time.Duration(20+g.n(200))*time.Minute), m, h7Tenge(x*(0.5+g.f()), 1000), s, []float64{0, 0.7, 0.3}, "")
	}
}

func (g *h7Gen) investment(sc *h7Scam, t0 time.Time) {
	v := sc.v
	sc.channel = "messenger"
	sc.extra = append(sc.extra, kuzet.Indicator{Kind: kuzet.KindURL, Value: "https://" + []string{"kaz", "astana", "qazaq", "steppe", "altyn"}[g.n(5)] + "-" + []string{"invest", "capital", "trade", "oil", "crypto"}[g.n(5)] + "." + []string{"com", "pro", "net", "io"}[g.n(4)] + "/cabinet"})
	budget := v.savings
	if g.p(0.3) {
		budget += h7Clamp(g.logn(1e6, 0.5), 200000, 5e6)
	}
	x := float64(20000 + 5000*g.n(9))
	at := t0
	m := g.mule(at, v)
	remote := false
	for i := range g.between(2, 5) {
		if i > 0 {
			at = at.Add(time.Duration(6+g.n(96)) * time.Hour)
			if h := at.Hour(); h < 8 || h > 22 {
				at = at.Add(10 * time.Hour)
			}
			x *= 1.5 + 2.5*g.f()
			if g.p(0.5) {
				m = g.mule(at, v)
			}
			remote = remote || g.p(0.25)
		}
		if x > budget {
			x = budget
		}
		if x < 5000 {
			break
		}
		budget -= x
		s := g.hs(v, 0.3, 1)
		s.remote = s.remote || remote
		g.victimPay(sc, at, m, g.roundish(x), s, []float64{0.7, 0.3, 0}, "")
	}
}

// launder moves every receipt on: mules forward most of it to collectors,
// abroad or to an exchange, or take it out in cash; collectors do the same.
func (g *h7Gen) launder(sc *h7Scam) {
	for i := 0; i < len(sc.legs); i++ {
		l := sc.legs[i]
		m := l.to
		if m == nil {
			continue
		}
		var delay float64
		if m.collector {
			delay = h7Clamp(g.logn(180, 0.8), 10, 2880)
		} else {
			delay = h7Clamp(g.logn(45, 1), 3, 1200)
		}
		at := l.at.Add(time.Duration(delay * float64(time.Minute))).Truncate(time.Second)
		if g.p(0.2) { // cash at an ATM
			sc.legs = append(sc.legs, &h7Leg{from: m, amt: l.amt, at: at})
			continue
		}
		total := l.amt.Units() * (0.9 + 0.09*g.f())
		parts := []float64{total}
		if !m.collector && g.p(0.25) {
			a := total * (0.3 + 0.4*g.f())
			parts = []float64{a, total - a}
		}
		for _, x := range parts {
			amt := h7Tenge(x, 1)
			r := g.f()
			switch {
			case !m.collector && r < 0.55:
				c := g.collector()
				p := g.payeeIBAN(c.acct, "")
				if g.p(0.3) {
					p = g.payeeCard(c.acct)
				}
				sc.legs = append(sc.legs, &h7Leg{from: m, to: c, toIBAN: c.acct.iban, toBIC: g.c.Banks[c.acct.bank].BIC, amt: amt, at: at, payee: p})
			case r < 0.75 || (m.collector && r < 0.5):
				iban, bic := g.foreignIBAN("TR", "00010"+"0"+g.digits(16)), "TCZBTR2A"
				if g.p(0.4) {
					iban, bic = g.foreignIBAN("AE", "260"+g.digits(16)), "EBILAEAD"
				}
				f, l := g.name(g.p(0.3))
				sc.legs = append(sc.legs, &h7Leg{from: m, toIBAN: iban, toBIC: bic, amt: amt, at: at, payee: kuzet.Payee{IBAN: iban, BankBIC: bic, Name: f + " " + l}})
			default:
				e := g.exch[g.n(len(g.exch))]
				sc.legs = append(sc.legs, &h7Leg{from: m, exch: e, exchFreeze: g.p(0.4), toIBAN: e.iban, toBIC: g.c.Banks[e.bank].BIC, amt: amt, at: at, payee: g.payeeMerchant(e)})
			}
			at = at.Add(time.Duration(1+g.n(15)) * time.Minute)
		}
	}
}

// forward adds a mule's onward payment, made by its handler.
func (g *h7Gen) forward(sc *h7Scam, l *h7Leg) {
	m := l.from
	h := g.handlers[m.handler]
	s := h7Sess{channel: h7Mobile, device: h.device, newDev: l.at.Sub(m.loginAt) < 72*time.Hour, ip: h.ips[g.n(len(h.ips))], remote: m.remote}
	if g.p(0.15) {
		s.channel = h7IB
	}
	pm := g.pay(l.at, m.acct, PayMuleForward, l.payee, l.amt, s)
	pm.Scheme, pm.ScamID = sc.scheme, sc.id
}

// report files the victim's report, if they report within the month, with
// the true trail at the time of the report; onward movements after it are
// stopped by the freeze. It returns a follow-up recovery scam, if any.
func (g *h7Gen) report(sc *h7Scam) *h7Pend {
	v := sc.v
	var lost kuzet.Amount
	var last time.Time
	for _, l := range sc.legs {
		if l.from == nil {
			lost += l.amt
			if l.at.After(last) {
				last = l.at
			}
		}
	}
	rate := 0.55
	switch {
	case sc.scheme == h7SchemeATO || lost >= 500000*100:
		rate = 0.88
	case lost >= 100000*100:
		rate = 0.75
	}
	var delay float64 // minutes
	switch sc.scheme {
	case h7SchemeMarketplace, h7SchemeRelative:
		delay = g.logn(1200, 1)
	case h7SchemeInvestment:
		delay = g.logn(4320, 0.7)
	case h7SchemeATO:
		delay = g.logn(480, 1)
	default:
		delay = g.logn(300, 1.3)
	}
	R := last.Add(time.Duration(h7Clamp(delay, 20, 9000) * float64(time.Minute))).Truncate(time.Second)
	reported := g.p(rate) && R.Before(g.end)
	cut := g.end
	if reported {
		cut = R
	}
	for _, l := range sc.legs {
		if l.from != nil && l.toIBAN != "" && l.at.Before(cut) {
			g.forward(sc, l)
		}
	}
	if !reported {
		return nil
	}
	rep := &Report{
		ScamID: sc.id, Victim: kuzet.Victim{Name: v.name, Phone: v.phone, Region: v.region},
		Channel: sc.channel, Scheme: sc.scheme, Description: h7SchemeDesc[sc.scheme],
		AmountLost: lost, Currency: "KZT", Hops: map[string]Hop{},
	}
	if sc.caller != "" {
		rep.Indicators = append(rep.Indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(sc.caller)})
	}
	rep.Indicators = append(rep.Indicators, sc.extra...)
	seen := map[string]bool{}
	recv := map[string]kuzet.Amount{}
	for _, l := range sc.legs {
		if !l.at.Before(R) {
			continue
		}
		if l.from == nil {
			rep.Transfers = append(rep.Transfers, kuzet.Transfer{FromBankBIC: g.c.Banks[v.bank].BIC, ToIBAN: l.toIBAN, ToBankBIC: l.toBIC, Amount: l.amt, At: l.at})
			var ind kuzet.Indicator
			switch {
			case l.payee.IBAN != "":
				ind = kuzet.Indicator{Kind: kuzet.KindIBAN, Value: l.payee.IBAN}
				if g.p(0.3) {
					ind.Value = h7Spaced(ind.Value)
				}
			case l.payee.Card != "":
				ind = kuzet.Indicator{Kind: kuzet.KindCard, Value: h7Spaced(l.payee.Card)}
			default:
				ind = kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(l.payee.Phone)}
			}
			if !seen[ind.Value] {
				seen[ind.Value] = true
				rep.Indicators = append(rep.Indicators, ind)
			}
		}
		if l.to != nil || l.exch != nil {
			recv[l.toIBAN] += l.amt
			h := rep.Hops[l.toIBAN]
			h.BankBIC = l.toBIC
			if l.exch != nil && l.exchFreeze {
				h.Frozen += l.amt
			}
			rep.Hops[l.toIBAN] = h
		}
	}
	for _, l := range sc.legs {
		if l.from == nil || !l.at.Before(R) {
			continue
		}
		recv[l.from.acct.iban] -= l.amt
		if l.toIBAN != "" {
			h := rep.Hops[l.from.acct.iban]
			h.Onward = append(h.Onward, kuzet.Transfer{FromBankBIC: g.c.Banks[l.from.acct.bank].BIC, ToIBAN: l.toIBAN, ToBankBIC: l.toBIC, Amount: l.amt, At: l.at})
			rep.Hops[l.from.acct.iban] = h
		}
	}
	for iban, h := range rep.Hops {
		if h.Frozen == 0 && recv[iban] > 0 && !h7IsExchange(g, iban) {
			h.Frozen = recv[iban]
			rep.Hops[iban] = h
		}
	}
	g.add(Event{At: R, Report: rep})
	for _, l := range sc.legs {
		if l.from == nil {
			b := R.Add(time.Duration(h7Clamp(g.logn(20, 0.6), 2, 96) * float64(time.Hour)))
			if l.to.burnedAt.IsZero() || b.Before(l.to.burnedAt) {
				l.to.burnedAt = b
			}
		}
	}
	if !sc.recovery && g.p(0.07) {
		return &h7Pend{at: R.Add(time.Duration(24+g.n(96)) * time.Hour), scheme: h7SchemeRecovery, v: v}
	}
	return nil
}

func h7IsExchange(g *h7Gen, iban string) bool {
	for _, e := range g.exch {
		if e.iban == iban {
			return true
		}
	}
	return false
}

// messy writes a number the way a victim types it.
func (g *h7Gen) messy(e164 string) string {
	if !strings.HasPrefix(e164, "+77") || len(e164) != 12 {
		if g.p(0.3) {
			return strings.TrimPrefix(e164, "+")
		}
		return e164
	}
	d := strings.TrimPrefix(e164, "+7")
	switch g.n(5) {
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
