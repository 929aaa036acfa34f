// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp: strict mode, BPF filters with ERRNO / KILL_PROCESS /
 * KILL_THREAD / TRAP / TRACE actions, argument filtering, filter
 * stacking, inheritance across fork and execve, GET_ACTION_AVAIL and
 * the Seccomp: line of /proc/self/status.
 */
#define _GNU_SOURCE
#include "tap.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1
#endif

#define LD_NR	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define LD_ARCH	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch))
#define LD_ARG0_LO BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]))
#define LD_ARG0_HI BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]) + 4)
#define JEQ(v, t, f) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (v), (t), (f))
#define RET(v)	BPF_STMT(BPF_RET | BPF_K, (v))
/* kill anything that is not native x86_64 */
#define CHECK_ARCH LD_ARCH, JEQ(AUDIT_ARCH_X86_64, 1, 0), RET(SECCOMP_RET_KILL_PROCESS)

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

static pid_t cur_child;
static char **g_argv;

static void on_alarm(int sig)
{
	char buf[96];
	int n;

	(void)sig;
	if (cur_child > 0)
		kill(cur_child, SIGKILL);
	n = snprintf(buf, sizeof(buf), "not ok %d - watchdog: test timed out\n",
		     tap_n + 1);
	if (n > 0)
		write(1, buf, n);
	_exit(1);
}

static int rep_fd = -1;

static void report(long v)
{
	if (write(rep_fd, &v, sizeof(v)) != sizeof(v))
		syscall(SYS_exit, 99);
}

static int install(struct sock_filter *f, int n, int use_prctl)
{
	struct sock_fprog prog = { .len = (unsigned short)n, .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	if (use_prctl)
		return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/* Value of the "Seccomp:" line of /proc/self/status, or -1. */
static int status_seccomp(void)
{
	char buf[8192], *p;
	int fd, n, len = 0;

	fd = open("/proc/self/status", O_RDONLY);
	if (fd < 0)
		return -1;
	while (len < (int)sizeof(buf) - 1 &&
	       (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	p = strstr(buf, "\nSeccomp:\t");
	if (!p)
		return -1;
	return atoi(p + 10);
}

/*
 * Run fn in a child; collect up to max longs it reports and its wait
 * status. Returns the number of values read.
 */
static int run_child(void (*fn)(void), long *out, int max, int *status)
{
	int pfd[2], n = 0;
	pid_t pid;
	long v;

	*status = -1;
	if (pipe(pfd))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct rlimit rl = { 0, 0 };

		close(pfd[0]);
		rep_fd = pfd[1];
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		setrlimit(RLIMIT_CORE, &rl);	/* no core files from SIGSYS */
		fn();
		syscall(SYS_exit, 0);
	}
	close(pfd[1]);
	if (pid < 0) {
		close(pfd[0]);
		return -1;
	}
	cur_child = pid;
	while (read(pfd[0], &v, sizeof(v)) == sizeof(v))
		if (n < max)
			out[n++] = v;
	close(pfd[0]);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	cur_child = 0;
	return n;
}

#define SIGNALED(st, sig) ((st) != -1 && WIFSIGNALED(st) && WTERMSIG(st) == (sig))
#define EXITED0(st) ((st) != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0)

/* ------------------------------------------------------------------ */

static void strict_getpid(void)
{
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 0, NULL))
		return;
	report(1);
	syscall(SYS_getpid);
	report(2);
}

static void strict_ok(void)
{
	int p[2];
	char c = 0;

	if (pipe(p) || write(p[1], "x", 1) != 1)
		return;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 0, NULL))
		return;
	report(1);
	/* read is allowed too */
	report(read(p[0], &c, 1) == 1 && c == 'x' ? 2 : -2);
	syscall(SYS_exit, 0);
}

static void strict_exit_group(void)
{
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 0, NULL))
		return;
	report(1);
	syscall(SYS_exit_group, 0);
	report(2);
}

