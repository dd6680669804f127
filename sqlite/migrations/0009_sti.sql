-- STIR/SHAKEN trust: the certificate authorities the regulator trusts, and
-- the operators' signing certificates, each under the x5u its PASSporTs
-- name (there is no internet to fetch them from).
CREATE TABLE sti_anchors (
	fingerprint TEXT PRIMARY KEY, -- hex SHA-256 of the DER
	subject     TEXT NOT NULL,
	pem         TEXT NOT NULL,
	not_after   INTEGER NOT NULL,
	org_id      INTEGER NOT NULL, -- the regulator
	created_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE sti_certificates (
	x5u         TEXT PRIMARY KEY,
	org_id      INTEGER NOT NULL, -- the operator that signs with it
	fingerprint TEXT NOT NULL,    -- of the leaf
	subject     TEXT NOT NULL,
	pem         TEXT NOT NULL,    -- the leaf, then intermediates
	not_before  INTEGER NOT NULL,
	not_after   INTEGER NOT NULL,
	created_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
