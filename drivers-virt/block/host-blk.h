/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Block devices, host half: what its three files share. host.c reads the
 * ubdN= options and opens the files before boot; host-queue.c carries the
 * kernel's requests to helper threads and their completions back as an
 * interrupt; a backend (host-file.c: the image itself) does the I/O of one
 * request, blocking, on a helper thread.
 */
#ifndef UM_HOST_BLK_H
#define UM_HOST_BLK_H

#include <pthread.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include "host-priv.h"

struct blk_disk;

/* A backend: how the requests of one disk reach its host files. Each call
 * runs on a helper thread, may block, and returns 0 or -errno. */
struct blk_backend {
	int (*rw)(struct blk_disk *d, int write, const struct iovec *vec, int n,
		  unsigned long long off, unsigned long len, int fua);
	int (*flush)(struct blk_disk *d);
	/* Deallocate (zero=0) or zero (zero=1) a range; reads give zeroes after. */
	int (*discard)(struct blk_disk *d, unsigned long long off,
		       unsigned long long len, int zero);
};

/* host-file.c: the disk is its image file. */
extern const struct blk_backend blk_file_backend;
/* host-file.c: all len bytes at off, or -errno; dsync: durable on return. */
int blk_file_rw(int fd, int write, const struct iovec *vec, int n,
		unsigned long long off, unsigned long len, int dsync);
/* host-file.c: write zeroes over [off, off+len) the long way. */
int blk_write_zeroes(int fd, unsigned long long off, unsigned long long len);

/* host-cow.c: writes to a COW file, reads of unwritten sectors from its
 * backing file. */
extern const struct blk_backend blk_cow_backend;
struct blk_cow;
/* host-cow.c: 1 if the open file starts with a COW header. */
int blk_is_cow_file(int fd);
/* host-cow.c: disk d on the COW file fd (read-write unless flag r), made
 * when empty and a backing file is given; dies with a usage error. */
void blk_cow_setup(struct blk_disk *d, int fd, const struct stat *st);

/* The request queue of one disk (host-queue.c). */
struct blk_queue {
	struct host_blk_req *incoming;	/* pushed by the kernel, newest first */
	struct host_blk_req *pending;	/* taken by the helpers, oldest first */
	struct host_blk_req *done;	/* completed, for the kernel to take */
	unsigned int seq;		/* bumped on every submission (futex word) */
	unsigned int idle;		/* helpers waiting for work */
	pthread_mutex_t lock;		/* the helpers' lock on pending */
	int irq;
};

struct blk_disk {
	int index;			/* N of ubdN */
	int set;			/* given on the command line */
	const char *path;		/* the image file as given */
	const char *backing;		/* BACKING as given, or NULL */
	char flags[8];			/* as given: r s d c t f */
	const char *serial;		/* or NULL */
	int read_only, sync, data_only, shared, no_trim;
	int fd;
	dev_t dev;			/* the image's identity */
	ino_t ino;
	dev_t backing_dev;		/* the backing file's, for a COW disk */
	ino_t backing_ino;
	struct blk_cow *cow;		/* the COW backend's state, or NULL */
	unsigned long long size;	/* bytes the guest sees */
	const struct blk_backend *backend;
	struct blk_queue q;
	int started;
};

/* host.c: open PATH for disk d (read-write if writable) and check it is a
 * file or a block device; dies with a usage error naming it. */
int blk_open_file(struct blk_disk *d, const char *path, int writable, struct stat *st);
/* host.c: the size in bytes of an open image (0 if unknown). */
unsigned long long blk_file_size(int fd, const struct stat *st);
/* host.c: lock the file against other writers (shared when !writable). */
void blk_lock_file(struct blk_disk *d, int fd, const char *path, int writable);

/* host-queue.c: start the helper threads of disk d; completions raise irq. */
int blk_queue_start(struct blk_disk *d, int irq);
/* host-queue.c: the kernel's side of the queue (host_blk_submit, _done). */
void blk_queue_submit(struct blk_disk *d, struct host_blk_req *req);
struct host_blk_req *blk_queue_done(struct blk_disk *d);

#endif
