/* test_ha_conf.c — the settings of `pmip4ct ha` (ha_conf.h): every option on the command
 * line, the configuration file in the one language (comments, ';', continuation, quoting),
 * errors with their option or their file:line:col, `--fault list`, options and files
 * applied in argv order, and the HA's own addresses; plus the summary line (ha_dump.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "binding.h"
#include "conf_test_util.h"
#include "ha_conf.h"
#include "ha_dump.h"
#include "pool.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))
#define KEY "hex:000102030405060708090a0b0c0d0e0f"

static struct ha_conf conf; /* large: not on the stack */
static char err[CONF_ERR];

static void conf_reset(struct conf *c)
{
	conf_finish(c);
	ha_conf_init((struct ha_conf *)c);
}

static const struct conf_test ct = { "ha", "ha.conf", &conf.base, err, sizeof err, conf_reset };

#define write_conf(content)           ct_write_conf("test_ha_conf", content)

static int setup(void **state)
{
	(void)state;
	ha_conf_init(&conf);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	conf_finish(&conf.base);
	return 0;
}

static void test_defaults(void **state)
{
	const struct ha_config *c = &conf.cfg;

	(void)state;
	assert_int_equal(args(NULL), 0);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), 0);
	assert_int_equal(conf.n_listen, 1);
	assert_int_equal(conf.listen[0].addr, 0);
	assert_int_equal(conf.listen[0].port, 434);
	assert_int_equal(c->n_addrs, 0);
	assert_int_equal(c->n_sa, 0);
	assert_null(c->pool);
	assert_int_equal(c->max_lifetime, 1800);
	assert_true(c->pmip);
	assert_true(c->revocation);
	assert_false(c->revocation_inform);
	assert_true(c->gre);
	assert_true(c->reverse_tunnel);
	assert_false(c->require_t);
	assert_false(c->simultaneous);
	assert_int_equal(c->redirect_to, 0);
	assert_int_equal(c->home_bcast, 0);
	assert_int_equal(c->ident_mode, HA_IDENT_TIMESTAMP);
	assert_int_equal(c->ident_window_ms, 7000);
	assert_true(bitset_empty(&c->faults));
	assert_int_equal(conf.base.log, HA_LOG_INFO);
	assert_string_equal(conf.tun, "");
	assert_false(conf.base.help);
	assert_false(conf.base.fault_list);
}

static void test_every_option(void **state)
{
	const struct ha_config *c = &conf.cfg;

	(void)state;
	assert_int_equal(args("--listen", "127.0.0.2:4434", "--listen=127.0.0.3",
			      "--ha-addr", "127.0.0.9", "--sa", "spi=256,key=" KEY ",kind=fa-ha",
			      "--sa", "spi=300,key=" KEY ",nai=mn1@example.net", "--pool",
			      "10.10.0.0/24", "--max-lifetime", "600", "--pmip", "off",
			      "--disallow", "127.0.0.66", "--revocation", "off",
			      "--revocation-inform", "on", "--gre", "off", "--reverse-tunnel",
			      "required", "--simultaneous", "3", "--redirect", "127.0.0.7",
			      "--home-bcast", "127.0.0.255", "--ident", "nonce", "--window", "2500",
			      "--fault", "accept-replay", "--fault", "no-dereg", "--log", "debug",
			      "--tun", "pcttun0", NULL),
			 0);
	assert_int_equal(conf.n_listen, 2);
	assert_int_equal(conf.listen[0].addr, IP(127, 0, 0, 2));
	assert_int_equal(conf.listen[0].port, 4434);
	assert_int_equal(conf.listen[1].addr, IP(127, 0, 0, 3));
	assert_int_equal(conf.listen[1].port, 434);
	assert_int_equal(conf.n_ha_addr, 1);
	assert_int_equal(c->n_sa, 2);
	assert_int_equal(c->sa[0].spi, 256);
	assert_int_equal(c->sa[0].kind, AUTH_KIND_FAHA);
	assert_int_equal(c->sa[1].spi, 300);
	assert_int_equal(c->sa[1].match, AUTH_MATCH_NAI);
	assert_string_equal(c->sa[1].nai, "mn1@example.net");
	assert_non_null(c->pool);
	assert_int_equal(pool_size(c->pool), 254);
	assert_int_equal(c->max_lifetime, 600);
	assert_false(c->pmip);
	assert_int_equal(c->n_disallow, 1);
	assert_int_equal(c->disallow[0], IP(127, 0, 0, 66));
	assert_false(c->revocation);
	assert_true(c->revocation_inform);
	assert_false(c->gre);
	assert_true(c->reverse_tunnel);
	assert_true(c->require_t);
	assert_true(c->simultaneous);
	assert_int_equal(c->max_simultaneous, 3);
	assert_int_equal(c->redirect_to, IP(127, 0, 0, 7));
	assert_int_equal(c->home_bcast, IP(127, 0, 0, 255));
	assert_int_equal(c->ident_mode, HA_IDENT_NONCE);
	assert_int_equal(c->ident_window_ms, 2500);
	assert_int_equal(c->faults.w[0], 1u << HA_FAULT_ACCEPT_REPLAY | 1u << HA_FAULT_NO_DEREG);
	assert_int_equal(conf.base.log, HA_LOG_DEBUG);
	assert_string_equal(conf.tun, "pcttun0");

	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), 0);
	assert_int_equal(c->n_addrs, 3);
	assert_int_equal(c->addrs[0], IP(127, 0, 0, 2));
	assert_int_equal(c->addrs[1], IP(127, 0, 0, 3));
	assert_int_equal(c->addrs[2], IP(127, 0, 0, 9));
}

