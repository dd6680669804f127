package telecom

import "sync"

// numberMap is a map from numbers to V for state that every verification
// reads and few requests write: roaming, DNO, portings. It is sharded so
// that readers on different cores do not contend on one reader count.
type numberMap[V any] struct {
	shards [64]numberShard[V]
}

type numberShard[V any] struct {
	mu sync.RWMutex
	m  map[Number]V
	_  [32]byte // keep neighbouring shards' locks off one cache line
}

func (nm *numberMap[V]) shard(n Number) *numberShard[V] {
	return &nm.shards[mix64(uint64(n))>>58]
}

func (nm *numberMap[V]) get(n Number) (V, bool) {
	s := nm.shard(n)
	s.mu.RLock()
	v, ok := s.m[n]
	s.mu.RUnlock()
	return v, ok
}

func (nm *numberMap[V]) set(n Number, v V) {
	s := nm.shard(n)
	s.mu.Lock()
	if s.m == nil {
		s.m = make(map[Number]V)
	}
	s.m[n] = v
	s.mu.Unlock()
}

// remove deletes n and reports whether it was there.
func (nm *numberMap[V]) remove(n Number) bool {
	s := nm.shard(n)
	s.mu.Lock()
	_, ok := s.m[n]
	delete(s.m, n)
	s.mu.Unlock()
	return ok
}

func (nm *numberMap[V]) len() int {
	n := 0
	for i := range nm.shards {
		s := &nm.shards[i]
		s.mu.RLock()
		n += len(s.m)
		s.mu.RUnlock()
	}
	return n
}
