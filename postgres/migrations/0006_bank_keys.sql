-- A bank code and a BIC's bank part (its first eight characters: BANKKZKA
-- and BANKKZKAXXX are one bank) each name one bank. Freeze requests are
-- routed by them, so a second holder would receive the first one's. The
-- service refuses such an organisation with a sentence naming the holder
-- (kuzet.CheckNewOrg); these indexes keep the data whole whoever writes it.

-- A database that already breaks the rule stops here with a sentence naming
-- the banks rather than an index error.
DO $$
DECLARE
	clash text;
BEGIN
	SELECT string_agg(held, '; ') INTO clash FROM (
		SELECT format('bank code %s is held by %s', bank_code,
			string_agg(format('%s (organisation %s)', name, id), ' and ' ORDER BY id)) AS held
		FROM orgs WHERE bank_code <> '' GROUP BY bank_code HAVING count(*) > 1
		UNION ALL
		SELECT format('BIC %s names the bank of %s', upper(substr(bic, 1, 8)),
			string_agg(format('%s (organisation %s)', name, id), ' and ' ORDER BY id))
		FROM orgs WHERE bic <> '' GROUP BY upper(substr(bic, 1, 8)) HAVING count(*) > 1
	) AS clashes;
	IF clash IS NOT NULL THEN
		RAISE EXCEPTION '%: a bank code or BIC names one bank. Clear the wrong one''s field (UPDATE orgs SET bank_code = '''' WHERE id = ...) and start kuzet again', clash;
	END IF;
END
$$;

CREATE UNIQUE INDEX orgs_bank_code ON orgs (bank_code) WHERE bank_code <> '';
CREATE UNIQUE INDEX orgs_bic_bank ON orgs (upper(substr(bic, 1, 8))) WHERE bic <> '';
