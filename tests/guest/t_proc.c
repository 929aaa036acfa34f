// SPDX-License-Identifier: GPL-2.0
/*
 * Processes and threads from a guest process: fork, vfork, a raw clone()
 * thread (TLS, parent/child tid words, futex wake on exit), clone3 with
 * and without CLONE_PIDFD, execve (arguments, environment, auxiliary
 * vector, errors, #! scripts), zombies and the wait family, exit_group and
 * SIGKILL with several threads, pthread mutexes/condition variables, TLS
 * and the FS/GS bases, process ids across fork and threads, PR_SET_NAME,
 * many short-lived children, sessions, process groups and kill(0, ...).
 *
 * Child modes (re-exec through /proc/self/exe): "--exec-child" reports its
 * view of argv/envp/auxv through a pipe, "--interp-child" is the
 * interpreter of a #! script. Children never write to stdout; they report
 * through exit statuses and pipes.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <asm/prctl.h>
#include <linux/futex.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tap.h"

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

extern char **environ;
extern char _start[];
extern const ElfW(Ehdr) __ehdr_start;

/* ---- watchdog and child bookkeeping ---- */

static pid_t kids[512];
static volatile int nkids;

static void track(pid_t p)
{
	if (p > 0 && nkids < (int)(sizeof(kids) / sizeof(kids[0])))
		kids[nkids++] = p;
}

static void put_num(char *buf, int *len, int v)
{
	char tmp[16];
	int n = 0;

	if (v == 0)
		tmp[n++] = '0';
	while (v > 0) {
		tmp[n++] = '0' + v % 10;
		v /= 10;
	}
	while (n)
		buf[(*len)++] = tmp[--n];
}

static void on_alarm(int sig)
{
	char buf[128];
	const char *msg = " - watchdog: test did not finish in time\n";
	int len = 0, i;

	(void)sig;
	memcpy(buf, "not ok ", 7);
	len = 7;
	put_num(buf, &len, tap_n + 1);
	memcpy(buf + len, msg, strlen(msg));
	len += strlen(msg);
	if (write(1, buf, len) < 0)
		_exit(1);
	for (i = 0; i < nkids; i++)
		kill(kids[i], SIGKILL);
	_exit(1);
}

/* In every child: no watchdog output, die on our own if orphaned or stuck. */
static void child_init(void)
{
	signal(SIGALRM, SIG_DFL);
	alarm(10);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
}

static pid_t xfork(void)
{
	pid_t p;

	fflush(stdout);
	p = fork();
	if (p == 0)
		child_init();
	else
		track(p);
	return p;
}

/*
 * Wait for a child, but give up (killing it) after 2 s so that a kernel
 * bug gives a "not ok" line rather than a hang. Returns 0 and the status,
 * or -1.
 */
static int wait_child(pid_t pid, int *st)
{
	int pfd = syscall(SYS_pidfd_open, pid, 0);

	*st = -1;
	if (pfd >= 0) {
		struct pollfd p = { .fd = pfd, .events = POLLIN };
		int r = poll(&p, 1, 2000);

		close(pfd);
		if (r == 0) {
			kill(pid, SIGKILL);
			waitpid(pid, st, 0);
			*st = -1;
			return -1;
		}
	}
	return waitpid(pid, st, 0) == pid ? 0 : -1;
}

static int exited_with(int st, int code)
{
	return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == code;
}

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t n = 0;
	ssize_t r;

	if (fd < 0)
		return -1;
	while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	return n;
}

/* State letter of /proc/PID[/task/TID]/stat, or 0. */
static char proc_state(const char *path)
{
	char buf[1024], *p;

	if (read_file(path, buf, sizeof(buf)) <= 0)
		return 0;
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return 0;
	return p[2];
}

/* Poll until the task's state is 'S' (blocked); bounded by the watchdog. */
static int wait_sleeping(const char *statpath)
{
	struct timespec ts = { 0, 1000000 };
	int i;

	for (i = 0; i < 2000; i++) {
		if (proc_state(statpath) == 'S')
			return 1;
		nanosleep(&ts, NULL);
	}
	return 0;
}

/* ---- child modes ---- */

static int exec_child_main(int argc, char **argv)
{
	static char buf[8192];
	int fd, n = 0, i, envc = 0, cloexec_fd;
	const unsigned char *rnd;
	int rnd_nonzero = 0;
	const char *execfn;
	const char *cfd = getenv("T_PROC_CLOEXEC");

	alarm(10);
	if (argc < 3)
		return 100;
	fd = atoi(argv[2]);
	n += snprintf(buf + n, sizeof(buf) - n, "argc=%d\n", argc);
	for (i = 0; i < argc && i < 10; i++)
		n += snprintf(buf + n, sizeof(buf) - n, "argv%d=%s\n", i, argv[i]);
	n += snprintf(buf + n, sizeof(buf) - n, "argvnull=%d\n", argv[argc] == NULL);
	for (envc = 0; environ[envc]; envc++)
		if (envc < 10)
			n += snprintf(buf + n, sizeof(buf) - n, "env%d=%s\n", envc, environ[envc]);
	n += snprintf(buf + n, sizeof(buf) - n, "envc=%d\n", envc);
	n += snprintf(buf + n, sizeof(buf) - n, "pid=%d\n", (int)getpid());
	n += snprintf(buf + n, sizeof(buf) - n, "pagesz=%lu\n", getauxval(AT_PAGESZ));
	n += snprintf(buf + n, sizeof(buf) - n, "entry_ok=%d\n",
		      getauxval(AT_ENTRY) == (unsigned long)_start);
	n += snprintf(buf + n, sizeof(buf) - n, "phdr_ok=%d\n",
		      getauxval(AT_PHDR) == (unsigned long)&__ehdr_start + __ehdr_start.e_phoff);
	n += snprintf(buf + n, sizeof(buf) - n, "phnum_ok=%d\n",
		      getauxval(AT_PHNUM) == __ehdr_start.e_phnum);
	rnd = (const unsigned char *)getauxval(AT_RANDOM);
	if (rnd)
		for (i = 0; i < 16; i++)
			rnd_nonzero |= rnd[i];
	n += snprintf(buf + n, sizeof(buf) - n, "random_ok=%d\n", rnd != NULL && rnd_nonzero != 0);
	execfn = (const char *)getauxval(AT_EXECFN);
	n += snprintf(buf + n, sizeof(buf) - n, "execfn=%s\n", execfn ? execfn : "(null)");
	cloexec_fd = cfd ? atoi(cfd) : -1;
	n += snprintf(buf + n, sizeof(buf) - n, "cloexec_closed=%d\n",
		      cloexec_fd >= 0 && fcntl(cloexec_fd, F_GETFD) == -1 && errno == EBADF);
	n += snprintf(buf + n, sizeof(buf) - n, "uid_ok=%d\n",
		      getauxval(AT_UID) == getuid() && getauxval(AT_EUID) == geteuid());
	if (write(fd, buf, n) != n)
		return 101;
	return 0;
}

