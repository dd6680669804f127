package kuzet

// TLP is a Traffic Light Protocol 2.0 level: who may see what is shared,
// a case or an indicator sent to a partner.
type TLP string

// TLP 2.0 levels, from the most open to the most restricted.
const (
	TLPClear       TLP = "clear"
	TLPGreen       TLP = "green"
	TLPAmber       TLP = "amber"
	TLPAmberStrict TLP = "amber+strict"
	TLPRed         TLP = "red"
)

// TLPs lists the levels, from the most open to the most restricted.
var TLPs = []TLP{TLPClear, TLPGreen, TLPAmber, TLPAmberStrict, TLPRed}

// Valid reports whether t is one of TLPs.
func (t TLP) Valid() bool {
	for _, v := range TLPs {
		if t == v {
			return true
		}
	}
	return false
}
