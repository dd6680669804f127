package synth

// Holdout3 is a fourth payment simulation, written blind to the payment
// rules and to the other simulations' fraud and honest behaviour, to measure
// the rules on a world nobody tuned them to. Its assumptions are its
// author's own picture of Kazakhstan's retail payments in 2025:
//
// People. Kaspi holds about half of the retail customers, Halyk a fifth,
// the rest share the remainder. One customer in seven is a pensioner, one in
// five a student or young worker. Everyone has a habit: a median transfer
// (log-normal between people and again between payments), a few regular
// payees (family, friends, favourite shops) and a usual way to pay each
// (phone number, card or IBAN; phone transfers dominate). People type round
// sums to people and exact ones to shops. Two thirds are salaried, paid by
// their employer on its pay days. Nobody moves more than 1,000,000 KZT in
// one transfer from the app: larger sums go in parts.
//
// Honest behaviour that looks like fraud, on purpose:
//   - traders and farmers paying many first-time payees a day, often right
//     after the seller's first call (livestock, goods at the bazaar);
//   - collections: a colleague's gift, a funeral (köñil), a class fund: a
//     dozen to forty people pay one organiser's phone within hours;
//   - small firms paying their staff by phone transfers in one burst at the
//     month's end and mid-month;
//   - a car, tuition or a clinic paid in parts because of the limit, over
//     one or several days, the car after its seller's call;
//   - night-shift workers paying between midnight and six;
//   - customers called by their real bank (its hotline, registered) or a
//     courier (a first-time caller, sometimes on an unconnected operator)
//     just before paying;
//   - relatives working or studying abroad calling from a foreign number,
//     then being sent money on their Kazakh card;
//   - a new landlord's deposit after his call;
//   - pensioners' rare larger payments, often at a branch;
//   - the first days on a new phone (new device, sometimes a new number);
//   - customers travelling abroad, paying from a foreign address.
//
// Background calls: everyone gets the odd call from an unknown domestic
// number, a foreign robocall, an unconnected operator's subscriber, and
// now and then a spoofed call that the exchange blocks; family calls are
// seen in the warm-up, so that they are not first-time later.
//
// Fraud (schemes prefixed h3_):
//   - security_blocked_whatsapp: "the bank's security service" tries the
//     bank's hotline or a customer-looking number from abroad or a VoIP
//     gateway; the exchange blocks it, and the gang calls on WhatsApp
//     instead (no telecom signal). The savings go to a "safe account", in
//     parts under the limit, often with an online loan taken on the spot;
//   - security_grey_route: the same story, on a call that gets through: a
//     subscriber of an unconnected operator (unverified), a Russian or
//     Central Asian number (foreign), or a real SIM in a SIM box (only a
//     first-time caller); sometimes a callback;
//   - relative_accident_night: "your son caused an accident": a real
//     domestic SIM at night to an older customer, a second "investigator",
//     a quick payment to a card or phone, sometimes a second "for the
//     hospital";
//   - prize_delivery_fee: a messenger "you won / pay the delivery / pay the
//     customs" at small odd sums, two to five times;
//   - romance: weeks of messages, escalating payments to a card at home or
//     an IBAN abroad, no calls;
//   - job_deposit: a Telegram "task job": a small deposit, then larger ones
//     to a new card each time, within a day or two;
//   - elderly_official: a "pension fund" or "police" official calls a
//     pensioner from a real SIM or an unconnected one; half pay in the app
//     at once, half at a branch the next day, often after a second call;
//   - rent_deposit: a flat that does not exist, sometimes after the
//     "landlord's" call: a deposit and perhaps a "realtor's fee";
//   - invest_broker: a foreign "broker" calls; a first small deposit, then
//     escalating ones days apart, each after another call, to mule IBANs,
//     cards, or an IBAN abroad.
//
// Mules: most are students who opened fresh accounts at banks that open
// them online, used for one to six victims over a few days; a quarter are
// old accounts rented from honest customers, who received salary on them
// before. Droppers run several mules from shared phones and move the money
// on within minutes (mule_forward): to a second-layer drop, a crypto P2P
// trader's card, or abroad; some is withdrawn as cash. A mule reported by a
// victim is frozen by its bank within a day. The registry knows a share of
// the mules already working when the simulation starts.
//
// Reports: most victims of the security schemes report within hours;
// victims of small messenger scams and romance often never do, and others
// days later, when the family finds out.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// Holdout3's honest payment kinds, besides salary, shopping and family.
const (
	PayH3Trader     PaymentKind = "h3_trader_new_payee"   // a trader or farmer paying a new supplier or seller
	PayH3Collection PaymentKind = "h3_collection"         // many people paying one organiser on one day
	PayH3Payroll    PaymentKind = "h3_small_payroll"      // a small firm's owner paying staff by phone, in a burst
	PayH3SplitLimit PaymentKind = "h3_split_over_limit"   // a car, tuition or a clinic paid in parts
	PayH3Night      PaymentKind = "h3_night_shift"        // a night worker's payment between midnight and six
	PayH3AfterCall  PaymentKind = "h3_after_genuine_call" // after the real bank's or a courier's call
	PayH3AbroadCall PaymentKind = "h3_family_abroad_call" // to a relative abroad's card, after the relative's call
	PayH3Landlord   PaymentKind = "h3_new_landlord"       // a real landlord's deposit, often after his call
	PayH3Pensioner  PaymentKind = "h3_pensioner_rare"     // a pensioner's rare larger payment
	PayH3NewPhone   PaymentKind = "h3_new_phone"          // any payment in the first three days on a new phone
	PayH3Traveller  PaymentKind = "h3_customer_abroad"    // any payment while travelling abroad
	PayH3Bills      PaymentKind = "h3_bills"              // utilities, school, a loan instalment
)

// Holdout3's scam schemes.
const (
	SchemeH3SecurityWhatsApp = "h3_security_blocked_whatsapp"
	SchemeH3SecurityGrey     = "h3_security_grey_route"
	SchemeH3RelativeNight    = "h3_relative_accident_night"
	SchemeH3PrizeFee         = "h3_prize_delivery_fee"
	SchemeH3Romance          = "h3_romance"
	SchemeH3JobDeposit       = "h3_job_deposit"
	SchemeH3ElderlyOfficial  = "h3_elderly_official"
	SchemeH3RentDeposit      = "h3_rent_deposit"
	SchemeH3InvestBroker     = "h3_invest_broker"
)

// Holdout3Kinds lists every kind of payment Holdout3 makes, honest first.
var Holdout3Kinds = []PaymentKind{PaySalary, PayShopping, PayFamily, PayH3Bills, PayH3Trader, PayH3Collection,
	PayH3Payroll, PayH3SplitLimit, PayH3Night, PayH3AfterCall, PayH3AbroadCall, PayH3Landlord, PayH3Pensioner,
	PayH3NewPhone, PayH3Traveller, PayScam, PayMuleForward}

// Holdout3Schemes lists its scam schemes.
var Holdout3Schemes = []string{SchemeH3SecurityWhatsApp, SchemeH3SecurityGrey, SchemeH3RelativeNight,
	SchemeH3PrizeFee, SchemeH3Romance, SchemeH3JobDeposit, SchemeH3ElderlyOfficial, SchemeH3RentDeposit,
	SchemeH3InvestBroker}

// h3SchemeWeights: how common each scheme is, in Holdout3Schemes' order.
var h3SchemeWeights = []float64{16, 15, 8, 12, 5, 14, 8, 10, 12}

// Holdout3Config sets up Holdout3. Zero fields take the defaults in
// brackets.
type Holdout3Config struct {
	Seed        uint64
	Start       time.Time // the first day, from its midnight in Kazakhstan [Monday 6 October 2025]
	Days        int       // [28]
	Customers   int       // [3,000]
	ScamsPerDay float64   // [15]
	Employers   int       // [30]
	Merchants   int       // [250]
	// ListedMules is the share of the mules already at work when the
	// simulation starts that the registry knows [0.3].
	ListedMules float64
}

// h3Acct is an account as a payer types it: one person's at one bank.
type h3Acct struct {
	bank  int // index in Country.Banks; -1 abroad
	bic   string
	iban  string
	card  string
	phone string
	name  string // as a payee is named
}

// h3Payee is an account and the way a payer reaches it.
type h3Payee struct {
	h3Acct
	via byte // 'i' IBAN, 'c' card, 'p' phone
}

type h3Person struct {
	h3Acct
	full     string // full name, for reports
	cid      string
	device   string
	ip       string
	region   string
	age      int
	habit    float64 // median transfer, KZT
	shopRate float64 // shop payments a day
	famRate  float64 // regular transfers a day
	savings  float64
	family   []h3Payee
	shops    []int
	employer int // -1: none
	salary   float64
	staff    []h3Payee // a small firm's staff
	staffPay []float64
	abroad   *h3Payee // a relative abroad's Kazakh card
	abroadNo string   // the relative's foreign number
	trader   bool
	night    bool
	tripFrom int // day indices; tripTo <= tripFrom: no trip
	tripTo   int
	tripIP   string
	newDay   int // the day of a new phone; -1: none
	newDev   string
	newNo    string // a new number with it, or ""
	victim   bool
	muleFrom time.Time // rented out to droppers from then on
	panel    bool      // a customer from the start, with a history
}

type h3Org struct {
	h3Acct
	cid, ip string
	payDays []int // days of the month; 0 is the month's last working day
	staff   []int // people
}

type h3Mule struct {
	h3Acct
	cid      string
	dev, ip  string
	from, to time.Time
	cap      int
	scams    []int
	frozenAt time.Time // its bank froze it (a report named it)
	rented   bool
	owner    *h3Person // a rented account's owner
	dests    []h3Payee // where it moves money on
	crew     int
}