/* Interpreter of a "#!<this program> --interp-child" script run with one argument "x1". */
static int interp_child_main(int argc, char **argv)
{
	const char *script = getenv("T_PROC_SCRIPT");
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	int bad = 0;

	if (argc != 4)
		return 50 + (argc & 7);
	if (strcmp(argv[1], "--interp-child"))
		bad |= 1;
	if (!script || strcmp(argv[2], script))
		bad |= 2;
	if (strcmp(argv[3], "x1"))
		bad |= 4;
	if (!execfn || !script || strcmp(execfn, script))
		bad |= 8;
	return bad ? bad : 42;
}

/* ---- fork / vfork ---- */

static volatile int fork_var;

static void test_fork(void)
{
	int to_child[2], from_child[2];
	pid_t me = getpid(), p, seen = -1;
	char c = 'g';
	int st;

	if (pipe(to_child) || pipe(from_child)) {
		CHECK(0, "fork: pipes");
		return;
	}
	fork_var = 1;
	p = xfork();
	if (p == 0) {
		int bad = 0;
		pid_t my = getpid();

		close(to_child[1]);
		close(from_child[0]);
		if (getppid() != me)
			bad |= 1;
		if (my == me)
			bad |= 2;
		if (syscall(SYS_gettid) != my)
			bad |= 4;
		if (write(from_child[1], &my, sizeof(my)) != sizeof(my))
			bad |= 8;
		/* the parent has now changed its copy: ours must not change */
		if (read(to_child[0], &c, 1) != 1)
			bad |= 16;
		if (fork_var != 1)
			bad |= 32;
		fork_var = 2;
		_exit(bad);
	}
	close(to_child[0]);
	close(from_child[1]);
	CHECK(p > 0, "fork returns the child's pid (%d) in the parent", (int)p);
	if (p < 0)
		return;
	fork_var = 5;
	if (read(from_child[0], &seen, sizeof(seen)) != sizeof(seen))
		seen = -1;
	CHECK(seen == p, "fork: child got 0 and its getpid() (%d) equals the parent's return value", (int)seen);
	if (write(to_child[1], &c, 1) != 1)
		CHECK(0, "fork: pipe write");
	wait_child(p, &st);
	CHECK(exited_with(st, 0),
	      "fork: child has getppid()==parent, gettid()==getpid(), own memory copy (status %#x)", st);
	CHECK(fork_var == 5, "fork: child's write to its copy is not seen by the parent");
	close(to_child[1]);
	close(from_child[0]);
}

static volatile int vf_stage;
static volatile long vf_pid;

static void test_vfork(void)
{
	pid_t p;
	int st, seen;

	vf_stage = 0;
	vf_pid = 0;
	fflush(stdout);
	p = vfork();
	if (p == 0) {
		int i;

		vf_stage = 1;
		vf_pid = syscall(SYS_getpid);
		for (i = 0; i < 50; i++)
			syscall(SYS_sched_yield);
		vf_stage = 2;
		_exit(3);
	}
	seen = vf_stage;
	track(p);
	CHECK(p > 0 && seen == 2,
	      "vfork: parent resumes only after the child's _exit and sees its writes (stage %d)", seen);
	CHECK(vf_pid == p, "vfork: child's getpid() (%ld) written to shared memory equals vfork's return", vf_pid);
	wait_child(p, &st);
	CHECK(exited_with(st, 3), "vfork: child's exit status 3 is reported (%#x)", st);
}

/* ---- raw clone thread ---- */

static long rsys3(long n, long a, long b, long c)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(n), "D"(a), "S"(b), "d"(c)
		     : "rcx", "r11", "memory");
	return ret;
}

/* clone(); the child calls fn(arg) on the new stack and exits with its result. */
static long raw_clone(unsigned long flags, void *stack_top, int *ptid, int *ctid, void *tls,
		      int (*fn)(void *), void *arg)
{
	register long rax asm("rax") = SYS_clone;
	register unsigned long rdi asm("rdi") = flags;
	register void *rsi asm("rsi") = stack_top;
	register int *rdx asm("rdx") = ptid;
	register int *r10 asm("r10") = ctid;
	register void *r8 asm("r8") = tls;
	register void *r9 asm("r9") = (void *)fn;
	register void *r12 asm("r12") = arg;

	asm volatile("syscall\n\t"
		     "test %%rax, %%rax\n\t"
		     "jnz 1f\n\t"
		     "xor %%ebp, %%ebp\n\t"
		     "mov %%r12, %%rdi\n\t"
		     "call *%%r9\n\t"
		     "mov %%eax, %%edi\n\t"
		     "mov $60, %%eax\n\t"
		     "syscall\n\t"
		     "hlt\n"
		     "1:"
		     : "+r"(rax)
		     : "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10), "r"(r8), "r"(r9), "r"(r12)
		     : "rcx", "r11", "memory");
	return rax;
}

