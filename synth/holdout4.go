// Holdout4 is a payment world written without looking at kuzet's payment
// rules or at the other simulations, to judge the rules on data nobody tuned
// them to. This is the picture of retail payments in Kazakhstan in 2026 it
// is drawn from.
//
// People. Three thousand customers of the eight banks, spread over the
// regions by population, all on UTC+5 since the 2024 clock change. Nearly
// half bank with Kaspi, a quarter with Halyk; almost half keep a second
// bank. They pay from the banks' phone apps (older people also from
// internet banking and the branch), mostly person to person by phone
// number, by card or by IBAN, and at small shops by QR code. Each person
// has a pace (a pensioner pays a few times a week, a student several times
// a day), a typical transfer tied to income, hours (some live at night: shift
// workers, gamers, students), relatives and friends they pay again and
// again, favourite shops, monthly bills, perhaps rent, an employer that
// pays a salary once or twice a month, and savings.
//
// Honest behaviour that looks like fraud. Many honest payments go to
// someone new right after a phone call: the seller of a used phone or a
// car found on a marketplace, a plumber, a tutor, a new landlord and the
// realtor. Families send money abroad (students in Korea and the Czech
// Republic, migrants' families in Uzbekistan, relatives in Russia) after
// a call from a foreign number, at night when time zones say so. Class
// funds, wedding and funeral gifts and fundraisers for a sick child make
// dozens of strangers pay one person's card within a day, and that person
// then pays the total on, to a restaurant or a clinic abroad: the very
// shape of a mule. People move savings to their own deposit at another
// bank, sometimes a freshly opened one; buy crypto from P2P traders at any
// hour; lend a friend a large sum; pay a car dealer millions in two or
// three chunks because of limits; small business owners pay their staff
// by phone. Some change their phone, some travel and pay from a Turkish or
// Emirati IP, and a grandchild now and then logs in to a grandmother's app
// from their own phone. The bank itself calls customers from its hotline.
// March 8 and Nauryz swell the gifts.
//
// The adversary knows that a national exchange blocks spoofed calls, warns
// about calls from abroad and checks payees against reported mule accounts.
// So the gangs of this world mostly call from real domestic SIMs, rotated
// every day or two, or from an operator not connected to the exchange, or
// reach people by messenger; a few still try a spoofed hotline, get blocked,
// and follow up by WhatsApp. They pay to accounts rented from real young
// people with years of honest history, to fresh drops, to sole-proprietor
// accounts that look like shops, to a "safe account" opened remotely in the
// victim's own name, and through P2P crypto traders whom honest people pay
// too. They keep amounts near the victim's habit where they control the
// payment, split large sums, and leave minutes to hours between contact and
// payment. The schemes, and how often each occurs:
//
//   - safe account (18%): "bank security" or "the financial police" call;
//     the victim moves savings, in chunks, to an account in their own name
//     at another bank, or to a "reserve account"; sometimes a second wave
//     the next day after another call.
//   - relative by messenger (12%): a hijacked WhatsApp of a son or a niece
//     asks for money to a friend's card; no call at all.
//   - remote access (10%): "your SIM contract expires" or "your parcel";
//     the victim installs a screen-sharing app and the gang pays from the
//     victim's own phone, many payments of the victim's usual size.
//   - account takeover (12%): an SMS code talked out of the victim; the
//     gang logs in from its own device through a domestic proxy, often at
//     night, and pays several mules.
//   - investment (10%): an advert for uranium shares or an AI trading bot;
//     growing deposits over days to shop-like accounts, traders and rented
//     accounts; reported late, if at all within the month.
//   - fake seller (14%) and fake landlord (6%): the marketplace twins of
//     the honest purchases above, with a call from the seller's real SIM.
//   - loan fees (8%): someone looking for a loan pays "insurance" and
//     "verification" fees that grow, mostly by QR to shop-like accounts.
//   - fake shop (10%): an Instagram shop paid by QR; rarely reported.
//
// Mules move the money on: rented accounts keep a cut and forward within
// hours (their owner from their own phone, or the gang from its device),
// drops and the safe accounts within minutes, to a second tier, to P2P
// traders, to IBANs abroad, or out of an ATM. Each forward is a payment of
// money the account received for that scam, and none is made after the
// victim's report (the bank would freeze it). Most victims report, after a
// delay that depends on the scheme; the report names the numbers, cards
// and accounts as the victim saw them, the victim's transfers, and where
// the money went by then. Banks had reported some of the mule accounts in
// earlier waves, along with old ones no longer used and two P2P traders.

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

// Holdout4Config sets up Holdout4. Zero fields take the defaults in
// brackets.
type Holdout4Config struct {
	Seed        uint64
	Start       time.Time // the first day, from its midnight in Kazakhstan [Monday 2 March 2026]
	Days        int       // [28]
	Customers   int       // people with an account [3,000]
	ScamsPerDay float64   // [15]
	WarmupDays  int       // days that only build habits [7; a quarter of Days when Days ≤ 7]
	Employers   int       // companies paying salaries [Customers/50]
	Merchants   int       // small shops paid by QR [Customers/8]
	Mules       int       // first-tier mule accounts of all gangs [Customers/40]
	// ListedMules is the share of the first-tier drops the registry knows
	// from the start [0.2].
	ListedMules float64
}

// Honest payment kinds of Holdout4. Scam payments are PayScam and mules'
// forwards PayMuleForward.
const (
	H4Family      PaymentKind = "h4_family"            // to relatives and friends paid before
	H4Payback     PaymentKind = "h4_payback"           // small sums to someone new: a driver, a stall, a share of a bill
	H4QR          PaymentKind = "h4_qr"                // QR payments to small shops and cafés
	H4Bills       PaymentKind = "h4_bills"             // utilities, telecom, kindergarten
	H4Rent        PaymentKind = "h4_rent"              // to the landlord; a deposit and a realtor's fee on moving
	H4Seller      PaymentKind = "h4_seller"            // a private seller from a marketplace, often after a call
	H4Service     PaymentKind = "h4_service"           // a craftsman or tutor, often new, after a call
	H4Abroad      PaymentKind = "h4_abroad"            // family abroad, often after a call from abroad
	H4BigPurchase PaymentKind = "h4_big_purchase"      // a car, a flat's deposit: large, rare, split by limits
	H4OwnAccount  PaymentKind = "h4_own_account"       // to one's own account or new deposit at another bank
	H4Salary      PaymentKind = "h4_salary"            // employers' payroll
	H4Staff       PaymentKind = "h4_staff"             // a sole proprietor paying staff by phone
	H4Collection  PaymentKind = "h4_collection"        // many contributors to one collector
	H4Payout      PaymentKind = "h4_collection_payout" // the collector paying the total on
	H4Crypto      PaymentKind = "h4_crypto_p2p"        // buying crypto from a P2P trader
	H4Loan        PaymentKind = "h4_loan"              // lending a friend a large sum
)

// Scam schemes of Holdout4; the package comment describes them.
const (
	H4SafeAccount  = "h4_safe_account"
	H4Relative     = "h4_relative_messenger"
	H4RemoteAccess = "h4_remote_access"
	H4Takeover     = "h4_account_takeover"
	H4Investment   = "h4_investment"
	H4FakeSeller   = "h4_fake_seller"
	H4FakeRent     = "h4_fake_rent"
	H4LoanFee      = "h4_loan_fee"
	H4FakeShop     = "h4_fake_shop"
)

// Holdout4Kinds lists every payment kind of Holdout4, honest ones first.
var Holdout4Kinds = []PaymentKind{H4Family, H4Payback, H4QR, H4Bills, H4Rent, H4Seller, H4Service, H4Abroad,
	H4BigPurchase, H4OwnAccount, H4Salary, H4Staff, H4Collection, H4Payout, H4Crypto, H4Loan, PayScam, PayMuleForward}

// Holdout4Schemes lists the scam schemes of Holdout4.
var Holdout4Schemes = []string{H4SafeAccount, H4Relative, H4RemoteAccess, H4Takeover, H4Investment,
	H4FakeSeller, H4FakeRent, H4LoanFee, H4FakeShop}

// h4SchemeWeights is how often each scheme of Holdout4Schemes occurs.
var h4SchemeWeights = []float64{18, 12, 10, 12, 10, 14, 6, 8, 10}

// h4Zone is Kazakhstan's single time zone since March 2024.
var h4Zone = time.FixedZone("KZT", 5*60*60)

// Holdout4 returns the payment world of cfg. It draws only from cfg.Seed,
// never from c's own random state, so the same seed gives the same world.
func (c *Country) Holdout4(cfg Holdout4Config) *PaymentWorld {
	cfg = cfg.withDefaults()
	g := &h4Gen{
		c:     c,
		cfg:   cfg,
		r:     rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x686f6c646f757434)),
		start: cfg.Start,
		end:   cfg.Start.AddDate(0, 0, cfg.Days),
		taken: map[string]bool{},
	}
	g.setup()
	for d := range cfg.Days {
		g.day(d)
	}
	for d := range cfg.Days {
		for range g.poisson(cfg.ScamsPerDay * h4ScamDayFactor(g.start.AddDate(0, 0, d).Weekday())) {
			g.scam(d, Holdout4Schemes[g.wpick(h4SchemeWeights)])
		}
	}
	evs := slices.DeleteFunc(g.evs, func(e Event) bool { return e.At.Before(g.start) || !e.At.Before(g.end) })
	slices.SortStableFunc(evs, func(a, b Event) int { return a.At.Compare(b.At) })
	seen := map[[2]string]bool{}
	for _, e := range evs {
		if e.Call != nil {
			k := [2]string{e.Call.A, e.Call.B}
			e.Call.FirstTime = !seen[k]
			seen[k] = true
		}
	}
	return &PaymentWorld{
		Config: PaymentConfig{Seed: cfg.Seed, Start: cfg.Start, Days: cfg.Days, Customers: cfg.Customers,
			Employers: cfg.Employers, Merchants: cfg.Merchants, Mules: cfg.Mules, ScamsPerDay: cfg.ScamsPerDay,
			ListedMules: cfg.ListedMules},
		Events:   evs,
		Listed:   g.listed,
		EvalFrom: cfg.Start.AddDate(0, 0, cfg.WarmupDays),
	}
}

func (cfg Holdout4Config) withDefaults() Holdout4Config {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2026, 3, 2, 0, 0, 0, 0, h4Zone)
	} else {
		y, m, d := cfg.Start.In(h4Zone).Date()
		cfg.Start = time.Date(y, m, d, 0, 0, 0, 0, h4Zone)
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
	if cfg.WarmupDays >= cfg.Days {
		cfg.WarmupDays = cfg.Days / 4
	}
	if cfg.Employers <= 0 {
		cfg.Employers = max(3, cfg.Customers/50)
	}
	if cfg.Merchants <= 0 {
		cfg.Merchants = max(20, cfg.Customers/8)
	}
	if cfg.Mules <= 0 {
		cfg.Mules = max(24, cfg.Customers/40)
	}
	if cfg.ListedMules <= 0 {
		cfg.ListedMules = 0.2
	}
	return cfg
}

// h4ScamDayFactor spreads scams over the week: call centres work weekdays.
func h4ScamDayFactor(w time.Weekday) float64 {
	if w == time.Saturday || w == time.Sunday {
		return 0.8
	}
	return 1.08
}

// h4Via is how a payer names a payee.
type h4Via uint8

const (
	h4ViaPhone h4Via = iota
	h4ViaCard
	h4ViaIBAN
	h4ViaAccount // a merchant's account, as a QR code carries it
)

