/* test_gen_prof.c — the profile of `pmip4ct gen` (pmip4ct-gen(5)): every command into its
 * field, the defaults, every kind of error at its line:column, the example profiles of
 * testsuites/gen, the hash of a parsed profile, and the shards (--shard i/N, the
 * Kubernetes and Slurm variables, the slices of the devices).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "gen.h"

#define ERRLEN 512

static int parse(struct gen_prof *p, const char *text, char *err)
{
	err[0] = '\0';
	return gen_prof_parse(p, "t.gen", text, strlen(text), err, ERRLEN);
}

/* ---- commands ---- */

static void test_every_command(void **state)
{
	static const char text[] =
		"devices 500 nai \"u%u@x.example\" first 7 mac 02:aa:00:00:00:10\n"
		"pma 10.1.0.1\n"
		"pma 10.1.0.2\n"
		"ha 10.1.0.9:4343\n"
		"sa spi=300,key=ascii:secret,kind=fa-ha\n"
		"encap ipip\n"
		"lifetime 120\n"
		"renew 0.25\n"
		"register rate 2000/s ramp 500ms\n"
		"revocation off\n"
		"flow a up rate 1.5 size 100 pattern poisson start 1s stop 2m port 7000\n"
		"flow b both rate 3 size 56 pattern burst 4\n"
		"flow c down size 1472 rate 1   # keys in any order\n"
		"handover rate 10 start 5 stop 20\n"
		"revoke rate 0.5\n"
		"duration 2m\n"
		"cn 10.9.0.2\n"
		"home-if home0\n"
		"access-if acc0\n"
		"series 250ms\n"
		"reply-ms 300\n";
	static const uint8_t mac[6] = { 0x02, 0xaa, 0, 0, 0, 0x10 };
	struct gen_prof p;
	char err[ERRLEN];

	(void)state;
	assert_int_equal(parse(&p, text, err), 0);
	assert_string_equal(err, "");
	assert_string_equal(p.file, "t.gen");
	assert_int_equal(p.devices, 500);
	assert_string_equal(p.nai_fmt, "u%u@x.example");
	assert_int_equal(p.first, 7);
	assert_memory_equal(p.mac_base, mac, 6);
	assert_int_equal(p.n_pma, 2);
	assert_int_equal(p.pma[0], 0x0a010001);
	assert_int_equal(p.pma[1], 0x0a010002);
	assert_int_equal(p.ha, 0x0a010009);
	assert_int_equal(p.ha_port, 4343);
	assert_true(p.sa_set);
	assert_int_equal(p.sa.spi, 300);
	assert_int_equal(p.sa.kind, AUTH_KIND_FAHA);
	assert_int_equal(p.sa.key_len, 6);
	assert_int_equal(p.encap, GEN_ENCAP_IPIP);
	assert_int_equal(p.lifetime, 120);
	assert_true(p.renew == 0.25);
	assert_true(p.reg_rate == 2000);
	assert_true(p.reg_ramp_s == 0.5);
	assert_false(p.revocation);
	assert_int_equal(p.n_flow, 3);
	assert_string_equal(p.flow[0].name, "a");
	assert_true(p.flow[0].dir[GEN_UP] && !p.flow[0].dir[GEN_DOWN]);
	assert_true(p.flow[0].pps == 1.5);
	assert_int_equal(p.flow[0].size, 100);
	assert_int_equal(p.flow[0].pattern, GEN_PAT_POISSON);
	assert_true(p.flow[0].start_s == 1 && p.flow[0].stop_s == 120);
	assert_int_equal(p.flow[0].port, 7000);
	assert_true(p.flow[1].dir[GEN_UP] && p.flow[1].dir[GEN_DOWN]);
	assert_int_equal(p.flow[1].pattern, GEN_PAT_BURST);
	assert_int_equal(p.flow[1].burst, 4);
	assert_int_equal(p.flow[1].size, 56);
	assert_int_equal(p.flow[1].port, 9001); /* 9000 + its index */
	assert_true(!p.flow[2].dir[GEN_UP] && p.flow[2].dir[GEN_DOWN]);
	assert_int_equal(p.flow[2].pattern, GEN_PAT_CONSTANT);
	assert_int_equal(p.flow[2].size, 1472);
	assert_int_equal(p.flow[2].port, 9002);
	assert_true(p.flow[2].start_s == 0 && p.flow[2].stop_s == 0);
	assert_true(p.handover.rate == 10);
	assert_true(p.handover.start_s == 5 && p.handover.stop_s == 20);
	assert_true(p.revoke.rate == 0.5);
	assert_true(p.revoke.start_s == 0 && p.revoke.stop_s == 0);
	assert_true(p.duration_s == 120);
	assert_int_equal(p.cn, 0x0a090002);
	assert_string_equal(p.home_if, "home0");
	assert_string_equal(p.access_if, "acc0");
	assert_true(p.series_s == 0.25);
	assert_int_equal(p.reply_ms, 300);
}

