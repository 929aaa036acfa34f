// SPDX-License-Identifier: GPL-2.0
/*
 * Guest address spaces and user mode, the ptrace backend.
 *
 * Every guest address space is one host process: a fork of this program
 * that keeps only the stub region (stub-code.c) and maps guest pages from
 * the physical memory file as the kernel asks. Its code runs under
 * PTRACE_SYSEMU, so each of its system calls stops it before the host
 * kernel does anything, and the guest kernel serves it instead.
 *
 * host_mm_run() is the backend's one verb: run this address space with
 * these registers until it traps, and say why.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <elf.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "host-priv.h"
#include "stub.h"

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif
#define PAGE_SZ		4096UL
#define KICK_SIGNAL	SIGVTALRM	/* the kernel stops a running guest with it */
#ifndef SYS_SECCOMP
#define SYS_SECCOMP	1		/* si_code of a seccomp SIGSYS */
#endif

/*
 * The command page is writable by guest code, so nothing the kernel relies
 * on is kept there between runs: the number of queued operations lives
 * here and is written to the page only just before the stub runs.
 */
struct host_mm {
	int pid;			/* the host process, 0 if none */
	int dead;			/* it is gone */
	unsigned int nops;		/* operations queued in the page */
	int cpu;			/* host CPU it is kept on, -1 if none */
	struct stub_page *page;		/* its command page, in the direct map */
};
_Static_assert(sizeof(struct host_mm) <= HOST_MM_SIZE, "HOST_MM_SIZE too small");

static unsigned long stub_base;		/* the stub region */
static unsigned long hole_end;		/* end of what guests cannot map above it */
static unsigned long host_top;		/* end of the host's user address space */
static unsigned long fpu_size;		/* bytes of an XSAVE image (0: FXSAVE only) */
static int have_fsgsbase;		/* user code may read FS/GS bases itself */

static unsigned long stub_addr(void *sym)
{
	return stub_base + ((char *)sym - __um_stub_start);
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
	for (; a < host_top; a += STUB_REGION) {
		void *p = mmap((void *)a, PAGE_SZ, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

		if (p == (void *)a)
			munmap(p, PAGE_SZ);
		if (p == (void *)a || (p == MAP_FAILED && errno == EEXIST))
			return a;
		if (p != MAP_FAILED)
			munmap(p, PAGE_SZ);
	}
	return host_top;
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
	fpu_size = iov.iov_len;
	info->fpu_size = fpu_size ? fpu_size : 512;
	info->fpu_mxcsr_mask = *(unsigned int *)(buf + 28);
	if (!info->fpu_mxcsr_mask)
		info->fpu_mxcsr_mask = 0xffbf;
	info->fpu_xfeatures = 3;		/* x87 and SSE */
	if (fpu_size) {
		unsigned int lo, hi;

		/* The components the host enabled for user space: XCR0. */
		__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
		info->fpu_xfeatures = ((unsigned long)hi << 32) | lo;
	}
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
 * as system calls, see host_mm_run).
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

void host_user_setup(struct host_boot_info *info)
{
	unsigned long code = __um_stub_end - __um_stub_start;
	unsigned long base;
	void *p = MAP_FAILED;
	int tries;

	if (code > STUB_CODE_MAX)
		host_die("stub code too large (%lu bytes)", code);
	drop_rseq();
	host_top = probe_host_top();
	/* The highest free 1 MiB-aligned MiB, below which guest memory lies. */
	base = (host_top & ~(STUB_REGION - 1)) - STUB_REGION;
	for (tries = 0; tries < 64; tries++, base -= STUB_REGION) {
		p = mmap((void *)base, STUB_REGION, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (p == (void *)base)
			break;
		if (p != MAP_FAILED)
			munmap(p, STUB_REGION);
	}
	if (p != (void *)base)
		host_die("no room for the stub below %#lx", host_top);
	stub_base = base;
	hole_end = probe_hole_end(base + STUB_REGION);
	memcpy((void *)(base + STUB_CODE), __um_stub_start, code);
	mprotect((void *)(base + STUB_CODE), STUB_CODE_MAX, PROT_READ | PROT_EXEC);

	probe_fpu(info);
	have_fsgsbase = !!(info->elf_hwcap2 & 2);	/* HWCAP2_FSGSBASE */
	info->vsyscall = host_vsyscall_mode();
	info->user_hole_start = base;
	info->user_hole_end = hole_end;
	info->user_top = host_top;
}

/* ----- host processes ----- */

/* fork() this program onto the stub stack; the child jumps to the stub. */
static long clone_to_stub(long fd, unsigned long page_phys)
{
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = 0;
	register unsigned long r12 __asm__("r12") = stub_addr(stub_child_entry);
	register long r13 __asm__("r13") = fd;
	register unsigned long r14 __asm__("r14") = page_phys;
	register long r15 __asm__("r15") = getpid();
	unsigned long sp = stub_base + STUB_STACK + STUB_STACK_SIZE;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "testq %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "jmp *%%r12\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(SYS_clone), "D"((long)SIGCHLD), "S"(sp), "d"(0L),
			   "r"(r10), "r"(r8), "r"(r12), "r"(r13), "r"(r14), "r"(r15),
			   "b"(host_top)
			 : "rcx", "r11", "memory");
	return ret;
}

static int wait_stop(int pid, int *status)
{
	for (;;) {
		if (waitpid(pid, status, __WALL) == pid)
			return 0;
		if (errno != EINTR)
			return -errno;
	}
}

int host_mm_create(struct host_mm *hm, unsigned long page_phys, void *page)
{
	sigset_t old;
	int status, err;
	long pid;

	memset(hm, 0, sizeof(*hm));
	hm->page = page;
	hm->cpu = -1;
	memset(page, 0, STUB_PAGE_SIZE);
	((struct stub_page *)page)->use_fsgsbase = have_fsgsbase;

	/* The child must not run this program's signal handlers. */
	host_block_all_signals(&old);
	pid = clone_to_stub(host_phys_fd(), page_phys);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (pid < 0)
		return pid;

	err = wait_stop(pid, &status);
	if (err || !WIFSTOPPED(status) || WSTOPSIG(status) != SIGTRAP) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, __WALL);
		return err ? err : -ECHILD;
	}
	if (ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)) {
		err = -errno;
		kill(pid, SIGKILL);
		waitpid(pid, &status, __WALL);
		return err;
	}
	hm->pid = pid;
	return 0;
}

