// Command etcd is etcd's own server main, built at the version k8s.io/kubernetes v1.37.2
// requires (go.etcd.io/etcd/server/v3 v3.7.0), for the test clusters of tools/kube.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
