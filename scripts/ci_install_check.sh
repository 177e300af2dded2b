#!/usr/bin/env bash
# Builds the .deb, installs it with apt-get, runs the installed wavelength from an unrelated
# folder on a copy of Corpus and checks that every table equals the in-tree run's
# (scripts/golden_check.py's comparison). Needs root or sudo for apt-get.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

deb="$("$root/scripts/build-deb.sh" --out "$work/dist" | tail -1)"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$deb" >/dev/null
installed=/usr/bin/wavelength
if ldd "$installed" | grep -q libswift; then echo "installed binary needs the Swift runtime" >&2; exit 1; fi
man -w wavelength >/dev/null

# In-tree run (the release build, from the checkout, with the source tree's Stopwords/).
intree="$(cd "$root" && swift build -c release --static-swift-stdlib --show-bin-path)/wavelength"
(cd "$root" && "$intree" run Corpus --output "$work/intree" --stopwords Stopwords -q) || [ $? -eq 1 ]

# Installed run: a copy of the corpus, from a folder holding nothing of the source tree.
cp -r "$root/Corpus" "$work/corpus"
mkdir "$work/elsewhere"
(cd "$work/elsewhere" && env -i PATH=/usr/bin:/bin "$installed" run "$work/corpus" --output "$work/installed" -q)

python3 - "$work/intree" "$work/installed" "$root/scripts" <<'PY'
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import golden_check
a, b = Path(sys.argv[1]), Path(sys.argv[2])
problems = golden_check.compare_dirs(a, b)
if problems:
    print("installed run differs from the in-tree run:", *problems, sep="\n  ")
    sys.exit(1)
print(f"installed wavelength: tables identical to the in-tree run ({len(list(a.iterdir()))} files)")
PY
