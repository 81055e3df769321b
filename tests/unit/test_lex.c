/* test_lex.c — the command-language tokenizer (lex.h): words, strings and their escapes,
 * operators, commands split at ';' and end of line, comments, backslash continuation,
 * 1-based line:column positions, and every error with its place and recovery after it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lex.h"

/* Lex the whole of src; the commands' tokens flattened into a printable summary:
 * commands separated by " | ", tokens by ' ', each as KIND:text@line:col. */
static char out[4096];

static int lex_all(const char *src, struct lex_err *err)
{
	struct lex *lx = lex_create("f.pct", src, strlen(src));
	struct lex_cmd cmd;
	size_t at = 0;
	int rc;

	assert_non_null(lx);
	out[0] = '\0';
	while ((rc = lex_next_command(lx, &cmd, err)) > 0) {
		if (at)
			at += (size_t)snprintf(out + at, sizeof out - at, " | ");
		for (size_t k = 0; k < cmd.n; k++) {
			const struct lex_tok *t = &cmd.tok[k];
			const char *kind = t->kind == LEX_WORD ? "W" : t->kind == LEX_STRING ? "S" : "O";

			at += (size_t)snprintf(out + at, sizeof out - at, "%s%s:%s@%u:%u",
					       k ? " " : "", kind, t->text, t->line, t->col);
		}
	}
	lex_destroy(lx);
	return rc;
}

static void expect_tokens(const char *src, const char *want)
{
	struct lex_err err;

	if (lex_all(src, &err) != 0) {
		char buf[300];

		fail_msg("lexing \"%s\": %s", src, lex_err_str(&err, buf, sizeof buf));
	}
	assert_string_equal(out, want);
}

static void expect_error(const char *src, const char *want)
{
	struct lex_err err;
	char buf[300];

	assert_int_equal(lex_all(src, &err), -1);
	assert_string_equal(lex_err_str(&err, buf, sizeof buf), want);
}

static void test_words_and_positions(void **state)
{
	(void)state;
	expect_tokens("rrq  lifetime 300\thoa 0.0.0.0",
		      "W:rrq@1:1 W:lifetime@1:6 W:300@1:15 W:hoa@1:19 W:0.0.0.0@1:23");
	expect_tokens("  nai mn@example.com ext pmip.devid mac 02:00:00:00:00:01",
		      "W:nai@1:3 W:mn@example.com@1:7 W:ext@1:22 W:pmip.devid@1:26 W:mac@1:37 "
		      "W:02:00:00:00:00:01@1:41");
	/* '=' and '!' alone belong to words: SA specs stay one word */
	expect_tokens("sa spi=256,key=hex:00 !x", "W:sa@1:1 W:spi=256,key=hex:00@1:4 W:!x@1:23");
	/* a backslash inside a word is an ordinary character */
	expect_tokens("a\\b c\\", "W:a\\b@1:1 W:c@1:5");
	expect_tokens("", "");
	expect_tokens("   \n\n\t\n", "");
}

static void test_commands(void **state)
{
	(void)state;
	expect_tokens("a b\nc", "W:a@1:1 W:b@1:3 | W:c@2:1");
	expect_tokens("a; b;; c ;", "W:a@1:1 | W:b@1:4 | W:c@1:8");
	expect_tokens(";\n;;\na", "W:a@3:1");
	expect_tokens("a\r\nb\r\n", "W:a@1:1 | W:b@2:1");
}

static void test_comments(void **state)
{
	(void)state;
	expect_tokens("# a whole line\nrrq # the rest\n  # indented\nrrp",
		      "W:rrq@2:1 | W:rrp@4:1");
	expect_tokens("abc#def ghi", "W:abc@1:1");
	expect_tokens("x \"a # b\" # c", "W:x@1:1 S:a # b@1:3");
	expect_tokens("a ; # c ; d\ne", "W:a@1:1 | W:e@2:1");
}