static void test_defaults(void **state)
{
	static const uint8_t mac[6] = { 0x02, 0x10, 0, 0, 0, 0 };
	struct gen_prof p;
	char err[ERRLEN];

	(void)state;
	memset(&p, 0x5a, sizeof p);
	assert_int_equal(parse(&p, "devices 3; pma 192.0.2.1", err), 0);
	assert_int_equal(p.devices, 3);
	assert_string_equal(p.nai_fmt, "mn%u@gen.example");
	assert_int_equal(p.first, 1);
	assert_memory_equal(p.mac_base, mac, 6);
	assert_int_equal(p.n_pma, 1);
	assert_int_equal(p.ha, 0);
	assert_int_equal(p.ha_port, 434);
	assert_false(p.sa_set);
	assert_int_equal(p.encap, GEN_ENCAP_GRE);
	assert_int_equal(p.lifetime, 300);
	assert_true(p.renew == 0.5);
	assert_true(p.reg_rate == 1000 && p.reg_ramp_s == 0);
	assert_true(p.revocation);
	assert_int_equal(p.n_flow, 0);
	assert_true(p.handover.rate == 0 && p.revoke.rate == 0);
	assert_true(p.duration_s == 30);
	assert_int_equal(p.cn, 0);
	assert_string_equal(p.home_if, "");
	assert_string_equal(p.access_if, "");
	assert_true(p.series_s == 1);
	assert_int_equal(p.reply_ms, 1000);
}

/* The units of durations and rates. */
static void test_units(void **state)
{
	static const struct {
		const char *dur;
		double s;
	} d[] = { { "7", 7 }, { "7s", 7 }, { "1500ms", 1.5 }, { "2m", 120 }, { "0.5", 0.5 },
		  { "2.5m", 150 } };
	struct gen_prof p;
	char text[128], err[ERRLEN];

	(void)state;
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
		snprintf(text, sizeof text, "devices 1\npma 10.0.0.1\nduration %s\n", d[i].dur);
		assert_int_equal(parse(&p, text, err), 0);
		assert_true(p.duration_s == d[i].s);
	}
	assert_int_equal(parse(&p, "devices 1\npma 10.0.0.1\nhandover rate 0\n", err), 0);
	assert_true(p.handover.rate == 0);
	assert_int_equal(parse(&p, "devices 1\npma 10.0.0.1\nregister rate 5/s\n", err), 0);
	assert_true(p.reg_rate == 5);
}

/* ---- errors ---- */

#define HEAD "devices 10\npma 10.0.0.1\n" /* lines 1 and 2 */

