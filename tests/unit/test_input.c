/* test_input.c — input_read / input_read_path: whole texts, the size cap, and the errors
 * a caller turns into messages (missing file, directory, too large). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "input.h"

static char path[64];

static int setup(void **state)
{
	int fd;

	(void)state;
	snprintf(path, sizeof path, "/tmp/pmip4ct-input-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	/* 10000 bytes: more than the reader's first 4 KiB block */
	for (int i = 0; i < 1000; i++)
		if (write(fd, "0123456789", 10) != 10)
			return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static void test_whole(void **state)
{
	size_t len = 0;
	int err = 0;
	char *buf = input_read_path(path, 10000, &len, &err);

	(void)state;
	assert_non_null(buf);
	assert_int_equal(len, 10000);
	assert_int_equal(buf[len], '\0');
	assert_memory_equal(buf + 9990, "0123456789", 10);
	free(buf);
}

static void test_cap(void **state)
{
	size_t len;
	int err = 0;

	(void)state;
	assert_null(input_read_path(path, 9999, &len, &err));
	assert_int_equal(err, EFBIG);
}

static void test_errors(void **state)
{
	size_t len;
	int err = 0;

	(void)state;
	assert_null(input_read_path("/nonexistent/pmip4ct", 100, &len, &err));
	assert_int_equal(err, ENOENT);
	err = 0;
	assert_null(input_read_path("/tmp", 100, &len, &err));
	assert_int_equal(err, EISDIR);
}

static void test_stream(void **state)
{
	char text[] = "a\nb";
	FILE *f = fmemopen(text, 3, "r");
	size_t len;
	int err = 0;
	char *buf;

	(void)state;
	assert_non_null(f);
	buf = input_read(f, 3, &len, &err);
	fclose(f);
	assert_non_null(buf);
	assert_int_equal(len, 3);
	assert_string_equal(buf, "a\nb");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_stream),
	};

	return cmocka_run_group_tests_name("input", tests, setup, teardown);
}
