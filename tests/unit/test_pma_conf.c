/* test_pma_conf.c — the settings of `pmip4ct pma` (pma_conf.h): every option on the
 * command line, the configuration file in the one language (comments, ';', continuation),
 * errors with their option or their file:line:col, `--fault list`, options and files
 * applied in argv order, the required settings; plus the dump (pma_dump.h).
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

#include "conf_test_util.h"
#include "io_mem.h"
#include "pma_conf.h"
#include "pma_dump.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))
#define KEY "hex:000102030405060708090a0b0c0d0e0f"
#define SA  "spi=256,key=" KEY ",kind=fa-ha"

static struct pma_conf conf; /* large: not on the stack */
static char err[CONF_ERR];

static void conf_reset(struct conf *c)
{
	pma_conf_init((struct pma_conf *)c);
}

static const struct conf_test ct = { "pma", "pma.conf", &conf.base, err, sizeof err, conf_reset };

#define write_conf(content)           ct_write_conf("test_pma_conf", content)

static int setup(void **state)
{
	(void)state;
	pma_conf_init(&conf);
	return 0;
}

static void test_defaults(void **state)
{
	const struct pma_config *c = &conf.cfg;

	(void)state;
	assert_int_equal(args(NULL), 0);
	assert_int_equal(c->port, 434);
	assert_int_equal(c->ha_port, 434);
	assert_int_equal(c->lifetime, 1800);
	assert_int_equal(c->renew_pct, 75);
	assert_int_equal(c->retrans_ms, 1000);
	assert_int_equal(c->max_tries, 6);
	assert_false(c->gre);
	assert_true(c->revocation);
	assert_false(c->revocation_i);
	assert_false(c->revoke_on_detach);
	assert_true(c->reverse_tunnel);
	assert_true(c->send_devid);
	assert_false(c->send_ifid);
	assert_false(c->send_subid);
	assert_int_equal(c->acctech, 0);
	assert_int_equal(conf.link.netmask, 0xffffff00u);
	assert_int_equal(conf.link.lease_s, 3600);
	assert_string_equal(conf.link.nai_pattern, "%02x%02x%02x%02x%02x%02x@pmip4ct.example");
	assert_string_equal(conf.access, "");
	assert_int_equal(conf.base.log, CONF_LOG_INFO);
	/* the required settings */
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), -1);
	assert_string_equal(err, "--address is required");
	assert_int_equal(args("--address", "10.0.0.1", NULL), 0);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), -1);
	assert_string_equal(err, "--ha is required (0.0.0.0 for discovery)");
	assert_int_equal(args("--ha", "0.0.0.0", NULL), 0);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), -1);
	assert_string_equal(err, "--sa is required (kind=fa-ha)");
	assert_int_equal(args("--sa", SA, "--access", "acc", NULL), 0);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), -1);
	assert_string_equal(err, "--access needs --gateway");
	assert_int_equal(args("--gateway", "10.10.0.1", NULL), 0);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), 0);
	assert_int_equal(conf.link.core_addr, IP(10, 0, 0, 1));
	assert_null(conf.link.ifid);
}