// h4Acct is an account that receives money, with every identifier a payer
// might use for it.
type h4Acct struct {
	bank    int    // index in Country.Banks; -1 abroad
	bic     string // "" for a foreign card or phone
	iban    string
	card    string
	phone   string
	account string // a merchant's QR account number
	short   string // as a transfer screen shows it: "Айгерим С."
	full    string // the name on the account
}

// payee returns how a payer paying a via v fills the check.
func (a *h4Acct) payee(v h4Via) kuzet.Payee {
	p := kuzet.Payee{BankBIC: a.bic}
	switch v {
	case h4ViaPhone:
		p.Phone, p.Name = a.phone, a.short
	case h4ViaCard:
		p.Card, p.Name = a.card, a.short
	case h4ViaIBAN:
		p.IBAN, p.Name = a.iban, a.full
	case h4ViaAccount:
		p.Account, p.Name = a.account, a.full
	}
	return p
}

// h4Contact is someone a person pays by a fixed habit.
type h4Contact struct {
	acct *h4Acct
	via  h4Via
}

type h4Bill struct {
	acct   *h4Acct
	day    int // of the month
	amount float64
}

type h4Abroad struct {
	acct    *h4Acct // a relative's card, phone or IBAN abroad
	via     h4Via
	perDay  float64
	amount  float64
	nightly bool // a time zone that makes them call at night
}

type h4Employer struct {
	acct          *h4Acct
	cust, device  string
	ip, region    string
	payday, early int // days of the month; early is 0 for one payment a month
	staff         []*h4Person
}

type h4Person struct {
	first, last string
	female      bool
	age         int
	region      int
	phone       string
	banks       []int // the first is the main bank
	accts       []*h4Acct
	custs       []string
	devices     []string
	newDevices  []string // after newDeviceAt
	newDeviceAt time.Time
	helper      string // a grandchild's phone that sometimes logs in
	homeIP      string
	mobileIP    string // the operator's address prefix
	tripFrom    time.Time
	tripTo      time.Time
	tripIP      string
	rate        float64 // everyday payments a day
	p2p         float64 // a typical transfer to someone close
	income      float64 // a month
	savings     float64
	night       bool
	mix         []float64 // family, payback, QR, crypto
	contacts    []h4Contact
	favourites  []*h4Acct
	bills       []h4Bill
	rent        float64
	rentDay     int
	landlord    h4Contact
	moveDay     int // the day of the period they move, -1 if they do not
	salary      float64
	abroad      *h4Abroad
	staff       []h4Contact
	ownDay      int // day of the month savings go to the own account, 0 if never
	own         *h4Acct
	crypto      bool
	mule        bool
	victim      bool
}

func (p *h4Person) elderly() bool { return p.age >= 60 }

// h4Role is what a mule account is to the gang.
type h4Role uint8

const (
	h4Rented   h4Role = iota // a real person's aged account, rented out
	h4Drop                   // a fresh account opened for the gang
	h4Merchant               // a sole proprietor's account that looks like a shop
	h4OwnName                // opened remotely in the victim's own name
	h4Tier2                  // a second-tier drop
	h4Trader                 // a P2P crypto trader, paid by honest people too
	h4Foreign                // an IBAN abroad: the money leaves
)

type h4Mule struct {
	acct     *h4Acct
	role     h4Role
	owner    *h4Person
	cust     string
	device   string
	ipPrefix string
	region   string
	from, to time.Time // when the gang uses it
}

// h4Gang is a fraud group: its SIMs, devices and mules.
type h4Gang struct {
	sims      map[int]string
	simLife   float64   // days a SIM lives
	lanes     int       // SIMs in use at once
	callMix   []float64 // domestic SIM, unconnected SIM, foreign number, spoof attempt
	devices   []string  // the gang's own phones and emulators
	pools     map[h4Role][]*h4Mule
	foreignCC []string
}

type h4Flow struct {
	from, to *h4Mule // from is nil for the victim's payment, to nil for an ATM withdrawal
	amount   float64
	at       time.Time
	ev       int // index of its payment in the scam's events; -1 for a withdrawal
}

type h4Scam struct {
	id      int
	scheme  string
	victim  *h4Person
	gang    *h4Gang
	evs     []Event
	flows   []h4Flow
	inds    []kuzet.Indicator
	channel string
	desc    string
}

type h4Gen struct {
	c          *Country
	cfg        Holdout4Config
	r          *rand.Rand
	start, end time.Time
	evs        []Event
	taken      map[string]bool
	nPay       int
	nCall      int
	nCust      int
	nScam      int
	people     []*h4Person
	merchants  []*h4Acct
	mRegion    []int
	billers    []*h4Acct
	employers  []*h4Employer
	traders    []*h4Mule
	gangs      []*h4Gang
	collect    []h4Collection
	listed     []Submission
}

type h4Collection struct {
	day       int
	kind      int // 0 class fund, 1 wedding or funeral, 2 fundraiser
	collector *h4Person
	acct      *h4Acct // the collector's card or phone as announced
	via       h4Via
}

// Randomness.

func (g *h4Gen) f() float64            { return g.r.Float64() }
func (g *h4Gen) n(k int) int           { return g.r.IntN(k) }
func (g *h4Gen) chance(p float64) bool { return g.r.Float64() < p }
func (g *h4Gen) logn(median, sigma float64) float64 {
	return median * math.Exp(sigma*g.r.NormFloat64())
}
func (g *h4Gen) uniform(a, b float64) float64 { return a + (b-a)*g.r.Float64() }

// minutes returns a duration between a and b minutes.
func (g *h4Gen) minutes(a, b float64) time.Duration {
	return time.Duration(g.uniform(a, b) * float64(time.Minute))
}

func (g *h4Gen) wpick(w []float64) int {
	t := 0.0
	for _, x := range w {
		t += x
	}
	x := g.f() * t
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	return len(w) - 1
}

func (g *h4Gen) poisson(l float64) int {
	if l <= 0 {
		return 0
	}
	if l > 30 {
		return max(0, int(math.Round(l+math.Sqrt(l)*g.r.NormFloat64())))
	}
	L, k, p := math.Exp(-l), 0, 1.0
	for {
		p *= g.f()
		if p < L {
			return k
		}
		k++
	}
}

func h4Round(x, step float64) float64 { return math.Max(step, math.Round(x/step)*step) }

func h4Clamp(x, lo, hi float64) float64 { return math.Min(hi, math.Max(lo, x)) }

// h4If returns a if cond holds, else b.
func h4If(cond bool, a, b float64) float64 {
	if cond {
		return a
	}
	return b
}

// roundAmount rounds a transfer the way people type it.
func (g *h4Gen) roundAmount(x float64) float64 {
	switch {
	case x >= 100_000:
		return h4Round(x, []float64{1000, 5000, 10000}[g.n(3)])
	case x >= 5000 && g.chance(0.75):
		return h4Round(x, []float64{500, 1000}[g.n(2)])
	case x >= 500:
		return h4Round(x, 100)
	}
	return math.Max(100, math.Round(x))
}

// Hours of the day, weighted.
var (
	h4DayHours   = []float64{.3, .15, .08, .05, .05, .1, .4, 1, 1.8, 2.5, 3, 3.3, 3.8, 3.8, 3.4, 3.3, 3.4, 3.8, 4.3, 4.6, 4.4, 3.6, 2.4, 1.2}
	h4NightHours = []float64{2.5, 2.2, 1.8, 1.2, .6, .3, .2, .3, .5, .8, 1.2, 1.6, 2, 2.2, 2.2, 2.2, 2.4, 2.6, 3, 3.4, 3.8, 4, 4, 3.4}
	h4WorkHours  = []float64{0, 0, 0, 0, 0, 0, 0, 0, .5, 2, 3, 3, 2.5, 2.5, 3, 3, 2.5, 2, 1.5, 1, .6, .3, 0, 0}
)

// at returns a moment of day d drawn from the hours' weights.
func (g *h4Gen) at(d int, hours []float64) time.Time {
	h := g.wpick(hours)
	return g.start.AddDate(0, 0, d).Add(time.Duration(h)*time.Hour + time.Duration(g.n(3600))*time.Second)
}

// awake moves a moment between midnight and eight to the morning: when a
// victim, not a gang, makes the payment.
func (g *h4Gen) awake(t time.Time) time.Time {
	if t.Hour() >= 8 {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 8+g.n(3), g.n(60), g.n(60), 0, h4Zone)
}

func (g *h4Gen) hoursOf(p *h4Person) []float64 {
	if p.night {
		return h4NightHours
	}
	return h4DayHours
}

// Names and places.

var (
	h4MaleNames = []string{"Айдос", "Ерлан", "Нурлан", "Асхат", "Данияр", "Ержан", "Бауыржан", "Арман", "Марат",
		"Серик", "Тимур", "Алишер", "Руслан", "Дамир", "Санжар", "Жандос", "Азамат", "Ильяс", "Куаныш", "Максат",
		"Дмитрий", "Сергей", "Андрей", "Алексей", "Владимир", "Олег", "Рустам", "Бахтияр", "Нуржан", "Есет"}
	h4FemaleNames = []string{"Айгерим", "Динара", "Гульнара", "Асель", "Жанар", "Сауле", "Меруерт", "Айжан", "Алия",
		"Камила", "Дана", "Жулдыз", "Гульмира", "Салтанат", "Томирис", "Ботагоз", "Мадина", "Анна", "Елена",
		"Ольга", "Наталья", "Татьяна", "Ирина", "Айнур", "Назира", "Зарина", "Акмарал", "Лаура"}
	h4Surnames = []string{"Нурланов", "Ахметов", "Жумабаев", "Касымов", "Омаров", "Искаков", "Садыков",
		"Бекмуханов", "Абдрахманов", "Тулегенов", "Смагулов", "Есенов", "Кенжебаев", "Мукашев", "Иванов",
		"Петров", "Ким", "Пак", "Шевченко", "Юсупов", "Рахимов", "Алиев", "Байжанов", "Утепов", "Сарсенбаев",
		"Жаксылыков", "Оспанов", "Калиев", "Мусин", "Ермеков", "Турсынов", "Исмаилов", "Цой", "Кузнецов"}
	h4ShopKinds = []string{"Магазин", "Кафе", "Аптека", "Цветы", "Шиномонтаж", "Салон красоты", "Автомойка",
		"Пекарня", "Химчистка", "Фрукты-овощи", "Мясной", "Канцтовары"}
	h4Words = []string{"Береке", "Достык", "Асем", "Нур", "Алтын", "Самал", "Жулдыз", "Арай", "Ырыс", "Мерей",
		"Шапагат", "Бриз", "Орион", "Сапа", "Жанар"}
	h4CompanyKinds = []string{"Строй", "Логистик", "Трейд", "Сервис", "Агро", "Мунай", "Медикал", "Энерго",
		"Дистрибьюшн", "Транс", "Фуд", "Консалт"}
)

type h4Region struct {
	name   string
	weight float64
	rent   float64 // a month for a one-room flat, KZT
	south  bool    // close to Uzbekistan and Kyrgyzstan
}

var h4Regions = []h4Region{
	{"Almaty", 11, 260000, true}, {"Astana", 8, 230000, false}, {"Shymkent", 6, 150000, true},
	{"Almaty Region", 7, 120000, true}, {"Turkestan Region", 9, 90000, true}, {"Karaganda Region", 5.5, 110000, false},
	{"East Kazakhstan Region", 3.5, 100000, false}, {"Abai Region", 3, 90000, false},
	{"Zhambyl Region", 6, 90000, true}, {"Aktobe Region", 4.5, 120000, false}, {"Kostanay Region", 4, 100000, false},
	{"Pavlodar Region", 3.8, 100000, false}, {"Atyrau Region", 3.5, 180000, false},
	{"Mangystau Region", 4, 170000, false}, {"West Kazakhstan Region", 3.4, 110000, false},
	{"North Kazakhstan Region", 2.7, 80000, false}, {"Akmola Region", 3.9, 90000, false},
	{"Kyzylorda Region", 4, 90000, true}, {"Zhetysu Region", 3.5, 80000, true}, {"Ulytau Region", 1.1, 90000, false},
}

