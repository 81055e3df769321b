/* io_tun.c — the TUN backend of port.h: /dev/net/tun opened nonblocking, attached to a
 * new device with IFF_TUN | IFF_NO_PI (no packet information header: the kernel tells
 * IPv4 from IPv6 by the version nibble), one read(2) per packet, up to 64 per wakeup.
 */
#include "io_tun.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/if_tun.h>
#include <net/if.h>
#include <sys/ioctl.h>

#define TUNDEV_PATH    "/dev/net/tun"
#define TUNDEV_RX_SLOT 65536 /* any IPv4 packet: Total Length is 16 bits */
#define TUNDEV_RX_MAX  64    /* packets per wakeup; epoll is level-triggered */

struct tundev {
	struct loop *l;
	int fd;
	char name[IFNAMSIZ];
	pkt_rx_fn rx_fn;
	void *arg;
	struct port_stats st;
	unsigned busy; /* inside rx callbacks: close defers the free */
	bool dead;
	uint8_t rbuf[TUNDEV_RX_SLOT];
};

/* Attach the open fd to a new device; the kernel writes back the name it used. */
static int tundev_attach(struct tundev *t, const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	if (name && *name) {
		if (strlen(name) >= sizeof(ifr.ifr_name)) {
			errno = EINVAL;
			return -1;
		}
		memcpy(ifr.ifr_name, name, strlen(name));
	}
	if (ioctl(t->fd, TUNSETIFF, &ifr) < 0)
		return -1;
	memcpy(t->name, ifr.ifr_name, sizeof(t->name));
	t->name[sizeof(t->name) - 1] = '\0';
	return 0;
}

static void tundev_readable(void *arg);

struct tundev *tundev_open(struct loop *l, const char *name, pkt_rx_fn rx, void *arg,
			   char *err, size_t errlen)
{
	const char *what = name && *name ? name : TUNDEV_PATH;
	struct tundev *t = calloc(1, sizeof(*t));

	if (!t) {
		snprintf(err, errlen, "%s: %s", what, strerror(ENOMEM));
		return NULL;
	}
	t->l = l;
	t->rx_fn = rx;
	t->arg = arg;
	t->fd = open(TUNDEV_PATH, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (t->fd < 0 || tundev_attach(t, name) < 0)
		goto fail;
	if (loop_add_fd(l, t->fd, tundev_readable, t) < 0)
		goto fail;
	return t;
fail:
	snprintf(err, errlen, "%s: %s", what, strerror(errno));
	if (t->fd >= 0)
		close(t->fd);
	free(t);
	return NULL;
}

void tundev_close(struct tundev *t)
{
	if (!t || t->dead)
		return;
	loop_del_fd(t->l, t->fd);
	close(t->fd); /* the device goes with its last file */
	t->dead = true;
	if (!t->busy)
		free(t); /* else tundev_readable frees it on the way out */
}

static void tundev_readable(void *arg)
{
	struct tundev *t = arg;

	t->busy++;
	for (unsigned i = 0; i < TUNDEV_RX_MAX && !t->dead; i++) {
		ssize_t n = read(t->fd, t->rbuf, sizeof(t->rbuf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			t->st.rx_errors++;
		if (n <= 0)
			break;
		t->st.rx++;
		t->rx_fn(t->arg, t->rbuf, (size_t)n);
	}
	if (--t->busy == 0 && t->dead)
		free(t);
}

static int tundev_send(void *ctx, const uint8_t *buf, size_t len)
{
	struct tundev *t = ctx;
	ssize_t n;

	do
		n = write(t->fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n >= 0 && (size_t)n != len)
		errno = EMSGSIZE; /* a TUN write is one packet: never partial in practice */
	if (n < 0 || (size_t)n != len) {
		t->st.tx_errors++;
		return -1;
	}
	t->st.tx++;
	return 0;
}

struct pkt_port tundev_port(struct tundev *t)
{
	return (struct pkt_port){ .send = tundev_send, .ctx = t };
}

const char *tundev_name(const struct tundev *t)
{
	return t->name;
}

struct port_stats tundev_stats(const struct tundev *t)
{
	return t->st;
}
