// SPDX-License-Identifier: GPL-2.0
/*
 * The ptrace backend: guest code runs under PTRACE_SYSEMU, so each of its
 * system calls stops the host process before the host kernel does
 * anything, and the guest kernel serves it instead. A page fault stops it
 * with SIGSEGV; the stub's handler then reports the fault's error code.
 * Mapping operations are run by the stub, sent there with PTRACE_SETREGS.
 *
 * One rule for every stop: the host process is resumed with signal 0 only
 * for the kick the kernel sent itself. Any other stop that the step at
 * hand does not expect, and any state that cannot be read, ends the
 * address space: its guest task gets SIGSEGV, as a native process whose
 * signal frame cannot be written does. Nothing is retried blindly, so no
 * guest can keep the kernel looping here.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <elf.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "user-priv.h"

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif
#ifndef SYS_SECCOMP
#define SYS_SECCOMP	1		/* si_code of a seccomp SIGSYS */
#endif

static struct stub_ptrace_page *ptrace_page(struct host_mm *hm)
{
	return hm->data;
}

static void ptrace_setup(struct host_boot_info *info)
{
	info->mm_pages = 1;
}

/* Wait for the next stop; a host process that is gone is reaped here. */
static int next_stop(struct host_mm *hm, int *sig)
{
	int status, err = user_wait_stop(hm->pid, &status);

	if (err)
		return err;
	if (!WIFSTOPPED(status)) {
		user_reaped(hm, status);
		return -ESRCH;
	}
	*sig = WSTOPSIG(status);
	return 0;
}

static int ptrace_started(struct host_mm *hm)
{
	int sig, err = next_stop(hm, &sig);

	if (err)
		return err;
	if (sig != SIGTRAP)
		return -ECHILD;
	if (ptrace(PTRACE_SETOPTIONS, hm->pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL))
		return -errno;
	hm->ops = ptrace_page(hm)->ops;
	hm->max_ops = STUB_PTRACE_OPS;
	return 0;
}

static void ptrace_kick(struct host_mm *hm)
{
	hm->kicked = 1;
	syscall(SYS_tgkill, hm->pid, hm->pid, KICK_SIGNAL);
}

static void ptrace_affinity(struct host_mm *hm, int cpu)
{
	user_pin(hm->pid, cpu);
}

/*
 * Continue the stub until its int3. A kick meanwhile is dropped (the
 * kernel learns of it from hm->kicked); any other stop means the stub
 * faulted, which only guest code can have caused.
 */
static int run_stub_until_trap(struct host_mm *hm, int sig)
{
	int err;

	for (;;) {
		if (ptrace(PTRACE_CONT, hm->pid, 0, sig))
			return user_broken(hm);
		err = next_stop(hm, &sig);
		if (err)
			return err;
		if (sig == SIGTRAP)
			return 0;
		if (sig != KICK_SIGNAL)
			return user_broken(hm);
		sig = 0;
	}
}

static void set_stub_regs(struct user_regs_struct *r, unsigned long ip)
{
	memset(r, 0, sizeof(*r));
	r->rip = ip;
	r->rsp = user_stub_base + STUB_STACK + STUB_STACK_SIZE - 8;
	r->cs = 0x33;
	r->ss = 0x2b;
	r->eflags = 0x202;
}

/* The process is stopped; nothing runs in it until the stub's trap. */
static int ptrace_apply(struct host_mm *hm, unsigned int n)
{
	struct stub_ptrace_page *page = ptrace_page(hm);
	struct user_regs_struct r;
	int err;

	set_stub_regs(&r, stub_addr(stub_run_ops));
	r.rdi = host_phys_fd();
	r.rsi = n;
	if (ptrace(PTRACE_SETREGS, hm->pid, 0, &r))
		return user_broken(hm);
	err = run_stub_until_trap(hm, 0);
	if (err)
		return err;
	if (page->done != n)
		return page->error < 0 && page->error >= -4095 ? (int)page->error : -EIO;
	return 0;
}

static void regs_to_host(const unsigned long *regs, struct user_regs_struct *r)
{
	memcpy(r, regs, sizeof(*r));
	r->cs = 0x33;
	r->ss = 0x2b;
	r->ds = r->es = r->fs = r->gs = 0;
}

static int ptrace_set_fpu(struct host_mm *hm, const void *fpu)
{
	struct iovec iov = { (void *)fpu, user_fpu_size };

	if (user_fpu_size)
		return ptrace(PTRACE_SETREGSET, hm->pid, NT_X86_XSTATE, &iov) ? -errno : 0;
	return ptrace(PTRACE_SETFPREGS, hm->pid, 0, fpu) ? -errno : 0;
}

