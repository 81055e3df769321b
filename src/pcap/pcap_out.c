/* pcap_out.c — write pcap files of IPv4 packets framed in Ethernet II with locally
 * administered MACs 02:00:a:b:c:d taken from the IPv4 addresses, so that a reader tells
 * the nodes apart.  Every packet is flushed as it is written: an interrupted run keeps
 * what it recorded.
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcap_out.h"
#include "wire.h"

#define PCAP_OUT_SNAPLEN 65535
#define ETH_HDR_LEN 14
#define IP4_MAX_LEN 65535

struct pcap_out {
	pcap_t *dead;
	pcap_dumper_t *d;
	uint16_t ip_id;                          /* for pcap_out_udp: counts up from 1 */
	uint8_t frame[ETH_HDR_LEN + IP4_MAX_LEN]; /* Ethernet header + IPv4 packet */
	uint8_t ip[IP4_MAX_LEN];                  /* pcap_out_udp's IPv4 packet */
};

struct pcap_out *pcap_out_create(const char *path, char *err, size_t errlen)
{
	struct pcap_out *o = calloc(1, sizeof *o);

	if (!o) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	o->dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, PCAP_OUT_SNAPLEN,
							PCAP_TSTAMP_PRECISION_MICRO);
	if (!o->dead) {
		snprintf(err, errlen, "%s: pcap_open_dead failed", path);
		free(o);
		return NULL;
	}
	o->d = pcap_dump_open(o->dead, path);
	if (!o->d) {
		snprintf(err, errlen, "%s", pcap_geterr(o->dead));
		pcap_out_destroy(o);
		return NULL;
	}
	o->ip_id = 1;
	return o;
}

void pcap_out_destroy(struct pcap_out *o)
{
	if (!o)
		return;
	if (o->d)
		pcap_dump_close(o->d);
	if (o->dead)
		pcap_close(o->dead);
	free(o);
}

/* 02:00 followed by the four bytes of the address. */
static void pcap_out_mac(uint8_t *mac, uint32_t addr)
{
	struct wr w = wr_init(mac, 6);

	wr_u8(&w, 0x02);
	wr_u8(&w, 0x00);
	wr_u32(&w, addr);
}

/* Ethernet II header: destination MAC from the IPv4 destination, source from the source. */
static int pcap_out_ether(uint8_t *hdr, const uint8_t *ip, size_t len, char *err,
			  size_t errlen)
{
	struct rd c = rd_init(ip, len);
	const uint8_t *skip;
	uint32_t src, dst;
	struct wr w = wr_init(hdr + 12, 2);

	if (!rd_bytes(&c, 12, &skip) || !rd_u32(&c, &src) || !rd_u32(&c, &dst)) {
		snprintf(err, errlen, "IPv4 packet of %zu bytes is shorter than its header", len);
		return -1;
	}
	pcap_out_mac(hdr, dst);
	pcap_out_mac(hdr + 6, src);
	wr_u16(&w, 0x0800);
	return 0;
}

/* One record of flen bytes at frame, flushed. */
static int pcap_out_record(struct pcap_out *o, uint64_t ts_ns, const uint8_t *frame,
			   size_t flen, char *err, size_t errlen)
{
	struct pcap_pkthdr h;

	memset(&h, 0, sizeof h);
	h.ts.tv_sec = (time_t)(ts_ns / 1000000000u);
	h.ts.tv_usec = (suseconds_t)(ts_ns % 1000000000u / 1000u);
	h.len = (bpf_u_int32)flen;
	h.caplen = (bpf_u_int32)(flen < PCAP_OUT_SNAPLEN ? flen : PCAP_OUT_SNAPLEN);
	pcap_dump((u_char *)o->d, &h, frame);
	if (pcap_dump_flush(o->d) < 0) {
		snprintf(err, errlen, "writing the capture: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int pcap_out_ipv4(struct pcap_out *o, uint64_t ts_ns, const uint8_t *ip, size_t len,
		  char *err, size_t errlen)
{
	if (len > IP4_MAX_LEN) {
		snprintf(err, errlen, "IPv4 packet of %zu bytes exceeds %d", len, IP4_MAX_LEN);
		return -1;
	}
	if (pcap_out_ether(o->frame, ip, len, err, errlen) < 0)
		return -1;
	memcpy(o->frame + ETH_HDR_LEN, ip, len);
	return pcap_out_record(o, ts_ns, o->frame, ETH_HDR_LEN + len, err, errlen);
}

int pcap_out_frame(struct pcap_out *o, uint64_t ts_ns, const uint8_t *frame, size_t len,
		   char *err, size_t errlen)
{
	if (len < ETH_HDR_LEN || len > sizeof o->frame) {
		snprintf(err, errlen, "Ethernet frame of %zu bytes (expected %d to %zu)", len,
			 ETH_HDR_LEN, sizeof o->frame);
		return -1;
	}
	return pcap_out_record(o, ts_ns, frame, len, err, errlen);
}

int pcap_out_udp(struct pcap_out *o, uint64_t ts_ns, const struct udp_ends *ends,
		 const uint8_t *payload, size_t len, char *err, size_t errlen)
{
	int n = frame_build_ipv4_udp(ends, o->ip_id, payload, len, o->ip, sizeof o->ip, err,
				     errlen);

	if (n < 0)
		return -1;
	o->ip_id++;
	return pcap_out_ipv4(o, ts_ns, o->ip, (size_t)n, err, errlen);
}
