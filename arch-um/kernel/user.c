// SPDX-License-Identifier: GPL-2.0
/*
 * The user side of a task: run it in its address space's host process
 * until it traps (the userspace backend, os-host/user.c), serve the trap,
 * and go back. Entry and exit go through the kernel's generic entry code,
 * so ptrace, seccomp, audit, syscall user dispatch, rseq and signal
 * delivery work as on any architecture that uses it.
 */
#include <linux/entry-common.h>
#include <linux/kernel.h>
#include <linux/ratelimit.h>
#include <linux/signal.h>
#include <linux/mm.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task_stack.h>
#include <linux/uaccess.h>
#include <asm/syscall.h>
#include <asm/um.h>
#include <asm/um_mm.h>

/* The host process running user code on this CPU now; NULL in the kernel. */
DEFINE_PER_CPU(struct um_mm *, um_running_mm);

/* Called with interrupts off; returns with them off. */
static void um_run(struct pt_regs *regs, struct host_trap *trap)
{
	struct mm_struct *mm = current->mm;
	struct um_mm *um = READ_ONCE(mm->context.host);
	const void *fpu;
	int err;

	if (!um) {
		/* First run of this address space: make its host process. */
		local_irq_enable();
		um = um_mm_get(mm);
		local_irq_disable();
		if (IS_ERR(um)) {
			pr_err("%s[%d]: cannot create its host process (%ld)\n",
			       current->comm, task_pid_nr(current), PTR_ERR(um));
			trap->kind = HOST_TRAP_DEAD;
			return;
		}
		/* Work may have come up meanwhile: go through exit work again. */
		trap->kind = HOST_TRAP_INTERRUPT;
		return;
	}
	if (um->dead) {
		/* The backend says what the task dies of. */
		host_mm_run(um_host(um), (unsigned long *)regs, NULL, trap);
		return;
	}

	fpu = um_fpu_before_run(um, current);
	/*
	 * While the host process runs this task, nothing may switch to
	 * another: interrupts only kick it (kernel/irq.c).
	 */
	preempt_disable();
	if (unlikely(um->host_full))
		um_mm_reset_host(mm, um);
	if (unlikely(um->dead)) {
		preempt_enable();
		host_mm_run(um_host(um), (unsigned long *)regs, NULL, trap);
		return;
	}
	this_cpu_write(um_running_mm, um);
	local_irq_enable();
	err = host_mm_run(um_host(um), (unsigned long *)regs, fpu, trap);
	local_irq_disable();
	this_cpu_write(um_running_mm, NULL);
	preempt_enable();
	if (err == -ENOMEM) {
		/* Its queued mappings did not fit: run again after a reset. */
		um_mm_host_error(um, err);
		trap->kind = HOST_TRAP_INTERRUPT;
		fpu = NULL;
	} else if (err) {
		pr_err("%s[%d]: the userspace backend failed (%d)\n",
		       current->comm, task_pid_nr(current), err);
		um_mm_host_error(um, err);
		trap->kind = HOST_TRAP_DEAD;
		trap->signo = SIGKILL;
		fpu = NULL;
	}
	um_fpu_after_run(um, current, fpu);
	if (trap->kind == HOST_TRAP_DEAD)
		um->dead = true;
}

static void um_do_syscall(struct pt_regs *regs)
{
	/* As on x86_64, the number is the low 32 bits of rax. */
	long nr = (int)regs->orig_ax;

	regs->ax = -ENOSYS;
	nr = syscall_enter_from_user_mode(regs, nr);
	if (likely((unsigned long)nr < NR_syscalls))
		regs->ax = sys_call_table[nr](regs->di, regs->si, regs->dx,
					      regs->r10, regs->r8, regs->r9);
	syscall_exit_to_user_mode(regs);
}

/*
 * The host's vDSO, which the guest's calls for the clock (os-host/vdso.c),
 * makes a system call of its own when the host's clocksource cannot be
 * read in user mode. It traps like a guest's; it gets the host's clock,
 * the counter the guest's vDSO expects, not the guest's clock_gettime.
 * Anything else made from there is an ordinary guest system call.
 */
