/* bundle_merge_priv.h — what the files of the bundle merge share (bundle_merge.h). */
#ifndef PMIP4CT_BUNDLE_MERGE_PRIV_H
#define PMIP4CT_BUNDLE_MERGE_PRIV_H

#include <jansson.h>
#include <stddef.h>

/* The member at a dotted path ("run.shard.index") of root, or NULL. */
json_t *bm_at(const json_t *root, const char *path);

/* The string at path, or "" when it is missing or not a string. */
const char *bm_str(const json_t *root, const char *path);

/* fmt into err; returns rc (a BM_ status), for `return bm_say(BM_BAD, ...)`. */
__attribute__((format(printf, 4, 5))) int bm_say(int rc, char *err, size_t errlen,
						  const char *fmt, ...);

#endif