static void test_strict(void)
{
	long out[4];
	int n, st;

	n = run_child(strict_getpid, out, 4, &st);
	CHECK(n == 1 && out[0] == 1, "strict: child ran in strict mode (%d reports)", n);
	CHECK(SIGNALED(st, SIGKILL), "strict: getpid() kills with SIGKILL (status 0x%x)", st);

	n = run_child(strict_ok, out, 4, &st);
	CHECK(n == 2 && out[0] == 1 && out[1] == 2,
	      "strict: write and read allowed (%d reports)", n);
	CHECK(EXITED0(st), "strict: SYS_exit exits normally (status 0x%x)", st);

	n = run_child(strict_exit_group, out, 4, &st);
	CHECK(n == 1 && SIGNALED(st, SIGKILL),
	      "strict: exit_group is not allowed (SIGKILL, status 0x%x)", st);
}

/* ------------------------------------------------------------------ */

static void errno_child(void)
{
	struct sock_filter f[] = {
		CHECK_ARCH,
		LD_NR,
		JEQ(SYS_getpid, 0, 1),
		RET(SECCOMP_RET_ERRNO | EPERM),
		RET(SECCOMP_RET_ALLOW),
	};
	long r;

	report(prctl(PR_GET_SECCOMP, 0, 0, 0, 0));
	if (install(f, NELEM(f), 0)) {
		report(-1000 - errno);
		return;
	}
	report(0);
	errno = 0;
	r = syscall(SYS_getpid);
	report(r);
	report(errno);
	report(syscall(SYS_getppid));
	report(status_seccomp());
	report(prctl(PR_GET_SECCOMP, 0, 0, 0, 0));
}

static void test_errno(void)
{
	long out[8];
	int n, st;

	n = run_child(errno_child, out, 8, &st);
	CHECK(n >= 1 && out[0] == 0, "PR_GET_SECCOMP is 0 before any filter");
	CHECK(n >= 2 && out[1] == 0, "filter installed with seccomp(SET_MODE_FILTER) (%ld)",
	      n >= 2 ? out[1] : 0);
	CHECK(n >= 4 && out[2] == -1 && out[3] == EPERM,
	      "RET_ERRNO: getpid() returns -1/EPERM (%ld, errno %ld)",
	      n >= 4 ? out[2] : 0, n >= 4 ? out[3] : 0);
	CHECK(n >= 5 && out[4] == getpid(), "other syscalls allowed: getppid() = parent");
	CHECK(n >= 6 && out[5] == 2, "/proc/self/status shows Seccomp:\\t2 (%ld)",
	      n >= 6 ? out[5] : 0);
	CHECK(n >= 7 && out[6] == 2, "PR_GET_SECCOMP returns 2 in filter mode");
	CHECK(EXITED0(st), "filtered child exited normally (status 0x%x)", st);
}

/* ------------------------------------------------------------------ */

static void *killer_thread(void *arg)
{
	(void)arg;
	report(1);
	syscall(SYS_getuid);
	report(3);
	return NULL;
}

static void kill_child(unsigned int action)
{
	struct sock_filter f[] = {
		CHECK_ARCH,
		LD_NR,
		JEQ(SYS_getuid, 0, 1),
		RET(action),
		RET(SECCOMP_RET_ALLOW),
	};
	pthread_t t;

	if (install(f, NELEM(f), 1)) {
		report(-1000 - errno);
		return;
	}
	if (pthread_create(&t, NULL, killer_thread, NULL)) {
		report(-2000);
		return;
	}
	pthread_join(t, NULL);
	report(2);
}

static void kill_process_child(void) { kill_child(SECCOMP_RET_KILL_PROCESS); }
static void kill_thread_child(void) { kill_child(SECCOMP_RET_KILL_THREAD); }

static void test_kill(void)
{
	long out[4];
	int n, st;

	n = run_child(kill_process_child, out, 4, &st);
	CHECK(n == 1 && out[0] == 1, "KILL_PROCESS: thread reached the syscall only (%d reports)", n);
	CHECK(SIGNALED(st, SIGSYS),
	      "KILL_PROCESS: whole process killed, WTERMSIG SIGSYS (status 0x%x)", st);

	n = run_child(kill_thread_child, out, 4, &st);
	CHECK(n == 2 && out[0] == 1 && out[1] == 2,
	      "KILL_THREAD: only the calling thread dies, main thread continues (%d reports)", n);
	CHECK(EXITED0(st), "KILL_THREAD: process exits normally (status 0x%x)", st);
}