static void test_value_variants(void **state)
{
	const struct ha_config *c = &conf.cfg;

	(void)state;
	assert_int_equal(args("--reverse-tunnel", "required", "--reverse-tunnel", "off", NULL), 0);
	assert_false(c->reverse_tunnel);
	assert_false(c->require_t);
	assert_int_equal(args("--reverse-tunnel", "on", "--ident", "seq-ext", "--ident",
			      "timestamp", "--log", "warn", "--simultaneous", "2",
			      "--simultaneous", "0", NULL),
			 0);
	assert_true(c->reverse_tunnel);
	assert_false(c->require_t);
	assert_false(c->simultaneous);
	assert_int_equal(c->ident_mode, HA_IDENT_TIMESTAMP);
	assert_int_equal(conf.base.log, HA_LOG_WARN);
	assert_int_equal(args("--ident", "seq-ext", "--log", "info", NULL), 0);
	assert_int_equal(c->ident_mode, HA_IDENT_SEQEXT);
	assert_int_equal(conf.base.log, HA_LOG_INFO);
	/* 0.0.0.0 undoes a redirect or a broadcast address; "none" undoes the faults */
	assert_int_equal(args("--redirect", "127.0.0.7", "--redirect", "0.0.0.0", "--home-bcast",
			      "127.0.0.255", "--home-bcast", "0.0.0.0", "--fault", "wrong-ident-copy",
			      "--fault", "none", NULL),
			 0);
	assert_int_equal(c->redirect_to, 0);
	assert_int_equal(c->home_bcast, 0);
	assert_true(bitset_empty(&c->faults));
	/* bounds, and 0x numbers; a second pool replaces the first */
	assert_int_equal(args("--max-lifetime", "1", "--window", "0x10", "--pool", "10.0.0.0/8",
			      "--pool", "10.1.0.0/30", "--listen", "127.0.0.4:0", NULL),
			 0);
	assert_int_equal(c->max_lifetime, 1);
	assert_int_equal(c->ident_window_ms, 16);
	assert_int_equal(pool_size(c->pool), 2);
	assert_int_equal(conf.listen[0].port, 0);
	assert_int_equal(args("--max-lifetime", "65535", "--simultaneous", "255", NULL), 0);
	assert_int_equal(c->max_lifetime, 65535);
	assert_int_equal(c->max_simultaneous, 255);
}

