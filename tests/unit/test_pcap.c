/* test_pcap.c — pcap_out writes, pcap_in reads back (pcap, nanosecond pcap, pcapng), and
 * damaged files (garbage, truncated header, truncated record, lying frame) give errors
 * that name the frame, never a crash.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcap_in.h"
#include "pcap_out.h"

#define T0 1700000000123456000ull /* ns; a whole number of microseconds */

static char dir[64];
static char path[128];

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof dir, "%s/pcapXXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/t.pcap", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	rmdir(dir);
	return 0;
}

static const struct udp_ends ends[3] = {
	{ 0xc6336401u, 0xc0000201u, 40000, 434 },
	{ 0xc0000201u, 0xc6336401u, 434, 40000 },
	{ 0x0a000001u, 0x0a000002u, 5000, 53 },
};

static const uint8_t payload[3][6] = {
	{ 1, 2, 7, 8, 0, 0 }, { 3, 0, 0, 30, 0, 0 }, { 'h', 'e', 'l', 'l', 'o', '!' },
};

/* Three UDP datagrams, 1.5 ms apart. */
static void write_three(void)
{
	char err[256] = "";
	struct pcap_out *o = pcap_out_create(path, err, sizeof err);

	assert_non_null(o);
	for (int i = 0; i < 3; i++)
		assert_int_equal(pcap_out_udp(o, T0 + 1500000u * (uint64_t)i, &ends[i],
					      payload[i], sizeof payload[i], err, sizeof err), 0);
	pcap_out_destroy(o);
}

static void write_bytes(const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	fclose(f);
}

static long file_size(void)
{
	FILE *f = fopen(path, "rb");
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fclose(f);
	return n;
}

static void test_round_trip(void **state)
{
	char err[256] = "";
	struct pcap_in *in;
	struct pcap_pkt pkt;

	(void)state;
	write_three();
	in = pcap_in_open(path, err, sizeof err);
	assert_non_null(in);
	assert_int_equal(pcap_in_dlt(in), DLT_EN10MB);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 1);
		assert_int_equal(pkt.frame, (uint64_t)i + 1);
		assert_int_equal(pkt.ts_ns, T0 + 1500000u * (uint64_t)i);
		assert_int_equal(pkt.fi.ends.src, ends[i].src);
		assert_int_equal(pkt.fi.ends.dst, ends[i].dst);
		assert_int_equal(pkt.fi.ends.sport, ends[i].sport);
		assert_int_equal(pkt.fi.ends.dport, ends[i].dport);
		assert_int_equal(pkt.fi.payload_len, sizeof payload[i]);
		assert_memory_equal(pkt.fi.payload, payload[i], sizeof payload[i]);
		assert_true(pkt.fi.udp_checksum_ok);
		assert_int_equal(pkt.fi.ip_off, 14);
	}
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 0);
	assert_int_equal(pcap_in_frames(in), 3);
	pcap_in_destroy(in);
}

/* Ethernet header: 02:00 + destination address, 02:00 + source address, IPv4. */
static void test_macs_and_header(void **state)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	static const uint8_t eth[14] = { 2, 0, 192, 0, 2, 1, 2, 0, 198, 51, 100, 1, 8, 0 };
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *p;

	(void)state;
	write_three();
	p = pcap_open_offline(path, ebuf);
	assert_non_null(p);
	assert_int_equal(pcap_snapshot(p), 65535);
	assert_int_equal(pcap_next_ex(p, &h, &data), 1);
	assert_int_equal(h->caplen, 14 + 20 + 8 + 6);
	assert_int_equal(h->len, h->caplen);
	assert_int_equal(h->ts.tv_usec, 123456);
	assert_memory_equal(data, eth, sizeof eth);
	assert_int_equal(data[14 + 4] << 8 | data[14 + 5], 1); /* IP ids count from 1 */
	assert_int_equal(pcap_next_ex(p, &h, &data), 1);
	assert_int_equal(data[14 + 4] << 8 | data[14 + 5], 2);
	pcap_close(p);
}

/* Frames that are not IPv4 UDP are skipped but still counted. */
static void test_skips_other_frames(void **state)
{
	static const uint8_t tcp[40] = { 0x45, 0, 0, 40, 0, 1, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1,
					 10, 0, 0, 2 };
	char err[256] = "";
	struct pcap_out *o;
	struct pcap_in *in;
	struct pcap_pkt pkt;

	(void)state;
	o = pcap_out_create(path, err, sizeof err);
	assert_non_null(o);
	assert_int_equal(pcap_out_ipv4(o, T0, tcp, sizeof tcp, err, sizeof err), 0);
	assert_int_equal(pcap_out_ipv4(o, T0, tcp, sizeof tcp, err, sizeof err), 0);
	assert_int_equal(pcap_out_udp(o, T0, &ends[0], payload[0], 6, err, sizeof err), 0);
	assert_int_equal(pcap_out_ipv4(o, T0, tcp, 10, err, sizeof err), -1); /* no header */
	pcap_out_destroy(o);
	in = pcap_in_open(path, err, sizeof err);
	assert_non_null(in);
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 1);
	assert_int_equal(pkt.frame, 3);
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 0);
	pcap_in_destroy(in);
}

