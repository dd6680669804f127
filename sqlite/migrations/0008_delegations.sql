-- Delegations: a range holder lets another operator originate calls from
-- one of its numbers (msisdn) or a block of them (prefix); exactly one of
-- the two is set. The holder is kept, as a delegation covers a number only
-- while its holder still serves it.
CREATE TABLE delegations (
	msisdn     TEXT NOT NULL DEFAULT '', -- E.164 with '+'
	prefix     TEXT NOT NULL DEFAULT '', -- E.164 digits without '+'
	org_id     INTEGER NOT NULL,         -- the operator that may originate them
	holder_id  INTEGER NOT NULL,         -- the operator that delegated
	created_at INTEGER NOT NULL,
	PRIMARY KEY (msisdn, prefix, org_id),
	CHECK ((msisdn = '') <> (prefix = ''))
) STRICT, WITHOUT ROWID;