static void test_option_errors(void **state)
{
	(void)state;
	expect_arg_error("--sa 'spi=256,key=hex:0g': column 18: key has a non-hex digit", "--sa",
			 "spi=256,key=hex:0g", NULL);
	expect_arg_error("--pool '10.0.0.0/33': bad CIDR: prefix length out of range /8../30 in "
			 "10.0.0.0/33",
			 "--pool", "10.0.0.0/33", NULL);
	expect_arg_error("--pool '10.0.0.1/24': bad CIDR: host bits set in 10.0.0.1/24", "--pool",
			 "10.0.0.1/24", NULL);
	expect_arg_error("--max-lifetime '0': expected a number 1-65535", "--max-lifetime", "0",
			 NULL);
	expect_arg_error("--max-lifetime '65536': expected a number 1-65535", "--max-lifetime",
			 "65536", NULL);
	expect_arg_error("--window '0': expected a number 1-86400000", "--window", "0", NULL);
	expect_arg_error("--simultaneous '256': expected a number 0-255", "--simultaneous", "256",
			 NULL);
	expect_arg_error("--pmip 'yes': expected on or off", "--pmip", "yes", NULL);
	expect_arg_error("--gre 'ON': expected on or off", "--gre", "ON", NULL);
	expect_arg_error("--revocation '': expected on or off", "--revocation", "", NULL);
	expect_arg_error("--revocation-inform '1': expected on or off", "--revocation-inform",
			 "1", NULL);
	expect_arg_error("--reverse-tunnel 'must': expected on, off or required",
			 "--reverse-tunnel", "must", NULL);
	expect_arg_error("--ident 'ntp': expected timestamp, nonce or seq-ext", "--ident", "ntp",
			 NULL);
	expect_arg_error("--log 'error': expected debug, info or warn", "--log", "error", NULL);
	expect_arg_error("--tun '': expected a device name of 1-15 characters, no / : or blank",
			 "--tun", "", NULL);
	expect_arg_error("--tun 'home0123456789ab': expected a device name of 1-15 characters, "
			 "no / : or blank",
			 "--tun", "home0123456789ab", NULL);
	expect_arg_error("--tun 'a/b': expected a device name of 1-15 characters, no / : or "
			 "blank",
			 "--tun", "a/b", NULL);
	expect_arg_error("--listen '127.0.0.300': expected ADDR[:PORT] with an IPv4 address",
			 "--listen", "127.0.0.300", NULL);
	expect_arg_error("--listen '127.0.0.1:65536': expected a port 0-65535 after ':'",
			 "--listen", "127.0.0.1:65536", NULL);
	expect_arg_error("--listen '127.0.0.1:': expected a port 0-65535 after ':'", "--listen",
			 "127.0.0.1:", NULL);
	expect_arg_error("--ha-addr '0.0.0.0': expected a unicast IPv4 address", "--ha-addr",
			 "0.0.0.0", NULL);
	expect_arg_error("--disallow 'pma1': expected an IPv4 address", "--disallow", "pma1",
			 NULL);
	expect_arg_error("--redirect 'x': expected an IPv4 address (0.0.0.0 = none)",
			 "--redirect", "x", NULL);
	expect_arg_error("--home-bcast '1.2.3': expected an IPv4 address (0.0.0.0 = none)",
			 "--home-bcast", "1.2.3", NULL);
	expect_arg_error("--fault 'acept-replay': unknown fault (did you mean 'accept-replay'?)",
			 "--fault", "acept-replay", NULL);
	expect_arg_error("--fault 'everything': unknown fault ('--fault list' shows them)",
			 "--fault", "everything", NULL);
	expect_arg_error("unknown option '--lisen' (did you mean '--listen'?)", "--lisen",
			 "127.0.0.1", NULL);
	expect_arg_error("unknown option '--max_lifetime=3' (did you mean '--max-lifetime'?)",
			 "--max_lifetime=3", NULL);
	expect_arg_error("unknown or ambiguous option '--rev'", "--rev", "on", NULL);
	expect_arg_error("unknown option '-x'", "-x", NULL);
	expect_arg_error("option '--listen' needs an argument", "--listen", NULL);
	expect_arg_error("option '-c' needs an argument", "-c", NULL);
	expect_arg_error("unexpected argument 'now'", "--pmip", "on", "now", NULL);
	expect_arg_error("/nonexistent/ha.conf: No such file or directory", "-c",
			 "/nonexistent/ha.conf", NULL);
}

