#!/bin/sh
# Installs kurssi, the course site generator, on Linux or macOS from its
# ready-made release archives. Needs no Rust and never needs root.
#
#   curl -LsSf https://github.com/OWNER/kurssi/releases/latest/download/install.sh | sh
#   curl -LsSf https://github.com/OWNER/kurssi/releases/download/v0.1.0/install.sh | sh -s -- --version v0.1.0
#
# Options (each also as an environment variable):
#   --version VERSION   the release to install, such as v0.1.0 (KURSSI_VERSION;
#                       default: the latest release)
#   --to DIR            the folder to install into (KURSSI_INSTALL_DIR;
#                       default: ~/.local/bin)
#   --help              this text
# For testing and mirrors:
#   KURSSI_REPO          the GitHub repository, owner/name (default below)
#   KURSSI_DOWNLOAD_URL  where the releases are, instead of
#                        https://github.com/$KURSSI_REPO/releases; the files are
#                        read from URL/download/VERSION/ and URL/latest/download/
#   KURSSI_PLATFORM      the platform as `uname -s`/`uname -m` print it, such as
#                        Linux/x86_64 or Darwin/arm64, instead of this machine's
#
# It downloads SHA256SUMS and the archive for this platform, checks the
# archive against the checksum, and only then puts `kurssi` into the folder.
set -eu

KURSSI_REPO=${KURSSI_REPO:-OWNER/kurssi}
version=${KURSSI_VERSION:-latest}
dir=${KURSSI_INSTALL_DIR:-}

say() { printf 'kurssi installer: %s\n' "$*" >&2; }
die() {
  say "error: $*"
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --version) [ $# -ge 2 ] || die "--version needs a value"; version=$2; shift 2 ;;
    --version=*) version=${1#*=}; shift ;;
    --to) [ $# -ge 2 ] || die "--to needs a folder"; dir=$2; shift 2 ;;
    --to=*) dir=${1#*=}; shift ;;
    -h | --help) sed -n '2,/^set -eu/p' "$0" 2>/dev/null | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1 (try --help)" ;;
  esac
done

if [ -z "$dir" ]; then
  [ -n "${HOME:-}" ] || die "HOME is not set; name a folder with --to DIR"
  dir="$HOME/.local/bin"
fi
case "$version" in
  latest | v*) ;;
  *) version="v$version" ;;
esac

base=${KURSSI_DOWNLOAD_URL:-https://github.com/$KURSSI_REPO/releases}
base=${base%/}
if [ "$version" = latest ]; then
  url="$base/latest/download"
else
  url="$base/download/$version"
fi

# --- the platform -------------------------------------------------------
platform=${KURSSI_PLATFORM:-$(uname -s)/$(uname -m)}
case "$platform" in
  Linux/x86_64 | Linux/amd64) target=x86_64-unknown-linux-musl ;;
  Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
  Darwin/x86_64) target=x86_64-apple-darwin ;;
  Darwin/arm64 | Darwin/aarch64) target=aarch64-apple-darwin ;;
  MINGW* | MSYS* | CYGWIN* | Windows*)
    die "this is Windows ($platform): in PowerShell, run
  powershell -ExecutionPolicy Bypass -c \"irm https://github.com/$KURSSI_REPO/releases/latest/download/install.ps1 | iex\"" ;;
  *)
    die "there is no ready-made kurssi for this platform ($platform).
Ready-made programs exist for Linux (x86_64, aarch64), macOS (x86_64, arm64)
and Windows (x86_64). Elsewhere, install Rust from https://rustup.rs and run
  cargo install --locked kurssi" ;;
esac

# --- the tools ----------------------------------------------------------
if command -v curl >/dev/null 2>&1; then
  fetch() { curl --proto '=https,http' -fsSL --retry 3 -o "$2" "$1"; }
elif command -v wget >/dev/null 2>&1; then
  fetch() { wget -q -O "$2" "$1"; }
else
  die "needs curl or wget to download; install one of them"
fi
if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d ' ' -f 1; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d ' ' -f 1; }
else
  die "needs sha256sum or shasum to check the download"
fi
command -v tar >/dev/null 2>&1 || die "needs tar to unpack the download"

tmp=$(mktemp -d 2>/dev/null || mktemp -d -t kurssi)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# --- download and check -------------------------------------------------
say "looking for kurssi $version for $target"
fetch "$url/SHA256SUMS" "$tmp/SHA256SUMS" ||
  die "could not download $url/SHA256SUMS (is $version a kurssi release?)"
line=$(grep " [ *]kurssi-v[^ ]*-$target\.tar\.gz\$" "$tmp/SHA256SUMS" | head -n 1 || true)
[ -n "$line" ] || die "release $version has no archive for $target"
expected=$(printf '%s\n' "$line" | cut -d ' ' -f 1)
archive=$(printf '%s\n' "$line" | sed 's/^[^ ]* [ *]//')

say "downloading $url/$archive"
fetch "$url/$archive" "$tmp/$archive" || die "could not download $url/$archive"
actual=$(sha256 "$tmp/$archive")
if [ "$actual" != "$expected" ]; then
  die "the checksum of $archive does not match SHA256SUMS:
  expected $expected
  got      $actual
The download is damaged or not the released file. Nothing was installed."
fi

mkdir "$tmp/unpacked"
tar -xzf "$tmp/$archive" -C "$tmp/unpacked" || die "could not unpack $archive"
[ -f "$tmp/unpacked/kurssi" ] || die "$archive has no kurssi program in it"

# --- install ------------------------------------------------------------
mkdir -p "$dir" || die "could not create $dir; name another folder with --to DIR"
# Copied next to the old program first, then renamed over it: a running
# kurssi keeps working, and a failed copy leaves the old one in place.
cp "$tmp/unpacked/kurssi" "$dir/.kurssi.new" || die "could not write into $dir"
chmod 755 "$dir/.kurssi.new"
mv -f "$dir/.kurssi.new" "$dir/kurssi"
installed=$("$dir/kurssi" --version 2>/dev/null || true)
say "installed ${installed:-kurssi} into $dir/kurssi"

case ":${PATH:-}:" in
  *":$dir:"*) ;;
  *)
    # shellcheck disable=SC2088 # the ~ is shown to the reader, not expanded
    case "${SHELL:-}" in
      */zsh) profile="~/.zshrc" ;;
      */bash) profile="~/.bashrc" ;;
      *) profile="~/.profile" ;;
    esac
    say "$dir is not on your search path (PATH). Add it with
  echo 'export PATH=\"$dir:\$PATH\"' >> $profile
and open a new terminal; until then run $dir/kurssi" ;;
esac
