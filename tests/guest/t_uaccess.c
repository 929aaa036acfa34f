// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel access to user memory: bad pointers must give EFAULT (never a
 * crash), copies into buffers that run into unmapped memory stop exactly
 * at the page boundary like Linux does, write-protected and copy-on-write
 * pages are honoured by the kernel's own stores, path names are fetched
 * with the right limits, futexes work on valid words and fail on bad ones,
 * and process_vm_readv/writev copy between processes.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "tap.h"

static long pg;

/* kept opaque so the compiler does not warn about (or reason about) them */
static void *volatile badptr_v = (void *)1;
static void *volatile kernelptr_v = (void *)0xffff800000000000UL;
#define BADPTR ((void *)badptr_v)
#define KERNELPTR ((void *)kernelptr_v)

#define FILE_PAGES 3
static char tmpl[] = "/tmp/t_uaccess.XXXXXX";
static int datafd = -1;

/* byte i of the data file */
static char fbyte(long i)
{
	return (char)('A' + (i * 7 + i / 251) % 53);
}

static void *map_anon(size_t len, int prot)
{
	return mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/* Two pages, the second one unmapped: returns the first page. */
static char *map_edge(void)
{
	char *p = map_anon(2 * pg, PROT_READ | PROT_WRITE);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p + pg, pg);
	return p;
}

static int file_matches(const char *buf, long off, long len)
{
	long i;

	for (i = 0; i < len; i++)
		if (buf[i] != fbyte(off + i))
			return 0;
	return 1;
}

static void setup_file(void)
{
	static char buf[FILE_PAGES * 4096];
	long i, n = FILE_PAGES * pg;

	datafd = mkstemp(tmpl);
	CHECK(datafd >= 0, "create data file in /tmp");
	if (datafd < 0)
		exit(tap_done());
	unlink(tmpl);
	for (i = 0; i < n; i++)
		buf[i] = fbyte(i);
	CHECK(write(datafd, buf, n) == n, "fill data file with %ld bytes", n);
}

static void test_bad_rw(void)
{
	char *ro, *none;
	char c;
	int p[2];
	long r;

	/* read() into bad pointers */
	lseek(datafd, 0, SEEK_SET);
	errno = 0;
	r = read(datafd, BADPTR, 10);
	CHECK(r == -1 && errno == EFAULT, "read(fd, (void*)1, 10) fails with EFAULT");
	CHECK(lseek(datafd, 0, SEEK_CUR) == 0, "failed read did not advance the file offset");
	errno = 0;
	r = read(datafd, KERNELPTR, 10);
	CHECK(r == -1 && errno == EFAULT, "read into a kernel-half address fails with EFAULT");
	errno = 0;
	r = read(datafd, BADPTR, 0);
	CHECK(r == 0, "read of 0 bytes to a bad pointer returns 0");

	ro = map_anon(pg, PROT_READ | PROT_WRITE);
	memset(ro, 'r', pg);
	mprotect(ro, pg, PROT_READ);
	errno = 0;
	r = read(datafd, ro + 16, 32);
	CHECK(r == -1 && errno == EFAULT, "read into a PROT_READ page fails with EFAULT");
	CHECK(ro[16] == 'r' && ro[47] == 'r', "kernel did not write into the PROT_READ page");

	/* write() from bad pointers */
	errno = 0;
	r = write(datafd, BADPTR, 10);
	CHECK(r == -1 && errno == EFAULT, "write(fd, (void*)1, 10) fails with EFAULT");
	errno = 0;
	r = write(datafd, KERNELPTR, 10);
	CHECK(r == -1 && errno == EFAULT, "write from a kernel-half address fails with EFAULT");
	none = map_anon(pg, PROT_NONE);
	errno = 0;
	r = write(datafd, none, 10);
	CHECK(r == -1 && errno == EFAULT, "write from a PROT_NONE page fails with EFAULT");
	{
		struct stat st;

		CHECK(fstat(datafd, &st) == 0 && st.st_size == FILE_PAGES * pg && lseek(datafd, 0, SEEK_CUR) == 0,
		      "failed writes left file size and offset unchanged");
	}
	r = write(datafd, ro, 8);
	{
		char tmp[8];
		long i;

		CHECK(r == 8 && pread(datafd, tmp, 8, 0) == 8 && memcmp(tmp, "rrrrrrrr", 8) == 0,
		      "write from a PROT_READ page succeeds");
		for (i = 0; i < 8; i++)
			tmp[i] = fbyte(i);
		pwrite(datafd, tmp, 8, 0);
	}

	/* pipes */
	if (pipe2(p, O_NONBLOCK)) {
		CHECK(0, "pipe2");
		return;
	}
	errno = 0;
	r = write(p[1], BADPTR, 10);
	CHECK(r == -1 && errno == EFAULT, "write to pipe from bad pointer fails with EFAULT");
	errno = 0;
	r = read(p[0], &c, 1);
	CHECK(r == -1 && errno == EAGAIN, "nothing was queued in the pipe by the failed write");
	CHECK(write(p[1], "xyz", 3) == 3, "write 3 bytes to pipe");
	errno = 0;
	r = read(p[0], BADPTR, 3);
	CHECK(r == -1 && errno == EFAULT, "read from pipe into bad pointer fails with EFAULT");
	{
		char b[4] = { 0 };

		CHECK(read(p[0], b, 3) == 3 && memcmp(b, "xyz", 3) == 0,
		      "pipe data was not consumed by the failed read");
	}
	close(p[0]);
	close(p[1]);
	munmap(ro, pg);
	munmap(none, pg);
}