struct clone_info {
	volatile long tid, pid, fs0, stack_addr;
	int pipe_rd;
};

static struct {
	void *self;
	long pad[63];
} fake_tcb __attribute__((aligned(64)));

static volatile int clone_ptid, clone_ctid;

/* Runs with a foreign TLS: no libc, no stack protector. */
__attribute__((noinline, optimize("no-stack-protector")))
static int clone_child_fn(void *arg)
{
	struct clone_info *ci = arg;
	volatile long local = 0;
	long fs0;
	char c;

	asm volatile("mov %%fs:0, %0" : "=r"(fs0));
	ci->fs0 = fs0;
	ci->tid = rsys3(SYS_gettid, 0, 0, 0);
	ci->pid = rsys3(SYS_getpid, 0, 0, 0);
	ci->stack_addr = (long)&local;
	rsys3(SYS_read, ci->pipe_rd, (long)&c, 1);
	return 0;
}

struct waker_arg {
	pid_t main_tid;
	volatile long *child_tid;
	int pipe_wr;
	int ok;
};

/* Release the clone child once both it and the main thread are blocked. */
static void *waker_fn(void *a)
{
	struct waker_arg *w = a;
	char path[64];
	int i;

	w->ok = 0;
	for (i = 0; i < 2000000 && *w->child_tid == 0; i++)
		sched_yield();
	snprintf(path, sizeof(path), "/proc/self/task/%ld/stat", *w->child_tid);
	if (!wait_sleeping(path))
		goto out;
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)w->main_tid);
	if (!wait_sleeping(path))
		goto out;
	w->ok = 1;
out:
	if (write(w->pipe_wr, "x", 1) != 1)
		w->ok = 0;
	return NULL;
}

static void test_raw_clone_thread(void)
{
	const unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
				    CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |
				    CLONE_CHILD_CLEARTID;
	const size_t stack_size = 64 * 1024;
	static struct clone_info ci;
	struct waker_arg wa;
	pthread_t waker;
	int pfd[2], woken = 0, waits = 0;
	char *stack;
	long r;

	if (pipe(pfd)) {
		CHECK(0, "clone: pipe");
		return;
	}
	stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stack == MAP_FAILED) {
		CHECK(0, "clone: stack mmap");
		return;
	}
	memset(&ci, 0, sizeof(ci));
	ci.pipe_rd = pfd[0];
	fake_tcb.self = &fake_tcb;
	clone_ptid = 0;
	clone_ctid = 0x5a5a;

	r = raw_clone(flags, stack + stack_size, (int *)&clone_ptid, (int *)&clone_ctid, &fake_tcb,
		      clone_child_fn, &ci);
	CHECK(r > 0, "clone(CLONE_THREAD|CLONE_SETTLS|...) returns the new thread's tid (%ld)", r);
	if (r <= 0)
		return;
	CHECK(clone_ptid == r, "clone: CLONE_PARENT_SETTID wrote the tid (%d) to the parent's word",
	      clone_ptid);

	wa.main_tid = gettid();
	wa.child_tid = &ci.tid;
	wa.pipe_wr = pfd[1];
	if (pthread_create(&waker, NULL, waker_fn, &wa)) {
		CHECK(0, "clone: waker thread");
		return;
	}
	/* Sleep on the child-tid word until the exiting thread clears it and wakes us. */
	while (clone_ctid != 0 && waits++ < 10) {
		struct timespec ts = { 1, 0 };
		long fr = syscall(SYS_futex, &clone_ctid, FUTEX_WAIT, 0x5a5a, &ts, NULL, 0);

		if (fr == 0)
			woken = 1;
		else if (errno == ETIMEDOUT)
			break;
	}
	pthread_join(waker, NULL);
	CHECK(wa.ok, "clone: thread and parent were both blocked before the thread was released");
	CHECK(clone_ctid == 0 && woken,
	      "clone: CLONE_CHILD_CLEARTID cleared the word (%d) and FUTEX_WAIT was woken (%d)",
	      clone_ctid, woken);
	CHECK(ci.tid == r, "clone: thread's gettid() (%ld) equals clone's return value", ci.tid);
	CHECK(ci.pid == getpid(), "clone: CLONE_THREAD thread's getpid() (%ld) equals the parent's",
	      ci.pid);
	CHECK(ci.fs0 == (long)&fake_tcb, "clone: CLONE_SETTLS set the thread pointer (%%fs:0 = %#lx)",
	      ci.fs0);
	CHECK(ci.stack_addr >= (long)stack && ci.stack_addr < (long)(stack + stack_size),
	      "clone: thread ran on the provided stack (local at %#lx)", ci.stack_addr);
	close(pfd[0]);
	close(pfd[1]);
	/* the stack is leaked on purpose: the kernel may still be finishing the thread's exit */
}

/* ---- clone3 ---- */