func (g *h4Gen) regionWeights() []float64 {
	w := make([]float64, len(h4Regions))
	for i, r := range h4Regions {
		w[i] = r.weight
	}
	return w
}

// Address prefixes: the mobile operators', the fixed-line broadband's,
// abroad (Turkey, the Emirates, Georgia, Thailand, Korea) and hosting.
var (
	h4MobileIP  = [][]string{{"2.132", "2.133", "2.134"}, {"5.76", "5.251", "178.89"}, {"37.151", "92.47", "185.98"}}
	h4HomeIP    = []string{"95.56", "178.91", "37.150", "92.46", "89.218", "188.0"}
	h4TripIP    = []string{"88.230", "94.200", "31.146", "49.228", "211.36"}
	h4HostingIP = []string{"45.137", "91.243", "193.233", "146.70"}
)

func (g *h4Gen) ip(prefix string) string {
	return fmt.Sprintf("%s.%d.%d", prefix, g.n(256), 1+g.n(254))
}

func (g *h4Gen) name(female bool) (first, last string) {
	last = h4Surnames[g.n(len(h4Surnames))]
	if female {
		first = h4FemaleNames[g.n(len(h4FemaleNames))]
		if strings.HasSuffix(last, "ов") || strings.HasSuffix(last, "ев") || strings.HasSuffix(last, "ин") {
			last += "а"
		}
	} else {
		first = h4MaleNames[g.n(len(h4MaleNames))]
	}
	return first, last
}

func h4Short(first, last string) string {
	return first + " " + string([]rune(last)[:1]) + "."
}

// Identifiers.

// mobile returns a new domestic mobile number: of an operator connected to
// the exchange, or with chance unconnected, of one that is not.
func (g *h4Gen) mobile(unconnected float64) (string, bool) {
	for {
		tels, izi := g.c.Telcos, false
		if len(g.c.Unconnected) > 0 && g.chance(unconnected) {
			tels, izi = g.c.Unconnected, true
		}
		t := tels[g.n(len(tels))]
		n := fmt.Sprintf("+%s%07d", t.Prefixes[g.n(len(t.Prefixes))], g.n(10_000_000))
		if !g.taken[n] {
			g.taken[n] = true
			return n, izi
		}
	}
}

func (g *h4Gen) kzIBAN(bank int) string {
	for {
		var acct string
		if g.chance(0.4) {
			acct = fmt.Sprintf("KZT%010d", g.r.Int64N(1e10))
		} else {
			acct = fmt.Sprintf("%013d", g.r.Int64N(1e13))
		}
		s := KZIBAN(g.c.Banks[bank].BankCode, acct)
		if !g.taken[s] {
			g.taken[s] = true
			return s
		}
	}
}

// h4IBAN returns an IBAN of country cc with check digits for bban.
func h4IBAN(cc, bban string) string {
	var digits strings.Builder
	for _, r := range bban + cc + "00" {
		if r >= 'A' && r <= 'Z' {
			fmt.Fprintf(&digits, "%d", r-'A'+10)
		} else {
			digits.WriteRune(r)
		}
	}
	n, _ := new(big.Int).SetString(digits.String(), 10)
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("%s%02d%s", cc, check, bban)
}

// foreignIBAN returns an IBAN of a bank in cc (GE, TR, AE, DE or CZ) and the
// bank's BIC.
func (g *h4Gen) foreignIBAN(cc string) (string, string) {
	switch cc {
	case "GE":
		if g.chance(0.5) {
			return h4IBAN("GE", fmt.Sprintf("BG%016d", g.r.Int64N(1e16))), "BAGAGE22"
		}
		return h4IBAN("GE", fmt.Sprintf("TB%016d", g.r.Int64N(1e16))), "TBCBGE22"
	case "TR":
		return h4IBAN("TR", fmt.Sprintf("000100%016d", g.r.Int64N(1e16))), "TCZBTR2A"
	case "AE":
		return h4IBAN("AE", fmt.Sprintf("033%016d", g.r.Int64N(1e16))), "BOMLAEAD"
	case "DE":
		return h4IBAN("DE", fmt.Sprintf("10070000%010d", g.r.Int64N(1e10))), "DEUTDEBB"
	}
	return h4IBAN("CZ", fmt.Sprintf("0800%016d", g.r.Int64N(1e16))), "GIBACZPX"
}

// h4Bins are card BINs by bank index; the rest of the world's are below.
var h4Bins = [][]string{{"440043", "400303"}, {"440563", "521324"}, {"404932", "535614"}, {"427406", "510145"},
	{"220070", "539545"}, {"548601", "415482"}, {"450664"}, {"477964"}}

func (g *h4Gen) card(bins []string) string {
	for {
		body := bins[g.n(len(bins))] + fmt.Sprintf("%09d", g.n(1e9))
		s := body + string(luhnDigit(body))
		if !g.taken[s] {
			g.taken[s] = true
			return s
		}
	}
}

func (g *h4Gen) kzCard(bank int) string {
	if bank < len(h4Bins) {
		return g.card(h4Bins[bank])
	}
	return g.card([]string{"440043"})
}

// foreignPhone returns a valid mobile number of country cc.
func (g *h4Gen) foreignPhone(cc string) string {
	switch cc {
	case "RU":
		return fmt.Sprintf("+79%02d%07d", []int{16, 26, 85, 99, 1, 3, 77}[g.n(7)], g.n(1e7))
	case "UZ":
		return fmt.Sprintf("+998%d%07d", []int{90, 91, 93, 94, 97, 99}[g.n(6)], g.n(1e7))
	case "KG":
		return fmt.Sprintf("+996%d%06d", []int{555, 700, 777, 550}[g.n(4)], g.n(1e6))
	case "KR":
		return fmt.Sprintf("+8210%d%07d", 2+g.n(8), g.n(1e7))
	case "TR":
		return fmt.Sprintf("+90%d%07d", []int{532, 505, 555, 542}[g.n(4)], g.n(1e7))
	case "CZ":
		return fmt.Sprintf("+420%d%06d", []int{602, 603, 777, 731}[g.n(4)], g.n(1e6))
	case "DE":
		return fmt.Sprintf("+49%d%08d", []int{151, 160, 170, 176}[g.n(4)], g.n(1e8))
	case "US":
		return fmt.Sprintf("+1%d%d%02d%04d", []int{212, 617, 312, 415}[g.n(4)], 2+g.n(8), g.n(100), g.n(1e4))
	}
	return fmt.Sprintf("+447%d%08d", []int{4, 5, 8, 9}[g.n(4)], g.n(1e8))
}

var h4ForeignBins = map[string][]string{
	"RU": {"220220", "220015"}, "UZ": {"860002", "986001"}, "KG": {"417630", "526940"},
	"KR": {"457972", "540926"}, "TR": {"454360", "540667"}, "US": {"414720", "517805"},
}

func (g *h4Gen) bank() int {
	w := make([]float64, len(g.c.Banks))
	for i := range w {
		w[i] = 3
		if i < 8 {
			w[i] = []float64{46, 24, 7, 6, 6, 6, 3, 2}[i]
		}
	}
	return g.wpick(w)
}

// acct opens an account at bank for a person; a new number when phone is
// "".
func (g *h4Gen) acct(bank int, first, last, phone string) *h4Acct {
	a := g.named(bank, h4Short(first, last), last+" "+first)
	if phone != "" {
		a.phone = phone
	}
	return a
}

// named opens an account at bank under a name.
func (g *h4Gen) named(bank int, short, full string) *h4Acct {
	phone, _ := g.mobile(0.08)
	return &h4Acct{bank: bank, bic: g.c.Banks[bank].BIC, iban: g.kzIBAN(bank), card: g.kzCard(bank),
		phone: phone, short: short, full: full}
}

// someone returns the account of a new person outside the customers.
func (g *h4Gen) someone() *h4Acct {
	first, last := g.name(g.chance(0.5))
	return g.acct(g.bank(), first, last, "")
}

// business opens an account for a company or shop named name.
func (g *h4Gen) business(name string) *h4Acct {
	a := g.named(g.bank(), name, name)
	a.account = fmt.Sprintf("%s%010d", []string{"QR", "MP", "KSP"}[g.n(3)], g.r.Int64N(1e10))
	return a
}

func (g *h4Gen) shopName() string {
	if g.chance(0.5) {
		first, last := g.name(g.chance(0.5))
		return "ИП " + last + " " + string([]rune(first)[:1]) + "."
	}
	return h4ShopKinds[g.n(len(h4ShopKinds))] + " «" + h4Words[g.n(len(h4Words))] + "»"
}

func (g *h4Gen) companyName() string {
	return "ТОО «" + h4Words[g.n(len(h4Words))] + " " + h4CompanyKinds[g.n(len(h4CompanyKinds))] + "»"
}

func (g *h4Gen) custID(bank int) string {
	g.nCust++
	return fmt.Sprintf("%s-%07d", g.c.Banks[bank].BIC[:4], 1_000_000+g.nCust*7+g.n(7))
}

func (g *h4Gen) device() string { return fmt.Sprintf("dev-%016x", g.r.Uint64()) }

// Setup.

func (g *h4Gen) setup() {
	cfg := g.cfg
	rw := g.regionWeights()
	for range cfg.Merchants {
		g.merchants = append(g.merchants, g.business(g.shopName()))
		g.mRegion = append(g.mRegion, g.wpick(rw))
	}
	for _, n := range []string{"ТОО «Алсеко»", "АО «Казахтелеком»", "ТОО «Астана-ЕРЦ»", "ГКП «Алматы Су»",
		"АО «Алматыэнергосбыт»", "ТОО «Kcell»", "ТОО «Мобайл Телеком-Сервис»", "АО «Кселл» Интернет",
		"ГККП «Ясли-сад №12»", "ТОО «Школьное питание»", "ТОО «КазЭнергоСбыт»", "ТОО «Beeline Home»",
		"КСК «Самал»", "ОСИ «Достык 5»", "ТОО «Газ Сервис»", "ТОО «Охрана-Сервис»", "ЧУ «Фитнес Арай»"} {
		b := g.business(n)
		g.billers = append(g.billers, b)
	}
	for range cfg.Employers {
		b := g.bank()
		name := g.companyName()
		a := g.named(b, name, name)
		e := &h4Employer{acct: a, cust: g.custID(b), device: g.device(),
			ip: g.ip(h4HomeIP[g.n(len(h4HomeIP))]), region: h4Regions[g.wpick(rw)].name, payday: 5 + g.n(6)}
		if g.chance(0.5) {
			e.early = 20 + g.n(6)
		}
		g.employers = append(g.employers, e)
	}
	for range cfg.Customers {
		g.people = append(g.people, g.person())
	}
	for _, p := range g.people {
		if p.age >= 20 && p.age < 63 && g.chance(0.62) {
			e := g.employers[g.n(len(g.employers))]
			e.staff = append(e.staff, p)
			p.salary = p.income
		}
	}
	for range max(8, cfg.Customers/100) {
		first, last := g.name(g.chance(0.3))
		b := []int{0, 0, 1, 5}[g.n(4)] % len(g.c.Banks)
		a := g.acct(b, first, last, "")
		g.traders = append(g.traders, &h4Mule{acct: a, role: h4Trader, region: h4Regions[g.wpick(rw)].name})
	}
	g.collections()
	g.setupGangs()
}

