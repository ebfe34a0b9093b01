package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
)

type middlewareFigures struct{ micros, allocs float64 }

var benchLine = regexp.MustCompile(`BenchmarkMiddleware\S*\s+\d+\s+([0-9.]+) ns/op\s+\d+ B/op\s+(\d+) allocs/op`)

// benchMiddleware runs the Go benchmark of the request path without a
// database (token check, decision from given facts, validation against the
// contract) and keeps its best of three.
func benchMiddleware(ctx context.Context) (middlewareFigures, error) {
	fmt.Println("intergiciel sans base : go test -bench BenchmarkMiddleware …")
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", "^BenchmarkMiddleware$", "-benchmem", "-count", "3",
		"./backend/internal/httpapi")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return middlewareFigures{}, fmt.Errorf("go test -bench (à lancer depuis la racine du dépôt) : %w\n%s", err, out)
	}
	best := middlewareFigures{}
	for _, m := range benchLine.FindAllStringSubmatch(string(out), -1) {
		ns, _ := strconv.ParseFloat(m[1], 64)
		allocs, _ := strconv.ParseFloat(m[2], 64)
		if best.micros == 0 || ns/1000 < best.micros {
			best = middlewareFigures{micros: ns / 1000, allocs: allocs}
		}
	}
	if best.micros == 0 {
		return best, fmt.Errorf("résultat de BenchmarkMiddleware introuvable :\n%s", out)
	}
	return best, nil
}
