/* sa.c — parse a mobility security association spec (RFC 5944 §1.6, §3.5; DESIGN.md §8).
 *
 *   spi=N,key=KEY[,alg=hmac-md5|keyed-md5][,peer=ADDR|nai=NAI|any][,kind=KIND]
 *
 *   spi   decimal or 0x-hex, 256..4294967295 (0-255 are reserved, RFC 5944 §1.6)
 *   key   hex:HEX   an even number of hex digits, 1..AUTH_KEY_MAX bytes
 *         ascii:TEXT  the bytes of TEXT (no commas), 1..AUTH_KEY_MAX bytes
 *   alg   hmac-md5 (default, RFC 5944 §5.1) or keyed-md5 (RFC 2002 §3.5.1)
 *   peer=ADDR | nai=NAI | any   how the SA is selected on receipt (default any;
 *                               peer=any is the same as any, DESIGN.md §8)
 *   kind  mn-ha (default), fa-ha, mn-fa, mn-aaa
 *
 * spi and key are required.  Items are separated by commas, with no spaces.  Errors read
 * "column N: what", N being the 1-based column where the offending item starts (for a
 * non-hex digit in a hex: key, the column of that digit); an item missing altogether is
 * reported at the column just past the end of the spec.
 */
#include "auth.h"
#include "txt.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum sa_seen { SEEN_SPI = 1, SEEN_KEY = 2, SEEN_ALG = 4, SEEN_MATCH = 8, SEEN_KIND = 16 };

/* One key=value item of the spec; the value is not NUL-terminated. */
struct sa_item {
	const char *key;
	size_t key_len;
	const char *val;
	size_t val_len;
	size_t col;
};

