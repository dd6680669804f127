package ident_test

import (
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

func wallet(v string) kuzet.Indicator { return kuzet.Indicator{Kind: kuzet.KindWallet, Value: v} }

func TestParseWallet(t *testing.T) {
	runAccept(t, ident.ParseWallet, []acceptCase{
		{"BTC P2PKH", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", wallet("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")},
		{"BTC P2PKH 2", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", wallet("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")},
		{"BTC P2SH", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", wallet("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")},
		{"BIP-21 URI", "bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa?amount=0.1", wallet("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")},
		{"P2WPKH", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", wallet("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")},
		{"P2WPKH upper case", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", wallet("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")},
		{"P2WSH", "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
			wallet("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3")},
		{"taproot (bech32m)", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
			wallet("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0")},
		// EIP-55's own examples.
		{"ETH checksummed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", wallet("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")},
		{"ETH checksummed 2", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", wallet("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359")},
		{"ETH checksummed 3", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", wallet("0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb")},
		{"ETH all upper, 0X", "0XDBF03B407C01E7CD3CBEA99509D93F8DDDC8C6FB", wallet("0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb")},
		{"ETH all lower", "0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb", wallet("0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb")},
		{"EIP-681 URI", "ethereum:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed@1?value=1", wallet("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")},
		{"TRON", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", wallet("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")},
		{"TRON padded", " TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\n", wallet("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")},
	})
	runReject(t, ident.ParseWallet, []rejectCase{
		{"ETH checksum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"},
		{"ETH short", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea"},
		{"ETH not hex", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg"},
		{"BTC checksum", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"},
		{"BTC non-base58 character", "1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a"},
		{"BTC too short", "1A1zP1eP5QGefi2DMPTfT"},
		{"bech32 checksum", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"},
		{"bech32 mixed case", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7KV8F3T4"},
		{"bech32 testnet", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx"},
		{"taproot with a bech32 checksum", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd"},
		{"bech32 bad character", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3tb"},
		{"TRON checksum", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u"},
		{"Litecoin", "LQ3B5Y4jw8CezQRq8KqSprPzpLxVYdMvst"},
		{"word", "wallet"},
	})
}

// TestParseWalletSingleErrors checks that every one-character change of a
// valid address is caught by its checksum.
func TestParseWalletSingleErrors(t *testing.T) {
	for _, addr := range []string{
		"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
		"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
		"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
	} {
		for i := 0; i < len(addr); i++ {
			for _, c := range []byte("23qpT") {
				if addr[i] == c || (i < 4 && c == 'T') {
					continue
				}
				mutated := addr[:i] + string(c) + addr[i+1:]
				if got, err := ident.ParseWallet(mutated); err == nil {
					t.Errorf("ParseWallet(%q): got %q, want an error", mutated, got.Value)
				}
			}
		}
	}
}
