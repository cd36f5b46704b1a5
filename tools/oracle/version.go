package main

import "runtime/debug"

// upstreamVersion is the k8s.io/kubernetes module version this binary was built against.
func upstreamVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "k8s.io/kubernetes" {
				return "k8s.io/kubernetes " + d.Version
			}
		}
	}
	return "k8s.io/kubernetes (unknown version)"
}
