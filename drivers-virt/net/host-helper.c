// SPDX-License-Identifier: GPL-2.0
/*
 * Network transports whose work runs in a helper program of the port's
 * own (um-slirp for slirp, um-vde for vde), next to the kernel program:
 * the libraries they use exist only as shared ones, or parse what the
 * guest sends, and stay out of the kernel's process either way.
 *
 * Frames go over a SOCK_SEQPACKET socket pair, one a message. The helper
 * gets its end as the first argument, and its first message says whether
 * it could set up: "ok", or "error: WHY" before it exits. It is started
 * twice removed (its parent exits at once), so it is never a child of the
 * kernel process that a userspace backend's waitpid() could meet; it
 * ends when its socket does, and its end of the socket ending is how the
 * kernel learns it is gone.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "host-net.h"

/* PROG in the folder of this program; dies if it is not there. */
static void helper_path(struct net_iface *i, const char *prog, char *path, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", path, len - 32);
	char *slash;

	if (n < 0)
		net_die(i, "cannot find this program: %s", strerror(errno));
	path[n] = '\0';
	slash = strrchr(path, '/');
	snprintf(slash ? slash + 1 : path, 32, "%s", prog);
	if (access(path, X_OK))
		net_die(i, "its helper %s: %s", path, strerror(errno));
}

void net_helper_open(struct net_iface *i, const char *prog, char **args, int nargs)
{
	struct timeval tv = { .tv_sec = 10 };
	char path[PATH_MAX], fdarg[16], answer[256];
	char *argv[NET_FIELDS + 3];
	int sv[2], k, status;
	ssize_t r;
	pid_t pid;

	helper_path(i, prog, path, sizeof(path));
	if (nargs > NET_FIELDS)
		net_die(i, "too many fields");
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		net_die(i, "socketpair: %s", strerror(errno));
	snprintf(fdarg, sizeof(fdarg), "%d", sv[1]);
	argv[0] = (char *)prog;
	argv[1] = fdarg;
	for (k = 0; k < nargs; k++)
		argv[k + 2] = args[k];
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
		net_die(i, "%s did not start (%s)", prog, r < 0 ? strerror(errno) : "it ended");
	answer[r] = '\0';
	if (strcmp(answer, "ok"))
		net_die(i, "%s", strncmp(answer, "error: ", 7) ? answer : answer + 7);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	i->fd = sv[0];
}

long net_helper_send(struct net_iface *i, const struct iovec *v, int n)
{
	struct msghdr m = { .msg_iov = (struct iovec *)v, .msg_iovlen = n };

	return sendmsg(i->fd, &m, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 ? -errno : 0;
}

long net_helper_recv(struct net_iface *i, void *buf, size_t len)
{
	ssize_t r = recv(i->fd, buf, len, MSG_DONTWAIT);

	if (r == 0)
		return -ECONNRESET;	/* the helper is gone */
	return r < 0 ? -errno : r;
}
