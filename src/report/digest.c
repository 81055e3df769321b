/* digest.c — SHA-256 of buffers, files and the running binary (digest.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "digest.h"

static void digest_hex(const unsigned char *md, unsigned n, char *out, size_t outlen)
{
	for (unsigned i = 0; i < n && 2 * i + 2 < outlen; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

void digest_sha256_hex(const void *p, size_t n, char hex[DIGEST_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;

	hex[0] = '\0';
	if (EVP_Digest(p, n, md, &mdlen, EVP_sha256(), NULL))
		digest_hex(md, mdlen, hex, DIGEST_HEX);
}

/* SHA-256 of what fd reads to its end into md; 0, or -1 with errno (EIO: OpenSSL). */
static int digest_fd(int fd, unsigned char *md, unsigned *mdlen)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned char buf[65536];
	ssize_t r = -1;

	if (c && EVP_DigestInit_ex(c, EVP_sha256(), NULL))
		while ((r = read(fd, buf, sizeof buf)) > 0)
			EVP_DigestUpdate(c, buf, (size_t)r);
	if (r == 0 && !EVP_DigestFinal_ex(c, md, mdlen)) {
		r = -1;
		errno = EIO;
	}
	EVP_MD_CTX_free(c);
	return r == 0 ? 0 : -1;
}

int digest_file_sha256(const char *path, char hex[DIGEST_HEX], char *err, size_t errlen)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	hex[0] = '\0';
	if (fd < 0 || digest_fd(fd, md, &mdlen) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	digest_hex(md, mdlen, hex, DIGEST_HEX);
	return 0;
}

void digest_build_id(char *out, size_t n)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);

	snprintf(out, n, "unknown");
	if (fd >= 0 && digest_fd(fd, md, &mdlen) == 0)
		digest_hex(md, 8, out, n);
	if (fd >= 0)
		close(fd);
}
