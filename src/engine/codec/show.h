/* show.h — a field visitor: the codec describes a decoded message field by field and a
 * sink renders it (one-line summary, indented tree, JSON).  The codec never prints;
 * sinks live with the code that owns the output (STYLE.md habits 3-4).
 */
#ifndef PMIP4CT_SHOW_H
#define PMIP4CT_SHOW_H

#include <stddef.h>
#include <stdint.h>

struct mip_msg;
struct mip_ext;

struct show_ops {
	/* open/close a nested group: an extension, the fixed part */
	void (*begin)(void *sink, const char *key, const char *title);
	void (*end)(void *sink);
	void (*u)(void *sink, const char *key, uint64_t v);             /* unsigned number */
	void (*x)(void *sink, const char *key, uint64_t v, int digits); /* hex number */
	void (*ip)(void *sink, const char *key, uint32_t addr);          /* host order */
	void (*hex)(void *sink, const char *key, const uint8_t *p, size_t n);
	void (*str)(void *sink, const char *key, const uint8_t *p, size_t n); /* may be binary */
	/* a numeric value with its name from a table ("code", 149, "PMIP_UNSUPPORTED") */
	void (*named)(void *sink, const char *key, uint64_t v, const char *name);
	void (*flag)(void *sink, const char *key, int set);
};

struct show {
	const struct show_ops *ops;
	void *sink;
};

/* Walk a decoded message: the fixed part, then every extension in wire order. */
void mip_show_msg(const struct mip_msg *m, const struct show *s);
void mip_show_ext(const struct mip_ext *e, const struct show *s);

#endif
