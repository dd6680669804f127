# The two set-up commands of the README: `make demo` and `make test`.
GO ?= go

.PHONY: demo test build bench lint assets browser-test

# The binary runs in make's place (exec), so that a signal to make, as
# `make demo &` then `kill $$!` sends, reaches the server.
demo: build
	exec ./bin/kuzet demo $(ARGS)

# Evaluations of detection quality and memory figures are deterministic
# computations that the race detector slows sevenfold (and, for memory,
# distorts): under -race they skip, and the second line runs them without it.
# The payment holdouts' tests build their small worlds under -race and their
# default ones on the second line; the CDR generators' tests run there only.
EVAL := ^(TestAlienGenerator|TestAdversary|TestQuality|TestCallBacksDoNotCancel|TestIndexMemory|TestHoldout[0-9]*[A-Za-z]*|TestWriteAdversaryDeterministic|TestWriteAdversaryWorld|TestWriteCDRLabels)$$
#
# Under -race the compiler also turns on checkptr, which checks every
# unsafe.Pointer conversion. The SQLite driver (modernc.org/sqlite) is C
# translated to Go and does its pointer arithmetic through uintptr by design:
# checkptr spent about 60 % of the CPU of every SQL statement in the tests
# checking code that is not ours. It is off for modernc.org's packages only;
# the race detector stays on everywhere (built without it, the driver made
# the detector report races in encoding/json's cache that are not there),
# and checkptr on for kuzet's code and every other dependency.
#
# SQLite's own C code (modernc.org/sqlite/lib) is also built without the race
# detector's instrumentation, as cgo code always is: under it, opening a
# store took 170 ms instead of 50, and make test went over five minutes. The
# driver (modernc.org/sqlite) and libc stay instrumented, so the locks and
# channels that order kuzet's goroutines are all seen.
RACE := -race -gcflags='modernc.org/...=-d=checkptr=0' -gcflags='modernc.org/sqlite/lib=-d=checkptr=0 -race=false'
test:
	$(GO) test $(RACE) -count=1 ./...
	$(GO) test -count=1 -run '$(EVAL)' ./simbox ./registry ./synth

build: assets
	$(GO) build -o bin/kuzet ./cmd/kuzet

# The console's browser libraries (htmx, Apache ECharts, Cytoscape.js), pinned
# in console/web/package-lock.json, installed from npm and copied into
# console/static/vendor, which the binary embeds. Without npm the console still
# works, without its charts and one-key shortcuts.
VENDOR := console/static/vendor/htmx.min.js
assets: $(VENDOR)
$(VENDOR): console/web/package-lock.json console/web/vendor.mjs
	@if command -v npm >/dev/null; then \
		npm ci --prefix console/web --no-audit --no-fund --loglevel=error && node console/web/vendor.mjs; \
	else echo "npm not found: the console is built without its browser libraries (apt-get install npm)"; fi

# The console in a real browser: Debian's chromium driven by playwright-core
# against `kuzet demo`, axe-core on every page, screenshots in ru, kk and en.
browser-test: build
	node console/web/browser-test.mjs

lint:
	gofmt -l $$(git ls-files '*.go')
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

# Short benchmark pass; see docs/benchmarks.md for the full commands and figures.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x ./...