static void test_partial(void)
{
	char *p = map_edge();
	int pp[2];
	long r;

	if (!p) {
		CHECK(0, "map edge pages");
		return;
	}
	/* regular file: the copy stops at the unmapped page, short count */
	lseek(datafd, 0, SEEK_SET);
	errno = 0;
	r = read(datafd, p, 2 * pg);
	CHECK(r == pg, "read of 2 pages into [mapped|unmapped] returns one page (%ld, errno %d)", r, errno);
	CHECK(file_matches(p, 0, pg), "the mapped page got the file data");
	CHECK(lseek(datafd, 0, SEEK_CUR) == pg, "file offset advanced by the short count only");
	errno = 0;
	r = pread(datafd, p + pg - 96, 200, 1000);
	CHECK(r == 96, "pread of 200 bytes into buffer with 96 mapped bytes returns 96 (%ld, errno %d)", r, errno);
	CHECK(file_matches(p + pg - 96, 1000, 96), "the 96 mapped bytes got the right file data");
	errno = 0;
	r = pread(datafd, p + pg - 1, 2, 5);
	CHECK(r == 1 && p[pg - 1] == fbyte(5), "pread of 2 bytes with 1 mapped byte returns 1");
	errno = 0;
	r = pread(datafd, p + pg, 10, 0);
	CHECK(r == -1 && errno == EFAULT, "pread entirely into the unmapped page fails with EFAULT");

	/* write() from a buffer running into an unmapped page */
	errno = 0;
	r = write(datafd, p + pg, 10);
	CHECK(r == -1 && errno == EFAULT, "write entirely from the unmapped page fails with EFAULT");

	/* pipe: copies whole pipe buffers; a buffer that can't be copied fully gives EFAULT */
	if (pipe2(pp, O_NONBLOCK)) {
		CHECK(0, "pipe2");
		return;
	}
	{
		static char src[8192];
		long i;

		for (i = 0; i < 8192; i++)
			src[i] = fbyte(i);
		CHECK(write(pp[1], src, pg) == pg && write(pp[1], src + pg, pg) == pg,
		      "queue two page-sized writes in a pipe");
		memset(p, 0, pg);
		errno = 0;
		r = read(pp[0], p, 2 * pg);
		CHECK(r == pg && file_matches(p, 0, pg),
		      "pipe read of 2 pages into [mapped|unmapped] returns the first page (%ld)", r);
		errno = 0;
		r = read(pp[0], p + pg - 96, 200);
		CHECK(r == -1 && errno == EFAULT,
		      "pipe read of a buffer that does not fit the mapped part fails with EFAULT");
		r = read(pp[0], src, 8192);
		CHECK(r == pg && file_matches(src, pg, pg),
		      "second page still in the pipe after the faulting read");
	}
	close(pp[0]);
	close(pp[1]);
	munmap(p, pg);
}

