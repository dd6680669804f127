// Holdout5 is a payment simulation written without sight of the payment
// rules or of the other simulations, to judge the rules on data nobody
// tuned them to. Its picture of retail payments in Kazakhstan, autumn 2026:
//
// People. A few thousand adults in a dozen regions, most of them banking
// with Kaspi or Halyk and some with a second account elsewhere. They pay
// shops by QR code, send money to family by phone number, pay utilities,
// the mobile operator and their loans around fixed days, get a salary in
// two parts a month from their employer, and pay rent to a landlord. A
// few are night owls (shift workers, students), a few change phones or
// travel abroad during the month, and income, savings and habits vary a
// lot from one person to the next.
//
// Honest payments that look like fraud. Buying from a stranger found on a
// classifieds site after a phone call with them; paying a plumber or a
// tutor who just called; a car or a flat deposit paid once, large, to
// someone new; money to relatives working or studying in Uzbekistan,
// Russia, Turkey or Korea, often after a call from their foreign number;
// moving savings to one's own new deposit at another bank; buying USDT
// from peer-to-peer traders; and people who receive money and send it on
// at once: a sibling's money for a purchase, a class's collection for the
// teacher's gift, wedding (toi) gifts sent late at night and the
// restaurant paid the next day, a funeral collection, a rotating savings
// club (kassa) whose organiser pays the whole pot to one member. Payroll
// is one company paying dozens of new and old payees within minutes. The
// banks' real hotlines also call their customers.
//
// The adversary knows there is a national exchange that blocks spoofed
// calls, warns on calls from abroad, checks payees against reported mule
// accounts and watches accounts that receive money and pass it straight
// on. So in 2026 they mostly no longer spoof: they call from real drop
// SIMs registered to other people, from the one mobile operator not
// connected to the exchange, or over messengers with no telecom trace at
// all; a few old-style call centres still try a bank's number from abroad
// and fall back to a messenger when the call is blocked. Schemes:
//
//   - safe account: "bank security" and a "financial monitoring officer"
//     have the victim move savings, over one to three days and in parts
//     near the victim's usual large payments, to a "protected" account in
//     the victim's own name, which the fraudsters opened with stolen data
//     at another bank;
//   - loan cover: the victim takes a loan "to cancel a fraudulent
//     application" and sends it at once to a "reserve account";
//   - fake seller: a prepayment (and sometimes a "delivery insurance") to
//     a seller on a classifieds site, by phone number, often after a call;
//   - investment: a "broker", sometimes calling from abroad, takes growing
//     deposits over days or weeks, mostly paid to USDT traders' cards;
//   - hacked friend: a friend's hijacked messenger account asks for a loan
//     until tomorrow, to "a card of a relative, mine is blocked";
//   - task job: a "job" liking videos first pays the victim small sums
//     (from other victims' money), then asks for growing deposits;
//   - fake shop: a cheap phone from an online shop, paid by QR or account
//     to a sole-proprietor account with a shop-like name;
//   - remote access: a caller has the victim install a screen-sharing app
//     or read out a code, then drains the account in a few minutes, from
//     the victim's own phone or from a new device.
//
// Mules. Accounts rented from real young people with an honest history,
// who keep living on them; fresh accounts opened for the purpose and run
// from a few farm phones; sole-proprietor accounts; cards that are only
// ever cashed out at ATMs; second-layer collector accounts; and peer-to-
// peer crypto traders, who also serve honest buyers. Most mules wait hours
// before moving money, move it in several parts, and cash much of it out
// at ATMs or in card purchases that no transfer check sees; a few still
// forward within minutes. A mule is dropped once a report names it or
// after a few uses. A share of mule accounts is in the registry before the
// simulation starts (with a few honest sellers wrongly reported), but the
// adversary does not know which.
//
// Reports. Most victims of fast schemes report within hours or days; many
// investment and task-job victims report weeks later or never. A report
// gives what the victim knows: the caller's number as they noted it, the
// payees as they typed them, a site or a chat link, and the banks' truth
// about where the money went.

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

// Holdout5Config sets up Holdout5. Zero fields take the defaults in
// brackets.
type Holdout5Config struct {
	Seed        uint64
	Start       time.Time // the first day, from its midnight in Kazakhstan [Monday 5 October 2026]
	Days        int       // [28]
	Customers   int       // [3,000]
	ScamsPerDay float64   // [15]
	WarmupDays  int       // days before EvalFrom [7]
	Employers   int       // companies paying salaries [45]
	Merchants   int       // shops, cafés and services paid by QR [300]
	// ListedShare is the share of mule accounts the registry knows from
	// the start [0.15].
	ListedShare float64
}

// Honest payment kinds of Holdout5.
const (
	H5KindSalary      PaymentKind = "h5_salary"      // an employer's payroll
	H5KindFamily      PaymentKind = "h5_family"      // to relatives and friends
	H5KindBills       PaymentKind = "h5_bills"       // utilities, mobile, internet, loan repayments
	H5KindQR          PaymentKind = "h5_qr"          // shops and cafés by QR code
	H5KindRent        PaymentKind = "h5_rent"        // monthly rent to a private landlord
	H5KindMarketplace PaymentKind = "h5_marketplace" // to a stranger selling on a classifieds site
	H5KindServices    PaymentKind = "h5_services"    // craftsmen, tutors, cleaners
	H5KindAbroad      PaymentKind = "h5_abroad"      // to relatives abroad
	H5KindPool        PaymentKind = "h5_pool"        // collections, toi gifts, savings clubs and their payouts
	H5KindOwn         PaymentKind = "h5_own"         // to one's own account at another bank
	H5KindLarge       PaymentKind = "h5_large"       // a car, a flat deposit, tuition, a clinic
	H5KindRelay       PaymentKind = "h5_relay"       // spending money just received for someone else
	H5KindCrypto      PaymentKind = "h5_crypto"      // buying USDT from a peer-to-peer trader
)

// Holdout5Kinds lists the honest kinds of Holdout5.
var Holdout5Kinds = []PaymentKind{H5KindSalary, H5KindFamily, H5KindBills, H5KindQR, H5KindRent,
	H5KindMarketplace, H5KindServices, H5KindAbroad, H5KindPool, H5KindOwn, H5KindLarge, H5KindRelay, H5KindCrypto}

// Scam schemes of Holdout5 (see the file comment).
const (
	H5SchemeSafeAccount  = "h5_safe_account"
	H5SchemeLoanCover    = "h5_loan_cover"
	H5SchemeFakeSeller   = "h5_fake_seller"
	H5SchemeInvestment   = "h5_investment"
	H5SchemeHackedFriend = "h5_hacked_friend"
	H5SchemeTaskJob      = "h5_task_job"
	H5SchemeFakeShop     = "h5_fake_shop"
	H5SchemeRemoteAccess = "h5_remote_access"
)

// Holdout5Schemes lists the scam schemes of Holdout5.
var Holdout5Schemes = []string{H5SchemeSafeAccount, H5SchemeLoanCover, H5SchemeFakeSeller, H5SchemeInvestment,
	H5SchemeHackedFriend, H5SchemeTaskJob, H5SchemeFakeShop, H5SchemeRemoteAccess}

// h5SchemeShare is how often each scheme is run, in Holdout5Schemes order.
var h5SchemeShare = []float64{18, 10, 17, 10, 12, 10, 8, 15}

// h5KZ is Kazakhstan's time, UTC+5 everywhere since 2024.
var h5KZ = time.FixedZone("KZT", 5*3600)

// Roles of mule accounts.
const (
	h5Rented    = iota // a real customer's account, rented out
	h5Fresh            // opened for the purpose, run from a farm phone
	h5OwnName          // opened in a victim's name with stolen data
	h5Shop             // a sole proprietor with a shop-like name
	h5Drop             // a card that is only cashed out at ATMs
	h5Collector        // the second layer
	h5Trader           // a peer-to-peer USDT trader, also serving honest buyers
)

// h5Acct is an account and the person or company behind it, as banks
// see them.
type h5Acct struct {
	name, short string // full name, and the "Айгерим С." form apps show
	bank        int    // index in Country.Banks
	iban, card  string
	phone       string
	custID      string
	device      string
	newDevice   string    // the phone used from newDeviceAt on, if any
	newDeviceAt time.Time // zero: never changes
	ip          string    // home broadband or office address
	region      string
	foreign     bool // a foreign account: IBAN or card or phone abroad, no KZ bank
	bic         string
}

// h5Person is a customer.
type h5Person struct {
	a        *h5Acct
	age      int
	income   float64 // monthly, KZT
	savings  float64
	rate     float64 // how busy they are with payments
	night    bool
	web      bool // pays from internet banking rather than the app
	contacts []int
	employer int // -1: none among the employers
	landlord *h5Acct
	rentDay  int
	rent     float64
	bills    []h5Bill
	abroad   *h5Acct
	own      *h5Acct // own account at another bank
	crypto   bool
	relay    bool
	travel   [2]time.Time // abroad between these, with travelIP
	travelIP string
	taken    bool // a victim or a mule already
	habit    float64
}

// h5Bill is a monthly bill paid around a day of the month.
type h5Bill struct {
	to     *h5Acct
	day    int
	amount float64
}

// h5Mule is a mule account in the adversary's hands.
type h5Mule struct {
	a       *h5Acct
	role    int
	ips     []string
	uses    int
	maxUses int
	from    time.Time // usable from
	retired time.Time // zero while in use
}

// h5Move is a movement of stolen money: a payment to or from a mule, or a
// cash-out (to == nil) that no transfer check sees.
type h5Move struct {
	sid      int
	from, to *h5Acct
	amount   float64
	at       time.Time
	since    time.Time // for a cash-out: when its money arrived
	victim   bool      // the victim's own payment
}

