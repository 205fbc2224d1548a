package supervise

import (
	"strconv"
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// QuestionKind is how a question is answered.
type QuestionKind string

// Kinds of question.
const (
	Rating QuestionKind = "rating" // 1 (very dissatisfied) to 5 (very satisfied)
	Choice QuestionKind = "choice" // one of the options
	Text   QuestionKind = "text"   // free words
)

// Question is one question of a questionnaire.
type Question struct {
	Text     string       `json:"text"`
	Kind     QuestionKind `json:"kind"`
	Options  []string     `json:"options,omitempty"` // a choice's options
	Required bool         `json:"required"`
}

// Questionnaire is a satisfaction questionnaire designed by staff (SPEC C10).
type Questionnaire struct {
	ID        int64      `json:"id"`
	Title     string     `json:"title"`
	Intro     string     `json:"intro,omitempty"`
	Questions []Question `json:"questions"`
	Open      bool       `json:"open"` // answers are taken while open
	CreatedAt time.Time  `json:"created_at"`
	Links     int        `json:"links"`    // links handed out
	Answered  int        `json:"answered"` // links answered
}

// Limits of a questionnaire.
const (
	MaxQuestions = 30
	MaxOptions   = 10
)

// Validate checks a questionnaire as staff design it.
func (q *Questionnaire) Validate() error {
	var errs invalid.Errors
	q.Title, q.Intro = strings.TrimSpace(q.Title), strings.TrimSpace(q.Intro)
	errs.Need("title", q.Title)
	errs.MaxLen("title", q.Title, 100)
	errs.MaxLen("intro", q.Intro, 1000)
	if len(q.Questions) == 0 {
		errs.Add("questions", invalid.Required)
	}
	if len(q.Questions) > MaxQuestions {
		errs.Add("questions", invalid.TooLong, "max", strconv.Itoa(MaxQuestions))
	}
	for i := range q.Questions {
		x := &q.Questions[i]
		x.Text = strings.TrimSpace(x.Text)
		f := "questions." + strconv.Itoa(i)
		errs.Need(f, x.Text)
		errs.MaxLen(f, x.Text, 300)
		switch x.Kind {
		case Rating, Text:
			x.Options = nil
		case Choice:
			var opts []string
			for _, o := range x.Options {
				if o = strings.TrimSpace(o); o != "" {
					opts = append(opts, o)
				}
			}
			x.Options = opts
			if len(opts) < 2 || len(opts) > MaxOptions {
				errs.Add(f, invalid.TooShort, "min", "2")
			}
		default:
			errs.Add(f, invalid.OneOf, "values", "rating, choice, text")
		}
	}
	return errs.Err()
}

// Answer is one question's answer: a rating 1–5, an option's index, or text. Unanswered is
// the zero value with Given false.
type Answer struct {
	Given  bool   `json:"given"`
	Rating int    `json:"rating,omitempty"`
	Option int    `json:"option,omitempty"`
	Text   string `json:"text,omitempty"`
}

// ValidateAnswers checks a consumer's answers against the questionnaire: one per question,
// required ones given, ratings 1–5, options among those offered.
func (q Questionnaire) ValidateAnswers(as []Answer) error {
	var errs invalid.Errors
	if !q.Open {
		errs.Add("questionnaire", invalid.Conflict)
		return errs.Err()
	}
	if len(as) != len(q.Questions) {
		errs.Add("answers", invalid.Format)
		return errs.Err()
	}
	for i, x := range q.Questions {
		a := &as[i]
		f := "q" + strconv.Itoa(i)
		a.Text = strings.TrimSpace(a.Text)
		if !a.Given {
			if x.Required {
				errs.Add(f, invalid.Required)
			}
			*a = Answer{}
			continue
		}
		switch x.Kind {
		case Rating:
			if a.Rating < 1 || a.Rating > 5 {
				errs.Add(f, invalid.OneOf, "values", "1–5")
			}
			a.Option, a.Text = 0, ""
		case Choice:
			if a.Option < 0 || a.Option >= len(x.Options) {
				errs.Add(f, invalid.OneOf, "values", strings.Join(x.Options, ", "))
			}
			a.Rating, a.Text = 0, ""
		case Text:
			errs.MaxLen(f, a.Text, 1000)
			if a.Text == "" {
				a.Given = false
				if x.Required {
					errs.Add(f, invalid.Required)
				}
			}
			a.Rating, a.Option = 0, 0
		}
	}
	return errs.Err()
}

// Result is one question's answers added up.
type Result struct {
	Question  Question `json:"question"`
	Answered  int      `json:"answered"`
	Counts    []int    `json:"counts"`             // rating: counts of 1..5; choice: count per option
	MeanTenth int      `json:"mean_tenths"`        // rating: the mean in tenths, rounded half up (4.3 is 43)
	Satisfied int      `json:"satisfied_permille"` // rating: share of 4 and 5 among answers, in per mille, rounded half up
	Texts     []string `json:"texts,omitempty"`    // text: the answers, newest last
}

// Aggregate adds up the answers to a questionnaire, question by question, in integers so the
// figures are exact and the same everywhere.
func Aggregate(q Questionnaire, responses [][]Answer) []Result {
	out := make([]Result, len(q.Questions))
	for i, x := range q.Questions {
		r := Result{Question: x}
		switch x.Kind {
		case Rating:
			r.Counts = make([]int, 5)
		case Choice:
			r.Counts = make([]int, len(x.Options))
		}
		sum, good := 0, 0
		for _, resp := range responses {
			if i >= len(resp) || !resp[i].Given {
				continue
			}
			a := resp[i]
			switch x.Kind {
			case Rating:
				if a.Rating < 1 || a.Rating > 5 {
					continue
				}
				r.Counts[a.Rating-1]++
				sum += a.Rating
				if a.Rating >= 4 {
					good++
				}
			case Choice:
				if a.Option < 0 || a.Option >= len(r.Counts) {
					continue
				}
				r.Counts[a.Option]++
			case Text:
				r.Texts = append(r.Texts, a.Text)
			}
			r.Answered++
		}
		if x.Kind == Rating && r.Answered > 0 {
			r.MeanTenth = (sum*20 + r.Answered) / (2 * r.Answered)
			r.Satisfied = (good*2000 + r.Answered) / (2 * r.Answered)
		}
		out[i] = r
	}
	return out
}
