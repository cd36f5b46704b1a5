// oracle: runs upstream's Job controller (k8s.io/kubernetes) on conformance vectors.
//
//	oracle run [--exact-times] < cases.json > vectors.json
//	oracle generate --seed S --count N > cases.json
//	oracle bench --pods N
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"github.com/go-logr/logr"
	"io"
	"k8s.io/klog/v2"
	"os"
	"strings"
)

func usage() {
	fmt.Fprintln(os.Stderr, `usage:
  oracle run [--exact-times] < cases.json > vectors.json
  oracle generate --seed S --count N [--source TEXT] > cases.json
  oracle bench --pods N [--runs R]
  oracle version`)
	os.Exit(2)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	// Upstream logs through klog; its chatter (e.g. unparsable annotations) is not output.
	klog.SetLogger(logr.Discard())
	var err error
	switch os.Args[1] {
	case "run":
		err = cmdRun(os.Args[2:])
	case "generate":
		err = cmdGenerate(os.Args[2:])
	case "bench":
		err = cmdBench(os.Args[2:])
	case "version":
		fmt.Println(upstreamVersion())
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "oracle:", err)
		os.Exit(1)
	}
}

func cmdRun(args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	exact := fs.Bool("exact-times", false, "write startTime/completionTime as exact timestamps instead of set/unset")
	keepGoing := fs.Bool("keep-going", false, "on a case upstream cannot run (parse error, panic), write expect {\"oracleError\": ...} and go on")
	drop := fs.Bool("drop-unrunnable", false, "like --keep-going, but leave such cases out of the output")
	runs := fs.Int("runs", 6, "passes per case, each listing the pods in another order (input, reversed, shuffles); fields on which they disagree are left out of expect")
	_ = fs.Parse(args)
	*keepGoing = *keepGoing || *drop
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	var doc vectorFile
	if err := json.Unmarshal(in, &doc); err != nil {
		return fmt.Errorf("reading cases: %w", err)
	}
	if doc.Family == "jobValidation" || doc.Family == "jobUpdateValidation" {
		out, err := runJobValidation(doc.Family, in, *keepGoing)
		if err != nil {
			return err
		}
		return writeAnyDoc(os.Stdout, out, *drop)
	}
	if doc.Family == "statusValidation" {
		out, err := runStatusValidation(in, *keepGoing)
		if err != nil {
			return err
		}
		return writeAnyDoc(os.Stdout, out, *drop)
	}
	if doc.Family != "" && doc.Family != "sync" {
		return fmt.Errorf("family %q: supported: sync, statusValidation, jobValidation, jobUpdateValidation", doc.Family)
	}
	doc.Family = "sync"
	varied := 0
	for _, c := range doc.Cases {
		expect, v, err := runCase(c, *runs, *exact)
		if err != nil {
			if !*keepGoing {
				return err
			}
			expect = map[string]any{"oracleError": err.Error()}
		}
		if v {
			varied++
		}
		if c.Expect, err = marshalOrdered(expect); err != nil {
			return err
		}
	}
	if *drop {
		kept := doc.Cases[:0]
		for _, c := range doc.Cases {
			if !strings.Contains(string(c.Expect), `"oracleError"`) {
				kept = append(kept, c)
			}
		}
		doc.Cases = kept
	}
	if varied > 0 {
		fmt.Fprintf(os.Stderr, "oracle: %d/%d cases depend on pod order; their order-dependent fields are left out\n", varied, len(doc.Cases))
	}
	return writeDoc(os.Stdout, &doc)
}

// runCase runs a case `runs` times (fresh controller each time) and merges the answers.
func runCase(c *vectorCase, runs int, exact bool) (map[string]any, bool, error) {
	pc, err := parseCase(c)
	if err != nil {
		return nil, false, fmt.Errorf("case %q: %w", c.Name, err)
	}
	if len(pc.pods) < 2 {
		runs = 1 // a single pod has no order to vary
	}
	var all []*expectation
	for r := 0; r < max(1, runs); r++ {
		pc, _ := parseCase(c)
		res, err := runOne(pc, r)
		if err != nil {
			return nil, false, fmt.Errorf("case %q: %w", c.Name, err)
		}
		if res.err != nil && r == 0 && os.Getenv("ORACLE_DEBUG") != "" {
			fmt.Fprintf(os.Stderr, "case %q: sync returned: %v\n", c.Name, res.err)
		}
		all = append(all, toExpectation(pc, res, exact))
	}
	expect, varied := agreedExpectation(all)
	return expect, varied, nil
}

// writeDoc writes one case per line block: readable diffs, small files.
func writeDoc(w io.Writer, doc *vectorFile) error {
	bw := bufio.NewWriter(w)
	head, _ := json.Marshal(doc.Family)
	src, _ := json.Marshal(doc.Source)
	fmt.Fprintf(bw, "{\n  \"family\": %s,\n  \"source\": %s,\n  \"cases\": [\n", head, src)
	for i, c := range doc.Cases {
		b, err := json.Marshal(c)
		if err != nil {
			return err
		}
		sep := ","
		if i == len(doc.Cases)-1 {
			sep = ""
		}
		fmt.Fprintf(bw, "    %s%s\n", b, sep)
	}
	fmt.Fprint(bw, "  ]\n}\n")
	return bw.Flush()
}

// writeAnyDoc writes a vector document of another family with one case per line.
func writeAnyDoc(w io.Writer, doc any, dropUnrunnable bool) error {
	b, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	var generic struct {
		Family string            `json:"family"`
		Source string            `json:"source"`
		Cases  []json.RawMessage `json:"cases"`
	}
	if err := json.Unmarshal(b, &generic); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	head, _ := json.Marshal(generic.Family)
	src, _ := json.Marshal(generic.Source)
	fmt.Fprintf(bw, "{\n  \"family\": %s,\n  \"source\": %s,\n  \"cases\": [\n", head, src)
	if dropUnrunnable {
		kept := generic.Cases[:0]
		for _, c := range generic.Cases {
			var probe struct {
				Expect map[string]json.RawMessage `json:"expect"`
			}
			if json.Unmarshal(c, &probe) == nil && probe.Expect["oracleError"] != nil {
				continue
			}
			kept = append(kept, c)
		}
		generic.Cases = kept
	}
	for i, c := range generic.Cases {
		sep := ","
		if i == len(generic.Cases)-1 {
			sep = ""
		}
		fmt.Fprintf(bw, "    %s%s\n", c, sep)
	}
	fmt.Fprint(bw, "  ]\n}\n")
	return bw.Flush()
}
