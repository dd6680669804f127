package synth

// Holdout8 is an eighth blind payment world, written without knowledge of
// how kuzet decides. It simulates four weeks of retail payments in
// Kazakhstan in early 2026 (UTC+5 everywhere since March 2024), the first
// week of which only builds habits.
//
// People. A few thousand customers in the country's regions (ISO 3166-2:KZ
// codes), young (18–30), of working age, or pensioners. Each has a primary
// bank in proportion to the retail market (Kaspi well over half of all
// transfers, Halyk next, the others small), three in ten a second bank, a
// phone on one of the mobile operators (a few on Izi Mobile, which is not
// connected to the exchange), an Android phone (about three in four) or an
// iPhone, a monthly income (wage or pension), savings and a habitual
// transfer size. People belong to kin groups of two to six whose members
// send each other money by phone number.
//
// Honest behaviour, with the look-alikes a naive rule would flag:
//   - salaries from employers twice a month (advance and main), pensions
//     from the state pension centre, both checked by the payer's bank with
//     internet_banking as channel;
//   - shop, café, taxi and delivery payments to merchants, a quarter of
//     them to private sellers' personal accounts (bazaar stalls, Instagram
//     shops, taxi drivers): strangers who receive from many payers;
//   - utilities, mobile top-ups, taxes; monthly rent to a landlord;
//   - family transfers by phone number, a quarter preceded by a call from
//     the relative asking for money, often paid while still on the call;
//   - relatives abroad (Russia shares +7 with Kazakhstan; students in
//     Korea, Turkey, Poland, Czechia, the USA; parents in Uzbekistan,
//     Kyrgyzstan; workers in Korea and the Emirates) who call from foreign
//     numbers or WhatsApp, after which money goes to their foreign card,
//     their Kazakh account, or someone at home, sometimes far above habit
//     (tuition);
//   - small importers called from China or Turkey who then pay a cargo
//     intermediary they have never paid;
//   - big purchases from new payees after a first call with the seller:
//     cars (millions of tenge), flat deposits, rental deposits, used goods,
//     renovation contractors; sellers may be on an unconnected operator;
//   - couriers who call (first-time number) and are paid on the call;
//   - toi gifts: dozens of guests paying the same new payee within hours on
//     a weekend evening, condolence collections, and charity collections
//     for a sick child shared on Instagram: fan-in to a private account
//     from many strangers, exactly what a mule looks like;
//   - peer-to-peer crypto purchases (USDT) by young people: transfers to a
//     different stranger every time, at any hour;
//   - self-transfers between one's own banks, sometimes most of one's
//     savings into a newly opened deposit account at another bank;
//   - night owls and night-shift workers paying at 1–4 a.m.;
//   - trips abroad (foreign IP addresses), new phones (three in a hundred a
//     month), pensioners whose children help them through a remote-control
//     app, and a few Android users with accessibility services that the
//     banks' apps take for remote control; honest calls from the banks'
//     real hotlines.
//
// Fraud. About thirty scams a day, reaching victims in ways chosen by an
// adversary who knows the exchange exists: that it verifies domestic
// numbers with the operators, shares mule accounts across banks and hears
// the banks' app signals. Spoofing (a bank's hotline from abroad, a foreign
// number, a domestic number no operator originated) survives but shrinks;
// real domestic SIMs in SIM boxes, SIMs of the unconnected operator, and
// WhatsApp/Telegram calls from "police" or the "National Bank" take its
// place. Beside them: hacked WhatsApp accounts of relatives asking for a
// loan, fake sellers on marketplaces, investment platforms with growing
// deposits to P2P sellers' cards, account takeover after an SMS code is
// talked out of the victim (the fraudster logs in from his own phone, and a
// good share waits more than 72 hours before draining, having learnt that
// banks report new devices), and remote-access malware (fake eGov or
// delivery apps) that pays from the victim's own phone at night. Victims of
// the "bank security" schemes are told to hang up before paying (the call
// "is being monitored"), to move to WhatsApp, to go to a branch, or to move
// money first to their own account at another bank; a third of the callers
// keep each transfer near the victim's usual size. Amounts go from a
// relative's 30,000 tenge to a pensioner's savings plus a fresh loan.
//
// Mules. A pool of first-tier accounts (drops), activated through the month
// and burnt after a few days and a few victims, most at Kaspi, a share run
// by handlers from a few shared phones; and collector accounts that forward
// on to foreign IBANs (Turkey, Georgia, the Emirates) or crypto P2P cards.
// Drops forward within minutes, a slow third within hours; some withdraw
// cash. Mule forwards are checked by the mule's bank. Listed holds half of
// the drops activated before the month, older mules, and three honest
// private sellers wrongly reported.
//
// Reports. Most victims report, after minutes (account takeover) to days
// (marketplace, investment), with the caller's number, the payees as they
// saw them and the transfers; Hops give what each account still held when
// its bank would have answered a freeze, and where the rest went.
//
// Session fields. Whether a bank's app reports them depends on the bank and
// the phone: the largest apps see cellular calls well and messenger calls
// less well on Android (iPhones expose both through CallKit), remote access
// on Android far better than on iPhones, and new devices almost always;
// one bank reports only new devices; internet banking sees only a new
// browser, a branch nothing. See h8BankCaps and h8Sess.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// Holdout8Config sets up the world. Zero fields take the defaults in
// brackets.
type Holdout8Config struct {
	Seed uint64
	// Start is the first day, from its midnight in Kazakhstan (UTC+5)
	// [Monday 2 February 2026].
	Start time.Time
	// Days counts every day, the warm-up included [28].
	Days int
	// Customers are the people with an account [3,600].
	Customers int
	// ScamsPerDay is the mean number of successful scams a day [30].
	ScamsPerDay float64
	// WarmupDays are the first days, which only build habits [7].
	WarmupDays int
	// Mules are the first-tier mule accounts; collectors add a sixth [90].
	Mules int
}

// Scheme names of Holdout8 beside the package's Scheme* constants.
const (
	h8SchemeUnconnected = "unconnected_operator"  // a SIM of an operator not connected to the exchange
	h8SchemeRelative    = "hacked_relative"       // a relative's hijacked WhatsApp asks for money
	h8SchemeMarketplace = "marketplace"           // a fake seller takes a deposit
	h8SchemeInvestment  = "investment"            // a fake platform, growing deposits to P2P cards
	h8SchemeTakeover    = "account_takeover"      // SMS code talked out; fraudster's own device pays
	h8SchemeRAT         = "remote_access_malware" // fake app with remote control pays from the victim's phone
)

var h8SchemeWeights = []struct {
	name string
	w    float64
}{
	{SchemeSpoofedHotline, 5},
	{SchemeForeignCaller, 8},
	{SchemeDomesticSpoofed, 5},
	{SchemeSimbox, 13},
	{h8SchemeUnconnected, 6},
	{SchemeMessenger, 17},
	{h8SchemeRelative, 10},
	{h8SchemeMarketplace, 11},
	{h8SchemeInvestment, 9},
	{h8SchemeTakeover, 9},
	{h8SchemeRAT, 7},
}

// h8Caps is how well a bank's app reports each session signal when it is
// true: cellular call, messenger call (on Android; iPhones see messenger
// calls as well as cellular ones), remote access (on Android; iPhones see
// only screen capture), new device.
type h8Caps struct{ cell, voip, remote, newDev float64 }

var h8BankCaps = map[string]h8Caps{
	"CASPKZKA": {0.92, 0.65, 0.75, 0.98},
	"HSBKKZKX": {0.85, 0.50, 0.65, 0.95},
	"KSNVKZKA": {0.80, 0.55, 0.60, 0.95},
	"IRTYKZKA": {0.60, 0.25, 0.45, 0.90},
	"KCJBKZKX": {0.50, 0.15, 0.35, 0.90},
	"TSESKZKA": {0, 0, 0, 0.85},
	"EURIKZKA": {0, 0, 0.20, 0.70},
	"INLMKZKA": {0.40, 0.10, 0.30, 0.80},
}

var h8BankShare = map[string]float64{
	"CASPKZKA": 58, "HSBKKZKX": 20, "IRTYKZKA": 5, "KCJBKZKX": 5,
	"TSESKZKA": 4, "KSNVKZKA": 5, "EURIKZKA": 2, "INLMKZKA": 1,
}

var h8Regions = []struct {
	code string
	w    float64
}{
	{"KZ-75", 11}, {"KZ-71", 7.5}, {"KZ-79", 6}, {"KZ-61", 11}, {"KZ-19", 7.5},
	{"KZ-35", 5.5}, {"KZ-31", 6}, {"KZ-63", 3.6}, {"KZ-15", 4.8}, {"KZ-27", 3.4},
	{"KZ-23", 3.6}, {"KZ-47", 3.9}, {"KZ-55", 3.8}, {"KZ-39", 4.2}, {"KZ-43", 4.2},
	{"KZ-11", 3.8}, {"KZ-59", 2.7}, {"KZ-10", 3.1}, {"KZ-33", 3.5}, {"KZ-62", 1.1},
}

