// SPDX-License-Identifier: GPL-2.0
/*
 * Guest address spaces and user mode: what both userspace backends share.
 *
 * Every guest address space is one host process: a fork of this program
 * that keeps only the stub region (stub-*.c) and maps guest pages from the
 * physical memory file as the kernel asks. How its code is run and its
 * traps caught is the backend's business: user-ptrace.c (PTRACE_SYSEMU)
 * or user-seccomp.c (a seccomp filter and a signal handler in the stub).
 * This file finds the address range and places the stub at boot, starts
 * the host processes, keeps the batch of mapping operations and sends the
 * calls of host.h to the backend chosen with um_backend=.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <elf.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <asm/prctl.h>
#include <sys/capability.h>
#include <linux/futex.h>

#include "user-priv.h"

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif

unsigned long user_stub_base;		/* the stub region */
unsigned long user_hole_end;		/* end of what guests cannot map above it */
unsigned long user_host_top;		/* end of the host's user address space */
unsigned long user_fpu_size;		/* bytes of an XSAVE image (0: FXSAVE only) */
unsigned long user_frame_fpu_size;	/* bytes of it a signal frame holds */
int user_have_fsgsbase;			/* user code may read FS/GS bases itself */

static const struct user_backend *backend;
static struct stub_zygote *zygote;	/* its orders page; NULL if there is none */
static int zygote_pid, zygote_cpu = -1;
static void start_zygote(void);
static const char *backend_asked;	/* um_backend= */
unsigned long user_mm_pages = 1;	/* shared pages per address space */
static cap_t no_caps;			/* what a stub holds: nothing */

static const struct user_backend *const backends[] = { &user_seccomp, &user_ptrace };

int host_user_backend_option(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (!strcmp(name, backends[i]->name)) {
			backend_asked = backends[i]->name;
			return 0;
		}
	return -1;
}

struct stub_config *user_stub_config(void)
{
	return (struct stub_config *)(user_stub_base + STUB_CONFIG);
}

/* ----- boot: address range, stub region, FPU state size ----- */

/* Highest address the host lets this process map, capped at 47 bits. */
static unsigned long probe_host_top(void)
{
	unsigned long lo = 1UL << 40, hi = 1UL << 47;	/* lo mappable, hi not */

	while (hi - lo > PAGE_SZ) {
		unsigned long mid = ((lo + hi) / 2) & ~(PAGE_SZ - 1);
		void *p = mmap((void *)mid, PAGE_SZ, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

		if (p == (void *)mid) {
			munmap(p, PAGE_SZ);
			lo = mid;
		} else if (p == MAP_FAILED && errno == EEXIST) {
			lo = mid;
		} else {
			if (p != MAP_FAILED)
				munmap(p, PAGE_SZ);
			hi = mid;
		}
	}
	return hi;
}

/*
 * Where guest memory may lie again above the stub region. Natively that is
 * right above it; under a guest kernel of this port the outer stub region
 * may follow, which cannot be mapped either. Mappings of this process
 * itself count as mappable: guest processes do not have them.
 */
static unsigned long probe_hole_end(unsigned long a)
{
	for (; a < user_host_top; a += STUB_REGION) {
		void *p = mmap((void *)a, PAGE_SZ, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

		if (p == (void *)a)
			munmap(p, PAGE_SZ);
		if (p == (void *)a || (p == MAP_FAILED && errno == EEXIST))
			return a;
		if (p != MAP_FAILED)
			munmap(p, PAGE_SZ);
	}
	return user_host_top;
}

/*
 * The bytes of a standard-format XSAVE image that holds these components:
 * what the host's signal frames carry, which can be less than its ptrace
 * image (that one always has room for every component the CPU has).
 */
static unsigned long xsave_size(unsigned long features)
{
	unsigned long size = 576;	/* legacy area and header */

	for (unsigned int i = 2; i < 64; i++) {
		unsigned int a, b, c, d;

		if (!(features & (1UL << i)))
			continue;
		__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0xd), "c"(i));
		if (a && b + a > size)
			size = b + a;
	}
	return size;
}

/*
 * The host's ptrace XSAVE image, from a throwaway child: its size, the
 * components it holds and the MXCSR mask.
 */
