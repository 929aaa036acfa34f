// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces. The host process that runs an mm's user code is created
 * lazily, the first time a task of the mm enters user mode; an mm only
 * ever used by the kernel (kthread_use_mm()) has none. It is ended when
 * the mm's last user goes (arch_exit_mmap), before any of its pages are
 * freed: a backend whose guest code may still be running must not keep
 * them mapped.
 *
 * Every user mm may cost a host process, so their number is bounded
 * (um_procs=, boot_info.mm_limit): fork() beyond it fails with EAGAIN
 * (copy_thread), an exec that would add one (from a vfork child, say)
 * with ENOMEM. guest root cannot raise it, unlike threads-max.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <asm/mmu_context.h>
#include <asm/um.h>
#include <asm/um_mm.h>

static atomic_t um_mm_count = ATOMIC_INIT(0);
unsigned long um_mm_limit = 1024;
unsigned long um_mm_pages = 1;

bool um_mm_over_limit(void)
{
	return atomic_read(&um_mm_count) > um_mm_limit;
}

int init_new_context(struct task_struct *tsk, struct mm_struct *mm)
{
	/* An exec whose old mm stays with others adds a host process. */
	if (tsk == current && current->mm && atomic_read(&current->mm->mm_users) > 1 &&
	    atomic_read(&um_mm_count) >= um_mm_limit)
		return -ENOMEM;
	atomic_inc(&um_mm_count);
	mm->context.host = NULL;
	return 0;
}

static void um_mm_free(struct um_mm *um)
{
	free_pages_exact(um->data, um_mm_pages * PAGE_SIZE);
	kfree(um);
}

struct um_mm *um_mm_get(struct mm_struct *mm)
{
	struct um_mm *um = READ_ONCE(mm->context.host);
	int err;

	if (um)
		return um;
	um = kzalloc(sizeof(*um), GFP_KERNEL);
	if (!um)
		return ERR_PTR(-ENOMEM);
	um->data = alloc_pages_exact(um_mm_pages * PAGE_SIZE, GFP_KERNEL | __GFP_ZERO);
	if (!um->data) {
		kfree(um);
		return ERR_PTR(-ENOMEM);
	}
	err = host_mm_create(um_host(um), __pa(um->data), um->data);
	if (err) {
		um_mm_free(um);
		return ERR_PTR(err);
	}
	/* Another thread of the mm may have been quicker. */
	if (cmpxchg(&mm->context.host, NULL, um)) {
		host_mm_destroy(um_host(um));
		um_mm_free(um);
	}
	return mm->context.host;
}

/* The mm's last user is gone: its host process goes before its pages do. */
void arch_exit_mmap(struct mm_struct *mm)
{
	struct um_mm *um = READ_ONCE(mm->context.host);

	if (!um || um->dead)
		return;
	um_fpu_mm_gone(um);
	host_mm_destroy(um_host(um));
	um->dead = true;
}

void destroy_context(struct mm_struct *mm)
{
	struct um_mm *um = mm->context.host;

	atomic_dec(&um_mm_count);
	if (!um)
		return;
	mm->context.host = NULL;
	um_fpu_mm_gone(um);
	host_mm_destroy(um_host(um));
	um_mm_free(um);
}
