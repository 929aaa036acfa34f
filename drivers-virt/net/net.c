// SPDX-License-Identifier: GPL-2.0
/*
 * Network interfaces, kernel half: eth0 to eth15 on the host transports the
 * ethN= options name (host.c), each a net_device with NAPI.
 *
 * Sending hands the host one frame as a list of the skb's pieces (with a
 * virtio_net_hdr in front when the transport carries one: checksum and
 * segmentation then stay undone, for the host to do or pass on), which it
 * writes to a non-blocking descriptor at once. When the host end is full,
 * the queue stops and the host is asked to say when it has room again.
 * Receiving runs in the NAPI poll: frames are taken from the host one at a
 * time until none waits or the budget is spent; with none left, the host
 * is asked to interrupt when the next one comes. The interface's interrupt
 * only schedules the poll, which also takes the link changes.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/virtio_net.h>
#include <asm/um.h>

#include <host.h>

#define UMNET_RX_COPYBREAK	1600	/* frames up to this size: one linear skb */
#define UMNET_RX_HEAD		256	/* larger ones: this much linear, pages for the rest */

struct umnet {
	struct net_device *dev;
	struct napi_struct napi;
	int index;
	int irq;
	struct host_net_iface info;
	void *rxbuf;			/* one frame from the host */
};

static struct sk_buff *umnet_build_skb(struct umnet *u, const char *data, unsigned int len)
{
	unsigned int head = len <= UMNET_RX_COPYBREAK ? len : UMNET_RX_HEAD;
	struct sk_buff *skb = napi_alloc_skb(&u->napi, head);
	unsigned int off = head;

	if (!skb)
		return NULL;
	skb_put_data(skb, data, head);
	while (off < len) {
		unsigned int chunk = min_t(unsigned int, len - off, PAGE_SIZE);
		struct page *page;

		if (skb_shinfo(skb)->nr_frags == MAX_SKB_FRAGS)
			goto drop;
		page = dev_alloc_page();
		if (!page)
			goto drop;
		memcpy(page_address(page), data + off, chunk);
		skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page, 0, chunk, PAGE_SIZE);
		off += chunk;
	}
	return skb;
drop:
	kfree_skb(skb);
	return NULL;
}

static void umnet_rx(struct umnet *u, char *frame, long len)
{
	struct net_device *dev = u->dev;
	struct virtio_net_hdr hdr;
	struct sk_buff *skb;

	if (u->info.vnet) {
		if (len < (long)sizeof(hdr)) {
			dev->stats.rx_length_errors++;
			return;
		}
		memcpy(&hdr, frame, sizeof(hdr));
		frame += sizeof(hdr);
		len -= sizeof(hdr);
	}
	if (len < ETH_HLEN) {
		dev->stats.rx_length_errors++;
		return;
	}
	skb = umnet_build_skb(u, frame, len);
	if (!skb) {
		dev->stats.rx_dropped++;
		return;
	}
	if (u->info.vnet && virtio_net_hdr_to_skb(skb, &hdr, true)) {
		dev->stats.rx_frame_errors++;
		kfree_skb(skb);
		return;
	}
	skb->protocol = eth_type_trans(skb, dev);
	dev->stats.rx_packets++;
	dev->stats.rx_bytes += len;
	napi_gro_receive(&u->napi, skb);
}

static void umnet_link(struct umnet *u)
{
	if (host_net_carrier(u->index)) {
		netif_carrier_on(u->dev);
		return;
	}
	if (netif_carrier_ok(u->dev))
		netdev_warn(u->dev, "the host end (%s) is gone: link down\n", u->info.desc);
	netif_carrier_off(u->dev);
}

static int umnet_poll(struct napi_struct *napi, int budget)
{
	struct umnet *u = container_of(napi, struct umnet, napi);
	int ev = host_net_events(u->index), done = 0;
	long n = 0;

	if (ev & HOST_NET_EV_LINK)
		umnet_link(u);
	if ((ev & HOST_NET_EV_TX) && netif_queue_stopped(u->dev))
		netif_wake_queue(u->dev);

	while (done < budget) {
		n = host_net_recv(u->index, u->rxbuf, HOST_NET_FRAME_MAX);
		if (n == -EAGAIN)
			break;
		if (n == -ENOLINK) {
			umnet_link(u);
			break;
		}
		if (n < 0) {
			u->dev->stats.rx_errors++;
			continue;
		}
		umnet_rx(u, u->rxbuf, n);
		done++;
	}
	if (done < budget && napi_complete_done(napi, done) && n != -ENOLINK)
		host_net_want(u->index, HOST_NET_EV_RX);
	return done;
}

static irqreturn_t umnet_irq(int irq, void *data)
{
	struct umnet *u = data;

	napi_schedule(&u->napi);
	return IRQ_HANDLED;
}

