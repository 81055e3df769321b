/* test_harden.c — issue #14's attacks on the reference agents, each on a virtual clock
 * with in-memory I/O: peer-supplied text in the log (escaped, txt_escape), the log rate
 * limit (loglimit.h) against a flood from one sender and from spoofed ones, a recorded
 * PMA Revocation replayed against a later binding that did not negotiate 137
 * (RFC 3543 §4.2.1, §4.2.3.2), home addresses logged as dotted quads, IMSI digits; the
 * PMA's discards rate-limited as the HA's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "binding.h"
#include "ha_fixture.h"
#include "loglimit.h"
#include "pma.h"
#include "txt.h"

static struct fx F;

/* What the HA logged, every line; each line separately in lines[]. */
static struct cap {
	char text[65536];
	size_t len;
	unsigned lines;
} C;

static void capture(void *arg, enum ha_log_level level, const char *msg)
{
	struct cap *c = arg;
	int n;

	(void)level;
	n = snprintf(c->text + c->len, sizeof c->text - c->len, "%s\n", msg);
	if (n > 0 && (size_t)n < sizeof c->text - c->len)
		c->len += (size_t)n;
	c->lines++;
}

static int setup(void **state)
{
	(void)state;
	fx_setup(&F, NULL);
	memset(&C, 0, sizeof C);
	ha_set_log(F.ha, capture, &C, HA_LOG_DEBUG);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_teardown(&F);
	return 0;
}

#define RRQ(...) fx_rrq(&F, &(struct req){ __VA_ARGS__ })

/* No byte of the log can end a line early or drive a terminal. */
static void assert_log_clean(void)
{
	unsigned nl = 0;

	for (size_t i = 0; i < C.len; i++) {
		unsigned char c = (unsigned char)C.text[i];

		nl += c == '\n';
		assert_true(c == '\n' || (c >= 0x20 && c < 0x7f));
	}
	assert_int_equal(nl, C.lines); /* one message, one line */
}

/* ---- the helpers ---- */

static void test_escape(void **state)
{
	static const char evil[] = "mn1\nwarn: forged\x1b[2J\\\xc3\xa9";
	char out[16];

	(void)state;
	assert_string_equal(txt_esc(evil, sizeof evil - 1).s,
			    "mn1\\x0awarn: forged\\x1b[2J\\\\\\xc3\\xa9");
	assert_string_equal(txt_esc("", 0).s, "");
	assert_string_equal(txt_esc("mn@example.net", 14).s, "mn@example.net");
	/* cut at a whole character, with "..." */
	assert_int_equal(txt_escape(out, sizeof out, "0123456789abcdefgh", 18, 0), 15);
	assert_string_equal(out, "0123456789ab...");
	assert_int_equal(txt_escape(out, 8, "abc\x01\x02", 5, 0), 6);
	assert_string_equal(out, "abc...");
	assert_int_equal(txt_escape(out, sizeof out, "0123456789abcde", 15, 0), 15);
	assert_string_equal(out, "0123456789abcde"); /* exactly fits */
	/* a message: its own backslashes and "§" stay, controls and C1 do not */
	{
		static const char msg[] = "RFC 5944 \xc2\xa7 \\n 'a\x1b\xc2\x9b\xff'";
		char m[64];

		txt_escape(m, sizeof m, msg, sizeof msg - 1, TXT_ESC_TEXT);
		assert_string_equal(m, "RFC 5944 \xc2\xa7 \\n 'a\\x1b\\xc2\\x9b\\xff'");
	}
	/* never longer than the buffer, whatever comes */
	{
		uint8_t all[256];
		struct txt_esc e;

		for (int i = 0; i < 256; i++)
			all[i] = (uint8_t)i;
		e = txt_esc(all, sizeof all);
		assert_true(strlen(e.s) < TXT_ESC_MAX);
		assert_non_null(strstr(e.s, "..."));
	}
}

