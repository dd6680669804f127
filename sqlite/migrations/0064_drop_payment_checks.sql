-- 0063 moved every check into check_batches.
DROP TABLE payment_checks;
