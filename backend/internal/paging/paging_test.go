package paging

import "testing"

func TestTotalPagesRoundsUpAndIsZeroWhenEmpty(t *testing.T) {
	for _, c := range []struct{ total, size, want int }{
		{0, 10, 0}, {1, 10, 1}, {10, 10, 1}, {23, 10, 3}, {5, 0, 0}, {7, 7, 1},
	} {
		if got := (Page[int]{TotalItems: c.total, PageSize: c.size}).TotalPages(); got != c.want {
			t.Errorf("%d items by %d: %d pages, want %d", c.total, c.size, got, c.want)
		}
	}
}