static bool um_host_vdso_syscall(struct pt_regs *regs)
{
	struct __kernel_timespec ts;
	unsigned long long ns;

	if (likely(regs->ip - um_boot_info.host_vdso_start >=
		   um_boot_info.host_vdso_end - um_boot_info.host_vdso_start) ||
	    regs->orig_ax != __NR_clock_gettime || regs->di != CLOCK_MONOTONIC)
		return false;
	ns = host_time_ns();
	ts.tv_sec = ns / NSEC_PER_SEC;
	ts.tv_nsec = ns % NSEC_PER_SEC;
	local_irq_enable();
	regs->ax = copy_to_user((void __user *)regs->si, &ts, sizeof(ts)) ? -EFAULT : 0;
	local_irq_disable();
	return true;
}

/* debug.exception-trace: report faults nobody handles, as x86 does. */
int show_unhandled_signals = 1;

static void um_report_fault(struct pt_regs *regs, int signo, unsigned long addr,
			    unsigned long err)
{
	if (!show_unhandled_signals || !unhandled_signal(current, signo) ||
	    !printk_ratelimit())
		return;
	pr_info("%s[%d]: %s at %lx ip %lx sp %lx error %lx\n", current->comm,
		task_pid_nr(current), signo == SIGSEGV ? "segfault" : "bus error",
		addr, regs->ip, regs->sp, err);
}

/*
 * A fault of guest code costs several host context switches, an access on
 * a real CPU nothing: so after a fault, the pages around it that are
 * already present (a forked child's copy-on-write pages, file pages) are
 * mapped in the host as well, as if they had been touched. Nothing is
 * allocated for this; only what the page tables already hold is mapped.
 */
#define UM_MAP_AROUND	16

static void um_map_around(struct mm_struct *mm, unsigned long addr)
{
	unsigned long start = addr & ~(UM_MAP_AROUND * PAGE_SIZE - 1), a;
	struct vm_area_struct *vma;

	if (!mmap_read_trylock(mm))
		return;
	vma = vma_lookup(mm, addr);
	if (vma && !(vma->vm_flags & (VM_IO | VM_PFNMAP))) {
		start = max(start, vma->vm_start);
		for (a = start; a < start + UM_MAP_AROUND * PAGE_SIZE && a < vma->vm_end;
		     a += PAGE_SIZE) {
			spinlock_t *ptl;
			pte_t *ptep = um_find_pte(mm, a), pte;

			if (!ptep || a == (addr & PAGE_MASK))
				continue;
			pte = ptep_get(ptep);
			if (!(pte_val(pte) & _PAGE_PRESENT))
				continue;
			if (!pte_young(pte)) {
				/* Old but present: used now, as far as reclaim cares. */
				ptl = pte_lockptr(mm, pmd_off(mm, a));
				spin_lock(ptl);
				if (pte_same(ptep_get(ptep), pte))
					set_pte(ptep, pte_mkyoung(pte));
				spin_unlock(ptl);
			}
			preempt_disable();
			um_mm_map_page(mm, a, ptep);
			preempt_enable();
		}
	}
	mmap_read_unlock(mm);
}