/* ---- files written by other tools ---- */

static size_t put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
	return 4;
}

static size_t ipv4_udp(uint8_t *out, size_t cap, int i)
{
	char err[128];
	int n = frame_build_ipv4_udp(&ends[i], 7, payload[i], sizeof payload[i], out, cap, err,
				     sizeof err);

	assert_true(n > 0);
	return (size_t)n;
}

/* A little-endian nanosecond pcap (magic a1b23c4d) with one raw IPv4 packet. */
static void test_nanosecond_pcap(void **state)
{
	uint8_t f[128], ip[64];
	size_t n = 0, len = ipv4_udp(ip, sizeof ip, 0);
	char err[256] = "";
	struct pcap_in *in;
	struct pcap_pkt pkt;

	(void)state;
	n += put32(f + n, 0xa1b23c4d);
	n += put32(f + n, 2 | 4u << 16);
	n += put32(f + n, 0);
	n += put32(f + n, 0);
	n += put32(f + n, 65535);
	n += put32(f + n, 101); /* LINKTYPE_RAW */
	n += put32(f + n, 1700000000u);
	n += put32(f + n, 123456789u);
	n += put32(f + n, (uint32_t)len);
	n += put32(f + n, (uint32_t)len);
	memcpy(f + n, ip, len);
	write_bytes(f, n + len);
	in = pcap_in_open(path, err, sizeof err);
	assert_non_null(in);
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 1);
	assert_int_equal(pkt.ts_ns, 1700000000123456789ull);
	assert_int_equal(pkt.fi.ip_off, 0);
	assert_memory_equal(pkt.fi.payload, payload[0], 6);
	pcap_in_destroy(in);
}

/* pcapng: Section Header, Interface Description (LINKTYPE_IPV4, microseconds), one
 * Enhanced Packet holding `ip`. */
static void write_pcapng(const uint8_t *ip, size_t len, uint64_t us)
{
	uint8_t f[256];
	size_t n = 0, padded = (len + 3) & ~(size_t)3;

	assert_true(len <= 128);
	memset(f, 0, sizeof f);
	n += put32(f + n, 0x0a0d0d0a);
	n += put32(f + n, 28);
	n += put32(f + n, 0x1a2b3c4d);
	n += put32(f + n, 1);          /* version 1.0 */
	n += put32(f + n, 0xffffffff); /* section length unknown */
	n += put32(f + n, 0xffffffff);
	n += put32(f + n, 28);
	n += put32(f + n, 1);
	n += put32(f + n, 20);
	n += put32(f + n, 228); /* LINKTYPE_IPV4, reserved 0 */
	n += put32(f + n, 0);
	n += put32(f + n, 20);
	n += put32(f + n, 6);
	n += put32(f + n, (uint32_t)(32 + padded));
	n += put32(f + n, 0);
	n += put32(f + n, (uint32_t)(us >> 32));
	n += put32(f + n, (uint32_t)us);
	n += put32(f + n, (uint32_t)len);
	n += put32(f + n, (uint32_t)len);
	memcpy(f + n, ip, len);
	n += padded;
	n += put32(f + n, (uint32_t)(32 + padded));
	write_bytes(f, n);
}

static void test_pcapng(void **state)
{
	uint8_t ip[64];
	size_t len = ipv4_udp(ip, sizeof ip, 1);
	char err[256] = "";
	struct pcap_in *in;
	struct pcap_pkt pkt;

	(void)state;
	write_pcapng(ip, len, T0 / 1000);
	in = pcap_in_open(path, err, sizeof err);
	assert_non_null(in);
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 1);
	assert_int_equal(pkt.frame, 1);
	assert_int_equal(pkt.ts_ns, T0);
	assert_int_equal(pkt.fi.ends.sport, 434);
	assert_memory_equal(pkt.fi.payload, payload[1], 6);
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 0);
	pcap_in_destroy(in);
}

/* A file of Linux cooked v2 frames, written through libpcap. */
static void test_sll2_file(void **state)
{
	static const uint8_t sll2[20] = { 0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6 };
	uint8_t f[128];
	size_t len = ipv4_udp(f + 20, sizeof f - 20, 0);
	struct pcap_pkthdr h = { .caplen = (bpf_u_int32)(20 + len),
				 .len = (bpf_u_int32)(20 + len) };
	pcap_t *dead = pcap_open_dead(DLT_LINUX_SLL2, 65535);
	pcap_dumper_t *d = pcap_dump_open(dead, path);
	char err[256] = "";
	struct pcap_in *in;
	struct pcap_pkt pkt;

	(void)state;
	assert_non_null(d);
	memcpy(f, sll2, sizeof sll2);
	pcap_dump((u_char *)d, &h, f);
	pcap_dump_close(d);
	pcap_close(dead);
	in = pcap_in_open(path, err, sizeof err);
	assert_non_null(in);
	assert_int_equal(pcap_in_dlt(in), DLT_LINUX_SLL2);
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 1);
	assert_int_equal(pkt.fi.ip_off, 20);
	pcap_in_destroy(in);
}