func (g *h4Gen) person() *h4Person {
	p := &h4Person{female: g.chance(0.52), moveDay: -1}
	p.first, p.last = g.name(p.female)
	p.age = []int{18, 25, 35, 45, 55, 65}[g.wpick([]float64{14, 24, 21, 16, 14, 11})]
	p.age += g.n(10)
	if p.age >= 65 {
		p.age += g.n(10)
	}
	p.region = g.wpick(g.regionWeights())
	p.phone, _ = g.mobile(0)
	p.banks = []int{g.bank()}
	if g.chance(0.45) && len(g.c.Banks) > 1 {
		b := g.bank()
		for b == p.banks[0] {
			b = g.bank()
		}
		p.banks = append(p.banks, b)
	}
	for _, b := range p.banks {
		p.accts = append(p.accts, g.acct(b, p.first, p.last, p.phone))
		p.custs = append(p.custs, g.custID(b))
		p.devices = append(p.devices, g.device())
	}
	telco := 0
	for i, t := range g.c.Telcos {
		for _, pre := range t.Prefixes {
			if strings.HasPrefix(p.phone[1:], pre) {
				telco = i
			}
		}
	}
	pool := h4MobileIP[telco%len(h4MobileIP)]
	p.mobileIP = pool[g.n(len(pool))]
	p.homeIP = g.ip(h4HomeIP[g.n(len(h4HomeIP))])

	city := p.region <= 2 || h4Regions[p.region].name == "Atyrau Region"
	p.income = g.logn(300000, 0.5)
	if city {
		p.income *= 1.3
	}
	if p.age < 23 {
		p.income *= 0.5
	}
	if p.age >= 63 {
		p.income = g.logn(140000, 0.3)
	}
	p.savings = p.income * g.logn(2, 1.1)
	if p.elderly() {
		p.savings *= 2
	}
	p.rate = g.logn(0.75, 0.7) * h4If(p.age < 35, 1.3, 1)
	switch {
	case p.age >= 65:
		p.rate *= 0.35
	case p.age >= 55:
		p.rate *= 0.6
	}
	p.p2p = g.logn(7000, 0.6) * math.Sqrt(p.income/300000)
	p.night = g.chance(h4If(p.age < 30, 0.15, 0.06))
	p.crypto = !p.female && p.age < 40 && g.chance(0.07) || g.chance(0.01)
	p.mix = []float64{0.35, 0.2, 0.4, 0}
	if p.age < 35 {
		p.mix[2] = 0.55
	}
	if p.elderly() {
		p.mix = []float64{0.6, 0.1, 0.3, 0}
	}
	if p.crypto {
		p.mix[3] = 0.04
	}
	for i := range 2 + g.n(6) {
		a := g.someone()
		if i < 2 && g.chance(0.6) {
			first, _ := g.name(g.chance(0.5))
			last := p.last
			a.short, a.full = h4Short(first, last), last+" "+first
		}
		p.contacts = append(p.contacts, h4Contact{a, h4Via(g.wpick([]float64{70, 22, 8}))})
	}
	for range 4 + g.n(9) {
		i := g.n(len(g.merchants))
		for range 5 {
			if g.mRegion[i] == p.region {
				break
			}
			i = g.n(len(g.merchants))
		}
		p.favourites = append(p.favourites, g.merchants[i])
	}
	for range 1 + g.n(5) {
		p.bills = append(p.bills, h4Bill{g.billers[g.n(len(g.billers))], 1 + g.n(25), g.logn(9000, 0.6)})
	}
	if g.chance(h4If(p.age < 35, 0.38, 0.18)) && !p.elderly() {
		p.rent = h4Round(h4Regions[p.region].rent*g.logn(1, 0.3), 5000)
		p.rentDay = 1 + g.n(28)
		p.landlord = h4Contact{g.someone(), h4Via(g.wpick([]float64{60, 25, 15}))}
		if g.chance(0.05) {
			p.moveDay = g.n(g.cfg.Days)
		}
	}
	abroad := 0.06
	if h4Regions[p.region].south {
		abroad = 0.09
	}
	if g.chance(abroad) {
		cc := []string{"RU", "KR", "TR", "CZ", "US", "DE"}[g.wpick([]float64{40, 20, 12, 10, 6, 6})]
		if h4Regions[p.region].south && g.chance(0.55) {
			cc = []string{"UZ", "KG"}[g.n(2)]
		}
		first, _ := g.name(g.chance(0.5))
		a := &h4Acct{bank: -1, phone: g.foreignPhone(cc), short: h4Short(first, p.last), full: p.last + " " + first}
		ab := &h4Abroad{acct: a, perDay: g.uniform(1, 5) / 30, amount: g.logn(80000, 0.6),
			nightly: cc == "KR" || cc == "US"}
		switch {
		case cc == "DE" || cc == "CZ":
			a.iban, a.bic = g.foreignIBAN(cc)
			ab.via = h4ViaIBAN
		case (cc == "UZ" || cc == "KG" || cc == "RU") && g.chance(0.4):
			ab.via = h4ViaPhone
		default:
			a.card = g.card(h4ForeignBins[cc])
			ab.via = h4ViaCard
		}
		p.abroad = ab
	}
	if g.chance(0.03) {
		d := g.n(g.cfg.Days)
		p.tripFrom = g.start.AddDate(0, 0, d)
		p.tripTo = p.tripFrom.AddDate(0, 0, 5+g.n(8))
		p.tripIP = h4TripIP[g.n(len(h4TripIP))]
	}
	if g.chance(0.04) {
		p.newDeviceAt = g.start.Add(time.Duration(g.f() * float64(g.end.Sub(g.start))))
		for range p.banks {
			p.newDevices = append(p.newDevices, g.device())
		}
	}
	if p.elderly() && g.chance(0.15) {
		p.helper = g.device()
	}
	if !p.elderly() && p.age >= 25 && g.chance(0.03) {
		for range 2 + g.n(7) {
			p.staff = append(p.staff, h4Contact{g.someone(), h4Via(g.wpick([]float64{70, 30}))})
		}
	}
	if g.chance(0.25) {
		p.ownDay = 3 + g.n(25)
		if len(p.banks) > 1 {
			p.own = p.accts[1]
		}
	}
	return p
}

func (g *h4Gen) collections() {
	n := max(2, int(math.Round(float64(g.cfg.Customers)/100*float64(g.cfg.Days)/28)))
	for range n {
		c := h4Collection{day: g.n(g.cfg.Days), kind: g.wpick([]float64{40, 35, 25})}
		if g.chance(0.7) {
			c.collector = g.people[g.n(len(g.people))]
			c.acct = c.collector.accts[0]
		} else {
			c.acct = g.someone()
		}
		c.via = h4Via(g.wpick([]float64{75, 25}))
		g.collect = append(g.collect, c)
	}
}

// setupGangs builds four gangs: a call centre abroad (safe account, remote
// access), a messenger crew (relatives, takeovers), an investment shop
// (investment, loan fees) and a local crew (marketplace, rent, shops).
func (g *h4Gen) setupGangs() {
	mixes := [][]float64{{55, 20, 15, 10}, {70, 30, 0, 0}, {60, 0, 40, 0}, {85, 15, 0, 0}}
	// rented, drops, shop-like, in that gang's hands
	shares := [][3]float64{{0.3, 0.3, 0}, {0.3, 0.25, 0.1}, {0.2, 0.2, 0.6}, {0.2, 0.25, 0.3}}
	tot := [3]float64{}
	for _, s := range shares {
		for i := range 3 {
			tot[i] += s[i]
		}
	}
	nm := float64(g.cfg.Mules)
	counts := [3]float64{nm * 0.45, nm * 0.35, nm * 0.2}
	var young []*h4Person
	for _, p := range g.people {
		if p.age < 30 {
			young = append(young, p)
		}
	}
	rw := g.regionWeights()
	days := g.end.Sub(g.start)
	for gi, mix := range mixes {
		gang := &h4Gang{sims: map[int]string{}, simLife: g.uniform(1, 3), lanes: 3 + g.n(4), callMix: mix,
			pools: map[h4Role][]*h4Mule{}, foreignCC: [][]string{{"GE", "AE"}, {"TR", "GE"}, {"AE", "GE"}, {"TR"}}[gi]}
		for range 3 + g.n(4) {
			gang.devices = append(gang.devices, g.device())
		}
		for role := range 3 {
			k := max(2, int(math.Round(counts[role]*shares[gi][role]/tot[role])))
			if shares[gi][role] == 0 {
				k = 0
			}
			for i := range k {
				m := &h4Mule{role: h4Role(role)}
				switch m.role {
				case h4Rented:
					var p *h4Person
					for p == nil || p.mule {
						p = young[g.n(len(young))]
					}
					p.mule = true
					m.owner, m.acct, m.cust = p, p.accts[0], p.custs[0]
					m.region, m.ipPrefix = h4Regions[p.region].name, p.mobileIP
					m.device = p.devices[0]
				case h4Drop:
					first, last := g.name(g.chance(0.4))
					b := []int{0, 5, 4, 2, 1}[g.n(5)] % len(g.c.Banks)
					m.acct = g.acct(b, first, last, "")
				default:
					m.acct = g.business(g.shopName())
					if !strings.HasPrefix(m.acct.full, "ИП") {
						first, last := g.name(g.chance(0.5))
						m.acct.full = "ИП " + last + " " + string([]rune(first)[:1]) + "."
						m.acct.short = m.acct.full
					}
				}
				if m.owner == nil || g.chance(0.4) {
					if m.owner == nil {
						m.cust = g.custID(m.acct.bank)
						m.region = h4Regions[g.wpick(rw)].name
						m.ipPrefix = h4MobileIP[g.n(3)][g.n(3)]
					}
					m.device = gang.devices[g.n(len(gang.devices))]
					if g.chance(0.5) {
						m.device = g.device() // an antidetect profile of its own
					}
				}
				// Staggered use: four to twelve days each, the first ones
				// already in use before the period.
				off := (float64(i)/float64(k))*days.Hours() - g.uniform(0, 96)
				m.from = g.start.Add(time.Duration(off) * time.Hour)
				m.to = m.from.Add(time.Duration(g.uniform(4, 12)*24) * time.Hour)
				gang.pools[m.role] = append(gang.pools[m.role], m)
			}
		}
		for range 4 + g.n(3) {
			first, last := g.name(g.chance(0.3))
			b := g.bank()
			m := &h4Mule{role: h4Tier2, acct: g.acct(b, first, last, ""), cust: g.custID(b),
				region: h4Regions[g.wpick(rw)].name, ipPrefix: h4MobileIP[g.n(3)][g.n(3)],
				device: gang.devices[g.n(len(gang.devices))], from: g.start.AddDate(0, 0, -30), to: g.end}
			gang.pools[h4Tier2] = append(gang.pools[h4Tier2], m)
		}
		for _, cc := range gang.foreignCC {
			iban, bic := g.foreignIBAN(cc)
			m := &h4Mule{role: h4Foreign, acct: &h4Acct{bank: -1, bic: bic, iban: iban,
				short: h4Words[g.n(len(h4Words))] + " Trading LLC"}}
			m.acct.full = m.acct.short
			gang.pools[h4Foreign] = append(gang.pools[h4Foreign], m)
		}
		g.gangs = append(g.gangs, gang)
	}
	g.listMules()
}

