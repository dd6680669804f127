-- International exchange: partners' settings, TLP markings of reports, the
-- objects partners sent, TAXII statuses and pull checkpoints.

-- TAXII pages walk the reports in the order they changed.
CREATE INDEX reports_updated ON reports (updated_at, id);

CREATE TABLE exchange_partners (
	org_id             BIGINT PRIMARY KEY,
	confidence         DOUBLE PRECISION NOT NULL,
	allow_amber        BOOLEAN NOT NULL DEFAULT FALSE,
	allow_amber_strict BOOLEAN NOT NULL DEFAULT FALSE,
	updated_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE exchange_markings (
	org_id BIGINT NOT NULL,
	kind   TEXT NOT NULL,
	value  TEXT NOT NULL,
	tlp    TEXT NOT NULL,
	PRIMARY KEY (org_id, kind, value)
);

CREATE TABLE exchange_objects (
	org_id     BIGINT NOT NULL,
	id         TEXT NOT NULL,
	modified   TIMESTAMPTZ NOT NULL, -- the epoch for objects without a version
	type       TEXT NOT NULL,
	status     TEXT NOT NULL,
	reason     TEXT NOT NULL DEFAULT '',
	body       BYTEA NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (org_id, id, modified)
);

CREATE INDEX exchange_objects_created ON exchange_objects (org_id, created_at);

CREATE TABLE exchange_statuses (
	id         TEXT PRIMARY KEY,
	org_id     BIGINT NOT NULL,
	body       BYTEA NOT NULL,
	created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE pull_checkpoints (
	source      TEXT PRIMARY KEY,
	added_after TEXT NOT NULL,
	objects     BIGINT NOT NULL,
	updated_at  TIMESTAMPTZ NOT NULL
);