static void test_fresh_and_cow(void)
{
	char *a = map_anon(pg, PROT_READ | PROT_WRITE);
	char *z = map_anon(pg, PROT_READ | PROT_WRITE);
	char *cw = map_anon(pg, PROT_READ | PROT_WRITE);
	char buf[64];
	int c2p[2], p2c[2], d[2];
	long r, i;
	int zero = 1, st;
	pid_t pid;

	/* kernel stores into a never-touched anonymous page */
	r = pread(datafd, a + 100, 50, 300);
	CHECK(r == 50 && file_matches(a + 100, 300, 50), "read into a never-touched anonymous page works");
	/* kernel loads from a never-touched anonymous page */
	r = pwrite(datafd, z, 64, 2 * pg);
	memset(buf, 1, sizeof(buf));
	pread(datafd, buf, 64, 2 * pg);
	for (i = 0; i < 64; i++)
		zero &= buf[i] == 0;
	CHECK(r == 64 && zero, "write from a never-touched anonymous page writes zeros");
	for (i = 0; i < 64; i++)
		buf[i] = fbyte(2 * pg + i);
	pwrite(datafd, buf, 64, 2 * pg);

	/* kernel stores into a copy-on-write page must break the sharing */
	memset(cw, 'P', pg);
	if (pipe(c2p) || pipe(p2c) || pipe(d)) {
		CHECK(0, "pipes for COW test");
		return;
	}
	pid = fork();
	if (pid == 0) {
		int bad = 0;

		/* child: read() into the COW page */
		if (read(d[0], cw, 16) != 16 || memcmp(cw, "child-data-16byt", 16))
			bad |= 1;
		if (write(c2p[1], "1", 1) != 1)
			_exit(100);
		if (read(p2c[0], buf, 1) != 1)
			_exit(101);
		/* parent has read() into its copy; ours must be unchanged */
		if (memcmp(cw, "child-data-16byt", 16) || cw[16] != 'P' || cw[pg - 1] != 'P')
			bad |= 2;
		_exit(bad);
	}
	if (pid < 0) {
		CHECK(0, "fork");
		return;
	}
	CHECK(write(d[1], "child-data-16byt", 16) == 16, "send data for the child's read");
	CHECK(read(c2p[0], buf, 1) == 1, "child did its read()");
	CHECK(cw[0] == 'P' && cw[15] == 'P',
	      "child's read() into a COW page did not change the parent's copy");
	CHECK(write(d[1], "parent-data-16by", 16) == 16 && read(d[0], cw, 16) == 16 &&
	      memcmp(cw, "parent-data-16by", 16) == 0, "parent's read() into its COW page");
	if (write(p2c[1], "g", 1) != 1)
		CHECK(0, "pipe write");
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && !(WEXITSTATUS(st) & 1), "child's read() into the COW page got the data");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "parent's read() after fork did not change the child's copy (status 0x%x)", st);
	close(c2p[0]); close(c2p[1]); close(p2c[0]); close(p2c[1]); close(d[0]); close(d[1]);
	munmap(a, pg);
	munmap(z, pg);
	munmap(cw, pg);
}

