// Package ctlog follows certificate-transparency logs (RFC 6962) for the
// DNS names of newly issued certificates, the earliest public sign of a
// phishing site: its certificate is logged before the site goes live.
//
// A Follower asks a log for its signed tree head (get-sth) and reads the
// entries it has not read yet (get-entries), from a checkpoint kept through
// the Checkpoints interface, which webwatch.Service and the web store
// satisfy. It hands each batch of names, with what the certificate says
// (issuer, validity, names, log and index), to a Handler — in kuzet,
// webwatch.Service.Submit with source "ct" — and then moves the
// checkpoint. It checks that each new tree head extends the checkpoint's
// (get-sth-consistency) and, given the log's key, that it is signed; it
// warns at start when it has no key. It verifies that the entries it was
// served are the tree head's: it rebuilds their Merkle tree and proves it a
// prefix of the head's, and refuses an entry that is not (ErrUnverified).
// Status and Collector tell when a log's newest tree head has grown stale.
//
// Logs answer short pages, fail, and restart; none of that loses or
// repeats an entry: the follower asks again from the first entry it lacks,
// retries with back-off, and resumes from the checkpoint.
//
// ctlog is an adapter: it speaks HTTP to the logs, and the domain packages
// do not import it.
package ctlog
