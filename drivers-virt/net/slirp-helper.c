// SPDX-License-Identifier: GPL-2.0
/*
 * um-slirp: the user-mode network behind ethN=slirp, a program of its own
 * that the kernel starts (host-slirp.c). It runs libslirp, the TCP/IP stack
 * QEMU and slirp4netns use, which turns the guest's frames into ordinary
 * host sockets: outbound TCP and UDP, DHCP, DNS through the host's
 * resolver, and port forwards from the host into the guest. No root, no
 * host configuration.
 *
 *   um-slirp FD [tcp|udp:HOSTADDR:HOSTPORT:GUESTADDR:GUESTPORT]...
 *
 * FD is a SOCK_SEQPACKET socket, one Ethernet frame a message, whose
 * other end is the kernel's. The first message says whether set-up worked:
 * "ok", or "error: ..." and the program exits. It ends when the kernel's
 * end closes. Being a process of its own, the guest's packets are parsed
 * outside the kernel's address space.
 *
 * The virtual network is libslirp's usual one: guest 10.0.2.15 (by DHCP),
 * the host 10.0.2.2, DNS 10.0.2.3; its MTU is 65520 (host-slirp.c tells
 * the guest).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <slirp/libslirp.h>

#define MAX_POLL	256
/* As slirp4netns: the most libslirp takes. Its per-frame cost is what
 * bounds throughput, so fewer, larger frames go faster (the guest's TCP
 * segments are then up to 64 KiB). */
#define SLIRP_MTU	65520
#define MAX_TIMERS	64

static int sock;
static struct pollfd pfd[MAX_POLL];
static int npfd;

struct timer {
	SlirpTimerCb cb;
	void *opaque;
	long long expire;	/* ms, -1 when not armed */
	int used;
};
static struct timer timers[MAX_TIMERS];

