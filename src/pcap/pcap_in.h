/* pcap_in.h — read pcap and pcapng files through libpcap (microsecond and nanosecond
 * files alike) and hand out the IPv4 UDP datagrams in them, frame by frame; or every
 * frame whole, for raw replay (pcap_in_next_raw).
 */
#ifndef PMIP4CT_PCAP_IN_H
#define PMIP4CT_PCAP_IN_H

#include <stdint.h>

#include "frame.h"

struct pcap_in;

struct pcap_pkt {
	uint64_t frame;  /* 1-based frame number in the file, as tshark counts */
	uint64_t ts_ns;  /* capture time, ns since the Unix epoch */
	struct frame_info fi;
};

/* NULL on error, with the reason (libpcap's, prefixed by the path) in err. */
struct pcap_in *pcap_in_open(const char *path, char *err, size_t errlen);
void pcap_in_destroy(struct pcap_in *in);

/* Next IPv4 UDP datagram (other frames are counted and skipped).
 * 1 = got one; 0 = end of file; -1 = a damaged file or frame, with err naming the
 * frame number and, for a frame, the field and offset.  After -1 for a damaged frame
 * (not a damaged file) reading may go on. */
int pcap_in_next(struct pcap_in *in, struct pcap_pkt *pkt, char *err, size_t errlen);

/* A whole captured frame (raw replay): data is valid until the next read. */
struct pcap_raw {
	uint64_t frame;  /* 1-based, as tshark counts */
	uint64_t ts_ns;  /* capture time, ns since the Unix epoch */
	const uint8_t *data;
	size_t caplen;   /* bytes captured */
	size_t wirelen;  /* bytes the frame had on the wire */
};

/* Next frame, whatever it holds.  1 = got one; 0 = end of file; -1 = a damaged file
 * (cut short, a bad record header), err naming the frame number: reading cannot go on. */
int pcap_in_next_raw(struct pcap_in *in, struct pcap_raw *raw, char *err, size_t errlen);

/* Whether the last -1 was fatal (the file itself, not one frame). */
int pcap_in_fatal(const struct pcap_in *in);

uint64_t pcap_in_frames(const struct pcap_in *in);  /* frames read so far */
/* Capture time of frame 1 (ns since the Unix epoch; 0 before any frame was read): the
 * origin of tshark's frame.time_relative. */
uint64_t pcap_in_first_ts(const struct pcap_in *in);
int pcap_in_dlt(const struct pcap_in *in);
#endif
