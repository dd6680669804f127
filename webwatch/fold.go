package webwatch

// Folding turns what a reader sees into the ASCII letters a brand is
// written in, in two steps, after Unicode TR39's idea of a skeleton:
//
//   - fold maps each non-ASCII letter to the ASCII letter it looks like
//     (Cyrillic and Kazakh а е о р с х у к һ і ѕ ј ә ө ү ұ қ ғ ң, Greek,
//     Armenian, Latin with diacritics), one byte per rune, so that edit
//     distances stay meaningful; a letter that resembles nothing becomes
//     foreignByte, which no brand contains.
//   - skeleton then merges the ASCII look-alikes (0/o, 1/l/i, 5/s, rn/m,
//     vv/w, cl/d) so that "ka5pi" and "kaspl" meet "kaspi".
//
// The tables are this package's own, written for the scripts that matter
// in Kazakhstan; they are not the full TR39 confusables data.

// foreignByte stands for a letter with no Latin look-alike.
const foreignByte = '*'

// confusables maps lower-case non-ASCII letters to the ASCII letter they
// are mistaken for. Upper case is not needed: IDNA lower-cases first.
var confusables = map[rune]byte{
	// Cyrillic, Russian alphabet.
	'а': 'a', 'б': 'b', 'в': 'b', 'г': 'r', 'е': 'e', 'ё': 'e', 'з': 'z', 'и': 'u', 'й': 'u',
	'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'п': 'n', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y',
	'х': 'x', 'ц': 'u', 'ш': 'w', 'щ': 'w', 'ъ': 'b', 'ь': 'b', 'э': 'e',
	// Cyrillic, other Slavic letters.
	'ѐ': 'e', 'ђ': 'h', 'ѓ': 'r', 'є': 'e', 'ѕ': 's', 'і': 'i', 'ї': 'i', 'ј': 'j', 'ћ': 'h',
	'ќ': 'k', 'ѝ': 'u', 'ў': 'y', 'џ': 'u', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l', 'ѵ': 'v',
	'ҫ': 'c', 'ҙ': 'z', 'ӓ': 'a', 'ӧ': 'o', 'ӱ': 'y', 'ӑ': 'a', 'ӗ': 'e', 'ӣ': 'u', 'ӯ': 'y',
	// Kazakh letters.
	'ә': 'a', 'ғ': 'f', 'қ': 'k', 'ң': 'h', 'ө': 'o', 'ұ': 'y', 'ү': 'y', 'һ': 'h',
	// Greek.
	'α': 'a', 'β': 'b', 'γ': 'y', 'δ': 'd', 'ε': 'e', 'ζ': 'z', 'η': 'n', 'θ': 'o', 'ι': 'i',
	'κ': 'k', 'μ': 'u', 'ν': 'v', 'ο': 'o', 'π': 'n', 'ρ': 'p', 'ς': 'c', 'σ': 'o', 'τ': 't',
	'υ': 'u', 'χ': 'x', 'ω': 'w', 'ά': 'a', 'έ': 'e', 'ή': 'n', 'ί': 'i', 'ό': 'o', 'ύ': 'u',
	'ώ': 'w', 'ϊ': 'i', 'ϋ': 'u', 'ϲ': 'c', 'ϳ': 'j',
	// Armenian.
	'ա': 'w', 'հ': 'h', 'ո': 'n', 'ս': 'u', 'օ': 'o', 'ց': 'g', 'զ': 'q', 'ռ': 'n',
	// Latin letters outside Latin-1 and Extended-A, and small capitals.
	'ɑ': 'a', 'ɡ': 'g', 'ȷ': 'j', 'ɫ': 'l', 'ƅ': 'b', 'ɓ': 'b', 'ɗ': 'd', 'ɖ': 'd', 'ƈ': 'c',
	'ɦ': 'h', 'ɩ': 'i', 'ɨ': 'i', 'ʝ': 'j', 'ɱ': 'm', 'ɲ': 'n', 'ƥ': 'p', 'ƿ': 'p', 'ʠ': 'q',
	'ɽ': 'r', 'ɼ': 'r', 'ɾ': 'r', 'ʂ': 's', 'ƽ': 's', 'ƫ': 't', 'ʋ': 'u', 'ʉ': 'u', 'ƴ': 'y',
	'ɏ': 'y', 'ʐ': 'z', 'ƶ': 'z', 'ə': 'e', 'ɛ': 'e', 'ɔ': 'c', 'ʀ': 'r', 'ʙ': 'b', 'ᴄ': 'c',
	'ᴋ': 'k', 'ᴍ': 'm', 'ᴏ': 'o', 'ᴜ': 'u', 'ᴠ': 'v', 'ᴡ': 'w', 'ᴢ': 'z', 'ʏ': 'y', 'ɢ': 'g',
	'ɪ': 'i', 'ʜ': 'h', 'ꜱ': 's', 'ǎ': 'a', 'ȧ': 'a', 'ạ': 'a', 'ǐ': 'i', 'ị': 'i', 'ỉ': 'i',
	'ȋ': 'i', 'ọ': 'o', 'ỏ': 'o', 'ȯ': 'o', 'ơ': 'o', 'ǔ': 'u', 'ư': 'u', 'ụ': 'u', 'ȕ': 'u',
	'ȗ': 'u', 'ẹ': 'e', 'ȩ': 'e', 'ɇ': 'e', 'ḛ': 'e', 'ǵ': 'g', 'ǧ': 'g', 'ǥ': 'g', 'ȟ': 'h',
	'ḧ': 'h', 'ḩ': 'h', 'ⱨ': 'h', 'ḣ': 'h', 'ḥ': 'h', 'ḫ': 'h', 'ẖ': 'h', 'ǰ': 'j', 'ɉ': 'j',
	'ḳ': 'k', 'ḵ': 'k', 'ⱪ': 'k', 'ṁ': 'm', 'ṃ': 'm', 'ḿ': 'm', 'ṅ': 'n', 'ṇ': 'n', 'ṉ': 'n',
	'ǹ': 'n', 'ꞑ': 'n', 'ṕ': 'p', 'ṗ': 'p', 'ɍ': 'r', 'ȓ': 'r', 'ȑ': 'r', 'ṙ': 'r', 'ṛ': 'r',
	'ṟ': 'r', 'ṣ': 's', 'ṡ': 's', 'ș': 's', 'ṫ': 't', 'ṭ': 't', 'ț': 't', 'ṿ': 'v', 'ⱱ': 'v',
	'ᶌ': 'v', 'ṽ': 'v', 'ⱴ': 'v', 'ẁ': 'w', 'ẃ': 'w', 'ẅ': 'w', 'ⱳ': 'w', 'ẇ': 'w', 'ẉ': 'w',
	'ẘ': 'w', 'ẋ': 'x', 'ẍ': 'x', 'ỿ': 'y', 'ẏ': 'y', 'ỵ': 'y', 'ẓ': 'z', 'ẕ': 'z', 'ⱬ': 'z',
	'ḃ': 'b', 'ḅ': 'b', 'ḇ': 'b', 'ḋ': 'd', 'ḍ': 'd', 'ḏ': 'd', 'ḓ': 'd', 'ḑ': 'd', 'ḟ': 'f',
	'ƒ': 'f', 'ß': 'b', 'ŀ': 'l',
}

