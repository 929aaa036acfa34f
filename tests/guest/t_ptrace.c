// SPDX-License-Identifier: GPL-2.0
/*
 * ptrace: TRACEME stops, GETREGS/SETREGS, PEEKDATA/POKEDATA, PEEKUSER,
 * SINGLESTEP, PTRACE_SYSCALL with GET_SYSCALL_INFO and TRACESYSGOOD,
 * SYSEMU, GETFPREGS, GETREGSET (NT_PRSTATUS, NT_X86_XSTATE), fork and
 * exec events, SEIZE + INTERRUPT and killing a stopped tracee.
 */
#define _GNU_SOURCE
#include "tap.h"

#include <cpuid.h>
#include <elf.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/audit.h>

#define MARKER_RAX	0x5eedf00d12345678UL
#define SETREGS_RAX	0x0000000000c0ffeeUL
#define ENTRY_RDI	0x0123456789abcdefUL
#define SYSEMU_RAX	12345
#define TEST_MXCSR	0x5f80u		/* all exceptions masked, round up */
#define DEF_MXCSR	0x1f80u

extern char __executable_start[], etext[];

static volatile long g_var = 0x1234567890abcdefL;
static pid_t watched[8];
static int nwatched;
static char **g_argv;

static void watch(pid_t pid)
{
	if (nwatched < (int)(sizeof(watched) / sizeof(watched[0])))
		watched[nwatched++] = pid;
}

static void on_alarm(int sig)
{
	char buf[96];
	int n, i;

	(void)sig;
	for (i = 0; i < nwatched; i++)
		kill(watched[i], SIGKILL);
	n = snprintf(buf, sizeof(buf), "not ok %d - watchdog: test timed out\n",
		     tap_n + 1);
	if (n > 0)
		write(1, buf, n);
	_exit(1);
}

static int wait_for(pid_t pid, int *status)
{
	pid_t r;

	do {
		r = waitpid(pid, status, __WALL);
	} while (r < 0 && errno == EINTR);
	return r == pid ? 0 : -1;
}

/* Wait for a stop; returns the stop signal (status >> 8), or -1. */
static int wait_stop(pid_t pid)
{
	int st;

	if (wait_for(pid, &st) || !WIFSTOPPED(st))
		return -1;
	return st >> 8;
}

/* Child reports one value per step through a pipe. */
static int rep_fd = -1;

static void report(long v)
{
	if (write(rep_fd, &v, sizeof(v)) != sizeof(v))
		_exit(99);
}

static long read_report(int fd)
{
	long v;

	if (read(fd, &v, sizeof(v)) != sizeof(v))
		return -0x7fffffffL;
	return v;
}

static int cpu_has_xsave(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	return (c & (1u << 26)) && (c & (1u << 27));
}

/* ------------------------------------------------------------------ */
/* Child for the main sequence of stops. */

static void __attribute__((noreturn)) child_main(void)
{
	unsigned long v;
	unsigned int mx;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (ptrace(PTRACE_TRACEME, 0, 0, 0))
		_exit(90);
	raise(SIGSTOP);

	/* 1: POKEDATA result */
	report(g_var);

	/* 2: SETREGS: marker in rax, address of the next insn in rdx */
	v = MARKER_RAX;
	asm volatile("lea 1f(%%rip), %%rdx\n\t"
		     "int3\n"
		     "1:"
		     : "+a"(v) : : "rdx", "memory");
	report((long)v);

	/* 3: MXCSR seen by GETFPREGS / GETREGSET */
	mx = TEST_MXCSR;
	asm volatile("ldmxcsr %0\n\t"
		     "int3"
		     : : "m"(mx) : "memory");
	mx = DEF_MXCSR;
	asm volatile("ldmxcsr %0" : : "m"(mx) : "memory");
	report(0);

	/* 4: SINGLESTEP over a 5-byte mov $imm32,%eax */
	asm volatile("lea 1f(%%rip), %%rsi\n\t"
		     "lea 2f(%%rip), %%rdi\n\t"
		     "xor %%eax, %%eax\n\t"
		     "int3\n"
		     "1:\tmov $0x42, %%eax\n"
		     "2:\tnop"
		     : "=a"(v) : : "rsi", "rdi", "memory");
	report((long)v);

	/* 5: PTRACE_SYSCALL around a raw getpid */
	{
		register unsigned long rdi asm("rdi") = ENTRY_RDI;

		asm volatile("lea 1f(%%rip), %%rdx\n\t"
			     "int3\n\t"
			     "mov %2, %%eax\n\t"
			     "syscall\n"
			     "1:"
			     : "=&a"(v), "+r"(rdi)
			     : "i"(SYS_getpid)
			     : "rcx", "r11", "rdx", "memory");
	}
	report((long)v);
	report(syscall(SYS_getpid));

	/* 6: PTRACE_SYSEMU: getpid is not executed, tracer sets rax */
	asm volatile("int3\n\t"
		     "mov %1, %%eax\n\t"
		     "syscall"
		     : "=&a"(v)
		     : "i"(SYS_getpid)
		     : "rcx", "r11", "memory");
	report((long)v);

	_exit(0);
}

