// SPDX-License-Identifier: GPL-2.0
/*
 * Network transport mcast: a LAN over one IPv4 multicast group, with no
 * daemon and no privileges. Every frame is one UDP datagram to the group,
 * as it is (the classic UML mcast format), and every member receives it.
 *
 *   ethN=mcast,[MAC],[ADDR],[PORT],[TTL]
 *
 * ADDR defaults to 239.192.168.1 (organisation-local scope), PORT to 1102,
 * TTL to 1 (the host's own segment). Our own frames come back through the
 * multicast loop, which the other guests on this host need: they are
 * recognised by their source address and dropped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "host-net.h"

struct mcast {
	struct sockaddr_in group;
	int ttl;
};

static int number(const char *s, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return !*s || *end || errno || *out < lo || *out > hi ? -1 : 0;
}

static int mcast_parse(struct net_iface *i, char **f, int n, char *err, size_t errlen)
{
	static struct mcast m[HOST_NET_IFACES];
	struct mcast *mc = &m[i->index];
	long port = 1102, ttl = 1;
	const char *addr = "239.192.168.1";

	if (n > 4) {
		snprintf(err, errlen, "more than mcast,MAC,ADDR,PORT,TTL");
		return -1;
	}
	if (n > 0 && *f[0]) {
		if (net_parse_mac(f[0], i->mac, err, errlen))
			return -1;
		i->mac_given = 1;
	}
	if (n > 1 && *f[1])
		addr = f[1];
	if (n > 2 && *f[2] && number(f[2], 1, 65535, &port)) {
		snprintf(err, errlen, "'%s' is not a port (1 to 65535)", f[2]);
		return -1;
	}
	if (n > 3 && *f[3] && number(f[3], 0, 255, &ttl)) {
		snprintf(err, errlen, "'%s' is not a TTL (0 to 255)", f[3]);
		return -1;
	}
	memset(mc, 0, sizeof(*mc));
	mc->group.sin_family = AF_INET;
	mc->group.sin_port = htons(port);
	if (inet_pton(AF_INET, addr, &mc->group.sin_addr) != 1) {
		snprintf(err, errlen, "'%s' is not an IPv4 address", addr);
		return -1;
	}
	if (!IN_MULTICAST(ntohl(mc->group.sin_addr.s_addr))) {
		snprintf(err, errlen, "%s is not a multicast address (224.0.0.0/4)", addr);
		return -1;
	}
	mc->ttl = ttl;
	i->priv = mc;
	return 0;
}

static void mcast_open(struct net_iface *i)
{
	struct mcast *mc = i->priv;
	struct ip_mreqn mreq = { .imr_multiaddr = mc->group.sin_addr };
	unsigned char loop = 1, ttl = mc->ttl;
	int fd, one = 1;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		net_die(i, "socket: %s", strerror(errno));
	/* Several guests on one host share the group's port. */
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
		net_die(i, "SO_REUSEADDR: %s", strerror(errno));
	/* Bound to the group, the socket gets the group's datagrams only. */
	if (bind(fd, (struct sockaddr *)&mc->group, sizeof(mc->group)))
		net_die(i, "cannot bind to the group's port: %s", strerror(errno));
	if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq)))
		net_die(i, "cannot join the group: %s (does the host have a "
			"multicast route?)", strerror(errno));
	if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof(loop)) ||
	    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl)))
		net_die(i, "multicast options: %s", strerror(errno));
	i->fd = fd;
}

static long mcast_send(struct net_iface *i, const struct iovec *v, int n)
{
	struct mcast *mc = i->priv;
	struct msghdr m = {
		.msg_name = &mc->group,
		.msg_namelen = sizeof(mc->group),
		.msg_iov = (struct iovec *)v,
		.msg_iovlen = n,
	};

	return sendmsg(i->fd, &m, MSG_DONTWAIT) < 0 ? -errno : 0;
}

static long mcast_recv(struct net_iface *i, void *buf, size_t len)
{
	for (;;) {
		ssize_t r = recv(i->fd, buf, len, MSG_DONTWAIT);

		if (r < 0)
			return -errno;
		/* Not our own, come back through the loop. */
		if (r < 12 || memcmp((char *)buf + 6, i->mac, 6))
			return r;
	}
}

const struct net_transport net_mcast = {
	.name = "mcast",
	.parse = mcast_parse,
	.open = mcast_open,
	.send = mcast_send,
	.recv = mcast_recv,
};
