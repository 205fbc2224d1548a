package calendar

import (
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// lunarWorkday is lunar-go's view: a listed day is off or a make-up working day, an unlisted one follows the week.
func lunarWorkday(d Date) (work, listed bool) {
	if h := HolidayUtil.GetHoliday(d.String()); h != nil {
		return h.IsWork(), true
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday, false
}

// TestCrossCheckLunarGo compares every day of every covered year with an independent data set (R-L42).
func TestCrossCheckLunarGo(t *testing.T) {
	c := embedded(t)
	for _, year := range c.Years() {
		days := 0
		for d := (Date{year, time.January, 1}); d.Year == year; d = d.AddDays(1) {
			ours, err := c.IsWorkday(d)
			if err != nil {
				t.Fatal(err)
			}
			theirs, listed := lunarWorkday(d)
			if ours != theirs {
				name := ""
				if h := HolidayUtil.GetHoliday(d.String()); h != nil {
					name = h.GetName() + " (target " + h.GetTarget() + ")"
				}
				t.Errorf("%s (%s): IsWorkday = %v, lunar-go says %v %s", d, d.Weekday(), ours, theirs, name)
			}
			if listed {
				days++
			}
		}
		if days == 0 {
			t.Errorf("lunar-go lists no days in %d; the cross-check proves nothing for that year", year)
		}
	}
	years := c.Years()
	next := years[len(years)-1] + 1
	if HolidayUtil.GetHolidaysByYear(next).Len() > 0 {
		t.Logf("lunar-go lists days for %d, which is not loaded: load the State Council notice once it is confirmed (R-L43)", next)
	}
}
