# shellcheck shell=bash
# .ci/env.sh: shared settings for the .ci scripts. Sourced, never executed.
#
# - REPO_ROOT: the repository root; the scripts cd there.
# - CARGO_TARGET_DIR: if unset, use /var/cache/liaison-desk/target when that folder is writable or can be
#   created, so a warm CI machine reuses the previous build (a cold one, or a developer without rights to
#   /var/cache, falls back to ./target). An explicit CARGO_TARGET_DIR always wins.
# - Profile settings (debug = "line-tables-only") live in the root Cargo.toml, not here.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

CI_SHARED_TARGET_DIR=/var/cache/liaison-desk/target
if [[ -z "${CARGO_TARGET_DIR:-}" ]]; then
    if mkdir -p "$CI_SHARED_TARGET_DIR" 2>/dev/null && [[ -w "$CI_SHARED_TARGET_DIR" ]]; then
        export CARGO_TARGET_DIR="$CI_SHARED_TARGET_DIR"
    fi
fi

# Prints a step banner on stderr.
ci_log() {
    printf '==> %s\n' "$*" >&2
}

# Prints an error on stderr and exits 1.
ci_die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

ci_log "target dir: ${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
