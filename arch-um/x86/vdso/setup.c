// SPDX-License-Identifier: GPL-2.0
/*
 * Mapping the vDSO into every new program: the time data page ([vvar],
 * read-only, never writable even through ptrace) and right above it the
 * code ([vdso]), which finds the page one page below itself.
 */
#include <linux/binfmts.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <vdso/datapage.h>
#include <asm/elf.h>
#include <asm/um.h>

#include <host.h>

extern char um_vdso_start[], um_vdso_end[];

/* The time data the kernel keeps current (kernel/time/vsyscall.c). */
union vdso_data_store um_vdso_data_store __page_aligned_data;

static struct page *vvar_pages[1];

static struct vm_special_mapping vvar_mapping = {
	.name = "[vvar]",
	.pages = vvar_pages,
};

static struct vm_special_mapping vdso_mapping = {
	.name = "[vdso]",
};

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
	vvar_pages[0] = virt_to_page(&um_vdso_data_store);
	vdso_mapping.pages = pages;
	return 0;
}
arch_initcall(um_vdso_init);

int arch_setup_additional_pages(struct linux_binprm *bprm, int uses_interp)
{
	unsigned long len = um_vdso_end - um_vdso_start, addr;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int err = 0;

	if (!vdso_mapping.pages)
		return 0;
	if (mmap_write_lock_killable(mm))
		return -EINTR;
	addr = get_unmapped_area(NULL, 0, PAGE_SIZE + len, 0, 0);
	if (IS_ERR_VALUE(addr)) {
		err = addr;
		goto out;
	}
	vma = _install_special_mapping(mm, addr, PAGE_SIZE, VM_READ | VM_MAYREAD,
				       &vvar_mapping);
	if (IS_ERR(vma)) {
		err = PTR_ERR(vma);
		goto out;
	}
	vma = _install_special_mapping(mm, addr + PAGE_SIZE, len,
				       VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC,
				       &vdso_mapping);
	if (IS_ERR(vma)) {
		do_munmap(mm, addr, PAGE_SIZE, NULL);
		err = PTR_ERR(vma);
	} else {
		mm->context.vdso = addr + PAGE_SIZE;
	}
out:
	mmap_write_unlock(mm);
	return err;
}
