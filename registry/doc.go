// Package registry is the shared indicator registry: an in-memory Index
// that answers every lookup, the risk rules that turn reports into a risk
// level (Score), the allowlist, and the Service that writes reports through
// the store, audits them in the same transaction and keeps the index
// current, on this node after commit and on others through Change and Apply.
//
// # Risk rules
//
// Every live report is one organisation's contribution in one category. Its
// strength is
//
//	confidence × category weight × 2^(−age / HalfLife)
//
// where age runs from the report's UpdatedAt (reporting again refreshes it)
// and HalfLife is 90 days. Category weights say how directly a category
// points at fraud: the confirmed-fraud categories (scam_call, spoofed_cli,
// simbox_sim, mule_account, phishing_site, fake_shop, investment_scam,
// malware) weigh 1.0, other 0.5, and victim_report 0.4 because a victim
// names what they were shown, not what was checked.
//
// An organisation counts once: its strength is the maximum over its
// categories, so one bank reporting a number as scam_call and as
// spoofed_cli is still one witness. Independent organisations combine as
// independent evidence, score = 1 − Π(1 − s), which only ever rises with
// another reporter and never exceeds 1. A report whose ValidUntil is not
// after now does not count at all.
//
// The score, rounded to four decimals, maps to a level:
//
//	none      score < 0.05, or no live report
//	low       0.05 ≤ score < 0.30
//	medium    0.30 ≤ score < 0.75
//	high      0.75 ≤ score < 0.95
//	critical  0.95 ≤ score
//
// The thresholds are placed so that one fresh police report of a scam call
// at confidence 0.9 is high (0.90), two independent organisations at 0.6 are
// high (0.84) where either alone is medium (0.60), and critical needs either
// corroboration (two at 0.8 give 0.96) or a confirmed, fresh report at
// confidence 1. Unless renewed, a 0.9 report falls from high to medium after
// about 24 days, to low after about 143 and to none after about 375.
//
// An allowlisted indicator (a bank's hotline, a bank's own domain) is always
// risk none with score 0, whatever is reported; the Assessment still lists
// the live reports' categories and reporters, so analysts see that an
// official number is being reported, as spoofing campaigns make it. A domain
// entry covers its subdomains: kaspi.kz covers pay.kaspi.kz but not
// kaspi.kz.evil.com, and an entry of a single label (a bare "kz") covers only
// itself, so one mistaken entry cannot blind a whole top-level domain.
//
// # Resolution
//
// The index keeps times at one-second resolution and confidence in steps of
// 0.0001; Score applies the same rounding so that the index and Score agree.
package registry
