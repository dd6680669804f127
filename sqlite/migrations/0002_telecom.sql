-- Call verification: what must survive a restart. The window of registered
-- calls is not here: it lives two minutes in memory and traffic rebuilds it.
--
-- Times are INTEGER microseconds since the Unix epoch, UTC, as in 0001.

-- The latest roaming report on each subscriber; the engine decides which
-- report is newer before it writes.
CREATE TABLE roaming (
	msisdn  TEXT PRIMARY KEY, -- E.164 with '+'
	state   TEXT NOT NULL,    -- abroad or home
	country TEXT NOT NULL DEFAULT '',
	at      INTEGER NOT NULL,
	org_id  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The Do-Not-Originate list: inbound-only numbers no call may present.
CREATE TABLE dno (
	number     TEXT PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Numbers served by another operator than the holder of their range.
CREATE TABLE portings (
	msisdn TEXT PRIMARY KEY,
	org_id INTEGER NOT NULL,
	at     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Verdicts by UTC day, terminating operator and reason. A few dozen rows a
-- day: the engine adds its counts up in memory and flushes them in batches.
CREATE TABLE call_counters (
	day    INTEGER NOT NULL, -- UTC midnight
	org_id INTEGER NOT NULL,
	reason TEXT NOT NULL,
	count  INTEGER NOT NULL,
	PRIMARY KEY (day, org_id, reason)
) STRICT, WITHOUT ROWID;
