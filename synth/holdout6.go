// Holdout6 is a payment world written without looking at kuzet's payment
// rules or at the other simulations, to judge the rules on data nobody
// tuned them to. It is one picture of retail payments in Kazakhstan in the
// four weeks after the winter holidays of 2027.
//
// People. A few thousand customers of the country's banks, most with Kaspi
// or Halyk, spread over the regions as the population is. Roughly three in
// ten are young (students, first jobs, marketplace and crypto users), half
// are working adults, one in five is a pensioner. Most pay from one phone
// in the mobile app; some use internet banking or, for large sums, a branch.
// More than half are paid by an employer of the world, an advance around the
// 25th and the rest of the salary in the first days of the month.
//
// Honest behaviour, and what of it looks like fraud. Everyday payments
// are QR and transfer payments to shops and services and transfers to
// relatives and friends by phone number; the January sales and the gifts
// of the Old New Year (13–14 January) make the first days busier. Winter
// utility bills (heating above all) are paid once a month to a few
// utility companies and aggregators. Much of the rest looks like fraud to a
// rule: a marketplace seller (OLX, Kolesa, Krisha) first calls from a
// number the buyer has never spoken to and is then paid as a new payee; a
// relative abroad (a student in Russia or Korea, a worker's family in
// Uzbekistan or Kyrgyzstan) calls from a foreign number and is sent money
// on a foreign card; night owls pay at 2 a.m.; a car, a flat's deposit or
// furniture is a large, rare payment to someone new; a class's parents,
// colleagues, or a family's friends for a funeral (as) or a wedding (toi)
// each send a small sum to one organiser, who pays the total on within
// days; small companies pay their staff in one burst; P2P crypto traders
// receive many payments from strangers, often at night, and pass the money
// on; people move their salary straight on to their own deposit at another
// bank; new phones given at New Year and trips abroad change devices and
// addresses mid-month.
//
// Fraud, as an adversary who knows the exchange would run it. Spoofing a
// bank's hotline from abroad is blocked and calls from abroad are warned
// about, so the call centres now call from real domestic SIMs registered
// on drops, from an operator not connected to the exchange, or not at all
// (messenger calls); a few old-style spoofed attempts remain, and when they
// are blocked the fraudster moves to WhatsApp. Mule lists are checked, so
// listed accounts are rarely reused; money that goes straight through an
// account is watched, so the bought, aged accounts wait hours and forward
// in uneven parts, while fresh accounts are used once or twice and emptied
// fast, often in cash. A first payment far above habit to a young account
// is noticed, so victims are told to send in parts to several accounts,
// investment victims are led up from small sums, and the "safe account"
// carries the victim's own name. The schemes:
//
//   - safe account: "bank security" calls, a loan is taken, the money is
//     sent in parts to accounts named after the victim;
//   - police by messenger: a video call from "the police" or "the KNB",
//     several large payments over a few days, pensioners sometimes in a
//     branch;
//   - SIM takeover: "your SIM contract expires, tell us the code": the bank
//     account is taken over and drained at night from the fraudster's
//     device through domestic proxies;
//   - marketplace: a fake seller takes a prepayment and then a "delivery"
//     fee;
//   - investment: adverts with fake officials, a "manager" on a foreign
//     number or a messenger, rising payments to P2P "traders" over weeks;
//   - hacked messenger: a friend's hijacked account asks for a loan till
//     tomorrow;
//   - utility phishing: an SMS about a heating or power debt leads to a
//     fake bill paid to an account with a utility-like name.
//
// Mules. Aged accounts bought from students and villagers (some of whom
// still receive money from their relatives), fresh accounts opened during
// the month, and consolidators that send the money abroad to foreign
// cards; a few share their handler's phone. About one in six of the accounts
// the registry lists before the start are in this pool, which the groups
// avoid but sometimes still use; the rest are from older campaigns.
//
// Reports. Most victims go to the police: within hours for a drained
// account, days for a safe-account or police scheme, weeks for an
// investment, often never for a small utility or marketplace loss. A
// report names what the victim remembers (the caller's number as they
// typed it, the card or account, the site) and the transfers; its hops are
// what each bank would answer a freeze with at the time of the report.

package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// Holdout6Config sets up the Holdout6 world. Zero fields take the defaults
// in brackets.
type Holdout6Config struct {
	Seed        uint64
	Start       time.Time // the first day, from its midnight in Kazakhstan [Monday 11 January 2027]
	Days        int       // [28]
	Customers   int       // [3,000]
	ScamsPerDay float64   // [15]
	WarmupDays  int       // days before EvalFrom [7]
	Employers   int       // companies paying salaries [80]
	Merchants   int       // shops and services [400]
	Mules       int       // mule accounts used in the period [150]
	// ListedShare is about the share of the mule pool the registry lists
	// before the start, all of them aged accounts [0.12].
	ListedShare float64
}

// Holdout6 payment kinds: the honest ones, each reported by its kind.
const (
	H6Salary       PaymentKind = "h6_salary"      // an employer's payroll to an employee
	H6Shopping     PaymentKind = "h6_shopping"    // QR or transfer to a shop or service
	H6Family       PaymentKind = "h6_family"      // to a relative or friend at home
	H6Utility      PaymentKind = "h6_utility"     // a monthly bill
	H6Rent         PaymentKind = "h6_rent"        // monthly rent to a landlord
	H6Abroad       PaymentKind = "h6_abroad"      // to a relative's foreign card
	H6Marketplace  PaymentKind = "h6_marketplace" // to a private seller, new each time
	H6Crypto       PaymentKind = "h6_crypto_p2p"  // buying crypto from a P2P trader, or the trader passing it on
	H6Collection   PaymentKind = "h6_collection"  // a contribution to a collection
	H6Payout       PaymentKind = "h6_collection_payout"
	H6Purchase     PaymentKind = "h6_big_purchase"  // a car, a deposit, furniture
	H6SelfTransfer PaymentKind = "h6_self_transfer" // to one's own account at another bank
	H6Travel       PaymentKind = "h6_travel"        // paid while abroad
)

// Holdout6Kinds lists the honest kinds of the Holdout6 world.
var Holdout6Kinds = []PaymentKind{H6Salary, H6Shopping, H6Family, H6Utility, H6Rent, H6Abroad, H6Marketplace,
	H6Crypto, H6Collection, H6Payout, H6Purchase, H6SelfTransfer, H6Travel}

// Holdout6 scam schemes.
const (
	H6SafeAccount   = "h6_safe_account"
	H6PoliceMessage = "h6_police_messenger"
	H6SIMTakeover   = "h6_sim_takeover"
	H6FakeSeller    = "h6_marketplace_seller"
	H6Investment    = "h6_investment"
	H6HackedFriend  = "h6_hacked_messenger"
	H6UtilityPhish  = "h6_utility_phishing"
)

// Holdout6Schemes lists the scam schemes of the Holdout6 world.
var Holdout6Schemes = []string{H6SafeAccount, H6PoliceMessage, H6SIMTakeover, H6FakeSeller, H6Investment,
	H6HackedFriend, H6UtilityPhish}

// h6Loc is Kazakhstan's single time zone since 2024.
var h6Loc = time.FixedZone("KZT", 5*3600)

func (cfg Holdout6Config) withDefaults() Holdout6Config {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2027, 1, 11, 0, 0, 0, 0, h6Loc)
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
	if cfg.WarmupDays <= 0 {
		cfg.WarmupDays = 7
	}
	if cfg.Employers <= 0 {
		cfg.Employers = max(4, cfg.Customers/38)
	}
	if cfg.Merchants <= 0 {
		cfg.Merchants = max(20, cfg.Customers*2/15)
	}
	if cfg.Mules <= 0 {
		cfg.Mules = 150
	}
	if cfg.ListedShare <= 0 {
		cfg.ListedShare = 0.12
	}
	return cfg
}