struct clone_args_k {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

static void test_clone3(void)
{
	struct clone_args_k ca;
	volatile int ptid = 0;
	int pidfd = -1, st;
	pid_t me = getpid();
	long r;
	siginfo_t si;
	struct pollfd pp;

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_PARENT_SETTID;
	ca.parent_tid = (uintptr_t)&ptid;
	ca.exit_signal = SIGCHLD;
	fflush(stdout);
	r = syscall(SYS_clone3, &ca, sizeof(ca));
	if (r == 0) {
		child_init();
		_exit(getppid() == me ? 21 : 22);
	}
	track(r);
	CHECK(r > 0, "clone3 creates a process (%ld, errno %d)", r, r < 0 ? errno : 0);
	if (r > 0) {
		CHECK(ptid == r, "clone3: CLONE_PARENT_SETTID wrote the child's pid (%d)", ptid);
		wait_child(r, &st);
		CHECK(exited_with(st, 21), "clone3: child ran with clone3 returning 0, its parent is us (%#x)", st);
	}

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_PIDFD;
	ca.pidfd = (uintptr_t)&pidfd;
	ca.exit_signal = SIGCHLD;
	fflush(stdout);
	r = syscall(SYS_clone3, &ca, sizeof(ca));
	if (r == 0)
		_exit(7);
	track(r);
	CHECK(r > 0 && pidfd >= 0, "clone3(CLONE_PIDFD) returns a pid (%ld) and a pidfd (%d)", r, pidfd);
	if (r <= 0 || pidfd < 0)
		return;
	CHECK(fcntl(pidfd, F_GETFD) == FD_CLOEXEC, "clone3: the pidfd is close-on-exec");
	pp.fd = pidfd;
	pp.events = POLLIN;
	pp.revents = 0;
	CHECK(poll(&pp, 1, 2000) == 1 && (pp.revents & POLLIN), "clone3: pidfd polls readable once the child exits");
	memset(&si, 0, sizeof(si));
	st = waitid(P_PIDFD, pidfd, &si, WEXITED);
	CHECK(st == 0 && si.si_pid == r && si.si_code == CLD_EXITED && si.si_status == 7,
	      "clone3: waitid(P_PIDFD) reaps the child: pid %d code %d status %d", (int)si.si_pid, si.si_code,
	      si.si_status);
	CHECK(waitpid(r, &st, WNOHANG) == -1 && errno == ECHILD, "clone3: child is gone after waitid(P_PIDFD)");
	close(pidfd);
}

/* ---- execve ---- */

static int has_line(const char *buf, const char *line)
{
	size_t n = strlen(line);
	const char *p = buf;

	while ((p = strstr(p, line))) {
		if ((p == buf || p[-1] == '\n') && p[n] == '\n')
			return 1;
		p++;
	}
	return 0;
}

static void test_exec_self(void)
{
	static char out[8192];
	int pfd[2], st, n = 0;
	char fdarg[16], cloexec_env[48], line[64];
	pid_t p;
	ssize_t r;

	if (pipe2(pfd, O_CLOEXEC)) {
		CHECK(0, "exec: pipe");
		return;
	}
	p = xfork();
	if (p == 0) {
		char *argv[] = { "t_proc-argv0", "--exec-child", fdarg, "hello world", "", "last", NULL };
		char *envp[] = { "FOO=bar", "T_PROC_SPACE=a b c", cloexec_env, NULL };

		if (dup2(pfd[1], 10) != 10)
			_exit(120);
		snprintf(fdarg, sizeof(fdarg), "%d", 10);
		snprintf(cloexec_env, sizeof(cloexec_env), "T_PROC_CLOEXEC=%d", pfd[1]);
		execve("/proc/self/exe", argv, envp);
		_exit(121);
	}
	close(pfd[1]);
	while (n < (int)sizeof(out) - 1 && (r = read(pfd[0], out + n, sizeof(out) - 1 - n)) > 0)
		n += r;
	out[n] = 0;
	close(pfd[0]);
	wait_child(p, &st);
	CHECK(exited_with(st, 0) && n > 0, "execve(/proc/self/exe): new image ran and reported (%#x, %d bytes)", st, n);
	CHECK(has_line(out, "argc=6") && has_line(out, "argvnull=1"), "execve: argc is 6 and argv[argc] is NULL");
	CHECK(has_line(out, "argv0=t_proc-argv0") && has_line(out, "argv1=--exec-child") &&
		      has_line(out, "argv2=10") && has_line(out, "argv3=hello world") && has_line(out, "argv4=") &&
		      has_line(out, "argv5=last"),
	      "execve: argv strings arrive intact (including spaces and an empty string)");
	CHECK(has_line(out, "envc=3") && has_line(out, "env0=FOO=bar") && has_line(out, "env1=T_PROC_SPACE=a b c"),
	      "execve: envp arrives exactly as passed");
	snprintf(line, sizeof(line), "pid=%d", (int)p);
	CHECK(has_line(out, line), "execve: the pid is unchanged across exec");
	CHECK(has_line(out, "pagesz=4096"), "auxv: AT_PAGESZ is 4096");
	CHECK(has_line(out, "entry_ok=1"), "auxv: AT_ENTRY is the address of _start");
	CHECK(has_line(out, "phdr_ok=1") && has_line(out, "phnum_ok=1"),
	      "auxv: AT_PHDR/AT_PHNUM point at the loaded program headers");
	CHECK(has_line(out, "random_ok=1"), "auxv: AT_RANDOM points at 16 random bytes");
	CHECK(has_line(out, "execfn=/proc/self/exe"), "auxv: AT_EXECFN is the path given to execve");
	CHECK(has_line(out, "uid_ok=1"), "auxv: AT_UID/AT_EUID match getuid()/geteuid()");
	CHECK(has_line(out, "cloexec_closed=1"), "execve: an O_CLOEXEC descriptor is closed in the new image");
}

static void test_exec_errors(void)
{
	char *argv[] = { "x", NULL };
	char path[64];
	int fd, st, r;
	pid_t p;

	snprintf(path, sizeof(path), "/tmp/t_proc_no_such_file_%d", (int)getpid());
	unlink(path);
	errno = 0;
	r = execve(path, argv, environ);
	CHECK(r == -1 && errno == ENOENT, "execve of a nonexistent file fails with ENOENT and returns (errno %d)", errno);
	errno = 0;
	r = execve("/tmp", argv, environ);
	CHECK(r == -1 && errno == EACCES, "execve of a directory fails with EACCES (errno %d)", errno);

	snprintf(path, sizeof(path), "/tmp/t_proc_noexec_%d", (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, "#!/bin/sh\nexit 99\n", 18) != 18) {
		CHECK(0, "exec: create %s", path);
		return;
	}
	close(fd);
	chmod(path, 0644);
	p = xfork();
	if (p == 0) {
		execve(path, argv, environ);
		_exit(errno & 0xff);
	}
	wait_child(p, &st);
	CHECK(exited_with(st, EACCES), "execve of a file without execute permission fails with EACCES (%#x)", st);
	unlink(path);
}

static void test_exec_scripts(void)
{
	char path[64], self[512], script_env[600], text[700];
	int fd, st, len;
	pid_t p;
	ssize_t sl;

	/* a #! script whose interpreter is this program: needs no shell */
	sl = readlink("/proc/self/exe", self, sizeof(self) - 1);
	snprintf(path, sizeof(path), "/tmp/t_proc_interp_%d", (int)getpid());
	if (sl <= 0 || sl > 200) {
		printf("# skipped: #! script with this program as interpreter (exe path unusable)\n");
	} else {
		self[sl] = 0;
		len = snprintf(text, sizeof(text), "#!%s --interp-child\nignored\n", self);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
		if (fd < 0 || write(fd, text, len) != len) {
			CHECK(0, "exec: create %s", path);
			return;
		}
		close(fd);
		p = xfork();
		if (p == 0) {
			char *argv[] = { "script-argv0", "x1", NULL };
			char *envp[] = { script_env, NULL };

			snprintf(script_env, sizeof(script_env), "T_PROC_SCRIPT=%s", path);
			execve(path, argv, envp);
			_exit(120);
		}
		wait_child(p, &st);
		CHECK(exited_with(st, 42),
		      "#! script: interpreter runs with argv = {interp, optional arg, script path, args} (%#x)", st);
		unlink(path);
	}

	if (access("/bin/sh", X_OK) != 0) {
		printf("# skipped: #!/bin/sh script (no /bin/sh)\n");
		return;
	}
	snprintf(path, sizeof(path), "/tmp/t_proc_sh_%d", (int)getpid());
	len = snprintf(text, sizeof(text),
		       "#!/bin/sh\n"
		       "[ \"$0\" = \"%s\" ] || exit 1\n"
		       "[ \"$1\" = \"a b\" ] || exit 2\n"
		       "[ \"$T_PROC_V\" = \"42\" ] || exit 3\n"
		       "exit 37\n",
		       path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0 || write(fd, text, len) != len) {
		CHECK(0, "exec: create %s", path);
		return;
	}
	close(fd);
	p = xfork();
	if (p == 0) {
		char *argv[] = { path, "a b", NULL };
		char *envp[] = { "T_PROC_V=42", NULL };

		execve(path, argv, envp);
		_exit(120);
	}
	wait_child(p, &st);
	CHECK(exited_with(st, 37), "#!/bin/sh script runs with its arguments and environment (%#x)", st);
	unlink(path);
}

/* ---- zombies and the wait family ---- */

static void test_zombie_wait(void)
{
	char path[64];
	siginfo_t si;
	struct rusage ru;
	int st, r;
	char state;
	pid_t p;

	p = xfork();
	if (p == 0) {
		size_t sz = 2 << 20;
		char *m = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m != MAP_FAILED)
			memset(m, 1, sz);
		_exit(5);
	}
	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, p, &si, WEXITED | WNOWAIT);
	CHECK(r == 0 && si.si_pid == p && si.si_code == CLD_EXITED && si.si_status == 5,
	      "waitid(WEXITED|WNOWAIT) reports the exited child (pid %d code %d status %d)", (int)si.si_pid,
	      si.si_code, si.si_status);
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)p);
	state = proc_state(path);
	CHECK(state == 'Z', "an exited child that is not waited for is a zombie (state %c)", state ? state : '?');
	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, p, &si, WEXITED | WNOWAIT | WNOHANG);
	CHECK(r == 0 && si.si_pid == p && si.si_status == 5, "WNOWAIT left the child waitable");
	memset(&ru, 0, sizeof(ru));
	r = wait4(p, &st, 0, &ru);
	CHECK(r == p && WIFEXITED(st) && WEXITSTATUS(st) == 5, "wait4 returns the pid and exit status 5 (%d, %#x)",
	      r, st);
	CHECK(ru.ru_maxrss >= 2048 && ru.ru_minflt > 0,
	      "wait4 returns the child's rusage (maxrss %ld kB after touching 2 MiB, minflt %ld)", ru.ru_maxrss,
	      ru.ru_minflt);
	CHECK(access(path, F_OK) == -1 && errno == ENOENT, "a reaped zombie is gone from /proc");
	CHECK(waitpid(p, &st, WNOHANG) == -1 && errno == ECHILD, "waiting for a reaped child gives ECHILD");

	/* WNOHANG on a running child */
	{
		int pfd[2];
		char c;

		if (pipe(pfd)) {
			CHECK(0, "wait: pipe");
			return;
		}
		p = xfork();
		if (p == 0) {
			close(pfd[1]);
			_exit(read(pfd[0], &c, 1) == 0 ? 9 : 10);
		}
		close(pfd[0]);
		CHECK(waitpid(p, &st, WNOHANG) == 0, "waitpid(WNOHANG) on a running child returns 0");
		close(pfd[1]);
		wait_child(p, &st);
		CHECK(exited_with(st, 9), "child saw EOF once the parent closed the pipe (%#x)", st);
	}
}

