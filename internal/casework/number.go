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

// FormatNumber builds a case number "YYYYMMDD-NNNNNN" (R-P2): the received date
// makes numbers sort by date, six digits hold a day's national peak, and digits
// only are easy to read out over the phone.
func FormatNumber(day string, seq int64) string {
	return fmt.Sprintf("%s-%06d", day, seq)
}

var numberRE = regexp.MustCompile(`^\d{8}-\d{6,}$`)

// LooksLikeNumber reports whether s has the shape of a case number.
func LooksLikeNumber(s string) bool { return numberRE.MatchString(s) }