static void test_continuation(void **state)
{
	(void)state;
	expect_tokens("rrq \\\n  lifetime 5\nrrp", "W:rrq@1:1 W:lifetime@2:3 W:5@2:12 | W:rrp@3:1");
	expect_tokens("a\\\nb", "W:a@1:1 W:b@2:1");
	expect_tokens("a \\   # why\n b", "W:a@1:1 W:b@2:2");
	expect_tokens("a \\\r\nb", "W:a@1:1 W:b@2:1");
	expect_tokens("a \\\n\\\n\\\nb", "W:a@1:1 W:b@4:1");
	/* a continuation onto an empty line ends the command there */
	expect_tokens("a \\\n\nb", "W:a@1:1 | W:b@3:1");
	expect_tokens("a \\", "W:a@1:1");
}

static void test_strings(void **state)
{
	struct lex *lx;
	struct lex_cmd cmd;
	struct lex_err err;
	static const char src[] = "nai \"a\\\"b\\\\c\\n\\r\\t\\x41\\x7e\\0z\" \"\" \"sp ace\"";
	static const char want[] = { 'a', '"', 'b', '\\', 'c', '\n', '\r', '\t', 'A', '~', '\0',
				     'z' };

	(void)state;
	lx = lex_create("f.pct", src, strlen(src));
	assert_int_equal(lex_next_command(lx, &cmd, &err), 1);
	assert_int_equal(cmd.n, 4);
	assert_int_equal(cmd.tok[1].kind, LEX_STRING);
	assert_int_equal(cmd.tok[1].len, sizeof want);
	assert_memory_equal(cmd.tok[1].text, want, sizeof want);
	assert_int_equal(cmd.tok[1].col, 5);
	assert_int_equal(cmd.tok[2].kind, LEX_STRING);
	assert_int_equal(cmd.tok[2].len, 0);
	assert_string_equal(cmd.tok[3].text, "sp ace");
	assert_int_equal(lex_next_command(lx, &cmd, &err), 0);
	lex_destroy(lx);
	/* a string and a word next to each other are two tokens */
	expect_tokens("abc\"def\"ghi", "W:abc@1:1 S:def@1:4 W:ghi@1:9");
	/* ';' and '\' are plain characters inside quotes */
	expect_tokens("\"a;b\\\\\" c", "S:a;b\\@1:1 W:c@1:9");
}

static void test_operators(void **state)
{
	struct lex *lx;
	struct lex_cmd cmd;
	struct lex_err err;
	static const char src[] = "hoa != 0.0.0.0 a==b x<=1 y>2 < >= z>";

	(void)state;
	expect_tokens(src, "W:hoa@1:1 O:!=@1:5 W:0.0.0.0@1:8 W:a@1:16 O:==@1:17 W:b@1:19 "
		      "W:x@1:21 O:<=@1:22 W:1@1:24 W:y@1:26 O:>@1:27 W:2@1:28 O:<@1:30 "
		      "O:>=@1:32 W:z@1:35 O:>@1:36");
	lx = lex_create("f.pct", src, strlen(src));
	assert_int_equal(lex_next_command(lx, &cmd, &err), 1);
	assert_int_equal(cmd.tok[1].op, LEX_OP_NE);
	assert_int_equal(cmd.tok[4].op, LEX_OP_EQ);
	assert_int_equal(cmd.tok[7].op, LEX_OP_LE);
	assert_int_equal(cmd.tok[10].op, LEX_OP_GT);
	assert_int_equal(cmd.tok[12].op, LEX_OP_LT);
	assert_int_equal(cmd.tok[13].op, LEX_OP_GE);
	assert_string_equal(lex_op_str(LEX_OP_GE), ">=");
	assert_true(lex_is_word(&cmd.tok[0], "hoa"));
	assert_false(lex_is_word(&cmd.tok[1], "!="));
	lex_destroy(lx);
}

