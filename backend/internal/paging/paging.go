// Package paging is the one shape of a paged list, shared by the services
// (activity log, portal lists) and mapped once to the contract's pages.
package paging

// The contract's paging (its Page and PageSize parameters): the size of a
// page when none is asked, and the largest that may be asked.
const (
	DefaultSize = 10
	MaxSize     = 100
)

// Page is one page of a longer list: its items, where it is, and how many
// items the whole list holds. A page past the end is empty but keeps the
// totals, so a client can jump back to the last page.
type Page[T any] struct {
	Items      []T
	Page       int
	PageSize   int
	TotalItems int
}

// TotalPages is the number of pages of PageSize the list fills; 0 when it
// is empty (« Page 2 de 3 (23 activités) »).
func (p Page[T]) TotalPages() int {
	if p.PageSize <= 0 || p.TotalItems == 0 {
		return 0
	}
	return (p.TotalItems + p.PageSize - 1) / p.PageSize
}
