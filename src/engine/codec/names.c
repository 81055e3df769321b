/* names.c — code-to-name tables: message types (RFC 5944 §1.8, RFC 3519 §3.3, RFC 3543 §7.1),
 * reply codes (RFC 5944 §3.4, §6.4 and the RFCs of PROTOCOL.md §3), extension types and
 * the value lists of RFC 5563 §5, RFC 4433 §3.4, RFC 4917 §3, RFC 4721 §5.
 *
 * Every table is sorted by value (the unit tests check it) and its short names are
 * unique without regard to case (and '_' for '-'), so that name_value() is the inverse of
 * name_of().
 */
#include "names.h"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>

#define TABLE(sym, rows) const struct name_table sym = { rows, sizeof(rows) / sizeof(rows[0]) }

/* RFC 5944 §1.8 (1, 3), RFC 3519 §3.3 (4), RFC 3543 §7.1 (7, 15). */
static const struct name_entry msg_type_rows[] = {
	{ 1, "rrq", "Registration Request" },
	{ 3, "rrp", "Registration Reply" },
	{ 4, "tunnel-data", "MIP Tunnel Data" },
	{ 7, "revocation", "Registration Revocation" },
	{ 15, "revocation-ack", "Registration Revocation Acknowledgment" },
};
TABLE(names_msg_type, msg_type_rows);

/*
 * Registration Reply codes, every name in one style (issue #14), lower-case with hyphens,
 * on the console, in decode, JSON and logs.  Where the defining RFC gives a symbolic name
 * it is that name in this style (RFC 2794 §5, RFC 3519 §3.5, RFC 3957, RFC 4433 §7,
 * RFC 4721 §10, RFC 5563 §12.2: PMIP_UNSUPPORTED is pmip-unsupported), and name_value()
 * takes the RFC's spelling too.  Otherwise the name is ours: codes denied by the foreign
 * agent (64-127, and 194) carry an "fa-" prefix, codes of the home agent go bare, so
 * that the same reason from either agent keeps a distinct name.
 * Titles are the RFC's words.  Sources: RFC 5944 §3.4 (0, 1, 64-73, 77-88, 128-136,
 * 194); RFC 3024 §3.4 (74-76, 79, 137-139); RFC 3115 §2.4 (100, 101, 140, 141).
 */
static const struct name_entry code_rows[] = {
	{ 0, "accepted", "registration accepted" },
	{ 1, "accepted-no-simultaneous",
	  "registration accepted, but simultaneous mobility bindings unsupported" },
	{ 64, "fa-unspecified", "reason unspecified" },
	{ 65, "fa-admin-prohibited", "administratively prohibited" },
	{ 66, "fa-insufficient-resources", "insufficient resources" },
	{ 67, "fa-mn-auth-failed", "mobile node failed authentication" },
	{ 68, "fa-ha-auth-failed", "home agent failed authentication" },
	{ 69, "fa-lifetime-too-long", "requested Lifetime too long" },
	{ 70, "fa-poorly-formed-request", "poorly formed Request" },
	{ 71, "fa-poorly-formed-reply", "poorly formed Reply" },
	{ 72, "fa-encap-unavailable", "requested encapsulation unavailable" },
	{ 73, "fa-reserved-unavailable", "reserved and unavailable" },
	{ 74, "fa-rev-tunnel-unavailable", "requested reverse tunnel unavailable" },
	{ 75, "fa-rev-tunnel-mandatory", "reverse tunnel is mandatory and 'T' bit not set" },
	{ 76, "fa-mn-too-distant", "mobile node too distant" },
	{ 77, "fa-invalid-coa", "invalid care-of address" },
	{ 78, "fa-registration-timeout", "registration timeout" },
	{ 79, "fa-delivery-style-unsupported", "delivery style not supported" },
	{ 80, "fa-home-net-unreachable", "home network unreachable (ICMP error received)" },
	{ 81, "fa-ha-host-unreachable", "home agent host unreachable (ICMP error received)" },
	{ 82, "fa-ha-port-unreachable", "home agent port unreachable (ICMP error received)" },
	{ 88, "fa-ha-unreachable", "home agent unreachable (other ICMP error received)" },
	{ 90, "nonzero-ha-reqd", "Non-zero HA address required in Registration Request" },
	{ 96, "nonzero-homeaddr-reqd", "non-zero home address required" },
	{ 97, "missing-nai", "missing NAI" },
	{ 98, "missing-home-agent", "missing home agent" },
	{ 99, "missing-homeaddr", "missing home address" },
	{ 100, "fa-bad-cvse-from-mn", "cannot interpret CVSE sent by the mobile node" },
	{ 101, "fa-bad-cvse-from-ha", "cannot interpret CVSE sent by the home agent" },
	{ 104, "unknown-challenge", "unknown challenge" },
	{ 105, "missing-challenge", "missing challenge" },
	{ 106, "stale-challenge", "stale challenge" },
	{ 107, "missing-mn-fa", "missing MN-FA key generation nonce reply" },
	{ 108, "fa-bad-aaa-auth", "foreign agent: bad AAA authentication" },
	{ 109, "ha-wrong-challenge", "home agent: wrong challenge" },
	{ 128, "unspecified", "reason unspecified" },
	{ 129, "admin-prohibited", "administratively prohibited" },
	{ 130, "insufficient-resources", "insufficient resources" },
	{ 131, "mn-auth-failed", "mobile node failed authentication" },
	{ 132, "fa-auth-failed", "foreign agent failed authentication" },
	{ 133, "ident-mismatch", "registration Identification mismatch" },
	{ 134, "poorly-formed-request", "poorly formed Request" },
	{ 135, "too-many-bindings", "too many simultaneous mobility bindings" },
	{ 136, "unknown-ha", "unknown home agent address" },
	{ 137, "rev-tunnel-unavailable", "requested reverse tunnel unavailable" },
	{ 138, "rev-tunnel-mandatory", "reverse tunnel is mandatory and 'T' bit not set" },
	{ 139, "encap-unavailable", "requested encapsulation unavailable" },
	{ 140, "bad-cvse-from-mn", "cannot interpret CVSE sent by the mobile node" },
	{ 141, "bad-cvse-from-fa", "cannot interpret CVSE sent by the foreign agent" },
	{ 142, "error-ha-udp-encap-unavail", "Requested UDP tunnel encapsulation unavailable" },
	{ 143, "redirect-ha-req", "Re-register with redirected HA" },
	{ 144, "ha-bad-aaa-auth", "home agent: bad AAA authentication" },
	{ 149, "pmip-unsupported", "Proxy Registration not supported by the HA" },
	{ 150, "pmip-disallowed", "Proxy Registrations from this PMA are not allowed" },
	{ 194, "fa-invalid-ha", "Invalid Home Agent Address" },
};
TABLE(names_code, code_rows);