var h8MaleNames = []string{"Алихан", "Нурлан", "Ерлан", "Данияр", "Арман", "Асхат", "Бауыржан", "Дамир", "Ержан", "Серик", "Тимур", "Айдос", "Руслан", "Мейрам", "Санжар", "Олжас", "Ринат", "Ильяс", "Марат", "Канат", "Дмитрий", "Сергей", "Андрей", "Алексей", "Владимир", "Игорь", "Евгений", "Азамат", "Галым", "Ерасыл"}
var h8FemaleNames = []string{"Айгерим", "Динара", "Асель", "Гульнара", "Жанар", "Алия", "Мадина", "Сауле", "Аружан", "Камила", "Айжан", "Гаухар", "Салтанат", "Индира", "Жибек", "Назерке", "Томирис", "Ботагоз", "Лаура", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Юлия", "Гульмира", "Райхан", "Акмарал"}
var h8Surnames = []string{"Ахметов", "Садыков", "Жумабаев", "Касымов", "Омаров", "Искаков", "Абенов", "Калиев", "Мусин", "Байжанов", "Сулейменов", "Есенов", "Беков", "Тулегенов", "Утегенов", "Кенжебаев", "Нурланов", "Рахимов", "Ибраев", "Смагулов", "Оспанов", "Жаксылыков", "Иванов", "Петров", "Кузнецов", "Шевченко", "Ким", "Пак", "Цой", "Нургалиев"}

// h8Person is a customer.
type h8Person struct {
	idx                   int
	name, short           string
	phone                 string
	telco                 int // index in Telcos; -1 for the unconnected operator
	bank, bank2           int // bank2 -1 when none
	iban, iban2           string
	cust, cust2           string
	card                  string
	region                string
	age                   int // 0 young, 1 working age, 2 pensioner
	android               bool
	device, device2       string
	browser               string
	newPhoneAt            time.Time // zero: no new phone
	homeIP                string
	income, habit, saving float64
	nightOwl, webUser     bool
	a11y, helped          bool // accessibility false positive; children help by remote control
	kin                   []int
	kinExt                []h8Ext
	abroad                *h8Relative
	importer, crypto      bool
	trader                bool
	rent                  float64
	rentDay               int
	landlord              h8Ext
	tripFrom, tripTo      time.Time
	tripIP                string
	newAcctAt             time.Time // opens a deposit account at bank2 during the month
	scammed               bool
}

// h8Ext is someone outside the customers: a payee and maybe a caller.
type h8Ext struct {
	phone string
	payee kuzet.Payee
}

type h8Relative struct {
	phone   string // foreign E.164
	country string
	student bool
	card    string // foreign card
	kzPhone string // their Kazakh number, for a Kazakh account, "" if none
	kzBank  int
}

// h8Org is a company: merchant, utility or employer.
type h8Org struct {
	name, iban, bin string
	bank            int
	region          string
	median          float64 // typical amount, merchants
	payday, advance int     // employers: day of month; advance 0 if none
	staff           []int
}

// h8Mule is a mule account.
type h8Mule struct {
	name, short, phone string
	iban, card, cust   string
	bank               int
	region             string
	device, ip         string
	devSince           time.Time
	from, until        time.Time
	listed, slow       bool
	remote             bool // the handler drives the drop's phone remotely
	uses, cap          int
	tier               int
}

// h8Line is a scammer's calling number in use.
type h8Line struct {
	number string
	left   int
}

type h8Gen struct {
	c                        *Country
	r                        *rand.Rand
	cfg                      Holdout8Config
	loc                      *time.Location
	start, end, evalFrom     time.Time
	people                   []*h8Person
	merchants, utilities     []*h8Org
	employers                []*h8Org
	pension                  *h8Org
	traders                  []int // indices of people
	p2pSellers               []h8Ext
	cargo                    []h8Ext
	mules, collectors        []*h8Mule
	handlers                 []string
	events                   []Event
	seq, calls, scams        int
	preseen                  map[string]bool
	simbox, izi, foreignScam []h8Line
}

// Holdout8 returns the eighth blind payment world for cfg; see the comment
// at the top of holdout8.go. It depends on cfg alone, not on c's random
// state.
func (c *Country) Holdout8(cfg Holdout8Config) *PaymentWorld {
	loc := time.FixedZone("KZ", 5*3600)
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2026, 2, 2, 0, 0, 0, 0, loc)
	} else {
		s := cfg.Start.In(loc)
		cfg.Start = time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, loc)
	}
	if cfg.Days <= 0 {
		cfg.Days = 28
	}
	if cfg.Customers <= 0 {
		cfg.Customers = 3600
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
		cfg.Mules = 90
	}
	g := &h8Gen{
		c:       c,
		r:       rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x686f6c646f757438)),
		cfg:     cfg,
		loc:     loc,
		start:   cfg.Start,
		end:     cfg.Start.AddDate(0, 0, cfg.Days),
		preseen: map[string]bool{},
	}
	g.evalFrom = cfg.Start.AddDate(0, 0, cfg.WarmupDays)
	g.setup()
	for d := 0; d < cfg.Days; d++ {
		g.honestDay(d)
		g.scamDay(d)
	}
	g.finish()
	w := &PaymentWorld{
		Config: PaymentConfig{
			Seed: cfg.Seed, Start: cfg.Start, Days: cfg.Days, Customers: cfg.Customers,
			Employers: len(g.employers), Merchants: len(g.merchants), Mules: cfg.Mules,
			ScamsPerDay: cfg.ScamsPerDay,
		},
		Events:   g.events,
		Listed:   g.listed(),
		EvalFrom: g.evalFrom,
	}
	if n := len(g.mules); n > 0 {
		k := 0
		for _, m := range g.mules {
			if m.listed {
				k++
			}
		}
		w.Config.ListedMules = float64(k) / float64(n)
	}
	return w
}

// Random helpers.

func (g *h8Gen) f() float64             { return g.r.Float64() }
func (g *h8Gen) n(k int) int            { return g.r.IntN(k) }
func (g *h8Gen) p(x float64) bool       { return g.r.Float64() < x }
func (g *h8Gen) u(a, b float64) float64 { return a + (b-a)*g.r.Float64() }

func (g *h8Gen) logn(median, sigma float64) float64 {
	return median * math.Exp(sigma*g.r.NormFloat64())
}

func (g *h8Gen) poisson(l float64) int {
	if l <= 0 {
		return 0
	}
	if l > 50 {
		k := int(math.Round(l + math.Sqrt(l)*g.r.NormFloat64()))
		return max(k, 0)
	}
	lim, k, prod := math.Exp(-l), 0, g.r.Float64()
	for prod > lim {
		k++
		prod *= g.r.Float64()
	}
	return k
}

