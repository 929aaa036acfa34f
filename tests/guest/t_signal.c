// SPDX-License-Identifier: GPL-2.0
/*
 * Signal delivery: siginfo contents, ucontext registers (read and
 * modified by handlers), rt_sigreturn, sigaltstack (nesting, SS_ONSTACK,
 * SS_AUTODISARM, stack overflow), syscall restart (SA_RESTART, EINTR,
 * restart_syscall after SIGSTOP/SIGCONT), masks (sigsuspend, pselect,
 * ppoll, sigpending, uc_sigmask), SA_RESETHAND/SA_NODEFER, SIGCHLD,
 * synchronous fault signals and CPU-time interval timers.
 *
 * A watchdog (SIGALRM from ITIMER_REAL) turns a hang into "not ok".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include "tap.h"

#define ALTSZ (128 * 1024)
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31) /* linux/signal.h */
#endif
#define AUTODISARM ((int)SS_AUTODISARM)

/* ------------------------------------------------------------------ */
/* watchdog */

static struct timespec wd_deadline;

static void wd_handler(int sig)
{
	char buf[96];
	const char *msg = " - watchdog: test hung, aborting\n";
	int n = tap_n + 1, len = 0, i;
	char num[16];
	int nl = 0;

	(void)sig;
	memcpy(buf, "not ok ", 7);
	len = 7;
	do {
		num[nl++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	while (nl)
		buf[len++] = num[--nl];
	for (i = 0; msg[i]; i++)
		buf[len++] = msg[i];
	if (write(1, buf, len) < 0)
		_exit(1);
	_exit(1);
}

static long ts_diff_us(const struct timespec *a, const struct timespec *b)
{
	return (a->tv_sec - b->tv_sec) * 1000000L + (a->tv_nsec - b->tv_nsec) / 1000;
}

/* (re)arm the watchdog for whatever is left until the deadline */
static void wd_arm(void)
{
	struct sigaction sa;
	struct itimerval it;
	struct timespec now;
	long left;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = wd_handler;
	sigaction(SIGALRM, &sa, NULL);
	clock_gettime(CLOCK_MONOTONIC, &now);
	left = ts_diff_us(&wd_deadline, &now);
	if (left < 1000)
		left = 1000;
	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = left / 1000000;
	it.it_value.tv_usec = left % 1000000;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* ------------------------------------------------------------------ */
/* helpers */

static void set_action(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = flags | SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void block_sig(int sig, int how)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(how, &s, NULL);
}

static int is_blocked(int sig)
{
	sigset_t s;

	sigprocmask(SIG_BLOCK, NULL, &s);
	return sigismember(&s, sig);
}

static int is_pending(int sig)
{
	sigset_t s;

	sigpending(&s);
	return sigismember(&s, sig);
}

static long self_tgkill(int sig)
{
	return syscall(SYS_tgkill, getpid(), gettid(), sig);
}

static inline uintptr_t cur_sp(void)
{
	uintptr_t sp;

	__asm__ volatile("mov %%rsp, %0" : "=r"(sp));
	return sp;
}

/* one POSIX timer (CLOCK_MONOTONIC) sending `sig' */
static timer_t g_timer;
static int g_timer_sig;

static void timer_start(int sig, long first_us, long interval_us)
{
	struct sigevent sev;
	struct itimerspec its;

	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = sig;
	g_timer_sig = sig;
	if (timer_create(CLOCK_MONOTONIC, &sev, &g_timer) != 0) {
		printf("# timer_create failed: %s\n", strerror(errno));
		return;
	}
	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = first_us / 1000000;
	its.it_value.tv_nsec = (first_us % 1000000) * 1000;
	its.it_interval.tv_sec = interval_us / 1000000;
	its.it_interval.tv_nsec = (interval_us % 1000000) * 1000;
	timer_settime(g_timer, 0, &its, NULL);
}

/* stop the timer and throw away a signal it may still have queued */
static void timer_stop(void)
{
	timer_delete(g_timer);
	set_handler(g_timer_sig, SIG_IGN, 0);
}

static void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* ------------------------------------------------------------------ */
/* 1. siginfo for kill / tgkill / sigqueue */

static volatile struct {
	int count, signo, code, errno_v;
	pid_t pid;
	uid_t uid;
	int value;
	void *ptr;
} I;

static void info_h(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	I.count++;
	I.signo = sig;
	I.code = si->si_code;
	I.pid = si->si_pid;
	I.uid = si->si_uid;
	I.value = si->si_value.sival_int;
	I.ptr = si->si_value.sival_ptr;
}

static void test_siginfo(void)
{
	union sigval v;
	static int marker;

	set_action(SIGUSR1, info_h, 0);

	memset((void *)&I, 0, sizeof(I));
	kill(getpid(), SIGUSR1);
	CHECK(I.count == 1 && I.signo == SIGUSR1, "kill: SA_SIGINFO handler ran with signo SIGUSR1 (count %d signo %d)",
	      I.count, I.signo);
	CHECK(I.code == SI_USER, "kill: si_code is SI_USER (got %d)", I.code);
	CHECK(I.pid == getpid() && I.uid == getuid(), "kill: si_pid/si_uid are the sender's (pid %d uid %d)",
	      (int)I.pid, (int)I.uid);

	memset((void *)&I, 0, sizeof(I));
	self_tgkill(SIGUSR1);
	CHECK(I.count == 1 && I.code == SI_TKILL, "tgkill: si_code is SI_TKILL (count %d code %d)", I.count, I.code);
	CHECK(I.pid == getpid(), "tgkill: si_pid is the sender's (got %d)", (int)I.pid);

	memset((void *)&I, 0, sizeof(I));
	v.sival_int = 0x1234abcd;
	sigqueue(getpid(), SIGUSR1, v);
	CHECK(I.count == 1 && I.code == SI_QUEUE && I.value == 0x1234abcd,
	      "sigqueue: si_code SI_QUEUE and si_value 0x1234abcd (count %d code %d value %#x)",
	      I.count, I.code, I.value);
	CHECK(I.pid == getpid(), "sigqueue: si_pid is the sender's (got %d)", (int)I.pid);

	memset((void *)&I, 0, sizeof(I));
	set_action(SIGRTMIN + 2, info_h, 0);
	v.sival_ptr = &marker;
	sigqueue(getpid(), SIGRTMIN + 2, v);
	CHECK(I.count == 1 && I.signo == SIGRTMIN + 2 && I.code == SI_QUEUE && I.ptr == &marker,
	      "sigqueue of an RT signal carries a pointer value (count %d signo %d ptr ok %d)",
	      I.count, I.signo, I.ptr == &marker);
	set_handler(SIGUSR1, SIG_DFL, 0);
	set_handler(SIGRTMIN + 2, SIG_DFL, 0);
}

/* ------------------------------------------------------------------ */
/* 2. RT signal queueing, pending/unblock, sigtimedwait */

static volatile int rt_order[8], rt_n;
static volatile int rt_vals[8];

static void rt_h(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (rt_n < 8) {
		rt_order[rt_n] = sig;
		rt_vals[rt_n] = si->si_value.sival_int;
	}
	rt_n++;
}

static volatile int plain_count;

static void count_h(int sig)
{
	(void)sig;
	plain_count++;
}

static void test_pending(void)
{
	union sigval v;
	int a = SIGRTMIN + 3, b = SIGRTMIN + 4, i, ok;
	sigset_t s;
	siginfo_t si;
	struct timespec ts;
	struct sigaction sa;

	/* classic signal: pending while blocked, coalesced, delivered on unblock */
	set_handler(SIGUSR1, count_h, 0);
	plain_count = 0;
	block_sig(SIGUSR1, SIG_BLOCK);
	raise(SIGUSR1);
	raise(SIGUSR1);
	CHECK(plain_count == 0 && is_pending(SIGUSR1),
	      "blocked SIGUSR1 is not delivered and shows in sigpending (count %d)", plain_count);
	block_sig(SIGUSR1, SIG_UNBLOCK);
	CHECK(plain_count == 1, "unblocking delivers the pending signal once (standard signals coalesce; count %d)",
	      plain_count);
	CHECK(!is_pending(SIGUSR1), "nothing pending after delivery");

	/* RT signals: queued, delivered in order, lowest number first */
	/* each handler blocks both signals, so deliveries do not stack up */
	sigemptyset(&s);
	sigaddset(&s, a);
	sigaddset(&s, b);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = rt_h;
	sa.sa_flags = SA_SIGINFO;
	sa.sa_mask = s;
	sigaction(a, &sa, NULL);
	sigaction(b, &sa, NULL);
	rt_n = 0;
	sigprocmask(SIG_BLOCK, &s, NULL);
	for (i = 1; i <= 3; i++) {
		v.sival_int = 100 + i;
		sigqueue(getpid(), b, v);
	}
	for (i = 1; i <= 2; i++) {
		v.sival_int = i;
		sigqueue(getpid(), a, v);
	}
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	ok = rt_n == 5 && rt_order[0] == a && rt_order[1] == a && rt_vals[0] == 1 && rt_vals[1] == 2 &&
	     rt_order[2] == b && rt_vals[2] == 101 && rt_vals[3] == 102 && rt_vals[4] == 103;
	CHECK(ok, "queued RT signals: all 5 delivered, lower signal number first, FIFO per signal (n %d, vals %d %d %d %d %d)",
	      rt_n, rt_vals[0], rt_vals[1], rt_vals[2], rt_vals[3], rt_vals[4]);
	set_handler(a, SIG_DFL, 0);
	set_handler(b, SIG_DFL, 0);

	/* sigtimedwait picks up a blocked queued signal with its info */
	block_sig(SIGUSR2, SIG_BLOCK);
	v.sival_int = 77;
	sigqueue(getpid(), SIGUSR2, v);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	ts.tv_sec = 1;
	ts.tv_nsec = 0;
	memset(&si, 0, sizeof(si));
	i = sigtimedwait(&s, &si, &ts);
	CHECK(i == SIGUSR2 && si.si_code == SI_QUEUE && si.si_value.sival_int == 77 && si.si_pid == getpid(),
	      "sigtimedwait returns the queued SIGUSR2 with its siginfo (ret %d code %d value %d)", i, si.si_code,
	      si.si_value.sival_int);
	ts.tv_sec = 0;
	ts.tv_nsec = 10 * 1000 * 1000;
	errno = 0;
	i = sigtimedwait(&s, &si, &ts);
	CHECK(i == -1 && errno == EAGAIN, "sigtimedwait with nothing pending times out with EAGAIN (ret %d errno %d)", i,
	      errno);
	block_sig(SIGUSR2, SIG_UNBLOCK);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* ------------------------------------------------------------------ */
/* 3. synchronous faults */

static volatile struct {
	int count, sig, code;
	void *addr;
	unsigned long rip, err, trapno, r12;
	unsigned long resume; /* where to continue */
	unsigned long skip;   /* if non-zero: first time, advance RIP by this */
	int have_fp;
	unsigned int fp_mxcsr, cur_mxcsr, magic1, magic2;
	unsigned int xmm2[4];
} F;

static void fault_h(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	greg_t *g = uc->uc_mcontext.gregs;
	unsigned int mx;

	__asm__ volatile("stmxcsr %0" : "=m"(mx));
	F.cur_mxcsr = mx;
	F.count++;
	F.sig = sig;
	F.code = si->si_code;
	F.addr = si->si_addr;
	F.rip = g[REG_RIP];
	F.err = g[REG_ERR];
	F.trapno = g[REG_TRAPNO];
	F.r12 = g[REG_R12];
	F.have_fp = uc->uc_mcontext.fpregs != NULL;
	if (uc->uc_mcontext.fpregs) {
		const unsigned char *fx = (const unsigned char *)uc->uc_mcontext.fpregs;
		unsigned int xsz;

		F.fp_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
		memcpy((void *)F.xmm2, uc->uc_mcontext.fpregs->_xmm[2].element, 16);
		/* struct _fpx_sw_bytes lives at offset 464 of the fxsave area */
		memcpy((void *)&F.magic1, fx + 464, 4);
		memcpy(&xsz, fx + 464 + 16, 4);
		if (F.magic1 == 0x46505853U && xsz >= 576 && xsz < 65536)
			memcpy((void *)&F.magic2, fx + xsz, 4);
	}
	if (F.skip && F.count == 1)
		g[REG_RIP] += F.skip;
	else
		g[REG_RIP] = F.resume;
	g[REG_RAX] = 0x5a5a5a5a5a5a5a5aUL;
	g[REG_R13] = 0x1357913579UL;
}

static void fault_reset(void)
{
	memset((void *)&F, 0, sizeof(F));
}

static void test_faults(void)
{
	unsigned long insn, rax_after, r13_after, path;
	int fd;
	char *p;
	long pg = sysconf(_SC_PAGESIZE);
	int flags = SA_NODEFER; /* a broken RIP update must not deadlock */

	set_action(SIGILL, fault_h, flags);
	set_action(SIGSEGV, fault_h, flags);
	set_action(SIGBUS, fault_h, flags);
	set_action(SIGFPE, fault_h, flags);
	set_action(SIGTRAP, fault_h, flags);

	/* SIGILL from ud2; registers in the ucontext; modified RIP/RAX/R13 */
	fault_reset();
	F.skip = 2;
	__asm__ volatile("lea 1f(%%rip), %%rax\n\t"
			 "mov %%rax, %[insn]\n\t"
			 "lea 2f(%%rip), %%rax\n\t"
			 "mov %%rax, %[resume]\n\t"
			 "movabs $0x1122334455667788, %%r12\n\t"
			 "xor %%r13d, %%r13d\n\t"
			 "xor %%eax, %%eax\n\t"
			 "1: ud2\n\t"
			 "mov $1, %%r14d\n\t" /* reached by RIP += 2 */
			 "jmp 3f\n\t"
			 "2: mov $2, %%r14d\n\t" /* fallback path */
			 "3: mov %%rax, %[rax]\n\t"
			 "mov %%r13, %[r13]\n\t"
			 "mov %%r14, %[path]\n\t"
			 : [insn] "=m"(insn), [resume] "=m"(F.resume), [rax] "=m"(rax_after), [r13] "=m"(r13_after),
			   [path] "=m"(path)
			 :
			 : "rax", "r12", "r13", "r14", "memory", "cc");
	CHECK(F.count == 1 && F.sig == SIGILL && F.code == ILL_ILLOPN,
	      "ud2 raises SIGILL with si_code ILL_ILLOPN (count %d sig %d code %d)", F.count, F.sig, F.code);
	CHECK(F.addr == (void *)insn && F.rip == insn,
	      "SIGILL: si_addr and gregs[REG_RIP] are the ud2 address (addr %p rip %#lx insn %#lx)", F.addr, F.rip,
	      insn);
	CHECK(F.r12 == 0x1122334455667788UL, "ucontext gregs[REG_R12] holds the interrupted value (%#lx)", F.r12);
	CHECK(F.trapno == 6, "SIGILL: gregs[REG_TRAPNO] is 6 (#UD) (got %lu)", F.trapno);
	CHECK(path == 1, "handler advancing REG_RIP by 2 skips the ud2 (path %lu, 1 = skipped, 2 = fallback)", path);
	CHECK(rax_after == 0x5a5a5a5a5a5a5a5aUL && r13_after == 0x1357913579UL,
	      "registers changed in uc_mcontext.gregs take effect on return (rax %#lx r13 %#lx)", rax_after,
	      r13_after);

	/* SIGSEGV: NULL write */
	fault_reset();
	__asm__ volatile("lea 1f(%%rip), %%rax\n\t"
			 "mov %%rax, %[insn]\n\t"
			 "lea 2f(%%rip), %%rax\n\t"
			 "mov %%rax, %[resume]\n\t"
			 "xor %%ecx, %%ecx\n\t"
			 "1: movl $1, (%%rcx)\n\t"
			 "2:\n\t"
			 : [insn] "=m"(insn), [resume] "=m"(F.resume)
			 :
			 : "rax", "rcx", "r13", "memory", "cc");
	CHECK(F.count == 1 && F.sig == SIGSEGV && F.code == SEGV_MAPERR,
	      "NULL write raises SIGSEGV with SEGV_MAPERR (count %d sig %d code %d)", F.count, F.sig, F.code);
	CHECK(F.addr == NULL && F.rip == insn, "NULL write: si_addr is 0, REG_RIP the faulting store (addr %p)",
	      F.addr);
	CHECK(F.trapno == 14 && (F.err & 2) && (F.err & 4),
	      "NULL write: REG_TRAPNO 14, REG_ERR has the write and user bits (trapno %lu err %#lx)", F.trapno,
	      F.err);

	/* SIGSEGV: write to a read-only page */
	p = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	(void)*(volatile char *)p; /* map it: the write below is a protection fault */
	fault_reset();
	__asm__ volatile("lea 1f(%%rip), %%rax\n\t"
			 "mov %%rax, %[insn]\n\t"
			 "lea 2f(%%rip), %%rax\n\t"
			 "mov %%rax, %[resume]\n\t"
			 "1: movl $1, (%[p])\n\t"
			 "2:\n\t"
			 : [insn] "=m"(insn), [resume] "=m"(F.resume)
			 : [p] "r"(p + 0x123)
			 : "rax", "r13", "memory", "cc");
	CHECK(F.count == 1 && F.sig == SIGSEGV && F.code == SEGV_ACCERR,
	      "write to a PROT_READ page raises SIGSEGV with SEGV_ACCERR (count %d sig %d code %d)", F.count, F.sig,
	      F.code);
	CHECK(F.addr == p + 0x123 && F.rip == insn, "read-only write: si_addr is the exact address (%p vs %p)", F.addr,
	      (void *)(p + 0x123));
	CHECK(F.err & 2, "read-only write: REG_ERR has the write bit (err %#lx)", F.err);

	/* SIGSEGV: read from a PROT_NONE page */
	mprotect(p, pg, PROT_NONE);
	fault_reset();
	__asm__ volatile("lea 2f(%%rip), %%rax\n\t"
			 "mov %%rax, %[resume]\n\t"
			 "1: movl 8(%[p]), %%eax\n\t"
			 "2:\n\t"
			 : [resume] "=m"(F.resume)
			 : [p] "r"(p)
			 : "rax", "r13", "memory", "cc");
	CHECK(F.count == 1 && F.sig == SIGSEGV && F.code == SEGV_ACCERR && F.addr == p + 8 && !(F.err & 2),
	      "read of a PROT_NONE page: SIGSEGV SEGV_ACCERR, exact si_addr, REG_ERR without write bit (code %d err %#lx)",
	      F.code, F.err);
	munmap(p, pg);

	/* SIGBUS: mapped file page past EOF */
	fd = memfd_create("t_signal", 0);
	if (fd < 0) {
		char name[] = "/tmp/t_signal.XXXXXX";

		fd = mkstemp(name);
		if (fd < 0) {
			strcpy(name, "t_signal.XXXXXX");
			fd = mkstemp(name);
		}
		if (fd >= 0)
			unlink(name);
	}
	if (fd >= 0 && ftruncate(fd, 100) == 0) {
		p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		CHECK(p != MAP_FAILED && p[200] == 0, "mmap of a 100-byte file: bytes past EOF in the last page read 0");
		fault_reset();
		__asm__ volatile("lea 1f(%%rip), %%rax\n\t"
				 "mov %%rax, %[insn]\n\t"
				 "lea 2f(%%rip), %%rax\n\t"
				 "mov %%rax, %[resume]\n\t"
				 "1: movl (%[p]), %%eax\n\t"
				 "2:\n\t"
				 : [insn] "=m"(insn), [resume] "=m"(F.resume)
				 : [p] "r"(p + pg + 0x10)
				 : "rax", "r13", "memory", "cc");
		CHECK(F.count == 1 && F.sig == SIGBUS && F.code == BUS_ADRERR,
		      "touching a mapped page wholly past EOF raises SIGBUS BUS_ADRERR (count %d sig %d code %d)",
		      F.count, F.sig, F.code);
		CHECK(F.addr == p + pg + 0x10 && F.rip == insn, "SIGBUS: si_addr is the exact address (%p vs %p)",
		      F.addr, (void *)(p + pg + 0x10));
		munmap(p, 2 * pg);
	} else {
		CHECK(0, "could not create a file for the SIGBUS test (%s)", strerror(errno));
	}
	if (fd >= 0)
		close(fd);

	/* SIGFPE: integer divide by zero */
	fault_reset();
	__asm__ volatile("lea 1f(%%rip), %%rax\n\t"
			 "mov %%rax, %[insn]\n\t"
			 "lea 2f(%%rip), %%rax\n\t"
			 "mov %%rax, %[resume]\n\t"
			 "mov $1, %%eax\n\t"
			 "xor %%edx, %%edx\n\t"
			 "xor %%ecx, %%ecx\n\t"
			 "1: divl %%ecx\n\t"
			 "2:\n\t"
			 : [insn] "=m"(insn), [resume] "=m"(F.resume)
			 :
			 : "rax", "rcx", "rdx", "r13", "memory", "cc");
	CHECK(F.count == 1 && F.sig == SIGFPE && F.code == FPE_INTDIV,
	      "divide by zero raises SIGFPE with FPE_INTDIV (count %d sig %d code %d)", F.count, F.sig, F.code);
	CHECK(F.addr == (void *)insn && F.rip == insn && F.trapno == 0,
	      "SIGFPE: si_addr and REG_RIP are the div instruction, REG_TRAPNO 0 (addr %p rip %#lx trapno %lu)",
	      F.addr, F.rip, F.trapno);

	/* SIGTRAP: int3 */
	fault_reset();
	__asm__ volatile("lea 1f(%%rip), %%rax\n\t"
			 "mov %%rax, %[insn]\n\t"
			 "lea 2f(%%rip), %%rax\n\t"
			 "mov %%rax, %[resume]\n\t"
			 "1: int3\n\t"
			 "2:\n\t"
			 : [insn] "=m"(insn), [resume] "=m"(F.resume)
			 :
			 : "rax", "r13", "memory", "cc");
	CHECK(F.count == 1 && F.sig == SIGTRAP && F.code == SI_KERNEL,
	      "int3 raises SIGTRAP with si_code SI_KERNEL (count %d sig %d code %d)", F.count, F.sig, F.code);
	CHECK(F.rip == insn + 1 && F.trapno == 3, "SIGTRAP: REG_RIP is just after the int3, REG_TRAPNO 3 (rip %#lx insn %#lx trapno %lu)",
	      F.rip, insn, F.trapno);

	/* uc_mcontext.fpregs: an XSAVE frame with the interrupted MXCSR/XMM */
	{
		static const unsigned int xin[4] = { 0xdeadbeef, 0x01234567, 0x89abcdef, 0xfeedface };
		unsigned int mx = 0x7f80, mxdef = 0x1f80, mx_after = 0;

		fault_reset();
		__asm__ volatile("lea 2f(%%rip), %%rax\n\t"
				 "mov %%rax, %[resume]\n\t"
				 "movdqu %[x], %%xmm2\n\t"
				 "ldmxcsr %[mx]\n\t"
				 "1: ud2\n\t"
				 "2: stmxcsr %[mxa]\n\t"
				 "ldmxcsr %[mxdef]\n\t"
				 : [resume] "=m"(F.resume), [mxa] "=m"(mx_after)
				 : [x] "m"(xin), [mx] "m"(mx), [mxdef] "m"(mxdef)
				 : "rax", "r13", "xmm2", "memory", "cc");
		CHECK(F.count == 1 && F.have_fp, "uc_mcontext.fpregs is not NULL");
		CHECK(F.fp_mxcsr == 0x7f80, "fpregs->mxcsr is the value set with ldmxcsr before the fault (%#x)",
		      F.fp_mxcsr);
		CHECK(!memcmp((void *)F.xmm2, xin, 16), "fpregs->_xmm[2] holds the interrupted xmm2");
		CHECK(F.magic1 == 0x46505853U && F.magic2 == 0x46505845U,
		      "fpregs frame carries the XSAVE FP_XSTATE_MAGIC1/MAGIC2 markers (%#x %#x)", F.magic1, F.magic2);
		CHECK(F.cur_mxcsr == 0x1f80, "handler runs with the default MXCSR 0x1f80 (got %#x)", F.cur_mxcsr);
		CHECK(mx_after == 0x7f80, "interrupted MXCSR 0x7f80 is back after the handler (got %#x)", mx_after);
	}

	set_handler(SIGILL, SIG_DFL, 0);
	set_handler(SIGSEGV, SIG_DFL, 0);
	set_handler(SIGBUS, SIG_DFL, 0);
	set_handler(SIGFPE, SIG_DFL, 0);
	set_handler(SIGTRAP, SIG_DFL, 0);
}

/* ------------------------------------------------------------------ */
/* 4. rt_sigreturn restores all general registers (async timer signal) */

static volatile unsigned int g_tick;
static volatile int g_df_seen;
unsigned long g_regs_out[16];

static void tick_h(int sig)
{
	unsigned long fl;

	(void)sig;
	__asm__ volatile("pushf\n\tpop %0" : "=r"(fl));
	if (fl & 0x400)
		g_df_seen = 1;
	/* clobber everything we may */
	__asm__ volatile("mov $-1, %%rax\n\t"
			 "mov %%rax, %%rbx\n\t"
			 "mov %%rax, %%rcx\n\t"
			 "mov %%rax, %%rdx\n\t"
			 "mov %%rax, %%rsi\n\t"
			 "mov %%rax, %%rdi\n\t"
			 "mov %%rax, %%r8\n\t"
			 "mov %%rax, %%r9\n\t"
			 "mov %%rax, %%r10\n\t"
			 "mov %%rax, %%r11\n\t"
			 "mov %%rax, %%r12\n\t"
			 "mov %%rax, %%r13\n\t"
			 "mov %%rax, %%r14\n\t"
			 "mov %%rax, %%r15\n\t"
			 "add $1, %%rax\n\t" /* flags change too */
			 :
			 :
			 : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
			   "cc");
	g_tick++;
}

#define NTICK 30

static void test_sigreturn_regs(void)
{
	static const char *names[15] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8",
					 "r9",  "r10", "r11", "r12", "r13", "r14", "r15" };
	int i, bad = -1;

	g_tick = 0;
	g_df_seen = 0;
	set_handler(SIGUSR2, tick_h, 0);
	timer_start(SIGUSR2, 1000, 1000);
	__asm__ volatile("sub $128, %%rsp\n\t"
			 "push %%rbp\n\t"
			 "movabs $0x0101010101010101, %%rax\n\t"
			 "movabs $0x0202020202020202, %%rbx\n\t"
			 "movabs $0x0303030303030303, %%rcx\n\t"
			 "movabs $0x0404040404040404, %%rdx\n\t"
			 "movabs $0x0505050505050505, %%rsi\n\t"
			 "movabs $0x0606060606060606, %%rdi\n\t"
			 "movabs $0x0707070707070707, %%rbp\n\t"
			 "movabs $0x0808080808080808, %%r8\n\t"
			 "movabs $0x0909090909090909, %%r9\n\t"
			 "movabs $0x0a0a0a0a0a0a0a0a, %%r10\n\t"
			 "movabs $0x0b0b0b0b0b0b0b0b, %%r11\n\t"
			 "movabs $0x0c0c0c0c0c0c0c0c, %%r12\n\t"
			 "movabs $0x0d0d0d0d0d0d0d0d, %%r13\n\t"
			 "movabs $0x0e0e0e0e0e0e0e0e, %%r14\n\t"
			 "movabs $0x0f0f0f0f0f0f0f0f, %%r15\n\t"
			 "std\n\t"
			 "1: cmpl %[n], %[cnt]\n\t"
			 "jb 1b\n\t"
			 "pushf\n\t"
			 "cld\n\t"
			 "mov %%rax, %[o0]\n\t"
			 "mov %%rbx, %[o1]\n\t"
			 "mov %%rcx, %[o2]\n\t"
			 "mov %%rdx, %[o3]\n\t"
			 "mov %%rsi, %[o4]\n\t"
			 "mov %%rdi, %[o5]\n\t"
			 "mov %%rbp, %[o6]\n\t"
			 "mov %%r8, %[o7]\n\t"
			 "mov %%r9, %[o8]\n\t"
			 "mov %%r10, %[o9]\n\t"
			 "mov %%r11, %[o10]\n\t"
			 "mov %%r12, %[o11]\n\t"
			 "mov %%r13, %[o12]\n\t"
			 "mov %%r14, %[o13]\n\t"
			 "mov %%r15, %[o14]\n\t"
			 "pop %%rax\n\t"
			 "mov %%rax, %[o15]\n\t"
			 "pop %%rbp\n\t"
			 "add $128, %%rsp\n\t"
			 : [o0] "=m"(g_regs_out[0]), [o1] "=m"(g_regs_out[1]), [o2] "=m"(g_regs_out[2]),
			   [o3] "=m"(g_regs_out[3]), [o4] "=m"(g_regs_out[4]), [o5] "=m"(g_regs_out[5]),
			   [o6] "=m"(g_regs_out[6]), [o7] "=m"(g_regs_out[7]), [o8] "=m"(g_regs_out[8]),
			   [o9] "=m"(g_regs_out[9]), [o10] "=m"(g_regs_out[10]), [o11] "=m"(g_regs_out[11]),
			   [o12] "=m"(g_regs_out[12]), [o13] "=m"(g_regs_out[13]), [o14] "=m"(g_regs_out[14]),
			   [o15] "=m"(g_regs_out[15])
			 : [n] "i"(NTICK), [cnt] "m"(g_tick)
			 : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
			   "memory", "cc");
	timer_stop();
	for (i = 0; i < 15; i++)
		if (g_regs_out[i] != 0x0101010101010101UL * (i + 1))
			bad = i;
	CHECK(g_tick >= NTICK, "timer signal interrupted a user-mode loop %u times", g_tick);
	CHECK(bad < 0, "rt_sigreturn restored all 15 general registers after %d handler runs (first bad: %s = %#lx)",
	      NTICK, bad < 0 ? "none" : names[bad], bad < 0 ? 0UL : g_regs_out[bad]);
	CHECK(!g_df_seen, "handlers are entered with EFLAGS.DF clear even when the interrupted code set it");
	CHECK(g_regs_out[15] & 0x400, "EFLAGS.DF of the interrupted code is restored by rt_sigreturn (flags %#lx)",
	      g_regs_out[15]);
}

/* ------------------------------------------------------------------ */
/* 5. sigaltstack */

static char altstk[ALTSZ] __attribute__((aligned(64)));
static char altstk2[ALTSZ] __attribute__((aligned(64)));

static int on_alt(uintptr_t sp, const char *base)
{
	return sp >= (uintptr_t)base && sp < (uintptr_t)base + ALTSZ;
}

static volatile struct {
	uintptr_t sp1, sp2;
	int flags1, flags2, eperm, n1, n2;
	void *ucss_sp;
	int ucss_flags1;
} A;

static void alt_h2(int sig, siginfo_t *si, void *ucv)
{
	stack_t cur;

	(void)sig;
	(void)si;
	(void)ucv;
	A.sp2 = cur_sp();
	A.n2++;
	sigaltstack(NULL, &cur);
	A.flags2 = cur.ss_flags;
}

static void alt_h1(int sig, siginfo_t *si, void *ucv)
{
	stack_t cur, ns;
	ucontext_t *uc = ucv;
	int e = errno;

	(void)sig;
	(void)si;
	A.sp1 = cur_sp();
	A.n1++;
	sigaltstack(NULL, &cur);
	A.flags1 = cur.ss_flags;
	A.ucss_sp = uc->uc_stack.ss_sp;
	A.ucss_flags1 = uc->uc_stack.ss_flags;
	ns.ss_sp = altstk2;
	ns.ss_size = ALTSZ;
	ns.ss_flags = 0;
	A.eperm = sigaltstack(&ns, NULL) == -1 && errno == EPERM;
	errno = e;
	self_tgkill(SIGUSR2); /* nested, SA_ONSTACK too */
}

static volatile struct {
	uintptr_t sp;
	int n, flags;
	void *ucss_sp;
	int ucss_flags;
} D;

static void ad_h(int sig, siginfo_t *si, void *ucv)
{
	stack_t cur;
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	D.sp = cur_sp();
	D.n++;
	sigaltstack(NULL, &cur);
	D.flags = cur.ss_flags;
	D.ucss_sp = uc->uc_stack.ss_sp;
	D.ucss_flags = uc->uc_stack.ss_flags;
}

static volatile int g_never;

static int __attribute__((noinline)) recurse(volatile char *prev, int depth)
{
	volatile char buf[512];

	buf[0] = (char)depth;
	buf[511] = prev ? prev[0] : 0;
	if (g_never)
		return buf[3];
	return recurse(buf, depth + 1) + buf[7];
}

static void ovf_h(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	_exit(on_alt(cur_sp(), altstk) ? 42 : 43);
}

static int overflow_child(int use_alt)
{
	pid_t pid;
	int st = 0;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct rlimit rl;
		stack_t ss;

		alarm(3);
		getrlimit(RLIMIT_STACK, &rl);
		rl.rlim_cur = 1 << 20;
		setrlimit(RLIMIT_STACK, &rl);
		if (use_alt) {
			ss.ss_sp = altstk;
			ss.ss_size = ALTSZ;
			ss.ss_flags = 0;
			sigaltstack(&ss, NULL);
		}
		set_action(SIGSEGV, ovf_h, SA_ONSTACK);
		recurse(NULL, 0);
		_exit(1);
	}
	if (pid < 0)
		return -1;
	waitpid(pid, &st, 0);
	return st;
}

static void test_altstack(void)
{
	stack_t ss, cur;
	int st, i, ok;

	ss.ss_sp = altstk;
	ss.ss_size = ALTSZ;
	ss.ss_flags = 0;
	CHECK(sigaltstack(&ss, NULL) == 0, "sigaltstack installs an alternate stack");
	sigaltstack(NULL, &cur);
	CHECK(cur.ss_sp == altstk && cur.ss_size == ALTSZ && cur.ss_flags == 0,
	      "sigaltstack reports it back, not SS_ONSTACK outside a handler (flags %d)", cur.ss_flags);

	memset((void *)&A, 0, sizeof(A));
	set_action(SIGUSR1, alt_h1, SA_ONSTACK);
	set_action(SIGUSR2, alt_h2, SA_ONSTACK);
	self_tgkill(SIGUSR1);
	CHECK(A.n1 == 1 && on_alt(A.sp1, altstk), "SA_ONSTACK handler runs on the alternate stack (sp %#lx, stack %p)",
	      (unsigned long)A.sp1, (void *)altstk);
	CHECK(A.flags1 == SS_ONSTACK, "sigaltstack() inside the handler reports SS_ONSTACK (flags %d)", A.flags1);
	CHECK(A.ucss_sp == altstk && A.ucss_flags1 == 0,
	      "uc_stack in the handler describes the alternate stack (sp %p flags %d)", A.ucss_sp, A.ucss_flags1);
	CHECK(A.eperm, "changing the alternate stack while running on it fails with EPERM");
	CHECK(A.n2 == 1 && on_alt(A.sp2, altstk) && A.sp2 < A.sp1,
	      "nested signal runs on the same alternate stack below the outer frame (sp2 %#lx sp1 %#lx)",
	      (unsigned long)A.sp2, (unsigned long)A.sp1);
	CHECK(A.flags2 == SS_ONSTACK, "nested handler: sigaltstack reports SS_ONSTACK (%d)", A.flags2);
	sigaltstack(NULL, &cur);
	CHECK(cur.ss_flags == 0 && cur.ss_sp == altstk, "after the handlers return we are off the alternate stack");

	/* handler without SA_ONSTACK stays on the normal stack */
	memset((void *)&D, 0, sizeof(D));
	set_action(SIGUSR1, ad_h, 0);
	self_tgkill(SIGUSR1);
	CHECK(D.n == 1 && !on_alt(D.sp, altstk), "handler without SA_ONSTACK runs on the normal stack");

	/* SS_AUTODISARM */
	ss.ss_flags = SS_AUTODISARM;
	CHECK(sigaltstack(&ss, NULL) == 0, "sigaltstack accepts SS_AUTODISARM");
	sigaltstack(NULL, &cur);
	CHECK(cur.ss_flags == AUTODISARM, "SS_AUTODISARM is reported back outside a handler (flags %#x)",
	      cur.ss_flags);
	set_action(SIGUSR1, ad_h, SA_ONSTACK);
	ok = 1;
	for (i = 0; i < 3; i++) {
		memset((void *)&D, 0, sizeof(D));
		self_tgkill(SIGUSR1);
		if (i == 0) {
			CHECK(D.n == 1 && on_alt(D.sp, altstk), "SS_AUTODISARM: handler runs on the alternate stack");
			CHECK(D.flags & SS_DISABLE, "SS_AUTODISARM: inside the handler sigaltstack reports SS_DISABLE (flags %#x)",
			      D.flags);
			CHECK(D.ucss_sp == altstk && D.ucss_flags == AUTODISARM,
			      "SS_AUTODISARM: uc_stack holds the saved alternate stack (sp %p flags %#x)", D.ucss_sp,
			      D.ucss_flags);
			sigaltstack(NULL, &cur);
			CHECK(cur.ss_sp == altstk && cur.ss_size == ALTSZ && cur.ss_flags == AUTODISARM,
			      "SS_AUTODISARM: after the handler returns the alternate stack is enabled again (sp %p size %zu flags %#x)",
			      cur.ss_sp, cur.ss_size, cur.ss_flags);
		} else if (!(D.n == 1 && on_alt(D.sp, altstk) && (D.flags & SS_DISABLE))) {
			ok = 0;
		}
	}
	CHECK(ok, "SS_AUTODISARM: later deliveries use the alternate stack again");

	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	sigaltstack(NULL, &cur);
	CHECK(cur.ss_flags == SS_DISABLE, "SS_DISABLE removes the alternate stack (flags %#x)", cur.ss_flags);
	set_handler(SIGUSR1, SIG_DFL, 0);
	set_handler(SIGUSR2, SIG_DFL, 0);

	/* stack overflow */
	st = overflow_child(1);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42,
	      "infinite recursion: SIGSEGV handler runs on the alternate stack (status %#x)", st);
	st = overflow_child(0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	      "infinite recursion without an alternate stack kills the process with SIGSEGV (status %#x)", st);
}

/* ------------------------------------------------------------------ */
/* 6. restart / EINTR */

static int g_pipe[2];
static volatile int g_hits;

static void pipe_h(int sig)
{
	char c = 'x';

	(void)sig;
	g_hits++;
	if (write(g_pipe[1], &c, 1) != 1)
		g_hits += 100;
}

static void test_restart(void)
{
	char buf[4] = { 0 };
	ssize_t r;
	int e;
	struct timespec req, rem;
	pid_t pid;
	int st = 0;

	if (pipe(g_pipe) != 0) {
		CHECK(0, "pipe: %s", strerror(errno));
		return;
	}

	g_hits = 0;
	set_handler(SIGUSR1, pipe_h, SA_RESTART);
	timer_start(SIGUSR1, 50000, 0);
	r = read(g_pipe[0], buf, sizeof(buf));
	e = errno;
	timer_stop();
	CHECK(r == 1 && buf[0] == 'x' && g_hits == 1,
	      "SA_RESTART: read() on an empty pipe is restarted after the handler and gets its byte (r %zd errno %d hits %d)",
	      r, r < 0 ? e : 0, g_hits);

	g_hits = 0;
	buf[0] = 0;
	set_handler(SIGUSR1, pipe_h, 0);
	timer_start(SIGUSR1, 50000, 0);
	r = read(g_pipe[0], buf, sizeof(buf));
	e = errno;
	timer_stop();
	CHECK(r == -1 && e == EINTR && g_hits == 1, "without SA_RESTART the read() fails with EINTR (r %zd errno %d)", r,
	      e);
	r = read(g_pipe[0], buf, sizeof(buf));
	CHECK(r == 1 && buf[0] == 'x', "the byte written by the handler is still in the pipe");

	/* nanosleep is never restarted after a handler: EINTR + remaining time */
	g_hits = 0;
	set_handler(SIGUSR1, pipe_h, SA_RESTART);
	timer_start(SIGUSR1, 50000, 0);
	req.tv_sec = 1;
	req.tv_nsec = 0;
	memset(&rem, 0, sizeof(rem));
	r = nanosleep(&req, &rem);
	e = errno;
	timer_stop();
	CHECK(r == -1 && e == EINTR, "nanosleep interrupted by a handled signal returns EINTR (r %zd errno %d)", r, e);
	CHECK(rem.tv_sec == 0 && rem.tv_nsec > 500000000L && rem.tv_nsec < 990000000L,
	      "nanosleep reports the remaining time (%ld.%09ld s of 1 s)", (long)rem.tv_sec, rem.tv_nsec);
	if (read(g_pipe[0], buf, sizeof(buf)) < 0)
		buf[0] = 0;
	close(g_pipe[0]);
	close(g_pipe[1]);

	/* SIGSTOP/SIGCONT during nanosleep: restart_syscall resumes the sleep */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct timespec a, b, t = { 0, 250000000L };
		int rr;

		alarm(3);
		clock_gettime(CLOCK_MONOTONIC, &a);
		rr = nanosleep(&t, NULL);
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (rr != 0)
			_exit(2);
		if (ts_diff_us(&b, &a) < 249000)
			_exit(3);
		_exit(0);
	}
	sleep_us(60000);
	kill(pid, SIGSTOP);
	r = waitpid(pid, &st, WUNTRACED);
	CHECK(r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "SIGSTOP stops a sleeping child (status %#x)", st);
	sleep_us(30000);
	kill(pid, SIGCONT);
	st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "after SIGSTOP/SIGCONT the child's nanosleep resumes (restart_syscall) and sleeps the full time (status %#x)",
	      st);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* ------------------------------------------------------------------ */
