package portal

import (
	"fmt"

	"weiquan/internal/i18n"
)

func t(lang, key string, args ...any) string {
	s := make([]string, len(args))
	for i, a := range args {
		s[i] = fmt.Sprint(a)
	}
	return i18n.T(lang, key, s...)
}
