/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memcpy, memmove and memset with the x86 string instructions (x86/string.S):
 * on the CPUs this runs on, rep movsb/stosb are the fast way.
 */
#ifndef _ASM_UM_STRING_H
#define _ASM_UM_STRING_H

#include <linux/types.h>

#define __HAVE_ARCH_MEMCPY
void *memcpy(void *dst, const void *src, size_t n);
#define __HAVE_ARCH_MEMMOVE
void *memmove(void *dst, const void *src, size_t n);
#define __HAVE_ARCH_MEMSET
void *memset(void *s, int c, size_t n);

#endif
