// SPDX-License-Identifier: GPL-2.0
/*
 * The seccomp backend: guest code runs in its host process untraced. A
 * seccomp filter turns every guest system call into a SIGSYS, and the
 * stub's handler (stub-seccomp.c) hands that, a fault, or the kernel's
 * kick over to the kernel through a word in a shared page, without any
 * ptrace stop. The mapping operations are run by the stub's mapper thread.
 *
 * Hand-over: a new process's guest thread runs on the kernel thread's host
 * CPU, so each side passes the turn and yields (sched_yield), and the
 * other runs at once; one that traps often moves to another CPU where
 * there is one, and both spin there (see give_turn). A side that has
 * waited long sleeps on the futex instead, and the other wakes it. Costs
 * measured on the development machine, one CPU: a yield round trip 2.6 us,
 * a futex round trip 4.6 us.
 *
 * What the kernel reads from the state page is guest-writable: registers
 * and trap details describe the guest's own state, are read once and
 * checked where the kernel relies on them (the FPU state's place). The
 * mapper's report is not trusted to mean the mappings are in place: a
 * batch counts as done when the mapper is seen blocked on its futex again
 * (FUTEX_CMP_REQUEUE moves it, which only works while it waits there), and
 * a failed or forged report makes the kernel unmap everything. Mappings
 * the kernel takes away are taken away before the flush that asked for it
 * returns (host_mm_flush), because here guest code may still be running.
 */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/futex.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "user-priv.h"

#ifndef SYS_SECCOMP
#define SYS_SECCOMP	1		/* si_code of a seccomp SIGSYS */
#endif
#define SPIN_NS		20000		/* yield or spin this long before sleeping */
#define STUB_SPIN_US	200		/* how long the guest thread spins, on its own CPU */
#define QUICK_TRAPS	64		/* handed back at once this often: spin on two CPUs */
#define KICK_NS		1000000000ULL	/* a kick unanswered this long: the stub is lost */

static struct host_mm *volatile waiting;	/* whose turn the kernel waits for */
static unsigned long fp_slot;			/* the first run's FPU state: offset in data */

static struct stub_state *state(struct host_mm *hm)
{
	return hm->data;
}

static struct stub_orders *orders(struct host_mm *hm)
{
	return (struct stub_orders *)((char *)hm->data + PAGE_SZ);
}

static long futex(unsigned int *uaddr, int op, unsigned int val, unsigned long val2,
		  unsigned int *uaddr2, unsigned int val3)
{
	return syscall(SYS_futex, uaddr, op, val, val2, uaddr2, val3);
}

/* A child changed state: whoever is waiting for one looks whether it is gone. */
static void child_signal(int sig, siginfo_t *si, void *uc)
{
	struct host_mm *hm = waiting;
	int saved = errno;

	if (hm) {
		__atomic_fetch_or(&state(hm)->turn, STUB_TURN_CHILD, __ATOMIC_SEQ_CST);
		futex(&state(hm)->turn, FUTEX_WAKE, INT_MAX, 0, NULL, 0);
	}
	errno = saved;
}

/* The TSC's rate, measured against CLOCK_MONOTONIC over 5 ms. */
static unsigned long tsc_per_us(void)
{
	struct timespec a, b, d = { 0, 5000000 };
	unsigned long t0, t1, ns;
	unsigned int lo, hi;

	clock_gettime(CLOCK_MONOTONIC, &a);
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	t0 = ((unsigned long)hi << 32) | lo;
	nanosleep(&d, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	t1 = ((unsigned long)hi << 32) | lo;
	ns = (b.tv_sec - a.tv_sec) * 1000000000UL + b.tv_nsec - a.tv_nsec;
	return ns ? (t1 - t0) * 1000 / ns : 1000;
}

static void seccomp_setup(struct host_boot_info *info)
{
	struct stub_config *cfg = user_stub_config();
	/* Room for a frame and one kick nested in its handler. */
	unsigned long frame = user_frame_fpu_size + 2048, stack = 2 * frame + 2048;
	unsigned long pages = 2 + (stack + PAGE_SZ - 1) / PAGE_SZ;
	struct sigaction sa;

	if (pages * PAGE_SZ > STUB_DATA_MAX)
		host_die("the seccomp stub's signal stack does not fit (%lu bytes of FPU state)",
			 user_frame_fpu_size);
	info->mm_pages = pages;
	fp_slot = (pages * PAGE_SZ - user_frame_fpu_size) & ~63UL;
	cfg->spin_cycles = tsc_per_us() * STUB_SPIN_US;
	if (getrandom(cfg->yield_tag, sizeof(cfg->yield_tag), 0) != sizeof(cfg->yield_tag))
		host_die("cannot read random bytes: %s", strerror(errno));

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = child_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_NOCLDSTOP;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGCHLD, &sa, NULL))
		host_die("cannot take SIGCHLD: %s", strerror(errno));
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Reap the host process if it is gone; 1 if it was. */
static int gone(struct host_mm *hm)
{
	siginfo_t si;

	if (!hm->pid)
		return 1;
	si.si_pid = 0;
	if (waitid(P_PID, hm->pid, &si, WEXITED | WNOHANG) || !si.si_pid)
		return 0;
	hm->pid = 0;
	hm->dead = si.si_code == CLD_EXITED ? SIGKILL :
		   si.si_status == SIGKILL ? SIGKILL : SIGSEGV;
	return 1;
}