void host_mm_destroy(struct host_mm *hm)
{
	int status;

	if (!hm->pid)
		return;
	kill(hm->pid, SIGKILL);
	while (waitpid(hm->pid, &status, __WALL) == hm->pid || errno == EINTR)
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
	hm->pid = 0;
}

void host_mm_kick(struct host_mm *hm)
{
	if (hm->pid)
		syscall(SYS_tgkill, hm->pid, hm->pid, KICK_SIGNAL);
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
	cpu_set_t set;

	if (cpu < 0 || cpu == hm->cpu)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	/* The system call: sched_setaffinity() in this program is the kernel's. */
	if (!syscall(SYS_sched_setaffinity, hm->pid, sizeof(set), &set))
		hm->cpu = cpu;
}

/* ----- mapping operations, carried out by the stub in batches ----- */

static void set_stub_regs(struct user_regs_struct *r, unsigned long ip)
{
	memset(r, 0, sizeof(*r));
	r->rip = ip;
	r->rsp = stub_base + STUB_STACK + STUB_STACK_SIZE - 8;
	r->cs = 0x33;
	r->ss = 0x2b;
	r->eflags = 0x202;
}

/* Let the stub run until its trap; other stops are dropped. */
static int run_stub_until_trap(struct host_mm *hm)
{
	int status, sig = 0, err;

	for (;;) {
		if (ptrace(PTRACE_CONT, hm->pid, 0, sig))
			return -errno;
		err = wait_stop(hm->pid, &status);
		if (err)
			return err;
		if (!WIFSTOPPED(status)) {
			hm->dead = 1;
			return -ESRCH;
		}
		if (WSTOPSIG(status) == SIGTRAP)
			return 0;
		/* A kick or a stray signal: the stub has no use for it. */
		sig = 0;
	}
}

