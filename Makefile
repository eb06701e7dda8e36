# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian packages the stack needs to build, run and test (installed only when absent).
APT_PACKAGES := redis-server pkg-config libsqlite3-dev zlib1g-dev curl \
	libturbojpeg0-dev libpng-dev libwebp-dev \
	libpocketsphinx-dev libsphinxbase-dev pocketsphinx-en-us sphinxbase-utils flite sox espeak-ng

.PHONY: help deps build release run test test-long clean

help:
	@echo "make run        install what is missing, build in release mode, start the whole stack"
	@echo "make test       install what is missing, build, run every test"
	@echo "make test-long  the longer soak and chaos runs"

deps:
	@scripts/install-deps.sh $(APT_PACKAGES)

build: deps
	swift build

release: deps
	swift build -c release

run: release
	@scripts/run-stack.sh

test: deps
	@scripts/test.sh

test-long: deps
	@LONG_TESTS=1 scripts/test.sh

clean:
	rm -rf .build run