static void probe_fpu(struct host_boot_info *info)
{
	static char buf[65536] __attribute__((aligned(64)));
	struct iovec iov = { buf, sizeof(buf) };
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		host_die("cannot start a child process: %s", strerror(errno));
	if (!pid) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(0);
	}
	waitpid(pid, &status, __WALL);
	if (ptrace(PTRACE_GETREGSET, pid, NT_X86_XSTATE, &iov))
		iov.iov_len = 0;
	if (!iov.iov_len && ptrace(PTRACE_GETFPREGS, pid, 0, buf))
		host_die("cannot read the FPU state of a child process");
	kill(pid, SIGKILL);
	waitpid(pid, &status, __WALL);
	user_fpu_size = iov.iov_len;
	info->fpu_size = user_fpu_size ? user_fpu_size : 512;
	info->fpu_mxcsr_mask = *(unsigned int *)(buf + 28);
	if (!info->fpu_mxcsr_mask)
		info->fpu_mxcsr_mask = 0xffbf;
	info->fpu_xfeatures = 3;		/* x87 and SSE */
	if (user_fpu_size) {
		unsigned long perm = ~0UL;
		unsigned int lo, hi;

		/*
		 * The components the host enabled for user space (XCR0), less
		 * those a process must ask for first (AMX tile data): the host
		 * keeps them disabled (XFD) in the guest's processes, whose
		 * signal frames have no room for them, so an XRSTOR that names
		 * them reads past the frame.
		 */
		__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
		syscall(SYS_arch_prctl, ARCH_GET_XCOMP_PERM, &perm);
		info->fpu_xfeatures = (((unsigned long)hi << 32) | lo) & perm;
		user_frame_fpu_size = xsave_size(info->fpu_xfeatures);
	}
	user_stub_config()->xfeatures = info->fpu_xfeatures;
}

/*
 * The C library registers this thread for restartable sequences. A guest
 * process starts as a fork of this thread and unmaps the registered area,
 * after which the host could no longer deliver it a signal: unregister,
 * the kernel process has no use for it either.
 */
static void drop_rseq(void)
{
	void *area = (char *)__builtin_thread_pointer() + __rseq_offset;

	if (!__rseq_size)
		return;
	if (syscall(SYS_rseq, area, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG) &&
	    syscall(SYS_rseq, area, __rseq_size, RSEQ_FLAG_UNREGISTER, RSEQ_SIG))
		host_die("cannot unregister restartable sequences: %s", strerror(errno));
}

/*
 * The host's vsyscall page is in every guest process too: guest code sees
 * what the host's configuration allows (its calls come back to the kernel
 * as system calls, see the backends).
 */
static int host_vsyscall_mode(void)
{
	char line[256], perms[8];
	FILE *f = fopen("/proc/self/maps", "re");
	int mode = 0;

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[vsyscall]") && sscanf(line, "%*x-%*x %7s", perms) == 1)
			mode = perms[0] == 'r' ? 2 : 1;
	if (f)
		fclose(f);
	return mode;
}

/* The lowest address a process without CAP_SYS_RAWIO may map. */
static unsigned long host_mmap_min_addr(void)
{
	unsigned long v = PAGE_SZ;
	FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "re");

	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = 65536;
		fclose(f);
	}
	return (v + PAGE_SZ - 1) & ~(PAGE_SZ - 1);
}

/* Protection keys in user space (CPUID.7.0:ECX.OSPKE). */
static int host_has_pku(void)
{
	unsigned int a, b, c, d;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
	return !!(c & (1u << 4));
}

/* What the seccomp backend needs of the host; NULL if all is there. */
static const char *seccomp_missing(const struct host_boot_info *info)
{
	char buf[256] = "";
	int fd;

	if (!user_have_fsgsbase)
		return "the CPU or host kernel lacks FSGSBASE";
	if (!user_fpu_size)
		return "the host has no XSAVE";
	fd = open("/proc/sys/kernel/seccomp/actions_avail", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t n = read(fd, buf, sizeof(buf) - 1);

		close(fd);
		if (n > 0)
			buf[n] = '\0';
	}
	if (!strstr(buf, "trap"))
		return "the host kernel has no seccomp filters with SECCOMP_RET_TRAP";
	return NULL;
}

/* The default limit of host processes: a quarter of what the host allows. */
static unsigned long default_proc_limit(unsigned long threads_per_mm)
{
	unsigned long lim = 32768, v;
	struct rlimit rl;
	FILE *f;

	f = fopen("/proc/sys/kernel/pid_max", "re");
	if (f && fscanf(f, "%lu", &v) == 1 && v / 4 < lim)
		lim = v / 4;
	if (f)
		fclose(f);
	f = fopen("/proc/sys/kernel/threads-max", "re");
	if (f && fscanf(f, "%lu", &v) == 1 && v / 4 < lim)
		lim = v / 4;
	if (f)
		fclose(f);
	if (!getrlimit(RLIMIT_NPROC, &rl) && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur / 4 < lim)
		lim = rl.rlim_cur / 4;
	lim /= threads_per_mm;
	return lim < 16 ? 16 : lim;
}

