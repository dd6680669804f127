package ident

import "github.com/kuzet/kuzet"

// ParseAccount returns a domestic, non-IBAN account number as upper-case
// digits and letters, with the spaces and dashes of its printed form
// removed. Returns EINVALID if it has other characters, is not 6 to 34
// characters long, or is obvious filler: no digit at all, or one repeated
// character ("000000").
//
// An IBAN given as an account stays an account: callers holding a field that
// may be either should try ParseIBAN first so that it gets the IBAN's key.
func ParseAccount(raw string) (kuzet.Indicator, error) { return parseAccount(raw, false) }

// ParseAccountNumber is ParseAccount for the account a payment names: it
// takes one of a repeated character, which the registry refuses as filler
// but a bank's payment may carry (the FedNow service's own sample messages
// pay 55555555555); whether such an account exists is the bank's to know.
func ParseAccountNumber(raw string) (kuzet.Indicator, error) { return parseAccount(raw, true) }

func parseAccount(raw string, repeated bool) (kuzet.Indicator, error) {
	s, err := prepare(raw, "account number", maxLen)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	acct, ok := compact(s)
	if !ok {
		return kuzet.Indicator{}, invalid("account number may hold only digits, letters A–Z, spaces and dashes")
	}
	if len(acct) < 6 || len(acct) > 34 {
		return kuzet.Indicator{}, invalid("account number must have 6 to 34 characters, not %d", len(acct))
	}
	digits, same := 0, true
	for i := 0; i < len(acct); i++ {
		if isDigit(acct[i]) {
			digits++
		}
		if acct[i] != acct[0] {
			same = false
		}
	}
	if digits == 0 {
		return kuzet.Indicator{}, invalid("account number has no digits")
	}
	if same && !repeated {
		return kuzet.Indicator{}, invalid("account number is one repeated character")
	}
	return kuzet.Indicator{Kind: kuzet.KindAccount, Value: acct}, nil
}