/* ---- exit_group / SIGKILL with threads ---- */

static int block_fd = -1;

static void *block_thread(void *a)
{
	char c;
	int *report = a;

	if (report) {
		pid_t t = gettid();

		if (write(*report, &t, sizeof(t)) != sizeof(t))
			return NULL;
	}
	while (read(block_fd, &c, 1) != 0)
		;
	return NULL;
}

static void *exit_group_thread(void *a)
{
	(void)a;
	syscall(SYS_exit_group, 33);
	return NULL;
}

static void test_exit_group_kill(void)
{
	int st, pfd[2], rep[2], i, ntask;
	pid_t p, tids[4];
	char path[64], c;
	DIR *d;
	struct dirent *de;

	if (pipe(pfd) || pipe(rep)) {
		CHECK(0, "threads: pipes");
		return;
	}
	/* exit_group from a secondary thread ends every thread with its status */
	p = xfork();
	if (p == 0) {
		pthread_t t;

		block_fd = pfd[0];
		close(pfd[1]);
		for (i = 0; i < 2; i++)
			pthread_create(&t, NULL, block_thread, NULL);
		pthread_create(&t, NULL, exit_group_thread, NULL);
		while (read(block_fd, &c, 1) != 0)
			;
		_exit(1);
	}
	wait_child(p, &st);
	CHECK(exited_with(st, 33), "exit_group(33) from a thread ends the whole process with status 33 (%#x)", st);

	/* SIGKILL to a process with 4 threads */
	p = xfork();
	if (p == 0) {
		pthread_t t;

		block_fd = pfd[0];
		close(pfd[1]);
		close(rep[0]);
		for (i = 0; i < 3; i++)
			pthread_create(&t, NULL, block_thread, &rep[1]);
		block_thread(&rep[1]);
		_exit(1);
	}
	close(rep[1]);
	for (i = 0; i < 4; i++)
		if (read(rep[0], &tids[i], sizeof(tids[i])) != sizeof(tids[i]))
			break;
	CHECK(i == 4, "multithreaded child started 4 threads");
	snprintf(path, sizeof(path), "/proc/%d/task", (int)p);
	ntask = 0;
	d = opendir(path);
	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.')
			ntask++;
	if (d)
		closedir(d);
	CHECK(ntask == 4, "/proc/PID/task of the child lists 4 threads (%d)", ntask);
	kill(p, SIGKILL);
	wait_child(p, &st);
	CHECK(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "SIGKILL ends a multithreaded process (%#x)", st);
	close(rep[0]);

	/* SIGKILL sent to one non-main thread kills the whole process */
	if (pipe(rep)) {
		CHECK(0, "threads: pipe");
		return;
	}
	p = xfork();
	if (p == 0) {
		pthread_t t;

		block_fd = pfd[0];
		close(pfd[1]);
		close(rep[0]);
		pthread_create(&t, NULL, block_thread, &rep[1]);
		block_thread(NULL);
		_exit(1);
	}
	close(rep[1]);
	if (read(rep[0], &tids[0], sizeof(tids[0])) != sizeof(tids[0]))
		tids[0] = -1;
	close(rep[0]);
	CHECK(tids[0] > 0 && tids[0] != p && syscall(SYS_tgkill, p, tids[0], SIGKILL) == 0,
	      "tgkill(SIGKILL) to a secondary thread is accepted");
	wait_child(p, &st);
	CHECK(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "SIGKILL to one thread ends the whole process (%#x)", st);
	close(pfd[0]);
	close(pfd[1]);
}

