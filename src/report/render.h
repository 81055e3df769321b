/* render.h — output of decoded messages: the sinks of show.h's field visitor (an indented
 * tree, JSON), a streaming JSON writer, and the one-line summaries of `pmip4ct decode`.
 */
#ifndef PMIP4CT_RENDER_H
#define PMIP4CT_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "show.h"

struct mip_msg;

/* ---- a streaming JSON writer (RFC 8259) ----
 * Keys are given with each value and ignored inside arrays.  Strings are escaped byte by
 * byte: control characters and every byte >= 0x7f become \u00XX, so any input (binary,
 * invalid UTF-8) gives valid JSON. */
#define JSON_DEPTH_MAX 32

struct json {
	FILE *f;
	unsigned depth;                     /* containers open */
	unsigned pretty;                    /* new line before members at depth <= this */
	bool in_array[JSON_DEPTH_MAX + 1];  /* the container at each depth is an array */
	bool nonempty[JSON_DEPTH_MAX + 1];  /* a member was written at this depth */
};

void json_init(struct json *j, FILE *f);
void json_obj_begin(struct json *j, const char *key);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j, const char *key);
void json_arr_end(struct json *j);
void json_str(struct json *j, const char *key, const char *s);
void json_strn(struct json *j, const char *key, const uint8_t *p, size_t n);
void json_hexstr(struct json *j, const char *key, const uint8_t *p, size_t n);
void json_u64(struct json *j, const char *key, uint64_t v);
/* v / 10^decimals with exactly `decimals` digits after the point (v 2064, 3: 2.064):
 * a number, the same bytes on every machine. */
void json_fixed(struct json *j, const char *key, uint64_t v, unsigned decimals);
void json_bool(struct json *j, const char *key, bool v);
/* The separator and key of a member whose value the caller then writes to j->f itself,
 * whole and valid (a value another writer makes, as hist_json's). */
void json_raw(struct json *j, const char *key);
/* Close every container still open (after an error) and end the document with \n. */
void json_finish(struct json *j);

/* ---- the tree sink (-v): "key: value" lines, groups indented by 4 ---- */
struct render_tree {
	FILE *f;
	unsigned indent; /* spaces before top-level fields */
	unsigned depth;
	unsigned n_ext;  /* "ext" groups seen, to number them ext[0], ext[1]... */
};

void render_tree_init(struct render_tree *t, FILE *f, unsigned indent);
struct show render_tree_show(struct render_tree *t);
/* The whole message as a tree, top-level fields at `indent` spaces. */
void render_tree(FILE *f, unsigned indent, const struct mip_msg *m);

/* ---- the JSON sink: fixed fields as members, every "ext" group in order inside an
 * "extensions" array ---- */
struct render_json {
	struct json *j;
	unsigned base;  /* json depth of the message object */
	bool ext_open;  /* the "extensions" array is open */
};

void render_json_init(struct render_json *r, struct json *j);
struct show render_json_show(struct render_json *r);
void render_json_finish(struct render_json *r); /* closes "extensions" */
/* The whole message as the object member `key` (or an array element). */
void render_json(struct json *j, const char *key, const struct mip_msg *m);

/* ---- one-line summaries ---- */
/* "RRQ S=0 B=0 D=0 M=0 G=0 T=1 lifetime 1800 hoa ... exts 131,47/1,34" (no newline). */
void render_summary(FILE *f, const struct mip_msg *m);
/* The extensions in wire order as "131,47/1,34" (Type, /Sub-Type where there is one). */
void render_ext_ids(FILE *f, const struct mip_msg *m);
/* Bytes as text: printable ASCII as is, backslash doubled, the rest as \xNN. */
void render_escaped(FILE *f, const uint8_t *p, size_t n);

#endif
