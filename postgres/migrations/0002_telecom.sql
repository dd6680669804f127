-- Call verification: what must survive a restart. The window of registered
-- calls is not here: it lives two minutes in memory and traffic rebuilds it.

-- The latest roaming report on each subscriber; the engine decides which
-- report is newer before it writes.
CREATE TABLE roaming (
	msisdn  TEXT PRIMARY KEY, -- E.164 with '+'
	state   TEXT NOT NULL,    -- abroad or home
	country TEXT NOT NULL DEFAULT '',
	at      TIMESTAMPTZ NOT NULL,
	org_id  BIGINT NOT NULL
);

-- The Do-Not-Originate list: inbound-only numbers no call may present.
CREATE TABLE dno (
	number     TEXT PRIMARY KEY,
	org_id     BIGINT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL
);

-- Numbers served by another operator than the holder of their range.
CREATE TABLE portings (
	msisdn TEXT PRIMARY KEY,
	org_id BIGINT NOT NULL,
	at     TIMESTAMPTZ NOT NULL
);

-- Verdicts by UTC day, terminating operator and reason. A few dozen rows a
-- day: each node adds its counts up in memory and flushes them in batches,
-- so nodes meet here only on the upsert of a row.
CREATE TABLE call_counters (
	day    DATE NOT NULL, -- UTC
	org_id BIGINT NOT NULL,
	reason TEXT NOT NULL,
	count  BIGINT NOT NULL,
	PRIMARY KEY (day, org_id, reason)
);
