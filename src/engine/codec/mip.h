/* mip.h — the Mobile IPv4 message model shared by the codec, the agents and the tester.
 *
 * Messages: RFC 5944 §3.3 (RRQ), §3.4 (RRP); RFC 3519 §3.3 (Tunnel Data);
 * RFC 3543 §3.3 (Registration Revocation), §3.4 (Revocation Acknowledgment).
 * Extensions: RFC 5944 §1.8-§1.11 and the documents named in ext.c's policy table.
 *
 * One struct serves decode and encode.  Decoding fills every field, reserved bits
 * included, and points variable-length values into the caller's buffer (no copies),
 * so that re-encoding a decoded message gives the same bytes.  Encoding honours the
 * override members (marked "encode:") so the tester can send what a broken peer sends.
 * Addresses are IPv4 in host byte order.
 */
#ifndef PMIP4CT_MIP_H
#define PMIP4CT_MIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MIP_PORT 434

enum mip_type {
	MIP_RRQ = 1,     /* RFC 5944 §3.3 */
	MIP_RRP = 3,     /* RFC 5944 §3.4 */
	MIP_TUNDATA = 4, /* RFC 3519 §3.3 */
	MIP_REV = 7,     /* RFC 3543 §3.3 */
	MIP_REVACK = 15, /* RFC 3543 §3.4 */
};

/* Size of the fixed part of each message; extensions start right after it. */
#define MIP_RRQ_LEN 24
#define MIP_RRP_LEN 20
#define MIP_TUNDATA_LEN 4
#define MIP_REV_LEN 20
#define MIP_REVACK_LEN 12

/* RRQ flag byte, MSB first: S B D M G r T x (RFC 5944 §3.3, RFC 3024 §3.1). */
#define MIP_F_S 0x80
#define MIP_F_B 0x40
#define MIP_F_D 0x20
#define MIP_F_M 0x10
#define MIP_F_G 0x08
#define MIP_F_R 0x04 /* r: sent as zero, ignored on reception (was V) */
#define MIP_F_T 0x02
#define MIP_F_X 0x01 /* x: sent as zero, ignored on reception */

/* Flag words at offset 2 of Revocation (A, I) and Ack (I): RFC 3543 §3.3-§3.4. */
#define MIP_REV_A 0x8000
#define MIP_REV_I 0x4000
#define MIP_REVACK_I 0x8000

#define MIP_LIFETIME_INFINITE 0xffff

/* Extension types (PROTOCOL.md §2.2). */
enum mip_ext_type {
	MIP_EXT_PAD = 0,
	MIP_EXT_MNHA = 32,
	MIP_EXT_MNFA = 33,
	MIP_EXT_FAHA = 34,
	MIP_EXT_GENAUTH = 36,
	MIP_EXT_CVSE = 38,
	MIP_EXT_UDPTUN_REP = 44,
	MIP_EXT_PMIP_NS = 47,
	MIP_EXT_GREKEY = 48,
	MIP_EXT_EDS = 130,
	MIP_EXT_NAI = 131,
	MIP_EXT_CHALLENGE = 132,
	MIP_EXT_NVSE = 134,
	MIP_EXT_REVSUP = 137,
	MIP_EXT_DYNHA = 139,
	MIP_EXT_UDPTUN_REQ = 144,
	MIP_EXT_MSGSTR = 145,
	MIP_EXT_PMIP_SK = 147,
};

/* Wire layouts of an extension header (RFC 5944 §1.9-§1.11). */
enum mip_ext_fmt {
	MIP_FMT_PAD,   /* one byte, no Length (§1.8) */
	MIP_FMT_TLV,   /* Type, Length(8), Data; Length = |Data| */
	MIP_FMT_SHORT, /* Type, Length(8), Sub-Type, Data; Length = 1 + |Data| */
	MIP_FMT_LONG,  /* Type, Sub-Type, Length(16), Data; Length = |Data| (CVSE: Sub-Type = Reserved) */
};

/* Sub-types. */
enum {
	MIP_PMIP_PERNODE = 1, /* 47/1, RFC 5563 §5.1 */
	MIP_PMIP_IFID = 1,    /* 147/1, §5.2 */
	MIP_PMIP_DEVID = 2,   /* 147/2, §5.3 */
	MIP_PMIP_SUBID = 3,   /* 147/3, §5.4 */
	MIP_PMIP_ACCTECH = 4, /* 147/4, §5.5 */
	MIP_GENAUTH_MNAAA = 1, /* 36/1, RFC 4721 §6 */
	MIP_DYNHA_REQUESTED = 1, /* 139/1, RFC 4433 §3.4 */
	MIP_DYNHA_REDIRECTED = 2,
	MIP_MSGSTR_HA = 1, /* 145/1, RFC 4917 §3 */
	MIP_MSGSTR_FA = 2,
};

