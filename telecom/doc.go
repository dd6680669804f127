// Package telecom blocks calls with spoofed caller numbers and gives banks
// the active-call signal.
//
// The operator that owns a calling number (A) registers every call it
// originates (Service.Register); the operator terminating the call asks for a
// verdict (Service.Verify). A verification is decided by these rules, the
// first that applies giving the block reason:
//
//  1. invalid_cli: A is not a dialable, allocated number of the plan.
//  2. dno: A is on the Do-Not-Originate list.
//  3. invalid_identity: the call's STIR/SHAKEN PASSporT (Call.Identity)
//     names a certificate registered with kuzet whose key did not make its
//     signature (stir.go).
//  4. domestic_cli_from_abroad: A is domestic and came in on an international
//     trunk, and is either a fixed line or a mobile whose operator has not
//     reported it roaming abroad. Anything else from abroad (a roamer, a
//     foreign number) needs no registration.
//  5. not_originated: A is domestic, came in on a domestic trunk, and no
//     registration of the same A and B within the tolerance (±10 s) arrived
//     before the grace period (30 ms) ran out. Each registration matches one
//     verification at most. A forwarded call (Call.RedirectedFrom, the
//     number the caller dialled) is matched by a registration of A and that
//     number, or of A and B. A PASSporT attested A, fresh, for this call,
//     signed by an operator that may originate A, stands in for the
//     registration.
//  6. flagged_number: the registry flags A (Config.Flagged).
//
// A domestic A on a domestic trunk that no member organisation serves (no
// telco holds its range and no porting names a member) cannot be
// registered by anyone: instead of rule 5 it passes with reason
// unverifiable, counted by its plan range, unless rule 1, 2, 3 or 6 blocks it.
//
// A verification asked again — the same operator, A, B, time and trunk,
// with its call ID or without (two different call IDs are two calls) —
// within the window is a retry: it gets the verdict it had, takes no
// registration and is counted once. A verdict that consumed no registration
// is remembered in the window for this, beside the registrations.
//
// Otherwise the call passes with reason ok. When kuzet cannot decide in time
// (Service.SetImpaired, an ending context, too many waiting verifications, a
// batch running past Config.Deadline) the call passes with reason timeout
// and is counted: an outage of kuzet never silently drops calls.
//
// # Clocks
//
// Matching tolerates Config.Tolerance between two operators' clocks. Each
// operator's offset against kuzet's clock is estimated from the call times
// it reports (skew.go; Service.ClockOffsets, in Stats and the metrics), and
// an offset past half the tolerance is logged as a warning, before the
// operator's calls start failing.
//
// # Number plan
//
// The plan (Plan, DefaultPlan for Kazakhstan) decides which numbers are
// domestic: +7 is shared with Russia, so the country code cannot. A plan file
// is CSV, one range a line, "#" starting a comment line:
//
//	prefix,type,digits[,holder]
//
// prefix is E.164 digits without "+"; the longest matching prefix decides.
// type is national (the country's own space: numbers under it are domestic
// if an allocation covers them, otherwise unallocated), mobile or geographic
// (allocations, inside a national range), foreign (the length of numbers
// under a foreign prefix) or unallocated (invalid everywhere). digits is the
// length of whole numbers, country code included, "11" or "8-15"; mobile and
// geographic ranges default to their national range's, unallocated ranges
// have none. holder is informational. A number no range covers is foreign if
// it has 7 to 15 digits. The built-in plan is the file kz.plan.
//
// Which organisation may register calls from a number is not the plan's
// business: the telcos' prefixes (kuzet.Org.Prefixes, Service.SetOperators)
// decide, longest prefix first, and portings (Service.SetPortings) override.
//
// # State
//
// The window of registrations lives in memory only, for Config.Window
// (120 s), capped at Config.MaxEntries: a restart loses it by design, and
// calls set up during the restart may be blocked as not_originated. Roaming,
// DNO, portings, delegations, the STIR/SHAKEN trust and the counters go
// through Config.Store and survive.
package telecom