void host_user_setup(struct host_boot_info *info, unsigned long proc_limit)
{
	unsigned long code = __um_stub_end - __um_stub_start;
	struct stub_config *cfg;
	unsigned long base;
	const char *missing;
	void *p = MAP_FAILED;
	int tries;

	if (code > STUB_CODE_MAX)
		host_die("stub code too large (%lu bytes)", code);
	drop_rseq();
	user_host_top = probe_host_top();
	/* The highest free 1 MiB-aligned MiB, below which guest memory lies. */
	base = (user_host_top & ~(STUB_REGION - 1)) - STUB_REGION;
	for (tries = 0; tries < 64; tries++, base -= STUB_REGION) {
		p = mmap((void *)base, STUB_REGION, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (p == (void *)base)
			break;
		if (p != MAP_FAILED)
			munmap(p, STUB_REGION);
	}
	if (p != (void *)base)
		host_die("no room for the stub below %#lx", user_host_top);
	user_stub_base = base;
	user_hole_end = probe_hole_end(base + STUB_REGION);
	memcpy((void *)(base + STUB_CODE), __um_stub_start, code);

	probe_fpu(info);
	user_have_fsgsbase = !!(info->elf_hwcap2 & 2);	/* HWCAP2_FSGSBASE */
	info->vsyscall = host_vsyscall_mode();
	info->user_hole_start = base;
	info->user_hole_end = user_hole_end;
	info->user_top = user_host_top;
	info->user_bottom = host_mmap_min_addr();

	missing = seccomp_missing(info);
	if (backend_asked && !strcmp(backend_asked, "seccomp") && missing)
		host_die_usage("um_backend=seccomp: %s", missing);
	if (!backend_asked && missing)
		fprintf(stderr, "linux: the seccomp backend cannot run here (%s): using ptrace\n",
			missing);
	backend = (backend_asked && !strcmp(backend_asked, "ptrace")) || missing ?
		  &user_ptrace : &user_seccomp;
	info->user_backend = backend->name;

	cfg = user_stub_config();
	cfg->phys_fd = host_phys_fd();
	cfg->flags = host_has_pku() ? STUB_CFG_PKU : 0;
	cfg->hole_end = user_hole_end;
	cfg->top = user_host_top;
	backend->setup(info);
	user_mm_pages = info->mm_pages;
	cfg->data_pages = user_mm_pages;
	user_build_filters(cfg);
	user_find_host_vdso(cfg, info);
	mprotect((void *)(base + STUB_CODE), STUB_CODE_MAX + STUB_CONFIG_MAX,
		 PROT_READ | PROT_EXEC);

	info->mm_limit = proc_limit ? proc_limit :
			 default_proc_limit(backend == &user_seccomp ? 2 : 1);
	no_caps = cap_init();
	if (!no_caps)
		host_die("cannot make a capability set: %s", strerror(errno));
	start_zygote();
}

/*
 * The kernel process keeps no capabilities once set up: its devices need
 * none today. The bounding set goes too, so that a restart (an exec of
 * this program) gets none back.
 */
/*
 * Empty the bounding set as far as the host lets this process (it needs
 * CAP_SETPCAP): -1 with errno on a failure other than that. Safe after a
 * fork (prctl calls only).
 */
static int drop_bounding_set(void)
{
	cap_value_t c;

	if (!CAP_IS_SUPPORTED(CAP_SETPCAP))
		return 0;
	for (c = 0; c <= CAP_LAST_CAP; c++)
		if (CAP_IS_SUPPORTED(c) && cap_get_bound(c) > 0 && cap_drop_bound(c) &&
		    errno != EPERM)
			return -1;
	return 0;
}

void host_drop_privileges(void)
{
	if (drop_bounding_set())
		host_die("cannot empty the capability bounding set: %s", strerror(errno));
	if (cap_reset_ambient() && errno != EINVAL)
		host_die("cannot clear ambient capabilities: %s", strerror(errno));
	if (cap_set_proc(no_caps))
		host_die("cannot drop capabilities: %s", strerror(errno));
}

/* ----- host processes ----- */

static long clone_to_stub(long kind, unsigned long data_phys);

/*
 * The zygote (stub-code.c): a process of the stub region alone. Forking it
 * instead of this program makes a new address space much cheaper to start
 * and to end. Its orders page is shared with this process only; without
 * one, new processes are forked from this program directly.
 */
static void start_zygote(void)
{
	void *p = mmap((void *)(user_stub_base + STUB_ZYGOTE), PAGE_SZ, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	sigset_t old;
	long pid;

	if (p == MAP_FAILED)
		return;
	host_block_all_signals(&old);
	pid = clone_to_stub(2, 0);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (pid <= 0)
		return;
	zygote = p;
	zygote_pid = pid;
}

/* A new process from the zygote, or -errno (none, or it is gone). */
static long zygote_spawn(long kind, unsigned long data_phys)
{
	struct stub_zygote *z = zygote;
	unsigned int seq, i;
	siginfo_t si;

	if (!z)
		return -ESRCH;
	/* On this CPU, like the new process at first: nothing waits for a wakeup elsewhere. */
	i = sched_getcpu();
	if (i != (unsigned int)zygote_cpu) {
		user_pin(zygote_pid, i);
		zygote_cpu = i;
	}
	z->kind = kind;
	z->data_phys = data_phys;
	seq = z->seq + 1;
	__atomic_store_n(&z->seq, seq, __ATOMIC_RELEASE);
	syscall(SYS_futex, &z->seq, FUTEX_WAKE, 1, NULL, NULL, 0);
	for (i = 0; __atomic_load_n(&z->done, __ATOMIC_ACQUIRE) != seq; i++) {
		if ((i & 255) == 255) {
			si.si_pid = 0;
			if (!waitid(P_PID, zygote_pid, &si, WEXITED | WNOHANG) && si.si_pid) {
				zygote = NULL;
				return -ESRCH;
			}
		}
		sched_yield();
	}
	return z->pid;
}

/*
 * In the new child, still a copy of this program: drop every capability,
 * the bounding set's too (the kernel process may still hold some for its
 * devices, and the zygote starts before it drops them), then jump to
 * the stub on its stack with the arguments stub_child_entry takes. Only
 * code that is safe after a fork runs here: no allocation, no locks.
 */
void user_child_start(long kind, unsigned long data_phys, long ppid)
	__attribute__((noreturn, used));

void user_child_start(long kind, unsigned long data_phys, long ppid)
{
	if (drop_bounding_set() || cap_set_proc(no_caps))
		_exit(7);
	{
		register long r13 __asm__("r13") = kind;
		register unsigned long r14 __asm__("r14") = data_phys;
		register long r15 __asm__("r15") = ppid;

		__asm__ volatile("movq %0, %%rsp\n\t"
				 "jmp *%1"
				 : : "r"(user_stub_base + STUB_STACK + STUB_STACK_SIZE - 8),
				     "r"(stub_addr(stub_child_entry)), "r"(r13), "r"(r14), "r"(r15));
	}
	__builtin_unreachable();
}

/* fork() this program onto the stub stack; the child prepares and jumps to the stub. */
static long clone_to_stub(long kind, unsigned long data_phys)
{
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = 0;
	register long r13 __asm__("r13") = kind;
	register unsigned long r14 __asm__("r14") = data_phys;
	register long r15 __asm__("r15") = getpid();
	unsigned long sp = user_stub_base + STUB_STACK + STUB_STACK_SIZE - 64;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "testq %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "movq %%r13, %%rdi\n\t"
			 "movq %%r14, %%rsi\n\t"
			 "movq %%r15, %%rdx\n\t"
			 "xorl %%ebp, %%ebp\n\t"
			 "call user_child_start\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(SYS_clone), "D"((long)SIGCHLD), "S"(sp), "d"(0L),
			   "r"(r10), "r"(r8), "r"(r13), "r"(r14), "r"(r15)
			 : "rcx", "r11", "memory");
	return ret;
}

int user_wait_stop(int pid, int *status)
{
	for (;;) {
		if (waitpid(pid, status, __WALL) == pid)
			return 0;
		if (errno != EINTR)
			return -errno;
	}
}

/*
 * A host process that died of a signal the guest can cause itself (a
 * fault in its own handler's frame, say) takes its guest task with it as
 * a native process would go: SIGSEGV. Anything else from outside kills.
 */
void user_reaped(struct host_mm *hm, int status)
{
	int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;

	hm->pid = 0;
	hm->dead = sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGSYS ||
		   sig == SIGFPE || sig == SIGTRAP ? SIGSEGV : SIGKILL;
}

int user_broken(struct host_mm *hm)
{
	int status;

	if (hm->pid) {
		kill(hm->pid, SIGKILL);
		while (waitpid(hm->pid, &status, __WALL) < 0 && errno == EINTR)
			;
		hm->pid = 0;
	}
	hm->dead = SIGSEGV;
	return -ESRCH;
}

void user_pin(int tid, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	/* The system call: sched_setaffinity() in this program is the kernel's. */
	syscall(SYS_sched_setaffinity, tid, sizeof(set), &set);
}

int host_mm_create(struct host_mm *hm, unsigned long data_phys, void *data)
{
	sigset_t old;
	int status, err;
	long pid;

	memset(hm, 0, sizeof(*hm));
	hm->data = data;
	hm->cpu = -1;
	memset(data, 0, user_mm_pages * PAGE_SZ);

	/*
	 * No interrupt in between: the kernel could switch to another task
	 * that gives the zygote an order of its own over this one. And a
	 * child forked here must not run this program's signal handlers.
	 */
	host_block_all_signals(&old);
	pid = zygote_spawn(backend->stub_kind, data_phys);
	if (pid == -ESRCH)	/* no zygote */
		pid = clone_to_stub(backend->stub_kind, data_phys);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (pid < 0)
		return pid;
	hm->pid = pid;
	err = backend->started(hm);
	if (err) {
		if (hm->pid) {
			kill(hm->pid, SIGKILL);
			while (waitpid(hm->pid, &status, __WALL) < 0 && errno == EINTR)
				;
		}
		hm->pid = 0;
		return err;
	}
	return 0;
}

void host_mm_destroy(struct host_mm *hm)
{
	int status;

	/* A child already reaped is not signalled: its pid may be another's now. */
	if (!hm->pid)
		return;
	kill(hm->pid, SIGKILL);
	while (waitpid(hm->pid, &status, __WALL) == hm->pid || errno == EINTR)
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
	hm->pid = 0;
	hm->dead = SIGKILL;
}

void host_mm_kick(struct host_mm *hm)
{
	if (hm->pid)
		backend->kick(hm);
}

/*
 * The kernel waits while the guest runs and the guest waits while the
 * kernel runs: they are best on the same host CPU, where handing over
 * is a plain context switch instead of a wakeup on another CPU. So the
 * host process is kept on the CPU the kernel thread is on, and follows
 * when the host scheduler moves the kernel thread.
 */
static void follow_kernel_cpu(struct host_mm *hm)
{
	int cpu = sched_getcpu();

	if (cpu < 0 || cpu == hm->cpu || !hm->pid)
		return;
	backend->affinity(hm, cpu);
	hm->cpu = cpu;
}

/* ----- mapping operations, carried out by the stub in batches ----- */

static int apply_ops(struct host_mm *hm)
{
	unsigned int n = hm->nops;

	if (!n)
		return 0;
	hm->nops = 0;
	if (hm->dead)
		return -ESRCH;
	return backend->apply(hm, n);
}

static int host_mmap_prot(int prot)
{
	return (prot & HOST_PROT_READ ? PROT_READ : 0) |
	       (prot & HOST_PROT_WRITE ? PROT_WRITE : 0) |
	       (prot & HOST_PROT_EXEC ? PROT_EXEC : 0);
}

static int queue_op(struct host_mm *hm, unsigned int kind, unsigned long addr,
		    unsigned long len, unsigned long offset, int prot)
{
	struct stub_op *last = hm->nops ? &hm->ops[hm->nops - 1] : NULL;

	/* Extend the previous operation when this one continues it. */
	if (last && last->kind == kind && last->prot == prot &&
	    last->addr + last->len == addr &&
	    (kind != STUB_OP_MMAP || last->offset + last->len == offset)) {
		last->len += len;
		return 0;
	}
	if (hm->nops == hm->max_ops) {
		int err = apply_ops(hm);

		if (err)
			return err;
	}
	hm->ops[hm->nops++] = (struct stub_op) {
		.kind = kind, .prot = prot, .addr = addr, .len = len, .offset = offset,
	};
	return 0;
}

/*
 * Guest memory never reaches into the stub region or above the host's top:
 * mapping there is refused; unmapping and protecting leave it out.
 */
static int add_op(struct host_mm *hm, unsigned int kind, unsigned long addr,
		  unsigned long len, unsigned long offset, int prot)
{
	unsigned long end = addr + len;
	int err = 0;

	if (end < addr)
		return -EINVAL;
	if (kind == STUB_OP_MMAP) {
		if (end > user_host_top || (end > user_stub_base && addr < user_hole_end))
			return -EINVAL;
		return queue_op(hm, kind, addr, len, offset, prot);
	}
	end = end < user_host_top ? end : user_host_top;
	if (addr < user_stub_base && addr < end)
		err = queue_op(hm, kind, addr,
			       (end < user_stub_base ? end : user_stub_base) - addr, 0, prot);
	if (!err && end > user_hole_end) {
		addr = addr > user_hole_end ? addr : user_hole_end;
		if (addr < end)
			err = queue_op(hm, kind, addr, end - addr, 0, prot);
	}
	return err;
}

int host_mm_map(struct host_mm *hm, unsigned long va, unsigned long len,
		unsigned long phys, int prot)
{
	return add_op(hm, STUB_OP_MMAP, va, len, phys, host_mmap_prot(prot));
}

int host_mm_unmap(struct host_mm *hm, unsigned long va, unsigned long len)
{
	return add_op(hm, STUB_OP_MUNMAP, va, len, 0, 0);
}

int host_mm_protect(struct host_mm *hm, unsigned long va, unsigned long len, int prot)
{
	return add_op(hm, STUB_OP_MPROTECT, va, len, 0, host_mmap_prot(prot));
}

int host_mm_sync(struct host_mm *hm)
{
	return apply_ops(hm);
}

int host_mm_flush(struct host_mm *hm)
{
	/* Under ptrace no guest code runs while the kernel does. */
	return backend == &user_ptrace ? 0 : apply_ops(hm);
}

int host_mm_reset(struct host_mm *hm)
{
	int err;

	hm->nops = 0;
	err = add_op(hm, STUB_OP_MUNMAP, 0, user_host_top, 0, 0);
	return err ? err : apply_ops(hm);
}

/* ----- running user code ----- */

int host_mm_run(struct host_mm *hm, unsigned long *regs, const void *fpu_load,
		struct host_trap *trap)
{
	int err;

	memset(trap, 0, sizeof(*trap));
	if (hm->dead) {
		trap->kind = HOST_TRAP_DEAD;
		trap->signo = hm->dead;
		return 0;
	}
	/* Only a kick from now on is news: the kernel did its work before. */
	hm->kicked = 0;
	follow_kernel_cpu(hm);
	err = apply_ops(hm);
	if (!err && fpu_load)
		err = backend->set_fpu(hm, fpu_load);
	if (err == -ESRCH || hm->dead) {
		trap->kind = HOST_TRAP_DEAD;
		trap->signo = hm->dead ? hm->dead : SIGKILL;
		return 0;
	}
	if (err)
		return err;
	/* A kick while the stub worked: user code need not start. */
	if (hm->kicked) {
		trap->kind = HOST_TRAP_INTERRUPT;
		return 0;
	}
	err = backend->run(hm, regs, trap);
	if (err == -ESRCH || hm->dead) {
		trap->kind = HOST_TRAP_DEAD;
		trap->signo = hm->dead ? hm->dead : SIGKILL;
		return 0;
	}
	return err;
}

int host_mm_get_fpu(struct host_mm *hm, void *fpu)
{
	return backend->get_fpu(hm, fpu);
}

int host_mm_set_fpu(struct host_mm *hm, const void *fpu)
{
	return backend->set_fpu(hm, fpu);
}

/* ----- decoding traps ----- */

int user_is_vsyscall(unsigned long a, long nr)
{
	return a >= HOST_VSYSCALL_ADDR && a < HOST_VSYSCALL_ADDR + PAGE_SZ &&
	       (nr == SYS_gettimeofday || nr == SYS_time || nr == SYS_getcpu);
}

/* The x86 exception behind a synchronous signal, as a native kernel reports it. */
unsigned long user_trap_number(int sig, int code)
{
	switch (sig) {
	case SIGILL:
		return 6;				/* #UD */
	case SIGTRAP:
		return code == SI_KERNEL ? 3 : 1;	/* int3: #BP; else #DB */
	case SIGFPE:
		if (code == FPE_INTDIV)
			return 0;			/* #DE */
		if (code == FPE_INTOVF)
			return 4;			/* #OF */
		return 19;				/* #XM, SIMD floating point */
	case SIGBUS:
		return code == BUS_ADRALN ? 17 : 14;	/* #AC, or a page fault */
	default:
		return 0;
	}
}