/* Per-node authentication methods (RFC 5563 §5.1). */
enum { MIP_PERNODE_FAHA = 1, MIP_PERNODE_IPSEC = 2 };

/* How an encoder fills an authenticator (types 32, 33, 34, 36). */
enum mip_auth_mode {
	MIP_AUTH_GIVEN,   /* write v.auth.auth as it is (decoded messages use this) */
	MIP_AUTH_COMPUTE, /* compute with ext.sa over the covered bytes (RFC 5944 §3.5.1) */
	MIP_AUTH_CORRUPT, /* compute, then flip the last bit: a wrong authenticator */
};

struct mip_sa; /* auth.h */

union mip_ext_val {
	struct { uint32_t spi; const uint8_t *auth; uint16_t auth_len; } auth; /* 32 33 34 36 */
	struct { uint16_t reserved; uint32_t vendor; uint16_t vtype;
		 const uint8_t *value; uint16_t value_len; } vse;         /* 38 (reserved unused), 134 */
	struct { uint8_t reserved1; uint8_t flags; uint8_t encap; uint16_t reserved3; } utrq; /* 144 */
	struct { uint8_t code; uint16_t flags; uint16_t keepalive; } utrp;     /* 44 */
	struct { uint8_t method; } pernode;                                    /* 47/1 */
	struct { uint32_t key; } gre;                                          /* 48 */
	struct { const uint8_t *p; uint16_t len; } bytes; /* 131, 132, 145, 147/1, unknown */
	struct { uint8_t idtype; const uint8_t *id; uint16_t id_len; } pmid;   /* 147/2, 147/3 */
	struct { uint8_t tech; } acctech;                                      /* 147/4 */
	struct { uint16_t flags; uint32_t ts; } rev;                           /* 137 */
	struct { uint32_t ha; } dynha;                                         /* 139 */
	struct { uint16_t count; } pad;                                        /* 0: a run */
};

#define MIP_UTRQ_F 0x80 /* in utrq.flags: RFC 3519 §3.1 */
#define MIP_UTRQ_R 0x40
#define MIP_UTRP_F 0x8000 /* in utrp.flags: RFC 3519 §3.2 */
#define MIP_REVSUP_I 0x8000 /* in rev.flags: RFC 3543 §3.2 */

struct mip_ext {
	uint8_t type;
	uint8_t fmt;       /* enum mip_ext_fmt of this instance (139 may be SHORT or LONG) */
	uint8_t subtype;   /* SHORT/LONG: Sub-Type; CVSE: the Reserved byte */
	bool known;        /* decode: the type is in the policy table */
	uint16_t off;      /* decode: offset of the Type byte in the message */
	uint16_t length;   /* the Length field (decode: as read; encode: used if length_set) */
	const uint8_t *data; /* the bytes after the header (after the Sub-Type for SHORT) */
	uint16_t data_len;
	union mip_ext_val v;
	/* encode: */
	bool length_set;   /* write `length` instead of the correct value */
	bool raw;          /* write data/data_len verbatim instead of encoding v */
	uint8_t auth_mode; /* enum mip_auth_mode */
	bool auth_len_set; /* write only auth_len bytes of the computed authenticator */
	uint16_t auth_len;
	const struct mip_sa *sa; /* for MIP_AUTH_COMPUTE / CORRUPT */
};

#define MIP_EXT_MAX 64
#define MIP_MSG_MAX 65507 /* largest UDP payload over IPv4 */

