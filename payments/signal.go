package payments

import (
	"slices"
	"strings"

	"github.com/kuzet/kuzet"
)

// Signal is one measured fact about a payment that rules test. Every signal
// is a number; the yes-or-no ones are 1 or 0.
type Signal uint8

// The signals. The package documentation describes each.
const (
	SignalAmount Signal = iota
	SignalAmountRatio
	SignalPayerHistory
	SignalNewPayee
	SignalRetryAfterHold
	SignalPayeeAgeHours
	SignalVelocity
	SignalFanIn
	SignalFanInBanks
	SignalLocalHour
	SignalPayeeMule
	SignalPayeeScam
	SignalPayeeReported
	SignalPayerIPRisk
	SignalDeviceFraud
	SignalCallActive
	SignalCallForeign
	SignalCallUnverified
	SignalCallFlagged
	SignalCallFirstTime
	SignalCallRisky
	SignalCallTargeted
	SignalFanInDay
	SignalPayeeRecent
	SignalPayeeRecentRatio
	SignalPayeeRecentWarned
	SignalPayeePassthrough
	SignalPassthrough
	SignalDeviceOnCall
	SignalRemoteAccess
	SignalNewDevice
	numSignals
)

var signalNames = [numSignals]string{
	SignalAmount:            "amount",
	SignalAmountRatio:       "amount_ratio",
	SignalPayerHistory:      "payer_history",
	SignalNewPayee:          "new_payee",
	SignalRetryAfterHold:    "retry_after_hold",
	SignalPayeeAgeHours:     "payee_age_hours",
	SignalVelocity:          "velocity",
	SignalFanIn:             "fan_in",
	SignalFanInBanks:        "fan_in_banks",
	SignalLocalHour:         "local_hour",
	SignalPayeeMule:         "payee_mule",
	SignalPayeeScam:         "payee_scam",
	SignalPayeeReported:     "payee_reported",
	SignalPayerIPRisk:       "payer_ip_risk",
	SignalDeviceFraud:       "device_fraud",
	SignalCallActive:        "call_active",
	SignalCallForeign:       "call_foreign",
	SignalCallUnverified:    "call_unverified",
	SignalCallFlagged:       "call_flagged",
	SignalCallFirstTime:     "call_first_time",
	SignalCallRisky:         "call_risky",
	SignalCallTargeted:      "call_targeted",
	SignalFanInDay:          "fan_in_day",
	SignalPayeeRecent:       "payee_recent",
	SignalPayeeRecentRatio:  "payee_recent_ratio",
	SignalPayeeRecentWarned: "payee_recent_warned",
	SignalPayeePassthrough:  "payee_passthrough",
	SignalPassthrough:       "passthrough",
	SignalDeviceOnCall:      "device_on_call",
	SignalRemoteAccess:      "remote_access",
	SignalNewDevice:         "new_device",
}

// String returns the signal's name in the rules language.
func (s Signal) String() string {
	if s < numSignals {
		return signalNames[s]
	}
	return "signal(?)"
}

// SignalNames lists every signal's name, in the order of the constants.
func SignalNames() []string { return slices.Clone(signalNames[:]) }

// SignalByName returns the signal of a name in the rules language.
func SignalByName(name string) (Signal, bool) {
	for i, n := range signalNames {
		if n == name {
			return Signal(i), true
		}
	}
	return 0, false
}

// Signals is the value of every signal for one payment.
type Signals [numSignals]float64

// Named returns the signals that are not zero, by name: what a check record
// keeps of them.
func (s *Signals) Named() map[string]float64 {
	n := 0
	for _, v := range s {
		if v != 0 {
			n++
		}
	}
	m := make(map[string]float64, n)
	for i, v := range s {
		if v != 0 {
			m[signalNames[i]] = v
		}
	}
	return m
}

// SignalsOf returns the signals a check record kept; names it does not know
// (of a later or earlier kuzet) are left out.
func SignalsOf(named map[string]float64) Signals {
	var s Signals
	for name, v := range named {
		if sig, ok := SignalByName(name); ok {
			s[sig] = v
		}
	}
	return s
}

// Set sets one signal.
func (s *Signals) Set(sig Signal, v float64) { s[sig] = v }

// flag sets a yes-or-no signal.
func (s *Signals) flag(sig Signal, yes bool) {
	if yes {
		s[sig] = 1
	}
}

// Risk levels may stand for a registry score in rules: "payee_mule >= high".
// The values are the lower bounds of the levels (see package registry).
var riskLevels = map[string]float64{
	string(kuzet.RiskNone):     0,
	string(kuzet.RiskLow):      0.05,
	string(kuzet.RiskMedium):   0.30,
	string(kuzet.RiskHigh):     0.75,
	string(kuzet.RiskCritical): 0.95,
}

// The registry categories behind the payee signals: payee_mule counts
// mule_account only; payee_scam the categories of an identifier a fraudster
// operates; everything else, victim_report first, is payee_reported.
func payeeSignal(c kuzet.Category) Signal {
	switch c {
	case kuzet.CategoryMuleAccount:
		return SignalPayeeMule
	case kuzet.CategoryScamCall, kuzet.CategorySpoofedCLI, kuzet.CategoryPhishingSite, kuzet.CategoryFakeShop,
		kuzet.CategoryInvestmentScam, kuzet.CategoryMalware, kuzet.CategorySimboxSIM:
		return SignalPayeeScam
	}
	return SignalPayeeReported
}

func signalList() string { return strings.Join(signalNames[:], ", ") }
