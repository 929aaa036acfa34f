// SPDX-License-Identifier: GPL-2.0
/*
 * Mapping the vDSO into every new program: two pages of time data
 * ([vvar], read-only, writable by no one, not even through ptrace) and
 * right above them the code ([vdso]), which finds them just below itself.
 *
 * The first page is the kernel's time data, the second is unused; for a
 * task in a time namespace the two swap: the first shows the namespace's
 * offsets (the generic vDSO code sees it is one and takes the real data
 * from the second). The pages are inserted at fault time, so a task that
 * joins a namespace only needs its old ones dropped (vdso_join_timens).
 */
#include <linux/binfmts.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/time_namespace.h>
#include <vdso/datapage.h>
#include <asm/elf.h>
#include <asm/um.h>

#include <host.h>

extern char um_vdso_start[], um_vdso_end[];

#define VVAR_PAGES	2

/* The time data the kernel keeps current (kernel/time/vsyscall.c). */
union vdso_data_store um_vdso_data_store __page_aligned_data;

static vm_fault_t vvar_fault(const struct vm_special_mapping *sm,
			     struct vm_area_struct *vma, struct vm_fault *vmf)
{
	struct page *ns_page = find_timens_vvar_page(vma);
	unsigned long data = virt_to_pfn(&um_vdso_data_store);

	if (vmf->pgoff == 0)
		return vmf_insert_pfn(vma, vmf->address, ns_page ? page_to_pfn(ns_page) : data);
	if (vmf->pgoff == 1 && ns_page)
		return vmf_insert_pfn(vma, vmf->address, data);
	return VM_FAULT_SIGBUS;
}

static struct vm_special_mapping vvar_mapping = {
	.name = "[vvar]",
	.fault = vvar_fault,
};

static struct vm_special_mapping vdso_mapping = {
	.name = "[vdso]",
};

#ifdef CONFIG_TIME_NS
struct vdso_data *arch_get_vdso_data(void *vvar_page)
{
	return vvar_page;
}

int vdso_join_timens(struct task_struct *task, struct time_namespace *ns)
{
	struct mm_struct *mm = task->mm;
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	mmap_read_lock(mm);
	for_each_vma(vmi, vma)
		if (vma_is_special_mapping(vma, &vvar_mapping))
			zap_vma_pages(vma);
	mmap_read_unlock(mm);
	return 0;
}
#endif

static int __init um_vdso_init(void)
{
	unsigned int i, n = (um_vdso_end - um_vdso_start) >> PAGE_SHIFT;
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);

	if (!pages)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		pages[i] = virt_to_page(um_vdso_start + i * PAGE_SIZE);
	/* Where every guest process has the host's clock (os-host/vdso.c). */
	for (i = 0; i < CS_BASES; i++)
		um_vdso_data_store.data[i].arch_data.host_clock = um_boot_info.host_vdso_clock;
	vdso_mapping.pages = pages;
	return 0;
}
arch_initcall(um_vdso_init);

int arch_setup_additional_pages(struct linux_binprm *bprm, int uses_interp)
{
	unsigned long len = um_vdso_end - um_vdso_start, vvar_len = VVAR_PAGES * PAGE_SIZE;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long addr;
	int err = 0;

	if (!vdso_mapping.pages)
		return 0;
	if (mmap_write_lock_killable(mm))
		return -EINTR;
	addr = get_unmapped_area(NULL, 0, vvar_len + len, 0, 0);
	if (IS_ERR_VALUE(addr)) {
		err = addr;
		goto out;
	}
	/* PFN-mapped: no remote access reaches the fault handler. */
	vma = _install_special_mapping(mm, addr, vvar_len,
				       VM_READ | VM_MAYREAD | VM_IO | VM_PFNMAP | VM_DONTDUMP,
				       &vvar_mapping);
	if (IS_ERR(vma)) {
		err = PTR_ERR(vma);
		goto out;
	}
	vma = _install_special_mapping(mm, addr + vvar_len, len,
				       VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC,
				       &vdso_mapping);
	if (IS_ERR(vma)) {
		do_munmap(mm, addr, vvar_len, NULL);
		err = PTR_ERR(vma);
	} else {
		mm->context.vdso = addr + vvar_len;
	}
out:
	mmap_write_unlock(mm);
	return err;
}