func h8Pick[T any](g *h8Gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *h8Gen) weighted(ws []float64) int {
	sum := 0.0
	for _, w := range ws {
		sum += w
	}
	x := g.f() * sum
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

var (
	h8HourHonest = []float64{0.5, 0.25, 0.15, 0.1, 0.1, 0.2, 0.6, 1.5, 3, 4, 5, 5.5, 6, 6, 5.5, 5.5, 5.5, 6, 6.5, 7, 7, 6, 4, 1.8}
	h8HourOwl    = []float64{4, 3.5, 3, 2, 1, 0.5, 0.3, 0.5, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5.5, 6, 6, 6, 6, 5}
	h8HourCentre = []float64{0, 0, 0, 0, 0, 0, 0, 0.1, 0.4, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 2.5, 2, 1.5, 1, 0.4}
	h8HourNight  = []float64{4, 5, 5, 4, 3, 1.5, 0.5, 0.3, 0.3, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.7, 1, 1.5, 2, 3}
	h8HourDay    = []float64{0.1, 0.05, 0, 0, 0, 0.05, 0.2, 0.8, 2, 3, 4, 4.5, 5, 5, 5, 5, 5, 5, 5, 5, 4.5, 3.5, 2, 0.6}
	h8HourEve    = []float64{0.8, 0.3, 0.1, 0, 0, 0, 0, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.3, 2, 3, 4, 5, 5, 4, 2}
)

// at returns a time on day d at an hour drawn from ws.
func (g *h8Gen) at(d int, ws []float64) time.Time {
	h := g.weighted(ws)
	return g.start.AddDate(0, 0, d).Add(time.Duration(h)*time.Hour + time.Duration(g.n(3600))*time.Second)
}

func (g *h8Gen) mins(a, b float64) time.Duration {
	return time.Duration(g.u(a, b) * float64(time.Minute))
}

// h8KZT rounds a sum of tenge to step tenge (at least 1) as an Amount.
func h8KZT(x, step float64) kuzet.Amount {
	if step < 1 {
		step = 1
	}
	v := math.Round(x/step) * step
	if v < step {
		v = step
	}
	return kuzet.Amount(int64(v) * 100)
}

// humanStep is how people round an amount they type.
func (g *h8Gen) humanStep(x float64) float64 {
	switch {
	case g.p(0.25):
		return 1
	case x < 20_000:
		return 500
	case x < 200_000:
		return 1000
	case x < 2_000_000:
		return 10_000
	}
	return 100_000
}

// Identifiers.

func (g *h8Gen) mobile() (string, int) {
	ti := g.n(len(g.c.Telcos))
	t := g.c.Telcos[ti]
	return fmt.Sprintf("+%s%07d", h8Pick(g, t.Prefixes), g.n(10_000_000)), ti
}

func (g *h8Gen) unconnected() string {
	if len(g.c.Unconnected) == 0 {
		s, _ := g.mobile()
		return s
	}
	t := h8Pick(g, g.c.Unconnected)
	return fmt.Sprintf("+%s%07d", h8Pick(g, t.Prefixes), g.n(10_000_000))
}

// personPhone returns a customer's number: about 4% on the unconnected
// operator.
func (g *h8Gen) personPhone() (string, int) {
	if g.p(0.04) && len(g.c.Unconnected) > 0 {
		return g.unconnected(), -1
	}
	return g.mobile()
}

var h8Foreign = map[string]struct {
	prefix string
	digits int
}{
	"RU": {"79", 9}, "KR": {"82108", 7}, "TR": {"9053", 8}, "DE": {"49151", 8}, "US": {"1", 10},
	"UZ": {"99890", 7}, "KG": {"99670", 7}, "CN": {"8613", 9}, "AE": {"97150", 7}, "CZ": {"42073", 7},
	"PL": {"4850", 7}, "GB": {"44779", 7}, "PH": {"63917", 7}, "GE": {"995599", 6}, "UA": {"38067", 7},
	"CY": {"35799", 6},
}

func (g *h8Gen) foreignPhone(cc string) string {
	f := h8Foreign[cc]
	var b strings.Builder
	b.WriteString("+" + f.prefix)
	for range f.digits {
		b.WriteByte(byte('0' + g.n(10)))
	}
	if cc == "US" {
		return "+1" + h8Pick(g, []string{"212", "415", "312", "646", "718", "206"}) + string(byte('2'+g.n(8))) + g.digits(6)
	}
	return b.String()
}

func (g *h8Gen) kzIBAN(bank int) string {
	return KZIBAN(g.c.Banks[bank].BankCode, fmt.Sprintf("%013d", g.r.Int64N(1e13)))
}

// h8IBAN returns an IBAN of country cc with bban, with its check digits.
func h8IBAN(cc, bban string) string {
	rem := 0
	for _, r := range bban + cc + "00" {
		if r >= 'A' && r <= 'Z' {
			v := int(r-'A') + 10
			rem = (rem*100 + v) % 97
		} else {
			rem = (rem*10 + int(r-'0')) % 97
		}
	}
	return fmt.Sprintf("%s%02d%s", cc, 98-rem, bban)
}

func (g *h8Gen) digits(k int) string {
	b := make([]byte, k)
	for i := range b {
		b[i] = byte('0' + g.n(10))
	}
	return string(b)
}

func (g *h8Gen) foreignIBAN() string {
	switch g.n(3) {
	case 0:
		return h8IBAN("TR", h8Pick(g, []string{"00062", "00010", "00046", "00111"})+"0"+g.digits(16))
	case 1:
		return h8IBAN("GE", h8Pick(g, []string{"BG", "TB", "LB"})+g.digits(16))
	}
	return h8IBAN("AE", h8Pick(g, []string{"033", "026", "035"})+g.digits(16))
}

func (g *h8Gen) cardWith(bins []string) string {
	body := h8Pick(g, bins) + g.digits(9)
	return body + string(luhnDigit(body))
}

func (g *h8Gen) kzCard() string {
	return g.cardWith([]string{"440043", "400303", "521324", "535614", "220070", "404932", "539545"})
}

func (g *h8Gen) foreignCard(cc string) string {
	switch cc {
	case "RU":
		return g.cardWith([]string{"220220", "220015", "427600", "553691"})
	case "UZ":
		return g.cardWith([]string{"986012", "860002", "986035"})
	case "KG":
		return g.cardWith([]string{"417666", "979255"})
	}
	return g.cardWith([]string{"411111", "454617", "529931", "535522", "476173"})
}

func (g *h8Gen) hex(k int) string {
	const h = "0123456789abcdef"
	b := make([]byte, k)
	for i := range b {
		b[i] = h[g.n(16)]
	}
	return string(b)
}

func (g *h8Gen) deviceID(android bool) string {
	if android {
		return g.hex(16)
	}
	return strings.ToUpper(g.hex(8) + "-" + g.hex(4) + "-4" + g.hex(3) + "-" + h8Pick(g, []string{"8", "9", "A", "B"}) + g.hex(3) + "-" + g.hex(12))
}

var h8MobileNets = [][]string{{"2.76", "2.77", "2.78"}, {"37.99", "37.150"}, {"5.76", "5.34", "91.185"}}

func (g *h8Gen) mobileIP(telco int) string {
	nets := []string{"5.251", "5.250"}
	if telco >= 0 && telco < len(h8MobileNets) {
		nets = h8MobileNets[telco]
	}
	return fmt.Sprintf("%s.%d.%d", h8Pick(g, nets), g.n(256), 1+g.n(254))
}

func (g *h8Gen) homeIP() string {
	return fmt.Sprintf("%s.%d.%d", h8Pick(g, []string{"95.56", "95.57", "178.89", "178.91", "92.46", "147.30", "82.200"}), g.n(256), 1+g.n(254))
}

func (g *h8Gen) vpnIP() string {
	return fmt.Sprintf("%s.%d.%d", h8Pick(g, []string{"185.220", "45.86", "193.233", "91.108", "194.26", "146.70", "89.187"}), g.n(256), 1+g.n(254))
}

func (g *h8Gen) abroadIP() string {
	return fmt.Sprintf("%s.%d.%d", h8Pick(g, []string{"88.230", "176.42", "94.54", "213.87", "5.188", "31.13"}), g.n(256), 1+g.n(254))
}

func (g *h8Gen) personName() (string, string) {
	female := g.p(0.52)
	first := h8Pick(g, h8MaleNames)
	if female {
		first = h8Pick(g, h8FemaleNames)
	}
	sur := h8Pick(g, h8Surnames)
	if female && (strings.HasSuffix(sur, "ов") || strings.HasSuffix(sur, "ев") || strings.HasSuffix(sur, "ин")) {
		sur += "а"
	}
	r := []rune(sur)
	return first + " " + sur, first + " " + string(r[0]) + "."
}

func (g *h8Gen) bankIndex() int {
	ws := make([]float64, len(g.c.Banks))
	for i, b := range g.c.Banks {
		ws[i] = h8BankShare[b.BIC]
		if ws[i] == 0 {
			ws[i] = 2
		}
	}
	return g.weighted(ws)
}

func (g *h8Gen) region() string {
	ws := make([]float64, len(h8Regions))
	for i, r := range h8Regions {
		ws[i] = r.w
	}
	return h8Regions[g.weighted(ws)].code
}

func (g *h8Gen) custID(bank int) string {
	return fmt.Sprintf("%s%09d", g.c.Banks[bank].BankCode, g.n(1e9))
}

// ext returns someone outside the customers, paid by phone number.
func (g *h8Gen) ext() h8Ext {
	phone, _ := g.personPhone()
	_, short := g.personName()
	b := g.bankIndex()
	return h8Ext{phone: phone, payee: kuzet.Payee{Phone: phone, BankBIC: g.c.Banks[b].BIC, Name: short}}
}

// extIBAN returns someone outside the customers, paid by IBAN.
func (g *h8Gen) extIBAN() h8Ext {
	phone, _ := g.personPhone()
	name, _ := g.personName()
	b := g.bankIndex()
	return h8Ext{phone: phone, payee: kuzet.Payee{IBAN: g.kzIBAN(b), BankBIC: g.c.Banks[b].BIC, Name: name}}
}

func (g *h8Gen) setup() {
	cfg := g.cfg
	g.people = make([]*h8Person, cfg.Customers)
	for i := range g.people {
		p := &h8Person{idx: i, bank2: -1}
		p.name, p.short = g.personName()
		p.phone, p.telco = g.personPhone()
		p.bank = g.bankIndex()
		p.iban = g.kzIBAN(p.bank)
		p.cust = g.custID(p.bank)
		p.card = g.kzCard()
		p.region = g.region()
		switch x := g.f(); {
		case x < 0.27:
			p.age = 0
		case x < 0.80:
			p.age = 1
		default:
			p.age = 2
		}
		p.android = g.p([]float64{0.72, 0.74, 0.85}[p.age])
		p.device = g.deviceID(p.android)
		p.browser = "web-" + g.hex(20)
		p.homeIP = g.homeIP()
		switch p.age {
		case 0:
			p.income = g.logn(260_000, 0.5)
		case 1:
			p.income = g.logn(400_000, 0.6)
		default:
			p.income = g.logn(135_000, 0.3)
		}
		p.habit = math.Max(3000, p.income*g.logn(0.07, 0.6))
		p.saving = p.income * g.logn([]float64{1, 2.5, 5}[p.age], 1)
		if g.p(0.3) {
			for {
				p.bank2 = g.bankIndex()
				if p.bank2 != p.bank {
					break
				}
			}
			p.iban2 = g.kzIBAN(p.bank2)
			p.cust2 = g.custID(p.bank2)
			if g.p(0.08) {
				p.newAcctAt = g.start.Add(time.Duration(g.f() * float64(g.end.Sub(g.start))))
			}
		}
		p.nightOwl = g.p([]float64{0.14, 0.06, 0.01}[p.age])
		p.webUser = g.p([]float64{0.03, 0.10, 0.12}[p.age])
		p.a11y = p.android && g.p(0.012)
		p.helped = p.age == 2 && g.p(0.05)
		if g.p(0.035) {
			p.device2 = g.deviceID(p.android || g.p(0.1))
			p.newPhoneAt = g.start.Add(time.Duration(g.u(-3, float64(cfg.Days)) * 24 * float64(time.Hour)))
		}
		if g.p(0.09) {
			cc := h8Pick(g, []string{"RU", "RU", "RU", "KR", "KR", "TR", "DE", "US", "UZ", "UZ", "KG", "AE", "CZ", "PL"})
			rel := &h8Relative{phone: g.foreignPhone(cc), country: cc, card: g.foreignCard(cc)}
			rel.student = p.age >= 1 && (cc == "KR" || cc == "TR" || cc == "CZ" || cc == "PL" || cc == "US" || cc == "RU") && g.p(0.5)
			if rel.student || g.p(0.2) {
				rel.kzPhone, _ = g.mobile()
				rel.kzBank = g.bankIndex()
			}
			p.abroad = rel
		}
		p.importer = p.age == 1 && g.p(0.015)
		p.crypto = p.age < 2 && g.p([]float64{0.07, 0.03}[p.age])
		p.trader = p.age < 2 && g.p(0.05)
		if p.age < 2 && g.p(0.18) {
			p.rent = g.logn(180_000, 0.35)
			p.rentDay = 1 + g.n(10)
			p.landlord = g.ext()
		}
		if g.p(0.02) {
			p.tripFrom = g.start.Add(time.Duration(g.u(0, float64(cfg.Days)) * 24 * float64(time.Hour)))
			p.tripTo = p.tripFrom.Add(time.Duration(g.u(3, 10) * 24 * float64(time.Hour)))
			p.tripIP = g.abroadIP()
		}
		for range 1 + g.n(2) {
			p.kinExt = append(p.kinExt, g.ext())
		}
		g.people[i] = p
	}
	// Kin groups of 2–6.
	order := g.r.Perm(len(g.people))
	for i := 0; i < len(order); {
		k := min(2+g.n(5), len(order)-i)
		grp := order[i : i+k]
		for _, a := range grp {
			for _, b := range grp {
				if a != b {
					g.people[a].kin = append(g.people[a].kin, b)
					g.preseen[g.people[b].phone+"|"+g.people[a].phone] = true
				}
			}
		}
		i += k
	}
	for _, p := range g.people {
		for _, e := range p.kinExt {
			g.preseen[e.phone+"|"+p.phone] = true
		}
		if p.abroad != nil {
			g.preseen[p.abroad.phone+"|"+p.phone] = true
		}
		if p.trader {
			g.traders = append(g.traders, p.idx)
		}
	}
	// Merchants.
	cats := []struct {
		prefix string
		names  []string
		median float64
		w      int
	}{
		{"ТОО", []string{"Magnum Cash&Carry", "Small", "Galmart", "Anvar", "Арзан", "Dina", "Toimart"}, 7000, 30},
		{"ТОО", []string{"Европа-Фарма", "Аптека Плюс", "Biosfera", "Садыхан"}, 4000, 12},
		{"ИП", []string{"Кафе Дастархан", "Coffee Boom", "Del Papa", "Salam Bro", "Қазақ Ауылы"}, 6000, 15},
		{"ТОО", []string{"Sulpak", "Technodom", "Mechta.kz", "Alser"}, 60000, 6},
		{"ТОО", []string{"Helios", "Sinooil", "Qazaq Oil", "Газпромнефть-Казахстан"}, 12000, 10},
		{"ТОО", []string{"Wildberries KZ", "Ozon Казахстан", "Arbuz.kz", "Chocofood"}, 15000, 14},
		{"ТОО", []string{"LC Waikiki", "Zara Казахстан", "Lamoda", "Adidas"}, 22000, 8},
		{"ИП", []string{"Автосервис", "Шиномонтаж", "Салон красоты", "Стоматология"}, 15000, 8},
	}
	cw := make([]float64, len(cats))
	for i, c := range cats {
		cw[i] = float64(c.w)
	}
	for i := range max(60, g.cfg.Customers/9) {
		c := cats[g.weighted(cw)]
		b := g.bankIndex()
		g.merchants = append(g.merchants, &h8Org{
			name: fmt.Sprintf("%s «%s» №%d", c.prefix, h8Pick(g, c.names), i+1), iban: g.kzIBAN(b), bank: b,
			bin: g.digits(12), region: g.region(), median: c.median,
		})
	}
	for _, n := range []string{"ТОО «Алсеко»", "АО «АлматыЭнергоСбыт»", "АО «Казахтелеком»", "ТОО «Астана-ЕРЦ»", "АО «Кселл»", "ТОО «КаР-Тел»", "ТОО «Мобайл Телеком-Сервис»", "РГУ «Комитет казначейства МФ РК»", "ГКП «Алматы Су»", "АО «КазТрансГаз Аймак»"} {
		b := g.bankIndex()
		g.utilities = append(g.utilities, &h8Org{name: n, iban: g.kzIBAN(b), bank: b, bin: g.digits(12)})
	}
	for i := range max(10, g.cfg.Customers/60) {
		b := g.bankIndex()
		e := &h8Org{name: fmt.Sprintf("ТОО «%s»", h8Pick(g, []string{"КазСтройСервис", "Алатау Логистик", "Nomad Tech", "АгроТрейд", "Медицинский центр Шипагер", "Qazaq Retail", "Сарыарка Транс", "EduPro"})) + fmt.Sprintf(" %d", i+1),
			iban: g.kzIBAN(b), bank: b, bin: g.digits(12), region: g.region(), payday: 1 + g.n(10)}
		if g.p(0.6) {
			e.advance = 15 + g.n(11)
		}
		g.employers = append(g.employers, e)
	}
	halyk := 0
	for i, b := range g.c.Banks {
		if b.BIC == "HSBKKZKX" {
			halyk = i
		}
	}
	g.pension = &h8Org{name: "НАО «ГК „Правительство для граждан“»", iban: g.kzIBAN(halyk), bank: halyk, bin: "160440007161", region: "KZ-71"}
	for _, p := range g.people {
		if p.age == 2 {
			continue
		}
		if g.p(0.85) {
			e := g.employers[g.n(len(g.employers))]
			e.staff = append(e.staff, p.idx)
		}
	}
	for range max(40, g.cfg.Customers/25) {
		g.p2pSellers = append(g.p2pSellers, g.ext())
	}
	for range 12 {
		g.cargo = append(g.cargo, g.extIBAN())
	}
	// Mules: drops activated from ten days before the start to two days
	// before the end; collectors live longer.
	g.handlers = make([]string, max(4, cfg.Mules/5))
	for i := range g.handlers {
		g.handlers[i] = g.deviceID(true)
	}
	span := g.end.Sub(g.start) + 8*24*time.Hour
	for i := range cfg.Mules + max(3, cfg.Mules/6) {
		m := &h8Mule{tier: 1}
		if i >= cfg.Mules {
			m.tier = 2
		}
		m.name, m.short = g.personName()
		m.phone, _ = g.mobile()
		m.bank = g.bankIndex()
		if g.p(0.15) { // drops favour banks with easy remote onboarding
			m.bank = g.bankIndex()
		}
		m.iban = g.kzIBAN(m.bank)
		m.card = g.kzCard()
		m.cust = g.custID(m.bank)
		m.region = g.region()
		m.from = g.start.Add(-10*24*time.Hour + time.Duration(g.f()*float64(span)))
		life := g.u(2, 7)
		if m.tier == 2 {
			m.from = g.start.Add(-12*24*time.Hour + time.Duration(g.f()*float64(span)))
			life = g.u(6, 16)
		}
		m.until = m.from.Add(time.Duration(life * 24 * float64(time.Hour)))
		m.cap = 3 + g.n(10)
		if m.tier == 2 {
			m.cap = 1000
		}
		m.slow = g.p(0.3)
		if g.p(0.6) {
			m.device = h8Pick(g, g.handlers)
			m.devSince = m.from.Add(-time.Duration(g.u(0, 48) * float64(time.Hour)))
			m.ip = ""
		} else {
			m.device = g.deviceID(g.p(0.8))
			m.devSince = m.from.Add(-time.Duration(g.u(24, 2000) * float64(time.Hour)))
			m.remote = g.p(0.2)
		}
		m.listed = m.from.Before(g.start.Add(-2*24*time.Hour)) && g.p(0.5)
		if m.tier == 1 {
			g.mules = append(g.mules, m)
		} else {
			g.collectors = append(g.collectors, m)
		}
	}
}

func (g *h8Gen) listed() []Submission {
	var out []Submission
	bankName := func(i int) string { return g.c.Banks[i].Name }
	for _, m := range append(slices.Clone(g.mules), g.collectors...) {
		if !m.listed {
			continue
		}
		conf := 0.6 + float64(g.n(40))/100
		out = append(out, Submission{bankName(g.bankIndex()), kuzet.KindIBAN, m.iban, kuzet.CategoryMuleAccount, conf, "confirmed fraud transfer"})
		if g.p(0.4) {
			out = append(out, Submission{"Cybercrime Department", kuzet.KindPhone, g.messy(m.phone), kuzet.CategoryMuleAccount, conf, "victim statements"})
		}
		if g.p(0.25) {
			out = append(out, Submission{bankName(m.bank), kuzet.KindCard, m.card, kuzet.CategoryMuleAccount, conf, "card-to-card cash-out"})
		}
	}
	for range max(20, g.cfg.Mules*3/2) {
		b := g.bankIndex()
		out = append(out, Submission{bankName(g.bankIndex()), kuzet.KindIBAN, g.kzIBAN(b), kuzet.CategoryMuleAccount, 0.5 + float64(g.n(50))/100, "confirmed fraud transfer"})
	}
	// Honest private sellers wrongly reported by a confused victim.
	for i := 0; i < 3 && i < len(g.traders); i++ {
		p := g.people[g.traders[i]]
		out = append(out, Submission{"Cybercrime Department", kuzet.KindIBAN, p.iban, kuzet.CategoryVictimReport, 0.4, "victim statement, unconfirmed"})
	}
	return out
}

func (g *h8Gen) messy(e164 string) string {
	if !strings.HasPrefix(e164, "+7") || len(e164) != 12 {
		return e164
	}
	d := e164[2:]
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

// Sessions.

// h8Sess is the truth of a payment session. call: 0 none, 1 cellular, 2 a
// messenger's.
type h8Sess struct {
	call   int
	remote bool
	newDev bool
	device string // the fraudster's device, when not the customer's
	ip     string
}

func (g *h8Gen) caps(bank int) h8Caps {
	if c, ok := h8BankCaps[g.c.Banks[bank].BIC]; ok {
		return c
	}
	return h8Caps{0.3, 0.1, 0.2, 0.8}
}

// payer builds what bank (p's primary, or second when second) says of its
// customer p in a session with truth s.
func (g *h8Gen) payer(p *h8Person, second bool, ch string, at time.Time, s h8Sess) (kuzet.Payer, int) {
	bank, acct, cust := p.bank, p.iban, p.cust
	if second && p.bank2 >= 0 {
		bank, acct, cust = p.bank2, p.iban2, p.cust2
	}
	py := kuzet.Payer{Account: acct, Phone: p.phone, CustomerID: cust, Region: p.region}
	cp := g.caps(bank)
	switch ch {
	case "branch":
		return py, bank
	case "internet_banking":
		py.DeviceID = p.browser
		py.IP = p.homeIP
		if s.ip != "" {
			py.IP = s.ip
		}
		if s.device != "" {
			py.DeviceID = "web-" + s.device
		}
		if s.newDev && g.p(cp.newDev*0.6) {
			py.NewDevice = true
		}
		return py, bank
	}
	dev, newDev := p.device, false
	if !p.newPhoneAt.IsZero() && !at.Before(p.newPhoneAt) {
		dev, newDev = p.device2, at.Sub(p.newPhoneAt) < 72*time.Hour
	}
	android := p.android
	if s.device != "" {
		dev, newDev, android = s.device, s.newDev, true
	} else if s.newDev {
		newDev = true
	}
	py.DeviceID = dev
	switch {
	case s.ip != "":
		py.IP = s.ip
	case !p.tripFrom.IsZero() && !at.Before(p.tripFrom) && at.Before(p.tripTo):
		py.IP = p.tripIP
	case g.p(0.35) || (at.Hour() >= 22 || at.Hour() < 7) && g.p(0.5):
		py.IP = p.homeIP
	default:
		py.IP = g.mobileIP(p.telco)
	}
	switch s.call {
	case 1:
		py.OnCall = g.p(cp.cell)
	case 2:
		if android {
			py.OnCall = g.p(cp.voip)
		} else {
			py.OnCall = g.p(cp.cell)
		}
	}
	remote := cp.remote
	if !android {
		remote *= 0.35
	}
	if s.remote {
		py.RemoteAccess = g.p(remote)
	}
	if p.a11y && s.device == "" && cp.remote >= 0.5 {
		py.RemoteAccess = true // the app takes an accessibility service for remote control
	}
	if newDev {
		py.NewDevice = g.p(cp.newDev)
	}
	return py, bank
}

// honestSess draws the truth of an honest session: pOn the chance of being
// on a call (cellular or messenger), plus the person's own conditions.
func (g *h8Gen) honestSess(p *h8Person, pOn float64) h8Sess {
	var s h8Sess
	if g.p(pOn) {
		s.call = 1
		if g.p(0.35) {
			s.call = 2
		}
	}
	if p.helped && g.p(0.3) || g.p(0.002) {
		s.remote = true
	}
	return s
}

func (g *h8Gen) channel(p *h8Person, amt float64) string {
	switch {
	case p.webUser && g.p(0.4):
		return "internet_banking"
	case p.age == 2 && amt > 300_000 && g.p(0.15):
		return "branch"
	case g.p(0.01):
		return "internet_banking"
	}
	return "mobile_app"
}

func (g *h8Gen) emit(at time.Time, kind PaymentKind, scheme string, scamID int, bank int, py kuzet.Payer, ch string, amt kuzet.Amount, pe kuzet.Payee) {
	if !at.Before(g.end) || at.Before(g.start) {
		return
	}
	g.seq++
	b := g.c.Banks[bank]
	pay := &Payment{Kind: kind, Scheme: scheme, BankBIC: b.BIC, ScamID: scamID, Check: kuzet.PaymentCheck{
		PaymentID: fmt.Sprintf("%s-%s-%07d", b.BankCode, at.Format("060102"), g.seq),
		Amount:    amt, Currency: "KZT", CreatedAt: at, Channel: ch, Payer: py, Payee: pe,
	}}
	g.events = append(g.events, Event{At: at, Payment: pay})
}

// pay emits an honest payment by p.
func (g *h8Gen) pay(p *h8Person, at time.Time, kind PaymentKind, amt float64, step float64, pe kuzet.Payee, s h8Sess, second bool) {
	ch := g.channel(p, amt)
	py, bank := g.payer(p, second, ch, at, s)
	g.emit(at, kind, "", 0, bank, py, ch, h8KZT(amt, step), pe)
}

func (g *h8Gen) call(at time.Time, a, b string, in kuzet.Ingress, registered, foreign, unverified, scam bool) {
	if !at.Before(g.end) || at.Before(g.start) {
		return
	}
	g.calls++
	g.events = append(g.events, Event{At: at, Call: &EventCall{
		A: a, B: b, At: at, CallID: fmt.Sprintf("h8-%d-%08d", g.cfg.Seed%1000, g.calls),
		Ingress: in, Registered: registered, Foreign: foreign, Unverified: unverified, Scam: scam,
	}})
}

// domesticCall is a call from a domestic mobile number a, as its operator
// would register it.
func (g *h8Gen) domesticCall(at time.Time, a, b string) {
	unconnected := false
	for _, t := range g.c.Unconnected {
		for _, pr := range t.Prefixes {
			if strings.HasPrefix(a, "+"+pr) {
				unconnected = true
			}
		}
	}
	g.call(at, a, b, kuzet.IngressDomestic, !unconnected, false, unconnected, false)
}

func (p *h8Person) pe() kuzet.Payee {
	return kuzet.Payee{Phone: p.phone, Name: p.short}
}

func (g *h8Gen) personPayee(p *h8Person) kuzet.Payee {
	pe := p.pe()
	pe.BankBIC = g.c.Banks[p.bank].BIC
	return pe
}

func h8PayDay(t time.Time, dom int) bool {
	if dom > 0 {
		d := time.Date(t.Year(), t.Month(), dom, 0, 0, 0, 0, t.Location())
		if d.Month() != t.Month() {
			return false
		}
		switch d.Weekday() {
		case time.Saturday:
			d = d.AddDate(0, 0, -1)
		case time.Sunday:
			d = d.AddDate(0, 0, -2)
		}
		return d.Day() == t.Day()
	}
	return false
}

func (g *h8Gen) honestDay(d int) {
	day := g.start.AddDate(0, 0, d)
	wd := day.Weekday()
	weekend := wd == time.Saturday || wd == time.Sunday
	// Salaries and pensions.
	for _, e := range g.employers {
		main, adv := h8PayDay(day, e.payday), e.advance > 0 && h8PayDay(day, e.advance)
		if !main && !adv {
			continue
		}
		at := day.Add(time.Duration(g.u(9, 13) * float64(time.Hour)))
		for i, idx := range e.staff {
			p := g.people[idx]
			share := 1.0
			if e.advance > 0 {
				share = 0.6
				if adv {
					share = 0.4
				}
			}
			py := kuzet.Payer{Account: e.iban, CustomerID: "BIN" + e.bin, DeviceID: "h2h-" + e.bin, IP: "10.10." + fmt.Sprint(e.bank) + ".5", Region: e.region}
			amt := p.income * share * 0.9 // after pension contributions and tax
			g.emit(at.Add(time.Duration(i)*2*time.Second), PaySalary, "", 0, e.bank, py, "internet_banking", h8KZT(amt, 1),
				kuzet.Payee{IBAN: p.iban, BankBIC: g.c.Banks[p.bank].BIC, Name: p.name})
		}
	}
	if day.Day() >= 3 && day.Day() <= 25 {
		for _, p := range g.people {
			if p.age == 2 && 3+p.idx%23 == day.Day() {
				py := kuzet.Payer{Account: g.pension.iban, CustomerID: "BIN" + g.pension.bin, DeviceID: "h2h-gcvp", IP: "10.20.0.7", Region: g.pension.region}
				g.emit(day.Add(time.Duration(g.u(7, 10)*float64(time.Hour))), PaySalary, "", 0, g.pension.bank, py, "internet_banking",
					h8KZT(p.income, 1), kuzet.Payee{IBAN: p.iban, BankBIC: g.c.Banks[p.bank].BIC, Name: p.name})
			}
		}
	}
	for _, p := range g.people {
		g.personDay(p, d, day, weekend)
	}
	// Toi gifts, condolence and charity collections: fan-in.
	nToi := g.poisson(float64(g.cfg.Customers) / 700 * map[bool]float64{true: 2.2, false: 0.5}[weekend || wd == time.Friday])
	for range nToi {
		g.collection(d, 15+g.n(45), []float64{5000, 10000, 10000, 20000, 20000, 30000, 50000}, h8HourEve, 3)
	}
	for range g.poisson(float64(g.cfg.Customers) / 2000) {
		g.collection(d, 10+g.n(30), []float64{5000, 5000, 10000, 10000, 20000}, h8HourDay, 24)
	}
	for range g.poisson(float64(g.cfg.Customers) / 3500) {
		g.collection(d, 20+g.n(60), []float64{500, 1000, 1000, 2000, 3000, 5000, 10000, 20000}, h8HourHonest, 48)
	}
	// Honest calls from the banks' real hotlines.
	for range g.poisson(float64(g.cfg.Customers) / 250) {
		p := h8Pick(g, g.people)
		g.call(g.at(d, h8HourDay), g.c.Banks[p.bank].Hotline, p.phone, kuzet.IngressDomestic, true, false, false, false)
	}
}

// collection is many people paying the same (often new) private payee within
// spread hours: a toi, a condolence collection, a charity appeal.
func (g *h8Gen) collection(d, guests int, sums []float64, hours []float64, spread float64) {
	var host kuzet.Payee
	var region string
	if g.p(0.7) {
		h := h8Pick(g, g.people)
		host, region = g.personPayee(h), h.region
	} else {
		e := g.ext()
		host, region = e.payee, g.region()
		if g.p(0.3) {
			host = kuzet.Payee{Card: g.kzCard(), Name: e.payee.Name}
		}
	}
	t0 := g.at(d, hours)
	for range guests {
		p := h8Pick(g, g.people)
		if p.region != region && g.p(0.5) {
			p = h8Pick(g, g.people)
		}
		at := t0.Add(time.Duration(g.f() * g.f() * spread * float64(time.Hour)))
		g.pay(p, at, PayFamily, h8Pick(g, sums)*g.u(0.8, 1.5), 1000, host, g.honestSess(p, 0.03), false)
	}
}

func (g *h8Gen) personDay(p *h8Person, d int, day time.Time, weekend bool) {
	hours := h8HourHonest
	if p.nightOwl {
		hours = h8HourOwl
	}
	act := []float64{1, 1, 0.6}[p.age]
	if weekend {
		act *= 1.15
	}
	// Shopping.
	for range g.poisson(0.42 * act) {
		at := g.at(d, hours)
		if len(g.traders) > 0 && g.p(0.22) {
			t := g.people[h8Pick(g, g.traders)]
			if t != p {
				g.pay(p, at, PayShopping, g.logn(5000, 0.8), 100, g.personPayee(t), g.honestSess(p, 0.03), false)
				continue
			}
		}
		m := g.merchants[(p.idx*7+g.n(12)*13+g.n(3)*g.n(len(g.merchants)))%len(g.merchants)]
		g.pay(p, at, PayShopping, m.median*g.logn(1, 0.7), 1, kuzet.Payee{IBAN: m.iban, BankBIC: g.c.Banks[m.bank].BIC, Name: m.name}, g.honestSess(p, 0.02), false)
	}
	// Utilities and taxes, about three a month.
	if g.p(0.1) {
		u := h8Pick(g, g.utilities)
		g.pay(p, g.at(d, h8HourDay), PayShopping, g.logn(9000, 0.7), 1, kuzet.Payee{IBAN: u.iban, BankBIC: g.c.Banks[u.bank].BIC, Name: u.name}, g.honestSess(p, 0.01), false)
	}
	// Rent.
	if p.rent > 0 && day.Day() == p.rentDay {
		g.pay(p, g.at(d, h8HourDay), PayFamily, p.rent, 5000, p.landlord.payee, g.honestSess(p, 0.05), false)
	}
	// Family transfers by phone.
	for range g.poisson(0.2 * act) {
		at := g.at(d, hours)
		var pe kuzet.Payee
		var from string
		switch {
		case len(p.kin) > 0 && g.p(0.65):
			k := g.people[h8Pick(g, p.kin)]
			pe, from = g.personPayee(k), k.phone
		case g.p(0.85):
			e := h8Pick(g, p.kinExt)
			pe, from = e.payee, e.phone
		default: // a cousin or friend paid for the first time
			e := g.ext()
			pe, from = e.payee, e.phone
		}
		pOn := 0.08
		if g.p(0.25) {
			g.domesticCall(at.Add(-g.mins(1, 12)), from, p.phone)
			pOn = 0.45
		}
		g.pay(p, at, PayFamily, p.habit*g.logn(1, 0.7), g.humanStep(p.habit), pe, g.honestSess(p, pOn), false)
	}
	// Calls among kin that lead to nothing.
	if len(p.kin) > 0 && g.p(0.05) {
		g.domesticCall(g.at(d, hours), g.people[h8Pick(g, p.kin)].phone, p.phone)
	}
	// Self-transfers between one's own banks.
	if p.bank2 >= 0 && g.p(0.05) {
		second := g.p(0.4)
		dst := kuzet.Payee{IBAN: p.iban2, BankBIC: g.c.Banks[p.bank2].BIC, Name: p.name}
		if second {
			dst = kuzet.Payee{IBAN: p.iban, BankBIC: g.c.Banks[p.bank].BIC, Name: p.name}
		}
		if p.newAcctAt.IsZero() || p.newAcctAt.Before(day) { // the second account exists
			g.pay(p, g.at(d, hours), PayFamily, p.habit*g.logn(2, 0.8), 1000, dst, g.honestSess(p, 0.03), second)
		}
	}
	if !p.newAcctAt.IsZero() && p.newAcctAt.Format("060102") == day.Format("060102") {
		at := p.newAcctAt.Add(g.mins(20, 300))
		g.pay(p, at, PayPurchase, math.Max(100_000, p.saving*g.u(0.3, 0.9)), 10_000,
			kuzet.Payee{IBAN: p.iban2, BankBIC: g.c.Banks[p.bank2].BIC, Name: p.name}, g.honestSess(p, 0.05), false)
	}
	// Relatives abroad call; sometimes money follows.
	if r := p.abroad; r != nil && g.p(0.35) {
		at := g.at(d, h8HourEve)
		viaWA := g.p(0.45)
		if !viaWA {
			g.call(at, r.phone, p.phone, kuzet.IngressInternational, false, true, false, false)
		}
		if g.p(0.12) {
			amt := p.habit * g.logn(2, 0.6)
			if r.student {
				amt = g.logn(150_000, 0.6)
				if g.p(0.12) {
					amt = g.logn(900_000, 0.4) // tuition, rent deposit abroad
				}
			}
			var pe kuzet.Payee
			switch {
			case r.kzPhone != "" && g.p(0.6):
				pe = kuzet.Payee{Phone: r.kzPhone, BankBIC: g.c.Banks[r.kzBank].BIC, Name: p.short}
			case g.p(0.7):
				pe = kuzet.Payee{Card: r.card, Name: strings.ToUpper(p.short)}
			default:
				e := h8Pick(g, p.kinExt)
				pe = e.payee
			}
			s := g.honestSess(p, 0)
			if g.p(0.35) {
				s.call = map[bool]int{true: 2, false: 1}[viaWA]
			}
			g.pay(p, at.Add(g.mins(1, 40)), PayFamily, amt, g.humanStep(amt), pe, s, false)
		}
	}
	// Importers: a supplier calls from China or Turkey, a cargo
	// intermediary is paid.
	if p.importer && g.p(0.12) {
		at := g.at(d, h8HourDay)
		cc := h8Pick(g, []string{"CN", "CN", "TR"})
		g.call(at, g.foreignPhone(cc), p.phone, kuzet.IngressInternational, false, true, false, false)
		if g.p(0.6) {
			var pe kuzet.Payee
			if g.p(0.5) {
				pe = h8Pick(g, g.cargo).payee
			} else {
				pe = g.ext().payee
			}
			amt := g.logn(600_000, 0.8)
			g.pay(p, at.Add(g.mins(5, 120)), PayPurchase, amt, g.humanStep(amt), pe, g.honestSess(p, 0.2), false)
		}
	}
	// Peer-to-peer crypto purchases.
	if p.crypto && g.p(0.1) {
		amt := g.logn(60_000, 0.9)
		g.pay(p, g.at(d, h8HourOwl), PayPurchase, amt, g.humanStep(amt), h8Pick(g, g.p2pSellers).payee, g.honestSess(p, 0.05), false)
	}
	// Couriers who call and are paid.
	if g.p(0.015) {
		at := g.at(d, h8HourDay)
		courier, _ := g.personPhone()
		g.domesticCall(at, courier, p.phone)
		if g.p(0.6) {
			b := g.bankIndex()
			_, short := g.personName()
			g.pay(p, at.Add(g.mins(0.5, 20)), PayPurchase, g.logn(12_000, 0.6), 100,
				kuzet.Payee{Phone: courier, BankBIC: g.c.Banks[b].BIC, Name: short}, g.honestSess(p, 0.4), false)
		}
	}
	// Big purchases from new payees after a call with the seller.
	monthly := 1.0 / 28
	for _, pu := range []struct {
		rate, median, sigma float64
		iban                bool
		minAge              int
	}{
		{0.006, 5_500_000, 0.6, true, 0},  // car from Kolesa.kz
		{0.003, 1_200_000, 0.5, true, 1},  // flat deposit (avans)
		{0.008, 220_000, 0.4, false, 0},   // rental deposit, Krisha.kz
		{0.025, 90_000, 0.9, false, 0},    // used goods, OLX
		{0.015, 450_000, 0.8, true, 1},    // renovation contractor
		{0.004, 350_000, 0.6, true, 0},    // private clinic, dentist
		{0.004, 1_500_000, 0.7, true, 1},  // livestock, a horse for the toi
		{0.002, 12_000_000, 0.4, true, 1}, // a flat's balance paid to the seller
	} {
		if p.age < pu.minAge || p.age == 2 && pu.median > 2_000_000 && g.p(0.7) || !g.p(pu.rate*monthly*[]float64{0.8, 1.2, 0.6}[p.age]) {
			continue
		}
		at := g.at(d, h8HourDay)
		seller, _ := g.personPhone()
		if g.p(0.04) {
			seller = g.foreignPhone("RU")
			g.call(at.Add(-g.mins(10, 600)), seller, p.phone, kuzet.IngressInternational, false, true, false, false)
		} else if g.p(0.6) {
			g.domesticCall(at.Add(-g.mins(10, 1440)), seller, p.phone)
		} else {
			g.domesticCall(at.Add(-g.mins(10, 1440)), p.phone, seller)
			if g.p(0.5) {
				g.domesticCall(at.Add(-g.mins(1, 30)), seller, p.phone)
			}
		}
		b := g.bankIndex()
		name, short := g.personName()
		pe := kuzet.Payee{Phone: seller, BankBIC: g.c.Banks[b].BIC, Name: short}
		if pu.iban || g.p(0.3) {
			pe = kuzet.Payee{IBAN: g.kzIBAN(b), BankBIC: g.c.Banks[b].BIC, Name: name}
		}
		amt := g.logn(pu.median, pu.sigma)
		parts := 1
		if amt > 3_000_000 && g.p(0.4) {
			parts = 2
		}
		for i := range parts {
			g.pay(p, at.Add(time.Duration(i)*g.mins(3, 30)), PayPurchase, amt/float64(parts), g.humanStep(amt), pe, g.honestSess(p, 0.35), false)
		}
	}
}

// Scams.

type h8ScamPay struct {
	at      time.Time
	amt     kuzet.Amount
	fromBIC string
	mule    *h8Mule // nil when the money went straight abroad
}

type h8Scam struct {
	id         int
	scheme     string
	v          *h8Person
	channel    string
	desc       string
	indicators []kuzet.Indicator
	pays       []h8ScamPay
	caller     string
}

var h8PhoneSchemes = []string{SchemeSpoofedHotline, SchemeForeignCaller, SchemeDomesticSpoofed, SchemeSimbox, h8SchemeUnconnected}

func (g *h8Gen) line(pool *[]h8Line, fresh func() string, uses int) string {
	if len(*pool) < 4 || g.p(0.1) {
		*pool = append(*pool, h8Line{number: fresh(), left: uses/2 + g.n(uses)})
	}
	i := g.n(len(*pool))
	l := &(*pool)[i]
	l.left--
	n := l.number
	if l.left <= 0 {
		*pool = slices.Delete(*pool, i, i+1)
	}
	return n
}

// scamCall places the scammer's call of a phone scheme to b at at and
// returns the calling number.
func (g *h8Gen) scamCall(scheme string, at time.Time, b string, bank int) string {
	switch scheme {
	case SchemeSpoofedHotline:
		a := g.c.Banks[bank].Hotline
		if g.p(0.25) {
			a = h8Pick(g, g.c.Banks).Hotline
		}
		g.call(at, a, b, kuzet.IngressInternational, false, true, true, true)
		return a
	case SchemeForeignCaller:
		a := g.line(&g.foreignScam, func() string {
			return g.foreignPhone(h8Pick(g, []string{"GB", "GB", "PH", "TR", "UA", "GE", "RU", "RU", "AE", "CY"}))
		}, 20)
		g.call(at, a, b, kuzet.IngressInternational, false, true, false, true)
		return a
	case SchemeDomesticSpoofed:
		a, _ := g.mobile()
		if g.p(0.6) {
			g.call(at, a, b, kuzet.IngressInternational, false, true, true, true)
		} else {
			g.call(at, a, b, kuzet.IngressDomestic, false, false, true, true)
		}
		return a
	case SchemeSimbox:
		a := g.line(&g.simbox, func() string { s, _ := g.mobile(); return s }, 60)
		g.call(at, a, b, kuzet.IngressDomestic, true, false, false, true)
		return a
	case h8SchemeUnconnected:
		a := g.line(&g.izi, g.unconnected, 40)
		g.call(at, a, b, kuzet.IngressDomestic, false, false, true, true)
		return a
	}
	return ""
}

func (g *h8Gen) victim(scheme string) *h8Person {
	var ws []float64
	switch scheme {
	case h8SchemeInvestment:
		ws = []float64{1.2, 1.3, 0.5}
	case h8SchemeMarketplace:
		ws = []float64{1.5, 1.2, 0.4}
	case h8SchemeRelative, h8SchemeTakeover, h8SchemeRAT:
		ws = []float64{0.8, 1, 1.4}
	default:
		ws = []float64{0.5, 1, 2.8}
	}
	for range 20 {
		p := h8Pick(g, g.people)
		if !p.scammed && g.p(ws[p.age]/3) {
			p.scammed = true
			return p
		}
	}
	return h8Pick(g, g.people)
}

func (g *h8Gen) mule(at time.Time, tier int) *h8Mule {
	pool := g.mules
	if tier == 2 {
		pool = g.collectors
	}
	var best *h8Mule
	bestW := math.Inf(-1)
	for range 12 {
		m := h8Pick(g, pool)
		w := g.f()
		if at.Before(m.from) {
			w -= 3
		} else if at.After(m.until) || m.uses >= m.cap {
			w -= 1.5
		}
		if m.listed {
			w -= 0.4
		}
		if w > bestW {
			best, bestW = m, w
		}
	}
	best.uses++
	return best
}

func (g *h8Gen) mulePayee(m *h8Mule, phoneShare float64) (kuzet.Payee, kuzet.Indicator) {
	b := g.c.Banks[m.bank].BIC
	switch x := g.f(); {
	case x < phoneShare:
		return kuzet.Payee{Phone: m.phone, BankBIC: b, Name: m.short}, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(m.phone)}
	case x < phoneShare+0.25:
		return kuzet.Payee{Card: m.card, Name: m.short}, kuzet.Indicator{Kind: kuzet.KindCard, Value: m.card}
	}
	return kuzet.Payee{IBAN: m.iban, BankBIC: b, Name: m.name}, kuzet.Indicator{Kind: kuzet.KindIBAN, Value: m.iban}
}

func (g *h8Gen) scamDay(d int) {
	day := g.start.AddDate(0, 0, d)
	f := 1.0
	switch day.Weekday() {
	case time.Saturday:
		f = 0.75
	case time.Sunday:
		f = 0.6
	}
	ws := make([]float64, len(h8SchemeWeights))
	for i, s := range h8SchemeWeights {
		ws[i] = s.w
	}
	for range g.poisson(g.cfg.ScamsPerDay * f) {
		g.scam(d, h8SchemeWeights[g.weighted(ws)].name)
	}
	// Calls that did not work: most scam calls end with a hang-up.
	for range g.poisson(g.cfg.ScamsPerDay * 2.5 * f) {
		p := h8Pick(g, g.people)
		g.scamCall(h8Pick(g, h8PhoneSchemes), g.at(d, h8HourCentre), p.phone, p.bank)
	}
}

// split divides total into k parts of human-looking sums.
func (g *h8Gen) split(total float64, k int) []float64 {
	out := make([]float64, k)
	left := total
	for i := range k {
		part := left / float64(k-i)
		if i < k-1 {
			part *= g.u(0.7, 1.3)
		}
		step := 1000.0
		if part > 500_000 {
			step = 10_000
		}
		part = math.Max(step, math.Round(part/step)*step)
		out[i] = part
		left -= part
		if left < 0 {
			left = 0
		}
	}
	return out
}

func (g *h8Gen) scam(d int, scheme string) {
	g.scams++
	sc := &h8Scam{id: g.scams, scheme: scheme}
	v := g.victim(scheme)
	sc.v = v
	var t0 time.Time
	switch scheme {
	case h8SchemeTakeover, h8SchemeRAT:
		if g.p(0.45) {
			t0 = g.at(d, h8HourNight)
		} else {
			t0 = g.at(d, h8HourHonest)
		}
	case h8SchemeInvestment, h8SchemeMarketplace, h8SchemeRelative:
		t0 = g.at(d, h8HourHonest)
	default:
		t0 = g.at(d, h8HourCentre)
	}
	switch scheme {
	case SchemeSpoofedHotline, SchemeForeignCaller, SchemeDomesticSpoofed, SchemeSimbox, h8SchemeUnconnected, SchemeMessenger:
		g.bankCallScam(sc, t0)
	case h8SchemeRelative:
		g.relativeScam(sc, t0)
	case h8SchemeMarketplace:
		g.marketScam(sc, t0)
	case h8SchemeInvestment:
		g.investScam(sc, t0)
	case h8SchemeTakeover, h8SchemeRAT:
		g.takeoverScam(sc, t0)
	}
	g.afterScam(sc)
}

// victimPay emits one of the victim's payments to mule m (nil: straight to a
// foreign card) and records it.
func (g *h8Gen) victimPay(sc *h8Scam, at time.Time, amt float64, s h8Sess, ch string, m *h8Mule, second bool, phoneShare float64) {
	v := sc.v
	py, bank := g.payer(v, second, ch, at, s)
	var pe kuzet.Payee
	var ind kuzet.Indicator
	if m == nil {
		card := g.foreignCard(h8Pick(g, []string{"UZ", "KG", "RU", "XX"}))
		pe = kuzet.Payee{Card: card, Name: strings.ToUpper(h8Pick(g, []string{"TIMUR K", "ALISHER N", "OLEG V", "SARDOR T"}))}
		ind = kuzet.Indicator{Kind: kuzet.KindCard, Value: card}
	} else {
		pe, ind = g.mulePayee(m, phoneShare)
	}
	a := h8KZT(amt, 1)
	g.emit(at, PayScam, sc.scheme, sc.id, bank, py, ch, a, pe)
	if at.Before(g.end) {
		sc.pays = append(sc.pays, h8ScamPay{at: at, amt: a, fromBIC: g.c.Banks[bank].BIC, mule: m})
		if !slices.Contains(sc.indicators, ind) {
			sc.indicators = append(sc.indicators, ind)
		}
	}
}

func (g *h8Gen) bankCallScam(sc *h8Scam, t0 time.Time) {
	v := sc.v
	sc.channel = "phone_call"
	if sc.scheme == SchemeMessenger {
		sc.channel = "messenger"
		sc.desc = "WhatsApp call from a 'National Bank' / police officer about a loan taken in my name; told to move money to a 'safe account'"
	} else {
		sc.caller = g.scamCall(sc.scheme, t0, v.phone, v.bank)
		sc.desc = "call from 'bank security' about a suspicious transfer; told to move money to a 'safe account'"
		if g.p(0.8) {
			sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(sc.caller)})
		}
	}
	// How the victim is on the line when paying.
	mode := 0 // hang up before paying
	switch x := g.f(); {
	case sc.scheme == SchemeMessenger && x < 0.55:
		mode = 2
	case sc.scheme != SchemeMessenger && x < 0.35:
		mode = 1
	case sc.scheme != SchemeMessenger && x < 0.55:
		mode = 2 // moved to WhatsApp with a "security officer"
	}
	remote := g.p(map[bool]float64{true: 0.12, false: 0.08}[sc.scheme == SchemeMessenger])
	ch := "mobile_app"
	switch x := g.f(); {
	case x < 0.05*map[bool]float64{true: 2, false: 1}[v.age == 2]:
		ch = "branch"
	case x < 0.14 && v.webUser:
		ch = "internet_banking"
	}
	total := v.saving * g.u(0.5, 1)
	loan := g.p(0.3)
	if loan {
		total += v.income * g.u(2, 8)
	}
	total = math.Max(total, g.logn(80_000, 0.5))
	careful := g.p(0.3)
	var parts []float64
	if careful {
		cap := math.Max(v.habit*g.u(1, 1.8), 30_000)
		k := min(8, max(1, int(math.Ceil(total/cap))))
		parts = g.split(math.Min(total, cap*float64(k)), k)
	} else {
		k := min(5, max(1, int(math.Ceil(total/g.u(500_000, 2_000_000)))))
		parts = g.split(total, k)
	}
	pivot := v.bank2 >= 0 && ch == "mobile_app" && g.p(0.25)
	at := t0.Add(g.mins(8, 30))
	if mode == 0 {
		at = at.Add(g.mins(2, 20))
	}
	var m *h8Mule
	for i, amt := range parts {
		if i == 0 || g.p(0.4) {
			m = g.mule(at, 1)
			if g.p(0.06) {
				m = nil
			}
		}
		if loan && i == len(parts)-1 && len(parts) > 1 {
			at = at.Add(g.mins(10, 25)) // the loan comes through
		}
		s := h8Sess{call: mode, remote: remote}
		if ch != "mobile_app" {
			s.call = 0
		}
		if pivot {
			// First to one's own account at the other bank, then from there.
			py, bank := g.payer(v, false, ch, at, s)
			g.emit(at, PayScam, sc.scheme, sc.id, bank, py, ch, h8KZT(amt, 1),
				kuzet.Payee{IBAN: v.iban2, BankBIC: g.c.Banks[v.bank2].BIC, Name: v.name})
			at = at.Add(g.mins(1, 8))
			g.victimPay(sc, at, amt, s, ch, m, true, 0.4)
		} else {
			g.victimPay(sc, at, amt, s, ch, m, false, 0.4)
		}
		at = at.Add(g.mins(3, 15))
		if i == 2 && g.p(0.2) {
			// A second session the next day, after a new call.
			at = at.Add(g.mins(16*60, 22*60))
			if sc.scheme != SchemeMessenger {
				g.scamCall(sc.scheme, at.Add(-g.mins(10, 25)), v.phone, v.bank)
			}
		}
	}
}

