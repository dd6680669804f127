package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/kuzet/kuzet"
)

// CallKind is what a simulated call is, honest or not.
type CallKind string

// The kinds of simulated calls.
const (
	// CallLegit is one subscriber calling another, registered by the
	// caller's operator.
	CallLegit CallKind = "legitimate"
	// CallRoamer is a subscriber abroad calling home, whose operator
	// reported it roaming.
	CallRoamer CallKind = "roamer"
	// CallForeign is a foreign number calling in from abroad.
	CallForeign CallKind = "foreign"
	// CallSpoofAbroad is a call centre abroad presenting a bank's hotline
	// or a subscriber's mobile number.
	CallSpoofAbroad CallKind = "spoof_abroad"
	// CallSpoofSIMBox is a SIM box at home presenting a bank's hotline or a
	// subscriber's number: no operator originated it.
	CallSpoofSIMBox CallKind = "spoof_simbox"
	// CallSpoofDNO presents a bank's inbound-only number, which is on the
	// Do-Not-Originate list.
	CallSpoofDNO CallKind = "spoof_dno"
	// CallInvalid presents a number that cannot exist.
	CallInvalid CallKind = "invalid_cli"
	// CallFlagged is a fraudster's real SIM, honestly registered by its
	// operator, whose number the police have reported.
	CallFlagged CallKind = "flagged"
	// CallUnconnected is a subscriber of an operator not connected to the
	// exchange: nobody registers the call, nobody can, and it must pass.
	CallUnconnected CallKind = "unconnected"
	// CallForwarded is a subscriber calling another, whose phone forwards
	// the call to a third: the caller's operator registered the call to
	// the number dialled, and the third's operator verifies it naming that
	// number as redirected_from.
	CallForwarded CallKind = "forwarded"
)

// CallKinds lists every kind, honest ones first.
var CallKinds = []CallKind{CallLegit, CallRoamer, CallForeign, CallUnconnected, CallForwarded, CallSpoofAbroad,
	CallSpoofSIMBox, CallSpoofDNO, CallInvalid, CallFlagged}

// Want returns the verdict reason kuzet must give a call of kind k.
func (k CallKind) Want() kuzet.CallReason {
	switch k {
	case CallSpoofAbroad:
		return kuzet.ReasonDomesticCLIFromAbroad
	case CallSpoofSIMBox:
		return kuzet.ReasonNotOriginated
	case CallSpoofDNO:
		return kuzet.ReasonDNO
	case CallInvalid:
		return kuzet.ReasonInvalidCLI
	case CallFlagged:
		return kuzet.ReasonFlaggedNumber
	case CallUnconnected:
		return kuzet.ReasonUnverifiable
	}
	return kuzet.ReasonOK
}

// Call is one simulated call set-up.
type Call struct {
	Kind    CallKind
	A, B    string // calling and called numbers, E.164
	At      time.Time
	CallID  string
	Ingress kuzet.Ingress // the trunk it reaches B's operator by
	// RedirectedFrom is, for a forwarded call, the number the caller
	// dialled, which forwarded it to B; the caller's operator registered
	// the call to it.
	RedirectedFrom string
	// Origin names the telco that registers the call, "" when none does;
	// Terminating the telco serving B, which verifies it.
	Origin, Terminating string
}

// CallMix weighs the kinds of calls: how many of each in every
// sum-of-weights calls, on average.
type CallMix map[CallKind]float64

// DefaultCallMix is a busy day with a fraud wave: one call in eight is a
// fraudster's, most of them spoofed; two in a hundred come from an operator
// not connected to the exchange, and two are forwarded.
var DefaultCallMix = CallMix{
	CallLegit: 76, CallRoamer: 3, CallForeign: 4, CallUnconnected: 2, CallForwarded: 2,
	CallSpoofAbroad: 6, CallSpoofSIMBox: 4, CallSpoofDNO: 1, CallInvalid: 1, CallFlagged: 1,
}

// Roamer is a subscriber abroad, as its operator reports it.
type Roamer struct {
	MSISDN  string
	Telco   string // the operator's name
	Country string // ISO 3166-1 alpha-2
}

// CallTraffic generates the calls of a country: its subscribers calling
// each other and the world, and the fraud that imitates them. The same
// seed gives the same calls.
type CallTraffic struct {
	country *Country
	rng     *rand.Rand
	mix     []CallKind // cumulative choice table
	weights []float64
	total   float64
	n       uint64

	roamers  []Roamer
	scammers []string // fraudsters' own SIMs, to be reported
	inbound  []string // banks' inbound-only numbers, for the Do-Not-Originate list
	taken    map[string]bool
}

// foreignPrefixes are where foreign callers come from (E.164 prefixes of
// fixed length numbers: 12 digits for 44 and 90, 13 for 86, 12 for 998).
var foreignPrefixes = []struct {
	prefix  string
	country string
	digits  int
}{
	{"447", "GB", 12}, {"905", "TR", 12}, {"861", "CN", 13}, {"99890", "UZ", 12}, {"49151", "DE", 13},
}