static void test_every_option(void **state)
{
	const struct pma_config *c = &conf.cfg;

	(void)state;
	assert_int_equal(args("--address", "10.251.1.1", "--port", "4434", "--ha",
			      "255.255.255.255", "--ha-dst", "10.251.1.2", "--ha-port", "4435",
			      "--sa", SA, "--access", "acc", "--gateway", "10.10.0.1",
			      "--netmask", "/16", "--dns", "10.251.3.2", "--dns", "10.251.3.3",
			      "--lease", "60", "--nai-pattern", "%02X%02X%02X%02X%02X%02X@lab",
			      "--device", "02:00:00:00:00:01,mn1@lab,001010123456789",
			      "--device", "02:00:00:00:00:03,mn3@lab,,10.251.5.2",
			      "--device", "02:00:00:00:00:04,mn4@lab,00101,10.251.5.3",
			      "--attach", "02:00:00:00:00:02,mn2@lab", "--lifetime", "600",
			      "--renew-pct", "50", "--retrans-ms", "2000", "--max-tries", "3",
			      "--gre", "on", "--revocation", "off", "--revocation-inform", "on",
			      "--revoke-on-detach", "on", "--reverse-tunnel", "off", "--acctech", "lte", "--devid", "off",
			      "--ifid", "on", "--subid", "on", "--fault", "no-nai", "--log",
			      "debug", NULL),
			 0);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), 0);
	assert_int_equal(c->addr, IP(10, 251, 1, 1));
	assert_int_equal(c->port, 4434);
	assert_int_equal(c->ha, UINT32_MAX);
	assert_int_equal(c->ha_dst, IP(10, 251, 1, 2));
	assert_int_equal(c->ha_port, 4435);
	assert_int_equal(c->sa.spi, 256);
	assert_string_equal(conf.access, "acc");
	assert_int_equal(conf.link.gateway, IP(10, 10, 0, 1));
	assert_int_equal(conf.link.netmask, 0xffff0000u);
	assert_int_equal(conf.link.n_dns, 2);
	assert_int_equal(conf.link.dns[1], IP(10, 251, 3, 3));
	assert_int_equal(conf.link.lease_s, 60);
	assert_string_equal(conf.link.nai_pattern, "%02X%02X%02X%02X%02X%02X@lab");
	assert_int_equal(conf.n_dev, 3);
	assert_int_equal(conf.dev[0].mac[5], 1);
	assert_string_equal(conf.dev[0].nai, "mn1@lab");
	assert_string_equal(pma_conf_imsi(&conf, conf.dev[0].mac), "001010123456789");
	assert_int_equal(pma_conf_dev_ha(&conf, conf.dev[0].mac), 0);
	assert_null(pma_conf_imsi(&conf, conf.dev[1].mac));          /* MAC,NAI,,HA */
	assert_int_equal(pma_conf_dev_ha(&conf, conf.dev[1].mac), IP(10, 251, 5, 2));
	assert_string_equal(conf.dev[2].imsi, "00101");
	assert_int_equal(conf.dev[2].ha, IP(10, 251, 5, 3));
	assert_null(pma_conf_imsi(&conf, conf.attach[0].mac));
	assert_int_equal(conf.n_attach, 1);
	assert_string_equal(conf.attach[0].nai, "mn2@lab");
	assert_int_equal(c->lifetime, 600);
	assert_int_equal(c->renew_pct, 50);
	assert_int_equal(c->retrans_ms, 2000);
	assert_int_equal(c->max_tries, 3);
	assert_true(c->gre);
	assert_false(c->revocation);
	assert_true(c->revocation_i);
	assert_true(c->revoke_on_detach);
	assert_false(c->reverse_tunnel);
	assert_int_equal(c->acctech, 5);
	assert_false(c->send_devid);
	assert_true(c->send_ifid);
	assert_true(c->send_subid);
	assert_string_equal(conf.link.ifid, "acc");
	assert_int_equal(c->faults.w[0], 1u << PMA_FAULT_NO_NAI);
	assert_int_equal(conf.base.log, CONF_LOG_DEBUG);
	/* variants */
	assert_int_equal(args("--netmask", "255.255.255.252", "--acctech", "7", "--log", "warn",
			      "--fault", "none", NULL), 0);
	assert_int_equal(conf.link.netmask, 0xfffffffcu);
	assert_int_equal(c->acctech, 7);
	assert_true(bitset_empty(&c->faults));
	assert_int_equal(conf.base.log, CONF_LOG_WARN);
}

