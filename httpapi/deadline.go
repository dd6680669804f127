package httpapi

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// deadlineCtx ends at its deadline, with its parent, or when cancelled, as
// context.WithTimeout's context does, but it arms its timer and joins its
// parent only once Done is asked for. Most requests never ask (a payment
// check is decided from memory), and context.WithTimeout's timer and its
// place among the parent's children were the largest part of the work a
// check's request does outside the decision.
type deadlineCtx struct {
	context.Context // the parent
	deadline        time.Time

	done atomic.Pointer[chan struct{}] // made by Done
	mu   sync.Mutex
	err  error         // set once, when the context ends
	stop []func() bool // the timer and the parent's watch, once armed
}

// withTimeout returns a context that ends d from now, when parent ends, or
// when the returned function is called, whichever comes first.
func withTimeout(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	c := &deadlineCtx{Context: parent, deadline: time.Now().Add(d)}
	if pd, ok := parent.Deadline(); ok && pd.Before(c.deadline) {
		c.deadline = pd
	}
	return c, func() { c.end(context.Canceled) }
}

func (c *deadlineCtx) Deadline() (time.Time, bool) { return c.deadline, true }

func (c *deadlineCtx) Done() <-chan struct{} {
	if d := c.done.Load(); d != nil {
		return *d
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if d := c.done.Load(); d != nil {
		return *d
	}
	ch := make(chan struct{})
	c.done.Store(&ch)
	if c.err == nil {
		c.err = c.ended()
	}
	if c.err != nil {
		close(ch)
		return ch
	}
	t := time.AfterFunc(time.Until(c.deadline), func() { c.end(context.DeadlineExceeded) })
	c.stop = []func() bool{t.Stop, context.AfterFunc(c.Context, func() { c.end(c.Context.Err()) })}
	return ch
}

func (c *deadlineCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		if c.err = c.ended(); c.err != nil {
			c.closeLocked()
		}
	}
	return c.err
}

// ended returns why the context has ended by now, or nil: its parent's
// error, or DeadlineExceeded past the deadline. c.mu is held.
func (c *deadlineCtx) ended() error {
	if err := c.Context.Err(); err != nil {
		return err
	}
	if !time.Now().Before(c.deadline) {
		return context.DeadlineExceeded
	}
	return nil
}

// end ends the context with err unless it has ended already.
func (c *deadlineCtx) end(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
		c.closeLocked()
	}
}

// closeLocked closes Done's channel, if made, and disarms the watches. It
// runs once, when err is set; c.mu is held.
func (c *deadlineCtx) closeLocked() {
	if d := c.done.Load(); d != nil {
		close(*d)
	}
	for _, stop := range c.stop {
		stop()
	}
	c.stop = nil
}