// latin1 and latinExtA give the base letter of U+00E0–U+00FF and
// U+0100–U+017F by position ('*' for ligatures and signs).
const (
	latin1    = "aaaaaa*ceeeeiiiidnooooo*ouuuuypy"
	latinExtA = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzf"
)

// foldRune returns the ASCII byte r looks like, and whether r was not
// ASCII to begin with.
func foldRune(r rune) (b byte, confusable bool) {
	switch {
	case r < 0x80:
		return byte(r), false
	case r >= 0xe0 && r <= 0xff:
		return latin1[r-0xe0], true
	case r >= 0x100 && r <= 0x17f:
		return latinExtA[r-0x100], true
	}
	if b, ok := confusables[r]; ok {
		return b, true
	}
	return foreignByte, true
}

// translit spells a Cyrillic letter in Latin the way Kazakh domain owners
// do (the sound, not the shape): "каспи" becomes "kaspi", "халық" "halyk".
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "sch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'ә': "a", 'ғ': "g", 'қ': "k",
	'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h", 'і': "i",
}

// skeletonByte merges ASCII characters that look alike; digits that stand
// in for letters ("leet") merge with them too.
var skeletonByte = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
	}
	for from, to := range map[byte]byte{
		'0': 'o', '1': 'l', 'i': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', 'q': 'g',
	} {
		t[from] = to
	}
	return t
}()