// h5Scam is one scam and what the victim will report.
type h5Scam struct {
	id       int
	scheme   string
	victim   *h5Person
	channel  string
	caller   string
	extra    []kuzet.Indicator
	reportAt time.Time
	desc     string
}

// h5Gen holds the state of one Holdout5 run.
type h5Gen struct {
	c                          *Country
	cfg                        Holdout5Config
	rng                        *rand.Rand
	end                        time.Time
	taken                      map[string]bool
	people                     []*h5Person
	empl                       []*h5Acct
	emplOf                     [][]int
	merch                      []*h5Acct
	billers, lenders, telcos   []*h5Acct
	sellers, crafts, landlords []*h5Acct
	bigPayees                  []*h5Acct
	mules                      []*h5Mule
	farms                      []string
	farmIPs                    [][]string
	events                     []Event
	payN                       int
	callN                      int
	calls                      map[[2]string]bool
	scams                      []*h5Scam
	moves                      []*h5Move
	listed                     []Submission
	simUse                     map[string]int
	sims                       []string
}

// Holdout5 returns a month of payments drawn from cfg.Seed alone: the
// Country's banks and operators are used, its random state is not.
func (c *Country) Holdout5(cfg Holdout5Config) *PaymentWorld {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2026, 10, 5, 0, 0, 0, 0, h5KZ)
	}
	cfg.Start = cfg.Start.In(h5KZ)
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
		cfg.Employers = 45
	}
	if cfg.Merchants <= 0 {
		cfg.Merchants = 300
	}
	if cfg.ListedShare <= 0 {
		cfg.ListedShare = 0.15
	}
	g := &h5Gen{
		c: c, cfg: cfg,
		rng:    rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x686f6c646f757435)),
		end:    cfg.Start.AddDate(0, 0, cfg.Days),
		taken:  map[string]bool{},
		calls:  map[[2]string]bool{},
		simUse: map[string]int{},
	}
	g.setup()
	g.honest()
	g.frauds()
	g.reports()

	ev := g.events[:0]
	for _, e := range g.events {
		if !e.At.Before(cfg.Start) && e.At.Before(g.end) {
			ev = append(ev, e)
		}
	}
	slices.SortStableFunc(ev, func(a, b Event) int { return a.At.Compare(b.At) })
	return &PaymentWorld{
		Config: PaymentConfig{Seed: cfg.Seed, Start: cfg.Start, Days: cfg.Days, Customers: cfg.Customers,
			Employers: cfg.Employers, Merchants: cfg.Merchants, Mules: len(g.mules), ScamsPerDay: cfg.ScamsPerDay,
			ListedMules: cfg.ListedShare},
		Events:   ev,
		Listed:   g.listed,
		EvalFrom: cfg.Start.AddDate(0, 0, cfg.WarmupDays),
	}
}

// Names, in the forms people type them.
var (
	h5Male    = []string{"Нурлан", "Ерлан", "Асхат", "Данияр", "Айдос", "Бауыржан", "Серик", "Марат", "Ержан", "Тимур", "Дмитрий", "Алексей", "Сергей", "Андрей", "Руслан", "Арман", "Алибек", "Жандос", "Санжар", "Ильяс", "Нурсултан", "Азамат"}
	h5Female  = []string{"Айгерим", "Динара", "Гульнара", "Асель", "Жанна", "Сауле", "Алия", "Мадина", "Айжан", "Камила", "Елена", "Ольга", "Наталья", "Татьяна", "Анна", "Айнур", "Томирис", "Дана", "Жулдыз", "Назерке", "Гульмира"}
	h5Surname = []string{"Ахметов", "Сериков", "Жумабаев", "Касымов", "Нурланов", "Омаров", "Искаков", "Султанов", "Абдрахманов", "Беков", "Иванов", "Ким", "Петров", "Смагулов", "Тулегенов", "Есенов", "Мухамеджанов", "Садыков", "Байжанов", "Каримов", "Цой", "Кузнецов", "Оспанов", "Рахимов"}
	h5Words   = []string{"Алем", "Нур", "Береке", "Тау", "Жулдыз", "Сапа", "Асыл", "Достык", "Шанырак", "Бастау", "Умай", "Арман", "Ақ Жол", "Сункар"}
	h5Trades  = []string{"Строй", "Сервис", "Маркет", "Трейд", "Фуд", "Авто", "Мед", "Тех", "Кофе", "Текстиль"}
)

// h5Regions are the regions of the customers, weighted by population.
var h5Regions = []struct {
	name string
	w    float64
}{
	{"Almaty", 22}, {"Astana", 16}, {"Shymkent", 10}, {"Karaganda", 8}, {"Aktobe", 6}, {"Atyrau", 4},
	{"Pavlodar", 5}, {"Kostanay", 5}, {"Taraz", 5}, {"Oskemen", 5}, {"Turkistan", 5}, {"Kyzylorda", 4}, {"Oral", 5},
}

// h5BankShare weighs the customers' main banks, in Country.Banks order.
var h5BankShare = []float64{45, 25, 7, 6, 6, 6, 3, 2}

// h5BIN is a card BIN of each bank.
var h5BIN = []string{"440043", "400303", "535614", "521324", "539545", "404932", "416853", "424931"}

// Hours of the day, weighted.
var (
	h5Day    = []float64{0.4, 0.2, 0.1, 0.05, 0.05, 0.1, 0.4, 1.2, 2.2, 3, 3.5, 3.8, 4.2, 4, 3.7, 3.5, 3.6, 4, 4.6, 5, 4.6, 3.6, 2.2, 1}
	h5Office = []float64{0, 0, 0, 0, 0, 0, 0, 0.3, 1.5, 4, 5, 5, 3, 4, 5, 5, 4, 3, 1, 0.3, 0, 0, 0, 0}
	h5Late   = []float64{3, 2.5, 1.5, 0.8, 0.4, 0.2, 0.2, 0.4, 0.8, 1, 1.2, 1.4, 1.6, 1.6, 1.5, 1.5, 1.6, 1.8, 2.2, 2.6, 3, 3.4, 3.6, 3.4}
)

// Foreign numbers and accounts of relatives and brokers.
var h5ForeignPhones = []struct {
	prefix, country string
	digits          int
}{
	{"99890", "UZ", 12}, {"99893", "UZ", 12}, {"996555", "KG", 12}, {"996700", "KG", 12}, {"7916", "RU", 11},
	{"7926", "RU", 11}, {"90532", "TR", 12}, {"90555", "TR", 12}, {"8210", "KR", 12},
}
var h5BrokerPhones = []struct {
	prefix string
	digits int
}{{"4477", 12}, {"35799", 11}, {"97150", 12}, {"90535", 12}}

