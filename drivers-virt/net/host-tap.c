// SPDX-License-Identifier: GPL-2.0
/*
 * Network transport tuntap (also "tap"): an existing host TAP interface.
 *
 *   ethN=tuntap,IFNAME[,MAC]
 *
 * The interface is made beforehand (ip tuntap add IFNAME mode tap [user
 * U]) so the program needs no privilege to create one. It is opened with
 * IFF_NO_PI and IFF_VNET_HDR: every frame carries a virtio_net_hdr, so
 * checksums and segmentation are left to whichever side can do them
 * (the host's stack takes 64 KiB TCP segments from the guest as they are,
 * and hands the guest coalesced ones), and TUNSETOFFLOAD says what the
 * guest takes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <linux/if_tun.h>

#include "host-net.h"

static int tap_parse(struct net_iface *i, char **f, int n, char *err, size_t errlen)
{
	if (n < 1 || !*f[0]) {
		snprintf(err, errlen, "no interface named (tuntap,IFNAME[,MAC])");
		return -1;
	}
	if (n > 2) {
		snprintf(err, errlen, "more than tuntap,IFNAME,MAC");
		return -1;
	}
	if (strlen(f[0]) >= IFNAMSIZ) {
		snprintf(err, errlen, "'%s': an interface name is at most %d characters",
			 f[0], IFNAMSIZ - 1);
		return -1;
	}
	if (n == 2 && *f[1]) {
		if (net_parse_mac(f[1], i->mac, err, errlen))
			return -1;
		i->mac_given = 1;
	}
	i->priv = f[0];
	return 0;
}

static void tap_open(struct net_iface *i)
{
	const char *name = i->priv;
	struct ifreq ifr = { .ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR };
	unsigned int off = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN;
	int fd, e;

	/* TUNSETIFF would create a missing interface for a privileged caller:
	 * only an existing one is taken. */
	if (!if_nametoindex(name))
		net_die(i, "no host interface %s (make it first: ip tuntap add %s mode tap)",
			name, name);
	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		net_die(i, "/dev/net/tun: %s", strerror(errno));
	strcpy(ifr.ifr_name, name);
	if (ioctl(fd, TUNSETIFF, &ifr)) {
		e = errno;
		if (e == EBUSY)
			net_die(i, "%s is busy (another program has it open)", name);
		if (e == EPERM)
			net_die(i, "%s: not permitted (it belongs to another user: "
				"ip tuntap add %s mode tap user NAME)", name, name);
		if (e == EINVAL)
			net_die(i, "%s is not a TAP interface", name);
		net_die(i, "%s: %s", name, strerror(e));
	}
	i->vnet = 1;
	if (ioctl(fd, TUNSETOFFLOAD, off))
		ioctl(fd, TUNSETOFFLOAD, 0);
	i->fd = fd;
}

static long tap_send(struct net_iface *i, const struct iovec *v, int n)
{
	return writev(i->fd, v, n) < 0 ? -errno : 0;
}

static long tap_recv(struct net_iface *i, void *buf, size_t len)
{
	ssize_t r = read(i->fd, buf, len);

	return r < 0 ? -errno : r;
}

const struct net_transport net_tap = {
	.name = "tuntap",
	.parse = tap_parse,
	.open = tap_open,
	.send = tap_send,
	.recv = tap_recv,
};
