// Package payments is the banks' anti-fraud centre: the payment check that
// answers allow, review, hold or block before a bank executes a transfer,
// the rules behind it, and the outcomes banks report afterwards. The victim
// reports whose freeze requests follow stolen money from bank to bank are
// package freeze.
//
// # The check
//
// Service.Check (through its Engine) decides from memory only: the registry's index, the telecom
// engine's active-call signal, and the engine's own bounded memory of
// payers, payees and devices. It never waits for a store. Records of checks
// leave through a Sink (Writer queues them and writes them in batches); when
// the Sink cannot take a record, the decision still returns, with the
// extra reason "degraded". After a restart, Service.Rebuild replays stored
// checks into the memory (Engine.Observe).
//
// # Signals
//
// A check measures these signals; rules test them (yes-or-no ones are 1 or 0):
//
//	amount           the amount in units of its currency
//	amount_ratio     amount over the payer's usual amount (a moving average of
//	                 the logarithm over the payments let through); 0 until 3
//	                 payments are known
//	payer_history    payments of the payer learned so far
//	new_payee        the payer has not paid this payee before (as far as the
//	                 last 12 payees go)
//	retry_after_hold the payer's last payment held or blocked, in the last 24
//	                 hours, was to this payee: scammers have victims try again
//	payee_age_hours  hours since the payee was first seen receiving
//	velocity         the payer's checks in the last 10 minutes before this one (≤ 8)
//	fan_in           distinct payers of this payee in the last 6 hours, this one included (≤ 8)
//	fan_in_banks     distinct banks of those payers
//	fan_in_day       distinct payers of this payee in the last 24 hours, this one
//	                 included (≤ 8)
//	payee_recent     the payer first paid this payee in the last 24 hours, and
//	                 this payment is not the first: a scam's money often goes in parts
//	payee_recent_ratio what the payer let through to that recent payee, this
//	                 payment included, over the payer's usual amount before its
//	                 first payment to it; 0 if that was not yet known
//	payee_recent_warned the first payment to that recent payee was sent to review
//	payee_passthrough the payee's account passed money on in the last 3 days:
//	                 within an hour of receiving, it sent between half and 1¼ of
//	                 what came in over that hour to someone it never paid before
//	                 (seen when its own bank checks that payment, the payer's
//	                 IBAN or phone being the payee's): what a mule account does
//	passthrough      this payment is such a passing on: the payer's account or
//	                 phone received money in the last hour and this, to a new
//	                 payee, moves between half and 1¼ of it
//	local_hour       the hour of day in Kazakhstan (UTC+5)
//	payee_mule       the highest registry score among the payee's identifiers
//	                 reported as mule_account
//	payee_scam       the same for scam_call, spoofed_cli, phishing_site, fake_shop,
//	                 investment_scam, malware or simbox_sim
//	payee_reported   the same for any other category (victim_report, other)
//	payer_ip_risk    the registry score of the payer's IP address
//	device_fraud     the payer's device was named as a fraudster's in a confirmed fraud
//	call_active      the payer is, or in the last 15 minutes was, on a risky call
//	call_foreign     … with a caller on an international trunk
//	call_unverified  … with a caller the telecom check could not verify (unverifiable, timeout)
//	call_flagged     … with a caller reported in the registry
//	call_first_time  … with a caller who never called the payer before
//	call_risky       call_foreign or call_unverified or call_flagged
//	call_targeted    a call to the payer was blocked (spoofed or flagged caller) in
//	                 the last hour: someone is after them, on a call or not
//	device_on_call   the bank's app saw the payer's device on a voice call while
//	                 paying (payer.on_call): a mobile call or a messenger's, which no
//	                 operator sees, from anyone, risky or not
//	remote_access    the bank's app saw a remote-control or screen-sharing app
//	                 active in the session (payer.remote_access)
//	new_device       the payer's device was first used by this customer less than
//	                 72 hours before (payer.new_device)
//
// A payer is known within its bank by customer_id, else account, else
// phone; a payee across banks by its IBAN, else account, card, wallet or
// phone. Memory is bounded (Config.MaxPayers, MaxPayees, MaxDevices): a full
// shard forgets its least recently used entries.
//
// # Rules
//
// A rules text (ParseRules has the grammar; default.rules is the built-in
// set, DefaultRules) names thresholds and rules:
//
//	version default-9
//	threshold review 0.25
//	threshold hold   0.60
//	threshold block  0.95
//	hold_for 2h
//	rule payee_mule_account when payee_mule >= high weight 0.70 decide hold say "…"
//	rule new_payee_during_call when call_risky and new_payee weight 0.35 say "…"
//
// The score is the sum of the weights of the rules that fire, kept within
// 0 and 1; the thresholds make it a decision, and a rule's decide raises
// the decision to at least its own. Each rule that fires is a reason, its
// name the code. A version is identified by its version line and the
// SHA-256 of its text; every check record keeps the ID of the rules that
// decided it. Service.SetRules loads a version as live or as shadow: the
// shadow rules run beside the live ones on every check, and
// Engine.ShadowReport counts how the decisions would change.
//
// # Outcomes and prevented loss
//
// Service.RecordOutcome records fraud_confirmed, legitimate,
// cancelled_by_customer or released. A confirmed fraud reports the payee's
// identifiers to the registry as mule_account and, if kuzet held or blocked
// the payment and the money stayed, counts its amount as prevented loss by
// bank, payer's region, currency and day. A hold the customer or the bank
// overrode is released: the money went, so it is never prevented loss, even
// when it later turns out to be fraud. The payer of a confirmed fraud is its
// victim: their device is not marked as a fraud device, only a device the
// bank names as the fraudster's.
package payments
