package kuzet_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
)

// TestRoleMatrix states, for each role, every right it holds; every other
// right of kuzet.Permissions it must not hold. A change to the matrix is a
// change here, where a reviewer sees it beside DESIGN.md's "Who uses it".
func TestRoleMatrix(t *testing.T) {
	may := map[kuzet.OrgType][]kuzet.Permission{
		// Checks payments, answers freeze requests, reports mules and
		// victims; sees no cases, no statistics, nobody else's payments.
		kuzet.OrgBank: {kuzet.PermIndicatorRead, kuzet.PermIndicatorDetail, kuzet.PermIndicatorWrite,
			kuzet.PermActiveCall, kuzet.PermPaymentCheck, kuzet.PermReportCreate, kuzet.PermFreezeInbox},
		// Registers and verifies calls, registers its STIR/SHAKEN
		// certificates, reports roaming, lets other operators originate
		// numbers of its ranges, names the other members, sends CDRs,
		// reads its own batches and the SIM-box block list; never reads a subscriber's call signal,
		// never ports a number, never decides whom to trust.
		kuzet.OrgTelco: {kuzet.PermIndicatorRead, kuzet.PermIndicatorDetail, kuzet.PermIndicatorWrite,
			kuzet.PermCallOriginate, kuzet.PermCallVerify, kuzet.PermRoamingWrite, kuzet.PermCDRUpload,
			kuzet.PermCDRRead, kuzet.PermDelegationWrite, kuzet.PermOrgRead, kuzet.PermSTICertificate,
			kuzet.PermBlocklistRead},
		// Investigates: cases, SIM boxes, web findings, blocking requests,
		// statistics, exchange with partners; runs the anti-fraud
		// centre's payment rules; lists the members. Does not answer its
		// own blocking requests, and checks no payment.
		kuzet.OrgPolice: {kuzet.PermIndicatorRead, kuzet.PermIndicatorDetail, kuzet.PermIndicatorWrite,
			kuzet.PermAllowlistWrite, kuzet.PermDNOWrite, kuzet.PermReportCreate, kuzet.PermPaymentRules,
			kuzet.PermSimboxRead, kuzet.PermSimboxTriage, kuzet.PermCDRRead, kuzet.PermWebSubmit,
			kuzet.PermWebTriage, kuzet.PermBlockingCreate, kuzet.PermCaseRead, kuzet.PermCaseWrite, kuzet.PermStatsRead,
			kuzet.PermExchange, kuzet.PermPartnerWrite, kuzet.PermAuditRead, kuzet.PermOrgRead},
		// The blocking authority: answers blocking requests, keeps the
		// national allowlist, Do-Not-Originate list, porting database and
		// STIR/SHAKEN trust anchors, reads statistics and, as an overseer,
		// the audit log and the members. It does not change the rules
		// banks' payments are decided by, sees no cases and triages nothing
		// it then judges.
		kuzet.OrgRegulator: {kuzet.PermIndicatorRead, kuzet.PermIndicatorDetail, kuzet.PermIndicatorWrite,
			kuzet.PermAllowlistWrite, kuzet.PermDNOWrite, kuzet.PermWebSubmit, kuzet.PermBlockingStatus,
			kuzet.PermStatsRead, kuzet.PermAuditRead, kuzet.PermPortingWrite, kuzet.PermOrgRead, kuzet.PermSTIAnchor},
		// A foreign police force: exchanges indicators.
		kuzet.OrgPartner: {kuzet.PermIndicatorRead, kuzet.PermIndicatorDetail, kuzet.PermIndicatorWrite,
			kuzet.PermExchange},
		// The citizens' portal: a risk level, a report, a suspicious site.
		kuzet.OrgPublic: {kuzet.PermIndicatorRead, kuzet.PermReportCreate, kuzet.PermWebSubmit},
	}
	if len(may) != len(kuzet.OrgTypes) {
		t.Fatalf("the test states %d roles, kuzet has %d", len(may), len(kuzet.OrgTypes))
	}
	for _, typ := range kuzet.OrgTypes {
		role := kuzet.Role(typ)
		for _, p := range kuzet.Permissions {
			t.Run(string(typ)+"/"+string(p), func(t *testing.T) {
				want := slices.Contains(may[typ], p)
				if got := role.Can(p); got != want {
					t.Errorf("%s may %s: got %v, want %v", role, p, got, want)
				}
			})
		}
	}
	for _, p := range kuzet.Permissions {
		holders := 0
		for _, typ := range kuzet.OrgTypes {
			if kuzet.Role(typ).Can(p) {
				holders++
			}
		}
		if holders == 0 {
			t.Errorf("%s: held by no role", p)
		}
	}
	if kuzet.Role("admin").Can(kuzet.PermIndicatorRead) {
		t.Error("a role outside the matrix holds a right")
	}
}

