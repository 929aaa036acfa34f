/* SPDX-License-Identifier: GPL-2.0 */
/* Block copy and fill with the x86 string instructions. */
#include <linux/linkage.h>

	.text

/* void *memcpy(void *dst, const void *src, size_t n) */
SYM_FUNC_START(memcpy)
	movq	%rdi, %rax
	movq	%rdx, %rcx
	rep movsb
	ret
SYM_FUNC_END(memcpy)

/* void *memmove(void *dst, const void *src, size_t n): backwards when the
 * destination overlaps the end of the source. */
SYM_FUNC_START(memmove)
	movq	%rdi, %rax
	movq	%rdx, %rcx
	cmpq	%rsi, %rdi
	jbe	1f
	leaq	(%rsi,%rdx), %r8
	cmpq	%r8, %rdi
	jae	1f
	leaq	-1(%rdi,%rdx), %rdi
	leaq	-1(%rsi,%rdx), %rsi
	std
	rep movsb
	cld
	ret
1:	rep movsb
	ret
SYM_FUNC_END(memmove)

/* void *memset(void *s, int c, size_t n) */
SYM_FUNC_START(memset)
	movq	%rdi, %r9
	movzbl	%sil, %eax
	movq	%rdx, %rcx
	rep stosb
	movq	%r9, %rax
	ret
SYM_FUNC_END(memset)