static void test_limits(void **state)
{
	char a[32];

	(void)state;
	for (int i = 0; i < HA_LISTEN_MAX; i++) {
		snprintf(a, sizeof a, "127.0.1.%d:4434", i + 1);
		assert_int_equal(args("--listen", a, NULL), 0);
	}
	assert_int_equal(args("--listen", "127.0.2.1", NULL), -1);
	assert_string_equal(err, "--listen '127.0.2.1': at most 16 listen addresses");
	/* 16 addresses from --listen, one more is one too many */
	assert_int_equal(args("--ha-addr", "127.0.1.1", NULL), 0); /* a duplicate: fine */
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), 0);
	assert_int_equal(conf.cfg.n_addrs, 16);
	assert_int_equal(args("--ha-addr", "127.0.3.1", NULL), 0);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), -1);
	assert_string_equal(err, "more than 16 HA addresses (--listen, --ha-addr)");
}

static void test_help_and_fault_list(void **state)
{
	char *buf = NULL;
	size_t len = 0, lines = 0;
	FILE *f;

	(void)state;
	assert_int_equal(args("-h", NULL), 0);
	assert_true(conf.base.help);
	assert_int_equal(args("--fault", "list", NULL), 0);
	assert_true(conf.base.fault_list);
	assert_true(bitset_empty(&conf.cfg.faults));

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	conf_fault_list(&conf.base, f);
	fclose(f);
	for (char *line = buf, *nl; (nl = strchr(line, '\n')); line = nl + 1, lines++) {
		const char *name = ha_fault_name((enum ha_fault)lines);
		size_t n = strlen(name);

		assert_memory_equal(line, name, n);
		assert_memory_equal(line + n, "  ", 2);
		assert_memory_equal(line + n + 2, ha_fault_help((enum ha_fault)lines),
				    strlen(ha_fault_help((enum ha_fault)lines)));
	}
	assert_int_equal(lines, HA_FAULT_COUNT);
	free(buf);

	f = open_memstream(&buf, &len);
	conf_usage(&conf.base, f);
	fclose(f);
	assert_non_null(strstr(buf, "--reverse-tunnel on|off|required"));
	assert_non_null(strstr(buf, "-c FILE"));
	free(buf);
}

static void test_file(void **state)
{
	const struct ha_config *c = &conf.cfg;

	(void)state;
	assert_int_equal(text("# reference HA for the lab\n"
			      "listen 127.0.0.2:4434\n"
			      "sa spi=256,key=" KEY ",kind=fa-ha\n"
			      "pool 10.10.0.0/24   # home addresses\n"
			      "max-lifetime 600\n"
			      "fault accept-replay\n"
			      "\n"
			      "pmip off; gre off ;; revocation off\n"
			      "sa \"spi=300,key=ascii:a secret,nai=mn1@example.net\"\n"
			      "reverse-tunnel \\\n"
			      "    required   # continued\n"
			      "ha-addr 127.0.0.9\n"
			      "disallow 127.0.0.66\n"
			      "revocation-inform on\n"
			      "simultaneous 2\n"
			      "redirect 127.0.0.7\n"
			      "home-bcast 127.0.0.255\n"
			      "ident seq-ext\n"
			      "window 1000\n"
			      "log warn\n"
			      "tun home0123456789a\n"),
			 0);
	assert_int_equal(conf.n_listen, 1);
	assert_int_equal(conf.listen[0].addr, IP(127, 0, 0, 2));
	assert_int_equal(conf.listen[0].port, 4434);
	assert_int_equal(c->n_sa, 2);
	assert_int_equal(c->sa[1].key_len, 8);
	assert_memory_equal(c->sa[1].key, "a secret", 8);
	assert_non_null(c->pool);
	assert_int_equal(c->max_lifetime, 600);
	assert_int_equal(c->faults.w[0], 1u << HA_FAULT_ACCEPT_REPLAY);
	assert_false(c->pmip);
	assert_false(c->gre);
	assert_false(c->revocation);
	assert_true(c->require_t);
	assert_int_equal(conf.n_ha_addr, 1);
	assert_int_equal(c->n_disallow, 1);
	assert_true(c->revocation_inform);
	assert_int_equal(c->max_simultaneous, 2);
	assert_int_equal(c->redirect_to, IP(127, 0, 0, 7));
	assert_int_equal(c->home_bcast, IP(127, 0, 0, 255));
	assert_int_equal(c->ident_mode, HA_IDENT_SEQEXT);
	assert_int_equal(c->ident_window_ms, 1000);
	assert_int_equal(conf.base.log, HA_LOG_WARN);
	assert_string_equal(conf.tun, "home0123456789a");
	assert_int_equal(text(""), 0);
	assert_int_equal(text("# nothing but a comment"), 0);
}

