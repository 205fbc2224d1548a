package casework

import (
	"fmt"
	"regexp"
	"time"

	"weiquan/internal/calendar"
)

var shanghai = calendar.Shanghai

// NumberDay is the day a case number is drawn for: the received date in Asia/Shanghai as YYYYMMDD.
func NumberDay(received time.Time) string {
	return received.In(shanghai).Format("20060102")
}

// FormatNumber builds a case number "YYYYMMDD-NNNNNN" ("JBYYYYMMDD-NNNNNN" for a report) (R-P2): the received date
// makes numbers sort by date, six digits hold a day's national peak, and digits
// only are easy to read out over the phone.
func FormatNumber(day string, seq int64) string {
	return fmt.Sprintf("%s-%06d", day, seq)
}

// ReportSeries prefixes the numbers of reports (举报). Reports are numbered in their
// own series so that the numbers of complaints — which merchants see — have no gaps
// where reports are (R-L25): a merchant whose complaint is 000041 and whose next is
// 000043 learns nothing about a report. Numbers drawn before the series began keep
// their place in the day's common series; a number is never changed.
const ReportSeries = "JB"

// NumberSeries is the counter a new matter's number is drawn from: its received day,
// with the report prefix for reports.
func NumberSeries(k Kind, received time.Time) string {
	if k == Report {
		return ReportSeries + NumberDay(received)
	}
	return NumberDay(received)
}

var numberRE = regexp.MustCompile(`^(JB)?\d{8}-\d{6,}$`)

// LooksLikeNumber reports whether s has the shape of a case number.
func LooksLikeNumber(s string) bool { return numberRE.MatchString(s) }
