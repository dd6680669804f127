package postgres

import (
	"context"
	"fmt"
)

const scanLinksSQL = `SELECT a, b FROM graph_edges WHERE a < b`

// ScanGraphLinks calls fn with the ends of every edge once, as pgx
// received them, without copying.
func (tx *tx) ScanGraphLinks(ctx context.Context, fn func(a, b []byte) error) error {
	rows, err := tx.tx.Query(ctx, scanLinksSQL)
	if err != nil {
		return fmt.Errorf("postgres: scan graph links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		v := rows.RawValues()
		if len(v) != 2 || v[0] == nil || v[1] == nil {
			return fmt.Errorf("postgres: scan graph links: a row of %d values", len(v))
		}
		if err := fn(v[0], v[1]); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: scan graph links: %w", err)
	}
	return nil
}