// setup creates the people, the organisations they pay and the mules.
func (g *h5Gen) setup() {
	r := g.rng
	n := g.cfg.Customers
	for range n {
		age := 18 + int(math.Abs(r.NormFloat64())*22)
		if age > 85 {
			age = 18 + r.IntN(60)
		}
		a := g.person(h5Pick(r, h5BankShare), g.region())
		income := g.logn(320_000, 0.55)
		if age > 63 {
			income = g.logn(110_000, 0.3) // a pension
		} else if age < 23 {
			income = g.logn(150_000, 0.6)
		}
		p := &h5Person{a: a, age: age, income: income, employer: -1,
			savings: income * g.logn(2.5, 0.9) * (1 + float64(age)/40),
			rate:    g.logn(0.85, 0.6),
			night:   r.Float64() < 0.05+0.2*h5B(age < 30),
			web:     r.Float64() < 0.05+0.3*h5B(age > 60),
			crypto:  age < 40 && r.Float64() < 0.06,
			relay:   r.Float64() < 0.08,
		}
		if r.Float64() < 0.05 {
			a.newDevice = g.device()
			a.newDeviceAt = g.cfg.Start.Add(time.Duration(r.Float64()*float64(g.cfg.Days)*24) * time.Hour)
		}
		if r.Float64() < 0.03 {
			from := g.cfg.Start.AddDate(0, 0, r.IntN(g.cfg.Days))
			p.travel = [2]time.Time{from, from.AddDate(0, 0, 4+r.IntN(8))}
			p.travelIP = g.ip([]string{"88.230", "78.180", "94.200", "86.96", "31.146", "5.44"})
		}
		g.people = append(g.people, p)
	}
	// Families and friends.
	for i := 0; i < n; {
		size := 2 + r.IntN(5)
		fam := make([]int, 0, size)
		for j := i; j < min(n, i+size); j++ {
			fam = append(fam, j)
		}
		for _, j := range fam {
			for _, k := range fam {
				if j != k {
					g.people[j].contacts = append(g.people[j].contacts, k)
				}
			}
			for range 1 + r.IntN(4) {
				g.people[j].contacts = append(g.people[j].contacts, r.IntN(n))
			}
		}
		i += size
	}
	// Organisations.
	for range g.cfg.Employers {
		e := g.company("ТОО «" + h5Any(r, h5Words) + " " + h5Any(r, h5Trades) + "»")
		g.empl = append(g.empl, e)
		g.emplOf = append(g.emplOf, nil)
	}
	for i, p := range g.people {
		if p.age >= 20 && p.age <= 63 && r.Float64() < 0.6 {
			p.employer = int(float64(len(g.empl)) * math.Pow(r.Float64(), 1.8)) // a few big ones
			g.emplOf[p.employer] = append(g.emplOf[p.employer], i)
		}
	}
	for range g.cfg.Merchants {
		var name string
		if r.IntN(2) == 0 {
			name = "ИП " + h5Any(r, h5Surname)
		} else {
			name = "ТОО «" + h5Any(r, h5Words) + " " + h5Any(r, h5Trades) + "»"
		}
		g.merch = append(g.merch, g.company(name))
	}
	for _, name := range []string{"Алсеко", "Астана Су Арнасы", "ТОО «ОСИ Сервис»", "АО «КазТрансГаз Аймак»", "Энергосбыт", "Казахтелеком", "ТОО «Алма ТВ»"} {
		g.billers = append(g.billers, g.company(name))
	}
	for _, name := range []string{"Kcell", "Beeline", "Tele2"} {
		g.telcos = append(g.telcos, g.company(name))
	}
	for _, name := range []string{"ТОО МФО «Шинхан Финанс»", "ТОО МФО «Solva»", "АО «Home Credit Bank» кредит", "ТОО МФО «KMF»"} {
		g.lenders = append(g.lenders, g.company(name))
	}
	for range max(50, n/6) {
		g.sellers = append(g.sellers, g.person(h5Pick(r, h5BankShare), g.region()))
	}
	for range max(30, n/10) {
		g.crafts = append(g.crafts, g.person(h5Pick(r, h5BankShare), g.region()))
	}
	for range max(20, n/12) {
		g.landlords = append(g.landlords, g.person(h5Pick(r, h5BankShare), g.region()))
	}
	for _, name := range []string{"ТОО «Медикер»", "КазНУ им. аль-Фараби", "ТОО «Астана Моторс»", "ТОО «Той-хана Алтын»", "ТОО «Ритуал Сервис»", "Университет Нархоз", "ТОО «Керуен Медикус»"} {
		g.bigPayees = append(g.bigPayees, g.company(name))
	}
	for _, p := range g.people {
		if p.age >= 20 && p.age <= 45 && r.Float64() < 0.25 {
			p.landlord = g.landlords[r.IntN(len(g.landlords))]
			p.rentDay = 1 + r.IntN(10)
			p.rent = h5Round(g.logn(170_000, 0.35), 5000)
		}
		for range 2 + r.IntN(3) {
			b := h5Bill{to: g.billers[r.IntN(len(g.billers))], day: 1 + r.IntN(28), amount: h5Round(g.logn(9000, 0.6), 10)}
			p.bills = append(p.bills, b)
		}
		p.bills = append(p.bills, h5Bill{to: g.telcos[r.IntN(len(g.telcos))], day: 1 + r.IntN(28), amount: float64(1000 * (2 + r.IntN(5)))})
		if r.Float64() < 0.3 {
			p.bills = append(p.bills, h5Bill{to: g.lenders[r.IntN(len(g.lenders))], day: 1 + r.IntN(28), amount: h5Round(g.logn(45_000, 0.6), 1)})
		}
		if r.Float64() < 0.06 {
			p.abroad = g.foreignPayee(false)
		}
		if r.Float64() < 0.25 {
			own := g.person(h5Other(r, p.a.bank, len(g.c.Banks)), p.a.region)
			own.name, own.short, own.phone = p.a.name, p.a.short, p.a.phone
			p.own = own
		}
		p.habit = max(p.rent, p.income*0.25, 30_000)
	}

	// The adversary's accounts.
	for range 6 {
		g.farms = append(g.farms, g.device())
		g.farmIPs = append(g.farmIPs, []string{g.ip(h5Mobile), g.ip(h5Mobile), g.ip(h5Mobile)})
	}
	scale := g.cfg.ScamsPerDay * float64(g.cfg.Days) / 420
	rented := 0
	for _, i := range r.Perm(n) {
		p := g.people[i]
		if rented >= int(math.Max(8, 60*scale)) {
			break
		}
		if p.age > 30 || p.taken {
			continue
		}
		p.taken = true
		rented++
		from := g.cfg.Start
		if r.Float64() < 0.4 {
			from = from.AddDate(0, 0, r.IntN(g.cfg.Days))
		}
		g.mules = append(g.mules, &h5Mule{a: p.a, role: h5Rented, ips: []string{p.a.ip, g.ip(h5Mobile)},
			maxUses: 2 + r.IntN(6), from: from})
	}
	add := func(role, count int, bank func() int) {
		for range count {
			f := r.IntN(len(g.farms))
			a := g.person(bank(), g.region())
			a.device = g.farms[f]
			m := &h5Mule{a: a, role: role, ips: g.farmIPs[f], maxUses: 3 + r.IntN(8),
				from: g.cfg.Start.Add(time.Duration(r.Float64()*float64(g.cfg.Days-2)*24) * time.Hour)}
			switch role {
			case h5Shop:
				a.name = "ИП «" + h5Any(r, h5Words) + " " + h5Any(r, []string{"Tech", "Mobile", "Gadget", "Store", "Shop", "Market"}) + "»"
				a.short = a.name
				m.maxUses = 6 + r.IntN(10)
			case h5Drop:
				m.maxUses = 2 + r.IntN(4)
			case h5Collector:
				m.maxUses = 1000
			case h5Trader:
				a.device, m.ips, m.maxUses = g.device(), []string{a.ip}, 1<<30
				m.from = g.cfg.Start.AddDate(0, 0, -30)
			}
			if role == h5Fresh && r.Float64() < 0.5 {
				m.from = g.cfg.Start // opened before the month
			}
			g.mules = append(g.mules, m)
		}
	}
	digital := func() int { return h5Pick(r, []float64{40, 5, 5, 3, 10, 25, 2, 10}) }
	main := func() int { return h5Pick(r, h5BankShare) }
	add(h5Fresh, int(math.Max(10, 80*scale)), digital)
	add(h5Shop, int(math.Max(3, 16*scale)), main)
	add(h5Drop, int(math.Max(8, 90*scale)), main)
	add(h5Collector, int(math.Max(4, 25*scale)), digital)
	add(h5Trader, int(math.Max(5, 25*math.Sqrt(scale))), main)

	// The registry, before the month: some of the adversary's accounts,
	// older burnt ones, and a few honest sellers a buyer wrongly reported.
	evidence := []string{"confirmed fraud transfer", "victim complaint", "card-to-card cash-out", "police request"}
	submit := func(kind kuzet.Kind, value string) {
		b := g.c.Banks[r.IntN(len(g.c.Banks))]
		g.listed = append(g.listed, Submission{Reporter: b.Name, Kind: kind, Value: value, Category: kuzet.CategoryMuleAccount,
			Confidence: 0.6 + float64(r.IntN(40))/100, Evidence: h5Any(r, evidence)})
	}
	for _, m := range g.mules {
		if m.role == h5Trader || r.Float64() >= g.cfg.ListedShare {
			continue
		}
		switch {
		case m.role == h5Drop:
			submit(kuzet.KindCard, m.a.card)
		case r.IntN(5) == 0:
			submit(kuzet.KindPhone, m.a.phone)
		default:
			submit(kuzet.KindIBAN, h5Spaced(r, m.a.iban))
		}
	}
	for range int(math.Max(10, 60*scale)) {
		a := g.person(main(), g.region())
		if r.IntN(4) == 0 {
			submit(kuzet.KindCard, a.card)
		} else {
			submit(kuzet.KindIBAN, h5Spaced(r, a.iban))
		}
	}
	for range 3 {
		submit(kuzet.KindIBAN, g.sellers[r.IntN(len(g.sellers))].iban)
	}
}

// honest generates everyone's honest payments and calls.
func (g *h5Gen) honest() {
	r := g.rng
	start := g.cfg.Start
	for d := range g.cfg.Days {
		day := start.AddDate(0, 0, d)
		weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
		dom := day.Day()
		for _, p := range g.people {
			qr := 0.45 * p.rate
			if weekend {
				qr *= 1.3
			}
			for range g.poisson(qr) {
				m := g.merch[int(float64(len(g.merch))*math.Pow(r.Float64(), 2))]
				g.payHonest(g.at(d, g.hours(p)), H5KindQR, p, m, "iban", h5Round(g.logn(3800, 0.9), 10))
			}
			for range g.poisson(0.24 * p.rate) {
				g.family(d, p)
			}
			for _, b := range p.bills {
				if b.day == dom {
					at := g.at(d+r.IntN(2), h5Day)
					amt := b.amount
					if b.to != nil && !slices.Contains(g.telcos, b.to) {
						amt = h5Round(b.amount*(0.8+0.4*r.Float64()), 1)
					}
					g.payHonest(at, H5KindBills, p, b.to, "iban", amt)
				}
			}
			if p.landlord != nil && p.rentDay == dom {
				g.payHonest(g.at(d, h5Day), H5KindRent, p, p.landlord, h5Any(r, []string{"phone", "card", "iban"}), p.rent)
			}
			if r.Float64() < 0.018*p.rate {
				g.marketplace(d, p)
			}
			if r.Float64() < 0.01*p.rate {
				c := g.crafts[r.IntN(len(g.crafts))]
				at := g.at(d, h5Day)
				if r.Float64() < 0.6 {
					g.call(at.Add(-time.Duration(30+r.IntN(600))*time.Minute), c.phone, p.a.phone)
				}
				g.payHonest(at, H5KindServices, p, c, "phone", h5Round(g.logn(18_000, 0.7), 500))
			}
			if p.abroad != nil && r.Float64() < 0.1 {
				at := g.at(d, h5Day)
				if p.abroad.phone != "" && r.Float64() < 0.5 {
					g.call(at.Add(-time.Duration(10+r.IntN(300))*time.Minute), p.abroad.phone, p.a.phone)
				}
				g.payHonest(at, H5KindAbroad, p, p.abroad, "", h5Round(g.logn(60_000, 0.7), 1000))
			}
			if p.own != nil && r.Float64() < 0.025 {
				g.payHonest(g.at(d, h5Day), H5KindOwn, p, p.own, "iban", h5Round(math.Min(p.savings*0.6, g.logn(250_000, 0.9)), 1000))
			}
			if p.crypto && r.Float64() < 0.15 {
				t := g.muleOf(h5Trader)
				g.payHonest(g.at(d, h5Late), H5KindCrypto, p, t.a, h5Any(r, []string{"card", "card", "phone"}), h5Round(g.logn(60_000, 0.8), 1000))
			}
			if r.Float64() < 0.0015 {
				g.large(d, p)
			}
			if p.relay && r.Float64() < 0.03 && len(p.contacts) > 0 {
				g.relay(d, p)
			}
		}
		// Payroll: an advance around the 20th and the rest around the 5th.
		for e, staff := range g.emplOf {
			if len(staff) == 0 || (dom != 5+e%4 && dom != 20+e%4) {
				continue
			}
			if day.Weekday() == time.Sunday {
				continue
			}
			at := g.at(d, h5Office)
			share := 0.6
			if dom >= 20 {
				share = 0.4
			}
			for _, i := range staff {
				at = at.Add(time.Duration(2+r.IntN(20)) * time.Second)
				g.pay(at, H5KindSalary, g.empl[e], g.empl[e].device, g.empl[e].ip, "internet_banking",
					g.people[i].a.payee("iban"), h5Round(g.people[i].income*share, 1))
			}
		}
		// The banks' real hotlines call some of their customers.
		for range g.poisson(float64(len(g.people)) / 100) {
			p := g.people[r.IntN(len(g.people))]
			g.call(g.at(d, h5Office), g.c.Banks[p.a.bank].Hotline, p.a.phone)
		}
		g.pools(d, weekend)
	}
}