static void test_main_sequence(void)
{
	struct user_regs_struct regs, regs2;
	struct user_fpregs_struct fp;
	struct iovec iov;
	static unsigned char xbuf[65536];
	char here;
	int pfd[2], sig, st;
	long w;
	pid_t pid;
	unsigned long after, rip_before, rdi_end;
	long r;

	if (pipe(pfd)) {
		CHECK(0, "pipe: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		rep_fd = pfd[1];
		child_main();
	}
	close(pfd[1]);
	if (pid < 0) {
		CHECK(0, "fork: %s", strerror(errno));
		return;
	}
	watch(pid);

	/* TRACEME + raise(SIGSTOP) */
	sig = wait_stop(pid);
	CHECK(sig == SIGSTOP, "TRACEME child stopped by SIGSTOP (stop sig %d)", sig);
	if (sig != SIGSTOP)
		goto kill_out;

	memset(&regs, 0, sizeof(regs));
	r = ptrace(PTRACE_GETREGS, pid, 0, &regs);
	CHECK(r == 0, "PTRACE_GETREGS");
	CHECK(regs.rip >= (unsigned long)__executable_start &&
	      regs.rip < (unsigned long)etext,
	      "rip 0x%llx inside child's text [%p,%p)", regs.rip,
	      (void *)__executable_start, (void *)etext);
	CHECK(regs.rsp < (unsigned long)&here + 65536 &&
	      regs.rsp > (unsigned long)&here - (1UL << 20),
	      "rsp 0x%llx inside child's stack (near %p)", regs.rsp, (void *)&here);
	CHECK(regs.cs == 0x33, "cs is the 64-bit user code segment (0x%llx)", regs.cs);

	errno = 0;
	w = ptrace(PTRACE_PEEKUSER, pid,
		   offsetof(struct user, regs) + offsetof(struct user_regs_struct, rip), 0);
	CHECK(errno == 0 && (unsigned long)w == regs.rip,
	      "PEEKUSER(rip offset) = 0x%lx matches GETREGS rip 0x%llx", w, regs.rip);
	errno = 0;
	w = ptrace(PTRACE_PEEKUSER, pid,
		   offsetof(struct user, regs) + offsetof(struct user_regs_struct, rsp), 0);
	CHECK(errno == 0 && (unsigned long)w == regs.rsp,
	      "PEEKUSER(rsp offset) matches GETREGS rsp");

	errno = 0;
	w = ptrace(PTRACE_PEEKDATA, pid, &g_var, 0);
	CHECK(errno == 0 && w == 0x1234567890abcdefL,
	      "PEEKDATA reads child variable (0x%lx)", w);
	CHECK(ptrace(PTRACE_POKEDATA, pid, &g_var, (void *)0x0badc0ffee15900dL) == 0,
	      "POKEDATA");
	errno = 0;
	w = ptrace(PTRACE_PEEKDATA, pid, &g_var, 0);
	CHECK(errno == 0 && w == 0x0badc0ffee15900dL, "PEEKDATA sees poked value");
	CHECK(g_var == 0x1234567890abcdefL, "POKEDATA did not change tracer's copy");
	errno = 0;
	ptrace(PTRACE_PEEKDATA, pid, (void *)8, 0);
	CHECK(errno == EIO || errno == EFAULT, "PEEKDATA of unmapped address fails (%s)",
	      strerror(errno));

	CHECK(ptrace(PTRACE_CONT, pid, 0, 0) == 0, "PTRACE_CONT");
	w = read_report(pfd[0]);
	CHECK(w == 0x0badc0ffee15900dL, "child sees POKEDATA value (0x%lx)", w);

	/* int3 with marker in rax */
	sig = wait_stop(pid);
	CHECK(sig == SIGTRAP, "int3 reports SIGTRAP (stop sig %d)", sig);
	if (sig != SIGTRAP)
		goto kill_out;
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	CHECK(regs.rax == MARKER_RAX, "GETREGS rax = marker (0x%llx)", regs.rax);
	CHECK(regs.rip == regs.rdx, "rip after int3 = 0x%llx (expected 0x%llx)",
	      regs.rip, regs.rdx);
	regs.rax = SETREGS_RAX;
	CHECK(ptrace(PTRACE_SETREGS, pid, 0, &regs) == 0, "PTRACE_SETREGS");
	memset(&regs2, 0, sizeof(regs2));
	ptrace(PTRACE_GETREGS, pid, 0, &regs2);
	CHECK(regs2.rax == SETREGS_RAX && regs2.rip == regs.rip,
	      "GETREGS after SETREGS returns the new rax");
	ptrace(PTRACE_CONT, pid, 0, 0);
	w = read_report(pfd[0]);
	CHECK((unsigned long)w == SETREGS_RAX, "child sees rax changed by SETREGS (0x%lx)", w);

	/* ldmxcsr + int3 */
	sig = wait_stop(pid);
	CHECK(sig == SIGTRAP, "second int3 stop (stop sig %d)", sig);
	if (sig != SIGTRAP)
		goto kill_out;
	memset(&fp, 0, sizeof(fp));
	r = ptrace(PTRACE_GETFPREGS, pid, 0, &fp);
	CHECK(r == 0 && fp.mxcsr == TEST_MXCSR,
	      "GETFPREGS mxcsr = 0x%x (expected 0x%x)", fp.mxcsr, TEST_MXCSR);
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	memset(&regs2, 0, sizeof(regs2));
	iov.iov_base = &regs2;
	iov.iov_len = sizeof(regs2);
	r = ptrace(PTRACE_GETREGSET, pid, NT_PRSTATUS, &iov);
	CHECK(r == 0 &&
	      iov.iov_len == sizeof(regs2) && regs2.rip == regs.rip &&
	      regs2.rsp == regs.rsp,
	      "GETREGSET NT_PRSTATUS: len %zu, rip/rsp match GETREGS", iov.iov_len);
	memset(xbuf, 0, sizeof(xbuf));
	iov.iov_base = xbuf;
	iov.iov_len = sizeof(xbuf);
	if (cpu_has_xsave()) {
		unsigned int xmx;

		r = ptrace(PTRACE_GETREGSET, pid, NT_X86_XSTATE, &iov);
		CHECK(r == 0 && iov.iov_len > 512 && iov.iov_len < sizeof(xbuf),
		      "GETREGSET NT_X86_XSTATE returns %zu bytes (> 512)", iov.iov_len);
		memcpy(&xmx, xbuf + 24, sizeof(xmx));
		CHECK(xmx == TEST_MXCSR, "XSTATE legacy area mxcsr = 0x%x", xmx);
	} else {
		printf("# CPU has no XSAVE: NT_X86_XSTATE not checked\n");
	}
	ptrace(PTRACE_CONT, pid, 0, 0);
	w = read_report(pfd[0]);
	CHECK(w == 0, "child continued after FP stop");

	/* singlestep */
	sig = wait_stop(pid);
	CHECK(sig == SIGTRAP, "third int3 stop (stop sig %d)", sig);
	if (sig != SIGTRAP)
		goto kill_out;
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	rip_before = regs.rip;
	rdi_end = regs.rdi;
	CHECK(rip_before == regs.rsi && rdi_end - rip_before == 5,
	      "stopped before 5-byte mov (rip 0x%lx, label 0x%llx, end 0x%lx)",
	      rip_before, regs.rsi, rdi_end);
	errno = 0;
	w = ptrace(PTRACE_PEEKTEXT, pid, (void *)rip_before, 0);
	CHECK(errno == 0 && (w & 0xffffffffffL) == 0x00000042b8L,
	      "PEEKTEXT reads the mov instruction bytes (0x%lx)", w & 0xffffffffffL);
	CHECK(ptrace(PTRACE_SINGLESTEP, pid, 0, 0) == 0, "PTRACE_SINGLESTEP");
	sig = wait_stop(pid);
	CHECK(sig == SIGTRAP, "singlestep reports SIGTRAP (stop sig %d)", sig);
	if (sig != SIGTRAP)
		goto kill_out;
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	CHECK(regs.rip == rdi_end, "singlestep advanced rip by one instruction "
	      "(0x%lx -> 0x%llx)", rip_before, regs.rip);
	CHECK(regs.rax == 0x42, "stepped instruction executed (rax 0x%llx)", regs.rax);
	ptrace(PTRACE_CONT, pid, 0, 0);
	w = read_report(pfd[0]);
	CHECK(w == 0x42, "child sees result of stepped instruction");

	/* PTRACE_SYSCALL */
	sig = wait_stop(pid);
	CHECK(sig == SIGTRAP, "int3 before syscall (stop sig %d)", sig);
	if (sig != SIGTRAP)
		goto kill_out;
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	after = regs.rdx;
	CHECK(ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD) == 0,
	      "SETOPTIONS TRACESYSGOOD");
	CHECK(ptrace(PTRACE_SYSCALL, pid, 0, 0) == 0, "PTRACE_SYSCALL");
	sig = wait_stop(pid);
	CHECK(sig == (SIGTRAP | 0x80), "syscall-entry stop is SIGTRAP|0x80 (0x%x)", sig);
	if (sig != (SIGTRAP | 0x80))
		goto kill_out;
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	CHECK(regs.orig_rax == SYS_getpid, "entry: orig_rax = %lld (SYS_getpid)",
	      regs.orig_rax);
	CHECK(regs.rax == (unsigned long)-ENOSYS, "entry: rax = -ENOSYS (0x%llx)", regs.rax);
	CHECK(regs.rip == after, "entry: rip after syscall insn");
	{
		struct __ptrace_syscall_info si;
		long n;

		memset(&si, 0xff, sizeof(si));
		n = ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(si), &si);
		CHECK(n > 0 && si.op == PTRACE_SYSCALL_INFO_ENTRY,
		      "GET_SYSCALL_INFO at entry: op ENTRY (ret %ld, op %d)", n, si.op);
		CHECK(si.entry.nr == SYS_getpid, "syscall info nr = %llu",
		      (unsigned long long)si.entry.nr);
		CHECK(si.arch == AUDIT_ARCH_X86_64, "syscall info arch = 0x%x", si.arch);
		CHECK(si.instruction_pointer == after && si.stack_pointer == regs.rsp,
		      "syscall info ip/sp match registers");
		CHECK(si.entry.args[0] == ENTRY_RDI, "syscall info args[0] = rdi (0x%llx)",
		      (unsigned long long)si.entry.args[0]);
	}
	ptrace(PTRACE_SYSCALL, pid, 0, 0);
	sig = wait_stop(pid);
	CHECK(sig == (SIGTRAP | 0x80), "syscall-exit stop is SIGTRAP|0x80 (0x%x)", sig);
	if (sig != (SIGTRAP | 0x80))
		goto kill_out;
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	CHECK(regs.rax == (unsigned long)pid, "exit: rax = child pid (%lld)", regs.rax);
	CHECK(regs.orig_rax == SYS_getpid, "exit: orig_rax still SYS_getpid");
	{
		struct __ptrace_syscall_info si;
		long n;

		memset(&si, 0xff, sizeof(si));
		n = ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(si), &si);
		CHECK(n > 0 && si.op == PTRACE_SYSCALL_INFO_EXIT,
		      "GET_SYSCALL_INFO at exit: op EXIT (op %d)", si.op);
		CHECK(si.exit.rval == pid && si.exit.is_error == 0,
		      "syscall info rval = %lld (pid %d), is_error %d",
		      (long long)si.exit.rval, pid, si.exit.is_error);
	}
	ptrace(PTRACE_CONT, pid, 0, 0);
	w = read_report(pfd[0]);
	CHECK(w == pid, "child's traced getpid returned its pid (%ld)", w);
	w = read_report(pfd[0]);
	CHECK(w == pid, "child's untraced getpid returned its pid (%ld)", w);

	/* PTRACE_SYSEMU */
	sig = wait_stop(pid);
	CHECK(sig == SIGTRAP, "int3 before emulated syscall (stop sig %d)", sig);
	if (sig != SIGTRAP)
		goto kill_out;
	ptrace(PTRACE_SETOPTIONS, pid, 0, 0);
	CHECK(ptrace(PTRACE_SYSEMU, pid, 0, 0) == 0, "PTRACE_SYSEMU");
	sig = wait_stop(pid);
	CHECK(sig == SIGTRAP, "SYSEMU stop is plain SIGTRAP without TRACESYSGOOD (0x%x)", sig);
	if (sig != SIGTRAP)
		goto kill_out;
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	CHECK(regs.orig_rax == SYS_getpid, "SYSEMU stop at getpid entry (orig_rax %lld)",
	      regs.orig_rax);
	regs.rax = SYSEMU_RAX;
	ptrace(PTRACE_SETREGS, pid, 0, &regs);
	ptrace(PTRACE_CONT, pid, 0, 0);
	w = read_report(pfd[0]);
	CHECK(w == SYSEMU_RAX, "SYSEMU skipped getpid; child sees rax %ld", w);

	st = -1;
	r = wait_for(pid, &st);
	CHECK(r == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "traced child exited normally (status 0x%x)", st);
	close(pfd[0]);
	return;

