// SPDX-License-Identifier: GPL-2.0
/*
 * Block devices, host half: the request queue between the kernel and a
 * disk's helper threads.
 *
 * The kernel thread must never wait, not even on a lock a helper holds
 * (an interrupt can come in the middle, and its handler uses the queue
 * too). So both directions are lock-free lists for it:
 *   - submission: the kernel pushes onto `incoming` (compare-and-swap);
 *     a helper takes the whole list at once (exchange), turns it oldest
 *     first into `pending`, under a lock the helpers share among
 *     themselves only; an idle helper sleeps on the futex `seq`, which
 *     every submission bumps;
 *   - completion: a helper pushes onto `done` and raises the disk's
 *     interrupt if the list was empty (otherwise the raise of the one who
 *     found it empty is still to be handled); the kernel takes the whole
 *     list from its handler.
 * Several helpers per disk keep several requests in flight: reads of
 * cached data never wait behind a write that has to reach the disk.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>

#include "host-blk.h"

/* Helpers per disk: requests truly in flight at once on the host. */
#define BLK_HELPERS 4

_Static_assert(sizeof(struct host_iovec) == sizeof(struct iovec) &&
	       __builtin_offsetof(struct host_iovec, base) ==
	       __builtin_offsetof(struct iovec, iov_base) &&
	       __builtin_offsetof(struct host_iovec, len) ==
	       __builtin_offsetof(struct iovec, iov_len),
	       "host_iovec is an iovec");

static long futex(unsigned int *word, int op, unsigned int val)
{
	return syscall(SYS_futex, word, op, val, NULL, NULL, 0);
}

static void push(struct host_blk_req **list, struct host_blk_req *req,
		 struct host_blk_req **old)
{
	struct host_blk_req *head = __atomic_load_n(list, __ATOMIC_RELAXED);

	do {
		req->next = head;
	} while (!__atomic_compare_exchange_n(list, &head, req, 1, __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	if (old)
		*old = head;
}

void blk_queue_submit(struct blk_disk *d, struct host_blk_req *req)
{
	struct blk_queue *q = &d->q;

	push(&q->incoming, req, NULL);
	__atomic_fetch_add(&q->seq, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&q->idle, __ATOMIC_SEQ_CST))
		futex(&q->seq, FUTEX_WAKE_PRIVATE, 1);
}

struct host_blk_req *blk_queue_done(struct blk_disk *d)
{
	return __atomic_exchange_n(&d->q.done, NULL, __ATOMIC_ACQUIRE);
}

/* The oldest request not yet taken by a helper, or NULL. */
static struct host_blk_req *take(struct blk_queue *q)
{
	struct host_blk_req *req, *list, *next;

	pthread_mutex_lock(&q->lock);
	if (!q->pending) {
		list = __atomic_exchange_n(&q->incoming, NULL, __ATOMIC_ACQUIRE);
		for (; list; list = next) {	/* newest first: reverse it */
			next = list->next;
			list->next = q->pending;
			q->pending = list;
		}
	}
	req = q->pending;
	if (req)
		q->pending = req->next;
	pthread_mutex_unlock(&q->lock);
	return req;
}

static struct host_blk_req *wait_for_request(struct blk_queue *q)
{
	struct host_blk_req *req;
	unsigned int seen;

	for (;;) {
		seen = __atomic_load_n(&q->seq, __ATOMIC_SEQ_CST);
		req = take(q);
		if (req)
			return req;
		__atomic_fetch_add(&q->idle, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&q->seq, __ATOMIC_SEQ_CST) == seen)
			futex(&q->seq, FUTEX_WAIT_PRIVATE, seen);
		__atomic_fetch_sub(&q->idle, 1, __ATOMIC_SEQ_CST);
	}
}

static int carry_out(struct blk_disk *d, struct host_blk_req *req)
{
	const struct blk_backend *b = d->backend;

	if (req->op != HOST_BLK_FLUSH &&
	    (req->off > d->size || req->len > d->size - req->off))
		return -EIO;
	switch (req->op) {
	case HOST_BLK_READ:
	case HOST_BLK_WRITE:
		if (req->nvec < 0 || req->nvec > HOST_BLK_MAX_VEC)
			return -EINVAL;
		return b->rw(d, req->op == HOST_BLK_WRITE, (const struct iovec *)req->vec,
			     req->nvec, req->off, req->len, req->fua);
	case HOST_BLK_FLUSH:
		return b->flush(d);
	case HOST_BLK_DISCARD:
	case HOST_BLK_ZERO:
		return b->discard(d, req->off, req->len, req->op == HOST_BLK_ZERO);
	}
	return -EOPNOTSUPP;
}

static void helper(void *arg)
{
	struct blk_disk *d = arg;
	struct blk_queue *q = &d->q;

	for (;;) {
		struct host_blk_req *req = wait_for_request(q), *old;

		req->result = carry_out(d, req);
		push(&q->done, req, &old);
		if (!old)
			host_raise_irq(q->irq);
	}
}

int blk_queue_start(struct blk_disk *d, int irq)
{
	int i, err;

	if (d->started)
		return -EBUSY;
	pthread_mutex_init(&d->q.lock, NULL);
	d->q.irq = irq;
	for (i = 0; i < BLK_HELPERS; i++) {
		err = host_thread_start(helper, d);
		if (err)
			return i ? 0 : err;
	}
	d->started = 1;
	return 0;
}
