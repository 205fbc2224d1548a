package web

import (
	"math"
	"strconv"
	"strings"
)

// chart is a bar chart drawn on the server as SVG: no script, legible on paper,
// each bar a link to the matters it counts, every value written out.
type chart struct {
	ID       string
	Title    string
	Desc     string // every value in words, for screen readers
	W, H     int
	Vertical bool
	Bars     []chartBar
	Grid     []gridLine
	Base     float64 // the axis: x of the bars' start (horizontal) or y of their foot (vertical)
	PlotL    float64 // vertical charts: left and right ends of the plot
	PlotR    float64
	AxisX    float64 // vertical charts: where the scale's numbers end
	Rotate   bool    // vertical charts: values written upwards, the bars being narrow
}

// chartBar is one bar with its label and value.
type chartBar struct {
	Label, Sub, Value, Href, Aria string
	X, Y, BW, BH                  float64 // the bar
	LX, LY                        float64 // the label
	VX, VY                        float64 // the value
}

type gridLine struct {
	Y, TY float64 // the line, and its label's baseline
	Label string
}

// barDatum is one value to draw.
type barDatum struct {
	Label, Sub, Value, Href string
	Long                    string // the label in full, for the description; Label when empty
	N                       int64
}

const (
	hRow     = 30.0
	hBar     = 18.0
	hPad     = 6.0
	hWidth   = 420 // half an A4 page wide when printed two by two, so the text stays legible
	fontSize = 14.0
	maxLabel = 170.0
)

// textWidth estimates how wide a label is drawn: CJK full width, the rest about half.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			w += size
		} else {
			w += size * 0.58
		}
	}
	return w
}

// hbars lays out a horizontal bar chart: labels on the left, values after the bars.
func hbars(id, title, desc string, data []barDatum) chart {
	c := chart{ID: id, Title: title, Desc: desc, W: hWidth}
	labelW, valueW := 40.0, 30.0
	var max int64
	for _, d := range data {
		labelW = math.Max(labelW, textWidth(d.Label, fontSize))
		valueW = math.Max(valueW, textWidth(d.Value, fontSize))
		max = maxInt(max, d.N)
	}
	labelW = math.Min(labelW, maxLabel) + 12
	c.Base = labelW
	span := float64(c.W) - labelW - valueW - 14
	for i, d := range data {
		y := hPad + float64(i)*hRow
		w := 0.0
		if max > 0 {
			w = float64(d.N) / float64(max) * span
		}
		if d.N > 0 {
			w = math.Max(w, 2)
		}
		c.Bars = append(c.Bars, chartBar{Label: d.Label, Value: d.Value, Href: d.Href, Aria: d.Label + " " + d.Value,
			X: labelW, Y: y + (hRow-hBar)/2, BW: w, BH: hBar,
			LX: labelW - 8, LY: y + hRow/2 + fontSize*0.36,
			VX: labelW + w + 6, VY: y + hRow/2 + fontSize*0.36})
	}
	c.H = int(math.Ceil(2*hPad + float64(len(data))*hRow))
	return c
}

const (
	vWidth  = 760
	vHeight = 250
	vLeft   = 46.0
	vRight  = 10.0
	vTop    = 26.0
	vBottom = 40.0
)

// vbars lays out a column chart (the months): a value above each column, a scale at the left.
func vbars(id, title, desc string, data []barDatum) chart {
	c := chart{ID: id, Title: title, Desc: desc, W: vWidth, H: vHeight, Vertical: true, PlotL: vLeft, PlotR: vWidth - vRight, AxisX: vLeft - 6}
	var max int64
	for _, d := range data {
		max = maxInt(max, d.N)
	}
	step, top := niceScale(max)
	plotH := float64(vHeight) - vTop - vBottom
	c.Base = vTop + plotH
	for v := int64(0); v <= top; v += step {
		y := c.Base - float64(v)/float64(top)*plotH
		c.Grid = append(c.Grid, gridLine{Y: y, TY: y + 4, Label: strconv.FormatInt(v, 10)})
	}
	n := len(data)
	if n == 0 {
		return c
	}
	slot := (c.PlotR - c.PlotL) / float64(n)
	bw := math.Min(slot*0.64, 46)
	c.Rotate = slot < 34
	every := 1
	if n > 12 {
		every = (n + 11) / 12
	}
	for i, d := range data {
		h := float64(d.N) / float64(top) * plotH
		if d.N > 0 {
			h = math.Max(h, 1.5)
		}
		x := c.PlotL + slot*float64(i) + (slot-bw)/2
		b := chartBar{Value: d.Value, Href: d.Href, Aria: d.Label + " " + d.Value,
			X: x, Y: c.Base - h, BW: bw, BH: h, VX: x + bw/2, VY: c.Base - h - 6, LX: x + bw/2, LY: c.Base + 17}
		if i%every == 0 {
			b.Label, b.Sub = d.Label, d.Sub
		}
		if slot < 14 {
			b.Value = "" // no room: the values are in the description and the table below
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

// niceScale picks a step of 1, 2 or 5 × 10ⁿ giving four or five grid lines, and the top line.
func niceScale(max int64) (step, top int64) {
	if max <= 0 {
		return 1, 4
	}
	raw := float64(max) / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = int64(math.Max(1, m*mag))
			break
		}
	}
	top = (max + step - 1) / step * step
	return step, top
}

func maxInt(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// chartDesc writes a chart's values out as one sentence.
func chartDesc(lang string, data []barDatum) string {
	parts := make([]string, 0, len(data))
	for _, d := range data {
		label := d.Long
		if label == "" {
			label = d.Label
		}
		parts = append(parts, tr(lang, "reportui.chart.item", "label", label, "value", d.Value))
	}
	sep := "；"
	if lang == "en" {
		sep = "; "
	}
	return strings.Join(parts, sep)
}

// fit cuts a label to about w user units for the chart; the full name is in the table beside it.
func fit(s string, w float64) string {
	if textWidth(s, fontSize) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && textWidth(string(r)+"…", fontSize) > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}