func TestOrgValidate(t *testing.T) {
	tests := []struct {
		name  string
		org   kuzet.Org
		field string // "" when valid
	}{
		{"bank", kuzet.Org{Name: "Bank One", Type: kuzet.OrgBank, BIC: "bankkzka", BankCode: "722"}, ""},
		{"telco", kuzet.Org{Name: "Operator A", Type: kuzet.OrgTelco, Prefixes: []string{"+7701", " 7775"}}, ""},
		{"police", kuzet.Org{Name: "Cyber Police", Type: kuzet.OrgPolice}, ""},
		{"no name", kuzet.Org{Name: "  ", Type: kuzet.OrgBank}, "name"},
		{"control characters in the name", kuzet.Org{Name: "Bank\x07", Type: kuzet.OrgBank}, "name"},
		{"unknown type", kuzet.Org{Name: "X", Type: "bakery"}, "type"},
		{"short bank code", kuzet.Org{Name: "X", Type: kuzet.OrgBank, BankCode: "72"}, "bank_code"},
		{"short BIC", kuzet.Org{Name: "X", Type: kuzet.OrgBank, BIC: "ABC"}, "bic"},
		{"BIC with punctuation", kuzet.Org{Name: "X", Type: kuzet.OrgBank, BIC: "BANK-ZKA"}, "bic"},
		{"letters in a prefix", kuzet.Org{Name: "X", Type: kuzet.OrgTelco, Prefixes: []string{"7701", "77a1"}}, "prefixes[1]"},
		{"empty prefix", kuzet.Org{Name: "X", Type: kuzet.OrgTelco, Prefixes: []string{""}}, "prefixes[0]"},
		{"prefix too long", kuzet.Org{Name: "X", Type: kuzet.OrgTelco, Prefixes: []string{strings.Repeat("7", 16)}}, "prefixes[0]"},
		{"prefixes on police", kuzet.Org{Name: "X", Type: kuzet.OrgPolice, Prefixes: []string{"7702"}}, "prefixes"},
		{"prefixes on a bank", kuzet.Org{Name: "X", Type: kuzet.OrgBank, Prefixes: []string{"7702"}}, "prefixes"},
		{"BIC on a telco", kuzet.Org{Name: "X", Type: kuzet.OrgTelco, BIC: "BANKKZKA"}, "bic"},
		{"bank code on the regulator", kuzet.Org{Name: "X", Type: kuzet.OrgRegulator, BankCode: "722"}, "bank_code"},
		{"BIC on the public portal", kuzet.Org{Name: "X", Type: kuzet.OrgPublic, BIC: "BANKKZKA"}, "bic"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.org
			err := o.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("got %v, want valid", err)
				}
				return
			}
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("got %v, want %s", err, kuzet.EINVALID)
			}
			var fields []string
			for _, f := range kuzet.ErrorFields(err) {
				fields = append(fields, f.Field)
			}
			if !slices.Contains(fields, tc.field) {
				t.Errorf("fields: got %v, want %s among them", fields, tc.field)
			}
		})
	}
	o := kuzet.Org{Name: " Bank One ", Type: kuzet.OrgBank, BIC: " bankkzka "}
	if err := o.Validate(); err != nil || o.Name != "Bank One" || o.BIC != "BANKKZKA" {
		t.Errorf("normalised: got %q %q %v, want the name trimmed and the BIC upper-cased", o.Name, o.BIC, err)
	}
	o = kuzet.Org{Name: "Operator A", Type: kuzet.OrgTelco, Prefixes: []string{"+7701", " 7775 "}}
	if err := o.Validate(); err != nil || !slices.Equal(o.Prefixes, []string{"7701", "7775"}) {
		t.Errorf("prefixes: got %q %v, want 7701 7775", o.Prefixes, err)
	}
}

var (
	bankOne = &kuzet.Org{ID: 1, Name: "Bank One", Type: kuzet.OrgBank, BIC: "BANKKZKA", BankCode: "722"}
	opA     = &kuzet.Org{ID: 2, Name: "Operator A", Type: kuzet.OrgTelco, Prefixes: []string{"7701", "7775"}}
	police  = &kuzet.Org{ID: 3, Name: "Cyber Police", Type: kuzet.OrgPolice}
)