static const struct {
	const char *text;
	const char *err;
} bad[] = {
	/* numbers, durations, rates */
	{ HEAD "register rate 20x\n",
	  "t.gen:3:15: rate '20x': not a number (per second, optionally written N/s)" },
	{ HEAD "register rate 0\n", "t.gen:3:15: rate '0': must be more than 0" },
	{ HEAD "register rate 1e3\n",
	  "t.gen:3:15: rate '1e3': not a number (per second, optionally written N/s)" },
	{ HEAD "duration 5h\n",
	  "t.gen:3:10: duration '5h': not a duration (seconds, or a number with ms, s or m)" },
	{ HEAD "duration 0s\n", "t.gen:3:10: duration '0s': must be more than 0" },
	{ HEAD "duration 1.2.3\n",
	  "t.gen:3:10: duration '1.2.3': not a duration (seconds, or a number with ms, s or "
	  "m)" },
	{ HEAD "duration 99999999999\n", "t.gen:3:10: duration '99999999999': more than "
	  "1000000000" },
	{ HEAD "series 0ms\n", "t.gen:3:8: series '0ms': must be more than 0" },
	{ HEAD "lifetime 65535\n", "t.gen:3:10: lifetime '65535': out of range 1..65534" },
	{ HEAD "lifetime 0\n", "t.gen:3:10: lifetime '0': out of range 1..65534" },
	{ HEAD "lifetime x\n", "t.gen:3:10: lifetime 'x': not a number" },
	{ HEAD "renew 0\n", "t.gen:3:7: renew '0': expected a share of the lifetime between 0 "
	  "and 1, both excluded" },
	{ HEAD "renew 1\n", "t.gen:3:7: renew '1': expected a share of the lifetime between 0 "
	  "and 1, both excluded" },
	{ HEAD "reply-ms 0\n", "t.gen:3:10: reply-ms '0': out of range 1..60000" },
	/* devices */
	{ "devices 0\npma 10.0.0.1\n", "t.gen:1:9: devices '0': out of range 1..1000000" },
	{ "devices 1000001\n", "t.gen:1:9: devices '1000001': out of range 1..1000000" },
	{ "devices\n", "t.gen:1:8: devices: missing a number" },
	{ "devices 10 nai mn%s\n", "t.gen:1:16: nai 'mn%s': expected exactly one %u (the "
	  "device number) and no other %" },
	{ "devices 10 nai mn%u%u\n", "t.gen:1:16: nai 'mn%u%u': expected exactly one %u (the "
	  "device number) and no other %" },
	{ "devices 10 nai mn\n", "t.gen:1:16: nai 'mn': expected exactly one %u (the device "
	  "number) and no other %" },
	{ "devices 10 nai \"a %u\"\n", "t.gen:1:16: nai 'a %u': a blank or a byte that is not "
	  "printable ASCII" },
	{ "devices 10 first 4294967290\n", "t.gen:1:18: first '4294967290': the last device "
	  "number passes 4294967295" },
	{ "devices 10 mac 03:00:00:00:00:00\n", "t.gen:1:16: mac '03:00:00:00:00:00': a "
	  "multicast address (the first byte is odd)" },
	{ "devices 10 mac 02:00:00:00:00\n", "t.gen:1:16: mac '02:00:00:00:00': expected "
	  "XX:XX:XX:XX:XX:XX" },
	{ "devices 10 nia x%u\n", "t.gen:1:12: devices: unknown key 'nia' (did you mean "
	  "'nai'?)" },
	{ "devices 10 first 1 first 2\n", "t.gen:1:20: devices: 'first' given twice" },
	{ "devices 10 first\n", "t.gen:1:17: first: missing a number" },
	/* pma, ha, cn */
	{ HEAD "pma 10.0.0.1\n", "t.gen:3:5: pma '10.0.0.1': given twice (first at 2:5)" },
	{ HEAD "pma 10.0.0\n", "t.gen:3:5: pma '10.0.0': expected a unicast IPv4 address" },
	{ HEAD "pma 0.0.0.0\n", "t.gen:3:5: pma '0.0.0.0': expected a unicast IPv4 address" },
	{ HEAD "ha 10.0.0.2:70000\n", "t.gen:3:13: ha port '70000': out of range 1..65535" },
	{ HEAD "ha 10.0.0.x:434\n", "t.gen:3:4: ha '10.0.0.x': expected a unicast IPv4 "
	  "address" },
	{ HEAD "cn 10.0.0.2 10.0.0.3\n", "t.gen:3:13: unexpected '10.0.0.3' after cn" },
	/* sa: auth_sa_parse's column is the file's */
	{ HEAD "sa spi=256,key=hex:0g\n", "t.gen:3:21: sa: key has a non-hex digit" },
	{ HEAD "sa spi=25,key=hex:00\n", "t.gen:3:4: sa: SPI 0-255 are reserved (RFC 5944 "
	  "§1.6)" },
	/* words */
	{ HEAD "encap gtp\n", "t.gen:3:7: encap 'gtp': expected ipip or gre" },
	{ HEAD "revocation maybe\n", "t.gen:3:12: revocation 'maybe': expected on or off" },
	{ HEAD "home-if a/b\n", "t.gen:3:9: home-if 'a/b': expected a device name of 1-15 "
	  "characters, no / : or blank" },
	/* flows */
	{ HEAD "flow x sideways rate 1 size 100\n", "t.gen:3:8: direction 'sideways': expected "
	  "up, down or both" },
	{ HEAD "flow x up rate 1 size 55\n", "t.gen:3:23: size '55': out of range 56..1472" },
	{ HEAD "flow x up rate 1 size 1473\n", "t.gen:3:23: size '1473': out of range "
	  "56..1472" },
	{ HEAD "flow x up rate 1\n", "t.gen:3:17: flow: missing 'size'" },
	{ HEAD "flow x up size 100\n", "t.gen:3:19: flow: missing 'rate'" },
	{ HEAD "flow x up rate 1 size 100 pattern burst\n", "t.gen:3:40: burst: missing "
	  "packets per burst" },
	{ HEAD "flow x up rate 1 size 100 pattern uniform\n", "t.gen:3:35: pattern 'uniform': "
	  "expected constant, poisson or burst" },
	{ HEAD "flow x up rate 1 size 100 port 0\n", "t.gen:3:32: port '0': out of range "
	  "1..65535" },
	{ HEAD "flow x up rate 1 size 100 start 5 stop 5\n", "t.gen:3:40: stop '5': must be "
	  "after the start (5s)" },
	{ HEAD "flow x up rate 1 size 100\nflow x down rate 1 size 100\n", "t.gen:4:6: flow "
	  "'x': a second flow of that name (the first at line 3)" },
	{ HEAD "flow a/b up rate 1 size 100\n", "t.gen:3:6: flow 'a/b': a name is 1-31 "
	  "letters, digits, '-', '_' or '.'" },
	{ HEAD "flow x up rate 1 size 100 szie 5\n", "t.gen:3:27: flow: unknown key 'szie' "
	  "(did you mean 'size'?)" },
	/* handover, revoke */
	{ HEAD "handover rate 5 start 10s stop 5s\n", "t.gen:3:32: stop '5s': must be after the "
	  "start (10s)" },
	{ HEAD "revoke rate 5 stop 0\n", "t.gen:3:20: stop '0': must be after the start (0s)" },
	{ HEAD "handover start 5\n", "t.gen:3:17: handover: missing 'rate'" },
	{ HEAD "register ramp 2s\n", "t.gen:3:17: register: missing 'rate'" },
	{ HEAD "register rate 5 rmap 2s\n", "t.gen:3:17: register: unknown key 'rmap' (did you "
	  "mean 'ramp'?)" },
	{ HEAD "register rate 5 rate 6\n", "t.gen:3:17: register: 'rate' given twice" },
	/* commands */
	{ HEAD "duraton 5\n", "t.gen:3:1: unknown command 'duraton' (did you mean 'duration'?)" },
	{ HEAD "frobnicate 1\n", "t.gen:3:1: unknown command 'frobnicate' (pmip4ct-gen(5) lists "
	  "them)" },
	{ HEAD "\"duration\" 5\n", "t.gen:3:1: expected a command, not a quoted string" },
	{ HEAD "== 5\n", "t.gen:3:1: expected a command, not ==" },
	{ HEAD "duration 5\n\n# again\nduration 6\n", "t.gen:6:1: a second 'duration' (the "
	  "first at line 3)" },
	{ HEAD "devices 5\n", "t.gen:3:1: a second 'devices' (the first at line 1)" },
	/* required */
	{ "pma 10.0.0.1\n", "t.gen:2:1: no 'devices' command (it is required)" },
	{ "devices 10\n", "t.gen:2:1: no 'pma' command (at least one is required)" },
	{ "devices 10", "t.gen:1:11: no 'pma' command (at least one is required)" },
	{ "", "t.gen:1:1: no 'devices' command (it is required)" },
	/* the lexer's errors */
	{ HEAD "home-if \"abc\n", "t.gen:3:9: unterminated string (a string ends on its own line)" },
};