static void test_option_errors(void **state)
{
	(void)state;
	expect_arg_error("--address '10.0.0.0.1': expected a unicast IPv4 address", "--address",
			 "10.0.0.0.1", NULL);
	expect_arg_error("--ha 'x': expected an IPv4 address", "--ha", "x", NULL);
	expect_arg_error("--sa 'spi=256,key=hex:00,kind=mn-ha': the PMA's SA is per node: "
			 "expected kind=fa-ha", "--sa", "spi=256,key=hex:00,kind=mn-ha", NULL);
	expect_arg_error("--sa 'spi=256,key=hex:0g': column 18: key has a non-hex digit",
			 "--sa", "spi=256,key=hex:0g", NULL);
	expect_arg_error("--netmask '255.0.255.0': expected a contiguous mask or /LEN",
			 "--netmask", "255.0.255.0", NULL);
	expect_arg_error("--netmask '/33': expected /1-/32", "--netmask", "/33", NULL);
	expect_arg_error("--device '02:00:00:00:00,x': expected MAC,NAI[,IMSI[,HA]] with a MAC "
			 "aa:bb:cc:dd:ee:ff", "--device", "02:00:00:00:00,x", NULL);
	expect_arg_error("--device '02:00:00:00:00:01,x,12a': expected an IMSI of 1-15 digits",
			 "--device", "02:00:00:00:00:01,x,12a", NULL);
	expect_arg_error("--device '02:00:00:00:00:01,x,': expected an IMSI of 1-15 digits",
			 "--device", "02:00:00:00:00:01,x,", NULL);
	expect_arg_error("--device '02:00:00:00:00:01,x,1,0.0.0.0': expected a unicast IPv4 "
			 "address", "--device", "02:00:00:00:00:01,x,1,0.0.0.0", NULL);
	expect_arg_error("--device '02:00:00:00:00:01,x,,1.2.3.4,5': expected a unicast IPv4 "
			 "address", "--device", "02:00:00:00:00:01,x,,1.2.3.4,5", NULL);
	expect_arg_error("--attach '02:00:00:00:00:01,x,1': expected MAC,NAI (one comma)",
			 "--attach", "02:00:00:00:00:01,x,1", NULL);
	expect_arg_error("--attach '02:00:00:00:00:01,': expected MAC,NAI with a NAI of "
			 "1-127 characters", "--attach", "02:00:00:00:00:01,", NULL);
	expect_arg_error("--retrans-ms '999': expected a number 1000-3600000", "--retrans-ms",
			 "999", NULL);
	expect_arg_error("--gre 'yes': expected on or off", "--gre", "yes", NULL);
	expect_arg_error("--acctech 'wimax': expected a Tech-Type name or a number 0-255",
			 "--acctech", "wimax", NULL);
	expect_arg_error("--nai-pattern '%q': bad pattern (%02x takes a MAC byte, %% is '%')",
			 "--nai-pattern", "%q", NULL);
	expect_arg_error("--access 'a/b': expected a device name of 1-15 characters, no / : "
			 "or blank", "--access", "a/b", NULL);
	expect_arg_error("--fault 'no-naj': unknown fault (did you mean 'no-nai'?)", "--fault",
			 "no-naj", NULL);
	expect_arg_error("--log 'loud': expected debug, info or warn", "--log", "loud", NULL);
	expect_arg_error("unknown option '--adress' (did you mean '--address'?)", "--adress",
			 "1.2.3.4", NULL);
	expect_arg_error("option '--ha' needs an argument", "--ha", NULL);
	expect_arg_error("unexpected argument 'extra'", "extra", NULL);
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
		const char *name = pma_fault_name((enum pma_fault)lines);

		assert_memory_equal(line, name, strlen(name));
		assert_memory_equal(line + strlen(name), "  ", 2);
	}
	assert_int_equal(lines, PMA_FAULT_COUNT);
	free(buf);
	f = open_memstream(&buf, &len);
	conf_usage(&conf.base, f);
	fclose(f);
	assert_non_null(strstr(buf, "--device MAC,NAI[,IMSI[,HA]]"));
	assert_non_null(strstr(buf, "-c FILE"));
	free(buf);
}

static void test_file(void **state)
{
	(void)state;
	assert_int_equal(text("# reference PMA for the lab\n"
			      "address 10.251.1.1\n"
			      "ha 10.251.1.2   # the HA\n"
			      "sa " SA "\n"
			      "access acc; gateway 10.10.0.1 ;; netmask /24\n"
			      "dns 10.251.3.2\n"
			      "device \\\n"
			      "    02:00:00:00:00:01,mn1@lab   # continued\n"
			      "nai-pattern \"%02x%02x%02x%02x%02x%02x@lab\"\n"
			      "gre on\n"
			      "fault stale-ident\n"
			      "log warn\n"),
			 0);
	assert_int_equal(conf_resolve(&conf.base, err, sizeof err), 0);
	assert_int_equal(conf.cfg.addr, IP(10, 251, 1, 1));
	assert_int_equal(conf.cfg.ha, IP(10, 251, 1, 2));
	assert_string_equal(conf.access, "acc");
	assert_int_equal(conf.link.gateway, IP(10, 10, 0, 1));
	assert_int_equal(conf.link.n_dns, 1);
	assert_int_equal(conf.n_dev, 1);
	assert_string_equal(conf.dev[0].nai, "mn1@lab");
	assert_string_equal(conf.nai_pattern, "%02x%02x%02x%02x%02x%02x@lab");
	assert_true(conf.cfg.gre);
	assert_int_equal(conf.cfg.faults.w[0], 1u << PMA_FAULT_STALE_IDENT);
	assert_int_equal(conf.base.log, CONF_LOG_WARN);
	assert_int_equal(text(""), 0);
	assert_int_equal(text("# nothing but a comment"), 0);
}

static void test_file_errors(void **state)
{
	(void)state;
	expect_text_error("address 10.0.0.1\n  adress 10.0.0.2\n",
			  "pma.conf:2:3: unknown setting 'adress' (did you mean 'address'?)");
	expect_text_error("bogus 1\n", "pma.conf:1:1: unknown setting 'bogus'");
	expect_text_error("\n\ngateway 10.10.0\n",
			  "pma.conf:3:9: gateway: expected a unicast IPv4 address");
	expect_text_error("sa spi=256,key=hex:0g\n",
			  "pma.conf:1:21: sa: key has a non-hex digit");
	expect_text_error("lease\n", "pma.conf:1:6: lease: missing S");
	expect_text_error("dns 10.0.0.1 10.0.0.2\n",
			  "pma.conf:1:14: dns: one value only (unexpected '10.0.0.2')");
	expect_text_error("fault list\n",
			  "pma.conf:1:7: fault: 'list' works on the command line only");
}

