-- Payments: the checks banks ask for and their outcomes, prevented loss,
-- rule versions, victim reports and their freeze requests, and webhooks.
--
-- Times are INTEGER microseconds since the Unix epoch, UTC, as in 0001;
-- NULL stands for the zero time of an optional field. Amounts are INTEGER
-- hundredths of the currency's unit (kuzet.Amount). The parties of a
-- check, a report's identifiers and transfers, a freeze answer's onward
-- transfers and a delivery's log are JSON documents: they are read and
-- written whole, never searched.

CREATE TABLE payment_checks (
	id            TEXT PRIMARY KEY, -- chk_…, made by the engine
	org_id        INTEGER NOT NULL, -- the checking bank: checks are never listed across banks
	payment_id    TEXT NOT NULL,    -- the bank's own
	amount        INTEGER NOT NULL,
	currency      TEXT NOT NULL,
	created_at    INTEGER,          -- the bank's, if it said
	channel       TEXT NOT NULL DEFAULT '',
	payer         TEXT NOT NULL,    -- JSON kuzet.Payer
	payee         TEXT NOT NULL,    -- JSON kuzet.Payee, the card as its token only
	decision      TEXT NOT NULL,
	score         REAL NOT NULL,
	reasons       TEXT NOT NULL,    -- JSON [kuzet.PaymentReason]
	hold_until    INTEGER,
	rules_version TEXT NOT NULL,
	checked_at    INTEGER NOT NULL,
	outcome       TEXT NOT NULL DEFAULT '',
	outcome_at    INTEGER
) STRICT; -- rows of half a kilobyte: a rowid table, as SQLite advises

-- A bank's checks, newest first; the rebuild scans by time.
CREATE INDEX payment_checks_org ON payment_checks (org_id, checked_at, id);
CREATE INDEX payment_checks_time ON payment_checks (checked_at, id);

CREATE TABLE prevented_loss (
	day      INTEGER NOT NULL, -- UTC midnight
	org_id   INTEGER NOT NULL,
	region   TEXT NOT NULL,
	currency TEXT NOT NULL,
	amount   INTEGER NOT NULL,
	count    INTEGER NOT NULL,
	PRIMARY KEY (day, org_id, region, currency)
) STRICT, WITHOUT ROWID;

-- seq keeps the order in which versions were first loaded.
CREATE TABLE payment_rules (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	hash       TEXT NOT NULL UNIQUE, -- hex SHA-256 of source
	version    TEXT NOT NULL,
	source     TEXT NOT NULL,
	mode       TEXT NOT NULL,        -- live, shadow or retired
	org_id     INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE victim_reports (
	id            TEXT PRIMARY KEY,
	case_id       TEXT NOT NULL,
	org_id        INTEGER NOT NULL, -- the filing organisation
	victim_name   TEXT NOT NULL,
	victim_phone  TEXT NOT NULL DEFAULT '',
	victim_region TEXT NOT NULL DEFAULT '',
	channel       TEXT NOT NULL DEFAULT '',
	scheme        TEXT NOT NULL DEFAULT '',
	description   TEXT NOT NULL DEFAULT '',
	amount_lost   INTEGER NOT NULL,
	currency      TEXT NOT NULL,
	indicators    TEXT NOT NULL, -- JSON [kuzet.Indicator]
	transfers     TEXT NOT NULL, -- JSON [kuzet.Transfer]
	created_at    INTEGER NOT NULL
) STRICT;

-- seq keeps the order of creation: inboxes and trails list oldest first.
CREATE TABLE freeze_requests (
	seq           INTEGER PRIMARY KEY AUTOINCREMENT,
	id            TEXT NOT NULL UNIQUE,
	report_id     TEXT NOT NULL,
	case_id       TEXT NOT NULL,
	parent_id     TEXT NOT NULL DEFAULT '',
	hop           INTEGER NOT NULL,
	org_id        INTEGER NOT NULL, -- the bank asked; 0 when the money left the system
	bank_bic      TEXT NOT NULL DEFAULT '',
	iban          TEXT NOT NULL,
	from_bank_bic TEXT NOT NULL DEFAULT '',
	amount        INTEGER NOT NULL,
	currency      TEXT NOT NULL,
	transfer_at   INTEGER,
	status        TEXT NOT NULL,
	due_at        INTEGER,
	frozen_amount INTEGER NOT NULL DEFAULT 0,
	frozen_until  INTEGER,
	onward        TEXT NOT NULL DEFAULT '[]', -- JSON [kuzet.Transfer]
	note          TEXT NOT NULL DEFAULT '',
	responded_at  INTEGER,
	escalated_at  INTEGER,
	created_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX freeze_requests_inbox ON freeze_requests (org_id, status, seq);
CREATE INDEX freeze_requests_report ON freeze_requests (report_id, seq);
CREATE INDEX freeze_requests_due ON freeze_requests (status, due_at);

CREATE TABLE webhooks (
	org_id     INTEGER PRIMARY KEY,
	url        TEXT NOT NULL,
	secret     BLOB NOT NULL,
	created_at INTEGER NOT NULL
) STRICT;

-- The outbox and the delivery log in one: a delivery is written with the
-- change it announces and updated as it is tried.
CREATE TABLE webhook_deliveries (
	seq          INTEGER PRIMARY KEY AUTOINCREMENT,
	id           TEXT NOT NULL UNIQUE,
	org_id       INTEGER NOT NULL,
	event        TEXT NOT NULL,
	object       TEXT NOT NULL,
	body         BLOB NOT NULL,
	status       TEXT NOT NULL,
	attempts     INTEGER NOT NULL DEFAULT 0,
	next_at      INTEGER NOT NULL,
	log          TEXT NOT NULL DEFAULT '[]', -- JSON [kuzet.DeliveryAttempt]
	created_at   INTEGER NOT NULL,
	delivered_at INTEGER
) STRICT;

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_at);
CREATE INDEX webhook_deliveries_org ON webhook_deliveries (org_id, seq);
