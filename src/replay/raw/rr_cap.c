/* rr_cap.c — load a capture for raw replay: every frame read once (pcap_in.h), put in
 * Ethernet framing, rewritten (rr_rw.c) and its re-signing planned (rr_sign.c), all
 * before the timed loop starts.
 *
 * Frames of other link types (Linux cooked, raw IP, BSD loopback) get an Ethernet
 * header: to ff:ff:ff:ff:ff:ff (a --mac map changes it), from the interface, with the
 * EtherType the link header named.  Frames that cannot go on the link (not IPv4 on a
 * link without an EtherType, shorter than an Ethernet header, longer than the MTU) are
 * skipped and counted, as tcpreplay skips what the kernel refuses.
 */
#include <pcap/dlt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "pcap_in.h"
#include "rr.h"
#include "rr_bytes.h"
#include "rr_sign.h"
#include "txt.h"

#define RR_ETH_HDR 14
#define RR_BUF (262144 + 256) /* the largest snapshot length, and room for tunnels */

static void cap_skip(struct rr_cap *cap, uint64_t frame, const char *why)
{
	if (!cap->skipped++) {
		cap->skipped_first = frame;
		snprintf(cap->skip_why, sizeof cap->skip_why, "%s", why);
	}
}

/* The frame in Ethernet framing, into buf: its length, or 0 to skip it. */
static size_t cap_ether(struct rr_cap *cap, int dlt, const struct pcap_raw *r,
			const struct rr_link *link, uint8_t *buf)
{
	size_t off, n = r->caplen < RR_BUF - 512 ? r->caplen : RR_BUF - 512;
	uint16_t etype;

	if (dlt == DLT_EN10MB) {
		memcpy(buf, r->data, n);
		return n;
	}
	if (frame_net(dlt, r->data, n, &off, &etype) != 0 || etype == 0) {
		cap_skip(cap, r->frame, "neither IPv4 nor a known EtherType");
		return 0;
	}
	memset(buf, 0xff, RR_MAC_LEN);
	memcpy(buf + RR_MAC_LEN, link->mac, RR_MAC_LEN);
	rr_put16(buf + 12, etype);
	memcpy(buf + RR_ETH_HDR, r->data + off, n - off);
	return RR_ETH_HDR + n - off;
}

static int cap_add(struct rr_cap *cap, const struct pcap_raw *r, const uint8_t *buf,
		   size_t len, int32_t sign)
{
	struct rr_frame *f;
	void *nv;

	nv = txt_grow(cap->f, &cap->f_cap, cap->n + 1, sizeof *cap->f, 1024);
	if (!nv)
		return -1;
	cap->f = nv;
	nv = txt_grow(cap->arena, &cap->a_cap, cap->used + len, 1, 1u << 20);
	if (!nv)
		return -1;
	cap->arena = nv;
	f = &cap->f[cap->n++];
	f->ts_ns = r->ts_ns;
	f->frame = r->frame;
	f->off = (uint32_t)cap->used;
	f->len = (uint32_t)len;
	f->sign = sign;
	memcpy(cap->arena + cap->used, buf, len);
	cap->used += len;
	cap->bytes += len;
	if (len > cap->max_len)
		cap->max_len = len;
	return 0;
}

/* One frame: framed, rewritten, planned, stored.  -1 with err for an error. */
static int cap_frame(struct rr_cap *cap, int dlt, const struct pcap_raw *r,
		     const struct rr_rw *rw, const struct rr_link *link, uint8_t *buf,
		     char *err, size_t errlen)
{
	size_t len = cap_ether(cap, dlt, r, link, buf);
	int32_t sign = -1;

	if (!len)
		return 0;
	if (len < RR_ETH_HDR) {
		cap_skip(cap, r->frame, "shorter than an Ethernet header");
		return 0;
	}
	if (rr_rw_active(rw) && rr_rw_frame(rw, buf, RR_BUF, &len, buf + RR_BUF, err, errlen) < 0)
		return -1;
	if (cap->sign && rr_sign_plan(cap->sign, buf, len, r->ts_ns, &sign, err, errlen) < 0)
		return -1;
	if (len > link->max_frame) {
		cap_skip(cap, r->frame, "longer than the interface's MTU");
		return 0;
	}
	if (cap_add(cap, r, buf, len, sign) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

int rr_cap_load(struct rr_cap *cap, const char *path, const struct rr_rw *rw,
		const struct rr_link *link, char *err, size_t errlen)
{
	struct pcap_in *in;
	struct pcap_raw r;
	uint8_t *buf;
	char msg[256];
	int rc = -1, dlt;

	in = pcap_in_open(path, err, errlen);
	if (!in)
		return -1;
	dlt = pcap_in_dlt(in);
	buf = malloc(2 * RR_BUF); /* the frame, and scratch for the rewriting */
	if (!buf) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out;
	}
	for (;;) {
		int n = pcap_in_next_raw(in, &r, msg, sizeof msg);

		if (n == 0)
			break;
		if (n < 0) {
			snprintf(err, errlen, "%s: %s", path, msg);
			goto out;
		}
		if (cap_frame(cap, dlt, &r, rw, link, buf, msg, sizeof msg) < 0) {
			snprintf(err, errlen, "%s: frame %llu: %s", path,
				 (unsigned long long)r.frame, msg);
			goto out;
		}
	}
	if (!cap->n) {
		snprintf(err, errlen, "%s: no frame to replay (%llu read)", path,
			 (unsigned long long)pcap_in_frames(in));
		goto out;
	}
	if (cap->sign) {
		cap->sign->ts0 = cap->f[0].ts_ns;
		cap->sign->span_ns = cap->f[cap->n - 1].ts_ns > cap->f[0].ts_ns ?
				     cap->f[cap->n - 1].ts_ns - cap->f[0].ts_ns : 0;
	}
	rc = 0;
out:
	free(buf);
	pcap_in_destroy(in);
	return rc;
}

void rr_cap_finish(struct rr_cap *cap)
{
	free(cap->f);
	free(cap->arena);
	cap->f = NULL;
	cap->arena = NULL;
	cap->n = cap->f_cap = cap->used = cap->a_cap = 0;
}
