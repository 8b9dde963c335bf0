#!/usr/bin/env bash
# The GitHub Action's step (action.yml): runs INPUT_COMMAND under sockscope with the inputs as
# flags, writes the JSON lines to INPUT_JSON, appends the Markdown report to $GITHUB_STEP_SUMMARY,
# and exits with sockscope's status: the command's own when it failed, 3 when a --fail-on rule broke,
# 0 otherwise (README.md, "Exit status").
#
#   ACTION_PATH     the action's checkout, with sockscope built (default: this script's repo)
#   INPUT_COMMAND   the command line, run with sh -c (required)
#   INPUT_FAIL_ON   --fail-on rules (empty: none)
#   INPUT_ALLOW     --allow networks and host names (empty: none)
#   INPUT_BASELINE  --baseline FILE (empty: none)
#   INPUT_RECORD_BASELINE  --record-baseline FILE (empty: none)
#   INPUT_ARGS      more sockscope arguments, split on whitespace (no quoting, no globbing)
#   INPUT_JSON      the JSON-lines report (default sockscope.jsonl)
set -euo pipefail

action_path=${ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
if [ -z "${INPUT_COMMAND:-}" ]; then
  echo "::error title=sockscope::the command input is empty: give the command line to run" >&2
  exit 2
fi

json=${INPUT_JSON:-sockscope.jsonl}
mkdir -p -- "$(dirname -- "$json")"
args=(--json -o "$json")
# No job summary outside a workflow (or when the runner gives none): sockscope's default is off then.
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then args+=(--summary-file "$GITHUB_STEP_SUMMARY"); fi
if [ -n "${INPUT_FAIL_ON:-}" ]; then args+=(--fail-on "$INPUT_FAIL_ON"); fi
if [ -n "${INPUT_ALLOW:-}" ]; then args+=(--allow "$INPUT_ALLOW"); fi
if [ -n "${INPUT_BASELINE:-}" ]; then args+=(--baseline "$INPUT_BASELINE"); fi
if [ -n "${INPUT_RECORD_BASELINE:-}" ]; then args+=(--record-baseline "$INPUT_RECORD_BASELINE"); fi
extra=()
if [ -n "${INPUT_ARGS:-}" ]; then
  read -r -a extra <<<"$INPUT_ARGS"
fi

exec node "$action_path/bin/sockscope.js" "${args[@]}" ${extra[@]+"${extra[@]}"} -- sh -c "$INPUT_COMMAND"
