package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

var scanLinksQuery = prepare(`SELECT a, b FROM graph_edges WHERE a < b`)

// ScanGraphLinks calls fn with the ends of every edge once, read into two
// buffers reused from row to row.
func (tx *tx) ScanGraphLinks(ctx context.Context, fn func(a, b []byte) error) error {
	rows, err := tx.stmt(ctx, scanLinksQuery).QueryContext(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: scan graph links: %w", err)
	}
	defer rows.Close()
	var a, b sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&a, &b); err != nil {
			return fmt.Errorf("sqlite: scan graph links: %w", err)
		}
		if err := fn(a, b); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: scan graph links: %w", err)
	}
	return nil
}
