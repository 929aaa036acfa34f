// SPDX-License-Identifier: GPL-2.0
/*
 * Block devices, kernel half: /dev/ubda to /dev/ubdp on the host files that
 * the ubdN= options name (host.c), on blk-mq.
 *
 * A request becomes a host_blk_req in its blk-mq command: the operation,
 * the byte range, and its buffers as direct-map addresses, which the
 * host's helper threads read and write in place (they share the kernel
 * process). queue_rq() only hands it over, never waiting; the disk's
 * interrupt brings the finished ones back, and ends them. Partitions are
 * read from the image as on any disk; 16 minors per disk, major 98, as
 * the classic ubd driver.
 */
#include <linux/blk-mq.h>
#include <linux/blkdev.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/major.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <asm/um.h>

#include <host.h>

#define UBD_MINORS	16
#define UBD_DEPTH	64	/* requests in flight per disk */

struct ubd_cmd {
	struct host_blk_req req;
	struct host_iovec vec[HOST_BLK_MAX_VEC];
};

struct ubd {
	int index;
	int irq;
	struct host_blk_disk info;
	struct blk_mq_tag_set tags;
	struct gendisk *disk;
};

static struct ubd *ubds[HOST_BLK_DISKS];

/* The buffers of a read or write: contiguous pieces joined. */
static int ubd_map_buffers(struct request *rq, struct ubd_cmd *cmd)
{
	struct req_iterator iter;
	struct bio_vec bv;
	int n = 0;

	rq_for_each_bvec(bv, rq, iter) {
		void *p = bvec_virt(&bv);

		if (n && cmd->vec[n - 1].base + cmd->vec[n - 1].len == p) {
			cmd->vec[n - 1].len += bv.bv_len;
			continue;
		}
		if (n == HOST_BLK_MAX_VEC)
			return -EIO;
		cmd->vec[n].base = p;
		cmd->vec[n].len = bv.bv_len;
		n++;
	}
	cmd->req.vec = cmd->vec;
	cmd->req.nvec = n;
	return 0;
}

static blk_status_t ubd_queue_rq(struct blk_mq_hw_ctx *hctx,
				 const struct blk_mq_queue_data *bd)
{
	struct ubd *u = hctx->queue->queuedata;
	struct request *rq = bd->rq;
	struct ubd_cmd *cmd = blk_mq_rq_to_pdu(rq);
	struct host_blk_req *req = &cmd->req;

	req->off = (unsigned long long)blk_rq_pos(rq) << SECTOR_SHIFT;
	req->len = blk_rq_bytes(rq);
	req->fua = !!(rq->cmd_flags & REQ_FUA);
	req->nvec = 0;
	switch (req_op(rq)) {
	case REQ_OP_READ:
		req->op = HOST_BLK_READ;
		break;
	case REQ_OP_WRITE:
		req->op = HOST_BLK_WRITE;
		break;
	case REQ_OP_FLUSH:
		req->op = HOST_BLK_FLUSH;
		req->off = req->len = 0;	/* not a range: its sector is not set */
		break;
	case REQ_OP_DISCARD:
		req->op = HOST_BLK_DISCARD;
		break;
	case REQ_OP_WRITE_ZEROES:
		req->op = HOST_BLK_ZERO;
		break;
	default:
		return BLK_STS_NOTSUPP;
	}
	if ((req->op == HOST_BLK_READ || req->op == HOST_BLK_WRITE) &&
	    ubd_map_buffers(rq, cmd)) {
		pr_warn_once("%s: a request with more than %d buffers\n",
			     u->disk->disk_name, HOST_BLK_MAX_VEC);
		return BLK_STS_IOERR;
	}
	blk_mq_start_request(rq);
	host_blk_submit(u->index, req);
	return BLK_STS_OK;
}

static const struct blk_mq_ops ubd_mq_ops = {
	.queue_rq	= ubd_queue_rq,
};