/* ------------------------------------------------------------------ */

static volatile int trap_signo, trap_code, trap_errno, trap_syscall, trap_count;
static volatile unsigned int trap_arch;
static void *volatile trap_addr;

static void sigsys_handler(int sig, siginfo_t *si, void *uctx)
{
	ucontext_t *uc = uctx;

	trap_count++;
	trap_signo = sig;
	trap_code = si->si_code;
	trap_errno = si->si_errno;
	trap_syscall = si->si_syscall;
	trap_arch = si->si_arch;
	trap_addr = si->si_call_addr;
	/* emulate the syscall: its return value is what the handler sets */
	uc->uc_mcontext.gregs[REG_RAX] = 4242;
}

static void trap_child(void)
{
	struct sock_filter f[] = {
		CHECK_ARCH,
		LD_NR,
		JEQ(SYS_getuid, 0, 1),
		RET(SECCOMP_RET_TRAP | 0x123),
		RET(SECCOMP_RET_ALLOW),
	};
	struct sigaction sa;
	unsigned long after;
	long ret;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sigsys_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSYS, &sa, NULL);
	if (install(f, NELEM(f), 0)) {
		report(-1000 - errno);
		return;
	}
	asm volatile("lea 1f(%%rip), %1\n\t"
		     "syscall\n"
		     "1:"
		     : "=a"(ret), "=&r"(after)
		     : "0"((long)SYS_getuid)
		     : "rcx", "r11", "memory");
	report(trap_count);
	report(trap_signo);
	report(trap_code);
	report(trap_syscall);
	report(trap_arch);
	report((long)trap_addr);
	report((long)after);
	report(trap_errno);
	report(ret);
}

static void test_trap(void)
{
	long out[9];
	int n, st;

	n = run_child(trap_child, out, 9, &st);
	if (n != 9) {
		CHECK(0, "TRAP: child reported %d values (status 0x%x)", n, st);
		return;
	}
	CHECK(out[0] == 1 && out[1] == SIGSYS, "RET_TRAP delivers one SIGSYS (%ld, sig %ld)",
	      out[0], out[1]);
	CHECK(out[2] == SYS_SECCOMP, "si_code = SYS_SECCOMP (%ld)", out[2]);
	CHECK(out[3] == SYS_getuid, "si_syscall = SYS_getuid (%ld)", out[3]);
	CHECK((unsigned long)out[4] == AUDIT_ARCH_X86_64, "si_arch = AUDIT_ARCH_X86_64 (0x%lx)",
	      out[4]);
	CHECK(out[5] == out[6], "si_call_addr 0x%lx = address after syscall insn 0x%lx",
	      out[5], out[6]);
	CHECK(out[7] == 0x123, "si_errno = SECCOMP_RET_DATA (0x%lx)", out[7]);
	CHECK(out[8] == 4242, "rax set by the SIGSYS handler is the syscall result (%ld)",
	      out[8]);
	CHECK(EXITED0(st), "TRAP child exited normally (status 0x%x)", st);
}

/* ------------------------------------------------------------------ */

static void args_child(void)
{
	struct sock_filter f[] = {
		CHECK_ARCH,
		LD_NR,
		JEQ(SYS_prctl, 0, 5),
		LD_ARG0_HI,
		JEQ(0, 0, 3),
		LD_ARG0_LO,
		JEQ(PR_GET_NAME, 0, 1),
		RET(SECCOMP_RET_ERRNO | E2BIG),
		RET(SECCOMP_RET_ALLOW),
	};
	char name[32];
	long r;

	if (install(f, NELEM(f), 0)) {
		report(-1000 - errno);
		return;
	}
	errno = 0;
	r = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
	report(r);
	report(errno);
	errno = 0;
	r = prctl(PR_GET_NAME, name, 0, 0, 0);
	report(r);
	report(errno);
	/*
	 * prctl's option is an int: the kernel ignores the high half, but
	 * seccomp must see all 64 bits, so this PR_GET_NAME is allowed.
	 */
	errno = 0;
	r = syscall(SYS_prctl, (1UL << 32) | PR_GET_NAME, name, 0, 0, 0);
	report(r);
	report(errno);
}

