package ident

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
	"github.com/nyaruka/phonenumbers"
)

// maxPhoneDigits bounds the digits of a phone number: E.164 allows 15, and
// a national or "8 10" international spelling adds a few prefix digits.
const maxPhoneDigits = 18

// ParsePhone returns the E.164 form of a phone number ("+77011234567").
// Numbers without a country code are read in defaultRegion's national
// format ("" means KZ); an 11-digit "7701…" is read as +7 701…, and a
// number that is not valid nationally is tried as international digits
// without the "+". Returns EINVALID if raw is not a dialable number, and
// EINTERNAL if defaultRegion is not a known region.
//
// +7 shares Russia and Kazakhstan; every +7 7xx number is Kazakhstan's, and
// is accepted as KZ even where the phone metadata lags behind new ranges.
func ParsePhone(raw, defaultRegion string) (kuzet.Indicator, error) {
	s, err := prepare(raw, "phone number", maxLen)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	region, cc, err := phoneRegion(defaultRegion)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	// The common input is already E.164 or the KZ national "8701…" form.
	if cc == 7 {
		if v, ok := FastE164(s); ok {
			return kuzet.Indicator{Kind: kuzet.KindPhone, Value: v, Region: "KZ"}, nil
		}
	}

	var buf [maxPhoneDigits]byte
	digits, plus, err := phoneDigits(s, buf[:0])
	if err != nil {
		return kuzet.Indicator{}, err
	}
	if !plus && len(digits) > 2 && digits[0] == '0' && digits[1] == '0' {
		// "00" is the international prefix of most of the world; people
		// abroad write it even to KZ, whose own prefix is "8 10".
		digits, plus = digits[2:], true
	}
	if !plus && cc == 7 && len(digits) == 11 && digits[0] == '7' {
		// An 11-digit number starting with the country code is E.164 without
		// the "+": no +7 national number has 11 digits.
		plus = true
	}
	if v, ok := fastKZ(digits, plus, cc); ok {
		return kuzet.Indicator{Kind: kuzet.KindPhone, Value: v, Region: "KZ"}, nil
	}
	if plus {
		return phoneFromMetadata("+"+string(digits), region)
	}
	ind, err := phoneFromMetadata(string(digits), region)
	if err != nil && len(digits) >= 10 && !hasNationalPrefix(digits, region) {
		// Switches and CDR extracts often drop the "+" of foreign numbers.
		// A number starting with the national prefix ("8…" in KZ) is a
		// mistyped national one, not a foreign one.
		if alt, err2 := phoneFromMetadata("+"+string(digits), region); err2 == nil {
			return alt, nil
		}
	}
	return ind, err
}

// phoneRegion returns the upper-cased default region and its country code.
func phoneRegion(region string) (string, int, error) {
	switch region {
	case "", "KZ", "kz":
		return "KZ", 7, nil
	}
	region = strings.ToUpper(region)
	cc := phonenumbers.GetCountryCodeForRegion(region)
	if cc == 0 {
		return "", 0, kuzet.Errorf(kuzet.EINTERNAL, "ident: unknown default phone region %q", region)
	}
	return region, cc, nil
}

// hasNationalPrefix reports whether digits start with region's trunk prefix.
func hasNationalPrefix(digits []byte, region string) bool {
	p := "8"
	if region != "KZ" {
		p = phonenumbers.GetNddPrefixForRegion(region, true)
	}
	return p != "" && strings.HasPrefix(string(digits), p)
}

// phoneDigits collects the digits of s into buf and reports whether s
// starts with "+". Only separators people use in numbers may surround the
// digits: letters (vanity numbers, "ext."), and "#" or "*" codes are
// rejected rather than guessed around.
func phoneDigits(s string, buf []byte) ([]byte, bool, error) {
	if len(s) >= 4 && strings.EqualFold(s[:4], "tel:") {
		s = trim(s[4:])
	}
	plus := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case isDigit(c):
				if len(buf) == maxPhoneDigits {
					return nil, false, invalid("phone number has too many digits")
				}
				buf = append(buf, c)
			case c == '+':
				if plus || len(buf) > 0 {
					return nil, false, invalid("phone number has a misplaced '+'")
				}
				plus = true
			case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || asciiSpace(c):
			default:
				return nil, false, invalid("not a phone number: only digits, '+' and separators are allowed")
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if !isSeparator(r) && !unicode.Is(unicode.Ps, r) && !unicode.Is(unicode.Pe, r) {
			return nil, false, invalid("not a phone number: only digits, '+' and separators are allowed")
		}
	}
	if len(buf) == 0 {
		return nil, false, invalid("phone number has no digits")
	}
	return buf, plus, nil
}

