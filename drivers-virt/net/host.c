// SPDX-License-Identifier: GPL-2.0
/*
 * Network interfaces, host half: the ethN= options, the transports behind
 * them, and the helper thread of each interface.
 *
 *   ethN=TRANSPORT,FIELD,...        N = 0 to 15
 *
 * Everything is checked and opened before boot, so a bad option stops the
 * program with one line and status 2. The transport's descriptor is
 * non-blocking: the kernel sends and receives on it directly, one frame a
 * call, and never waits. When it has to (nothing to read, or the host end
 * full), it asks with host_net_want(), and the interface's helper thread
 * polls for that and raises the interface's interrupt. The helper also
 * watches the transport's control descriptor, whose end means the other
 * end is gone (a switch that quit): the link goes down.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>

#include "host-net.h"

static struct net_iface ifaces[HOST_NET_IFACES];

static const struct net_transport *const transports[] = {
	&net_tap, &net_daemon, &net_mcast, &net_slirp, &net_vde,
};

static const struct net_transport *find_transport(const char *name)
{
	size_t i;

	if (!strcmp(name, "tap"))	/* the classic name of tuntap */
		name = "tuntap";
	for (i = 0; i < sizeof(transports) / sizeof(transports[0]); i++)
		if (!strcmp(transports[i]->name, name))
			return transports[i];
	return NULL;
}

int net_parse_mac(const char *s, unsigned char *mac, char *err, size_t errlen)
{
	unsigned int b[6];
	char end;
	int i;

	if (strlen(s) != 17 ||
	    sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5], &end) != 6) {
		snprintf(err, errlen, "'%s' is not a MAC address (xx:xx:xx:xx:xx:xx)", s);
		return -1;
	}
	for (i = 0; i < 6; i++) {
		if (s[i * 3] == ' ' || s[i * 3] == '+' || s[i * 3] == '-') {
			snprintf(err, errlen, "'%s' is not a MAC address (xx:xx:xx:xx:xx:xx)", s);
			return -1;
		}
		mac[i] = b[i];
	}
	if (mac[0] & 1) {
		snprintf(err, errlen, "%s is a multicast address, not one for an interface", s);
		return -1;
	}
	if (!(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5])) {
		snprintf(err, errlen, "%s is not a usable address", s);
		return -1;
	}
	return 0;
}

int host_net_option(int n, const char *val, char *err, size_t errlen)
{
	struct net_iface *i;
	char *f[NET_FIELDS + 1], *c;
	int nf = 1;

	if (n < 0 || n >= HOST_NET_IFACES) {
		snprintf(err, errlen, "no such interface (eth0 to eth%d)", HOST_NET_IFACES - 1);
		return -1;
	}
	i = &ifaces[n];
	if (i->set) {
		snprintf(err, errlen, "eth%d is given twice", n);
		return -1;
	}
	i->copy = strdup(val);
	i->spec = strdup(val);
	if (!i->copy || !i->spec) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	f[0] = i->copy;
	for (c = i->copy; *c; c++) {
		if (*c != ',')
			continue;
		if (nf == NET_FIELDS + 1) {
			snprintf(err, errlen, "too many fields");
			goto fail;
		}
		*c = '\0';
		f[nf++] = c + 1;
	}
	if (!*f[0]) {
		snprintf(err, errlen, "no transport (tuntap, daemon, mcast, vde or slirp)");
		goto fail;
	}
	i->t = find_transport(f[0]);
	if (!i->t) {
		snprintf(err, errlen, "unknown transport '%s' (tuntap, daemon, mcast, vde or slirp)", f[0]);
		goto fail;
	}
	i->index = n;
	i->fd = i->ctl = -1;
	if (i->t->parse(i, f + 1, nf - 1, err, errlen))
		goto fail;
	i->set = 1;
	return 0;

fail:
	free(i->copy);
	free(i->spec);
	memset(i, 0, sizeof(*i));
	return -1;
}

