// SPDX-License-Identifier: GPL-2.0
/*
 * um-vde: the port of a VDE switch behind ethN=vde, a program of its own
 * that the kernel starts (host-vde.c, host-helper.c). It opens the switch
 * with libvdeplug and moves frames between it and the kernel.
 *
 *   um-vde FD SWITCH
 *
 * FD is a SOCK_SEQPACKET socket, one Ethernet frame a message, whose
 * other end is the kernel's; the first message is "ok" or "error: ...".
 * It ends when either side does: the kernel's socket closing, or the
 * switch's control connection (the switch quit), which the kernel sees as
 * its socket ending, and takes the link down.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>
#include <libvdeplug.h>

int main(int argc, char **argv)
{
	static unsigned char frame[VDE_ETHBUFSIZE];
	struct pollfd p[3];
	char msg[300];
	VDECONN *conn;
	int sock;

	if (argc != 3) {
		fprintf(stderr, "usage: um-vde FD SWITCH (started by the kernel for ethN=vde)\n");
		return 2;
	}
	sock = atoi(argv[1]);
	conn = vde_open(*argv[2] ? argv[2] : NULL, "user-mode linux", NULL);
	if (!conn) {
		snprintf(msg, sizeof(msg), "error: cannot reach the VDE switch %s: %s",
			 *argv[2] ? argv[2] : "(the default one)", strerror(errno));
		send(sock, msg, strlen(msg), MSG_NOSIGNAL);
		return 2;
	}
	if (send(sock, "ok", 2, MSG_NOSIGNAL) < 0)
		return 1;

	p[0] = (struct pollfd){ .fd = sock, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = vde_datafd(conn), .events = POLLIN };
	p[2] = (struct pollfd){ .fd = vde_ctlfd(conn), .events = POLLIN };
	for (;;) {
		ssize_t n;

		if (poll(p, p[2].fd >= 0 ? 3 : 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (p[0].revents) {
			n = recv(sock, frame, sizeof(frame), MSG_DONTWAIT);
			if (n == 0 || (n < 0 && errno != EAGAIN))
				break;		/* the kernel is gone */
			if (n > 0)
				vde_send(conn, frame, n, 0);
		}
		if (p[1].revents) {
			n = vde_recv(conn, frame, sizeof(frame), 0);
			if (n > 0 && send(sock, frame, n, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 &&
			    errno != EAGAIN && errno != ENOBUFS)
				break;
			if (n == 0)
				break;
		}
		if (p[2].revents) {
			char c[64];

			/* The control connection only ever ends. */
			if (read(p[2].fd, c, sizeof(c)) <= 0)
				break;
		}
	}
	vde_close(conn);
	return 0;
}
