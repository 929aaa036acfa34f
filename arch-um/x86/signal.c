// SPDX-License-Identifier: GPL-2.0
/*
 * Signal delivery to guest programs, in the x86_64 frame layout: what a
 * handler finds on its stack, and what rt_sigreturn takes back, is what it
 * would be on a native x86_64 kernel, FPU state included.
 *
 *   [ rt_sigframe: return address (sa_restorer), ucontext, siginfo ]
 *   [ FPU state: XSAVE image, 64-byte aligned, then FP_XSTATE_MAGIC2 ]
 */
#include <linux/entry-common.h>
#include <linux/resume_user_mode.h>
#include <linux/rseq.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/sigcontext.h>
#include <asm/syscall.h>
#include <asm/ucontext.h>
#include <asm/um.h>
#include <asm/um_mm.h>

struct rt_sigframe {
	char __user *pretcode;
	struct ucontext uc;
	struct siginfo info;
};

/* Flags a frame may change: the arithmetic ones, TF, DF, RF, AC. */
#define UM_SIG_FLAGS	0x00050dd5UL
#define UM_FLAGS_TF	0x100UL
#define UM_FLAGS_DF	0x400UL
#define UM_FLAGS_RF	0x10000UL

unsigned long um_fpu_xfeatures = 3;
unsigned long um_fpu_mxcsr_mask = 0xffbf;

static bool um_fpu_is_xsave(void)
{
	return um_fpu_size > 512;
}

/* Bytes the FPU part of a frame takes (with the trailing magic). */
static unsigned long fpstate_size(void)
{
	return um_fpu_size + (um_fpu_is_xsave() ? FP_XSTATE_MAGIC2_SIZE : 0);
}

/* What a handler needs at least (AT_MINSIGSTKSZ). */
unsigned long um_sigframe_size(void)
{
	return ALIGN(fpstate_size(), 64) + sizeof(struct rt_sigframe) + 128 + 64;
}

static int save_fpstate(void __user *buf)
{
	struct _fpx_sw_bytes sw = { 0 };

	um_fpu_release(current);
	if (copy_to_user(buf, um_fpu_area(current), um_fpu_size))
		return -EFAULT;
	if (!um_fpu_is_xsave())
		return 0;
	sw.magic1 = FP_XSTATE_MAGIC1;
	sw.extended_size = fpstate_size();
	sw.xfeatures = um_fpu_xfeatures;
	sw.xstate_size = um_fpu_size;
	if (copy_to_user(buf + offsetof(struct _fpstate_64, sw_reserved), &sw, sizeof(sw)) ||
	    put_user(FP_XSTATE_MAGIC2, (u32 __user *)(buf + um_fpu_size)))
		return -EFAULT;
	return 0;
}

/*
 * Take FPU state from a frame, made into what the host accepts the way
 * x86 does it: unknown components and MXCSR bits dropped.
 */
static int restore_fpstate(void __user *buf)
{
	u8 *area = um_fpu_area(current);
	struct _fpx_sw_bytes sw;
	bool full = false;

	um_fpu_release(current);
	if (!buf) {
		um_fpu_reset(current);
		return 0;
	}
	if (copy_from_user(&sw, buf + offsetof(struct _fpstate_64, sw_reserved), sizeof(sw)))
		return -EFAULT;
	if (um_fpu_is_xsave() && sw.magic1 == FP_XSTATE_MAGIC1 &&
	    sw.xstate_size == um_fpu_size && sw.extended_size == fpstate_size()) {
		u32 magic2;

		if (get_user(magic2, (u32 __user *)(buf + um_fpu_size)))
			return -EFAULT;
		full = magic2 == FP_XSTATE_MAGIC2;
	}
	if (copy_from_user(area, buf, full ? um_fpu_size : 512))
		return -EFAULT;
	if (um_fpu_is_xsave()) {
		u64 *hdr = (u64 *)(area + 512);
		int i;

		if (!full) {
			memset(area + 512, 0, um_fpu_size - 512);
			hdr[0] = 3;		/* x87 and SSE from the legacy area */
		}
		hdr[0] &= um_fpu_xfeatures;
		hdr[1] = 0;			/* standard, not compacted, format */
		for (i = 2; i < 8; i++)
			hdr[i] = 0;
	}
	/* sw_reserved is ours to fill, not the host's to read */
	memset(area + 464, 0, 48);
	/* MXCSR bits the CPU lacks are dropped, as x86 does */
	*(u32 *)(area + 24) &= um_fpu_mxcsr_mask;
	return 0;
}

static unsigned long frame_base(struct ksignal *ksig, struct pt_regs *regs,
				bool *on_altstack)
{
	unsigned long sp = regs->sp - 128;	/* below the red zone */

	*on_altstack = false;
	if (ksig->ka.sa.sa_flags & SA_ONSTACK) {
		if (current->sas_ss_size && !on_sig_stack(sp)) {
			sp = current->sas_ss_sp + current->sas_ss_size;
			*on_altstack = true;
		} else if (on_sig_stack(sp)) {
			*on_altstack = true;	/* nested, already on it */
		}
	}
	return sp;
}