static void test_file_errors(void **state)
{
	(void)state;
	expect_text_error("listen 127.0.0.2\n  lisen 127.0.0.3\n",
			  "ha.conf:2:3: unknown setting 'lisen' (did you mean 'listen'?)");
	expect_text_error("--listen 127.0.0.3\n",
			  "ha.conf:1:1: unknown setting '--listen' (did you mean 'listen'?)");
	expect_text_error("bogus 1\n", "ha.conf:1:1: unknown setting 'bogus'");
	expect_text_error("\n\npool 10.10.0.0/33\n",
			  "ha.conf:3:6: pool: bad CIDR: prefix length out of range /8../30 in "
			  "10.10.0.0/33");
	/* the SA parser's column lands on the offending character of the line */
	expect_text_error("sa spi=256,key=hex:0g\n", "ha.conf:1:21: sa: key has a non-hex digit");
	expect_text_error("sa \\\n   spi=256,key=hex:00,kind=xx\n",
			  "ha.conf:2:23: sa: kind must be mn-ha, fa-ha, mn-fa or mn-aaa");
	/* inside quotes, the column stays at the string */
	expect_text_error("sa \"spi=1,key=hex:00\"\n",
			  "ha.conf:1:4: sa: column 1: SPI 0-255 are reserved (RFC 5944 §1.6)");
	expect_text_error("pmip maybe\n", "ha.conf:1:6: pmip: expected on or off");
	expect_text_error("max-lifetime\n", "ha.conf:1:13: max-lifetime: missing S");
	expect_text_error("gre on # a comment\nlisten\t# nothing\n",
			  "ha.conf:2:7: listen: missing ADDR[:PORT]");
	expect_text_error("listen 127.0.0.1 4434\n",
			  "ha.conf:1:18: listen: one value only (unexpected '4434')");
	expect_text_error("window == 3\n", "ha.conf:1:8: window: expected MS");
	expect_text_error("\"listen\" 127.0.0.1\n", "ha.conf:1:1: expected a setting name");
	expect_text_error("fault list\n", "ha.conf:1:7: fault: 'list' works on the command line "
					  "only");
	expect_text_error("fault no-dereg\nfault nodereg\n",
			  "ha.conf:2:7: fault: unknown fault (did you mean 'no-dereg'?)");
	expect_text_error("sa \"spi=256\n",
			  "ha.conf:1:4: unterminated string (a string ends on its own line)");
}

/* Settings before an error stay applied; the error stops the file. */
static void test_file_stops_at_error(void **state)
{
	(void)state;
	assert_int_equal(text("max-lifetime 5\nbad 1\nmax-lifetime 6\n"), -1);
	assert_int_equal(conf.cfg.max_lifetime, 5);
}

