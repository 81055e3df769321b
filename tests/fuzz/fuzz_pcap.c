/* fuzz_pcap.c — libFuzzer target for the capture reader (pcap_in.h over libpcap, and
 * frame.h): the input is a pcap or pcapng file.  Every datagram it hands out is
 * decoded as `pmip4ct decode` would; a damaged frame must come back as an error naming
 * the frame and field, a damaged file as a fatal one, never as a crash.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "mip.h"
#include "pcap_in.h"

#define FRAMES_MAX 10000 /* enough to reach every reader path; bounds a long input */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mip_msg m;
	struct pcap_in *in;
	struct pcap_pkt pkt;
	struct mip_err merr;
	char err[512];
	int rc;

	in = pcap_in_open(fz_memfile(data, size), err, sizeof err);
	if (!in)
		return 0;
	for (unsigned i = 0; i < FRAMES_MAX; i++) {
		rc = pcap_in_next(in, &pkt, err, sizeof err);
		if (rc == 0 || (rc < 0 && pcap_in_fatal(in)))
			break;
		if (rc < 0) {
			if (!err[0])
				abort(); /* an error must say what */
			continue;
		}
		mip_decode(pkt.fi.payload, pkt.fi.payload_len, &m, &merr);
	}
	pcap_in_frames(in);
	pcap_in_first_ts(in);
	pcap_in_destroy(in);
	return 0;
}
