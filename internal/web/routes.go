package web

import (
	"net/http"

	"weiquan/internal/auth"
)

// route is one row of the route table: a ServeMux pattern, who may use it, and its handler.
type route struct {
	pattern string
	roles   []auth.Role // nil: anyone; empty: any signed-in user
	handle  http.HandlerFunc
}

var (
	signedIn = []auth.Role{}
	staff    = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator, auth.Judge}
	readers  = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator, auth.Judge, auth.Merchant}
	admins   = []auth.Role{auth.Admin}
	// mediatorRoles hold sessions, reach and sign agreements (issue 9).
	mediatorRoles = []auth.Role{auth.Admin, auth.Supervisor, auth.Mediator, auth.Judge}
	// merchants answer complaints against them online (C12).
	merchants = []auth.Role{auth.Merchant}
	// jointRoles record consents and representatives of a joint complaint (R-L5).
	jointRoles = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator}
	// deskRoles take calls on the hotline desk.
	deskRoles = []auth.Role{auth.Admin, auth.Supervisor, auth.Operator}
)

// routes is the whole workbench in one table.
func (h *Handler) routes() []route {
	return []route{
		{"GET /{$}", signedIn, h.showHome},
		{"GET /login", nil, h.showLogin},
		{"POST /login", nil, h.login},
		{"POST /logout", signedIn, h.logout},
		{"POST /lang", nil, h.switchLang},
		{"GET /profile", signedIn, h.showProfile},
		{"POST /profile/password", signedIn, h.changePassword},
		{"POST /profile/alerts", signedIn, h.saveAlertChannels},

		{"GET /intake", staff, h.showIntake},
		{"POST /intake", staff, h.submitIntake},
		{"GET /intake/{number}", staff, h.showIntakeDone},
		{"GET /suggest/merchants", staff, h.suggestMerchants},
		{"GET /suggest/areas", staff, h.suggestAreas},
		{"GET /suggest/repeat", staff, h.suggestRepeat},
		{"GET /desk/events", deskRoles, h.deskEvents},
		{"GET /desk/calls/{id}", deskRoles, h.showCallCard},

		{"GET /queue", readers, h.showQueue},
		{"GET /matters/{number}", readers, h.showMatter},
		{"POST /matters/{number}/actions/{action}", staff, h.actOnMatter},
		{"POST /matters/{number}/attachments", staff, h.uploadAttachment},
		{"GET /matters/{number}/attachments/{id}", staff, h.downloadAttachment},
		{"POST /matters/{number}/reveal", staff, h.revealField},
		{"POST /matters/{number}/workorder/{step}", staff, h.stepWorkOrder},
		{"POST /matters/{number}/consents", staff, h.recordConsent},
		{"POST /matters/{number}/consents/code", staff, h.sendConsentCode},
		{"POST /matters/{number}/consents/code/{id}", staff, h.confirmConsentCode},
		{"POST /matters/{number}/consents/link", staff, h.sendConsentLink},
		{"POST /matters/{number}/declarations", mediatorRoles, h.recordDeclaration},
		{"POST /matters/{number}/sessions", mediatorRoles, h.scheduleSession},
		{"POST /matters/{number}/sessions/{id}/minutes", mediatorRoles, h.recordMinutes},
		{"POST /matters/{number}/agreement", mediatorRoles, h.recordAgreement},
		{"GET /matters/{number}/sign/{side}", mediatorRoles, h.showSignature},
		{"POST /matters/{number}/signatures", mediatorRoles, h.saveSignature},
		{"POST /matters/{number}/fulfilment", staff, h.recordFulfilment},
		{"POST /matters/{number}/offer/accept", mediatorRoles, h.acceptOffer},
		{"POST /matters/{number}/callback", staff, h.recordCallback},
		{"POST /matters/{number}/agent", staff, h.saveAgent},
		{"POST /matters/{number}/facts", staff, h.saveFacts},
		{"POST /matters/{number}/delegation", mediatorRoles, h.recordDelegation},
		{"POST /matters/{number}/appraisals", mediatorRoles, h.startAppraisal},
		{"POST /matters/{number}/appraisals/{id}/end", mediatorRoles, h.endAppraisal},
		{"POST /matters/{number}/recusals", mediatorRoles, h.applyRecusal},
		{"POST /matters/{number}/recusals/{id}/decision", heads, h.decideRecusal},
		{"POST /matters/{number}/documents", staff, h.issueDocument},
		{"GET /matters/{number}/documents/{id}", staff, h.showDocument},
		{"GET /matters/{number}/documents/{id}/pdf", staff, h.downloadDocumentPDF},
		{"GET /matters/{number}/answer", merchants, h.showAnswer},
		{"POST /matters/{number}/answer", merchants, h.submitAnswer},
		{"GET /court", []auth.Role{auth.Judge}, h.showJudgeDesk},
		{"GET /matters/{number}/court", staff, h.showCourt},
		{"POST /matters/{number}/court/{step}", staff, h.actOnCourt},
		{"GET /matters/{number}/court/{bundle}", staff, h.downloadCourtZip},
		{"GET /matters/{number}/reward", staff, h.showReward},
		{"GET /referrals/new", courtCentre, h.showIncomingReferral},
		{"POST /referrals/new", courtCentre, h.receiveIncomingReferral},
		{"GET /meetings", staff, h.showMeetings},
		{"POST /meetings", heads, h.recordMeeting},
		{"GET /meetings/{id}", staff, h.showMeeting},
		{"GET /meetings/{id}/{format}", staff, h.showMinutes},
		{"POST /meetings/{id}/decisions/{decision}/done", staff, h.doneDecision},

		{"GET /board", staff, h.showBoard},
		{"GET /alerts", staff, h.showAlerts},
		{"POST /alerts/read", staff, h.readAllAlerts},
		{"POST /alerts/{id}/read", staff, h.readAlert},

		{"GET /collective", staff, h.listCollective},
		{"GET /collective/{id}", staff, h.showCollective},
		{"POST /collective/{id}/decide", heads, h.decideCollective},
		{"POST /collective/{id}/members", jointRoles, h.stepCollectiveMember},
		{"POST /collective/{id}/agreement", agreeRoles, h.agreeCollective},
		{"POST /collective/{id}/represent", jointRoles, h.representCollective},
		{"POST /collective/{id}/notify", jointRoles, h.notifyCollective},
		{"GET /credit/listings", staff, h.listListings},
		{"POST /credit/listings", deskRoles, h.openListing},
		{"GET /credit/listings/{id}", staff, h.showListing},
		{"POST /credit/listings/{id}/{action}", deskRoles, h.stepListing},
		{"GET /credit/honours", staff, h.listHonours},
		{"POST /credit/honours", heads, h.grantHonour},
		{"POST /credit/honours/{id}/decide", heads, h.decideHonour},
		{"GET /merchants/{id}/credit", staff, h.showMerchantCredit},
		{"GET /supervision", staff, h.showSupervision},
		{"POST /supervision/questionnaires", heads, h.createQuestionnaire},
		{"GET /supervision/questionnaires/{id}", staff, h.showQuestionnaire},
		{"POST /supervision/questionnaires/{id}/links", heads, h.linkQuestionnaire},
		{"POST /supervision/questionnaires/{id}/open", heads, h.openQuestionnaire},
		{"POST /supervision/visits", deskRoles, h.recordVisit},
		{"POST /supervision/samples", deskRoles, h.recordSample},
		{"POST /supervision/samples/{id}/{action}", heads, h.stepSample},
		{"POST /supervision/inspectors", heads, h.addInspector},
		{"POST /supervision/draws", heads, h.publishDraw},
		{"POST /supervision/draws/{id}/run", heads, h.runDraw},
		{"POST /merchants/{id}/custody", heads, h.saveCustody},

		{"GET /reports", heads, h.showReport},
		{"GET /reports/summary.xlsx", heads, h.exportReport},
		{"GET /reports/summary.csv", heads, h.exportReport},
		{"GET /reports/matters", heads, h.listReportMatters},
		{"GET /reports/matters.xlsx", heads, h.exportReportMatters},
		{"GET /reports/matters.csv", heads, h.exportReportMatters},
		{"GET /notices", heads, h.listNotices},
		{"GET /notices/new", heads, h.showNoticeForm},
		{"GET /notices/{id}", heads, h.showNoticeForm},
		{"POST /notices", heads, h.saveNotice},
		{"POST /notices/{id}", heads, h.saveNotice},
		{"GET /imports", heads, h.showImports},
		{"POST /imports/preview", heads, h.previewImport},
		{"POST /imports/commit", heads, h.commitImport},
		{"GET /imports/result/{token}", heads, h.showImportResult},

		{"GET /admin/areas", admins, h.listAreas},
		{"GET /admin/areas/new", admins, h.showAreaForm},
		{"GET /admin/areas/{id}", admins, h.showAreaForm},
		{"POST /admin/areas", admins, h.saveArea},
		{"POST /admin/areas/{id}", admins, h.saveArea},
		{"GET /admin/stations", admins, h.listStations},
		{"GET /admin/stations/new", admins, h.showStationForm},
		{"GET /admin/stations/{id}", admins, h.showStationForm},
		{"POST /admin/stations", admins, h.saveStation},
		{"POST /admin/stations/{id}", admins, h.saveStation},
		{"GET /admin/users", admins, h.listUsers},
		{"GET /admin/users/new", admins, h.showUserForm},
		{"GET /admin/users/{id}", admins, h.showUserForm},
		{"POST /admin/users", admins, h.saveUser},
		{"POST /admin/users/{id}", admins, h.saveUser},
		{"POST /admin/users/{id}/password", admins, h.resetPassword},
		{"POST /admin/users/{id}/deactivate", admins, h.deactivateUser},
		{"GET /admin/merchants", admins, h.listMerchants},
		{"GET /admin/merchants/new", admins, h.showMerchantForm},
		{"GET /admin/merchants/{id}", admins, h.showMerchantForm},
		{"POST /admin/merchants", admins, h.saveMerchant},
		{"POST /admin/merchants/{id}", admins, h.saveMerchant},
		{"GET /admin/apikeys", admins, h.listAPIKeys},
		{"POST /admin/apikeys", admins, h.createAPIKey},
		{"POST /admin/apikeys/{id}/revoke", admins, h.revokeAPIKey},
		{"GET /admin/calendar", admins, h.showCalendar},
		{"POST /admin/calendar", admins, h.loadCalendar},
		{"POST /admin/calendar/notice", admins, h.proposeNotice},
		{"POST /admin/calendar/notice/confirm", admins, h.confirmNotice},
		{"GET /admin/calendar/{year}", admins, h.showCalendarYear},
		{"GET /admin/calendar/{year}/csv", admins, h.exportCalendarYear},
		{"GET /admin/settings", admins, h.showSettings},
		{"POST /admin/settings/clocks", admins, h.saveClockSettings},
		{"POST /admin/settings/tiers", admins, h.saveTierSettings},
		{"POST /admin/settings/hotline", admins, h.saveHotlineMapping},
		{"GET /admin/settings/credit", admins, h.showCreditSettings},
		{"POST /admin/settings/credit", admins, h.saveCreditSettings},
		{"GET /admin/settings/mediation", admins, h.showMediationSettings},
		{"POST /admin/settings/mediation", admins, h.saveMediationSettings},
		{"GET /admin/audit", admins, h.listAudit},
		{"GET /admin/audit.csv", admins, h.exportAudit},
		{"POST /admin/audit/verify", admins, h.verifyAudit},
		{"GET /admin/outbox", admins, h.listOutbox},
		{"POST /admin/outbox/{id}/requeue", admins, h.requeueMessage},
		{"GET /admin/templates", admins, h.showTemplates},
		{"POST /admin/templates", admins, h.saveTemplate},

		{"GET /static/{file}", nil, h.serveStatic},
		{"/", nil, h.notFound},
	}
}

// Route is a row of the route table as tests see it: the pattern and who may use it.
type Route struct {
	Pattern string
	Roles   []auth.Role // nil: anyone; empty: any signed-in user
}

// Routes lists the workbench's route table, so a test can hold every route to its expected answer.
func (h *Handler) Routes() []Route {
	var out []Route
	for _, rt := range h.routes() {
		out = append(out, Route{Pattern: rt.pattern, Roles: rt.roles})
	}
	return out
}