func (g *h8Gen) relativeScam(sc *h8Scam, t0 time.Time) {
	v := sc.v
	sc.channel = "messenger"
	sc.desc = "WhatsApp message from a relative's account asking for an urgent loan until tomorrow"
	k := 1
	if g.p(0.2) {
		k = 2
	}
	for i := range k {
		amt := math.Max(10_000, v.habit*g.logn(1.5, 0.6))
		amt = math.Round(amt/5000) * 5000
		g.victimPay(sc, t0.Add(time.Duration(i)*g.mins(20, 120)), math.Max(amt, 5000), h8Sess{call: map[bool]int{true: 1, false: 0}[g.p(0.03)]}, g.channel(v, amt), g.mule(t0, 1), false, 0.7)
	}
}

func (g *h8Gen) marketScam(sc *h8Scam, t0 time.Time) {
	v := sc.v
	sc.channel = "messenger"
	sc.desc = "paid a deposit to a seller on OLX/Kolesa/Krisha who disappeared"
	s := h8Sess{}
	if g.p(0.4) {
		sc.channel = "phone_call"
		scheme := SchemeSimbox
		if g.p(0.2) {
			scheme = h8SchemeUnconnected
		}
		sc.caller = g.scamCall(scheme, t0.Add(-g.mins(5, 240)), v.phone, v.bank)
		sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(sc.caller)})
		if g.p(0.15) {
			s.call = 1
		}
	} else if g.p(0.1) {
		s.call = 2
	}
	if g.p(0.3) {
		sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindDomain, Value: "olx-" + h8Pick(g, []string{"dostavka", "oplata", "safe"}) + "." + h8Pick(g, []string{"top", "site", "online"})})
	}
	amt := g.logn(120_000, 0.7)
	m := g.mule(t0, 1)
	g.victimPay(sc, t0, amt, s, g.channel(v, amt), m, false, 0.6)
	if g.p(0.3) {
		g.victimPay(sc, t0.Add(g.mins(15, 180)), g.logn(30_000, 0.4), s, g.channel(v, amt), m, false, 0.6)
	}
}