// family is a transfer to a relative or friend, sometimes after a call.
func (g *h5Gen) family(d int, p *h5Person) {
	r := g.rng
	if len(p.contacts) == 0 {
		return
	}
	q := g.people[p.contacts[r.IntN(len(p.contacts))]]
	at := g.at(d, g.hours(p))
	if r.Float64() < 0.08 {
		g.call(at.Add(-time.Duration(2+r.IntN(60))*time.Minute), q.a.phone, p.a.phone)
	}
	amt := h5Round(g.logn(9000, 1), 500)
	if r.Float64() < 0.5 {
		amt = h5Round(amt, 5000)
	}
	g.payHonest(at, H5KindFamily, p, q.a, h5Any(r, []string{"phone", "phone", "phone", "card", "card", "iban"}), max(amt, 500))
}

// marketplace is buying from a stranger on a classifieds site, usually
// after talking on the phone.
func (g *h5Gen) marketplace(d int, p *h5Person) {
	r := g.rng
	s := g.sellers[r.IntN(len(g.sellers))]
	at := g.at(d, h5Day)
	if r.Float64() < 0.65 {
		before := at.Add(-time.Duration(10+r.IntN(240)) * time.Minute)
		if r.IntN(2) == 0 {
			g.call(before, s.phone, p.a.phone)
		} else {
			g.call(before, p.a.phone, s.phone)
		}
	}
	amt := h5Round(g.logn(40_000, 1), 1000)
	g.payHonest(at, H5KindMarketplace, p, s, h5Any(r, []string{"phone", "phone", "card", "iban"}), amt)
	if r.Float64() < 0.15 { // the rest on delivery
		g.payHonest(at.Add(time.Duration(1+r.IntN(48))*time.Hour), H5KindMarketplace, p, s, "phone", h5Round(amt*(0.5+r.Float64()), 1000))
	}
}

// large is a rare big payment to someone new.
func (g *h5Gen) large(d int, p *h5Person) {
	r := g.rng
	at := g.at(d, h5Office)
	ch := ""
	if r.Float64() < 0.3 {
		ch = "branch"
	}
	switch r.IntN(3) {
	case 0: // a used car from a private seller, after calls
		s := g.sellers[r.IntN(len(g.sellers))]
		g.call(at.Add(-time.Duration(60+r.IntN(3000))*time.Minute), s.phone, p.a.phone)
		g.call(at.Add(-time.Duration(5+r.IntN(60))*time.Minute), p.a.phone, s.phone)
		g.payCh(at, H5KindLarge, p, s, "iban", h5Round(g.logn(4_500_000, 0.5), 10_000), ch)
	case 1: // a flat deposit to a new landlord
		l := g.landlords[r.IntN(len(g.landlords))]
		g.call(at.Add(-time.Duration(30+r.IntN(600))*time.Minute), l.phone, p.a.phone)
		g.payCh(at, H5KindLarge, p, l, h5Any(r, []string{"iban", "phone"}), h5Round(g.logn(450_000, 0.4), 10_000), ch)
	default: // tuition or a clinic
		g.payCh(at, H5KindLarge, p, g.bigPayees[r.IntN(len(g.bigPayees))], "iban", h5Round(g.logn(700_000, 0.6), 1000), ch)
	}
}

// relay is money received from a relative and spent for them at once.
func (g *h5Gen) relay(d int, p *h5Person) {
	r := g.rng
	q := g.people[p.contacts[r.IntN(len(p.contacts))]]
	at := g.at(d, h5Day)
	amt := h5Round(g.logn(45_000, 0.8), 1000)
	g.payHonest(at, H5KindFamily, q, p.a, "phone", amt)
	var to *h5Acct
	mode := "iban"
	switch r.IntN(3) {
	case 0:
		to, mode = g.sellers[r.IntN(len(g.sellers))], "phone"
	case 1:
		to = g.merch[r.IntN(len(g.merch))]
	default:
		to = g.bigPayees[r.IntN(len(g.bigPayees))]
	}
	g.payHonest(at.Add(time.Duration(3+r.IntN(90))*time.Minute), H5KindRelay, p, to, mode, amt*(0.9+0.1*r.Float64()))
}

// pools are collections: many payers, one organiser, one payout.
func (g *h5Gen) pools(d int, weekend bool) {
	r := g.rng
	n := len(g.people)
	rate := float64(n) / 3000
	organiser := func() *h5Person { return g.people[r.IntN(n)] }
	members := func(o *h5Person, k int) []*h5Person {
		var out []*h5Person
		for _, c := range o.contacts {
			out = append(out, g.people[c])
		}
		for len(out) < k {
			if q := g.people[r.IntN(n)]; q != o {
				out = append(out, q)
			}
		}
		return out[:k]
	}
	// A school class or a colleagues' collection.
	if r.Float64() < 0.9*rate {
		o := organiser()
		total := 0.0
		each := float64(1000 * (2 + r.IntN(4)))
		for _, m := range members(o, 10+r.IntN(16)) {
			g.payHonest(g.at(d+r.IntN(2), h5Late), H5KindPool, m, o.a, "phone", each)
			total += each
		}
		g.payHonest(g.at(d+2, h5Day), H5KindPool, o, g.merch[r.IntN(len(g.merch))], "iban", h5Round(total*(0.85+0.15*r.Float64()), 10))
	}
	// A toi on a Saturday: gifts late at night, the hall paid the next day.
	if weekend && r.Float64() < 0.5*rate {
		o := organiser()
		base := g.cfg.Start.AddDate(0, 0, d).Add(19 * time.Hour)
		total := 0.0
		for _, m := range members(o, 15+r.IntN(30)) {
			amt := float64(5000 * (1 + r.IntN(8)))
			g.payHonest(base.Add(time.Duration(r.IntN(7*3600))*time.Second), H5KindPool, m, o.a, "phone", amt)
			total += amt
		}
		g.payHonest(base.Add(time.Duration(14+r.IntN(10))*time.Hour), H5KindPool, o, g.bigPayees[3], "iban", h5Round(total*(0.6+0.4*r.Float64()), 1000))
	}
	// A rotating savings club: everyone pays in, one member takes the pot.
	if r.Float64() < 0.45*rate {
		o := organiser()
		ms := members(o, 6+r.IntN(7))
		each := float64(10_000 * (3 + r.IntN(8)))
		last := g.at(d, h5Day)
		for _, m := range ms {
			at := g.at(d, h5Day)
			last = h5Later(last, at)
			g.payHonest(at, H5KindPool, m, o.a, h5Any(r, []string{"phone", "card"}), each)
		}
		g.payHonest(last.Add(time.Duration(20+r.IntN(600))*time.Minute), H5KindPool, o, ms[r.IntN(len(ms))].a, "phone", each*float64(len(ms)))
	}
	// A funeral: relatives and colleagues send money within hours.
	if r.Float64() < 0.25*rate {
		o := organiser()
		total := 0.0
		at := g.at(d, h5Day)
		for _, m := range members(o, 8+r.IntN(25)) {
			amt := float64(5000 * (1 + r.IntN(4)))
			g.payHonest(at.Add(time.Duration(r.IntN(10*3600))*time.Second), H5KindPool, m, o.a, "phone", amt)
			total += amt
		}
		g.payHonest(at.Add(time.Duration(18+r.IntN(10))*time.Hour), H5KindPool, o, g.bigPayees[4], "iban", h5Round(total*0.7, 1000))
	}
}

// frauds runs the scams, in the order they start.
func (g *h5Gen) frauds() {
	r := g.rng
	type start struct {
		at     time.Time
		scheme string
	}
	var starts []start
	for d := range g.cfg.Days {
		day := g.cfg.Start.AddDate(0, 0, d)
		lam := g.cfg.ScamsPerDay
		if w := day.Weekday(); w == time.Saturday || w == time.Sunday {
			lam *= 0.8
		} else {
			lam *= 1.08
		}
		for range g.poisson(lam) {
			s := Holdout5Schemes[h5Pick(r, h5SchemeShare)]
			hours := h5Office
			switch s {
			case H5SchemeTaskJob, H5SchemeInvestment, H5SchemeHackedFriend:
				hours = h5Late
			case H5SchemeFakeSeller, H5SchemeFakeShop, H5SchemeRemoteAccess:
				hours = h5Day
			}
			starts = append(starts, start{g.at(d, hours), s})
		}
	}
	slices.SortStableFunc(starts, func(a, b start) int { return a.at.Compare(b.at) })
	for _, st := range starts {
		s := &h5Scam{id: len(g.scams) + 1, scheme: st.scheme}
		if s.victim = g.victim(st.scheme); s.victim == nil {
			continue
		}
		g.scams = append(g.scams, s)
		g.scam(s, st.at)
	}
}

