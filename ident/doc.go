// Package ident parses and normalizes the identifiers that kuzet shares:
// phone numbers, IBANs and domestic account numbers, payment cards, IMEIs,
// domains, URLs, IP addresses, e-mail addresses and crypto wallets.
//
// Every parser turns messy human or machine input into one canonical value,
// so that the same identifier reported by a bank, an operator and the police
// lands on the same registry key: "8 (701) 123-45-67" and "+7 701 1234567"
// both become "+77011234567". Parsing a normalized value again returns it
// unchanged (cards excepted: their value is a keyed token, which is accepted
// back as it is).
//
// Every rejection is a *kuzet.Error with code kuzet.EINVALID and one field
// error on "value" saying why; a card is never echoed in any message.
//
// The parsers sit on the hot path of every API call: ASCII input that is
// already canonical takes allocation-light fast paths, and FastE164 serves
// the telecom path without touching the phone metadata at all.
package ident