static int sa_fail(char *err, size_t errlen, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int sa_fail(char *err, size_t errlen, size_t col, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err || errlen == 0)
		return -1;
	n = snprintf(err, errlen, "column %zu: ", col);
	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static bool sa_is(const struct sa_item *it, const char *word)
{
	return it->val_len == strlen(word) && memcmp(it->val, word, it->val_len) == 0;
}

static bool sa_key_is(const struct sa_item *it, const char *word)
{
	return it->key_len == strlen(word) && memcmp(it->key, word, it->key_len) == 0;
}

static int sa_spi(const struct sa_item *it, struct mip_sa *sa, char *err, size_t errlen)
{
	uint64_t v;

	if (txt_u64(it->val, it->val_len, UINT32_MAX, &v, NULL) < 0)
		return sa_fail(err, errlen, it->col,
			       "spi must be a 32-bit number, decimal or 0x-hex");
	sa->spi = (uint32_t)v;
	if (sa->spi <= 255)
		return sa_fail(err, errlen, it->col, "SPI 0-255 are reserved (RFC 5944 §1.6)");
	return 0;
}

/* A bad digit is reported at its own column: it->col counts from the item's key. */
static int sa_key_hex(const struct sa_item *it, const char *hex, size_t n, struct mip_sa *sa,
		      char *err, size_t errlen)
{
	size_t bad;
	long len;

	if (n == 0)
		return sa_fail(err, errlen, it->col, "key is empty");
	len = txt_hexbytes(hex, n, sa->key, AUTH_KEY_MAX, &bad);
	if (len == -2)
		return sa_fail(err, errlen, it->col, "key is longer than %d bytes", AUTH_KEY_MAX);
	if (len < 0 && bad == n)
		return sa_fail(err, errlen, it->col, "key hex has an odd number of digits");
	if (len < 0)
		return sa_fail(err, errlen, it->col + (size_t)(hex - it->key) + bad,
			       "key has a non-hex digit");
	sa->key_len = (size_t)len;
	return 0;
}

static int sa_key(const struct sa_item *it, struct mip_sa *sa, char *err, size_t errlen)
{
	static const char hex[] = "hex:", ascii[] = "ascii:";

	if (it->val_len >= sizeof(hex) - 1 && memcmp(it->val, hex, sizeof(hex) - 1) == 0)
		return sa_key_hex(it, it->val + sizeof(hex) - 1, it->val_len - (sizeof(hex) - 1),
				  sa, err, errlen);
	if (it->val_len >= sizeof(ascii) - 1 && memcmp(it->val, ascii, sizeof(ascii) - 1) == 0) {
		size_t n = it->val_len - (sizeof(ascii) - 1);

		if (n == 0)
			return sa_fail(err, errlen, it->col, "key is empty");
		if (n > AUTH_KEY_MAX)
			return sa_fail(err, errlen, it->col, "key is longer than %d bytes",
				       AUTH_KEY_MAX);
		memcpy(sa->key, it->val + sizeof(ascii) - 1, n);
		sa->key_len = n;
		return 0;
	}
	return sa_fail(err, errlen, it->col, "key must start with hex: or ascii:");
}

static int sa_alg(const struct sa_item *it, struct mip_sa *sa, char *err, size_t errlen)
{
	if (sa_is(it, "hmac-md5"))
		sa->alg = AUTH_HMAC_MD5;
	else if (sa_is(it, "keyed-md5"))
		sa->alg = AUTH_KEYED_MD5;
	else
		return sa_fail(err, errlen, it->col, "alg must be hmac-md5 or keyed-md5");
	return 0;
}

static int sa_kind(const struct sa_item *it, struct mip_sa *sa, char *err, size_t errlen)
{
	sa->kind_given = true;
	if (sa_is(it, "mn-ha"))
		sa->kind = AUTH_KIND_MNHA;
	else if (sa_is(it, "fa-ha"))
		sa->kind = AUTH_KIND_FAHA;
	else if (sa_is(it, "mn-fa"))
		sa->kind = AUTH_KIND_MNFA;
	else if (sa_is(it, "mn-aaa"))
		sa->kind = AUTH_KIND_MNAAA;
	else
		return sa_fail(err, errlen, it->col, "kind must be mn-ha, fa-ha, mn-fa or mn-aaa");
	return 0;
}

static int sa_peer(const struct sa_item *it, struct mip_sa *sa, char *err, size_t errlen)
{
	char buf[INET_ADDRSTRLEN];
	struct in_addr a;

	if (it->val_len >= sizeof(buf))
		return sa_fail(err, errlen, it->col, "peer is not an IPv4 address or any");
	memcpy(buf, it->val, it->val_len);
	buf[it->val_len] = '\0';
	if (!strcmp(buf, "any")) { /* DESIGN.md §8: the same as no peer */
		sa->match = AUTH_MATCH_ANY;
		return 0;
	}
	if (inet_pton(AF_INET, buf, &a) != 1)
		return sa_fail(err, errlen, it->col, "peer is not an IPv4 address or any");
	sa->match = AUTH_MATCH_PEER;
	sa->peer = ntohl(a.s_addr);
	return 0;
}

static int sa_nai(const struct sa_item *it, struct mip_sa *sa, char *err, size_t errlen)
{
	if (it->val_len >= sizeof(sa->nai))
		return sa_fail(err, errlen, it->col, "nai is longer than %zu bytes",
			       sizeof(sa->nai) - 1);
	memcpy(sa->nai, it->val, it->val_len);
	sa->nai[it->val_len] = '\0';
	sa->match = AUTH_MATCH_NAI;
	return 0;
}

/* Which bit of enum sa_seen a key sets, or 0 for an unknown key. */
static unsigned sa_key_bit(const struct sa_item *it)
{
	if (sa_key_is(it, "spi"))
		return SEEN_SPI;
	if (sa_key_is(it, "key"))
		return SEEN_KEY;
	if (sa_key_is(it, "alg"))
		return SEEN_ALG;
	if (sa_key_is(it, "peer") || sa_key_is(it, "nai") || sa_key_is(it, "any"))
		return SEEN_MATCH;
	if (sa_key_is(it, "kind"))
		return SEEN_KIND;
	return 0;
}

static int sa_item_apply(const struct sa_item *it, struct mip_sa *sa, char *err, size_t errlen)
{
	if (sa_key_is(it, "spi"))
		return sa_spi(it, sa, err, errlen);
	if (sa_key_is(it, "key"))
		return sa_key(it, sa, err, errlen);
	if (sa_key_is(it, "alg"))
		return sa_alg(it, sa, err, errlen);
	if (sa_key_is(it, "kind"))
		return sa_kind(it, sa, err, errlen);
	if (sa_key_is(it, "peer"))
		return sa_peer(it, sa, err, errlen);
	if (sa_key_is(it, "nai"))
		return sa_nai(it, sa, err, errlen);
	sa->match = AUTH_MATCH_ANY;
	return 0;
}

/* Split one item [s, s+n) into key and value and check its shape. */
static int sa_item_split(const char *s, size_t n, size_t col, struct sa_item *it, char *err,
			 size_t errlen)
{
	const char *eq = memchr(s, '=', n);

	it->col = col;
	it->key = s;
	if (n == 0)
		return sa_fail(err, errlen, col, "empty item");
	if (!eq) {
		it->key_len = n;
		it->val = s + n;
		it->val_len = 0;
		if (sa_key_is(it, "any"))
			return 0;
		if (!sa_key_bit(it))
			return sa_fail(err, errlen, col, "unknown key '%.*s'", (int)n, s);
		return sa_fail(err, errlen, col, "expected %.*s=VALUE", (int)n, s);
	}
	it->key_len = (size_t)(eq - s);
	it->val = eq + 1;
	it->val_len = n - it->key_len - 1;
	if (it->key_len == 0)
		return sa_fail(err, errlen, col, "missing key before '='");
	if (!sa_key_bit(it) || sa_key_is(it, "any"))
		return sa_fail(err, errlen, col, "unknown key '%.*s'", (int)it->key_len, s);
	if (it->val_len == 0)
		return sa_fail(err, errlen, col, "empty value for '%.*s'", (int)it->key_len, s);
	return 0;
}

int auth_sa_parse(const char *spec, struct mip_sa *sa, char *err, size_t errlen)
{
	struct mip_sa tmp;
	unsigned seen = 0;
	size_t pos = 0, len = strlen(spec);

	memset(&tmp, 0, sizeof(tmp));
	tmp.alg = AUTH_HMAC_MD5;
	tmp.kind = AUTH_KIND_MNHA;
	tmp.match = AUTH_MATCH_ANY;
	for (;;) {
		const char *comma = strchr(spec + pos, ',');
		size_t n = comma ? (size_t)(comma - (spec + pos)) : len - pos;
		struct sa_item it;
		unsigned bit;

		if (sa_item_split(spec + pos, n, pos + 1, &it, err, errlen) < 0)
			return -1;
		bit = sa_key_bit(&it);
		if ((seen & bit) && bit == SEEN_MATCH)
			return sa_fail(err, errlen, it.col, "only one of peer=, nai= and any");
		if (seen & bit)
			return sa_fail(err, errlen, it.col, "duplicate '%.*s'", (int)it.key_len,
				       it.key);
		seen |= bit;
		if (sa_item_apply(&it, &tmp, err, errlen) < 0)
			return -1;
		if (!comma)
			break;
		pos += n + 1;
	}
	if (!(seen & SEEN_SPI))
		return sa_fail(err, errlen, len + 1, "missing spi=");
	if (!(seen & SEEN_KEY))
		return sa_fail(err, errlen, len + 1, "missing key=");
	*sa = tmp;
	return 0;
}