// victim picks someone the scheme would reach.
func (g *h5Gen) victim(scheme string) *h5Person {
	r := g.rng
	for range 200 {
		p := g.people[r.IntN(len(g.people))]
		if p.taken {
			continue
		}
		w := 0.5
		switch scheme {
		case H5SchemeSafeAccount, H5SchemeLoanCover, H5SchemeRemoteAccess:
			w = 0.15 + math.Min(1, float64(p.age-18)/45)
		case H5SchemeTaskJob:
			w = h5B(p.age < 36) + 0.05
		case H5SchemeInvestment:
			w = h5B(p.age >= 25 && p.age < 65)
		case H5SchemeFakeSeller, H5SchemeFakeShop:
			w = h5B(p.age < 60) + 0.1
		}
		if r.Float64() < w {
			p.taken = true
			return p
		}
	}
	return nil
}

// h5Plan is one payment a victim will make.
type h5Plan struct {
	at       time.Time
	to       *h5Mule
	mode     string
	amount   float64
	takeover bool // made by the fraudster from a device of their own
}

// scam plans a scam's contacts and payments and runs them.
func (g *h5Gen) scam(s *h5Scam, at time.Time) {
	r := g.rng
	v := s.victim
	var plans []h5Plan
	budget := v.savings
	layer1 := func() *h5Mule {
		if r.Float64() < 0.5 {
			return g.muleAt(h5Rented, at)
		}
		return g.muleAt(h5Fresh, at)
	}
	spend := func(x float64) float64 {
		x = math.Min(x, budget)
		budget -= x
		return x
	}
	// How the fraudster reaches the victim: a real drop SIM, the operator
	// that is not on the exchange, a messenger, or an old-style spoof that
	// the exchange blocks and a messenger call replaces.
	contact := func(domestic, izi, spoof float64) string {
		x := r.Float64()
		switch {
		case x < domestic:
			return g.dropSIM(false)
		case x < domestic+izi:
			return g.dropSIM(true)
		case x < domestic+izi+spoof:
			g.scamCall(at.Add(-time.Duration(30+r.IntN(120))*time.Minute), g.c.Banks[r.IntN(len(g.c.Banks))].Hotline, v.a.phone, kuzet.IngressInternational)
		}
		return ""
	}
	// The victim reports with probability p, minH to maxH hours after
	// the last payment.
	var delay time.Duration
	reportIn := func(p float64, minH, maxH float64) {
		if r.Float64() < p {
			delay = time.Duration((minH + (maxH-minH)*math.Pow(r.Float64(), 1.5)) * float64(time.Hour))
		}
	}
	switch s.scheme {
	case H5SchemeSafeAccount:
		s.caller = contact(0.35, 0.2, 0.1)
		s.channel = h5If(s.caller != "", "phone_call", "messenger")
		s.desc = "A caller from the bank's security service and then an officer of the financial monitoring agency said my savings were at risk and had me move them to a protected account opened in my name."
		own := g.ownName(v, at)
		days := 1 + h5Pick(r, []float64{4, 3, 3})
		t := at
		for d := range days {
			if d > 0 {
				t = t.AddDate(0, 0, 1).Add(time.Duration(r.IntN(180)-90) * time.Minute)
			}
			if s.caller != "" {
				g.scamCall(t.Add(-time.Duration(5+r.IntN(40))*time.Minute), s.caller, v.a.phone, kuzet.IngressDomestic)
			}
			tt := t
			for range 1 + h5Pick(r, []float64{4, 4, 2}) {
				to := own
				if r.Float64() < 0.25 {
					to = layer1()
				}
				amt := spend(h5Round(v.habit*(0.6+0.7*r.Float64()), 10_000))
				if amt < 10_000 || to == nil {
					break
				}
				plans = append(plans, h5Plan{at: tt, to: to, mode: "iban", amount: amt})
				tt = tt.Add(time.Duration(15+r.IntN(120)) * time.Minute)
			}
		}
		reportIn(0.8, 6, 72)
	case H5SchemeLoanCover:
		s.caller = contact(0.4, 0.25, 0.05)
		s.channel = h5If(s.caller != "", "phone_call", "messenger")
		s.desc = "I was told someone was taking a loan in my name; to cancel it I had to take the loan myself and send it to a reserve account."
		if s.caller != "" {
			g.scamCall(at.Add(-time.Duration(20+r.IntN(90))*time.Minute), s.caller, v.a.phone, kuzet.IngressDomestic)
		}
		loan := h5Round(g.logn(800_000, 0.6), 10_000)
		budget = loan + v.savings*0.3
		t := at
		for range 1 + h5Pick(r, []float64{5, 4, 1}) {
			plans = append(plans, h5Plan{at: t, to: layer1(), mode: "iban", amount: spend(h5Round(loan*(0.5+0.5*r.Float64()), 1000))})
			t = t.Add(time.Duration(10+r.IntN(60)) * time.Minute)
		}
		reportIn(0.85, 20, 96)
	case H5SchemeFakeSeller:
		s.channel = "marketplace"
		s.desc = "I paid a seller on a classifieds site in advance; the seller stopped answering."
		if r.Float64() < 0.45 {
			s.caller = g.dropSIM(r.Float64() < 0.15)
			before := at.Add(-time.Duration(10+r.IntN(180)) * time.Minute)
			if r.IntN(2) == 0 {
				g.scamCall(before, s.caller, v.a.phone, kuzet.IngressDomestic)
			} else {
				g.scamCall(before, v.a.phone, s.caller, kuzet.IngressDomestic)
			}
		}
		var to *h5Mule
		mode := "phone"
		switch x := r.Float64(); {
		case x < 0.6:
			to = g.muleAt(h5Rented, at)
		case x < 0.85:
			to, mode = g.muleAt(h5Drop, at), "card"
		default:
			to, mode = g.muleAt(h5Fresh, at), "iban"
		}
		amt := h5Round(g.logn(45_000, 0.8), 1000)
		plans = append(plans, h5Plan{at: at, to: to, mode: mode, amount: spend(amt)})
		if r.Float64() < 0.4 {
			plans = append(plans, h5Plan{at: at.Add(time.Duration(60+r.IntN(300)) * time.Minute), to: to, mode: mode, amount: spend(h5Round(amt*(0.3+0.7*r.Float64()), 1000))})
		}
		reportIn(0.55, 24, 120)
	case H5SchemeInvestment:
		s.channel = "social_network"
		s.desc = "An advert led me to a trading platform; a personal broker had me deposit more and more, and I could not withdraw."
		s.extra = append(s.extra, kuzet.Indicator{Kind: kuzet.KindDomain, Value: g.domain([]string{"invest", "capital", "trade", "broker", "profit"})})
		if r.Float64() < 0.45 {
			b := h5BrokerPhones[r.IntN(len(h5BrokerPhones))]
			s.caller = "+" + b.prefix + h5Digits(r, b.digits-len(b.prefix))
			g.scamCall(at.Add(-time.Duration(30+r.IntN(300))*time.Minute), s.caller, v.a.phone, kuzet.IngressInternational)
		}
		amt := float64(1000 * (15 + r.IntN(45)))
		t := at
		for range 3 + r.IntN(5) {
			var to *h5Mule
			mode := "card"
			switch x := r.Float64(); {
			case x < 0.5:
				to = g.muleAt(h5Trader, t)
			case x < 0.7:
				to, mode = g.muleAt(h5Trader, t), "phone"
			default:
				to, mode = g.muleAt(h5Rented, t), "iban"
			}
			a := spend(h5Round(amt, 1000))
			if a < 5000 {
				break
			}
			plans = append(plans, h5Plan{at: t, to: to, mode: mode, amount: a})
			amt *= 1.4 + r.Float64()
			t = t.Add(time.Duration(12+r.IntN(24*6)) * time.Hour)
			if s.caller != "" && r.Float64() < 0.5 {
				g.scamCall(t.Add(-time.Duration(20+r.IntN(200))*time.Minute), s.caller, v.a.phone, kuzet.IngressInternational)
			}
		}
		reportIn(0.45, 72, 360)
	case H5SchemeHackedFriend:
		s.channel = "messenger"
		s.desc = "A friend wrote on WhatsApp asking to borrow money until tomorrow, to a relative's card; the friend's account had been hijacked."
		if len(v.contacts) > 0 {
			f := g.people[v.contacts[r.IntN(len(v.contacts))]]
			s.extra = append(s.extra, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(f.a.phone)})
		}
		to, mode := g.muleAt(h5Drop, at), "card"
		if r.Float64() < 0.4 {
			to, mode = g.muleAt(h5Rented, at), "phone"
		}
		amt := float64(10_000 * (2 + r.IntN(14)))
		plans = append(plans, h5Plan{at: at, to: to, mode: mode, amount: spend(amt)})
		if r.Float64() < 0.35 {
			plans = append(plans, h5Plan{at: at.Add(time.Duration(20+r.IntN(200)) * time.Minute), to: to, mode: mode, amount: spend(amt / 2)})
		}
		reportIn(0.6, 4, 48)
	case H5SchemeTaskJob:
		s.channel = "messenger"
		s.desc = "A Telegram job rating hotels paid me small sums at first, then asked for deposits to unlock tasks and withdraw."
		s.extra = append(s.extra, kuzet.Indicator{Kind: kuzet.KindURL, Value: "https://t.me/" + h5Any(r, []string{"hr_", "job_", "work_"}) + strings.ToLower(h5Any(r, []string{"aliya", "dana", "asel", "kamila", "madina"})) + h5Digits(r, 3)})
		for i := range 1 + r.IntN(3) {
			g.bait(s, at.Add(time.Duration(i*40+r.IntN(30))*time.Minute), float64(500*(3+r.IntN(14))))
		}
		t := at.Add(time.Duration(2+r.IntN(20)) * time.Hour)
		amt := float64(1000 * (5 + r.IntN(15)))
		for range 3 + r.IntN(4) {
			to, mode := g.muleAt(h5Rented, t), "phone"
			switch x := r.Float64(); {
			case x < 0.3:
				to, mode = g.muleAt(h5Fresh, t), "phone"
			case x < 0.5:
				to, mode = g.muleAt(h5Trader, t), "card"
			}
			a := spend(h5Round(amt, 1000))
			if a < 3000 {
				break
			}
			plans = append(plans, h5Plan{at: t, to: to, mode: mode, amount: a})
			amt *= 1.5 + r.Float64()*1.5
			t = t.Add(time.Duration(20+r.IntN(24*60)) * time.Minute)
		}
		reportIn(0.5, 24, 240)
	case H5SchemeFakeShop:
		s.channel = "web"
		s.desc = "I bought a phone from an online shop with low prices and paid by QR; nothing was delivered."
		s.extra = append(s.extra, kuzet.Indicator{Kind: kuzet.KindDomain, Value: g.domain([]string{"shop", "store", "market", "gadget", "sale"})})
		to := g.muleAt(h5Shop, at)
		amt := h5Round(g.logn(150_000, 0.7), 990)
		plans = append(plans, h5Plan{at: at, to: to, mode: "iban", amount: spend(amt)})
		if r.Float64() < 0.15 {
			plans = append(plans, h5Plan{at: at.Add(time.Duration(1+r.IntN(30)) * time.Hour), to: to, mode: "iban", amount: spend(h5Round(amt*0.1, 100))})
		}
		reportIn(0.55, 72, 240)
	case H5SchemeRemoteAccess:
		s.caller = contact(0.5, 0.2, 0)
		s.channel = h5If(s.caller != "", "phone_call", "messenger")
		s.desc = "A caller about my SIM contract had me install an app and read out a code; money then left my account in minutes."
		if s.caller != "" {
			g.scamCall(at.Add(-time.Duration(5+r.IntN(30))*time.Minute), s.caller, v.a.phone, kuzet.IngressDomestic)
		}
		take := r.Float64() < 0.45
		total := budget * (0.6 + 0.35*r.Float64())
		k := 1 + r.IntN(4)
		t := at
		for range k {
			to, mode := g.muleAt(h5Drop, t), "card"
			if r.Float64() < 0.45 {
				to, mode = g.muleAt(h5Rented, t), "phone"
			}
			plans = append(plans, h5Plan{at: t, to: to, mode: mode, amount: spend(h5Round(total/float64(k), 100)), takeover: take})
			t = t.Add(time.Duration(60+r.IntN(540)) * time.Second)
		}
		reportIn(0.9, 1, 24)
	}
	if s.caller != "" {
		s.extra = append(s.extra, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(s.caller)})
	}
	plans = slices.DeleteFunc(plans, func(p h5Plan) bool { return p.to == nil || p.amount < 1000 })
	if len(plans) == 0 {
		return
	}
	if delay > 0 {
		s.reportAt = plans[len(plans)-1].at.Add(delay)
		for _, p := range plans {
			if p.to.retired.IsZero() || s.reportAt.Before(p.to.retired) {
				if p.to.role != h5Trader {
					p.to.retired = s.reportAt
				}
			}
		}
	}
	dev, ip := g.session(v, at)
	takeDev, takeIP := g.device(), g.ip(append(h5Mobile, "185.220", "45.83", "91.132"))
	for _, p := range plans {
		d, i, ch := dev, ip, h5If(v.web, "internet_banking", "mobile_app")
		if p.takeover {
			d, i, ch = takeDev, takeIP, "mobile_app"
		}
		g.pay(p.at, PayScam, v.a, d, i, ch, p.to.a.payee(p.mode), p.amount).setScam(s)
		g.moves = append(g.moves, &h5Move{sid: s.id, from: v.a, to: p.to.a, amount: p.amount, at: p.at, victim: true})
		g.flow(p.to, s, p.amount, p.at, 1)
	}
}

