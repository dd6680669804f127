-- The operators' block list reads the confirmed SIM-box suspects in the
-- order they were confirmed, from a cursor.
CREATE INDEX simbox_suspects_confirmed ON simbox_suspects (status, status_at, id);
