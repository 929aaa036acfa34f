// SPDX-License-Identifier: GPL-2.0
/*
 * Network transport slirp: user-mode networking, no root and nothing set
 * up on the host. The TCP/IP stack (libslirp) runs in a program of its
 * own, um-slirp next to this one (slirp-helper.c), started before boot
 * (host-helper.c).
 *
 *   ethN=slirp[,hostfwd=PROTO:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT]...
 *
 * as QEMU writes its forwards: PROTO tcp or udp, HOSTADDR 127.0.0.1 and
 * GUESTADDR 10.0.2.15 (the address the guest gets by DHCP) by default.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

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

static void slirp_open(struct net_iface *i)
{
	struct slirp *sl = i->priv;
	char *args[SLIRP_FWDS];
	int k;

	for (k = 0; k < sl->nfwd; k++)
		args[k] = sl->fwd[k];
	net_helper_open(i, "um-slirp", args, sl->nfwd);
	i->mtu = 65520;		/* slirp-helper.c's SLIRP_MTU */
}

const struct net_transport net_slirp = {
	.name = "slirp",
	.parse = slirp_parse,
	.open = slirp_open,
	.send = net_helper_send,
	.recv = net_helper_recv,
};
