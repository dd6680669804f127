// Command kuzet is the national anti-fraud exchange: the API server, its
// demo, and the operators' command-line tools.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(run(ctx, env, os.Args[1:]))
}

// run executes one command line and returns the exit status: 0 on success,
// 2 for a bad command line, 1 for any other failure.
func run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		writeUsage(env.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "kuzet: unknown command %q\n\n", args[0])
		writeUsage(env.Stderr)
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	name := cmd.name // with its subcommand, if any: "org add"
	if len(args) > 1 && args[1] != "" && !strings.HasPrefix(args[1], "-") {
		name += " " + args[1]
	}
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue) && ue.msg == "":
		return 2
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "kuzet %s: %s\nRun 'kuzet %s --help' for usage.\n", name, ue.msg, name)
		return 2
	default:
		fmt.Fprintf(env.Stderr, "kuzet %s: %v\n", name, err)
		return 1
	}
}

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints usage with a description of the command.
func newFlagSet(env *Env, name, usage, description string) *flag.FlagSet {
	fs := flag.NewFlagSet("kuzet "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kuzet %s\n\n%s\n\nFlags:\n", usage, description)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning flag errors into usage errors. Help
// asked for goes to standard output; help after a mistake to standard error.
func parseFlags(env *Env, fs *flag.FlagSet, args []string) error {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(env.Stdout)
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{} // the flag package has already said what is wrong
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}