kill_out:
	kill(pid, SIGKILL);
	wait_for(pid, &st);
	close(pfd[0]);
}

/* ------------------------------------------------------------------ */
/* Fork and exec events. */

static void test_fork_exec(void)
{
	int sig, st, gst;
	unsigned long msg = 0;
	pid_t pid, gpid;
	long r;

	pid = fork();
	if (pid == 0) {
		pid_t c;
		sigset_t ss;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		/* no SIGCHLD signal-delivery-stop when the new child exits */
		sigemptyset(&ss);
		sigaddset(&ss, SIGCHLD);
		sigprocmask(SIG_BLOCK, &ss, NULL);
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(90);
		raise(SIGSTOP);
		c = fork();
		if (c == 0)
			_exit(7);
		if (c < 0)
			_exit(91);
		if (waitpid(c, &gst, 0) != c || !WIFEXITED(gst) || WEXITSTATUS(gst) != 7)
			_exit(92);
		execl("/proc/self/exe", g_argv[0], "ptrace-exec-child", (char *)NULL);
		_exit(93);
	}
	if (pid < 0) {
		CHECK(0, "fork: %s", strerror(errno));
		return;
	}
	watch(pid);
	sig = wait_stop(pid);
	CHECK(sig == SIGSTOP, "fork/exec child stopped (stop sig %d)", sig);
	if (sig != SIGSTOP)
		goto kill_out;
	CHECK(ptrace(PTRACE_SETOPTIONS, pid, 0,
		     PTRACE_O_TRACEFORK | PTRACE_O_TRACEEXEC) == 0,
	      "SETOPTIONS TRACEFORK|TRACEEXEC");
	ptrace(PTRACE_CONT, pid, 0, 0);

	sig = wait_stop(pid);
	CHECK(sig == (SIGTRAP | (PTRACE_EVENT_FORK << 8)),
	      "PTRACE_EVENT_FORK stop (0x%x)", sig);
	if (sig != (SIGTRAP | (PTRACE_EVENT_FORK << 8)))
		goto kill_out;
	r = ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
	CHECK(r == 0 && msg > 0 && (pid_t)msg != pid,
	      "GETEVENTMSG gives new pid %lu", msg);
	gpid = (pid_t)msg;
	watch(gpid);
	sig = wait_stop(gpid);
	CHECK(sig == SIGSTOP, "new child is auto-attached and starts with SIGSTOP (%d)", sig);
	if (sig == SIGSTOP) {
		struct user_regs_struct ur;

		memset(&ur, 0xff, sizeof(ur));
		ptrace(PTRACE_GETREGS, gpid, 0, &ur);
		CHECK(ur.rax == 0, "new child's fork() return value (rax) is 0");
		CHECK(ptrace(PTRACE_DETACH, gpid, 0, 0) == 0, "DETACH new child");
	}
	/* mark the old image; exec must replace it */
	ptrace(PTRACE_POKEDATA, pid, &g_var, (void *)0x0ddba11L);
	ptrace(PTRACE_CONT, pid, 0, 0);

	sig = wait_stop(pid);
	CHECK(sig == (SIGTRAP | (PTRACE_EVENT_EXEC << 8)),
	      "PTRACE_EVENT_EXEC stop (0x%x)", sig);
	if (sig != (SIGTRAP | (PTRACE_EVENT_EXEC << 8)))
		goto kill_out;
	msg = 0;
	r = ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
	CHECK(r == 0 && msg == (unsigned long)pid,
	      "GETEVENTMSG at exec gives former tid %lu", msg);
	errno = 0;
	r = ptrace(PTRACE_PEEKDATA, pid, &g_var, 0);
	CHECK(errno == 0 && r == 0x1234567890abcdefL,
	      "PEEKDATA at exec stop reads the new image (0x%lx)", r);
	ptrace(PTRACE_CONT, pid, 0, 0);
	st = -1;
	r = wait_for(pid, &st);
	CHECK(r == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 42,
	      "exec'd child ran and exited 42 (status 0x%x)", st);
	return;

kill_out:
	kill(pid, SIGKILL);
	wait_for(pid, &st);
}

