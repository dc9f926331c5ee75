#!/usr/bin/env python3
"""Encode and split SMS texts with smpplib, as an independent check of LoaCore's SMSText.analyse.

Usage (smpplib must be importable, e.g. from the venv .ci/run sets up):

    python3 scripts/crosscheck/gsm_crosscheck.py < texts.jsonl > smpplib.jsonl
    python3 scripts/crosscheck/gsm_crosscheck.py --self-test

Input: JSON lines, one object per line: {"text": "..."}. All of stdin is read before anything is
written, so a caller may write every line, close stdin, then read stdout.

Output: one JSON line per input line, in the same order:

    {"encoding": "GSM-7" | "UCS-2",
     "parts": ["...", ...] | null,
     "encodingComparable": true | false,
     "partsComparable": true | false,
     "notes": ["...", ...]}

"encoding" and "parts" are what smpplib.gsm.make_parts does with the text: it tries its GSM 7-bit
table, falls back to UCS-2 (UTF-16-BE), and splits the encoded bytes into fixed chunks of
153 septets (GSM-7) or 134 bytes = 67 UTF-16 units (UCS-2) when the text is longer than 160
septets / 140 bytes. Each chunk is translated back to text (user data header removed).

smpplib is not always right by 3GPP TS 23.038 / 23.040; where it is not, the flags say so and
the comparison must be skipped:

- encodingComparable is false when the text holds a character smpplib's GSM table gets wrong:
  "§" (U+00A7, GSM 0x5F; smpplib cannot encode it and falls back to UCS-2), "`" (U+0060, not
  in GSM-7; smpplib sends it as 0x5F, which a phone shows as "§"), form feed (U+000C, GSM
  extension 0x1B 0x0A; smpplib cannot encode it) and ESC (U+001B, not a character in GSM-7;
  smpplib sends it raw). partsComparable is then false too.
- partsComparable is false when smpplib's fixed-size cut falls inside an escape pair (an
  extension character such as "€" or "{" split across two parts), inside a UTF-16 surrogate
  pair (an emoji split across two parts; "parts" is null in both cases, since such a part is no
  text), or inside a user-perceived character (grapheme cluster: "\\r\\n", a letter and its
  combining marks, an emoji sequence with ZWJ, a variation selector or a skin-tone modifier, a
  flag). LoaCore moves such characters wholly to the next part. The grapheme check here covers
  those cases; for other scripts (Hangul jamo, Indic conjuncts) a caller should also check that
  every cut of "parts" is a character boundary before comparing.
- partsComparable is false when smpplib refuses the text (more than 255 parts).

When both flags are true, LoaCore and smpplib must agree exactly: smpplib's cuts then fall on
character boundaries, where LoaCore's greedy character-by-character split also cuts.
"""

import json
import sys
import unicodedata

try:
    from smpplib import consts, exceptions, gsm
except ImportError:  # pragma: no cover - depends on the environment
    sys.stderr.write("gsm_crosscheck.py needs smpplib: pip install smpplib\n")
    sys.exit(2)

# Characters whose GSM-7 treatment in smpplib's table differs from 3GPP TS 23.038.
SMPPLIB_ALPHABET_DEVIATIONS = {
    "\u00a7": "smpplib cannot encode § (GSM 0x5F) and falls back to UCS-2",
    "`": "smpplib encodes ` (not in GSM-7) as 0x5F, which phones show as §",
    "\u000c": "smpplib cannot encode form feed (GSM extension 0x1B 0x0A)",
    "\u001b": "smpplib sends ESC raw; it is not a character in GSM-7",
}

ESCAPE = 0x1B
ZERO_WIDTH_JOINER = "\u200d"
HEADER_SIZE = 6  # 05 00 03 <reference> <total> <index>


def is_regional_indicator(char):
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def is_extend(char):
    """Characters that attach to the one before (UAX #29 Extend and SpacingMark, roughly)."""
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or "\ufe00" <= char <= "\ufe0f"  # variation selectors
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # emoji skin-tone modifiers
        or "\U000e0020" <= char <= "\U000e007f"  # emoji tag characters
    )


def is_pictographic(char):
    """Emoji-like characters that a ZWJ joins (Extended_Pictographic, roughly)."""
    return char >= "\U0001f000" or "\u2600" <= char <= "\u27bf" or "\u2b00" <= char <= "\u2bff"


