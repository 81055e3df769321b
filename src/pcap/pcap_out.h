/* pcap_out.h — write pcap files (Ethernet link type, microsecond timestamps) that
 * survive an interrupted run: every packet is flushed as it is written.
 */
#ifndef PMIP4CT_PCAP_OUT_H
#define PMIP4CT_PCAP_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"

struct pcap_out;

/* Create (truncate) path.  NULL on error with the reason in err. */
struct pcap_out *pcap_out_create(const char *path, char *err, size_t errlen);
void pcap_out_destroy(struct pcap_out *o); /* NULL is a no-op; closes the file */

/* Write an IPv4 packet, framed in Ethernet with locally administered MACs derived from
 * the addresses (02:00:a.b.c.d), at time ts_ns (ns since the Unix epoch). */
int pcap_out_ipv4(struct pcap_out *o, uint64_t ts_ns, const uint8_t *ip, size_t len,
		  char *err, size_t errlen);

/* Write an Ethernet frame as it is (the access link, TC_LINK_ACCESS): at least the
 * 14-byte header. */
int pcap_out_frame(struct pcap_out *o, uint64_t ts_ns, const uint8_t *frame, size_t len,
		   char *err, size_t errlen);

/* Frame a UDP payload with frame_build_ipv4_udp and write it. */
int pcap_out_udp(struct pcap_out *o, uint64_t ts_ns, const struct udp_ends *ends,
		 const uint8_t *payload, size_t len, char *err, size_t errlen);

#endif