// h6Account is an account and how others address it.
type h6Account struct {
	Name, Short string // full name, and as a transfer shows it ("Aigerim S.")
	Bank        int    // index into Country.Banks; -1 abroad
	IBAN, Card  string
	Phone       string
	CustomerID  string
	Region      string
}

// Ways of addressing a payee.
const (
	h6ByPhone = iota
	h6ByCard
	h6ByIBAN
)

// h6Person is a customer.
type h6Person struct {
	h6Account
	age          int // 0 young, 1 adult, 2 pensioner
	device       string
	newDevice    string    // a New Year phone, from newDeviceAt
	newDeviceAt  time.Time // zero: none
	homeIP       string
	channel      string // the usual one
	income       float64
	shopRate     float64 // payments a day
	famRate      float64
	night        bool
	merchants    []int
	family       []*h6Account
	abroad       *h6Account
	landlord     *h6Account
	rentDay      int
	utilities    []int
	utilDays     []int
	second       *h6Account // own account at another bank
	crypto       bool
	trader       bool
	employer     int // -1: none in the world
	travelFrom   time.Time
	travelTo     time.Time
	travelIPBase string
	victim       bool
}

// h6Mule is an account the fraudsters control.
type h6Mule struct {
	h6Account
	device, ip string
	aged       bool
	listed     bool
	level      int // 1 receives victims' money, 2 consolidates and sends abroad
	from       time.Time
	uses       int
}

// h6Move is stolen money moving: from nil is the victim's transfer; to
// nil with out set left the system (cash, a foreign card).
type h6Move struct {
	from, to *h6Mule
	units    int64
	at       time.Time
	out      bool
}

type h6Scam struct {
	id      int
	scheme  string
	victim  *h6Person
	channel string
	caller  string
	domain  string
	wallet  string
	moves   []h6Move
	last    time.Time
	payees  []kuzet.Payee
}

type h6Gen struct {
	c         *Country
	cfg       Holdout6Config
	rng       *rand.Rand
	start     time.Time
	end       time.Time
	events    []Event
	paySeq    int
	callSeq   int
	used      map[string]bool
	people    []*h6Person
	merchants []*h6Account
	utilities []*h6Account
	employers []*h6Account
	venues    []*h6Account
	mules1    []*h6Mule
	mules2    []*h6Mule
	handlers  [][2]string
	listed    []Submission
	scams     []*h6Scam
}

// Holdout6 returns the Holdout6 payment world for cfg. It uses only cfg's
// seed for randomness, never the Country's own state.
func (c *Country) Holdout6(cfg Holdout6Config) *PaymentWorld {
	cfg = cfg.withDefaults()
	g := &h6Gen{
		c:     c,
		cfg:   cfg,
		rng:   rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x68366b757a6574)),
		start: cfg.Start,
		end:   cfg.Start.AddDate(0, 0, cfg.Days),
		used:  map[string]bool{},
	}
	g.population()
	g.muleWorld()
	g.honest()
	g.frauds()
	slices.SortStableFunc(g.events, func(a, b Event) int { return a.At.Compare(b.At) })
	return &PaymentWorld{
		Config: PaymentConfig{Seed: cfg.Seed, Start: cfg.Start, Days: cfg.Days, Customers: cfg.Customers,
			Employers: cfg.Employers, Merchants: cfg.Merchants, Mules: cfg.Mules, ScamsPerDay: cfg.ScamsPerDay,
			ListedMules: cfg.ListedShare},
		Events:   g.events,
		Listed:   g.listed,
		EvalFrom: cfg.Start.AddDate(0, 0, cfg.WarmupDays),
	}
}

// Names, Kazakh and Russian, as people are called in the country.
var (
	h6FirstM = []string{"Nurlan", "Yerlan", "Daniyar", "Askar", "Arman", "Timur", "Bauyrzhan", "Aidos", "Yerzhan",
		"Sanzhar", "Dmitry", "Sergey", "Alexey", "Marat", "Kairat", "Azamat", "Alibek", "Ruslan", "Nurbek", "Igor"}
	h6FirstF = []string{"Aigerim", "Dana", "Aruzhan", "Gulnara", "Saule", "Madina", "Zhanna", "Asel", "Aliya",
		"Dinara", "Elena", "Olga", "Natalya", "Kamila", "Ainur", "Laura", "Tomiris", "Gaukhar", "Svetlana", "Akmaral"}
	h6Last = []string{"Akhmetov", "Seitkali", "Nurpeisov", "Omarov", "Zhakupov", "Iskakov", "Suleimenov", "Abenov",
		"Kassymov", "Tokayev", "Bekov", "Sarsenbayev", "Ivanov", "Petrov", "Kim", "Li", "Tsoi", "Utegenov",
		"Mukhametov", "Baimukhanov", "Yessenov", "Karimov", "Dzhaksybekov", "Smagulov", "Kuznetsov"}
	h6Regions = []string{"Almaty", "Astana", "Shymkent", "Karaganda", "Aktobe", "Atyrau", "Pavlodar",
		"East Kazakhstan", "Kostanay", "Zhambyl", "Turkistan", "Kyzylorda", "Mangystau", "West Kazakhstan",
		"Abai", "North Kazakhstan", "Almaty Region", "Zhetysu"}
	h6RegionW = []float64{11, 7.5, 6, 5.5, 4.5, 3.5, 3.7, 3.8, 4.3, 6, 10, 4, 4, 3.5, 3, 2.8, 7.5, 3.5}
	h6BankW   = []float64{45, 25, 7, 7, 6, 5, 3, 2}
	h6BINs    = [][]string{{"440043", "400303"}, {"440563", "521324"}, {"404932", "535618"}, {"422839"},
		{"539545", "419539"}, {"220070", "413056"}, {"427617"}, {"445420"}}
)

// Hours of the day, as weights: everyday life, night owls, office hours,
// and the small hours when a drained account goes unnoticed.
var (
	h6Day   = []float64{.5, .3, .15, .1, .1, .2, .6, 1.5, 3, 4, 5, 5.5, 6.5, 6, 5, 5, 5, 5.5, 6.5, 7, 7, 6, 4, 2}
	h6Owl   = []float64{4, 3.5, 2.5, 1.5, .6, .3, .3, .8, 1.5, 2, 3, 3.5, 4, 4, 4, 4, 4, 4.5, 5, 5.5, 6, 6, 6, 5}
	h6Work  = []float64{0, 0, 0, 0, 0, 0, 0, .3, 1, 3, 5, 5, 4, 4.5, 5, 5, 4.5, 3.5, 2, 1, .5, 0, 0, 0}
	h6Small = []float64{3, 5, 5, 4, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .5, 1.5}
)

func (g *h6Gen) pick(w []float64) int {
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	r := g.rng.Float64() * sum
	for i, x := range w {
		if r < x {
			return i
		}
		r -= x
	}
	return len(w) - 1
}

func (g *h6Gen) chance(p float64) bool { return g.rng.Float64() < p }

func (g *h6Gen) between(a, b float64) float64 { return a + g.rng.Float64()*(b-a) }

