package portal

// routes is the whole portal in one table; every page is open to anyone, and what a page
// shows of a matter depends only on the proof the consumer holds.
func (h *Handler) routes() []route {
	return []route{
		{"GET /portal/{$}", h.showHome},
		{"POST /portal/lang", h.switchLang},
		{"POST /portal/display", h.switchDisplay},

		{"GET /portal/submit", h.showSubmit},
		{"POST /portal/submit", h.submit},

		{"GET /portal/track", h.showTrack},
		{"POST /portal/track/code", h.sendCode},
		{"POST /portal/track/prove", h.prove},
		{"GET /portal/case", h.showCase},
		{"POST /portal/case/withdraw", h.withdraw},
		{"POST /portal/case/offer/accept", h.acceptOffer},
		{"POST /portal/case/offer/decline", h.declineOffer},
		{"POST /portal/case/rate", h.rate},
		{"POST /portal/signout", h.signOut},

		{"GET /portal/notices", h.showNotices},
		{"GET /portal/stations", h.showStations},
		{"GET /portal/stations/{id}/poster", h.showPoster},
		{"GET /portal/stations/{id}/poster.pdf", h.posterPDF},
		{"GET /portal/merchants", h.showMerchants},
		{"GET /portal/honours", h.showHonours},
		{"GET /portal/abnormal", h.showAbnormal},

		{"GET /portal/consent/{ref}", h.showConsent},
		{"POST /portal/consent/{ref}", h.confirmConsent},
		{"GET /portal/survey/{token}", h.showSurvey},
		{"POST /portal/survey/{token}", h.answerSurvey},
		{"GET /portal/draws", h.showDraws},
		{"GET /portal/draws/{id}", h.showDraw},
		{"GET /portal/draws/{id}/draw.json", h.drawJSON},
		{"GET /portal/sampling", h.showSampling},

		{"GET /portal/static/{file}", h.serveStatic},
		{"/portal/", h.notFound},
	}
}
