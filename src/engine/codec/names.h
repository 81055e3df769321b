/* names.h — code-to-name tables for message types, reply codes, extensions and the
 * value lists of RFC 5563 §5 (PROTOCOL.md §1-§3).  Lookups return NULL when unnamed;
 * the _or_ variants return a fallback string instead.
 */
#ifndef PMIP4CT_NAMES_H
#define PMIP4CT_NAMES_H

#include <stdint.h>

struct name_entry {
	unsigned value;
	const char *name;  /* short name: "rrq", "pmip-unsupported", "802.16e" */
	const char *title; /* longer human text; may equal name */
};

struct name_table {
	const struct name_entry *rows;
	unsigned n;
};

/* message types: 1 rrq, 3 rrp, 4 tunnel-data, 7 revocation, 15 revocation-ack */
extern const struct name_table names_msg_type;
extern const struct name_table names_code;       /* RRP codes */
extern const struct name_table names_ext;        /* extension types */
extern const struct name_table names_tech;       /* 147/4 Tech-Type */
extern const struct name_table names_devid_type; /* 147/2 ID-Type */
extern const struct name_table names_subid_type; /* 147/3 ID-Type */
extern const struct name_table names_pernode;    /* 47/1 method */
extern const struct name_table names_nexthdr;    /* Tunnel Data next header */
extern const struct name_table names_dynha;      /* 139 sub-types */
extern const struct name_table names_msgstr;     /* 145 sub-types */
extern const struct name_table names_genauth;    /* 36 sub-types */
extern const struct name_table names_pmip_sk;    /* 147 sub-types */
extern const struct name_table names_pmip_ns;    /* 47 sub-types */

const struct name_entry *name_find(const struct name_table *t, unsigned v);
const char *name_of(const struct name_table *t, unsigned v);   /* short name or NULL */
const char *title_of(const struct name_table *t, unsigned v);  /* title or NULL */
/* Look-up by short name, without regard to case and with '_' for '-' (so an RFC's
 * PMIP_UNSUPPORTED finds pmip-unsupported); -1 when absent. */
long name_value(const struct name_table *t, const char *name);

/* Reply-code ranges of RFC 5944 §6.4. */
const char *code_class(uint8_t code); /* "success", "FA", "HA", "GFA", "unassigned" */

#endif
