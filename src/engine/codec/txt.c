/* txt.c — text to numbers and bytes: hex digits, decimal or 0x-hex numbers, hex strings. */
#include "txt.h"

#include <stdbool.h>

static void txt_bad(size_t *bad, size_t at)
{
	if (bad)
		*bad = at;
}

int txt_hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int txt_u64(const char *s, size_t n, uint64_t max, uint64_t *out, size_t *bad)
{
	unsigned base = 10;
	uint64_t v = 0;
	size_t i = 0, over = 0;
	bool big = false;

	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == n) {
		txt_bad(bad, n);
		return -1;
	}
	for (; i < n; i++) {
		int d = txt_hexdigit((unsigned char)s[i]);

		if (d < 0 || (unsigned)d >= base) {
			txt_bad(bad, i);
			return -1;
		}
		if (big)
			continue;
		/* v * base + d > max, without overflowing */
		if ((uint64_t)d > max || v > (max - (uint64_t)d) / base) {
			big = true;
			over = i;
			continue;
		}
		v = v * base + (uint64_t)d;
	}
	if (big) {
		txt_bad(bad, over);
		return -2;
	}
	*out = v;
	return 0;
}

long txt_hexbytes(const char *s, size_t n, uint8_t *out, size_t cap, size_t *bad)
{
	if (n % 2) {
		txt_bad(bad, n);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (txt_hexdigit((unsigned char)s[i]) < 0) {
			txt_bad(bad, i);
			return -1;
		}
	}
	if (n / 2 > cap) {
		txt_bad(bad, 2 * cap);
		return -2;
	}
	for (size_t i = 0; i < n; i += 2)
		out[i / 2] = (uint8_t)(txt_hexdigit((unsigned char)s[i]) << 4 |
				       txt_hexdigit((unsigned char)s[i + 1]));
	return (long)(n / 2);
}