// poisson draws a Poisson count (Knuth's method: the means here are small).
func (g *h6Gen) poisson(mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean > 30 {
		return max(0, int(math.Round(mean+math.Sqrt(mean)*g.rng.NormFloat64())))
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= g.rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// lognormal draws around median with spread sigma, rounded to step.
func (g *h6Gen) lognormal(median, sigma, step float64) int64 {
	x := median * math.Exp(sigma*g.rng.NormFloat64())
	return max(int64(step), int64(math.Round(x/step)*step))
}

// at returns a moment on day d with hours weighted by w.
func (g *h6Gen) at(d int, w []float64) time.Time {
	h := g.pick(w)
	return g.start.AddDate(0, 0, d).Add(time.Duration(h)*time.Hour + time.Duration(g.rng.IntN(3600))*time.Second)
}

func (g *h6Gen) minutes(a, b float64) time.Duration {
	return time.Duration(g.between(a, b) * float64(time.Minute))
}

func (g *h6Gen) unique(f func() string) string {
	for {
		if v := f(); !g.used[v] {
			g.used[v] = true
			return v
		}
	}
}

func (g *h6Gen) mobile() string {
	return g.unique(func() string {
		var t Telco
		if g.chance(0.05) && len(g.c.Unconnected) > 0 {
			t = g.c.Unconnected[g.rng.IntN(len(g.c.Unconnected))]
		} else {
			t = g.c.Telcos[g.rng.IntN(len(g.c.Telcos))]
		}
		return fmt.Sprintf("+%s%07d", t.Prefixes[g.rng.IntN(len(t.Prefixes))], g.rng.IntN(10_000_000))
	})
}

// registeredMobile is a number of a member operator, whose calls are
// registered.
func (g *h6Gen) registeredMobile() string {
	return g.unique(func() string {
		t := g.c.Telcos[g.rng.IntN(len(g.c.Telcos))]
		return fmt.Sprintf("+%s%07d", t.Prefixes[g.rng.IntN(len(t.Prefixes))], g.rng.IntN(10_000_000))
	})
}

func (g *h6Gen) unconnectedMobile() string {
	if len(g.c.Unconnected) == 0 {
		return g.registeredMobile()
	}
	return g.unique(func() string {
		t := g.c.Unconnected[g.rng.IntN(len(g.c.Unconnected))]
		return fmt.Sprintf("+%s%07d", t.Prefixes[g.rng.IntN(len(t.Prefixes))], g.rng.IntN(10_000_000))
	})
}

// isMember reports whether phone belongs to an operator of the exchange.
func (g *h6Gen) isMember(phone string) bool {
	for _, t := range g.c.Telcos {
		for _, p := range t.Prefixes {
			if strings.HasPrefix(phone, "+"+p) {
				return true
			}
		}
	}
	return false
}

// Foreign numbers and cards, by country: where relatives live and where
// call centres and money go.
var (
	h6ForeignPhone = map[string][]string{
		"UZ": {"+99890", "+99891", "+99893", "+99894", "+99897", "+99899"},
		"KG": {"+996555", "+996700", "+996770"},
		"RU": {"+7916", "+7925", "+7903", "+7912"},
		"TR": {"+90532", "+90542", "+90555"},
		"KR": {"+8210"},
		"AE": {"+97150", "+97155"},
	}
	h6ForeignBIN = map[string][]string{
		"UZ": {"986001", "860049"}, "KG": {"941700", "417630"}, "RU": {"220220", "427638"},
		"TR": {"454360", "540667"}, "KR": {"941083", "536181"}, "AE": {"428671"},
	}
)

func (g *h6Gen) foreignPhone(country string) string {
	p := h6ForeignPhone[country][g.rng.IntN(len(h6ForeignPhone[country]))]
	n := 13 - len(p) // twelve digits after the "+", but for Russia's eleven
	if country == "RU" {
		n = 7
	}
	return g.unique(func() string { return p + fmt.Sprintf("%0*d", n, g.rng.Int64N(int64(math.Pow10(n)))) })
}

func (g *h6Gen) card(bins []string) string {
	return g.unique(func() string {
		body := bins[g.rng.IntN(len(bins))] + fmt.Sprintf("%09d", g.rng.IntN(1e9))
		return body + string(luhnDigit(body))
	})
}

func (g *h6Gen) bankIndex() int {
	if len(g.c.Banks) == len(h6BankW) {
		return g.pick(h6BankW)
	}
	return g.rng.IntN(len(g.c.Banks))
}

func (g *h6Gen) bins(bank int) []string {
	if bank < len(h6BINs) {
		return h6BINs[bank]
	}
	return h6BINs[0]
}

func (g *h6Gen) personName() (full, short string) {
	last := h6Last[g.rng.IntN(len(h6Last))]
	if g.chance(0.5) {
		first := h6FirstF[g.rng.IntN(len(h6FirstF))]
		if strings.HasSuffix(last, "v") || strings.HasSuffix(last, "n") {
			last += "a"
		}
		return first + " " + last, first + " " + last[:1] + "."
	}
	first := h6FirstM[g.rng.IntN(len(h6FirstM))]
	return first + " " + last, first + " " + last[:1] + "."
}

// account opens an account of a person at bank (or a random bank if -1).
func (g *h6Gen) account(bank int, region string) *h6Account {
	if bank < 0 {
		bank = g.bankIndex()
	}
	full, short := g.personName()
	if region == "" {
		region = h6Regions[g.pick(h6RegionW)]
	}
	b := g.c.Banks[bank]
	return &h6Account{
		Name: full, Short: short, Bank: bank, Region: region,
		IBAN:  g.unique(func() string { return KZIBAN(b.BankCode, fmt.Sprintf("%013d", g.rng.Int64N(1e13))) }),
		Card:  g.card(g.bins(bank)),
		Phone: g.mobile(),
	}
}

// business opens a company's account: IBAN only.
func (g *h6Gen) business(name, region string) *h6Account {
	bank := g.rng.IntN(len(g.c.Banks))
	if len(g.c.Banks) == len(h6BankW) {
		bank = g.pick([]float64{20, 35, 12, 12, 8, 8, 3, 2})
	}
	b := g.c.Banks[bank]
	return &h6Account{
		Name: name, Short: name, Bank: bank, Region: region,
		IBAN: g.unique(func() string { return KZIBAN(b.BankCode, fmt.Sprintf("%013d", g.rng.Int64N(1e13))) }),
	}
}

func (g *h6Gen) foreignAccount(country string) *h6Account {
	full, short := g.personName()
	return &h6Account{Name: full, Short: short, Bank: -1, Region: country,
		Card: g.card(h6ForeignBIN[country]), Phone: g.foreignPhone(country)}
}

func (g *h6Gen) deviceID() string {
	return g.unique(func() string { return fmt.Sprintf("h6d-%016x", g.rng.Uint64()) })
}

// Address blocks of the country's fixed and mobile networks, and of
// places abroad.
var (
	h6HomeNets  = []string{"2.132.%d.%d", "2.134.%d.%d", "37.150.%d.%d", "37.151.%d.%d", "95.56.%d.%d", "95.57.%d.%d", "178.89.%d.%d", "92.46.%d.%d"}
	h6MobileNet = []string{"5.34.%d.%d", "5.76.%d.%d", "46.34.%d.%d", "87.255.%d.%d", "188.0.%d.%d"}
	h6AbroadNet = []string{"88.230.%d.%d", "78.180.%d.%d", "94.200.%d.%d", "91.73.%d.%d", "211.234.%d.%d"}
	h6VPNNet    = []string{"185.220.%d.%d", "45.134.%d.%d", "193.233.%d.%d"}
)

func (g *h6Gen) ip(nets []string) string {
	return fmt.Sprintf(nets[g.rng.IntN(len(nets))], g.rng.IntN(256), 1+g.rng.IntN(254))
}

func (g *h6Gen) population() {
	cfg := g.cfg
	for i := range cfg.Employers {
		kinds := []string{"TOO", "TOO", "IP", "AO"}
		words := []string{"Stroy", "Trans", "Agro", "Med", "Service", "Trade", "Invest", "Logistic", "Energo", "Tech"}
		name := fmt.Sprintf("%s %s%s-%d", kinds[g.rng.IntN(len(kinds))], words[g.rng.IntN(len(words))],
			words[g.rng.IntN(len(words))], 1+i)
		e := g.business(name, h6Regions[g.pick(h6RegionW)])
		e.CustomerID = fmt.Sprintf("h6-biz-%04d", i)
		e.Phone = g.registeredMobile()
		g.employers = append(g.employers, e)
	}
	shops := []string{"Magnum", "Small", "Galmart", "Technodom", "Sulpak", "Mechta", "Arbuz", "Wildberries pickup",
		"Kofeinya", "Apteka", "Sport", "Zoomagazin", "Cvety", "Taxi Park", "Salon", "Avtomoika", "Kids", "Lavka"}
	for i := range cfg.Merchants {
		name := fmt.Sprintf("IP %s %s", shops[g.rng.IntN(len(shops))], h6Last[g.rng.IntN(len(h6Last))])
		if g.chance(0.3) {
			name = fmt.Sprintf("TOO %s-%d", shops[g.rng.IntN(len(shops))], i)
		}
		g.merchants = append(g.merchants, g.business(name, h6Regions[g.pick(h6RegionW)]))
	}
	for _, u := range []string{"Alseco", "Astana ERC", "Almaty Energo Sbyt", "Teploseti", "Vodokanal", "QazaqGaz Aimak",
		"Kazakhtelecom", "Beeline Home", "OSI Dom", "KSK Nurly", "Energosbyt", "Teplokommunenergo"} {
		a := g.business("TOO "+u, "")
		g.utilities = append(g.utilities, a)
	}
	for _, v := range []string{"Toikhana Dastarkhan", "Restoran Alasha", "Banket-zal Saltanat", "Kafe Bereke",
		"Cvety Astana", "Technodom", "Gift shop Surpriz", "Ritual Service", "Shkola 45 fond", "Kinder Club"} {
		g.venues = append(g.venues, g.business("TOO "+v, ""))
	}
	for i := range cfg.Customers {
		a := g.account(-1, "")
		a.CustomerID = fmt.Sprintf("h6-c%06d", i)
		p := &h6Person{h6Account: *a, age: g.pick([]float64{30, 50, 20}), employer: -1}
		p.device = g.deviceID()
		p.homeIP = g.ip(h6HomeNets)
		p.channel = "mobile_app"
		if g.chance(0.12) {
			p.channel = "internet_banking"
		}
		switch p.age {
		case 0:
			p.income = float64(g.lognormal(300_000, 0.35, 1000))
			p.shopRate = g.between(0.4, 1.2)
		case 1:
			p.income = float64(g.lognormal(450_000, 0.5, 1000))
			p.shopRate = g.between(0.3, 1.0)
		default:
			p.income = float64(g.lognormal(140_000, 0.3, 1000))
			p.shopRate = g.between(0.1, 0.5)
		}
		p.famRate = g.between(0.08, 0.4)
		p.night = g.chance([]float64{0.2, 0.08, 0.02}[p.age])
		if p.age < 2 && g.chance(0.7) {
			p.employer = g.rng.IntN(len(g.employers))
		}
		if g.chance(0.15) {
			p.newDevice = g.deviceID()
			p.newDeviceAt = g.at(g.rng.IntN(cfg.Days), h6Day)
		}
		if g.chance(0.04) {
			from := g.at(g.rng.IntN(cfg.Days), h6Day)
			p.travelFrom, p.travelTo = from, from.Add(time.Duration(3+g.rng.IntN(8))*24*time.Hour)
			p.travelIPBase = h6AbroadNet[g.rng.IntN(len(h6AbroadNet))]
		}
		if g.chance(0.3) {
			other := (p.Bank + 1 + g.rng.IntN(len(g.c.Banks)-1)) % len(g.c.Banks)
			s := g.account(other, p.Region)
			s.Name, s.Short, s.Phone, s.Card = p.Name, p.Short, "", ""
			p.second = s
		}
		p.crypto = p.age < 2 && g.chance(0.05)
		g.people = append(g.people, p)
	}
	// Traders: a few customers who sell crypto P2P for a living.
	for range max(3, cfg.Customers/120) {
		t := g.people[g.rng.IntN(len(g.people))]
		t.trader, t.crypto, t.night = true, false, true
	}
	byRegion := map[string][]int{}
	for i, m := range g.merchants {
		byRegion[m.Region] = append(byRegion[m.Region], i)
	}
	for _, p := range g.people {
		local := byRegion[p.Region]
		for range 4 + g.rng.IntN(10) {
			if len(local) > 0 && g.chance(0.85) {
				p.merchants = append(p.merchants, local[g.rng.IntN(len(local))])
			} else {
				p.merchants = append(p.merchants, g.rng.IntN(len(g.merchants)))
			}
		}
		for range 1 + g.rng.IntN(5) {
			if g.chance(0.6) {
				q := g.people[g.rng.IntN(len(g.people))]
				if q != p {
					p.family = append(p.family, &q.h6Account)
				}
			} else {
				p.family = append(p.family, g.account(-1, p.Region))
			}
		}
		if len(p.family) == 0 {
			p.family = append(p.family, g.account(-1, p.Region))
		}
		if g.chance(0.07) {
			p.abroad = g.foreignAccount([]string{"UZ", "KG", "RU", "RU", "KR", "TR"}[g.rng.IntN(6)])
		}
		if p.age == 0 && g.chance(0.3) || p.age == 1 && g.chance(0.12) {
			p.landlord, p.rentDay = g.account(-1, p.Region), 1+g.rng.IntN(28)
		}
		for _, u := range g.rng.Perm(len(g.utilities))[:2+g.rng.IntN(3)] {
			p.utilities = append(p.utilities, u)
			p.utilDays = append(p.utilDays, 1+g.rng.IntN(25))
		}
	}
}

func (g *h6Gen) muleWorld() {
	cfg := g.cfg
	for range 12 {
		g.handlers = append(g.handlers, [2]string{g.deviceID(), g.ip(h6MobileNet)})
	}
	newMule := func(level int, aged bool) *h6Mule {
		a := g.account(-1, "")
		a.CustomerID = g.unique(func() string { return fmt.Sprintf("h6-m%06d", g.rng.IntN(1e6)) })
		m := &h6Mule{h6Account: *a, level: level, aged: aged}
		if g.chance(0.35) {
			h := g.handlers[g.rng.IntN(len(g.handlers))]
			m.device, m.ip = h[0], h[1]
		} else {
			m.device, m.ip = g.deviceID(), g.ip(slices.Concat(h6MobileNet, h6HomeNets))
		}
		m.from = g.start.AddDate(0, 0, -400)
		if !aged {
			m.from = g.start.Add(time.Duration(g.between(-5, float64(cfg.Days)-3) * 24 * float64(time.Hour)))
		}
		return m
	}
	n2 := max(4, cfg.Mules/8)
	for range n2 {
		g.mules2 = append(g.mules2, newMule(2, true))
	}
	for i := range cfg.Mules - n2 {
		g.mules1 = append(g.mules1, newMule(1, i%2 == 0))
	}
	// Aged accounts were someone's own: relatives still send them money.
	for _, m := range g.mules1 {
		if m.aged && g.chance(0.5) {
			p := g.people[g.rng.IntN(len(g.people))]
			p.family = append(p.family, &m.h6Account)
		}
	}
	// The registry's list: a share of this pool, and more from older
	// campaigns.
	submit := func(m *h6Account) {
		bank := g.c.Banks[g.rng.IntN(len(g.c.Banks))]
		conf := 0.6 + float64(g.rng.IntN(36))/100
		if g.chance(0.7) || m.Card == "" {
			v := m.IBAN
			if g.chance(0.3) {
				v = h6Spaced(v, 4)
			}
			g.listed = append(g.listed, Submission{bank.Name, kuzet.KindIBAN, v, kuzet.CategoryMuleAccount, conf, "confirmed fraud transfer"})
		} else {
			g.listed = append(g.listed, Submission{bank.Name, kuzet.KindCard, h6Spaced(m.Card, 4), kuzet.CategoryMuleAccount, conf, "card-to-card cash-out"})
		}
	}
	for _, m := range append(slices.Clone(g.mules1), g.mules2...) {
		if m.aged && g.chance(cfg.ListedShare*2) {
			m.listed = true
			submit(&m.h6Account)
		}
	}
	for range cfg.Mules * 2 / 3 {
		submit(g.account(-1, ""))
	}
}

func h6Spaced(s string, n int) string {
	var b strings.Builder
	for i := 0; i < len(s); i += n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+n, len(s))])
	}
	return b.String()
}

