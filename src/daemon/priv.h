/* priv.h — the daemons give up their privileges once their sockets are open (issue #14):
 * nothing they do afterwards needs any.  `--user NAME` switches to that user's uid, gid
 * and groups (from root); every capability is dropped either way, so a binary given
 * cap_net_bind_service, cap_net_raw and cap_net_admin with setcap (README "Running the
 * daemons without root") keeps none past its start; no exec may regain any
 * (PR_SET_NO_NEW_PRIVS).
 */
#ifndef PMIP4CT_PRIV_H
#define PMIP4CT_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* A user to become: looked up when the settings are read, so a typo stops the daemon
 * before it opens anything. */
struct priv_user {
	bool set;
	char name[64];
	uid_t uid;
	gid_t gid;
};

/* Look NAME up in the user database: 0, or -1 with "no user 'NAME'" in err. */
int priv_lookup(struct priv_user *u, const char *name, char *err, size_t errlen);

/* Become u (when set), then drop every capability: 0, or -1 with the step that failed
 * in err.  Refuses to go on as root when u is set to someone else and setuid did not
 * stick. */
int priv_drop(const struct priv_user *u, char *err, size_t errlen);

#endif
