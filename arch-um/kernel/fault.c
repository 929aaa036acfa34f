// SPDX-License-Identifier: GPL-2.0
/*
 * Page faults on user addresses of the current mm: from guest user code
 * (reported by the userspace backend) and from the kernel's own user
 * accesses (uaccess.c), which walk the page tables like a CPU would and
 * come here when a page is missing or lacks the access they need.
 */
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/perf_event.h>
#include <linux/sched/signal.h>
#include <asm/um.h>

static bool access_allowed(struct vm_area_struct *vma, unsigned int how)
{
	if (how & UM_FAULT_WRITE)
		return vma->vm_flags & VM_WRITE;
	if (how & UM_FAULT_EXEC)
		return vma->vm_flags & VM_EXEC;
	return vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC);
}

/*
 * Returns 0 when the page is now there, -EFAULT for an address no VMA
 * covers and -EACCES for an access its VMA does not allow (SIGSEGV with
 * SEGV_MAPERR or SEGV_ACCERR), -EIO for VM_FAULT_SIGBUS/HWPOISON
 * (SIGBUS), -ENOMEM when out of memory, -EINTR if a fatal signal came.
 */
int um_handle_mm_fault(unsigned long addr, unsigned int how)
{
	struct mm_struct *mm = current->mm;
	unsigned int flags = FAULT_FLAG_DEFAULT;
	struct vm_area_struct *vma;
	vm_fault_t fault;

	if (!mm || faulthandler_disabled())
		return -EFAULT;
	if (how & UM_FAULT_USER)
		flags |= FAULT_FLAG_USER;
	if (how & UM_FAULT_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (how & UM_FAULT_EXEC)
		flags |= FAULT_FLAG_INSTRUCTION;

	perf_sw_event(PERF_COUNT_SW_PAGE_FAULTS, 1, NULL, addr);
retry:
	vma = lock_mm_and_find_vma(mm, addr, NULL);
	if (!vma)
		return -EFAULT;
	if (!access_allowed(vma, how)) {
		mmap_read_unlock(mm);
		return -EACCES;
	}

	fault = handle_mm_fault(vma, addr, flags, NULL);
	/*
	 * A fault that waited for I/O (the page from a disk) comes back with
	 * the lock dropped; a signal may end it then. Not through
	 * fault_signal_pending(): that reads the registers, which a fault of
	 * the kernel's own uaccess has none of.
	 */
	if ((fault & VM_FAULT_RETRY) &&
	    (fatal_signal_pending(current) ||
	     ((how & UM_FAULT_USER) && signal_pending(current))))
		return -EINTR;
	if (fault & VM_FAULT_COMPLETED)
		return 0;
	if (fault & VM_FAULT_RETRY) {
		flags |= FAULT_FLAG_TRIED;
		goto retry;
	}
	mmap_read_unlock(mm);

	if (!(fault & VM_FAULT_ERROR))
		return 0;
	if (fault & VM_FAULT_OOM) {
		if (how & UM_FAULT_USER)
			pagefault_out_of_memory();
		return -ENOMEM;
	}
	if (fault & (VM_FAULT_SIGBUS | VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE))
		return -EIO;
	return -EFAULT;
}