/* ------------------------------------------------------------------ */
/* SEIZE, INTERRUPT and SIGKILL of a stopped tracee. */

static void test_seize(void)
{
	int pfd[2], st, sig;
	pid_t pid;
	siginfo_t si;
	char c;
	long r;

	if (pipe(pfd)) {
		CHECK(0, "pipe");
		return;
	}
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(pfd[1]);
		/* blocks until the parent closes the pipe (never) */
		while (read(pfd[0], &c, 1) != 0)
			;
		_exit(3);
	}
	if (pid < 0) {
		CHECK(0, "fork");
		return;
	}
	watch(pid);
	close(pfd[0]);
	r = ptrace(PTRACE_SEIZE, pid, 0, 0);
	CHECK(r == 0, "PTRACE_SEIZE");
	CHECK(waitpid(pid, &st, WNOHANG | __WALL) == 0, "seized tracee is not stopped");
	CHECK(ptrace(PTRACE_INTERRUPT, pid, 0, 0) == 0, "PTRACE_INTERRUPT");
	sig = wait_stop(pid);
	CHECK(sig == (SIGTRAP | (PTRACE_EVENT_STOP << 8)),
	      "INTERRUPT gives PTRACE_EVENT_STOP (0x%x)", sig);
	if (sig == (SIGTRAP | (PTRACE_EVENT_STOP << 8))) {
		memset(&si, 0, sizeof(si));
		r = ptrace(PTRACE_GETSIGINFO, pid, 0, &si);
		CHECK(r == 0 && si.si_signo == SIGTRAP,
		      "GETSIGINFO at event stop: si_signo %d", si.si_signo);
	}
	CHECK(kill(pid, SIGKILL) == 0, "SIGKILL stopped tracee");
	st = -1;
	r = wait_for(pid, &st);
	CHECK(r == 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "killed tracee is reaped with WTERMSIG SIGKILL (status 0x%x)", st);
	errno = 0;
	CHECK(ptrace(PTRACE_PEEKDATA, pid, &g_var, 0) == -1 && errno == ESRCH,
	      "ptrace on reaped tracee fails with ESRCH");
	close(pfd[1]);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "ptrace-exec-child"))
		return 42;
	g_argv = argv;
	signal(SIGALRM, on_alarm);
	alarm(4);

	test_main_sequence();
	test_fork_exec();
	test_seize();

	{
		int st;

		long r;

		errno = 0;
		r = ptrace(PTRACE_PEEKDATA, 1, &g_var, 0);
		CHECK(r == -1 && (errno == ESRCH || errno == EPERM),
		      "ptrace of an untraced process fails (%s)", strerror(errno));
		CHECK(waitpid(-1, &st, WNOHANG | __WALL) == -1 && errno == ECHILD,
		      "no children left over");
	}
	return tap_done();
}
