-- The devices banks named as fraudsters' in confirmed frauds (an outcome's
-- fraud_device_id): a payment from one carries device_fraud. Kept so that a
-- restart remembers them; never the victim's own device.
CREATE TABLE fraud_devices (
	device_id TEXT PRIMARY KEY, -- as the bank sent it
	org_id    INTEGER NOT NULL, -- the bank that named it first
	check_id  TEXT NOT NULL,    -- the check whose outcome named it
	marked_at INTEGER NOT NULL  -- microseconds since the epoch, UTC
) STRICT;

CREATE INDEX fraud_devices_time ON fraud_devices (marked_at, device_id);
