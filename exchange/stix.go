package exchange

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// SpecVersion is the STIX version kuzet writes and accepts.
const SpecVersion = "2.1"

// UUID is a 16-byte RFC 9562 UUID.
type UUID [16]byte

// ParseUUID reads the canonical text form of a UUID.
func ParseUUID(s string) (UUID, bool) {
	var u UUID
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, false
	}
	h := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	if _, err := hex.Decode(u[:], []byte(h)); err != nil {
		return u, false
	}
	return u, true
}

func (u UUID) String() string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// V5 is the name-based UUID (version 5, SHA-1) of name in namespace u: the
// same name gives the same id, so re-exports never duplicate.
func (u UUID) V5(name string) UUID {
	var buf [256]byte
	sum := sha1.Sum(append(append(buf[:0], u[:]...), name...))
	var out UUID
	copy(out[:], sum[:])
	out[6] = out[6]&0x0f | 0x50
	out[8] = out[8]&0x3f | 0x80
	return out
}

func mustUUID(s string) UUID {
	u, ok := ParseUUID(s)
	if !ok {
		panic("exchange: bad UUID " + s)
	}
	return u
}

var (
	// stixSCONamespace is the namespace STIX 2.1 (§2.9) fixes for the
	// deterministic ids of cyber-observable objects.
	stixSCONamespace = mustUUID("00abedb4-aa42-466c-9c01-fed23315a9b7")
	// kuzetNamespace names what every kuzet deployment shares: the
	// extension definitions and the identity that defines them.
	kuzetNamespace = mustUUID("8a3f52a4-5d0e-4c7b-9a61-3e2f9d7c1b40")
)

// KuzetIdentity is the identity that defines kuzet's extensions, the same
// in every deployment.
var KuzetIdentity = "identity--" + kuzetNamespace.V5("identity/kuzet-project").String()

