/* dump_util.h — pieces the daemons' dumps share (ha_dump.c, pma_dump.c): seconds left,
 * and counter arrays as "name:N" lists.  Addresses print with txt_ip4 (txt.h).
 */
#ifndef PMIP4CT_DUMP_UTIL_H
#define PMIP4CT_DUMP_UTIL_H

#include <stdint.h>
#include <stdio.h>

/* The name of counter i of an array, or NULL to print the number. */
typedef const char *(*dump_name_fn)(unsigned i);

static inline unsigned long long dump_ull(uint64_t v)
{
	return (unsigned long long)v;
}

/* Whole seconds from now_ns to expires, rounded up; 0 once expired. */
long dump_left_s(uint64_t expires, uint64_t now_ns);

/* " name:N" for each counter of n[from..to) that is not 0, or " none". */
void dump_nonzero(FILE *f, const uint64_t *n, unsigned from, unsigned to, dump_name_fn name);

/* The sum of n[from..to), then " (name:N name:N)" for those not 0 when the sum is not. */
void dump_total(FILE *f, const uint64_t *n, unsigned from, unsigned to, dump_name_fn name);

/* "codes 0:N 133:N" (the codes counted in code[0..255]), or "codes none". */
void dump_codes(FILE *f, const uint64_t *code);

#endif
