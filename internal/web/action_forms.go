package web

import (
	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/invalid"
)

// actionSpec is what a clock action's form asks for beyond the plain note: a choice of
// reason codes, the note as the substance of the action, a hint citing the rule.
type actionSpec struct {
	form       string   // "codes" for a select of reason codes, "merge", or "plain"
	codes      []string // the choices of reason_code
	codePrefix string   // their catalogue prefix
	codeLabel  string
	noteLabel  string // the note's label when it carries the substance
	noteReq    bool
	hint       string
}

// actionSpecs gives each clock action of issue 4 its proper fields; the codes are those
// casework accepts from staff.
var actionSpecs = map[casework.Action]actionSpec{
	casework.Escalate: {form: "codes", codes: []string{casework.EscalateRequest, casework.EscalateMediationFailed},
		codePrefix: "escalate_reason.", codeLabel: "board.form.escalate_reason", noteLabel: "board.form.escalate_note", noteReq: true, hint: "board.form.escalate_hint"},
	casework.Pause: {form: "codes", codes: []string{casework.PauseTesting, casework.PauseRecusal},
		codePrefix: "pause_reason.", codeLabel: "board.form.pause_reason", noteLabel: "board.form.pause_note", hint: "board.form.pause_hint"},
	casework.Resume:              {form: "plain", noteLabel: "board.form.resume_note", noteReq: true},
	casework.RecordClue:          {form: "plain", noteLabel: "board.form.clue_note", noteReq: true, hint: "board.form.clue_hint"},
	casework.ExtendVerification:  {form: "plain", noteLabel: "board.form.extend_note", noteReq: true, hint: "board.form.extend_hint"},
	casework.ConcludeClue:        {form: "codes", codes: []string{"case_filed", "not_filed"}, codePrefix: "clue_result.", codeLabel: "board.form.clue_result"},
	casework.Merge:               {form: "merge", hint: "board.form.merge_hint"},
	casework.NotifyParties:       {form: "plain", hint: "board.form.notify_hint"},
	casework.Reply12345:          {form: "plain", noteLabel: "board.form.reply_note", noteReq: true, hint: "board.form.reply_hint"},
	casework.DisputeJurisdiction: {form: "plain", noteLabel: "board.form.dispute_note", noteReq: true, hint: "board.form.dispute_hint"},
	casework.SettleJurisdiction: {form: "codes", codes: []string{"ours", "theirs", "designated"},
		codePrefix: "dispute_outcome.", codeLabel: "board.form.dispute_outcome"},
}

// stateFields are errors about the matter rather than a field of the form (a step taken
// before, the top level reached); they show inside the form that was sent.
var stateFields = []string{"level", "clue_at", "clue_done_at", "extended_at", "notified_at", "terminated_at",
	"dispute_at", "dispute_done_at", "channel", "action"}

// withSpec completes an action's form from its spec, in the page's language.
func withSpec(lang string, f actionForm) actionForm {
	s, ok := actionSpecs[f.Action]
	if !ok {
		return f
	}
	f.Form, f.NoteReq = s.form, s.noteReq
	if s.noteLabel != "" {
		f.NoteLabel = tr(lang, s.noteLabel)
	}
	if s.hint != "" {
		f.Hint = tr(lang, s.hint)
	}
	if s.codeLabel != "" {
		f.CodeLabel = tr(lang, s.codeLabel)
	}
	for _, c := range s.codes {
		f.Codes = append(f.Codes, reasonChoice{c, trOr(lang, s.codePrefix+c, "web.action.generic")})
	}
	return f
}

// relabelNote names the note and the reason in their field errors as the action's form
// labels them ("grounds" rather than "note"), so a message matches the field beside it.
func relabelNote(lang string, a casework.Action, err error, fe map[string]string) map[string]string {
	s, ok := actionSpecs[a]
	errs, isErrs := invalid.As(err)
	if !ok || !isErrs {
		return fe
	}
	for _, f := range errs {
		switch {
		case f.Field == "note" && s.noteLabel != "":
			args := []string{"field", tr(lang, s.noteLabel)}
			for k, v := range f.Args {
				args = append(args, k, v)
			}
			fe["note"] = i18n.T(lang, "err."+f.Code, args...)
		case f.Field == "reason_code" && s.codeLabel != "":
			fe["reason_code"] = i18n.T(lang, "err.required", "field", tr(lang, s.codeLabel)) // the choices are the select's own
		}
	}
	return fe
}