def cuts_inside_character(text, cut):
    """True when cutting `text` (a str of code points) before index `cut` splits a grapheme cluster."""
    if cut <= 0 or cut >= len(text):
        return False
    before, after = text[cut - 1], text[cut]
    if before == "\r" and after == "\n":
        return True
    if after == ZERO_WIDTH_JOINER or is_extend(after):
        return True
    if before == ZERO_WIDTH_JOINER and is_pictographic(after):
        return True
    if is_regional_indicator(before) and is_regional_indicator(after):
        run = 0
        index = cut - 1
        while index >= 0 and is_regional_indicator(text[index]):
            run += 1
            index -= 1
        return run % 2 == 1
    return False


def decode_gsm(chunk):
    """GSM bytes (one septet per byte, as smpplib makes them) back to text; None when the chunk
    ends in the middle of an escape pair."""
    table = gsm.GSM_CHARACTER_TABLE
    chars = []
    index = 0
    while index < len(chunk):
        byte = chunk[index]
        if byte == ESCAPE:
            if index + 1 == len(chunk):
                return None
            chars.append(table[0x80 + chunk[index + 1]])
            index += 2
        else:
            chars.append(table[byte])
            index += 1
    return "".join(chars)


def decode_ucs2(chunk):
    """UTF-16-BE bytes back to text; None when the chunk splits a surrogate pair."""
    try:
        return chunk.decode("utf-16-be")
    except UnicodeDecodeError:
        return None


def check(text):
    notes = [note for char, note in SMPPLIB_ALPHABET_DEVIATIONS.items() if char in text]
    encoding_comparable = not notes
    try:
        raw_parts, encoding, _ = gsm.make_parts(text)
    except exceptions.MessageTooLong:
        encoding = consts.SMPP_ENCODING_DEFAULT if is_gsm_encodable(text) else consts.SMPP_ENCODING_ISO10646
        return result(encoding, None, encoding_comparable, False, notes + ["smpplib refuses more than 255 parts"])

    is_gsm = encoding == consts.SMPP_ENCODING_DEFAULT
    chunks = [part[HEADER_SIZE:] for part in raw_parts] if len(raw_parts) > 1 else raw_parts
    decode = decode_gsm if is_gsm else decode_ucs2
    parts = [decode(chunk) for chunk in chunks]

    if any(part is None for part in parts):
        what = "an escape pair" if is_gsm else "a surrogate pair"
        return result(encoding, None, encoding_comparable, False, notes + ["smpplib splits " + what])

    parts_comparable = encoding_comparable
    cut = 0
    for part in parts[:-1]:
        cut += len(part)
        if cuts_inside_character(text, cut):
            parts_comparable = False
            notes.append("smpplib cuts inside a character at code point %d" % cut)
            break
    return result(encoding, parts, encoding_comparable, parts_comparable, notes)


def is_gsm_encodable(text):
    try:
        gsm.gsm_encode(text)
        return True
    except UnicodeError:
        return False


def result(encoding, parts, encoding_comparable, parts_comparable, notes):
    return {
        "encoding": "GSM-7" if encoding == consts.SMPP_ENCODING_DEFAULT else "UCS-2",
        "parts": parts,
        "encodingComparable": encoding_comparable,
        "partsComparable": parts_comparable,
        "notes": notes,
    }


def self_test():
    def expect(text, **expected):
        actual = check(text)
        for key, value in expected.items():
            assert actual[key] == value, (text[:40], key, actual[key], value)

    expect("", encoding="GSM-7", parts=[""], encodingComparable=True, partsComparable=True)
    expect("a" * 160, encoding="GSM-7", parts=["a" * 160], partsComparable=True)
    expect("a" * 161, encoding="GSM-7", parts=["a" * 153, "a" * 8], partsComparable=True)
    expect("a" * 152 + "€" + "b" * 10, encoding="GSM-7", parts=None, partsComparable=False)
    expect("a" * 151 + "€" + "b" * 10, parts=["a" * 151 + "€", "b" * 10], partsComparable=True)
    expect("ư" * 71, encoding="UCS-2", parts=["ư" * 67, "ư" * 4], partsComparable=True)
    expect("ư" * 66 + "😀" + "ư" * 10, encoding="UCS-2", parts=None, partsComparable=False)
    expect("a" * 152 + "\r\n" + "b" * 10, encoding="GSM-7", partsComparable=False)
    expect("ư" * 66 + "e\u0301" + "ư" * 5, encoding="UCS-2", partsComparable=False)
    expect("§", encoding="UCS-2", encodingComparable=False)
    expect("`", encoding="GSM-7", encodingComparable=False)
    print("self-test passed")


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    lines = [line for line in sys.stdin.read().splitlines() if line.strip()]
    output = [json.dumps(check(json.loads(line)["text"]), ensure_ascii=False) for line in lines]
    sys.stdout.write("".join(line + "\n" for line in output))


if __name__ == "__main__":
    main()