static void test_errors(void **state)
{
	struct gen_prof p;
	char err[ERRLEN];
	unsigned failed = 0;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (parse(&p, bad[i].text, err) != -1 || strcmp(err, bad[i].err)) {
			print_error("case %zu: %s\n  expected: %s\n  got:      %s\n", i,
				    bad[i].text, bad[i].err, err);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

/* A NUL byte is an error at its place, in a comment too. */
static void test_nul(void **state)
{
	static const char text[] = "devices 10\n# a\0b\npma 10.0.0.1\n";
	struct gen_prof p;
	char err[ERRLEN];

	(void)state;
	assert_int_equal(gen_prof_parse(&p, "t.gen", text, sizeof text - 1, err, sizeof err),
			 -1);
	assert_string_equal(err, "t.gen:2:4: NUL byte in the input");
}

static void test_too_many(void **state)
{
	char text[4096], err[ERRLEN], expect[128];
	struct gen_prof p;
	size_t n = 0;

	(void)state;
	n += (size_t)snprintf(text + n, sizeof text - n, "devices 1\n");
	for (int i = 0; i <= GEN_PMA_MAX; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "pma 10.0.1.%d\n", i + 1);
	assert_int_equal(parse(&p, text, err), -1);
	snprintf(expect, sizeof expect, "t.gen:%d:1: pma: more than %d", GEN_PMA_MAX + 2,
		 GEN_PMA_MAX);
	assert_string_equal(err, expect);

	n = (size_t)snprintf(text, sizeof text, "devices 1\npma 10.0.0.1\n");
	for (int i = 0; i <= GEN_FLOW_MAX; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "flow f%d up rate 1 size 100\n", i);
	assert_int_equal(parse(&p, text, err), -1);
	snprintf(expect, sizeof expect, "t.gen:%d:1: flow: more than %d flows", GEN_FLOW_MAX + 3,
		 GEN_FLOW_MAX);
	assert_string_equal(err, expect);
}

/* ---- files ---- */

/* Every profile shipped in testsuites/gen reads, and ha-10k.gen is what the issue asks. */
static void test_examples(void **state)
{
	char dir[1024], path[2048], err[ERRLEN];
	struct gen_prof p;
	struct dirent *e;
	unsigned n = 0;
	DIR *d;

	(void)state;
	snprintf(dir, sizeof dir, "%s/testsuites/gen", PMIP4CT_SRCDIR);
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len < 5 || strcmp(e->d_name + len - 4, ".gen"))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (gen_prof_load(&p, path, err, sizeof err) < 0)
			fail_msg("%s", err);
		n++;
	}
	closedir(d);
	assert_true(n >= 4);

	snprintf(path, sizeof path, "%s/ha-10k.gen", dir);
	assert_int_equal(gen_prof_load(&p, path, err, sizeof err), 0);
	assert_int_equal(p.devices, 10000);
	assert_int_equal(p.n_pma, 2);
	assert_int_equal(p.pma[0], 0x0afb0101);
	assert_int_equal(p.pma[1], 0x0afb0103);
	assert_int_equal(p.ha, 0x0afb0102);
	assert_int_equal(p.cn, 0x0afb0302);
	assert_string_equal(p.home_if, "home0");
	assert_int_equal(p.encap, GEN_ENCAP_GRE);
	assert_true(p.reg_rate == 2000 && p.reg_ramp_s == 2);
	assert_int_equal(p.n_flow, 1);
	assert_true(p.flow[0].dir[GEN_UP] && p.flow[0].dir[GEN_DOWN]);
	assert_true(p.flow[0].pps == 1 && p.flow[0].size == 128);
	assert_true(p.flow[0].start_s == 6 && p.flow[0].stop_s == 26);
	assert_true(p.handover.rate == 100);
	assert_true(p.handover.start_s == 8 && p.handover.stop_s == 24);
	assert_true(p.duration_s == 30);
}

