// Package api is weiquan's JSON API under /api/v1, described by the OpenAPI
// document it serves at /api/v1/openapi.json.
package api

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"weiquan/internal/auth"
	"weiquan/internal/fault"
	"weiquan/internal/httpio"
	"weiquan/internal/service"
)

// Handler serves the JSON API.
type Handler struct {
	svc *service.Service
}

// New returns the API handler.
func New(svc *service.Service) *Handler { return &Handler{svc: svc} }

// Route is one row of the route table; the OpenAPI test reads the same table.
type Route struct {
	Method, Path string
	Roles        []auth.Role // nil: public; empty non-nil: any signed-in user
	handle       func(http.ResponseWriter, *http.Request)
}

var anyUser = []auth.Role{}
var adminOnly = []auth.Role{auth.Admin}
var staffRoles = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator, auth.Judge}

// courtRoles delegate for the court; centreRoles act for the centre (issue 10).
var (
	courtRoles  = []auth.Role{auth.Admin, auth.Supervisor, auth.Judge}
	centreRoles = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator}
)

// Routes is the whole API in one table.
func (h *Handler) Routes() []Route {
	return []Route{
		{"GET", "/api/v1/openapi.json", nil, h.openAPI},
		{"POST", "/api/v1/session", nil, h.createSession},
		{"DELETE", "/api/v1/session", anyUser, h.deleteSession},
		{"GET", "/api/v1/me", anyUser, h.me},

		{"POST", "/api/v1/matters", staffRoles, h.createMatter},
		{"GET", "/api/v1/matters", anyUser, h.listMatters},
		{"GET", "/api/v1/matters/{number}", anyUser, h.getMatter},
		{"GET", "/api/v1/matters/{number}/timeline", anyUser, h.getTimeline},
		{"POST", "/api/v1/matters/{number}/reveal", staffRoles, h.revealField},
		{"POST", "/api/v1/matters/{number}/actions/{action}", anyUser, h.actOnMatter},
		{"GET", "/api/v1/reasons", anyUser, h.listReasons},
		{"GET", "/api/v1/matters/{number}/mediation", mediationRoles, h.getMediation},
		{"POST", "/api/v1/matters/{number}/mediation/{step}", mediationRoles, h.mediationStep},
		{"POST", "/api/v1/matters/{number}/answer", []auth.Role{auth.Merchant}, h.answerComplaint},
		{"GET", "/api/v1/matters/{number}/answer", []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator, auth.Judge, auth.Merchant}, h.getAnswer},
		{"POST", "/api/v1/matters/{number}/documents", mediationRoles, h.issueDocument},
		{"GET", "/api/v1/matters/{number}/documents", mediationRoles, h.listDocuments},
		{"GET", "/api/v1/matters/{number}/documents/{id}", mediationRoles, h.getDocument},
		{"GET", "/api/v1/matters/export", staffRoles, h.exportMatters},

		{"POST", "/api/v1/imports", headRoles, h.createImport},
		{"GET", "/api/v1/imports", headRoles, h.listImports},
		{"GET", "/api/v1/reports/summary", staffRoles, h.getSummary},
		{"GET", "/api/v1/reports/summary.xlsx", staffRoles, h.getSummary},
		{"GET", "/api/v1/reports/summary.csv", staffRoles, h.getSummary},

		{"GET", "/api/v1/areas", anyUser, h.listAreas},
		{"POST", "/api/v1/areas", adminOnly, h.createArea},
		{"GET", "/api/v1/areas/{id}", anyUser, h.getArea},
		{"PUT", "/api/v1/areas/{id}", adminOnly, h.updateArea},
		{"GET", "/api/v1/stations", anyUser, h.listStations},
		{"POST", "/api/v1/stations", adminOnly, h.createStation},
		{"GET", "/api/v1/stations/{id}", anyUser, h.getStation},
		{"PUT", "/api/v1/stations/{id}", adminOnly, h.updateStation},
		{"GET", "/api/v1/users", adminOnly, h.listUsers},
		{"POST", "/api/v1/users", adminOnly, h.createUser},
		{"GET", "/api/v1/users/{id}", adminOnly, h.getUser},
		{"PUT", "/api/v1/users/{id}", adminOnly, h.updateUser},
		{"GET", "/api/v1/merchants", staffRoles, h.listMerchants},
		{"POST", "/api/v1/merchants", []auth.Role{auth.Admin, auth.Supervisor, auth.Operator}, h.createMerchant},
		{"GET", "/api/v1/merchants/{id}", staffRoles, h.getMerchant},
		{"PUT", "/api/v1/merchants/{id}", []auth.Role{auth.Admin, auth.Supervisor}, h.updateMerchant},
		{"GET", "/api/v1/apikeys", adminOnly, h.listAPIKeys},
		{"POST", "/api/v1/apikeys", adminOnly, h.createAPIKey},
		{"DELETE", "/api/v1/apikeys/{id}", adminOnly, h.revokeAPIKey},

		{"GET", "/api/v1/matters/{number}/deadlines", anyUser, h.matterDeadlines},
		{"GET", "/api/v1/clocks", staffRoles, h.listClocks},
		{"GET", "/api/v1/kpis", staffRoles, h.getKPIs},
		{"GET", "/api/v1/alerts", staffRoles, h.listAlerts},
		{"POST", "/api/v1/alerts/{id}/read", staffRoles, h.readAlert},
		{"POST", "/api/v1/alerts/{id}/delivered", adminOnly, h.deliverAlert},
		{"GET", "/api/v1/calendar", anyUser, h.listCalendarYears},
		{"GET", "/api/v1/calendar/{year}", anyUser, h.getCalendarYear},
		{"PUT", "/api/v1/calendar/{year}", adminOnly, h.putCalendarYear},
		{"GET", "/api/v1/settings", staffRoles, h.getSettings},
		{"PUT", "/api/v1/settings/{key}", adminOnly, h.putSetting},
		{"GET", "/api/v1/audit", adminOnly, h.listAudit},
		{"GET", "/api/v1/audit.csv", adminOnly, h.listAudit},

		{"GET", "/api/v1/collective", staffRoles, h.listCollective},
		{"GET", "/api/v1/collective/{id}", staffRoles, h.getCollective},
		{"POST", "/api/v1/collective/{id}/decision", headRoles, h.decideCollective},
		{"POST", "/api/v1/collective/{id}/agreement", jointRoles, h.jointAgreement},
		{"POST", "/api/v1/collective/{id}/members", memberRoles, h.jointStep},
		{"POST", "/api/v1/collective/{id}/represent", memberRoles, h.represent},
		{"POST", "/api/v1/collective/{id}/notify", memberRoles, h.notifyMembers},
		{"GET", "/api/v1/settings/credit", staffRoles, h.getCreditSettings},
		{"PUT", "/api/v1/settings/credit", adminOnly, h.putCreditSettings},
		{"GET", "/api/v1/credit/listings", staffRoles, h.listListings},
		{"POST", "/api/v1/credit/listings", listingRoles, h.openListing},
		{"GET", "/api/v1/credit/listings/{id}", staffRoles, h.getListing},
		{"POST", "/api/v1/credit/listings/{id}/steps", listingRoles, h.stepListing},
		{"GET", "/api/v1/credit/honours", staffRoles, h.listHonours},
		{"POST", "/api/v1/credit/honours", headRoles, h.grantHonour},
		{"POST", "/api/v1/credit/honours/{id}/decision", headRoles, h.decideHonour},
		{"GET", "/api/v1/matters/{number}/flags", staffRoles, h.matterFlags},
		{"GET", "/api/v1/merchants/{id}/record", staffRoles, h.merchantRecord},
		{"PUT", "/api/v1/merchants/{id}/custody", headRoles, h.putCustody},
		{"GET", "/api/v1/credit/abnormal-list", nil, h.abnormalList},
		{"GET", "/api/v1/credit/honour-roll", nil, h.honourRoll},
		{"GET", "/api/v1/credit/disclosure", nil, h.disclosure},
		{"POST", "/api/v1/hotline/inbound", nil, h.receiveFromCentre},
		{"GET", "/api/v1/hotline/orders/{order_no}", nil, h.getWorkOrder},
		{"POST", "/api/v1/hotline/orders/{order_no}/actions/{step}", staffRoles, h.workOrderStep},

		// The court and the departments (issue 10; court.go).
		{"POST", "/api/v1/court/delegations", nil, h.delegateFromCourt}, // a key door: court_keys.go
		{"GET", "/api/v1/court/delegations", nil, h.listCourtDelegations},
		{"GET", "/api/v1/court/delegations/{number}", nil, h.getCourtDelegation},
		{"GET", "/api/v1/court/delegations/{number}/letter", nil, h.getCourtLetter},
		{"GET", "/api/v1/court/desk", []auth.Role{auth.Judge}, h.judgeDesk},
		{"GET", "/api/v1/matters/{number}/court", staffRoles, h.getCourtFile},
		{"POST", "/api/v1/matters/{number}/court/decision", centreRoles, h.decideDelegation},
		{"POST", "/api/v1/matters/{number}/court/extension", centreRoles, h.extendCourtPeriod},
		{"POST", "/api/v1/matters/{number}/court/result", staffRoles, h.sendCourtResult},
		{"POST", "/api/v1/matters/{number}/court/confirmation", centreRoles, h.applyConfirmation},
		{"GET", "/api/v1/matters/{number}/court/confirmation.zip", staffRoles, h.confirmationZip},
		{"POST", "/api/v1/matters/{number}/court/ruling", staffRoles, h.recordRuling},
		{"POST", "/api/v1/matters/{number}/court/transfer", centreRoles, h.transferToFiling},
		{"GET", "/api/v1/matters/{number}/court/transfer.zip", staffRoles, h.transferZip},
		{"POST", "/api/v1/matters/{number}/court/case_number", staffRoles, h.recordCaseNumber},
		{"POST", "/api/v1/matters/{number}/referrals", staffRoles, h.referMatter},
		{"POST", "/api/v1/matters/{number}/referrals/{id}/answer", staffRoles, h.answerReferral},
		{"POST", "/api/v1/matters/{number}/referrals/police", centreRoles, h.referToPolice},
		{"GET", "/api/v1/matters/{number}/duplicate", staffRoles, h.getDuplicate},
		{"POST", "/api/v1/matters/{number}/court/appraisal", centreRoles, h.courtAppraisal},
		{"POST", "/api/v1/matters/{number}/court/judge", staffRoles, h.judgeAtSession},
		{"POST", "/api/v1/matters/{number}/court/enforcement", centreRoles, h.applyEnforcement},
		{"POST", "/api/v1/referrals", centreRoles, h.receiveReferral},
		{"POST", "/api/v1/matters/{number}/no_authority", []auth.Role{auth.Admin, auth.Supervisor, auth.Operator}, h.tellNoAuthority},
		{"POST", "/api/v1/matters/{number}/return", []auth.Role{auth.Admin, auth.Supervisor, auth.Mediator, auth.Judge}, h.returnToIntake},
		{"POST", "/api/v1/matters/{number}/reporter_notice", headRoles, h.notifyReporter},
		{"GET", "/api/v1/meetings", centreRoles, h.listMeetings},
		{"POST", "/api/v1/meetings", headRoles, h.recordMeeting},
		{"GET", "/api/v1/meetings/{id}", centreRoles, h.getMeeting},
		{"GET", "/api/v1/meetings/{id}/minutes", centreRoles, h.meetingMinutes},
		{"POST", "/api/v1/meetings/{id}/decisions/{decision}/done", centreRoles, h.meetingDecisionDone},

		// Social supervision (C10; supervision.go, supervision_desk.go), as the web desk.
		{"GET", "/api/v1/supervision", staffRoles, h.getSupervision},
		{"POST", "/api/v1/supervision/questionnaires", headRoles, h.createQuestionnaire},
		{"GET", "/api/v1/supervision/questionnaires/{id}", staffRoles, h.getQuestionnaire},
		{"POST", "/api/v1/supervision/questionnaires/{id}/links", headRoles, h.linkQuestionnaire},
		{"POST", "/api/v1/supervision/questionnaires/{id}/open", headRoles, h.openQuestionnaire},
		{"POST", "/api/v1/supervision/visits", supervisionDesk, h.recordVisit},
		{"POST", "/api/v1/supervision/samples", supervisionDesk, h.recordSample},
		{"POST", "/api/v1/supervision/samples/{id}/result", headRoles, h.sampleResult},
		{"POST", "/api/v1/supervision/samples/{id}/publish", headRoles, h.publishSample},
		{"POST", "/api/v1/supervision/inspectors", headRoles, h.addInspector},
		{"POST", "/api/v1/supervision/inspectors/{id}/conflicts", headRoles, h.declareConflict},
		{"POST", "/api/v1/supervision/draws", headRoles, h.publishDraw},
		{"POST", "/api/v1/supervision/draws/{id}/run", headRoles, h.runDraw},

		// The outbox's message templates (templates.go), as /admin/templates.
		{"GET", "/api/v1/templates", adminOnly, h.listTemplates},
		{"PUT", "/api/v1/templates/{kind}/{lang}", adminOnly, h.putTemplate},
		{"POST", "/api/v1/templates/{kind}/{lang}/preview", adminOnly, h.previewTemplate},
	}
}

