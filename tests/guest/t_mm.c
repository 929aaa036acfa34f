// SPDX-License-Identifier: GPL-2.0
/*
 * Memory management from a guest process: anonymous and file mappings,
 * MAP_FIXED, munmap, mprotect, mremap, brk, stack growth, copy-on-write
 * and shared memory across fork, madvise, mincore, large mappings and
 * executable memory. Faults are caught with a SIGSEGV/SIGBUS handler
 * (sigsetjmp/siglongjmp) and their signo, si_code and si_addr are
 * checked exactly.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tap.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static long pg;

/* ---- fault catching ---- */

static sigjmp_buf fault_jb;
static volatile sig_atomic_t fault_armed;
static volatile int fault_sig, fault_code;
static void *volatile fault_addr;

static void fault_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (!fault_armed) {
		/* unexpected fault: let it re-fault and kill us with the default action */
		signal(sig, SIG_DFL);
		return;
	}
	fault_armed = 0;
	fault_sig = sig;
	fault_code = si->si_code;
	fault_addr = si->si_addr;
	siglongjmp(fault_jb, 1);
}

static void install_handlers(void)
{
	static char altstack[64 * 1024];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	struct sigaction sa;

	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

enum { OP_READ, OP_WRITE, OP_CALL };

/*
 * Perform one access; returns 1 if it faulted (fault_sig/code/addr then
 * describe the fault), 0 if it completed. For OP_READ the byte read is
 * stored in *val, for OP_WRITE *val is written, for OP_CALL the code at p
 * is called and its int result stored in *val.
 */
static __attribute__((noinline)) int try_access(int op, void *p, int *val)
{
	fault_sig = 0;
	fault_code = 0;
	fault_addr = NULL;
	if (sigsetjmp(fault_jb, 1)) {
		fault_armed = 0;
		return 1;
	}
	fault_armed = 1;
	switch (op) {
	case OP_READ:
		*val = *(volatile unsigned char *)p;
		break;
	case OP_WRITE:
		*(volatile unsigned char *)p = (unsigned char)*val;
		break;
	case OP_CALL:
		*val = ((int (*)(void))p)();
		break;
	}
	fault_armed = 0;
	return 0;
}

static int rd(void *p, int *v) { return try_access(OP_READ, p, v); }
static int wr(void *p, int v) { return try_access(OP_WRITE, p, &v); }

/* Did the last access fault with exactly this signal, code and address? */
static int faulted(int sig, int code, void *addr)
{
	return fault_sig == sig && fault_code == code && fault_addr == addr;
}

static void *map_anon(size_t len, int prot, int flags)
{
	return mmap(NULL, len, prot, flags | MAP_ANONYMOUS, -1, 0);
}

/* ---- tests ---- */

static void test_anon(void)
{
	char *p = map_anon(3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	char *s = map_anon(2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED);
	int zero = 1, ok = 1;
	long i;

	CHECK(p != MAP_FAILED && ((uintptr_t)p & (pg - 1)) == 0,
	      "mmap private anonymous 3 pages, page aligned");
	CHECK(s != MAP_FAILED && ((uintptr_t)s & (pg - 1)) == 0,
	      "mmap shared anonymous 2 pages, page aligned");
	for (i = 0; i < 3 * pg; i++)
		zero &= p[i] == 0;
	for (i = 0; i < 2 * pg; i++)
		zero &= s[i] == 0;
	CHECK(zero, "fresh anonymous memory reads as zeros");
	for (i = 0; i < 3 * pg; i++)
		p[i] = (char)(i * 7);
	for (i = 0; i < 2 * pg; i++)
		s[i] = (char)(i * 13);
	for (i = 0; i < 3 * pg; i++)
		ok &= p[i] == (char)(i * 7);
	for (i = 0; i < 2 * pg; i++)
		ok &= s[i] == (char)(i * 13);
	CHECK(ok, "anonymous private and shared memory hold written data");

	errno = 0;
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
	      errno == EINVAL, "mmap of length 0 fails with EINVAL");
	errno = 0;
	CHECK(munmap(p + 1, pg) == -1 && errno == EINVAL,
	      "munmap of an unaligned address fails with EINVAL");

	munmap(p, 3 * pg);
	munmap(s, 2 * pg);
}

static void test_map_fixed(void)
{
	char *p = map_anon(3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	char *q;

	memset(p, 'a', 3 * pg);
	q = mmap(p + pg, pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(q == p + pg, "MAP_FIXED maps at exactly the requested address");
	CHECK(q[0] == 0 && q[pg - 1] == 0,
	      "MAP_FIXED replaced the old page with a zero page");
	CHECK(p[0] == 'a' && p[pg - 1] == 'a' && p[2 * pg] == 'a' && p[3 * pg - 1] == 'a',
	      "pages around the MAP_FIXED page keep their contents");
	errno = 0;
	q = mmap(p + pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(q == MAP_FAILED && errno == EEXIST,
	      "MAP_FIXED_NOREPLACE over an existing mapping fails with EEXIST");
	munmap(p, 3 * pg);
}

/* The whole x86_64 user range is there: up to 2^47 less one page. */
static void test_range_top(void)
{
	char *top = (char *)0x7ffffffff000UL, *q;
	int v = 0;

	q = mmap(top - pg, pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(q == top - pg, "the last user page (%p) can be mapped", (void *)(top - pg));
	CHECK(q != MAP_FAILED && wr(q + pg - 4, 77) == 0 && rd(q + pg - 4, &v) == 0 && v == 77,
	      "and written and read");
	if (q != MAP_FAILED)
		munmap(q, pg);
	errno = 0;
	q = mmap(top, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(q == MAP_FAILED && errno == ENOMEM, "a page at 2^47 - 4096 cannot: ENOMEM");
}

static void test_munmap(void)
{
	char *p = map_anon(3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	int v = 0, f;

	memset(p, 'm', 3 * pg);
	CHECK(munmap(p + pg, pg) == 0, "munmap middle page of 3");
	f = rd(p + pg + 123, &v);
	CHECK(f && faulted(SIGSEGV, SEGV_MAPERR, p + pg + 123),
	      "read of unmapped page: SIGSEGV SEGV_MAPERR si_addr=%p (got sig %d code %d addr %p)",
	      (void *)(p + pg + 123), fault_sig, fault_code, fault_addr);
	f = wr(p + 2 * pg - 1, 1);
	CHECK(f && faulted(SIGSEGV, SEGV_MAPERR, p + 2 * pg - 1),
	      "write to unmapped page: SIGSEGV SEGV_MAPERR with exact si_addr");
	CHECK(p[pg - 1] == 'm' && p[2 * pg] == 'm',
	      "neighbouring pages still mapped after partial munmap");
	munmap(p, 3 * pg);
	f = rd(p, &v);
	CHECK(f && faulted(SIGSEGV, SEGV_MAPERR, p),
	      "read after full munmap: SIGSEGV SEGV_MAPERR at start of range");
}

static void test_mprotect(void)
{
	char *p = map_anon(3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	char *m = p + pg;
	int v = 0, f;

	memset(p, 'x', 3 * pg);
	CHECK(mprotect(m, pg, PROT_READ) == 0, "mprotect middle page PROT_READ");
	f = rd(m + 10, &v);
	CHECK(!f && v == 'x', "PROT_READ page is readable");
	f = wr(m + 77, 'y');
	CHECK(f && faulted(SIGSEGV, SEGV_ACCERR, m + 77),
	      "write to PROT_READ page: SIGSEGV SEGV_ACCERR si_addr=%p (got sig %d code %d addr %p)",
	      (void *)(m + 77), fault_sig, fault_code, fault_addr);
	CHECK(m[77] == 'x', "faulting write did not modify the page");
	f = wr(p + pg - 1, 'L') || wr(p + 2 * pg, 'R');
	CHECK(!f && p[pg - 1] == 'L' && p[2 * pg] == 'R',
	      "pages around the PROT_READ page stay writable");

	CHECK(mprotect(m, pg, PROT_NONE) == 0, "mprotect middle page PROT_NONE");
	f = rd(m + 5, &v);
	CHECK(f && faulted(SIGSEGV, SEGV_ACCERR, m + 5),
	      "read of PROT_NONE page: SIGSEGV SEGV_ACCERR with exact si_addr");
	f = wr(m + pg - 1, 1);
	CHECK(f && faulted(SIGSEGV, SEGV_ACCERR, m + pg - 1),
	      "write to PROT_NONE page: SIGSEGV SEGV_ACCERR with exact si_addr");

	CHECK(mprotect(m, pg, PROT_READ | PROT_WRITE) == 0, "mprotect back to PROT_READ|PROT_WRITE");
	f = wr(m + 77, 'z');
	CHECK(!f && m[77] == 'z' && m[0] == 'x' && m[pg - 1] == 'x',
	      "re-enabled page is writable and kept its contents");

	errno = 0;
	CHECK(mprotect(p + 1, pg, PROT_READ) == -1 && errno == EINVAL,
	      "mprotect of unaligned address fails with EINVAL");
	munmap(p, 3 * pg);
	errno = 0;
	CHECK(mprotect(p, pg, PROT_READ) == -1 && errno == ENOMEM,
	      "mprotect of unmapped range fails with ENOMEM");
}

static void test_mremap(void)
{
	char *p, *q, *b;
	long i;
	int ok = 1, v = 0, f;

	/* grow in place: map 4 pages, unmap the last 2, grow back to 4 */
	p = map_anon(4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	munmap(p + 2 * pg, 2 * pg);
	for (i = 0; i < 2 * pg; i++)
		p[i] = (char)(i * 3 + 1);
	q = mremap(p, 2 * pg, 4 * pg, 0);
	CHECK(q == p, "mremap grows in place without MREMAP_MAYMOVE");
	for (i = 0; i < 2 * pg; i++)
		ok &= q[i] == (char)(i * 3 + 1);
	CHECK(ok, "contents preserved after growing in place");
	CHECK(q[2 * pg] == 0 && q[4 * pg - 1] == 0, "grown part reads as zeros");
	q[4 * pg - 1] = 9;
	CHECK(q[4 * pg - 1] == 9, "grown part is writable");

	/* shrink */
	q = mremap(p, 4 * pg, pg, 0);
	CHECK(q == p, "mremap shrinks in place");
	f = rd(p + pg, &v);
	CHECK(f && faulted(SIGSEGV, SEGV_MAPERR, p + pg),
	      "tail removed by shrinking mremap is unmapped (SEGV_MAPERR)");
	munmap(p, pg);

	/* blocked growth: a mapping right after prevents growing in place */
	p = map_anon(2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	b = p + pg;
	mprotect(b, pg, PROT_READ);	/* distinct vma, cannot be merged */
	for (i = 0; i < pg; i++)
		p[i] = (char)(i ^ 0x5a);
	errno = 0;
	q = mremap(p, pg, 8 * pg, 0);
	CHECK(q == MAP_FAILED && errno == ENOMEM,
	      "mremap grow blocked by next mapping without MAYMOVE fails with ENOMEM");
	q = mremap(p, pg, 8 * pg, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED && q != p, "mremap MREMAP_MAYMOVE moves the mapping");
	if (q == MAP_FAILED)
		return;
	ok = 1;
	for (i = 0; i < pg; i++)
		ok &= q[i] == (char)(i ^ 0x5a);
	CHECK(ok, "contents preserved after MREMAP_MAYMOVE move");
	q[8 * pg - 1] = 1;
	CHECK(q[8 * pg - 1] == 1 && q[pg] == 0, "moved mapping's grown part is usable and zeroed");
	f = rd(p + 100, &v);
	CHECK(f && faulted(SIGSEGV, SEGV_MAPERR, p + 100),
	      "old range unmapped after the move (SEGV_MAPERR at old address)");
	f = rd(b, &v);
	CHECK(!f && v == 0, "blocking mapping after the old range is untouched");
	munmap(q, 8 * pg);
	munmap(b, pg);
}

static void test_brk(void)
{
	const long sz = 1 << 20;
	char *old, *ret, *after_grow, *after_shrink, *top;
	long raw;
	int ok = 1, v = 0, f;
	long i;

	old = sbrk(0);
	raw = syscall(SYS_brk, 0);
	CHECK(old != (char *)-1 && raw == (long)old, "sbrk(0) and raw brk(0) agree");
	ret = sbrk(sz);
	after_grow = sbrk(0);
	if (ret != (char *)-1) {
		for (i = 0; i < sz; i += 512)
			old[i] = (char)(i >> 9);
		for (i = 0; i < sz; i += 512)
			ok &= old[i] == (char)(i >> 9);
	}
	top = (char *)(((uintptr_t)old + sz + pg - 1) & ~(uintptr_t)(pg - 1));
	ret = sbrk(-sz) == (char *)-1 ? NULL : ret;
	after_shrink = sbrk(0);
	/* report only after the break is back, so stdio cannot interfere */
	CHECK(ret == old && after_grow == old + sz, "sbrk(+1 MiB) grows the break");
	CHECK(ok, "grown heap is writable and readable");
	CHECK(after_shrink == old, "sbrk(-1 MiB) shrinks the break back");
	f = rd(top - pg, &v);
	CHECK(f && faulted(SIGSEGV, SEGV_MAPERR, top - pg),
	      "memory above the shrunk break is unmapped (SEGV_MAPERR)");

	/* the break cannot grow into an existing mapping */
	{
		char *blk = (char *)(((uintptr_t)old + 16 * sz) & ~(uintptr_t)(pg - 1));
		char *m = mmap(blk, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

		if (m == blk) {
			raw = syscall(SYS_brk, blk + 4 * pg);
			CHECK(raw == (long)old, "brk into an existing mapping fails (break unchanged)");
			CHECK(sbrk(0) == old, "break unchanged after failed brk");
			munmap(m, pg);
		} else {
			CHECK(0, "could not place blocking mapping above the break");
		}
	}
}

#define STACK_FRAME (32 * 1024)
#define STACK_DEPTH 128	/* 128 * 32 KiB = 4 MiB */

static char *stack_lowest;

static __attribute__((noinline)) long recurse(int depth)
{
	volatile char buf[STACK_FRAME];
	long sum, i;

	/* touch every page of this frame from the top down */
	for (i = STACK_FRAME - 1; i >= 0; i -= 256)
		buf[i] = (char)(depth + i);
	if ((char *)buf < stack_lowest)
		stack_lowest = (char *)buf;
	sum = depth < STACK_DEPTH ? recurse(depth + 1) : 0;
	for (i = STACK_FRAME - 1; i >= 0; i -= 256)
		if (buf[i] != (char)(depth + i))
			return -1000000;
	return sum + depth;
}

static void test_stack(void)
{
	volatile char top;
	volatile long r = -1;
	volatile int ok = 0;

	stack_lowest = (char *)&top;
	fault_sig = 0;
	fault_code = 0;
	fault_addr = NULL;
	if (!sigsetjmp(fault_jb, 1)) {
		fault_armed = 1;
		r = recurse(1);
		fault_armed = 0;
		ok = 1;
	}
	CHECK(ok, "recursion touching 4 MiB of stack did not fault (sig %d code %d addr %p)",
	      fault_sig, fault_code, fault_addr);
	CHECK(r == (long)STACK_DEPTH * (STACK_DEPTH + 1) / 2,
	      "every stack frame kept its contents across 4 MiB of growth");
	CHECK((char *)&top - stack_lowest >= 4L * 1024 * 1024 - 64 * 1024,
	      "stack really grew by about 4 MiB (%ld bytes)", (long)((char *)&top - stack_lowest));
}

/* child exit status helpers: bit set means that check failed */
static int child_status(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	if (!WIFEXITED(st))
		return -2;
	return WEXITSTATUS(st);
}

static void test_cow(void)
{
	int *p = map_anon(2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	int *q = (int *)((char *)p + pg);
	int c2p[2], p2c[2];
	char c = 0;
	pid_t pid;
	int st;

	*p = 100;
	*q = 111;
	if (pipe(c2p) || pipe(p2c)) {
		CHECK(0, "pipe for COW test");
		return;
	}
	pid = fork();
	if (pid == 0) {
		int bad = 0;

		if (*p != 100 || *q != 111)
			bad |= 1;
		*p = 200;		/* child writes its copy */
		if (write(c2p[1], "w", 1) != 1)
			_exit(100);
		if (read(p2c[0], &c, 1) != 1)
			_exit(101);
		if (*q != 111)		/* parent wrote 300 after fork */
			bad |= 2;
		if (*p != 200)		/* parent wrote 150 to p after fork */
			bad |= 4;
		_exit(bad);
	}
	CHECK(pid > 0, "fork for COW test");
	if (pid < 0)
		return;
	CHECK(read(c2p[0], &c, 1) == 1, "child wrote its private page");
	CHECK(*p == 100, "parent still sees its value after child wrote the COW page");
	*q = 300;
	*p = 150;
	CHECK(*q == 300 && *p == 150, "parent writes to COW pages after fork");
	if (write(p2c[1], "g", 1) != 1)
		CHECK(0, "pipe write");
	st = child_status(pid);
	CHECK(st >= 0 && !(st & 1), "child saw pre-fork values (status %d)", st);
	CHECK(st >= 0 && !(st & 2), "child still sees old value after parent wrote post-fork");
	CHECK(st == 0, "child kept its own written value; child exited cleanly (status %d)", st);
	close(c2p[0]); close(c2p[1]); close(p2c[0]); close(p2c[1]);
	munmap(p, 2 * pg);
}

static void test_shared_fork(void)
{
	volatile int *s = map_anon(pg, PROT_READ | PROT_WRITE, MAP_SHARED);
	int c2p[2], p2c[2];
	char c;
	pid_t pid;
	int st;

	s[0] = 1;
	s[1] = 0;
	if (pipe(c2p) || pipe(p2c)) {
		CHECK(0, "pipe for shared test");
		return;
	}
	pid = fork();
	if (pid == 0) {
		int bad = 0;

		if (s[0] != 1)
			bad |= 1;
		s[0] = 0x12345678;
		if (write(c2p[1], "w", 1) != 1)
			_exit(100);
		if (read(p2c[0], &c, 1) != 1)
			_exit(101);
		if (s[1] != 0x7654321)
			bad |= 2;
		_exit(bad);
	}
	if (pid < 0) {
		CHECK(0, "fork for shared test");
		return;
	}
	CHECK(read(c2p[0], &c, 1) == 1 && s[0] == 0x12345678,
	      "MAP_SHARED|MAP_ANONYMOUS: parent sees child's write");
	s[1] = 0x7654321;
	if (write(p2c[1], "g", 1) != 1)
		CHECK(0, "pipe write");
	st = child_status(pid);
	CHECK(st == 0, "MAP_SHARED|MAP_ANONYMOUS: child sees parent's pre- and post-fork writes (status %d)", st);
	close(c2p[0]); close(c2p[1]); close(p2c[0]); close(p2c[1]);
	munmap((void *)s, pg);
}

static void test_file_maps(void)
{
	char path[] = "/tmp/t_mm.XXXXXX";
	char buf[64];
	char *sh, *pr;
	int fd, v = 0, f;

	fd = mkstemp(path);
	CHECK(fd >= 0, "create temporary file in /tmp");
	if (fd < 0)
		return;
	unlink(path);
	CHECK(ftruncate(fd, pg) == 0 && pwrite(fd, "original", 8, 0) == 8,
	      "size file to one page and write initial data");

	sh = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(sh != MAP_FAILED, "mmap file MAP_SHARED");
	if (sh == MAP_FAILED)
		goto out;
	CHECK(memcmp(sh, "original", 8) == 0, "MAP_SHARED mapping shows file contents");
	memcpy(sh + 100, "shared-write", 12);
	memset(buf, 0, sizeof(buf));
	CHECK(pread(fd, buf, 12, 100) == 12 && memcmp(buf, "shared-write", 12) == 0,
	      "store to MAP_SHARED mapping is visible to read()");
	CHECK(pwrite(fd, "via-write", 9, 200) == 9 && memcmp(sh + 200, "via-write", 9) == 0,
	      "write() to the file is visible in the MAP_SHARED mapping");
	CHECK(msync(sh, pg, MS_SYNC) == 0, "msync MS_SYNC succeeds");

	pr = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(pr != MAP_FAILED, "mmap file MAP_PRIVATE");
	if (pr == MAP_FAILED)
		goto out_sh;
	CHECK(memcmp(pr + 100, "shared-write", 12) == 0,
	      "MAP_PRIVATE mapping shows current file contents");
	memcpy(pr, "PRIVATE!", 8);
	memset(buf, 0, sizeof(buf));
	CHECK(pread(fd, buf, 8, 0) == 8 && memcmp(buf, "original", 8) == 0,
	      "store to MAP_PRIVATE mapping does not reach the file");
	CHECK(memcmp(sh, "original", 8) == 0 && memcmp(pr, "PRIVATE!", 8) == 0,
	      "MAP_SHARED mapping unaffected, MAP_PRIVATE keeps its private copy");
	CHECK(madvise(pr, pg, MADV_DONTNEED) == 0 && memcmp(pr, "original", 8) == 0,
	      "MADV_DONTNEED on private file page drops the copy, file data returns");
	munmap(pr, pg);

	munmap(sh, pg);
	memset(buf, 0, sizeof(buf));
	CHECK(pread(fd, buf, 12, 100) == 12 && memcmp(buf, "shared-write", 12) == 0,
	      "data written through MAP_SHARED persists after munmap");

	/* mapping beyond end of file: SIGBUS BUS_ADRERR */
	sh = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (sh != MAP_FAILED) {
		f = rd(sh + pg + 8, &v);
		CHECK(f && faulted(SIGBUS, BUS_ADRERR, sh + pg + 8),
		      "access to mapped page beyond EOF: SIGBUS BUS_ADRERR with exact si_addr (got sig %d code %d addr %p)",
		      fault_sig, fault_code, fault_addr);
		f = rd(sh + pg - 1, &v);
		CHECK(!f && v == 0, "last page within EOF readable (zero tail)");
		munmap(sh, 2 * pg);
	} else {
		CHECK(0, "mmap 2 pages of 1-page file");
	}
	goto out;
out_sh:
	munmap(sh, pg);
out:
	close(fd);
}

static void test_madvise(void)
{
	char *p = map_anon(4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	int zero = 1;
	long i;

	memset(p, 0xab, 4 * pg);
	CHECK(madvise(p + pg, 2 * pg, MADV_DONTNEED) == 0, "madvise MADV_DONTNEED on 2 pages");
	for (i = pg; i < 3 * pg; i++)
		zero &= p[i] == 0;
	CHECK(zero, "MADV_DONTNEED private anonymous pages read back as zeros");
	CHECK((unsigned char)p[pg - 1] == 0xab && (unsigned char)p[3 * pg] == 0xab,
	      "pages outside the MADV_DONTNEED range keep their contents");
	munmap(p, 4 * pg);
}

static void test_large(void)
{
	const long sz = 64L << 20;
	char *p = map_anon(sz, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	int ok = 1, v = 0, f;
	long i;

	CHECK(p != MAP_FAILED, "mmap 64 MiB anonymous");
	if (p == MAP_FAILED)
		return;
	for (i = 0; i < sz; i += pg)
		*(long *)(p + i) = i ^ 0x5555;
	for (i = 0; i < sz; i += pg)
		ok &= *(long *)(p + i) == (i ^ 0x5555);
	CHECK(ok, "64 MiB touched page by page holds its data");
	CHECK(munmap(p, sz) == 0, "munmap 64 MiB");
	f = rd(p + sz / 2, &v);
	CHECK(f && faulted(SIGSEGV, SEGV_MAPERR, p + sz / 2),
	      "64 MiB region unmapped after munmap (SEGV_MAPERR)");
}

/*
 * More separately mapped pages than a host process may have mappings
 * (vm.max_map_count, 65530 by default): untouched anonymous pages read as
 * the one zero page, which the host cannot merge into larger mappings.
 */
static void test_many_mappings(void)
{
	const long n = 70000;
	char *p = map_anon(n * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE);
	long i, sum = 0, bad = 0;
	int pfd[2];

	CHECK(p != MAP_FAILED, "mmap %ld pages", n);
	if (p == MAP_FAILED)
		return;
	for (i = 0; i < n; i += 1000)
		p[i * pg + 7] = (char)(i / 1000 + 1);
	for (i = 0; i < n; i++)
		sum += p[i * pg];
	CHECK(sum == 0, "%ld pages read one by one read as zero", n);
	for (i = 0; i < n; i++)
		bad += p[i * pg + 7] != (i % 1000 ? 0 : (char)(i / 1000 + 1));
	CHECK(bad == 0, "data written among them is still there (%ld wrong)", bad);
	/* Through a pipe: the kernel reads each byte, the program gets it back. */
	for (i = 0, bad = 0; i < n && pipe(pfd) == 0; i += 7) {
		char c = -1;

		bad += write(pfd[1], p + i * pg + 7, 1) != 1 || read(pfd[0], &c, 1) != 1 ||
		       c != (i % 1000 ? 0 : (char)(i / 1000 + 1));
		close(pfd[0]);
		close(pfd[1]);
	}
	CHECK(i >= n && bad == 0, "the kernel reads them too (%ld wrong)", bad);
	CHECK(munmap(p, n * pg) == 0, "munmap %ld pages", n);
}

static void test_mincore(void)
{
	char *p = map_anon(4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	unsigned char vec[4] = { 0xff, 0xff, 0xff, 0xff };

	p[0] = 1;
	p[2 * pg + 5] = 1;
	CHECK(mincore(p, 4 * pg, vec) == 0, "mincore on 4 pages");
	CHECK((vec[0] & 1) && (vec[2] & 1), "mincore: touched pages are resident");
	CHECK(!(vec[1] & 1) && !(vec[3] & 1), "mincore: untouched anonymous pages are not resident");
	munmap(p, 4 * pg);
	errno = 0;
	CHECK(mincore(p, pg, vec) == -1 && errno == ENOMEM, "mincore on unmapped range fails with ENOMEM");
}

static void test_exec(void)
{
	static const unsigned char code42[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };	/* mov $42,%eax; ret */
	unsigned char *p = map_anon(pg, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	int v = 0, f;

	memcpy(p, code42, sizeof(code42));
	f = try_access(OP_CALL, p, &v);
	CHECK(f && faulted(SIGSEGV, SEGV_ACCERR, p),
	      "executing from RW (non-exec) page: SIGSEGV SEGV_ACCERR si_addr=page (got sig %d code %d addr %p)",
	      fault_sig, fault_code, fault_addr);

	CHECK(mprotect(p, pg, PROT_READ | PROT_EXEC) == 0, "mprotect code page PROT_READ|PROT_EXEC");
	v = 0;
	f = try_access(OP_CALL, p, &v);
	CHECK(!f && v == 42, "calling code in R+X page returns 42 (got %d)", v);
	f = wr(p + 1, 7);
	CHECK(f && faulted(SIGSEGV, SEGV_ACCERR, p + 1), "R+X page is not writable (SEGV_ACCERR)");

	/* rewrite the code and run it again */
	mprotect(p, pg, PROT_READ | PROT_WRITE);
	p[1] = 7;
	mprotect(p, pg, PROT_READ | PROT_EXEC);
	v = 0;
	f = try_access(OP_CALL, p, &v);
	CHECK(!f && v == 7, "modified code runs after mprotect cycle (got %d)", v);

	mprotect(p, pg, PROT_NONE);
	f = try_access(OP_CALL, p, &v);
	CHECK(f && faulted(SIGSEGV, SEGV_ACCERR, p), "executing from PROT_NONE page: SIGSEGV SEGV_ACCERR");
	munmap(p, pg);
}

int main(void)
{
	pg = sysconf(_SC_PAGESIZE);
	install_handlers();

	test_anon();
	test_map_fixed();
	test_range_top();
	test_munmap();
	test_mprotect();
	test_mremap();
	test_brk();
	test_stack();
	test_cow();
	test_shared_fork();
	test_file_maps();
	test_madvise();
	test_large();
	test_many_mappings();
	test_mincore();
	test_exec();
	return tap_done();
}
