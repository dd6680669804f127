-- The cluster's change log: every committed change to the small state each
-- node keeps whole in memory (the registry's reports and allowlist, roaming,
-- Do-Not-Originate, portings, operators, payment rules), in commit order,
-- written by triggers in the writing transaction itself. A node relays it to
-- the other nodes over JetStream (the row's seq is the message's
-- de-duplication id) and fills any gap, or catches up after a start, from
-- here (docs/deployment.md).
--
-- Commit order: a statement trigger takes one transaction-level advisory
-- lock before any row of these tables is written, so the transactions that
-- write them commit one at a time and seq grows in commit order: when seq N
-- is visible, every smaller seq is committed or rolled back for good. Writes
-- to these tables are few (tens of thousands a day) and short.
CREATE TABLE cluster_changes (
	seq    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	topic  TEXT NOT NULL,
	change JSONB NOT NULL,
	at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX cluster_changes_at ON cluster_changes (at);

-- 0x6b7a636c = "kzcl"
CREATE FUNCTION kuzet_cluster_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(1803183980);
	RETURN NULL;
END $$;

-- The registry's changes in the shape of registry.Change.
CREATE FUNCTION kuzet_registry_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'reports' THEN
		IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.kind, OLD.value, OLD.org_id, OLD.category)
				IS DISTINCT FROM (NEW.kind, NEW.value, NEW.org_id, NEW.category)) THEN
			INSERT INTO cluster_changes (topic, change) VALUES ('registry', jsonb_build_object(
				'op', 'withdraw', 'org_id', OLD.org_id, 'kind', OLD.kind, 'value', OLD.value, 'category', OLD.category));
		END IF;
		IF TG_OP <> 'DELETE' THEN
			INSERT INTO cluster_changes (topic, change) VALUES ('registry', jsonb_strip_nulls(jsonb_build_object(
				'op', 'report', 'org_id', NEW.org_id, 'kind', NEW.kind, 'value', NEW.value, 'category', NEW.category,
				'confidence', NEW.confidence, 'valid_until', NEW.valid_until, 'created_at', NEW.created_at,
				'updated_at', NEW.updated_at)));
		END IF;
	ELSE -- allowlist
		IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.kind, OLD.value) IS DISTINCT FROM (NEW.kind, NEW.value)) THEN
			INSERT INTO cluster_changes (topic, change) VALUES ('registry', jsonb_build_object(
				'op', 'disallow', 'kind', OLD.kind, 'value', OLD.value));
		END IF;
		IF TG_OP <> 'DELETE' THEN
			INSERT INTO cluster_changes (topic, change) VALUES ('registry', jsonb_build_object(
				'op', 'allow', 'kind', NEW.kind, 'value', NEW.value));
		END IF;
	END IF;
	RETURN NULL;
END $$;

-- Any other table's row, whole, under the topic given as the trigger's
-- argument: {"table", "op" (INSERT, UPDATE, DELETE), "row"}.
CREATE FUNCTION kuzet_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r JSONB;
BEGIN
	IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
	INSERT INTO cluster_changes (topic, change) VALUES (TG_ARGV[0],
		jsonb_build_object('table', TG_TABLE_NAME, 'op', TG_OP, 'row', r));
	RETURN NULL;
END $$;

CREATE TRIGGER reports_cluster_lock BEFORE INSERT OR UPDATE OR DELETE ON reports
	FOR EACH STATEMENT EXECUTE FUNCTION kuzet_cluster_lock();
CREATE TRIGGER reports_cluster_change AFTER INSERT OR UPDATE OR DELETE ON reports
	FOR EACH ROW EXECUTE FUNCTION kuzet_registry_change();
CREATE TRIGGER allowlist_cluster_lock BEFORE INSERT OR UPDATE OR DELETE ON allowlist
	FOR EACH STATEMENT EXECUTE FUNCTION kuzet_cluster_lock();
CREATE TRIGGER allowlist_cluster_change AFTER INSERT OR UPDATE OR DELETE ON allowlist
	FOR EACH ROW EXECUTE FUNCTION kuzet_registry_change();

CREATE TRIGGER roaming_cluster_lock BEFORE INSERT OR UPDATE OR DELETE ON roaming
	FOR EACH STATEMENT EXECUTE FUNCTION kuzet_cluster_lock();
CREATE TRIGGER roaming_cluster_change AFTER INSERT OR UPDATE OR DELETE ON roaming
	FOR EACH ROW EXECUTE FUNCTION kuzet_row_change('telecom');
CREATE TRIGGER dno_cluster_lock BEFORE INSERT OR UPDATE OR DELETE ON dno
	FOR EACH STATEMENT EXECUTE FUNCTION kuzet_cluster_lock();
CREATE TRIGGER dno_cluster_change AFTER INSERT OR UPDATE OR DELETE ON dno
	FOR EACH ROW EXECUTE FUNCTION kuzet_row_change('telecom');
CREATE TRIGGER portings_cluster_lock BEFORE INSERT OR UPDATE OR DELETE ON portings
	FOR EACH STATEMENT EXECUTE FUNCTION kuzet_cluster_lock();
CREATE TRIGGER portings_cluster_change AFTER INSERT OR UPDATE OR DELETE ON portings
	FOR EACH ROW EXECUTE FUNCTION kuzet_row_change('telecom');

-- Operators: their numbering ranges live on orgs.
CREATE TRIGGER orgs_cluster_lock BEFORE INSERT OR UPDATE OR DELETE ON orgs
	FOR EACH STATEMENT EXECUTE FUNCTION kuzet_cluster_lock();
CREATE TRIGGER orgs_cluster_change AFTER INSERT OR UPDATE OR DELETE ON orgs
	FOR EACH ROW EXECUTE FUNCTION kuzet_row_change('operators');

CREATE TRIGGER payment_rules_cluster_lock BEFORE INSERT OR UPDATE OR DELETE ON payment_rules
	FOR EACH STATEMENT EXECUTE FUNCTION kuzet_cluster_lock();
CREATE TRIGGER payment_rules_cluster_change AFTER INSERT OR UPDATE OR DELETE ON payment_rules
	FOR EACH ROW EXECUTE FUNCTION kuzet_row_change('rules');
