-- Delegations and the STIR/SHAKEN trust list join the cluster's change log
-- (0050) under topic "delegations": a node reloads both, whole, from the
-- store when one changes. Administrative acts, a handful a day.
CREATE TRIGGER delegations_cluster_lock BEFORE INSERT OR UPDATE OR DELETE ON delegations
	FOR EACH STATEMENT EXECUTE FUNCTION kuzet_cluster_lock();
CREATE TRIGGER delegations_cluster_change AFTER INSERT OR UPDATE OR DELETE ON delegations
	FOR EACH ROW EXECUTE FUNCTION kuzet_row_change('delegations');
CREATE TRIGGER sti_anchors_cluster_lock BEFORE INSERT OR UPDATE OR DELETE ON sti_anchors
	FOR EACH STATEMENT EXECUTE FUNCTION kuzet_cluster_lock();
CREATE TRIGGER sti_anchors_cluster_change AFTER INSERT OR UPDATE OR DELETE ON sti_anchors
	FOR EACH ROW EXECUTE FUNCTION kuzet_row_change('delegations');
CREATE TRIGGER sti_certificates_cluster_lock BEFORE INSERT OR UPDATE OR DELETE ON sti_certificates
	FOR EACH STATEMENT EXECUTE FUNCTION kuzet_cluster_lock();
CREATE TRIGGER sti_certificates_cluster_change AFTER INSERT OR UPDATE OR DELETE ON sti_certificates
	FOR EACH ROW EXECUTE FUNCTION kuzet_row_change('delegations');
