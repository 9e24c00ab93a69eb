#!/usr/bin/env bash
# Runs Persona's contract suite the way CI does: start persona-mock, run
# persona-contract against it, stop the mock. Exits with persona-contract's code
# (0: every answer fits the spec; 1: a violation or a failed step; 2: usage).
#
#   examples/ci/run-contract.sh                       # against a fresh mock
#   examples/ci/run-contract.sh --reporter junit --output contract.xml
#   PERSONA_BASE_URL=https://api.withpersona.com/api/v1 PERSONA_API_KEY=persona_sandbox_… \
#     examples/ci/run-contract.sh --fixtures persona-fixtures.yml   # against your sandbox
#
# Arguments go to persona-contract. Environment:
#   PERSONA_BASE_URL      test this server instead of starting the mock
#   PERSONA_API_KEY       the API key (any key works with the mock)
#   PERSONA_MOCK_PORT     the mock's port (default: one the system picks)
#   PERSONA_MOCK_ARGS     more persona-mock options, e.g. "--latency 20-200"
#   PERSONA_MOCK_CMD      how to start the mock (default: persona-mock)
#   PERSONA_CONTRACT_CMD  how to run the suite (default: persona-contract)
# Both commands are found in ./node_modules/.bin when @persona-kit/mock and
# @persona-kit/contract are installed there.
set -euo pipefail

export PATH="$PWD/node_modules/.bin:$PATH"
mock_cmd=${PERSONA_MOCK_CMD:-persona-mock}
contract_cmd=${PERSONA_CONTRACT_CMD:-persona-contract}
base_url=${PERSONA_BASE_URL:-}
api_key=${PERSONA_API_KEY:-}

mock_pid=''
mock_log=''
cleanup() {
  if [ -n "$mock_pid" ]; then
    # The mock runs in its own process group: stop it and whatever it started.
    kill -TERM -- "-$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  if [ -n "$mock_log" ]; then rm -f "$mock_log"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$base_url" ]; then
  api_key=${api_key:-contract-ci-key}
  mock_log=$(mktemp "${TMPDIR:-/tmp}/persona-mock.XXXXXX")
  set -m # a background job gets its own process group
  # shellcheck disable=SC2086 # the commands and extra options are meant to split into words
  $mock_cmd --host 127.0.0.1 --port "${PERSONA_MOCK_PORT:-0}" --quiet ${PERSONA_MOCK_ARGS:-} \
    >"$mock_log" 2>&1 &
  mock_pid=$!
  set +m
  for _ in $(seq 1 300); do
    base_url=$(sed -n 's/^persona-mock listening on \(http[^ ]*\).*/\1/p' "$mock_log" | head -n 1)
    [ -n "$base_url" ] && break
    if ! kill -0 "$mock_pid" 2>/dev/null; then
      echo "persona-mock exited before it listened:" >&2
      cat "$mock_log" >&2
      exit 1
    fi
    sleep 0.2
  done
  if [ -z "$base_url" ]; then
    echo "persona-mock did not start within 60 s:" >&2
    cat "$mock_log" >&2
    exit 1
  fi
  echo "persona-mock is up at $base_url"
elif [ -z "$api_key" ]; then
  echo "PERSONA_API_KEY is required with PERSONA_BASE_URL ($base_url)" >&2
  exit 2
fi

status=0
# shellcheck disable=SC2086
$contract_cmd --base-url "$base_url" --api-key "$api_key" "$@" || status=$?
exit "$status"