static void test_misc_syscalls(void)
{
	struct utsname *volatile un = NULL;
	char *ro = map_anon(pg, PROT_READ | PROT_WRITE);
	int fd1, fd2, r;
	long lr;

	memset(ro, 0x5c, pg);
	mprotect(ro, pg, PROT_READ);

	errno = 0;
	r = uname(un);
	CHECK(r == -1 && errno == EFAULT, "uname(NULL) fails with EFAULT");
	errno = 0;
	r = uname((struct utsname *)ro);
	CHECK(r == -1 && errno == EFAULT, "uname into a PROT_READ page fails with EFAULT");
	{
		struct utsname u;

		CHECK(uname(&u) == 0 && strcmp(u.sysname, "Linux") == 0, "uname into a valid buffer works");
	}

	errno = 0;
	lr = syscall(SYS_gettimeofday, BADPTR, NULL);
	CHECK(lr == -1 && errno == EFAULT, "gettimeofday syscall with bad tv pointer fails with EFAULT");
	{
		struct timeval tv;

		errno = 0;
		lr = syscall(SYS_gettimeofday, &tv, BADPTR);
		CHECK(lr == -1 && errno == EFAULT, "gettimeofday syscall with bad tz pointer fails with EFAULT");
		tv.tv_sec = 0;
		lr = syscall(SYS_gettimeofday, &tv, NULL);
		CHECK(lr == 0 && tv.tv_sec > 0, "gettimeofday syscall with a valid pointer works");
	}

	errno = 0;
	lr = syscall(SYS_clock_gettime, CLOCK_REALTIME, BADPTR);
	CHECK(lr == -1 && errno == EFAULT, "clock_gettime syscall (CLOCK_REALTIME) with bad pointer fails with EFAULT");
	errno = 0;
	lr = syscall(SYS_clock_gettime, CLOCK_MONOTONIC, ro);
	CHECK(lr == -1 && errno == EFAULT, "clock_gettime syscall into a PROT_READ page fails with EFAULT");
	CHECK((unsigned char)ro[0] == 0x5c && (unsigned char)ro[15] == 0x5c,
	      "PROT_READ page unchanged by the failed clock_gettime");
	{
		struct timespec ts = { 0, -1 };

		lr = syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
		CHECK(lr == 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000L,
		      "clock_gettime syscall with a valid pointer works");
	}

	/* pipe() with bad pointers: EFAULT and no file descriptors leaked */
	fd1 = dup(0);
	close(fd1);
	errno = 0;
	r = pipe(BADPTR);
	CHECK(r == -1 && errno == EFAULT, "pipe((int*)1) fails with EFAULT");
	errno = 0;
	lr = syscall(SYS_pipe, ro);
	CHECK(lr == -1 && errno == EFAULT, "pipe syscall into a PROT_READ page fails with EFAULT");
	errno = 0;
	lr = syscall(SYS_pipe2, ro, 0);
	CHECK(lr == -1 && errno == EFAULT, "pipe2 syscall into a PROT_READ page fails with EFAULT");
	fd2 = dup(0);
	CHECK(fd2 == fd1, "failed pipe() calls leaked no file descriptors (next fd %d, expected %d)", fd2, fd1);
	close(fd2);
	munmap(ro, pg);
}

