// SPDX-License-Identifier: GPL-2.0
/*
 * ptrace and core dumps inside the guest: the x86_64 register sets
 * (general registers, the FXSAVE area, the XSAVE image) and requests, on a
 * traced task's saved state.
 */
#include <linux/elf.h>
#include <linux/elfcore.h>
#include <linux/ptrace.h>
#include <linux/regset.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/um.h>
#include <asm/um_mm.h>

#define GENREGS_SIZE	(UM_NR_USER_REGS * sizeof(long))
#define FXSAVE_SIZE	512
/* The x86_64 struct user (PEEKUSER offsets): its size, and where the
 * debug registers are in it. */
#define USER_SIZE	912
#define USER_DEBUGREG	848

enum { REGSET_GENERAL, REGSET_FP, REGSET_XSTATE };

/* What a tracer may set: anything but the segments; bases must be user ones. */
static int set_user_regs(struct task_struct *t, const struct pt_regs *new)
{
	struct pt_regs *regs = task_pt_regs(t);

	if (new->fs_base >= TASK_SIZE || new->gs_base >= TASK_SIZE)
		return -EIO;
	memcpy(regs, new, GENREGS_SIZE);
	regs->cs = UM_USER_CS;
	regs->ss = UM_USER_DS;
	regs->ds = regs->es = regs->fs = regs->gs = 0;
	regs->flags = (regs->flags & 0x00250fd5UL) | 0x202UL;
	return 0;
}

static int genregs_get(struct task_struct *target, const struct user_regset *regset,
		       struct membuf to)
{
	return membuf_write(&to, task_pt_regs(target), GENREGS_SIZE);
}

static int genregs_set(struct task_struct *target, const struct user_regset *regset,
		       unsigned int pos, unsigned int count,
		       const void *kbuf, const void __user *ubuf)
{
	struct pt_regs regs = *task_pt_regs(target);
	int err;

	err = user_regset_copyin(&pos, &count, &kbuf, &ubuf, &regs, 0, GENREGS_SIZE);
	return err ? err : set_user_regs(target, &regs);
}

static int fpregs_get(struct task_struct *target, const struct user_regset *regset,
		      struct membuf to)
{
	um_fpu_release(target);
	return membuf_write(&to, um_fpu_area(target), FXSAVE_SIZE);
}

/* After a tracer wrote the legacy area: keep the XSAVE header consistent. */
static void fixup_after_set(struct task_struct *target, bool legacy_only)
{
	u8 *area = um_fpu_area(target);

	memset(area + 464, 0, 48);
	if (um_fpu_size > FXSAVE_SIZE) {
		u64 *hdr = (u64 *)(area + FXSAVE_SIZE);

		if (legacy_only)
			hdr[0] |= 3;
		hdr[1] = 0;
	}
}

/*
 * What the host would refuse to load, refused here as native x86_64 does:
 * MXCSR bits the CPU does not have, XSAVE components it does not have, a
 * compacted or reserved header.
 */
static int check_fpu_image(const u8 *image, bool xsave)
{
	const u64 *hdr = (const u64 *)(image + FXSAVE_SIZE);
	int i;

	if (*(const u32 *)(image + 24) & ~um_fpu_mxcsr_mask)
		return -EINVAL;
	if (!xsave)
		return 0;
	if (hdr[0] & ~um_fpu_xfeatures || hdr[1])
		return -EINVAL;
	for (i = 2; i < 8; i++)
		if (hdr[i])
			return -EINVAL;
	return 0;
}

static int fpu_set(struct task_struct *target, unsigned int pos, unsigned int count,
		   const void *kbuf, const void __user *ubuf, unsigned int size)
{
	u8 *image = kmalloc(um_fpu_size, GFP_KERNEL);
	int err;

	if (!image)
		return -ENOMEM;
	um_fpu_release(target);
	memcpy(image, um_fpu_area(target), um_fpu_size);
	err = user_regset_copyin(&pos, &count, &kbuf, &ubuf, image, 0, size);
	if (!err)
		err = check_fpu_image(image, size > FXSAVE_SIZE);
	if (!err) {
		memcpy(um_fpu_area(target), image, um_fpu_size);
		fixup_after_set(target, size == FXSAVE_SIZE);
	}
	kfree(image);
	return err;
}

static int fpregs_set(struct task_struct *target, const struct user_regset *regset,
		      unsigned int pos, unsigned int count,
		      const void *kbuf, const void __user *ubuf)
{
	return fpu_set(target, pos, count, kbuf, ubuf, FXSAVE_SIZE);
}

