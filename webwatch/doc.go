// Package webwatch finds domains that imitate protected brands — banks,
// e-government, marketplaces, the post — so that analysts can send them for
// blocking.
//
// A watchlist (docs/webwatch.md) names each brand's official domains and
// keywords. A Scorer built from it judges any domain as lookalike,
// suspicious, clean or invalid, names the brand and the methods of
// imitation, and scores 0..1. It reads a name the way a victim would:
//
//   - letters folded to the Latin letters they look like (a TR39-style
//     skeleton with tables for Cyrillic and Kazakh: kаspi, һalykbank) and
//     ASCII look-alikes merged (ka5pi, hornebank);
//   - Cyrillic spellings transliterated (каспи);
//   - typos found in a deletion-neighbourhood index and named as dnstwist
//     names them (omission, repetition, transposition, keyboard
//     replacement, vowel swap, bitsquatting, hyphenation);
//   - the brand found inside a token: beside words of any language, glued
//     to known words or digits (otbasyhelpdesk, bcc1), or to a word no
//     list knows when both are long enough (halykvozmeshchenie);
//     suffixes written into a label (kaspi-kz.com, kaspi.kz.com), and the
//     brand left of an unrelated registrable domain (egov.kz.verify-id.top).
//
// A brand's name beside any other word is at least suspicious: the
// imitation decides, not the vocabulary. Lure words (bonus, oplata,
// syilyq), a suffix in a label or a throw-away TLD raise a finding to
// lookalike; none is needed to make one. What keeps false positives down
// is the watchlist: a brand's "strict:" names are ordinary words (forte,
// post), which count beside ordinary words only with intent; "partners:"
// and "benign:" name the domains and words that carry a brand's name
// honestly. A token that is an ordinary word is never a typo (kaspiy);
// edits allowed grow with the name's length. A brand's official domains
// and their subdomains are never findings. Each finding says which token
// imitated which name, how (Finding.Explanation).
//
// Permutations enumerates the names a squatter would register, for
// proactive watching. Scan streams a list of domains to findings.jsonl.
//
// Scoring is the hot path of certificate-transparency feeds: a clean ASCII
// name is scored without allocating, and the Public Suffix List is only
// consulted for names that match something.
package webwatch
