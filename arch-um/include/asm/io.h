/* SPDX-License-Identifier: GPL-2.0 */
/* No I/O memory or ports exist in a user-mode kernel (NO_IOMEM). */
#ifndef _ASM_UM_IO_H
#define _ASM_UM_IO_H

#include <linux/types.h>

#define IO_SPACE_LIMIT	0

#include <asm-generic/io.h>

#endif
