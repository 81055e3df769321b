/* dump_util.c — pieces the daemons' dumps share: seconds left, counter lists, reply codes. */
#include "dump_util.h"

static void dump_one(FILE *f, const char *sep, unsigned i, uint64_t v, dump_name_fn name)
{
	const char *s = name ? name(i) : NULL;

	if (s)
		fprintf(f, "%s%s:%llu", sep, s, dump_ull(v));
	else
		fprintf(f, "%s%u:%llu", sep, i, dump_ull(v));
}

long dump_left_s(uint64_t expires, uint64_t now_ns)
{
	return expires > now_ns ? (long)((expires - now_ns + 999999999u) / 1000000000u) : 0;
}

void dump_nonzero(FILE *f, const uint64_t *n, unsigned from, unsigned to, dump_name_fn name)
{
	const char *none = " none";

	for (unsigned i = from; i < to; i++) {
		if (!n[i])
			continue;
		dump_one(f, " ", i, n[i], name);
		none = "";
	}
	fputs(none, f);
}

void dump_total(FILE *f, const uint64_t *n, unsigned from, unsigned to, dump_name_fn name)
{
	uint64_t total = 0;
	const char *sep = " (";

	for (unsigned i = from; i < to; i++)
		total += n[i];
	fprintf(f, "%llu", dump_ull(total));
	for (unsigned i = from; i < to; i++) {
		if (!n[i])
			continue;
		dump_one(f, sep, i, n[i], name);
		sep = " ";
	}
	if (total)
		fputc(')', f);
}

void dump_codes(FILE *f, const uint64_t *code)
{
	fputs("codes", f);
	dump_nonzero(f, code, 0, 256, NULL);
}
