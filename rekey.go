package kuzet

import "encoding/json"

// RekeyPayeeCard applies rekey to the card of a payee stored as JSON (a
// payment check's), for KeyStore.RekeyCardTokens: both stores keep the
// document the same way. Returns the new document and whether it changed.
func RekeyPayeeCard(doc string, rekey func(string) (string, bool)) (string, bool) {
	var p Payee
	if err := json.Unmarshal([]byte(doc), &p); err != nil || p.Card == "" {
		return doc, false
	}
	card, ok := rekey(p.Card)
	if !ok || card == p.Card {
		return doc, false
	}
	p.Card = card
	b, err := json.Marshal(p)
	if err != nil {
		return doc, false
	}
	return string(b), true
}

// RekeyIndicatorCards applies rekey to the card indicators of a list
// stored as JSON (a victim report's), as RekeyPayeeCard does.
func RekeyIndicatorCards(doc string, rekey func(string) (string, bool)) (string, bool) {
	var inds []Indicator
	if err := json.Unmarshal([]byte(doc), &inds); err != nil {
		return doc, false
	}
	changed := false
	for i := range inds {
		if inds[i].Kind != KindCard {
			continue
		}
		if v, ok := rekey(inds[i].Value); ok && v != inds[i].Value {
			inds[i].Value, changed = v, true
		}
	}
	if !changed {
		return doc, false
	}
	b, err := json.Marshal(inds)
	if err != nil {
		return doc, false
	}
	return string(b), true
}
