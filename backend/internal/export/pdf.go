package export

import (
	"io"
	"strings"
	"sync"
	"unicode"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/johnfercher/maroto/v2/pkg/repository"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// FontFamily is the UTF-8 TrueType family the PDF is set in. maroto's
// built-in fonts translate every cell to cp1252, which is slow and loses
// what cp1252 lacks; the Go fonts carry all of French (É, è, ç, « »).
const FontFamily = "go"

var (
	fontsOnce sync.Once
	fonts     []*entity.CustomFont
	fontsErr  error
)

// Fonts returns the Go fonts, regular and bold, ready for maroto.
func Fonts() ([]*entity.CustomFont, error) {
	fontsOnce.Do(func() {
		fonts, fontsErr = repository.New().
			AddUTF8FontFromBytes(FontFamily, fontstyle.Normal, goregular.TTF).
			AddUTF8FontFromBytes(FontFamily, fontstyle.Bold, gobold.TTF).
			Load()
	})
	return fonts, fontsErr
}

// PDFConfig is the page set-up of every export: Letter landscape, the Go
// fonts, compressed streams, « Page X de Y » at the bottom right.
func PDFConfig(t Table) (*entity.Config, error) {
	fs, err := Fonts()
	if err != nil {
		return nil, err
	}
	return config.NewBuilder().
		WithPageSize(pagesize.Letter).
		WithOrientation(orientation.Horizontal).
		WithLeftMargin(margin).WithRightMargin(margin).WithTopMargin(margin).WithBottomMargin(margin).
		WithCustomFonts(fs).
		WithDefaultFont(&props.Font{Family: FontFamily, Size: fontSize}).
		WithCompression(true).
		WithMaxGridSize(gridSize).
		WithPageNumber(props.PageNumber{Pattern: "Page {current} de {total}", Place: props.RightBottom, Size: 8}).
		WithTitle(t.Title, true).
		WithAuthor(t.Author, true).
		WithCreator("Mon espace client", true).
		WithCreationDate(t.At).
		Build(), nil
}

// Page geometry, in millimetres: Letter landscape is 279.4 wide.
const (
	gridSize     = 100 // grid units a row is divided into
	margin       = 10
	contentWidth = 279.4 - 2*margin
	fontSize     = 8 // points
)

var (
	headerFill = props.Color{Red: 217, Green: 225, Blue: 242}
	cellText   = props.Text{Top: 1, Bottom: 1, Left: 1, Right: 1}
	headerText = props.Text{Top: 1.5, Left: 1, Right: 1, Style: fontstyle.Bold}
)

// PDF writes the table as a PDF document: the title, the lines describing
// the export, then the rows under a header row repeated on every page.
// Values are drawn as text, so nothing in them is ever interpreted.
//
// maroto lays the whole document out before writing it, so unlike XLSX the
// memory of a PDF grows with its rows; the caller caps what it asks for if
// that matters.
func PDF(w io.Writer, t Table, rows Rows) error {
	cfg, err := PDFConfig(t)
	if err != nil {
		return err
	}
	m := maroto.New(cfg)
	m.AddRows(text.NewRow(10, t.Title, props.Text{Size: 14, Style: fontstyle.Bold}))
	for _, l := range t.Lines {
		m.AddRows(text.NewAutoRow(l, props.Text{Size: 9, Bottom: 1}))
	}
	m.AddRows(row.New(4))

	sizes := gridShares(t.Columns)
	header := make([]core.Col, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = text.NewCol(sizes[i], c.Header, headerText)
	}
	if err := m.RegisterHeader(row.New(7).Add(header...).WithStyle(&props.Cell{
		BackgroundColor: &headerFill, BorderType: border.Bottom, BorderThickness: 0.3,
	})); err != nil {
		return err
	}

	meas, err := newMeasure()
	if err != nil {
		return err
	}
	widths := make([]float64, len(sizes))
	for i, sz := range sizes {
		widths[i] = contentWidth*float64(sz)/gridSize - cellText.Left - cellText.Right
	}
	// The height of a line of one text line, as maroto computes it.
	oneLine := fontSize*mmPerPt + cellText.Top + cellText.Bottom
	n := 0
	for r, rerr := range rows {
		if rerr != nil {
			return rerr
		}
		n++
		cols := make([]core.Col, len(t.Columns))
		single := true
		for i := range t.Columns {
			var v any
			if i < len(r) {
				v = r[i]
			}
			s := printable(t.text(v))
			single = single && meas.fits(s, fontSize, widths[i])
			cols[i] = text.NewCol(sizes[i], s, cellText)
		}
		if single {
			m.AddRow(oneLine, cols...)
		} else {
			// A long name wraps instead of running over the next line.
			m.AddAutoRow(cols...)
		}
	}
	if n == 0 && t.Empty != "" {
		m.AddRows(text.NewRow(8, t.Empty, cellText))
	}
	doc, err := m.Generate()
	if err != nil {
		return err
	}
	_, err = w.Write(doc.GetBytes())
	return err
}

// gridShares splits the grid among the columns in proportion to their widths.
func gridShares(cols []Column) []int {
	var total float64
	for _, c := range cols {
		total += c.Width
	}
	out := make([]int, len(cols))
	used := 0
	for i, c := range cols {
		out[i] = int(float64(gridSize) * c.Width / total)
		used += out[i]
	}
	if len(out) > 0 {
		out[len(out)-1] += gridSize - used
	}
	return out
}

// printable turns control characters (tab, CR, ...) into spaces: the font has
// no glyph for them and they would show as boxes. Everything else is drawn
// exactly as given.
func printable(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}
