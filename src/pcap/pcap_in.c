/* pcap_in.c — read pcap (microsecond or nanosecond) and pcapng files through libpcap and
 * hand out their IPv4 UDP datagrams frame by frame, numbered from 1 as tshark does.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcap_in.h"

struct pcap_in {
	pcap_t *p;
	int dlt;
	uint64_t frames; /* frames read so far, skipped ones included */
	int fatal;       /* the last error was about the file, not one frame */
	uint64_t first_ts; /* capture time of frame 1 */
};

struct pcap_in *pcap_in_open(const char *path, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	struct frame_info fi;
	struct pcap_in *in;

	in = calloc(1, sizeof *in);
	if (!in) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	/* Nanosecond precision: libpcap scales microsecond files up, never loses digits. */
	in->p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
	if (!in->p) {
		/* libpcap names the file itself when it cannot open it */
		if (strncmp(ebuf, path, strlen(path)) == 0)
			snprintf(err, errlen, "%s", ebuf);
		else
			snprintf(err, errlen, "%s: %s", path, ebuf);
		free(in);
		return NULL;
	}
	in->dlt = pcap_datalink(in->p);
	/* frame_parse() of an empty frame tells whether the link type is supported. */
	if (frame_parse(in->dlt, NULL, 0, 0, &fi, ebuf, sizeof ebuf) == FRAME_BAD) {
		snprintf(err, errlen, "%s: %s (%s)", path, ebuf,
			 pcap_datalink_val_to_name(in->dlt) ? pcap_datalink_val_to_name(in->dlt)
							    : "unknown");
		pcap_in_destroy(in);
		return NULL;
	}
	return in;
}

void pcap_in_destroy(struct pcap_in *in)
{
	if (!in)
		return;
	if (in->p)
		pcap_close(in->p);
	free(in);
}

static uint64_t pcap_in_ts(const struct pcap_pkthdr *h)
{
	/* With nanosecond precision, tv_usec holds nanoseconds. */
	return (uint64_t)h->ts.tv_sec * 1000000000u + (uint64_t)h->ts.tv_usec;
}

/* Parse one frame: 1 = an IPv4 UDP datagram, 0 = skip it, -1 = a damaged frame. */
static int pcap_in_frame(struct pcap_in *in, const struct pcap_pkthdr *h, const uint8_t *data,
			 struct pcap_pkt *pkt, char *err, size_t errlen)
{
	char msg[200];

	pkt->frame = in->frames;
	pkt->ts_ns = pcap_in_ts(h);
	switch (frame_parse(in->dlt, data, h->caplen, h->len, &pkt->fi, msg, sizeof msg)) {
	case FRAME_UDP4:
		return 1;
	case FRAME_OTHER:
		return 0;
	case FRAME_BAD:
		break;
	}
	snprintf(err, errlen, "frame %llu: %s", (unsigned long long)in->frames, msg);
	return -1;
}

/* The next record of the file: 1, 0 at the end, -1 (fatal) for a damaged file. */
static int pcap_in_read(struct pcap_in *in, struct pcap_pkthdr **h, const u_char **data,
			char *err, size_t errlen)
{
	int r;

	in->fatal = 0;
	do
		r = pcap_next_ex(in->p, h, data);
	while (r == 0); /* a live capture's timeout: never for a file */
	if (r == PCAP_ERROR_BREAK)
		return 0;
	if (r == PCAP_ERROR) {
		in->fatal = 1;
		snprintf(err, errlen, "frame %llu: %s", (unsigned long long)in->frames + 1,
			 pcap_geterr(in->p));
		return -1;
	}
	if (in->frames++ == 0)
		in->first_ts = pcap_in_ts(*h);
	return 1;
}

int pcap_in_next(struct pcap_in *in, struct pcap_pkt *pkt, char *err, size_t errlen)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int r;

	for (;;) {
		r = pcap_in_read(in, &h, &data, err, errlen);
		if (r <= 0)
			return r;
		r = pcap_in_frame(in, h, data, pkt, err, errlen);
		if (r != 0)
			return r;
	}
}

int pcap_in_next_raw(struct pcap_in *in, struct pcap_raw *raw, char *err, size_t errlen)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int r = pcap_in_read(in, &h, &data, err, errlen);

	if (r <= 0)
		return r;
	raw->frame = in->frames;
	raw->ts_ns = pcap_in_ts(h);
	raw->data = data;
	raw->caplen = h->caplen;
	raw->wirelen = h->len;
	return 1;
}

int pcap_in_fatal(const struct pcap_in *in)
{
	return in->fatal;
}

uint64_t pcap_in_frames(const struct pcap_in *in)
{
	return in->frames;
}

uint64_t pcap_in_first_ts(const struct pcap_in *in)
{
	return in->first_ts;
}

int pcap_in_dlt(const struct pcap_in *in)
{
	return in->dlt;
}
