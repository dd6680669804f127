package postgres

import "github.com/kuzet/kuzet/internal/sqlstore"

// Option configures Open. ReadOnly and AuditKey are the options both stores
// share (sqlstore.ReadOnly, sqlstore.AuditKey).
type Option = sqlstore.Option

var ReadOnly, AuditKey = sqlstore.ReadOnly, sqlstore.AuditKey
