// SPDX-License-Identifier: GPL-2.0
/*
 * Guest physical memory: one memfd.
 *
 * Physical address 0 is the first byte of this program's image
 * (UM_KERNEL_BASE), so the kernel image is part of physical memory like a
 * loaded kernel on a real machine; the guest's RAM follows it. At start-up
 * the writable part of the image (from __um_shared_start to the end of
 * .bss) is copied into the memfd and the memfd is mapped over it, so that
 * its pages are real physical pages (virt_to_page() works on kernel data).
 * The text stays the program's own private mapping, so that debuggers can
 * still plant breakpoints in it. Then the whole memfd is mapped again at
 * PAGE_OFFSET: the kernel's direct map.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "host-priv.h"

#define PAGE_SZ		4096UL
#define PAGE_UP(x)	(((x) + PAGE_SZ - 1) & ~(PAGE_SZ - 1))
#define DIRECT_MAP	0x100000000000UL	/* PAGE_OFFSET in asm/page.h */
#define IMAGE_BASE	((unsigned long)UM_KERNEL_BASE)

#ifndef MFD_EXEC
#define MFD_EXEC 0x10U
#endif

/* Set by the linker script (arch-um/kernel/vmlinux.lds.S). */
extern char __um_shared_start[], __um_image_end[];

static int phys_fd = -1;
static unsigned long phys_size;

int host_phys_fd(void)
{
	return phys_fd;
}

long host_raw_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

static int create_phys_file(unsigned long size)
{
	int fd;

	/* Guest programs execute from these pages: ask for an executable memfd. */
	fd = memfd_create("linux-physmem", MFD_CLOEXEC | MFD_EXEC);
	if (fd < 0 && errno == EINVAL)
		fd = memfd_create("linux-physmem", MFD_CLOEXEC);
	if (fd < 0)
		host_die("cannot create guest memory: memfd_create: %s", strerror(errno));
	if (ftruncate(fd, size))
		host_die("cannot size guest memory to %lu bytes: %s", size, strerror(errno));
	return fd;
}

void host_mem_setup(unsigned long long ram, struct host_boot_info *info)
{
	unsigned long shared = (unsigned long)__um_shared_start;
	unsigned long end = PAGE_UP((unsigned long)__um_image_end);
	unsigned long len = end - shared;
	long r;
	void *p;

	phys_size = (end - IMAGE_BASE) + PAGE_UP(ram);
	phys_fd = create_phys_file(phys_size);

	/*
	 * Copy the image's data into the file, then map the file over it. No
	 * store to the image may happen in between: raw system calls only.
	 */
	r = host_raw_syscall6(SYS_pwrite64, phys_fd, shared, len, shared - IMAGE_BASE, 0, 0);
	if (r != (long)len)
		host_die("cannot copy the kernel image into guest memory (%ld)", r);
	r = host_raw_syscall6(SYS_mmap, shared, len, PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_FIXED, phys_fd, shared - IMAGE_BASE);
	if (r != (long)shared)
		host_die("cannot map guest memory over the kernel image (%ld)", r);

	p = mmap((void *)DIRECT_MAP, phys_size, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED_NOREPLACE | MAP_NORESERVE, phys_fd, 0);
	if (p != (void *)DIRECT_MAP)
		host_die("cannot map guest memory at %#lx: %s", DIRECT_MAP,
			 p == MAP_FAILED ? strerror(errno) : "address taken");

	info->phys_size = phys_size;
	info->image_end = end - IMAGE_BASE;
}

/* Place the initrd at the top of physical memory, like a boot loader would. */
void host_mem_load_initrd(int fd, const char *path, struct host_boot_info *info)
{
	unsigned long room = phys_size - info->image_end;
	unsigned long size, off, done = 0;
	struct stat st;

	if (fstat(fd, &st))
		host_die_usage("initrd=%s: %s", path, strerror(errno));
	size = st.st_size;
	if (!size)
		host_die_usage("initrd=%s: empty file", path);
	if (size > room / 2)
		host_die_usage("initrd=%s: %lu bytes do not fit in half of mem= (use more mem=)",
			       path, size);
	off = (phys_size - size) & ~(PAGE_SZ - 1);
	while (done < size) {
		ssize_t n = read(fd, (char *)DIRECT_MAP + off + done, size - done);

		if (n <= 0)
			host_die_usage("initrd=%s: read: %s", path,
				       n ? strerror(errno) : "file shrank");
		done += n;
	}
	close(fd);
	info->initrd_start = off;
	info->initrd_size = size;
}

static int host_prot(int prot)
{
	return (prot & HOST_PROT_READ ? PROT_READ : 0) |
	       (prot & HOST_PROT_WRITE ? PROT_WRITE : 0) |
	       (prot & HOST_PROT_EXEC ? PROT_EXEC : 0);
}

int host_map_phys(unsigned long va, unsigned long phys, unsigned long len, int prot)
{
	void *p = mmap((void *)va, len, host_prot(prot), MAP_SHARED | MAP_FIXED,
		       phys_fd, phys);

	return p == MAP_FAILED ? -errno : 0;
}

int host_unmap(unsigned long va, unsigned long len)
{
	return munmap((void *)va, len) ? -errno : 0;
}
