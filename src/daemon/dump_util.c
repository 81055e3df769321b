/* dump_util.c — pieces the daemons' dumps share: addresses, seconds left, reply codes. */
#include "dump_util.h"

#include <stdbool.h>

const char *dump_ip(uint32_t a, char *buf)
{
	snprintf(buf, DUMP_IP_LEN, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff,
		 a & 0xff);
	return buf;
}

long dump_left_s(uint64_t expires, uint64_t now_ns)
{
	return expires > now_ns ? (long)((expires - now_ns + 999999999u) / 1000000000u) : 0;
}

void dump_codes(FILE *f, const uint64_t *code)
{
	bool any = false;

	fprintf(f, "codes");
	for (unsigned i = 0; i < 256; i++) {
		if (!code[i])
			continue;
		fprintf(f, " %u:%llu", i, (unsigned long long)code[i]);
		any = true;
	}
	if (!any)
		fprintf(f, " none");
}