static int ptrace_get_fpu(struct host_mm *hm, void *fpu)
{
	struct iovec iov = { fpu, user_fpu_size };

	if (user_fpu_size)
		return ptrace(PTRACE_GETREGSET, hm->pid, NT_X86_XSTATE, &iov) ? -errno : 0;
	return ptrace(PTRACE_GETFPREGS, hm->pid, 0, fpu) ? -errno : 0;
}

static int get_regs(struct host_mm *hm, unsigned long *regs)
{
	return ptrace(PTRACE_GETREGS, hm->pid, 0, regs) ? user_broken(hm) : 0;
}

/*
 * A SIGSEGV of guest code. Registers, address and kind come from the
 * tracer's view of the stop; the stub's handler adds the page-fault error
 * code, which only the signal frame holds. If the handler cannot run (its
 * frame does not fit, say), the stop that follows is not its trap.
 */
static int collect_fault(struct host_mm *hm, unsigned long *regs, struct host_trap *trap)
{
	struct stub_ptrace_page *page = ptrace_page(hm);
	siginfo_t si;
	int err;

	err = get_regs(hm, regs);
	if (err)
		return err;
	if (ptrace(PTRACE_GETSIGINFO, hm->pid, 0, &si))
		return user_broken(hm);
	trap->kind = HOST_TRAP_FAULT;
	trap->signo = SIGSEGV;
	trap->code = si.si_code;
	trap->addr = (unsigned long)si.si_addr;
	/* A SIGSEGV some host process sent: the guest did not fault. */
	if (si.si_code <= 0 && si.si_code != SI_KERNEL) {
		trap->kind = HOST_TRAP_INTERRUPT;
		return 0;
	}
	err = run_stub_until_trap(hm, SIGSEGV);
	if (err)
		return err;
	trap->error = page->fault_err & 0x1f;		/* P, W, U, RSVD, I */
	trap->trapno = page->fault_trapno == 13 ? 13 : 14;
	return 0;
}

static int ptrace_run(struct host_mm *hm, unsigned long *regs, struct host_trap *trap)
{
	struct user_regs_struct r;
	siginfo_t si;
	int sig, err;

	regs_to_host(regs, &r);
	if (ptrace(PTRACE_SETREGS, hm->pid, 0, &r) || ptrace(PTRACE_SYSEMU, hm->pid, 0, 0))
		return user_broken(hm);

	for (;;) {
		err = next_stop(hm, &sig);
		if (err == -ESRCH) {
			trap->kind = HOST_TRAP_DEAD;
			trap->signo = hm->dead;
			return 0;
		}
		if (err)
			return err;
		if (sig == (SIGTRAP | 0x80)) {
			trap->kind = HOST_TRAP_SYSCALL;
			trap->compat = -1;	/* int $0x80 and syscall look alike here */
			return get_regs(hm, regs);
		}
		if (sig == KICK_SIGNAL) {
			trap->kind = HOST_TRAP_INTERRUPT;
			return get_regs(hm, regs);
		}
		if (sig == SIGSEGV)
			return collect_fault(hm, regs, trap);
		if (ptrace(PTRACE_GETSIGINFO, hm->pid, 0, &si))
			return user_broken(hm);
		/*
		 * A call into the host's vsyscall page: the host emulated the
		 * "ret" already and asked the stub's filter, which traps it.
		 * The guest kernel serves it as the system call it stands for.
		 */
		if (sig == SIGSYS && si.si_code == SYS_SECCOMP &&
		    user_is_vsyscall((unsigned long)si.si_call_addr, si.si_syscall)) {
			err = get_regs(hm, regs);
			((struct user_regs_struct *)regs)->orig_rax = si.si_syscall;
			trap->kind = HOST_TRAP_SYSCALL;
			return err;
		}
		/* Signals some host process sent: none of the guest's business. */
		if (si.si_code <= 0 && si.si_code != SI_KERNEL) {
			if (ptrace(PTRACE_SYSEMU, hm->pid, 0, 0))
				return user_broken(hm);
			continue;
		}
		trap->kind = HOST_TRAP_SIGNAL;
		trap->signo = sig;
		trap->code = si.si_code;
		trap->addr = (unsigned long)si.si_addr;
		trap->trapno = user_trap_number(sig, si.si_code);
		return get_regs(hm, regs);
	}
}

const struct user_backend user_ptrace = {
	.name = "ptrace",
	.stub_kind = 0,
	.setup = ptrace_setup,
	.started = ptrace_started,
	.apply = ptrace_apply,
	.run = ptrace_run,
	.kick = ptrace_kick,
	.get_fpu = ptrace_get_fpu,
	.set_fpu = ptrace_set_fpu,
	.affinity = ptrace_affinity,
};