struct mip_msg {
	uint8_t type;       /* enum mip_type, or any byte */
	uint8_t flags;      /* RRQ: S B D M G r T x */
	uint8_t code;       /* RRP */
	uint16_t lifetime;  /* RRQ, RRP */
	uint32_t hoa;       /* RRQ, RRP, REV, REVACK */
	uint32_t ha;        /* RRQ, RRP: Home Agent; REV: Home Domain Address */
	uint32_t coa;       /* RRQ: Care-of Address; REV: Foreign Domain Address */
	uint64_t ident;     /* RRQ, RRP */
	uint8_t reserved8;  /* REV, REVACK: byte 1 */
	uint16_t rflags;    /* REV: A, I, Reserved(14); REVACK: I, Reserved(15) */
	uint32_t revid;     /* REV, REVACK */
	uint8_t nexthdr;    /* TUNDATA: 4 IP, 47 GRE, 55 minimal */
	uint16_t treserved; /* TUNDATA */
	const uint8_t *payload; /* TUNDATA: the tunnelled packet; unknown type: the body */
	uint16_t payload_len;
	struct mip_ext ext[MIP_EXT_MAX];
	uint8_t n_ext;
	/* decode: */
	bool known;         /* type is one of enum mip_type */
	bool fixed_ok;      /* the fixed part decoded: on an error in the extensions too,
			     * so a reader can still judge type, code, lifetime, addresses
			     * and Identification, and the n_ext extensions before the
			     * damage (issue #12 §4, tolerant reading) */
	uint16_t len;       /* message length */
	int16_t nonskip_unknown; /* index in ext[] of the first unknown type 0-127, or -1:
				  * RFC 5944 §1.8 says the whole message MUST be discarded */
	/* encode: */
	const uint8_t *trailer; /* bytes appended after the extensions (garbage, padding) */
	uint16_t trailer_len;
	bool truncate_set;  /* cut the encoded message to `truncate` bytes */
	uint16_t truncate;
};

/* A codec error: where and what.  Truncated (the bytes ran out, or a Length points
 * past the end) is told apart from invalid (a value no amount of data fixes). */
enum mip_err_kind { MIP_OK = 0, MIP_ETRUNC, MIP_EINVAL, MIP_EFULL };

struct mip_err {
	enum mip_err_kind kind;
	size_t off;         /* byte offset of the offending field in the message */
	const char *field;  /* e.g. "RRQ.Lifetime", "ext[2] 147/4 Length" */
	char detail[120];
	char fieldbuf[96];  /* storage when `field` must be composed */
};

/* Set *e and return -1; detail is printf-style. */
int mip_fail(struct mip_err *e, enum mip_err_kind kind, size_t off, const char *field,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* "truncated at byte 22 (RRQ.Identification): needs 8 bytes, 2 left" */
const char *mip_err_str(const struct mip_err *e, char *buf, size_t n);

/* Decode one Mobile IP message (a UDP payload).  On error, m holds what was decoded
 * before the error (fixed part and the extensions before it) and the return is -1;
 * m->fixed_ok says whether the fixed part was whole. */
int mip_decode(const uint8_t *buf, size_t len, struct mip_msg *m, struct mip_err *err);

/* Encode m into buf; *out_len gets the length.  Authenticators in MIP_AUTH_COMPUTE mode
 * are computed over the bytes written before them.  -1 with MIP_EFULL if cap is short. */
int mip_encode(const struct mip_msg *m, uint8_t *buf, size_t cap, size_t *out_len,
	       struct mip_err *err);

/* Initialise an empty message of a given type (everything zero, no extensions). */
void mip_msg_init(struct mip_msg *m, uint8_t type);

/* Append an extension; returns it zeroed but for type/fmt/subtype, or NULL if full. */
struct mip_ext *mip_ext_add(struct mip_msg *m, uint8_t type, uint8_t subtype);

/* Append an authentication extension (32, 33, 34; 36 with sub-type 1 for MN-AAA) whose
 * authenticator mip_encode computes with sa over everything before it.  NULL if full.
 * The SPI is the SA's; the struct mip_sa must outlive the encode. */
struct mip_ext *mip_ext_add_auth(struct mip_msg *m, uint8_t type, const struct mip_sa *sa);

/* First extension of a type (and sub-type, or -1 for any): its index or -1; it, or NULL
 * (mip_ext_get for a message being changed). */
int mip_ext_index(const struct mip_msg *m, uint8_t type, int subtype);
const struct mip_ext *mip_ext_find(const struct mip_msg *m, uint8_t type, int subtype);
struct mip_ext *mip_ext_get(struct mip_msg *m, uint8_t type, int subtype);

/* Remove every extension of a type (and sub-type, or -1 for any), keeping the order. */
void mip_ext_drop(struct mip_msg *m, uint8_t type, int subtype);

/* Room for an extension at index at, the later ones moved up: it (unchanged), or NULL
 * when full or at is past the end. */
struct mip_ext *mip_ext_insert(struct mip_msg *m, unsigned at);
int mip_ext_count(const struct mip_msg *m, uint8_t type, int subtype);

/* Size of the fixed part for a known type; 0 for unknown types. */
size_t mip_fixed_len(uint8_t type);

#endif