// setScam labels a victim's payment.
func (p *Payment) setScam(s *h5Scam) {
	p.Scheme, p.ScamID = s.scheme, s.id
}

// flow runs what a mule does with amount of scam s received at at: wait,
// forward in parts, cash out.
func (g *h5Gen) flow(m *h5Mule, s *h5Scam, amount float64, at time.Time, layer int) {
	r := g.rng
	cashout := func(x float64, when time.Time) {
		if x > 0 {
			g.moves = append(g.moves, &h5Move{sid: s.id, from: m.a, amount: x, at: when, since: at})
		}
	}
	switch m.role {
	case h5Drop:
		left := amount
		t := at
		for left > 0 {
			t = t.Add(time.Duration(10+r.IntN(300)) * time.Minute)
			x := math.Min(left, float64(10_000*(5+r.IntN(26))))
			cashout(x, t)
			left -= x
		}
		return
	case h5Trader:
		cashout(amount, at.Add(time.Duration(12+r.IntN(96))*time.Hour))
		return
	}
	var parts int
	var wait time.Duration
	share := 0.6 + 0.35*r.Float64()
	switch x := r.Float64(); {
	case layer == 2:
		parts, wait = 1+r.IntN(2), time.Duration(2+r.IntN(20))*time.Hour
	case x < 0.15: // the old way, straight on
		parts, wait, share = 1, time.Duration(3+r.IntN(25))*time.Minute, 0.9+0.1*r.Float64()
	case x < 0.7:
		parts, wait = 2+r.IntN(3), time.Duration(60+r.IntN(13*60))*time.Minute
	default: // all cash: ATMs, gold, phones
		parts, wait, share = 0, 0, 0
	}
	if m.role == h5Rented && wait > time.Hour { // after work
		if h := at.Add(wait).Hour(); h < 17 {
			wait += time.Duration(17-h) * time.Hour
		}
	}
	sent := 0.0
	t := at.Add(wait)
	for i := range parts {
		x := h5Round(amount*share/float64(parts)*(0.8+0.4*r.Float64()), 100)
		if i == parts-1 || sent+x > amount*share {
			x = math.Floor(amount*share - sent)
		}
		if x < 1000 {
			break
		}
		// People sleep; a farm's operators mostly do too.
		if h := t.Hour(); h >= 1 && h < 7 && (m.role == h5Rented || r.Float64() < 0.7) {
			t = t.Add(time.Duration(7-h)*time.Hour + time.Duration(r.IntN(150))*time.Minute)
		}
		dev := m.a.device
		ip := m.ips[r.IntN(len(m.ips))]
		var to *h5Mule
		mode := "card"
		switch y := r.Float64(); {
		case layer == 2 && y < 0.25:
			f := g.foreignPayee(true)
			g.pay(t, PayMuleForward, m.a, dev, ip, "mobile_app", f.payee(""), x).setScam(s)
			g.moves = append(g.moves, &h5Move{sid: s.id, from: m.a, to: f, amount: x, at: t})
			sent += x
			t = t.Add(time.Duration(5+r.IntN(120)) * time.Minute)
			continue
		case layer == 1 && y < 0.55:
			to, mode = g.muleAt(h5Collector, t), h5Any(r, []string{"iban", "phone"})
		case y < 0.8:
			to = g.muleAt(h5Trader, t)
		default:
			to, mode = g.muleAt(h5Trader, t), "phone"
		}
		if to == nil {
			break
		}
		g.pay(t, PayMuleForward, m.a, dev, ip, "mobile_app", to.a.payee(mode), x).setScam(s)
		g.moves = append(g.moves, &h5Move{sid: s.id, from: m.a, to: to.a, amount: x, at: t})
		if !s.reportAt.IsZero() && t.Before(s.reportAt) && to.role == h5Collector && (to.retired.IsZero() || s.reportAt.Before(to.retired)) {
			to.retired = s.reportAt
		}
		g.flow(to, s, x, t, layer+1)
		sent += x
		t = t.Add(time.Duration(5+r.IntN(120)) * time.Minute)
	}
	// The rest leaves by ATM and card purchases over the next day.
	left := amount - sent
	ct := at.Add(time.Duration(20+r.IntN(30*60)) * time.Minute)
	for left > 0 {
		x := math.Min(left, float64(10_000*(5+r.IntN(46))))
		cashout(x, ct)
		left -= x
		ct = ct.Add(time.Duration(10+r.IntN(600)) * time.Minute)
	}
}

// bait pays a task-job victim a small sum from another scam's money that
// a mule holds and would otherwise cash out.
func (g *h5Gen) bait(s *h5Scam, at time.Time, amount float64) {
	for i := len(g.moves) - 1; i >= 0 && i >= len(g.moves)-3000; i-- {
		c := g.moves[i]
		if c.to != nil || c.sid == s.id || !c.since.Before(at) || !c.at.After(at) || c.amount < amount+1000 {
			continue
		}
		var m *h5Mule
		for _, x := range g.mules {
			if x.a == c.from {
				m = x
			}
		}
		if m == nil || (m.role != h5Rented && m.role != h5Fresh && m.role != h5Collector) {
			continue
		}
		c.amount -= amount
		donor := g.scams[c.sid-1]
		g.pay(at, PayMuleForward, m.a, m.a.device, m.ips[g.rng.IntN(len(m.ips))], "mobile_app", s.victim.a.payee("phone"), amount).setScam(donor)
		g.moves = append(g.moves, &h5Move{sid: c.sid, from: m.a, to: s.victim.a, amount: amount, at: at})
		return
	}
}