static void test_args(void)
{
	long out[6];
	int n, st;

	n = run_child(args_child, out, 6, &st);
	if (n != 6) {
		CHECK(0, "args: child reported %d values (status 0x%x)", n, st);
		return;
	}
	CHECK(out[0] >= 0 && out[1] == 0, "args: prctl(PR_GET_DUMPABLE) allowed (%ld)", out[0]);
	CHECK(out[2] == -1 && out[3] == E2BIG,
	      "args: prctl(PR_GET_NAME) blocked by args[0] filter (%ld, errno %ld)",
	      out[2], out[3]);
	CHECK(out[4] == 0,
	      "args: filter sees the full 64-bit args[0] (%ld, errno %ld)", out[4], out[5]);
	CHECK(EXITED0(st), "args child exited normally");
}

/* ------------------------------------------------------------------ */

static void stack_child(void)
{
	struct sock_filter f1[] = {
		CHECK_ARCH, LD_NR, JEQ(SYS_getpid, 0, 1),
		RET(SECCOMP_RET_ERRNO | EPERM), RET(SECCOMP_RET_ALLOW),
	};
	struct sock_filter f2[] = {
		RET(SECCOMP_RET_ALLOW),
	};
	struct sock_filter f3[] = {
		LD_NR, JEQ(SYS_getpid, 0, 1),
		RET(SECCOMP_RET_ERRNO | EACCES), RET(SECCOMP_RET_ALLOW),
	};

	if (install(f1, NELEM(f1), 0) || install(f2, NELEM(f2), 0)) {
		report(-1000 - errno);
		return;
	}
	errno = 0;
	report(syscall(SYS_getpid));
	report(errno);
	if (install(f3, NELEM(f3), 0)) {
		report(-1000 - errno);
		return;
	}
	errno = 0;
	report(syscall(SYS_getpid));
	report(errno);
}

static void bad_filter_child(void)
{
	struct sock_filter noret[] = { LD_NR };
	struct sock_filter badjump[] = { LD_NR, JEQ(1, 5, 0), RET(SECCOMP_RET_ALLOW) };
	long r;

	errno = 0;
	r = install(noret, NELEM(noret), 0);
	report(r);
	report(errno);
	errno = 0;
	r = install(badjump, NELEM(badjump), 0);
	report(r);
	report(errno);
	report(prctl(PR_GET_SECCOMP, 0, 0, 0, 0));
}

static void test_stacking(void)
{
	long out[5];
	int n, st;

	n = run_child(stack_child, out, 4, &st);
	CHECK(n == 4 && out[0] == -1 && out[1] == EPERM,
	      "stacked filters: ERRNO of older filter beats ALLOW of newer (%ld/%ld)",
	      n > 1 ? out[0] : 0, n > 1 ? out[1] : 0);
	CHECK(n == 4 && out[2] == -1 && out[3] == EACCES,
	      "stacked filters: same action, data of newest filter wins (errno %ld)",
	      n == 4 ? out[3] : 0);

	n = run_child(bad_filter_child, out, 5, &st);
	CHECK(n == 5 && out[0] == -1 && out[1] == EINVAL,
	      "filter without RET is rejected with EINVAL (errno %ld)", n == 5 ? out[1] : 0);
	CHECK(n == 5 && out[2] == -1 && out[3] == EINVAL,
	      "filter with out-of-range jump is rejected with EINVAL (errno %ld)",
	      n == 5 ? out[3] : 0);
	CHECK(n == 5 && out[4] == 0, "rejected filters leave seccomp disabled");
}

/* ------------------------------------------------------------------ */