void net_die(struct net_iface *i, const char *fmt, ...)
{
	char msg[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	host_die_usage("eth%d=%s: %s", i->index, i->spec, msg);
}

/*
 * A MAC address nobody gave: the same on every boot with the same command
 * line, so the guest's configuration that names it keeps working, and
 * different for another interface or another command line (two guests on
 * one LAN). Locally administered, unicast.
 */
static void make_mac(struct net_iface *i)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */
	char num[8];
	const char *s;
	char **a;
	int k;

	snprintf(num, sizeof(num), "%d", i->index);
	for (s = num; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	for (a = host_argv; a && *a; a++)
		for (s = *a; ; s++) {
			h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
			if (!*s)
				break;
		}
	for (k = 0; k < 6; k++, h >>= 8)
		i->mac[k] = h ^ (h >> 29);
	i->mac[0] = (i->mac[0] & 0xfc) | 0x02;
}

void host_net_prepare(void)
{
	int n;

	for (n = 0; n < HOST_NET_IFACES; n++) {
		struct net_iface *i = &ifaces[n];

		if (!i->set)
			continue;
		if (!i->mac_given)
			make_mac(i);
		i->mtu = 1500;
		i->t->open(i);
		i->carrier = 1;
	}
}

static struct net_iface *iface(int n)
{
	if (n < 0 || n >= HOST_NET_IFACES || !ifaces[n].set)
		return NULL;
	return &ifaces[n];
}

int host_net_describe(int n, struct host_net_iface *info)
{
	struct net_iface *i = iface(n);

	if (!i)
		return -ENODEV;
	memcpy(info->mac, i->mac, 6);
	info->vnet = i->vnet;
	info->mtu = i->mtu;
	info->transport = i->t->name;
	info->desc = i->spec;
	return 0;
}

static void note(struct net_iface *i, unsigned int ev)
{
	__atomic_and_fetch(&i->want, ~ev, __ATOMIC_ACQ_REL);
	__atomic_or_fetch(&i->events, ev, __ATOMIC_ACQ_REL);
	host_raise_irq(i->irq);
}

static void link_down(struct net_iface *i)
{
	if (__atomic_exchange_n(&i->carrier, 0, __ATOMIC_ACQ_REL))
		note(i, HOST_NET_EV_LINK);
}

/* The helper: polls for what the kernel waits for, and for the link's end. */
static void net_thread(void *arg)
{
	struct net_iface *i = arg;
	struct pollfd p[3];

	for (;;) {
		unsigned int want = __atomic_load_n(&i->want, __ATOMIC_ACQUIRE);
		int up = __atomic_load_n(&i->carrier, __ATOMIC_ACQUIRE);
		unsigned int got = 0;
		uint64_t v;

		p[0] = (struct pollfd){ .fd = i->kick, .events = POLLIN };
		/* A descriptor in error would poll ready for ever: only while
		 * something is wanted of it. */
		p[1] = (struct pollfd){ .fd = up && want ? i->fd : -1 };
		if (want & HOST_NET_EV_RX)
			p[1].events |= POLLIN;
		if (want & HOST_NET_EV_TX)
			p[1].events |= POLLOUT;
		p[2] = (struct pollfd){ .fd = up ? i->ctl : -1, .events = POLLIN };
		if (poll(p, 3, -1) < 0)
			continue;
		if (p[0].revents && read(i->kick, &v, sizeof(v)) < 0)
			continue;
		if (p[1].revents & (POLLIN | POLLERR | POLLHUP | POLLNVAL))
			got |= want & HOST_NET_EV_RX;
		if (p[1].revents & (POLLOUT | POLLERR | POLLHUP | POLLNVAL))
			got |= want & HOST_NET_EV_TX;
		if (got)
			note(i, got);
		if (p[2].revents) {
			char c[64];

			/* The control socket only ever ends. */
			if (read(i->ctl, c, sizeof(c)) <= 0 || (p[2].revents & (POLLERR | POLLHUP)))
				link_down(i);
		}
	}
}

int host_net_start(int n, int irq)
{
	struct net_iface *i = iface(n);

	if (!i)
		return -ENODEV;
	if (i->started)
		return -EBUSY;
	i->irq = irq;
	i->kick = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (i->kick < 0)
		return -errno;
	if (host_thread_start(net_thread, i)) {
		close(i->kick);
		return -EAGAIN;
	}
	i->started = 1;
	return 0;
}

void host_net_want(int n, int events)
{
	struct net_iface *i = &ifaces[n];
	uint64_t one = 1;

	if ((__atomic_fetch_or(&i->want, events, __ATOMIC_ACQ_REL) & events) == (unsigned)events)
		return;		/* already asked for */
	if (write(i->kick, &one, sizeof(one)) < 0)
		return;		/* the counter is full: the helper wakes anyway */
}

int host_net_events(int n)
{
	return __atomic_exchange_n(&ifaces[n].events, 0, __ATOMIC_ACQ_REL);
}

int host_net_carrier(int n)
{
	return __atomic_load_n(&ifaces[n].carrier, __ATOMIC_ACQUIRE);
}

/* An error of the descriptor that will not go away: the link is down. */
static long dead_or_not(struct net_iface *i, long err)
{
	switch (err) {
	case -EAGAIN:
	case -EINTR:
	case -ENOBUFS:
	case -ENOMEM:
	case -EMSGSIZE:
	case -ECONNREFUSED:
	case -EHOSTUNREACH:
	case -ENETUNREACH:
	case -EIO:		/* a TAP device that is down */
	case -EINVAL:		/* a frame the host refuses */
		return err;
	}
	link_down(i);
	return -ENOLINK;
}

long host_net_recv(int n, void *buf, unsigned long len)
{
	struct net_iface *i = &ifaces[n];
	long r;

	if (!__atomic_load_n(&i->carrier, __ATOMIC_ACQUIRE))
		return -ENOLINK;
	r = i->t->recv(i, buf, len);
	return r < 0 ? dead_or_not(i, r) : r;
}

long host_net_send(int n, const struct host_iovec *vec, int nvec)
{
	struct net_iface *i = &ifaces[n];
	struct iovec v[HOST_NET_IOV_MAX];
	long r;
	int k;

	if (!__atomic_load_n(&i->carrier, __ATOMIC_ACQUIRE))
		return -ENOLINK;
	if (nvec > HOST_NET_IOV_MAX)
		return -EMSGSIZE;
	for (k = 0; k < nvec; k++) {
		v[k].iov_base = vec[k].base;
		v[k].iov_len = vec[k].len;
	}
	r = i->t->send(i, v, nvec);
	return r < 0 ? dead_or_not(i, r) : 0;
}