/*
 * Extension types of registration messages (PROTOCOL.md §2.2): RFC 5944 §1.8, §3.5.2-§3.5.4
 * (0, 32-34); RFC 4721 §5 (36); RFC 3115 (37/133 of RFC 3025, 38/134 of IANA);
 * RFC 3519 §3.1-§3.2 (44, 144); RFC 5563 §5 (47, 147); RFC 6245 §5 (48); RFC 3024 §3.3
 * (130); RFC 2794 §2 (131); RFC 4721 §4 (132); RFC 3543 §3.2 (137); RFC 4433 §3.4
 * (139); RFC 4917 §3 (145).
 */
static const struct name_entry ext_rows[] = {
	{ 0, "pad", "One-byte Padding" },
	{ 32, "mn-ha", "Mobile-Home Authentication" },
	{ 33, "mn-fa", "Mobile-Foreign Authentication" },
	{ 34, "fa-ha", "Foreign-Home Authentication" },
	{ 36, "gen-auth", "Generalized Authentication" },
	{ 37, "cvse-old", "Critical Vendor/Organization Specific (RFC 3025 value)" },
	{ 38, "cvse", "Critical Vendor/Organization Specific" },
	{ 44, "udp-tun-rep", "UDP Tunnel Reply" },
	{ 47, "pmip", "Proxy Mobile IPv4 Non-skippable" },
	{ 48, "gre-key", "GRE Key" },
	{ 130, "eds", "Encapsulating Delivery Style" },
	{ 131, "nai", "Mobile Node NAI" },
	{ 132, "challenge", "MN-FA Challenge" },
	{ 133, "nvse-old", "Normal Vendor/Organization Specific (RFC 3025 value)" },
	{ 134, "nvse", "Normal Vendor/Organization Specific" },
	{ 137, "rev-support", "Revocation Support" },
	{ 139, "dyn-ha", "Dynamic HA" },
	{ 144, "udp-tun-req", "UDP Tunnel Request" },
	{ 145, "msg-string", "Message String" },
	{ 147, "pmip-skip", "Proxy Mobile IPv4 Skippable" },
};
TABLE(names_ext, ext_rows);

/* RFC 5563 §5.5: Access Technology Type, Tech-Type. */
static const struct name_entry tech_rows[] = {
	{ 0, "reserved", "Reserved" },
	{ 1, "802.3", "802.3" },
	{ 2, "802.11", "802.11a/b/g" },
	{ 3, "802.16e", "802.16e" },
	{ 4, "802.16m", "802.16m" },
	{ 5, "lte", "3GPP EUTRAN/LTE" },
	{ 6, "utran", "3GPP UTRAN/GERAN" },
	{ 7, "1xrtt", "3GPP2 1xRTT/HRPD" },
	{ 8, "umb", "3GPP2 UMB" },
};
TABLE(names_tech, tech_rows);

