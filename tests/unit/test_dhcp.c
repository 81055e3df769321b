/* test_dhcp.c — DHCP as the PMA serves it on the access link (RFC 5563 §6.3): client
 * messages (RFC 2131 §2, RFC 2132 options), replies per RFC 2131 Table 3 and §4.4.5,
 * addressing per §4.1, UDP/IPv4/Ethernet wrapping with the pseudo-header checksum
 * (RFC 768).  Vectors written by hand from the layouts; checksums checked with the
 * test's own implementation; every error path; every prefix.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dhcp.h"

#define MN_IP 0x0a0a0005u  /* 10.10.0.5: the home address */
#define GW_IP 0x0a0a0001u  /* 10.10.0.1: the gateway the PMA presents */
#define DNS1 0xc0000235u   /* 192.0.2.53 */
#define DNS2 0xc0000236u   /* 192.0.2.54 */
#define XID 0x3903f326u

static const uint8_t MN_MAC[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t PMA_MAC[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0xfe };
static const uint32_t DNS[2] = { DNS1, DNS2 };

/* DHCPDISCOVER, op .. chaddr; sname and file (192 zero bytes) follow. */
static const uint8_t DISC_HEAD[44] = {
	0x01, 0x01, 0x06, 0x00, /* op BOOTREQUEST, htype Ethernet, hlen 6, hops 0 */
	0x39, 0x03, 0xf3, 0x26, /* xid */
	0x00, 0x00, 0x80, 0x00, /* secs 0, flags: broadcast */
	0x00, 0x00, 0x00, 0x00, /* ciaddr */
	0x00, 0x00, 0x00, 0x00, /* yiaddr */
	0x00, 0x00, 0x00, 0x00, /* siaddr */
	0x00, 0x00, 0x00, 0x00, /* giaddr */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* chaddr */
};

/* The cookie and the options: offsets 236.. of the message. */
static const uint8_t DISC_TAIL[35] = {
	0x63, 0x82, 0x53, 0x63,                   /* 236 magic cookie */
	0x35, 0x01, 0x01,                         /* 240 53 DHCP Message Type: DISCOVER */
	0x3d, 0x07, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, /* 243 61 Client-id: 1, MAC */
	0x0c, 0x04, 'm', 'n', '0', '1',           /* 252 12 Host Name "mn01" */
	0x37, 0x04, 0x01, 0x03, 0x06, 0x33,       /* 258 55 Parameter List: 1 3 6 51 */
	0x32, 0x04, 0x0a, 0x0a, 0x00, 0x05,       /* 264 50 Requested IP 10.10.0.5 */
	0xff,                                     /* 270 End */
};
#define DISC_LEN 271

/* Ethernet, IPv4 and UDP in front of the DISCOVER. */
static const uint8_t DISC_HDRS[42] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00,
	0x45, 0x00, 0x01, 0x2b, /* Total Length 299 */
	0x00, 0x00, 0x00, 0x00,
	0x40, 0x11, 0x79, 0xc3, /* TTL 64, UDP, Header Checksum 0x79c3 */
	0x00, 0x00, 0x00, 0x00, /* 0.0.0.0 */
	0xff, 0xff, 0xff, 0xff, /* 255.255.255.255 */
	0x00, 0x44, 0x00, 0x43, /* 68 -> 67 */
	0x01, 0x17, 0x2e, 0xf5, /* Length 279, Checksum 0x2ef5 */
};
#define DISC_FRAME_LEN (42 + DISC_LEN)