// phoneFromMetadata parses number with the phone metadata and checks that
// it is dialable. Verdicts are cached: the metadata costs tens of
// microseconds a number, and the numbers that miss the fast path (foreign
// callers, the same scam lines) recur.
func phoneFromMetadata(number, region string) (kuzet.Indicator, error) {
	key := number
	if number[0] != '+' {
		key = region + " " + number
	}
	v, ok := phoneVerdicts.get(key)
	if !ok {
		v.ind, v.err = phoneFromMetadataUncached(number, region)
		phoneVerdicts.put(key, v)
	}
	if v.err != "" {
		return kuzet.Indicator{}, invalid("%s", v.err)
	}
	return v.ind, nil
}

// phoneFromMetadataUncached returns the metadata's verdict on number: the
// indicator, or why it is rejected.
func phoneFromMetadataUncached(number, region string) (kuzet.Indicator, string) {
	n, err := phonenumbers.Parse(number, region)
	if err != nil {
		return kuzet.Indicator{}, "not a dialable phone number"
	}
	nsn := phonenumbers.GetNationalSignificantNumber(n)
	if n.GetCountryCode() == 7 && len(nsn) == 10 && nsn[0] == '7' {
		return kuzet.Indicator{Kind: kuzet.KindPhone, Value: "+7" + nsn, Region: "KZ"}, ""
	}
	// IsValidNumber would look the region up again; it is the costly part.
	r := phonenumbers.GetRegionCodeForNumber(n)
	if !phonenumbers.IsValidNumberForRegion(n, r) {
		if !phonenumbers.IsPossibleNumber(n) {
			return kuzet.Indicator{}, "not a dialable phone number: wrong length for its country"
		}
		return kuzet.Indicator{}, "not a dialable phone number: no such number range in its country"
	}
	ind := kuzet.Indicator{Kind: kuzet.KindPhone, Value: phonenumbers.Format(n, phonenumbers.E164)}
	if len(r) == 2 && r != "ZZ" {
		ind.Region = r
	}
	return ind, ""
}

// FastE164 normalizes the spellings of Kazakh numbers that make up nearly
// all telecom traffic, without the phone metadata: "+7" followed by a
// 10-digit 7xx number, the same 11 digits without "+" ("7701…"), and the
// KZ national form "8701…". It returns "+77011234567" and true for those,
// and ok=false for anything else, including surrounding spaces and foreign
// numbers: the caller then falls back to ParsePhone. Whenever ok is true,
// ParsePhone (with region KZ) returns the same value.
func FastE164(raw string) (e164 string, ok bool) {
	switch len(raw) {
	case 12:
		if raw[0] == '+' && raw[1] == '7' && raw[2] == '7' && allDigits(raw[3:]) {
			return raw, true
		}
	case 11:
		if (raw[0] == '7' || raw[0] == '8') && raw[1] == '7' && allDigits(raw[2:]) {
			return "+7" + raw[1:], true
		}
	}
	return "", false
}

// fastKZ is FastE164 for digits already freed of separators: "+7 7xx…",
// and, where the default region dials +7, the national "8 7xx…" and "7xx…".
func fastKZ(digits []byte, plus bool, cc int) (string, bool) {
	switch {
	case plus && len(digits) == 11 && digits[0] == '7' && digits[1] == '7':
		return "+" + string(digits), true
	case !plus && cc == 7 && len(digits) == 11 && digits[0] == '8' && digits[1] == '7':
		return "+7" + string(digits[1:]), true
	case !plus && cc == 7 && len(digits) == 10 && digits[0] == '7':
		return "+7" + string(digits), true
	}
	return "", false
}

// phoneVerdicts caches the metadata's verdicts on numbers.
var phoneVerdicts verdictCache

// A phoneVerdict is an accepted number, or the reason it was rejected.
type phoneVerdict struct {
	ind kuzet.Indicator
	err string
}

// verdictCache is a bounded concurrent map: each shard is dropped whole
// when full, which bounds memory without bookkeeping per entry.
type verdictCache struct {
	shards [16]struct {
		mu sync.RWMutex
		m  map[string]phoneVerdict
	}
}

// verdictShardSize bounds a shard; 16 shards hold 64k numbers, a few MB.
const verdictShardSize = 4096

func (c *verdictCache) shard(key string) int {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(key); i++ {
		h = (h ^ uint32(key[i])) * 16777619
	}
	return int(h % uint32(len(c.shards)))
}

func (c *verdictCache) get(key string) (phoneVerdict, bool) {
	s := &c.shards[c.shard(key)]
	s.mu.RLock()
	v, ok := s.m[key]
	s.mu.RUnlock()
	return v, ok
}

func (c *verdictCache) put(key string, v phoneVerdict) {
	s := &c.shards[c.shard(key)]
	s.mu.Lock()
	if s.m == nil || len(s.m) >= verdictShardSize {
		s.m = make(map[string]phoneVerdict, 64)
	}
	s.m[key] = v
	s.mu.Unlock()
}
