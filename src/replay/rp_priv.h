/* rp_priv.h — what the files of src/replay share: the capture as messages and
 * exchanges (rp_cap.c), the address map (rp_map.c), re-stamping and re-signing
 * (rp_stamp.c), the comparison (rp_cmp.c) and the report (rp_report.c).
 */
#ifndef PMIP4CT_RP_PRIV_H
#define PMIP4CT_RP_PRIV_H

#include "auth.h"
#include "mip.h"
#include "replay.h"

#define RP_REASON_MAX 512

/* One Mobile IP message of the capture, decoded (m points into buf). */
struct rp_msg {
	uint64_t frame, ts_ns;
	struct udp_ends ends;
	uint8_t *buf;
	size_t len;
	struct mip_msg m;
	bool tester; /* sent by the tester's side (the PMAs), else by the DUT (the HA) */
	bool raw;    /* it does not decode (a robustness case): sent as recorded, why says */
	char why[160];
	int xchg;    /* the exchange it belongs to, or -1 */
};

enum rp_kind {
	RP_REQ, /* the tester's request (RRQ, a PMA's Revocation) and the DUT's answer */
	RP_DUT, /* the DUT's own message (an HA's Revocation) and the tester's answer */
};

enum rp_verdict { RP_V_NONE, RP_V_MATCH, RP_V_SENT, RP_V_DIFF, RP_V_NOREPLY, RP_V_EXTRA };

struct rp_xchg {
	enum rp_kind kind;
	int tx, rx;       /* messages: the tester's, the DUT's recorded one; -1 = none */
	/* run: */
	bool sent, armed, got, resent;
	uint64_t sent_ns, got_ns, deadline;
	uint64_t ident;   /* RRQ: the Identification sent */
	uint32_t revid;   /* REV sent (A = 0): its identifier */
	uint32_t hoa;     /* REV sent: its home address */
	struct udp_ends from; /* what was sent: tester -> DUT */
	uint8_t got_buf[2048];
	size_t got_len;
	struct udp_ends got_ends;
	enum rp_verdict v;
	char reason[RP_REASON_MAX];
	char note[120];   /* "resynchronised on 133" */
};

struct rp_cap {
	struct rp_msg *msg;
	size_t n, cap;
	struct rp_xchg *x;
	size_t n_x, cap_x;
	uint32_t ha;          /* the recorded HA */
	uint32_t dut_rec;     /* the recorded DUT: the HA, or the PMA (--dut-pma) */
	bool dut_missing;     /* none of the DUT's messages is in the capture */
	uint64_t frames;      /* frames in the file */
};

/* Read the capture and split it into exchanges.  0, or -1 with the reason (frame
 * number or file offset) in err. */
int rp_cap_load(struct rp_cap *c, const char *path, bool dut_pma, char *err,
		size_t errlen);
void rp_cap_free(struct rp_cap *c);
/* The short name of a message type: "RRQ", "REV", ... */
const char *rp_type_name(uint8_t type);

/* ---- the address map (rp_map.c) ---- */
struct rp_map {
	struct rp_map_ent e[RP_MAP_MAX];
	unsigned n;
	uint32_t keys_old[16], keys_new[16]; /* GRE keys the DUT assigned, learned */
	unsigned n_keys;
};

/* The recorded HA to the DUT, each recorded PMA to a tester address, and the --map
 * entries.  0, or -1 (full) with err. */
int rp_map_init(struct rp_map *mp, const struct rp_cap *c, const struct rp_opts *o,
		char *err, size_t errlen);
uint32_t rp_map_addr(const struct rp_map *mp, uint32_t a);
/* Learn old -> new from a DUT message (a home address); false when old already maps
 * elsewhere (the caller reports the difference). */
bool rp_map_learn(struct rp_map *mp, uint32_t old, uint32_t new_);
bool rp_map_key(struct rp_map *mp, uint32_t old, uint32_t new_);

/* ---- re-stamping and re-signing (rp_stamp.c) ---- */
#define RP_SA_MAX 4

