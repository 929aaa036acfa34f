/* SPDX-License-Identifier: GPL-2.0 */
/* The vDSO image, in page-aligned kernel data (so its pages are physical pages). */
#include <linux/linkage.h>

	.section .data..page_aligned, "aw"
	.balign 4096
SYM_DATA_START(um_vdso_start)
	.incbin "arch/um/x86/vdso/vdso.so"
	.balign 4096
SYM_DATA_END_LABEL(um_vdso_start, SYM_L_GLOBAL, um_vdso_end)
