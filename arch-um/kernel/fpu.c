// SPDX-License-Identifier: GPL-2.0
/*
 * Guest FPU state.
 *
 * A guest thread's FPU and vector registers live in the host process that
 * runs its address space. They are copied out only when the kernel needs
 * them (a signal frame, ptrace, a core dump, fork) or when another thread
 * of the same address space is to run there; the copy is the XSAVE image
 * the host's ptrace uses (um_fpu_size bytes), kept right after the task's
 * task_struct.
 */
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <asm/um.h>
#include <asm/um_mm.h>

unsigned long um_fpu_size = 512;

void *um_fpu_area(struct task_struct *t)
{
	return (char *)t + ALIGN(sizeof(struct task_struct), 64);
}

/* The state of a fresh process: x87 and SSE at their reset values. */
void um_fpu_reset(struct task_struct *t)
{
	u8 *a = um_fpu_area(t);

	um_fpu_release(t);
	memset(a, 0, um_fpu_size);
	*(u16 *)(a + 0) = 0x37f;		/* FCW */
	*(u32 *)(a + 24) = 0x1f80;		/* MXCSR */
	if (um_fpu_size > 512)
		*(u64 *)(a + 512) = 0x3;	/* XSTATE_BV: x87 | SSE */
}

/* Take t's newest state into its area; no host process holds it after. */
void um_fpu_release(struct task_struct *t)
{
	struct um_mm *um = t->thread.fpu_host;

	if (!um)
		return;
	t->thread.fpu_host = NULL;
	if (!um->dead && host_mm_get_fpu(um_host(um), um_fpu_area(t)))
		pr_warn("%s[%d]: cannot read FPU state\n", t->comm, task_pid_nr(t));
	um->fpu_task = NULL;
	put_task_struct(t);
}

/* What must be loaded into um's process before t runs there, or NULL. */
const void *um_fpu_before_run(struct um_mm *um, struct task_struct *t)
{
	if (um->fpu_task == t)
		return NULL;
	if (um->fpu_task)
		um_fpu_release(um->fpu_task);
	um_fpu_release(t);	/* held by another host process (an old mm) */
	return um_fpu_area(t);
}

/* The host process now holds t's state (if it was loaded). */
void um_fpu_after_run(struct um_mm *um, struct task_struct *t, const void *loaded)
{
	if (!loaded)
		return;
	get_task_struct(t);
	um->fpu_task = t;
	t->thread.fpu_host = um;
}

/* The host process goes away; whatever it held is lost with it. */
void um_fpu_mm_gone(struct um_mm *um)
{
	struct task_struct *t = um->fpu_task;

	if (t) {
		t->thread.fpu_host = NULL;
		um->fpu_task = NULL;
		put_task_struct(t);
	}
}

int arch_dup_task_struct(struct task_struct *dst, struct task_struct *src)
{
	*dst = *src;
	dst->thread.fpu_host = NULL;
	if (src->flags & PF_KTHREAD || src == &init_task) {
		um_fpu_reset(dst);
	} else {
		um_fpu_release(src);
		memcpy(um_fpu_area(dst), um_fpu_area(src), um_fpu_size);
	}
	return 0;
}