// reports files the victims' reports, with the banks' truth about where
// the money went by the time of the report.
func (g *h5Gen) reports() {
	type key struct {
		a   *h5Acct
		sid int
	}
	in := map[key][]*h5Move{}
	out := map[key][]*h5Move{}
	bySID := map[int][]*h5Move{}
	for _, m := range g.moves {
		bySID[m.sid] = append(bySID[m.sid], m)
		out[key{m.from, m.sid}] = append(out[key{m.from, m.sid}], m)
		if m.to != nil {
			in[key{m.to, m.sid}] = append(in[key{m.to, m.sid}], m)
		}
	}
	for _, s := range g.scams {
		if s.reportAt.IsZero() || !s.reportAt.Before(g.end) {
			continue
		}
		rep := &Report{ScamID: s.id, Scheme: s.scheme, Channel: s.channel, Description: s.desc, Currency: "KZT",
			Victim: kuzet.Victim{Name: s.victim.a.name, Phone: s.victim.a.phone, Region: s.victim.a.region},
			Hops:   map[string]Hop{}}
		rep.Indicators = append(rep.Indicators, s.extra...)
		var queue []*h5Acct
		seen := map[string]bool{}
		for _, m := range bySID[s.id] {
			if !m.victim || m.at.After(s.reportAt) {
				continue
			}
			rep.AmountLost += h5Amount(m.amount)
			rep.Transfers = append(rep.Transfers, kuzet.Transfer{FromBankBIC: m.from.bic, ToIBAN: m.to.iban,
				ToBankBIC: m.to.bic, Amount: h5Amount(m.amount), At: m.at})
			if !seen[m.to.iban] {
				seen[m.to.iban] = true
				queue = append(queue, m.to)
				rep.Indicators = append(rep.Indicators, g.given(m.to))
			}
		}
		for len(queue) > 0 {
			a := queue[0]
			queue = queue[1:]
			var held float64
			for _, m := range in[key{a, s.id}] {
				if !m.at.After(s.reportAt) {
					held += m.amount
				}
			}
			hop := Hop{BankBIC: a.bic}
			for _, m := range out[key{a, s.id}] {
				if m.at.After(s.reportAt) {
					continue
				}
				held -= m.amount
				if m.to == nil {
					continue
				}
				hop.Onward = append(hop.Onward, kuzet.Transfer{FromBankBIC: a.bic, ToIBAN: m.to.iban, ToBankBIC: m.to.bic,
					Amount: h5Amount(m.amount), At: m.at})
				if !m.to.foreign && !seen[m.to.iban] {
					seen[m.to.iban] = true
					queue = append(queue, m.to)
				}
			}
			hop.Frozen = h5Amount(math.Max(0, held))
			slices.SortStableFunc(hop.Onward, func(x, y kuzet.Transfer) int { return x.At.Compare(y.At) })
			if m := g.muleByAcct(a); m == nil {
				hop.Frozen = 0 // an honest victim of bait: spent
			}
			rep.Hops[a.iban] = hop
		}
		g.events = append(g.events, Event{At: s.reportAt, Report: rep})
	}
}

// given is a payee as the victim writes it down.
func (g *h5Gen) given(a *h5Acct) kuzet.Indicator {
	switch g.rng.IntN(3) {
	case 0:
		if a.card != "" {
			return kuzet.Indicator{Kind: kuzet.KindCard, Value: h5Spaced(g.rng, a.card)}
		}
	case 1:
		return kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(a.phone)}
	}
	return kuzet.Indicator{Kind: kuzet.KindIBAN, Value: h5Spaced(g.rng, a.iban)}
}

// muleByAcct returns the mule of account a, nil for anyone else.
func (g *h5Gen) muleByAcct(a *h5Acct) *h5Mule {
	for _, m := range g.mules {
		if m.a == a {
			return m
		}
	}
	return nil
}

// muleAt returns a mule of role usable at t, preferring the least used;
// nil when none is left.
func (g *h5Gen) muleAt(role int, t time.Time) *h5Mule {
	var ok []*h5Mule
	for _, m := range g.mules {
		if m.role == role && !m.from.After(t) && (m.retired.IsZero() || t.Before(m.retired)) && m.uses < m.maxUses {
			ok = append(ok, m)
		}
	}
	if len(ok) == 0 {
		if role == h5Rented || role == h5Shop {
			return g.muleAt(h5Fresh, t)
		}
		if role == h5Fresh || role == h5Collector || role == h5Drop {
			// The farm opens another account.
			f := g.rng.IntN(len(g.farms))
			a := g.person(h5Pick(g.rng, []float64{40, 5, 5, 3, 10, 25, 2, 10}), g.region())
			a.device = g.farms[f]
			m := &h5Mule{a: a, role: role, ips: g.farmIPs[f], maxUses: 3 + g.rng.IntN(8), from: t}
			if role == h5Collector {
				m.maxUses = 1000
			}
			g.mules = append(g.mules, m)
			ok = append(ok, m)
		} else {
			return nil
		}
	}
	m := ok[g.rng.IntN(len(ok))]
	if role != h5Collector {
		// Use up one account before the next, as a group with few of them.
		m = slices.MaxFunc(ok, func(a, b *h5Mule) int { return a.uses - b.uses })
		if m.uses == 0 || g.rng.Float64() < 0.3 {
			m = ok[g.rng.IntN(len(ok))]
		}
	}
	m.uses++
	return m
}

// muleOf returns any mule of role, for honest payments to traders.
func (g *h5Gen) muleOf(role int) *h5Mule {
	var ok []*h5Mule
	for _, m := range g.mules {
		if m.role == role {
			ok = append(ok, m)
		}
	}
	return ok[g.rng.IntN(len(ok))]
}

// ownName opens an account at another bank in the victim's name.
func (g *h5Gen) ownName(v *h5Person, at time.Time) *h5Mule {
	r := g.rng
	f := r.IntN(len(g.farms))
	bank := h5Other(r, v.a.bank, len(g.c.Banks))
	a := g.person(bank, v.a.region)
	a.name, a.short, a.device = v.a.name, v.a.short, g.farms[f]
	m := &h5Mule{a: a, role: h5OwnName, ips: g.farmIPs[f], maxUses: 1 << 30, from: at.Add(-time.Duration(10+r.IntN(300)) * time.Minute)}
	g.mules = append(g.mules, m)
	return m
}

// dropSIM returns the number of a SIM registered to someone else, used for
// a few calls and thrown away; on the unconnected operator if izi.
func (g *h5Gen) dropSIM(izi bool) string {
	r := g.rng
	if len(g.sims) > 0 && r.Float64() < 0.5 {
		n := g.sims[len(g.sims)-1]
		if g.simUse[n] < 3 && g.member(n) != izi {
			g.simUse[n]++
			return n
		}
	}
	var n string
	if izi {
		t := g.c.Unconnected[r.IntN(len(g.c.Unconnected))]
		n = g.unique("+" + t.Prefixes[r.IntN(len(t.Prefixes))] + h5Digits(r, 7))
	} else {
		n = g.mobile()
	}
	g.sims = append(g.sims, n)
	g.simUse[n] = 1
	return n
}

// scamCall is a fraudster's call.
func (g *h5Gen) scamCall(at time.Time, a, b string, ingress kuzet.Ingress) {
	if !g.member(b) {
		return // no operator on the exchange terminates it
	}
	g.callN++
	domestic := g.member(a)
	reg := domestic && ingress == kuzet.IngressDomestic
	pair := [2]string{a, b}
	first := !g.calls[pair]
	g.calls[pair] = true
	g.events = append(g.events, Event{At: at, Call: &EventCall{A: a, B: b, At: at, CallID: fmt.Sprintf("h5c-%d", g.callN),
		Ingress: ingress, Registered: reg, Foreign: ingress == kuzet.IngressInternational,
		Unverified: !reg && (domestic || strings.HasPrefix(a, "+7")), FirstTime: first, Scam: true}})
}

// call is an honest call: registered by a member operator, over a
// domestic trunk unless the caller is abroad.
func (g *h5Gen) call(at time.Time, a, b string) {
	if !g.member(b) {
		return
	}
	g.callN++
	ingress := kuzet.IngressDomestic
	if !strings.HasPrefix(a, "+7") || strings.HasPrefix(a, "+79") {
		ingress = kuzet.IngressInternational
	}
	domestic := g.member(a)
	pair := [2]string{a, b}
	first := !g.calls[pair]
	g.calls[pair] = true
	g.events = append(g.events, Event{At: at, Call: &EventCall{A: a, B: b, At: at, CallID: fmt.Sprintf("h5c-%d", g.callN),
		Ingress: ingress, Registered: domestic, Foreign: ingress == kuzet.IngressInternational,
		Unverified: !domestic && ingress == kuzet.IngressDomestic, FirstTime: first}})
}

// member reports whether n belongs to an operator on the exchange.
func (g *h5Gen) member(n string) bool {
	for _, t := range append(slices.Clone(g.c.Telcos), g.c.FixedLine...) {
		for _, p := range t.Prefixes {
			if strings.HasPrefix(n, "+"+p) {
				return true
			}
		}
	}
	return false
}

// payHonest is an honest payment by p from their usual device.
func (g *h5Gen) payHonest(at time.Time, kind PaymentKind, p *h5Person, to *h5Acct, mode string, amount float64) {
	g.payCh(at, kind, p, to, mode, amount, "")
}

// payCh is payHonest on a given channel ("" for the person's usual one).
func (g *h5Gen) payCh(at time.Time, kind PaymentKind, p *h5Person, to *h5Acct, mode string, amount float64, ch string) {
	if to == p.a || amount < 100 {
		return
	}
	dev, ip := g.session(p, at)
	if ch == "" {
		ch = h5If(p.web && g.rng.Float64() < 0.7, "internet_banking", "mobile_app")
	}
	g.pay(at, kind, p.a, dev, ip, ch, to.payee(mode), amount)
}

// pay appends a payment check.
func (g *h5Gen) pay(at time.Time, kind PaymentKind, from *h5Acct, dev, ip, ch string, to kuzet.Payee, amount float64) *Payment {
	g.payN++
	p := &Payment{Kind: kind, BankBIC: from.bic, Check: kuzet.PaymentCheck{
		PaymentID: fmt.Sprintf("%s-%d-%07d", from.bic[:4], at.Year(), g.payN),
		Amount:    h5Amount(amount), Currency: "KZT", CreatedAt: at, Channel: ch,
		Payer: kuzet.Payer{Account: from.iban, Phone: from.phone, CustomerID: from.custID, DeviceID: dev, IP: ip, Region: from.region},
		Payee: to,
	}}
	g.events = append(g.events, Event{At: at, Payment: p})
	return p
}