/* ---- pthreads ---- */

static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *count_thread(void *a)
{
	int i;

	(void)a;
	for (i = 0; i < 10000; i++) {
		pthread_mutex_lock(&count_lock);
		counter++;
		pthread_mutex_unlock(&count_lock);
	}
	return NULL;
}

static pthread_mutex_t cv_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int cv_turn, cv_rounds;

static void *pong_thread(void *a)
{
	int i;

	(void)a;
	for (i = 0; i < 1000; i++) {
		pthread_mutex_lock(&cv_lock);
		while (cv_turn != 1)
			pthread_cond_wait(&cv, &cv_lock);
		cv_turn = 0;
		cv_rounds++;
		pthread_cond_signal(&cv);
		pthread_mutex_unlock(&cv_lock);
	}
	return NULL;
}

static void test_pthreads(void)
{
	pthread_t t[8], pt;
	int i, created = 0, r;
	struct timespec ts;

	counter = 0;
	for (i = 0; i < 8; i++)
		if (pthread_create(&t[i], NULL, count_thread, NULL) == 0)
			created++;
	for (i = 0; i < created; i++)
		pthread_join(t[i], NULL);
	CHECK(created == 8 && counter == 80000, "8 threads x 10000 mutex-protected increments = %ld", counter);

	cv_turn = 0;
	cv_rounds = 0;
	if (pthread_create(&pt, NULL, pong_thread, NULL)) {
		CHECK(0, "pthread_create pong");
		return;
	}
	for (i = 0; i < 1000; i++) {
		pthread_mutex_lock(&cv_lock);
		cv_turn = 1;
		pthread_cond_signal(&cv);
		while (cv_turn != 0)
			pthread_cond_wait(&cv, &cv_lock);
		pthread_mutex_unlock(&cv_lock);
	}
	pthread_join(pt, NULL);
	CHECK(cv_rounds == 1000, "pthread_cond_wait/signal ping-pong: 1000 rounds (%d)", cv_rounds);

	pthread_mutex_lock(&cv_lock);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 10 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	r = pthread_cond_timedwait(&cv, &cv_lock, &ts);
	pthread_mutex_unlock(&cv_lock);
	CHECK(r == ETIMEDOUT, "pthread_cond_timedwait with nobody signalling times out (%d)", r);
}

/* ---- TLS, FS and GS ---- */

static __thread int tls_var = 11;
static pthread_barrier_t tls_barrier;

struct tls_res {
	int idx;
	int init_ok, own_ok;
	int *addr;
	unsigned long fs_prctl, fs0, self;
	pid_t pid, tid, ppid;
};

static unsigned long read_fs0(void)
{
	unsigned long v;

	asm volatile("mov %%fs:0, %0" : "=r"(v));
	return v;
}

static void *tls_thread(void *a)
{
	struct tls_res *res = a;

	res->init_ok = tls_var == 11;
	tls_var = 100 + res->idx;
	pthread_barrier_wait(&tls_barrier);
	res->own_ok = tls_var == 100 + res->idx;
	res->addr = &tls_var;
	if (syscall(SYS_arch_prctl, ARCH_GET_FS, &res->fs_prctl))
		res->fs_prctl = 0;
	res->fs0 = read_fs0();
	res->self = (unsigned long)pthread_self();
	res->pid = getpid();
	res->tid = gettid();
	res->ppid = getppid();
	pthread_barrier_wait(&tls_barrier);
	return NULL;
}

