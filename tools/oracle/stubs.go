package main

func cmdGenerate(args []string) error { return nil }
func cmdBench(args []string) error    { return nil }
