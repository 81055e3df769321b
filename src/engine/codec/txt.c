/* txt.c — text helpers: numbers and bytes from text, dotted quads, UTF-8, the "did you
 * mean" distance, growing arrays, IMSI digits, escaping for logs. */
#include "txt.h"

#include <stdbool.h>
#include <inttypes.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

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

static bool txt_all_digits(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

size_t txt_tbcd(const char *s, size_t n, uint8_t *out, size_t cap)
{
	if (!n || (n + 1) / 2 > cap || !txt_all_digits((const uint8_t *)s, n))
		return 0;
	for (size_t i = 0; i < n; i += 2)
		out[i / 2] = (uint8_t)((i + 1 < n ? s[i + 1] - '0' : 0xf) << 4 | (s[i] - '0'));
	return (n + 1) / 2;
}

size_t txt_imsi(const uint8_t *p, size_t n, char *out, size_t cap)
{
	size_t k = 0;

	if (cap)
		out[0] = '\0';
	if (!n || !cap)
		return 0;
	if (txt_all_digits(p, n)) {
		if (n >= cap)
			return 0;
		memcpy(out, p, n);
		out[n] = '\0';
		return n;
	}
	for (size_t i = 0; i < 2 * n; i++) {
		unsigned d = i % 2 ? p[i / 2] >> 4 : p[i / 2] & 15u;

		if (d == 15 && i == 2 * n - 1)
			break; /* the filler of an odd count */
		if (d > 9 || k + 1 >= cap) {
			out[0] = '\0';
			return 0;
		}
		out[k++] = (char)('0' + d);
	}
	out[k] = '\0';
	return k;
}

size_t txt_escape_char(const uint8_t *p, size_t n, unsigned flags, char e[4], size_t *used)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t cp;
	size_t u;

	*used = 1;
	if (p[0] == '\\' && !(flags & TXT_ESC_TEXT)) {
		e[0] = e[1] = '\\';
		return 2;
	}
	if (p[0] >= 0x20 && p[0] < 0x7f) {
		e[0] = (char)p[0];
		return 1;
	}
	if ((flags & TXT_ESC_TEXT) && p[0] >= 0x80 && (u = txt_utf8(p, n, &cp)) && cp >= 0xa0) {
		memcpy(e, p, u);
		*used = u;
		return u;
	}
	e[0] = '\\';
	e[1] = 'x';
	e[2] = hex[p[0] >> 4];
	e[3] = hex[p[0] & 15];
	return 4;
}

size_t txt_escape(char *out, size_t cap, const void *p, size_t n, unsigned flags)
{
	const uint8_t *b = p;
	size_t k = 0, all = 0, keep, used;
	char e[4];

	if (!cap)
		return 0;
	for (size_t i = 0; i < n; i += used)
		all += txt_escape_char(b + i, n - i, flags, e, &used);
	keep = all < cap ? 0 : 3; /* cut: room for "..." */
	for (size_t i = 0; i < n; i += used) {
		size_t w = txt_escape_char(b + i, n - i, flags, e, &used);

		if (k + w + keep >= cap)
			break;
		memcpy(out + k, e, w);
		k += w;
	}
	if (keep && k + keep < cap) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
	return k;
}

struct txt_esc txt_esc(const void *p, size_t n)
{
	struct txt_esc r;

	txt_escape(r.s, sizeof r.s, p, n, 0);
	return r;
}

struct txt_ip4 txt_ip4(uint32_t a)
{
	struct txt_ip4 r;

	snprintf(r.s, sizeof r.s, "%u.%u.%u.%u", a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255);
	return r;
}

struct txt_utc txt_utc(uint64_t ns, unsigned digits)
{
	time_t sec = (time_t)(ns / 1000000000u);
	uint64_t frac = ns % 1000000000u;
	struct txt_utc r;
	struct tm tm;
	size_t n;

	gmtime_r(&sec, &tm);
	n = strftime(r.s, sizeof r.s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (digits > 9)
		digits = 9;
	for (unsigned k = digits; k < 9; k++)
		frac /= 10;
	if (digits)
		snprintf(r.s + n, sizeof r.s - n, ".%0*" PRIu64 "Z", (int)digits, frac);
	else
		snprintf(r.s + n, sizeof r.s - n, "Z");
	return r;
}

size_t txt_utf8(const uint8_t *p, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t c;

	if (!n)
		return 0;
	if (p[0] < 0x80)
		len = 1, c = p[0];
	else if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, c = p[0] & 0x1fu;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, c = p[0] & 0x0fu;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, c = p[0] & 0x07u;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3fu);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	if (cp)
		*cp = c;
	return len;
}

static int txt_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

unsigned txt_edit_distance(const char *a, const char *b)
{
	enum { W = 64 };
	unsigned rows[3][W + 1], *p2 = rows[0], *p1 = rows[1], *cur = rows[2];
	size_t la = strlen(a), lb = strlen(b);

	if (la > W || lb > W)
		return UINT32_MAX;
	for (size_t j = 0; j <= lb; j++)
		p1[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned cost = txt_lower(a[i - 1]) != txt_lower(b[j - 1]);
			unsigned d = p1[j] + 1;

			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (p1[j - 1] + cost < d)
				d = p1[j - 1] + cost;
			if (i > 1 && j > 1 && txt_lower(a[i - 1]) == txt_lower(b[j - 2]) &&
			    txt_lower(a[i - 2]) == txt_lower(b[j - 1]) && p2[j - 2] + 1 < d)
				d = p2[j - 2] + 1;
			cur[j] = d;
		}
		unsigned *t = p2;

		p2 = p1;
		p1 = cur;
		cur = t;
	}
	return p1[lb];
}

void *txt_grow(void *v, size_t *cap, size_t need, size_t size, size_t min)
{
	size_t ncap = *cap ? *cap : (min ? min : 1);
	void *nv;

	if (need <= *cap)
		return v;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return NULL;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / size)
		return NULL;
	nv = realloc(v, ncap * size);
	if (nv)
		*cap = ncap;
	return nv;
}
