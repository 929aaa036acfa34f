/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host keeps caches coherent. The one hook that matters here is
 * flush_cache_vmap(): called right after vmalloc/vmap filled kernel page
 * tables, it maps the new pages into the kernel process (kernel/tlb.c).
 */
#ifndef _ASM_UM_CACHEFLUSH_H
#define _ASM_UM_CACHEFLUSH_H

void flush_cache_vmap(unsigned long start, unsigned long end);
#define flush_cache_vmap flush_cache_vmap
#define flush_cache_vmap_early(start, end)	do { } while (0)

#include <asm-generic/cacheflush.h>

#endif