static void test_tls(void)
{
	struct tls_res res[4];
	pthread_t t[4];
	unsigned long fs = 0, fs0;
	int i, ok_init = 1, ok_own = 1, ok_addr = 1, ok_fs = 1, ok_ids = 1;

	tls_var = 7;
	pthread_barrier_init(&tls_barrier, NULL, 5);
	for (i = 0; i < 4; i++) {
		memset(&res[i], 0, sizeof(res[i]));
		res[i].idx = i;
		if (pthread_create(&t[i], NULL, tls_thread, &res[i])) {
			CHECK(0, "tls: pthread_create");
			return;
		}
	}
	pthread_barrier_wait(&tls_barrier);
	pthread_barrier_wait(&tls_barrier);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&tls_barrier);

	CHECK(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs) == 0, "arch_prctl(ARCH_GET_FS) succeeds");
	fs0 = read_fs0();
	CHECK(fs != 0 && fs == fs0 && fs == (unsigned long)pthread_self(),
	      "ARCH_GET_FS (%#lx) equals %%fs:0 (%#lx), the thread pointer", fs, fs0);
	for (i = 0; i < 4; i++) {
		int j;

		ok_init &= res[i].init_ok;
		ok_own &= res[i].own_ok;
		if (res[i].addr == &tls_var)
			ok_addr = 0;
		for (j = 0; j < i; j++)
			if (res[i].addr == res[j].addr || res[i].fs0 == res[j].fs0)
				ok_addr = 0;
		if (res[i].fs_prctl != res[i].fs0 || res[i].fs0 != res[i].self || res[i].fs0 == fs)
			ok_fs = 0;
		if (res[i].pid != getpid() || res[i].tid == gettid() || res[i].tid <= 0 ||
		    res[i].ppid != getppid())
			ok_ids = 0;
	}
	CHECK(ok_init, "__thread variable starts at its initial value in each new thread");
	CHECK(ok_own && tls_var == 7, "__thread variable keeps a separate value per thread (main %d)", tls_var);
	CHECK(ok_addr, "__thread variable and thread pointer have distinct addresses per thread");
	CHECK(ok_fs, "in each thread ARCH_GET_FS == %%fs:0 == pthread_self(), different from main's");
	CHECK(ok_ids, "threads share getpid()/getppid() and have their own gettid()");
}

static void test_gs(void)
{
	static unsigned long gsbuf[2] = { 0x1122334455667788UL, 0x99aabbccddeeff00UL };
	unsigned long old = 1, cur = 0, v0 = 0, v1 = 0;
	int r;

	r = syscall(SYS_arch_prctl, ARCH_GET_GS, &old);
	CHECK(r == 0, "arch_prctl(ARCH_GET_GS) succeeds (old %#lx)", old);
	r = syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)gsbuf);
	CHECK(r == 0, "arch_prctl(ARCH_SET_GS) succeeds");
	syscall(SYS_arch_prctl, ARCH_GET_GS, &cur);
	if (r == 0) {
		asm volatile("mov %%gs:0, %0" : "=r"(v0));
		asm volatile("mov %%gs:8, %0" : "=r"(v1));
	}
	sched_yield();
	CHECK(cur == (unsigned long)gsbuf, "ARCH_GET_GS returns the base just set (%#lx)", cur);
	CHECK(v0 == gsbuf[0] && v1 == gsbuf[1], "%%gs-relative loads read through the new GS base");
	if (r == 0) {
		unsigned long after = 0;

		asm volatile("mov %%gs:8, %0" : "=r"(after));
		CHECK(after == gsbuf[1], "GS base survives a sched_yield");
	}
	syscall(SYS_arch_prctl, ARCH_SET_GS, old);
	cur = 1;
	syscall(SYS_arch_prctl, ARCH_GET_GS, &cur);
	CHECK(cur == old, "GS base restored to %#lx", old);
}

/* ---- ids, names, many children, sessions and groups ---- */

struct fork_from_thread {
	int st;
};

static void *fork_thread(void *a)
{
	struct fork_from_thread *f = a;
	pid_t parent = getpid();
	pid_t p = xfork();

	if (p == 0)
		_exit(getppid() == parent ? 0 : 1);
	wait_child(p, &f->st);
	return NULL;
}

static void *name_thread(void *a)
{
	int *pfd = a;
	char c;
	pid_t t = gettid();

	prctl(PR_SET_NAME, "t_proc-worker");
	if (write(pfd[1], &t, sizeof(t)) != sizeof(t))
		return NULL;
	if (read(pfd[0], &c, 1) != 1)
		return NULL;
	return NULL;
}