/* 7. masks: sigsuspend, pselect, ppoll, uc_sigmask, sa_mask */

static volatile int m_count, m_usr2_blocked, m_usr1_blocked, m_uc_has_pipe, m_uc_has_usr1;

static void mask_h(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	m_count++;
	m_usr1_blocked = is_blocked(SIGUSR1);
	m_usr2_blocked = is_blocked(SIGUSR2);
	m_uc_has_pipe = sigismember(&uc->uc_sigmask, SIGPIPE);
	m_uc_has_usr1 = sigismember(&uc->uc_sigmask, SIGUSR1);
}

static void mask_modify_h(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	mask_h(sig, si, ucv);
	sigaddset(&uc->uc_sigmask, SIGUSR2);
}

static void test_masks(void)
{
	sigset_t orig, m;
	struct sigaction sa;
	struct timespec ts;
	struct pollfd pfd;
	int r, e, p[2];

	sigprocmask(SIG_BLOCK, NULL, &orig);

	/* sa_mask + the signal itself are blocked in the handler; uc_sigmask is the old mask */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = mask_h;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaction(SIGUSR1, &sa, NULL);
	block_sig(SIGPIPE, SIG_BLOCK);
	m_count = 0;
	raise(SIGUSR1);
	CHECK(m_count == 1 && m_usr1_blocked && m_usr2_blocked,
	      "inside the handler the signal itself and sa_mask (SIGUSR2) are blocked (usr1 %d usr2 %d)",
	      m_usr1_blocked, m_usr2_blocked);
	CHECK(m_uc_has_pipe && !m_uc_has_usr1, "uc_sigmask holds the interrupted mask (SIGPIPE in, SIGUSR1 out)");
	CHECK(!is_blocked(SIGUSR1) && !is_blocked(SIGUSR2) && is_blocked(SIGPIPE),
	      "the mask is restored after the handler returns");

	/* a handler changing uc_sigmask changes the mask after return */
	sa.sa_sigaction = mask_modify_h;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	CHECK(is_blocked(SIGUSR2) && !is_blocked(SIGUSR1), "adding SIGUSR2 to uc_sigmask in the handler blocks it after return");
	sigprocmask(SIG_SETMASK, &orig, NULL);

	/* sigsuspend */
	sa.sa_sigaction = mask_h;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	block_sig(SIGUSR1, SIG_BLOCK);
	m_count = 0;
	raise(SIGUSR1);
	CHECK(m_count == 0, "blocked SIGUSR1 stays pending");
	sigprocmask(SIG_BLOCK, NULL, &m);
	sigdelset(&m, SIGUSR1);
	sigaddset(&m, SIGUSR2);
	r = sigsuspend(&m);
	e = errno;
	CHECK(r == -1 && e == EINTR && m_count == 1, "sigsuspend with SIGUSR1 unblocked runs the handler, returns EINTR");
	CHECK(m_usr2_blocked, "the handler runs with sigsuspend's temporary mask (SIGUSR2 blocked)");
	CHECK(is_blocked(SIGUSR1) && !is_blocked(SIGUSR2), "sigsuspend restores the original mask on return");

	/* sigsuspend woken by a later signal (timer) */
	m_count = 0;
	timer_start(SIGUSR1, 20000, 0);
	r = sigsuspend(&m);
	e = errno;
	timer_stop();
	set_action(SIGUSR1, mask_h, 0);
	CHECK(r == -1 && e == EINTR && m_count == 1, "sigsuspend sleeps until a timer signal arrives");

	/* pselect */
	m_count = 0;
	raise(SIGUSR1);
	sigprocmask(SIG_BLOCK, NULL, &m);
	ts.tv_sec = 0;
	ts.tv_nsec = 10000000L;
	r = pselect(0, NULL, NULL, NULL, &ts, &m);
	CHECK(r == 0 && m_count == 0, "pselect with a mask keeping SIGUSR1 blocked times out (r %d count %d)", r,
	      m_count);
	sigdelset(&m, SIGUSR1);
	ts.tv_sec = 1;
	ts.tv_nsec = 0;
	r = pselect(0, NULL, NULL, NULL, &ts, &m);
	e = errno;
	CHECK(r == -1 && e == EINTR && m_count == 1, "pselect with a mask unblocking SIGUSR1 delivers it, EINTR (r %d count %d)",
	      r, m_count);
	CHECK(is_blocked(SIGUSR1) && !is_pending(SIGUSR1), "after pselect SIGUSR1 is blocked again");

	/* ppoll */
	if (pipe(p) == 0) {
		m_count = 0;
		raise(SIGUSR1);
		pfd.fd = p[0];
		pfd.events = POLLIN;
		sigprocmask(SIG_BLOCK, NULL, &m);
		ts.tv_sec = 0;
		ts.tv_nsec = 10000000L;
		r = ppoll(&pfd, 1, &ts, &m);
		CHECK(r == 0 && m_count == 0, "ppoll with SIGUSR1 kept blocked times out (r %d count %d)", r, m_count);
		sigdelset(&m, SIGUSR1);
		ts.tv_sec = 1;
		r = ppoll(&pfd, 1, &ts, &m);
		e = errno;
		CHECK(r == -1 && e == EINTR && m_count == 1, "ppoll with a mask unblocking SIGUSR1 delivers it, EINTR (r %d count %d)",
		      r, m_count);
		CHECK(is_blocked(SIGUSR1), "after ppoll SIGUSR1 is blocked again");
		close(p[0]);
		close(p[1]);
	}
	sigprocmask(SIG_SETMASK, &orig, NULL);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* ------------------------------------------------------------------ */
/* 8. SA_RESETHAND / SA_NODEFER */

static volatile int nd_depth, nd_max, nd_calls, rh_calls, rh_dfl_inside;

static void nodefer_h(int sig)
{
	nd_depth++;
	if (nd_depth > nd_max)
		nd_max = nd_depth;
	nd_calls++;
	if (nd_calls == 1)
		self_tgkill(sig);
	nd_depth--;
}

static void resethand_h(int sig)
{
	struct sigaction cur;

	rh_calls++;
	sigaction(sig, NULL, &cur);
	rh_dfl_inside = cur.sa_handler == SIG_DFL;
}

static void test_flags(void)
{
	struct sigaction cur;

	set_handler(SIGUSR1, nodefer_h, SA_NODEFER);
	nd_depth = nd_max = nd_calls = 0;
	raise(SIGUSR1);
	CHECK(nd_calls == 2 && nd_max == 2, "SA_NODEFER: the signal raised in its own handler nests (calls %d depth %d)",
	      nd_calls, nd_max);

	set_handler(SIGUSR1, nodefer_h, 0);
	nd_depth = nd_max = nd_calls = 0;
	raise(SIGUSR1);
	CHECK(nd_calls == 2 && nd_max == 1,
	      "without SA_NODEFER it stays pending and runs after the handler returns (calls %d depth %d)", nd_calls,
	      nd_max);

	/* SIGWINCH: default action is ignore, so a second one is harmless */
	set_handler(SIGWINCH, resethand_h, SA_RESETHAND);
	rh_calls = rh_dfl_inside = 0;
	raise(SIGWINCH);
	sigaction(SIGWINCH, NULL, &cur);
	CHECK(rh_calls == 1 && rh_dfl_inside, "SA_RESETHAND: disposition is SIG_DFL already inside the handler");
	CHECK(cur.sa_handler == SIG_DFL, "SA_RESETHAND: disposition is SIG_DFL after the handler");
	raise(SIGWINCH);
	CHECK(rh_calls == 1, "SA_RESETHAND: a second signal does not run the handler (calls %d)", rh_calls);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* ------------------------------------------------------------------ */
/* 9. SIGCHLD */

static volatile struct {
	int n, signo, code, status;
	pid_t pid;
} C;

static void chld_h(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	C.n++;
	C.signo = sig;
	C.code = si->si_code;
	C.pid = si->si_pid;
	C.status = si->si_status;
}

static void test_sigchld(void)
{
	sigset_t m;
	pid_t pid;
	int st;

	set_action(SIGCHLD, chld_h, 0);
	block_sig(SIGCHLD, SIG_BLOCK);
	memset((void *)&C, 0, sizeof(C));
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(7);
	sigprocmask(SIG_BLOCK, NULL, &m);
	sigdelset(&m, SIGCHLD);
	while (C.n == 0)
		sigsuspend(&m);
	CHECK(C.signo == SIGCHLD && C.code == CLD_EXITED && C.pid == pid && C.status == 7,
	      "SIGCHLD on child exit: CLD_EXITED, si_pid the child, si_status 7 (code %d pid %d/%d status %d)", C.code,
	      (int)C.pid, (int)pid, C.status);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7, "waitpid reaps it with status 7");

	memset((void *)&C, 0, sizeof(C));
	pid = fork();
	if (pid == 0) {
		alarm(3);
		for (;;)
			pause();
	}
	kill(pid, SIGKILL);
	while (C.n == 0)
		sigsuspend(&m);
	CHECK(C.code == CLD_KILLED && C.pid == pid && C.status == SIGKILL,
	      "SIGCHLD on a killed child: CLD_KILLED with si_status SIGKILL (code %d status %d)", C.code, C.status);
	waitpid(pid, &st, 0);
	block_sig(SIGCHLD, SIG_UNBLOCK);
	set_handler(SIGCHLD, SIG_DFL, 0);
}

/* ------------------------------------------------------------------ */
/* 10. ITIMER_VIRTUAL / ITIMER_PROF */

static volatile int vt_n, prof_n, safety_fired, vt_code;

static void vt_h(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	vt_n++;
	vt_code = si->si_code;
}

static void prof_h(int sig)
{
	(void)sig;
	prof_n++;
}

static void safety_h(int sig)
{
	(void)sig;
	safety_fired = 1;
}

static void test_itimers(void)
{
	struct itimerval it, zero;
	volatile unsigned long spin = 0;

	memset(&zero, 0, sizeof(zero));
	vt_n = prof_n = safety_fired = 0;
	set_action(SIGVTALRM, vt_h, SA_RESTART);
	set_handler(SIGPROF, prof_h, SA_RESTART);
	set_handler(SIGALRM, safety_h, SA_RESTART);
	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = 2;
	setitimer(ITIMER_REAL, &it, NULL); /* safety net */
	it.it_value.tv_sec = 0;
	it.it_value.tv_usec = 10000;
	it.it_interval.tv_usec = 10000;
	setitimer(ITIMER_VIRTUAL, &it, NULL);
	setitimer(ITIMER_PROF, &it, NULL);
	while (!safety_fired && (vt_n < 3 || prof_n < 3))
		spin++;
	setitimer(ITIMER_VIRTUAL, &zero, NULL);
	setitimer(ITIMER_PROF, &zero, NULL);
	setitimer(ITIMER_REAL, &zero, NULL);
	CHECK(vt_n >= 3 && !safety_fired, "ITIMER_VIRTUAL delivers SIGVTALRM to a process spinning in user mode (%d in %s)",
	      vt_n, safety_fired ? "2 s: timed out" : "time");
	CHECK(prof_n >= 3 && !safety_fired, "ITIMER_PROF delivers SIGPROF to a process spinning in user mode (%d)", prof_n);
	CHECK(vt_n == 0 || vt_code == SI_KERNEL, "SIGVTALRM has si_code SI_KERNEL (got %d)", vt_code);
	set_handler(SIGVTALRM, SIG_IGN, 0);
	set_handler(SIGPROF, SIG_IGN, 0);
	wd_arm();
}

int main(void)
{
	clock_gettime(CLOCK_MONOTONIC, &wd_deadline);
	wd_deadline.tv_sec += 4;
	wd_deadline.tv_nsec += 500000000L;
	if (wd_deadline.tv_nsec >= 1000000000L) {
		wd_deadline.tv_sec++;
		wd_deadline.tv_nsec -= 1000000000L;
	}
	wd_arm();

	test_siginfo();
	test_pending();
	test_faults();
	test_sigreturn_regs();
	test_altstack();
	test_restart();
	test_masks();
	test_flags();
	test_sigchld();
	test_itimers();
	return tap_done();
}
