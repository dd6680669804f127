-- The signals a payment check was decided on, so that a bank can backtest a
-- candidate rule set over its stored checks and their outcomes: a JSON
-- object of the signals that were not zero, by name ({"amount": 5000,
-- "new_payee": 1}). Checks stored before it carry {} and are skipped.
ALTER TABLE payment_checks ADD COLUMN signals TEXT NOT NULL DEFAULT '{}';