static void um_user_fault(struct pt_regs *regs, struct host_trap *trap)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = trap->addr;
	unsigned int how = UM_FAULT_USER;
	pte_t *ptep;
	int err;

	current->thread.fault_address = addr;
	current->thread.error_code = trap->error;
	current->thread.trap_nr = trap->trapno;

	if (trap->trapno != 14) {
		/* Not a page fault (a protection fault): no address to report. */
		um_report_fault(regs, SIGSEGV, 0, trap->error);
		force_sig(SIGSEGV);
		return;
	}
	if (trap->error & 2)
		how |= UM_FAULT_WRITE;
	if (trap->error & 16)
		how |= UM_FAULT_EXEC;

	err = um_user_range_ok(addr, 1) ? um_handle_mm_fault(addr, how) : -EFAULT;
	switch (err) {
	case 0:
		/* The PTE allows it now; the host may still lag behind. */
		preempt_disable();
		ptep = um_find_pte(mm, addr);
		if (ptep)
			um_mm_map_page(mm, addr, ptep);
		preempt_enable();
		um_map_around(mm, addr);
		break;
	case -EACCES:
		um_report_fault(regs, SIGSEGV, addr, trap->error);
		force_sig_fault(SIGSEGV, SEGV_ACCERR, (void __user *)addr);
		break;
	case -EFAULT:
		um_report_fault(regs, SIGSEGV, addr, trap->error);
		force_sig_fault(SIGSEGV, SEGV_MAPERR, (void __user *)addr);
		break;
	case -EIO:
		um_report_fault(regs, SIGBUS, addr, trap->error);
		force_sig_fault(SIGBUS, BUS_ADRERR, (void __user *)addr);
		break;
	default:
		/* -ENOMEM: the OOM killer ran; -EINTR: a fatal signal waits. */
		break;
	}
}

/*
 * A 32-bit system call (int $0x80, or sysenter on Intel) from 64-bit code.
 * The port has no IA32 emulation, so it goes as on an x86_64 kernel built
 * without it: int $0x80 hits a gate that is not there, a general
 * protection fault with the vector in the error code, reported at the
 * instruction. A backend that cannot tell the two kinds apart leaves it to
 * the instruction's bytes.
 */
static bool um_compat_syscall(struct pt_regs *regs, struct host_trap *trap,
			      unsigned long *error)
{
	u8 insn[2] = { 0, 0 };

	if (!trap->compat)
		return false;
	local_irq_enable();
	if (copy_from_user(insn, (void __user *)(regs->ip - 2), 2))
		insn[0] = 0;
	local_irq_disable();
	if (trap->compat == -1 && insn[0] == 0x0f && insn[1] == 0x05)
		return false;
	*error = insn[0] == 0xcd && insn[1] == 0x80 ? (0x80 << 3) | 2 : 0;
	return true;
}

static void um_user_trap(struct pt_regs *regs, struct host_trap *trap)
{
	current->thread.trap_nr = trap->trapno;
	current->thread.error_code = trap->error;
	if (trap->code == SI_KERNEL)
		force_sig(trap->signo);
	else
		force_sig_fault(trap->signo, trap->code, (void __user *)trap->addr);
}

/* Where a task's user side begins (a forked child, or after an exec). */
void um_user_loop(void)
{
	struct pt_regs *regs = current_pt_regs();
	struct host_trap trap;

	syscall_exit_to_user_mode(regs);
	for (;;) {
		unsigned long error;

		um_run(regs, &trap);
		if (trap.kind == HOST_TRAP_SYSCALL && um_host_vdso_syscall(regs)) {
			/* Answered: what is left is the work of any return to user mode. */
			trap.kind = HOST_TRAP_INTERRUPT;
		} else if (trap.kind == HOST_TRAP_SYSCALL) {
			if (!um_compat_syscall(regs, &trap, &error)) {
				um_do_syscall(regs);
				continue;
			}
			regs->ip -= 2;
			trap.kind = HOST_TRAP_SIGNAL;
			trap.signo = SIGSEGV;
			trap.code = SI_KERNEL;
			trap.trapno = 13;
			trap.error = error;
		}
		/* Not a system call: no restart may look at what orig_ax held. */
		regs->orig_ax = -1;
		irqentry_enter_from_user_mode(regs);
		switch (trap.kind) {
		case HOST_TRAP_FAULT:
			local_irq_enable();
			um_user_fault(regs, &trap);
			local_irq_disable();
			break;
		case HOST_TRAP_SIGNAL:
			local_irq_enable();
			um_user_trap(regs, &trap);
			local_irq_disable();
			break;
		case HOST_TRAP_DEAD:
			/* SIGSEGV: the guest broke its own host process. */
			force_fatal_sig(trap.signo == SIGSEGV ? SIGSEGV : SIGKILL);
			break;
		default:
			/* An interrupt stopped it: the exit work does the rest. */
			break;
		}
		irqentry_exit_to_user_mode(regs);
	}
}
