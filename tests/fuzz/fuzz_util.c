/* fuzz_util.c — see fuzz_util.h. */
#include "fuzz_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

uint8_t fz_u8(struct fz_in *in)
{
	uint8_t v;

	if (!in->n)
		return 0;
	v = *in->p++;
	in->n--;
	return v;
}

uint16_t fz_u16(struct fz_in *in)
{
	uint16_t hi = fz_u8(in);

	return (uint16_t)(hi << 8 | fz_u8(in));
}

const uint8_t *fz_bytes(struct fz_in *in, size_t want, size_t *got)
{
	const uint8_t *p = in->p;

	*got = want < in->n ? want : in->n;
	in->p += *got;
	in->n -= *got;
	return p;
}

const char *fz_memfile(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		fd = memfd_create("fuzz-input", 0);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror("memfd");
		abort();
	}
	return path;
}

void fz_put(uint8_t *p, uint64_t v, unsigned n)
{
	while (n--) {
		p[n] = (uint8_t)v;
		v >>= 8;
	}
}

void fz_sign(uint8_t *buf, size_t *len, size_t cap, uint8_t type, const struct mip_sa *sa)
{
	size_t at = *len;

	if (cap < at || cap - at < 2 + 4 + AUTH_MAC_LEN)
		return;
	buf[at] = type;
	buf[at + 1] = 4 + AUTH_MAC_LEN;
	fz_put(buf + at + 2, sa->spi, 4);
	/* RFC 5944 §3.5.1: from the start of the message up to and including the SPI */
	if (auth_compute(sa->alg, sa->key, sa->key_len, buf, at + 6, buf + at + 6) < 0)
		abort();
	*len = at + 6 + AUTH_MAC_LEN;
}

size_t fz_log_bytes;

void fz_log_sink(const char *msg)
{
	static int verbose = -1;

	if (verbose < 0)
		verbose = getenv("FUZZ_VERBOSE") != NULL;
	if (verbose)
		fprintf(stderr, "log: %s\n", msg);
	fz_log_bytes += strlen(msg);
}