static netdev_tx_t umnet_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct umnet *u = netdev_priv(dev);
	struct host_iovec vec[HOST_NET_IOV_MAX];
	struct virtio_net_hdr hdr;
	int n = 0, i;
	long r;

	if (u->info.vnet) {
		if (virtio_net_hdr_from_skb(skb, &hdr, true, false, 0)) {
			dev->stats.tx_errors++;
			goto free;
		}
		vec[n].base = &hdr;
		vec[n++].len = sizeof(hdr);
	}
	if (skb_shinfo(skb)->nr_frags + 2 > HOST_NET_IOV_MAX && skb_linearize(skb)) {
		dev->stats.tx_dropped++;
		goto free;
	}
	vec[n].base = skb->data;
	vec[n++].len = skb_headlen(skb);
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		skb_frag_t *f = &skb_shinfo(skb)->frags[i];

		vec[n].base = skb_frag_address(f);
		vec[n++].len = skb_frag_size(f);
	}

	r = host_net_send(u->index, vec, n);
	if (r == -EAGAIN) {
		/* Tried again once the host says it has room. */
		netif_stop_queue(dev);
		host_net_want(u->index, HOST_NET_EV_TX);
		return NETDEV_TX_BUSY;
	}
	if (r == -ENOLINK) {
		dev->stats.tx_carrier_errors++;
		napi_schedule(&u->napi);	/* which takes the link down */
	} else if (r < 0) {
		dev->stats.tx_errors++;
	} else {
		dev->stats.tx_packets++;
		dev->stats.tx_bytes += skb->len;
	}
free:
	dev_consume_skb_any(skb);
	return NETDEV_TX_OK;
}

static int umnet_open(struct net_device *dev)
{
	struct umnet *u = netdev_priv(dev);

	napi_enable(&u->napi);
	umnet_link(u);
	netif_start_queue(dev);
	/* Frames that came while the interface was down, and the events. */
	napi_schedule(&u->napi);
	return 0;
}

static int umnet_stop(struct net_device *dev)
{
	struct umnet *u = netdev_priv(dev);

	netif_stop_queue(dev);
	napi_disable(&u->napi);
	return 0;
}

static const struct net_device_ops umnet_ops = {
	.ndo_open		= umnet_open,
	.ndo_stop		= umnet_stop,
	.ndo_start_xmit		= umnet_xmit,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

static void umnet_drvinfo(struct net_device *dev, struct ethtool_drvinfo *info)
{
	struct umnet *u = netdev_priv(dev);

	strscpy(info->driver, "umnet", sizeof(info->driver));
	strscpy(info->bus_info, u->info.transport, sizeof(info->bus_info));
}

static const struct ethtool_ops umnet_ethtool_ops = {
	.get_drvinfo	= umnet_drvinfo,
	.get_link	= ethtool_op_get_link,
};

static int __init umnet_add(int index)
{
	struct net_device *dev;
	struct umnet *u;
	int err;

	dev = alloc_etherdev(sizeof(*u));
	if (!dev)
		return -ENOMEM;
	u = netdev_priv(dev);
	u->dev = dev;
	u->index = index;
	err = host_net_describe(index, &u->info);
	if (err)
		goto free;
	u->rxbuf = kmalloc(HOST_NET_FRAME_MAX, GFP_KERNEL);
	if (!u->rxbuf) {
		err = -ENOMEM;
		goto free;
	}
	snprintf(dev->name, IFNAMSIZ, "eth%d", index);
	dev->netdev_ops = &umnet_ops;
	dev->ethtool_ops = &umnet_ethtool_ops;
	eth_hw_addr_set(dev, u->info.mac);
	if (u->info.vnet) {
		dev->hw_features = NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_TSO |
				   NETIF_F_TSO6 | NETIF_F_TSO_ECN | NETIF_F_RXCSUM;
		dev->features = dev->hw_features;
		dev->max_mtu = ETH_MAX_MTU - ETH_HLEN;
	} else {
		/* What the transport carries (slirp: 64 KiB), no more. */
		dev->max_mtu = u->info.mtu;
		dev->mtu = u->info.mtu;
	}
	netif_napi_add(dev, &u->napi, umnet_poll);
	netif_carrier_off(dev);

	u->irq = um_request_irq_line(umnet_irq, 0, "umnet", u);
	if (u->irq < 0) {
		err = u->irq;
		goto napi;
	}
	err = host_net_start(index, u->irq);
	if (err)
		goto irq;
	err = register_netdev(dev);
	if (err)
		goto irq;	/* the helper stays, idle: nothing asks it */
	netdev_info(dev, "%s, %pM\n", u->info.desc, dev->dev_addr);
	return 0;

irq:
	free_irq(u->irq, u);
napi:
	netif_napi_del(&u->napi);
	kfree(u->rxbuf);
free:
	free_netdev(dev);
	return err;
}

static int __init umnet_init(void)
{
	struct host_net_iface info;
	int i, err;

	for (i = 0; i < HOST_NET_IFACES; i++) {
		if (host_net_describe(i, &info))
			continue;
		err = umnet_add(i);
		if (err)
			pr_err("eth%d: not added: %d\n", i, err);
	}
	return 0;
}
device_initcall(umnet_init);