/* RFC 5563 §5.3: Device ID, ID-Type. */
static const struct name_entry devid_rows[] = {
	{ 1, "mac", "Ethernet MAC address" },
	{ 2, "meid", "MEID" },
	{ 3, "imei", "IMEI" },
	{ 4, "esn", "ESN" },
};
TABLE(names_devid_type, devid_rows);

/* RFC 5563 §5.4: Subscriber ID, ID-Type. */
static const struct name_entry subid_rows[] = {
	{ 1, "imsi", "IMSI" },
};
TABLE(names_subid_type, subid_rows);

/* RFC 5563 §5.1: Per-Node Authentication Method. */
static const struct name_entry pernode_rows[] = {
	{ 1, "fa-ha", "FA-HA Authentication" },
	{ 2, "ipsec", "IPsec Authentication" },
};
TABLE(names_pernode, pernode_rows);

/* RFC 3519 §3.3: Tunnel Data Next Header (RFC 2003, RFC 2784, RFC 2004 protocols). */
static const struct name_entry nexthdr_rows[] = {
	{ 4, "ip", "IP in IP" },
	{ 47, "gre", "GRE" },
	{ 55, "minimal", "Minimal Encapsulation" },
};
TABLE(names_nexthdr, nexthdr_rows);

/* RFC 4433 §3.4: Dynamic HA extension sub-types. */
static const struct name_entry dynha_rows[] = {
	{ 1, "requested", "Requested HA" },
	{ 2, "redirected", "Redirected HA" },
};
TABLE(names_dynha, dynha_rows);

/* RFC 4917 §3: Message String sub-types. */
static const struct name_entry msgstr_rows[] = {
	{ 1, "ha", "from the Home Agent" },
	{ 2, "fa", "from the Foreign Agent" },
};
TABLE(names_msgstr, msgstr_rows);

/* RFC 4721 §5-§6: Generalized Authentication sub-types. */
static const struct name_entry genauth_rows[] = {
	{ 1, "mn-aaa", "MN-AAA Authentication" },
};
TABLE(names_genauth, genauth_rows);

/* RFC 5563 §5.2-§5.5: Proxy Mobile IPv4 Skippable extension sub-types. */
static const struct name_entry pmip_sk_rows[] = {
	{ 1, "ifid", "Interface ID" },
	{ 2, "devid", "Device ID" },
	{ 3, "subid", "Subscriber ID" },
	{ 4, "acctech", "Access Technology Type" },
};
TABLE(names_pmip_sk, pmip_sk_rows);

/* RFC 5563 §5.1: Proxy Mobile IPv4 Non-skippable extension sub-types. */
static const struct name_entry pmip_ns_rows[] = {
	{ 1, "pernode", "Per-Node Authentication Method" },
};
TABLE(names_pmip_ns, pmip_ns_rows);

const struct name_entry *name_find(const struct name_table *t, unsigned v)
{
	unsigned lo = 0, hi = t->n;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (t->rows[mid].value == v)
			return &t->rows[mid];
		if (t->rows[mid].value < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *name_of(const struct name_table *t, unsigned v)
{
	const struct name_entry *e = name_find(t, v);

	return e ? e->name : NULL;
}

const char *title_of(const struct name_table *t, unsigned v)
{
	const struct name_entry *e = name_find(t, v);

	return e ? e->title : NULL;
}

/* a and b equal without regard to case, '_' standing for '-' (PMIP_UNSUPPORTED) */
static bool name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = *a == '_' ? '-' : tolower((unsigned char)*a);
		int y = *b == '_' ? '-' : tolower((unsigned char)*b);

		if (x != y)
			return false;
	}
	return *a == *b;
}

long name_value(const struct name_table *t, const char *name)
{
	for (unsigned i = 0; i < t->n; i++)
		if (name_eq(t->rows[i].name, name))
			return (long)t->rows[i].value;
	return -1;
}

/* RFC 5944 §6.4, Table 1.  194 is sent by the FA but numbered in the GFA range
 * (PROTOCOL.md §11 item 8); this function reports the range only. */
const char *code_class(uint8_t code)
{
	if (code <= 8)
		return "success";
	if (code >= 64 && code <= 127)
		return "FA";
	if (code >= 128 && code <= 192)
		return "HA";
	if (code >= 193 && code <= 200)
		return "GFA";
	return "unassigned";
}