// listMules writes the registry's knowledge at the start: old mule
// accounts of earlier waves, some drops still in use, and two traders.
func (g *h4Gen) listMules() {
	reporter := func() string { return g.c.Banks[g.n(len(g.c.Banks))].Name }
	conf := func() float64 { return 0.6 + float64(g.n(36))/100 }
	add := func(a *h4Acct, evidence string) {
		s := Submission{Reporter: reporter(), Category: kuzet.CategoryMuleAccount, Confidence: conf(), Evidence: evidence}
		switch k := g.n(10); {
		case k < 6 && a.iban != "":
			s.Kind, s.Value = kuzet.KindIBAN, a.iban
			if g.chance(0.3) {
				s.Value = h4Spaced(a.iban)
			}
		case k < 9 && a.card != "":
			s.Kind, s.Value = kuzet.KindCard, a.card
			if g.chance(0.3) {
				s.Value = h4Spaced(a.card)
			}
		default:
			s.Kind, s.Value = kuzet.KindPhone, g.messy(a.phone)
		}
		g.listed = append(g.listed, s)
	}
	for range g.cfg.Customers / 30 {
		add(g.someone(), "confirmed fraud transfer")
	}
	for _, gang := range g.gangs {
		for _, role := range []h4Role{h4Drop, h4Merchant, h4Tier2} {
			for _, m := range gang.pools[role] {
				if g.chance(g.cfg.ListedMules) {
					add(m.acct, "confirmed fraud transfer")
				}
			}
		}
	}
	for _, t := range g.traders[:2] {
		add(t.acct, "received funds of a confirmed fraud")
	}
}