/* A bare name is found as testsuites/NAME, testsuites/gen/NAME, with or without .gen. */
static void test_load_by_name(void **state)
{
	static const char *const names[] = { "ha-10k", "ha-10k.gen", "gen/ha-small" };
	char here[1024], err[4096];
	struct gen_prof p;

	(void)state;
	assert_non_null(getcwd(here, sizeof here));
	assert_int_equal(chdir(PMIP4CT_SRCDIR), 0);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(gen_prof_load(&p, names[i], err, sizeof err), 0);
		assert_string_equal(p.file, "testsuites/gen/ha-10k.gen");
		assert_int_equal(p.devices, 10000);
	}
	/* a name with a '/' is a path */
	assert_int_equal(gen_prof_load(&p, names[2], err, sizeof err), -1);
	assert_non_null(strstr(err, "gen/ha-small: "));
	assert_int_equal(gen_prof_load(&p, "no-such-profile", err, sizeof err), -1);
	assert_non_null(strstr(err, "no-such-profile: No such file or directory (searched "
				    "no-such-profile, testsuites/no-such-profile, "));
	assert_non_null(strstr(err, "testsuites/gen/no-such-profile.gen"));
	assert_int_equal(chdir(here), 0);
}

/* A file's errors name the file; one over 1 MiB is refused. */
static void test_load_file(void **state)
{
	char path[] = "/tmp/pmip4ct-gen-XXXXXX", err[ERRLEN], expect[ERRLEN];
	struct gen_prof p;
	int fd = mkstemp(path);
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("devices 10\npma 10.0.0.1\nrenew 2\n", f);
	fclose(f);
	assert_int_equal(gen_prof_load(&p, path, err, sizeof err), -1);
	snprintf(expect, sizeof expect, "%s:3:7: renew '2': expected a share of the lifetime "
		 "between 0 and 1, both excluded", path);
	assert_string_equal(err, expect);

	f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 70000; i++)
		fputs("# sixteen bytes\n", f);
	fclose(f);
	assert_int_equal(gen_prof_load(&p, path, err, sizeof err), -1);
	snprintf(expect, sizeof expect, "%s: longer than 1048576 bytes", path);
	assert_string_equal(err, expect);
	unlink(path);
}