func TestCheckNewOrg(t *testing.T) {
	existing := []*kuzet.Org{bankOne, opA, police}
	tests := []struct {
		name    string
		org     *kuzet.Org
		message string // "" when it may join
	}{
		{"another bank", &kuzet.Org{Name: "Bank Two", Type: kuzet.OrgBank, BIC: "BANKKZKB", BankCode: "826"}, ""},
		{"another operator", &kuzet.Org{Name: "Operator B", Type: kuzet.OrgTelco, Prefixes: []string{"7702", "7747"}}, ""},
		{"a neighbouring range", &kuzet.Org{Name: "Operator B", Type: kuzet.OrgTelco, Prefixes: []string{"7700", "7702", "7776"}}, ""},
		{"same name", &kuzet.Org{Name: "Bank One", Type: kuzet.OrgPartner}, `the name "Bank One" is already taken (organisation 1)`},
		{"same name in other letters", &kuzet.Org{Name: "BANK ONE", Type: kuzet.OrgPartner},
			`the name "BANK ONE" is already taken, as "Bank One" (organisation 1)`},
		{"same bank code", &kuzet.Org{Name: "Bank Dup", Type: kuzet.OrgBank, BIC: "BANKKZKX", BankCode: "722"},
			"bank code 722 is already Bank One's"},
		{"same BIC", &kuzet.Org{Name: "Bank Dup", Type: kuzet.OrgBank, BIC: "BANKKZKA"}, "BIC BANKKZKA is already Bank One's"},
		{"same bank, branch BIC", &kuzet.Org{Name: "Bank Dup", Type: kuzet.OrgBank, BIC: "BANKKZKAXXX"},
			"BIC BANKKZKAXXX names the same bank as Bank One's BIC BANKKZKA"},
		{"same prefix", &kuzet.Org{Name: "Operator C", Type: kuzet.OrgTelco, Prefixes: []string{"7701"}},
			"prefix 7701 of Operator C is already Operator A's"},
		{"prefix inside another's", &kuzet.Org{Name: "Operator C", Type: kuzet.OrgTelco, Prefixes: []string{"7702", "77012"}},
			"prefix 77012 of Operator C lies within 7701, which is Operator A's"},
		{"prefix around another's", &kuzet.Org{Name: "Operator C", Type: kuzet.OrgTelco, Prefixes: []string{"777"}},
			"prefix 777 of Operator C covers 7775, which is Operator A's"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := kuzet.CheckNewOrg(existing, tc.org)
			if tc.message == "" {
				if err != nil {
					t.Fatalf("got %v, want it accepted", err)
				}
				return
			}
			if kuzet.ErrorCode(err) != kuzet.ECONFLICT || kuzet.ErrorMessage(err) != tc.message {
				t.Errorf("got %v, want %s %q", err, kuzet.ECONFLICT, tc.message)
			}
		})
	}
	// Read back after its insert, an organisation does not conflict with
	// itself.
	self := &kuzet.Org{ID: 4, Name: "Operator B", Type: kuzet.OrgTelco, Prefixes: []string{"7702"}}
	if err := kuzet.CheckNewOrg(append(existing, self), self); err != nil {
		t.Errorf("an organisation beside itself: got %v, want nil", err)
	}
	// A conflict among the others is not the newcomer's.
	broken := append([]*kuzet.Org{{ID: 9, Name: "Operator Z", Type: kuzet.OrgTelco, Prefixes: []string{"7701"}}}, existing...)
	if err := kuzet.CheckNewOrg(broken, &kuzet.Org{Name: "Operator B", Type: kuzet.OrgTelco, Prefixes: []string{"7702"}}); err != nil {
		t.Errorf("a newcomer beside an older conflict: got %v, want nil", err)
	}
}

