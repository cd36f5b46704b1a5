#!/usr/bin/env bash
# Builds the test cluster's binaries into tools/kube/bin/ from the Go module proxy: etcd,
# kube-apiserver, kube-controller-manager and kubectl of k8s.io/kubernetes v1.37.2 (pinned in
# go.mod), version-stamped so that kubectl 1.37 accepts the server. Only what is missing is built
# (FORCE=1 rebuilds); one `go build` at a time, since two cold k8s builds do not fit 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
# The release stamped into the binaries is the k8s.io/kubernetes version go.mod requires.
VERSION="$(sed -n 's|^[[:space:]]*k8s.io/kubernetes \(v[0-9][0-9.]*\).*|\1|p' go.mod | head -1)"
[ -n "$VERSION" ] || { echo "tools/kube: no k8s.io/kubernetes version in go.mod" >&2; exit 1; }
want=(etcd kube-apiserver kube-controller-manager kubectl)
missing=()
for b in "${want[@]}"; do
  if [ "${FORCE:-0}" = 1 ] || [ ! -x "bin/$b" ] || [ "bin/$b" -ot go.mod ]; then missing+=("$b"); fi
done
[ "${#missing[@]}" -eq 0 ] && exit 0
command -v go >/dev/null 2>&1 || { echo "tools/kube: go not found; install Go to build the test cluster" >&2; exit 1; }
major="${VERSION#v}"; major="${major%%.*}"
minor="${VERSION#v*.}"; minor="${minor%%.*}"
ldflags=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags="$ldflags -X $pkg.gitVersion=$VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  ldflags="$ldflags -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done
pkgs=()
for b in "${missing[@]}"; do
  case "$b" in
    etcd) pkgs+=(./cmd/etcd) ;;
    *) pkgs+=("k8s.io/kubernetes/cmd/$b") ;;
  esac
done
mkdir -p bin
echo "tools/kube: building ${missing[*]} ($VERSION)" >&2
start=$(date +%s)
go build -ldflags "-s -w $ldflags" -o bin/ "${pkgs[@]}"
echo "tools/kube: built ${missing[*]} in $(( $(date +%s) - start )) s" >&2
