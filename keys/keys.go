// Package keys keeps the deployment's secrets in a key file, outside the
// store: the card-token key, the audit chain's key and the key that signs
// audit checkpoints. Whoever holds a copy of the database, or administers
// it, without the key file can reverse no card token, and can alter no
// audit entry without `kuzet audit verify` noticing.
//
// The file is JSON, written once with mode 0600:
//
//	{"kuzet_key_file": 1, "card_token_key": "<base64>", "audit_mac_key": "<base64>",
//	 "audit_signing_key": "<base64 Ed25519 seed>", "card_legacy_key": "<base64>"}
//
// card_legacy_key is present only in a deployment whose store held its
// card-token key before kuzet kept keys outside it (see Migrate).
package keys

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kuzet/kuzet"
)

// EnvVar names the environment variable that gives the key file's path to
// commands not given --key-file.
const EnvVar = "KUZET_KEY_FILE"

// keyLen is the length of the symmetric keys.
const keyLen = 32

// version is the file format's version.
const version = 1

// Keys are the deployment's secrets.
type Keys struct {
	CardToken   []byte             // HMAC key of card tokens
	CardLegacy  []byte             // the key a store kept before the migration; nil in a fresh deployment
	AuditMAC    []byte             // HMAC key of the audit chain
	AuditSigner ed25519.PrivateKey // signs audit checkpoints
}

// file is the JSON form of Keys.
type file struct {
	Version         int    `json:"kuzet_key_file"`
	CardToken       []byte `json:"card_token_key"`
	AuditMAC        []byte `json:"audit_mac_key"`
	AuditSigningKey []byte `json:"audit_signing_key"`
	CardLegacy      []byte `json:"card_legacy_key,omitempty"`
}

// Generate returns fresh random keys.
func Generate() (*Keys, error) {
	k := &Keys{CardToken: make([]byte, keyLen), AuditMAC: make([]byte, keyLen)}
	seed := make([]byte, ed25519.SeedSize)
	for _, b := range [][]byte{k.CardToken, k.AuditMAC, seed} {
		if _, err := rand.Read(b); err != nil {
			return nil, fmt.Errorf("keys: read random: %w", err)
		}
	}
	k.AuditSigner = ed25519.NewKeyFromSeed(seed)
	return k, nil
}

// AuditChain returns the chain keyed with the audit key.
func (k *Keys) AuditChain() kuzet.AuditChain { return kuzet.AuditChain{Key: k.AuditMAC} }

// AuditPublicKey returns the key that verifies checkpoints.
func (k *Keys) AuditPublicKey() ed25519.PublicKey { return k.AuditSigner.Public().(ed25519.PublicKey) }

// Load reads the key file at path. Returns ENOTFOUND if there is none,
// and EINVALID if it is malformed or readable by others than its owner.
func Load(path string) (*Keys, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no key file at %s", path)
	} else if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, kuzet.Errorf(kuzet.EINVALID, "key file %s is readable by others (mode %04o): chmod 600 it", path, st.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	var f file
	if err := json.Unmarshal(b, &f); err != nil || f.Version != version {
		// The error's text is not shown: it could quote the file.
		return nil, kuzet.Errorf(kuzet.EINVALID, "%s is not a kuzet key file (version %d)", path, version)
	}
	if len(f.CardToken) != keyLen || len(f.AuditMAC) != keyLen || len(f.AuditSigningKey) != ed25519.SeedSize ||
		(f.CardLegacy != nil && len(f.CardLegacy) < 16) {
		return nil, kuzet.Errorf(kuzet.EINVALID, "key file %s holds a key of the wrong length", path)
	}
	return &Keys{CardToken: f.CardToken, CardLegacy: f.CardLegacy, AuditMAC: f.AuditMAC,
		AuditSigner: ed25519.NewKeyFromSeed(f.AuditSigningKey)}, nil
}

// Create writes fresh keys to a new key file at path, with mode 0600.
// Returns ECONFLICT if a file is there already: keys are never replaced
// by accident, as that would make every stored token and audit entry
// unverifiable.
func Create(path string) (*Keys, error) {
	k, err := Generate()
	if err != nil {
		return nil, err
	}
	if err := k.write(path, false); err != nil {
		return nil, err
	}
	return k, nil
}

// Save rewrites the key file at path with k, atomically: the old file
// stays whole until the new one is in place.
func (k *Keys) Save(path string) error { return k.write(path, true) }

func (k *Keys) write(path string, replace bool) error {
	b, err := json.MarshalIndent(file{Version: version, CardToken: k.CardToken, AuditMAC: k.AuditMAC,
		AuditSigningKey: k.AuditSigner.Seed(), CardLegacy: k.CardLegacy}, "", "  ")
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	b = append(b, '\n')
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	if !replace {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return kuzet.Errorf(kuzet.ECONFLICT, "a key file is at %s already", path)
		} else if err != nil {
			return fmt.Errorf("keys: %w", err)
		}
		return syncClose(f, b, path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".kuzet-key-*")
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("keys: %w", err)
	}
	if err := syncClose(tmp, b, tmp.Name()); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	return nil
}

// syncClose writes b to f, syncs and closes it: a key file half written by
// a power cut would lose the keys.
func syncClose(f *os.File, b []byte, path string) error {
	_, err := f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("keys: write %s: %w", path, err)
	}
	return nil
}

// DefaultPath is where a SQLite deployment keeps its key file when no
// --key-file is given: beside the data directory, not in it, so that a copy
// of the directory does not carry the keys.
func DefaultPath(dataDir string) string {
	return filepath.Clean(dataDir) + ".key"
}