type h3Crew struct {
	mules []*h3Mule
	devs  []string
	ips   []string
	drops []h3Payee // second-layer accounts and cash-out cards
}

type h3Leg struct {
	at  time.Time
	to  h3Acct
	amt kuzet.Amount
}

type h3Scam struct {
	id      int
	scheme  string
	v       *h3Person
	channel string
	desc    string
	inds    []kuzet.Indicator
	legs    []h3Leg
	fwd     map[string][]kuzet.Transfer // by mule IBAN: its onward transfers
	cash    map[string]kuzet.Amount     // by mule IBAN: withdrawn in cash
	last    time.Time
}

type h3Gen struct {
	c         *Country
	cfg       Holdout3Config
	r         *rand.Rand
	start     time.Time
	end       time.Time
	warm      int
	people    []*h3Person
	orgs      []h3Org
	merchants []h3Acct
	billers   []h3Acct // utilities, schools, clinics, universities
	crews     []*h3Crew
	mules     []*h3Mule
	listed    []Submission
	events    []Event
	seq       int
	calls     int
	scams     int
	cids      int
	rented    map[string]time.Time // rented-out accounts by IBAN: since when
}

// Holdout3 simulates cfg.Days of payments, calls and scam reports, blind
// to the payment rules (see the top of holdout3.go for its assumptions).
// It depends only on cfg, not on what else was drawn from the country.
func (c *Country) Holdout3(cfg Holdout3Config) *PaymentWorld {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2025, 10, 6, 0, 0, 0, 0, payZone)
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&cfg.Days, 28)
	def(&cfg.Customers, 3000)
	def(&cfg.Employers, 30)
	def(&cfg.Merchants, 250)
	if cfg.ScamsPerDay <= 0 {
		cfg.ScamsPerDay = 15
	}
	if cfg.ListedMules <= 0 {
		cfg.ListedMules = 0.3
	}
	g := &h3Gen{c: c, cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x686f6c646f757433)),
		start: cfg.Start, end: cfg.Start.AddDate(0, 0, cfg.Days), warm: min(7, cfg.Days/4),
		rented: map[string]time.Time{}}
	g.build()
	// The fraud first, so that an account rented out to droppers is no
	// longer used by its owner, nor paid by those who knew it, from then on.
	for d := range cfg.Days {
		g.scamDay(d)
	}
	g.history()
	for d := range cfg.Days {
		g.day(d)
	}
	// Only what happens within the period.
	g.events = slices.DeleteFunc(g.events, func(e Event) bool { return e.At.Before(g.start) || !e.At.Before(g.end) })
	slices.SortStableFunc(g.events, func(a, b Event) int { return a.At.Compare(b.At) })
	g.judgeCalls()
	w := &PaymentWorld{
		Config: PaymentConfig{Seed: cfg.Seed, Start: cfg.Start, Days: cfg.Days, Customers: cfg.Customers,
			Employers: cfg.Employers, Merchants: cfg.Merchants, Mules: len(g.mules), ScamsPerDay: cfg.ScamsPerDay,
			ListedMules: cfg.ListedMules},
		Events:   g.events,
		Listed:   g.listed,
		EvalFrom: cfg.Start.AddDate(0, 0, g.warm),
	}
	return w
}

// --- random helpers ---

func (g *h3Gen) chance(p float64) bool        { return g.r.Float64() < p }
func (g *h3Gen) between(a, b float64) float64 { return a + g.r.Float64()*(b-a) }
func (g *h3Gen) logNormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*g.r.NormFloat64())
}
func (g *h3Gen) mins(a, b float64) time.Duration {
	return time.Duration(g.between(a, b) * float64(time.Minute))
}