/* ---- the hash ---- */

static void hash_of(const char *text, char out[65])
{
	struct gen_prof p;
	char err[ERRLEN];

	assert_int_equal(parse(&p, text, err), 0);
	gen_prof_hash(&p, out);
	assert_int_equal(strlen(out), 64);
	assert_int_equal(strspn(out, "0123456789abcdef"), 64);
}

static void test_hash(void **state)
{
	static const char a[] = "devices 100\npma 10.0.0.1\npma 10.0.0.2\n"
				"flow d both rate 2 size 128 start 6s stop 26s\nduration 30\n";
	static const char same[] = "# the same, written otherwise\n\tdevices   100 # devices\n"
				   "pma 10.0.0.1 ; pma 10.0.0.2\n\n"
				   "flow d both size 128 \\\n rate 2/s start 6 stop 26000ms\n"
				   "duration 0.5m\nencap gre\n";
	static const char *const other[] = {
		"devices 101\npma 10.0.0.1\npma 10.0.0.2\n"
		"flow d both rate 2 size 128 start 6s stop 26s\nduration 30\n",
		"devices 100\npma 10.0.0.2\npma 10.0.0.1\n"
		"flow d both rate 2 size 128 start 6s stop 26s\nduration 30\n",
		"devices 100\npma 10.0.0.1\npma 10.0.0.2\n"
		"flow d both rate 2 size 129 start 6s stop 26s\nduration 30\n",
		"devices 100\npma 10.0.0.1\npma 10.0.0.2\n"
		"flow d up rate 2 size 128 start 6s stop 26s\nduration 30\n",
		"devices 100\npma 10.0.0.1\npma 10.0.0.2\n"
		"flow d both rate 2 size 128 start 6s stop 26s\nduration 31\n",
		"devices 100\npma 10.0.0.1\npma 10.0.0.2\n"
		"flow d both rate 2 size 128 start 6s stop 26s\nduration 30\nrevocation off\n",
		"devices 100\npma 10.0.0.1\npma 10.0.0.2\n"
		"flow d both rate 2 size 128 start 6s stop 26s\nduration 30\nreply-ms 999\n",
	};
	char h1[65], h2[65], h3[65];
	struct gen_prof p;
	char err[ERRLEN];

	(void)state;
	hash_of(a, h1);
	hash_of(same, h2);
	assert_string_equal(h1, h2);
	/* the file's name is not part of it */
	assert_int_equal(gen_prof_parse(&p, "elsewhere/x.gen", a, strlen(a), err, sizeof err), 0);
	gen_prof_hash(&p, h3);
	assert_string_equal(h1, h3);
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		hash_of(other[i], h2);
		if (!strcmp(h1, h2))
			fail_msg("profile %zu hashes as the first", i);
	}
}

