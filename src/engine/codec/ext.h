/* ext.h — the extension policy table (STYLE.md habit 2): one row per extension type,
 * holding its name, layout, length bounds, and value decoder/encoder/shower.  The
 * skippable rule of RFC 5944 §1.8 lives here and only here.
 */
#ifndef PMIP4CT_EXT_H
#define PMIP4CT_EXT_H

#include <stdbool.h>
#include <stdint.h>

#include "mip.h"
#include "show.h"
#include "wire.h"

struct mip_ext_policy {
	uint8_t type;
	uint8_t fmt;          /* enum mip_ext_fmt; 139 is SHORT by default (DESIGN.md §6.4) */
	uint16_t min_len;     /* bounds on data_len, checked before dec (sub-types refine) */
	uint16_t max_len;
	const char *name;     /* grammar keyword: "nai", "pmip.acctech" is per sub-type */
	const char *title;    /* "Mobile Node NAI" */
	const char *ref;      /* "RFC 2794 §2" */
	/* Decode the value from its own sub-cursor (exactly data_len bytes). */
	int (*dec)(struct mip_ext *e, struct rd *c, struct mip_err *err);
	/* Write the value bytes (the part after the header) from e->v. */
	void (*enc)(const struct mip_ext *e, struct wr *w);
	void (*show)(const struct mip_ext *e, const struct show *s);
};

/* The row for a type, or NULL when the type is unknown. */
const struct mip_ext_policy *ext_policy(uint8_t type);

/* RFC 5944 §1.8: an unrecognised extension of type 128-255 is skipped; 0-127 makes
 * the whole message silently discarded. */
static inline bool ext_skippable(uint8_t type)
{
	return type >= 128;
}

/* Authentication extensions whose authenticator covers the bytes before them. */
static inline bool ext_is_auth(uint8_t type)
{
	return type == MIP_EXT_MNHA || type == MIP_EXT_MNFA || type == MIP_EXT_FAHA ||
	       type == MIP_EXT_GENAUTH;
}

/* Header size of an extension in a given layout (1, 2, 3 or 4 bytes). */
unsigned ext_hdr_len(uint8_t fmt);

/* The correct Length field for a value of data_len bytes in layout fmt. */
uint16_t ext_len_field(uint8_t fmt, uint16_t data_len);

/* Decode the extension that starts at c->pos (used by mip_decode; exposed for tests). */
int ext_decode_one(struct rd *c, struct mip_ext *e, struct mip_err *err, int index);

/* Encode one extension.  `msg_start` is where the message began in w, for the
 * authenticator coverage of RFC 5944 §3.5.1. */
int ext_encode_one(const struct mip_ext *e, struct wr *w, size_t msg_start,
		   struct mip_err *err);

/* Number of rows, and row i, for listings and completion. */
unsigned ext_policy_count(void);
const struct mip_ext_policy *ext_policy_at(unsigned i);

#endif