static void test_paths(void)
{
	char *p = map_edge();
	char *gone = map_anon(pg, PROT_READ | PROT_WRITE);
	char *longp;
	int fd;

	munmap(gone, pg);
	errno = 0;
	fd = open(gone, O_RDONLY);
	CHECK(fd == -1 && errno == EFAULT, "open() with path in unmapped memory fails with EFAULT");
	errno = 0;
	fd = open(BADPTR, O_RDONLY);
	CHECK(fd == -1 && errno == EFAULT, "open((char*)1) fails with EFAULT");
	errno = 0;
	fd = open(KERNELPTR, O_RDONLY);
	CHECK(fd == -1 && errno == EFAULT, "open() with a kernel-half path pointer fails with EFAULT");

	if (!p) {
		CHECK(0, "map edge pages");
		return;
	}
	/* "/tmp" with its NUL in the very last byte of the mapped page works */
	memcpy(p + pg - 5, "/tmp", 5);
	fd = open(p + pg - 5, O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0, "path whose NUL is the last mapped byte opens fine");
	if (fd >= 0)
		close(fd);
	/* the same without the NUL runs into the unmapped page */
	memcpy(p + pg - 4, "/tmp", 4);
	errno = 0;
	fd = open(p + pg - 4, O_RDONLY | O_DIRECTORY);
	CHECK(fd == -1 && errno == EFAULT, "path crossing into an unmapped page fails with EFAULT");
	errno = 0;
	CHECK(mkdir(p + pg - 4, 0700) == -1 && errno == EFAULT, "mkdir() with such a path fails with EFAULT");
	errno = 0;
	CHECK(access(p + pg - 4, F_OK) == -1 && errno == EFAULT, "access() with such a path fails with EFAULT");
	munmap(p, pg);

	/* PATH_MAX limit: 4095 bytes plus NUL is fine, 4096 bytes is too long */
	longp = malloc(PATH_MAX + 2);
	memset(longp, '/', PATH_MAX + 1);
	longp[PATH_MAX - 1] = 0;
	fd = open(longp, O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0, "path of PATH_MAX-1 slashes opens the root directory");
	if (fd >= 0)
		close(fd);
	longp[PATH_MAX - 1] = '/';
	longp[PATH_MAX] = 0;
	errno = 0;
	fd = open(longp, O_RDONLY | O_DIRECTORY);
	CHECK(fd == -1 && errno == ENAMETOOLONG, "path of PATH_MAX bytes fails with ENAMETOOLONG");
	longp[PATH_MAX] = '/';
	longp[PATH_MAX + 1] = 0;
	errno = 0;
	CHECK(stat(longp, &(struct stat){ 0 }) == -1 && errno == ENAMETOOLONG,
	      "stat() of a PATH_MAX+1 byte path fails with ENAMETOOLONG");
	free(longp);
}

/* ---- futex ---- */