static void test_imsi(void **state)
{
	static const uint8_t tbcd[] = { 0x13, 0x00, 0x51, 0x21, 0x43, 0x65, 0x87, 0xf9 };
	static const uint8_t even[] = { 0x21, 0x43 };
	static const uint8_t bad[] = { 0x1a, 0x00 };
	char out[20];

	(void)state;
	assert_int_equal(txt_imsi((const uint8_t *)"310150123456789", 15, out, sizeof out), 15);
	assert_string_equal(out, "310150123456789");
	assert_int_equal(txt_imsi(tbcd, sizeof tbcd, out, sizeof out), 15);
	assert_string_equal(out, "310015123456789");
	assert_int_equal(txt_imsi(even, sizeof even, out, sizeof out), 4);
	assert_string_equal(out, "1234");
	assert_int_equal(txt_imsi(bad, sizeof bad, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(txt_imsi(tbcd, sizeof tbcd, out, 10), 0); /* does not fit */
	assert_int_equal(txt_imsi(tbcd, 0, out, sizeof out), 0);
	{ /* txt_tbcd's output reads back */
		uint8_t b[8];
		size_t n = txt_tbcd("001010123456789", 15, b, sizeof b);

		assert_int_equal(txt_imsi(b, n, out, sizeof out), 15);
		assert_string_equal(out, "001010123456789");
	}
}

static void test_loglimit(void **state)
{
	static struct loglimit l;
	uint64_t now = 1000, sup = 99;
	unsigned passed = 0;
	static const char a[] = "a", b[] = "b";

	(void)state;
	loglimit_init(&l);
	for (int i = 0; i < 100; i++)
		passed += loglimit_pass(&l, (uintptr_t)a, 1, now, &sup);
	assert_int_equal(passed, LOGLIMIT_PER_PEER);
	assert_true(loglimit_pass(&l, (uintptr_t)b, 1, now, &sup)); /* another reason */
	assert_int_equal(sup, 0);
	assert_true(loglimit_pass(&l, (uintptr_t)a, 2, now, &sup)); /* another peer */
	assert_int_equal(sup, 100 - LOGLIMIT_PER_PEER);             /* reported once */
	assert_true(loglimit_pass(&l, (uintptr_t)a, 3, now, &sup));
	assert_int_equal(sup, 0);
	now += LOGLIMIT_WINDOW_NS;
	assert_true(loglimit_pass(&l, (uintptr_t)a, 1, now, &sup)); /* a new window */
	/* spoofed senders: the reason's budget holds */
	passed = 0;
	now += LOGLIMIT_WINDOW_NS;
	for (uint32_t p = 100; p < 1100; p++)
		passed += loglimit_pass(&l, (uintptr_t)a, p, now, &sup);
	assert_int_equal(passed, LOGLIMIT_PER_REASON);
	assert_int_equal(l.suppressed, 100 - LOGLIMIT_PER_PEER + 1000 - LOGLIMIT_PER_REASON);
}

/* ---- the HA ---- */

/* One datagram with a forged line and terminal codes in its NAI, refused 132 (FA-HA
 * invalid): the NAI is logged escaped on the one line of the reply. */
static void test_log_injection(void **state)
{
	(void)state;
	assert_int_equal(RRQ(.nai = "x\nwarn: forged\x1b[31m", .corrupt = true), 132);
	assert_log_clean();
	assert_non_null(strstr(C.text, "nai x\\x0awarn: forged\\x1b[31m: code 132"));
	assert_null(strstr(C.text, "\nwarn: forged"));
	/* an accepted one with an odd NAI, and its expiry line */
	assert_int_equal(RRQ(.nai = "y\r\x7f", .mnha = false, .lifetime = 10), 0);
	fx_advance(&F, 11 * NS_PER_S);
	assert_log_clean();
	assert_non_null(strstr(C.text, "binding y\\x0d\\x7f hoa 10.10.0."));
}

/* A flood of what the HA discards costs LOGLIMIT_PER_PEER lines a second, and the next
 * line says how many were suppressed; every datagram is still counted. */
static void test_log_flood(void **state)
{
	static const uint8_t junk[] = { 99, 0, 0, 0 };

	(void)state;
	for (int i = 0; i < 1000; i++)
		fx_input(&F, PMA1, junk, sizeof junk);
	assert_int_equal(ha_counters(F.ha)->drop[HA_DROP_NOT_FOR_HA], 1000);
	assert_int_equal(C.lines, LOGLIMIT_PER_PEER);
	assert_int_equal(ha_counters(F.ha)->log_suppressed, 1000 - LOGLIMIT_PER_PEER);
	fx_advance(&F, NS_PER_S);
	fx_input(&F, PMA1, junk, sizeof junk);
	assert_int_equal(C.lines, LOGLIMIT_PER_PEER + 1);
	assert_non_null(strstr(C.text, "(995 similar lines suppressed)"));
	/* spoofed senders */
	fx_advance(&F, NS_PER_S);
	for (uint32_t i = 0; i < 1000; i++)
		fx_input(&F, 0x0b000000u + i, junk, sizeof junk);
	assert_int_equal(C.lines, LOGLIMIT_PER_PEER + 1 + LOGLIMIT_PER_REASON);
	/* the refusals of forged requests too */
	C.lines = 0;
	for (int i = 0; i < 100; i++)
		assert_int_equal(RRQ(.corrupt = true), 132);
	assert_true(C.lines <= 2 * LOGLIMIT_PER_PEER); /* the 132 line and the exception */
}

/* RFC 3543 §4.2.1, §4.2.3.2: PMA1 revokes its binding; the Revocation, recorded, is
 * replayed after PMA1 registered the home address again without 137: the HA has no
 * registration timestamp to hold it against and must not act on it. */
static int send_rev(uint32_t hoa, uint32_t revid)
{
	return fx_rev(&F, PMA1, hoa, revid, 0, false);
}

static struct bnd *bound(uint32_t hoa)
{
	return bnd_by_hoa(ha_bindings(F.ha), hoa);
}

static void test_revocation_replay(void **state)
{
	uint32_t hoa;

	(void)state;
	assert_int_equal(RRQ(.rev = true), 0); /* 137 Timestamp 1 */
	hoa = F.rep.hoa;
	assert_int_equal(send_rev(hoa, 100), 1); /* valid: acknowledged, the binding gone */
	assert_int_equal(fx_take(&F, NULL), 0);
	assert_int_equal(F.rep.type, MIP_REVACK);
	assert_null(bound(hoa));
	fx_advance(&F, 10 * NS_PER_S);
	assert_int_equal(RRQ(.hoa = hoa), 0); /* again, without 137 */
	assert_non_null(bound(hoa));
	assert_int_equal(send_rev(hoa, 100), 0); /* the replay */
	assert_non_null(bound(hoa));
	assert_int_equal(send_rev(hoa, 5000), 0); /* nor a new one: nothing negotiated */
	assert_non_null(bound(hoa));
	assert_int_equal(ha_counters(F.ha)->drop[HA_DROP_BAD_REVOCATION], 2);
	assert_non_null(strstr(C.text, "not negotiated"));
	/* renegotiated: a newer Identifier acts, the replay still does not */
	assert_int_equal(RRQ(.hoa = hoa, .rev = true), 0);
	assert_int_equal(send_rev(hoa, 100), 1);
	assert_int_equal(fx_take(&F, NULL), 0);
	assert_int_equal(F.rep.type, MIP_REVACK);
	assert_null(bound(hoa));
}

/* Home addresses in the log as dotted quads: a revocation the old PMA never answers. */
static void test_hoa_dotted(void **state)
{
	char want[64];
	uint32_t hoa;

	(void)state;
	assert_int_equal(RRQ(.rev = true, .src = PMA1), 0);
	hoa = F.rep.hoa;
	assert_int_equal(RRQ(.rev = true, .src = PMA2, .hoa = hoa), 0);
	for (int i = 0; i < 600; i++) /* the last retransmission at 255 s, given up at 511 s */
		fx_advance(&F, NS_PER_S);
	assert_int_equal(ha_counters(F.ha)->rev_abandoned, 1);
	snprintf(want, sizeof want, "revocation of hoa %s abandoned", txt_ip4(hoa).s);
	assert_non_null(strstr(C.text, want));
}

/* ---- the PMA ---- */

static unsigned pma_lines;
static char pma_last[512];

static void pma_capture(void *arg, const char *msg)
{
	(void)arg;
	pma_lines++;
	snprintf(pma_last, sizeof pma_last, "%s", msg);
}

/* What a PMA discards (anyone can send it) costs a few lines too. */
static void test_pma_flood(void **state)
{
	static const uint8_t junk[] = { 99, 0, 0, 0 };
	struct clk_virtual vc = { T0, 7 };
	struct clk clk = clk_virtual(&vc);
	struct io_mem *mem = io_mem_create();
	struct udp_ends e = { HA_ADDR, PMA1, 434, 434 };
	struct pma_config cfg;
	struct pma *p;

	(void)state;
	pma_config_defaults(&cfg);
	cfg.addr = PMA1;
	cfg.ha = HA_ADDR;
	p = pma_create(&cfg, &clk, io_mem_io(mem));
	assert_non_null(p);
	pma_lines = 0;
	pma_set_log(p, pma_capture, NULL);
	for (int i = 0; i < 100; i++)
		pma_input(p, &e, junk, sizeof junk);
	assert_int_equal(pma_counters(p)->dropped, 100);
	assert_int_equal(pma_lines, LOGLIMIT_PER_PEER);
	assert_int_equal(pma_counters(p)->log_suppressed, 100 - LOGLIMIT_PER_PEER);
	vc.now_ns += NS_PER_S;
	pma_input(p, &e, junk, sizeof junk);
	assert_string_equal(pma_last, "discard from 192.0.2.1: message type not for a PMA "
				      "(95 similar lines suppressed)");
	pma_destroy(p);
	io_mem_destroy(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_imsi),
		cmocka_unit_test(test_loglimit),
		cmocka_unit_test_setup_teardown(test_log_injection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_flood, setup, teardown),
		cmocka_unit_test_setup_teardown(test_revocation_replay, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hoa_dotted, setup, teardown),
		cmocka_unit_test(test_pma_flood),
	};

	return cmocka_run_group_tests_name("harden", tests, NULL, NULL);
}
