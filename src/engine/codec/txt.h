/* txt.h — text to numbers and bytes: hex digits, decimal or 0x-hex numbers, hex strings.
 *
 * Pure helpers, no I/O and no allocation.  Inputs are (pointer, length) and need not be
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

#endif
