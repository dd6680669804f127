-- STIR/SHAKEN trust: the certificate authorities the regulator trusts, and
-- the operators' signing certificates, each under the x5u its PASSporTs
-- name (there is no internet to fetch them from).
CREATE TABLE sti_anchors (
	fingerprint TEXT PRIMARY KEY, -- hex SHA-256 of the DER
	subject     TEXT NOT NULL,
	pem         TEXT NOT NULL,
	not_after   TIMESTAMPTZ NOT NULL,
	org_id      BIGINT NOT NULL, -- the regulator
	created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE sti_certificates (
	x5u         TEXT PRIMARY KEY,
	org_id      BIGINT NOT NULL, -- the operator that signs with it
	fingerprint TEXT NOT NULL,   -- of the leaf
	subject     TEXT NOT NULL,
	pem         TEXT NOT NULL,   -- the leaf, then intermediates
	not_before  TIMESTAMPTZ NOT NULL,
	not_after   TIMESTAMPTZ NOT NULL,
	created_at  TIMESTAMPTZ NOT NULL
);