static int apply_ops(struct host_mm *hm)
{
	struct stub_page *page = hm->page;
	struct user_regs_struct r;
	unsigned int n = hm->nops;
	int err;

	if (!n)
		return 0;
	hm->nops = 0;
	if (hm->dead)
		return -ESRCH;
	set_stub_regs(&r, stub_addr(stub_run_ops));
	r.rdi = host_phys_fd();
	r.rsi = n;
	if (ptrace(PTRACE_SETREGS, hm->pid, 0, &r))
		return -errno;
	err = run_stub_until_trap(hm);
	if (err)
		return err;
	if (page->done != n)
		return page->error < 0 && page->error >= -4095 ? (int)page->error : -EIO;
	return 0;
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
	struct stub_page *page = hm->page;
	struct stub_op *last = hm->nops ? &page->ops[hm->nops - 1] : NULL;
	/* Extend the previous operation when this one continues it. */
	if (last && last->kind == kind && last->prot == prot &&
	    last->addr + last->len == addr &&
	    (kind != STUB_OP_MMAP || last->offset + last->len == offset)) {
		last->len += len;
		return 0;
	}
	if (hm->nops == STUB_MAX_OPS) {
		int err = apply_ops(hm);

		if (err)
			return err;
	}
	page->ops[hm->nops++] = (struct stub_op) {
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
		if (end > host_top || (end > stub_base && addr < hole_end))
			return -EINVAL;
		return queue_op(hm, kind, addr, len, offset, prot);
	}
	end = end < host_top ? end : host_top;
	if (addr < stub_base && addr < end)
		err = queue_op(hm, kind, addr, (end < stub_base ? end : stub_base) - addr, 0, prot);
	if (!err && end > hole_end) {
		addr = addr > hole_end ? addr : hole_end;
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

int host_mm_reset(struct host_mm *hm)
{
	int err;

	hm->nops = 0;
	err = add_op(hm, STUB_OP_MUNMAP, 0, host_top, 0, 0);
	return err ? err : apply_ops(hm);
}

/* ----- running user code ----- */

static void regs_to_host(const unsigned long *regs, struct user_regs_struct *r)
{
	memcpy(r, regs, sizeof(*r));
	r->cs = 0x33;
	r->ss = 0x2b;
	r->ds = r->es = r->fs = r->gs = 0;
}

/* The fault handler's copy of the registers (mcontext order) into ours. */
static void gregs_to_regs(const unsigned long *g, unsigned long *regs)
{
	struct user_regs_struct *r = (struct user_regs_struct *)regs;

	r->r8 = g[0];  r->r9 = g[1];  r->r10 = g[2];  r->r11 = g[3];
	r->r12 = g[4]; r->r13 = g[5]; r->r14 = g[6];  r->r15 = g[7];
	r->rdi = g[8]; r->rsi = g[9]; r->rbp = g[10]; r->rbx = g[11];
	r->rdx = g[12]; r->rax = g[13]; r->rcx = g[14]; r->rsp = g[15];
	r->rip = g[16]; r->eflags = g[17];
	r->orig_rax = -1;
}

int host_mm_set_fpu(struct host_mm *hm, const void *fpu)
{
	struct iovec iov = { (void *)fpu, fpu_size };

	if (fpu_size)
		return ptrace(PTRACE_SETREGSET, hm->pid, NT_X86_XSTATE, &iov) ? -errno : 0;
	return ptrace(PTRACE_SETFPREGS, hm->pid, 0, fpu) ? -errno : 0;
}

int host_mm_get_fpu(struct host_mm *hm, void *fpu)
{
	struct iovec iov = { fpu, fpu_size };

	if (fpu_size)
		return ptrace(PTRACE_GETREGSET, hm->pid, NT_X86_XSTATE, &iov) ? -errno : 0;
	return ptrace(PTRACE_GETFPREGS, hm->pid, 0, fpu) ? -errno : 0;
}

static int get_regs(struct host_mm *hm, unsigned long *regs)
{
	return ptrace(PTRACE_GETREGS, hm->pid, 0, regs) ? -errno : 0;
}

/*
 * A SIGSEGV of guest code: let the stub's handler record the fault, and
 * take the guest's registers from its record.
 */
static int collect_fault(struct host_mm *hm, unsigned long *regs, struct host_trap *trap)
{
	struct stub_page *page = hm->page;
	struct user_regs_struct *r = (struct user_regs_struct *)regs;
	unsigned long fsbase = r->fs_base, gsbase = r->gs_base;
	int status, err;

	if (ptrace(PTRACE_CONT, hm->pid, 0, SIGSEGV))
		return -errno;
	for (;;) {
		err = wait_stop(hm->pid, &status);
		if (err)
			return err;
		if (!WIFSTOPPED(status))
			return -ESRCH;
		if (WSTOPSIG(status) == SIGTRAP)
			break;
		/* A kick meanwhile: the handler still has to finish. */
		if (ptrace(PTRACE_CONT, hm->pid, 0, 0))
			return -errno;
	}
	/*
	 * The base registers are not in the signal frame; the handler read
	 * them if the CPU lets it, or they are asked for here.
	 */
	if (have_fsgsbase) {
		fsbase = page->fault_fsbase;
		gsbase = page->fault_gsbase;
	} else if (!get_regs(hm, regs)) {
		fsbase = r->fs_base;
		gsbase = r->gs_base;
	}
	gregs_to_regs(page->fault_gregs, regs);
	r->fs_base = fsbase;
	r->gs_base = gsbase;
	r->cs = 0x33;
	r->ss = 0x2b;
	trap->kind = HOST_TRAP_FAULT;
	trap->signo = SIGSEGV;
	trap->code = page->fault_code;
	trap->addr = page->fault_addr;
	trap->error = page->fault_err;
	trap->trapno = page->fault_trapno;
	return 0;
}

static int is_vsyscall(const siginfo_t *si)
{
	unsigned long a = (unsigned long)si->si_call_addr;

	return a >= HOST_VSYSCALL_ADDR && a < HOST_VSYSCALL_ADDR + PAGE_SZ &&
	       (si->si_syscall == SYS_gettimeofday || si->si_syscall == SYS_time ||
		si->si_syscall == SYS_getcpu);
}

/* The x86 exception behind a synchronous signal, as a native kernel reports it. */
static unsigned long trap_number(int sig, int code)
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

int host_mm_run(struct host_mm *hm, unsigned long *regs, const void *fpu_load,
		struct host_trap *trap)
{
	struct user_regs_struct r;
	siginfo_t si;
	int status, sig, err;

	memset(trap, 0, sizeof(*trap));
	if (hm->dead) {
		trap->kind = HOST_TRAP_DEAD;
		return 0;
	}
	follow_kernel_cpu(hm);
	err = apply_ops(hm);
	if (err)
		return err;
	if (fpu_load) {
		err = host_mm_set_fpu(hm, fpu_load);
		if (err)
			return err;
	}
	regs_to_host(regs, &r);
	if (ptrace(PTRACE_SETREGS, hm->pid, 0, &r))
		return -errno;
	if (ptrace(PTRACE_SYSEMU, hm->pid, 0, 0))
		return -errno;

	for (;;) {
		err = wait_stop(hm->pid, &status);
		if (err)
			return err;
		if (!WIFSTOPPED(status)) {
			hm->dead = 1;
			trap->kind = HOST_TRAP_DEAD;
			trap->signo = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
			return 0;
		}
		sig = WSTOPSIG(status);
		if (sig == (SIGTRAP | 0x80)) {
			trap->kind = HOST_TRAP_SYSCALL;
			return get_regs(hm, regs);
		}
		if (sig == KICK_SIGNAL) {
			trap->kind = HOST_TRAP_INTERRUPT;
			return get_regs(hm, regs);
		}
		/* A page fault: the stub's handler tells the rest. */
		if (sig == SIGSEGV) {
			err = collect_fault(hm, regs, trap);
			if (err || trap->code > 0 || trap->code == SI_KERNEL)
				return err;
			/* A SIGSEGV some host process sent: back to the guest. */
			regs_to_host(regs, &r);
			if (ptrace(PTRACE_SETREGS, hm->pid, 0, &r) ||
			    ptrace(PTRACE_SYSEMU, hm->pid, 0, 0))
				return -errno;
			continue;
		}
		if (ptrace(PTRACE_GETSIGINFO, hm->pid, 0, &si))
			return -errno;
		/*
		 * A call into the host's vsyscall page: the host emulated the
		 * "ret" already and asked the stub's filter, which traps it.
		 * The guest kernel serves it as the system call it stands for.
		 */
		if (sig == SIGSYS && si.si_code == SYS_SECCOMP && is_vsyscall(&si)) {
			err = get_regs(hm, regs);
			((struct user_regs_struct *)regs)->orig_rax = si.si_syscall;
			trap->kind = HOST_TRAP_SYSCALL;
			return err;
		}
		/* Signals some host process sent: none of the guest's business. */
		if (si.si_code <= 0 && si.si_code != SI_KERNEL) {
			if (ptrace(PTRACE_SYSEMU, hm->pid, 0, 0))
				return -errno;
			continue;
		}
		trap->kind = HOST_TRAP_SIGNAL;
		trap->signo = sig;
		trap->code = si.si_code;
		trap->addr = (unsigned long)si.si_addr;
		trap->trapno = trap_number(sig, si.si_code);
		return get_regs(hm, regs);
	}
}