static int setup_rt_frame(struct ksignal *ksig, sigset_t *set, struct pt_regs *regs)
{
	struct rt_sigframe __user *frame;
	struct sigcontext sc = { 0 };
	unsigned long sp, fp, uc_flags;
	bool altstack;

	if (!(ksig->ka.sa.sa_flags & SA_RESTORER))
		return -EFAULT;

	sp = frame_base(ksig, regs, &altstack);
	fp = round_down(sp - fpstate_size(), 64);
	sp = round_down(fp - sizeof(*frame), 16) - 8;
	frame = (struct rt_sigframe __user *)sp;
	/* A frame that overflowed the alternate stack is not written. */
	if (altstack && (sp < current->sas_ss_sp ||
			 sp - current->sas_ss_sp >= current->sas_ss_size))
		return -EFAULT;
	if (!access_ok(frame, fp + fpstate_size() - sp))
		return -EFAULT;

	if (save_fpstate((void __user *)fp))
		return -EFAULT;

	sc.r8 = regs->r8;	sc.r9 = regs->r9;	sc.r10 = regs->r10;
	sc.r11 = regs->r11;	sc.r12 = regs->r12;	sc.r13 = regs->r13;
	sc.r14 = regs->r14;	sc.r15 = regs->r15;
	sc.di = regs->di;	sc.si = regs->si;	sc.bp = regs->bp;
	sc.bx = regs->bx;	sc.dx = regs->dx;	sc.ax = regs->ax;
	sc.cx = regs->cx;	sc.sp = regs->sp;	sc.ip = regs->ip;
	sc.flags = regs->flags;
	sc.cs = UM_USER_CS;
	sc.ss = UM_USER_DS;
	sc.err = current->thread.error_code;
	sc.trapno = current->thread.trap_nr;
	sc.oldmask = set->sig[0];
	sc.cr2 = current->thread.fault_address;
	sc.fpstate = fp;

	uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS |
		   (um_fpu_is_xsave() ? UC_FP_XSTATE : 0);
	if (put_user((char __user *)ksig->ka.sa.sa_restorer, &frame->pretcode) ||
	    put_user(uc_flags, &frame->uc.uc_flags) ||
	    put_user(NULL, &frame->uc.uc_link) ||
	    __save_altstack(&frame->uc.uc_stack, regs->sp) ||
	    copy_to_user(&frame->uc.uc_mcontext, &sc, sizeof(sc)) ||
	    copy_to_user(&frame->uc.uc_sigmask, set, sizeof(*set)) ||
	    copy_siginfo_to_user(&frame->info, &ksig->info))
		return -EFAULT;

	regs->di = ksig->sig;
	regs->si = (unsigned long)&frame->info;
	regs->dx = (unsigned long)&frame->uc;
	regs->ax = 0;
	regs->sp = sp;
	regs->ip = (unsigned long)ksig->ka.sa.sa_handler;
	regs->cs = UM_USER_CS;
	regs->ss = UM_USER_DS;
	regs->flags &= ~(UM_FLAGS_TF | UM_FLAGS_DF | UM_FLAGS_RF);
	/* The handler starts with clean FPU registers, as on x86. */
	um_fpu_reset(current);
	return 0;
}

static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	bool stepping = test_thread_flag(TIF_SINGLESTEP);
	int failed;

	/* Interrupted system calls: restart or fail with -EINTR. */
	if (syscall_get_nr(current, regs) >= 0) {
		switch (syscall_get_error(current, regs)) {
		case -ERESTART_RESTARTBLOCK:
		case -ERESTARTNOHAND:
			regs->ax = -EINTR;
			break;
		case -ERESTARTSYS:
			if (!(ksig->ka.sa.sa_flags & SA_RESTART)) {
				regs->ax = -EINTR;
				break;
			}
			fallthrough;
		case -ERESTARTNOINTR:
			regs->ax = regs->orig_ax;
			regs->ip -= 2;		/* back onto the syscall instruction */
			break;
		}
	}

	rseq_signal_deliver(ksig, regs);
	failed = setup_rt_frame(ksig, sigmask_to_save(), regs);
	signal_setup_done(failed, ksig, stepping);
}

void arch_do_signal_or_restart(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	/* No handler: restart what the signal interrupted. */
	if (syscall_get_nr(current, regs) >= 0) {
		switch (syscall_get_error(current, regs)) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			regs->ax = regs->orig_ax;
			regs->ip -= 2;
			break;
		case -ERESTART_RESTARTBLOCK:
			regs->ax = __NR_restart_syscall;
			regs->ip -= 2;
			break;
		}
	}
	restore_saved_sigmask();
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	struct rt_sigframe __user *frame;
	struct sigcontext sc;
	sigset_t set;

	frame = (struct rt_sigframe __user *)(regs->sp - sizeof(long));
	if (!access_ok(frame, sizeof(*frame)) ||
	    copy_from_user(&set, &frame->uc.uc_sigmask, sizeof(set)) ||
	    copy_from_user(&sc, &frame->uc.uc_mcontext, sizeof(sc)))
		goto bad;
	set_current_blocked(&set);

	regs->r8 = sc.r8;	regs->r9 = sc.r9;	regs->r10 = sc.r10;
	regs->r11 = sc.r11;	regs->r12 = sc.r12;	regs->r13 = sc.r13;
	regs->r14 = sc.r14;	regs->r15 = sc.r15;
	regs->di = sc.di;	regs->si = sc.si;	regs->bp = sc.bp;
	regs->bx = sc.bx;	regs->dx = sc.dx;	regs->ax = sc.ax;
	regs->cx = sc.cx;	regs->sp = sc.sp;	regs->ip = sc.ip;
	regs->flags = (regs->flags & ~UM_SIG_FLAGS) | (sc.flags & UM_SIG_FLAGS);
	regs->cs = UM_USER_CS;
	regs->ss = UM_USER_DS;
	regs->orig_ax = -1;		/* no system call restart from here */

	if (restore_fpstate((void __user *)sc.fpstate) ||
	    restore_altstack(&frame->uc.uc_stack))
		goto bad;
	return regs->ax;

bad:
	force_sig(SIGSEGV);
	return 0;
}
