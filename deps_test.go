package kuzet_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDomainImportsNoAdapter keeps dependencies pointing inward: the root
// package and the domain packages must not reach an adapter or a database
// driver, directly or through another package, nor import net/http
// themselves. (golang.org/x/net/publicsuffix brings in net/http/cookiejar
// for an interface assertion; that transitive use is allowed.)
func TestDomainImportsNoAdapter(t *testing.T) {
	domain := []string{".", "./ident", "./registry", "./access", "./audit", "./telecom", "./simbox", "./webwatch", "./synth"}
	forbidden := []string{
		"database/sql", "modernc.org/sqlite", "github.com/jackc/pgx", "github.com/nats-io",
		"github.com/kuzet/kuzet/sqlite", "github.com/kuzet/kuzet/postgres", "github.com/kuzet/kuzet/natsbus",
		"github.com/kuzet/kuzet/httpapi", "github.com/kuzet/kuzet/cmd",
	}
	for _, pkg := range domain {
		out, err := exec.Command("go", "list", "-e", "-f",
			`{{.ImportPath}}{{if .Error}} ERROR{{end}} {{join .Deps " "}} {{range .Imports}}direct:{{.}} {{end}}`, pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		fields := strings.Fields(string(out))
		if len(fields) > 1 && fields[1] == "ERROR" {
			continue // the package does not exist (yet)
		}
		for _, dep := range fields[1:] {
			if dep == "direct:net/http" {
				t.Errorf("%s imports net/http", fields[0])
			}
			for _, f := range forbidden {
				if dep == f || strings.HasPrefix(dep, f+"/") {
					t.Errorf("%s imports %s", fields[0], dep)
				}
			}
		}
	}
}