// payee addresses a as a payer at bank would.
func (g *h6Gen) payee(a *h6Account, how, payerBank int) kuzet.Payee {
	pe := kuzet.Payee{Name: a.Short}
	if a.Bank >= 0 {
		pe.BankBIC = g.c.Banks[a.Bank].BIC
	}
	switch {
	case how == h6ByPhone && a.Phone != "":
		pe.Phone = a.Phone
		if a.Bank == payerBank {
			pe.IBAN = a.IBAN // the bank resolves its own customer's number
		}
	case how == h6ByCard && a.Card != "":
		pe.Card = a.Card
	default:
		pe.IBAN, pe.Name = a.IBAN, a.Name
	}
	return pe
}

// pay records a payment check if it falls in the period.
func (g *h6Gen) pay(at time.Time, kind PaymentKind, bank int, payer kuzet.Payer, payee kuzet.Payee, units int64, channel string) *Payment {
	if at.Before(g.start) || !at.Before(g.end) {
		return nil
	}
	g.paySeq++
	bic := g.c.Banks[bank].BIC
	p := &Payment{Kind: kind, BankBIC: bic, Check: kuzet.PaymentCheck{
		PaymentID: fmt.Sprintf("h6-%s-%07d", bic[:4], g.paySeq),
		Amount:    kuzet.Amount(units * 100),
		Currency:  "KZT",
		CreatedAt: at,
		Channel:   channel,
		Payer:     payer,
		Payee:     payee,
	}}
	g.events = append(g.events, Event{At: at, Payment: p})
	return p
}

