#!/usr/bin/env bash
# The seed's security runbook, on the portal's check engine.
#   scripts/security-runbook.sh [--config app-config.yaml ...] [--json]
# Exit codes: 0 all checks passed, 1 a critical/high check fails, 2 warnings only,
# 3 the runbook itself could not run (bad configuration).
# Credentials come from the standard AWS chain (environment, profile, SSO, role).
# The local emulator accepts any, so without credentials dummy ones are used.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${AWS_ACCESS_KEY_ID:-}" ] && [ -z "${AWS_PROFILE:-}" ]; then
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
fi
exec node_modules/.bin/tsx plugins/prod-hardening-backend/src/cli/securityRunbook.ts "$@"
