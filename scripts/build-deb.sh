#!/usr/bin/env bash
# Builds wavelength_<version>_<arch>.deb: one statically linked Swift binary (its shipped
# data embedded), a man page and bash/zsh/fish completions. Needs swift and dpkg-deb.
#
# usage: scripts/build-deb.sh [--binary PATH] [--out DIR]
#   --binary PATH  package this binary instead of building one
#                  (swift build -c release --static-swift-stdlib --product wavelength)
#   --out DIR      where the .deb goes (default: the current folder)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary=""
out="$PWD"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--binary PATH] [--out DIR]" >&2; exit 64 ;;
  esac
done

if [ -z "$binary" ]; then
  (cd "$root" && swift build -c release --static-swift-stdlib --product wavelength)
  binary="$(cd "$root" && swift build -c release --static-swift-stdlib --show-bin-path)/wavelength"
fi
[ -x "$binary" ] || { echo "no executable at $binary" >&2; exit 66; }
if ldd "$binary" | grep -q 'libswift\|libFoundation'; then
  echo "$binary links the Swift runtime dynamically; build it with --static-swift-stdlib" >&2
  exit 65
fi

version="$("$binary" --version)"
arch="$(dpkg --print-architecture)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
pkg="$stage/wavelength_${version}_${arch}"

install -D -m 0755 "$binary" "$pkg/usr/bin/wavelength"
strip --strip-unneeded "$pkg/usr/bin/wavelength" 2>/dev/null || true
mkdir -p "$pkg/usr/share/man/man1"
"$binary" --experimental-dump-help | python3 "$root/scripts/manpage.py" | gzip -9n > "$pkg/usr/share/man/man1/wavelength.1.gz"
install -d "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions" \
           "$pkg/usr/share/fish/vendor_completions.d" "$pkg/usr/share/doc/wavelength"
"$binary" --generate-completion-script bash > "$pkg/usr/share/bash-completion/completions/wavelength"
"$binary" --generate-completion-script zsh > "$pkg/usr/share/zsh/vendor-completions/_wavelength"
"$binary" --generate-completion-script fish > "$pkg/usr/share/fish/vendor_completions.d/wavelength.fish"
for doc in README.md docs/OPERATIONS.md; do
  [ -f "$root/$doc" ] && install -m 0644 "$root/$doc" "$pkg/usr/share/doc/wavelength/"
done
for example in "$root"/docs/examples/*; do
  [ -f "$example" ] && install -D -m 0644 "$example" "$pkg/usr/share/doc/wavelength/examples/$(basename "$example")"
done

size="$(du -sk "$pkg/usr" | cut -f1)"
mkdir -p "$pkg/DEBIAN"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: wavelength
Version: $version
Architecture: $arch
Maintainer: Wavelength maintainers <wavelength@localhost>
Installed-Size: $size
Depends: libc6 (>= 2.36), libstdc++6, libxml2, libicu72, zlib1g, libsqlite3-0
Recommends: libmecab2, mecab-ipadic-utf8, libstemmer0d
Section: text
Priority: optional
Description: text analytics for media coverage of hallyu and Japanese soft power
 Reads a folder of news articles (HTML, RSS/Atom, news XML, text, gzip, WARC),
 tokenizes English, Japanese and Korean, scores themes and sentiment toward
 targets, models topics, and writes tables (CSV, JSONL, SQLite) and reports.
 MeCab with IPAdic is used for Japanese when installed; Snowball stemming when
 libstemmer is installed.
CONTROL
mkdir -p "$out"
dpkg-deb --root-owner-group --build "$pkg" "$out/wavelength_${version}_${arch}.deb" >/dev/null
echo "$out/wavelength_${version}_${arch}.deb"
