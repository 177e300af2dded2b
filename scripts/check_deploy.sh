#!/usr/bin/env bash
# Checks the cluster recipes of deploy/ with the validators that install on Debian and PyPI:
# the Kubernetes manifests against the Kubernetes API schemas (kubernetes-validate, from PyPI,
# in a venv) and the shell scripts with ShellCheck (Debian's shellcheck). A validator that
# cannot be installed is skipped with a message; the structure the recipes depend on is also
# checked by Tests/WavelengthCLITests/DeployRecipeTests.swift, which needs neither.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
status=0
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck -s sh "$root"/deploy/slurm/submit.sh "$root"/deploy/slurm/*.sbatch "$root"/deploy/kubernetes/run.sh || status=1
  echo "shellcheck: deploy scripts checked"
else
  echo "skipped: shellcheck is not installed"
fi
venv="${WAVELENGTH_CHECK_VENV:-$(mktemp -d -t wavelength-deploy-XXXXXX)/venv}"
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q kubernetes-validate || true
fi
if [ -x "$venv/bin/kubernetes-validate" ]; then
  # --strict: unknown fields are errors too.
  "$venv/bin/kubernetes-validate" --strict "$root"/deploy/kubernetes/*.yaml || status=1
else
  echo "skipped: kubernetes-validate could not be installed"
fi
exit $status
