/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Link of the kernel as one static host executable.
 *
 * The kernel's own sections (from asm-generic/vmlinux.lds.h) and those a
 * static glibc program needs (.init/.fini, .init_array, TLS, IRELATIVE
 * relocations) are laid out in three parts:
 *
 *   text        kernel and libc code, then the kernel's init code and data;
 *               stays the program's private mapping (breakpoints work)
 *   shared      from __um_shared_start: read-only data, data, bss; replaced
 *               at start-up by guest physical memory holding the same bytes
 *               (os-host/mem.c), so these are real physical pages
 *   __um_image_end: end of the image; guest RAM follows in physical memory.
 */
#include <asm/page.h>
#include <asm/cache.h>
#include <asm/thread_info.h>

#define LOAD_OFFSET 0
#define RO_EXCEPTION_TABLE_ALIGN 16

#include <asm-generic/vmlinux.lds.h>

OUTPUT_FORMAT("elf64-x86-64", "elf64-x86-64", "elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(_start)

jiffies = jiffies_64;

SECTIONS
{
	. = UM_KERNEL_BASE + SIZEOF_HEADERS;
	__executable_start = UM_KERNEL_BASE;

	.rela.plt : {
		*(.rela.plt)
		PROVIDE_HIDDEN(__rela_iplt_start = .);
		*(.rela.iplt)
		PROVIDE_HIDDEN(__rela_iplt_end = .);
	}

	. = ALIGN(PAGE_SIZE);
	_text = .;
	.init : { KEEP(*(SORT_NONE(.init))) }
	.plt : { *(.plt) *(.iplt) }
	.text : {
		_stext = .;
		TEXT_TEXT
		SCHED_TEXT
		LOCK_TEXT
		KPROBES_TEXT
		ENTRY_TEXT
		IRQENTRY_TEXT
		SOFTIRQENTRY_TEXT
		*(.text.*)
		*(.gnu.warning)
	}
	.fini : { KEEP(*(SORT_NONE(.fini))) }

	/* The stub (os-host/stub-code.c), copied into guest processes. */
	. = ALIGN(PAGE_SIZE);
	.um_stub : {
		__um_stub_start = .;
		KEEP(*(.um_stub .um_stub.*))
		__um_stub_end = .;
	}
	_etext = .;

	/* Init code and data: private, freed after boot. */
	. = ALIGN(PAGE_SIZE);
	__init_begin = .;
	INIT_TEXT_SECTION(PAGE_SIZE)
	INIT_DATA_SECTION(16)
	PERCPU_SECTION(L1_CACHE_BYTES)
	. = ALIGN(PAGE_SIZE);
	__init_end = .;

	/* From here on: guest physical memory. */
	. = ALIGN(PAGE_SIZE);
	__um_shared_start = .;

	RO_DATA(PAGE_SIZE)
	.eh_frame_hdr : { *(.eh_frame_hdr) }
	.eh_frame : { KEEP(*(.eh_frame)) *(.eh_frame.*) }
	.gcc_except_table : { *(.gcc_except_table .gcc_except_table.*) }

	. = ALIGN(PAGE_SIZE);
	.tdata : { *(.tdata .tdata.*) }
	.tbss : { *(.tbss .tbss.*) *(.tcommon) }
	.preinit_array : {
		PROVIDE_HIDDEN(__preinit_array_start = .);
		KEEP(*(.preinit_array))
		PROVIDE_HIDDEN(__preinit_array_end = .);
	}
	.init_array : {
		PROVIDE_HIDDEN(__init_array_start = .);
		KEEP(*(SORT_BY_INIT_PRIORITY(.init_array.*)))
		KEEP(*(.init_array))
		PROVIDE_HIDDEN(__init_array_end = .);
	}
	.fini_array : {
		PROVIDE_HIDDEN(__fini_array_start = .);
		KEEP(*(SORT_BY_INIT_PRIORITY(.fini_array.*)))
		KEEP(*(.fini_array))
		PROVIDE_HIDDEN(__fini_array_end = .);
	}
	.got : { *(.got) *(.igot) }
	.got.plt : { *(.got.plt) *(.igot.plt) }

	_sdata = .;
	RW_DATA(L1_CACHE_BYTES, PAGE_SIZE, THREAD_SIZE)
	.data.host : { *(.data.*) }
	_edata = .;

	BSS_SECTION(0, PAGE_SIZE, PAGE_SIZE)
	.bss.host : { *(.bss.*) *(COMMON) }

	. = ALIGN(PAGE_SIZE);
	_end = .;
	__um_image_end = .;

	STABS_DEBUG
	DWARF_DEBUG
	ELF_DETAILS

	DISCARDS
}
