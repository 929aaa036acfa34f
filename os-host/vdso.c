// SPDX-License-Identifier: GPL-2.0
/*
 * The host's vDSO in guest processes.
 *
 * The guest kernel's clocksource is the host's CLOCK_MONOTONIC, which this
 * program reads through the host's vDSO without a system call. Guest
 * programs can do the same: every guest process's host process gets the
 * host's vDSO and its data pages ([vvar], [vvar_vclock]...) moved, with
 * their distances kept, into its stub region (stub_child_main), and the
 * guest's vDSO calls the host's clock_gettime there (arch/um/x86/vdso).
 *
 * What a guest gains by it: reading pages of host clock data, and running
 * host vDSO code, both of which only tell the time the host's TSC tells
 * it anyway. Should the host vDSO fall back to a system call (a host
 * clocksource without vDSO support), that call traps like any other guest
 * system call and the guest kernel answers it (arch/um/kernel/user.c).
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#include "user-priv.h"

/* The offset of a dynamic symbol in the vDSO image at base, or 0. */
static unsigned long vdso_symbol(unsigned long base, unsigned long len, const char *name)
{
	const Elf64_Ehdr *eh = (const void *)base;
	const Elf64_Shdr *sh;
	unsigned int i, j;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shentsize != sizeof(*sh) ||
	    eh->e_shoff > len || eh->e_shnum > (len - eh->e_shoff) / sizeof(*sh))
		return 0;
	sh = (const void *)(base + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++) {
		const Elf64_Sym *sym = (const void *)(base + sh[i].sh_offset);
		const Elf64_Shdr *str = &sh[sh[i].sh_link];

		if (sh[i].sh_type != SHT_DYNSYM || sh[i].sh_link >= eh->e_shnum ||
		    sh[i].sh_offset > len || sh[i].sh_size > len - sh[i].sh_offset ||
		    str->sh_offset > len || str->sh_size > len - str->sh_offset)
			continue;
		for (j = 0; j < sh[i].sh_size / sizeof(*sym); j++) {
			const char *s = (const char *)(base + str->sh_offset) + sym[j].st_name;

			if (sym[j].st_name < str->sh_size && sym[j].st_value &&
			    sym[j].st_value < len &&
			    !strncmp(s, name, str->sh_size - sym[j].st_name))
				return sym[j].st_value;
		}
	}
	return 0;
}

/*
 * Find the host's vDSO mappings (contiguous, the data pages first, the
 * code last) and its clock_gettime; tell the stub what to move and the
 * kernel where it will be. Without them the guest's vDSO makes system
 * calls, as it did before.
 */
void user_find_host_vdso(struct stub_config *cfg, struct host_boot_info *info)
{
	unsigned long vdso = getauxval(AT_SYSINFO_EHDR), start, end, prev = 0, fn;
	unsigned int n = 0;
	char line[512];
	FILE *f;

	cfg->host_vdso_parts = 0;
	if (!vdso || !(f = fopen("/proc/self/maps", "re")))
		return;
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, " [vvar") && !strstr(line, " [vdso]"))
			continue;
		if (sscanf(line, "%lx-%lx", &start, &end) != 2 || n == STUB_HOST_VDSO_PARTS ||
		    (n && start != prev))
			break;
		cfg->host_vdso_start[n] = start;
		cfg->host_vdso_len[n++] = end - start;
		prev = end;
		if (strstr(line, " [vdso]"))
			break;
	}
	fclose(f);
	if (!n || cfg->host_vdso_start[n - 1] != vdso ||
	    prev - cfg->host_vdso_start[0] > STUB_HOST_VDSO_MAX)
		return;
	fn = vdso_symbol(vdso, prev - vdso, "__vdso_clock_gettime");
	if (!fn)
		return;
	cfg->host_vdso_parts = n;
	info->host_vdso_start = user_stub_base + STUB_HOST_VDSO;
	info->host_vdso_end = info->host_vdso_start + (prev - cfg->host_vdso_start[0]);
	info->host_vdso_clock = info->host_vdso_start + (vdso - cfg->host_vdso_start[0]) + fn;
}