/* The DHCPOFFER: op .. chaddr. */
static const uint8_t OFFER_HEAD[44] = {
	0x02, 0x01, 0x06, 0x00, /* BOOTREPLY */
	0x39, 0x03, 0xf3, 0x26, /* xid copied */
	0x00, 0x00, 0x80, 0x00, /* secs 0, flags copied */
	0x00, 0x00, 0x00, 0x00, /* ciaddr 0 */
	0x0a, 0x0a, 0x00, 0x05, /* yiaddr 10.10.0.5 */
	0x00, 0x00, 0x00, 0x00, /* siaddr 0 */
	0x00, 0x00, 0x00, 0x00, /* giaddr copied */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static const uint8_t OFFER_TAIL[55] = {
	0x63, 0x82, 0x53, 0x63,
	0x35, 0x01, 0x02,                         /* 53 OFFER */
	0x36, 0x04, 0x0a, 0x0a, 0x00, 0x01,       /* 54 Server Identifier 10.10.0.1 */
	0x33, 0x04, 0x00, 0x00, 0x0e, 0x10,       /* 51 Lease 3600 */
	0x3a, 0x04, 0x00, 0x00, 0x07, 0x08,       /* 58 T1 1800 = 0.5 x lease */
	0x3b, 0x04, 0x00, 0x00, 0x0c, 0x4e,       /* 59 T2 3150 = 0.875 x lease */
	0x01, 0x04, 0xff, 0xff, 0xff, 0x00,       /* 1 Subnet Mask /24 */
	0x03, 0x04, 0x0a, 0x0a, 0x00, 0x01,       /* 3 Router 10.10.0.1 */
	0x06, 0x08, 0xc0, 0x00, 0x02, 0x35, 0xc0, 0x00, 0x02, 0x36, /* 6 DNS */
	0xff,                                     /* End, then Pad to 300 */
};

static const uint8_t OFFER_HDRS[42] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0xfe, 0x08, 0x00,
	0x45, 0x00, 0x01, 0x48, /* Total Length 328 */
	0x00, 0x00, 0x00, 0x00,
	0x40, 0x11, 0x6f, 0x9b, /* Header Checksum 0x6f9b */
	0x0a, 0x0a, 0x00, 0x01, /* from the gateway address */
	0xff, 0xff, 0xff, 0xff, /* broadcast bit set */
	0x00, 0x43, 0x00, 0x44, /* 67 -> 68 */
	0x01, 0x34, 0x39, 0x32, /* Length 308, Checksum 0x3932 */
};

static const struct dhcp_reply OFFER_R = {
	.type = DHCP_OFFER, .yiaddr = MN_IP, .server_id = GW_IP, .lease = 3600,
	.mask = 0xffffff00u, .router = GW_IP, .dns = DNS, .n_dns = 2,
};

static size_t cat(uint8_t *p, size_t at, const uint8_t *q, size_t n)
{
	memcpy(p + at, q, n);
	return at + n;
}

static size_t discover(uint8_t *p)
{
	size_t n = cat(p, 0, DISC_HEAD, sizeof DISC_HEAD);

	memset(p + n, 0, 192);
	return cat(p, n + 192, DISC_TAIL, sizeof DISC_TAIL);
}

static size_t discover_frame(uint8_t *p)
{
	cat(p, 0, DISC_HDRS, sizeof DISC_HDRS);
	return 42 + discover(p + 42);
}

static size_t offer(uint8_t *p)
{
	size_t n = cat(p, 0, OFFER_HEAD, sizeof OFFER_HEAD);

	memset(p + n, 0, 300 - n);
	cat(p, n + 192, OFFER_TAIL, sizeof OFFER_TAIL);
	return 300;
}

/* The Internet checksum, written apart from the codec's. */
static uint16_t ref_csum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;

	for (size_t i = 0; i < n; i++)
		s += i % 2 ? p[i] : (uint32_t)p[i] << 8;
	s = (s >> 16) + (s & 0xffff);
	s += s >> 16;
	return (uint16_t)~s;
}

