// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile guest programs. A guest process can execute anything and write
 * any byte its host process can reach, the stub's pages included (the
 * stub: the few pages of code and data above the user address range in
 * every guest process's host process). Each attack runs in a child; at
 * worst the child dies. Afterwards the kernel must still work, and no
 * child may have reached memory it was not given.
 *
 * On a native kernel there is no stub: those checks find nothing to
 * attack and only the "kernel still works" parts apply.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>
#include <asm/prctl.h>
#include <linux/futex.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define LEAK_EXIT 99		/* a child read memory it must not reach */
#define PROBE_ADDR 0x10000000UL	/* where an attack tries to map physical memory */

static sigjmp_buf jb;
static volatile int fault_sig;

static void catch(int sig)
{
	fault_sig = sig;
	siglongjmp(jb, 1);
}

static void catch_all(void)
{
	static char altstack[65536];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	static const int sync[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS };
	struct sigaction sa;
	unsigned int i;

	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = catch;
	sa.sa_flags = SA_NODEFER | SA_ONSTACK;
	for (i = 0; i < sizeof(sync) / sizeof(sync[0]); i++)
		sigaction(sync[i], &sa, NULL);
}

/* Can this address be read? (guarded by a fault handler) */
static int readable(unsigned long addr)
{
	volatile char c;

	fault_sig = 0;
	if (sigsetjmp(jb, 1))
		return 0;
	c = *(volatile char *)addr;
	(void)c;
	return 1;
}

/* The stub region: readable memory above every mapping the kernel knows of. */
static unsigned long find_stub(void)
{
	unsigned long top = 0x7ffffff00000UL, base;
	int k;

	for (k = 1; k <= 64; k++) {
		base = top - k * 0x100000UL;
		if (readable(base))
			return base;
	}
	return 0;
}

/* Run fn in a child (synchronous signals caught, alarm as a watchdog);
 * returns its wait status, or -1 if it hung. */
static int in_child(void (*fn)(unsigned long), unsigned long arg)
{
	int st, i;
	pid_t p = fork();

	if (!p) {
		alarm(5);
		catch_all();
		fn(arg);
		_exit(0);
	}
	for (i = 0; i < 600; i++) {
		if (waitpid(p, &st, WNOHANG | WUNTRACED) == p) {
			if (!WIFSTOPPED(st))
				return st;
			/* The stub's code made it ask to be traced: its own doing. */
			kill(p, SIGKILL);
			waitpid(p, &st, 0);
			return st;
		}
		usleep(10000);
	}
	kill(p, SIGKILL);
	waitpid(p, &st, 0);
	return -1;
}

static int ended(int st)
{
	return st != -1 && (WIFSIGNALED(st) || (WIFEXITED(st) && WEXITSTATUS(st) != LEAK_EXIT));
}

/* Nothing at PROBE_ADDR may be readable: the child never mapped it. */
static void no_leak(void)
{
	if (readable(PROBE_ADDR))
		_exit(LEAK_EXIT);
}

static void scribble(unsigned long stub)
{
	unsigned long *volatile p;
	volatile unsigned long x = 0x9e3779b97f4a7c15UL;
	char *m;
	int i;

	/* Garbage over every writable page of the stub region... */
	for (p = (unsigned long *)(stub + 0x10000); p < (unsigned long *)(stub + 0x80000); p++) {
		if (((unsigned long)p & 4095) == 0 && !readable((unsigned long)p)) {
			p += 511;
			continue;
		}
		fault_sig = 0;
		if (sigsetjmp(jb, 1)) {
			p = (unsigned long *)(((unsigned long)p | 4095) - 7);
			continue;
		}
		x = x * 6364136223846793005UL + 1;
		*p = x;
	}
	/* ...then make the kernel use the stub: faults, mappings, a fork. */
	m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (i = 0; i < (1 << 20); i += 4096)
		m[i] = i;
	munmap(m, 1 << 20);
	if (fork() == 0)
		_exit(0);
	wait(NULL);
	no_leak();
}

