/* SPDX-License-Identifier: GPL-2.0 */
/* Hooks of the generic entry code: this port needs none beyond the defaults. */
#ifndef _ASM_UM_ENTRY_COMMON_H
#define _ASM_UM_ENTRY_COMMON_H
#endif