/* ---- damaged files ---- */

static void expect_open_error(const char *what)
{
	char err[256] = "";

	assert_null(pcap_in_open(path, err, sizeof err));
	print_message("%s\n", err);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, what));
}

static void test_garbage_file(void **state)
{
	static const char junk[] = "this is not a capture file, only some text............";

	(void)state;
	write_bytes(junk, sizeof junk);
	expect_open_error("unknown file format");
	write_bytes(junk, 0);
	expect_open_error("truncated");
}

static void test_missing_file(void **state)
{
	(void)state;
	unlink(path);
	expect_open_error("No such file");
}

static void test_truncated_file_header(void **state)
{
	static const uint8_t hdr[10] = { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0 };

	(void)state;
	write_bytes(hdr, sizeof hdr);
	expect_open_error("truncated");
}

/* Read until the damage: frames before it come out, then a fatal error naming it. */
static void expect_fatal_at(uint64_t frame)
{
	char err[256] = "", want[32];
	struct pcap_in *in = pcap_in_open(path, err, sizeof err);
	struct pcap_pkt pkt;

	assert_non_null(in);
	for (uint64_t i = 1; i < frame; i++) {
		assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 1);
		assert_int_equal(pkt.frame, i);
	}
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), -1);
	print_message("%s\n", err);
	assert_true(pcap_in_fatal(in));
	snprintf(want, sizeof want, "frame %llu: ", (unsigned long long)frame);
	assert_non_null(strstr(err, want));
	assert_non_null(strstr(err, "truncated"));
	pcap_in_destroy(in);
}

static void test_truncated_record_data(void **state)
{
	(void)state;
	write_three();
	assert_int_equal(truncate(path, file_size() - 3), 0);
	expect_fatal_at(3);
}

static void test_truncated_record_header(void **state)
{
	(void)state;
	write_three();
	/* file header 24, then each record 16 + 48: cut 8 bytes into record 2's header */
	assert_int_equal(truncate(path, 24 + 64 + 8), 0);
	expect_fatal_at(2);
}

/* A frame whose IPv4 header lies is an error for that frame only; reading goes on. */
static void test_lying_frame(void **state)
{
	uint8_t ip[64];
	size_t len = ipv4_udp(ip, sizeof ip, 0);
	char err[256] = "";
	struct pcap_out *o = pcap_out_create(path, err, sizeof err);
	struct pcap_in *in;
	struct pcap_pkt pkt;

	(void)state;
	assert_non_null(o);
	assert_int_equal(pcap_out_ipv4(o, T0, ip, len, err, sizeof err), 0);
	ip[2] = 1200 >> 8;
	ip[3] = 1200 & 0xff;
	assert_int_equal(pcap_out_ipv4(o, T0, ip, len, err, sizeof err), 0);
	ip[2] = 0;
	ip[3] = (uint8_t)len;
	assert_int_equal(pcap_out_ipv4(o, T0, ip, len, err, sizeof err), 0);
	pcap_out_destroy(o);
	in = pcap_in_open(path, err, sizeof err);
	assert_non_null(in);
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 1);
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), -1);
	assert_false(pcap_in_fatal(in));
	assert_int_equal(pkt.frame, 2);
	assert_string_equal(err, "frame 2: IPv4 Total Length 1200 exceeds the 34 bytes on the "
				 "wire (offset 16)");
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 1);
	assert_int_equal(pkt.frame, 3);
	assert_int_equal(pcap_in_next(in, &pkt, err, sizeof err), 0);
	pcap_in_destroy(in);
}

static void test_unsupported_link_type(void **state)
{
	pcap_t *dead = pcap_open_dead(DLT_IEEE802_11, 65535);
	pcap_dumper_t *d = pcap_dump_open(dead, path);

	(void)state;
	assert_non_null(d);
	pcap_dump_close(d);
	pcap_close(dead);
	expect_open_error("link type 105 is not supported (IEEE802_11)");
}

static void test_create_fails(void **state)
{
	char err[256] = "";

	(void)state;
	assert_null(pcap_out_create("/nonexistent-dir/x.pcap", err, sizeof err));
	assert_non_null(strstr(err, "/nonexistent-dir/x.pcap"));
	pcap_out_destroy(NULL);
	pcap_in_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_macs_and_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_skips_other_frames, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nanosecond_pcap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pcapng, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sll2_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbage_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_file_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_record_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_record_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lying_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unsupported_link_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_fails, setup, teardown),
	};

	return cmocka_run_group_tests_name("pcap", tests, NULL, NULL);
}