static void write_code(unsigned long stub)
{
	fault_sig = 0;
	if (!sigsetjmp(jb, 1))
		*(volatile unsigned long *)stub = 0xcccccccccccccccc;
	/* The code is not writable: the store faulted. */
	_exit(fault_sig == SIGSEGV ? 0 : 1);
}

/*
 * Jump into the stub's code at an offset, with a command page that asks
 * for physical memory to be mapped at PROBE_ADDR. Whatever runs, its
 * system calls are the guest's own, so nothing may appear there.
 */
static void jump_in(unsigned long target)
{
	unsigned long stub = target & ~0xfffffUL, *page = (unsigned long *)(stub + 0x10000);
	int fd;

	for (fd = 3; fd < 64; fd++)
		close(fd);
	if (readable((unsigned long)page)) {
		/* header: fault fields, done, error; then one operation */
		page[28] = 1 | (1UL << 32);	/* MMAP, PROT_READ */
		page[29] = PROBE_ADDR;
		page[30] = 4096;
		page[31] = 0;			/* physical address 0: the kernel */
	}
	fault_sig = 0;
	if (!sigsetjmp(jb, 1))
		__asm__ volatile("mov %0, %%rax\n\t"
				 "mov $3, %%edi\n\t"		/* a descriptor, */
				 "mov $1, %%esi\n\t"		/* one operation */
				 "call *%%rax"
				 : : "r"(target) : "rax", "rdi", "rsi", "rdx", "rcx",
				   "r8", "r9", "r10", "r11", "memory");
	no_leak();
}

/*
 * The path a hostile process asks the host to create, through every
 * syscall instruction of the stub. The host side of the test
 * (tests/host/test_guest.py) checks that it does not exist on the host.
 * Served as the guest's own call instead, it lands in the guest's /tmp.
 */
#define HOST_FILE "/tmp/um-hostile-created"

static void create_at(unsigned long target)
{
	static const char path[] = HOST_FILE;
	/* What runs on after the call may loop in the stub: a short watchdog. */
	struct itimerval quick = { .it_value = { .tv_usec = 200000 } };
	int fd;

	for (fd = 3; fd < 64; fd++)
		close(fd);
	setitimer(ITIMER_REAL, &quick, NULL);
	{
		register long r10 __asm__("r10") = 0644;

		__asm__ volatile("jmp *%0"
				 : : "r"(target), "a"((long)SYS_openat), "D"((long)AT_FDCWD),
				   "S"(path), "d"((long)(O_CREAT | O_WRONLY)), "r"(r10)
				 : "memory");
	}
}