// keyDoors are the routes whose handler checks credentials itself, because an outside
// system's API key opens them as well as a session; the text names who may pass.
var keyDoors = map[string]string{
	"POST /api/v1/hotline/inbound":          "the 12345 centre's hotline_12345 key; admin, supervisor, operator",
	"GET /api/v1/hotline/orders/{order_no}": "the 12345 centre's hotline_12345 key; admin, supervisor, operator, mediator, judge",
	// The court's system with its key of scope court, for its own court; or a session.
	"POST /api/v1/court/delegations":                "a court's court key; admin, supervisor, judge",
	"GET /api/v1/court/delegations":                 "a court's court key; judge",
	"GET /api/v1/court/delegations/{number}":        "a court's court key; admin, supervisor, judge",
	"GET /api/v1/court/delegations/{number}/letter": "a court's court key; admin, supervisor, judge",
}

// KeyDoor says who passes a route whose handler checks credentials itself, or "".
func KeyDoor(method, path string) string { return keyDoors[method+" "+path] }

// Mount registers every route on mux. A known path asked with another method
// gets 405 with Allow; anything else under /api/ gets the JSON 404.
func (h *Handler) Mount(mux *http.ServeMux) {
	methods := map[string][]string{}
	var paths []string
	for _, rt := range h.Routes() {
		mux.Handle(rt.Method+" "+rt.Path, h.guard(rt))
		if methods[rt.Path] == nil {
			paths = append(paths, rt.Path)
		}
		methods[rt.Path] = append(methods[rt.Path], rt.Method)
	}
	for _, p := range paths {
		allow := strings.Join(methods[p], ", ")
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
			if slices.Contains(methods[p], m) || m == "GET" && slices.Contains(methods[p], "HEAD") {
				continue
			}
			mux.HandleFunc(m+" "+p, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Allow", allow)
				fail(w, r, httpio.ErrMethod)
			})
		}
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		fail(w, r, fault.ErrNotFound)
	})
}

