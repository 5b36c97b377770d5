# Front end to CMake and the project's scripts. Every target installs what it needs first
# (scripts/deps, scripts/testenv, scripts/pyenv), caching under ~/.cache/sluice.
#
#   make build        release binary at build/sluice
#   make test         every test: unit (CTest) and integration (pytest against real Kafka and S3)
#   make test-unit    unit tests only
#   make test-asan    unit tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make test-tsan    the threaded modules (sink, storage, http, aws, kafka, registry, oauth, cli, metrics, runtime) under ThreadSanitizer
#   make quickstart   servers up, sample data in, sluice run, objects listed
#   make bench        end-to-end benchmark (bench/README.md)
#   make format       clang-format every C++ file

CACHE_DIR ?= $(HOME)/.cache/sluice
export CCACHE_DIR ?= $(CACHE_DIR)/ccache
# Hash paths relative to the checkout, so a fresh clone elsewhere (CI) reuses the cache.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1
CMAKE_FLAGS := -G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
JOBS ?= $(shell nproc)

.PHONY: all build deps test test-unit test-integration test-asan test-tsan quickstart bench format clean

all: build

deps:
	@scripts/deps

build/build.ninja: CMakeLists.txt scripts/deps | deps
	@cmake -S . -B build $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: deps build/build.ninja
	@ninja -C build -j $(JOBS)

test: build
	@scripts/run-tests all

test-unit: build
	@scripts/run-tests unit

test-integration: build
	@scripts/run-tests integration

build-asan/build.ninja: CMakeLists.txt scripts/deps | deps
	@cmake -S . -B build-asan $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug \
	  -DSLUICE_SANITIZE=address,undefined -DSLUICE_BUILD_BENCH=OFF >/dev/null

test-asan: deps build-asan/build.ninja
	@ninja -C build-asan -j $(JOBS)
	@UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
	  BUILD_DIR=build-asan scripts/run-tests unit

build-tsan/build.ninja: CMakeLists.txt scripts/deps | deps
	@cmake -S . -B build-tsan $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug \
	  -DSLUICE_SANITIZE=thread -DSLUICE_BUILD_BENCH=OFF >/dev/null

# The threaded parts: the upload pool and the writers that hand it work, the S3 and HTTP clients,
# the token caches, the config-provider reload watch, the REST supervisor, the metrics registry and
# the task set with its tasks.
TSAN_TESTS := sink_unit_tests storage_unit_tests http_unit_tests aws_unit_tests kafka_unit_tests \
  schema_registry_unit_tests oauth_unit_tests cli_unit_tests metrics_unit_tests runtime_unit_tests

test-tsan: deps build-tsan/build.ninja
	@ninja -C build-tsan -j $(JOBS) $(TSAN_TESTS)
	@for t in $(TSAN_TESTS); do \
	  TSAN_OPTIONS=halt_on_error=1 build-tsan/$$t --gtest_brief=1 || exit 1; \
	done

quickstart: build
	@scripts/quickstart

bench: build
	@bench/run

format:
	@find src tests bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf build build-asan build-tsan