// h4Spaced writes an identifier in groups of four, as printed.
func h4Spaced(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// messy writes a domestic number the way people type it.
func (g *h4Gen) messy(e164 string) string {
	if !strings.HasPrefix(e164, "+77") {
		return e164
	}
	d := e164[2:]
	switch g.n(4) {
	case 0:
		return fmt.Sprintf("8 (%s) %s-%s-%s", d[:3], d[3:6], d[6:8], d[8:])
	case 1:
		return fmt.Sprintf("+7 %s %s %s %s", d[:3], d[3:6], d[6:8], d[8:])
	case 2:
		return "8" + d
	}
	return e164
}

// Events.

// payer returns how a person's bank sees them paying from their account
// at bank index bi at t: their device (or a new one, or a grandchild's),
// and their address at home, on mobile data or abroad.
func (g *h4Gen) payer(p *h4Person, bi int, t time.Time) (kuzet.Payer, string) {
	dev := p.devices[bi]
	if !p.newDeviceAt.IsZero() && !t.Before(p.newDeviceAt) {
		dev = p.newDevices[bi]
	}
	ip := g.ip(p.mobileIP)
	h := t.Hour()
	if (h >= 19 || h < 8) && g.chance(0.6) || g.chance(0.2) {
		ip = p.homeIP
	}
	if p.helper != "" && g.chance(0.12) {
		dev, ip = p.helper, g.ip(h4MobileIP[g.n(3)][g.n(3)])
	}
	if !p.tripFrom.IsZero() && !t.Before(p.tripFrom) && t.Before(p.tripTo) {
		ip = g.ip(p.tripIP)
	}
	return kuzet.Payer{Account: p.accts[bi].iban, Phone: p.phone, CustomerID: p.custs[bi], DeviceID: dev, IP: ip,
		Region: h4Regions[p.region].name}, p.accts[bi].bic
}

func (g *h4Gen) channel(p *h4Person, large bool) string {
	switch {
	case p.elderly() && g.chance(0.15), large && g.chance(0.2):
		return "branch"
	case p.elderly() && g.chance(0.2), large && g.chance(0.3), p.age >= 40 && g.chance(0.05):
		return "internet_banking"
	}
	return "mobile_app"
}

func (g *h4Gen) payment(at time.Time, kind PaymentKind, payer kuzet.Payer, bic string, to kuzet.Payee,
	amount float64, channel string) Event {
	g.nPay++
	return Event{At: at, Payment: &Payment{Kind: kind, BankBIC: bic, Check: kuzet.PaymentCheck{
		PaymentID: fmt.Sprintf("h4p-%s-%07d", strings.ToLower(bic[:4]), g.nPay),
		Amount:    kuzet.Amount(math.Round(amount)) * 100,
		Currency:  "KZT",
		CreatedAt: at,
		Channel:   channel,
		Payer:     payer,
		Payee:     to,
	}}}
}

// pay adds an honest payment of p from their main bank.
func (g *h4Gen) pay(p *h4Person, at time.Time, kind PaymentKind, to kuzet.Payee, amount float64, channel string) {
	g.payFrom(p, 0, at, kind, to, amount, channel)
}

func (g *h4Gen) payFrom(p *h4Person, bi int, at time.Time, kind PaymentKind, to kuzet.Payee, amount float64,
	channel string) {
	payer, bic := g.payer(p, bi, at)
	g.evs = append(g.evs, g.payment(at, kind, payer, bic, to, amount, channel))
}

// call returns a call from a to b. Only a domestic number of a member
// operator is registered; one on the international trunk never is.
func (g *h4Gen) call(at time.Time, a, b string, ingress kuzet.Ingress, scam bool) Event {
	g.nCall++
	foreign := !strings.HasPrefix(a, "+77")
	registered := !foreign && ingress == kuzet.IngressDomestic && g.member(a)
	return Event{At: at, Call: &EventCall{A: a, B: b, At: at, CallID: fmt.Sprintf("h4c-%07d", g.nCall),
		Ingress: ingress, Registered: registered, Foreign: foreign || ingress == kuzet.IngressInternational,
		Unverified: !registered && !foreign, Scam: scam}}
}

// member reports whether n belongs to a mobile or fixed-line operator of
// the exchange.
func (g *h4Gen) member(n string) bool {
	for _, t := range append(slices.Clone(g.c.Telcos), g.c.FixedLine...) {
		for _, p := range t.Prefixes {
			if strings.HasPrefix(n[1:], p) {
				return true
			}
		}
	}
	return false
}

// connected reports whether n is a mobile number of an operator of the
// exchange, which can terminate a call and ask kuzet about it.
func (g *h4Gen) connected(n string) bool {
	for _, t := range g.c.Telcos {
		for _, p := range t.Prefixes {
			if strings.HasPrefix(n[1:], p) {
				return true
			}
		}
	}
	return false
}

// callBefore adds an honest domestic call between p and someone, either
// way round, before a payment.
func (g *h4Gen) callBefore(p *h4Person, other string, at time.Time) {
	if !strings.HasPrefix(other, "+77") {
		g.evs = append(g.evs, g.call(at, other, p.phone, kuzet.IngressInternational, false))
		return
	}
	if g.connected(other) && g.chance(0.45) {
		g.evs = append(g.evs, g.call(at, p.phone, other, kuzet.IngressDomestic, false))
		return
	}
	g.evs = append(g.evs, g.call(at, other, p.phone, kuzet.IngressDomestic, false))
}

// h4Holiday returns how much more people transfer and buy on day t:
// flowers and gifts before March 8, family visits over Nauryz.
func h4Holiday(t time.Time) (family, shops float64) {
	_, m, d := t.Date()
	switch {
	case m == time.March && d >= 6 && d <= 8:
		return 1.3, 1.6
	case m == time.March && d >= 20 && d <= 23:
		return 1.5, 1.2
	}
	return 1, 1
}

// day adds the honest payments and calls of day d.
func (g *h4Gen) day(d int) {
	date := g.start.AddDate(0, 0, d)
	dom := date.Day()
	weekend := date.Weekday() == time.Saturday || date.Weekday() == time.Sunday
	fam, shops := h4Holiday(date)
	for _, p := range g.people {
		g.everyday(p, d, weekend, fam, shops)
		g.scheduled(p, d, dom)
		g.occasional(p, d)
	}
	for _, e := range g.employers {
		g.payroll(e, d, date, weekend)
	}
	for _, c := range g.collect {
		if c.day == d {
			g.collection(c)
		}
	}
	// The banks' own outbound calls: a card ready, a loan overdue.
	for range g.poisson(float64(len(g.people)) * 0.004) {
		p := g.people[g.n(len(g.people))]
		hot := g.c.Banks[p.banks[0]].Hotline
		g.evs = append(g.evs, g.call(g.at(d, h4WorkHours), hot, p.phone, kuzet.IngressDomestic, false))
	}
}

func (g *h4Gen) everyday(p *h4Person, d int, weekend bool, fam, shops float64) {
	l := p.rate
	if weekend {
		l *= 1.1
	}
	if !p.tripFrom.IsZero() && !g.start.AddDate(0, 0, d).Before(p.tripFrom) && g.start.AddDate(0, 0, d).Before(p.tripTo) {
		l *= 0.6
	}
	w := slices.Clone(p.mix)
	w[0] *= fam
	w[2] *= shops
	for range g.poisson(l * (w[0] + w[1] + w[2] + w[3]) / (p.mix[0] + p.mix[1] + p.mix[2] + p.mix[3])) {
		at := g.at(d, g.hoursOf(p))
		switch g.wpick(w) {
		case 0:
			// Relatives first: the first contacts are paid the most.
			i := min(len(p.contacts)-1, int(math.Floor(math.Abs(g.r.NormFloat64())*float64(len(p.contacts))/2.2)))
			c := p.contacts[i]
			amt := p.p2p * g.logn(1, 0.7) * fam
			if g.chance(0.06) {
				g.callBefore(p, c.acct.phone, at.Add(-g.minutes(2, 40)))
			}
			g.pay(p, at, H4Family, c.acct.payee(c.via), g.roundAmount(amt), g.channel(p, false))
		case 1:
			a := g.someone()
			g.pay(p, at, H4Payback, a.payee(h4Via(g.wpick([]float64{90, 10}))),
				g.roundAmount(h4Clamp(g.logn(2500, 0.8), 200, 40000)), "mobile_app")
		case 2:
			if !p.tripFrom.IsZero() && !at.Before(p.tripFrom) && at.Before(p.tripTo) {
				continue // QR codes are domestic
			}
			m := p.favourites[g.n(len(p.favourites))]
			if g.chance(0.15) {
				m = g.merchants[g.n(len(g.merchants))]
			}
			amt := math.Round(h4Clamp(g.logn(3500, 0.8)*shops, 150, 200000))
			g.pay(p, at, H4QR, m.payee(h4ViaAccount), amt, "mobile_app")
		case 3:
			if g.chance(0.3) {
				at = g.at(d, h4NightHours)
			}
			t := g.traders[g.n(len(g.traders))]
			g.pay(p, at, H4Crypto, t.acct.payee(h4Via(g.wpick([]float64{30, 70}))),
				g.roundAmount(h4Clamp(g.logn(60000, 0.8), 5000, 2_000_000)), "mobile_app")
		}
	}
}

func (g *h4Gen) scheduled(p *h4Person, d, dom int) {
	for _, b := range p.bills {
		if b.day == dom {
			bi := 0
			if len(p.banks) > 1 && g.chance(0.3) {
				bi = 1
			}
			amt := math.Round(b.amount * g.logn(1, 0.15))
			g.payFrom(p, bi, g.at(d, h4DayHours), H4Bills, b.acct.payee(h4ViaIBAN), amt, g.channel(p, false))
		}
	}
	if p.rent > 0 && p.moveDay == d {
		// A new flat: the landlord or the realtor calls, then a deposit and
		// the first month, and the realtor's fee.
		p.landlord = h4Contact{g.someone(), h4Via(g.wpick([]float64{60, 25, 15}))}
		at := g.at(d, h4DayHours)
		g.callBefore(p, p.landlord.acct.phone, at.Add(-g.minutes(20, 240)))
		g.pay(p, at, H4Rent, p.landlord.acct.payee(p.landlord.via), 2*p.rent, g.channel(p, true))
		if g.chance(0.6) {
			realtor := g.someone()
			g.pay(p, at.Add(g.minutes(2, 60)), H4Rent, realtor.payee(h4ViaPhone), h4Round(p.rent/2, 1000), "mobile_app")
		}
		p.rentDay = dom
	} else if p.rent > 0 && p.rentDay == dom {
		g.pay(p, g.at(d, g.hoursOf(p)), H4Rent, p.landlord.acct.payee(p.landlord.via), p.rent, g.channel(p, false))
	}
	if p.ownDay == dom {
		if p.own == nil || g.chance(0.08) {
			// A new deposit at a bank that pays more.
			b := g.bank()
			for b == p.banks[0] && len(g.c.Banks) > 1 {
				b = g.bank()
			}
			p.own = g.acct(b, p.first, p.last, p.phone)
		}
		amt := h4Round(p.income*g.uniform(0.1, 0.6), 5000)
		if g.chance(0.1) {
			amt = h4Round(p.savings*g.uniform(0.3, 0.9), 10000)
		}
		g.pay(p, g.at(d, g.hoursOf(p)), H4OwnAccount, p.own.payee(h4Via(g.wpick([]float64{20, 30, 50}))), amt,
			g.channel(p, amt > 1e6))
	}
	if len(p.staff) > 0 && (dom == 5 || dom == 20) {
		at := g.at(d, h4DayHours)
		for _, s := range p.staff {
			at = at.Add(g.minutes(0.5, 6))
			g.pay(p, at, H4Staff, s.acct.payee(s.via), h4Round(g.logn(120000, 0.35), 5000), "mobile_app")
		}
	}
}

func (g *h4Gen) occasional(p *h4Person, d int) {
	if p.abroad != nil {
		for range g.poisson(p.abroad.perDay) {
			hours := g.hoursOf(p)
			if p.abroad.nightly {
				hours = h4NightHours
			}
			at := g.at(d, hours)
			if g.chance(0.5) {
				g.callBefore(p, p.abroad.acct.phone, at.Add(-g.minutes(3, 90)))
			}
			g.pay(p, at, H4Abroad, p.abroad.acct.payee(p.abroad.via),
				g.roundAmount(p.abroad.amount*g.logn(1, 0.4)), "mobile_app")
		}
	}
	for range g.poisson(0.004) { // a marketplace purchase
		seller := g.someone()
		at := g.at(d, h4DayHours)
		if g.chance(0.6) {
			g.callBefore(p, seller.phone, at.Add(-g.minutes(5, 180)))
		}
		amt := g.roundAmount(h4Clamp(g.logn(35000, 1), 2000, 900000))
		via := h4Via(g.wpick([]float64{60, 35, 5}))
		if g.chance(0.2) {
			adv := h4Round(amt*g.uniform(0.2, 0.5), 1000)
			g.pay(p, at, H4Seller, seller.payee(via), adv, "mobile_app")
			at, amt = at.Add(g.minutes(600, 2000)), amt-adv
		}
		g.pay(p, at, H4Seller, seller.payee(via), math.Max(amt, 1000), g.channel(p, amt > 300000))
	}
	for range g.poisson(0.007) { // a craftsman, a tutor, a cleaner
		pro := g.someone()
		at := g.at(d, g.hoursOf(p))
		if g.chance(0.7) {
			g.callBefore(p, pro.phone, at.Add(-g.minutes(60, 600)))
		}
		g.pay(p, at, H4Service, pro.payee(h4Via(g.wpick([]float64{80, 20}))),
			g.roundAmount(h4Clamp(g.logn(15000, 0.7), 2000, 250000)), "mobile_app")
	}
	if g.chance(0.0007 * math.Sqrt(p.income/300000)) { // a car, a flat's deposit, furniture
		var to *h4Acct
		via := h4ViaIBAN
		if g.chance(0.5) {
			to = g.business(g.companyName())
		} else {
			to = g.someone()
			via = h4Via(g.wpick([]float64{40, 0, 60}))
		}
		at := g.at(d, h4WorkHours)
		if g.chance(0.4) {
			g.callBefore(p, to.phone, at.Add(-g.minutes(30, 300)))
		}
		amt := h4Round(h4Clamp(g.logn(1_500_000, 0.9), 300_000, 15_000_000), 10000)
		ch := g.channel(p, true)
		parts := 1
		if g.chance(0.3) {
			parts = 2 + g.n(2)
		}
		for range parts {
			g.pay(p, at, H4BigPurchase, to.payee(via), h4Round(amt/float64(parts), 1000), ch)
			at = at.Add(g.minutes(2, 40))
		}
	}
	for range g.poisson(0.0012) { // lending a friend money
		c := h4Contact{g.someone(), h4ViaPhone}
		if g.chance(0.7) {
			c = p.contacts[g.n(len(p.contacts))]
		}
		at := g.at(d, g.hoursOf(p))
		if g.chance(0.4) {
			g.callBefore(p, c.acct.phone, at.Add(-g.minutes(5, 120)))
		}
		g.pay(p, at, H4Loan, c.acct.payee(c.via), h4Round(h4Clamp(g.logn(200000, 0.7), 30000, 2_000_000), 5000),
			g.channel(p, false))
	}
}

// payroll pays an employer's staff on its paydays (a Friday when the day
// falls on a weekend), in one batch from internet banking.
func (g *h4Gen) payroll(e *h4Employer, d int, date time.Time, weekend bool) {
	if weekend {
		return
	}
	due := func(day int) bool {
		if day == 0 {
			return false
		}
		if date.Day() == day {
			return true
		}
		// Paid early on Friday when the day falls on the weekend.
		return date.Weekday() == time.Friday && (date.AddDate(0, 0, 1).Day() == day || date.AddDate(0, 0, 2).Day() == day)
	}
	share := 1.0
	switch {
	case due(e.payday) && e.early != 0:
		share = 0.6
	case due(e.payday):
	case due(e.early):
		share = 0.4
	default:
		return
	}
	at := g.at(d, h4WorkHours)
	for _, p := range e.staff {
		at = at.Add(time.Duration(2+g.n(20)) * time.Second)
		payer := kuzet.Payer{Account: e.acct.iban, CustomerID: e.cust, DeviceID: e.device, IP: e.ip, Region: e.region}
		g.evs = append(g.evs, g.payment(at, H4Salary, payer, e.acct.bic, p.accts[0].payee(h4ViaIBAN),
			h4Round(p.salary*share*g.uniform(0.95, 1.05), 100), "internet_banking"))
	}
}

// collection adds a class fund, a wedding or funeral gift or a fundraiser:
// many people paying one card or number within days, and the collector
// paying the total on.
func (g *h4Gen) collection(c h4Collection) {
	n := []int{12 + g.n(19), 10 + g.n(31), 20 + g.n(61)}[c.kind]
	spread := []float64{2, 2, 5}[c.kind]
	fixed := []float64{3000, 5000, 10000}[g.n(3)]
	var region int
	if c.collector != nil {
		region = c.collector.region
	} else {
		region = g.wpick(g.regionWeights())
	}
	total := 0.0
	last := g.start.AddDate(0, 0, c.day)
	for range n {
		p := g.people[g.n(len(g.people))]
		for range 10 {
			if c.kind == 2 || p.region == region {
				break
			}
			p = g.people[g.n(len(g.people))]
		}
		if p == c.collector {
			continue
		}
		at := g.at(c.day+int(g.f()*g.f()*spread), g.hoursOf(p))
		amt := fixed
		switch c.kind {
		case 1:
			amt = h4Round(g.logn(10000, 0.5), 1000)
		case 2:
			amt = []float64{500, 1000, 2000, 3000, 5000, 10000}[g.n(6)]
		}
		g.pay(p, at, H4Collection, c.acct.payee(c.via), amt, "mobile_app")
		total += amt
		if at.After(last) {
			last = at
		}
	}
	if c.collector == nil {
		return
	}
	at := g.awake(last.Add(g.minutes(60, 2*24*60)))
	var to *h4Acct
	switch c.kind {
	case 0:
		to = g.merchants[g.n(len(g.merchants))]
	case 1:
		to = g.business("ТОО «Ресторан " + h4Words[g.n(len(h4Words))] + "»")
	default:
		cc := []string{"TR", "DE"}[g.n(2)]
		iban, bic := g.foreignIBAN(cc)
		to = &h4Acct{bank: -1, bic: bic, iban: iban, short: "Medical Center " + h4Words[g.n(len(h4Words))], full: ""}
		to.full = to.short
	}
	total = h4Round(total*g.uniform(0.85, 1), 100)
	parts := 1 + g.n(2)
	for range parts {
		g.pay(c.collector, at, H4Payout, to.payee(h4ViaIBAN), h4Round(total/float64(parts), 100),
			g.channel(c.collector, true))
		at = at.Add(g.minutes(3, 120))
	}
}

// Fraud.

func (g *h4Gen) gangFor(scheme string) *h4Gang {
	switch scheme {
	case H4SafeAccount, H4RemoteAccess:
		return g.gangs[0]
	case H4Relative, H4Takeover:
		return g.gangs[1]
	case H4Investment, H4LoanFee:
		return g.gangs[2]
	}
	return g.gangs[3]
}

// victimFor picks someone the scheme tends to reach: older people for the
// calls, younger ones for the marketplace, loans and investment.
func (g *h4Gen) victimFor(scheme string) *h4Person {
	for try := 0; ; try++ {
		p := g.people[g.n(len(g.people))]
		if p.mule || (p.victim && try < 50) {
			continue
		}
		w := 1.0
		switch scheme {
		case H4SafeAccount, H4RemoteAccess:
			if p.age >= 50 {
				w = 4
			}
		case H4Relative:
			if p.age >= 45 {
				w = 3
			}
		case H4Investment:
			if p.age >= 25 && p.age < 55 && !p.female {
				w = 2
			}
		case H4FakeSeller, H4FakeShop:
			if p.age < 45 {
				w = 2
			}
		case H4FakeRent:
			if p.age < 35 {
				w = 4
			}
		case H4LoanFee:
			if p.income < 250000 {
				w = 3
			}
		}
		if g.f()*4 < w || try > 200 {
			p.victim = true
			return p
		}
	}
}

// sim returns the gang's SIM in use at t: each lives a day or few.
func (g *h4Gen) sim(gang *h4Gang, t time.Time, unconnected bool) string {
	slot := int(t.Sub(g.start).Hours()/(24*gang.simLife))*32 + g.n(gang.lanes)*2
	if unconnected {
		slot++
	}
	if n, ok := gang.sims[slot]; ok {
		return n
	}
	u := 0.0
	if unconnected {
		u = 1
	}
	n, _ := g.mobile(u)
	gang.sims[slot] = n
	return n
}

// contact adds the gang's call to the victim at t, as the gang's habits
// say, and returns the number the victim saw ("" when the contact was by
// messenger) and the report's channel.
func (g *h4Gen) contact(sc *h4Scam, t time.Time) (string, string) {
	v := sc.victim
	switch g.wpick(sc.gang.callMix) {
	case 0:
		n := g.sim(sc.gang, t, false)
		sc.evs = append(sc.evs, g.call(t, n, v.phone, kuzet.IngressDomestic, true))
		return n, "phone_call"
	case 1:
		n := g.sim(sc.gang, t, true)
		sc.evs = append(sc.evs, g.call(t, n, v.phone, kuzet.IngressDomestic, true))
		return n, "phone_call"
	case 2:
		n := g.foreignPhone([]string{"GB", "TR", "GB"}[g.n(3)])
		sc.evs = append(sc.evs, g.call(t, n, v.phone, kuzet.IngressInternational, true))
		return n, "phone_call"
	}
	// A spoofed hotline from abroad, which the exchange blocks; the gang
	// then writes by WhatsApp from a foreign virtual number.
	hot := g.c.Banks[v.banks[0]].Hotline
	sc.evs = append(sc.evs, g.call(t, hot, v.phone, kuzet.IngressInternational, true))
	return g.foreignPhone("GB"), "messenger"
}

// pick returns a mule of the gang in one of roles, preferring one in use
// at t.
func (g *h4Gen) pick(gang *h4Gang, t time.Time, roles ...h4Role) *h4Mule {
	if slices.Contains(roles, h4Trader) && (len(roles) == 1 || g.chance(1/float64(len(roles)))) {
		return g.traders[g.n(len(g.traders))]
	}
	var all, active []*h4Mule
	for _, r := range roles {
		for _, m := range gang.pools[r] {
			all = append(all, m)
			if !t.Before(m.from) && t.Before(m.to) {
				active = append(active, m)
			}
		}
	}
	if len(active) > 0 {
		return active[g.n(len(active))]
	}
	if len(all) == 0 {
		return g.traders[g.n(len(g.traders))]
	}
	best := all[0]
	dist := func(m *h4Mule) time.Duration {
		if t.Before(m.from) {
			return m.from.Sub(t)
		}
		return t.Sub(m.to)
	}
	for _, m := range all {
		if dist(m) < dist(best) {
			best = m
		}
	}
	return best
}

// ownName opens the "safe account": an account in the victim's name at
// another bank, on the gang's SIM and device.
func (g *h4Gen) ownName(sc *h4Scam, t time.Time) *h4Mule {
	v := sc.victim
	b := []int{5, 4, 2, 3, 0}[g.n(5)] % len(g.c.Banks)
	if b == v.banks[0] {
		b = (b + 1) % len(g.c.Banks)
	}
	a := g.acct(b, v.first, v.last, g.sim(sc.gang, t, false))
	return &h4Mule{acct: a, role: h4OwnName, cust: g.custID(b), device: sc.gang.devices[g.n(len(sc.gang.devices))],
		ipPrefix: h4MobileIP[g.n(3)][g.n(3)], region: h4Regions[v.region].name, from: t, to: t.AddDate(0, 0, 3)}
}

// victimPays adds the victim's payment to m at t, what the victim will
// remember of the payee, and the mules' forwards that follow.
func (g *h4Gen) victimPays(sc *h4Scam, at time.Time, m *h4Mule, via h4Via, amount float64, payer kuzet.Payer,
	bic, channel string) {
	if via == h4ViaAccount && m.acct.account == "" || via == h4ViaPhone && m.acct.phone == "" || via == h4ViaCard && m.acct.card == "" {
		via = h4ViaIBAN
	}
	e := g.payment(at, PayScam, payer, bic, m.acct.payee(via), amount, channel)
	e.Payment.Scheme, e.Payment.ScamID = sc.scheme, sc.id
	sc.evs = append(sc.evs, e)
	sc.flows = append(sc.flows, h4Flow{to: m, amount: amount, at: at, ev: len(sc.evs) - 1})
	switch via {
	case h4ViaPhone:
		sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(m.acct.phone)})
	case h4ViaCard:
		sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindCard, Value: m.acct.card})
	case h4ViaIBAN:
		sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindIBAN, Value: m.acct.iban})
	}
	g.receive(sc, m, amount, at, 1)
}

