/* test_dhcp_client.c — DHCP from the client's side (dhcp_client.h), for the generator's
 * devices on a PMA's access link (issue #16): each client message the server side
 * (dhcp.h) parses back with the fields of RFC 2131 Table 5; each server reply dhcp.h
 * builds reads back with its options; other traffic is "not DHCP", and every prefix of
 * a reply and a wrong checksum fail cleanly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dhcp_client.h"

#define HOA 0x0a400005u   /* 10.64.0.5 */
#define GW 0x0a0a0001u    /* 10.10.0.1 */
#define XID 0x01020304u

static const uint8_t MAC[6] = { 0x02, 0x00, 0x00, 0x00, 0x10, 0x01 };
static const uint8_t GW_MAC[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0xfe };

/* q from MAC, built and read back by the server's side. */
static void client_frame(struct dhcp_client_req *q, struct dhcp_frame *f, uint8_t *buf,
			 size_t *n)
{
	struct mip_err e;

	memcpy(q->mac, MAC, 6);
	assert_int_equal(dhcp_client_frame_build(q, buf, 600, n, &e), 0);
	assert_int_equal(*n, ETH_HLEN + TUN_IP4_LEN + DHCP_UDP_LEN + DHCP_MIN_LEN);
	assert_int_equal(dhcp_frame_parse(buf, *n, f, &e), 0); /* checksum right too */
}

static void test_discover(void **state)
{
	struct dhcp_client_req q = { .type = DHCP_DISCOVER, .xid = XID };
	struct dhcp_frame f;
	uint8_t buf[600];
	size_t n;

	(void)state;
	client_frame(&q, &f, buf, &n);
	assert_memory_equal(f.eth.dst, eth_bcast, 6);
	assert_memory_equal(f.eth.src, MAC, 6);
	assert_int_equal(f.ip.src, 0);
	assert_int_equal(f.ip.dst, 0xffffffffu);
	assert_int_equal(f.msg.type, DHCP_DISCOVER);
	assert_int_equal(f.msg.xid, XID);
	assert_memory_equal(f.msg.chaddr, MAC, 6);
	assert_false(f.msg.has_requested_ip);
	assert_false(f.msg.has_server_id);
	assert_int_equal(f.msg.params_len, 4);
}

/* SELECTING: 50 and 54, broadcast; RENEWING: ciaddr, unicast; RELEASE: ciaddr, 54, no 55. */
static void test_request_release(void **state)
{
	struct dhcp_client_req q = { .type = DHCP_REQUEST, .xid = XID, .requested = HOA,
				     .server_id = GW };
	struct dhcp_frame f;
	uint8_t buf[600];
	size_t n;

	(void)state;
	client_frame(&q, &f, buf, &n);
	assert_true(f.msg.has_requested_ip && f.msg.requested_ip == HOA);
	assert_true(f.msg.has_server_id && f.msg.server_id == GW);
	assert_int_equal(f.msg.ciaddr, 0);
	q = (struct dhcp_client_req){ .type = DHCP_REQUEST, .xid = XID, .ciaddr = HOA,
				      .ip_dst = GW, .dst_mac = GW_MAC };
	client_frame(&q, &f, buf, &n);
	assert_memory_equal(f.eth.dst, GW_MAC, 6);
	assert_int_equal(f.ip.src, HOA);
	assert_int_equal(f.ip.dst, GW);
	assert_int_equal(f.msg.ciaddr, HOA);
	assert_false(f.msg.has_requested_ip);
	q.type = DHCP_RELEASE;
	q.server_id = GW;
	client_frame(&q, &f, buf, &n);
	assert_int_equal(f.msg.type, DHCP_RELEASE);
	assert_int_equal(f.msg.params_len, 0);
	assert_true(f.msg.has_server_id);
	q.type = DHCP_OFFER;
	assert_int_equal(dhcp_client_frame_build(&q, buf, sizeof buf, &n, NULL), -1);
	q.type = DHCP_DISCOVER;
	assert_int_equal(dhcp_client_frame_build(&q, buf, 100, &n, NULL), -1);
}

static size_t reply(uint8_t type, uint8_t *buf)
{
	struct dhcp_client_req q = { .type = DHCP_REQUEST, .xid = XID, .requested = HOA,
				     .server_id = GW };
	struct dhcp_reply r = { .type = type, .yiaddr = HOA, .server_id = GW, .lease = 8,
				.mask = 0xffffff00u, .router = GW };
	struct dhcp_frame f;
	uint8_t req[600];
	size_t n;

	client_frame(&q, &f, req, &n);
	assert_int_equal(dhcp_frame_build(&f.msg, &r, GW_MAC, buf, 600, &n, NULL), 0);
	return n;
}

static void test_server_reply(void **state)
{
	struct dhcp_server_msg m;
	struct mip_err e;
	uint8_t buf[600];
	size_t n = reply(DHCP_ACK, buf);

	(void)state;
	assert_int_equal(dhcp_server_frame_parse(buf, n, &m, &e), 1);
	assert_int_equal(m.type, DHCP_ACK);
	assert_int_equal(m.xid, XID);
	assert_int_equal(m.yiaddr, HOA);
	assert_memory_equal(m.chaddr, MAC, 6);
	assert_memory_equal(m.src_mac, GW_MAC, 6);
	assert_int_equal(m.server_id, GW);
	assert_int_equal(m.lease, 8);
	assert_int_equal(m.t1, 4);  /* RFC 2131 §4.4.5: 0.5 x lease */
	assert_int_equal(m.t2, 7);  /* 0.875 x lease */
	assert_int_equal(m.router, GW);
	n = reply(DHCP_NAK, buf);
	assert_int_equal(dhcp_server_frame_parse(buf, n, &m, &e), 1);
	assert_int_equal(m.type, DHCP_NAK);
	assert_int_equal(m.yiaddr, 0);
}

/* A client's own message is not a server's; a wrong checksum and every prefix fail. */
static void test_server_bad(void **state)
{
	struct dhcp_client_req q = { .type = DHCP_DISCOVER, .xid = XID };
	struct dhcp_server_msg m;
	struct mip_err e;
	uint8_t buf[600];
	size_t n;

	(void)state;
	memcpy(q.mac, MAC, 6);
	assert_int_equal(dhcp_client_frame_build(&q, buf, sizeof buf, &n, NULL), 0);
	assert_int_equal(dhcp_server_frame_parse(buf, n, &m, &e), 0); /* 68 -> 67 */
	n = reply(DHCP_OFFER, buf);
	for (size_t i = 0; i < n - 1; i++) {
		int rc = dhcp_server_frame_parse(buf, i, &m, &e);

		assert_true(rc == 0 || rc == -1);
	}
	buf[ETH_HLEN + TUN_IP4_LEN + DHCP_UDP_LEN + 16] ^= 1; /* yiaddr */
	assert_int_equal(dhcp_server_frame_parse(buf, n, &m, &e), -1);
	assert_string_equal(e.field, "UDP Checksum");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_discover),
		cmocka_unit_test(test_request_release),
		cmocka_unit_test(test_server_reply),
		cmocka_unit_test(test_server_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