static void test_argv_order(void **state)
{
	char *path = write_conf("listen 127.0.0.2:4434\n"
				"max-lifetime 600\n"
				"pmip off\n"
				"fault accept-replay\n"
				"sa spi=256,key=" KEY ",kind=fa-ha\n");

	(void)state;
	/* before -c: the file overrides; after: the option overrides; repeatables add */
	assert_int_equal(args("--max-lifetime", "100", "--listen", "127.0.0.3:5000", "-c", path,
			      "--pmip", "on", "--fault", "no-dereg", "--listen", "127.0.0.4:6000",
			      NULL),
			 0);
	assert_int_equal(conf.cfg.max_lifetime, 600);
	assert_true(conf.cfg.pmip);
	assert_int_equal(conf.cfg.faults.w[0],
			 1u << HA_FAULT_ACCEPT_REPLAY | 1u << HA_FAULT_NO_DEREG);
	assert_int_equal(conf.cfg.n_sa, 1);
	assert_int_equal(conf.n_listen, 3);
	assert_int_equal(conf.listen[0].port, 5000);
	assert_int_equal(conf.listen[1].port, 4434);
	assert_int_equal(conf.listen[2].port, 6000);
	assert_int_equal(args("-c", path, "--max-lifetime", "30", NULL), 0);
	assert_int_equal(conf.cfg.max_lifetime, 30);
	assert_int_equal(conf.cfg.n_sa, 2);
	unlink(path);

	/* a file's error names the file, the line and the column */
	path = write_conf("# lab\nmax-lifetime 600\nlisen 127.0.0.2\n");
	conf_finish(&conf.base);
	ha_conf_init(&conf);
	assert_int_equal(args("-c", path, NULL), -1);
	assert_non_null(strstr(err, ":3:1: unknown setting 'lisen' (did you mean 'listen'?)"));
	assert_memory_equal(err, path, strlen(path));
	unlink(path);
}

static void test_set_and_suggest(void **state)
{
	(void)state;
	assert_int_equal(conf_set(&conf.base, "max-lifetime", "77", err, sizeof err), 0);
	assert_int_equal(conf.cfg.max_lifetime, 77);
	assert_int_equal(conf_set(&conf.base, "max-lifetime", "x", err, sizeof err), -1);
	assert_string_equal(err, "expected a number 1-65535");
	assert_int_equal(conf_set(&conf.base, "lifetime", "1", err, sizeof err), -2);
	assert_string_equal(conf_suggest(&conf.base, "revocaton"), "revocation");
	assert_string_equal(conf_suggest(&conf.base, "revocation-infrom"), "revocation-inform");
	assert_string_equal(conf_suggest(&conf.base, "ha_addr"), "ha-addr");
	assert_string_equal(conf_suggest(&conf.base, "pol"), "pool");
	assert_null(conf_suggest(&conf.base, "xyz"));
	assert_null(conf_suggest(&conf.base, "x"));
}

static void test_take_pool(void **state)
{
	struct pool *p;

	(void)state;
	assert_int_equal(args("--pool", "10.10.0.0/24", NULL), 0);
	p = ha_conf_take_pool(&conf);
	assert_non_null(p);
	assert_null(conf.cfg.pool);
	pool_destroy(p);
}

/* --reserve: into the last --pool whatever the order, never assigned; errors. */
static void test_reserve(void **state)
{
	(void)state;
	assert_int_equal(args("--reserve", "10.10.0.1", "--pool", "10.0.0.0/30", "--pool",
			      "10.10.0.0/30", NULL),
			 0);
	assert_int_equal(conf.n_reserve, 1);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), 0);
	assert_int_equal(pool_take(conf.cfg.pool, IP(10, 10, 0, 1)), -1);
	assert_int_equal(pool_alloc(conf.cfg.pool), IP(10, 10, 0, 2));
	assert_int_equal(pool_alloc(conf.cfg.pool), 0);

	conf_finish(&conf.base);
	ha_conf_init(&conf);
	assert_int_equal(text("pool 10.10.0.0/30\nreserve 10.10.0.1\nreserve 10.10.0.2\n"), 0);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), 0);
	assert_int_equal(pool_alloc(conf.cfg.pool), 0);

	conf_finish(&conf.base);
	ha_conf_init(&conf);
	assert_int_equal(args("--pool", "10.10.0.0/24", "--reserve", "10.20.0.1", NULL), 0);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), -1);
	assert_string_equal(err, "reserve: 10.20.0.1 is outside the pool");
	conf_finish(&conf.base);
	ha_conf_init(&conf);
	assert_int_equal(args("--reserve", "10.10.0.1", NULL), 0);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), -1);
	assert_string_equal(err, "reserve: 10.10.0.1 is outside the pool");
	expect_arg_error("--reserve 'x': expected an IPv4 address", "--reserve", "x", NULL);
	expect_text_error("reserve 10.10.0.300\n",
			  "ha.conf:1:9: reserve: expected an IPv4 address");
}

