// SPDX-License-Identifier: GPL-2.0
/*
 * Network transport daemon: a port of a virtual switch that speaks the
 * classic UML switch protocol (Debian's uml_switch), so guests form a LAN
 * without privileges.
 *
 *   ethN=daemon,[MAC],unix,SOCKET
 *
 * SOCKET is the switch's control socket (uml_switch -unix SOCKET). The
 * port is asked for over it: a request {magic, version 3, "new port", the
 * address of our datagram socket}, answered with the address of the
 * switch's datagram socket. Frames then go between the two datagram
 * sockets, one frame a datagram, as they are. The control connection
 * stays open for as long as the port exists: its end means the switch is
 * gone, and the link goes down.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>

#include "host-net.h"

#define SWITCH_MAGIC	0xfeedface
#define SWITCH_VERSION	3
#define SWITCH_NEW_PORT	0

struct switch_request {
	uint32_t magic;
	uint32_t version;
	uint32_t type;
	struct sockaddr_un addr;	/* where the switch sends our frames */
};

static int daemon_parse(struct net_iface *i, char **f, int n, char *err, size_t errlen)
{
	if (n != 3) {
		snprintf(err, errlen, "wants daemon,[MAC],unix,SOCKET");
		return -1;
	}
	if (*f[0]) {
		if (net_parse_mac(f[0], i->mac, err, errlen))
			return -1;
		i->mac_given = 1;
	}
	if (strcmp(f[1], "unix")) {
		snprintf(err, errlen, "socket type '%s': only unix is known", f[1]);
		return -1;
	}
	if (!*f[2]) {
		snprintf(err, errlen, "no switch socket named (daemon,[MAC],unix,SOCKET)");
		return -1;
	}
	if (strlen(f[2]) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		snprintf(err, errlen, "socket path too long");
		return -1;
	}
	i->priv = f[2];
	return 0;
}

static void daemon_open(struct net_iface *i)
{
	const char *path = i->priv;
	struct sockaddr_un ctl_addr = { .sun_family = AF_UNIX }, data;
	struct switch_request req = {
		.magic = SWITCH_MAGIC,
		.version = SWITCH_VERSION,
		.type = SWITCH_NEW_PORT,
		.addr = { .sun_family = AF_UNIX },
	};
	struct timeval tv = { .tv_sec = 5 };
	struct stat st;
	ssize_t r;
	int ctl, fd;

	if (stat(path, &st))
		net_die(i, "%s: %s", path, strerror(errno));
	if (!S_ISSOCK(st.st_mode))
		net_die(i, "%s is not a socket", path);
	strcpy(ctl_addr.sun_path, path);
	ctl = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (ctl < 0 || connect(ctl, (struct sockaddr *)&ctl_addr, sizeof(ctl_addr)))
		net_die(i, "cannot reach the switch at %s: %s", path, strerror(errno));

	/* Our datagram end: a name in the abstract namespace, which
	 * disappears with the socket; the switch gets it with its length. */
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		net_die(i, "socket: %s", strerror(errno));
	snprintf(req.addr.sun_path + 1, sizeof(req.addr.sun_path) - 1,
		 "um-net-%d-eth%d", (int)getpid(), i->index);
	if (bind(fd, (struct sockaddr *)&req.addr, sizeof(req.addr)))
		net_die(i, "cannot bind a datagram socket: %s", strerror(errno));

	setsockopt(ctl, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (write(ctl, &req, sizeof(req)) != sizeof(req))
		net_die(i, "the switch at %s took no request: %s", path, strerror(errno));
	r = read(ctl, &data, sizeof(data));
	if (r != sizeof(data) || data.sun_family != AF_UNIX)
		net_die(i, "the switch at %s gave no port (%s)", path,
			r < 0 ? strerror(errno) : "no valid answer");
	/* Connected, the socket polls writable only while the switch's
	 * queue has room. */
	if (connect(fd, (struct sockaddr *)&data, sizeof(data)))
		net_die(i, "cannot reach the switch's port: %s", strerror(errno));
	fcntl(fd, F_SETFL, O_NONBLOCK);
	fcntl(ctl, F_SETFL, O_NONBLOCK);
	i->fd = fd;
	i->ctl = ctl;
}

static long daemon_send(struct net_iface *i, const struct iovec *v, int n)
{
	struct msghdr m = { .msg_iov = (struct iovec *)v, .msg_iovlen = n };

	return sendmsg(i->fd, &m, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 ? -errno : 0;
}

static long daemon_recv(struct net_iface *i, void *buf, size_t len)
{
	ssize_t r = recv(i->fd, buf, len, MSG_DONTWAIT);

	return r < 0 ? -errno : r;
}

const struct net_transport net_daemon = {
	.name = "daemon",
	.parse = daemon_parse,
	.open = daemon_open,
	.send = daemon_send,
	.recv = daemon_recv,
};
