// SPDX-License-Identifier: GPL-2.0
/* Mapping the vDSO into every new program. */
#include <linux/binfmts.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/elf.h>

extern char um_vdso_start[], um_vdso_end[];

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
	addr = get_unmapped_area(NULL, 0, len, 0, 0);
	if (IS_ERR_VALUE(addr)) {
		err = addr;
		goto out;
	}
	vma = _install_special_mapping(mm, addr, len,
				       VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC,
				       &vdso_mapping);
	if (IS_ERR(vma))
		err = PTR_ERR(vma);
	else
		mm->context.vdso = addr;
out:
	mmap_write_unlock(mm);
	return err;
}
