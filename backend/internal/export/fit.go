package export

import (
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// measure tells the width of text set in the regular Go font, so the PDF can
// give a line of the table a fixed height when every cell holds on one line.
// Asking maroto for an automatic height measures each cell again, through a
// font switch per cell: a third of the time of a 100 000-line export.
type measure struct {
	f     *sfnt.Font
	buf   sfnt.Buffer
	upem  fixed.Int26_6
	ascii [128]float64 // advance in ems, 0 when not yet known
	other map[rune]float64
}

func newMeasure() (*measure, error) {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	return &measure{f: f, upem: fixed.I(int(f.UnitsPerEm())), other: map[rune]float64{}}, nil
}

// em is the advance of r in ems (1 when the font cannot say: too wide is safe,
// the line then gets an automatic height).
func (m *measure) em(r rune) float64 {
	if r >= 0 && r < 128 && m.ascii[r] > 0 {
		return m.ascii[r]
	}
	if w, ok := m.other[r]; ok {
		return w
	}
	w := 1.0
	if g, err := m.f.GlyphIndex(&m.buf, r); err == nil && g != 0 {
		if adv, err := m.f.GlyphAdvance(&m.buf, g, m.upem, font.HintingNone); err == nil {
			w = float64(adv) / float64(m.upem)
		}
	}
	if r >= 0 && r < 128 {
		m.ascii[r] = w
	} else {
		m.other[r] = w
	}
	return w
}

// fits tells whether s, at size points, holds within width millimetres,
// with a margin for the rounding of the PDF library's own measure.
func (m *measure) fits(s string, size, width float64) bool {
	limit := width * 0.95 / (size * mmPerPt)
	var ems float64
	for _, r := range s {
		ems += m.em(r)
		if ems > limit {
			return false
		}
	}
	return true
}

const mmPerPt = 25.4 / 72