/* ---- shards ---- */

static void clear_env(void)
{
	unsetenv("JOB_COMPLETION_INDEX");
	unsetenv("SLURM_ARRAY_TASK_ID");
	unsetenv("SLURM_ARRAY_TASK_MIN");
}

static void shard_ok(const char *text, unsigned index, unsigned total)
{
	struct gen_shard s = { 0, 0 };
	char err[ERRLEN] = "";

	if (gen_shard_parse(&s, text, err, sizeof err) != 0)
		fail_msg("%s: %s", text, err);
	assert_int_equal(s.index, index);
	assert_int_equal(s.total, total);
}

static void shard_bad(const char *text, const char *expect)
{
	struct gen_shard s = { 9, 9 };
	char err[ERRLEN] = "";

	assert_int_equal(gen_shard_parse(&s, text, err, sizeof err), -1);
	assert_string_equal(err, expect);
	assert_int_equal(s.index, 9);
}

static void test_shard_parse(void **state)
{
	(void)state;
	clear_env();
	shard_ok("1/1", 1, 1);
	shard_ok("3/4", 3, 4);
	shard_ok("4096/4096", 4096, 4096);
	shard_bad("0/4", "shard '0/4': i is a number 1-4 (or auto)");
	shard_bad("5/4", "shard '5/4': i is a number 1-4 (or auto)");
	shard_bad("x/4", "shard 'x/4': i is a number 1-4 (or auto)");
	shard_bad("/4", "shard '/4': i is a number 1-4 (or auto)");
	shard_bad("1/0", "shard '1/0': N is a number 1-4096");
	shard_bad("1/4097", "shard '1/4097': N is a number 1-4096");
	shard_bad("1/", "shard '1/': N is a number 1-4096");
	shard_bad("3", "shard '3': expected i/N, auto/N or env/N");
	shard_bad("auto/4", "shard auto/4: neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID "
		  "is set");
}