static void test_argv_order(void **state)
{
	char *path = write_conf("address 10.251.1.1\nlifetime 600\ngre on\n"
				"fault no-nai\ndns 10.0.0.1\n");

	(void)state;
	/* before -c: the file overrides; after: the option overrides; repeatables add */
	assert_int_equal(args("--lifetime", "100", "--dns", "10.0.0.9", "-c", path, "--gre",
			      "off", "--fault", "stale-ident", NULL),
			 0);
	assert_int_equal(conf.cfg.lifetime, 600);
	assert_false(conf.cfg.gre);
	assert_int_equal(conf.cfg.faults.w[0],
			 1u << PMA_FAULT_NO_NAI | 1u << PMA_FAULT_STALE_IDENT);
	assert_int_equal(conf.link.n_dns, 2);
	assert_int_equal(conf.link.dns[0], IP(10, 0, 0, 9));
	assert_int_equal(args("-c", path, "--lifetime", "30", NULL), 0);
	assert_int_equal(conf.cfg.lifetime, 30);
	unlink(path);

	path = write_conf("# lab\nlifetime 600\nadress 10.0.0.1\n");
	pma_conf_init(&conf);
	assert_int_equal(args("-c", path, NULL), -1);
	assert_non_null(strstr(err, ":3:1: unknown setting 'adress' (did you mean 'address'?)"));
	assert_memory_equal(err, path, strlen(path));
	unlink(path);
	pma_conf_init(&conf);
	assert_int_equal(args("-c", "/nonexistent/pma.conf", NULL), -1);
	assert_string_equal(err, "/nonexistent/pma.conf: No such file or directory");
}

static void test_set_and_suggest(void **state)
{
	(void)state;
	assert_int_equal(conf_set(&conf.base, "lease", "120", err, sizeof err), 0);
	assert_int_equal(conf.link.lease_s, 120);
	assert_int_equal(conf_set(&conf.base, "nope", "1", err, sizeof err), -2);
	assert_int_equal(conf_set(&conf.base, "lease", "0", err, sizeof err), -1);
	assert_string_equal(conf_suggest(&conf.base, "gatway"), "gateway");
	assert_null(conf_suggest(&conf.base, "zzzzzzzz"));
	/* an SA without kind= is the PMA's per-node FA-HA (DESIGN.md §8) */
	assert_int_equal(conf_set(&conf.base, "sa", "spi=300,key=hex:00", err, sizeof err), 0);
	assert_int_equal(conf.cfg.sa.kind, AUTH_KIND_FAHA);
	assert_false(conf.cfg.sa.kind_given);
}

/* The summary before any traffic, and a sessions table after one attach. */
static void test_dump(void **state)
{
	struct clk_virtual vc = { 1000000000000ull, 1 };
	struct clk clk = clk_virtual(&vc);
	struct io_mem *m = io_mem_create();
	struct pma_dump_dev dev = { { 2, 0, 0, 0, 0, 1 }, "mn1@lab" };
	struct pma_device pd = { .mac = { 2, 0, 0, 0, 0, 1 }, .nai = "mn1@lab" };
	char *buf = NULL;
	size_t len = 0;
	struct pma *p;
	FILE *f;

	(void)state;
	assert_int_equal(args("--address", "10.0.0.1", "--ha", "10.0.0.2", "--sa", SA, NULL), 0);
	p = pma_create(&conf.cfg, &clk, io_mem_io(m));
	assert_non_null(p);
	assert_int_equal(pma_attach(p, &pd), 0);
	f = open_memstream(&buf, &len);
	pma_dump_summary(f, "pmip4ct pma: ", p, NULL);
	pma_dump_sessions(f, p, &dev, 1, vc.now_ns);
	fclose(f);
	assert_non_null(strstr(buf, "pmip4ct pma: sessions 1; tx 1 rrq, rx 0 rrp; codes none\n"));
	assert_non_null(strstr(buf, "pmip4ct pma: revocations 0 (acks 0); retransmits 0"));
	assert_non_null(strstr(buf, "pmip4ct pma: own revocations 0 (retransmits 0, acked 0, "
				    "abandoned 0)\n"));
	assert_non_null(strstr(buf, "  02:00:00:00:00:01  mn1@lab"));
	assert_non_null(strstr(buf, "REGISTERING"));
	free(buf);
	pma_destroy(p);
	io_mem_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_defaults, setup),
		cmocka_unit_test_setup(test_every_option, setup),
		cmocka_unit_test_setup(test_option_errors, setup),
		cmocka_unit_test_setup(test_help_and_fault_list, setup),
		cmocka_unit_test_setup(test_file, setup),
		cmocka_unit_test_setup(test_file_errors, setup),
		cmocka_unit_test_setup(test_argv_order, setup),
		cmocka_unit_test_setup(test_set_and_suggest, setup),
		cmocka_unit_test_setup(test_dump, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
