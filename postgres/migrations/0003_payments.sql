-- Payments: the checks banks ask for and their outcomes, prevented loss,
-- rule versions, victim reports and their freeze requests, and webhooks.
--
-- Optional times are NULL when zero. Amounts are BIGINT hundredths of the
-- currency's unit (kuzet.Amount). The parties of a check, a report's
-- identifiers and transfers, a freeze answer's onward transfers and a
-- delivery's log are jsonb documents: read and written whole, never
-- searched.

CREATE TABLE payment_checks (
	id            TEXT COLLATE "C" PRIMARY KEY, -- chk_…, made by the engine; ordered by bytes, as in SQLite
	org_id        BIGINT NOT NULL,  -- the checking bank: checks are never listed across banks
	payment_id    TEXT NOT NULL,    -- the bank's own
	amount        BIGINT NOT NULL,
	currency      TEXT NOT NULL,
	created_at    TIMESTAMPTZ,      -- the bank's, if it said
	channel       TEXT NOT NULL DEFAULT '',
	payer         JSONB NOT NULL,   -- kuzet.Payer
	payee         JSONB NOT NULL,   -- kuzet.Payee, the card as its token only
	decision      TEXT NOT NULL,
	score         DOUBLE PRECISION NOT NULL,
	reasons       JSONB NOT NULL,   -- [kuzet.PaymentReason]
	hold_until    TIMESTAMPTZ,
	rules_version TEXT NOT NULL,
	checked_at    TIMESTAMPTZ NOT NULL,
	outcome       TEXT NOT NULL DEFAULT '',
	outcome_at    TIMESTAMPTZ
);

-- A bank's checks, newest first; the rebuild scans by time.
CREATE INDEX payment_checks_org ON payment_checks (org_id, checked_at, id);
CREATE INDEX payment_checks_time ON payment_checks (checked_at, id);

CREATE TABLE prevented_loss (
	day      DATE NOT NULL, -- UTC
	org_id   BIGINT NOT NULL,
	region   TEXT COLLATE "C" NOT NULL,
	currency TEXT COLLATE "C" NOT NULL,
	amount   BIGINT NOT NULL,
	count    BIGINT NOT NULL,
	PRIMARY KEY (day, org_id, region, currency)
);

-- seq keeps the order in which versions were first loaded.
CREATE TABLE payment_rules (
	seq        BIGSERIAL PRIMARY KEY,
	hash       TEXT NOT NULL UNIQUE, -- hex SHA-256 of source
	version    TEXT NOT NULL,
	source     TEXT NOT NULL,
	mode       TEXT NOT NULL,        -- live, shadow or retired
	org_id     BIGINT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE victim_reports (
	id            TEXT PRIMARY KEY,
	case_id       TEXT NOT NULL,
	org_id        BIGINT NOT NULL, -- the filing organisation
	victim_name   TEXT NOT NULL,
	victim_phone  TEXT NOT NULL DEFAULT '',
	victim_region TEXT NOT NULL DEFAULT '',
	channel       TEXT NOT NULL DEFAULT '',
	scheme        TEXT NOT NULL DEFAULT '',
	description   TEXT NOT NULL DEFAULT '',
	amount_lost   BIGINT NOT NULL,
	currency      TEXT NOT NULL,
	indicators    JSONB NOT NULL, -- [kuzet.Indicator]
	transfers     JSONB NOT NULL, -- [kuzet.Transfer]
	created_at    TIMESTAMPTZ NOT NULL
);

-- seq keeps the order of creation: inboxes and trails list oldest first.
CREATE TABLE freeze_requests (
	seq           BIGSERIAL PRIMARY KEY,
	id            TEXT NOT NULL UNIQUE,
	report_id     TEXT NOT NULL,
	case_id       TEXT NOT NULL,
	parent_id     TEXT NOT NULL DEFAULT '',
	hop           INTEGER NOT NULL,
	org_id        BIGINT NOT NULL, -- the bank asked; 0 when the money left the system
	bank_bic      TEXT NOT NULL DEFAULT '',
	iban          TEXT NOT NULL,
	from_bank_bic TEXT NOT NULL DEFAULT '',
	amount        BIGINT NOT NULL,
	currency      TEXT NOT NULL,
	transfer_at   TIMESTAMPTZ,
	status        TEXT NOT NULL,
	due_at        TIMESTAMPTZ,
	frozen_amount BIGINT NOT NULL DEFAULT 0,
	frozen_until  TIMESTAMPTZ,
	onward        JSONB NOT NULL DEFAULT '[]', -- [kuzet.Transfer]
	note          TEXT NOT NULL DEFAULT '',
	responded_at  TIMESTAMPTZ,
	escalated_at  TIMESTAMPTZ,
	created_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX freeze_requests_inbox ON freeze_requests (org_id, status, seq);
CREATE INDEX freeze_requests_report ON freeze_requests (report_id, seq);
CREATE INDEX freeze_requests_due ON freeze_requests (status, due_at);

CREATE TABLE webhooks (
	org_id     BIGINT PRIMARY KEY,
	url        TEXT NOT NULL,
	secret     BYTEA NOT NULL,
	created_at TIMESTAMPTZ NOT NULL
);

-- The outbox and the delivery log in one: a delivery is written with the
-- change it announces and updated as it is tried.
CREATE TABLE webhook_deliveries (
	seq          BIGSERIAL PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	org_id       BIGINT NOT NULL,
	event        TEXT NOT NULL,
	object       TEXT NOT NULL,
	body         BYTEA NOT NULL,
	status       TEXT NOT NULL,
	attempts     INTEGER NOT NULL DEFAULT 0,
	next_at      TIMESTAMPTZ NOT NULL,
	log          JSONB NOT NULL DEFAULT '[]', -- [kuzet.DeliveryAttempt]
	created_at   TIMESTAMPTZ NOT NULL,
	delivered_at TIMESTAMPTZ
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_at);
CREATE INDEX webhook_deliveries_org ON webhook_deliveries (org_id, seq);