static void test_shard_env(void **state)
{
	(void)state;
	clear_env();
	/* Kubernetes Indexed Job: 0-based */
	setenv("JOB_COMPLETION_INDEX", "0", 1);
	shard_ok("auto/4", 1, 4);
	setenv("JOB_COMPLETION_INDEX", "3", 1);
	shard_ok("env/4", 4, 4);
	shard_bad("auto/3", "JOB_COMPLETION_INDEX='3': shard 4 of auto/3, past the last");
	setenv("JOB_COMPLETION_INDEX", "x1", 1);
	shard_bad("auto/3", "JOB_COMPLETION_INDEX='x1': not a number");
	/* it wins over Slurm's */
	setenv("JOB_COMPLETION_INDEX", "1", 1);
	setenv("SLURM_ARRAY_TASK_ID", "3", 1);
	shard_ok("auto/4", 2, 4);
	clear_env();

	/* Slurm: counted from SLURM_ARRAY_TASK_MIN (--array=1-4 gives 1..4) */
	setenv("SLURM_ARRAY_TASK_ID", "1", 1);
	setenv("SLURM_ARRAY_TASK_MIN", "1", 1);
	shard_ok("auto/4", 1, 4);
	setenv("SLURM_ARRAY_TASK_ID", "4", 1);
	shard_ok("auto/4", 4, 4);
	setenv("SLURM_ARRAY_TASK_ID", "12", 1);
	setenv("SLURM_ARRAY_TASK_MIN", "10", 1);
	shard_ok("auto/4", 3, 4);
	setenv("SLURM_ARRAY_TASK_ID", "14", 1);
	shard_bad("auto/4", "SLURM_ARRAY_TASK_ID='14' (less SLURM_ARRAY_TASK_MIN): shard 5 of "
		  "auto/4, past the last");
	setenv("SLURM_ARRAY_TASK_ID", "9", 1);
	shard_bad("auto/4", "SLURM_ARRAY_TASK_ID='9' is below SLURM_ARRAY_TASK_MIN='10'");
	setenv("SLURM_ARRAY_TASK_MIN", "ten", 1);
	shard_bad("auto/4", "SLURM_ARRAY_TASK_MIN='ten': not a number");
	/* without SLURM_ARRAY_TASK_MIN: counted from 0 */
	unsetenv("SLURM_ARRAY_TASK_MIN");
	setenv("SLURM_ARRAY_TASK_ID", "0", 1);
	shard_ok("auto/4", 1, 4);
	setenv("SLURM_ARRAY_TASK_ID", "4", 1);
	shard_bad("auto/4", "SLURM_ARRAY_TASK_ID='4': shard 5 of auto/4, past the last");
	/* an explicit index does not look at the environment */
	shard_ok("2/4", 2, 4);
	clear_env();
}

/* The slices of 1..N tile 0..devices: contiguous, no overlap, sizes within one. */
static void test_shard_slice(void **state)
{
	static const uint32_t devices[] = { 0, 1, 2, 3, 7, 10, 100, 999, 10000, 100003,
					    GEN_DEVICES_MAX, UINT32_MAX };
	static const unsigned totals[] = { 1, 2, 3, 4, 5, 7, 8, 16, 64, 100, 1000, 4096 };

	(void)state;
	for (size_t a = 0; a < sizeof devices / sizeof devices[0]; a++)
		for (size_t b = 0; b < sizeof totals / sizeof totals[0]; b++) {
			uint32_t d = devices[a], next = 0, lo, hi, min = UINT32_MAX, max = 0;
			unsigned n = totals[b];

			for (unsigned i = 1; i <= n; i++) {
				struct gen_shard s = { i, n };

				gen_shard_slice(&s, d, &lo, &hi);
				assert_int_equal(lo, next);
				assert_true(hi >= lo);
				min = hi - lo < min ? hi - lo : min;
				max = hi - lo > max ? hi - lo : max;
				next = hi;
			}
			assert_int_equal(next, d);
			assert_true(max - min <= 1);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_command),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_load_by_name),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_shard_parse),
		cmocka_unit_test(test_shard_env),
		cmocka_unit_test(test_shard_slice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