/* The data plane's line: refusals by name, only those that happened. */
static void test_dump_fwd(void)
{
	static const char want[] =
		"pmip4ct ha: data plane: to-mn 0 ok, refused 0; from-mn 2 ok, refused 4 "
		"(not-ours:1 bad-outer-src:3); relay 1 ok, refused 0; send errors 5\n";
	struct ha_fwd_stats st;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	memset(&st, 0, sizeof st);
	st.from_mn[FWD_OK] = 2;
	st.from_mn[FWD_NOT_OURS] = 1;
	st.from_mn[FWD_BAD_OUTER_SRC] = 3;
	st.relay[FWD_OK] = 1;
	f = open_memstream(&buf, &len);
	ha_dump_fwd(f, "pmip4ct ha: ", &st, 5);
	fclose(f);
	assert_string_equal(buf, want);
	free(buf);
}

/* The live data plane's host line, and the fwd-drop count only under that fault. */
static void test_dump_host_fault(void)
{
	struct clk_virtual vc = { 1700000000ull * 1000000000ull, 1 };
	struct clk clk = clk_virtual(&vc);
	struct ha_fwd_stats st;
	struct ha_config cfg = conf.cfg;
	char *buf = NULL;
	size_t len = 0;
	struct ha *ha;
	FILE *f;

	memset(&st, 0, sizeof st);
	st.from_mn[FWD_FAULT_DROP] = 7;
	st.to_mn[FWD_FAULT_DROP] = 3;
	f = open_memstream(&buf, &len);
	ha_dump_host(f, "pmip4ct ha: ", 12, 2, "hatun");
	ha = ha_create(&cfg, &clk);
	assert_non_null(ha);
	ha_dump_fwd_fault(f, "pmip4ct ha: ", ha, &st); /* no fault: nothing */
	ha_destroy(ha);
	bitset_add(&cfg.faults, HA_FAULT_FWD_DROP);
	ha = ha_create(&cfg, &clk);
	assert_non_null(ha);
	ha_dump_fwd_fault(f, "pmip4ct ha: ", ha, &st);
	ha_destroy(ha);
	fclose(f);
	assert_string_equal(buf, "pmip4ct ha: data plane: to the host 12 direct, 2 through hatun\n"
				 "pmip4ct ha: fault fwd-drop dropped 7 up, 3 down\n");
	free(buf);
}

static void test_dump(void **state)
{
	static const char want[] =
		"pmip4ct ha: rx 0 rrq, tx 0 rrp; codes none; drops 0; bindings 0\n"
		"pmip4ct ha: revocations 0 (retransmits 0, acked 0, abandoned 0, pending 0); "
		"expired 0; auth failures 0; unexpected 0; log lines suppressed 0\n"
		"NAI ";
	struct clk_virtual vc = { 1700000000ull * 1000000000ull, 1 };
	struct clk clk = clk_virtual(&vc);
	char *buf = NULL, flags[12];
	size_t len = 0;
	struct ha *ha;
	FILE *f;

	(void)state;
	ha = ha_create(&conf.cfg, &clk);
	assert_non_null(ha);
	f = open_memstream(&buf, &len);
	ha_dump_summary(f, "pmip4ct ha: ", ha);
	ha_dump_bindings(f, ha, vc.now_ns);
	fclose(f);
	assert_memory_equal(buf, want, strlen(want));
	free(buf);
	ha_destroy(ha);
	assert_string_equal(ha_dump_flags(0, flags), "-");
	test_dump_fwd();
	test_dump_host_fault();
	assert_string_equal(ha_dump_flags(BND_PMIP | BND_PERNODE | BND_T | BND_GRE | BND_REV |
						  BND_POOL,
					  flags),
			    "PNTGRD");
	assert_string_equal(ha_dump_flags(0x1ff, flags), "PNSTGMRID");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_option, setup, teardown),
		cmocka_unit_test_setup_teardown(test_value_variants, setup, teardown),
		cmocka_unit_test_setup_teardown(test_option_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_and_fault_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_stops_at_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_argv_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_and_suggest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_take_pool, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reserve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dump, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