// session returns the device and address p pays from at at.
func (g *h5Gen) session(p *h5Person, at time.Time) (string, string) {
	dev := p.a.device
	if p.a.newDevice != "" && !at.Before(p.a.newDeviceAt) {
		dev = p.a.newDevice
	}
	if !p.travel[0].IsZero() && !at.Before(p.travel[0]) && at.Before(p.travel[1]) {
		return dev, p.travelIP
	}
	if h := at.Hour(); (h >= 19 || h < 8) && g.rng.Float64() < 0.7 {
		return dev, p.a.ip
	}
	return dev, g.ip(h5Mobile)
}

// payee is how a payer names a: by account, card or phone. Honest payers
// write names as the app shows them.
func (a *h5Acct) payee(mode string) kuzet.Payee {
	if a.foreign {
		return kuzet.Payee{IBAN: a.iban, Card: a.card, Phone: a.phone, BankBIC: a.bic, Name: a.name}
	}
	switch mode {
	case "phone":
		return kuzet.Payee{Phone: a.phone, BankBIC: a.bic, Name: a.short}
	case "card":
		return kuzet.Payee{Card: a.card, BankBIC: a.bic, Name: a.short}
	}
	return kuzet.Payee{IBAN: a.iban, BankBIC: a.bic, Name: a.name}
}

// person returns a new account of a new person at bank in region.
func (g *h5Gen) person(bank int, region string) *h5Acct {
	r := g.rng
	first, sur := h5Any(r, h5Male), h5Any(r, h5Surname)
	if r.IntN(2) == 0 {
		first = h5Any(r, h5Female)
		if strings.HasSuffix(sur, "ов") || strings.HasSuffix(sur, "ев") || strings.HasSuffix(sur, "ин") {
			sur += "а"
		}
	}
	b := g.c.Banks[bank]
	a := &h5Acct{name: sur + " " + first, short: first + " " + string([]rune(sur)[:1]) + ".", bank: bank, bic: b.BIC,
		phone: g.mobile(), device: g.device(), ip: g.ip(h5Fixed), region: region}
	a.iban = g.iban(bank)
	a.card = g.card(h5BIN[bank])
	a.custID = fmt.Sprintf("%s%09d", strings.ToLower(b.BIC[:3]), r.IntN(1e9))
	return a
}

// company returns a new company account.
func (g *h5Gen) company(name string) *h5Acct {
	r := g.rng
	bank := h5Pick(r, []float64{25, 35, 10, 10, 8, 4, 5, 3})
	b := g.c.Banks[bank]
	a := &h5Acct{name: name, short: name, bank: bank, bic: b.BIC, phone: g.mobile(), device: g.device(),
		ip: g.ip(h5Fixed), region: g.region()}
	a.iban = g.iban(bank)
	a.custID = fmt.Sprintf("corp%08d", r.IntN(1e8))
	return a
}

// foreignPayee is a relative's account abroad, or a cash-out point abroad,
// which is always an IBAN.
func (g *h5Gen) foreignPayee(ibanOnly bool) *h5Acct {
	r := g.rng
	first, sur := h5Any(r, h5Male), h5Any(r, h5Surname)
	a := &h5Acct{name: first + " " + sur, foreign: true}
	k := r.IntN(4)
	if ibanOnly {
		k = 1 + r.IntN(2)
	}
	switch k {
	case 0: // Uzbekistan, Humo and Uzcard by card
		a.card = g.card(h5Any(r, []string{"986012", "860049"}))
		a.phone = g.unique("+99890" + h5Digits(r, 7))
	case 1: // Turkey: an IBAN
		a.iban = h5IBAN("TR", fmt.Sprintf("%05d0%s", 10+r.IntN(200), h5Digits(r, 16)))
		a.bic = h5Any(r, []string{"TCZBTR2A", "ISBKTRIS", "AKBKTR2I"})
	case 2: // Georgia: an IBAN
		a.iban = h5IBAN("GE", h5Any(r, []string{"TB", "BG"})+h5Digits(r, 16))
		a.bic = h5Any(r, []string{"TBCBGE22", "BAGAGE22"})
	default: // a phone transfer system abroad
		f := h5ForeignPhones[r.IntN(len(h5ForeignPhones))]
		a.phone = g.unique("+" + f.prefix + h5Digits(r, f.digits-len(f.prefix)))
	}
	return a
}

// The address blocks of home broadband and mobile networks.
var (
	h5Fixed  = []string{"2.132", "2.133", "2.134", "95.56", "95.57", "178.90", "92.46"}
	h5Mobile = []string{"37.150", "37.151", "178.89", "92.47", "5.34", "176.64"}
)

// ip returns an address in one of blocks.
func (g *h5Gen) ip(blocks []string) string {
	return fmt.Sprintf("%s.%d.%d", h5Any(g.rng, blocks), g.rng.IntN(256), 1+g.rng.IntN(254))
}

// device returns a new device ID, as a bank's app reports it.
func (g *h5Gen) device() string {
	return fmt.Sprintf("%s-%016x", h5Any(g.rng, []string{"and", "and", "ios"}), g.rng.Uint64())
}

// mobile returns a new number of an operator on the exchange.
func (g *h5Gen) mobile() string {
	t := g.c.Telcos[g.rng.IntN(len(g.c.Telcos))]
	return g.unique("+" + t.Prefixes[g.rng.IntN(len(t.Prefixes))] + h5Digits(g.rng, 7))
}

// unique returns s, or a fresh draw if s was handed out before.
func (g *h5Gen) unique(s string) string {
	for g.taken[s] {
		s = s[:len(s)-4] + h5Digits(g.rng, 4)
	}
	g.taken[s] = true
	return s
}

// iban returns a new IBAN at bank.
func (g *h5Gen) iban(bank int) string {
	code := g.c.Banks[bank].BankCode
	for {
		var acct string
		if g.rng.IntN(2) == 0 {
			acct = "KZT" + h5Digits(g.rng, 10)
		} else {
			acct = h5Digits(g.rng, 13)
		}
		if s := KZIBAN(code, acct); !g.taken[s] {
			g.taken[s] = true
			return s
		}
	}
}

// card returns a new Luhn-valid 16-digit card number with bin.
func (g *h5Gen) card(bin string) string {
	for {
		body := bin + h5Digits(g.rng, 15-len(bin))
		if s := body + string(luhnDigit(body)); !g.taken[s] {
			g.taken[s] = true
			return s
		}
	}
}

// region returns a region of the country, by population.
func (g *h5Gen) region() string {
	w := make([]float64, len(h5Regions))
	for i, r := range h5Regions {
		w[i] = r.w
	}
	return h5Regions[h5Pick(g.rng, w)].name
}

// domain is a site a fraud runs, of the kind people find in adverts.
func (g *h5Gen) domain(words []string) string {
	r := g.rng
	return fmt.Sprintf("%s-%s%d.%s", h5Any(r, []string{"kz", "qaz", "astana", "nur", "alem", "sapa"}), h5Any(r, words),
		r.IntN(100), h5Any(r, []string{"com", "pro", "online", "site", "top", "kz"}))
}

// messy writes a number the way a victim notes it.
func (g *h5Gen) messy(e164 string) string {
	if !strings.HasPrefix(e164, "+7") || len(e164) != 12 {
		return e164
	}
	d := e164[2:]
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

// hours returns the hours p pays at.
func (g *h5Gen) hours(p *h5Person) []float64 {
	if p.night {
		return h5Late
	}
	return h5Day
}

// at returns a random moment of day d after Start, at an hour drawn from
// weights.
func (g *h5Gen) at(d int, weights []float64) time.Time {
	h := h5Pick(g.rng, weights)
	return g.cfg.Start.AddDate(0, 0, d).Add(time.Duration(h)*time.Hour + time.Duration(g.rng.IntN(3600))*time.Second)
}

// logn draws from a log-normal distribution with the given median.
func (g *h5Gen) logn(median, sigma float64) float64 {
	return median * math.Exp(sigma*g.rng.NormFloat64())
}

// poisson draws a count with mean l.
func (g *h5Gen) poisson(l float64) int {
	if l <= 0 {
		return 0
	}
	lim, k, p := math.Exp(-l), 0, 1.0
	for {
		p *= g.rng.Float64()
		if p < lim {
			return k
		}
		k++
	}
}

// h5Pick returns an index drawn with weights w.
func h5Pick(r *rand.Rand, w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	x := r.Float64() * total
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	return len(w) - 1
}

// h5Any returns an element of s.
func h5Any[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// h5Other returns a bank index other than not.
func h5Other(r *rand.Rand, not, n int) int {
	i := r.IntN(n - 1)
	if i >= not {
		i++
	}
	return i
}

// h5Digits returns n random decimal digits.
func h5Digits(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

// h5Spaced writes an IBAN or card number in groups of four, as printed,
// half of the time.
func h5Spaced(r *rand.Rand, s string) string {
	if r.IntN(2) == 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// h5IBAN returns the IBAN of country cc for bban, with its check digits.
func h5IBAN(cc, bban string) string {
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

// h5Round rounds x to a multiple of step, never below step.
func h5Round(x, step float64) float64 { return math.Max(step, math.Round(x/step)*step) }

// h5Amount converts units to an Amount.
func h5Amount(x float64) kuzet.Amount { return kuzet.Amount(math.Round(x * 100)) }

// h5B is 1 for true and 0 for false.
func h5B(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// h5If returns yes if b, no otherwise.
func h5If(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

// h5Later returns the later of a and b.
func h5Later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
