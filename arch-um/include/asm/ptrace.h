/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Saved registers.
 *
 * For a guest task the registers live in its thread_struct (there is no
 * trap frame on a kernel stack: user code runs in another host process).
 * The first fields are in the order of the x86_64 struct user_regs_struct,
 * so the userspace backends move them to and from the host in one piece.
 *
 * An interrupt that arrives while the kernel itself runs gets a pt_regs
 * snapshot of the kernel context (ip, sp, bp) with cs == 0; user register
 * sets carry the user code segment, so user_mode() tells them apart the way
 * x86 does.
 */
#ifndef _ASM_UM_PTRACE_H
#define _ASM_UM_PTRACE_H

#include <x86-uapi/asm/ptrace-abi.h>

#ifndef __ASSEMBLY__

#define UM_USER_CS	0x33
#define UM_USER_DS	0x2b

struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
	unsigned long fs_base, gs_base, ds, es, fs, gs;
};

#define UM_NR_USER_REGS	27

#define user_mode(regs)			(((regs)->cs & 3) == 3)
#define instruction_pointer(regs)	((regs)->ip)
#define user_stack_pointer(regs)	((regs)->sp)
#define frame_pointer(regs)		((regs)->bp)
#define profile_pc(regs)		instruction_pointer(regs)

static inline long regs_return_value(struct pt_regs *regs)
{
	return regs->ax;
}

static inline void instruction_pointer_set(struct pt_regs *regs, unsigned long v)
{
	regs->ip = v;
}

static inline int regs_irqs_disabled(struct pt_regs *regs)
{
	return !(regs->flags & 0x200);
}

struct task_struct;
extern void show_regs(struct pt_regs *regs);

#define current_pt_regs()	task_pt_regs(current)

#define arch_has_single_step()	(1)

#endif /* !__ASSEMBLY__ */
#endif