// receive moves on what m received for the scam at at: a cut stays, the
// rest goes in one to three payments to the next tier, a trader, an IBAN
// abroad or an ATM.
func (g *h4Gen) receive(sc *h4Scam, m *h4Mule, amount float64, at time.Time, depth int) {
	if m.role == h4Trader || m.role == h4Foreign {
		return
	}
	keep := map[h4Role]float64{h4Rented: g.uniform(0.05, 0.1), h4Drop: g.uniform(0, 0.03),
		h4Merchant: g.uniform(0, 0.05), h4Tier2: g.uniform(0, 0.02)}[m.role]
	left := amount * (1 - keep)
	var delay time.Duration
	switch m.role {
	case h4Rented:
		delay = time.Duration(g.logn(60, 1) * float64(time.Minute))
	case h4Merchant:
		delay = g.minutes(60, 480)
	case h4OwnName:
		delay = g.minutes(3, 40)
	default:
		delay = g.minutes(5, 90)
	}
	t := at.Add(delay)
	if m.role == h4Rented && m.owner != nil && m.device == m.owner.devices[0] && (t.Hour() < 7) {
		t = time.Date(t.Year(), t.Month(), t.Day(), 7+g.n(3), g.n(60), g.n(60), 0, h4Zone) // the owner sleeps
	}
	if depth >= 3 || (m.role != h4OwnName && g.chance(0.12)) {
		sc.flows = append(sc.flows, h4Flow{from: m, amount: left, at: t, ev: -1})
		return
	}
	parts := 1 + g.wpick([]float64{55, 30, 15})
	for i := range parts {
		amt := math.Floor(left / float64(parts-i) / 100 * g.uniform(0.9, 1))
		amt *= 100
		if i == parts-1 || amt > left {
			amt = math.Floor(left)
		}
		if amt < 100 {
			break
		}
		left -= amt
		var next *h4Mule
		switch x := g.f(); {
		case depth == 1 && x < 0.55:
			next = g.pick(sc.gang, t, h4Tier2)
		case x < 0.8:
			next = g.traders[g.n(len(g.traders))]
		default:
			next = g.pick(sc.gang, t, h4Foreign)
		}
		via := h4ViaIBAN
		if next.role == h4Trader || next.role == h4Tier2 && g.chance(0.5) {
			via = h4Via(g.wpick([]float64{40, 60}))
		}
		ip := g.ip(m.ipPrefix)
		if m.owner == nil && g.chance(0.15) {
			ip = g.ip(h4HostingIP[g.n(len(h4HostingIP))])
		}
		payer := kuzet.Payer{Account: m.acct.iban, Phone: m.acct.phone, CustomerID: m.cust, DeviceID: m.device, IP: ip,
			Region: m.region}
		e := g.payment(t, PayMuleForward, payer, m.acct.bic, next.acct.payee(via), amt, "mobile_app")
		e.Payment.Scheme, e.Payment.ScamID = sc.scheme, sc.id
		sc.evs = append(sc.evs, e)
		sc.flows = append(sc.flows, h4Flow{from: m, to: next, amount: amt, at: t, ev: len(sc.evs) - 1})
		g.receive(sc, next, amt, t, depth+1)
		t = t.Add(g.minutes(1, 30))
	}
}

