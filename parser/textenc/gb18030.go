package textenc

import (
	"encoding/binary"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// decodeGB18030 decodes data as GB18030 exactly as golang.org/x/text's
// decoder does, and counts the runes of the result and the goodRune ones
// among them (countGood), for Decode's textScore.
//
// It is hand-written around the library, not instead of it: the library's
// decoder writes each rune through utf8.EncodeRune and transform.Writer's
// intermediate buffer, which was about a tenth of a GBK page's extraction.
// Here ASCII runs are copied whole and each two-byte character (all of
// GBK, nearly every non-ASCII byte of a page) is one look-up in gbPairs,
// a table made by decoding every pair with the library itself. Anything
// else — the euro byte 0x80, four-byte sequences, broken bytes — is
// decoded by the library, in a chunk that ends after a byte below 0x30:
// such a byte is never part of a multi-byte sequence (second and fourth
// bytes are 0x30–0x39 or from 0x40, lead bytes from 0x81), so the library
// decodes the chunk as it decodes it within the whole. TestDecodeGB18030
// and FuzzDecodeGB18030 compare it with the library.
func decodeGB18030(data []byte) (s string, total, good int, err error) {
	pairs := gbPairTable()
	// strings.Builder's Grow does not zero the buffer, as make would.
	var out strings.Builder
	out.Grow(gbSize(data))
	n := len(data)
	for i := 0; i < n; {
		c0 := data[i]
		if c0 < utf8.RuneSelf {
			j := i
			for j < n && data[j] < utf8.RuneSelf {
				if j+8 <= n {
					// Eight printable ASCII bytes (0x20–0x7E) at once.
					x := binary.LittleEndian.Uint64(data[j:])
					const ones, highs = 0x0101010101010101, 0x8080808080808080
					if x&highs == 0 && (x-0x20*ones)&^x&highs == 0 && (x^0x7F*ones-ones)&^(x^0x7F*ones)&highs == 0 {
						good += 8
						j += 8
						continue
					}
				}
				if goodASCII[data[j]] {
					good++
				}
				j++
			}
			total += j - i
			out.Write(data[i:j])
			i = j
			continue
		}
		if 0x81 <= c0 && c0 < 0xFF && i+1 < n {
			c1 := data[i+1]
			k := -1
			switch {
			case 0x40 <= c1 && c1 < 0x7F:
				k = int(c0-0x81)*190 + int(c1-0x40)
			case 0x80 <= c1 && c1 < 0xFF:
				k = int(c0-0x81)*190 + int(c1-0x41)
			}
			if k >= 0 {
				p := &pairs[k]
				out.Write(p.utf8[:p.n])
				total++
				good += int(p.good)
				i += 2
				continue
			}
		}
		// The library decodes up to and including the next byte below 0x30.
		j := i + 1
		for j < n && data[j] >= 0x30 {
			j++
		}
		j = min(j+1, n)
		chunk, err := decodeString(simplifiedchinese.GB18030, data[i:j], 3*(j-i))
		if err != nil {
			return "", 0, 0, err
		}
		t, g := countGood(chunk)
		total += t
		good += g
		out.WriteString(chunk)
		i = j
	}
	return out.String(), total, good, nil
}

// gbPair is the UTF-8 of a two-byte GB18030 character, and whether it is
// a goodRune.
type gbPair struct {
	utf8 [3]byte // a rune of the BMP (the library's table is uint16) or U+FFFD
	n    uint8
	good uint8
}

// gbPairTable returns the decoding of every two-byte GB18030 sequence:
// lead bytes 0x81–0xFE, second bytes 0x40–0x7E and 0x80–0xFE, indexed as
// the library indexes its table, (lead-0x81)*190 + (second-0x40, or
// second-0x41 from 0x80). It is made by the library's decoder, once.
var gbPairTable = sync.OnceValue(func() *[126 * 190]gbPair {
	src := make([]byte, 0, 126*190*2)
	for c0 := 0x81; c0 <= 0xFE; c0++ {
		for c1 := 0x40; c1 <= 0xFE; c1++ {
			if c1 != 0x7F {
				src = append(src, byte(c0), byte(c1))
			}
		}
	}
	dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
	if err != nil {
		panic("textenc: GB18030 pair table: " + err.Error())
	}
	t := new([126 * 190]gbPair)
	k := 0
	for len(dec) > 0 {
		r, size := utf8.DecodeRune(dec)
		if k == len(t) || size > 3 {
			panic("textenc: GB18030 pair table: a pair is not one rune of the BMP")
		}
		copy(t[k].utf8[:], dec[:size])
		t[k].n = uint8(size)
		if goodRune(r) {
			t[k].good = 1
		}
		dec = dec[size:]
		k++
	}
	if k != len(t) {
		panic("textenc: GB18030 pair table: pairs did not decode one rune each")
	}
	return t
})
