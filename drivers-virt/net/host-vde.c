// SPDX-License-Identifier: GPL-2.0
/*
 * Network transport vde: a port of a VDE switch (Debian's vde2), through
 * libvdeplug, so every kind of VDE network its plugins reach works too.
 *
 *   ethN=vde,[SWITCH][,MAC]
 *
 * SWITCH is the switch's directory (vde_switch -s DIR) or a VDE URL such
 * as vde:///tmp/sw or vxvde://; empty, libvdeplug's default switch.
 * libvdeplug is a shared library with plugins it loads at run time, so it
 * runs in the helper program um-vde (vde-helper.c, started by
 * host-helper.c), not in the static kernel program.
 */
#include <stdio.h>
#include <string.h>

#include "host-net.h"

static int vde_parse(struct net_iface *i, char **f, int n, char *err, size_t errlen)
{
	if (n > 2) {
		snprintf(err, errlen, "more than vde,SWITCH,MAC");
		return -1;
	}
	if (n == 2 && *f[1]) {
		if (net_parse_mac(f[1], i->mac, err, errlen))
			return -1;
		i->mac_given = 1;
	}
	if (n > 0 && strlen(f[0]) > 1000) {
		snprintf(err, errlen, "switch name too long");
		return -1;
	}
	i->priv = n > 0 ? f[0] : "";
	return 0;
}

static void vde_open(struct net_iface *i)
{
	char *args[1] = { i->priv };

	net_helper_open(i, "um-vde", args, 1);
}

const struct net_transport net_vde = {
	.name = "vde",
	.parse = vde_parse,
	.open = vde_open,
	.send = net_helper_send,
	.recv = net_helper_recv,
};
