package api

// Names the external tests (package api_test) need; they live in this file so the
// package's real API does not grow for tests.
var OpenAPIDoc = openapiDoc

type (
	MatterView     = matterView
	UserInput      = userInput
	StationInput   = stationInput
	LoginRequest   = loginRequest
	LoginResponse  = loginResponse
	MatterPage     = page
	IntakeResponse = intakeResponse
)

type (
	DeadlineView     = deadlineView
	ClockView        = clockView
	AlertView        = alertView
	CalendarYearView = calendarYearView
	AuditView        = auditView
)