static long futex(volatile int *uaddr, int op, int val, const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static volatile int fword;
static volatile int waiter_done;
static long waiter_ret;
static int waiter_errno;

static void *waiter(void *arg)
{
	(void)arg;
	waiter_ret = futex(&fword, FUTEX_WAIT_PRIVATE, 0, NULL);
	waiter_errno = errno;
	__atomic_store_n(&waiter_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static volatile int flag_word;
static int flag_seen;

static void *flag_waiter(void *arg)
{
	(void)arg;
	while (__atomic_load_n(&flag_word, __ATOMIC_SEQ_CST) == 0)
		futex(&flag_word, FUTEX_WAIT_PRIVATE, 0, NULL);
	flag_seen = flag_word;
	return NULL;
}

static void test_futex(void)
{
	struct timespec ts = { 0, 1000000 };	/* 1 ms */
	pthread_t t;
	long woke = 0;
	char *gone;
	volatile int *sw;
	pid_t pid;
	int st;

	fword = 0;
	errno = 0;
	CHECK(futex(&fword, FUTEX_WAIT_PRIVATE, 1, NULL) == -1 && errno == EAGAIN,
	      "FUTEX_WAIT with a non-matching value fails with EAGAIN");
	errno = 0;
	CHECK(futex(&fword, FUTEX_WAIT_PRIVATE, 0, &ts) == -1 && errno == ETIMEDOUT,
	      "FUTEX_WAIT with a 1 ms timeout fails with ETIMEDOUT");
	CHECK(futex(&fword, FUTEX_WAKE_PRIVATE, 1, NULL) == 0, "FUTEX_WAKE with no waiters wakes 0");

	/* wake a thread blocked in FUTEX_WAIT: retry the wake until it hits */
	CHECK(pthread_create(&t, NULL, waiter, NULL) == 0, "create futex waiter thread");
	while (!__atomic_load_n(&waiter_done, __ATOMIC_SEQ_CST)) {
		woke = futex(&fword, FUTEX_WAKE_PRIVATE, 1, NULL);
		if (woke)
			break;
		sched_yield();
	}
	pthread_join(t, NULL);
	CHECK(woke == 1, "FUTEX_WAKE woke exactly the one blocked thread (returned %ld)", woke);
	CHECK(waiter_ret == 0, "woken FUTEX_WAIT returned 0 (ret %ld errno %d)", waiter_ret, waiter_errno);

	/* classic flag handoff */
	CHECK(pthread_create(&t, NULL, flag_waiter, NULL) == 0, "create flag waiter thread");
	__atomic_store_n(&flag_word, 1, __ATOMIC_SEQ_CST);
	futex(&flag_word, FUTEX_WAKE_PRIVATE, 1, NULL);
	pthread_join(t, NULL);
	CHECK(flag_seen == 1, "thread waiting on a futex flag saw it set");

	/* bad addresses */
	gone = map_anon(pg, PROT_READ | PROT_WRITE);
	munmap(gone, pg);
	errno = 0;
	CHECK(futex((int *)gone, FUTEX_WAIT_PRIVATE, 0, NULL) == -1 && errno == EFAULT,
	      "FUTEX_WAIT on an unmapped address fails with EFAULT");
	errno = 0;
	CHECK(futex((int *)gone, FUTEX_WAIT, 0, NULL) == -1 && errno == EFAULT,
	      "shared FUTEX_WAIT on an unmapped address fails with EFAULT");
	errno = 0;
	CHECK(futex((int *)gone, FUTEX_WAKE, 1, NULL) == -1 && errno == EFAULT,
	      "shared FUTEX_WAKE on an unmapped address fails with EFAULT");
	errno = 0;
	CHECK(futex((int *)((char *)&fword + 1), FUTEX_WAIT_PRIVATE, 0, NULL) == -1 && errno == EINVAL,
	      "FUTEX_WAIT on a misaligned address fails with EINVAL");

	/* shared futex between processes on MAP_SHARED memory */
	sw = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	sw[0] = 0;
	pid = fork();
	if (pid == 0) {
		long r = futex(&sw[0], FUTEX_WAIT, 0, NULL);

		_exit(r == 0 ? 0 : 1);
	}
	woke = 0;
	if (pid > 0) {
		while (waitpid(pid, &st, WNOHANG) == 0) {
			woke = futex(&sw[0], FUTEX_WAKE, 1, NULL);
			if (woke)
				break;
			sched_yield();
		}
		if (woke)
			waitpid(pid, &st, 0);
	}
	CHECK(pid > 0 && woke == 1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "shared FUTEX_WAKE wakes a FUTEX_WAIT in another process (woke %ld)", woke);
	munmap((void *)sw, pg);
}

/* ---- process_vm_readv / process_vm_writev ---- */

static char pv_src[3][32];
static char pv_dst[64];

static void test_process_vm(void)
{
	char *edge = map_edge();
	int c2p[2], p2c[2];
	char c;
	pid_t pid;
	long r;
	int st;

	if (!edge || pipe(c2p) || pipe(p2c)) {
		CHECK(0, "setup for process_vm tests");
		return;
	}
	strcpy(pv_src[0], "parent-0");
	strcpy(pv_src[1], "parent-1");
	strcpy(pv_src[2], "parent-2");
	memset(pv_dst, '.', sizeof(pv_dst));
	memset(edge, 'e', pg);

	pid = fork();
	if (pid == 0) {
		int bad = 0;

		strcpy(pv_src[0], "child-zero");
		strcpy(pv_src[1], "child-one");
		strcpy(pv_src[2], "child-two");
		memset(edge, 'E', pg);
		if (write(c2p[1], "r", 1) != 1)
			_exit(100);
		if (read(p2c[0], &c, 1) != 1)
			_exit(101);
		if (memcmp(pv_dst, "written-by-parent", 17) || pv_dst[17] != '.')
			bad |= 1;
		if (memcmp(edge + pg - 8, "12345678", 8) || edge[pg - 9] != 'E')
			bad |= 2;
		_exit(bad);
	}
	if (pid < 0) {
		CHECK(0, "fork");
		return;
	}
	CHECK(read(c2p[0], &c, 1) == 1, "child set up its memory");

	{
		char a[16], b[24];
		struct iovec local[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
		struct iovec remote[3] = { { pv_src[0], 11 }, { pv_src[1], 10 }, { pv_src[2], 10 } };

		memset(a, 0, sizeof(a));
		memset(b, 0, sizeof(b));
		r = process_vm_readv(pid, local, 2, remote, 3, 0);
		CHECK(r == 31, "process_vm_readv gathers 3 remote iovecs into 2 local ones (%ld)", r);
		CHECK(memcmp(a, "child-zero\0child", 16) == 0 && memcmp(b, "-one\0child-two\0", 15) == 0,
		      "process_vm_readv copied the child's data, not the parent's");
		CHECK(strcmp(pv_src[0], "parent-0") == 0, "parent's own copy untouched");
	}
	{
		char buf[200];
		struct iovec l = { buf, sizeof(buf) }, rm = { edge + pg - 96, 200 };

		memset(buf, 0, sizeof(buf));
		r = process_vm_readv(pid, &l, 1, &rm, 1, 0);
		CHECK(r == 96 && buf[0] == 'E' && buf[95] == 'E' && buf[96] == 0,
		      "process_vm_readv stops at the remote unmapped page (returned %ld)", r);
		rm.iov_base = edge + pg;
		errno = 0;
		r = process_vm_readv(pid, &l, 1, &rm, 1, 0);
		CHECK(r == -1 && errno == EFAULT, "process_vm_readv from a remote unmapped page fails with EFAULT");
		l.iov_base = BADPTR;
		l.iov_len = 10;
		rm.iov_base = pv_src[0];
		rm.iov_len = 10;
		errno = 0;
		r = process_vm_readv(pid, &l, 1, &rm, 1, 0);
		CHECK(r == -1 && errno == EFAULT, "process_vm_readv into a bad local pointer fails with EFAULT");
	}
	{
		struct iovec l = { (void *)"written-by-parent", 17 }, rm = { pv_dst, 17 };

		r = process_vm_writev(pid, &l, 1, &rm, 1, 0);
		CHECK(r == 17, "process_vm_writev writes 17 bytes into the child (%ld)", r);
		CHECK(pv_dst[0] == '.', "parent's own destination buffer untouched");
		l.iov_base = (void *)"12345678abcdefgh";
		l.iov_len = 16;
		rm.iov_base = edge + pg - 8;
		rm.iov_len = 16;
		r = process_vm_writev(pid, &l, 1, &rm, 1, 0);
		CHECK(r == 8, "process_vm_writev stops at the remote unmapped page (returned %ld)", r);
	}
	if (write(p2c[1], "g", 1) != 1)
		CHECK(0, "pipe write");
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && !(WEXITSTATUS(st) & 1), "child sees the data written by process_vm_writev");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "child sees the partial process_vm_writev up to the page end (status 0x%x)", st);
	close(c2p[0]); close(c2p[1]); close(p2c[0]); close(p2c[1]);
	munmap(edge, pg);
}

int main(void)
{
	pg = sysconf(_SC_PAGESIZE);
	setup_file();
	test_bad_rw();
	test_partial();
	test_fresh_and_cow();
	test_misc_syscalls();
	test_paths();
	test_futex();
	test_process_vm();
	close(datafd);
	return tap_done();
}
