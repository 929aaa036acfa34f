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
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
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

	if (argc > 1 && !strcmp(argv[1], "alive"))
		return 42;
	alarm(60);
	catch_all();
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
		st = in_child(map_over, stub);
		CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "mmap and mremap cannot reach over the stub region (status %#x)", st);
		st = in_child(unmap_over, stub);
		CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "munmap across the stub region leaves it working (status %#x)", st);
	}
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
	CHECK(readable((unsigned long)&st) && getpid() > 0, "and this process is unharmed");
	return tap_done();
}
