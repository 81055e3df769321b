/* test_render.c — output sinks: RFC 8259 string escaping, the JSON sink's "extensions"
 * array, the tree's layout, and the one-line summaries of every golden message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "mip.h"
#include "render.h"

/* An in-memory FILE; text() closes it and returns what was written (freed by done()). */
struct mem {
	FILE *f;
	char *buf;
	size_t len;
};

static FILE *mem_open(struct mem *m)
{
	m->buf = NULL;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
	return m->f;
}

static const char *mem_text(struct mem *m)
{
	fclose(m->f);
	return m->buf;
}

static void test_json_escapes(void **state)
{
	static const uint8_t s[] = { 'a', '"', '\\', '\n', '\t', 0x01, 0x1f, 0x7f, 0x80, 0xff, 0 };
	struct mem m;
	struct json j;

	(void)state;
	json_init(&j, mem_open(&m));
	json_obj_begin(&j, NULL);
	json_strn(&j, "s", s, sizeof s);
	json_finish(&j);
	assert_string_equal(mem_text(&m), "{\n\"s\":\"a\\\"\\\\\\n\\t"
					  "\\u0001\\u001f\\u007f\\u0080\\u00ff\\u0000\"}\n");
	free(m.buf);
}

static void test_json_nesting(void **state)
{
	static const uint8_t b[] = { 0xde, 0xad };
	struct mem m;
	struct json j;

	(void)state;
	json_init(&j, mem_open(&m));
	j.pretty = 0;
	json_obj_begin(&j, NULL);
	json_u64(&j, "n", 18446744073709551615ull);
	json_arr_begin(&j, "a");
	json_bool(&j, "ignored", true);
	json_str(&j, NULL, "x");
	json_obj_begin(&j, NULL);
	json_arr_end(&j); /* closes the object */
	json_arr_end(&j);
	json_hexstr(&j, "h", b, sizeof b);
	json_arr_begin(&j, "open");
	json_finish(&j); /* closes what is left */
	assert_string_equal(mem_text(&m),
			    "{\"n\":18446744073709551615,\"a\":[true,\"x\",{}],\"h\":\"dead\","
			    "\"open\":[]}\n");
	free(m.buf);
}

/* Extensions go into one array, in order; a later top-level field closes it. */
static void test_json_sink_extensions(void **state)
{
	struct mem m;
	struct json j;
	struct render_json r;
	struct show s;

	(void)state;
	json_init(&j, mem_open(&m));
	j.pretty = 0;
	json_obj_begin(&j, NULL);
	render_json_init(&r, &j);
	s = render_json_show(&r);
	s.ops->named(s.sink, "type", 1, "rrq");
	s.ops->begin(s.sink, "ext", "A");
	s.ops->named(s.sink, "code", 7, NULL);
	s.ops->end(s.sink);
	s.ops->begin(s.sink, "ext", NULL);
	s.ops->ip(s.sink, "ha", 0xc0000201u);
	s.ops->x(s.sink, "spi", 0x101, 8);
	s.ops->flag(s.sink, "T", 1);
	s.ops->end(s.sink);
	s.ops->u(s.sink, "after", 1);
	render_json_finish(&r);
	json_finish(&j);
	assert_string_equal(mem_text(&m),
			    "{\"type\":1,\"type_name\":\"rrq\",\"extensions\":[{\"title\":\"A\","
			    "\"code\":7},{\"ha\":\"192.0.2.1\",\"spi\":\"0x00000101\",\"T\":true}],"
			    "\"after\":1}\n");
	free(m.buf);
}

static void decode(const uint8_t *p, size_t n, struct mip_msg *msg)
{
	struct mip_err e;

	memset(&e, 0, sizeof e);
	assert_int_equal(mip_decode(p, n, msg, &e), 0);
}