func (g *h8Gen) investScam(sc *h8Scam, t0 time.Time) {
	v := sc.v
	sc.channel = "messenger"
	sc.desc = "Telegram 'analyst' of a trading platform; deposits through P2P cards, could not withdraw"
	if g.p(0.3) {
		sc.channel = "phone_call"
		sc.caller = g.scamCall(SchemeForeignCaller, t0.Add(-g.mins(60, 3*24*60)), v.phone, v.bank)
		sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: sc.caller})
	}
	sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindDomain, Value: h8Pick(g, []string{"qaztrade", "kazinvest", "astana-capital", "nomadfx", "samruk-invest"}) + "-" + h8Pick(g, []string{"pro", "pay", "lk"}) + "." + h8Pick(g, []string{"com", "top", "online", "site"})})
	remote := g.p(0.25)
	amt := g.logn(30_000, 0.5)
	at := t0
	for range 2 + g.n(5) {
		s := h8Sess{remote: remote && g.p(0.7)}
		if g.p(0.2) {
			s.call = 2
		}
		amt = math.Min(amt, v.saving+v.income*3)
		g.victimPay(sc, at, amt, s, g.channel(v, amt), g.mule(at, 1), false, 0.3)
		at = at.Add(time.Duration(g.u(0.5, 6) * 24 * float64(time.Hour)))
		amt *= g.u(1.4, 3)
	}
}