func (g *h6Gen) payer(p *h6Person, at time.Time) kuzet.Payer {
	dev, ip := p.device, p.homeIP
	if !p.newDeviceAt.IsZero() && !at.Before(p.newDeviceAt) {
		dev = p.newDevice
	}
	if g.chance(0.45) {
		ip = g.ip(h6MobileNet)
	}
	if p.abroadAt(at) {
		ip = fmt.Sprintf(p.travelIPBase, int(p.travelFrom.Unix()%256), 1+g.rng.IntN(254))
	}
	return kuzet.Payer{Account: p.IBAN, Phone: p.Phone, CustomerID: p.CustomerID, DeviceID: dev, IP: ip, Region: p.Region}
}

func (p *h6Person) abroadAt(at time.Time) bool {
	return !p.travelFrom.IsZero() && !at.Before(p.travelFrom) && at.Before(p.travelTo)
}

func (g *h6Gen) channel(p *h6Person, large bool) string {
	switch {
	case large && p.age == 2 && g.chance(0.35), large && g.chance(0.06):
		return "branch"
	case g.chance(0.08):
		if p.channel == "mobile_app" {
			return "internet_banking"
		}
		return "mobile_app"
	}
	return p.channel
}

// personPays records a customer's honest payment.
func (g *h6Gen) personPays(p *h6Person, at time.Time, kind PaymentKind, to *h6Account, how int, units int64) *Payment {
	if kind != H6Salary && p.abroadAt(at) && kind != H6SelfTransfer {
		kind = H6Travel
	}
	return g.pay(at, kind, p.Bank, g.payer(p, at), g.payee(to, how, p.Bank), units, g.channel(p, units >= 500_000))
}

func (g *h6Gen) call(at time.Time, a, b string, ingress kuzet.Ingress, registered, scam bool) {
	if at.Before(g.start) || !at.Before(g.end) {
		return
	}
	g.callSeq++
	member := g.isMember(a)
	foreign := !strings.HasPrefix(a, "+77")
	c := &EventCall{A: a, B: b, At: at, CallID: fmt.Sprintf("h6c-%07d", g.callSeq), Ingress: ingress,
		Registered: registered && member, Foreign: foreign,
		Unverified: !foreign && !(registered && member), FirstTime: true, Scam: scam}
	g.events = append(g.events, Event{At: at, Call: c})
}

// honest writes the customers' own payments, day by day.
func (g *h6Gen) honest() {
	cfg := g.cfg
	for d := range cfg.Days {
		day := g.start.AddDate(0, 0, d)
		wd := day.Weekday()
		boost := 1.0
		switch {
		case d < 5:
			boost = 1.3 // the January sales, gifts exchanged
		case wd == time.Saturday:
			boost = 1.15
		case wd == time.Sunday:
			boost = 0.85
		}
		for _, p := range g.people {
			hours := h6Day
			if p.night {
				hours = h6Owl
			}
			for range g.poisson(p.shopRate * boost) {
				m := g.merchants[p.merchants[g.rng.IntN(len(p.merchants))]]
				if g.chance(0.15) {
					m = g.merchants[g.rng.IntN(len(g.merchants))]
				}
				units := g.lognormal(4500, 0.9, 1)
				if d < 5 && g.chance(0.1) {
					units = g.lognormal(90_000, 0.6, 10) // a TV or a phone on sale
				}
				g.personPays(p, g.at(d, hours), H6Shopping, m, h6ByIBAN, units)
			}
			for range g.poisson(p.famRate * boost) {
				to := p.family[g.rng.IntN(len(p.family))]
				units := g.lognormal(12_000, 0.9, 500)
				g.personPays(p, g.at(d, hours), H6Family, to, []int{h6ByPhone, h6ByPhone, h6ByPhone, h6ByCard}[g.rng.IntN(4)], units)
			}
			for i, u := range p.utilities {
				if day.Day() == p.utilDays[i] {
					units := g.lognormal([]float64{9000, 14000, 22000}[i%3], 0.5, 1)
					g.personPays(p, g.at(d, h6Day), H6Utility, g.utilities[u], h6ByIBAN, units)
				}
			}
			if p.landlord != nil && day.Day() == p.rentDay {
				units := g.lognormal(180_000, 0.3, 5000)
				g.personPays(p, g.at(d, h6Day), H6Rent, p.landlord, []int{h6ByPhone, h6ByCard}[g.rng.IntN(2)], units)
			}
			if p.abroad != nil && g.chance(0.06) {
				t := g.at(d, h6Day)
				if g.chance(0.6) {
					g.call(t.Add(-g.minutes(10, 120)), p.abroad.Phone, p.Phone, kuzet.IngressInternational, false, false)
				}
				g.personPays(p, t, H6Abroad, p.abroad, h6ByCard, g.lognormal(60_000, 0.7, 1000))
			}
			if g.chance(0.03 * boost) {
				g.marketplace(p, d, hours)
			}
			if p.crypto && g.chance(0.12) {
				t := g.people[g.rng.IntN(len(g.people))]
				for !t.trader {
					t = g.people[g.rng.IntN(len(g.people))]
				}
				g.personPays(p, g.at(d, h6Owl), H6Crypto, &t.h6Account, []int{h6ByCard, h6ByPhone}[g.rng.IntN(2)], g.lognormal(150_000, 0.8, 1000))
			}
			if p.trader && g.chance(0.8) {
				// The trader passes the day's takings on: to their own
				// exchange-linked account or to another trader.
				for range 1 + g.rng.IntN(3) {
					to := g.account(-1, p.Region)
					to.Name, to.Short = p.Name, p.Short
					g.personPays(p, g.at(d, h6Owl), H6Crypto, to, h6ByIBAN, g.lognormal(400_000, 0.7, 1000))
				}
			}
			if g.chance(0.0015) {
				g.bigPurchase(p, d)
			}
			if p.second != nil && g.chance(0.015) {
				g.personPays(p, g.at(d, hours), H6SelfTransfer, p.second, h6ByIBAN, g.lognormal(p.income*0.4, 0.6, 1000))
			}
		}
		g.payroll(d)
		for range g.poisson(float64(cfg.Customers) / 800 * boost) {
			g.collection(d)
		}
	}
}

