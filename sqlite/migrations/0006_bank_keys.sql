-- A bank code and a BIC's bank part (its first eight characters: BANKKZKA
-- and BANKKZKAXXX are one bank) each name one bank. Freeze requests are
-- routed by them, so a second holder would receive the first one's. The
-- service refuses such an organisation with a sentence naming the holder
-- (kuzet.CheckNewOrg); these indexes keep the data whole whoever writes it.

-- A database that already breaks the rule stops here with a sentence rather
-- than an index error: the failing CHECK constraint's name is the message.
CREATE TEMP TABLE bank_keys_check (
	clash TEXT CONSTRAINT "two banks share a bank code or a BIC bank part. Find them with: SELECT id, name, bic, bank_code FROM orgs WHERE bic <> '' OR bank_code <> '' ORDER BY bank_code, bic; clear the wrong one's field (UPDATE orgs SET bank_code = '' WHERE id = ...) and start kuzet again"
		CHECK (clash IS NULL)
);
INSERT INTO bank_keys_check
	SELECT 'bank code ' || bank_code FROM orgs WHERE bank_code <> '' GROUP BY bank_code HAVING count(*) > 1
	UNION ALL
	SELECT 'BIC ' || upper(substr(bic, 1, 8)) FROM orgs WHERE bic <> '' GROUP BY upper(substr(bic, 1, 8)) HAVING count(*) > 1;
DROP TABLE bank_keys_check;

CREATE UNIQUE INDEX orgs_bank_code ON orgs (bank_code) WHERE bank_code <> '';
CREATE UNIQUE INDEX orgs_bic_bank ON orgs (upper(substr(bic, 1, 8))) WHERE bic <> '';