/* The stub region is the host's: no guest mapping may cover it. */
static void map_over(unsigned long stub)
{
	int bad = 0;
	void *p;
	char *below;

	p = mmap((void *)stub, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	bad += p != MAP_FAILED || errno != ENOMEM;
	p = mmap((void *)(stub - 4096), 8192, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	bad += p != MAP_FAILED || errno != ENOMEM;
	/* Growing a mapping that ends at the stub must move it or fail. */
	below = mmap((void *)(stub - 8192), 8192, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	bad += below == MAP_FAILED;
	p = mremap(below, 8192, 16384, 0);
	bad += p != MAP_FAILED;
	p = mremap(below, 8192, 16384, MREMAP_MAYMOVE);
	bad += p == MAP_FAILED || (unsigned long)p + 16384 > stub;
	_exit(bad);
}

/*
 * Unmapping across the stub region leaves it alone. The range starts a page
 * below it when that page is free (the stack may lie there otherwise).
 */
static void unmap_over(unsigned long stub)
{
	unsigned long from = stub;
	char *m;

	if (mmap((void *)(stub - 4096), 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == (void *)(stub - 4096))
		from = stub - 4096;
	if (munmap((void *)from, 0x7ffffffff000UL - from))
		_exit(1);
	if (from < stub && readable(from))
		_exit(4);
	m = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		_exit(2);
	m[0] = 1;
	m[40000] = 2;
	_exit(readable(stub) && getppid() > 0 && m[0] + m[40000] == 3 ? 0 : 3);
}

static void bad_syscalls(unsigned long unused __attribute__((unused)))
{
	/* Numbers no x86_64 kernel gives a meaning to (x32 ones included). */
	static const long nrs[] = { -1, 1000, 4000, 100000, -4096, 0x40000000 + 1000 };
	unsigned int i;
	int bad = 0, s;

	for (s = 1; s < 32; s++)
		signal(s, SIG_DFL);

	for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		long r;

		__asm__ volatile("syscall" : "=a"(r) : "a"(nrs[i]), "D"(-1L), "S"(-1L),
				 "d"(-1L) : "rcx", "r11", "memory");
		if (r != -ENOSYS)
			bad++;
	}
	/* Only the low 32 bits are the number, as on x86: this is read(-1). */
	{
		long r;

		__asm__ volatile("syscall" : "=a"(r) : "a"((1L << 40) | SYS_read), "D"(-1L),
				 "S"(0L), "d"(0L) : "rcx", "r11", "memory");
		if (r != -EBADF)
			bad++;
	}
	_exit(bad);
}

static void privileged(unsigned long unused __attribute__((unused)))
{
	int n = 0;

	fault_sig = 0;
	if (!sigsetjmp(jb, 1))
		__asm__ volatile("hlt");
	n += fault_sig == SIGSEGV;
	fault_sig = 0;
	if (!sigsetjmp(jb, 1))
		__asm__ volatile("cli");
	n += fault_sig == SIGSEGV;
	fault_sig = 0;
	if (!sigsetjmp(jb, 1))
		__asm__ volatile("inb $0x80, %%al" : : : "al");
	n += fault_sig == SIGSEGV;
	_exit(n == 3 ? 0 : 1);
}

static volatile int traps;

static void count_trap(int sig __attribute__((unused)))
{
	traps++;
}

static void int3_storm(unsigned long unused __attribute__((unused)))
{
	int i;

	signal(SIGTRAP, count_trap);
	for (i = 0; i < 1000; i++)
		__asm__ volatile("int3");
	_exit(traps == 1000 ? 0 : 1);
}

static void bad_fsbase(unsigned long unused __attribute__((unused)))
{
	fault_sig = 0;
	if (!sigsetjmp(jb, 1))
		__asm__ volatile("wrfsbase %0" : : "r"(0x8000000000000000UL));
	_exit(fault_sig == SIGSEGV ? 0 : 1);
}

static void vsyscall(unsigned long unused __attribute__((unused)))
{
	long (*gtod)(void *, void *) = (void *)0xffffffffff600000UL;
	char tv[16];

	signal(SIGSEGV, SIG_DFL);	/* no page there: just die */
	gtod(tv, NULL);
	_exit(0);
}

/*
 * A stack pointer inside the stub region (its signal stacks among it),
 * then a page fault: the host cannot deliver its own signal there, and
 * the guest kernel cannot write the guest's frame there either. The
 * process dies of SIGSEGV, as a native one with a stack it cannot use.
 */
static void sp_then_fault(unsigned long sp)
{
	signal(SIGSEGV, SIG_DFL);
	__asm__ volatile("movq %0, %%rsp\n\t"
			 "movq $0, 0"
			 : : "r"(sp) : "memory");
}

/* The same stack pointer, set through a forged rt_sigreturn frame. */
static void sigreturn_to(unsigned long sp)
{
	static ucontext_t uc;

	signal(SIGSEGV, SIG_DFL);
	memset(&uc, 0, sizeof(uc));
	uc.uc_mcontext.gregs[REG_RSP] = sp;
	uc.uc_mcontext.gregs[REG_RIP] = (unsigned long)sp_then_fault;	/* faults at once */
	uc.uc_mcontext.gregs[REG_RDI] = sp;
	uc.uc_mcontext.gregs[REG_EFL] = 0x202;
	uc.uc_mcontext.gregs[REG_CSGSFS] = 0x33;
	/* rt_sigreturn finds the ucontext at the stack pointer */
	__asm__ volatile("movq %0, %%rsp\n\t"
			 "movl $15, %%eax\n\t"
			 "syscall"
			 : : "r"(&uc) : "memory");
}

static int died_of(int st, int sig)
{
	return st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

/* The guest's gs base survives its stub pages being zeroed and faults. */
static void gsbase_kept(unsigned long stub)
{
	unsigned long gs = 0, want = 0x12345000UL;
	char *m;
	int i;

	if (syscall(SYS_arch_prctl, ARCH_SET_GS, want))
		_exit(1);
	for (i = 0; i < 64; i++) {
		unsigned long a = stub + 0x10000 + i * 4096UL;

		if (readable(a) && !sigsetjmp(jb, 1))
			memset((void *)a, 0, 4096);
	}
	m = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (i = 0; i < 16; i++)
		m[i * 4096] = 1;
	if (syscall(SYS_arch_prctl, ARCH_GET_GS, &gs))
		_exit(2);
	_exit(gs == want ? 0 : 3);
}

/*
 * A tracer sets FPU state the CPU would refuse: EINVAL, as on x86_64,
 * and the tracee goes on unharmed.
 */
static int bad_fpu_regsets(void)
{
	static unsigned char x[65536] __attribute__((aligned(64)));
	struct user_fpregs_struct fp;
	struct iovec iov = { x, sizeof(x) };
	int st, bad = 0;
	pid_t p = fork();

	if (!p) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(42);
	}
	waitpid(p, &st, 0);
	if (!ptrace(PTRACE_GETFPREGS, p, 0, &fp)) {
		fp.mxcsr = 0xffff0000;
		bad += !(ptrace(PTRACE_SETFPREGS, p, 0, &fp) == -1 && errno == EINVAL);
	} else {
		bad++;
	}
	if (!ptrace(PTRACE_GETREGSET, p, NT_X86_XSTATE, &iov) && iov.iov_len > 576) {
		uint64_t *hdr = (uint64_t *)(x + 512), save[3] = { hdr[0], hdr[1], hdr[2] };

		hdr[1] = 1ULL << 63;				/* compacted */
		bad += !(ptrace(PTRACE_SETREGSET, p, NT_X86_XSTATE, &iov) == -1 && errno == EINVAL);
		hdr[1] = save[1];
		hdr[2] = 1;					/* reserved */
		bad += !(ptrace(PTRACE_SETREGSET, p, NT_X86_XSTATE, &iov) == -1 && errno == EINVAL);
		hdr[2] = save[2];
		hdr[0] |= 1ULL << 62;				/* no such component */
		bad += !(ptrace(PTRACE_SETREGSET, p, NT_X86_XSTATE, &iov) == -1 && errno == EINVAL);
		hdr[0] = save[0];
		*(uint32_t *)(x + 24) = 0xffff0000;		/* MXCSR */
		bad += !(ptrace(PTRACE_SETREGSET, p, NT_X86_XSTATE, &iov) == -1 && errno == EINVAL);
	}
	ptrace(PTRACE_CONT, p, 0, 0);
	waitpid(p, &st, 0);
	return !bad && WIFEXITED(st) && WEXITSTATUS(st) == 42;
}

/*
 * int $0x80 from 64-bit code, eax = 20 (i386 getpid): natively either
 * the i386 call runs (IA32 emulation) or a general protection fault at
 * the instruction, error code 0x402 (no emulation). Never a 64-bit call.
 */
static volatile unsigned long int80_ip, int80_err, int80_trapno;
static volatile int int80_code = -1;

static void int80_segv(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	int80_code = si->si_code;
	int80_ip = uc->uc_mcontext.gregs[REG_RIP];
	int80_err = uc->uc_mcontext.gregs[REG_ERR];
	int80_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	uc->uc_mcontext.gregs[REG_RIP] += 2;
}

static void int80(unsigned long unused __attribute__((unused)))
{
	struct sigaction sa;
	extern char int80_insn[];
	long r = 20;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = int80_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	__asm__ volatile(".globl int80_insn\nint80_insn: int $0x80" : "+a"(r) : : "memory");
	if (int80_code == -1)
		_exit(r == getpid() ? 0 : 1);
	_exit(int80_code == SI_KERNEL && int80_ip == (unsigned long)int80_insn &&
	      int80_err == 0x402 && int80_trapno == 13 ? 0 : 2);
}

/* A fault handler that returns into its own fault: killable all the same. */
static void fault_loop_handler(int sig)
{
}

static void fault_forever(unsigned long unused __attribute__((unused)))
{
	volatile int *volatile p = (int *)8;

	signal(SIGSEGV, fault_loop_handler);
	signal(SIGALRM, SIG_DFL);
	*p = 1;
	_exit(0);
}

/*
 * Block on the host through the one futex the seccomp stub may use, again
 * and again: the process stays preemptible, and its watchdog kills it.
 */
static void futex_on_stub(unsigned long stub)
{
	volatile int *turn = (int *)(stub + 0x10000);

	signal(SIGALRM, SIG_DFL);
	for (;;)
		if (readable((unsigned long)turn))
			syscall(SYS_futex, turn, FUTEX_WAIT, *turn, NULL, NULL, 0);
}

/*
 * Fork until the kernel says no. Guest root raises threads-max first: the
 * host processes a guest may have are bounded all the same (um_procs=,
 * 256 in this test's guest), and fork fails with EAGAIN.
 */
static int process_bomb(void)
{
	pid_t kids[400];
	int n = 0, err = 0, fd, p[2], ok;
	char c;

	fd = open("/proc/sys/kernel/threads-max", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "1000000", 7) != 7)
			err = -1;
		close(fd);
	}
	if (pipe(p))
		return 0;
	while (n < 400) {
		pid_t k = fork();

		if (!k) {
			close(p[1]);
			read(p[0], &c, 1);
			_exit(0);
		}
		if (k < 0) {
			err = errno;
			break;
		}
		kids[n++] = k;
	}
	close(p[1]);
	close(p[0]);
	while (n > 0)
		waitpid(kids[--n], NULL, 0);
	printf("# the bomb stopped with %s\n", strerror(err));
	ok = err == EAGAIN;
	/* and fork works again */
	{
		pid_t k = fork();
		int st;

		if (!k)
			_exit(5);
		ok = ok && k > 0 && waitpid(k, &st, 0) == k && WEXITSTATUS(st) == 5;
	}
	return ok;
}

/* A well-behaved process beside the attacks: it must get through. */
static pid_t bystander(void)
{
	pid_t p = fork();
	int i, st;

	if (p)
		return p;
	for (i = 0; i < 300; i++) {
		char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		pid_t k;

		if (m == MAP_FAILED)
			_exit(1);
		m[0] = m[4096] = (char)i;
		munmap(m, 8192);
		/* The fork bomb may hold every process there is for a while. */
		while ((k = fork()) < 0 && errno == EAGAIN)
			usleep(10000);
		if (!k)
			_exit(i & 0x7f);
		if (waitpid(k, &st, 0) != k || !WIFEXITED(st) || WEXITSTATUS(st) != (i & 0x7f)) {
			printf("# bystander: child %d of round %d: status %#x\n", k, i, st);
			_exit(2);
		}
		usleep(2000);
	}
	_exit(0);
}

/* The kernel still works: a fresh program runs and reports back. */
static int kernel_alive(void)
{
	int st;
	pid_t p = fork();

	if (!p) {
		execl("/proc/self/exe", "t_hostile", "alive", (char *)NULL);
		_exit(127);
	}
	return waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 42;
}

int main(int argc, char **argv)
{
	unsigned long stub, off;
	int st, ok;
	pid_t side;

	if (argc > 1 && !strcmp(argv[1], "alive"))
		return 42;
	alarm(200);
	catch_all();
	side = bystander();
	stub = find_stub();
	signal(SIGSEGV, SIG_DFL);
	CHECK(stub, "the stub region is found (at %#lx)", stub);

	if (stub) {
		st = in_child(write_code, stub);
		CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "writing the stub's code faults (status %#x)", st);
		st = in_child(scribble, stub);
		CHECK(ended(st), "garbage over the stub's data pages: the process ends normally or by a signal (status %#x)", st);
		ok = 1;
		for (off = 0; off < 0x600; off += 8) {
			st = in_child(jump_in, stub + off);
			if (!ended(st)) {
				ok = 0;
				printf("# jump to stub+%#lx: status %#x\n", off, st);
			}
		}
		CHECK(ok, "jumps into the stub's code at 192 offsets: each process ends, none maps physical memory");
		ok = 1;
		st = 0;
		for (off = 0; off + 1 < 0xc000; off++) {
			const unsigned char *c = (const unsigned char *)(stub + off);

			if (c[0] != 0x0f || c[1] != 0x05)
				continue;
			st++;
			if (!ended(in_child(create_at, stub + off))) {
				ok = 0;
				printf("# openat at stub+%#lx: did not end\n", off);
			}
		}
		CHECK(ok && st > 0, "openat(O_CREAT) of a host path from each of the stub's %d syscall instructions: each process ends", st);
		st = in_child(map_over, stub);
		CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "mmap and mremap cannot reach over the stub region (status %#x)", st);
		st = in_child(unmap_over, stub);
		CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "munmap across the stub region leaves it working (status %#x)", st);
		ok = 1;
		for (off = 0x10100; off < 0x80000; off += 0x1000) {
			st = in_child(sp_then_fault, stub + off);
			if (!died_of(st, SIGSEGV)) {
				ok = 0;
				printf("# stack at stub+%#lx, then a fault: status %#x\n", off, st);
			}
			st = in_child(sigreturn_to, stub + off);
			if (!died_of(st, SIGSEGV)) {
				ok = 0;
				printf("# rt_sigreturn to a stack at stub+%#lx: status %#x\n", off, st);
			}
		}
		CHECK(ok, "a stack pointer anywhere in the stub's pages (set directly or by rt_sigreturn), then a fault: SIGSEGV, nothing hangs");
		st = in_child(gsbase_kept, stub);
		CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "the gs base is the guest's own after its stub pages are zeroed (status %#x)", st);
		st = in_child(futex_on_stub, stub);
		CHECK(died_of(st, SIGALRM),
		      "waiting on the host through the stub's futex again and again: still preempted and killed (status %#x)", st);
		CHECK(process_bomb(), "a fork bomb with threads-max raised stops at the host process limit with EAGAIN; fork works again after");
	}
	CHECK(bad_fpu_regsets(), "a tracer setting a bad MXCSR or XSAVE header gets EINVAL; the tracee goes on");
	st = in_child(int80, 0);
	CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "int $0x80 is either i386 getpid or a #GP at the instruction, never a 64-bit call (status %#x)", st);
	st = in_child(fault_forever, 0);
	CHECK(died_of(st, SIGALRM), "a handler that returns into its own fault stays killable (status %#x)", st);
	st = in_child(bad_syscalls, 0);
	CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "system calls with bad numbers fail with ENOSYS; the number is 32 bits (status %#x)", st);
	st = in_child(privileged, 0);
	CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "hlt, cli, in: each is a SIGSEGV (status %#x)", st);
	st = in_child(int3_storm, 0);
	CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "1000 int3 in a row: 1000 SIGTRAPs (status %#x)", st);
	if (getauxval(AT_HWCAP2) & 2) {
		st = in_child(bad_fsbase, 0);
		CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "wrfsbase with a non-canonical address: SIGSEGV (status %#x)", st);
	}
	st = in_child(vsyscall, 0);
	CHECK(st != -1, "a call into the vsyscall page ends (status %#x)", st);
	CHECK(kernel_alive(), "afterwards the kernel still runs new programs");
	st = -1;
	for (ok = 0; ok < 3000 && waitpid(side, &st, WNOHANG) != side; ok++)
		usleep(10000);
	CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "a well-behaved process running beside the attacks finished (status %#x)", st);
	CHECK(readable((unsigned long)&st) && getpid() > 0, "and this process is unharmed");
	return tap_done();
}