func (g *h6Gen) marketplace(p *h6Person, d int, hours []float64) {
	var seller *h6Account
	if g.chance(0.3) {
		q := g.people[g.rng.IntN(len(g.people))]
		seller = &q.h6Account
	} else {
		seller = g.account(-1, "")
	}
	t := g.at(d, hours)
	if g.chance(0.4) {
		g.call(t.Add(-g.minutes(5, 240)), seller.Phone, p.Phone, kuzet.IngressDomestic, true, false)
	}
	units := g.lognormal(35_000, 0.9, 500)
	g.personPays(p, t, H6Marketplace, seller, []int{h6ByCard, h6ByPhone, h6ByPhone}[g.rng.IntN(3)], units)
	if g.chance(0.1) { // the rest after seeing the goods
		g.personPays(p, t.Add(g.minutes(30, 48*60)), H6Marketplace, seller, h6ByPhone, units*int64(1+g.rng.IntN(3)))
	}
}

func (g *h6Gen) bigPurchase(p *h6Person, d int) {
	seller := g.account(-1, p.Region)
	if g.chance(0.3) {
		seller = g.business("TOO "+[]string{"Avtosalon Astana Motors", "Mebel Lux", "Kolesa Auto", "Stroymarket", "Realty Group"}[g.rng.IntN(5)], p.Region)
	}
	t := g.at(d, h6Work)
	if seller.Phone != "" && g.chance(0.5) {
		g.call(t.Add(-g.minutes(30, 300)), seller.Phone, p.Phone, kuzet.IngressDomestic, true, false)
	}
	units := g.lognormal(max(600_000, p.income*3), 0.7, 10_000)
	g.personPays(p, t, H6Purchase, seller, h6ByIBAN, units)
}

// payroll pays an advance on the 25th and the salary on the 5th to the
// 10th (each employer its own day), on the last working day before.
func (g *h6Gen) payroll(d int) {
	day := g.start.AddDate(0, 0, d)
	if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		return
	}
	staff := map[int][]*h6Person{}
	for _, p := range g.people {
		if p.employer >= 0 {
			staff[p.employer] = append(staff[p.employer], p)
		}
	}
	for i, e := range g.employers {
		salaryDay := 5 + i%6
		share := 0.0
		switch {
		case h6PayDay(day, 25):
			share = 0.4
		case h6PayDay(day, salaryDay):
			share = 0.6
		default:
			continue
		}
		t := g.at(d, h6Work)
		for _, p := range staff[i] {
			t = t.Add(time.Duration(5+g.rng.IntN(40)) * time.Second)
			units := int64(math.Round(p.income*share/100) * 100)
			payer := kuzet.Payer{Account: e.IBAN, Phone: e.Phone, CustomerID: e.CustomerID,
				DeviceID: "h6-biz-token-" + e.CustomerID[len(e.CustomerID)-4:], IP: "95.56.10." + fmt.Sprint(1+i%250), Region: e.Region}
			g.pay(t, H6Salary, e.Bank, payer, g.payee(&p.h6Account, h6ByIBAN, e.Bank), units, "internet_banking")
			// Some move it straight on to their deposit elsewhere.
			if p.second != nil && g.chance(0.35) {
				g.personPays(p, t.Add(g.minutes(20, 600)), H6SelfTransfer, p.second, h6ByIBAN, units*int64(3+g.rng.IntN(6))/10)
			}
		}
	}
}

// h6PayDay reports whether day is when a payment due on dom is made: that
// day, or the Friday before if it falls on a weekend.
func h6PayDay(day time.Time, dom int) bool {
	if day.Day() == dom {
		return true
	}
	if day.Weekday() == time.Friday {
		for k := 1; k <= 2; k++ {
			if day.AddDate(0, 0, k).Day() == dom {
				return true
			}
		}
	}
	return false
}

// collection is a group of people sending to one organiser, who pays the
// total on.
func (g *h6Gen) collection(d int) {
	org := g.people[g.rng.IntN(len(g.people))]
	n := 6 + g.rng.IntN(25)
	per := []int64{2000, 3000, 5000, 5000, 10_000, 20_000}[g.rng.IntN(6)]
	start := g.at(d, h6Day)
	var total int64
	last := start
	for range n {
		p := g.people[g.rng.IntN(len(g.people))]
		if p == org {
			continue
		}
		t := start.Add(g.minutes(0, 3*24*60))
		units := per
		if g.chance(0.2) {
			units = per * int64(1+g.rng.IntN(3))
		}
		if g.personPays(p, t, H6Collection, &org.h6Account, h6ByPhone, units) != nil {
			total += units
		}
		if t.After(last) {
			last = t
		}
	}
	if total == 0 {
		return
	}
	to := g.venues[g.rng.IntN(len(g.venues))]
	if g.chance(0.3) {
		to = g.account(-1, org.Region) // the family of the deceased, the teacher's gift
	}
	t := last.Add(g.minutes(60, 4*24*60))
	if t.Hour() < 8 {
		t = t.Add(9 * time.Hour)
	}
	g.personPays(org, t, H6Payout, to, h6ByIBAN, total)
}

// frauds runs the scams of each day.
func (g *h6Gen) frauds() {
	weights := []float64{22, 10, 14, 20, 9, 13, 12}
	for d := range g.cfg.Days {
		f := 1.05
		switch g.start.AddDate(0, 0, d).Weekday() {
		case time.Saturday:
			f = 0.85
		case time.Sunday:
			f = 0.7
		}
		for range g.poisson(g.cfg.ScamsPerDay * f) {
			scheme := Holdout6Schemes[g.pick(weights)]
			v := g.victim(scheme)
			if v == nil {
				continue
			}
			s := &h6Scam{id: len(g.scams) + 1, scheme: scheme, victim: v}
			g.scams = append(g.scams, s)
			g.runScam(s, d)
			g.report(s)
		}
	}
}

// victim draws a customer, weighted by who each scheme reaches.
func (g *h6Gen) victim(scheme string) *h6Person {
	w := map[string][3]float64{
		H6SafeAccount: {1, 2, 3}, H6PoliceMessage: {0.5, 1.5, 4}, H6SIMTakeover: {1, 1.5, 1.5},
		H6FakeSeller: {3, 2, 0.5}, H6Investment: {2, 3, 1}, H6HackedFriend: {1, 1, 1}, H6UtilityPhish: {0.7, 1.5, 2},
	}[scheme]
	for range 200 {
		p := g.people[g.rng.IntN(len(g.people))]
		if p.victim || p.trader || g.rng.Float64()*4 > w[p.age] {
			continue
		}
		p.victim = true
		return p
	}
	return nil
}

// mule picks a level-1 mule active at t: aged or fresh as asked, rarely a
// listed one.
func (g *h6Gen) mule(t time.Time, aged bool) *h6Mule {
	for range 300 {
		m := g.mules1[g.rng.IntN(len(g.mules1))]
		limit := 3
		if m.aged {
			limit = 8
		}
		if m.from.After(t) || m.uses >= limit || m.aged != aged && g.chance(0.85) {
			continue
		}
		if m.listed && !g.chance(0.15) {
			continue
		}
		m.uses++
		return m
	}
	return g.mules1[g.rng.IntN(len(g.mules1))]
}

// victimPays records the victim's transfer to m and the money's way on.
func (g *h6Gen) victimPays(s *h6Scam, t time.Time, m *h6Mule, how int, units int64, payer kuzet.Payer, channel, name string) {
	v := s.victim
	pe := g.payee(&m.h6Account, how, v.Bank)
	if name != "" {
		pe.Name = name
	}
	if p := g.pay(t, PayScam, v.Bank, payer, pe, units, channel); p != nil {
		p.Scheme, p.ScamID = s.scheme, s.id
	}
	s.payees = append(s.payees, pe)
	s.moves = append(s.moves, h6Move{to: m, units: units, at: t})
	if t.After(s.last) {
		s.last = t
	}
	g.forward(s, m, units, t)
}