static int xstate_get(struct task_struct *target, const struct user_regset *regset,
		      struct membuf to)
{
	um_fpu_release(target);
	return membuf_write(&to, um_fpu_area(target), um_fpu_size);
}

static int xstate_set(struct task_struct *target, const struct user_regset *regset,
		      unsigned int pos, unsigned int count,
		      const void *kbuf, const void __user *ubuf)
{
	if (pos || count != um_fpu_size)
		return -EFAULT;
	return fpu_set(target, pos, count, kbuf, ubuf, um_fpu_size);
}

static struct user_regset um_regsets[] __ro_after_init = {
	[REGSET_GENERAL] = {
		.core_note_type	= NT_PRSTATUS,
		.n		= UM_NR_USER_REGS,
		.size		= sizeof(long),
		.align		= sizeof(long),
		.regset_get	= genregs_get,
		.set		= genregs_set,
	},
	[REGSET_FP] = {
		.core_note_type	= NT_PRFPREG,
		.n		= FXSAVE_SIZE / sizeof(long),
		.size		= sizeof(long),
		.align		= sizeof(long),
		.regset_get	= fpregs_get,
		.set		= fpregs_set,
	},
	[REGSET_XSTATE] = {
		.core_note_type	= NT_X86_XSTATE,
		.size		= sizeof(u64),
		.align		= sizeof(u64),
		.regset_get	= xstate_get,
		.set		= xstate_set,
	},
};

static struct user_regset_view um_view __ro_after_init = {
	.name		= "x86_64",
	.e_machine	= EM_X86_64,
	.regsets	= um_regsets,
	.n		= ARRAY_SIZE(um_regsets),
};

/* The XSAVE register set is as large as the host's (known at boot). */
void __init um_ptrace_init(void)
{
	if (um_fpu_size > FXSAVE_SIZE)
		um_regsets[REGSET_XSTATE].n = um_fpu_size / sizeof(u64);
	else
		um_view.n = REGSET_XSTATE;
}

const struct user_regset_view *task_user_regset_view(struct task_struct *task)
{
	return &um_view;
}

void user_enable_single_step(struct task_struct *child)
{
	set_tsk_thread_flag(child, TIF_SINGLESTEP);
	task_pt_regs(child)->flags |= 0x100;		/* TF */
}

void user_disable_single_step(struct task_struct *child)
{
	clear_tsk_thread_flag(child, TIF_SINGLESTEP);
	task_pt_regs(child)->flags &= ~0x100UL;
}

void ptrace_disable(struct task_struct *child)
{
	user_disable_single_step(child);
}

static long peek_user(struct task_struct *child, unsigned long off,
		      unsigned long __user *data)
{
	unsigned long v = 0;

	if (off & 7)
		return -EIO;
	if (off < GENREGS_SIZE)
		v = ((unsigned long *)task_pt_regs(child))[off / 8];
	else if (off >= USER_SIZE)
		return -EIO;
	/* Other fields of struct user, and the debug registers, read as 0. */
	return put_user(v, data);
}

static long poke_user(struct task_struct *child, unsigned long off, unsigned long v)
{
	struct pt_regs regs = *task_pt_regs(child);

	if (off & 7)
		return -EIO;
	if (off < GENREGS_SIZE) {
		((unsigned long *)&regs)[off / 8] = v;
		return set_user_regs(child, &regs);
	}
	/* No hardware breakpoints: only clearing the debug registers works. */
	if (off >= USER_DEBUGREG && off < USER_DEBUGREG + 64)
		return v ? -EIO : 0;
	return -EIO;
}

long arch_ptrace(struct task_struct *child, long request, unsigned long addr,
		 unsigned long data)
{
	void __user *udata = (void __user *)data;

	switch (request) {
	case PTRACE_PEEKUSR:
		return peek_user(child, addr, udata);
	case PTRACE_POKEUSR:
		return poke_user(child, addr, data);
	case PTRACE_GETREGS:
		return copy_regset_to_user(child, &um_view, REGSET_GENERAL, 0,
					   GENREGS_SIZE, udata);
	case PTRACE_SETREGS:
		return copy_regset_from_user(child, &um_view, REGSET_GENERAL, 0,
					     GENREGS_SIZE, udata);
	case PTRACE_GETFPREGS:
		return copy_regset_to_user(child, &um_view, REGSET_FP, 0,
					   FXSAVE_SIZE, udata);
	case PTRACE_SETFPREGS:
		return copy_regset_from_user(child, &um_view, REGSET_FP, 0,
					     FXSAVE_SIZE, udata);
	case PTRACE_ARCH_PRCTL:
		return um_ptrace_arch_prctl(child, data, addr);
	default:
		return ptrace_request(child, request, addr, data);
	}
}