static void say(const char *msg)
{
	if (send(sock, msg, strlen(msg), MSG_NOSIGNAL) < 0)
		exit(1);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* A frame for the guest. Its queue full, the frame is dropped, as on a wire. */
static ssize_t send_packet(const void *buf, size_t len, void *opaque)
{
	if (send(sock, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 && errno != EAGAIN &&
	    errno != ENOBUFS)
		exit(0);	/* the kernel is gone */
	return len;
}

static void guest_error(const char *msg, void *opaque)
{
	fprintf(stderr, "um-slirp: guest error: %s\n", msg);
}

static int64_t clock_ns(void *opaque)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
	int i;

	for (i = 0; i < MAX_TIMERS; i++)
		if (!timers[i].used) {
			timers[i] = (struct timer){ cb, cb_opaque, -1, 1 };
			return &timers[i];
		}
	fprintf(stderr, "um-slirp: out of timers\n");
	exit(1);
}

static void timer_free(void *t, void *opaque)
{
	((struct timer *)t)->used = 0;
}

static void timer_mod(void *t, int64_t expire_ms, void *opaque)
{
	((struct timer *)t)->expire = expire_ms;
}

static void poll_fd_noop(int fd, void *opaque)
{
}

static void notify(void *opaque)
{
}

static int add_poll(int fd, int events, void *opaque)
{
	short e = 0;

	if (npfd == MAX_POLL)
		return -1;
	if (events & SLIRP_POLL_IN)
		e |= POLLIN;
	if (events & SLIRP_POLL_OUT)
		e |= POLLOUT;
	if (events & SLIRP_POLL_PRI)
		e |= POLLPRI;
	pfd[npfd] = (struct pollfd){ .fd = fd, .events = e };
	return npfd++;
}

static int get_revents(int idx, void *opaque)
{
	short r;
	int e = 0;

	if (idx < 0 || idx >= npfd)
		return 0;
	r = pfd[idx].revents;
	if (r & POLLIN)
		e |= SLIRP_POLL_IN;
	if (r & POLLOUT)
		e |= SLIRP_POLL_OUT;
	if (r & POLLPRI)
		e |= SLIRP_POLL_PRI;
	if (r & POLLERR)
		e |= SLIRP_POLL_ERR;
	if (r & POLLHUP)
		e |= SLIRP_POLL_HUP;
	return e;
}

static const SlirpCb callbacks = {
	.send_packet = send_packet,
	.guest_error = guest_error,
	.clock_get_ns = clock_ns,
	.timer_new = timer_new,
	.timer_free = timer_free,
	.timer_mod = timer_mod,
	.register_poll_fd = poll_fd_noop,
	.unregister_poll_fd = poll_fd_noop,
	.notify = notify,
};

/* One "tcp|udp:HOSTADDR:HOSTPORT:GUESTADDR:GUESTPORT" argument. */
static void forward(Slirp *s, const char *arg)
{
	char proto[4], addr[64], gaddr[64], msg[200];
	unsigned int hp, gp;
	struct in_addr host, guest;

	if (sscanf(arg, "%3[a-z]:%63[0-9.]:%u:%63[0-9.]:%u", proto, addr, &hp, gaddr,
		   &gp) != 5 || inet_pton(AF_INET, addr, &host) != 1 ||
	    inet_pton(AF_INET, gaddr, &guest) != 1) {
		snprintf(msg, sizeof(msg), "error: bad forward %s", arg);
		say(msg);
		exit(2);
	}
	if (slirp_add_hostfwd(s, !strcmp(proto, "udp"), host, hp, guest, gp)) {
		snprintf(msg, sizeof(msg), "error: cannot forward %s port %s:%u: %s",
			 proto, addr, hp, strerror(errno));
		say(msg);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	static unsigned char frame[65536];
	SlirpConfig cfg = {
		.version = 1,
		.in_enabled = true,
		.if_mtu = SLIRP_MTU,
		.if_mru = SLIRP_MTU,
	};
	Slirp *s;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: um-slirp FD [PROTO:HOSTADDR:HOSTPORT:GUESTADDR:GUESTPORT]...\n"
			"(started by the kernel for ethN=slirp)\n");
		return 2;
	}
	sock = atoi(argv[1]);
	inet_pton(AF_INET, "10.0.2.0", &cfg.vnetwork);
	inet_pton(AF_INET, "255.255.255.0", &cfg.vnetmask);
	inet_pton(AF_INET, "10.0.2.2", &cfg.vhost);
	inet_pton(AF_INET, "10.0.2.15", &cfg.vdhcp_start);
	inet_pton(AF_INET, "10.0.2.3", &cfg.vnameserver);
	cfg.vhostname = "um-guest";
	s = slirp_new(&cfg, &callbacks, NULL);
	if (!s) {
		say("error: libslirp did not start");
		return 2;
	}
	for (i = 2; i < argc; i++)
		forward(s, argv[i]);
	say("ok");

	for (;;) {
		uint32_t timeout = 1000;
		long long t = now_ms();
		int r;

		npfd = 0;
		add_poll(sock, SLIRP_POLL_IN, NULL);
		slirp_pollfds_fill(s, &timeout, add_poll, NULL);
		for (i = 0; i < MAX_TIMERS; i++)
			if (timers[i].used && timers[i].expire >= 0) {
				long long d = timers[i].expire - t;

				if (d < 0)
					d = 0;
				if (d < timeout)
					timeout = d;
			}
		r = poll(pfd, npfd, timeout);
		if (r < 0 && errno != EINTR)
			return 1;
		if (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL))
			return 0;
		if (pfd[0].revents & POLLIN) {
			ssize_t n;

			/* Several frames a wake-up, not so many that the host
			 * sockets wait. */
			for (i = 0; i < 64; i++) {
				n = recv(sock, frame, sizeof(frame), MSG_DONTWAIT);
				if (n == 0)
					return 0;
				if (n < 0)
					break;
				slirp_input(s, frame, n);
			}
		}
		slirp_pollfds_poll(s, r < 0, get_revents, NULL);
		t = now_ms();
		for (i = 0; i < MAX_TIMERS; i++)
			if (timers[i].used && timers[i].expire >= 0 && timers[i].expire <= t) {
				timers[i].expire = -1;
				timers[i].cb(timers[i].opaque);
			}
	}
}
