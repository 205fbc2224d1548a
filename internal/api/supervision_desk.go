package api

import (
	"net/http"

	"weiquan/internal/fault"
	"weiquan/internal/invalid"
	"weiquan/internal/service"
	"weiquan/internal/supervise"
)

// VisitInput is a mystery-shopping visit (明察暗访): a registry merchant by id, or one named.
type VisitInput struct {
	MerchantID   *int64                `json:"merchant_id,omitempty"`
	MerchantName string                `json:"merchant_name,omitempty"`
	VisitedOn    string                `json:"visited_on"`
	Visitors     string                `json:"visitors"`
	Topic        string                `json:"topic"`
	Result       supervise.VisitResult `json:"result"`
	Findings     string                `json:"findings,omitempty"`
}

// SampleInput is a product sampled for testing (商品抽检), its result pending.
type SampleInput struct {
	Product      string `json:"product"`
	Brand        string `json:"brand,omitempty"`
	Batch        string `json:"batch,omitempty"`
	MerchantID   *int64 `json:"merchant_id,omitempty"`
	MerchantName string `json:"merchant_name,omitempty"`
	SampledOn    string `json:"sampled_on"`
	Lab          string `json:"lab"`
}

// SampleResultInput is the lab's verdict on a sample, with its report.
type SampleResultInput struct {
	Result   supervise.LabResult `json:"result"`
	ReportNo string              `json:"report_no"`
	ResultOn string              `json:"result_on"`
	Items    string              `json:"items,omitempty"`
}

// InspectorInput is an inspector who may be drawn.
type InspectorInput struct {
	Name string `json:"name"`
	Unit string `json:"unit,omitempty"`
}

// ConflictInput is an inspector's declared conflict with a registry merchant.
type ConflictInput struct {
	MerchantID int64  `json:"merchant_id"`
	Reason     string `json:"reason,omitempty"`
}

// recordVisit records a visit with its findings.
func (h *Handler) recordVisit(w http.ResponseWriter, r *http.Request) {
	var in VisitInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	v := supervise.Visit{MerchantID: in.MerchantID, MerchantName: in.MerchantName, VisitedOn: in.VisitedOn, Visitors: in.Visitors,
		Topic: in.Topic, Result: in.Result, Findings: in.Findings}
	if err := h.svc.RecordVisit(r.Context(), who(r), &v); err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, localVisit(v))
}

// recordSample records a sample sent to the lab.
func (h *Handler) recordSample(w http.ResponseWriter, r *http.Request) {
	var in SampleInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	x := supervise.Sample{Product: in.Product, Brand: in.Brand, Batch: in.Batch, MerchantID: in.MerchantID, MerchantName: in.MerchantName,
		SampledOn: in.SampledOn, Lab: in.Lab}
	if err := h.svc.RecordSample(r.Context(), who(r), &x); err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, localSample(x))
}

// sampleResult records a sample's lab result; a published sample no longer changes.
func (h *Handler) sampleResult(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in SampleResultInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	if in.Result != supervise.Pass && in.Result != supervise.Fail {
		in.Result = "none" // the service reads "publish" as the other step: never from this door
	}
	h.stepSample(w, r, id, string(in.Result), in)
}

// publishSample makes a sample's result public, once.
func (h *Handler) publishSample(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	h.stepSample(w, r, id, "publish", SampleResultInput{})
}

func (h *Handler) stepSample(w http.ResponseWriter, r *http.Request, id int64, result string, in SampleResultInput) {
	x, err := h.svc.SampleResult(r.Context(), who(r), id, result, in.ReportNo, in.ResultOn, in.Items)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, localSample(x))
}

// addInspector adds an inspector who may be drawn.
func (h *Handler) addInspector(w http.ResponseWriter, r *http.Request) {
	var in InspectorInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	i := service.Inspector{Name: in.Name, Unit: in.Unit}
	if err := h.svc.SaveInspector(r.Context(), who(r), &i); err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, i)
}

// declareConflict records an inspector's conflict with a merchant: the draw never sends
// them there. An unknown inspector (the path's) is 404.
func (h *Handler) declareConflict(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	var in ConflictInput
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	err = h.svc.DeclareConflict(r.Context(), who(r), id, in.MerchantID, in.Reason)
	if errs, ok := invalid.As(err); ok && errs.Has("inspector_id") {
		err = fault.ErrNotFound
	}
	if err != nil {
		fail(w, r, err)
		return
	}
	is, err := h.svc.Inspectors(r.Context(), who(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	for _, i := range is {
		if i.ID == id {
			writeJSON(w, http.StatusCreated, i)
			return
		}
	}
	fail(w, r, fault.ErrNotFound)
}

// publishDraw fixes and publishes a 双随机一公开 draw — its seed and inputs — before drawing.
func (h *Handler) publishDraw(w http.ResponseWriter, r *http.Request) {
	var in service.DrawRequest
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	d, err := h.svc.PublishDraw(r.Context(), who(r), in)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, localDraw(d))
}

// runDraw draws a published draw from its published seed and inputs, once.
func (h *Handler) runDraw(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	d, err := h.svc.RunDraw(r.Context(), who(r), id)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, localDraw(d))
}