static irqreturn_t ubd_irq(int irq, void *dev)
{
	struct ubd *u = dev;
	struct host_blk_req *req = host_blk_done(u->index), *next;

	for (; req; req = next) {
		struct ubd_cmd *cmd = container_of(req, struct ubd_cmd, req);

		next = req->next;
		blk_mq_end_request(blk_mq_rq_from_pdu(cmd), errno_to_blk_status(req->result));
	}
	return IRQ_HANDLED;
}

static const struct block_device_operations ubd_fops = {
	.owner		= THIS_MODULE,
};

static ssize_t serial_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct ubd *u = dev_to_disk(dev)->private_data;

	return sysfs_emit(buf, "%s\n", u->info.serial ?: "");
}
static DEVICE_ATTR_RO(serial);

static struct attribute *ubd_attrs[] = {
	&dev_attr_serial.attr,
	NULL,
};

static const struct attribute_group ubd_attr_group = {
	.attrs = ubd_attrs,
};

static const struct attribute_group *ubd_attr_groups[] = {
	&ubd_attr_group,
	NULL,
};

static int ubd_add(int index)
{
	struct queue_limits lim = {
		.logical_block_size	= SECTOR_SIZE,
		.max_hw_sectors		= SZ_1M >> SECTOR_SHIFT,
		.max_segments		= HOST_BLK_MAX_VEC,
	};
	struct ubd *u;
	int err;

	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!u)
		return -ENOMEM;
	u->index = index;
	err = host_blk_describe(index, &u->info);
	if (err)
		goto free;
	if (u->info.write_cache)
		lim.features |= BLK_FEAT_WRITE_CACHE | BLK_FEAT_FUA;
	if (u->info.discard) {
		lim.max_hw_discard_sectors = UINT_MAX >> SECTOR_SHIFT;
		lim.max_write_zeroes_sectors = UINT_MAX >> SECTOR_SHIFT;
		lim.discard_granularity = SECTOR_SIZE;
	}

	u->tags.ops = &ubd_mq_ops;
	u->tags.nr_hw_queues = 1;
	u->tags.queue_depth = UBD_DEPTH;
	u->tags.numa_node = NUMA_NO_NODE;
	u->tags.cmd_size = sizeof(struct ubd_cmd);
	u->tags.flags = BLK_MQ_F_SHOULD_MERGE;
	err = blk_mq_alloc_tag_set(&u->tags);
	if (err)
		goto free;
	u->disk = blk_mq_alloc_disk(&u->tags, &lim, u);
	if (IS_ERR(u->disk)) {
		err = PTR_ERR(u->disk);
		goto tags;
	}
	u->disk->major = UBD_MAJOR;
	u->disk->first_minor = index * UBD_MINORS;
	u->disk->minors = UBD_MINORS;
	u->disk->fops = &ubd_fops;
	u->disk->private_data = u;
	snprintf(u->disk->disk_name, sizeof(u->disk->disk_name), "ubd%c", 'a' + index);
	set_capacity(u->disk, u->info.size >> SECTOR_SHIFT);
	set_disk_ro(u->disk, u->info.read_only);

	u->irq = um_request_irq_line(ubd_irq, 0, "ubd", u);
	if (u->irq < 0) {
		err = u->irq;
		goto disk;
	}
	err = host_blk_start(index, u->irq);
	if (err)
		goto irq;
	err = device_add_disk(NULL, u->disk, ubd_attr_groups);
	if (err)
		goto irq;	/* the helpers stay, idle: nothing reaches them */
	ubds[index] = u;
	return 0;

irq:
	free_irq(u->irq, u);
disk:
	put_disk(u->disk);
tags:
	blk_mq_free_tag_set(&u->tags);
free:
	kfree(u);
	return err;
}

static int __init ubd_init(void)
{
	int i, err;

	err = register_blkdev(UBD_MAJOR, "ubd");
	if (err)
		return err;
	for (i = 0; i < HOST_BLK_DISKS; i++) {
		struct host_blk_disk info;

		if (host_blk_describe(i, &info))
			continue;
		err = ubd_add(i);
		if (err)
			pr_err("ubd%c (%s): cannot add the disk (%d)\n", 'a' + i,
			       info.path, err);
	}
	return 0;
}
device_initcall(ubd_init);