// UserFrom returns the signed-in user of a request, or nil.
func UserFrom(ctx context.Context) *auth.User { return service.UserFrom(ctx) }

// who is the principal of a request: the signed-in user, or the public.
func who(r *http.Request) auth.Principal {
	p := service.PrincipalFrom(r.Context())
	if p.Addr == "" {
		p.Addr = r.RemoteAddr
	}
	return p
}

// guard resolves the user and checks the route's roles before the handler runs.
func (h *Handler) guard(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.Roles != nil {
			tok := httpio.Token(r)
			if tok == "" {
				fail(w, r, service.ErrUnauthorized)
				return
			}
			u, err := h.svc.UserByToken(r.Context(), tok)
			if err != nil {
				fail(w, r, err)
				return
			}
			if len(rt.Roles) > 0 && !hasRole(rt.Roles, u.Role) {
				fail(w, r, service.ErrForbidden)
				return
			}
			r = r.WithContext(service.WithPrincipal(r.Context(), auth.Principal{User: &u, Addr: r.RemoteAddr}))
		}
		// The query and the path are checked once here, the JSON body in httpio.Decode.
		err := httpio.CheckQuery(r)
		if err == nil {
			err = httpio.CheckPath(r, rt.Path)
		}
		if err != nil {
			fail(w, r, err)
			return
		}
		rt.handle(w, r)
	})
}

func hasRole(roles []auth.Role, r auth.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}