// stixTime formats t as a STIX timestamp, to the microsecond
// (2006-01-02T15:04:05.000000Z), without time.Format's generality: an
// export formats millions.
func stixTime(t time.Time) string {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	if y < 0 || y > 9999 {
		return t.Format("2006-01-02T15:04:05.000000Z")
	}
	var b [27]byte
	put := func(i, v, n int) {
		for j := i + n - 1; j >= i; j-- {
			b[j] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, y, 4)
	b[4] = '-'
	put(5, int(mo), 2)
	b[7] = '-'
	put(8, d, 2)
	b[10] = 'T'
	put(11, h, 2)
	b[13] = ':'
	put(14, mi, 2)
	b[16] = ':'
	put(17, s, 2)
	b[19] = '.'
	put(20, t.Nanosecond()/1000, 6)
	b[26] = 'Z'
	return string(b[:])
}

// parseTime reads a STIX or TAXII timestamp (RFC 3339 in UTC).
func parseTime(s string) (time.Time, bool) {
	if !strings.HasSuffix(s, "Z") {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// TLP 2.0 marking definitions, as published with STIX's TLP 2.0 extension
// (extension-definition--60a3c5c5-…): fixed ids that every peer knows.
const (
	tlpExtension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
	tlpCreator   = "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01"
)

var tlpMarkingIDs = map[kuzet.TLP]string{
	kuzet.TLPClear:       "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
	kuzet.TLPGreen:       "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
	kuzet.TLPAmber:       "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
	kuzet.TLPAmberStrict: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
	kuzet.TLPRed:         "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}

// tlpOfMarking maps marking-definition ids to levels: TLP 2.0's, and STIX
// 2.1's TLP 1.0 ones that older peers still send (WHITE reads as CLEAR).
var tlpOfMarking = map[string]kuzet.TLP{
	"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": kuzet.TLPClear,
	"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": kuzet.TLPGreen,
	"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": kuzet.TLPAmber,
	"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": kuzet.TLPRed,
}

func init() {
	for t, id := range tlpMarkingIDs {
		tlpOfMarking[id] = t
	}
}

// rank orders TLP levels from CLEAR (0) to RED (4).
func rank(t kuzet.TLP) int {
	for i, v := range kuzet.TLPs {
		if v == t {
			return i
		}
	}
	return len(kuzet.TLPs)
}

// Object is a STIX object as kuzet writes it: one flat struct whose empty
// fields are left out, so that encoding a million of them stays cheap.
type Object struct {
	Type              string   `json:"type"`
	SpecVersion       string   `json:"spec_version,omitempty"`
	ID                string   `json:"id"`
	CreatedByRef      string   `json:"created_by_ref,omitempty"`
	Created           string   `json:"created,omitempty"`
	Modified          string   `json:"modified,omitempty"`
	Name              string   `json:"name,omitempty"`
	Description       string   `json:"description,omitempty"`
	IdentityClass     string   `json:"identity_class,omitempty"`
	IndicatorTypes    []string `json:"indicator_types,omitempty"`
	Pattern           string   `json:"pattern,omitempty"`
	PatternType       string   `json:"pattern_type,omitempty"`
	ValidFrom         string   `json:"valid_from,omitempty"`
	ValidUntil        string   `json:"valid_until,omitempty"`
	Labels            []string `json:"labels,omitempty"`
	Confidence        *int     `json:"confidence,omitempty"`
	Schema            string   `json:"schema,omitempty"`
	Version           string   `json:"version,omitempty"`
	ExtensionTypes    []string `json:"extension_types,omitempty"`
	SightingOfRef     string   `json:"sighting_of_ref,omitempty"`
	Count             int      `json:"count,omitempty"`
	FirstSeen         string   `json:"first_seen,omitempty"`
	LastSeen          string   `json:"last_seen,omitempty"`
	WhereSightedRefs  []string `json:"where_sighted_refs,omitempty"`
	ReportTypes       []string `json:"report_types,omitempty"`
	Published         string   `json:"published,omitempty"`
	ObjectRefs        []string `json:"object_refs,omitempty"`
	Value             string   `json:"value,omitempty"`
	IBAN              string   `json:"iban,omitempty"`
	AccountNumber     string   `json:"account_number,omitempty"`
	Token             string   `json:"token,omitempty"`
	BIN               string   `json:"bin,omitempty"`
	Last4             string   `json:"last4,omitempty"`
	IMEI              string   `json:"imei,omitempty"`
	ObjectMarkingRefs []string `json:"object_marking_refs,omitempty"`

	Extensions map[string]Extension `json:"extensions,omitempty"`
}

// Extension is one entry of an object's extensions.
type Extension struct {
	ExtensionType string `json:"extension_type"`
	TLP           string `json:"tlp_2_0,omitempty"`
}

// SCO types kuzet defines for what STIX has no observable for, each declared
// by an extension definition: the property that carries the identifier, and
// the id-contributing property of its deterministic id.
type scoType struct {
	Type     string
	Property string
	Name     string
	About    string
}

var scoTypes = []scoType{
	{"phone-number", "value", "Phone number", "A telephone number in E.164 form (value), used in fraud."},
	{"bank-account", "iban", "Bank account", "A bank account by its IBAN (iban) or, for a domestic account, its number (account_number)."},
	{"payment-card-token", "token", "Payment card token", "A payment card known only by a keyed token (token), its BIN (bin) and last four digits (last4); never a card number."},
	{"cryptocurrency-wallet", "value", "Cryptocurrency wallet", "A cryptocurrency wallet address (value)."},
	{"mobile-device", "imei", "Mobile device", "A handset by its IMEI (imei)."},
}

// ExtensionID returns the id of the extension definition of a kuzet SCO
// type: the same in every deployment.
func ExtensionID(scoType string) string {
	if id, ok := extensionIDs[scoType]; ok {
		return id
	}
	return "extension-definition--" + kuzetNamespace.V5("extension/"+scoType).String()
}

// extensionIDs holds the ids of kuzet's SCO types' definitions, made once.
var extensionIDs = map[string]string{}

func init() {
	for _, t := range scoTypes {
		extensionIDs[t.Type] = "extension-definition--" + kuzetNamespace.V5("extension/"+t.Type).String()
	}
}

// extensionsCreated is when kuzet's extension definitions were first
// published: fixed, so that their one version is the same everywhere.
var extensionsCreated = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// SchemaBase is where kuzet's extension schemas are described.
const SchemaBase = "https://github.com/kuzet/kuzet/blob/main/docs/exchange.md#"

// staticObjects returns the objects every collection starts with: the
// identity behind kuzet's extensions, their definitions and the TLP
// marking definitions below RED.
func staticObjects() []Object {
	created := stixTime(extensionsCreated)
	clear := []string{tlpMarkingIDs[kuzet.TLPClear]}
	out := []Object{{Type: "identity", SpecVersion: SpecVersion, ID: KuzetIdentity, Created: created, Modified: created,
		Name: "kuzet", IdentityClass: "system", Description: "The kuzet project, which defines kuzet's STIX extensions.",
		ObjectMarkingRefs: clear}}
	for _, t := range scoTypes {
		out = append(out, Object{Type: "extension-definition", SpecVersion: SpecVersion, ID: ExtensionID(t.Type),
			CreatedByRef: KuzetIdentity, Created: created, Modified: created, Name: t.Type, Description: t.About,
			Schema: SchemaBase + t.Type, Version: "1.0.0", ExtensionTypes: []string{"new-sco"}, ObjectMarkingRefs: clear})
	}
	tlpCreated := "2022-10-01T00:00:00.000Z"
	for _, t := range kuzet.TLPs[:4] {
		out = append(out, Object{Type: "marking-definition", SpecVersion: SpecVersion, ID: tlpMarkingIDs[t],
			CreatedByRef: tlpCreator, Created: tlpCreated, Name: "TLP:" + strings.ToUpper(string(t)),
			Extensions: map[string]Extension{tlpExtension: {ExtensionType: "property-extension", TLP: string(t)}}})
	}
	return out
}

// scoID is the deterministic id of an SCO: UUIDv5 in STIX's namespace of
// the canonical JSON (RFC 8785) of its id-contributing property.
func scoID(typ, prop, value string) string {
	b := make([]byte, 0, 16+len(prop)+len(value))
	b = append(b, '{', '"')
	b = append(b, prop...)
	b = append(b, '"', ':')
	b = appendJSONString(b, value, false)
	b = append(b, '}')
	return typ + "--" + stixSCONamespace.V5(string(b)).String()
}

// observable returns the SCO of an indicator and the pattern that matches
// it; ok is false for a kind without one.
func observable(ind kuzet.Kind, value string) (o Object, pattern string, ok bool) {
	o.SpecVersion = SpecVersion
	set := func(typ, prop string, field *string, v string) {
		o.Type, *field = typ, v
		o.ID = scoID(typ, prop, v)
		pattern = "[" + typ + ":" + prop + " = " + quote(v) + "]"
		if ExtensionTyped(typ) {
			o.Extensions = map[string]Extension{ExtensionID(typ): {ExtensionType: "new-sco"}}
		}
	}
	switch ind {
	case kuzet.KindDomain:
		set("domain-name", "value", &o.Value, value)
	case kuzet.KindURL:
		set("url", "value", &o.Value, value)
	case kuzet.KindEmail:
		set("email-addr", "value", &o.Value, value)
	case kuzet.KindIP:
		if strings.Contains(value, ":") {
			set("ipv6-addr", "value", &o.Value, value)
		} else {
			set("ipv4-addr", "value", &o.Value, value)
		}
	case kuzet.KindPhone:
		set("phone-number", "value", &o.Value, value)
	case kuzet.KindIBAN:
		set("bank-account", "iban", &o.IBAN, value)
	case kuzet.KindAccount:
		set("bank-account", "account_number", &o.AccountNumber, value)
	case kuzet.KindWallet:
		set("cryptocurrency-wallet", "value", &o.Value, value)
	case kuzet.KindIMEI:
		set("mobile-device", "imei", &o.IMEI, value)
	case kuzet.KindCard:
		// "<BIN6>-<last4>-<token>": the token is keyed with this
		// deployment's secret; the card number itself is never known.
		parts := strings.SplitN(value, "-", 3)
		if len(parts) != 3 {
			return o, "", false
		}
		set("payment-card-token", "token", &o.Token, parts[2])
		o.BIN, o.Last4 = parts[0], parts[1]
	default:
		return o, "", false
	}
	return o, pattern, true
}

// ExtensionTyped reports whether typ is one of kuzet's own SCO types.
func ExtensionTyped(typ string) bool {
	for _, t := range scoTypes {
		if t.Type == typ {
			return true
		}
	}
	return false
}

// quote writes s as a STIX pattern string literal: quotes and backslashes
// escaped, so that no value can end the literal and add a comparison.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('\'')
	return b.String()
}

// ParseTime reads a STIX or TAXII timestamp: RFC 3339 in UTC ("Z").
func ParseTime(s string) (time.Time, bool) { return parseTime(s) }

// FormatTime writes t as a STIX or TAXII timestamp, to the microsecond.
func FormatTime(t time.Time) string { return stixTime(t) }
