/* priv.c — see priv.h. */
#include "priv.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "txt.h"

#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

int priv_lookup(struct priv_user *u, const char *name, char *err, size_t errlen)
{
	struct passwd *pw;

	errno = 0;
	pw = strlen(name) < sizeof u->name ? getpwnam(name) : NULL;
	if (!pw) {
		snprintf(err, errlen, "no user '%s'%s%s", txt_esc(name, strlen(name)).s,
			 errno ? ": " : "", errno ? strerror(errno) : "");
		return -1;
	}
	*u = (struct priv_user){ .set = true, .uid = pw->pw_uid, .gid = pw->pw_gid };
	snprintf(u->name, sizeof u->name, "%s", name);
	return 0;
}

static int priv_fail(char *err, size_t errlen, const char *what)
{
	snprintf(err, errlen, "dropping privileges: %s: %s", what, strerror(errno));
	return -1;
}

/* Empty effective, permitted and inheritable sets (capset(2), version 3). */
static int priv_no_caps(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

	memset(d, 0, sizeof d);
	return (int)syscall(SYS_capset, &h, d);
}

int priv_drop(const struct priv_user *u, char *err, size_t errlen)
{
	if (u->set && (getuid() != u->uid || geteuid() != u->uid)) {
		if (initgroups(u->name, u->gid) < 0)
			return priv_fail(err, errlen, "initgroups");
		if (setgid(u->gid) < 0)
			return priv_fail(err, errlen, "setgid");
		if (setuid(u->uid) < 0)
			return priv_fail(err, errlen, "setuid");
		if (u->uid != 0 && setuid(0) == 0) {
			errno = EPERM;
			return priv_fail(err, errlen, "root regained after setuid");
		}
	}
	if (priv_no_caps() < 0)
		return priv_fail(err, errlen, "capset");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return priv_fail(err, errlen, "PR_SET_NO_NEW_PRIVS");
	return 0;
}
