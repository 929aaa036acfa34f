# SPDX-License-Identifier: GPL-2.0
#
# Top-level build of the port. See README.md.
#
#   make            install missing packages (as root), prepare build/src from
#                   the linux-source-6.12 tarball, build build/linux
#   make test       build, then run the whole test suite
#   make run        build, then boot the default root file system
#   make kunit      run the kernel's KUnit suites through kunit.py
#   make fuzz       fuzz the host-side parsers for minutes (FUZZ_SECONDS each)
#   make clean      remove the kernel objects (keeps the prepared tree)
#   make distclean  remove build/ entirely

PROJECT   := $(CURDIR)
BUILD     := $(PROJECT)/build
TREE      := $(BUILD)/src
OBJ       := $(BUILD)/obj
TARBALL   ?= $(firstword $(wildcard /usr/src/linux-source-6.12.tar.xz /usr/src/linux-source-6.12*.tar.*))
JOBS      ?= $(shell nproc)
KMAKE      = $(MAKE) -C $(TREE) O=$(OBJ) ARCH=um -j$(JOBS)
V         ?= 0

.PHONY: all deps prepare config linux test kunit fuzz run bench selftests clean \
	distclean menuconfig FORCE

all: linux

# Packages first: the tarball itself comes from one of them.
$(BUILD)/.deps: scripts/deps
	@mkdir -p $(BUILD)
	@sh scripts/deps
	@touch $@

deps:
	@sh scripts/deps

prepare: $(BUILD)/.deps
	@sh scripts/prepare-tree "$(firstword $(wildcard /usr/src/linux-source-6.12.tar.xz /usr/src/linux-source-6.12*.tar.*))" $(TREE) $(PROJECT)

# The configuration follows arch-um/configs/defconfig: whenever that file
# changes, .config is made from it again (local menuconfig edits last until
# then).
$(OBJ)/.config: arch-um/configs/defconfig | prepare
	@mkdir -p $(OBJ)
	$(KMAKE) V=$(V) defconfig

config: prepare $(OBJ)/.config

linux: prepare $(OBJ)/.config
	+$(KMAKE) V=$(V) all
	@ln -f $(OBJ)/linux $(BUILD)/linux
	@$(MAKE) --no-print-directory $(BUILD)/um-slirp $(BUILD)/um-vde
	@echo "  READY   build/linux"

# ethN=slirp's helper, found next to build/linux.
$(BUILD)/um-slirp: drivers-virt/net/slirp-helper.c $(BUILD)/.deps
	$(CC) -O2 -Wall -o $@ $< -lslirp
	@echo "  READY   build/um-slirp"

# ethN=vde's helper.
$(BUILD)/um-vde: drivers-virt/net/vde-helper.c $(BUILD)/.deps
	$(CC) -O2 -Wall -o $@ $< -lvdeplug
	@echo "  READY   build/um-vde"

menuconfig nconfig oldconfig olddefconfig: prepare
	+$(KMAKE) $@

test: linux
	@sh tests/run-all

kunit: prepare
	@sh tests/kunit

fuzz: $(BUILD)/.deps
	@sh tests/fuzz/run $(or $(FUZZ_SECONDS),300)

run: linux
	@sh scripts/run

bench: linux
	@python3 scripts/bench
	@python3 scripts/bench-disk
	@python3 scripts/bench-net

selftests: linux
	@sh scripts/build-selftests

clean:
	@if [ -d $(OBJ) ]; then $(KMAKE) clean; fi
	rm -f $(BUILD)/linux

distclean:
	rm -rf $(BUILD)