func TestCheckNumbering(t *testing.T) {
	telco := func(id int64, name string, prefixes ...string) *kuzet.Org {
		return &kuzet.Org{ID: id, Name: name, Type: kuzet.OrgTelco, Prefixes: prefixes}
	}
	tests := []struct {
		name    string
		orgs    []*kuzet.Org
		message string
	}{
		{"apart", []*kuzet.Org{telco(1, "A", "7701", "7775"), telco(2, "B", "7702", "7747"), telco(3, "C", "7727")}, ""},
		{"own ranges may nest", []*kuzet.Org{telco(1, "A", "7701", "77015", "7701")}, ""},
		{"one range is one ID's, however listed", []*kuzet.Org{telco(1, "A", "7701"), telco(1, "A", "77015")}, ""},
		{"only telcos hold ranges", []*kuzet.Org{telco(1, "A", "7701"), {ID: 2, Name: "Bank", Type: kuzet.OrgBank, Prefixes: []string{"7"}}}, ""},
		{"nil entries", []*kuzet.Org{nil, telco(1, "A", "7701"), nil}, ""},
		{"identical", []*kuzet.Org{telco(1, "A", "7701"), telco(2, "C", "7701")}, "prefix 7701 of C is already A's"},
		{"nested, the newer inside", []*kuzet.Org{telco(1, "A", "7701"), telco(2, "C", "77012")},
			"prefix 77012 of C lies within 7701, which is A's"},
		{"nested, the newer around", []*kuzet.Org{telco(1, "A", "77012"), telco(2, "C", "7701")},
			"prefix 7701 of C covers 77012, which is A's"},
		{"deep in a chain", []*kuzet.Org{telco(1, "A", "77", "7701", "770155"), telco(2, "B", "7702"), telco(3, "C", "7701559")},
			"prefix 7701559 of C lies within 77, which is A's"},
		{"unnamed organisations", []*kuzet.Org{telco(20, "", "7701"), telco(21, "", "7701")},
			"prefix 7701 of organisation 21 is already organisation 20's"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := kuzet.CheckNumbering(tc.orgs)
			if tc.message == "" {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				return
			}
			if kuzet.ErrorCode(err) != kuzet.ECONFLICT || kuzet.ErrorMessage(err) != tc.message {
				t.Errorf("got %v, want %s %q", err, kuzet.ECONFLICT, tc.message)
			}
		})
	}
}

// FuzzCheckNumbering compares the one-pass overlap search with the rule as
// written: two telcos conflict if a range of one is a prefix of a range of
// the other. The input spells organisations as digit runs: a byte below
// '0' starts another range, a byte above '9' another organisation.
func FuzzCheckNumbering(f *testing.F) {
	f.Add([]byte("7701/7775:7702/7747:7727"))
	f.Add([]byte("7701:77012"))
	f.Add([]byte("77/7701/770155:7702:7701559"))
	f.Add([]byte("7701/7701:7702"))
	f.Fuzz(func(t *testing.T, spec []byte) {
		if len(spec) > 1024 { // the reference below is quadratic twice over
			return
		}
		var orgs []*kuzet.Org
		org := func() *kuzet.Org {
			o := &kuzet.Org{ID: int64(len(orgs) + 1), Name: fmt.Sprint("Operator ", len(orgs)+1), Type: kuzet.OrgTelco}
			orgs = append(orgs, o)
			return o
		}
		cur, prefix := org(), ""
		flush := func() {
			if prefix != "" {
				cur.Prefixes = append(cur.Prefixes, prefix)
			}
			prefix = ""
		}
		for _, c := range spec {
			switch {
			case c >= '0' && c <= '9':
				if len(prefix) < 15 {
					prefix += string(c)
				}
			case c < '0':
				flush()
			default:
				flush()
				cur = org()
			}
		}
		flush()
		want := false
		for i, a := range orgs {
			for _, b := range orgs[i+1:] {
				for _, p := range a.Prefixes {
					for _, q := range b.Prefixes {
						want = want || strings.HasPrefix(p, q) || strings.HasPrefix(q, p)
					}
				}
			}
		}
		err := kuzet.CheckNumbering(orgs)
		if got := err != nil; got != want {
			t.Fatalf("%q: got %v, want a conflict %v", spec, err, want)
		}
		if err != nil && kuzet.ErrorCode(err) != kuzet.ECONFLICT {
			t.Fatalf("got %v, want %s", err, kuzet.ECONFLICT)
		}
		// The newcomer is judged by the same rule.
		if n := len(orgs); n > 1 {
			last := orgs[n-1]
			wantNew := false
			for _, a := range orgs[:n-1] {
				for _, p := range a.Prefixes {
					for _, q := range last.Prefixes {
						wantNew = wantNew || strings.HasPrefix(p, q) || strings.HasPrefix(q, p)
					}
				}
			}
			if got := kuzet.CheckNewOrg(orgs[:n-1], last) != nil; got != wantNew {
				t.Fatalf("%q: newcomer: got %v, want a conflict %v", spec, got, wantNew)
			}
		}
	})
}
