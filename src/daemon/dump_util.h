/* dump_util.h — pieces the daemons' dumps share (ha_dump.c, pma_dump.c, cmd_*.c). */
#ifndef PMIP4CT_DUMP_UTIL_H
#define PMIP4CT_DUMP_UTIL_H

#include <stdint.h>
#include <stdio.h>

#define DUMP_IP_LEN 16 /* "255.255.255.255" and its NUL */

/* a (host order) as "A.B.C.D" in buf[DUMP_IP_LEN]; returns buf. */
const char *dump_ip(uint32_t a, char *buf);

/* Whole seconds from now_ns to expires, rounded up; 0 once expired. */
long dump_left_s(uint64_t expires, uint64_t now_ns);

/* "codes 0:N 133:N" (the codes counted in code[0..255]), or "codes none". */
void dump_codes(FILE *f, const uint64_t *code);

#endif
