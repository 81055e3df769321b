/* conf_test_util.c — running a daemon's settings in the conf tests (conf_test_util.h). */
#include "conf_test_util.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

int ct_args_v(const struct conf_test *t, const char *first, va_list ap)
{
	char *argv[80];
	int argc = 0, rc;

	argv[argc++] = strdup(t->argv0);
	for (const char *a = first; a && argc < 79; a = va_arg(ap, const char *))
		argv[argc++] = strdup(a);
	argv[argc] = NULL;
	t->err[0] = '\0';
	rc = conf_args(t->conf, argc, argv, t->err, t->errlen);
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	return rc;
}

int ct_args(const struct conf_test *t, const char *first, ...)
{
	va_list ap;
	int rc;

	va_start(ap, first);
	rc = ct_args_v(t, first, ap);
	va_end(ap);
	return rc;
}

void ct_expect_arg_error(const struct conf_test *t, const char *want, const char *first, ...)
{
	va_list ap;

	t->reset(t->conf);
	va_start(ap, first);
	assert_int_equal(ct_args_v(t, first, ap), -1);
	va_end(ap);
	assert_string_equal(t->err, want);
}

int ct_text(const struct conf_test *t, const char *src)
{
	t->err[0] = '\0';
	return conf_text(t->conf, t->file, src, strlen(src), t->err, t->errlen);
}

void ct_expect_text_error(const struct conf_test *t, const char *src, const char *want)
{
	t->reset(t->conf);
	assert_int_equal(ct_text(t, src), -1);
	assert_string_equal(t->err, want);
}

char *ct_write_conf(const char *name, const char *content)
{
	static char path[256];
	int fd;

	snprintf(path, sizeof path, "/tmp/%s.XXXXXX", name);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	return path;
}