/* The UDP checksum over a frame's pseudo-header, UDP header and data: 0 when right. */
static uint16_t ref_udp(const uint8_t *frame)
{
	static uint8_t b[12 + 1600];
	size_t ulen = (size_t)frame[38] << 8 | frame[39];

	memcpy(b, frame + 26, 8); /* source and destination */
	b[8] = 0, b[9] = 17, b[10] = frame[38], b[11] = frame[39];
	memcpy(b + 12, frame + 34, ulen);
	return ref_csum(b, 12 + ulen);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void fix_udp(uint8_t *frame)
{
	put16(frame + 40, 0);
	put16(frame + 40, ref_udp(frame));
}

static void expect_err(const struct mip_err *e, enum mip_err_kind kind, size_t off,
		       const char *field)
{
	assert_int_equal(e->kind, kind);
	assert_int_equal(e->off, off);
	assert_string_equal(e->field, field);
}

/* The value of option `code` in a message built here, or NULL (test-side walker). */
static const uint8_t *find_opt(const uint8_t *p, size_t n, uint8_t code, uint8_t *len)
{
	for (size_t i = 240; i < n && p[i] != 255;) {
		if (p[i] == 0) {
			i++;
			continue;
		}
		if (p[i] == code) {
			*len = p[i + 1];
			return p + i + 2;
		}
		i += 2u + p[i + 1];
	}
	return NULL;
}

static void test_vectors_checksums(void **state)
{
	uint8_t f[400];
	size_t n = discover_frame(f);

	(void)state;
	assert_int_equal(n, DISC_FRAME_LEN);
	assert_int_equal(ref_csum(f + 14, 20), 0);
	assert_int_equal(ref_udp(f), 0);
	memcpy(f, OFFER_HDRS, 42);
	assert_int_equal(offer(f + 42), 300);
	assert_int_equal(ref_csum(f + 14, 20), 0);
	assert_int_equal(ref_udp(f), 0);
}

static void test_parse_discover(void **state)
{
	uint8_t p[400];
	struct dhcp_msg m;

	(void)state;
	assert_int_equal(dhcp_parse(p, discover(p), &m, NULL), 0);
	assert_int_equal(m.op, DHCP_BOOTREQUEST);
	assert_int_equal(m.xid, XID);
	assert_int_equal(m.flags, DHCP_FLAG_BROADCAST);
	assert_int_equal(m.ciaddr, 0);
	assert_memory_equal(m.chaddr, MN_MAC, 6);
	assert_int_equal(m.type, DHCP_DISCOVER);
	assert_true(m.has_requested_ip);
	assert_int_equal(m.requested_ip, MN_IP);
	assert_false(m.has_server_id);
	assert_false(m.has_lease);
	assert_int_equal(m.client_id_len, 7);
	assert_ptr_equal(m.client_id, p + 245);
	assert_int_equal(m.hostname_len, 4);
	assert_memory_equal(m.hostname, "mn01", 4);
	assert_int_equal(m.params_len, 4);
	assert_memory_equal(m.params, "\x01\x03\x06\x33", 4);
}

/* A REQUEST in SELECTING state (RFC 2131 §4.3.2): server id and lease; Pad, an unknown
 * option, and bytes after End are all accepted. */
static void test_parse_request(void **state)
{
	static const uint8_t opts[] = {
		0x63, 0x82, 0x53, 0x63, 0x00, 0x00,       /* cookie, Pad Pad */
		0x35, 0x01, 0x03,                         /* REQUEST */
		0x36, 0x04, 0x0a, 0x0a, 0x00, 0x01,       /* 54 10.10.0.1 */
		0x33, 0x04, 0x00, 0x01, 0x51, 0x80,       /* 51 86400 */
		0x51, 0x03, 0x00, 0x00, 0x00,             /* 81 FQDN: skipped */
		0xff, 0x99, 0x99,                         /* End, then junk */
	};
	uint8_t p[400];
	struct dhcp_msg m;
	size_t n = discover(p);

	(void)state;
	n = cat(p, 236, opts, sizeof opts);
	assert_int_equal(dhcp_parse(p, n, &m, NULL), 0);
	assert_int_equal(m.type, DHCP_REQUEST);
	assert_true(m.has_server_id);
	assert_int_equal(m.server_id, GW_IP);
	assert_true(m.has_lease);
	assert_int_equal(m.lease, 86400);
	assert_false(m.has_requested_ip);
	for (uint8_t t = DHCP_DISCOVER; t <= DHCP_INFORM; t++) {
		p[244] = t;
		bool client = t != DHCP_OFFER && t != DHCP_ACK && t != DHCP_NAK;
		assert_int_equal(dhcp_parse(p, n, &m, NULL), client ? 0 : -1);
	}
}

/* Replace the options (from 240) and parse; expect the error. */
static void opts_bad(const uint8_t *o, size_t on, enum mip_err_kind kind, size_t off,
		     const char *field)
{
	uint8_t p[400];
	struct dhcp_msg m;
	struct mip_err e;
	size_t n;

	discover(p);
	n = cat(p, 240, o, on);
	e = (struct mip_err){ 0 };
	assert_int_equal(dhcp_parse(p, n, &m, &e), -1);
	expect_err(&e, kind, off, field);
}

static void test_option_errors(void **state)
{
	(void)state;
	/* 50 claims 200 bytes: truncated at its Length. */
	opts_bad((const uint8_t[]){ 0x35, 1, 1, 0x32, 200, 10, 10, 0, 5, 0xff }, 10,
		 MIP_ETRUNC, 244, "DHCP option 50 (Requested IP Address) Length");
	/* An unknown option lying the same way. */
	opts_bad((const uint8_t[]){ 0x35, 1, 1, 0x99, 9, 1, 2, 0xff }, 8, MIP_ETRUNC, 244,
		 "DHCP option 153 Length");
	/* A Code and nothing after it. */
	opts_bad((const uint8_t[]){ 0x35, 1, 1, 0x37 }, 4, MIP_ETRUNC, 244,
		 "DHCP option 55 (Parameter Request List) Length");
	opts_bad((const uint8_t[]){ 0x35, 1, 1, 0x32, 3, 10, 10, 0, 0xff }, 9, MIP_EINVAL, 244,
		 "DHCP option 50 (Requested IP Address) Length");
	opts_bad((const uint8_t[]){ 0x35, 2, 1, 0, 0xff }, 5, MIP_EINVAL, 241,
		 "DHCP option 53 (DHCP Message Type) Length");
	opts_bad((const uint8_t[]){ 0x35, 1, 1, 0x3d, 1, 1, 0xff }, 7, MIP_EINVAL, 244,
		 "DHCP option 61 (Client-identifier) Length");
	opts_bad((const uint8_t[]){ 0x35, 1, 1, 0x0c, 0, 0xff }, 6, MIP_EINVAL, 244,
		 "DHCP option 12 (Host Name) Length");
	opts_bad((const uint8_t[]){ 0x35, 1, 1, 0x34, 1, 3, 0xff }, 7, MIP_EINVAL, 243,
		 "DHCP option 52 (Option Overload) Code");
	opts_bad((const uint8_t[]){ 0x35, 1, 1, 0x35, 1, 3, 0xff }, 7, MIP_EINVAL, 243,
		 "DHCP option 53 (DHCP Message Type) Code");
	opts_bad((const uint8_t[]){ 0x35, 1, 2, 0xff }, 4, MIP_EINVAL, 242,
		 "DHCP option 53 (DHCP Message Type) value");
	opts_bad((const uint8_t[]){ 0x35, 1, 9, 0xff }, 4, MIP_EINVAL, 242,
		 "DHCP option 53 (DHCP Message Type) value");
	opts_bad((const uint8_t[]){ 0x32, 4, 10, 10, 0, 5, 0xff }, 7, MIP_EINVAL, 240,
		 "DHCP option 53 (DHCP Message Type) Code"); /* BOOTP */
	opts_bad((const uint8_t[]){ 0x35, 1, 1, 0, 0 }, 5, MIP_ETRUNC, 245, "DHCP options");
	opts_bad((const uint8_t[]){ 0 }, 0, MIP_ETRUNC, 240, "DHCP options");
}

static void fixed_bad(size_t at, uint8_t v, size_t off, const char *field)
{
	uint8_t p[400];
	struct dhcp_msg m;
	struct mip_err e;
	size_t n = discover(p);

	p[at] = v;
	assert_int_equal(dhcp_parse(p, n, &m, &e), -1);
	expect_err(&e, MIP_EINVAL, off, field);
}

static void test_fixed_errors(void **state)
{
	uint8_t p[400];
	struct dhcp_msg m;
	struct mip_err e;

	(void)state;
	fixed_bad(0, 2, 0, "DHCP op");
	fixed_bad(1, 6, 1, "DHCP htype");
	fixed_bad(2, 16, 2, "DHCP hlen");
	fixed_bad(239, 0x64, 236, "DHCP magic cookie");
	discover(p);
	assert_int_equal(dhcp_parse(p, 0, &m, &e), -1);
	expect_err(&e, MIP_ETRUNC, 0, "DHCP op");
	assert_int_equal(dhcp_parse(p, 30, &m, &e), -1);
	expect_err(&e, MIP_ETRUNC, 30, "DHCP chaddr");
	assert_int_equal(dhcp_parse(p, 200, &m, &e), -1);
	expect_err(&e, MIP_ETRUNC, 200, "DHCP file");
	assert_int_equal(dhcp_parse(p, 238, &m, &e), -1);
	expect_err(&e, MIP_ETRUNC, 238, "DHCP magic cookie");
}

static void parse_discover(struct dhcp_msg *m)
{
	static uint8_t p[400]; /* m points into it */

	assert_int_equal(dhcp_parse(p, discover(p), m, NULL), 0);
}

static void test_offer(void **state)
{
	uint8_t out[600], want[300];
	struct dhcp_msg req;
	size_t n = 0;

	(void)state;
	parse_discover(&req);
	assert_int_equal(dhcp_reply_build(&req, &OFFER_R, out, sizeof out, &n, NULL), 0);
	assert_int_equal(n, DHCP_MIN_LEN);
	offer(want);
	assert_memory_equal(out, want, 300);
}

static uint32_t opt32(const uint8_t *p, size_t n, uint8_t code)
{
	uint8_t len = 0;
	const uint8_t *v = find_opt(p, n, code, &len);

	assert_non_null(v);
	assert_int_equal(len, 4);
	return (uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 | (uint32_t)v[2] << 8 | v[3];
}

/* RFC 2131 Table 3: ACK copies ciaddr; an ACK to INFORM has no yiaddr and no lease. */
static void test_ack_inform_nak(void **state)
{
	uint8_t out[600];
	struct dhcp_msg req;
	struct dhcp_reply r = OFFER_R;
	uint8_t len;
	size_t n = 0;

	(void)state;
	parse_discover(&req);
	req.type = DHCP_REQUEST;
	req.ciaddr = MN_IP; /* RENEWING */
	r.type = DHCP_ACK;
	r.t1 = 1000;
	r.t2 = 2000;
	assert_int_equal(dhcp_reply_build(&req, &r, out, sizeof out, &n, NULL), 0);
	assert_int_equal(out[15], 0x05); /* ciaddr 10.10.0.5 */
	assert_int_equal(opt32(out, n, DHCP_OPT_T1), 1000);
	assert_int_equal(opt32(out, n, DHCP_OPT_T2), 2000);
	assert_int_equal(*find_opt(out, n, DHCP_OPT_MSG_TYPE, &len), DHCP_ACK);

	req.type = DHCP_INFORM;
	assert_int_equal(dhcp_reply_build(&req, &r, out, sizeof out, &n, NULL), 0);
	assert_memory_equal(out + 16, "\0\0\0\0", 4); /* yiaddr 0 */
	assert_null(find_opt(out, n, DHCP_OPT_LEASE, &len));
	assert_null(find_opt(out, n, DHCP_OPT_T1, &len));
	assert_int_equal(opt32(out, n, DHCP_OPT_ROUTER), GW_IP);

	req.type = DHCP_REQUEST;
	r.type = DHCP_NAK;
	assert_int_equal(dhcp_reply_build(&req, &r, out, sizeof out, &n, NULL), 0);
	assert_int_equal(n, 300);
	assert_memory_equal(out + 12, "\0\0\0\0\0\0\0\0", 8); /* ciaddr, yiaddr 0 */
	assert_int_equal(opt32(out, n, DHCP_OPT_SERVER_ID), GW_IP);
	assert_null(find_opt(out, n, DHCP_OPT_LEASE, &len));
	assert_null(find_opt(out, n, DHCP_OPT_SUBNET_MASK, &len));
	assert_null(find_opt(out, n, DHCP_OPT_DNS, &len));
	assert_int_equal(out[249], DHCP_OPT_END); /* 53, 54, End */
}

static void test_reply_options(void **state)
{
	uint8_t out[600];
	struct dhcp_msg req;
	struct dhcp_reply r = { .type = DHCP_OFFER, .yiaddr = MN_IP, .server_id = GW_IP,
				.lease = DHCP_LEASE_INFINITE };
	uint32_t many[64];
	uint8_t len;
	size_t n = 0;
	struct mip_err e;

	(void)state;
	parse_discover(&req);
	assert_int_equal(dhcp_reply_build(&req, &r, out, sizeof out, &n, NULL), 0);
	assert_int_equal(opt32(out, n, DHCP_OPT_LEASE), 0xffffffffu);
	assert_null(find_opt(out, n, DHCP_OPT_T1, &len)); /* no renewal of an infinite lease */
	assert_null(find_opt(out, n, DHCP_OPT_SUBNET_MASK, &len));
	assert_null(find_opt(out, n, DHCP_OPT_ROUTER, &len));
	assert_null(find_opt(out, n, DHCP_OPT_DNS, &len));
	r.lease = 4000000000u; /* T2 = 0.875 x lease must not overflow */
	assert_int_equal(dhcp_reply_build(&req, &r, out, sizeof out, &n, NULL), 0);
	assert_int_equal(opt32(out, n, DHCP_OPT_T2), 3500000000u);
	for (size_t i = 0; i < 64; i++)
		many[i] = (uint32_t)i;
	r.dns = many;
	r.n_dns = 63; /* 252 bytes: the largest list */
	assert_int_equal(dhcp_reply_build(&req, &r, out, sizeof out, &n, NULL), 0);
	assert_non_null(find_opt(out, n, DHCP_OPT_DNS, &len));
	assert_int_equal(len, 252);
	assert_true(n > 300);
	r.n_dns = 64;
	assert_int_equal(dhcp_reply_build(&req, &r, out, sizeof out, &n, &e), -1);
	expect_err(&e, MIP_EINVAL, 0, "DHCP reply DNS servers");
	r.n_dns = 0;
	r.type = DHCP_REQUEST;
	assert_int_equal(dhcp_reply_build(&req, &r, out, sizeof out, &n, &e), -1);
	expect_err(&e, MIP_EINVAL, 0, "DHCP reply type");
	r.type = DHCP_OFFER;
	assert_int_equal(dhcp_reply_build(&req, &r, out, 299, &n, &e), -1);
	assert_int_equal(e.kind, MIP_EFULL);
}

static void test_dest(void **state)
{
	struct dhcp_msg req;
	struct dhcp_reply r = OFFER_R;
	uint8_t mac[6];
	uint32_t ip = 0;

	(void)state;
	parse_discover(&req);
	dhcp_reply_dest(&req, &r, &ip, mac); /* broadcast bit */
	assert_int_equal(ip, 0xffffffffu);
	assert_memory_equal(mac, eth_bcast, 6);
	req.flags = 0; /* ciaddr 0, no broadcast bit: yiaddr at chaddr */
	dhcp_reply_dest(&req, &r, &ip, mac);
	assert_int_equal(ip, MN_IP);
	assert_memory_equal(mac, MN_MAC, 6);
	req.ciaddr = 0x0a0a0009u; /* ciaddr wins over the broadcast bit too */
	req.flags = DHCP_FLAG_BROADCAST;
	dhcp_reply_dest(&req, &r, &ip, mac);
	assert_int_equal(ip, 0x0a0a0009u);
	assert_memory_equal(mac, MN_MAC, 6);
	r.type = DHCP_NAK; /* always broadcast */
	dhcp_reply_dest(&req, &r, &ip, mac);
	assert_int_equal(ip, 0xffffffffu);
	assert_memory_equal(mac, eth_bcast, 6);
}

static void test_frame_build(void **state)
{
	uint8_t out[700], want[342];
	struct dhcp_msg req;
	struct dhcp_reply r = OFFER_R;
	size_t n = 0;
	struct mip_err e;

	(void)state;
	parse_discover(&req);
	assert_int_equal(dhcp_frame_build(&req, &r, PMA_MAC, out, sizeof out, &n, NULL), 0);
	assert_int_equal(n, 342);
	memcpy(want, OFFER_HDRS, 42);
	offer(want + 42);
	assert_memory_equal(out, want, 342);
	/* Unicast to yiaddr at chaddr; checksums checked independently. */
	req.flags = 0;
	assert_int_equal(dhcp_frame_build(&req, &r, PMA_MAC, out, sizeof out, &n, NULL), 0);
	assert_memory_equal(out, MN_MAC, 6);
	assert_memory_equal(out + 30, "\x0a\x0a\x00\x05", 4);
	assert_int_equal(ref_csum(out + 14, 20), 0);
	assert_int_equal(ref_udp(out), 0);
	assert_int_equal(dhcp_frame_build(&req, &r, PMA_MAC, out, 341, &n, &e), -1);
	assert_int_equal(e.kind, MIP_EFULL);
	assert_int_equal(dhcp_frame_build(&req, &r, PMA_MAC, out, 20, &n, &e), -1);
	assert_int_equal(e.kind, MIP_EFULL);
	r.type = 0;
	assert_int_equal(dhcp_frame_build(&req, &r, PMA_MAC, out, sizeof out, &n, &e), -1);
	expect_err(&e, MIP_EINVAL, 0, "DHCP reply type");
}

/* A UDP checksum that computes to 0 is sent as 0xffff (RFC 768). */
static void test_udp_csum_zero(void **state)
{
	uint8_t u[10] = { 0x00, 0x43, 0x00, 0x44, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x00 };
	uint16_t c;

	(void)state;
	c = dhcp_udp_csum(GW_IP, MN_IP, u, sizeof u);
	u[8] = (uint8_t)(c >> 8); /* data chosen so that the sum is all ones */
	u[9] = (uint8_t)c;
	assert_int_equal(dhcp_udp_csum(GW_IP, MN_IP, u, sizeof u), 0);
	u[6] = 0xff;
	u[7] = 0xff;
	assert_int_equal(dhcp_udp_csum(GW_IP, MN_IP, u, sizeof u), 0); /* -0 == 0 */
}

static void test_frame_parse(void **state)
{
	uint8_t f[400];
	struct dhcp_frame d;
	size_t n = discover_frame(f);

	(void)state;
	assert_int_equal(dhcp_frame_parse(f, n, &d, NULL), 0);
	assert_int_equal(d.eth.type, ETH_P_IP);
	assert_int_equal(d.ip.dst, 0xffffffffu);
	assert_int_equal(d.sport, 68);
	assert_int_equal(d.dport, 67);
	assert_int_equal(d.ulen, 279);
	assert_int_equal(d.ucsum, 0x2ef5);
	assert_int_equal(d.msg.type, DHCP_DISCOVER);
	assert_int_equal(d.msg.xid, XID);
	put16(f + 40, 0); /* no checksum: accepted */
	assert_int_equal(dhcp_frame_parse(f, n, &d, NULL), 0);
	n = discover_frame(f);
	memset(f + n, 0, 20); /* link padding past Total Length */
	assert_int_equal(dhcp_frame_parse(f, n + 20, &d, NULL), 0);
}

/* Change a copy of the frame (with the IPv4 and UDP checksums redone unless told not
 * to) and expect the error. */
static void frame_bad(size_t at, uint8_t v, bool refix, enum mip_err_kind kind, size_t off,
		      const char *field)
{
	uint8_t f[400];
	struct dhcp_frame d;
	struct mip_err e;
	size_t n = discover_frame(f);

	f[at] = v;
	if (refix) {
		put16(f + 24, 0);
		put16(f + 24, ref_csum(f + 14, 20));
		fix_udp(f);
	}
	e = (struct mip_err){ 0 };
	assert_int_equal(dhcp_frame_parse(f, n, &d, &e), -1);
	expect_err(&e, kind, off, field);
}

static void test_frame_errors(void **state)
{
	uint8_t f[400], t[404];
	struct dhcp_frame d;
	struct mip_err e;
	size_t n;

	(void)state;
	frame_bad(13, 0x06, false, MIP_EINVAL, 12, "Ethernet EtherType"); /* ARP */
	frame_bad(25, 0x00, false, MIP_EINVAL, 24, "IPv4 Header Checksum");
	frame_bad(23, 6, true, MIP_EINVAL, 23, "IPv4 Protocol");           /* TCP */
	frame_bad(20, 0x20, true, MIP_EINVAL, 20, "IPv4 Flags/Fragment Offset"); /* MF */
	frame_bad(35, 0x43, true, MIP_EINVAL, 34, "UDP ports");            /* 67 -> 67 */
	frame_bad(37, 0x44, true, MIP_EINVAL, 34, "UDP ports");            /* 68 -> 68 */
	frame_bad(41, 0xf6, false, MIP_EINVAL, 40, "UDP Checksum");
	frame_bad(38, 0x02, false, MIP_ETRUNC, 38, "UDP Length"); /* 0x0217 > 279 */
	frame_bad(42 + 239, 0x64, true, MIP_EINVAL, 42 + 236, "DHCP magic cookie");
	frame_bad(42 + 265, 200, true, MIP_ETRUNC, 42 + 265,
		  "DHCP option 50 (Requested IP Address) Length");
	n = discover_frame(f);
	f[38] = 0, f[39] = 7;
	fix_udp(f);
	assert_int_equal(dhcp_frame_parse(f, n, &d, &e), -1);
	expect_err(&e, MIP_EINVAL, 38, "UDP Length");
	/* A datagram too short for a UDP header. */
	n = discover_frame(f);
	put16(f + 16, 24);
	put16(f + 24, 0);
	put16(f + 24, ref_csum(f + 14, 20));
	assert_int_equal(dhcp_frame_parse(f, n, &d, &e), -1);
	expect_err(&e, MIP_ETRUNC, 38, "UDP header");
	/* The same frame with an 802.1Q tag: offsets move by 4. */
	n = discover_frame(f);
	memcpy(t, f, 12);
	memcpy(t + 12, "\x81\x00\x00\x64", 4);
	memcpy(t + 16, f + 12, n - 12);
	assert_int_equal(dhcp_frame_parse(t, n + 4, &d, NULL), 0);
	assert_true(d.eth.tagged);
	t[46 + 236] = 0;
	put16(t + 44, 0); /* no UDP checksum */
	assert_int_equal(dhcp_frame_parse(t, n + 4, &d, &e), -1);
	expect_err(&e, MIP_EINVAL, 46 + 236, "DHCP magic cookie");
}

/* Every prefix fails cleanly, as truncated, from an exactly-sized copy. */
static void test_every_prefix(void **state)
{
	uint8_t full[400];
	struct dhcp_frame d;
	struct dhcp_msg m;
	struct mip_err e;
	size_t n = discover_frame(full);

	(void)state;
	for (size_t k = 0; k < n; k++) {
		uint8_t *p = malloc(k ? k : 1);

		assert_non_null(p);
		memcpy(p, full, k);
		e = (struct mip_err){ 0 };
		assert_int_equal(dhcp_frame_parse(p, k, &d, &e), -1);
		assert_int_equal(e.kind, MIP_ETRUNC);
		assert_true(e.off <= k);
		assert_non_null(e.field);
		if (k <= DISC_LEN) {
			memcpy(p, full + 42, k);
			e = (struct mip_err){ 0 };
			assert_int_equal(dhcp_parse(p, k, &m, k == DISC_LEN ? NULL : &e),
					 k == DISC_LEN ? 0 : -1);
			assert_int_equal(e.kind, k == DISC_LEN ? MIP_OK : MIP_ETRUNC);
			assert_true(e.off <= k);
		}
		free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors_checksums),
		cmocka_unit_test(test_parse_discover),
		cmocka_unit_test(test_parse_request),
		cmocka_unit_test(test_option_errors),
		cmocka_unit_test(test_fixed_errors),
		cmocka_unit_test(test_offer),
		cmocka_unit_test(test_ack_inform_nak),
		cmocka_unit_test(test_reply_options),
		cmocka_unit_test(test_dest),
		cmocka_unit_test(test_frame_build),
		cmocka_unit_test(test_udp_csum_zero),
		cmocka_unit_test(test_frame_parse),
		cmocka_unit_test(test_frame_errors),
		cmocka_unit_test(test_every_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
