// Package webwatch finds domains that imitate protected brands — banks,
// e-government, marketplaces, the post — so that analysts can send them for
// blocking.
//
// A watchlist (formats/brands.md) names each brand's official domains and
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
//   - the brand found inside a token by splitting off context words: lures
//     (bonus, oplata, vyplata, kabinet, syilyq), suffixes written into a
//     label (kaspi-kz.com, kaspi.kz.com), and the brand left of an
//     unrelated registrable domain (egov.kz.verify-id.top).
//
// Resemblance alone is not enough where it would flag ordinary names: a
// brand must be a whole token; a token that is a dictionary word is never a
// typo (kaspiy, ozone); brands whose names are common words (kolesa,
// halyk, forte) or three letters need evidence of intent; edits allowed
// grow with the name's length. A brand's official domains and their
// subdomains are never findings.
//
// Permutations enumerates the names a squatter would register, for
// proactive watching. Scan streams a list of domains to findings.jsonl.
//
// Scoring is the hot path of certificate-transparency feeds: a clean ASCII
// name is scored without allocating, and the Public Suffix List is only
// consulted for names that match something.
package webwatch