func (g *h8Gen) takeoverScam(sc *h8Scam, t0 time.Time) {
	v := sc.v
	var s h8Sess
	if sc.scheme == h8SchemeRAT {
		sc.channel = "sms"
		sc.desc = "installed an 'eGov' app from a link; money left my account at night"
		s = h8Sess{remote: true}
		sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindDomain, Value: "egov-" + h8Pick(g, []string{"kz", "app", "doc"}) + "." + h8Pick(g, []string{"top", "xyz", "icu"})})
	} else {
		sc.channel = "phone_call"
		sc.desc = "a 'mobile operator' asked for an SMS code to renew my SIM; someone logged into my bank app"
		aged := g.p(0.45)
		s = h8Sess{device: g.deviceID(g.p(0.85)), newDev: !aged}
		back := g.mins(5, 180)
		if aged {
			back = time.Duration(g.u(73, 140) * float64(time.Hour))
		}
		if g.p(0.7) {
			scheme := h8Pick(g, []string{SchemeSimbox, SchemeSimbox, SchemeDomesticSpoofed, h8SchemeUnconnected})
			sc.caller = g.scamCall(scheme, t0.Add(-back), v.phone, v.bank)
			sc.indicators = append(sc.indicators, kuzet.Indicator{Kind: kuzet.KindPhone, Value: g.messy(sc.caller)})
		} else {
			sc.channel = "messenger"
		}
		if g.p(0.55) {
			s.ip = g.vpnIP()
		} else {
			s.ip = g.mobileIP(g.n(3))
		}
	}
	balance := v.saving*g.u(0.2, 0.8) + v.income*0.3
	if g.p(0.3) {
		balance += v.income * g.u(2, 6) // an online loan taken in the victim's name
	}
	k := 1 + g.n(3)
	at := t0
	for _, amt := range g.split(math.Max(balance, 20_000), k) {
		g.victimPay(sc, at, amt, s, "mobile_app", g.mule(at, 1), false, 0.5)
		at = at.Add(g.mins(1, 12))
	}
}

