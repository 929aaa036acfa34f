// SPDX-License-Identifier: GPL-2.0
/*
 * Network transport slirp: user-mode networking, no root and nothing set
 * up on the host. The TCP/IP stack (libslirp) runs in a program of its
 * own, um-slirp next to this one (slirp-helper.c), started before boot;
 * frames go between the two over a SOCK_SEQPACKET socket pair, one a
 * message.
 *
 *   ethN=slirp[,hostfwd=PROTO:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT]...
 *
 * as QEMU writes its forwards: PROTO tcp or udp, HOSTADDR 127.0.0.1 and
 * GUESTADDR 10.0.2.15 (the address the guest gets by DHCP) by default.
 * The helper is started twice removed (its parent exits at once), so it
 * is never a child the userspace backends could wait for; it ends when
 * its socket does, which is also how the kernel learns it is gone.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "host-net.h"

#define SLIRP_FWDS	(NET_FIELDS)

struct slirp {
	char fwd[SLIRP_FWDS][80];	/* "tcp:HOSTADDR:HP:GUESTADDR:GP" */
	int nfwd;
};

static int port_number(const char *s, size_t len, unsigned int *out)
{
	unsigned int v = 0;
	size_t k;

	if (!len || len > 5)
		return -1;
	for (k = 0; k < len; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	if (!v || v > 65535)
		return -1;
	*out = v;
	return 0;
}

/* [ADDR]:PORT of a forward, ADDR defaulting to dflt. */
static int endpoint(const char *s, size_t len, const char *dflt, char *addr,
		    unsigned int *port)
{
	const char *colon = memchr(s, ':', len);
	struct in_addr a;
	size_t alen;

	if (!colon)
		return -1;
	alen = colon - s;
	if (alen >= 16)
		return -1;
	if (alen) {
		memcpy(addr, s, alen);
		addr[alen] = '\0';
		if (inet_pton(AF_INET, addr, &a) != 1)
			return -1;
	} else {
		strcpy(addr, dflt);
	}
	return port_number(colon + 1, len - alen - 1, port);
}

static int slirp_parse(struct net_iface *i, char **f, int n, char *err, size_t errlen)
{
	static struct slirp state[HOST_NET_IFACES];
	struct slirp *sl = &state[i->index];
	int k;

	memset(sl, 0, sizeof(*sl));
	for (k = 0; k < n; k++) {
		const char *v = f[k], *dash;
		char haddr[16], gaddr[16];
		unsigned int hp, gp;
		int udp;

		if (strncmp(v, "hostfwd=", 8)) {
			snprintf(err, errlen, "'%s': only hostfwd=... follows slirp", v);
			return -1;
		}
		v += 8;
		udp = !strncmp(v, "udp:", 4);
		if (!udp && strncmp(v, "tcp:", 4)) {
			snprintf(err, errlen, "hostfwd=%s: wants tcp: or udp:", v);
			return -1;
		}
		dash = strchr(v + 4, '-');
		if (!dash || endpoint(v + 4, dash - v - 4, "127.0.0.1", haddr, &hp) ||
		    endpoint(dash + 1, strlen(dash + 1), "10.0.2.15", gaddr, &gp)) {
			snprintf(err, errlen, "hostfwd=%s: not PROTO:[HOSTADDR]:HOSTPORT-"
				 "[GUESTADDR]:GUESTPORT", v);
			return -1;
		}
		snprintf(sl->fwd[sl->nfwd++], sizeof(sl->fwd[0]), "%s:%s:%u:%s:%u",
			 udp ? "udp" : "tcp", haddr, hp, gaddr, gp);
	}
	i->priv = sl;
	return 0;
}

/* um-slirp in the folder of this program. */
static void helper_path(struct net_iface *i, char *path, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", path, len - 16);
	char *slash;

	if (n < 0)
		net_die(i, "cannot find this program: %s", strerror(errno));
	path[n] = '\0';
	slash = strrchr(path, '/');
	strcpy(slash ? slash + 1 : path, "um-slirp");
	if (access(path, X_OK))
		net_die(i, "the slirp helper %s: %s", path, strerror(errno));
}

static void slirp_open(struct net_iface *i)
{
	struct slirp *sl = i->priv;
	struct timeval tv = { .tv_sec = 10 };
	char path[PATH_MAX], fdarg[16], answer[256];
	char *argv[SLIRP_FWDS + 3];
	int sv[2], k, status;
	ssize_t r;
	pid_t pid;

	helper_path(i, path, sizeof(path));
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		net_die(i, "socketpair: %s", strerror(errno));
	snprintf(fdarg, sizeof(fdarg), "%d", sv[1]);
	argv[0] = "um-slirp";
	argv[1] = fdarg;
	for (k = 0; k < sl->nfwd; k++)
		argv[k + 2] = sl->fwd[k];
	argv[k + 2] = NULL;

	pid = fork();
	if (pid < 0)
		net_die(i, "fork: %s", strerror(errno));
	if (!pid) {
		close(sv[0]);
		if (fork())
			_exit(0);
		fcntl(sv[1], F_SETFD, 0);
		setsid();
		execv(path, argv);
		_exit(127);
	}
	close(sv[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	r = recv(sv[0], answer, sizeof(answer) - 1, 0);
	if (r <= 0)
		net_die(i, "the slirp helper did not start (%s)",
			r < 0 ? strerror(errno) : "it ended");
	answer[r] = '\0';
	if (strcmp(answer, "ok"))
		net_die(i, "%s", strncmp(answer, "error: ", 7) ? answer : answer + 7);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	i->fd = sv[0];
}

static long slirp_send(struct net_iface *i, const struct iovec *v, int n)
{
	struct msghdr m = { .msg_iov = (struct iovec *)v, .msg_iovlen = n };

	return sendmsg(i->fd, &m, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 ? -errno : 0;
}

static long slirp_recv(struct net_iface *i, void *buf, size_t len)
{
	ssize_t r = recv(i->fd, buf, len, MSG_DONTWAIT);

	if (r == 0)
		return -ECONNRESET;	/* the helper is gone */
	return r < 0 ? -errno : r;
}

const struct net_transport net_slirp = {
	.name = "slirp",
	.usage = "slirp[,hostfwd=PROTO:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT]...",
	.parse = slirp_parse,
	.open = slirp_open,
	.send = slirp_send,
	.recv = slirp_recv,
};