static void test_ids_names(void)
{
	struct fork_from_thread f = { -1 };
	pthread_t t;
	char buf[64], path[64], gname[32];
	int pfd[2], tpfd[2];
	pid_t wt = -1;

	CHECK(gettid() == getpid(), "main thread: gettid() == getpid()");
	CHECK(sched_yield() == 0, "sched_yield() returns 0");
	if (pthread_create(&t, NULL, fork_thread, &f) == 0)
		pthread_join(t, NULL);
	CHECK(exited_with(f.st, 0), "child forked from a secondary thread has getppid() == process id (%#x)", f.st);

	CHECK(prctl(PR_SET_NAME, "t_proc-name") == 0, "prctl(PR_SET_NAME) succeeds");
	read_file("/proc/self/comm", buf, sizeof(buf));
	CHECK(!strcmp(buf, "t_proc-name\n"), "/proc/self/comm shows the new name (%.*s)", (int)strcspn(buf, "\n"), buf);
	memset(gname, 0, sizeof(gname));
	prctl(PR_GET_NAME, gname);
	CHECK(!strcmp(gname, "t_proc-name"), "prctl(PR_GET_NAME) returns it");
	prctl(PR_SET_NAME, "abcdefghijklmnopqrstuvwxyz");
	read_file("/proc/self/comm", buf, sizeof(buf));
	CHECK(!strcmp(buf, "abcdefghijklmno\n"), "PR_SET_NAME truncates to 15 characters (%.*s)", (int)strcspn(buf, "\n"), buf);

	if (pipe(pfd) || pipe(tpfd)) {
		CHECK(0, "names: pipes");
		return;
	}
	{
		int a[2] = { tpfd[0], pfd[1] };

		if (pthread_create(&t, NULL, name_thread, a)) {
			CHECK(0, "names: pthread_create");
			return;
		}
		if (read(pfd[0], &wt, sizeof(wt)) != sizeof(wt))
			wt = -1;
		snprintf(path, sizeof(path), "/proc/self/task/%d/comm", (int)wt);
		read_file(path, buf, sizeof(buf));
		CHECK(!strcmp(buf, "t_proc-worker\n"), "a thread's PR_SET_NAME shows in /proc/self/task/TID/comm (%.*s)",
		      (int)strcspn(buf, "\n"), buf);
		read_file("/proc/self/comm", buf, sizeof(buf));
		CHECK(!strcmp(buf, "abcdefghijklmno\n"), "... and does not change the main thread's comm");
		if (write(tpfd[1], "x", 1) != 1)
			CHECK(0, "names: pipe write");
		pthread_join(t, NULL);
	}
	close(pfd[0]);
	close(pfd[1]);
	close(tpfd[0]);
	close(tpfd[1]);
	prctl(PR_SET_NAME, "t_proc");
}

static void test_many_children(void)
{
	int i, ok = 0, st;
	pid_t p;

	for (i = 0; i < 100; i++) {
		fflush(stdout);
		p = fork();
		if (p == 0)
			_exit(i);
		if (p < 0)
			break;
		track(p);
		if (waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == i)
			ok++;
		nkids--;
	}
	CHECK(ok == 100, "100 children: fork, exit(i), wait gives status i each time (%d ok)", ok);
}

static volatile sig_atomic_t usr1_count;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_count++;
}

static void test_sessions_groups(void)
{
	int st, pfd[2];
	pid_t p, me = getpid();
	char c;
	struct sigaction sa;

	/* setsid in a child */
	p = xfork();
	if (p == 0) {
		int bad = 0;
		pid_t my = getpid();

		if (setsid() != my)
			bad |= 1;
		if (getsid(0) != my)
			bad |= 2;
		if (getpgrp() != my)
			bad |= 4;
		if (setsid() != -1 || errno != EPERM)
			bad |= 8;
		if (getsid(getppid()) == my)
			bad |= 16;
		_exit(bad);
	}
	wait_child(p, &st);
	CHECK(exited_with(st, 0),
	      "setsid: child becomes session and group leader, a second setsid fails EPERM (%#x)", st);

	/* setpgid from the parent */
	if (pipe(pfd)) {
		CHECK(0, "setpgid: pipe");
		return;
	}
	p = xfork();
	if (p == 0) {
		close(pfd[1]);
		if (read(pfd[0], &c, 1) != 0)
			_exit(3);
		_exit(getpgrp() == getpid() ? 0 : 1);
	}
	close(pfd[0]);
	CHECK(getpgid(p) == getpgrp(), "a new child starts in the parent's process group");
	st = setpgid(p, p);
	CHECK(st == 0 && getpgid(p) == p, "setpgid(child, child) makes it a group leader");
	CHECK(getpgrp() != p, "the parent's own process group is unchanged");
	close(pfd[1]);
	wait_child(p, &st);
	CHECK(exited_with(st, 0), "the child sees its new process group (%#x)", st);

	/* kill(0, sig) reaches every member of the caller's group, and nobody else */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	usr1_count = 0;
	p = xfork();
	if (p == 0) {
		sigset_t set, empty;
		pid_t g[2];
		int i, bad = 0, gst;

		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		sigemptyset(&empty);
		sigprocmask(SIG_BLOCK, &set, NULL);
		if (setpgid(0, 0))
			_exit(64);
		for (i = 0; i < 2; i++) {
			g[i] = fork();
			if (g[i] == 0) {
				child_init();
				sigsuspend(&empty);
				_exit(usr1_count == 1 ? 10 : 11);
			}
		}
		if (kill(0, SIGUSR1))
			bad |= 1;
		sigsuspend(&empty);
		if (usr1_count != 1)
			bad |= 2;
		for (i = 0; i < 2; i++)
			if (g[i] < 0 || waitpid(g[i], &gst, 0) != g[i] || !WIFEXITED(gst) || WEXITSTATUS(gst) != 10)
				bad |= 4 << i;
		if (getppid() != me)
			bad |= 16;
		_exit(bad);
	}
	wait_child(p, &st);
	CHECK(exited_with(st, 0), "kill(0, SIGUSR1) signals the caller and both members of its group (%#x)", st);
	CHECK(usr1_count == 0, "kill(0, ...) from another group does not reach the parent");
	signal(SIGUSR1, SIG_DFL);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "--exec-child"))
		return exec_child_main(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "--interp-child"))
		return interp_child_main(argc, argv);

	signal(SIGALRM, on_alarm);
	alarm(4);
	signal(SIGPIPE, SIG_IGN);

	test_fork();
	test_vfork();
	test_raw_clone_thread();
	test_clone3();
	test_exec_self();
	test_exec_errors();
	test_exec_scripts();
	test_zombie_wait();
	test_exit_group_kill();
	test_pthreads();
	test_tls();
	test_gs();
	test_ids_names();
	test_many_children();
	test_sessions_groups();
	return tap_done();
}