// scam adds one scam starting on day d.
func (g *h4Gen) scam(d int, scheme string) {
	g.nScam++
	sc := &h4Scam{id: g.nScam, scheme: scheme, gang: g.gangFor(scheme)}
	v := g.victimFor(scheme)
	sc.victim = v
	own := func(t time.Time) (kuzet.Payer, string) { return g.payer(v, 0, t) }
	habit := v.p2p
	switch scheme {
	case H4SafeAccount:
		t := g.at(d, h4WorkHours)
		n, ch := g.contact(sc, t)
		sc.channel = ch
		if n != "" {
			sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(n)})
		}
		total := math.Min(v.savings*g.uniform(0.5, 1), 20_000_000)
		total = math.Max(total, 150_000)
		m := g.pick(sc.gang, t, h4Rented)
		via := h4ViaIBAN
		if g.chance(0.7) {
			m = g.ownName(sc, t)
			if g.chance(0.3) {
				via = h4ViaPhone
			}
		}
		t = t.Add(g.minutes(10, 150))
		waves := 1
		if g.chance(0.25) {
			waves = 2
		}
		for w := range waves {
			if w == 1 {
				// "To finish securing your money": another SIM, the next day.
				t = g.at(d+1, h4WorkHours)
				n2, _ := g.contact(sc, t)
				if n2 != "" {
					sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(n2)})
				}
				t = t.Add(g.minutes(10, 60))
			}
			parts := 1 + g.n(3)
			chunk := total / float64(waves) / float64(parts)
			for range parts {
				amt := h4Round(chunk*g.uniform(0.85, 1.1), 10000)
				ch := g.channel(v, amt > 1_000_000)
				payer, bic := own(t)
				g.victimPays(sc, t, m, via, amt, payer, bic, ch)
				t = t.Add(g.minutes(3, 25))
			}
		}
		sc.desc = "A caller from the bank's security service said a loan was being taken in my name and had me move my savings to a safe account."

	case H4Relative:
		t := g.at(d, []float64{0, 0, 0, 0, 0, 0, 0, .5, 1, 1, 1, 1, 1, 1, 1, 1, 1.2, 1.5, 2, 2.5, 2.5, 2, 1.5, .8})
		sc.channel = "messenger"
		sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.pickRelativeNumber(v)})
		m := g.pick(sc.gang, t, h4Rented, h4Drop)
		via := h4Via(g.wpick([]float64{40, 60}))
		amt := g.roundAmount(h4Clamp(habit*g.uniform(2, 10), 20000, 400000))
		t = t.Add(g.minutes(5, 40))
		payer, bic := own(t)
		g.victimPays(sc, t, m, via, h4Round(amt, 5000), payer, bic, "mobile_app")
		if g.chance(0.35) {
			t = t.Add(g.minutes(10, 60))
			payer, bic = own(t)
			g.victimPays(sc, t, m, via, h4Round(amt*g.uniform(0.4, 1), 5000), payer, bic, "mobile_app")
		}
		sc.desc = "My son's WhatsApp wrote that he had lost his phone and urgently needed money sent to a friend's card."

	case H4RemoteAccess:
		t := g.at(d, h4WorkHours)
		n, ch := g.contact(sc, t)
		sc.channel = ch
		if n != "" {
			sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(n)})
		}
		sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindDomain, Value: g.lure("support")})
		t = t.Add(g.minutes(20, 120))
		mules := []*h4Mule{g.pick(sc.gang, t, h4Drop, h4Rented), g.pick(sc.gang, t, h4Drop, h4Rented, h4Trader)}
		for range 4 + g.n(7) {
			m := mules[g.n(len(mules))]
			payer, bic := own(t) // the victim's own phone, driven remotely
			g.victimPays(sc, t, m, h4Via(g.wpick([]float64{50, 50})),
				g.roundAmount(habit*g.uniform(1, 3)), payer, bic, "mobile_app")
			t = t.Add(g.minutes(2, 12))
		}
		sc.desc = "A man from the mobile operator said my SIM contract expired and asked me to install an app; money then left my account."

	case H4Takeover:
		t := g.at(d, h4DayHours)
		sc.channel = "sms"
		if g.chance(0.6) {
			n, ch := g.contact(sc, t)
			sc.channel = ch
			if n != "" {
				sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(n)})
			}
		}
		t = t.Add(g.minutes(5, 60))
		if g.chance(0.3) {
			t = time.Date(t.Year(), t.Month(), t.Day(), 1+g.n(4), g.n(60), g.n(60), 0, h4Zone).AddDate(0, 0, 1)
		}
		dev := sc.gang.devices[g.n(len(sc.gang.devices))]
		if g.chance(0.5) {
			dev = g.device()
		}
		proxy := h4MobileIP[g.n(3)][g.n(3)]
		if g.chance(0.3) {
			proxy = h4HostingIP[g.n(len(h4HostingIP))]
		}
		for range 2 + g.n(5) {
			m := g.pick(sc.gang, t, h4Drop, h4Rented)
			payer, bic := own(t)
			payer.DeviceID, payer.IP = dev, g.ip(proxy)
			g.victimPays(sc, t, m, h4Via(g.wpick([]float64{50, 50})),
				g.roundAmount(habit*g.uniform(1.5, 4)), payer, bic, "mobile_app")
			t = t.Add(g.minutes(1, 15))
		}
		sc.desc = "I gave a code from an SMS to someone who said it was for a delivery; later I found transfers I did not make."

	case H4Investment:
		t := g.at(d, h4DayHours)
		sc.channel = []string{"social_media", "messenger"}[g.n(2)]
		sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindDomain, Value: g.lure("invest")})
		amt := h4Round(g.uniform(20000, 60000), 5000)
		spent := 0.0
		for i := range 2 + g.n(8) {
			if i > 0 {
				// The "manager" asks for more every day or few, in the day.
				t = t.Add(time.Duration(g.uniform(12, 96) * float64(time.Hour)))
				if t.Hour() < 9 {
					t = t.Add(time.Duration(9-t.Hour()) * time.Hour)
				}
				amt = h4Round(amt*g.uniform(1.2, 2.5), 5000)
			}
			if spent+amt > v.savings+v.income {
				break
			}
			if g.chance(0.2) {
				n, _ := g.contact(sc, t.Add(-g.minutes(10, 60)))
				if n != "" && i == 0 {
					sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(n)})
				}
			}
			m := g.pick(sc.gang, t, h4Merchant, h4Rented, h4Trader)
			via := h4Via(g.wpick([]float64{20, 50, 30}))
			if m.role == h4Merchant {
				via = []h4Via{h4ViaIBAN, h4ViaAccount}[g.n(2)]
			}
			payer, bic := own(t)
			g.victimPays(sc, t, m, via, amt, payer, bic, g.channel(v, amt > 1_000_000))
			spent += amt
		}
		sc.desc = "An advert offered shares of a national company with guaranteed profit; I deposited several times and cannot withdraw."

	case H4FakeSeller:
		t := g.at(d, h4DayHours)
		sc.channel = "web"
		m := g.pick(sc.gang, t, h4Rented, h4Rented, h4Drop)
		if g.chance(0.5) {
			n := g.sim(sc.gang, t, g.chance(0.15))
			if g.connected(n) && g.chance(0.5) {
				sc.evs = append(sc.evs, g.call(t, v.phone, n, kuzet.IngressDomestic, true))
			} else {
				sc.evs = append(sc.evs, g.call(t, n, v.phone, kuzet.IngressDomestic, true))
			}
			sc.channel = "phone_call"
			sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(n)})
		}
		sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindURL,
			Value: fmt.Sprintf("https://olx.kz/d/obyavlenie/%s-ID%x.html", []string{"iphone-15", "pampers", "shiny-r17", "pylesos", "velosiped"}[g.n(5)], g.r.Uint32())})
		t = g.awake(t.Add(g.minutes(10, 120)))
		amt := g.roundAmount(h4Clamp(g.logn(60000, 0.9), 8000, 600000))
		via := h4Via(g.wpick([]float64{50, 50}))
		payer, bic := own(t)
		g.victimPays(sc, t, m, via, amt, payer, bic, "mobile_app")
		if g.chance(0.25) {
			t = g.awake(t.Add(g.minutes(30, 1200)))
			payer, bic = own(t)
			g.victimPays(sc, t, m, via, h4Round(g.uniform(3000, 15000), 500), payer, bic, "mobile_app")
		}
		sc.desc = "I paid the seller in advance for an item from a marketplace; the seller stopped answering."

	case H4FakeRent:
		t := g.at(d, h4DayHours)
		sc.channel = "web"
		if g.chance(0.6) {
			n := g.sim(sc.gang, t, false)
			sc.evs = append(sc.evs, g.call(t, n, v.phone, kuzet.IngressDomestic, true))
			sc.channel = "phone_call"
			sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(n)})
		}
		t = g.awake(t.Add(g.minutes(15, 300)))
		m := g.pick(sc.gang, t, h4Rented)
		via := h4Via(g.wpick([]float64{60, 30, 10}))
		amt := h4Round(h4Regions[v.region].rent*g.uniform(0.5, 1.2), 5000)
		payer, bic := own(t)
		g.victimPays(sc, t, m, via, amt, payer, bic, "mobile_app")
		if g.chance(0.2) {
			t = t.Add(g.minutes(10, 90))
			payer, bic = own(t)
			g.victimPays(sc, t, m, via, h4Round(g.uniform(10000, 30000), 1000), payer, bic, "mobile_app")
		}
		sc.desc = "I paid a deposit for a flat advertised on Krisha; the owner disappeared and the flat was never for rent."

	case H4LoanFee:
		t := g.at(d, h4DayHours)
		sc.channel = "web"
		sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindDomain, Value: g.lure("kredit")})
		if g.chance(0.3) {
			n, ch := g.contact(sc, t)
			sc.channel = ch
			if n != "" {
				sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(n)})
			}
		}
		amt := h4Round(g.uniform(3000, 10000), 500)
		for range 3 + g.n(5) {
			t = g.awake(t.Add(g.minutes(20, 600)))
			m := g.pick(sc.gang, t, h4Merchant, h4Merchant, h4Drop)
			via := h4ViaAccount
			if m.role != h4Merchant {
				via = h4ViaCard
			}
			payer, bic := own(t)
			g.victimPays(sc, t, m, via, amt, payer, bic, "mobile_app")
			amt = h4Round(amt*g.uniform(1.3, 2), 500)
		}
		sc.desc = "To receive an approved loan I had to pay insurance, then a verification fee, then an unfreezing fee; no loan came."

	case H4FakeShop:
		t := g.at(d, h4DayHours)
		sc.channel = "social_media"
		shop := strings.ToLower(fmt.Sprintf("%s_%s_kz", []string{"brand", "outlet", "style", "mama", "tech"}[g.n(5)],
			[]string{"store", "shop", "sale", "market"}[g.n(4)]))
		sc.inds = append(sc.inds, kuzet.Indicator{Kind: kuzet.KindURL, Value: "https://instagram.com/" + shop})
		m := g.pick(sc.gang, t, h4Merchant)
		amt := g.roundAmount(h4Clamp(g.logn(30000, 0.8), 8000, 150000))
		payer, bic := own(t)
		g.victimPays(sc, t, m, h4ViaAccount, amt, payer, bic, "mobile_app")
		if g.chance(0.1) {
			t = g.awake(t.Add(g.minutes(10, 600)))
			payer, bic = own(t)
			g.victimPays(sc, t, m, h4ViaAccount, h4Round(g.uniform(2000, 8000), 500), payer, bic, "mobile_app")
		}
		sc.desc = "I ordered goods from an Instagram shop and paid by QR; nothing was delivered."
	}
	g.finish(sc)
}

// pickRelativeNumber returns the number the hijacked relative wrote from:
// the relative's own domestic number (a taken-over WhatsApp) or a "new
// number".
func (g *h4Gen) pickRelativeNumber(v *h4Person) string {
	if g.chance(0.6) && len(v.contacts) > 0 && strings.HasPrefix(v.contacts[0].acct.phone, "+77") {
		return g.messy(v.contacts[0].acct.phone)
	}
	n, _ := g.mobile(0.2)
	return g.messy(n)
}

// lure returns a domain of a scam site about topic.
func (g *h4Gen) lure(topic string) string {
	stem := []string{"kazatom", "halyk", "kaspi", "egov", "samruk", "kazmunay", "astana"}[g.n(7)]
	tld := []string{"top", "online", "site", "pro", "com", "xyz"}[g.n(6)]
	return fmt.Sprintf("%s-%s%d.%s", stem, topic, g.n(100), tld)
}

// finish decides whether and when the victim reports, drops what the
// report or the period's end prevents, and adds the scam's events and
// report.
func (g *h4Gen) finish(sc *h4Scam) {
	var last time.Time
	for _, f := range sc.flows {
		if f.from == nil && f.at.After(last) {
			last = f.at
		}
	}
	if last.IsZero() {
		return
	}
	type habit struct {
		p      float64
		lo, hi float64 // hours
	}
	h := map[string]habit{
		H4SafeAccount: {0.85, 1, 48}, H4Relative: {0.7, 1, 24}, H4RemoteAccess: {0.85, 0.5, 24},
		H4Takeover: {0.8, 0.5, 24}, H4Investment: {0.55, 72, 480}, H4FakeSeller: {0.5, 12, 120},
		H4FakeRent: {0.6, 12, 72}, H4LoanFee: {0.45, 12, 96}, H4FakeShop: {0.3, 72, 336},
	}[sc.scheme]
	cut := g.end
	var reportAt time.Time
	if g.chance(h.p) {
		reportAt = last.Add(time.Duration(math.Exp(g.uniform(math.Log(h.lo), math.Log(h.hi))) * float64(time.Hour)))
		if reportAt.Before(g.end) {
			cut = reportAt
		} else {
			reportAt = time.Time{}
		}
	}
	keep := make([]bool, len(sc.evs))
	for i, e := range sc.evs {
		keep[i] = e.At.Before(cut) && !e.At.Before(g.start)
	}
	for _, f := range sc.flows {
		if f.from == nil && f.ev >= 0 && !keep[f.ev] {
			// A victim payment lost to the period's edge: nothing of it
			// may be forwarded either, and it has no report.
			reportAt = time.Time{}
		}
	}
	for i, e := range sc.evs {
		if keep[i] {
			g.evs = append(g.evs, e)
		}
	}
	if reportAt.IsZero() {
		return
	}
	g.report(sc, reportAt)
}

// report adds the victim's report at at, with the truth of the trail as
// the banks would answer a freeze request then.
func (g *h4Gen) report(sc *h4Scam, at time.Time) {
	v := sc.victim
	rep := &Report{ScamID: sc.id, Victim: kuzet.Victim{Name: v.last + " " + v.first, Phone: v.phone,
		Region: h4Regions[v.region].name}, Channel: sc.channel, Scheme: sc.scheme, Description: sc.desc,
		Currency: "KZT", Hops: map[string]Hop{}}
	seen := map[string]bool{}
	for _, ind := range sc.inds {
		key := string(ind.Kind) + ":" + ind.Value
		if ind.Kind == kuzet.KindPhone {
			key = "phone:" + strings.Map(func(r rune) rune {
				if r < '0' || r > '9' {
					return -1
				}
				return r
			}, ind.Value)[1:] // the digits after the leading 7 or 8
		}
		if !seen[key] {
			seen[key] = true
			rep.Indicators = append(rep.Indicators, ind)
		}
	}
	type acc struct {
		in, out float64
		onward  []kuzet.Transfer
		m       *h4Mule
	}
	accts := map[*h4Mule]*acc{}
	var order []*h4Mule
	get := func(m *h4Mule) *acc {
		a, ok := accts[m]
		if !ok {
			a = &acc{m: m}
			accts[m] = a
			order = append(order, m)
		}
		return a
	}
	for _, f := range sc.flows {
		if !f.at.Before(at) {
			continue
		}
		var t kuzet.Transfer
		if f.to != nil {
			t = kuzet.Transfer{ToIBAN: f.to.acct.iban, ToBankBIC: f.to.acct.bic,
				Amount: kuzet.Amount(math.Round(f.amount)) * 100, At: f.at}
		}
		switch {
		case f.from == nil:
			t.FromBankBIC = sc.evs[f.ev].Payment.BankBIC
			rep.Transfers = append(rep.Transfers, t)
			rep.AmountLost += t.Amount
			get(f.to).in += f.amount
		case f.to == nil:
			get(f.from).out += f.amount // withdrawn at an ATM
		default:
			t.FromBankBIC = f.from.acct.bic
			a := get(f.from)
			a.out += f.amount
			a.onward = append(a.onward, t)
			get(f.to).in += f.amount
		}
	}
	for _, m := range order {
		a := accts[m]
		if m.role == h4Foreign {
			continue // abroad: no bank of the exchange to ask
		}
		frozen := math.Max(0, a.in-a.out)
		if m.role == h4Trader {
			frozen = a.in * g.uniform(0, 0.4) // mostly sold on as crypto already
		}
		rep.Hops[m.acct.iban] = Hop{BankBIC: m.acct.bic, Frozen: kuzet.Amount(math.Floor(frozen)) * 100, Onward: a.onward}
	}
	g.evs = append(g.evs, Event{At: at, Report: rep})
}