static void test_json_message(void **state)
{
	struct mip_msg *msg = calloc(1, sizeof *msg);
	struct mem m;
	struct json j;
	const char *t;

	(void)state;
	decode(golden_pmip_rrq, sizeof golden_pmip_rrq, msg);
	json_init(&j, mem_open(&m));
	j.pretty = 0;
	render_json(&j, NULL, msg);
	json_finish(&j);
	t = mem_text(&m);
	assert_non_null(strstr(t, "{\"type\":1,\"type_name\":\"rrq\","));
	assert_non_null(strstr(t, "\"ident\":\"0xe5f2a1b012345678\""));
	assert_non_null(strstr(t, "\"extensions\":[{\"title\":"));
	assert_non_null(strstr(t, "\"nai\":\"mn@example.com\""));
	assert_non_null(strstr(t, "\"authenticator\":\"616f881d90459e9666aa0550c7f558ad\"}]}"));
	free(m.buf);
	free(msg);
}

static void test_tree(void **state)
{
	static const uint8_t s[] = { 'a', '\\', 0x00, 0xff };
	struct mem m;
	struct render_tree t;
	struct show sh;

	(void)state;
	render_tree_init(&t, mem_open(&m), 2);
	sh = render_tree_show(&t);
	sh.ops->named(sh.sink, "code", 149, "PMIP_UNSUPPORTED");
	sh.ops->named(sh.sink, "code", 99, NULL);
	sh.ops->begin(sh.sink, "ext", "NAI");
	sh.ops->str(sh.sink, "nai", s, sizeof s);
	sh.ops->hex(sh.sink, "data", s, 0);
	sh.ops->end(sh.sink);
	sh.ops->begin(sh.sink, "ext", NULL);
	sh.ops->x(sh.sink, "flags", 0x2, 2);
	sh.ops->end(sh.sink);
	assert_string_equal(mem_text(&m), "  code: 149 (PMIP_UNSUPPORTED)\n"
					  "  code: 99\n"
					  "  ext[0]: NAI\n"
					  "      nai: a\\\\\\x00\\xff\n"
					  "      data: (none)\n"
					  "  ext[1]:\n"
					  "      flags: 0x02\n");
	free(m.buf);
}

static void expect_summary(const uint8_t *p, size_t n, const char *want)
{
	struct mip_msg *msg = calloc(1, sizeof *msg);
	struct mem m;

	decode(p, n, msg);
	render_summary(mem_open(&m), msg);
	assert_string_equal(mem_text(&m), want);
	free(m.buf);
	free(msg);
}

static void test_summaries(void **state)
{
	static const uint8_t unknown[] = { 99, 1, 2, 3, 4 };

	(void)state;
	expect_summary(golden_pmip_rrq, sizeof golden_pmip_rrq,
		       "RRQ S=0 B=0 D=0 M=0 G=0 T=1 lifetime 1800 hoa 0.0.0.0 ha 192.0.2.1 "
		       "coa 198.51.100.1 id e5f2a1b012345678 nai mn@example.com exts 131,47/1,34");
	expect_summary(golden_pmip_rrp, sizeof golden_pmip_rrp,
		       "RRP code 0 (accepted) lifetime 900 hoa 10.1.0.7 ha 192.0.2.1 "
		       "id e5f2a1b012345678 nai a@b exts 131,47/1,48/0,137,34");
	expect_summary(golden_rev, sizeof golden_rev,
		       "REV A=1 I=1 hoa 10.1.0.7 hda 192.0.2.1 fda 198.51.100.1 revid 65536 "
		       "exts 34");
	expect_summary(golden_revack, sizeof golden_revack,
		       "REVACK I=1 hoa 10.1.0.7 revid 65536 exts 34");
	expect_summary(golden_tundata, sizeof golden_tundata,
		       "TUNDATA next-header 4 (ip) 20 bytes");
	expect_summary(unknown, sizeof unknown, "type 99 (unknown) 5 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_json_nesting),
		cmocka_unit_test(test_json_sink_extensions),
		cmocka_unit_test(test_json_message),
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_summaries),
	};

	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