func (g *h3Gen) pick(w []float64) int {
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

func (g *h3Gen) poisson(lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		return max(0, int(math.Round(lambda+math.Sqrt(lambda)*g.r.NormFloat64())))
	}
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= g.r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

func (g *h3Gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

// --- the country's people and accounts ---

// h3BankShare: retail customers by bank, in Country.Banks' order (Kaspi,
// Halyk, Forte, BCC, Jusan, Freedom, Eurasian, Home Credit).
var h3BankShare = []float64{48, 21, 7, 6, 6, 6, 3, 3}

// h3MuleBankShare: where mules hold their accounts: wherever one opens
// online in minutes.
var h3MuleBankShare = []float64{34, 8, 8, 4, 14, 18, 4, 10}

// h3BINs: a card BIN for each bank, in Country.Banks' order.
var h3BINs = [][]string{{"440043", "400303"}, {"440563", "405871"}, {"517792", "404932"}, {"539545", "521324"},
	{"535614", "444178"}, {"220070", "527394"}, {"470452", "533669"}, {"523453", "418381"}}

var h3Regions = []string{"Almaty", "Astana", "Shymkent", "Almaty Region", "Karaganda", "Aktobe", "Atyrau", "Mangystau",
	"Pavlodar", "East Kazakhstan", "West Kazakhstan", "Kostanay", "Kyzylorda", "Turkestan", "Zhambyl",
	"North Kazakhstan", "Akmola", "Abai", "Zhetysu", "Ulytau"}
var h3RegionShare = []float64{11, 8, 6, 8, 5.5, 4.5, 3.5, 3.8, 3.7, 3.7, 3.5, 4.3, 4, 10.5, 6, 2.8, 4, 3.2, 3.5, 1.1}

// h3Rural: regions where farmers buy livestock.
var h3Rural = map[string]bool{"Almaty Region": true, "Turkestan": true, "Zhambyl": true, "Kyzylorda": true,
	"Akmola": true, "Abai": true, "Zhetysu": true, "Kostanay": true, "North Kazakhstan": true, "West Kazakhstan": true}

var h3First = []string{"Aigerim", "Askar", "Dana", "Yerlan", "Gulnara", "Nurlan", "Saule", "Bauyrzhan", "Madina",
	"Daniyar", "Aruzhan", "Timur", "Zhanar", "Arman", "Dinara", "Olzhas", "Kamila", "Serik", "Elena", "Sergey",
	"Irina", "Aleksandr", "Ainur", "Yerzhan", "Botagoz", "Marat", "Akmaral", "Ruslan", "Assel", "Dmitriy",
	"Gaukhar", "Azamat", "Zarina", "Kanat", "Tatyana", "Zhandos", "Moldir", "Rustem", "Natalya", "Almas"}
var h3Last = []string{"Nurlanov", "Abenov", "Seitkali", "Zhaksybekov", "Ivanov", "Kassymov", "Omarov", "Tulegenov",
	"Akhmetov", "Bekova", "Sultanov", "Ismailova", "Dzhaksybayev", "Petrova", "Mukanov", "Karimova", "Utegenov",
	"Baimukhanov", "Sadykova", "Kim", "Tkachenko", "Yessenov", "Zhumabayev", "Orazbayeva", "Smagulov", "Li",
	"Amanzholov", "Kuanyshev", "Serikbayeva", "Nazarbekov"}

var h3Shops = []string{"Magnum Cash&Carry", "Small", "Galmart", "Sulpak", "Technodom", "Mechta", "Europharma", "Biosfera",
	"Arbuz.kz", "Wildberries KZ", "Sber Mega", "Chocofood", "Yandex Go KZ", "Flip.kz", "Marwin", "Astana Motors Service",
	"Lamoda KZ", "Kaspi Magazin", "Ozon KZ", "Interdiscount"}
var h3Billers = []string{"Astana-ERC", "Almaty Energo Sbyt", "Alseco", "Kazakhtelecom", "QazaqGaz Aimak",
	"Almaty Su", "Karagandy Zhylu", "Nazarbayev University", "KBTU", "Satbayev University", "Medical Centre Sunkar",
	"Clinic Rakhat", "School Lyceum 165", "Kindergarten Balapan", "Kaspi Credit", "Halyk Credit"}

var h3KZIPs = []string{"95.56", "2.132", "37.99", "178.91", "92.46", "5.34", "82.200", "188.0", "147.30", "89.218"}

type h3Land struct {
	country string
	ips     string   // an address block
	numbers []string // E.164 prefixes and the digits that follow
	digits  []int
}

// h3Abroad: where people travel, where relatives live and where the gangs
// call from.
var h3Abroad = []h3Land{
	{"RU", "178.176", []string{"+7916", "+7926", "+7985", "+7903", "+7965"}, []int{7, 7, 7, 7, 7}},
	{"TR", "88.255", []string{"+90532", "+90542", "+90505"}, []int{7, 7, 7}},
	{"KR", "211.36", []string{"+82102", "+82103", "+82109"}, []int{7, 7, 7}},
	{"AE", "94.200", []string{"+97150", "+97155"}, []int{7, 7}},
	{"DE", "91.64", []string{"+49151", "+49176"}, []int{8, 8}},
	{"UZ", "84.54", []string{"+99890", "+99893"}, []int{7, 7}},
	{"KG", "212.112", []string{"+996555", "+996700"}, []int{6, 6}},
	{"GB", "86.128", []string{"+447400", "+447723"}, []int{6, 6}},
	{"GE", "31.146", []string{"+995599", "+995577"}, []int{6, 6}},
}

func (g *h3Gen) name() (short, full string) {
	f, l := h3First[g.r.IntN(len(h3First))], h3Last[g.r.IntN(len(h3Last))]
	return f + " " + l[:1] + ".", l + " " + f
}

func (g *h3Gen) mobile() string {
	t := g.c.Telcos[g.r.IntN(len(g.c.Telcos))]
	return "+" + t.Prefixes[g.r.IntN(len(t.Prefixes))] + g.digits(7)
}

// unconnected returns a number of an operator not connected to the
// exchange, or a member's when the country has none.
func (g *h3Gen) unconnected() string {
	if len(g.c.Unconnected) == 0 {
		return g.mobile()
	}
	t := g.c.Unconnected[g.r.IntN(len(g.c.Unconnected))]
	return "+" + t.Prefixes[g.r.IntN(len(t.Prefixes))] + g.digits(7)
}

// foreign returns a number of land i (or a random land for -1).
func (g *h3Gen) foreign(i int) string {
	if i < 0 {
		i = g.r.IntN(len(h3Abroad))
	}
	l := h3Abroad[i]
	k := g.r.IntN(len(l.numbers))
	return l.numbers[k] + g.digits(l.digits[k])
}

func (g *h3Gen) card(bank int) string {
	bins := h3BINs[bank%len(h3BINs)]
	body := bins[g.r.IntN(len(bins))] + g.digits(9)
	return body + string(luhnDigit(body))
}

func (g *h3Gen) acct(bank int, phone string) h3Acct {
	short, _ := g.name()
	b := g.c.Banks[bank]
	return h3Acct{bank: bank, bic: b.BIC, iban: KZIBAN(b.BankCode, g.digits(13)), card: g.card(bank), phone: phone, name: short}
}

// external is someone outside the panel: a seller, a landlord, a relative.
func (g *h3Gen) external() h3Acct {
	return g.acct(g.pick(h3BankShare), g.mobile())
}

func (g *h3Gen) business(name string) h3Acct {
	b := g.pick(h3BankShare)
	return h3Acct{bank: b, bic: g.c.Banks[b].BIC, iban: KZIBAN(g.c.Banks[b].BankCode, g.digits(13)), name: name}
}

func (g *h3Gen) foreignIBAN() h3Acct {
	short, _ := g.name()
	switch g.r.IntN(3) {
	case 0:
		return h3Acct{bank: -1, bic: "TGBATRIS", iban: payIBAN("TR", "00062"+"0"+g.digits(16)), name: "Mehmet Yilmaz"}
	case 1:
		return h3Acct{bank: -1, bic: "TBCBGE22", iban: payIBAN("GE", "TB"+g.digits(16)), name: short}
	}
	return h3Acct{bank: -1, bic: "EBILAEAD", iban: payIBAN("AE", "260"+g.digits(16)), name: "Global Trade FZE"}
}

func (g *h3Gen) device() string {
	if g.chance(0.35) {
		return fmt.Sprintf("ios-%08x-%04x-%04x", g.r.Uint32(), g.r.Uint32()&0xffff, g.r.Uint32()&0xffff)
	}
	return fmt.Sprintf("and-%016x", g.r.Uint64())
}

func (g *h3Gen) ipIn(block string) string {
	return fmt.Sprintf("%s.%d.%d", block, g.r.IntN(256), 1+g.r.IntN(254))
}

func (g *h3Gen) cid(bank int) string {
	g.cids++
	return fmt.Sprintf("%s-%07d", strings.ToLower(g.c.Banks[bank].BIC[:4]), 1000000+g.cids*7+g.r.IntN(7))
}

// viaOf picks a way to pay a person: by phone most often.
func (g *h3Gen) viaOf(phone, card, iban float64) byte {
	return "pci"[g.pick([]float64{phone, card, iban})]
}

func (g *h3Gen) person(age int, panel bool) *h3Person {
	bank := g.pick(h3BankShare)
	phone := g.mobile()
	if g.chance(0.03) {
		phone = g.unconnected()
	}
	a := g.acct(bank, phone)
	short, full := g.name()
	a.name = short
	p := &h3Person{h3Acct: a, full: full, cid: g.cid(bank), device: g.device(), region: h3Regions[g.pick(h3RegionShare)],
		age: age, employer: -1, newDay: -1, panel: panel}
	p.ip = g.ipIn(h3KZIPs[g.r.IntN(len(h3KZIPs))])
	switch {
	case age < 26:
		p.habit, p.shopRate, p.famRate = g.logNormal(4000, 0.5), g.between(0.5, 1.2), g.between(0.2, 0.6)
	case age < 63:
		p.habit, p.shopRate, p.famRate = g.logNormal(11000, 0.6), g.between(0.3, 0.9), g.between(0.15, 0.45)
	default:
		p.habit, p.shopRate, p.famRate = g.logNormal(7000, 0.5), g.between(0.05, 0.3), g.between(0.05, 0.2)
	}
	p.savings = p.habit * g.logNormal(45, 0.8) * (1 + float64(max(0, age-25))/25)
	return p
}

func (g *h3Gen) build() {
	cfg := g.cfg
	for i := range cfg.Merchants {
		name := h3Shops[i%len(h3Shops)]
		if i >= len(h3Shops) {
			name = fmt.Sprintf("IP %s %s", h3Last[g.r.IntN(len(h3Last))], []string{"market", "cafe", "pharmacy", "auto parts", "flowers", "bakery"}[g.r.IntN(6)])
		}
		g.merchants = append(g.merchants, g.business(name))
	}
	for _, n := range h3Billers {
		g.billers = append(g.billers, g.business(n))
	}
	for i := range cfg.Employers {
		o := h3Org{h3Acct: g.business(fmt.Sprintf("TOO %s-%d", []string{"KazStroy", "Nur Logistics", "Altyn Agro",
			"Qazaq Retail", "Tengri Service", "Steppe IT", "Aral Trans", "Zhetisu Med"}[i%8], i+1))}
		o.cid = g.cid(o.bank)
		o.ip = g.ipIn(h3KZIPs[g.r.IntN(len(h3KZIPs))])
		switch g.r.IntN(4) {
		case 0:
			o.payDays = []int{5, 20}
		case 1:
			o.payDays = []int{10, 25}
		case 2:
			o.payDays = []int{0}
		default:
			o.payDays = []int{15, 0}
		}
		g.orgs = append(g.orgs, o)
	}
	// The panel: customers with a history.
	for range cfg.Customers {
		var age int
		switch k := g.r.Float64(); {
		case k < 0.2:
			age = 18 + g.r.IntN(8)
		case k < 0.62:
			age = 26 + g.r.IntN(20)
		case k < 0.86:
			age = 46 + g.r.IntN(17)
		default:
			age = 63 + g.r.IntN(22)
		}
		g.people = append(g.people, g.person(age, true))
	}
	n := len(g.people)
	for i, p := range g.people {
		// Regular payees: others of the panel when there are any, people
		// outside it otherwise.
		for range 2 + g.r.IntN(4) {
			var a h3Acct
			if n > 1 && g.chance(0.6) {
				q := g.people[g.r.IntN(n)]
				if q == p {
					continue
				}
				a = q.h3Acct
			} else {
				a = g.external()
			}
			p.family = append(p.family, h3Payee{a, g.viaOf(60, 30, 10)})
		}
		for range 3 + g.r.IntN(6) {
			p.shops = append(p.shops, g.r.IntN(len(g.merchants)))
		}
		if p.age >= 20 && p.age < 63 && g.chance(0.68) && len(g.orgs) > 0 {
			p.employer = g.r.IntN(len(g.orgs))
			p.salary = math.Round(g.logNormal(330000, 0.45)/1000) * 1000
			g.orgs[p.employer].staff = append(g.orgs[p.employer].staff, i)
		}
		if p.age >= 25 && p.age < 65 && g.chance(0.07) {
			p.trader = true
		}
		if p.age >= 22 && p.age < 60 && g.chance(0.06) {
			p.night = true
		}
		if p.age >= 28 && p.age < 62 && g.chance(0.035) {
			for range 3 + g.r.IntN(10) {
				p.staff = append(p.staff, h3Payee{g.external(), g.viaOf(60, 35, 5)})
				p.staffPay = append(p.staffPay, math.Round(g.logNormal(220000, 0.35)/5000)*5000)
			}
		}
		if g.chance(0.08) {
			// A son in Korea, a daughter studying in Germany, a brother in Russia.
			land := g.pick([]float64{35, 15, 15, 5, 10, 5, 5, 5, 5})
			a := g.external()
			p.abroad = &h3Payee{a, 'c'}
			p.abroadNo = g.foreign(land)
		}
		if g.chance(0.05) {
			p.tripFrom = g.r.IntN(g.cfg.Days)
			p.tripTo = p.tripFrom + 3 + g.r.IntN(9)
			p.tripIP = g.ipIn(h3Abroad[g.pick([]float64{10, 35, 5, 25, 5, 8, 6, 3, 8})].ips)
		}
		if g.chance(0.03) {
			p.newDay = g.r.IntN(g.cfg.Days)
			p.newDev = g.device()
			if g.chance(0.3) {
				p.newNo = g.mobile()
			}
		}
	}
	// The gangs: four crews, each with its droppers' phones, its drops and
	// the mules already at work.
	for k := range 4 {
		cr := &h3Crew{}
		for range 2 + g.r.IntN(2) {
			cr.devs = append(cr.devs, g.device())
			cr.ips = append(cr.ips, g.ipIn(h3KZIPs[g.r.IntN(len(h3KZIPs))]))
		}
		for range 4 {
			var d h3Payee
			switch g.pick([]float64{45, 35, 20}) {
			case 0: // a second-layer drop
				d = h3Payee{g.acct(g.pick(h3MuleBankShare), g.mobile()), 'i'}
			case 1: // a crypto P2P trader's card
				d = h3Payee{g.acct(g.pick(h3BankShare), g.mobile()), 'c'}
			default:
				d = h3Payee{g.foreignIBAN(), 'i'}
			}
			cr.drops = append(cr.drops, d)
		}
		g.crews = append(g.crews, cr)
		for range 4 {
			from := g.start.Add(-time.Duration(g.between(0, 4*24)) * time.Hour)
			m := g.recruit(k, from)
			m.to = g.start.Add(time.Duration(g.between(24, 6*24)) * time.Hour)
		}
	}
	// The registry knows a share of the mules at work, and a few old ones.
	known := max(1, int(math.Round(g.cfg.ListedMules*float64(len(g.mules)))))
	for _, i := range g.r.Perm(len(g.mules))[:known] {
		g.list(g.mules[i])
	}
	for range 10 {
		g.list(&h3Mule{h3Acct: g.acct(g.pick(h3MuleBankShare), g.mobile())})
	}
}

// list puts a mule in the registry, as its bank reported it.
func (g *h3Gen) list(m *h3Mule) {
	bank := g.c.Banks[m.bank].Name
	g.listed = append(g.listed, Submission{Reporter: bank, Kind: kuzet.KindIBAN, Value: m.iban,
		Category: kuzet.CategoryMuleAccount, Confidence: 0.9, Evidence: "confirmed fraud transfer"})
	if g.chance(0.5) {
		g.listed = append(g.listed, Submission{Reporter: bank, Kind: kuzet.KindCard, Value: m.card,
			Category: kuzet.CategoryMuleAccount, Confidence: 0.85, Evidence: "card-to-card cash-out"})
	}
	if g.chance(0.3) {
		g.listed = append(g.listed, Submission{Reporter: "Cybercrime Department", Kind: kuzet.KindPhone, Value: m.phone,
			Category: kuzet.CategoryMuleAccount, Confidence: 0.7, Evidence: "victim statements"})
	}
}

// recruit makes a mule for crew k from time from: a student's fresh
// account, or an honest customer's old one, rented.
func (g *h3Gen) recruit(k int, from time.Time) *h3Mule {
	cr := g.crews[k]
	m := &h3Mule{crew: k, from: from}
	if g.chance(0.25) {
		for range 20 {
			p := g.people[g.r.IntN(len(g.people))]
			if p.employer >= 0 && !p.victim && p.muleFrom.IsZero() && !p.trader && p.staff == nil {
				p.muleFrom = from
				m.h3Acct, m.rented, m.owner = p.h3Acct, true, p
				g.rented[p.iban] = from
				break
			}
		}
	}
	if !m.rented {
		m.h3Acct = g.acct(g.pick(h3MuleBankShare), g.mobile())
		m.cid = g.cid(m.bank)
	}
	if m.rented {
		m.to = from.Add(time.Duration(g.between(4*24, 10*24)) * time.Hour)
		m.cap = 2 + g.r.IntN(7)
	} else {
		m.to = from.Add(time.Duration(g.between(2*24, 6*24)) * time.Hour)
		m.cap = 1 + g.r.IntN(6)
	}
	if g.chance(0.6) {
		m.dev = cr.devs[g.r.IntN(len(cr.devs))]
		m.ip = cr.ips[g.r.IntN(len(cr.ips))]
	} else {
		m.dev, m.ip = g.device(), g.ipIn(h3KZIPs[g.r.IntN(len(h3KZIPs))])
	}
	for range 1 + g.r.IntN(2) {
		m.dests = append(m.dests, cr.drops[g.r.IntN(len(cr.drops))])
	}
	cr.mules = append(cr.mules, m)
	g.mules = append(g.mules, m)
	return m
}

func (m *h3Mule) frozen(t time.Time) bool { return !m.frozenAt.IsZero() && !t.Before(m.frozenAt) }

// mule returns a mule of crew k at work at t for scam id: the one the scam
// already uses, unless fresh asks for another. It recruits one when none
// is at work, and now and then anyway.
func (g *h3Gen) mule(k int, t time.Time, id int, fresh bool) *h3Mule {
	var live []*h3Mule
	for _, m := range g.crews[k].mules {
		used := slices.Contains(m.scams, id)
		if used && !fresh && !m.frozen(t) {
			return m
		}
		if !used && !m.frozen(t) && !t.Before(m.from) && t.Before(m.to) && len(m.scams) < m.cap {
			live = append(live, m)
		}
	}
	var m *h3Mule
	if len(live) == 0 || g.chance(0.1) {
		m = g.recruit(k, t.Add(-time.Duration(g.between(1, 30))*time.Hour))
	} else {
		m = live[g.r.IntN(len(live))]
	}
	m.scams = append(m.scams, id)
	return m
}

// --- time ---

// h3Hours: when people pay, by hour of the day.
var h3Hours = []float64{0.3, 0.12, 0.06, 0.04, 0.04, 0.1, 0.4, 1, 1.6, 2, 2.2, 2.3, 2.5, 2.3, 2.1, 2.1, 2.2, 2.4,
	2.7, 2.9, 2.7, 2.1, 1.4, 0.7}

// h3NightHours: when night workers pay.
var h3NightHours = []float64{2.2, 2.4, 2.2, 1.8, 1.5, 1.3, 1.2, 1.4, 0.8, 0.2, 0.1, 0.1, 0.1, 0.2, 0.6, 1.1, 1.3,
	1.4, 1.4, 1.3, 1.2, 1.2, 1.4, 1.8}

func (g *h3Gen) day0(d int) time.Time { return g.start.AddDate(0, 0, d) }

func (g *h3Gen) at(d int, h0, h1 float64) time.Time {
	return g.day0(d).Add(time.Duration(g.between(h0, h1) * float64(time.Hour)))
}

func (g *h3Gen) human(d int, p *h3Person) time.Time {
	hours := h3Hours
	if p != nil && p.night {
		hours = h3NightHours
	}
	h := g.pick(hours)
	return g.day0(d).Add(time.Duration(h)*time.Hour + g.mins(0, 60))
}

func (g *h3Gen) dayOf(t time.Time) int { return int(t.Sub(g.start) / (24 * time.Hour)) }

// round writes a sum the way people send it to people.
func (g *h3Gen) round(u float64) float64 {
	if g.chance(0.25) {
		return math.Max(100, math.Round(u))
	}
	step := 100.0
	switch {
	case u >= 1e6:
		step = 10000
	case u >= 100000:
		step = 5000
	case u >= 10000:
		step = 1000
	case u >= 2000:
		step = 500
	}
	return math.Max(step, math.Round(u/step)*step)
}

// --- events ---

func (g *h3Gen) payee(to h3Payee) kuzet.Payee {
	pe := kuzet.Payee{BankBIC: to.bic, Name: to.name}
	switch {
	case to.via == 'c' && to.card != "":
		pe.Card = to.card
	case to.via == 'p' && to.phone != "":
		pe.Phone = to.phone
	default:
		pe.IBAN = to.iban
	}
	return pe
}

func (g *h3Gen) payer(p *h3Person, t time.Time) kuzet.Payer {
	py := kuzet.Payer{Account: p.iban, Phone: p.phone, CustomerID: p.cid, DeviceID: p.device, IP: p.ip, Region: p.region}
	d := g.dayOf(t)
	if p.newDay >= 0 && d >= p.newDay {
		py.DeviceID = p.newDev
		if p.newNo != "" {
			py.Phone = p.newNo
		}
	}
	if d >= p.tripFrom && d < p.tripTo {
		py.IP = p.tripIP
	} else if g.chance(0.3) {
		// Mobile data: another address of the same block.
		py.IP = p.ip[:strings.LastIndexByte(p.ip, '.')] + fmt.Sprintf(".%d", 1+g.r.IntN(254))
	}
	return py
}

// phoneAt is the number p answers calls on at t.
func (g *h3Gen) phoneAt(p *h3Person, t time.Time) string {
	if p.newNo != "" && p.newDay >= 0 && g.dayOf(t) >= p.newDay {
		return p.newNo
	}
	return p.phone
}

func (g *h3Gen) check(t time.Time, bic string, py kuzet.Payer, to h3Payee, units float64, channel string) kuzet.PaymentCheck {
	g.seq++
	return kuzet.PaymentCheck{PaymentID: fmt.Sprintf("h3-%s-%08d", strings.ToLower(bic[:4]), g.seq),
		Amount: kuzet.Amount(math.Max(1, math.Round(units)) * 100), Currency: "KZT", CreatedAt: t,
		Channel: channel, Payer: py, Payee: g.payee(to)}
}

// label is what an honest person's payment of kind k is, given when and
// from where it is made.
func (g *h3Gen) label(p *h3Person, t time.Time, k PaymentKind) PaymentKind {
	d := g.dayOf(t)
	switch {
	case p.newDay >= 0 && d >= p.newDay && d < p.newDay+3:
		return PayH3NewPhone
	case d >= p.tripFrom && d < p.tripTo:
		return PayH3Traveller
	case p.night && t.In(payZone).Hour() < 6:
		return PayH3Night
	}
	return k
}

// honest records p's payment, unless p no longer uses the account.
func (g *h3Gen) honest(t time.Time, k PaymentKind, p *h3Person, to h3Payee, units float64, channel string) {
	if g.gone(p.iban, t) || g.gone(to.iban, t) {
		return
	}
	units = min(max(units, 100), 1e6) // the app's limit
	if channel == "" {
		channel = "mobile_app"
		if g.chance(0.06) {
			channel = "internet_banking"
		}
	}
	g.events = append(g.events, Event{At: t, Payment: &Payment{Kind: g.label(p, t, k), BankBIC: p.bic,
		Check: g.check(t, p.bic, g.payer(p, t), to, units, channel)}})
}

// gone reports whether account iban is rented out to droppers at t.
func (g *h3Gen) gone(iban string, t time.Time) bool {
	from, ok := g.rented[iban]
	return ok && !t.Before(from)
}

// call records a call set-up; judgeCalls works out what the exchange
// makes of it once everything is in order.
func (g *h3Gen) call(t time.Time, a, b string, in kuzet.Ingress, registered, scam bool) {
	g.calls++
	g.events = append(g.events, Event{At: t, Call: &EventCall{A: a, B: b, At: t,
		CallID: fmt.Sprintf("h3c-%07d-%04x", g.calls, g.r.IntN(1<<16)), Ingress: in, Registered: registered, Scam: scam}})
}

// domestic is a call from a member's subscriber, registered by its
// operator, or from an unconnected operator's, which nobody registers.
func (g *h3Gen) domestic(t time.Time, a, b string, scam bool) {
	g.call(t, a, b, kuzet.IngressDomestic, g.member(a), scam)
}

func (g *h3Gen) member(n string) bool {
	for _, tc := range append(slices.Clone(g.c.Telcos), g.c.FixedLine...) {
		for _, p := range tc.Prefixes {
			if strings.HasPrefix(n, "+"+p) {
				return true
			}
		}
	}
	return false
}

// judgeCalls sets, in time order, what the exchange makes of each call:
// a Kazakh number from abroad (not roaming: no roaming is reported here)
// or a member's number no operator registered is blocked, and sets no
// flag; a call that passes is foreign when it came over an international
// trunk, unverified when its number's operator is not connected, and
// first-time when the pair had not talked before (as the exchange saw).
func (g *h3Gen) judgeCalls() {
	seen := map[string]bool{}
	for _, e := range g.events {
		cl := e.Call
		if cl == nil {
			continue
		}
		kz := strings.HasPrefix(cl.A, "+76") || strings.HasPrefix(cl.A, "+77")
		member := g.member(cl.A)
		blocked := kz && (cl.Ingress == kuzet.IngressInternational || member && !cl.Registered)
		if blocked {
			continue
		}
		cl.Foreign = cl.Ingress == kuzet.IngressInternational
		cl.Unverified = kz && !member
		if g.member(cl.B) {
			key := cl.A + ">" + cl.B
			cl.FirstTime = !seen[key]
			seen[key] = true
		} else {
			cl.FirstTime = true
		}
	}
}

// --- honest life ---

// history stands for the months before: in the warm-up, everyone pays
// each regular payee once and talks to family, firms pay their staff,
// relatives abroad call.
func (g *h3Gen) history() {
	w := max(1, g.warm)
	for _, o := range g.orgs {
		// Last month's salary.
		t := g.at(g.r.IntN(w), 9, 16)
		for _, i := range o.staff {
			t = t.Add(time.Duration(g.r.IntN(20)) * time.Second)
			g.salary(t, o, g.people[i], 1)
		}
	}
	for _, p := range g.people {
		for _, f := range p.family {
			g.honest(g.human(g.r.IntN(w), p), PayFamily, p, f, g.round(g.logNormal(p.habit*1.5, 0.8)), "")
			if g.member(f.phone) && g.chance(0.7) {
				g.domestic(g.human(g.r.IntN(w), nil), f.phone, p.phone, false)
			}
		}
		for _, s := range p.shops {
			g.honest(g.human(g.r.IntN(w), p), PayShopping, p, h3Payee{g.merchants[s], 'i'}, math.Round(g.logNormal(p.habit, 0.8)), "")
		}
		for i, s := range p.staff {
			g.honest(g.at(g.r.IntN(w), 10, 19), PayH3Payroll, p, s, p.staffPay[i]*g.between(0.3, 1), "")
		}
		if p.abroad != nil {
			for range 1 + g.r.IntN(2) {
				g.call(g.human(g.r.IntN(w), nil), p.abroadNo, p.phone, kuzet.IngressInternational, false, false)
			}
			g.honest(g.human(g.r.IntN(w), p), PayH3AbroadCall, p, *p.abroad, g.round(g.logNormal(60000, 0.6)), "")
		}
	}
}

func (g *h3Gen) day(d int) {
	wd := g.day0(d).Weekday()
	weekend := wd == time.Saturday || wd == time.Sunday
	for _, p := range g.people {
		g.everyday(d, p, weekend)
	}
	g.salaries(d)
	g.payroll(d)
	g.collections(d, weekend)
}

func (g *h3Gen) everyday(d int, p *h3Person, weekend bool) {
	shop := p.shopRate
	if weekend {
		shop *= 1.3
	}
	if d >= p.tripFrom && d < p.tripTo {
		shop *= 0.3
	}
	for range g.poisson(shop) {
		m := g.r.IntN(len(g.merchants))
		if g.chance(0.85) {
			m = p.shops[g.r.IntN(len(p.shops))]
		}
		g.honest(g.human(d, p), PayShopping, p, h3Payee{g.merchants[m], 'i'}, math.Round(g.logNormal(p.habit*1.1, 0.85)), "")
	}
	for range g.poisson(p.famRate) {
		f := p.family[g.r.IntN(len(p.family))]
		t := g.human(d, p)
		if g.member(f.phone) && g.chance(0.15) {
			// "Mum, send me some money": a call, then the transfer.
			g.domestic(t.Add(-g.mins(2, 30)), f.phone, g.phoneAt(p, t), false)
		}
		g.honest(t, PayFamily, p, f, g.round(g.logNormal(p.habit*1.5, 0.9)), "")
	}
	// Bills in the first ten days of the month.
	if dm := g.day0(d).Day(); dm <= 10 && g.chance(0.12) {
		b := g.billers[g.r.IntN(len(g.billers))]
		for range 1 + g.r.IntN(3) {
			g.honest(g.human(d, p).Add(g.mins(0, 5)), PayH3Bills, p, h3Payee{b, 'i'}, math.Round(g.logNormal(9000, 0.7)), "")
			b = g.billers[g.r.IntN(len(g.billers))]
		}
	}
	if p.trader {
		g.traderDay(d, p, weekend)
	}
	if p.abroad != nil && g.chance(0.07) {
		t := g.human(d, nil)
		g.call(t, p.abroadNo, g.phoneAt(p, t), kuzet.IngressInternational, false, false)
		if g.chance(0.6) {
			g.honest(t.Add(g.mins(3, 60)), PayH3AbroadCall, p, *p.abroad, g.round(g.logNormal(70000, 0.8)), "")
		}
	}
	if g.chance(0.02) {
		g.afterCall(d, p)
	}
	if p.age < 50 && g.chance(0.0025) {
		g.landlord(d, p)
	}
	if p.age >= 25 && g.chance(0.0015) {
		g.splitOverLimit(d, p)
	}
	if p.age >= 63 && g.chance(0.012) {
		t := g.at(d, 10, 17)
		ch := ""
		if g.chance(0.4) {
			ch = "branch"
		}
		to := h3Payee{g.billers[7+g.r.IntN(6)], 'i'}
		if g.chance(0.5) {
			to = h3Payee{g.external(), 'c'} // a grandchild's card
		}
		g.honest(t, PayH3Pensioner, p, to, g.round(g.logNormal(120000, 0.6)), ch)
	}
	// Calls that lead to nothing.
	for range g.poisson(0.12) {
		t := g.human(d, nil)
		g.domestic(t, g.mobile(), g.phoneAt(p, t), false)
	}
	if g.chance(0.012) {
		t := g.human(d, nil)
		g.call(t, g.foreign(-1), g.phoneAt(p, t), kuzet.IngressInternational, false, false)
	}
	if g.chance(0.006) {
		t := g.human(d, nil)
		g.domestic(t, g.unconnected(), g.phoneAt(p, t), false)
	}
	if g.chance(0.01) {
		// A gang's attempt that the exchange blocks, and no more.
		t := g.human(d, nil)
		g.call(t, g.c.Banks[g.r.IntN(len(g.c.Banks))].Hotline, g.phoneAt(p, t), kuzet.IngressInternational, false, true)
	}
}

func (g *h3Gen) traderDay(d int, p *h3Person, weekend bool) {
	rate := 1.4
	if weekend {
		rate = 0.8
	}
	farmer := h3Rural[p.region]
	for range g.poisson(rate) {
		t := g.at(d, 7, 20)
		to := h3Payee{g.external(), g.viaOf(60, 30, 10)}
		units := g.logNormal(70000, 0.9)
		if farmer && g.chance(0.5) {
			// A sheep, a cow, a horse.
			units = []float64{g.between(55000, 90000), g.between(280000, 550000), g.between(450000, 900000)}[g.pick([]float64{5, 3, 1})]
		}
		if g.chance(0.35) {
			g.domestic(t.Add(-g.mins(3, 40)), to.phone, g.phoneAt(p, t), false)
		}
		g.honest(t, PayH3Trader, p, to, g.round(math.Min(units, 1e6)), "")
	}
}

// afterCall: the real bank calls about a card or a loan, or a courier
// calls at the door; the customer then pays.
func (g *h3Gen) afterCall(d int, p *h3Person) {
	t := g.at(d, 9, 20)
	to := g.phoneAt(p, t)
	if g.chance(0.35) {
		b := g.c.Banks[p.bank]
		g.call(t, b.Hotline, to, kuzet.IngressDomestic, true, false)
		// A loan instalment or a card fee, to the bank's own account.
		g.honest(t.Add(g.mins(4, 30)), PayH3AfterCall, p, h3Payee{g.billers[14+g.r.IntN(2)], 'i'}, math.Round(g.logNormal(35000, 0.7)), "")
		return
	}
	courier := g.mobile()
	if g.chance(0.15) {
		courier = g.unconnected()
	}
	g.domestic(t, courier, to, false)
	a := g.external()
	a.phone = courier
	g.honest(t.Add(g.mins(2, 20)), PayH3AfterCall, p, h3Payee{a, 'p'}, math.Round(g.logNormal(12000, 0.8)), "")
}

func (g *h3Gen) landlord(d int, p *h3Person) {
	t := g.at(d, 10, 21)
	a := g.external()
	if g.chance(0.65) {
		g.domestic(t.Add(-g.mins(5, 90)), a.phone, g.phoneAt(p, t), false)
	}
	g.honest(t, PayH3Landlord, p, h3Payee{a, g.viaOf(55, 35, 10)}, g.round(g.logNormal(220000, 0.45)), "")
}

// splitOverLimit: a used car from its owner, tuition or a clinic, paid in
// parts of at most a million.
func (g *h3Gen) splitOverLimit(d int, p *h3Person) {
	var to h3Payee
	var total float64
	switch g.r.IntN(3) {
	case 0:
		to = h3Payee{g.external(), g.viaOf(20, 30, 50)}
		total = g.logNormal(4.5e6, 0.4)
		t := g.at(d, 10, 19)
		// The seller was called days before, when the car was seen, and
		// calls again.
		if d > 0 {
			g.domestic(g.at(d-1-g.r.IntN(min(d, 3)), 10, 20), to.phone, g.phoneAt(p, t), false)
		}
		g.domestic(t.Add(-g.mins(5, 60)), to.phone, g.phoneAt(p, t), false)
	case 1:
		to = h3Payee{g.billers[7+g.r.IntN(3)], 'i'}
		total = g.logNormal(1.4e6, 0.3)
	default:
		to = h3Payee{g.billers[10+g.r.IntN(2)], 'i'}
		total = g.logNormal(1.6e6, 0.4)
	}
	day := d
	t := g.at(day, 10, 18)
	for left := total; left > 1000; {
		part := math.Min(left, 1e6)
		g.honest(t, PayH3SplitLimit, p, to, math.Round(part), "")
		left -= part
		if g.chance(0.5) {
			t = t.Add(g.mins(1, 10))
		} else {
			day++
			t = g.at(day, 9, 19)
		}
	}
}

func (g *h3Gen) workday(t time.Time) bool {
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// lastWorkday reports whether day d is the last working day of its month.
func (g *h3Gen) lastWorkday(d int) bool {
	t := g.day0(d)
	if !g.workday(t) {
		return false
	}
	for n := t.AddDate(0, 0, 1); n.Month() == t.Month(); n = n.AddDate(0, 0, 1) {
		if g.workday(n) {
			return false
		}
	}
	return true
}

// payday reports whether an organisation paying on day-of-month pd pays on
// day d: on it, or on the working day before when it falls on a weekend.
func (g *h3Gen) payday(d, pd int) bool {
	if pd == 0 {
		return g.lastWorkday(d)
	}
	t := g.day0(d)
	if !g.workday(t) {
		return false
	}
	for k := 0; k < 3; k++ {
		n := t.AddDate(0, 0, k)
		if n.Day() == pd {
			return true
		}
		if k < 2 && g.workday(t.AddDate(0, 0, k+1)) {
			break
		}
	}
	return false
}

func (g *h3Gen) salaries(d int) {
	for _, o := range g.orgs {
		for _, pd := range o.payDays {
			if !g.payday(d, pd) {
				continue
			}
			t := g.at(d, 9, 16)
			share := 1.0
			if len(o.payDays) > 1 && pd != o.payDays[len(o.payDays)-1] {
				share = 0.4 // the advance
			}
			for _, i := range o.staff {
				t = t.Add(time.Duration(g.r.IntN(20)) * time.Second)
				g.salary(t, o, g.people[i], share)
			}
		}
	}
}

func (g *h3Gen) salary(t time.Time, o h3Org, p *h3Person, share float64) {
	if g.gone(p.iban, t) {
		return
	}
	g.seq++
	g.events = append(g.events, Event{At: t, Payment: &Payment{Kind: PaySalary, BankBIC: o.bic,
		Check: kuzet.PaymentCheck{PaymentID: fmt.Sprintf("h3-%s-%08d", strings.ToLower(o.bic[:4]), g.seq),
			Amount: kuzet.Amount(math.Round(p.salary*share)) * 100, Currency: "KZT", CreatedAt: t,
			Channel: "internet_banking", Payer: kuzet.Payer{Account: o.iban, CustomerID: o.cid, IP: o.ip},
			Payee: kuzet.Payee{IBAN: p.iban, BankBIC: p.bic, Name: p.full}}}})
}

// payroll: small firms' owners pay staff by phone at the month's end and
// an advance mid-month.
func (g *h3Gen) payroll(d int) {
	t0 := g.day0(d)
	mid := t0.Day() == 15 && g.workday(t0) || g.workday(t0) && t0.Weekday() == time.Friday && (t0.Day() == 13 || t0.Day() == 14)
	end := g.lastWorkday(d)
	if !mid && !end {
		return
	}
	for _, p := range g.people {
		if p.staff == nil || mid && len(p.staff)%2 == 0 {
			continue
		}
		t := g.at(d, 11, 20)
		share := 1.0
		if mid {
			share = 0.4
		}
		for i, s := range p.staff {
			t = t.Add(g.mins(0.3, 4))
			g.honest(t, PayH3Payroll, p, s, p.staffPay[i]*share, "")
		}
	}
}

// collections: a colleague's birthday, a funeral, a class fund.
func (g *h3Gen) collections(d int, weekend bool) {
	rate := float64(len(g.people)) / 450
	if weekend {
		rate /= 2
	}
	for range g.poisson(rate) {
		org := g.people[g.r.IntN(len(g.people))]
		lo, hi, step := 2000.0, 5000.0, 1000.0
		switch g.r.IntN(3) {
		case 1: // a funeral
			lo, hi, step = 5000, 20000, 5000
		case 2: // a class fund
			lo, hi, step = 3000, 10000, 1000
		}
		t0 := g.at(d, 9, 19)
		for range 8 + g.r.IntN(30) {
			p := g.people[g.r.IntN(len(g.people))]
			if p == org {
				continue
			}
			t := t0.Add(g.mins(1, 240))
			g.honest(t, PayH3Collection, p, h3Payee{org.h3Acct, 'p'}, math.Max(step, math.Round(g.between(lo, hi)/step)*step), "")
		}
	}
}

// --- fraud ---

func (g *h3Gen) scamDay(d int) {
	wd := g.day0(d).Weekday()
	rate := g.cfg.ScamsPerDay
	if wd == time.Saturday || wd == time.Sunday {
		rate *= 0.8
	}
	n := g.poisson(rate)
	schemes := make([]int, n)
	for i := range schemes {
		schemes[i] = g.pick(h3SchemeWeights)
	}
	for _, s := range schemes {
		g.scams++
		sc := &h3Scam{id: g.scams, scheme: Holdout3Schemes[s], fwd: map[string][]kuzet.Transfer{},
			cash: map[string]kuzet.Amount{}}
		switch sc.scheme {
		case SchemeH3SecurityWhatsApp:
			g.securityWhatsApp(sc, d)
		case SchemeH3SecurityGrey:
			g.securityGrey(sc, d)
		case SchemeH3RelativeNight:
			g.relativeNight(sc, d)
		case SchemeH3PrizeFee:
			g.prizeFee(sc, d)
		case SchemeH3Romance:
			g.romance(sc, d)
		case SchemeH3JobDeposit:
			g.jobDeposit(sc, d)
		case SchemeH3ElderlyOfficial:
			g.elderlyOfficial(sc, d)
		case SchemeH3RentDeposit:
			g.rentDeposit(sc, d)
		case SchemeH3InvestBroker:
			g.investBroker(sc, d)
		}
		g.report(sc)
	}
}

// victim finds someone the scheme suits, between ages lo and hi; one in
// seven has no history with kuzet (never paid anyone by transfer).
func (g *h3Gen) victim(lo, hi int) *h3Person {
	if g.chance(0.85) {
		for range 40 {
			p := g.people[g.r.IntN(len(g.people))]
			if p.age >= lo && p.age <= hi && !p.victim && p.muleFrom.IsZero() {
				p.victim = true
				return p
			}
		}
	}
	p := g.person(lo+g.r.IntN(hi-lo+1), false)
	p.victim = true
	return p
}

// pays records a victim's payment; false when it falls after the end.
func (g *h3Gen) pays(sc *h3Scam, t time.Time, m *h3Mule, to h3Payee, units float64, channel string) bool {
	if !t.Before(g.end) {
		return false
	}
	v := sc.v
	if channel == "" {
		channel = "mobile_app"
	}
	ck := g.check(t, v.bic, g.payer(v, t), to, units, channel)
	g.events = append(g.events, Event{At: t, Payment: &Payment{Kind: PayScam, Scheme: sc.scheme, BankBIC: v.bic,
		ScamID: sc.id, Check: ck}})
	sc.legs = append(sc.legs, h3Leg{at: t, to: to.h3Acct, amt: ck.Amount})
	sc.last = t
	if m != nil {
		g.forward(sc, m, t, ck.Amount)
	}
	return true
}

// forward: the dropper moves the money on within minutes (a rented
// account's owner-turned-dropper a little slower), or withdraws it.
func (g *h3Gen) forward(sc *h3Scam, m *h3Mule, t time.Time, amt kuzet.Amount) {
	if g.chance(0.12) {
		sc.cash[m.iban] += amt
		return
	}
	keep := g.between(0.01, 0.08) // the mule's cut, left for now
	left := kuzet.Amount(float64(amt)*(1-keep)/100000) * 100000
	if left <= 0 {
		return
	}
	parts := 1
	if left > 30000000 && g.chance(0.5) { // above 300,000 KZT
		parts = 2
	}
	at := t.Add(g.mins(2, 40))
	if m.rented {
		at = t.Add(g.mins(10, 180))
	}
	for i := range parts {
		part := left / kuzet.Amount(parts)
		if i == parts-1 {
			part = left - part*kuzet.Amount(parts-1)
		}
		to := m.dests[g.r.IntN(len(m.dests))]
		at = at.Add(g.mins(0.5, 6))
		g.seq++
		py := kuzet.Payer{Account: m.iban, Phone: m.phone, CustomerID: m.cid, DeviceID: m.dev, IP: m.ip}
		if m.owner != nil {
			// The owner's account on the dropper's phone.
			py.CustomerID, py.Region = m.owner.cid, m.owner.region
		}
		ck := kuzet.PaymentCheck{PaymentID: fmt.Sprintf("h3-%s-%08d", strings.ToLower(m.bic[:4]), g.seq), Amount: part,
			Currency: "KZT", CreatedAt: at, Channel: "mobile_app", Payer: py, Payee: g.payee(to)}
		g.events = append(g.events, Event{At: at, Payment: &Payment{Kind: PayMuleForward, Scheme: sc.scheme,
			BankBIC: m.bic, ScamID: sc.id, Check: ck}})
		sc.fwd[m.iban] = append(sc.fwd[m.iban], kuzet.Transfer{FromBankBIC: m.bic, ToIBAN: to.iban, ToBankBIC: to.bic, Amount: part, At: at})
	}
}

// parts splits a sum under the limit of a million a transfer.
func (g *h3Gen) parts(total float64) []float64 {
	var out []float64
	for total > 1000 {
		p := math.Min(total, 1e6)
		if total > 1e6 && g.chance(0.3) {
			p = math.Round(g.between(4e5, 1e6)/10000) * 10000
		}
		out = append(out, p)
		total -= p
	}
	return out
}

func (g *h3Gen) payTo(m *h3Mule, iban, card, phone float64) h3Payee {
	return h3Payee{m.h3Acct, g.viaOf(phone, card, iban)}
}

// indicate records what the victim will tell the police: a number the
// way they write it, a card, a phone.
func (sc *h3Scam) indicate(kind kuzet.Kind, v string) {
	for _, i := range sc.inds {
		if i.Kind == kind && i.Value == v {
			return
		}
	}
	sc.inds = append(sc.inds, kuzet.Indicator{Kind: kind, Value: v})
}

func (g *h3Gen) messy(n string) string {
	if !strings.HasPrefix(n, "+7") || len(n) != 12 {
		return n
	}
	d := n[2:]
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprintf("8 (%s) %s-%s-%s", d[:3], d[3:6], d[6:8], d[8:])
	case 1:
		return "8" + d
	case 2:
		return fmt.Sprintf("+7 %s %s %s", d[:3], d[3:6], d[6:])
	}
	return n
}

// safeAccount is the security schemes' ending: the savings to a "safe
// account" in parts, sometimes with a loan taken on the spot, from t.
func (g *h3Gen) safeAccount(sc *h3Scam, t time.Time, crew int) {
	v := sc.v
	total := math.Max(150000, v.savings*g.between(0.5, 1))
	m := g.mule(crew, t, sc.id, false)
	for i, p := range g.parts(total) {
		if i > 0 && g.chance(0.3) {
			m = g.mule(crew, t, sc.id, true)
		}
		to := g.payTo(m, 40, 35, 25)
		if !g.pays(sc, t, m, to, p, "") {
			return
		}
		switch to.via {
		case 'c':
			sc.indicate(kuzet.KindCard, to.card)
		case 'p':
			sc.indicate(kuzet.KindPhone, g.messy(to.phone))
		}
		t = t.Add(g.mins(2, 15))
	}
	if g.chance(0.35) {
		// "A fraudster is taking a loan in your name: take it first and
		// move it to the safe account."
		t = t.Add(g.mins(25, 120))
		loan := math.Round(g.between(300000, 2000000)/10000) * 10000
		m = g.mule(crew, t, sc.id, true)
		for _, p := range g.parts(loan) {
			if !g.pays(sc, t, m, g.payTo(m, 45, 40, 15), p, "") {
				return
			}
			t = t.Add(g.mins(2, 10))
		}
	}
}

func (g *h3Gen) securityWhatsApp(sc *h3Scam, d int) {
	v := g.victim(25, 84)
	sc.v, sc.channel = v, "messenger"
	sc.desc = "a caller from the bank's security service on WhatsApp: moved savings to a safe account"
	t := g.at(d, 9, 21)
	if g.chance(0.85) {
		at := t.Add(-g.mins(20, 150))
		for range 1 + g.r.IntN(3) {
			switch g.pick([]float64{50, 30, 20}) {
			case 0:
				g.call(at, g.c.Banks[v.bank].Hotline, g.phoneAt(v, at), kuzet.IngressInternational, false, true)
			case 1:
				g.call(at, g.mobile(), g.phoneAt(v, at), kuzet.IngressInternational, false, true)
			default:
				g.call(at, g.mobile(), g.phoneAt(v, at), kuzet.IngressDomestic, false, true)
			}
			at = at.Add(g.mins(3, 25))
		}
	}
	wa := g.mobile()
	if g.chance(0.4) {
		wa = g.foreign(g.pick([]float64{40, 0, 0, 0, 0, 30, 30, 0, 0}))
	}
	sc.indicate(kuzet.KindPhone, g.messy(wa))
	g.safeAccount(sc, t.Add(g.mins(8, 45)), 0)
}

func (g *h3Gen) securityGrey(sc *h3Scam, d int) {
	v := g.victim(25, 84)
	sc.v, sc.channel = v, "phone_call"
	sc.desc = "a call from the bank's security service about a suspicious transfer: moved savings to a safe account"
	t := g.at(d, 9, 21)
	var from string
	var in kuzet.Ingress
	switch g.pick([]float64{35, 35, 30}) {
	case 0:
		from, in = g.unconnected(), kuzet.IngressDomestic
	case 1:
		from, in = g.foreign(g.pick([]float64{60, 0, 0, 0, 0, 25, 15, 0, 0})), kuzet.IngressInternational
	default:
		from, in = g.mobile(), kuzet.IngressDomestic // a SIM box: a real SIM
	}
	g.call(t, from, g.phoneAt(v, t), in, g.member(from) && in == kuzet.IngressDomestic, true)
	sc.indicate(kuzet.KindPhone, g.messy(from))
	pay := t.Add(g.mins(6, 35))
	if g.chance(0.4) {
		at := t.Add(g.mins(10, 30))
		g.call(at, from, g.phoneAt(v, at), in, g.member(from) && in == kuzet.IngressDomestic, true)
		pay = at.Add(g.mins(3, 15))
	}
	g.safeAccount(sc, pay, 0)
}

func (g *h3Gen) relativeNight(sc *h3Scam, d int) {
	v := g.victim(50, 85)
	sc.v, sc.channel = v, "phone_call"
	sc.desc = "a call at night: my son caused an accident, money needed to settle with the victim's family"
	t := g.at(d, 22.5, 27) // until 3 am
	if g.chance(0.2) {
		t = g.at(d, 6, 8)
	}
	from := g.mobile()
	if g.chance(0.25) {
		from = g.unconnected()
	}
	g.domestic(t, from, g.phoneAt(v, t), true)
	sc.indicate(kuzet.KindPhone, g.messy(from))
	if g.chance(0.4) {
		inv := g.mobile()
		at := t.Add(g.mins(5, 20))
		g.domestic(at, inv, g.phoneAt(v, at), true)
		sc.indicate(kuzet.KindPhone, g.messy(inv))
	}
	total := math.Min(math.Max(v.savings, 200000), g.between(250000, 1500000))
	m := g.mule(1, t, sc.id, false)
	pay := t.Add(g.mins(12, 50))
	for _, p := range g.parts(g.round(total)) {
		to := g.payTo(m, 0, 50, 50)
		if !g.pays(sc, pay, m, to, p, "") {
			return
		}
		sc.indicate(kuzet.KindCard, m.card)
		pay = pay.Add(g.mins(2, 10))
	}
	if g.chance(0.3) {
		at := pay.Add(g.mins(60, 180))
		g.domestic(at, from, g.phoneAt(v, at), true)
		g.pays(sc, at.Add(g.mins(5, 25)), m, g.payTo(m, 0, 50, 50), g.round(g.between(100000, 500000)), "")
	}
}

func (g *h3Gen) prizeFee(sc *h3Scam, d int) {
	v := g.victim(18, 75)
	sc.v, sc.channel = v, "messenger"
	sc.desc = "a message: you won a prize, pay the delivery, then customs, then insurance"
	t := g.at(d, 10, 22)
	units := g.between(2990, 19900)
	for i := range 2 + g.r.IntN(4) {
		m := g.mule(2, t, sc.id, false)
		if i > 0 && g.chance(0.5) {
			m = g.mule(2, t, sc.id, true)
		}
		to := g.payTo(m, 0, 30, 70)
		if !g.pays(sc, t, m, to, math.Round(units/10)*10-[]float64{0, 10, 50}[g.r.IntN(3)], "") {
			return
		}
		if to.via == 'p' {
			sc.indicate(kuzet.KindPhone, g.messy(to.phone))
		}
		units *= g.between(1.3, 2)
		t = t.Add(g.mins(20, 20*60))
	}
}

func (g *h3Gen) romance(sc *h3Scam, d int) {
	v := g.victim(28, 66)
	sc.v, sc.channel = v, "messenger"
	sc.desc = "met online; sent money for tickets, customs and a hospital, never met"
	// The story began weeks before; the payments come days apart.
	day := max(0, d-g.r.IntN(8))
	units := g.between(20000, 80000)
	var m *h3Mule
	for range 3 + g.r.IntN(5) {
		t := g.at(day, 19, 24)
		if !t.Before(g.end) {
			return
		}
		var to h3Payee
		switch g.pick([]float64{60, 25, 15}) {
		case 0:
			if m == nil || g.chance(0.5) {
				m = g.mule(3, t, sc.id, false)
			}
			to = g.payTo(m, 20, 80, 0)
		case 1:
			to = h3Payee{g.foreignIBAN(), 'i'}
			m = nil
		default:
			if m == nil {
				m = g.mule(3, t, sc.id, false)
			}
			to = g.payTo(m, 0, 0, 100)
		}
		for _, p := range g.parts(g.round(math.Min(units, math.Max(v.savings, 300000)))) {
			if !g.pays(sc, t, m, to, p, "") {
				return
			}
			t = t.Add(g.mins(1, 8))
		}
		if to.via == 'c' {
			sc.indicate(kuzet.KindCard, to.card)
		}
		units *= g.between(1.3, 2.2)
		day += 1 + g.r.IntN(5)
	}
}

func (g *h3Gen) jobDeposit(sc *h3Scam, d int) {
	v := g.victim(18, 45)
	if v.age > 30 && g.chance(0.5) {
		v.victim = false
		v = g.victim(18, 30)
	}
	sc.v, sc.channel = v, "messenger"
	sc.desc = "a Telegram job: likes and buyouts for commission, then deposits to unlock the payout"
	t := g.at(d, 10, 23)
	steps := []float64{5000, 15000, 40000, 100000, 250000, 500000}
	n := 3 + g.r.IntN(4)
	for i := range n {
		m := g.mule(2, t, sc.id, false)
		if i > 0 && g.chance(0.6) {
			m = g.mule(2, t, sc.id, true)
		}
		to := g.payTo(m, 0, 60, 40)
		if !g.pays(sc, t, m, to, g.round(steps[i]*g.between(0.7, 1.3)), "") {
			return
		}
		if to.via == 'c' {
			sc.indicate(kuzet.KindCard, to.card)
		}
		t = t.Add(g.mins(15, 8*60))
	}
}

func (g *h3Gen) elderlyOfficial(sc *h3Scam, d int) {
	v := g.victim(60, 88)
	sc.v, sc.channel = v, "phone_call"
	sc.desc = "a call from the pension fund: savings at risk, to be moved to a special account"
	t := g.at(d, 10, 17)
	var from string
	var in kuzet.Ingress = kuzet.IngressDomestic
	switch g.pick([]float64{70, 20, 10}) {
	case 0:
		from = g.mobile()
	case 1:
		from = g.unconnected()
	default:
		from, in = g.foreign(0), kuzet.IngressInternational
	}
	g.call(t, from, g.phoneAt(v, t), in, in == kuzet.IngressDomestic && g.member(from), true)
	sc.indicate(kuzet.KindPhone, g.messy(from))
	total := math.Max(150000, v.savings*g.between(0.4, 0.9))
	m := g.mule(0, t, sc.id, false)
	pay, ch, via := t.Add(g.mins(10, 40)), "", []float64{40, 30, 30}
	if g.chance(0.45) {
		// To the branch next morning, after another call.
		pay, ch, via = g.at(d+1, 9.5, 16), "branch", []float64{100, 0, 0}
		if g.chance(0.5) {
			at := pay.Add(-g.mins(30, 120))
			g.call(at, from, g.phoneAt(v, at), in, in == kuzet.IngressDomestic && g.member(from), true)
		}
	}
	for _, p := range g.parts(total) {
		if !g.pays(sc, pay, m, g.payTo(m, via[0], via[1], via[2]), p, ch) {
			return
		}
		pay = pay.Add(g.mins(3, 12))
	}
}

func (g *h3Gen) rentDeposit(sc *h3Scam, d int) {
	v := g.victim(18, 50)
	sc.v, sc.channel = v, "web"
	sc.desc = "a flat on a listing site: paid the deposit and the first month, the owner vanished"
	t := g.at(d, 10, 21)
	m := g.mule(3, t, sc.id, false)
	if g.chance(0.45) {
		from := m.phone
		if g.chance(0.3) {
			from = g.unconnected()
		}
		at := t.Add(-g.mins(10, 120))
		g.domestic(at, from, g.phoneAt(v, at), true)
		sc.indicate(kuzet.KindPhone, g.messy(from))
	}
	to := g.payTo(m, 0, 40, 60)
	if !g.pays(sc, t, m, to, g.round(g.between(50000, 350000)), "") {
		return
	}
	sc.indicate(kuzet.KindCard, m.card)
	if g.chance(0.25) {
		g.pays(sc, t.Add(g.mins(30, 300)), m, g.payTo(m, 0, 40, 60), g.round(g.between(20000, 100000)), "")
	}
}

func (g *h3Gen) investBroker(sc *h3Scam, d int) {
	v := g.victim(30, 66)
	sc.v, sc.channel = v, "phone_call"
	sc.desc = "a broker invited to invest in shares through a platform; deposits could not be withdrawn"
	sc.indicate(kuzet.KindDomain, g.platform())
	land := g.pick([]float64{0, 20, 0, 30, 0, 0, 0, 25, 0})
	if g.chance(0.35) {
		land = 0 // Russian mobiles
	}
	broker := g.foreign(land)
	sc.indicate(kuzet.KindPhone, broker)
	t := g.at(d, 10, 19)
	g.call(t, broker, g.phoneAt(v, t), kuzet.IngressInternational, false, true)
	units := g.between(50000, 150000)
	pay := t.Add(g.mins(20, 60))
	budget := math.Max(v.savings*1.5, 400000) // loans included
	for i := range 3 + g.r.IntN(5) {
		if i > 0 {
			day := g.dayOf(pay) + 2 + g.r.IntN(4)
			pay = g.at(day, 10, 20)
			switch g.pick([]float64{60, 15, 25}) {
			case 0:
				at := pay.Add(-g.mins(10, 40))
				g.call(at, broker, g.phoneAt(v, at), kuzet.IngressInternational, false, true)
			case 1:
				at := pay.Add(-g.mins(10, 40))
				g.domestic(at, g.unconnected(), g.phoneAt(v, at), true)
			}
		}
		ch := ""
		if g.chance(0.3) {
			ch = "internet_banking"
		}
		units = math.Min(units, budget)
		if units < 10000 {
			return
		}
		budget -= units
		if g.chance(0.2) {
			to := h3Payee{g.foreignIBAN(), 'i'}
			for _, p := range g.parts(g.round(units)) {
				if !g.pays(sc, pay, nil, to, p, ch) {
					return
				}
				pay = pay.Add(g.mins(2, 10))
			}
		} else {
			for _, p := range g.parts(g.round(units)) {
				m := g.mule(0, pay, sc.id, true)
				if !g.pays(sc, pay, m, g.payTo(m, 60, 40, 0), p, ch) {
					return
				}
				pay = pay.Add(g.mins(2, 10))
			}
		}
		units *= g.between(1.5, 3)
	}
}

func (g *h3Gen) platform() string {
	stems := []string{"kazatom", "tengiz", "samruk", "kaspi", "halyk", "astana-exchange", "qazaq-oil"}
	words := []string{"invest", "trade", "capital", "profit", "broker"}
	tlds := []string{"online", "pro", "site", "top", "com"}
	return fmt.Sprintf("%s-%s.%s", stems[g.r.IntN(len(stems))], words[g.r.IntN(len(words))], tlds[g.r.IntN(len(tlds))])
}

// h3ReportShare: the share of victims who report, and the median delay in
// hours after the last payment, by scheme in Holdout3Schemes' order.
var h3ReportShare = []float64{0.8, 0.8, 0.7, 0.35, 0.45, 0.55, 0.65, 0.7, 0.6}
var h3ReportDelay = []float64{4, 4, 10, 40, 120, 24, 60, 20, 150}

// report files the victim's report, if they report, after the last
// payment; the mules it names are frozen by their banks within a day.
func (g *h3Gen) report(sc *h3Scam) {
	if len(sc.legs) == 0 {
		return
	}
	i := slices.Index(Holdout3Schemes, sc.scheme)
	if !g.chance(h3ReportShare[i]) {
		return
	}
	at := sc.last.Add(time.Duration(g.logNormal(h3ReportDelay[i], 0.7) * float64(time.Hour)))
	v := sc.v
	r := &Report{ScamID: sc.id, Victim: kuzet.Victim{Name: v.full, Phone: v.phone, Region: v.region},
		Channel: sc.channel, Scheme: sc.scheme, Description: sc.desc, Currency: "KZT",
		Indicators: slices.Clone(sc.inds), Hops: map[string]Hop{}}
	received := map[string]kuzet.Amount{}
	for _, l := range sc.legs {
		r.AmountLost += l.amt
		r.Transfers = append(r.Transfers, kuzet.Transfer{FromBankBIC: v.bic, ToIBAN: l.to.iban, ToBankBIC: l.to.bic,
			Amount: l.amt, At: l.at})
		if l.to.bank >= 0 {
			received[l.to.iban] += l.amt
		}
	}
	for _, l := range sc.legs {
		iban := l.to.iban
		if _, ok := received[iban]; !ok {
			continue
		}
		if _, done := r.Hops[iban]; done {
			continue
		}
		var onward []kuzet.Transfer
		var gone kuzet.Amount
		for _, f := range sc.fwd[iban] {
			if f.At.Before(at) {
				onward = append(onward, f)
				gone += f.Amount
			}
		}
		frozen := max(0, received[iban]-gone-sc.cash[iban])
		r.Hops[iban] = Hop{BankBIC: l.to.bic, Frozen: frozen, Onward: onward}
		for _, f := range onward {
			if _, ok := r.Hops[f.ToIBAN]; ok || !strings.HasPrefix(f.ToIBAN, "KZ") {
				continue
			}
			var kept kuzet.Amount
			if g.chance(0.3) {
				kept = f.Amount
			}
			r.Hops[f.ToIBAN] = Hop{BankBIC: f.ToBankBIC, Frozen: kept}
		}
	}
	g.events = append(g.events, Event{At: at, Report: r})
	for _, m := range g.mules {
		if _, ok := received[m.iban]; ok {
			fz := at.Add(time.Duration(g.between(1, 24) * float64(time.Hour)))
			if m.frozenAt.IsZero() || fz.Before(m.frozenAt) {
				m.frozenAt = fz
			}
		}
	}
}