struct rp_stamp {
	struct mip_sa sa[RP_SA_MAX];
	unsigned n_sa;
	bool based;
	uint64_t first_rec;   /* the first recorded Identification sent */
	uint64_t base;        /* its re-stamped value (NTP) */
	int64_t offset_ns;    /* the DUT's clock minus ours, learnt from a 133 */
	bool rev_based;
	uint32_t rev_first;   /* the smallest recorded 137 Timestamp / Revocation Id */
	int64_t rev_off;      /* added to recorded ones */
};

/* The PIXIT's SAs; then check that every authenticator of the tester's messages has an
 * SA by SPI.  0, or -1 with the frame named in err. */
int rp_stamp_init(struct rp_stamp *s, const struct rp_cap *c, const struct params *p,
		  char *err, size_t errlen);
/* The SA for an SPI, or NULL. */
const struct mip_sa *rp_stamp_sa(const struct rp_stamp *s, uint32_t spi);
/* Re-stamp and re-sign recorded message rm into m for sending at now_ns: addresses
 * mapped, Identification on the DUT's clock, revocation identifiers and 137 refreshed,
 * authenticators computed.  For an answer to the DUT's message `dut` (a Revocation,
 * recorded as dut_rec), its identifier and home address are echoed as the recording
 * echoed them.  Bytes into out; 0, or -1 with err. */
int rp_stamp_msg(struct rp_stamp *s, const struct rp_map *mp, const struct rp_msg *rm,
		 struct mip_msg *m, const struct mip_msg *dut, const struct mip_msg *dut_rec,
		 uint64_t now_ns, uint8_t *out, size_t cap, size_t *len, char *err,
		 size_t errlen);
/* After a 133: the DUT's clock from the reply, so the resent request lands in its
 * window (RFC 5944 §3.6.2.3, §5.7.1); rec is the request's recorded Identification. */
void rp_stamp_resync(struct rp_stamp *s, uint64_t reply_ident, uint64_t rec, uint64_t now_ns);

/* The capture, its map and its stamps for options o: 0, or -1 with the reason (the
 * frame) on stderr and nothing left to free. */
int rp_prepare(const struct rp_opts *o, struct rp_cap *c, struct rp_map *mp,
	       struct rp_stamp *st);

/* ---- comparison (rp_cmp.c) ---- */
/* Compare the DUT's message got with the recorded one rec, field by field, ignoring
 * Identification, authenticators (checked for validity instead), revocation
 * identifiers, 137 timestamps; addresses through the map (home addresses and GRE keys
 * learnt on first sight).  Every difference is appended to reason ("RRP.Code: recorded
 * 0, got 133"; "; " between).  Returns the number of differences. */
unsigned rp_cmp(struct rp_map *mp, const struct rp_stamp *s, const struct mip_msg *rec,
		const struct mip_msg *got, const uint8_t *got_buf, size_t got_len, char *reason,
		size_t cap);

/* The reply got's Identification against the request sent: where the recorded reply
 * copied its request's whole, got must copy sent's (but for a 133); else one difference
 * in reason.  Returns the number of differences (0 or 1). */
unsigned rp_cmp_ident(uint64_t rec_req, uint64_t rec_reply, uint64_t sent,
		      const struct mip_msg *got, char *reason, size_t cap);

/* ---- the report (rp_report.c) ---- */
struct rp_run_info {
	const struct rp_opts *o;
	const struct rp_cap *c;
	uint64_t start_ns, end_ns;
	bool silent;        /* the DUT answered nothing */
	const char *dut_name;
};

const char *rp_verdict_name(enum rp_verdict v);
void rp_report_line(FILE *f, const struct rp_cap *c, const struct rp_xchg *x);
void rp_report_summary(FILE *f, const struct rp_run_info *ri);
/* JSON and JUnit files.  0, or -1 with err. */
int rp_report_files(const struct rp_run_info *ri, char *err, size_t errlen);

#endif