// afterScam decides the report, emits the mules' forwards (those made before
// a freeze would stop them) and the report.
func (g *h8Gen) afterScam(sc *h8Scam) {
	if len(sc.pays) == 0 {
		return
	}
	last := sc.pays[len(sc.pays)-1].at
	var pRep float64
	var delay time.Duration
	h := float64(time.Hour)
	switch sc.scheme {
	case h8SchemeTakeover, h8SchemeRAT:
		pRep, delay = 0.9, time.Duration(g.logn(6, 0.9)*h)
	case h8SchemeMarketplace:
		pRep, delay = 0.5, time.Duration(g.logn(30, 0.6)*h)
	case h8SchemeInvestment:
		pRep, delay = 0.4, time.Duration(g.logn(96, 0.6)*h)
	case h8SchemeRelative:
		pRep, delay = 0.6, time.Duration(g.logn(5, 0.9)*h)
	default:
		pRep, delay = 0.75, time.Duration(g.logn(3, 1.1)*h)
	}
	reported := g.p(pRep)
	repAt := last.Add(delay + 10*time.Minute)
	freeze1 := repAt.Add(g.mins(20, 180))
	if !reported || !repAt.Before(g.end) {
		reported = false
		freeze1 = g.end.Add(1000 * time.Hour)
	}
	freeze2 := freeze1.Add(g.mins(30, 240))
	type acct struct {
		in, out float64
		bic     string
		onward  []kuzet.Transfer
	}
	hops := map[string]*acct{}
	get := func(m *h8Mule) *acct {
		a := hops[m.iban]
		if a == nil {
			a = &acct{bic: g.c.Banks[m.bank].BIC}
			hops[m.iban] = a
		}
		return a
	}
	var transfers []kuzet.Transfer
	var lost kuzet.Amount
	for _, sp := range sc.pays {
		lost += sp.amt
		if sp.mule == nil {
			continue
		}
		m := sp.mule
		transfers = append(transfers, kuzet.Transfer{FromBankBIC: sp.fromBIC, ToIBAN: m.iban, ToBankBIC: g.c.Banks[m.bank].BIC, Amount: sp.amt, At: sp.at})
		a := get(m)
		a.in += sp.amt.Units()
		var tf time.Time
		if m.slow {
			tf = sp.at.Add(g.mins(60, 12*60))
		} else {
			tf = sp.at.Add(g.mins(3, 40))
		}
		if !tf.Before(freeze1) || !tf.Before(g.end) {
			continue
		}
		fwd := sp.amt.Units() * g.u(0.9, 1)
		if g.p(0.2) {
			a.out += fwd // cash at an ATM: gone, no onward transfer
			continue
		}
		var dst string
		var pe kuzet.Payee
		var col *h8Mule
		if g.p(0.7) {
			col = g.mule(tf, 2)
			dst = col.iban
			pe = kuzet.Payee{IBAN: col.iban, BankBIC: g.c.Banks[col.bank].BIC, Name: col.name}
		} else {
			dst = g.foreignIBAN()
			pe = kuzet.Payee{IBAN: dst, Name: h8Pick(g, []string{"GARANTI TRADE LLC", "BEST EXCHANGE FZE", "GEO P2P SERVICES", "NURLAN KASYMOV"})}
		}
		fa := h8KZT(fwd, 1)
		g.muleForward(sc, m, tf, fa, pe)
		a.out += fa.Units()
		tr := kuzet.Transfer{FromBankBIC: a.bic, ToIBAN: dst, ToBankBIC: pe.BankBIC, Amount: fa, At: tf}
		a.onward = append(a.onward, tr)
		if col == nil {
			continue
		}
		ca := get(col)
		ca.in += fa.Units()
		t2 := tf.Add(g.mins(10, 360))
		if !t2.Before(freeze2) || !t2.Before(g.end) {
			continue
		}
		out := h8KZT(fa.Units()*g.u(0.97, 1), 1)
		dst2 := g.foreignIBAN()
		g.muleForward(sc, col, t2, out, kuzet.Payee{IBAN: dst2, Name: h8Pick(g, []string{"BEST EXCHANGE FZE", "KRIPTO ODEME AS", "TBILISI TRADE LLC"})})
		ca.out += out.Units()
		ca.onward = append(ca.onward, kuzet.Transfer{FromBankBIC: ca.bic, ToIBAN: dst2, Amount: out, At: t2})
	}
	if !reported {
		return
	}
	rep := &Report{
		ScamID: sc.id, Victim: kuzet.Victim{Name: sc.v.name, Phone: sc.v.phone, Region: sc.v.region},
		Channel: sc.channel, Scheme: sc.scheme, Description: sc.desc, AmountLost: lost, Currency: "KZT",
		Indicators: sc.indicators, Transfers: transfers, Hops: map[string]Hop{},
	}
	for iban, a := range hops {
		frozen := math.Max(0, a.in-a.out)
		var fz kuzet.Amount
		if frozen >= 1 {
			fz = h8KZT(frozen, 1)
		}
		rep.Hops[iban] = Hop{BankBIC: a.bic, Frozen: fz, Onward: a.onward}
	}
	g.events = append(g.events, Event{At: repAt, Report: rep})
}

func (g *h8Gen) muleForward(sc *h8Scam, m *h8Mule, at time.Time, amt kuzet.Amount, pe kuzet.Payee) {
	s := h8Sess{remote: m.remote}
	newDev := at.Sub(m.devSince) < 72*time.Hour
	ip := g.vpnIP()
	if g.p(0.5) {
		ip = g.mobileIP(g.n(3))
	}
	cp := g.caps(m.bank)
	py := kuzet.Payer{Account: m.iban, Phone: m.phone, CustomerID: m.cust, DeviceID: m.device, IP: ip, Region: m.region}
	if newDev {
		py.NewDevice = g.p(cp.newDev)
	}
	if s.remote {
		py.RemoteAccess = g.p(cp.remote)
	}
	g.emit(at, PayMuleForward, sc.scheme, sc.id, m.bank, py, "mobile_app", amt, pe)
}

// finish orders the events and sets the calls' FirstTime.
func (g *h8Gen) finish() {
	slices.SortStableFunc(g.events, func(a, b Event) int { return a.At.Compare(b.At) })
	seen := g.preseen
	for _, e := range g.events {
		if c := e.Call; c != nil {
			k := c.A + "|" + c.B
			c.FirstTime = !seen[k]
			seen[k] = true
		}
	}
}