// forward moves a mule's takings on as the group does: aged accounts wait
// hours and split, fresh ones empty at once, consolidators send abroad.
func (g *h6Gen) forward(s *h6Scam, m *h6Mule, units int64, t time.Time) {
	if m.level == 1 && g.chance(0.15) || m.level == 2 && g.chance(0.25) {
		s.moves = append(s.moves, h6Move{from: m, units: units, at: t.Add(g.minutes(20, 240)), out: true}) // an ATM
		return
	}
	if m.level == 2 {
		at := t.Add(g.minutes(30, 8*60))
		abroad := g.foreignAccount([]string{"RU", "KG", "UZ", "AE", "TR"}[g.rng.IntN(5)])
		sent := units * int64(95+g.rng.IntN(5)) / 100
		payer := kuzet.Payer{Account: m.IBAN, Phone: m.Phone, CustomerID: m.CustomerID, DeviceID: m.device, IP: m.ip, Region: m.Region}
		if p := g.pay(at, PayMuleForward, m.Bank, payer, g.payee(abroad, h6ByCard, m.Bank), sent, "mobile_app"); p != nil {
			p.ScamID = s.id
		}
		s.moves = append(s.moves, h6Move{from: m, units: sent, at: at, out: true})
		return
	}
	at := t.Add(g.minutes(3, 40))
	parts := 1
	if m.aged {
		at = t.Add(g.minutes(60, 16*60))
		parts = 1 + g.rng.IntN(3)
	}
	left := units * int64(96+g.rng.IntN(5)) / 100
	for i := range parts {
		part := left
		if i < parts-1 {
			part = left * int64(30+g.rng.IntN(40)) / 100
		}
		left -= part
		to := g.mules2[g.rng.IntN(len(g.mules2))] // consolidated by account transfer
		payer := kuzet.Payer{Account: m.IBAN, Phone: m.Phone, CustomerID: m.CustomerID, DeviceID: m.device, IP: m.ip, Region: m.Region}
		if p := g.pay(at, PayMuleForward, m.Bank, payer, g.payee(&to.h6Account, h6ByIBAN, m.Bank), part, "mobile_app"); p != nil {
			p.ScamID = s.id
		}
		s.moves = append(s.moves, h6Move{from: m, to: to, units: part, at: at})
		g.forward(s, to, part, at)
		at = at.Add(g.minutes(3, 90))
	}
}

// scamCall is the fraudster's call as the adversary now makes it, and
// returns the number the victim would remember and whether the exchange
// blocked it (the talk then goes on in a messenger).
func (g *h6Gen) scamCall(t time.Time, v *h6Person) (string, bool) {
	switch r := g.rng.Float64(); {
	case r < 0.6: // a drop's SIM, honestly registered
		a := g.registeredMobile()
		g.call(t, a, v.Phone, kuzet.IngressDomestic, true, true)
		return a, false
	case r < 0.85: // an operator not on the exchange
		a := g.unconnectedMobile()
		g.call(t, a, v.Phone, kuzet.IngressDomestic, false, true)
		return a, false
	default: // the old way, which the exchange blocks: then a messenger
		b := g.c.Banks[g.rng.IntN(len(g.c.Banks))]
		g.call(t, b.Hotline, v.Phone, kuzet.IngressInternational, false, true)
		return b.Hotline, true
	}
}

func (g *h6Gen) runScam(s *h6Scam, d int) {
	v := s.victim
	own := func(t time.Time) kuzet.Payer { return g.payer(v, t) }
	switch s.scheme {
	case H6SafeAccount:
		t := g.at(d, h6Work)
		var blocked bool
		s.channel = "phone_call"
		if s.caller, blocked = g.scamCall(t, v); blocked {
			s.channel = "messenger"
		}
		if g.chance(0.3) { // "the police officer" joins
			g.scamCall(t.Add(g.minutes(10, 40)), v)
		}
		total := g.lognormal(max(300_000, v.income*3), 0.6, 10_000) // savings and a fresh loan
		parts := 1 + g.rng.IntN(4)
		t = t.Add(g.minutes(30, 150))
		for i := range parts {
			m := g.mule(t, g.chance(0.8))
			part := total / int64(parts) * int64(85+g.rng.IntN(30)) / 100
			part = part / 1000 * 1000
			g.victimPays(s, t, m, h6ByIBAN, part, own(t), g.channel(v, false), v.Name)
			if i == 0 && g.chance(0.4) {
				t = t.Add(g.minutes(60, 300)) // to the bank for the loan
			}
			t = t.Add(g.minutes(4, 30))
		}
	case H6PoliceMessage:
		t := g.at(d, h6Work)
		s.channel = "messenger"
		if g.chance(0.3) {
			s.caller, _ = g.scamCall(t.Add(-g.minutes(20, 600)), v)
		}
		for k := range 2 + g.rng.IntN(4) {
			m := g.mule(t, g.chance(0.85))
			units := g.lognormal(max(250_000, v.income*2), 0.5, 5000)
			ch := g.channel(v, true)
			g.victimPays(s, t, m, h6ByIBAN, units, own(t), ch, "")
			if k%2 == 1 {
				t = g.at(min(d+1+g.rng.IntN(2), g.cfg.Days), h6Work)
			} else {
				t = t.Add(g.minutes(20, 180))
			}
		}
	case H6SIMTakeover:
		t := g.at(d, h6Day)
		s.channel = "phone_call"
		s.caller, _ = g.scamCall(t, v)
		t = t.Add(g.minutes(60, 8*60))
		night := g.at(d+1, h6Small)
		if night.After(t) && night.Sub(t) < 20*time.Hour {
			t = night
		}
		dev := g.deviceID()
		if g.chance(0.3) {
			dev = g.handlers[g.rng.IntN(len(g.handlers))][0]
		}
		ip := g.ip(h6MobileNet)
		if g.chance(0.2) {
			ip = g.ip(h6VPNNet)
		}
		balance := g.lognormal(max(80_000, v.income*0.8), 0.6, 1)
		parts := 2 + g.rng.IntN(4)
		how := []int{h6ByCard, h6ByCard, h6ByPhone}[g.rng.IntN(3)]
		for range parts {
			m := g.mule(t, g.chance(0.3))
			units := balance / int64(parts) / 100 * 100
			payer := kuzet.Payer{Account: v.IBAN, Phone: v.Phone, CustomerID: v.CustomerID, DeviceID: dev, IP: ip, Region: v.Region}
			g.victimPays(s, t, m, how, units, payer, "mobile_app", "")
			t = t.Add(g.minutes(1, 12))
		}
	case H6FakeSeller:
		hours := h6Day
		if v.night {
			hours = h6Owl
		}
		t := g.at(d, hours)
		s.channel = "marketplace"
		if g.chance(0.35) {
			s.caller, _ = g.scamCall(t.Add(-g.minutes(5, 180)), v)
		}
		m := g.mule(t, g.chance(0.4))
		units := g.lognormal(60_000, 0.8, 1000)
		how := []int{h6ByCard, h6ByPhone}[g.rng.IntN(2)]
		g.victimPays(s, t, m, how, units, own(t), g.channel(v, false), "")
		if g.chance(0.45) { // "delivery", "insurance"
			t = t.Add(g.minutes(20, 24*60))
			g.victimPays(s, t, m, how, g.lognormal(15_000, 0.5, 500), own(t), g.channel(v, false), "")
		}
	case H6Investment:
		t := g.at(d, h6Day)
		s.channel, s.domain = "web", h6InvestDomains[g.rng.IntN(len(h6InvestDomains))]
		if g.chance(0.4) {
			s.caller = g.foreignPhone([]string{"AE", "AE", "TR", "RU"}[g.rng.IntN(4)])
			g.call(t.Add(-g.minutes(30, 24*60)), s.caller, v.Phone, kuzet.IngressInternational, false, true)
		}
		if g.chance(0.5) {
			s.wallet = g.unique(func() string { return fmt.Sprintf("0x%016x%016x%08x", g.rng.Uint64(), g.rng.Uint64(), g.rng.Uint32()) })
		}
		units := g.lognormal(30_000, 0.4, 1000)
		for range 2 + g.rng.IntN(5) {
			m := g.mule(t, true)
			g.victimPays(s, t, m, h6ByCard, units, own(t), g.channel(v, false), "")
			units = units * int64(130+g.rng.IntN(120)) / 100 / 1000 * 1000
			t = t.Add(time.Duration(g.between(1.5, 6)*24) * time.Hour)
		}
	case H6HackedFriend:
		t := g.at(d, h6Day)
		s.channel = "messenger"
		m := g.mule(t, g.chance(0.3))
		units := g.lognormal(50_000, 0.6, 5000)
		g.victimPays(s, t, m, h6ByCard, units, own(t), g.channel(v, false), "")
		if g.chance(0.2) {
			t = t.Add(g.minutes(10, 120))
			g.victimPays(s, t, g.mule(t, false), h6ByCard, units/2/1000*1000+1000, own(t), g.channel(v, false), "")
		}
	case H6UtilityPhish:
		t := g.at(d, h6Day)
		s.channel, s.domain = "sms", h6UtilDomains[g.rng.IntN(len(h6UtilDomains))]
		m := g.mule(t, g.chance(0.5))
		name := "TOO " + []string{"Teplo Servis", "Energo Oplata", "ERC Kommunal", "Alseko Plus", "KSK Service"}[g.rng.IntN(5)]
		g.victimPays(s, t, m, h6ByIBAN, g.lognormal(24_000, 0.5, 1), own(t), g.channel(v, false), name)
		if g.chance(0.1) {
			t = t.Add(g.minutes(5, 60))
			g.victimPays(s, t, m, h6ByIBAN, g.lognormal(9_000, 0.4, 1), own(t), g.channel(v, false), name)
		}
	}
}

