/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layout of the guest vDSO: one read-and-execute segment holding the
 * dynamic symbol tables and the code, with the version node the C library
 * asks for (LINUX_2.6), and the time data pages right below it.
 */
OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)

SECTIONS
{
	/*
	 * The time data pages, mapped right below the image (setup.c): the
	 * data, then a time namespace's offsets (where the two swap).
	 */
	_vdso_data = . - 2 * 4096;
	_timens_data = . - 4096;

	. = SIZEOF_HEADERS;

	/* Lookup first (the C library's loader reads these), then versions. */
	.gnu.hash	: { *(.gnu.hash) }		:text
	.hash		: { *(.hash) }
	.dynstr		: { *(.dynstr) }
	.dynsym		: { *(.dynsym) }
	.gnu.version_d	: { *(.gnu.version_d) }
	.gnu.version_r	: { *(.gnu.version_r) }
	.gnu.version	: { *(.gnu.version) }
	.dynamic	: { *(.dynamic) }		:text	:dynamic
	.rodata		: { *(.rodata .rodata.*) }	:text
	.note		: { *(.note.*) }		:text	:note
	.eh_frame_hdr	: { *(.eh_frame_hdr) }		:text	:eh_frame_hdr
	.eh_frame	: { KEEP(*(.eh_frame)) }	:text
	.text		: { *(.text .text.*) }		:text

	/DISCARD/ : { *(.data .data.* .bss .bss.* .got .got.plt .comment) }
}

PHDRS
{
	text		PT_LOAD		FLAGS(5) FILEHDR PHDRS;
	dynamic		PT_DYNAMIC	FLAGS(4);
	note		PT_NOTE		FLAGS(4);
	eh_frame_hdr	PT_GNU_EH_FRAME;
}

VERSION
{
	LINUX_2.6 {
	global:
		__vdso_clock_gettime; clock_gettime;
		__vdso_clock_getres; clock_getres;
		__vdso_gettimeofday; gettimeofday;
		__vdso_time; time;
		__vdso_getcpu; getcpu;
	local: *;
	};
}
