package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// A command is one `kuzet NAME …` sub-command. Each lives in its own file
// and registers itself from init, so that main.go does not grow with them.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// Env is what a command may touch of the process: its output streams and
// environment. Tests supply their own.
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

var commands = map[string]*command{}

func register(name, summary string, run func(ctx context.Context, env *Env, args []string) error) {
	if _, dup := commands[name]; dup {
		panic("duplicate command " + name)
	}
	commands[name] = &command{name: name, summary: summary, run: run}
}

// usageError is returned for bad command lines; main exits 2 on it.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

func writeUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString("kuzet — the national anti-fraud exchange\n\nUsage: kuzet COMMAND [flags]\n\nCommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "  %-10s %s\n", n, commands[n].summary)
	}
	b.WriteString("\nRun 'kuzet COMMAND --help' for a command's flags.\n")
	io.WriteString(w, b.String())
}

// isTerminal reports whether w is a terminal, where progress redraws one
// line in place.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