static struct sock_filter getpid_eperm[] = {
	CHECK_ARCH, LD_NR, JEQ(SYS_getpid, 0, 1),
	RET(SECCOMP_RET_ERRNO | EPERM), RET(SECCOMP_RET_ALLOW),
};

/* Run by the exec'd image: is getpid still blocked? */
static int exec_check(void)
{
	long r;

	errno = 0;
	r = syscall(SYS_getpid);
	if (r != -1 || errno != EPERM)
		return 10;
	if (status_seccomp() != 2)
		return 11;
	return 0;
}

static void inherit_child(void)
{
	pid_t c;
	int st;

	if (install(getpid_eperm, NELEM(getpid_eperm), 0)) {
		report(-1000 - errno);
		return;
	}
	c = fork();
	if (c == 0) {
		long r;

		errno = 0;
		r = syscall(SYS_getpid);
		syscall(SYS_exit, (r == -1 && errno == EPERM) ? 0 : 10);
	}
	st = -1;
	if (c > 0)
		waitpid(c, &st, 0);
	report(st);

	c = fork();
	if (c == 0) {
		execl("/proc/self/exe", g_argv[0], "seccomp-exec-check", (char *)NULL);
		syscall(SYS_exit, 20);
	}
	st = -1;
	if (c > 0)
		waitpid(c, &st, 0);
	report(st);
}

static void test_inherit(void)
{
	long out[2];
	int n, st;

	n = run_child(inherit_child, out, 2, &st);
	CHECK(n >= 1 && EXITED0(out[0]),
	      "filter inherited across fork: getpid still EPERM (status 0x%lx)",
	      n >= 1 ? out[0] : -1);
	CHECK(n >= 2 && EXITED0(out[1]),
	      "filter inherited across execve: getpid EPERM, Seccomp: 2 (status 0x%lx)",
	      n >= 2 ? out[1] : -1);
	CHECK(EXITED0(st), "inherit child exited normally");
}

/* ------------------------------------------------------------------ */

static void trace_nontraced_child(void)
{
	struct sock_filter f[] = {
		CHECK_ARCH, LD_NR, JEQ(SYS_getpid, 0, 1),
		RET(SECCOMP_RET_TRACE | 0x42), RET(SECCOMP_RET_ALLOW),
	};

	if (install(f, NELEM(f), 0)) {
		report(-1000 - errno);
		return;
	}
	errno = 0;
	report(syscall(SYS_getpid));
	report(errno);
}

