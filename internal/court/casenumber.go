package court

import (
	"regexp"
	"strconv"
	"strings"

	"weiquan/internal/invalid"
)

// CaseNumber is a court's case number (案号) under the SPC's rules on case numbers (最高人民法院
// 关于人民法院案件案号的若干规定): the year the case was taken in, in full-width brackets, the
// court's code (the province's one-character name and its digits: 赣 for the high court, 赣04
// for an intermediate, 赣0429 for a basic court; 最高法 for the Supreme Court), the type of case
// (民初, 民终, 民特 for judicial confirmation, 诉前调 for pre-filing mediation, 执…), the serial
// and 号: （2026）赣0429民初100号.
type CaseNumber struct {
	Year   int
	Court  string // 赣0429
	Type   string // 民初
	Serial int
}

// String is the case number as the court writes it, full-width brackets.
func (c CaseNumber) String() string {
	return "（" + strconv.Itoa(c.Year) + "）" + c.Court + c.Type + strconv.Itoa(c.Serial) + "号"
}

// CodeCaseNumber refuses text that is no court case number.
const CodeCaseNumber = "court_case_number"

var caseNumberRE = regexp.MustCompile(`^（(\d{4})）(最高法|\p{Han}\d{0,4})(\p{Han}{1,8}?)(\d{1,7})号$`)

// ParseCaseNumber reads a case number as typed or sent by a court's system: half-width
// brackets, spaces and a leading 第 before the serial are accepted and normalised; anything
// else that does not have the shape is refused with CodeCaseNumber on field.
func ParseCaseNumber(field, s string) (CaseNumber, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u3000', '\t':
			return -1
		case '(', '〔', '[':
			return '（'
		case ')', '〕', ']':
			return '）'
		}
		return r
	}, s)
	s = strings.Replace(s, "第", "", 1)
	m := caseNumberRE.FindStringSubmatch(s)
	if m == nil || len(s) > 80 {
		return CaseNumber{}, invalid.New(field, CodeCaseNumber)
	}
	year, _ := strconv.Atoi(m[1])
	serial, _ := strconv.Atoi(m[4])
	if year < 1949 || year > 2200 || serial == 0 {
		return CaseNumber{}, invalid.New(field, CodeCaseNumber)
	}
	return CaseNumber{Year: year, Court: m[2], Type: m[3], Serial: serial}, nil
}
