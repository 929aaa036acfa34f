/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's side of the vDSO time data page (kernel/time/vsyscall.c). */
#ifndef _ASM_UM_VDSO_VSYSCALL_H
#define _ASM_UM_VDSO_VSYSCALL_H

#ifndef __ASSEMBLY__

#include <vdso/datapage.h>

/* The page mapped read-only into every program as [vvar] (arch/um/x86/vdso). */
extern union vdso_data_store um_vdso_data_store;

static __always_inline struct vdso_data *__arch_get_k_vdso_data(void)
{
	return um_vdso_data_store.data;
}
#define __arch_get_k_vdso_data __arch_get_k_vdso_data

#include <asm-generic/vdso/vsyscall.h>

#endif
#endif
