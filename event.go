package kuzet

import "sync"

// Hook is a service's event hook: after a change commits, the service emits
// it, and every subscriber (a bus adapter publishing to the other nodes, a
// cache following the change) is called with it on the emitting goroutine,
// in emission order. Subscribers must not block: a slow one holds the
// service's writes.
//
// The zero Hook has no subscribers and is ready to use.
type Hook[E any] struct {
	mu   sync.RWMutex
	subs []func(E)
}

// Subscribe adds fn to the subscribers of every later event.
func (h *Hook[E]) Subscribe(fn func(E)) {
	h.mu.Lock()
	h.subs = append(h.subs, fn)
	h.mu.Unlock()
}

// Emit calls every subscriber with e.
func (h *Hook[E]) Emit(e E) {
	h.mu.RLock()
	subs := h.subs
	h.mu.RUnlock()
	for _, fn := range subs {
		fn(e)
	}
}

// Subscribed reports whether anyone listens, so that a service need not
// build events nobody reads.
func (h *Hook[E]) Subscribed() bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.subs) > 0
}
