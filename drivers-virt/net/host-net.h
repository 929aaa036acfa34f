/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network interfaces, host half: what its files share. host.c reads the
 * ethN= options, opens the transports before boot, and runs one helper
 * thread per interface that turns readiness of its descriptors into the
 * interface's interrupt; a transport (host-tap.c, host-daemon.c,
 * host-mcast.c, host-slirp.c, host-vde.c) knows how its fields are written and how one frame goes
 * out and comes in on its descriptor, never blocking.
 */
#ifndef UM_HOST_NET_H
#define UM_HOST_NET_H

#include <stddef.h>
#include <sys/uio.h>
#include "host-priv.h"

#define NET_FIELDS	8

struct net_iface;

struct net_transport {
	const char *name;
	/* Check the fields after the transport's name (f[0..n-1]; may be
	 * empty strings); 0, or -1 with a message in err. */
	int (*parse)(struct net_iface *i, char **f, int n, char *err, size_t errlen);
	/* Open what the fields name: sets fd (and ctl, vnet, mtu); dies
	 * with a usage error naming the option. */
	void (*open)(struct net_iface *i);
	/* One frame out: 0, -EAGAIN when the descriptor is full, -errno. */
	long (*send)(struct net_iface *i, const struct iovec *v, int n);
	/* One frame in: its length, -EAGAIN when none waits, -errno. */
	long (*recv)(struct net_iface *i, void *buf, size_t len);
};

extern const struct net_transport net_tap, net_daemon, net_mcast, net_slirp, net_vde;

struct net_iface {
	int index;			/* N of ethN */
	int set;
	char *spec;			/* the option's value as given */
	char *copy;			/* spec split into fields (f point into it) */
	const struct net_transport *t;
	unsigned char mac[6];
	int mac_given;
	int fd;				/* frames go through this one, non-blocking */
	int ctl;			/* -1, or one whose end means the link is gone */
	int vnet;			/* frames carry a virtio_net_hdr */
	int mtu;
	void *priv;			/* the transport's own state */
	/* Set up by host_net_start(). */
	int irq;
	int kick;			/* eventfd: the helper polls again */
	unsigned int want;		/* HOST_NET_EV_RX/_TX the kernel waits for */
	unsigned int events;		/* noted for the kernel to take */
	int carrier;
	int started;
};

/* host-helper.c: start helper program PROG (next to this one) with args,
 * and take its end of the frames' socket as i->fd; dies with a usage
 * error. send and recv of such a transport. */
void net_helper_open(struct net_iface *i, const char *prog, char **args, int nargs);
long net_helper_send(struct net_iface *i, const struct iovec *v, int n);
long net_helper_recv(struct net_iface *i, void *buf, size_t len);

/* host.c: parse "aa:bb:cc:dd:ee:ff" into mac; 0, or -1 with a message. */
int net_parse_mac(const char *s, unsigned char *mac, char *err, size_t errlen);
/* host.c: a transport's open() failing: "ethN=SPEC: message", status 2. */
void net_die(struct net_iface *i, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

#endif