static void test_end_position(void **state)
{
	struct lex *lx;
	struct lex_cmd cmd;
	struct lex_err err;
	static const char src[] = "rrq hoa   # c\nrrp \"ab\" ; x \\\n  y  ";

	(void)state;
	lx = lex_create("f.pct", src, strlen(src));
	assert_int_equal(lex_next_command(lx, &cmd, &err), 1);
	assert_string_equal(cmd.file, "f.pct");
	assert_int_equal(cmd.end_line, 1);
	assert_int_equal(cmd.end_col, 8);
	assert_int_equal(lex_next_command(lx, &cmd, &err), 1);
	assert_int_equal(cmd.end_line, 2);
	assert_int_equal(cmd.end_col, 9);
	assert_int_equal(lex_next_command(lx, &cmd, &err), 1);
	assert_int_equal(cmd.n, 2);
	assert_int_equal(cmd.end_line, 3);
	assert_int_equal(cmd.end_col, 4);
	assert_int_equal(lex_next_command(lx, &cmd, &err), 0);
	assert_int_equal(lex_next_command(lx, &cmd, &err), 0);
	lex_destroy(lx);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("x \"abc", "f.pct:1:3: unterminated string (a string ends on its own line)");
	expect_error("a\n  nai \"abc\nd\"",
		     "f.pct:2:7: unterminated string (a string ends on its own line)");
	expect_error("x \"ab\\", "f.pct:1:3: unterminated string (a string ends on its own line)");
	expect_error("x \"ab\\\ncd\"",
		     "f.pct:1:3: unterminated string (a string ends on its own line)");
	expect_error("x \"a\\qb\"", "f.pct:1:5: unknown escape '\\q' in a string (known: \\\" \\\\ "
		     "\\n \\r \\t \\0 \\xNN)");
	expect_error("x \"a\\x4\"", "f.pct:1:5: \\x in a string needs two hex digits");
	expect_error("x \"a\\xg0\"", "f.pct:1:5: \\x in a string needs two hex digits");
}

static void test_nul_byte(void **state)
{
	static const char src[] = { 'a', ' ', 'b', '\0', 'c', '\n', 'd' };
	struct lex *lx = lex_create("bin", src, sizeof src);
	struct lex_cmd cmd;
	struct lex_err err;
	char buf[200];

	(void)state;
	assert_int_equal(lex_next_command(lx, &cmd, &err), -1);
	assert_string_equal(lex_err_str(&err, buf, sizeof buf), "bin:1:4: NUL byte in the input");
	assert_int_equal(lex_next_command(lx, &cmd, &err), 1);
	assert_string_equal(cmd.tok[0].text, "d");
	lex_destroy(lx);
}

/* After an error the rest of that line is dropped and lexing goes on. */
static void test_recovery(void **state)
{
	static const char src[] = "a \"bad\\q\" b ; c\nd e \\\n f \"oops\ng";
	struct lex *lx = lex_create("f.pct", src, strlen(src));
	struct lex_cmd cmd;
	struct lex_err err;

	(void)state;
	assert_int_equal(lex_next_command(lx, &cmd, &err), -1);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 7);
	assert_int_equal(lex_next_command(lx, &cmd, &err), -1); /* line 3's string */
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 4);
	assert_int_equal(lex_next_command(lx, &cmd, &err), 1);
	assert_int_equal(cmd.n, 1);
	assert_string_equal(cmd.tok[0].text, "g");
	assert_int_equal(cmd.tok[0].line, 4);
	assert_int_equal(lex_next_command(lx, &cmd, &err), 0);
	lex_destroy(lx);
}

/* Many tokens and long text: the arrays grow, and earlier tokens stay intact. */
static void test_growth(void **state)
{
	static char src[20000];
	struct lex *lx;
	struct lex_cmd cmd;
	struct lex_err err;
	size_t at = 0;

	(void)state;
	for (int k = 0; k < 2000; k++)
		at += (size_t)snprintf(src + at, sizeof src - at, "w%d ", k);
	lx = lex_create("big", src, at);
	assert_int_equal(lex_next_command(lx, &cmd, &err), 1);
	assert_int_equal(cmd.n, 2000);
	assert_string_equal(cmd.tok[0].text, "w0");
	assert_string_equal(cmd.tok[1999].text, "w1999");
	assert_int_equal(cmd.tok[1999].col, at - 5);
	lex_destroy(lx);
	lex_destroy(NULL);
}

static void test_err_helpers(void **state)
{
	struct lex_err err;
	char buf[100];

	(void)state;
	assert_int_equal(lex_errf(&err, "x.pct", 3, 14, "bad %s", "thing"), -1);
	assert_string_equal(lex_err_str(&err, buf, sizeof buf), "x.pct:3:14: bad thing");
	assert_int_equal(lex_errf(NULL, "x", 1, 1, "ignored"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_positions),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_end_position),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_recovery),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_err_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
