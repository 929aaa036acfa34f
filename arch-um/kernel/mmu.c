// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces. The host process that runs an mm's user code is created
 * lazily, the first time a task of the mm enters user mode; an mm only
 * ever used by the kernel (kthread_use_mm()) has none.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <asm/mmu_context.h>
#include <asm/um_mm.h>

int init_new_context(struct task_struct *tsk, struct mm_struct *mm)
{
	mm->context.host = NULL;
	return 0;
}

static void um_mm_free(struct um_mm *um)
{
	__free_page(um->page);
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
	um->page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!um->page) {
		kfree(um);
		return ERR_PTR(-ENOMEM);
	}
	err = host_mm_create(um_host(um), page_to_phys(um->page),
			     page_address(um->page));
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

void destroy_context(struct mm_struct *mm)
{
	struct um_mm *um = mm->context.host;

	if (!um)
		return;
	mm->context.host = NULL;
	um_fpu_mm_gone(um);
	host_mm_destroy(um_host(um));
	um_mm_free(um);
}
