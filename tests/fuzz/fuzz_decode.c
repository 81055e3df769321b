/* fuzz_decode.c — libFuzzer target for the message decoder.  For every input: decode;
 * describe it through a do-nothing sink (every show path runs); and when it decodes,
 * re-encode it and require the same bytes (RFC 5944 §1.8-§1.11 layouts round trip).
 */
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "mip.h"
#include "show.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static size_t sink_bytes;

static void s_begin(void *k, const char *key, const char *title) { sink_bytes += strlen(title); }
static void s_end(void *k) { }
static void s_u(void *k, const char *key, uint64_t v) { sink_bytes += v & 1; }
static void s_x(void *k, const char *key, uint64_t v, int d) { sink_bytes += (size_t)d; }
static void s_ip(void *k, const char *key, uint32_t a) { sink_bytes += a & 1; }
static void s_hex(void *k, const char *key, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sink_bytes += p[i];
}
static void s_named(void *k, const char *key, uint64_t v, const char *name)
{
	sink_bytes += name ? strlen(name) : 0;
}
static void s_flag(void *k, const char *key, int set) { sink_bytes += (size_t)set; }

static const struct show_ops sink_ops = {
	s_begin, s_end, s_u, s_x, s_ip, s_hex, s_hex, s_named, s_flag,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	(void)goldens; /* the seed corpus is written by tools/fuzz from golden.h */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mip_msg m;
	static uint8_t out[MIP_MSG_MAX];
	struct show s = { &sink_ops, NULL };
	struct mip_err err;
	size_t n;

	if (mip_decode(data, size, &m, &err) < 0) {
		if (err.kind != MIP_ETRUNC && err.kind != MIP_EINVAL)
			abort();
		if (err.off > size)
			abort();
		mip_show_msg(&m, &s); /* the partial decode must be showable too */
		return 0;
	}
	mip_show_msg(&m, &s);
	if (mip_encode(&m, out, sizeof out, &n, &err) < 0 || n != size || memcmp(out, data, n))
		abort();
	return 0;
}
