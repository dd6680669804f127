package httpapi

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWithTimeout(t *testing.T) {
	type key struct{}
	tests := []struct {
		name string
		// end ends the context under test, or its parent; it returns the
		// error the context must end with.
		end      func(cancelParent, cancel context.CancelFunc) error
		d        time.Duration
		watch    bool // ask for Done before it ends
		wantDone bool
	}{
		{"deadline, watched", func(_, _ context.CancelFunc) error { return context.DeadlineExceeded }, 10 * time.Millisecond, true, true},
		{"deadline, not watched", func(_, _ context.CancelFunc) error { return context.DeadlineExceeded }, 10 * time.Millisecond, false, true},
		{"parent cancelled, watched", func(p, _ context.CancelFunc) error { p(); return context.Canceled }, time.Hour, true, true},
		{"parent cancelled, not watched", func(p, _ context.CancelFunc) error { p(); return context.Canceled }, time.Hour, false, true},
		{"cancelled, watched", func(_, c context.CancelFunc) error { c(); return context.Canceled }, time.Hour, true, true},
		{"cancelled, not watched", func(_, c context.CancelFunc) error { c(); return context.Canceled }, time.Hour, false, true},
		{"running", func(_, _ context.CancelFunc) error { return nil }, time.Hour, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parent, cancelParent := context.WithCancel(context.WithValue(context.Background(), key{}, "v"))
			defer cancelParent()
			ctx, cancel := withTimeout(parent, tc.d)
			defer cancel()
			if got := ctx.Value(key{}); got != "v" {
				t.Fatalf("Value: got %v, want v", got)
			}
			if dl, ok := ctx.Deadline(); !ok || time.Until(dl) > tc.d {
				t.Fatalf("Deadline: got %v %v, want within %v", dl, ok, tc.d)
			}
			if tc.watch {
				ctx.Done()
			}
			want := tc.end(cancelParent, cancel)
			if want == nil {
				select {
				case <-ctx.Done():
					t.Fatal("Done closed while running")
				case <-time.After(20 * time.Millisecond):
				}
				if err := ctx.Err(); err != nil {
					t.Fatalf("Err: got %v, want nil", err)
				}
				return
			}
			select {
			case <-ctx.Done():
			case <-time.After(5 * time.Second):
				t.Fatal("Done not closed")
			}
			if err := ctx.Err(); !errors.Is(err, want) {
				t.Fatalf("Err: got %v, want %v", err, want)
			}
			cancel() // a second end changes nothing
			if err := ctx.Err(); !errors.Is(err, want) {
				t.Fatalf("Err after cancel: got %v, want %v", err, want)
			}
		})
	}
}

// TestWithTimeoutChild checks that a context derived from it ends with it.
func TestWithTimeoutChild(t *testing.T) {
	ctx, cancel := withTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()
	select {
	case <-child.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("child not ended")
	}
	if err := child.Err(); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want %v", err, context.DeadlineExceeded)
	}
}