// Sites the victims name.
var (
	h6InvestDomains = []string{"kmg-invest.online", "qazaqinvest-pro.com", "samruk-dividend.site", "kase-capital.top", "astana-trade24.xyz"}
	h6UtilDomains   = []string{"alseco-oplata.top", "erc-kabinet.site", "teplo-dolg.online", "energo-pay.icu", "kommunal-kz.shop"}
)

// report files the victim's report, if they file one in the period.
func (g *h6Gen) report(s *h6Scam) {
	if len(s.moves) == 0 {
		return
	}
	type rule struct {
		p        float64
		min, max float64 // hours after the last payment
	}
	r := map[string]rule{
		H6SafeAccount: {0.85, 1, 72}, H6PoliceMessage: {0.8, 12, 240}, H6SIMTakeover: {0.9, 5, 40},
		H6FakeSeller: {0.55, 12, 120}, H6Investment: {0.6, 240, 960}, H6HackedFriend: {0.7, 2, 30},
		H6UtilityPhish: {0.45, 24, 360},
	}[s.scheme]
	if !g.chance(r.p) {
		return
	}
	at := s.last.Add(time.Duration(g.between(r.min, r.max) * float64(time.Hour)))
	if h := at.Hour(); h < 9 || h > 19 {
		at = time.Date(at.Year(), at.Month(), at.Day(), 9+g.rng.IntN(9), g.rng.IntN(60), 0, 0, at.Location()).AddDate(0, 0, 1)
	}
	if !at.Before(g.end) {
		return
	}
	v := s.victim
	rep := &Report{ScamID: s.id, Victim: kuzet.Victim{Name: v.Name, Phone: v.Phone, Region: v.Region},
		Channel: s.channel, Scheme: s.scheme, Description: h6Descriptions[s.scheme], Currency: "KZT",
		Hops: map[string]Hop{}}
	received := map[*h6Mule]int64{}
	sent := map[*h6Mule]int64{}
	var order []*h6Mule
	for _, m := range s.moves {
		if m.at.After(at) {
			continue
		}
		if m.from == nil {
			rep.AmountLost += kuzet.Amount(m.units * 100)
			rep.Transfers = append(rep.Transfers, kuzet.Transfer{FromBankBIC: g.c.Banks[v.Bank].BIC, ToIBAN: m.to.IBAN,
				ToBankBIC: g.c.Banks[m.to.Bank].BIC, Amount: kuzet.Amount(m.units * 100), At: m.at})
		} else {
			sent[m.from] += m.units
		}
		if m.to != nil {
			if _, ok := received[m.to]; !ok {
				order = append(order, m.to)
			}
			received[m.to] += m.units
		}
	}
	for _, m := range order {
		hop := Hop{BankBIC: g.c.Banks[m.Bank].BIC, Frozen: kuzet.Amount(max(0, received[m]-sent[m]) * 100)}
		for _, mv := range s.moves {
			if mv.from == m && mv.to != nil && !mv.at.After(at) {
				hop.Onward = append(hop.Onward, kuzet.Transfer{FromBankBIC: hop.BankBIC, ToIBAN: mv.to.IBAN,
					ToBankBIC: g.c.Banks[mv.to.Bank].BIC, Amount: kuzet.Amount(mv.units * 100), At: mv.at})
			}
		}
		rep.Hops[m.IBAN] = hop
	}
	// What the victim remembers, as they give it.
	if s.caller != "" {
		rep.Indicators = append(rep.Indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(s.caller)})
	}
	seen := map[string]bool{}
	for _, pe := range s.payees {
		var ind kuzet.Indicator
		switch {
		case pe.Card != "":
			ind = kuzet.Indicator{Kind: kuzet.KindCard, Value: h6Spaced(pe.Card, 4)}
		case pe.Phone != "":
			ind = kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(pe.Phone)}
		default:
			ind = kuzet.Indicator{Kind: kuzet.KindIBAN, Value: pe.IBAN}
		}
		if !seen[ind.Value] && g.chance(0.9) {
			seen[ind.Value] = true
			rep.Indicators = append(rep.Indicators, ind)
		}
	}
	if s.domain != "" {
		rep.Indicators = append(rep.Indicators, kuzet.Indicator{Kind: kuzet.KindDomain, Value: s.domain})
	}
	if s.wallet != "" {
		rep.Indicators = append(rep.Indicators, kuzet.Indicator{Kind: kuzet.KindWallet, Value: s.wallet})
	}
	g.events = append(g.events, Event{At: at, Report: rep})
}

// messy writes a KZ number as people type it; foreign ones stay E.164.
func (g *h6Gen) messy(e164 string) string {
	if !strings.HasPrefix(e164, "+77") {
		return e164
	}
	d := strings.TrimPrefix(e164, "+7")
	switch g.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("8 (%s) %s-%s-%s", d[:3], d[3:6], d[6:8], d[8:])
	case 1:
		return "8" + d
	case 2:
		return fmt.Sprintf("+7 %s %s %s %s", d[:3], d[3:6], d[6:8], d[8:])
	}
	return e164
}

var h6Descriptions = map[string]string{
	H6SafeAccount:   "A caller from the bank's security service said a loan was being taken in my name and told me to move my savings and a new loan to a protected account in my name.",
	H6PoliceMessage: "A police officer on a WhatsApp video call said my accounts were used to finance crime and that I must transfer the money for a check; I paid several times over days.",
	H6SIMTakeover:   "A caller from my mobile operator said my SIM contract was expiring and asked for the code from an SMS; at night my account was emptied.",
	H6FakeSeller:    "I paid a prepayment to a seller from an online listing and then a delivery fee; the seller stopped answering.",
	H6Investment:    "I invested through a platform advertised with officials in a video; a personal manager had me top up several times to cards of traders and I cannot withdraw.",
	H6HackedFriend:  "A friend wrote on WhatsApp asking to borrow money until tomorrow and sent a card number; her account had been hacked.",
	H6UtilityPhish:  "An SMS said I owed for heating and would be disconnected; I paid the bill on the site from the link.",
}
