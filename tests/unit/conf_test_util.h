/* conf_test_util.h — what test_ha_conf.c and test_pma_conf.c share: running a daemon's
 * settings over an argument list or a configuration text, expecting an exact error, and
 * temporary configuration files.
 */
#ifndef PMIP4CT_CONF_TEST_UTIL_H
#define PMIP4CT_CONF_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include "conf.h"

/* One daemon's settings (ha_conf.h, pma_conf.h) seen through their struct conf. */
struct conf_test {
	const char *argv0; /* "ha": the subcommand's argv[0] */
	const char *file;  /* "ha.conf": the name a text is read under */
	struct conf *conf;
	char *err;
	size_t errlen;
	void (*reset)(struct conf *conf); /* a fresh configuration */
};

/* conf_args over a NULL-terminated list after argv0, on writable copies; err cleared first. */
int ct_args_v(const struct conf_test *t, const char *first, va_list ap);
int ct_args(const struct conf_test *t, const char *first, ...);

/* A fresh configuration, then these arguments must fail with exactly want. */
void ct_expect_arg_error(const struct conf_test *t, const char *want, const char *first, ...);

int ct_text(const struct conf_test *t, const char *src); /* conf_text under t->file */

/* A fresh configuration, then src must fail with exactly want. */
void ct_expect_text_error(const struct conf_test *t, const char *src, const char *want);

/* The same, short, for a test whose struct conf_test is called ct. */
#define args(...)                     ct_args(&ct, __VA_ARGS__)
#define expect_arg_error(want, ...)   ct_expect_arg_error(&ct, want, __VA_ARGS__)
#define text(src)                     ct_text(&ct, src)
#define expect_text_error(src, want)  ct_expect_text_error(&ct, src, want)

/* content in a new "/tmp/NAME.XXXXXX"; the path is static, valid until the next call. */
char *ct_write_conf(const char *name, const char *content);

#endif
