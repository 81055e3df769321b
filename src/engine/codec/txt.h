/* txt.h — text helpers every layer shares: text to numbers and bytes (hex digits,
 * decimal or 0x-hex numbers, hex strings, TBCD digits), dotted quads, UTF-8 sequences (RFC 3629),
 * the edit distance behind every "did you mean", growing an array, IMSI digits, and the one
 * escaping of peer-supplied and file-supplied bytes for logs and error messages.
 *
 * Pure helpers, no I/O; only txt_grow allocates.  Inputs are (pointer, length) and need not be
 * NUL-terminated.  Where a function reports an offset through `bad` (which may be NULL),
 * it is 0-based from s, so a caller adds it to the column where s starts.
 */
#ifndef PMIP4CT_TXT_H
#define PMIP4CT_TXT_H

#include <stddef.h>
#include <stdint.h>

/* The value of one hex digit (0-9, a-f, A-F): 0-15, or -1 for anything else (EOF too). */
int txt_hexdigit(int c);

/* A number: decimal digits, or 0x / 0X and hex digits; no sign, no spaces, leading zeros
 * allowed.  Returns 0 with *out set when the number is at most max; otherwise *out is left
 * alone and:
 *   -1  not a number: *bad = the offset of the first character that is not a digit of
 *       the base, or n when the digits are missing ("" -> 0, "0x" -> 2);
 *   -2  a well-formed number greater than max: *bad = the offset of the digit that
 *       takes it past max.
 * A bad character anywhere wins over the size: "99999999999999999999x" is -1. */
int txt_u64(const char *s, size_t n, uint64_t max, uint64_t *out, size_t *bad);

/* Bare hex digits, two per byte, decoded into out[0..cap).  Returns the byte count
 * (0 for n == 0); otherwise out is left alone and, checked in this order:
 *   -1  an odd number of digits (*bad = n), or a character that is not a hex digit
 *       (*bad = its offset);
 *   -2  more than cap bytes (*bad = 2 * cap, the first digit that does not fit). */
long txt_hexbytes(const char *s, size_t n, uint8_t *out, size_t cap, size_t *bad);

/* Decimal digits as TBCD (the TBCD-STRING of 3GPP TS 29.002, as the IMSI element of
 * GTP, TS 29.060, carries an IMSI): two digits a byte, the first in the low nibble, an odd count padded with 0xF in
 * the last byte's high nibble.  Returns the byte count, (n + 1) / 2; 0 when n is 0, a
 * character is not a digit, or out[0..cap) is short (out is then left alone). */
size_t txt_tbcd(const char *s, size_t n, uint8_t *out, size_t cap);

/* The IMSI in an identifier (RFC 5563 §5.4 Subscriber ID, ID-Type IMSI) as decimal digits,
 * NUL-terminated in out[0..cap): the bytes themselves when every one is an ASCII digit,
 * else TBCD (see txt_tbcd: digits in the low nibble first, 0xF filling the last high
 * nibble).  Returns the digit count; 0 (out = "") when n is 0, the bytes are neither, or
 * the digits do not fit. */
size_t txt_imsi(const uint8_t *p, size_t n, char *out, size_t cap);

/* Bytes from a peer or an input file made safe to print on one line of a log or an error
 * message: printable ASCII (0x20-0x7e) as is, a backslash as "\\", every other byte
 * (controls, DEL, bytes >= 0x80) as "\xHH".  Nothing written can end the line, forge the
 * next one or drive a terminal.  out[0..cap) is always NUL-terminated (cap > 0); when it
 * is short the text is cut at a whole character and ends in "...".  Returns strlen(out).
 * With TXT_ESC_TEXT, for a whole message that quotes such bytes (an error message): a
 * backslash stays, and so does well-formed UTF-8 (txt_utf8) from U+00A0 up ("§"); C0
 * and C1 controls, DEL and malformed bytes are still "\xHH". */
#define TXT_ESC_TEXT 1u
size_t txt_escape(char *out, size_t cap, const void *p, size_t n, unsigned flags);

/* One character of txt_escape: the character at p[0..n) (n > 0) as txt_escape writes it,
 * into e[0..4); returns its length in e, and *used = the bytes of p it stands for (a
 * character kept as is has the two equal; an escaped byte is 4 in e for 1 in p). */
size_t txt_escape_char(const uint8_t *p, size_t n, unsigned flags, char e[4], size_t *used);

/* txt_escape (no flags) in a value that lives until the end of the full expression (as txt_ip4):
 * printf("nai %s", txt_esc(nai, nai_len).s).  Up to TXT_ESC_MAX - 1 characters. */
#define TXT_ESC_MAX 288
struct txt_esc {
	char s[TXT_ESC_MAX];
};
struct txt_esc txt_esc(const void *p, size_t n);

/* An IPv4 address (host byte order) as a dotted quad, in a value that lives until the end
 * of the full expression: printf("%s", txt_ip4(a).s). */
struct txt_ip4 {
	char s[16];
};
struct txt_ip4 txt_ip4(uint32_t a);

/* A time (ns since the Unix epoch) in UTC, ISO 8601 with `digits` (0-9) digits of the
 * second: txt_utc(ns, 6).s is "2026-12-03T17:14:27.123456Z". */
struct txt_utc {
	char s[40];
};
struct txt_utc txt_utc(uint64_t ns, unsigned digits);

/* The well-formed UTF-8 sequence at p[0..n) (RFC 3629 §4: no overlong forms, no
 * surrogates, nothing past U+10FFFF): its length 1-4 with the code point in *cp (may be
 * NULL), or 0 when it is not one (a lone continuation byte, a cut or invalid sequence). */
size_t txt_utf8(const uint8_t *p, size_t n, uint32_t *cp);

/* The edit distance between two names for "did you mean": insertions, deletions,
 * substitutions and transpositions of neighbours (optimal string alignment), ASCII case
 * ignored.  Names longer than 64 characters are never close: UINT32_MAX. */
unsigned txt_edit_distance(const char *a, const char *b);

/* Room for `need` (> 0) elements of `size` bytes in the array v of capacity *cap,
 * doubling from at least `min`: the array to use from now on (v itself when it has room),
 * or NULL with v and *cap unchanged (out of memory).
 *   np = txt_grow(q->v, &q->cap, q->n + 1, sizeof *q->v, 8); if (!np) ...; q->v = np; */
void *txt_grow(void *v, size_t *cap, size_t need, size_t size, size_t min);

#endif
