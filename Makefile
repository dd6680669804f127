# The two set-up commands of the README: `make demo` and `make test`.
GO ?= go

.PHONY: demo test build bench lint

# The binary runs in make's place (exec), so that a signal to make, as
# `make demo &` then `kill $$!` sends, reaches the server.
demo: build
	exec ./bin/kuzet demo $(ARGS)

test:
	$(GO) test -race -count=1 ./...

build:
	$(GO) build -o bin/kuzet ./cmd/kuzet

lint:
	gofmt -l $$(git ls-files '*.go')
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

# Short benchmark pass; see docs/benchmarks.md for the full commands and figures.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x ./...