static void test_trace(void)
{
	struct sock_filter f[] = {
		CHECK_ARCH, LD_NR, JEQ(SYS_getpid, 0, 1),
		RET(SECCOMP_RET_TRACE | 0x42), RET(SECCOMP_RET_ALLOW),
	};
	struct user_regs_struct regs;
	struct __ptrace_syscall_info si;
	unsigned long msg;
	long out[4], r;
	int pfd[2], st, n;
	pid_t pid;

	n = run_child(trace_nontraced_child, out, 2, &st);
	CHECK(n == 2 && out[0] == -1 && out[1] == ENOSYS,
	      "RET_TRACE without tracer: syscall fails with ENOSYS (errno %ld)",
	      n == 2 ? out[1] : 0);

	if (pipe(pfd)) {
		CHECK(0, "pipe");
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		rep_fd = pfd[1];
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			syscall(SYS_exit, 90);
		raise(SIGSTOP);
		if (install(f, NELEM(f), 0))
			syscall(SYS_exit, 91);
		report(syscall(SYS_getpid));
		report(syscall(SYS_getpid));
		syscall(SYS_exit, 0);
	}
	close(pfd[1]);
	if (pid < 0) {
		CHECK(0, "fork");
		close(pfd[0]);
		return;
	}
	cur_child = pid;
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st) || WSTOPSIG(st) != SIGSTOP) {
		CHECK(0, "RET_TRACE: tracee did not stop (status 0x%x)", st);
		goto out;
	}
	r = ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESECCOMP);
	CHECK(r == 0, "SETOPTIONS PTRACE_O_TRACESECCOMP");
	ptrace(PTRACE_CONT, pid, 0, 0);

	/* first getpid: let it run */
	st = -1;
	waitpid(pid, &st, 0);
	CHECK(st != -1 && WIFSTOPPED(st) && (st >> 8) == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8)),
	      "RET_TRACE: tracer gets PTRACE_EVENT_SECCOMP (status 0x%x)", st);
	if (st == -1 || !WIFSTOPPED(st))
		goto out;
	msg = 0;
	ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
	CHECK(msg == 0x42, "GETEVENTMSG = SECCOMP_RET_DATA (0x%lx)", msg);
	memset(&regs, 0, sizeof(regs));
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	CHECK(regs.orig_rax == SYS_getpid, "seccomp stop: orig_rax = SYS_getpid (%lld)",
	      regs.orig_rax);
	memset(&si, 0, sizeof(si));
	r = ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(si), &si);
	CHECK(r > 0 && si.op == PTRACE_SYSCALL_INFO_SECCOMP && si.seccomp.nr == SYS_getpid &&
	      si.seccomp.ret_data == 0x42 && si.arch == AUDIT_ARCH_X86_64,
	      "GET_SYSCALL_INFO at seccomp stop: op %d nr %llu data 0x%x", si.op,
	      (unsigned long long)si.seccomp.nr, si.seccomp.ret_data);
	ptrace(PTRACE_CONT, pid, 0, 0);

	/* second getpid: skip it and supply the result */
	st = -1;
	waitpid(pid, &st, 0);
	CHECK(st != -1 && WIFSTOPPED(st) && (st >> 8) == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8)),
	      "RET_TRACE: second PTRACE_EVENT_SECCOMP (status 0x%x)", st);
	if (st == -1 || !WIFSTOPPED(st))
		goto out;
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	regs.orig_rax = -1;
	regs.rax = 777;
	r = ptrace(PTRACE_SETREGS, pid, 0, &regs);
	CHECK(r == 0, "SETREGS orig_rax = -1 (skip syscall)");
	ptrace(PTRACE_CONT, pid, 0, 0);

	n = 0;
	while (n < 2 && read(pfd[0], &out[n], sizeof(long)) == sizeof(long))
		n++;
	CHECK(n >= 1 && out[0] == pid, "traced syscall allowed by tracer ran (getpid %ld)",
	      n >= 1 ? out[0] : 0);
	CHECK(n >= 2 && out[1] == 777, "tracer skipped syscall and set result (%ld)",
	      n >= 2 ? out[1] : 0);
	st = -1;
	waitpid(pid, &st, 0);
	CHECK(EXITED0(st), "RET_TRACE tracee exited normally (status 0x%x)", st);
	pid = 0;
out:
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	cur_child = 0;
	close(pfd[0]);
}

/* ------------------------------------------------------------------ */

static void test_action_avail(void)
{
	unsigned int action;
	long r;

	action = SECCOMP_RET_KILL_PROCESS;
	r = syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
	CHECK(r == 0, "GET_ACTION_AVAIL(KILL_PROCESS) = 0 (%ld)", r);
	action = SECCOMP_RET_ERRNO;
	r = syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
	CHECK(r == 0, "GET_ACTION_AVAIL(ERRNO) = 0 (%ld)", r);
	action = 0x12340000;
	errno = 0;
	r = syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
	CHECK(r == -1 && errno == EOPNOTSUPP,
	      "GET_ACTION_AVAIL(bogus action) fails with EOPNOTSUPP (errno %d)", errno);
	errno = 0;
	r = syscall(SYS_seccomp, 0x7fff, 0, NULL);
	CHECK(r == -1 && errno == EINVAL, "seccomp(bogus op) fails with EINVAL");
	r = status_seccomp();
	CHECK(r == 0, "/proc/self/status shows Seccomp:\\t0 without seccomp (%ld)", r);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "seccomp-exec-check"))
		return exec_check();
	g_argv = argv;
	signal(SIGALRM, on_alarm);
	alarm(4);

	test_action_avail();
	test_strict();
	test_errno();
	test_kill();
	test_trap();
	test_args();
	test_stacking();
	test_inherit();
	test_trace();
	return tap_done();
}