// appendSkeleton appends the skeleton of s to dst. Besides the single
// characters it folds the pairs rn → m, vv → w and cl → d.
func appendSkeleton(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i+1 < len(s) {
			switch {
			case c == 'r' && s[i+1] == 'n':
				dst = append(dst, 'm')
				i++
				continue
			case c == 'v' && s[i+1] == 'v':
				dst = append(dst, 'w')
				i++
				continue
			case c == 'c' && s[i+1] == 'l':
				dst = append(dst, 'd')
				i++
				continue
			case c == 'k' && s[i+1] == 's':
				dst = append(dst, 'x') // yandeks: the sound of x
				i++
				continue
			}
		}
		dst = append(dst, skeletonByte[c])
	}
	return dst
}

// appendLetterSkeleton appends the skeleton of s without the pairs: the
// other reading of a name whose own letters make a pair (click, whose cl
// is no d to c1ick).
func appendLetterSkeleton(dst, s []byte) []byte {
	for _, c := range s {
		dst = append(dst, skeletonByte[c])
	}
	return dst
}

// phonKey appends to dst the sound of s as a key: the spellings a Latin
// name takes when written in Cyrillic and read back are merged (c is s
// before e, i, y and k elsewhere; zh and j; ks and x; q and k; w and u;
// y and i; ts and s; doubled letters; a silent final e). Only transliterated names are
// looked up by it.
func phonKey(dst, s []byte) []byte {
	start := len(dst)
	for i := 0; i < len(s); i++ {
		c := s[i]
		var next byte
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch {
		case c == 'z' && next == 'h':
			c = 'j'
			i++
		case c == 'k' && next == 's':
			c = 'x'
			i++
		case c == 't' && next == 's':
			c = 's'
			i++
		case c == 'p' && next == 'h':
			c = 'f'
			i++
		case c == 'c' && (next == 'e' || next == 'i' || next == 'y'):
			c = 's'
		case c == 'c' || c == 'q':
			c = 'k'
		case c == 'w':
			c = 'u'
		case c == 'y':
			c = 'i'
		}
		if len(dst) > start && dst[len(dst)-1] == c {
			continue
		}
		dst = append(dst, c)
	}
	// A final e after a consonant is silent in English names, and a
	// Cyrillic writer leaves it out: binance, бинанс.
	if n := len(dst) - start; n >= 5 && dst[len(dst)-1] == 'e' && !isVowel(dst[len(dst)-2]) {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// keyboard lists the keys next to each key on QWERTY, QWERTZ and AZERTY
// keyboards together: a slip of the finger lands on one of them.
var keyboard = func() (adj [256]string) {
	layouts := [][]string{
		{"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"},
		{"1234567890", "qwertzuiop", "asdfghjkl", "yxcvbnm"},
		{"1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn"},
	}
	seen := [256][256]bool{}
	add := func(a, b byte) {
		if a != b && !seen[a][b] {
			seen[a][b] = true
			adj[a] += string(b)
		}
	}
	for _, rows := range layouts {
		for r, row := range rows {
			for i := 0; i < len(row); i++ {
				c := row[i]
				if i > 0 {
					add(c, row[i-1])
				}
				if i+1 < len(row) {
					add(c, row[i+1])
				}
				// The rows are staggered: a key touches the two keys below
				// it at the same and the previous index, and the two above
				// at the same and the next.
				if r+1 < len(rows) {
					below := rows[r+1]
					for _, j := range []int{i - 1, i} {
						if j >= 0 && j < len(below) {
							add(c, below[j])
							add(below[j], c)
						}
					}
				}
			}
		}
	}
	return adj
}()

// adjacentKeys reports whether a and b are neighbours on a keyboard.
func adjacentKeys(a, b byte) bool {
	for i := 0; i < len(keyboard[a]); i++ {
		if keyboard[a][i] == b {
			return true
		}
	}
	return false
}

// isVowel reports whether c is a Latin vowel letter.
func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// oneBit reports whether a and b differ in exactly one bit, the mark of a
// bit flip in memory (bitsquatting).
func oneBit(a, b byte) bool {
	x := a ^ b
	return x != 0 && x&(x-1) == 0
}
