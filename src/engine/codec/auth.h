/* auth.h — Mobile IP authenticators: RFC 5944 §3.5.1 coverage and §5.1 algorithms
 * (HMAC-MD5 default; keyed-MD5 prefix+suffix of RFC 2002 §3.5.1 for compatibility),
 * and RFC 4721 §6 for MN-AAA.  OpenSSL 3 EVP_MAC / EVP_Digest; constant-time compare.
 */
#ifndef PMIP4CT_AUTH_H
#define PMIP4CT_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip.h"

#define AUTH_KEY_MAX 64
#define AUTH_MAC_LEN 16 /* both algorithms produce MD5-sized output */

enum auth_alg { AUTH_HMAC_MD5 = 0, AUTH_KEYED_MD5 = 1 };

/* Which authentication extension the SA protects (RFC 5944 §3.5.2-§3.5.4, RFC 4721). */
enum auth_kind { AUTH_KIND_MNHA, AUTH_KIND_FAHA, AUTH_KIND_MNFA, AUTH_KIND_MNAAA };

/* How the SA is selected on receipt. */
enum auth_match { AUTH_MATCH_ANY, AUTH_MATCH_PEER, AUTH_MATCH_NAI };

/* A mobility security association (RFC 5944 §1.6). */
struct mip_sa {
	uint32_t spi;
	enum auth_alg alg;
	enum auth_kind kind;
	bool kind_given;         /* kind= was written; without it (DESIGN.md §8) decode takes
				  * the SA for any authenticator with its SPI, and the daemons
				  * say which kind they assumed */
	enum auth_match match;
	uint32_t peer;           /* AUTH_MATCH_PEER: the peer address, host order */
	char nai[128];           /* AUTH_MATCH_NAI */
	uint8_t key[AUTH_KEY_MAX];
	size_t key_len;
};

/* The extension type an SA kind protects (32, 34, 33, 36). */
uint8_t auth_kind_ext(enum auth_kind k);

/* Compute the 16-byte authenticator of `data` with the SA's algorithm and key. */
int auth_compute(enum auth_alg alg, const uint8_t *key, size_t key_len, const uint8_t *data,
		 size_t len, uint8_t out[AUTH_MAC_LEN]);

/* Bytes an authenticator at extension e covers: message offset 0 up to and including
 * the SPI (RFC 5944 §3.5.1; RFC 4721 §6 for type 36). */
size_t auth_covered_len(const struct mip_ext *e);

enum auth_result {
	AUTH_VALID,
	AUTH_INVALID,      /* wrong authenticator */
	AUTH_SPI_MISMATCH, /* the extension's SPI is not the SA's */
	AUTH_BAD_LENGTH,   /* authenticator length is not 16 */
};

/* Verify extension e of a decoded message whose bytes are msg[0..len).  The caller
 * picks an SA of the right kind (auth_kind_ext(sa->kind) == e->type). */
enum auth_result auth_verify(const uint8_t *msg, size_t len, const struct mip_ext *e,
			     const struct mip_sa *sa);

const char *auth_result_str(enum auth_result r);

/* The SA of sa[0..n) for authentication extension e of message m sent by src (host
 * order): the same SPI, a kind that protects e's type (or no kind given), and, if it
 * names its peer or NAI, a message from that peer or carrying that NAI.  NULL if none. */
const struct mip_sa *auth_sa_find(const struct mip_sa *sa, size_t n, const struct mip_msg *m,
				  const struct mip_ext *e, uint32_t src);

/* Parse an SA spec of DESIGN.md §8:
 *   spi=N,key=hex:HEX|ascii:TEXT[,alg=hmac-md5|keyed-md5][,peer=ADDR|nai=NAI|any]
 *   [,kind=mn-ha|fa-ha|mn-fa|mn-aaa]
 * SPIs 0-255 are reserved (RFC 5944 §1.6) and refused.  On error returns -1, leaves *sa
 * untouched and writes "column N: ..." to err; a missing spi= or key= is reported at the
 * column just past the end of the spec. */
int auth_sa_parse(const char *spec, struct mip_sa *sa, char *err, size_t errlen);

#endif
