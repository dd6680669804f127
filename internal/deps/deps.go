//go:build tools

// Package deps pins in go.mod the dependencies chosen in the design that no
// package imports yet (NATS, the CT client, the JSON Schema validator). The
// build tag keeps them out of every binary; go mod tidy still sees them.
package deps

import (
	_ "github.com/getkin/kin-openapi/openapi3"
	_ "github.com/getkin/kin-openapi/openapi3filter"
	_ "github.com/google/certificate-transparency-go"
	_ "github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/nats-io/nats-server/v2/server"
	_ "github.com/nats-io/nats.go"
	_ "github.com/nyaruka/phonenumbers"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/santhosh-tekuri/jsonschema/v6"
	_ "golang.org/x/crypto/sha3"
	_ "golang.org/x/net/idna"
	_ "golang.org/x/net/publicsuffix"
	_ "modernc.org/sqlite"
)