/*
 * Wait until the guest thread hands over; -ESRCH if its process is gone.
 * A guest can jump into the stub's own waiting loop, where a kick is only
 * noted (the stub may be busy for the kernel): a process that has not
 * answered a kick for a second has lost its stub, and is ended.
 */
static int wait_turn(struct host_mm *hm)
{
	struct timespec tick = { 0, 50000000 };
	struct stub_state *st = state(hm);
	unsigned long long start = 0;
	unsigned int v;

	waiting = hm;
	for (;;) {
		v = __atomic_load_n(&st->turn, __ATOMIC_ACQUIRE);
		if ((v & 0xff) == STUB_TURN_KERNEL)
			break;
		if (v & STUB_TURN_CHILD) {
			__atomic_fetch_and(&st->turn, ~STUB_TURN_CHILD, __ATOMIC_SEQ_CST);
			if (gone(hm))
				break;
			continue;
		}
		if (!start)
			start = now_ns();
		if (hm->kick_ns && now_ns() - hm->kick_ns > KICK_NS) {
			user_broken(hm);
			break;
		}
		if (now_ns() - start < SPIN_NS) {
			if (hm->spin)
				__builtin_ia32_pause();
			else
				sched_yield();
			continue;
		}
		/* Before sleeping: a death already signalled was maybe not for us. */
		if (gone(hm))
			break;
		if (!(v & STUB_TURN_SLEEP) &&
		    !__atomic_compare_exchange_n(&st->turn, &v, v | STUB_TURN_SLEEP, 0,
						 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			continue;
		futex(&st->turn, FUTEX_WAIT, v | STUB_TURN_SLEEP,
		      hm->kick_ns ? (unsigned long)&tick : 0, NULL, 0);
	}
	waiting = NULL;
	return hm->pid ? 0 : -ESRCH;
}

/*
 * Give the guest thread back to its process. A guest thread on its own CPU
 * that fell asleep waiting comes back to this CPU first: waking a thread on
 * an idle CPU is slow on some hosts (tens of microseconds in a VM), and
 * its process is plainly not trapping often just now.
 */
static void give_turn(struct host_mm *hm)
{
	unsigned int v = __atomic_exchange_n(&state(hm)->turn, STUB_TURN_GUEST, __ATOMIC_SEQ_CST);

	if (!(v & STUB_TURN_SLEEP))
		return;
	hm->quick = 0;
	if (hm->spin) {
		hm->spin = 0;
		state(hm)->spin = 0;
		user_pin(hm->pid, hm->cpu);
	}
	futex(&state(hm)->turn, FUTEX_WAKE, 1, 0, NULL, 0);
}

/*
 * Wait until the mapper blocks on its batch word again, and move it to
 * the parking word meanwhile: the one proof that it finished batch seq,
 * since only the mapper waits there, and after the batch number changed
 * it can only start waiting again once it has seen the change.
 */
static int mapper_parked(struct host_mm *hm, unsigned int seq)
{
	struct stub_orders *o = orders(hm);
	unsigned int i;
	long r;

	for (i = 0;; i++) {
		r = futex(&o->seq, FUTEX_CMP_REQUEUE, 0, 1, &o->park, seq);
		if (r == 1)
			return 0;
		if (r < 0 && errno != EAGAIN && errno != EINTR)
			return user_broken(hm);
		if ((i & 63) == 63 && gone(hm))
			return -ESRCH;
		sched_yield();
	}
}

static int seccomp_started(struct host_mm *hm)
{
	struct stub_state *st = state(hm);
	int err;

	hm->ops = orders(hm)->ops;
	hm->max_ops = STUB_SECCOMP_OPS;
	err = wait_turn(hm);
	if (err)
		return -ECHILD;
	/* No guest code has run yet: what the stub wrote can be taken as it is. */
	if (st->kind != STUB_EV_READY || st->mapper_tid <= 0) {
		user_broken(hm);
		return -ECHILD;
	}
	hm->mapper_tid = st->mapper_tid;
	hm->fpstate = fp_slot;
	return 0;
}

static int seccomp_apply(struct host_mm *hm, unsigned int n)
{
	struct stub_orders *o = orders(hm);
	struct stub_state *st = state(hm);
	unsigned int seq = ++hm->seq, done_seq, done;
	long error;
	int err;

	o->nops = n;
	__atomic_store_n(&o->seq, seq, __ATOMIC_RELEASE);
	/*
	 * The mapper waits on the batch word, or on the parking word where
	 * the last proof moved it; a spurious wakeup moves it back to the
	 * batch word. Wake both: either way it sees the new number.
	 */
	futex(&o->park, FUTEX_WAKE, 1, 0, NULL, 0);
	futex(&o->seq, FUTEX_WAKE, 1, 0, NULL, 0);
	err = mapper_parked(hm, seq);
	if (err)
		return err;
	done_seq = __atomic_load_n(&st->done_seq, __ATOMIC_ACQUIRE);
	done = st->done;
	error = st->error;
	if (done_seq == seq && done == n && !error)
		return 0;
	/* -ENOMEM: the host's mapping limit; the kernel starts the view afresh. */
	if (done_seq == seq && done < n && error < 0 && error >= -4095)
		return error;
	/* Not the mapper's report: guest code wrote over its own stub's page. */
	return user_broken(hm);
}

static void seccomp_kick(struct host_mm *hm)
{
	hm->kicked = 1;
	if (!hm->kick_ns)
		hm->kick_ns = now_ns();
	/* Wake the kernel's own wait too, so that it looks at the time. */
	__atomic_fetch_or(&state(hm)->turn, STUB_TURN_CHILD, __ATOMIC_SEQ_CST);
	syscall(SYS_tgkill, hm->pid, hm->pid, KICK_SIGNAL);
}

/*
 * Where the host lets this program run on two CPUs or more, the guest
 * thread of a process that traps often goes to another CPU than the kernel
 * thread's, and both spin a little while waiting: handing over then costs
 * no context switch. A new process starts on the kernel's CPU (most are
 * short: a fork and an exit), and one that sleeps waiting comes back
 * (give_turn). The mapper stays with the kernel, which waits for it by
 * yielding.
 */
static void seccomp_affinity(struct host_mm *hm, int cpu)
{
	int other = -1, c;
	cpu_set_t set;

	hm->cpu = cpu;
	if (hm->quick < QUICK_TRAPS) {
		hm->spin = 0;
		state(hm)->spin = 0;
		user_pin(hm->pid, cpu);
		user_pin(hm->mapper_tid, cpu);
		return;
	}
	/* The system call: sched_getaffinity() in this program is the kernel's. */
	CPU_ZERO(&set);
	if (syscall(SYS_sched_getaffinity, 0, sizeof(set), &set) > 0 && CPU_COUNT(&set) > 1)
		for (c = 1; c < CPU_SETSIZE && other < 0; c++)
			if (CPU_ISSET((cpu + c) % CPU_SETSIZE, &set))
				other = (cpu + c) % CPU_SETSIZE;
	hm->spin = other >= 0;
	state(hm)->spin = hm->spin;
	user_pin(hm->pid, other >= 0 ? other : cpu);
	user_pin(hm->mapper_tid, cpu);
}

static int seccomp_get_fpu(struct host_mm *hm, void *fpu)
{
	/* What the frame has no room for (AMX tile data) stays off. */
	memset((char *)fpu + user_frame_fpu_size, 0, user_fpu_size - user_frame_fpu_size);
	memcpy(fpu, (char *)hm->data + hm->fpstate, user_frame_fpu_size);
	return 0;
}

static int seccomp_set_fpu(struct host_mm *hm, const void *fpu)
{
	memcpy((char *)hm->data + hm->fpstate, fpu, user_frame_fpu_size);
	return 0;
}

/* mcontext order (the stub's) to and from user_regs_struct (the kernel's). */
static void regs_to_gregs(const struct user_regs_struct *r, unsigned long *g)
{
	g[0] = r->r8;   g[1] = r->r9;   g[2] = r->r10;  g[3] = r->r11;
	g[4] = r->r12;  g[5] = r->r13;  g[6] = r->r14;  g[7] = r->r15;
	g[8] = r->rdi;  g[9] = r->rsi;  g[10] = r->rbp; g[11] = r->rbx;
	g[12] = r->rdx; g[13] = r->rax; g[14] = r->rcx; g[15] = r->rsp;
	g[16] = r->rip; g[17] = r->eflags;
}

static void gregs_to_regs(const unsigned long *g, struct user_regs_struct *r)
{
	r->r8 = g[0];   r->r9 = g[1];   r->r10 = g[2];  r->r11 = g[3];
	r->r12 = g[4];  r->r13 = g[5];  r->r14 = g[6];  r->r15 = g[7];
	r->rdi = g[8];  r->rsi = g[9];  r->rbp = g[10]; r->rbx = g[11];
	r->rdx = g[12]; r->rax = g[13]; r->rcx = g[14]; r->rsp = g[15];
	r->rip = g[16]; r->eflags = g[17];
	r->orig_rax = -1;
	r->cs = 0x33;
	r->ss = 0x2b;
	r->ds = r->es = r->fs = r->gs = 0;
}

/* Turn the stub's record of a host signal into the kernel's trap. */
static int decode(struct host_mm *hm, const struct stub_state *rec,
		  struct user_regs_struct *r, struct host_trap *trap)
{
	unsigned long fp = rec->fpstate;
	int sig = rec->signo, code = rec->code;

	if (fp & 63 || fp < 2 * PAGE_SZ || fp + user_frame_fpu_size > user_mm_pages * PAGE_SZ)
		return user_broken(hm);
	hm->fpstate = fp;
	gregs_to_regs(rec->gregs, r);
	r->fs_base = rec->fsbase;
	r->gs_base = rec->gsbase;
	trap->signo = sig;
	trap->code = code;
	trap->addr = rec->addr;

	if (sig == SIGSYS && code == SYS_SECCOMP) {
		trap->kind = HOST_TRAP_SYSCALL;
		trap->compat = rec->arch != AUDIT_ARCH_X86_64;
		r->orig_rax = rec->sysno;
		return 0;
	}
	/* The kick, or a signal another host process sent. */
	if (sig == KICK_SIGNAL || (code <= 0 && code != SI_KERNEL)) {
		trap->kind = HOST_TRAP_INTERRUPT;
		return 0;
	}
	if (sig == SIGSEGV) {
		trap->kind = HOST_TRAP_FAULT;
		trap->error = rec->err & 0x1f;		/* P, W, U, RSVD, I */
		trap->trapno = rec->trapno == 13 ? 13 : 14;
		return 0;
	}
	trap->kind = HOST_TRAP_SIGNAL;
	trap->trapno = user_trap_number(sig, code);
	return 0;
}

static int seccomp_run(struct host_mm *hm, unsigned long *regs, struct host_trap *trap)
{
	struct user_regs_struct *r = (struct user_regs_struct *)regs;
	struct stub_state *st = state(hm), rec;
	int err;

	regs_to_gregs(r, st->gregs);
	st->fsbase = r->fs_base;
	st->gsbase = r->gs_base;
	st->fpstate = hm->fpstate;
	st->kick_pending = 0;
	hm->kick_ns = 0;
	give_turn(hm);
	err = wait_turn(hm);
	/* A process that keeps trapping at once is worth its own CPU. */
	if (!err && !hm->spin && ++hm->quick == QUICK_TRAPS)
		seccomp_affinity(hm, hm->cpu);
	if (err) {
		trap->kind = HOST_TRAP_DEAD;
		trap->signo = hm->dead;
		return 0;
	}
	/* One read of everything the stub reported: guest code may be changing it. */
	memcpy(&rec, st, sizeof(rec));
	switch (rec.kind) {
	case STUB_EV_SIGNAL:
		err = decode(hm, &rec, r, trap);
		break;
	case STUB_EV_BROKEN:
			err = user_broken(hm);
		break;
	default:
		/* A kick reported by the stub itself: the registers are the kernel's own. */
		trap->kind = HOST_TRAP_INTERRUPT;
		err = 0;
	}
	if (err == -ESRCH) {
		trap->kind = HOST_TRAP_DEAD;
		trap->signo = hm->dead;
		return 0;
	}
	return err;
}

const struct user_backend user_seccomp = {
	.name = "seccomp",
	.stub_kind = 1,
	.setup = seccomp_setup,
	.started = seccomp_started,
	.apply = seccomp_apply,
	.run = seccomp_run,
	.kick = seccomp_kick,
	.get_fpu = seccomp_get_fpu,
	.set_fpu = seccomp_set_fpu,
	.affinity = seccomp_affinity,
};
