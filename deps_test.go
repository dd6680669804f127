package kuzet_test

import (
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is the module's path.
const module = "github.com/kuzet/kuzet"

// adapters are the packages at the edge: they speak to a database, the
// network or the command line, and may import the domain; the domain may
// not import them. Every other package of the module is domain.
var adapters = map[string]bool{
	module + "/sqlite":              true,
	module + "/postgres":            true,
	module + "/natsbus":             true,
	module + "/httpapi":             true,
	module + "/console":             true,
	module + "/webhook":             true,
	module + "/ctlog":               true,
	module + "/ctlog/ctlogtest":     true,
	module + "/storetest":           true,
	module + "/internal/sqlstore":   true,
	module + "/cmd/kuzet":           true,
	module + "/internal/deps":       true,
	module + "/internal/benchserve": true,
}

// drivers are what only a store may import.
var drivers = []string{"database/sql", "modernc.org/sqlite", "github.com/jackc/pgx"}

type listed struct {
	ImportPath string
	Imports    []string
	Deps       []string
	Error      *struct{ Err string }
}

// listPackages lists every package of the module with its imports and
// dependencies. A package that cannot be listed fails the test: a broken
// package must not slip past the rules below.
func listPackages(t *testing.T) []listed {
	t.Helper()
	out, err := exec.Command("go", "list", "-e", "-json", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []listed
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		if p.Error != nil {
			t.Errorf("%s cannot be listed: %s", p.ImportPath, p.Error.Err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages: the test is not looking at the module", len(pkgs))
	}
	return pkgs
}

func matches(dep, prefix string) bool { return dep == prefix || strings.HasPrefix(dep, prefix+"/") }

// TestDomainImportsNoAdapter keeps dependencies pointing inward: the root
// package and every domain package (every package not listed as an
// adapter) must not reach an adapter or a database driver, directly or
// through another package, nor import net/http themselves.
// (golang.org/x/net/publicsuffix brings in net/http/cookiejar for an
// interface assertion; that transitive use is allowed.)
func TestDomainImportsNoAdapter(t *testing.T) {
	for _, p := range listPackages(t) {
		if adapters[p.ImportPath] {
			continue
		}
		if slices.Contains(p.Imports, "net/http") {
			t.Errorf("domain package %s imports net/http", p.ImportPath)
		}
		for _, dep := range p.Deps {
			if adapters[dep] {
				t.Errorf("domain package %s imports the adapter %s", p.ImportPath, dep)
			}
			for _, d := range drivers {
				if matches(dep, d) {
					t.Errorf("domain package %s imports %s", p.ImportPath, dep)
				}
			}
			if matches(dep, "github.com/nats-io") {
				t.Errorf("domain package %s imports %s", p.ImportPath, dep)
			}
		}
	}
}

// TestAdaptersStayInTheirLane checks the rules between adapters: HTTP
// reaches the data only through the services (it imports no store and no
// driver), and the stores import the root package and their own helpers,
// not a domain service.
func TestAdaptersStayInTheirLane(t *testing.T) {
	for _, p := range listPackages(t) {
		switch p.ImportPath {
		case module + "/httpapi":
			for _, dep := range p.Deps {
				if dep == module+"/sqlite" || dep == module+"/postgres" || dep == module+"/internal/sqlstore" {
					t.Errorf("httpapi imports the store %s", dep)
				}
			}
			// Directly: the Prometheus collectors bring database/sql in
			// for a collector of their own, which is not a store.
			for _, imp := range p.Imports {
				for _, d := range drivers {
					if matches(imp, d) {
						t.Errorf("httpapi imports the driver %s", imp)
					}
				}
			}
		case module + "/sqlite", module + "/postgres":
			for _, imp := range p.Imports {
				if strings.HasPrefix(imp, module+"/") && imp != module+"/internal/sqlstore" {
					t.Errorf("%s imports %s: a store imports only the root package", p.ImportPath, imp)
				}
			}
		case module + "/storetest":
			for _, imp := range p.Imports {
				if strings.HasPrefix(imp, module+"/") {
					t.Errorf("storetest imports %s: the contract speaks only the root package", imp)
				}
			}
		}
	}
}