// CallTraffic returns the call traffic of c with mix (DefaultCallMix when
// nil), drawn from seed. It sets up the country's roamers (about one
// subscriber in a thousand of those it calls), its fraudsters' SIMs and
// the banks' inbound-only numbers.
func (c *Country) CallTraffic(seed uint64, mix CallMix) *CallTraffic {
	if mix == nil {
		mix = DefaultCallMix
	}
	t := &CallTraffic{country: c, rng: rand.New(rand.NewPCG(seed, seed^0x63616c6c73)), taken: map[string]bool{}}
	for _, k := range CallKinds {
		if w := mix[k]; w > 0 {
			t.total += w
			t.mix = append(t.mix, k)
			t.weights = append(t.weights, t.total)
		}
	}
	for range 200 {
		tel, n := t.mobile()
		t.taken[n] = true
		t.roamers = append(t.roamers, Roamer{MSISDN: n, Telco: tel, Country: foreignPrefixes[t.rng.IntN(len(foreignPrefixes))].country})
	}
	for range 50 {
		_, n := t.mobile()
		t.taken[n] = true
		t.scammers = append(t.scammers, n)
	}
	for i, b := range c.Banks {
		// A line beside the hotline that only ever takes calls.
		t.inbound = append(t.inbound, fmt.Sprintf("%s%04d", b.Hotline[:len(b.Hotline)-4], 9000+i))
	}
	return t
}

// Roamers returns the subscribers abroad, for their operators to report.
func (t *CallTraffic) Roamers() []Roamer { return t.roamers }

// Scammers returns the fraudsters' own numbers, for the police to report
// as scam_call.
func (t *CallTraffic) Scammers() []string { return t.scammers }

// InboundOnly returns the banks' inbound-only numbers, for the police to
// put on the Do-Not-Originate list.
func (t *CallTraffic) InboundOnly() []string { return t.inbound }

// mobile returns a random subscriber's operator and number, never one of
// the roamers or fraudsters.
func (t *CallTraffic) mobile() (string, string) {
	for {
		tel := t.country.Telcos[t.rng.IntN(len(t.country.Telcos))]
		n := fmt.Sprintf("+%s%07d", tel.Prefixes[t.rng.IntN(len(tel.Prefixes))], t.rng.IntN(10_000_000))
		if !t.taken[n] {
			return tel.Name, n
		}
	}
}

// telcoOf returns the name of the telco holding the prefix of n, or "".
func (t *CallTraffic) telcoOf(n string) string {
	for _, tel := range t.country.Telcos {
		for _, p := range tel.Prefixes {
			if len(n) > len(p) && n[1:1+len(p)] == p {
				return tel.Name
			}
		}
	}
	return ""
}

// Next returns the next call, set up at at.
func (t *CallTraffic) Next(at time.Time) Call {
	x := t.rng.Float64() * t.total
	kind := t.mix[len(t.mix)-1]
	for i, w := range t.weights {
		if x < w {
			kind = t.mix[i]
			break
		}
	}
	t.n++
	term, b := t.mobile()
	c := Call{Kind: kind, B: b, At: at, CallID: fmt.Sprintf("sim-%d-%d", t.rng.Uint32(), t.n),
		Ingress: kuzet.IngressDomestic, Terminating: term}
	switch kind {
	case CallLegit:
		c.Origin, c.A = t.mobile()
	case CallRoamer:
		r := t.roamers[t.rng.IntN(len(t.roamers))]
		c.A, c.Ingress = r.MSISDN, kuzet.IngressInternational
	case CallForeign:
		f := foreignPrefixes[t.rng.IntN(len(foreignPrefixes))]
		c.A = "+" + f.prefix + fmt.Sprintf("%0*d", f.digits-len(f.prefix), t.rng.Int64N(pow10(f.digits-len(f.prefix))))
		c.Ingress = kuzet.IngressInternational
	case CallSpoofAbroad, CallSpoofSIMBox:
		// Half pose as a bank, half as a relative or a courier.
		if t.rng.IntN(2) == 0 {
			c.A = t.country.Banks[t.rng.IntN(len(t.country.Banks))].Hotline
		} else {
			_, c.A = t.mobile()
		}
		if kind == CallSpoofAbroad {
			c.Ingress = kuzet.IngressInternational
		}
	case CallSpoofDNO:
		c.A = t.inbound[t.rng.IntN(len(t.inbound))]
		if t.rng.IntN(2) == 0 {
			c.Ingress = kuzet.IngressInternational
		}
	case CallInvalid:
		switch t.rng.IntN(3) {
		case 0:
			c.A = fmt.Sprintf("+7799%07d", t.rng.IntN(10_000_000)) // an unallocated range
		case 1:
			c.A = fmt.Sprintf("+7701%04d", t.rng.IntN(10_000)) // too short
		default:
			c.A = fmt.Sprintf("+7701%09d", t.rng.IntN(1_000_000_000)) // too long
		}
		c.Ingress = []kuzet.Ingress{kuzet.IngressDomestic, kuzet.IngressInternational}[t.rng.IntN(2)]
	case CallFlagged:
		c.A = t.scammers[t.rng.IntN(len(t.scammers))]
		c.Origin = t.telcoOf(c.A)
	case CallUnconnected:
		tel := t.country.Unconnected[t.rng.IntN(len(t.country.Unconnected))]
		c.A = fmt.Sprintf("+%s%07d", tel.Prefixes[t.rng.IntN(len(tel.Prefixes))], t.rng.IntN(10_000_000))
	case CallForwarded:
		c.Origin, c.A = t.mobile()
		for c.RedirectedFrom == "" || c.RedirectedFrom == c.B {
			_, c.RedirectedFrom = t.mobile()
		}
	}
	return c
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}
